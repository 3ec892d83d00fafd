using StsFtw.Load.Bench;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Lambda;

// Only wiring lives here: parse the options, run the chosen part, print the report. Progress goes to stderr, the
// report to stdout.
var options = BenchOptions.Parse(args, Console.Out);
if (options is null) return args is ["--help" or "-h"] ? 0 : 2;
var progress = Console.Error;

var dynalite = new DynaliteFixture();
await dynalite.InitializeAsync();
try
{
    if (options.BruteForce)
    {
        Console.Out.WriteLine($"# StsFtw brute-force report ({(options.Quick ? "quick" : "full")} run), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.Out.WriteLine("real CredentialBroker + DynamoDbAuthStore on dynalite + KMS/STS/SNS stand-ins, simulated clock; checked guesses counted by the");
        Console.Out.WriteLine("broker's answers and, independently, by KMS Decrypt calls (no reveal cache in this rig)");
        await new BruteForceReport(dynalite, options, Console.Out, progress).RunAsync();
        return 0;
    }

    progress.WriteLine("publishing the Native AOT binary (incremental) ...");
    var aotBinary = await LambdaArtifacts.EnsureAotBinaryAsync();
    var report = new LoadReport(Console.Out);
    report.Environment(options, aotBinary);
    var runs = await new LoadBenchmark(dynalite, aotBinary, options, progress).RunAsync();
    report.Results(runs);
    return runs.Values.SelectMany(r => r).All(r => r.Ledger.Violations.Count == 0 && r.EntryProblems.Count == 0) ? 0 : 1;
}
finally
{
    await dynalite.DisposeAsync();
}
