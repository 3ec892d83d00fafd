namespace StsFtw.Sandbox;

/// <summary>
/// The sandbox could not start or keep running, for a reason a person can act on. Its message is one or two
/// sentences, printed as they are without a stack trace; it never holds a secret.
/// </summary>
public sealed class SandboxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SandboxException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
