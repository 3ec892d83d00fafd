using StsFtw.Client.Enrollment;
using StsFtw.Core.Totp;

namespace StsFtw.Client.Tests.Enrollment;

/// <summary>The two-code check New-StsEnrollment and stsftw enroll share (moved here from the cmdlet assembly).</summary>
public sealed class DeviceVerificationTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
    private static readonly TotpSecret Secret = TotpSecret.Generate();

    private static string CodeAt(long step) => TotpVerifier.ComputeCode(Secret, step);

    private static long Step => TotpVerifier.TimeStepAt(Now);

    [Fact]
    public void TwoConsecutiveCodesProveTheDevice()
    {
        Assert.Null(DeviceVerification.Check(Secret, CodeAt(Step), Now, CodeAt(Step + 1), Now.AddSeconds(30)));
    }

    [Fact]
    public void TheNextCodeTypedAtOnceIsStillConsecutive()
    {
        Assert.Null(DeviceVerification.Check(Secret, CodeAt(Step), Now, CodeAt(Step + 1), Now.AddSeconds(2)));
    }

    [Fact]
    public void TheSameCodeTwiceIsRefused()
    {
        var reason = DeviceVerification.Check(Secret, CodeAt(Step), Now, CodeAt(Step), Now.AddSeconds(2));
        Assert.Contains("not consecutive", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongSecondCodeIsRefusedWithoutEchoingIt()
    {
        var wrong = CodeAt(Step + 5);
        var reason = DeviceVerification.Check(Secret, CodeAt(Step), Now, wrong, Now.AddSeconds(30));
        Assert.NotNull(reason);
        Assert.DoesNotContain(wrong, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongFirstCodeIsRefused()
    {
        Assert.Contains("first code", DeviceVerification.Check(Secret, CodeAt(Step + 5), Now, CodeAt(Step + 1), Now.AddSeconds(30)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("12a456")]
    public void AMalformedCodeIsRefused(string code)
    {
        Assert.NotNull(DeviceVerification.Check(Secret, code, Now, CodeAt(Step + 1), Now.AddSeconds(30)));
    }
}
