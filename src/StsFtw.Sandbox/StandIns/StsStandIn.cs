using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace StsFtw.Sandbox.StandIns;

/// <summary>
/// STS over the Query protocol (form POST, XML answers in <c>https://sts.amazonaws.com/doc/2011-06-15/</c>), which
/// is what AWSSDK.SecurityToken 4.0 sends: <c>GetCallerIdentity</c> and <c>AssumeRole</c>. The credentials it issues
/// are random text with marked prefixes (<see cref="StandInCredentials"/>): they open nothing anywhere.
/// </summary>
public sealed partial class StsStandIn : StandInServer
{
    /// <summary>The GetCallerIdentity action.</summary>
    public const string GetCallerIdentity = "GetCallerIdentity";

    /// <summary>The AssumeRole action.</summary>
    public const string AssumeRole = "AssumeRole";

    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>The broker's own account.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>The broker's partition.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>AWS's answer to a role-chained AssumeRole asking for more than an hour (HTTP 400, ValidationError).</summary>
    public const string RoleChainingLimitMessage = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";

    /// <summary>The longest session a caller that is itself a role session may ask for.</summary>
    public const int RoleChainingMaximumSeconds = 3600;

    /// <summary>How many issued sessions <see cref="FindIssued"/> remembers (the oldest are forgotten first).</summary>
    public const int IssuedSessionsKept = 4096;

    private readonly Dictionary<string, IssuedSession> _issued = new(StringComparer.Ordinal);
    private readonly Queue<string> _issuedOrder = new();
    private readonly object _issuedLock = new();

    /// <summary>The clock that stamps expirations.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>
    /// Whether the caller signs as a role session, as the broker does (its Lambda role's credentials), so AWS's
    /// role-chaining rules apply: DurationSeconds above 3600 is refused, and a session minted with DurationSeconds
    /// cannot get a console sign-in token. True by default; a caller signing with an <c>ASIA</c> access key is a role
    /// session whatever this says. False stands for an IAM user with long-term keys.
    /// </summary>
    public bool CallerIsRoleSession { get; init; } = true;

    /// <summary>
    /// A session this stand-in issued, by its access key id, or null (unknown, or forgotten after
    /// <see cref="IssuedSessionsKept"/> more): what the federation stand-in checks a sign-in against. Kept whether or
    /// not <see cref="StandInServer.RecordsCalls"/> is on.
    /// </summary>
    public IssuedSession? FindIssued(string accessKeyId)
    {
        lock (_issuedLock) return _issued.TryGetValue(accessKeyId, out var session) ? session : null;
    }

    /// <summary>Whether an AssumeRole call sent DurationSeconds at all (AssumeRole's default hour applies when not).</summary>
    public static bool SentDurationSeconds(RecordedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call["DurationSeconds"] is not null;
    }

    /// <inheritdoc />
    protected override string ThrottlingCode => "Throttling";

    /// <inheritdoc />
    protected override (string Action, IReadOnlyDictionary<string, string> Parameters) Parse(
        IReadOnlyDictionary<string, string> headers, string body)
    {
        var fields = QueryForm.Parse(body);
        return (fields.TryGetValue("Action", out var action) ? action : string.Empty, fields);
    }

    /// <inheritdoc />
    protected override StandInReply Handle(RecordedCall call) => call.Action switch
    {
        GetCallerIdentity => Ok(GetCallerIdentity, new XElement(Ns + "Arn", $"arn:{Partition}:sts::{AccountId}:assumed-role/stsftw-broker/broker"),
            new XElement(Ns + "UserId", "AROAEXAMPLEBROKER:broker"),
            new XElement(Ns + "Account", AccountId)),
        AssumeRole => HandleAssumeRole(call),
        _ => Error(400, "InvalidAction", $"Could not find operation {call.Action} for version 2011-06-15"),
    };

