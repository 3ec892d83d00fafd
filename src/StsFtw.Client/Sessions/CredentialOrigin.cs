namespace StsFtw.Client.Sessions;

/// <summary>Where a <see cref="CredentialSessionResult"/>'s credentials (or failure) came from.</summary>
public enum CredentialOrigin
{
    /// <summary>Served from the cache: no code was asked for and nothing was posted.</summary>
    Cache,

    /// <summary>Posted to the endpoint with fresh codes.</summary>
    Endpoint,
}
