using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Tests.Enrollment;

/// <summary>SECURITY.md rule I12: what an admin's enrollment or device replacement finds on the account's item, decided once.</summary>
public sealed class EnrollmentStandingTests
{
    private static readonly AccountKey Alice = new("Example", "alice");

    [Fact]
    public void NoItemIsAFreshEnrollmentThatOverwritesNothing()
    {
        var standing = EnrollmentStanding.Of(null);

        Assert.Same(EnrollmentStanding.Fresh, standing);
        Assert.False(standing.Exists);
        Assert.False(standing.HasDevice);
        Assert.False(standing.EndsInvitation);
        Assert.Null(standing.OverwriteNotice);
        Assert.Equal("Enroll a new authenticator", standing.EnrollAction);
    }

    [Fact]
    public void AnInvitedOnlyAccountHasNoDeviceSoEnrollingItNeedsNoForceAndEndsTheInvitation()
    {
        var standing = EnrollmentStanding.Of(new AuthEntry(Alice) { Roles = ["Developer"] });

        Assert.Same(EnrollmentStanding.Invited, standing);
        Assert.True(standing.Exists);
        Assert.False(standing.HasDevice);
        Assert.True(standing.EndsInvitation);
        Assert.Contains("invitation stops working", standing.EnrollAction, StringComparison.Ordinal);
        Assert.Contains("its code stops working", standing.OverwriteNotice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example", null)]
    [InlineData(null, new byte[] { 1, 2, 3 })]
    public void AnAccountWithADeviceIsEnrolledAndOnlyForceReplacesIt(string? uri, byte[]? ciphertext)
    {
        var standing = EnrollmentStanding.Of(new AuthEntry(Alice) { Secret = new StoredSecret(uri, ciphertext) });

        Assert.Same(EnrollmentStanding.Enrolled, standing);
        Assert.True(standing.Exists);
        Assert.True(standing.HasDevice);
        Assert.False(standing.EndsInvitation);
        Assert.Contains("old device stops working", standing.EnrollAction, StringComparison.Ordinal);
        Assert.Contains("old device stops working", standing.OverwriteNotice, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyUrlIsNoDevice() =>
        Assert.Same(EnrollmentStanding.Invited, EnrollmentStanding.Of(new AuthEntry(Alice) { Secret = new StoredSecret(string.Empty, []) }));
}
