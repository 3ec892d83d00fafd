using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using StsFtw.Core.Credentials;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Validation;

namespace StsFtw.Aws.Sts;

/// <summary>
/// Mints credentials with STS AssumeRole. A role name resolves to a role in the broker's own account (found once
/// with GetCallerIdentity); a role is assumed only when <see cref="RoleArnPolicy"/> permits the ARN it resolves to.
/// </summary>
/// <remarks>
/// The session carries who asked (SECURITY.md rule 7): RoleSessionName and SourceIdentity from
/// <see cref="StsSessionNaming"/>, and the session tags <c>stsftw:issuer</c>, <c>stsftw:account</c> and, for a
/// co-signed request, <c>stsftw:secondary</c> (none transitive). The role's trust policy must allow
/// <c>sts:TagSession</c> and <c>sts:SetSourceIdentity</c> for the broker. Checking the policy before minting is
/// the broker's job; this class refuses a disallowed ARN again only as a second line of defence.
/// </remarks>
public sealed class StsCredentialMinter : ICredentialMinter
{
    /// <summary>Session tag naming the issuer.</summary>
    public const string IssuerTagKey = "stsftw:issuer";

    /// <summary>Session tag naming the account that asked.</summary>
    public const string AccountTagKey = "stsftw:account";

    /// <summary>Session tag naming the co-signer, present only for co-signed requests.</summary>
    public const string SecondaryTagKey = "stsftw:secondary";

    private readonly IAmazonSecurityTokenService _sts;
    private readonly RoleArnPolicy _roleArnPolicy;
    private readonly object _callerLock = new();
    private Task<CallerAccount>? _callerAccount;

    /// <summary>Creates the minter.</summary>
    /// <param name="sts">The STS client (see <see cref="StsClientFactory"/>); the caller owns it.</param>
    /// <param name="roleArnPolicy">Which role ARNs may be assumed besides role names in the broker's own account.</param>
    public StsCredentialMinter(IAmazonSecurityTokenService sts, RoleArnPolicy roleArnPolicy)
    {
        _sts = sts ?? throw new ArgumentNullException(nameof(sts));
        _roleArnPolicy = roleArnPolicy ?? throw new ArgumentNullException(nameof(roleArnPolicy));
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The role resolves to an ARN that <see cref="RoleArnPolicy"/> does not permit.</exception>
    public async Task<IssuedCredentials> MintAsync(MintRequest request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));

