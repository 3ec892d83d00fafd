using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Tests.Enrollment;

public sealed class LockoutPolicyTests
{
    [Fact]
    public void DefaultToleratesFiveFailuresAndTheSixthLocksForFifteenMinutes()
    {
        Assert.Equal(5, LockoutPolicy.Default.FailureLimit);
        Assert.Equal(6, LockoutPolicy.Default.LockingFailure);
        Assert.Equal(TimeSpan.FromMinutes(15), LockoutPolicy.Default.Duration);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(100, 60)]
    [InlineData(5, 10)]
    [InlineData(5, 90_000)]
    public void OutOfBoundsSettingsAreRejected(int threshold, int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LockoutPolicy(threshold, TimeSpan.FromSeconds(seconds)));
    }
}
