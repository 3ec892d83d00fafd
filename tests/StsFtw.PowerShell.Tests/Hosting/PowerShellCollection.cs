

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>
/// Every test that runs the module in the hosted engine: they share the process environment ($env:), so they run
/// one at a time, and one dynalite server (each test uses its own table).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PowerShellCollection : ICollectionFixture<DynaliteServer>
{
    public const string Name = "PowerShell engine";
}
