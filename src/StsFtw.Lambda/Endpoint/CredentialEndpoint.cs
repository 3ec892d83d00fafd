using System.Diagnostics;
using StsFtw.Core.Broker;
using StsFtw.Core.Validation;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Logging;

namespace StsFtw.Lambda.Endpoint;

/// <summary>
/// The HTTP face of the broker, the same for the ALB, the function URL and the local listener: checks method,
/// media type and size without touching AWS, reads the JSON, asks the broker, answers, and writes one log line.
/// </summary>
/// <remarks>
/// <para>Cancellation of the token passed to <see cref="HandleAsync"/> is the request's deadline: the answer is then
/// a 503 and no credentials leave.</para>
/// <para>The enrollment routes (<see cref="EnrollmentEndpoint.Serves"/>) go to <c>enrollment</c> when one is given; every other
/// path is the credential request, exactly as STSFTW answered it.</para>
/// </remarks>
public sealed class CredentialEndpoint(CredentialBroker broker, AwsCallTimer timer, JsonLog log, EnrollmentEndpoint? enrollment = null)
{
    /// <summary>Answers <paramref name="request"/>; never throws for a bad request or a failed dependency.</summary>
    public async Task<HttpResponseData> HandleAsync(HttpRequestData request, RequestInfo info, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(info);
        var started = Stopwatch.GetTimestamp();
        var timings = timer.BeginRequest();
        var entry = new RequestLogEntry
        {
            RequestId = info.RequestId,
            TraceId = info.TraceId,
            Channel = info.Channel,
            SourceAddress = request.SourceAddress,
            Outcome = "rejected",
            Status = 0,
            TotalMilliseconds = 0,
        };

        var (response, logged) = enrollment is not null && EnrollmentEndpoint.Serves(request.Path)
            ? await enrollment.DecideAsync(request, info, entry, deadline).ConfigureAwait(false)
            : await DecideAsync(request, info, entry, deadline).ConfigureAwait(false);
        log.Request(logged with
        {
            Status = response.StatusCode,
            Calls = timings.Snapshot(),
            TotalMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        });
        return response;
    }

    private async Task<(HttpResponseData, RequestLogEntry)> DecideAsync(
        HttpRequestData request, RequestInfo info, RequestLogEntry entry, CancellationToken deadline)
    {
        if (RequestGate.Check(request) is { } rejected)
        {
            return Reject(rejected.Problem, info, entry, rejected.Reason);
        }
        var credentialRequest = CredentialRequestReader.Read(request.Body.Span, out var problem);
        if (credentialRequest is null)
        {
            return Reject(Problems.Unreadable(problem!), info, entry, "malformed-body");
        }

        entry = entry with
        {
            Issuer = Loggable(credentialRequest.Issuer, InputRules.CheckIssuer),
            Account = Loggable(credentialRequest.AccountName, v => InputRules.CheckAccountName(v)),
            Role = Loggable(credentialRequest.Role, v => InputRules.CheckRole(v)),
            Secondary = Loggable(credentialRequest.SecondaryAccountName, v => InputRules.CheckAccountName(v)),
        };

        BrokerOutcome outcome;
        try
        {
            outcome = await broker.RequestCredentialsAsync(
                credentialRequest, new RequestContext(info.RequestId, request.SourceAddress), deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (Responses.For(Problems.DeadlineExceeded(), info.RequestId), entry with { Outcome = "deadline", Reason = "deadline-exceeded" });
        }
        catch (Exception unexpected)
        {
            // The type and message of an unexpected failure are for operators; the client gets the request id.
            return (Responses.For(Problems.Unexpected(), info.RequestId),
                entry with { Outcome = "error", Reason = unexpected.GetType().Name, Detail = unexpected.Message });
        }

        return outcome switch
        {
            CredentialsIssued issued => (Responses.Credentials(issued), entry with { Outcome = "issued" }),
            RequestRefusal refusal => (Responses.For(Problems.ForRefusal(refusal), info.RequestId), entry with
            {
                Outcome = "refused",
                Reason = refusal.Reason.ToString(),
                Detail = DescribeRefusal(refusal),
            }),
            DependencyFailed failed => (Responses.For(Problems.ForDependency(failed), info.RequestId), entry with
            {
                Outcome = "dependency-failed",
                Reason = failed.Dependency.ToString(),
                Detail = failed.Message,
            }),
            _ => (Responses.For(Problems.Unexpected(), info.RequestId), entry with { Outcome = "error", Reason = outcome.GetType().Name }),
        };
    }

    private static (HttpResponseData, RequestLogEntry) Reject(Problem problem, RequestInfo info, RequestLogEntry entry, string reason) =>
        (Responses.For(problem, info.RequestId), entry with { Outcome = "rejected", Reason = reason });

    private static string? DescribeRefusal(RequestRefusal refusal)
    {
        var parts = new List<string>();
        if (refusal.Party is { } party) parts.Add("party=" + party);
        if (refusal.Failure is { } failure) parts.Add("failure=" + failure);
        if (!refusal.AuditPublished) parts.Add("audit=not-published");
        if (refusal.Reason == RefusalReason.InvalidRequest) parts.Add("problems=" + refusal.Problems.Count);
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static string? Loggable(string? value, Func<string?, string?> check) => RequestGate.Loggable(value, check);
}