        var roleArn = await PermittedRoleArnAsync(request.Role, cancellationToken).ConfigureAwait(false);
        var assumeRole = new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = StsSessionNaming.RoleSessionName(request.Account),
            SourceIdentity = StsSessionNaming.SourceIdentity(request.Account),
            DurationSeconds = DurationSecondsToSend(request.DurationSeconds),
            Tags = SessionTags(request),
        };

        AssumeRoleResponse response;
        try
        {
            response = await _sts.AssumeRoleAsync(assumeRole, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (AwsFailure.IsDependencyFailure(exception, cancellationToken))
        {
            throw Translate(exception, $"AssumeRole on {roleArn}");
        }

        var credentials = response.Credentials;
        if (credentials is null
            || string.IsNullOrEmpty(credentials.AccessKeyId)
            || string.IsNullOrEmpty(credentials.SecretAccessKey)
            || string.IsNullOrEmpty(credentials.SessionToken)
            || credentials.Expiration is null)
        {
            throw new DependencyFailureException(
                Dependency.SecurityTokenService, $"STS AssumeRole on {roleArn} returned no complete credentials.");
        }

        return new IssuedCredentials(
            credentials.AccessKeyId,
            credentials.SecretAccessKey,
            credentials.SessionToken,
            ToUtc(credentials.Expiration.Value),
            roleArn,
            response.AssumedRoleUser?.Arn ?? string.Empty);
    }

    /// <summary>
    /// The DurationSeconds to send: none for AssumeRole's own default (<see cref="InputRules.DefaultDurationSeconds"/>,
    /// the same hour), any other length as asked.
    /// </summary>
    /// <remarks>
    /// A session a role (the broker's) minted with an explicit DurationSeconds cannot sign in to the AWS console: the
    /// federation endpoint refuses it unless the caller was an IAM user with long-term keys (IAM guide, "Enable custom
    /// identity broker access to the AWS console"). Leaving the parameter out for the default hour gives the same
    /// session and keeps console sign-in (Get-StsConsoleUrl) working for it.
    /// </remarks>
    internal static int? DurationSecondsToSend(int durationSeconds) =>
        durationSeconds == InputRules.DefaultDurationSeconds ? null : durationSeconds;

    /// <inheritdoc />
    public async Task<string> ResolveRoleArnAsync(string role, CancellationToken cancellationToken)
    {
        if (role is null) throw new ArgumentNullException(nameof(role));
        if (InputRules.IsRoleArnShaped(role)) return role;
        var caller = await GetCallerAccountAsync(cancellationToken).ConfigureAwait(false);
        return RoleArnPolicy.ResolveName(role, caller.Partition, caller.AccountId);
    }

    private async Task<string> PermittedRoleArnAsync(string role, CancellationToken cancellationToken)
    {
        var roleArn = await ResolveRoleArnAsync(role, cancellationToken).ConfigureAwait(false);
        if (!_roleArnPolicy.Permits(role, roleArn))
        {
            throw new InvalidOperationException(
                $"The role {roleArn} is not permitted by the deployment's role ARN policy; the broker must refuse it before minting.");
        }
        return roleArn;
    }

    /// <summary>
    /// The broker's own account, looked up once. Concurrent first callers share one GetCallerIdentity call; only a
    /// success is kept, so a failure is retried by the next request. The shared call does not take any one caller's
    /// token (the client's own timeout bounds it), so one caller giving up does not fail the others.
    /// </summary>
    private Task<CallerAccount> GetCallerAccountAsync(CancellationToken cancellationToken)
    {
        Task<CallerAccount> shared;
        lock (_callerLock)
        {
            if (_callerAccount is null || _callerAccount.IsFaulted || _callerAccount.IsCanceled)
            {
                _callerAccount = FetchCallerAccountAsync();
            }
            shared = _callerAccount;
        }
        return shared.IsCompleted ? shared : WithCancellation(shared, cancellationToken);
    }

    private async Task<CallerAccount> FetchCallerAccountAsync()
    {
        GetCallerIdentityResponse response;
        try
        {
            response = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (AwsFailure.IsDependencyFailure(exception, CancellationToken.None))
        {
            throw Translate(exception, "GetCallerIdentity");
        }

        var partition = PartitionOf(response.Arn);
        if (partition is null || response.Account is not { Length: 12 } accountId || !IsDigits(accountId))
        {
            throw new DependencyFailureException(
                Dependency.SecurityTokenService, "STS GetCallerIdentity returned no usable account id and ARN.");
        }
        return new CallerAccount(accountId, partition);
    }

    private static List<Tag> SessionTags(MintRequest request)
    {
        var tags = new List<Tag>
        {
            new() { Key = IssuerTagKey, Value = StsSessionNaming.TagValue(request.Account.Issuer) },
            new() { Key = AccountTagKey, Value = StsSessionNaming.TagValue(request.Account.AccountName) },
        };
        if (!string.IsNullOrEmpty(request.SecondaryAccountName))
        {
            tags.Add(new Tag { Key = SecondaryTagKey, Value = StsSessionNaming.TagValue(request.SecondaryAccountName!) });
        }
        return tags;
    }

    // arn:<partition>:sts::<account>:assumed-role/... -> <partition>
    private static string? PartitionOf(string? arn)
    {
        if (string.IsNullOrEmpty(arn)) return null;
        var parts = arn!.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[1].StartsWith("aws", StringComparison.Ordinal) ? parts[1] : null;
    }

    private static bool IsDigits(string value)
    {
        foreach (var c in value)
        {
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static DateTimeOffset ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero),
    };


    private static DependencyFailureException Translate(Exception exception, string operation) =>
        AwsFailure.ToDependencyFailure(Dependency.SecurityTokenService, $"STS {operation} failed", exception);

    private static async Task<T> WithCancellation<T>(Task<T> task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled) return await task.ConfigureAwait(false);
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
        return await task.ConfigureAwait(false);
    }

    private sealed record CallerAccount(string AccountId, string Partition);
}
