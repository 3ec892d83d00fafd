namespace StsFtw.Core.Broker;

/// <summary>
/// The operators' view of an <see cref="RefusalReason.AuthenticationFailed"/> refusal: for logs and the audit
/// message only, never for the client (who must not tell an unknown account from a wrong code).
/// </summary>
public enum AuthenticationFailure
{
    /// <summary>No such account in the table.</summary>
    UnknownAccount,

    /// <summary>The code matched none of the accepted time steps.</summary>
    WrongCode,

    /// <summary>The entry's secret is missing, empty or cannot be read: it can never authenticate.</summary>
    UnusableSecret,

    /// <summary>The code was right but its time step was already used (or the account was locked meanwhile).</summary>
    ReplayedCode,
}
