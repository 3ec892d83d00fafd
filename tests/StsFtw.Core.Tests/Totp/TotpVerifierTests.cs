using System.Text;
using StsFtw.Core.Totp;

namespace StsFtw.Core.Tests.Totp;

/// <summary>RFC 6238 verification: the RFC's own vectors, the ±1 step window, and the matched step.</summary>
public sealed class TotpVerifierTests
{
    // RFC 6238 Appendix B, SHA-1 rows; the RFC prints 8 digits, a 6-digit code is the last six.
    private static readonly TotpSecret RfcSecret = TotpSecret.FromBytes(Encoding.ASCII.GetBytes("12345678901234567890"));

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void ComputesTheRfc6238AppendixBCodes(long unixTime, string expected)
    {
        var step = TotpVerifier.TimeStepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime));

        Assert.Equal(expected, TotpVerifier.ComputeCode(RfcSecret, step));
    }

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1234567890L, "005924")]
    public void VerifiesTheRfcVectorsAndReturnsTheMatchedStep(long unixTime, string code)
    {
        var moment = DateTimeOffset.FromUnixTimeSeconds(unixTime);

        Assert.Equal(unixTime / 30, TotpVerifier.Verify(RfcSecret, code, moment));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void AcceptsOneStepOfNetworkDelayEitherSideAndReportsWhichStep(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var step = TotpVerifier.TimeStepAt(now) + offset;

        Assert.Equal(step, TotpVerifier.Verify(RfcSecret, TotpVerifier.ComputeCode(RfcSecret, step), now));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void RejectsCodesTwoStepsAway(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var code = TotpVerifier.ComputeCode(RfcSecret, TotpVerifier.TimeStepAt(now) + offset);

        Assert.Null(TotpVerifier.Verify(RfcSecret, code, now));
    }

    [Fact]
    public void TimeStepIsUnixSecondsOverThirty()
    {
        Assert.Equal(0, TotpVerifier.TimeStepAt(DateTimeOffset.FromUnixTimeSeconds(29)));
        Assert.Equal(1, TotpVerifier.TimeStepAt(DateTimeOffset.FromUnixTimeSeconds(30)));
    }

    [Theory]
    [InlineData("123456", "123456", true)]
    [InlineData("123456", "123457", false)]
    [InlineData("123456", "12345", false)]
    [InlineData("", "", true)]
    public void FixedTimeEqualsComparesWholeStrings(string a, string b, bool equal)
    {
        Assert.Equal(equal, TotpVerifier.FixedTimeEquals(a, b));
    }
}
