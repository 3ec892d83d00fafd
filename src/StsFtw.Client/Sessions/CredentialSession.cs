using StsFtw.Client.Cache;
using StsFtw.Client.Codes;
using StsFtw.Client.Endpoint;
using StsFtw.Core.Validation;

namespace StsFtw.Client.Sessions;

/// <summary>
/// The one entry point the front doors (the cmdlets, the native client) call for credentials: served from the cache
/// while fresh; otherwise codes are obtained (only then: never a prompt when the cache serves), the request is
/// posted, and the new credentials are stored.
/// </summary>
/// <remarks>
/// <para>
/// Order of work: the identity fields are checked first (<see cref="InputRules"/>), so a typo fails before anyone is
/// asked for a code; then the cache is read (unless disabled or bypassed) and judged by the
/// <see cref="CredentialRefreshPolicy"/> at the injected clock's time; then the person's code and, with a co-signer,
/// the co-signer's code are obtained; then the request is posted.
/// </para>
/// <para>
/// The cache never makes a request fail: an unreadable, damaged, foreign or unsafe entry is a miss, and a store that
/// fails is reported in <see cref="CredentialSessionResult.CacheNote"/>. A failed post leaves the cache as it was.
/// Credentials without an expiration are returned but never cached.
/// </para>
/// </remarks>
public sealed class CredentialSession
{
    private readonly CredentialEndpointClient _client;
    private readonly CredentialCacheOptions _cache;
    private readonly TimeProvider _clock;

    /// <summary>Creates a session on the system clock.</summary>
    /// <remarks>
    /// For the PowerShell module: a call without the clock argument does not name <see cref="TimeProvider"/>, whose
    /// netstandard2.0 assembly (Microsoft.Bcl.TimeProvider) lives only in the module's isolated load context.
    /// </remarks>
    /// <param name="client">The endpoint client (the caller disposes it).</param>
    /// <param name="cache">How the cache is used; <see cref="CredentialCacheOptions.Disabled"/> for none.</param>
    public CredentialSession(CredentialEndpointClient client, CredentialCacheOptions cache)
        : this(client, cache, null)
    {
    }

    /// <summary>Creates a session.</summary>
    /// <param name="client">The endpoint client (the caller disposes it).</param>
    /// <param name="cache">How the cache is used; <see cref="CredentialCacheOptions.Disabled"/> for none.</param>
    /// <param name="clock">The clock the refresh policy judges by; null for the system clock.</param>
    public CredentialSession(CredentialEndpointClient client, CredentialCacheOptions cache, TimeProvider? clock = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Credentials for <paramref name="request"/>, from the cache or the endpoint.</summary>
    /// <returns>The credentials, or the endpoint's failure, with their origin and a note on the cache.</returns>
    /// <exception cref="ArgumentException">An identity field breaks the input rules, or a co-signer has no code source.</exception>
    /// <exception cref="CodeUnavailableException">A code was needed and could not be had, or is not six digits.</exception>
    /// <exception cref="OperationCanceledException">The person cancelled a prompt, or <paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<CredentialSessionResult> GetCredentialsAsync(CredentialSessionRequest request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        CheckIdentity(request);
        var key = new CredentialCacheKey(_client.Endpoint, request.Issuer, request.AccountName, request.Role, request.SecondaryAccountName, request.DurationSeconds);

        RefreshDecision? decision = null;
        var readNote = _cache.Enabled ? "Cache bypassed: a refresh was asked for" : "Cache disabled";
        if (_cache.Enabled && !_cache.Bypass)
        {
            var lookup = Read(key);
            decision = _cache.Policy.Decide(lookup.Entry?.Credentials, _clock.GetUtcNow());
            if (decision.UsesCache)
            {
                return new CredentialSessionResult(CredentialResult.Success(lookup.Entry!.Credentials), CredentialOrigin.Cache, "Cache hit: " + decision.Reason, decision);
            }
            readNote = lookup.Status == CacheLookupStatus.Hit ? "Cache refresh: " + decision.Reason : "Cache miss: " + lookup.Reason;
        }

        var input = await WithCodesAsync(request, cancellationToken).ConfigureAwait(false);
        var result = await _client.PostCredentialRequestAsync(input, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) return new CredentialSessionResult(result, CredentialOrigin.Endpoint, readNote + "; the cache is left as it was", decision);
        return new CredentialSessionResult(result, CredentialOrigin.Endpoint, readNote + "; " + Store(key, result.Credentials!), decision);
    }

    private static void CheckIdentity(CredentialSessionRequest request)
    {
        if (request.Code is null) throw new ArgumentException("The request names no source for the code.", nameof(request));
        if (request.SecondaryAccountName is not null && request.SecondaryCode is null)
        {
            throw new ArgumentException("The request names a co-signer but no source for the co-signer's code.", nameof(request));
        }
        // The identity is checked with a placeholder code: the real ones are asked for only when a post follows.
        var placeholder = new CredentialRequestInput(request.Issuer, request.AccountName, request.Role, "000000")
        {
            SecondaryAccountName = request.SecondaryAccountName,
            SecondaryTotpCode = request.SecondaryAccountName is null ? null : "000000",
            DurationSeconds = request.DurationSeconds,
        };
        var problems = placeholder.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(request));
    }

    private CacheLookup Read(CredentialCacheKey key)
    {
        try
        {
            return _cache.Cache!.Read(key);
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException || failure is PlatformNotSupportedException)
        {
            return new CacheLookup(CacheLookupStatus.Untrusted, "the cache could not be read");
        }
    }

    private async Task<CredentialRequestInput> WithCodesAsync(CredentialSessionRequest request, CancellationToken cancellationToken)
    {
        var host = _client.Endpoint.Uri.Host;
        var code = await CodeFor(request.Code, new CodePromptRequest(request.AccountName, host), cancellationToken).ConfigureAwait(false);
        string? secondaryCode = null;
        if (request.SecondaryAccountName is not null)
        {
            secondaryCode = await CodeFor(request.SecondaryCode!, new CodePromptRequest(request.SecondaryAccountName, host, IsCoSigner: true), cancellationToken).ConfigureAwait(false);
        }
        return new CredentialRequestInput(request.Issuer, request.AccountName, request.Role, code)
        {
            SecondaryAccountName = request.SecondaryAccountName,
            SecondaryTotpCode = secondaryCode,
            DurationSeconds = request.DurationSeconds,
        };
    }

    private static async Task<string> CodeFor(CodeSource source, CodePromptRequest whose, CancellationToken cancellationToken)
    {
        var code = await source.GetCodeAsync(whose, cancellationToken).ConfigureAwait(false);
        if (InputRules.CheckTotpCode(code) is null) return code;
        throw new CodeUnavailableException(CodeUnavailableReason.NotACode,
            $"The code for {(whose.IsCoSigner ? "co-signer " : string.Empty)}{whose.ShownAccountName} from {source.Description} is not exactly six digits.");
    }

    private string Store(CredentialCacheKey key, BrokeredCredentials credentials)
    {
        if (!_cache.Enabled) return "not stored";
        var now = _clock.GetUtcNow();
        if (!_cache.Policy.IsWorthCaching(credentials, now, out var reason)) return reason;
        try
        {
            _cache.Cache!.Write(new CredentialCacheEntry(key, credentials, now));
            return "stored in the cache";
        }
        catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException || failure is PlatformNotSupportedException)
        {
            // These messages name paths and error numbers only (SecretFile never puts content in one).
            return "not stored in the cache: " + failure.Message;
        }
    }
}
