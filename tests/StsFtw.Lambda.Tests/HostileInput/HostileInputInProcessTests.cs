using System.Text.Json;
using StsFtw.Lambda.Events;
using StsFtw.Lambda.Runtime;
using StsFtw.Lambda.Tests.Support;
using StsFtw.Testing.Hygiene;
using Xunit.Abstractions;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// Every corpus entry as an ALB event (single- and multi-value headers) and as a function-URL event, through the real
/// event codec, invocation handler and endpoint, over the broker's in-memory ports.
/// </summary>
public sealed class HostileInputInProcessTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(EventShape.Alb)]
    [InlineData(EventShape.AlbMultiValue)]
    [InlineData(EventShape.FunctionUrl)]
    public async Task EveryHostileRequestIsRefusedWithAClearProblemAndNeverReachesSts(EventShape shape)
    {
        var harness = new EndpointHarness();
        var handler = new HttpInvocationHandler(harness.Endpoint);
        var tally = new HostileTally(shape.ToString());

        foreach (var request in HostileCorpus.All)
        {
            var linesBefore = harness.LogLines.Count;
            var payload = HostileEvents.For(request, shape);
            var response = await handler.HandleAsync(
                new Invocation(Guid.NewGuid().ToString("D"), DateTimeOffset.UtcNow.AddSeconds(30), null, null, payload), CancellationToken.None);

            var answer = HostileAnswer.FromEventResponse(response);
            harness.Ledger.RememberCodesIn(request.Body);
            SecretHygiene.AssertClean("problem bodies (hostile corpus, in-process)", [answer.Body], harness.Ledger);
            var lines = harness.LogLines;
            var calls = lines.Count == linesBefore + 1 ? AwsCallsOf(lines[^1]) : ["(no single log line)"];
            var broken = HostileVerdict.Judge(request, answer, calls);
            if (harness.Broker.Minter.Requests.Count > 0) broken.Add("reached STS");
            tally.Record(request, answer, calls, broken);
        }

        harness.AssertLogHoldsNoSecret();
        output.WriteLine(tally.Report());
        Assert.True(tally.Count >= HostileCorpus.MinimumSize);
        Assert.Empty(harness.Broker.Minter.Requests);
        Assert.True(tally.Failures.Count == 0, string.Join('\n', tally.Failures.Take(60)));
    }

    internal static IReadOnlyList<string> AwsCallsOf(string logLine)
    {
        using var document = JsonDocument.Parse(logLine);
        return document.RootElement.GetProperty("awsCalls").EnumerateArray().Select(c => c.GetProperty("call").GetString()!).ToArray();
    }
}
