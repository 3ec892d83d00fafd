using StsFtw.Core.Wire;
using Xunit.Abstractions;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>The corpus itself: big enough, every entry named once, every entry hostile.</summary>
public sealed class HostileCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void CorpusHoldsAtLeastThreeHundredNamedHostileRequests()
    {
        var corpus = HostileCorpus.All;
        foreach (var group in corpus.GroupBy(r => r.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key,-32} {group.Count(),4}");
        }
        output.WriteLine($"{"hand-written",-32} {HandWrittenCorpus.All.Count,4}");
        output.WriteLine($"{"generated (FsCheck)",-32} {GeneratedCorpus.All.Count,4}");
        output.WriteLine($"{"total",-32} {corpus.Count,4}");

        Assert.True(corpus.Count >= HostileCorpus.MinimumSize, $"the corpus holds {corpus.Count} requests");
        Assert.True(HandWrittenCorpus.All.Count >= 150 && GeneratedCorpus.All.Count >= 150);
        Assert.Empty(corpus.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void EveryEntryExpectsARefusal()
    {
        Assert.All(HostileCorpus.All, r => Assert.InRange(r.Expected, 400, 499));
        Assert.All(HostileCorpus.All.Where(r => r.MayReachTable), r => Assert.Equal(401, r.Expected));
    }

    [Fact]
    public void GeneratedCorpusIsTheSameOnEveryRun()
    {
        // Sampling twice with the seed gives the same requests, so a failure names an entry that can be found again.
        var first = GeneratedCorpus.All.Select(r => Convert.ToHexString(r.Body)).ToArray();
        var again = GeneratedCorpus.Sample().Select(r => Convert.ToHexString(r.Body)).ToArray();
        Assert.Equal(first, again);
    }

    [Fact]
    public void VerdictCatchesAnEchoA5xxAndAnAwsCall()
    {
        var request = new HostileRequest("probe", "meta", RequestText.Utf8(RequestText.WithString("AccountName", "m\u0430llory-probe")), 400);
        const string Echo = """{"type":"urn:stsftw:problem:invalid-request","title":"The request is invalid","status":400,"detail":"AccountName m\u0430llory-probe is bad."}""";
        const string Clean = """{"type":"urn:stsftw:problem:invalid-request","title":"The request is invalid","status":400,"detail":"AccountName is bad."}""";

        Assert.Empty(HostileVerdict.Judge(request, new HostileAnswer(400, MediaTypes.ProblemJson, "no-store", Clean), []));
        Assert.Contains(HostileVerdict.Judge(request, new HostileAnswer(400, MediaTypes.ProblemJson, "no-store", Echo), []), b => b.StartsWith("echoes", StringComparison.Ordinal));
        Assert.Contains(HostileVerdict.Judge(request, new HostileAnswer(500, MediaTypes.ProblemJson, "no-store", Clean.Replace("400", "500")), []), b => b.Contains("not a 4xx", StringComparison.Ordinal));
        Assert.Contains(HostileVerdict.Judge(request, new HostileAnswer(400, MediaTypes.ProblemJson, "no-store", Clean), ["dynamodb.GetEntries"]), b => b.StartsWith("reached AWS", StringComparison.Ordinal));
        Assert.Contains(HostileVerdict.Judge(request, new HostileAnswer(400, "text/html", null, "<html/>"), []), b => b.StartsWith("content type", StringComparison.Ordinal));
    }
}
