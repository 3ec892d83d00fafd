namespace StsFtw.Core.Dependencies;

/// <summary>
/// An outside service failed, timed out, throttled or refused. Adapters throw it so the broker can map it to one
/// outcome; the message is for operators' logs and must not contain secrets, codes or credentials.
/// </summary>
public sealed class DependencyFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DependencyFailureException(Dependency dependency, string message, Exception? innerException = null)
        : base(message, innerException) => Dependency = dependency;

    /// <summary>Which service failed.</summary>
    public Dependency Dependency { get; }

    /// <summary>
    /// True when the call never reached the service because this process has no credentials to sign it with: none
    /// were found, or the named profile does not exist. Retrying does not help; whoever runs the process must supply
    /// credentials.
    /// </summary>
    public bool CredentialsMissing { get; init; }
}
