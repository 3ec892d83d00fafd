using StsFtw.Lambda.Tests.Process;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Hygiene;
using StsFtw.Testing.Lambda;
using StsFtw.Sandbox.StandIns;
using Xunit.Abstractions;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// Every corpus entry as raw bytes over a socket to one real <c>bootstrap --listen</c> process, against dynalite and
/// the STS/KMS/SNS stand-ins: the STS stand-in must never be called.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class HostileInputOverHttpTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EveryHostileRequestIsRefusedByTheLocalListenerAndNeverReachesSts()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "hostile");
        await rig.EnrollAsync("alice");
        var port = DynaliteFixture.FreeTcpPort();
        var process = rig.Start(LambdaArtifacts.JitAssembly, null, "--listen", $"http://127.0.0.1:{port}");
        await process.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), Timeout);
        var tally = new HostileTally("local-http");

        foreach (var request in HostileCorpus.All)
        {
            var stsBefore = rig.Sts.Calls.Count;
            var linesBefore = RequestLines(process).Count;
            var answer = await RawHttpExchange.SendAsync(port, request, Timeout);

            IReadOnlyList<string> calls = ["(no log line: the listener answered by itself)"];
            if (answer.ContentType?.StartsWith(Core.Wire.MediaTypes.ProblemJson, StringComparison.Ordinal) == true)
            {
                await process.WaitForOutputAsync(_ => RequestLines(process).Count > linesBefore, Timeout);
                calls = HostileInputInProcessTests.AwsCallsOf(RequestLines(process)[linesBefore]);
            }
            rig.Ledger.RememberCodesIn(request.Body);
            SecretHygiene.AssertClean("problem bodies (hostile corpus, local HTTP)", [answer.Body], rig.Ledger);
            var broken = HostileVerdict.Judge(request, answer, calls);
            if (rig.Sts.Calls.Count != stsBefore) broken.Add("reached STS");
            tally.Record(request, answer, calls, broken);
        }

        output.WriteLine(tally.Report());
        output.WriteLine($"STS stand-in calls: {rig.Sts.Calls.Count}; KMS stand-in calls: {rig.Kms.Calls.Count}; SNS stand-in calls: {rig.Sns.Calls.Count}");
        Assert.Empty(rig.Sts.Calls);
        Assert.True(tally.Count >= HostileCorpus.MinimumSize);
        Assert.True(tally.Failures.Count == 0, string.Join('\n', tally.Failures.Take(60)));
        rig.AssertLogsHoldNoSecret();
    }

    /// <summary>
    /// Requests HTTP itself forbids, which only the local listener can receive (an ALB or a function URL refuses them
    /// before Lambda is invoked): the listener or the endpoint refuses each with a 4xx or closes the connection; none
    /// gets a 5xx or a 200, none reaches STS, and the listener keeps serving.
    /// </summary>
    [Fact]
    public async Task MalformedHttpNeverGetsA5xxOrReachesStsAndTheListenerKeepsServing()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "hostile-http");
        var port = DynaliteFixture.FreeTcpPort();
        var process = rig.Start(LambdaArtifacts.JitAssembly, null, "--listen", $"http://127.0.0.1:{port}");
        await process.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), Timeout);
        var host = $"Host: 127.0.0.1:{port}\r\n";
        var json = "Content-Type: application/json\r\n";
        var body = RequestText.WithString("TOTPCode", "12345");
        string Post(string headers, string content) => $"POST / HTTP/1.1\r\n{headers}Content-Length: {System.Text.Encoding.UTF8.GetByteCount(content)}\r\n\r\n{content}";
        var cases = new (string Name, string Raw)[]
        {
            ("garbage request line", "HELLO\r\n\r\n"),
            ("request line without a version", "POST /\r\n\r\n"),
            ("unknown HTTP version", $"POST / HTTP/9.9\r\n{host}{json}Content-Length: 0\r\n\r\n"),
            ("HTTP/1.1 without Host", Post(json, body)),
            ("HTTP/1.0 without Host", $"POST / HTTP/1.0\r\n{json}Content-Length: {body.Length}\r\n\r\n{body}"),
            ("NUL byte in a header value", Post(host + json + "X-A: a\0b\r\n", body)),
            ("header line without a colon", Post(host + json + "NoColonHere\r\n", body)),
            ("64 KiB header", Post(host + json + "X-Pad: " + new string('a', 64 * 1024) + "\r\n", body)),
            ("1000 headers", Post(host + json + string.Concat(Enumerable.Range(0, 1000).Select(i => $"X-H{i}: v\r\n")), body)),
            ("obsolete header folding", Post(host + "Content-Type: application/\r\n json\r\n", body)),
            ("chunked body with a bad chunk size", $"POST / HTTP/1.1\r\n{host}{json}Transfer-Encoding: chunked\r\n\r\nZZ\r\n{body}\r\n0\r\n\r\n"),
            ("chunked body of 1 MiB", $"POST / HTTP/1.1\r\n{host}{json}Transfer-Encoding: chunked\r\n\r\n100000\r\n{new string(' ', 0x100000)}\r\n0\r\n\r\n"),
            ("Content-Length and Transfer-Encoding together", $"POST / HTTP/1.1\r\n{host}{json}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n{body}\r\n0\r\n\r\n"),
            ("two different Content-Lengths", $"POST / HTTP/1.1\r\n{host}{json}Content-Length: 2\r\nContent-Length: {body.Length}\r\n\r\n{body}"),
            ("negative Content-Length", $"POST / HTTP/1.1\r\n{host}{json}Content-Length: -1\r\n\r\n{body}"),
            ("Content-Length past the body", $"POST / HTTP/1.1\r\n{host}{json}Content-Length: 5000\r\n\r\n{body}"),
            ("absolute URI for another host", $"POST http://evil.example/ HTTP/1.1\r\n{host}{json}Content-Length: {body.Length}\r\n\r\n{body}"),
            ("path with encoded NUL and dot segments", $"POST /%00/../../etc/passwd HTTP/1.1\r\n{host}{json}Content-Length: {body.Length}\r\n\r\n{body}"),
            ("non-ASCII request target", $"POST /\u00E9\u202E HTTP/1.1\r\n{host}{json}Content-Length: {body.Length}\r\n\r\n{body}"),
            ("lower-case method", $"post / HTTP/1.1\r\n{host}{json}Content-Length: {body.Length}\r\n\r\n{body}"),
            ("Expect 100-continue", Post(host + json + "Expect: 100-continue\r\n", body)),
            ("request smuggled after the body", Post(host + json, body) + $"GET /admin HTTP/1.1\r\n{host}\r\n"),
        };

        var report = new System.Text.StringBuilder();
        var failures = new List<string>();
        var answers = new Dictionary<string, HostileAnswer>();
        foreach (var (name, raw) in cases)
        {
            var answer = await RawHttpExchange.SendRawAsync(port, System.Text.Encoding.UTF8.GetBytes(raw), TimeSpan.FromSeconds(15));
            answers[name] = answer;
            var byEndpoint = answer.ContentType?.StartsWith(Core.Wire.MediaTypes.ProblemJson, StringComparison.Ordinal) == true;
            report.AppendLine($"  {name,-48} {(answer.Status == 0 ? "closed" : answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)),6}  {(answer.Status == 0 ? "-" : byEndpoint ? "endpoint (problem+json)" : "listener: " + answer.ContentType)}");
            // HTTP/9.9 is refused by HttpListener itself, before any of our code runs, with the protocol's own 505; an
            // ALB or a function URL never forwards such a request. Every other answer must be a 4xx or no answer.
            var allowed = name == "unknown HTTP version" ? answer.Status == 505 && !byEndpoint : answer.Status is 0 or (>= 400 and < 500);
            if (!allowed) failures.Add($"{name}: status {answer.Status}");
        }
        // Still serving: a plain hostile request gets the endpoint's own refusal.
        var after = await RawHttpExchange.SendAsync(port, new HostileRequest("after", "liveness", RequestText.Utf8(body), 400), Timeout);

        output.WriteLine(report.ToString());
        // Regression: a body shorter than its Content-Length used to be answered "200 OK" with an empty body.
        Assert.Equal((400, Core.Wire.MediaTypes.ProblemJson), (answers["Content-Length past the body"].Status, answers["Content-Length past the body"].ContentType?.Split(';')[0]));
        Assert.Equal(400, after.Status);
        Assert.StartsWith(Core.Wire.MediaTypes.ProblemJson, after.ContentType, StringComparison.Ordinal);
        Assert.False(process.Process.HasExited);
        Assert.Empty(rig.Sts.Calls);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static List<string> RequestLines(LambdaProcess process) =>
        process.Output.Where(l => l.Contains("\"kind\":\"request\"", StringComparison.Ordinal)).ToList();
}
