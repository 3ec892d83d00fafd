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

    /// <summary>The clock that stamps expirations.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

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

        var duration = int.TryParse(call["DurationSeconds"], out var seconds) ? seconds : 3600;
        var expiration = Clock().UtcDateTime.AddSeconds(duration);
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var assumedRole = $"arn:{Partition}:sts::{roleArn.Split(':')[4]}:assumed-role/{roleName}/{sessionName}";
        var result = new List<XElement>
        {
            new(Ns + "AssumedRoleUser",
                new XElement(Ns + "Arn", assumedRole),
                new XElement(Ns + "AssumedRoleId", $"AROAEXAMPLEROLE:{sessionName}")),
            new(Ns + "Credentials",
                new XElement(Ns + "AccessKeyId", "ASIA" + RandomToken(16)),
                // Marked, so a leaked credential is recognised in any captured line (the tests' secret detector), and is
                // plainly not a real one.
                new XElement(Ns + "SecretAccessKey", StandInCredentials.IssuedSecretAccessKeyPrefix + RandomToken(40 - StandInCredentials.IssuedSecretAccessKeyPrefix.Length)),
                new XElement(Ns + "SessionToken", StandInCredentials.IssuedSessionTokenPrefix + RandomToken(120)),
                new XElement(Ns + "Expiration", expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))),
            new(Ns + "PackedPolicySize", "6"),
        };
        if (call["SourceIdentity"] is { } sourceIdentity) result.Insert(0, new XElement(Ns + "SourceIdentity", sourceIdentity));
        return Ok(AssumeRole, result.ToArray());
    }

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
