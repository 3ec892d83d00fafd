namespace StsFtw.Client.Endpoint;

/// <summary>The outcome of one credential request: credentials, or the reason there are none.</summary>
public sealed class CredentialResult
{
    private CredentialResult(BrokeredCredentials? credentials, CredentialFailure? failure)
    {
        Credentials = credentials;
        Failure = failure;
    }

    /// <summary>The credentials, when <see cref="Succeeded"/>.</summary>
    public BrokeredCredentials? Credentials { get; }

    /// <summary>The reason, when not <see cref="Succeeded"/>.</summary>
    public CredentialFailure? Failure { get; }

    /// <summary>True when credentials came back.</summary>
    public bool Succeeded => Credentials is not null;

    /// <summary>A success.</summary>
    public static CredentialResult Success(BrokeredCredentials credentials) =>
        new(credentials ?? throw new ArgumentNullException(nameof(credentials)), null);

    /// <summary>A failure.</summary>
    public static CredentialResult Failed(CredentialFailure failure) =>
        new(null, failure ?? throw new ArgumentNullException(nameof(failure)));

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Success {{ {Credentials} }}" : $"Failed {{ {Failure!.Kind}: {Failure.Message} }}";
}
