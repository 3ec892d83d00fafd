using StsFtw.PowerShell.Tests.Hosting;
using StsFtw.PowerShell.Tests.StandIns;

namespace StsFtw.PowerShell.Tests.Cmdlets;

[Collection(PowerShellCollection.Name)]
public sealed class SetStsEnvironmentTests : IDisposable
{
    private readonly EnvironmentScope _environment = new();
    private readonly BackendStandIn _backend = new();
    private readonly ModuleSession _session = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("stsftw-env").FullName;

    public void Dispose()
    {
        _session.Dispose();
        _backend.Dispose();
        _environment.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Get => $"Get-StsCredential -Endpoint '{_backend.Url}' -Issuer example -AccountName alice -Role Developer -TotpCode 123456";

    private string[] Variables() =>
        _session.Run("$env:AWS_ACCESS_KEY_ID; $env:AWS_SECRET_ACCESS_KEY; $env:AWS_SESSION_TOKEN; $env:AWS_CREDENTIAL_EXPIRATION").Output
            .Select(o => o?.BaseObject?.ToString() ?? "").ToArray();

    [Fact]
    public void CredentialFromThePipelineSetsTheVariables()
    {
        _session.Run(Get + " | Set-StsEnvironment").ThrowOnError();
        Assert.Equal(new[] { BackendStandIn.AccessKeyId, BackendStandIn.SecretAccessKey, BackendStandIn.SessionToken, _backend.LastExpirationText }, Variables());
    }

    [Fact]
    public void AnyObjectWithTheSamePropertyNamesBinds()
    {
        _session.Run("[pscustomobject]@{ AccessKeyId = 'AKIDOTHER'; SecretAccessKey = 'other-secret'; SessionToken = 'other-token' } | Set-StsEnvironment").ThrowOnError();
        Assert.Equal("AKIDOTHER", Variables()[0]);
        Assert.Equal("other-token", Variables()[2]);
    }

    [Fact]
    public void ClearRemovesTheVariables()
    {
        _session.Run(Get + " | Set-StsEnvironment").ThrowOnError();
        _session.Run("Set-StsEnvironment -Clear").ThrowOnError();
        Assert.All(new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION" },
            name => Assert.Null(Environment.GetEnvironmentVariable(name)));
    }

    [Fact]
    public void WhatIfChangesNothing()
    {
        _session.Run(Get + " | Set-StsEnvironment -WhatIf").ThrowOnError();
        Assert.Null(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"));
    }

    [Fact]
    public void ProfileIsWrittenOwnerOnlyAndOtherProfilesAreUntouched()
    {
        var file = Path.Combine(_directory, "credentials");
        const string Existing = "# my settings\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = keep-me\n\n[stsftw]\nregion = eu-west-1\naws_access_key_id = OLD\n\n[other]\naws_access_key_id = AKIDOTHER\n";
        File.WriteAllText(file, Existing);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        _session.Run(Get + $" | Set-StsEnvironment -ProfileName stsftw -CredentialsFilePath '{file}'").ThrowOnError();

        var text = File.ReadAllText(file);
        Assert.StartsWith("# my settings\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = keep-me\n", text);
        Assert.Contains("[other]\naws_access_key_id = AKIDOTHER\n", text);
        Assert.Contains("[stsftw]\nregion = eu-west-1\naws_access_key_id = " + BackendStandIn.AccessKeyId + "\naws_secret_access_key = " + BackendStandIn.SecretAccessKey +
            "\naws_session_token = " + BackendStandIn.SessionToken + "\n", text);
        Assert.DoesNotContain("OLD", text);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Single(Directory.GetFiles(_directory));
        Assert.Null(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"));
    }

    [Fact]
    public void ProfileFileDefaultsToAwsSharedCredentialsFile()
    {
        var file = Path.Combine(_directory, "nested", "credentials");
        _environment.Set("AWS_SHARED_CREDENTIALS_FILE", file);
        _session.Run(Get + " | Set-StsEnvironment -ProfileName work").ThrowOnError();
        Assert.Contains("[work]", File.ReadAllText(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        }
    }

    [Fact]
    public void ClearWithProfileNameRemovesOnlyThatProfile()
    {
        var file = Path.Combine(_directory, "credentials");
        File.WriteAllText(file, "[a]\naws_access_key_id = A\n\n[b]\naws_access_key_id = B\n");
        _session.Run($"Set-StsEnvironment -Clear -ProfileName a -CredentialsFilePath '{file}'").ThrowOnError();
        Assert.Equal("[b]\naws_access_key_id = B\n", File.ReadAllText(file));
        var error = _session.Run($"Set-StsEnvironment -Clear -ProfileName a -CredentialsFilePath '{file}'").SingleError();
        Assert.Equal("StsEnvironment.ProfileNotFound,StsFtw.PowerShell.Commands.SetStsEnvironmentCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void ProfileNameThatWouldBreakTheFileIsRefused()
    {
        var file = Path.Combine(_directory, "credentials");
        var error = _session.Run(Get + $" | Set-StsEnvironment -ProfileName 'x]`n[default' -CredentialsFilePath '{file}'").SingleError();
        Assert.Equal("StsEnvironment.InvalidProfileName,StsFtw.PowerShell.Commands.SetStsEnvironmentCommand", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(file));
    }
}
