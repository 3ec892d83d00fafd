using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace StsFtw.Sandbox.StandIns;

/// <summary>
/// SNS over the Query API: <c>Action=Publish</c> as a form POST, XML answers in
/// <c>http://sns.amazonaws.com/doc/2010-03-31/</c>. Every request must carry a SigV4 <c>Authorization</c> header
/// for service <c>sns</c> and an <c>X-Amz-Date</c>; when <see cref="SecretAccessKey"/> is set the signature itself
/// is recomputed and checked, as SNS would.
/// </summary>
public sealed partial class SnsStandIn : StandInServer
{
    /// <summary>The Publish action.</summary>
    public const string Publish = "Publish";

    private static readonly XNamespace Ns = "http://sns.amazonaws.com/doc/2010-03-31/";

    /// <summary>The secret key the client signs with; null checks the header's shape only.</summary>
    public string? SecretAccessKey { get; init; }

    /// <inheritdoc />
    protected override string ThrottlingCode => "Throttled";

    /// <inheritdoc />
    protected override int ThrottlingStatus => 429;

    /// <inheritdoc />
    protected override (string Action, IReadOnlyDictionary<string, string> Parameters) Parse(
        IReadOnlyDictionary<string, string> headers, string body)
    {
        var fields = QueryForm.Parse(body);
        return (fields.TryGetValue("Action", out var action) ? action : string.Empty, fields);
    }

    /// <inheritdoc />
    protected override StandInReply? Authenticate(HttpListenerRequest request, RecordedCall call, byte[] body)
    {
        var authorization = call.Headers.GetValueOrDefault("Authorization") ?? string.Empty;
        var match = AuthorizationPattern().Match(authorization);
        var amzDate = call.Headers.GetValueOrDefault("X-Amz-Date");
        if (!match.Success || string.IsNullOrEmpty(amzDate))
        {
            return Error(403, "IncompleteSignature", "Request must contain a SigV4 Authorization header and X-Amz-Date.");
        }
        if (match.Groups["service"].Value != "sns")
        {
            return Error(403, "SignatureDoesNotMatch", $"Credential should be scoped to correct service: 'sns', not '{match.Groups["service"].Value}'.");
        }
        if (SecretAccessKey is null) return null;

        var signedHeaders = match.Groups["headers"].Value.Split(';');
        var canonicalHeaders = string.Concat(signedHeaders.Select(name =>
            name + ":" + Regex.Replace((name == "host" ? request.Headers["Host"] : call.Headers.GetValueOrDefault(name)) ?? string.Empty, @"\s+", " ").Trim() + "\n"));
        var canonicalRequest = string.Join("\n",
            request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query.TrimStart('?'), canonicalHeaders,
            match.Groups["headers"].Value, Hex(SHA256.HashData(body)));
        var scope = $"{match.Groups["date"].Value}/{match.Groups["region"].Value}/sns/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Encoding.UTF8.GetBytes("AWS4" + SecretAccessKey);
        foreach (var part in new[] { match.Groups["date"].Value, match.Groups["region"].Value, "sns", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return expected == match.Groups["signature"].Value
            ? null
            : Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }

    /// <inheritdoc />
    protected override StandInReply Handle(RecordedCall call)
    {
        if (call.Action != Publish) return Error(400, "InvalidAction", $"Could not find operation {call.Action} for version 2010-03-31");
        if (call["Version"] != "2010-03-31") return Error(400, "InvalidParameter", "Invalid parameter: Version");
        if (call["TopicArn"] is not { } topic || !topic.StartsWith("arn:aws:sns:", StringComparison.Ordinal))
        {
            return Error(400, "InvalidParameter", "Invalid parameter: TopicArn");
        }
        if (string.IsNullOrEmpty(call["Message"])) return Error(400, "InvalidParameter", "Invalid parameter: Empty message");

        var document = new XElement(Ns + "PublishResponse",
            new XElement(Ns + "PublishResult", new XElement(Ns + "MessageId", Guid.NewGuid())),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", Guid.NewGuid())));
        return new StandInReply(200, "text/xml", document.ToString(SaveOptions.DisableFormatting));
    }

    /// <inheritdoc />
    protected override StandInReply Error(int status, string code, string message)
        => QueryErrorReply.Create(Ns, status, code, message);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9;-]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}
