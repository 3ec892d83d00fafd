using StsFtw.Testing.Fixtures;

namespace StsFtw.PowerShell.EndToEnd.Tests;

[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
