using System.Security.Cryptography;
using StsFtw.Core.Accounts;
using StsFtw.Core.Audit;
using StsFtw.Core.Credentials;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;

namespace StsFtw.Core.Broker;

/// <summary>
/// Decides one credential request: validate -> authenticate the primary (and the co-signer when the primary's
/// entry lists any) -> accept each code's time step once -> authorize the role -> mint and audit.
/// SECURITY.md rules 1–8; every outside effect goes through a port.
/// </summary>
/// <remarks>
/// <para>Unknown accounts take the same path as known ones: a decoy secret is revealed and verified and the failure
/// is recorded (a no-op write), so the response and the round trips are the same as for a wrong code. Neither is
/// announced per request (<see cref="FailureAnnouncementRule"/>).</para>
/// <para>Credentials are returned only when the mint was published to the audit channel (rule 6, fail closed).</para>
/// <para>Cancellation of <c>cancellationToken</c> (the Lambda deadline) propagates as <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public sealed class CredentialBroker
{
    internal const string AuthenticationFailedMessage = "Authentication failed: the account name or a code is not valid.";

    private readonly IAuthStore _store;
    private readonly ISecretProtector _protector;
    private readonly ICredentialMinter _minter;
    private readonly IAuditSink _audit;
    private readonly TimeProvider _clock;
    private readonly BrokerOptions _options;
    private readonly TotpSecret _decoySecret = TotpSecret.Generate();
    private readonly StoredSecret _decoyStoredSecret = new(null, RandomBytes(184));

    /// <summary>Creates a broker over its ports.</summary>
    public CredentialBroker(
        IAuthStore store, ISecretProtector protector, ICredentialMinter minter, IAuditSink audit, TimeProvider clock, BrokerOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _minter = minter ?? throw new ArgumentNullException(nameof(minter));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
    }

    /// <summary>Decides <paramref name="request"/>.</summary>
    public async Task<BrokerOutcome> RequestCredentialsAsync(CredentialRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        var validated = CredentialRequestValidator.Validate(
            request, _options.DefaultDurationSeconds, _options.MaximumDurationSeconds, out var problems);
        if (validated is null)
        {
            return new RequestRefusal(RefusalReason.InvalidRequest, "The request is invalid: " + string.Join(" ", problems), problems);
        }

        try
        {
            return await DecideAsync(validated, context, cancellationToken).ConfigureAwait(false);
        }
        catch (DependencyFailureException failure)
        {
            return new DependencyFailed(failure.Dependency, failure.Message);
        }
    }

    private async Task<BrokerOutcome> DecideAsync(ValidatedRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _clock.GetUtcNow();
        var attempt = new Attempt(request, context, now);
        var entries = await _store.GetEntriesAsync(request.Primary, request.Secondary, cancellationToken).ConfigureAwait(false);

        var primary = await AuthenticateAsync(attempt, Party.Primary, request.Primary, entries.Primary, request.TotpCode, cancellationToken).ConfigureAwait(false);
        if (primary.Refusal is not null) return primary.Refusal;
        var primaryEntry = entries.Primary!;

        Verified? secondary = null;
        if (primaryEntry.SecondaryAuthorizers.Count > 0)
        {
            var secondaryRefusal = AccessRules.SecondaryRefusal(primaryEntry, request.Secondary);
            if (secondaryRefusal is not null) return await PublishRefusalAsync(attempt, secondaryRefusal, cancellationToken).ConfigureAwait(false);

            var checkedSecondary = await AuthenticateAsync(
                attempt, Party.Secondary, request.Secondary!, entries.Secondary, request.SecondaryTotpCode!, cancellationToken).ConfigureAwait(false);
            if (checkedSecondary.Refusal is not null) return checkedSecondary.Refusal;
            secondary = checkedSecondary;
        }

        var replayRefusal = await AcceptTimeStepsAsync(attempt, primary, secondary, cancellationToken).ConfigureAwait(false);
        if (replayRefusal is not null) return replayRefusal;

        // Rule 5 comes after authentication, so an outsider learns nothing about anyone's roles.
        var roleRefusal = AccessRules.RoleRefusal(primaryEntry, request.Role)
            ?? AccessRules.RoleArnRefusal(request.Role, await _minter.ResolveRoleArnAsync(request.Role, cancellationToken).ConfigureAwait(false), _options.RoleArns);
        if (roleRefusal is not null) return await PublishRefusalAsync(attempt, roleRefusal, cancellationToken).ConfigureAwait(false);

        return await MintAndAuditAsync(attempt, secondary?.Account, cancellationToken).ConfigureAwait(false);
    }

    // Rules 1-3 for one person. Locked accounts are refused before their code is looked at.
    private async Task<Verified> AuthenticateAsync(
        Attempt attempt, Party party, AccountKey account, AuthEntry? entry, string code, CancellationToken cancellationToken)
    {
        if (entry is not null && entry.IsLockedAt(attempt.Now))
        {
            var retryAfter = entry.LockedUntil!.Value - attempt.Now;
            var who = party == Party.Primary ? "The account" : "The secondary authorizer";
            return Verified.Refused(account, new RequestRefusal(
                RefusalReason.AccountLocked,
                $"{who} is locked after too many failed codes; try again after the lock ends.",
                Array.Empty<string>(), retryAfter, party));
        }

        var secret = await _protector.RevealAsync(account, entry?.Secret ?? _decoyStoredSecret, cancellationToken).ConfigureAwait(false);
        var matchedStep = TotpVerifier.Verify(secret ?? _decoySecret, code, attempt.Now);

        AuthenticationFailure? failure =
            entry is null ? AuthenticationFailure.UnknownAccount
            : secret is null ? AuthenticationFailure.UnusableSecret
            : matchedStep is null ? AuthenticationFailure.WrongCode
            : null;
        if (failure is null) return new Verified(account, entry, matchedStep!.Value, null);

        var refusal = await RecordFailureAsync(attempt, party, account, entry, failure.Value, cancellationToken).ConfigureAwait(false);
        return Verified.Refused(account, refusal);
    }

    // Rule 2: both steps are written at once; either refusal burns nothing more than the codes already sent.
    private async Task<RequestRefusal?> AcceptTimeStepsAsync(Attempt attempt, Verified primary, Verified? secondary, CancellationToken cancellationToken)
    {
        var primaryAccepted = _store.TryAcceptTimeStepAsync(primary.Account, primary.TimeStep, attempt.Now, cancellationToken);
        var secondaryAccepted = secondary is null
            ? Task.FromResult(true)
            : _store.TryAcceptTimeStepAsync(secondary.Account, secondary.TimeStep, attempt.Now, cancellationToken);
        await Task.WhenAll(primaryAccepted, secondaryAccepted).ConfigureAwait(false);

        if (!primaryAccepted.Result)
        {
            return await RecordFailureAsync(attempt, Party.Primary, primary.Account, primary.Entry, AuthenticationFailure.ReplayedCode, cancellationToken).ConfigureAwait(false);
        }
        if (!secondaryAccepted.Result)
        {
            return await RecordFailureAsync(attempt, Party.Secondary, secondary!.Account, secondary.Entry, AuthenticationFailure.ReplayedCode, cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    // Rule 6: mint and audit run side by side; credentials leave only when both succeeded.
    private async Task<BrokerOutcome> MintAndAuditAsync(Attempt attempt, AccountKey? secondary, CancellationToken cancellationToken)
    {
        // Past the deadline nobody receives the credentials: mint nothing and announce nothing.
        cancellationToken.ThrowIfCancellationRequested();
        var request = attempt.Request;
        var mint = Started(() => _minter.MintAsync(
            new MintRequest(request.Primary, request.Role, request.DurationSeconds, secondary?.AccountName, attempt.Context), cancellationToken));
        var audit = Started(() => _audit.PublishAsync(
            new CredentialsMinted(attempt.Now, request.Primary, attempt.Context, request.Role, secondary?.AccountName, request.DurationSeconds), cancellationToken));
        await Task.WhenAll(mint, audit).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            await AnnounceUndeliveredMintAsync(attempt, secondary, audit).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var auditFailure = FailureOf(audit);
        var mintFailure = FailureOf(mint);
        if (auditFailure is not null)
        {
            return new DependencyFailed(Dependency.AuditTopic, "The mint could not be published to the audit channel, so no credentials were returned: " + auditFailure.Message);
        }
        if (mintFailure is not null)
        {
            await TryPublishAsync(new MintFailed(attempt.Now, request.Primary, attempt.Context, request.Role, secondary?.AccountName, mintFailure.Message), cancellationToken).ConfigureAwait(false);
            return new DependencyFailed(mintFailure.Dependency, mintFailure.Message);
        }
        return new CredentialsIssued(mint.Result, request.Primary, request.Role, secondary?.AccountName);
    }

    // The deadline cut the mint short (or its answer came too late), so no credentials leave; but the announcement
    // that ran beside it has already said "minted". Say that it did not stand, within a bound of its own: the request's
    // time is up, and the bound is kept inside the time the runtime holds back to answer (BrokerOptions.FollowUpTimeout).
    private async Task AnnounceUndeliveredMintAsync(Attempt attempt, AccountKey? secondary, Task announcement)
    {
        if (announcement.Status != TaskStatus.RanToCompletion) return;
        var request = attempt.Request;
#if NET8_0_OR_GREATER
        using var bound = new CancellationTokenSource(_options.FollowUpTimeout, _clock);
#else
        using var bound = _clock.CreateCancellationTokenSource(_options.FollowUpTimeout);
#endif
        try
        {
            await TryPublishAsync(new MintFailed(attempt.Now, request.Primary, attempt.Context, request.Role, secondary?.AccountName,
                "The request ran out of time before STS answered; no credentials were returned."), bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            // Best effort: the answer must still leave before the Lambda deadline.
        }
    }

    // SECURITY.md rule 6: what anyone can cause is never published per request (FailureAnnouncementRule), and what is
    // published for a refusal gets one bounded attempt; only a lock's announcement is retried (a lock is rare by
    // construction). The store's atomic counters pick the one request that announces.
    private async Task<RequestRefusal> RecordFailureAsync(
        Attempt attempt, Party party, AccountKey account, AuthEntry? seen, AuthenticationFailure failure, CancellationToken cancellationToken)
    {
        var lockout = _options.Lockout;
        var recorded = await _store.RecordFailureAsync(account, seen, attempt.Now, lockout, cancellationToken).ConfigureAwait(false);
        var refusal = new RequestRefusal(RefusalReason.AuthenticationFailed, AuthenticationFailedMessage, Array.Empty<string>(), null, party, failure);
        var request = attempt.Request;
        var asSecondary = party == Party.Secondary;

        var published = FailureAnnouncementRule.Decide(recorded, failure, lockout.Budget) switch
        {
            FailureAnnouncement.Lock => await TryPublishAsync(
                new AccountLocked(attempt.Now, account, attempt.Context, recorded.LockedUntil ?? attempt.Now + lockout.Duration,
                    recorded.LockCause == LockCause.FailureBudgetSpent ? lockout.Budget.LockingFailure : lockout.LockingFailure,
                    asSecondary, asSecondary ? request.Primary.AccountName : null)
                { Cause = recorded.LockCause ?? LockCause.ConsecutiveFailures },
                AuditDelivery.Retried, cancellationToken).ConfigureAwait(false),
            FailureAnnouncement.FailedCodes => await TryPublishAsync(
                new FailedCodes(attempt.Now, account, attempt.Context, recorded.WindowFailures, recorded.WindowStart ?? attempt.Now,
                    lockout.Budget.Failures, asSecondary),
                AuditDelivery.OneAttempt, cancellationToken).ConfigureAwait(false),
            FailureAnnouncement.Refusal => await TryPublishAsync(
                new RequestRefused(attempt.Now, request.Primary, attempt.Context, request.Role, request.Secondary?.AccountName,
                    AccessRules.Describe(party, failure)),
                AuditDelivery.OneAttempt, cancellationToken).ConfigureAwait(false),
            _ => true,
        };
        return refusal with { AuditPublished = published };
    }

    private async Task<RequestRefusal> PublishRefusalAsync(Attempt attempt, RequestRefusal refusal, CancellationToken cancellationToken)
    {
        var request = attempt.Request;
        var published = await TryPublishAsync(
            new RequestRefused(attempt.Now, request.Primary, attempt.Context, request.Role, request.Secondary?.AccountName, refusal.Message),
            AuditDelivery.OneAttempt, cancellationToken).ConfigureAwait(false);
        return refusal with { AuditPublished = published };
    }

    // Refusals stand whether or not their announcement lands; only a mint's announcement gates the outcome.
    private async Task<bool> TryPublishAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        await TryPublishAsync(auditEvent, AuditDelivery.Retried, cancellationToken).ConfigureAwait(false);

    private async Task<bool> TryPublishAsync(AuditEvent auditEvent, AuditDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery == AuditDelivery.Retried) return await PublishOrFalseAsync(auditEvent, delivery, cancellationToken).ConfigureAwait(false);
#if NET8_0_OR_GREATER
        using var bound = new CancellationTokenSource(_options.AnnouncementTimeout, _clock);
#else
        using var bound = _clock.CreateCancellationTokenSource(_options.AnnouncementTimeout);
#endif
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            return await PublishOrFalseAsync(auditEvent, delivery, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> PublishOrFalseAsync(AuditEvent auditEvent, AuditDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await _audit.PublishAsync(auditEvent, delivery, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DependencyFailureException)
        {
            return false;
        }
    }

    // Each port starts on the thread pool, so neither waits for the other's synchronous part (an SDK call marshals
    // and signs before its first await), and one that throws before returning its task still yields a faulted task.
    private static Task Started(Func<Task> start) => Task.Run(start);

    private static Task<T> Started<T>(Func<Task<T>> start) => Task.Run(start);

    private static DependencyFailureException? FailureOf(Task task)
    {
        if (task.IsCanceled) throw new OperationCanceledException("A dependency call was cancelled.");
        if (!task.IsFaulted) return null;
        var error = task.Exception!.GetBaseException();
        if (error is DependencyFailureException failure) return failure;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return null;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(bytes);
        return bytes;
    }

    private sealed record Attempt(ValidatedRequest Request, RequestContext Context, DateTimeOffset Now);

    // The result of rules 1-3 for one person: the matched time step, or why not.
    private sealed record Verified(AccountKey Account, AuthEntry? Entry, long TimeStep, RequestRefusal? Refusal)
    {
        public static Verified Refused(AccountKey account, RequestRefusal refusal) => new(account, null, 0, refusal);
    }
}
