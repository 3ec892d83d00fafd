using StsFtw.Core.Invitations;
using StsFtw.Core.Totp;

namespace StsFtw.Core.Tests.Invitations;

/// <summary>Confirmation takes two consecutive codes of the new secret, the second within one step of now.</summary>
public sealed class ConsecutiveCodesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 10, TimeSpan.Zero);
    private static readonly TotpSecret Secret = TotpSecret.Generate();
    private static readonly long Step = TotpVerifier.TimeStepAt(Now);

    private static string Code(long step) => TotpVerifier.ComputeCode(Secret, step);

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void ConsecutiveCodesMatchTheSecondCodesStep(int offset) =>
        Assert.Equal(Step + offset, ConsecutiveCodes.Verify(Secret, Code(Step + offset - 1), Code(Step + offset), Now));

    [Fact]
    public void SameCodeTwiceIsRefused() => Assert.Null(ConsecutiveCodes.Verify(Secret, Code(Step), Code(Step), Now));

    [Fact]
    public void CodesInTheWrongOrderAreRefused() => Assert.Null(ConsecutiveCodes.Verify(Secret, Code(Step), Code(Step - 1), Now));

    [Fact]
    public void CodesWithAGapAreRefused() => Assert.Null(ConsecutiveCodes.Verify(Secret, Code(Step - 2), Code(Step), Now));

    [Fact]
    public void CodesTooOldAreRefused() => Assert.Null(ConsecutiveCodes.Verify(Secret, Code(Step - 3), Code(Step - 2), Now));

    [Fact]
    public void CodesOfAnotherSecretAreRefused()
    {
        var other = TotpSecret.Generate();

        Assert.Null(ConsecutiveCodes.Verify(Secret, TotpVerifier.ComputeCode(other, Step - 1), TotpVerifier.ComputeCode(other, Step), Now));
    }
}
