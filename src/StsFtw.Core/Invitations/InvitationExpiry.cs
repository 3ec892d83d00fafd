namespace StsFtw.Core.Invitations;

/// <summary>How long an invitation (and the secret redeemed from it) may live: 24 hours unless the admin says otherwise, 5 minutes to 7 days.</summary>
public static class InvitationExpiry
{
    /// <summary>The lifetime when the admin names none.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromHours(24);

    /// <summary>The longest lifetime allowed.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(7);

    /// <summary>The shortest lifetime allowed: time to read the message, scan and type two codes.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMinutes(5);

    /// <summary>When an invitation created at <paramref name="now"/> with <paramref name="lifetime"/> (null for the default) expires, in whole seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is outside <see cref="Minimum"/>..<see cref="Maximum"/>.</exception>
    public static DateTimeOffset ExpiresAt(DateTimeOffset now, TimeSpan? lifetime)
    {
        var span = lifetime ?? Default;
        if (span < Minimum || span > Maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), span, "An invitation lives from 5 minutes to 7 days.");
        }
        return DateTimeOffset.FromUnixTimeSeconds((now + span).ToUnixTimeSeconds());
    }
}
