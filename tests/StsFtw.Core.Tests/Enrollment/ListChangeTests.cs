using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Tests.Enrollment;

public sealed class ListChangeTests
{
    private static readonly string[] Current = { "Developer", "ReadOnly" };

    [Fact]
    public void AddKeepsOrderAndDropsDuplicates()
    {
        Assert.Equal(new[] { "Developer", "ReadOnly", "Admin" }, ListChange.AddRemove(new[] { "Admin", "Developer" }, null).ApplyTo(Current));
    }

    [Fact]
    public void RemoveDropsOnlyExactMatches()
    {
        Assert.Equal(new[] { "Developer" }, ListChange.AddRemove(null, new[] { "ReadOnly", "developer" }).ApplyTo(Current));
    }

    [Fact]
    public void ReplaceIgnoresTheCurrentList()
    {
        Assert.Equal(new[] { "Admin" }, ListChange.ReplaceWith(new[] { "Admin", "Admin" }).ApplyTo(Current));
    }
}
