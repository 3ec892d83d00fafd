using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Invitations;
using StsFtw.Testing.Fakes;

namespace StsFtw.Core.Tests.Invitations;

/// <summary>The IInvitationStore contract in memory over the in-memory auth store's entries, with the DynamoDB store's conditions.</summary>
internal sealed class InMemoryInvitationStore(InMemoryAuthStore auth) : IInvitationStore
{
    private readonly object _gate = new();
    private readonly Dictionary<AccountKey, (Invitation? Invitation, byte[]? Pending)> _extra = new();

    public List<string> Calls { get; } = new();

    public Task CreateInvitationAsync(InvitationGrant grant, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add($"Invite {grant.Account}");
            var entry = auth.Get(grant.Account) ?? new AuthEntry(grant.Account);
            auth.Put(entry with { Roles = grant.Roles, SecondaryAuthorizers = grant.SecondaryAuthorizers });
            _extra[grant.Account] = (grant.Invitation, null);
        }
        return Task.CompletedTask;
    }

    public Task<EnrollmentState?> GetAsync(AccountKey account, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add($"Get {account}");
            var entry = auth.Get(account);
            if (entry is null) return Task.FromResult<EnrollmentState?>(null);
            var (invitation, pending) = _extra.TryGetValue(account, out var extra) ? extra : (null, null);
            return Task.FromResult<EnrollmentState?>(new EnrollmentState(entry, invitation, pending));
        }
    }

    public Task<bool> TryStorePendingAsync(AccountKey account, byte[] verifier, byte[] pendingCiphertext, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add($"Pending {account}");
            var entry = auth.Get(account);
            if (entry is null || entry.IsLockedAt(now) || !_extra.TryGetValue(account, out var extra)) return Task.FromResult(false);
            if (extra.Invitation is not { } invitation || !invitation.Verifier.SequenceEqual(verifier) || !invitation.IsOpenAt(now) || extra.Pending is not null)
            {
                return Task.FromResult(false);
            }
            _extra[account] = (invitation, pendingCiphertext);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryActivateAsync(AccountKey account, byte[] verifier, byte[] pendingCiphertext, long timeStep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add($"Activate {account} {timeStep}");
            var entry = auth.Get(account);
            if (entry is null || entry.IsLockedAt(now) || !_extra.TryGetValue(account, out var extra)) return Task.FromResult(false);
            if (extra.Invitation is not { } invitation || !invitation.Verifier.SequenceEqual(verifier) || !invitation.IsOpenAt(now)
                || extra.Pending is null || !extra.Pending.SequenceEqual(pendingCiphertext) || entry.LastAcceptedTimeStep >= timeStep)
            {
                return Task.FromResult(false);
            }
            auth.Put(entry with
            {
                Secret = new StoredSecret(null, pendingCiphertext),
                LastAcceptedTimeStep = timeStep,
                ConsecutiveFailures = 0,
                ConsecutiveLocks = 0,
                LockedUntil = null,
                BudgetFailures = 0,
                BudgetWindowStart = null,
            });
            _extra.Remove(account);
            return Task.FromResult(true);
        }
    }
}
