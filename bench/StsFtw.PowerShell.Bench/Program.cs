using System.Reflection;
using StsFtw.PowerShell.Bench;
using StsFtw.PowerShell.Bench.Measurement;
using StsFtw.PowerShell.Bench.Pwsh;

// Only wiring lives here: parse the options, find pwsh and the module, run the variants, print the report.
// Progress goes to stderr, the report to stdout.
var options = BenchOptions.Parse(args, Console.Out);
if (options is null) return args is ["--help" or "-h"] ? 0 : 2;

var metadata = typeof(BenchOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value ?? "");
var repositoryRoot = metadata["RepositoryRoot"];
var manifest = metadata["ModuleManifest"];
if (!File.Exists(manifest))
{
    Console.Error.WriteLine($"{manifest} is missing: build the module (dotnet build src/StsFtw.PowerShell -c Release).");
    return 1;
}
var pwsh = PwshTool.Locate(repositoryRoot, metadata["NuGetPackageRoot"]);

using var backend = new LoopbackBackend();
// The credential_process variant's cache: empty at the start, so its warm-up run is the one that asks the backend.
var cacheDirectory = Path.Combine(Path.GetTempPath(), "stsftw-bench-cache-" + Guid.NewGuid().ToString("N"));
var variants = Variant.All(manifest, backend.Url, cacheDirectory);
var report = new BenchReport(Console.Out);
report.Setting(pwsh, manifest, backend.Url, options.RunsEach);

InterleavedResult results;
try
{
    results = await new InterleavedRuns(pwsh, variants, repositoryRoot).RunAsync(options.RunsEach, Console.Error);
}
finally
{
    if (Directory.Exists(cacheDirectory)) Directory.Delete(cacheDirectory, recursive: true);
}
// One request per end-to-end run, warm-up included (each really reached the backend), and one for the
// credential_process variant's warm-up (every measured run of it was served from the cache).
if (backend.Requests != options.RunsEach + 2)
{
    Console.Error.WriteLine($"The backend answered {backend.Requests} requests, not {options.RunsEach + 2}.");
    return 1;
}
report.Results(results);
return 0;
