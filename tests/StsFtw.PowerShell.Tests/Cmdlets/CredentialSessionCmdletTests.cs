using System.Management.Automation;

using StsFtw.PowerShell.Tests.Hosting;
using StsFtw.PowerShell.Tests.StandIns;

namespace StsFtw.PowerShell.Tests.Cmdlets;

/// <summary>
/// Get-StsCredential's session in the hosted engine: the cache (each test has its own folder, STS_CACHE_DIR), code
/// commands, the host prompt's fallback, the region, -AsCredentialProcess errors and Clear-StsCredentialCache.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class CredentialSessionCmdletTests : IDisposable
{
    private readonly EnvironmentScope _environment = new();
    private readonly BackendStandIn _backend = new();
    private readonly ModuleSession _session = new();

    public void Dispose()
    {
        _session.Dispose();
        _backend.Dispose();
        _environment.Dispose();
    }

    private string Call(string extra = "", string account = "alice") =>
        $"Get-StsCredential -Endpoint '{_backend.Url}' -Issuer example -AccountName {account} -Role Developer {extra}";

    [Fact]
    public void ASecondCallIsServedFromTheCacheWithoutAPromptOrARequest()
    {
        _session.Ui.AnswerSecurely("123456");
        _session.Run(Call()).ThrowOnError();
        var second = _session.Run(Call("-Verbose")).ThrowOnError();
        Assert.Single(_backend.Requests);
        Assert.Equal(1, _session.Ui.SecureReads);
        var verbose = string.Join("\n", second.Verbose.Select(v => v.Message));
        Assert.Contains("Served from the cache, refreshes in", verbose);
        Assert.DoesNotContain(BackendStandIn.SecretAccessKey, verbose);
        Assert.DoesNotContain(BackendStandIn.SessionToken, verbose);
        Assert.Single(Directory.GetFiles(_environment.CacheDirectory));
    }

    [Fact]
    public void TheCachedFileHoldsNoCodeAndIsOwnerOnly()
    {
        _session.Run(Call("-TotpCode 975310")).ThrowOnError();
        var file = Assert.Single(Directory.GetFiles(_environment.CacheDirectory));
        Assert.DoesNotContain("975310", File.ReadAllText(file));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void RefreshPostsAgainAndReplacesTheEntry()
    {
        _session.Run(Call("-TotpCode 123456")).ThrowOnError();
        _session.Run(Call("-TotpCode 234567 -Refresh")).ThrowOnError();
        Assert.Equal(2, _backend.Requests.Count);
        _session.Run(Call("-TotpCode 345678")).ThrowOnError();
        Assert.Equal(2, _backend.Requests.Count);
    }

    [Fact]
    public void NoCacheAndStsCacheOffNeitherReadNorWrite()
    {
        _session.Run(Call("-TotpCode 123456 -NoCache")).ThrowOnError();
        Assert.False(Directory.Exists(_environment.CacheDirectory) && Directory.GetFiles(_environment.CacheDirectory).Length > 0);
        _environment.Set("STS_CACHE", "off");
        _session.Run(Call("-TotpCode 123456")).ThrowOnError();
        _session.Run(Call("-TotpCode 123456")).ThrowOnError();
        Assert.Equal(3, _backend.Requests.Count);
    }

    [Fact]
    public void AnUnknownStsCacheValueIsRefused()
    {
        _environment.Set("STS_CACHE", "maybe");
        var error = _session.Run(Call("-TotpCode 123456")).SingleError();
        Assert.Equal("StsCredential.InvalidInput,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Contains("STS_CACHE", error.Exception.Message);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public void AWindowThatCoversTheCredentialsLifeMeansNoCaching()
    {
        // The stand-in's credentials live an hour: a policy window cannot reach them, so use a short-lived answer.
        _backend.Answer = _ => StandInAnswer.Credentials(expiration: DateTimeOffset.UtcNow.AddMinutes(12));
        _session.Run(Call("-TotpCode 123456 -RefreshWindowMinutes 15")).ThrowOnError();
        _session.Run(Call("-TotpCode 123456 -RefreshWindowMinutes 15")).ThrowOnError();
        Assert.Equal(2, _backend.Requests.Count);
        _session.Run(Call("-TotpCode 123456 -RefreshWindowMinutes 5")).ThrowOnError();
        _session.Run(Call("-TotpCode 123456 -RefreshWindowMinutes 5")).ThrowOnError();
        Assert.Equal(3, _backend.Requests.Count);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("16")]
    [InlineData("ten")]
    public void StsRefreshMinutesOutsideFiveToFifteenIsRefused(string value)
    {
        _environment.Set("STS_REFRESH_MINUTES", value);
        var error = _session.Run(Call("-TotpCode 123456")).SingleError();
        Assert.Equal("StsCredential.InvalidInput,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Contains("STS_REFRESH_MINUTES", error.Exception.Message);
    }

    [Fact]
    public void TheCodeComesFromTheCodeCommandWithoutAPrompt()
    {
        _session.Run(Call("-TotpCodeCommand 'echo 246810'")).ThrowOnError();
        Assert.Equal("246810", Assert.Single(_backend.Requests).Json.GetProperty("TOTPCode").GetString());
        Assert.Equal(0, _session.Ui.SecureReads);
    }

    [Fact]
    public void TheCodeCommandMayComeFromItsVariables()
    {
        _environment.Set("STS_TOTP_CODE_COMMAND", "printf '%s\\n' 135791");
        _environment.Set("STS_SECONDARY_TOTP_CODE_COMMAND", "echo 864200");
        _session.Run(Call("-SecondaryAccountName bob")).ThrowOnError();
        var json = Assert.Single(_backend.Requests).Json;
        Assert.Equal("135791", json.GetProperty("TOTPCode").GetString());
        Assert.Equal("864200", json.GetProperty("SecondaryTOTPCode").GetString());
    }

    [Fact]
    public void AFailingCodeCommandIsOneErrorThatShowsNeitherItsOutputNorItsCommandLine()
    {
        var error = _session.Run(Call("-TotpCodeCommand 'echo hunter2-secret; exit 3'")).SingleError();
        Assert.Equal("StsCredential.CodeUnavailable,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-TotpCodeCommand", error.Exception.Message);
        Assert.DoesNotContain("hunter2", error.ToString());
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public void ACodeCommandTooLongIsRefusedWithoutShowingIt()
    {
        var error = _session.Run(Call("-TotpCodeCommand ('echo secretpass' * 500)")).SingleError();
        Assert.Equal("StsCredential.InvalidInput,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-TotpCodeCommand", error.Exception.Message);
        Assert.DoesNotContain("secretpass", error.ToString());
    }

    [Fact]
    public void AHostThatCannotPromptGivesOneErrorNamingTheOtherWays()
    {
        var error = _session.Run(Call()).SingleError();
        Assert.Equal("StsCredential.CodeRequired,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        foreach (var way in new[] { "-TotpCode", "-TotpCodeCommand", "STS_TOTP_CODE_COMMAND" }) Assert.Contains(way, error.Exception.Message);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public void ThePromptNamesTheEndpointsHost()
    {
        _session.Ui.AnswerSecurely("123456");
        _session.Run(Call()).ThrowOnError();
        Assert.Contains("Code for alice at 127.0.0.1", _session.Ui.Text);
    }

    [Fact]
    public void AsCredentialProcessFailsWithATerminatingError()
    {
        _backend.Answer = _ => StandInAnswer.Problem(401, Problems.AuthenticationFailed, "Authentication failed.");
        // Only a terminating error reaches catch without -ErrorAction Stop.
        var caught = _session.Run("try { " + Call("-TotpCode 123456 -AsCredentialProcess") + " } catch { 'caught ' + $_.FullyQualifiedErrorId }").Strings();
        Assert.Equal("caught StsCredential.AuthenticationFailed,StsFtw.PowerShell.Commands.GetStsCredentialCommand", Assert.Single(caught));
    }

    [Fact]
    public void RegionGoesIntoTheObjectTheExportLinesAndTheEnvironment()
    {
        var credential = PSObject.AsPSObject(_session.Run(Call("-TotpCode 123456 -Region eu-west-1")).Single<object>());
        Assert.Equal("eu-west-1", credential.Properties["Region"].Value);
        var lines = _session.Run(Call("-TotpCode 123456 -Region eu-west-1 -AsExport -Shell Bash")).Strings();
        Assert.Contains("export AWS_REGION='eu-west-1'", lines);
        Assert.Contains("export AWS_DEFAULT_REGION='eu-west-1'", lines);
        _environment.Set("STS_CREDENTIAL_REGION", "ap-south-2");
        _session.Run(Call("-TotpCode 123456 -SetEnvironment")).ThrowOnError();
        Assert.Equal(new[] { "ap-south-2", "ap-south-2" }, _session.Run("$env:AWS_REGION; $env:AWS_DEFAULT_REGION").Strings());
    }

    [Fact]
    public void StsRegionIsNotTheCredentialRegion()
    {
        _environment.Set("STS_REGION", "us-east-1");
        var lines = _session.Run(Call("-TotpCode 123456 -AsExport")).Strings();
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public void ARegionThatIsNotOneIsRefused()
    {
        var error = _session.Run(Call("-TotpCode 123456 -Region 'eu-west-1; rm -rf ~'")).SingleError();
        Assert.Equal("StsCredential.InvalidInput,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public void SetStsEnvironmentWritesTheRegionIntoTheProfile()
    {
        var path = Path.Combine(_environment.CacheDirectory + "-aws", "credentials");
        try
        {
            _session.Run(Call("-TotpCode 123456 -Region eu-west-1") + $" | Set-StsEnvironment -ProfileName dev -CredentialsFilePath '{path}'").ThrowOnError();
            Assert.Contains("region = eu-west-1\n", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void ClearStsCredentialCacheEmptiesTheCacheAndWhatIfKeepsIt()
    {
        _session.Run(Call("-TotpCode 123456")).ThrowOnError();
        _session.Run(Call("-TotpCode 123456", account: "bob")).ThrowOnError();
        _session.Run("Clear-StsCredentialCache -WhatIf").ThrowOnError();
        Assert.Equal(2, Directory.GetFiles(_environment.CacheDirectory).Length);
        _session.Run("Clear-StsCredentialCache -AccountName bob").ThrowOnError();
        Assert.Single(Directory.GetFiles(_environment.CacheDirectory));
        _session.Run($"Clear-StsCredentialCache -Endpoint '{_backend.Url}'").ThrowOnError();
        Assert.Empty(Directory.GetFiles(_environment.CacheDirectory));
        _session.Run(Call("-TotpCode 123456")).ThrowOnError();
        Assert.Equal(3, _backend.Requests.Count);
    }

    [Fact]
    public void ClearStsCredentialCacheWithoutACacheFolderDoesNothing() =>
        _session.Run("Clear-StsCredentialCache").ThrowOnError();
}
