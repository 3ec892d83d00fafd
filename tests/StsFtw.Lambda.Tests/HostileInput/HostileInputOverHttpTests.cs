using StsFtw.Lambda.Tests.Process;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Lambda;
using StsFtw.Testing.StandIns;
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

    private static List<string> RequestLines(LambdaProcess process) =>
        process.Output.Where(l => l.Contains("\"kind\":\"request\"", StringComparison.Ordinal)).ToList();
}
