using StsFtw.Core.Accounts;
using StsFtw.Core.Audit;
using StsFtw.Core.Credentials;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Invitations;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;

namespace StsFtw.Lambda.Logging;

/// <summary>The auth table, timed.</summary>
public sealed class TimedAuthStore(IAuthStore inner, AwsCallTimer timer) : IAuthStore
{
    /// <inheritdoc />
    public Task<EntryLookup> GetEntriesAsync(AccountKey primary, AccountKey? secondary, CancellationToken cancellationToken) =>
        timer.TimeAsync("dynamodb.GetEntries", () => inner.GetEntriesAsync(primary, secondary, cancellationToken));

    /// <inheritdoc />
    public Task<bool> TryAcceptTimeStepAsync(AccountKey account, long timeStep, DateTimeOffset now, CancellationToken cancellationToken) =>
        timer.TimeAsync("dynamodb.AcceptTimeStep", () => inner.TryAcceptTimeStepAsync(account, timeStep, now, cancellationToken));

    /// <inheritdoc />
    public Task<FailureRecord> RecordFailureAsync(AccountKey account, AuthEntry? seen, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken) =>
        timer.TimeAsync("dynamodb.RecordFailure", () => inner.RecordFailureAsync(account, seen, now, policy, cancellationToken));
}

/// <summary>The key service, timed (only calls that reach it: put this inside any cache).</summary>
public sealed class TimedSecretProtector(ISecretProtector inner, AwsCallTimer timer) : ISecretProtector
{
    /// <inheritdoc />
    public Task<StoredSecret> ProtectAsync(AccountKey account, TotpKey key, CancellationToken cancellationToken) =>
        timer.TimeAsync("kms.Encrypt", () => inner.ProtectAsync(account, key, cancellationToken));

    /// <inheritdoc />
    public Task<TotpSecret?> RevealAsync(AccountKey account, StoredSecret stored, CancellationToken cancellationToken) =>
        timer.TimeAsync("kms.Decrypt", () => inner.RevealAsync(account, stored, cancellationToken));
}

/// <summary>STS, timed.</summary>
public sealed class TimedCredentialMinter(ICredentialMinter inner, AwsCallTimer timer) : ICredentialMinter
{
    /// <inheritdoc />
    public Task<string> ResolveRoleArnAsync(string role, CancellationToken cancellationToken) =>
        inner.ResolveRoleArnAsync(role, cancellationToken);

    /// <inheritdoc />
    public Task<IssuedCredentials> MintAsync(MintRequest request, CancellationToken cancellationToken) =>
        timer.TimeAsync("sts.AssumeRole", () => inner.MintAsync(request, cancellationToken));
}

/// <summary>The audit topic, timed.</summary>
public sealed class TimedAuditSink(IAuditSink inner, AwsCallTimer timer) : IAuditSink
{
    /// <inheritdoc />
    public Task PublishAsync(AuditEvent auditEvent, AuditDelivery delivery, CancellationToken cancellationToken) =>
        timer.TimeAsync("sns.Publish", () => inner.PublishAsync(auditEvent, delivery, cancellationToken));
}

/// <summary>The auth table's invitation operations, timed.</summary>
public sealed class TimedInvitationStore(IInvitationStore inner, AwsCallTimer timer) : IInvitationStore
{
    /// <inheritdoc />
    public Task CreateInvitationAsync(InvitationGrant grant, CancellationToken cancellationToken) =>
        timer.TimeAsync("dynamodb.CreateInvitation", () => inner.CreateInvitationAsync(grant, cancellationToken));

    /// <inheritdoc />
    public Task<EnrollmentState?> GetAsync(AccountKey account, CancellationToken cancellationToken) =>
        timer.TimeAsync("dynamodb.GetInvitation", () => inner.GetAsync(account, cancellationToken));

    /// <inheritdoc />
    public Task<bool> TryStorePendingAsync(AccountKey account, byte[] verifier, byte[] pendingCiphertext, DateTimeOffset now, CancellationToken cancellationToken) =>
        timer.TimeAsync("dynamodb.StorePending", () => inner.TryStorePendingAsync(account, verifier, pendingCiphertext, now, cancellationToken));

    /// <inheritdoc />
    public Task<bool> TryActivateAsync(AccountKey account, byte[] verifier, byte[] pendingCiphertext, long timeStep, DateTimeOffset now, CancellationToken cancellationToken) =>
        timer.TimeAsync("dynamodb.Activate", () => inner.TryActivateAsync(account, verifier, pendingCiphertext, timeStep, now, cancellationToken));
}
