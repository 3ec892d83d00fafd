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
    [InlineData(0, 15)]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(6, 960)]
    [InlineData(7, 1440)]
    [InlineData(50, 1440)]
    [InlineData(int.MaxValue, 1440)]
    public void EachLockWithoutASuccessBetweenDoublesUpToADay(int previousLocks, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), LockoutPolicy.Default.LockDuration(previousLocks));
    }

    [Fact]
    public void WithoutAMaximumLocksNeverGrow()
    {
        var policy = new LockoutPolicy(5, TimeSpan.FromMinutes(15));

        Assert.Equal(TimeSpan.FromMinutes(15), policy.LockDuration(10));
    }

    [Theory]
    [InlineData(300, 200)]
    [InlineData(300, 700_000)]
    public void MaximumShorterThanTheFirstLockOrOverAWeekIsRejected(int seconds, int maximumSeconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LockoutPolicy(5, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(maximumSeconds)));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(100, 60)]
    [InlineData(5, 10)]
    [InlineData(5, 119)]
    [InlineData(5, 90_000)]
    public void OutOfBoundsSettingsAreRejected(int threshold, int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LockoutPolicy(threshold, TimeSpan.FromSeconds(seconds)));
    }
}
