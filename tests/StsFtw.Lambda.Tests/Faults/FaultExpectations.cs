using System.Diagnostics;
using System.Globalization;
using StsFtw.Core.Wire;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Faults;
using Xunit.Abstractions;

namespace StsFtw.Lambda.Tests.Faults;

/// <summary>What every fault test checks of its answer, and the figure line it prints for the report.</summary>
internal static class FaultExpectations
{
    /// <summary>
    /// The documented status and problem type, no credentials in the body, an answer before the Lambda deadline, and a
    /// log line that names the outcome, the reason and the failing call with <c>ok:false</c>.
    /// </summary>
    public static void DocumentedFailure(FaultAnswer answer, int status, string problemType, string outcome, string reason, string failingCall)
    {
        Assert.Equal((status, problemType), (answer.Status, answer.ProblemType));
        Assert.DoesNotContain(CredentialResponseFields.SecretAccessKey, answer.HttpBody, StringComparison.Ordinal);
        Assert.DoesNotContain(CredentialResponseFields.SessionToken, answer.HttpBody, StringComparison.Ordinal);
        AnsweredBeforeTheDeadline(answer);
        Assert.Equal(outcome, answer.Outcome);
        Assert.Equal(reason, answer.Reason);
        Assert.Equal(status, answer.Log.GetProperty("status").GetInt32());
        Assert.Equal("error", answer.Log.GetProperty("level").GetString());
        Assert.Contains(false, answer.LoggedCalls(failingCall));
    }

    /// <summary>
    /// The answer came before the deadline, give or take the worst scheduler lag the machine showed meanwhile: the
    /// backend cannot answer sooner than the machine runs its due timer.
    /// </summary>
    public static void AnsweredBeforeTheDeadline(FaultAnswer answer) =>
        AnsweredBeforeTheDeadline(answer.Elapsed, answer.Deadline, answer.SchedulerLag);

    public static void AnsweredBeforeTheDeadline(TimeSpan elapsed, TimeSpan deadline, TimeSpan schedulerLag) =>
        Assert.True(elapsed < deadline + schedulerLag,
            $"answered after {elapsed.TotalMilliseconds:F0} ms, past the {deadline.TotalMilliseconds:F0} ms deadline "
            + $"and the {schedulerLag.TotalMilliseconds:F0} ms scheduler lag seen meanwhile");

    /// <summary>Each gap between consecutive attempts is at least <paramref name="minimum"/>: the client backed off.</summary>
    public static void BackedOffBetween(IReadOnlyList<TimeSpan> arrivals, TimeSpan minimum) =>
        EachGap(arrivals, (gap, _) => gap >= minimum, $"less than {minimum.TotalMilliseconds:F0} ms");

    /// <summary>
    /// The AWS SDK's standard retry mode waits a random time up to a ceiling that doubles per retry ("full jitter", so
    /// a wait can be near zero); observed ceilings for throttling are 1 s, then 2 s. Each gap stays under
    /// <paramref name="firstCeiling"/> × 2^retry plus <paramref name="slack"/> for the failed attempt's own round trip.
    /// </summary>
    public static void BackoffStaysBounded(IReadOnlyList<TimeSpan> arrivals, TimeSpan firstCeiling, TimeSpan slack) =>
        EachGap(arrivals, (gap, retry) => gap <= firstCeiling * Math.Pow(2, retry) + slack, "more than the backoff ceiling");

    private static void EachGap(IReadOnlyList<TimeSpan> arrivals, Func<TimeSpan, int, bool> holds, string failure)
    {
        for (var i = 1; i < arrivals.Count; i++)
        {
            var gap = arrivals[i] - arrivals[i - 1];
            Assert.True(holds(gap, i - 1), $"attempt {i + 1} came {gap.TotalMilliseconds:F0} ms after attempt {i}, {failure}");
        }
    }

    public static IReadOnlyList<TimeSpan> Arrivals(IEnumerable<ProxiedRequest> requests) => requests.Select(r => r.ReceivedAt).ToArray();

    public static IReadOnlyList<TimeSpan> Arrivals(IEnumerable<RecordedCall> calls) =>
        calls.Select(c => TimeSpan.FromTicks((long)(c.ReceivedTimestamp * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency))).ToArray();

    /// <summary>One line per fault, collected from the test output for the report.</summary>
    public static void Report(ITestOutputHelper output, string fault, FaultAnswer answer, int attempts, IReadOnlyList<TimeSpan>? arrivals = null)
    {
        var gaps = arrivals is null || arrivals.Count < 2
            ? "-"
            : string.Join("/", arrivals.Skip(1).Select((arrival, i) => (arrival - arrivals[i]).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)));
        output.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "FAULT {0} status={1} attempts={2} ms={3:F0} deadlineMs={4:F0} lagMs={5:F0} outcome={6} gapsMs={7}",
            fault, answer.Status, attempts, answer.Elapsed.TotalMilliseconds, answer.Deadline.TotalMilliseconds,
            answer.SchedulerLag.TotalMilliseconds, answer.Outcome, gaps));
    }
}
