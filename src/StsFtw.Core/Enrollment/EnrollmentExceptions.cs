using StsFtw.Core.Accounts;

namespace StsFtw.Core.Enrollment;

/// <summary>The account is already enrolled and the caller did not ask to overwrite it.</summary>
public sealed class EnrollmentExistsException : Exception
{
    /// <summary>Creates the exception for <paramref name="account"/>.</summary>
    public EnrollmentExistsException(AccountKey account)
        : base($"'{account}' is already enrolled; overwrite it explicitly to replace the entry.") => Account = account;

    /// <summary>The account that exists.</summary>
    public AccountKey Account { get; }
}

/// <summary>The account is not enrolled.</summary>
public sealed class EnrollmentNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="account"/>.</summary>
    public EnrollmentNotFoundException(AccountKey account)
        : base($"'{account}' is not enrolled.") => Account = account;

    /// <summary>The account that is missing.</summary>
    public AccountKey Account { get; }
}

/// <summary>
/// The account's item holds no device to replace (it holds only an invitation, or no secret at all): a device
/// replacement is refused and nothing is written (SECURITY.md rule I12).
/// </summary>
public sealed class EnrollmentHasNoDeviceException : Exception
{
    /// <summary>Creates the exception for <paramref name="account"/>.</summary>
    public EnrollmentHasNoDeviceException(AccountKey account)
        : base($"'{account}' has no device to replace: it holds an invitation (or no secret at all), not an enrolled device.") => Account = account;

    /// <summary>The account without a device.</summary>
    public AccountKey Account { get; }
}
