namespace StsFtw.Client.ConsoleSignIn;

/// <summary>Why no sign-in URL could be made.</summary>
public enum ConsoleSignInFailure
{
    /// <summary>The request itself cannot work (no session token, a bad destination, expired credentials).</summary>
    InvalidRequest,

    /// <summary>The session was minted in a way AWS gives no console sign-in to (an explicit, non-default DurationSeconds).</summary>
    SessionNotSignInable,

    /// <summary>The federation endpoint refused the session.</summary>
    Refused,

    /// <summary>The federation endpoint did not answer in time.</summary>
    TimedOut,

    /// <summary>The federation endpoint could not be reached.</summary>
    Unreachable,

    /// <summary>The federation endpoint answered something that is not a sign-in token.</summary>
    UnexpectedResponse,
}

/// <summary>
/// No sign-in URL could be made. The message says why in words a person can act on; it never holds the credentials,
/// a token or a URL that carries either.
/// </summary>
public sealed class ConsoleSignInException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConsoleSignInException(ConsoleSignInFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>Creates the exception (for serializers and analyzers); prefer the constructor with a failure.</summary>
    public ConsoleSignInException()
        : this(ConsoleSignInFailure.UnexpectedResponse, "No console sign-in URL could be made.")
    {
    }

    /// <summary>Creates the exception (for analyzers); prefer the constructor with a failure.</summary>
    public ConsoleSignInException(string message)
        : this(ConsoleSignInFailure.UnexpectedResponse, message)
    {
    }

    /// <summary>Creates the exception (for analyzers); the inner exception is dropped, as its text could hold a URL.</summary>
    public ConsoleSignInException(string message, Exception innerException)
        : this(ConsoleSignInFailure.UnexpectedResponse, message)
    {
        _ = innerException;
    }

    /// <summary>Why.</summary>
    public ConsoleSignInFailure Failure { get; }

    /// <summary>The HTTP status of a refusal or an unexpected answer, when there was one.</summary>
    public int? Status { get; init; }
}
