using StsFtw.Testing.Fixtures;

namespace StsFtw.Aws.Tests.Fixtures;

/// <summary>
/// Test classes in this collection share one dynalite server (each uses its own tables). The collection runs alone,
/// after the others: its fault, deadline and load tests time real waits, which the CPU-heavy tests of other
/// collections would otherwise delay.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
