using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using StsFtw.Core.Wire;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Lambda;

namespace StsFtw.Lambda.Tests.Process;

/// <summary>
/// The Native AOT binary exactly as it is deployed: published with <c>dotnet publish -c Release -r linux-x64</c>,
/// zipped, and run as the provided.al2023 runtime would run it.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed partial class AotBootstrapTests(DynaliteFixture dynalite)
{
    /// <summary>Amazon Linux 2023's glibc.</summary>
    private static readonly Version HighestGlibc = new(2, 34);

    [Fact]
    public async Task BinaryNeedsNoGlibcNewerThanAmazonLinux2023s()
    {
        var binary = await LambdaArtifacts.EnsureAotBinaryAsync();

        var symbols = await RunAsync("objdump", "-T", binary);

        var versions = GlibcVersion().Matches(symbols).Select(m => Version.Parse(m.Groups[1].Value)).Distinct().ToArray();
        Assert.NotEmpty(versions);
        var highest = versions.Max()!;
        Assert.True(highest <= HighestGlibc, $"bootstrap needs GLIBC_{highest}; Amazon Linux 2023 has {HighestGlibc}.");
    }

    [Fact]
    public async Task ZipHoldsAnExecutableBootstrapAndTheLicenseAtItsRoot()
    {
        await LambdaArtifacts.EnsureAotBinaryAsync();

        using var zip = ZipFile.OpenRead(LambdaArtifacts.AotZip);

        Assert.Equal(["LICENSE", "bootstrap"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var entry = zip.GetEntry("bootstrap")!;
        var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute), $"mode is {mode}");
        Assert.Equal(new FileInfo(Path.Combine(LambdaArtifacts.AotDirectory, "bootstrap")).Length, entry.Length);
    }

    [Fact]
    public async Task PublishedBinaryReportsAnEndpointOverrideToANonLoopbackHostAsAnInitError()
    {
        var binary = await LambdaArtifacts.EnsureAotBinaryAsync();
        await using var rig = await BackendRig.StartAsync(dynalite, "aot-endpoint");
        var environment = rig.Environment();
        environment["AWS_ENDPOINT_URL_DYNAMODB"] = "http://203.0.113.10:8000";
        var process = rig.Start(binary, environment);

        var error = await rig.RuntimeApi.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StsFtw.Lambda.Runtime.RuntimeError.ConfigInvalid, error.ErrorType);
        Assert.Contains("AWS_ENDPOINT_URL_DYNAMODB must name a loopback host", error.Json().GetProperty("errorMessage").GetString());
        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, rig.RuntimeApi.NextRequests);
    }

    [Fact]
    public async Task PublishedBinaryServesAnAlbEventEndToEnd()
    {
        var binary = await LambdaArtifacts.EnsureAotBinaryAsync();
        await using var rig = await BackendRig.StartAsync(dynalite, "aot");
        var secret = await rig.EnrollAsync("alice");
        rig.Start(binary);

        var reply = await rig.RuntimeApi.Invoke(LambdaEvents.Alb(BackendRig.Body("alice", rig.CodeNow(secret)))).WaitAsync(TimeSpan.FromSeconds(30));
        var wrong = await rig.RuntimeApi.Invoke(LambdaEvents.Alb(BackendRig.Body("alice", rig.WrongCode(secret)), multiValue: true)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, reply.StatusCode);
        Assert.StartsWith("ASIA", rig.Credentials(reply.HttpBody).GetProperty(CredentialResponseFields.AccessKeyId).GetString());
        Assert.Single(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        Assert.Equal(401, wrong.StatusCode);
        Assert.True(wrong.Json().TryGetProperty("multiValueHeaders", out _));
        rig.AssertLogsHoldNoSecret();
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersion();
}
