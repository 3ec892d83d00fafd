using StsFtw.Core.Credentials;
using StsFtw.Core.Dependencies;

namespace StsFtw.Testing.Fakes;

public sealed class RecordingMinter : ICredentialMinter
{
    private readonly List<MintRequest> _requests = new();

    public bool Fail { get; set; }

    /// <summary>Runs as the mint starts (for example, to let a deadline pass while STS is working).</summary>
    public Action? OnMint { get; set; }

    public IReadOnlyList<MintRequest> Requests
    {
        get { lock (_requests) return _requests.ToArray(); }
    }

    /// <summary>The account role names resolve into, as the STS minter's GetCallerIdentity would find it.</summary>
    public const string OwnAccountId = "111122223333";

    public Task<string> ResolveRoleArnAsync(string role, CancellationToken cancellationToken) =>
        Task.FromResult(RoleArnPolicy.ResolveName(role, "aws", OwnAccountId));

    public Task<IssuedCredentials> MintAsync(MintRequest request, CancellationToken cancellationToken)
    {
        lock (_requests) _requests.Add(request);
        OnMint?.Invoke();
        if (Fail) throw new DependencyFailureException(Dependency.SecurityTokenService, "STS refused to assume the role (test): AccessDenied.");
        var arn = RoleArnPolicy.ResolveName(request.Role, "aws", OwnAccountId);
        return Task.FromResult(new IssuedCredentials(
            "ASIATESTACCESSKEY", "test-secret-access-key", "test-session-token",
            new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(request.DurationSeconds), arn, arn + "/session"));
    }
}
