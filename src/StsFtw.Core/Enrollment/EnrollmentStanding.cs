namespace StsFtw.Core.Enrollment;

/// <summary>
/// What the auth table holds for an account when an admin enrolls it or replaces its device, and so what that admin
/// command may do: decided here once for every admin front door (<c>New-StsEnrollment</c>, <c>stsftw enroll</c>,
/// <c>Set-StsEnrollment -RotateDevice</c>; SECURITY.md rule I12, docs/INVITATIONS.md).
/// </summary>
/// <remarks>
/// An item without a device is <see cref="Invited"/>: in practice it holds an invitation (and perhaps a secret
/// redeemed from it and not yet confirmed); it cannot authenticate. The standing is read before the write, so the
/// write itself must still be conditional (a create that does not overwrite, a device replacement that requires a
/// device).
/// </remarks>
public sealed class EnrollmentStanding
{
    private EnrollmentStanding(string name, bool exists, bool hasDevice, string enrollAction, string? overwriteNotice)
    {
        Name = name;
        Exists = exists;
        HasDevice = hasDevice;
        EnrollAction = enrollAction;
        OverwriteNotice = overwriteNotice;
    }

    /// <summary>No item: a first enrollment.</summary>
    public static EnrollmentStanding Fresh { get; } = new(nameof(Fresh), exists: false, hasDevice: false, "Enroll a new authenticator", null);

    /// <summary>An item without a device (an invitation): enrolling replaces the whole item, invitation and pending secret included, without being forced.</summary>
    public static EnrollmentStanding Invited { get; } = new(nameof(Invited), exists: true, hasDevice: false,
        "Enroll a new authenticator; the outstanding invitation stops working",
        "holds an outstanding invitation: enrolling a device here ends it, and its code stops working");

    /// <summary>An item with a device: only an explicit overwrite replaces it, and its old device stops working.</summary>
    public static EnrollmentStanding Enrolled { get; } = new(nameof(Enrolled), exists: true, hasDevice: true,
        "Replace the enrollment (the old device stops working)",
        "is already enrolled: enrolling a device here replaces it, and the old device stops working");

    /// <summary>The standing's name.</summary>
    public string Name { get; }

    /// <summary>True when the table holds an item for the account: enrolling overwrites it.</summary>
    public bool Exists { get; }

    /// <summary>True when the item holds a device (an active secret): enrolling needs an explicit overwrite, and only then is there a device to replace.</summary>
    public bool HasDevice { get; }

    /// <summary>True when enrolling ends an outstanding invitation (its code stops working).</summary>
    public bool EndsInvitation => Exists && !HasDevice;

    /// <summary>What enrolling does here, in the words the admin confirms or reads on the terminal.</summary>
    public string EnrollAction { get; }

    /// <summary>
    /// What an admin is told before enrolling overwrites the item, to follow the account's name (for example
    /// <c>Example/alice holds an outstanding invitation: ...</c>); null when there is nothing to overwrite.
    /// </summary>
    public string? OverwriteNotice { get; }

    /// <summary>The standing of an account whose item is <paramref name="existing"/> (null: none).</summary>
    public static EnrollmentStanding Of(AuthEntry? existing) =>
        existing is null ? Fresh : existing.Secret.IsEmpty ? Invited : Enrolled;

    /// <inheritdoc />
    public override string ToString() => Name;
}
