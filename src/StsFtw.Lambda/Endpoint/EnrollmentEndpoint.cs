using StsFtw.Core.Broker;
using StsFtw.Core.Invitations;
using StsFtw.Core.Validation;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Logging;

namespace StsFtw.Lambda.Endpoint;

/// <summary>
/// The enrollment routes (docs/INVITATIONS.md): the same gate as the credential request (method, media type, size,
/// base64) without touching AWS, a strict body, the enrollment broker, RFC 9457 problems. The invitation code, the codes
/// and the otpauth URI are never logged: the log line gets the route, the valid names and the outcome.
/// </summary>
public sealed class EnrollmentEndpoint(EnrollmentBroker broker)
{
    /// <summary>True for the paths this endpoint answers (exact match).</summary>
    public static bool Serves(string? path) =>
        string.Equals(path, EnrollmentRoutes.Start, StringComparison.Ordinal) || string.Equals(path, EnrollmentRoutes.Confirm, StringComparison.Ordinal);

    internal async Task<(HttpResponseData, RequestLogEntry)> DecideAsync(HttpRequestData request, RequestInfo info, RequestLogEntry entry, CancellationToken deadline)
    {
        entry = entry with { Route = request.Path };
        if (RequestGate.Check(request) is { } rejected)
        {
            return (Responses.For(rejected.Problem, info.RequestId), entry with { Outcome = "rejected", Reason = rejected.Reason });
        }

        var context = new RequestContext(info.RequestId, request.SourceAddress);
        string? problem;
        Func<Task<EnrollmentOutcome>> decide;
        if (string.Equals(request.Path, EnrollmentRoutes.Start, StringComparison.Ordinal))
        {
            var start = EnrollmentRequestReader.ReadStart(request.Body.Span, out problem);
            entry = Named(entry, start?.Issuer, start?.AccountName);
            decide = () => broker.StartAsync(start!, context, deadline);
        }
        else
        {
            var confirm = EnrollmentRequestReader.ReadConfirm(request.Body.Span, out problem);
            entry = Named(entry, confirm?.Issuer, confirm?.AccountName);
            decide = () => broker.ConfirmAsync(confirm!, context, deadline);
        }
        if (problem is not null)
        {
            return (Responses.For(Problems.Unreadable(problem), info.RequestId), entry with { Outcome = "rejected", Reason = "malformed-body" });
        }

        EnrollmentOutcome outcome;
        try
        {
            outcome = await decide().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (Responses.For(Problems.DeadlineExceeded(), info.RequestId), entry with { Outcome = "deadline", Reason = "deadline-exceeded" });
        }
        catch (Exception unexpected)
        {
            return (Responses.For(Problems.Unexpected(), info.RequestId),
                entry with { Outcome = "error", Reason = unexpected.GetType().Name, Detail = unexpected.Message });
        }

        return outcome switch
        {
            EnrollmentStarted started => (Responses.EnrollmentStarted(started), entry with { Outcome = "enrollment-started" }),
            EnrollmentConfirmed confirmed => (Responses.EnrollmentConfirmed(confirmed), entry with
            {
                Outcome = "enrollment-confirmed",
                Detail = confirmed.LostDevice ? "rotation lost-device" : confirmed.Rotation ? "rotation" : null,
            }),
            EnrollmentRefusal refusal => (Responses.For(EnrollmentProblems.ForRefusal(refusal), info.RequestId),
                entry with { Outcome = "refused", Reason = refusal.Reason.ToString() }),
            EnrollmentDependencyFailed failed => (Responses.For(EnrollmentProblems.ForDependency(failed), info.RequestId),
                entry with { Outcome = "dependency-failed", Reason = failed.Dependency.ToString(), Detail = failed.Message }),
            _ => (Responses.For(Problems.Unexpected(), info.RequestId), entry with { Outcome = "error", Reason = outcome.GetType().Name }),
        };
    }

    private static RequestLogEntry Named(RequestLogEntry entry, string? issuer, string? accountName) => entry with
    {
        Issuer = RequestGate.Loggable(issuer, InputRules.CheckIssuer),
        Account = RequestGate.Loggable(accountName, v => InputRules.CheckAccountName(v)),
    };
}