    /// <summary>The session tags an AssumeRole call sent (<c>Tags.member.N.Key</c> / <c>.Value</c>).</summary>
    public static Dictionary<string, string> SessionTagsOf(RecordedCall call)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; call[$"Tags.member.{i}.Key"] is { } key; i++) tags[key] = call[$"Tags.member.{i}.Value"]!;
        return tags;
    }

    /// <inheritdoc />
    protected override StandInReply Error(int status, string code, string message)
        => QueryErrorReply.Create(Ns, status, code, message);

    private StandInReply HandleAssumeRole(RecordedCall call)
    {
        var roleArn = call["RoleArn"];
        var sessionName = call["RoleSessionName"];
        if (roleArn is null || !RoleArnPattern().IsMatch(roleArn))
        {
            return Error(400, "ValidationError", "1 validation error detected: Value at 'roleArn' failed to satisfy constraint");
        }
        if (sessionName is null || !SessionNamePattern().IsMatch(sessionName))
        {
            return Error(400, "ValidationError", "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint");
        }

        int? sentDuration = null;
        if (call["DurationSeconds"] is { } durationText)
        {
            if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var sent) || sent < 900 || sent > 43200)
            {
                return Error(400, "ValidationError", "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
            }
            sentDuration = sent;
        }
        var roleSession = CallerIsRoleSession || IsRoleSessionKey(SigningAccessKeyOf(call));
        if (roleSession && sentDuration > RoleChainingMaximumSeconds) return Error(400, "ValidationError", RoleChainingLimitMessage);

        var duration = sentDuration ?? 3600;
        var expiration = Clock().UtcDateTime.AddSeconds(duration);
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var assumedRole = $"arn:{Partition}:sts::{roleArn.Split(':')[4]}:assumed-role/{roleName}/{sessionName}";
        // Marked, so a leaked credential is recognised in any captured line (the tests' secret detector), and is
        // plainly not a real one.
        var issued = new IssuedSession(
            "ASIA" + RandomToken(16),
            StandInCredentials.IssuedSecretAccessKeyPrefix + RandomToken(40 - StandInCredentials.IssuedSecretAccessKeyPrefix.Length),
            StandInCredentials.IssuedSessionTokenPrefix + RandomToken(120),
            new DateTimeOffset(DateTime.SpecifyKind(expiration, DateTimeKind.Utc)),
            sentDuration,
            roleSession);
        Remember(issued);
        var result = new List<XElement>
        {
            new(Ns + "AssumedRoleUser",
                new XElement(Ns + "Arn", assumedRole),
                new XElement(Ns + "AssumedRoleId", $"AROAEXAMPLEROLE:{sessionName}")),
            new(Ns + "Credentials",
                new XElement(Ns + "AccessKeyId", issued.AccessKeyId),
                new XElement(Ns + "SecretAccessKey", issued.SecretAccessKey),
                new XElement(Ns + "SessionToken", issued.SessionToken),
                new XElement(Ns + "Expiration", expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
            new(Ns + "PackedPolicySize", "6"),
        };
        if (call["SourceIdentity"] is { } sourceIdentity) result.Insert(0, new XElement(Ns + "SourceIdentity", sourceIdentity));
        return Ok(AssumeRole, result.ToArray());
    }

    private void Remember(IssuedSession session)
    {
        lock (_issuedLock)
        {
            _issued[session.AccessKeyId] = session;
            _issuedOrder.Enqueue(session.AccessKeyId);
            while (_issuedOrder.Count > IssuedSessionsKept) _issued.Remove(_issuedOrder.Dequeue());
        }
    }

    // "AWS4-HMAC-SHA256 Credential=<key id>/<date>/<region>/sts/aws4_request, SignedHeaders=..., Signature=..."
    private static string? SigningAccessKeyOf(RecordedCall call)
    {
        if (!call.Headers.TryGetValue("Authorization", out var authorization)) return null;
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0) return null;
        start += "Credential=".Length;
        var end = authorization.IndexOf('/', start);
        return end > start ? authorization[start..end] : null;
    }

    // Temporary credentials (a role session's among them) have ASIA access keys; an IAM user's long-term keys AKIA.
    private static bool IsRoleSessionKey(string? accessKeyId) => accessKeyId?.StartsWith("ASIA", StringComparison.Ordinal) == true;

    private static StandInReply Ok(string action, params XElement[] result)
    {
        var document = new XElement(Ns + (action + "Response"),
            new XElement(Ns + (action + "Result"), result.Cast<object>().ToArray()),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", Guid.NewGuid())));
        return new StandInReply(200, "text/xml", document.ToString(SaveOptions.DisableFormatting));
    }

    private static string RandomToken(int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return new string(Enumerable.Range(0, length).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]).ToArray());
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\x21-\x7E]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}
