// The native client beside the module, run by run:
//   dotnet publish src/StsFtw.Cli -c Release -r linux-x64 -o artifacts/cli/linux-x64
//   dotnet run -c Release --project bench/StsFtw.Cli.Bench [-- --quick] [-- --runs N]
// Both variants answer a credential_process call from a cache primed by one call each (two backend requests in all).
// Progress goes to stderr, the report to stdout.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using StsFtw.Bench.Common;
using StsFtw.PowerShell.Bench;
using StsFtw.PowerShell.Bench.Measurement;
using StsFtw.PowerShell.Bench.Pwsh;

var runs = 20;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            runs = 3;
            break;
        case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
            runs = n;
            i++;
            break;
        default:
            Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/StsFtw.Cli.Bench [-- --quick | --runs N]");
            return 2;
    }
}

var metadata = typeof(PwshTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value ?? "");
var repositoryRoot = metadata["RepositoryRoot"];
var manifest = metadata["ModuleManifest"];
var binary = Path.Combine(repositoryRoot, "artifacts", "cli", "linux-x64", "stsftw");
if (!File.Exists(manifest))
{
    Console.Error.WriteLine($"{manifest} is missing: build the module (dotnet build src/StsFtw.PowerShell -c Release).");
    return 1;
}
if (!File.Exists(binary))
{
    Console.Error.WriteLine($"{binary} is missing: dotnet publish src/StsFtw.Cli -c Release -r linux-x64 -o artifacts/cli/linux-x64");
    return 1;
}
var pwsh = PwshTool.Locate(repositoryRoot, metadata["NuGetPackageRoot"]);
var timeTool = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;

using var backend = new LoopbackBackend();
var work = Directory.CreateTempSubdirectory("stsftw-cli-bench-");
var nativeCache = Path.Combine(work.FullName, "native");
var moduleCache = Path.Combine(work.FullName, "module");
var expected = "\"AccessKeyId\":\"" + LoopbackBackend.AccessKeyId + "\"";
string[] nativeArguments =
[
    "credential-process", "--endpoint", backend.Url, "--issuer", "example", "--account-name", "alice", "--role", "Developer", "--totp-code", "123456",
];
var moduleCommand = $"Get-StsCredential -Endpoint '{backend.Url}' -Issuer example -AccountName alice -Role Developer -TotpCode 123456 -AsCredentialProcess";
var moduleEnvironment = new Dictionary<string, string>
{
    ["PSModulePath"] = Path.GetDirectoryName(Path.GetDirectoryName(manifest))!,
    ["STS_CACHE_DIR"] = moduleCache,
};

var native = new List<double>();
var module = new List<double>();
try
{
    // One priming call each (the two backend requests), then the measured runs, interleaved.
    for (var i = -1; i < runs; i++)
    {
        var n = await NativeAsync(null);
        var m = await ModuleAsync(null);
        if (i < 0) continue;
        native.Add(n.Milliseconds);
        module.Add(m.Milliseconds);
        Console.Error.Write($"\rrun {i + 1}/{runs}: stsftw {n.Milliseconds:F1} ms, pwsh {m.Milliseconds:F0} ms   ");
    }
    Console.Error.WriteLine();

    // Peak RSS (VmHWM as getrusage reports it) from /usr/bin/time -f %M, in three further runs each, apart from the timing.
    long? nativeRss = null, moduleRss = null;
    if (timeTool is not null)
    {
        for (var i = 0; i < 3; i++)
        {
            nativeRss = Math.Max(nativeRss ?? 0, (await NativeAsync(timeTool)).PeakKilobytes ?? 0);
            moduleRss = Math.Max(moduleRss ?? 0, (await ModuleAsync(timeTool)).PeakKilobytes ?? 0);
        }
    }

    if (backend.Requests != 2)
    {
        Console.Error.WriteLine($"The backend answered {backend.Requests} requests, not 2: a measured run was not served from the cache.");
        return 1;
    }

    var a = Summary.Of(native);
    var b = Summary.Of(module);
    Console.WriteLine($"stsftw credential-process vs pwsh Get-StsCredential -AsCredentialProcess, both from the cache; {runs} runs each, interleaved.");
    Console.WriteLine($"  binary {binary} ({new FileInfo(binary).Length / 1024.0 / 1024.0:F1} MiB); pwsh {pwsh.Version}; endpoint {backend.Url}");
    Console.WriteLine();
    var table = new TextTable("variant", "median ms", "p90 ms", "min ms", "max ms", "peak RSS MiB");
    table.Row("stsftw credential-process", F(a.Median, 1), F(a.P90, 1), F(a.Min, 1), F(a.Max, 1), Rss(nativeRss));
    table.Row("pwsh Get-StsCredential -AsCredentialProcess", F(b.Median, 1), F(b.P90, 1), F(b.Min, 1), F(b.Max, 1), Rss(moduleRss));
    table.WriteTo(Console.Out);
    Console.WriteLine();
    Console.WriteLine($"  pwsh / stsftw: median {b.Median / a.Median:F1}x, p90 {b.P90 / a.P90:F1}x");
    if (timeTool is null) Console.WriteLine("  peak RSS not measured: /usr/bin/time is not installed.");
    return 0;
}
finally
{
    work.Delete(recursive: true);
}

