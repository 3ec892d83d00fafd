using StsFtw.Testing.Fixtures;

namespace StsFtw.Lambda.Tests.Process;

/// <summary>Test classes in this collection share one dynalite server (each uses its own tables).</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
