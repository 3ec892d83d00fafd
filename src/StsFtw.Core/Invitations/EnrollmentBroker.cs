using StsFtw.Core.Accounts;
using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;
using StsFtw.Core.Validation;

namespace StsFtw.Core.Invitations;

/// <summary>
/// Decides the two enrollment requests (docs/INVITATIONS.md): start redeems an invitation and hands a new, pending
/// secret to this person only; confirm checks two consecutive codes of it, announces the enrollment (fail closed) and
/// activates it in one conditional write. Every outside effect goes through a port.
/// </summary>
/// <remarks>
/// A wrong invitation code is a counted failure on the account, like a wrong TOTP code (SECURITY.md rule 3); unknown
/// accounts take the same reads and writes (a decoy verifier, a no-op failure write). Locked accounts are refused
/// before any code is looked at.
/// </remarks>
public sealed class EnrollmentBroker
{
    internal const string InvitationNotValidMessage = "The invitation is not valid: the account, the code, or its expiry does not match, or it was used.";

    private readonly IInvitationStore _invitations;
    private readonly IAuthStore _auth;
    private readonly ISecretProtector _protector;
    private readonly IAuditSink _audit;
    private readonly TimeProvider _clock;
    private readonly BrokerOptions _options;
    private readonly byte[] _decoyVerifier = InvitationCode.Generate().VerifierFor(new AccountKey("decoy", "decoy"));

    /// <summary>Creates the broker over its ports; <paramref name="options"/> gives the lockout and announcement bounds.</summary>
    public EnrollmentBroker(IInvitationStore invitations, IAuthStore auth, ISecretProtector protector, IAuditSink audit, TimeProvider clock, BrokerOptions options)
    {
        _invitations = invitations ?? throw new ArgumentNullException(nameof(invitations));
        _auth = auth ?? throw new ArgumentNullException(nameof(auth));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
    }

    /// <summary>Redeems an invitation: on success the new key (pending) goes back to this person only.</summary>
    public async Task<EnrollmentOutcome> StartAsync(StartEnrollmentRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (context is null) throw new ArgumentNullException(nameof(context));
        var problems = new List<string>();
        var (account, code) = Validate(request.Issuer, request.AccountName, request.InvitationCode, problems);
        if (request.CurrentCode is not null) Check(problems, InputRules.CheckTotpCode(request.CurrentCode, "current_code"));
        if (problems.Count > 0) return Invalid(problems);
        try
        {
            return await StartCheckedAsync(account!, code!, request.CurrentCode, context, cancellationToken).ConfigureAwait(false);
        }
        catch (DependencyFailureException failure)
        {
            return new EnrollmentDependencyFailed(failure.Dependency, failure.Message);
        }
    }

    /// <summary>Confirms a redeemed invitation with two consecutive codes; announces, then activates.</summary>
    public async Task<EnrollmentOutcome> ConfirmAsync(ConfirmEnrollmentRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (context is null) throw new ArgumentNullException(nameof(context));
        var problems = new List<string>();
        var (account, code) = Validate(request.Issuer, request.AccountName, request.InvitationCode, problems);
        Check(problems, InputRules.CheckTotpCode(request.FirstCode, "first_code"));
        Check(problems, InputRules.CheckTotpCode(request.SecondCode, "second_code"));
        if (problems.Count > 0) return Invalid(problems);
        try
        {
            return await ConfirmCheckedAsync(account!, code!, request.FirstCode!, request.SecondCode!, context, cancellationToken).ConfigureAwait(false);
        }
        catch (DependencyFailureException failure)
        {
            return new EnrollmentDependencyFailed(failure.Dependency, failure.Message);
        }
    }

