using StsFtw.Core.Enrollment;
using StsFtw.Testing.BruteForce;

namespace StsFtw.Aws.Tests.BruteForce;

/// <summary>The figures SECURITY.md section 4 quotes for the failure budget, from the model the brute-force runs match.</summary>
public sealed class GuessOddsFigures
{
    private static readonly FailureBudget Unreached = new(FailureBudget.MaximumFailures, FailureBudget.ShortestWindow);

    [Fact]
    public void DefaultBudgetHoldsAnAttackerToTwentyOneGuessesAWeekWhateverTheOwnersSuccesses()
    {
        var odds = new GuessOdds(LockoutPolicy.Default);

        Assert.Equal((21, 42, 1098), (odds.ChecksWithin(TimeSpan.FromDays(1)), odds.ChecksWithin(TimeSpan.FromDays(14)), odds.ChecksWithin(TimeSpan.FromDays(365))));
        Assert.Equal(3.0, odds.SteadyGuessesPerHour * 24, precision: 1);
        Assert.Equal(0.33, odds.SuccessWithin(TimeSpan.FromDays(365)) * 100, precision: 2);
        Assert.Equal(28.1, odds.AnyOfWithin(100, TimeSpan.FromDays(365)) * 100, precision: 1);
    }

    [Fact]
    public void WithoutTheBudgetTheDoublingLocksAloneAllowTwiceAsMany()
    {
        var odds = new GuessOdds(new LockoutPolicy(5, LockoutPolicy.DefaultDuration, LockoutPolicy.DefaultMaximumDuration, Unreached));

        Assert.Equal((42, 54, 2226), (odds.ChecksWithin(TimeSpan.FromDays(1)), odds.ChecksWithin(TimeSpan.FromDays(3)), odds.ChecksWithin(TimeSpan.FromDays(365))));
        Assert.Equal(0.67, odds.SuccessWithin(TimeSpan.FromDays(365)) * 100, precision: 2);
    }

    [Theory]
    [InlineData(10, 7, 578, 0.17)]
    [InlineData(20, 30, 273, 0.08)]
    public void TighterBudgetsScaleTheOddsDown(int failures, int windowDays, long perYear, double percentPerYear)
    {
        var odds = new GuessOdds(new LockoutPolicy(5, LockoutPolicy.DefaultDuration, LockoutPolicy.DefaultMaximumDuration,
            new FailureBudget(failures, TimeSpan.FromDays(windowDays))));

        Assert.Equal(perYear, odds.ChecksWithin(TimeSpan.FromDays(365)));
        Assert.Equal(percentPerYear, odds.SuccessWithin(TimeSpan.FromDays(365)) * 100, precision: 2);
    }
}
