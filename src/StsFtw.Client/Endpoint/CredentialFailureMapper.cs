using System.Globalization;
using System.Text;
using StsFtw.Core.Wire;

namespace StsFtw.Client.Endpoint;

/// <summary>
/// The one place that turns a non-200 answer into a <see cref="CredentialFailure"/>: the problem <c>type</c> decides
/// the kind (the status when there is no type), the problem <c>detail</c> is the message when it is fit to show.
/// </summary>
internal static class CredentialFailureMapper
{
    private const int MaximumMessageLength = 500;

    public static CredentialFailure FromResponse(int status, ProblemDocument? problem, TimeSpan? retryAfterHeader)
    {
        var kind = KindOf(status, problem?.Type);
        var retryAfter = kind == CredentialFailureKind.AccountLocked
            ? retryAfterHeader ?? (problem?.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
            : null;
        var message = Printable(problem?.Detail) ?? Printable(problem?.Title) ?? DefaultMessage(kind, status);
        if (retryAfter is { } wait)
        {
            message = message.TrimEnd('.') + string.Format(CultureInfo.InvariantCulture, ". Try again in {0} (after {1:u}).",
                Describe(wait), DateTimeOffset.UtcNow.Add(wait));
        }
        var problems = problem?.Problems.Select(Printable).Where(p => p is not null).Select(p => p!).ToArray() ?? Array.Empty<string>();
        if (kind == CredentialFailureKind.InvalidRequest && problems.Length > 0)
        {
            message = message.TrimEnd('.') + ": " + string.Join(" ", problems);
        }
        return new CredentialFailure(kind, message)
        {
            Status = status,
            ProblemType = problem?.Type,
            Problems = problems,
            RetryAfter = retryAfter,
            Instance = Printable(problem?.Instance),
        };
    }

    public static CredentialFailureKind KindOf(int status, string? problemType) => problemType switch
    {
        ProblemTypes.InvalidRequest => CredentialFailureKind.InvalidRequest,
        ProblemTypes.AuthenticationFailed => CredentialFailureKind.AuthenticationFailed,
        ProblemTypes.SecondaryRequired => CredentialFailureKind.SecondaryRequired,
        ProblemTypes.SecondaryNotPermitted => CredentialFailureKind.SecondaryNotPermitted,
        ProblemTypes.RoleNotPermitted => CredentialFailureKind.RoleNotPermitted,
        ProblemTypes.AccountLocked => CredentialFailureKind.AccountLocked,
        ProblemTypes.MethodNotAllowed or ProblemTypes.PayloadTooLarge or ProblemTypes.UnsupportedMediaType
            => CredentialFailureKind.EndpointMismatch,
        ProblemTypes.CredentialsUnavailable => CredentialFailureKind.CredentialsUnavailable,
        ProblemTypes.InternalError or ProblemTypes.ServiceUnavailable => CredentialFailureKind.ServiceUnavailable,
        _ => status switch
        {
            400 => CredentialFailureKind.InvalidRequest,
            401 => CredentialFailureKind.AuthenticationFailed,
            403 => CredentialFailureKind.RoleNotPermitted,
            404 or 405 or 413 or 415 => CredentialFailureKind.EndpointMismatch,
            429 => CredentialFailureKind.AccountLocked,
            502 => CredentialFailureKind.CredentialsUnavailable,
            >= 500 => CredentialFailureKind.ServiceUnavailable,
            _ => CredentialFailureKind.UnexpectedResponse,
        },
    };

    private static string DefaultMessage(CredentialFailureKind kind, int status) => kind switch
    {
        CredentialFailureKind.InvalidRequest => "The endpoint refused the request as invalid.",
        CredentialFailureKind.AuthenticationFailed => "Authentication failed: unknown account, wrong code, or a code that was already used.",
        CredentialFailureKind.SecondaryRequired => "This account needs a co-signer: name one with its code.",
        CredentialFailureKind.SecondaryNotPermitted => "The named co-signer may not co-sign for this account.",
        CredentialFailureKind.RoleNotPermitted => "The account may not assume this role.",
        CredentialFailureKind.AccountLocked => "The account is locked after repeated failures.",
        CredentialFailureKind.EndpointMismatch => string.Format(CultureInfo.InvariantCulture,
            "The endpoint answered HTTP {0}: check the endpoint URL.", status),
        CredentialFailureKind.CredentialsUnavailable => "AWS STS did not issue the credentials.",
        CredentialFailureKind.ServiceUnavailable => string.Format(CultureInfo.InvariantCulture,
            "The credential service is unavailable (HTTP {0}); no credentials were issued.", status),
        _ => string.Format(CultureInfo.InvariantCulture, "The endpoint answered HTTP {0}, which is not part of the protocol.", status),
    };

    private static string Describe(TimeSpan wait) =>
        wait.TotalSeconds < 120
            ? string.Format(CultureInfo.InvariantCulture, "{0} s", (int)Math.Ceiling(wait.TotalSeconds))
            : string.Format(CultureInfo.InvariantCulture, "{0} min", (int)Math.Ceiling(wait.TotalMinutes));

    // A message from the network reaches a terminal: drop control characters and bound the length.
    internal static string? Printable(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var builder = new StringBuilder(Math.Min(text!.Length, MaximumMessageLength));
        foreach (var c in text)
        {
            if (builder.Length >= MaximumMessageLength) break;
            // Control characters drive the terminal; format characters (bidi overrides, zero-width) disguise text.
            builder.Append(char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format ? ' ' : c);
        }
        return builder.ToString().Trim();
    }
}