    private async Task<EnrollmentOutcome> StartCheckedAsync(
        AccountKey account, InvitationCode code, string? currentCode, RequestContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _clock.GetUtcNow();
        var state = await _invitations.GetAsync(account, cancellationToken).ConfigureAwait(false);
        var gate = await CheckInvitationAsync(account, code, state, now, context, cancellationToken).ConfigureAwait(false);
        if (gate is not null) return gate;
        var invitation = state!.Invitation!;
        if (state.PendingCiphertext is not null)
        {
            return new EnrollmentRefusal(EnrollmentRefusalReason.AlreadyRedeemed,
                "The invitation was already redeemed; if that was not you, tell your admin, who will invite you again.", Array.Empty<string>());
        }

        if (state.HasActiveDevice && !invitation.LostDevice)
        {
            var deviceRefusal = await CheckOldDeviceAsync(account, state, currentCode, now, context, cancellationToken).ConfigureAwait(false);
            if (deviceRefusal is not null) return deviceRefusal;
        }

        var key = TotpKey.Generate(account.Issuer, account.AccountName);
        var stored = await _protector.ProtectAsync(account, key, cancellationToken).ConfigureAwait(false);
        if (!stored.HasCiphertext)
        {
            return new EnrollmentDependencyFailed(Dependency.SecretKey, "Enrollment by invitation needs a KMS key for the secrets; none is configured.");
        }
        var written = await _invitations.TryStorePendingAsync(account, invitation.Verifier, stored.Ciphertext!, now, cancellationToken).ConfigureAwait(false);
        if (!written)
        {
            return new EnrollmentRefusal(EnrollmentRefusalReason.AlreadyRedeemed,
                "The invitation was redeemed by another request meanwhile; if that was not you, tell your admin.", Array.Empty<string>());
        }
        return new EnrollmentStarted(key, invitation.ExpiresAt);
    }

    private async Task<EnrollmentOutcome> ConfirmCheckedAsync(
        AccountKey account, InvitationCode code, string first, string second, RequestContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _clock.GetUtcNow();
        var state = await _invitations.GetAsync(account, cancellationToken).ConfigureAwait(false);
        var gate = await CheckInvitationAsync(account, code, state, now, context, cancellationToken).ConfigureAwait(false);
        if (gate is not null) return gate;
        var invitation = state!.Invitation!;
        if (state.PendingCiphertext is not { } pending)
        {
            return new EnrollmentRefusal(EnrollmentRefusalReason.NotRedeemed, "The invitation was not redeemed yet: start the enrollment first.", Array.Empty<string>());
        }

        var secret = await _protector.RevealAsync(account, new StoredSecret(null, pending), cancellationToken).ConfigureAwait(false);
        var step = secret is null ? null : ConsecutiveCodes.Verify(secret, first, second, now);
        if (step is null)
        {
            await RecordFailureAsync(account, state.Entry, now, context, cancellationToken).ConfigureAwait(false);
            return new EnrollmentRefusal(EnrollmentRefusalReason.CodesNotValid,
                "The two codes are not consecutive codes of the new device; wait for the next code and try again.", Array.Empty<string>());
        }

        // Fail closed, like a mint (SECURITY.md rule 6): no announcement, no activation.
        cancellationToken.ThrowIfCancellationRequested();
        var rotation = state.HasActiveDevice;
        var announced = new DeviceEnrolled(now, account, context, rotation, rotation && invitation.LostDevice);
        try
        {
            await _audit.PublishAsync(announced, AuditDelivery.Retried, cancellationToken).ConfigureAwait(false);
        }
        catch (DependencyFailureException failure)
        {
            return new EnrollmentDependencyFailed(Dependency.AuditTopic, "The enrollment could not be announced, so it was not activated: " + failure.Message);
        }

        var activated = await _invitations.TryActivateAsync(account, invitation.Verifier, pending, step.Value, now, cancellationToken).ConfigureAwait(false);
        if (!activated)
        {
            await TryPublishAsync(new RequestRefused(now, account, context, null, null,
                "The device enrollment announced just before did not complete (the invitation changed, expired or was used meanwhile)."),
                AuditDelivery.OneAttempt, cancellationToken).ConfigureAwait(false);
            return NotValid();
        }
        return new EnrollmentConfirmed(account, rotation, announced.LostDevice);
    }

    // Lock first (no code is looked at), then the invitation's code in constant time against its verifier or a decoy,
    // then its expiry. Only a wrong code is a counted failure: a right code past its expiry is no guess.
    private async Task<EnrollmentRefusal?> CheckInvitationAsync(
        AccountKey account, InvitationCode code, EnrollmentState? state, DateTimeOffset now, RequestContext context, CancellationToken cancellationToken)
    {
        if (state is not null && state.Entry.IsLockedAt(now))
        {
            return new EnrollmentRefusal(EnrollmentRefusalReason.AccountLocked,
                "The account is locked after too many failed codes; try again after the lock ends.", Array.Empty<string>(), state.Entry.LockedUntil!.Value - now);
        }
        var invitation = state?.Invitation;
        var matches = code.Matches(account, invitation?.Verifier ?? _decoyVerifier);
        if (!matches || invitation is null)
        {
            await RecordFailureAsync(account, state?.Entry, now, context, cancellationToken).ConfigureAwait(false);
            return NotValid();
        }
        return invitation.IsOpenAt(now) ? null : NotValid();
    }

