using System.Collections.Concurrent;
using StsFtw.Core.Accounts;
using StsFtw.Core.Audit;
using StsFtw.Core.Credentials;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;

namespace StsFtw.Lambda.Bench.Warm;

// Zero-latency ports: every call completes synchronously, so what is measured is the backend's own work (reading the
// JSON, validation, TOTP, the broker, the timing wrappers, the response and the log line), not I/O.

/// <summary>The auth table in memory, with the contract's atomic accept and failure count (one lock).</summary>
internal sealed class InMemoryAuthStore : IAuthStore
{
    private readonly object _gate = new();
    private readonly Dictionary<AccountKey, AuthEntry> _entries = new();

    public void Put(AuthEntry entry)
    {
        lock (_gate) _entries[entry.Account] = entry;
    }

    public Task<EntryLookup> GetEntriesAsync(AccountKey primary, AccountKey? secondary, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new EntryLookup(
                _entries.GetValueOrDefault(primary), secondary is null ? null : _entries.GetValueOrDefault(secondary)));
        }
    }

    public Task<bool> TryAcceptTimeStepAsync(AccountKey account, long timeStep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(account, out var entry)) return Task.FromResult(false);
            if (entry.LastAcceptedTimeStep is { } last && last >= timeStep) return Task.FromResult(false);
            if (entry.IsLockedAt(now)) return Task.FromResult(false);
            _entries[account] = entry with { LastAcceptedTimeStep = timeStep, ConsecutiveFailures = 0, LockedUntil = null };
            return Task.FromResult(true);
        }
    }

    public Task<FailureRecord> RecordFailureAsync(AccountKey account, AuthEntry? seen, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(account, out var entry)) return Task.FromResult(FailureRecord.NotEnrolled);
            var failures = entry.ConsecutiveFailures + 1;
            _entries[account] = entry with { ConsecutiveFailures = failures };
            return Task.FromResult(new FailureRecord(true, failures, entry.LockedUntil, false));
        }
    }
}

/// <summary>A key service that answers at once: the "ciphertext" is a handle to a secret held here.</summary>
internal sealed class InMemorySecretProtector : ISecretProtector
{
    private readonly ConcurrentDictionary<string, TotpSecret> _secrets = new(StringComparer.Ordinal);

    public Task<StoredSecret> ProtectAsync(AccountKey account, TotpKey key, CancellationToken cancellationToken)
    {
        var handle = Guid.NewGuid().ToByteArray();
        _secrets[Convert.ToBase64String(handle)] = key.Secret;
        return Task.FromResult(new StoredSecret(null, handle));
    }

    public Task<TotpSecret?> RevealAsync(AccountKey account, StoredSecret stored, CancellationToken cancellationToken) =>
        Task.FromResult(stored.HasCiphertext && _secrets.TryGetValue(Convert.ToBase64String(stored.Ciphertext!), out var secret) ? secret : null);
}

/// <summary>STS that answers at once with fixed, fake credentials.</summary>
internal sealed class InstantMinter : ICredentialMinter
{
    public Task<string> ResolveRoleArnAsync(string role, CancellationToken cancellationToken) =>
        Task.FromResult(RoleArnPolicy.ResolveName(role, "aws", "123456789012"));

    public Task<IssuedCredentials> MintAsync(MintRequest request, CancellationToken cancellationToken)
    {
        var arn = RoleArnPolicy.ResolveName(request.Role, "aws", "123456789012");
        return Task.FromResult(new IssuedCredentials(
            "ASIABENCHACCESSKEY00", "bench-secret-access-key-0000000000000000", new string('T', 600),
            DateTimeOffset.UtcNow.AddSeconds(request.DurationSeconds), arn, arn.Replace(":role/", ":assumed-role/", StringComparison.Ordinal) + "/session"));
    }
}

/// <summary>An audit channel that accepts at once, after formatting the message as the SNS sink does.</summary>
internal sealed class InstantAuditSink : IAuditSink
{
    public int Published;

    public Task PublishAsync(AuditEvent auditEvent, AuditDelivery delivery, CancellationToken cancellationToken)
    {
        _ = AuditMessageFormatter.Format(auditEvent);
        Interlocked.Increment(ref Published);
        return Task.CompletedTask;
    }
}

/// <summary>A clock the benchmark moves by hand (one TOTP step per round, so each account's code is new).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
