namespace StsFtw.Client.Codes;

/// <summary>
/// No TOTP code could be had from the source the person chose. The message is one sentence fit to show as it is: it
/// names the source (a setting or parameter, never the command line, which may hold a password) and the ways to
/// supply a code, and never holds what a command printed or what was typed.
/// </summary>
public sealed class CodeUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CodeUnavailableException(CodeUnavailableReason reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Why there is no code.</summary>
    public CodeUnavailableReason Reason { get; }
}