    // Rotation (docs/INVITATIONS.md, "States"): a current code of the old device, accepted once like any code.
    private async Task<EnrollmentRefusal?> CheckOldDeviceAsync(
        AccountKey account, EnrollmentState state, string? currentCode, DateTimeOffset now, RequestContext context, CancellationToken cancellationToken)
    {
        var refusal = new EnrollmentRefusal(EnrollmentRefusalReason.DeviceCodeRequired,
            "This invitation replaces your device: send a current code of the old device (current_code), or ask your admin for a lost-device invitation.",
            Array.Empty<string>());
        if (currentCode is null) return refusal;
        var oldSecret = await _protector.RevealAsync(account, state.Entry.Secret, cancellationToken).ConfigureAwait(false);
        var step = oldSecret is null ? null : TotpVerifier.Verify(oldSecret, currentCode, now);
        if (step is null || !await _auth.TryAcceptTimeStepAsync(account, step.Value, now, cancellationToken).ConfigureAwait(false))
        {
            await RecordFailureAsync(account, state.Entry, now, context, cancellationToken).ConfigureAwait(false);
            return refusal;
        }
        return null;
    }

    // Counted like a wrong TOTP code, announced by the same rule (a lock once, failed codes once per window).
    private async Task RecordFailureAsync(AccountKey account, AuthEntry? seen, DateTimeOffset now, RequestContext context, CancellationToken cancellationToken)
    {
        var lockout = _options.Lockout;
        var recorded = await _auth.RecordFailureAsync(account, seen, now, lockout, cancellationToken).ConfigureAwait(false);
        var failure = seen is null ? AuthenticationFailure.UnknownAccount : AuthenticationFailure.WrongCode;
        switch (FailureAnnouncementRule.Decide(recorded, failure, lockout.Budget))
        {
            case FailureAnnouncement.Lock:
                await TryPublishAsync(new AccountLocked(now, account, context, recorded.LockedUntil ?? now + lockout.Duration,
                        recorded.LockCause == LockCause.FailureBudgetSpent ? lockout.Budget.LockingFailure : lockout.LockingFailure, false, null)
                { Cause = recorded.LockCause ?? LockCause.ConsecutiveFailures }, AuditDelivery.Retried, cancellationToken).ConfigureAwait(false);
                break;
            case FailureAnnouncement.FailedCodes:
                await TryPublishAsync(new FailedCodes(now, account, context, recorded.WindowFailures, recorded.WindowStart ?? now, lockout.Budget.Failures, false),
                    AuditDelivery.OneAttempt, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    // Refusals stand whether or not their announcement lands; one-attempt announcements get a bound of their own.
    private async Task TryPublishAsync(AuditEvent auditEvent, AuditDelivery delivery, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        using var bound = new CancellationTokenSource(_options.AnnouncementTimeout, _clock);
#else
        using var bound = _clock.CreateCancellationTokenSource(_options.AnnouncementTimeout);
#endif
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            await _audit.PublishAsync(auditEvent, delivery, delivery == AuditDelivery.OneAttempt ? linked.Token : cancellationToken).ConfigureAwait(false);
        }
        catch (DependencyFailureException)
        {
            // Best effort: the refusal stands.
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Best effort within its bound.
        }
    }

    private static (AccountKey? Account, InvitationCode? Code) Validate(string? issuer, string? accountName, string? invitationCode, List<string> problems)
    {
        Check(problems, InputRules.CheckIssuer(issuer));
        Check(problems, InputRules.CheckAccountName(accountName, "account_name"));
        var code = InvitationCode.TryParse(invitationCode);
        if (code is null) problems.Add("invitation_code must be an invitation code (inv1- and 32 base32 characters).");
        return problems.Count > 0 ? (null, null) : (new AccountKey(issuer!, accountName!), code);
    }

    private static void Check(List<string> problems, string? problem)
    {
        if (problem is not null) problems.Add(problem);
    }

    private static EnrollmentRefusal Invalid(IReadOnlyList<string> problems) =>
        new(EnrollmentRefusalReason.InvalidRequest, "The request is invalid: " + string.Join(" ", problems), problems);

    private static EnrollmentRefusal NotValid() => new(EnrollmentRefusalReason.InvitationNotValid, InvitationNotValidMessage, Array.Empty<string>());
}
