using StsFtw.Cli.Tests.Support;

namespace StsFtw.Cli.Tests.Published;

/// <summary>
/// The RID-specific Native AOT .NET tool: packed, installed with <c>dotnet tool install --tool-path</c> from a local
/// folder (the only source), run as <c>stsftw</c>, and under STSFTW's name <c>sts</c> through a link.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly ClientHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task TheToolInstalledFromALocalFolderRunsAsStsftwAndAsSts()
    {
        var packages = await CliArtifacts.EnsureToolPackagesAsync();
        Assert.Equal(["StsFtw.Cli.0.1.0.nupkg", "StsFtw.Cli.linux-x64.0.1.0.nupkg"],
            Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(ReplaceVersion));
        var tools = Path.Combine(_home.Path, "tools");
        var config = Path.Combine(_home.Path, "nuget.config");
        // The local folder is the only source: nothing can come from nuget.org.
        await File.WriteAllTextAsync(config,
            $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>""");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _home.Path,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["NUGET_PACKAGES"] = Path.Combine(_home.Path, "nuget"),
        };

        var install = await CliRun.StartAsync("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "StsFtw.Cli"], environment);

        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        var stsftw = Path.Combine(tools, "stsftw");
        var sts = Path.Combine(_home.Path, "sts");
        File.CreateSymbolicLink(sts, stsftw);
        await using var endpoint = new FakeCredentialEndpoint();
        var run = _home.Environment(endpoint);
        run["STS"] = sts;
        run["EXPECTED"] = endpoint.AccessKeyId;

        var help = await CliRun.StartAsync(stsftw, ["--help"], run);
        var get = await CliRun.StartAsync("bash", ["-c", """eval "$("$STS" get --totp-code 123456)" && [ "$AWS_ACCESS_KEY_ID" = "$EXPECTED" ] && echo same"""], run);

        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("stsftw: ", help.Output, StringComparison.Ordinal);
        Assert.Equal(0, get.ExitCode);
        Assert.Equal("same", get.Output.Trim());
        Assert.Equal(string.Empty, get.Error);
    }

    private static string ReplaceVersion(string? name) => System.Text.RegularExpressions.Regex.Replace(name!, @"\.\d+\.\d+\.\d+\.nupkg$", ".0.1.0.nupkg");
}