async Task<(double Milliseconds, long? PeakKilobytes)> NativeAsync(string? time)
{
    var rssFile = Path.Combine(work.FullName, "rss");
    var start = new ProcessStartInfo(time ?? binary) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
    if (time is not null)
    {
        foreach (var argument in new[] { "-f", "%M", "-o", rssFile, binary }) start.ArgumentList.Add(argument);
    }
    foreach (var argument in nativeArguments) start.ArgumentList.Add(argument);
    foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STS_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
    {
        start.Environment.Remove(name);
    }
    start.Environment["STS_CACHE_DIR"] = nativeCache;
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start.");
    process.StandardInput.Close();
    var output = process.StandardOutput.ReadToEndAsync();
    var errors = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var elapsed = watch.Elapsed.TotalMilliseconds;
    if (process.ExitCode != 0 || !(await output).Contains(expected, StringComparison.Ordinal) || (await errors).Length > 0)
    {
        throw new InvalidOperationException($"stsftw exited with {process.ExitCode}: {await errors} {await output}");
    }
    return (elapsed, time is null ? null : ReadRss(rssFile));
}

async Task<(double Milliseconds, long? PeakKilobytes)> ModuleAsync(string? time)
{
    PwshRun run;
    var rssFile = Path.Combine(work.FullName, "rss");
    if (time is null)
    {
        run = await PwshProcess.RunAsync(pwsh, moduleCommand, repositoryRoot, TimeSpan.FromMinutes(1), moduleEnvironment, nonInteractive: true);
    }
    else
    {
        // The same start as PwshProcess's, under /usr/bin/time: pwsh's apphost needs DOTNET_ROOT.
        var environment = new Dictionary<string, string>(moduleEnvironment) { ["DOTNET_ROOT"] = pwsh.DotnetRoot };
        run = await TimedPwshAsync(time, rssFile, environment);
    }
    if (run.ExitCode != 0 || !run.Output.Contains(expected, StringComparison.Ordinal) || run.Errors.Trim().Length > 0)
    {
        throw new InvalidOperationException($"pwsh exited with {run.ExitCode}: {run.Errors} {run.Output}");
    }
    return (run.Milliseconds, time is null ? null : ReadRss(rssFile));
}

async Task<PwshRun> TimedPwshAsync(string time, string rssFile, Dictionary<string, string> environment)
{
    var start = new ProcessStartInfo(time) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repositoryRoot };
    foreach (var argument in new[] { "-f", "%M", "-o", rssFile, pwsh.Executable, "-NoProfile", "-NonInteractive", "-Command", moduleCommand }) start.ArgumentList.Add(argument);
    foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STS_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
    {
        start.Environment.Remove(name);
    }
    foreach (var (name, value) in environment) start.Environment[name] = value;
    start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
    start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
    start.Environment["NO_COLOR"] = "1";
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start.");
    process.StandardInput.Close();
    var output = process.StandardOutput.ReadToEndAsync();
    var errors = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    return new PwshRun(watch.Elapsed.TotalMilliseconds, process.ExitCode, await output, await errors);
}

static long? ReadRss(string file) =>
    long.TryParse(File.ReadAllText(file).Trim().Split('\n')[^1], CultureInfo.InvariantCulture, out var kilobytes) ? kilobytes : null;

static string F(double value, int decimals) => Summary.Format(value, decimals);

static string Rss(long? kilobytes) => kilobytes is { } k and > 0 ? (k / 1024.0).ToString("F1", CultureInfo.InvariantCulture) : "-";
