using StsFtw.Lambda.Bench;
using StsFtw.Lambda.Bench.ColdStart;
using StsFtw.Lambda.Bench.Rig;
using StsFtw.Lambda.Bench.Scale;
using StsFtw.Lambda.Bench.Warm;
using StsFtw.Testing.Lambda;

// Only wiring lives here: parse the options, run each part, print the report. Progress goes to stderr, the
// report to stdout.
var options = BenchOptions.Parse(args, Console.Out);
if (options is null) return args is ["--help" or "-h"] ? 0 : 2;

var report = new BenchReport(Console.Out, options);
var progress = Console.Error;
report.Environment();

progress.WriteLine("[1/4] in-process warm requests ...");
var inProcess = await new InProcessBenchmark(options.InProcessAccounts, options.InProcessWarmupRounds, options.InProcessMeasuredRounds).RunAsync();
report.InProcess(inProcess);

progress.WriteLine("[2/4] publishing the Native AOT binary (incremental) ...");
var aotBinary = await LambdaArtifacts.EnsureAotBinaryAsync();
var jitAssembly = LambdaArtifacts.JitAssembly;
report.Artifacts(aotBinary, jitAssembly);

progress.WriteLine("[3/4] starting dynalite and the STS/KMS/SNS stand-ins; cold starts ...");
await using var aws = await LocalAws.StartAsync();
var coldStartBenchmark = new ColdStartBenchmark(aws, aotBinary, jitAssembly);
var coldStarts = await coldStartBenchmark.RunAsync(options.ColdStartsEach, progress);
var bareStarts = await coldStartBenchmark.BareStartsAsync(options.ColdStartsEach);
report.ColdStart(coldStarts, bareStarts);

progress.WriteLine("[4/4] scale: small and large table side by side ...");
var scale = await new ScaleBenchmark(aws, aotBinary).RunAsync(options.SmallTableEntries, options.LargeTableEntries, progress);
report.RoundTrips(coldStarts, scale);
report.Scale(scale);
report.Targets();
return 0;
