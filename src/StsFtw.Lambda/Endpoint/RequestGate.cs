using StsFtw.Core.Invitations;
using StsFtw.Lambda.Http;

namespace StsFtw.Lambda.Endpoint;

/// <summary>What every route checks before it reads a body, in this order, without touching AWS.</summary>
internal static class RequestGate
{
    private const string Invalid = "[invalid]";

    /// <summary>The rejection for <paramref name="request"/> (a problem and a word for the log), or null when it may be read.</summary>
    public static (Problem Problem, string Reason)? Check(HttpRequestData request)
    {
        if (!string.Equals(request.Method, "POST", StringComparison.Ordinal)) return (Problems.MethodNotAllowed(), "method-not-allowed");
        if (!BodyRules.IsJson(request.Headers.First("Content-Type"))) return (Problems.UnsupportedMediaType(), "unsupported-media-type");
        if (request.Body.Length > BodyRules.MaximumBodyBytes) return (Problems.PayloadTooLarge(BodyRules.MaximumBodyBytes), "payload-too-large");
        if (request.BodyIsMalformedBase64) return (Problems.Unreadable("The body is not valid base64."), "malformed-body");
        return null;
    }

    /// <summary>
    /// A value for the log: as sent when it passes <paramref name="check"/>, otherwise <c>[invalid]</c> (RequestLogEntry).
    /// An invitation code pasted into a name field passes the name rules, so anything shaped like one is <c>[invalid]</c> too.
    /// </summary>
    public static string? Loggable(string? value, Func<string?, string?> check) =>
        value is null ? null : check(value) is null && InvitationCode.TryParse(value) is null ? value : Invalid;
}
