namespace StsFtw.Core.Credentials;

/// <summary>Mints temporary credentials (STS AssumeRole).</summary>
/// <remarks>
/// Called only with a request that already passed authentication, replay, throttling and role checks.
/// STS refusals, throttling and transport failures surface as
/// <see cref="Dependencies.DependencyFailureException"/> with <see cref="Dependencies.Dependency.SecurityTokenService"/>.
/// </remarks>
public interface ICredentialMinter
{
    /// <summary>
    /// The ARN <paramref name="role"/> stands for: an ARN as it is, a name as a role in the account the minter
    /// assumes from (<see cref="RoleArnPolicy.ResolveName"/>). The broker checks the result against
    /// <see cref="RoleArnPolicy"/> before it calls <see cref="MintAsync"/>.
    /// </summary>
    Task<string> ResolveRoleArnAsync(string role, CancellationToken cancellationToken);

    /// <summary>Assumes the role and returns the session's credentials.</summary>
    Task<IssuedCredentials> MintAsync(MintRequest request, CancellationToken cancellationToken);
}
