using StsFtw.Client.Cache;
using StsFtw.Client.Endpoint;

namespace StsFtw.Client.Sessions;

/// <summary>
/// The outcome of <see cref="CredentialSession.GetCredentialsAsync"/>: credentials or the endpoint's failure, where
/// they came from, and one line about the cache for <c>-Verbose</c> or <c>--verbose</c> (no secret in it).
/// </summary>
public sealed class CredentialSessionResult
{
    internal CredentialSessionResult(CredentialResult result, CredentialOrigin origin, string cacheNote, RefreshDecision? decision)
    {
        Result = result;
        Origin = origin;
        CacheNote = cacheNote;
        Decision = decision;
    }

    /// <summary>The credentials or the failure.</summary>
    public CredentialResult Result { get; }

    /// <summary>The credentials, when <see cref="Succeeded"/>.</summary>
    public BrokeredCredentials? Credentials => Result.Credentials;

    /// <summary>The failure, when not <see cref="Succeeded"/>.</summary>
    public CredentialFailure? Failure => Result.Failure;

    /// <summary>True when credentials came back.</summary>
    public bool Succeeded => Result.Succeeded;

    /// <summary>Cache hit or endpoint.</summary>
    public CredentialOrigin Origin { get; }

    /// <summary>What the cache did, for example <c>Cache hit: the cached credentials expire at … and are used until …</c>.</summary>
    public string CacheNote { get; }

    /// <summary>The refresh decision, when the cache was read.</summary>
    public RefreshDecision? Decision { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Origin}: {Result} ({CacheNote})";
}
