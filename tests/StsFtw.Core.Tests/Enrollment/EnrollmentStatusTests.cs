using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Tests.Enrollment;

/// <summary>What the admin cmdlets show of an account and its invitation.</summary>
public sealed class EnrollmentStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Alice = new("Example", "alice");
    private static readonly StoredSecret Device = new("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example", null);

    [Fact]
    public void AnAccountWithADeviceIsActiveWhateverItsInvitation()
    {
        Assert.Equal("Active", EnrollmentStatus.Of(new AuthEntry(Alice) { Secret = Device }, Now));
        Assert.Equal("Active", EnrollmentStatus.Of(new AuthEntry(Alice) { Secret = Device, Invitation = new(Now.AddHours(1), false, false) }, Now));
    }

    [Fact]
    public void AnAccountWithoutADeviceIsInvitedUntilItsInvitationRunsOut()
    {
        Assert.Equal("Invited", EnrollmentStatus.Of(new AuthEntry(Alice) { Invitation = new(Now.AddSeconds(1), false, true) }, Now));
        Assert.Equal("InvitationExpired", EnrollmentStatus.Of(new AuthEntry(Alice) { Invitation = new(Now, false, false) }, Now));
        Assert.Equal("NoSecret", EnrollmentStatus.Of(new AuthEntry(Alice), Now));
    }

    [Fact]
    public void AnInvitationIsOpenThenRedeemedAndExpiredOnceItsTimeHasCome()
    {
        Assert.Equal("Open", new InvitationSummary(Now.AddMinutes(5), false, false).StateAt(Now));
        Assert.Equal("Redeemed", new InvitationSummary(Now.AddMinutes(5), false, true).StateAt(Now));
        Assert.Equal("Expired", new InvitationSummary(Now, false, true).StateAt(Now));
    }
}
