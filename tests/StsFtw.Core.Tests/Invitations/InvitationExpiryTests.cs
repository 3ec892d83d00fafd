using StsFtw.Core.Invitations;

namespace StsFtw.Core.Tests.Invitations;

/// <summary>An invitation lives 24 hours unless the admin says otherwise, never longer than 7 days.</summary>
public sealed class InvitationExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 10, TimeSpan.Zero);

    [Fact]
    public void DefaultLifetimeIsTwentyFourHours() => Assert.Equal(Now.AddHours(24), InvitationExpiry.ExpiresAt(Now, null));

    [Fact]
    public void SevenDaysIsTheLongestLifetime()
    {
        Assert.Equal(Now.AddDays(7), InvitationExpiry.ExpiresAt(Now, TimeSpan.FromDays(7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => InvitationExpiry.ExpiresAt(Now, TimeSpan.FromDays(7).Add(TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void LifetimeShorterThanFiveMinutesIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InvitationExpiry.ExpiresAt(Now, TimeSpan.FromMinutes(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => InvitationExpiry.ExpiresAt(Now, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => InvitationExpiry.ExpiresAt(Now, TimeSpan.FromHours(-1)));
    }

    [Fact]
    public void InvitationIsClosedFromItsExpiryOn()
    {
        var invitation = new Invitation([1], Now.AddHours(1), false);

        Assert.True(invitation.IsOpenAt(Now.AddHours(1).AddSeconds(-1)));
        Assert.False(invitation.IsOpenAt(Now.AddHours(1)));
    }
}
