using System.Management.Automation;
using StsFtw.PowerShell.Tests.Hosting;
using StsFtw.PowerShell.Tests.Qr;

namespace StsFtw.PowerShell.Tests.Admin;

[Collection(PowerShellCollection.Name)]
public sealed class EnrollmentTests : IAsyncLifetime
{
    private readonly DynaliteServer _dynalite;
    private readonly EnvironmentScope _environment = new();
    private readonly ModuleSession _session = new();
    private string _table = string.Empty;

    public EnrollmentTests(DynaliteServer dynalite) => _dynalite = dynalite;

    public async Task InitializeAsync()
    {
        _table = await _dynalite.CreateAuthTableAsync("ps-enroll");
        _environment.Set("AWS_ENDPOINT_URL_DYNAMODB", _dynalite.ServiceUrl);
        _environment.Set("AWS_REGION", "us-east-1");
        _environment.Set("AWS_ACCESS_KEY_ID", "test");
        _environment.Set("AWS_SECRET_ACCESS_KEY", "test");
        _environment.Set("STS_TABLE_NAME", _table);
        _environment.Set("STS_ISSUER", "example");
    }

    public Task DisposeAsync()
    {
        _session.Dispose();
        _environment.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Answers the two code prompts as the person would: scan the QR code the cmdlet drew, type two consecutive codes.</summary>
    private void ScanQrAndTypeCodes()
    {
        byte[]? secret = null;
        _session.Ui.AnswerSecurely(() =>
        {
            secret = Phone.SecretOf(QrScanner.Scan(QrImages.FromTerminal(QrLines())));
            return Phone.CodeAt(secret, DateTimeOffset.UtcNow);
        });
        _session.Ui.AnswerSecurely(() => Phone.CodeAt(secret!, DateTimeOffset.UtcNow, 1));
    }

    private IReadOnlyList<string> QrLines() =>
        _session.Ui.ColouredWrites.Where(w => w.Foreground == ConsoleColor.Black && w.Background == ConsoleColor.White).Select(w => w.Text).ToArray();

    private string Enroll(string account, string extra = "")
    {
        var uri = _session.Run($"New-StsEnrollment -AccountName {account} -NoPrompt -AllowPlaintextSecret {extra}").Strings().Single();
        Assert.StartsWith("otpauth://totp/example:" + account, uri);
        return uri;
    }

    [Fact]
    public async Task TerminalQrCodeScansAndTwoConsecutiveCodesEnrollTheDevice()
    {
        ScanQrAndTypeCodes();
        var enrollment = PSObject.AsPSObject(_session.Run("New-StsEnrollment -AccountName alice -Roles Developer, Auditor -SecondaryAuthorizers bob -AllowPlaintextSecret").Single<object>());

        Assert.Equal(2, _session.Ui.SecureReads);
        Assert.Equal("alice", enrollment.Properties["AccountName"].Value);
        Assert.Equal(new[] { "Developer", "Auditor" }, (string[])enrollment.Properties["Roles"].Value);
        Assert.Equal(new[] { "bob" }, (string[])enrollment.Properties["SecondaryAuthorizers"].Value);
        Assert.Equal("Plaintext", enrollment.Properties["SecretStorage"].Value);
        var item = await _dynalite.GetItemAsync(_table, "example", "alice");
        Assert.NotNull(item);
        var decoded = QrScanner.Scan(QrImages.FromTerminal(QrLines()));
        Assert.Equal(decoded, item!.Value.GetProperty("url").GetProperty("S").GetString());
        Assert.Contains(decoded, _session.Ui.Text);
    }

    [Fact]
    public async Task WrongCodesWriteNothing()
    {
        for (var i = 0; i < 6; i++) _session.Ui.AnswerSecurely("000000");
        var error = _session.Run("New-StsEnrollment -AccountName mallory -AllowPlaintextSecret").SingleError();
        Assert.Equal("StsEnrollment.DeviceNotVerified,StsFtw.PowerShell.Commands.NewStsEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal(6, _session.Ui.SecureReads);
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "mallory"));
    }

    [Fact]
    public async Task QrFileOfASecretThatWasNeverStoredIsDeleted()
    {
        var directory = Directory.CreateTempSubdirectory("stsftw-qr").FullName;
        try
        {
            var png = Path.Combine(directory, "nina.png");
            for (var i = 0; i < 6; i++) _session.Ui.AnswerSecurely("000000");
            var wrongCodes = _session.Run($"New-StsEnrollment -AccountName nina -AllowPlaintextSecret -QrCodePath '{png}'").SingleError();
            Enroll("olga");
            var refusedWrite = _session.Run($"New-StsEnrollment -AccountName olga -NoPrompt -AllowPlaintextSecret -QrCodePath '{png}'").SingleError();

            Assert.Equal("StsEnrollment.DeviceNotVerified,StsFtw.PowerShell.Commands.NewStsEnrollmentCommand", wrongCodes.FullyQualifiedErrorId);
            Assert.Equal("StsEnrollment.AlreadyExists,StsFtw.PowerShell.Commands.NewStsEnrollmentCommand", refusedWrite.FullyQualifiedErrorId);
            Assert.False(File.Exists(png));
            Assert.Null(await _dynalite.GetItemAsync(_table, "example", "nina"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task SessionThatCannotPromptIsToldToUseNoPrompt()
    {
        var error = _session.Run("New-StsEnrollment -AccountName carol -AllowPlaintextSecret").SingleError();
        Assert.Equal("StsEnrollment.NoInteractiveHost,StsFtw.PowerShell.Commands.NewStsEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-NoPrompt", error.Exception.Message);
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "carol"));
    }

    [Fact]
    public async Task NoPromptReturnsTheUriAndWritesTheEntry()
    {
        var uri = Enroll("dave", "-Roles Developer");
        var item = await _dynalite.GetItemAsync(_table, "example", "dave");
        Assert.Equal(uri, item!.Value.GetProperty("url").GetProperty("S").GetString());
        Assert.Equal(20, Phone.SecretOf(uri).Length);
    }

    [Fact]
    public void ExistingEnrollmentIsNotOverwrittenWithoutForce()
    {
        var first = Enroll("erin");
        var error = _session.Run("New-StsEnrollment -AccountName erin -NoPrompt -AllowPlaintextSecret").SingleError();
        Assert.Equal("StsEnrollment.AlreadyExists,StsFtw.PowerShell.Commands.NewStsEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        var second = Enroll("erin", "-Force");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task WhatIfWritesNothing()
    {
        _session.Run("New-StsEnrollment -AccountName frank -NoPrompt -AllowPlaintextSecret -WhatIf").ThrowOnError();
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "frank"));
        Enroll("frank");
        _session.Run("Remove-StsEnrollment -AccountName frank -Force -WhatIf").ThrowOnError();
        Assert.NotNull(await _dynalite.GetItemAsync(_table, "example", "frank"));
    }

    [Fact]
    public void MissingTableGivesOneErrorNamingParameterAndVariable()
    {
        _environment.Set("STS_TABLE_NAME", null);
        var error = _session.Run("New-StsEnrollment -AccountName gina -NoPrompt -AllowPlaintextSecret").SingleError();
        Assert.Equal("StsEnrollment.MissingSetting,StsFtw.PowerShell.Commands.NewStsEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-TableName", error.Exception.Message);
        Assert.Contains("$env:STS_TABLE_NAME", error.Exception.Message);
    }

    [Fact]
    public void StsRolesVariableSuppliesRolesAndExplicitParameterWins()
    {
        _environment.Set("STS_ROLES", "Developer, Auditor");
        Enroll("hank");
        Enroll("ivan", "-Roles Operator");
        var roles = _session.Run("Get-StsEnrollment -AccountName hank, ivan | ForEach-Object { $_.Roles -join '+' }").Strings();
        Assert.Equal(new[] { "Developer+Auditor", "Operator" }, roles);
    }

    [Fact]
    public void QrCodeFilesScanAndAreOwnerOnly()
    {
        var directory = Directory.CreateTempSubdirectory("stsftw-qr").FullName;
        try
        {
            var png = Path.Combine(directory, "alice.png");
            var svg = Path.Combine(directory, "bob.svg");
            var pngUri = Enroll("judy", $"-QrCodePath '{png}'");
            var svgUri = Enroll("kate", $"-QrCodePath '{svg}'");
            Assert.Equal(pngUri, QrScanner.Scan(QrImages.FromPng(File.ReadAllBytes(png))));
            Assert.Equal(svgUri, QrScanner.Scan(QrImages.FromSvg(File.ReadAllText(svg))));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(png));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(svg));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void GetStsEnrollmentNeverShowsASecret()
    {
        var uri = Enroll("liam", "-Roles Developer");
        var secret = new Uri(uri).Query.Split('&').Single(p => p.StartsWith("secret=", StringComparison.Ordinal))["secret=".Length..];
        var found = PSObject.AsPSObject(_session.Run("Get-StsEnrollment -AccountName liam").Single<object>());
        foreach (var property in found.Properties)
        {
            var text = property.Value is string[] list ? string.Join(",", list) : property.Value?.ToString() ?? string.Empty;
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain("otpauth", text);
        }
        _session.Run("Get-StsEnrollment | Out-Host").ThrowOnError();
        Assert.Contains("liam", _session.Ui.Text);
        Assert.DoesNotContain(secret, _session.Ui.Text);
    }

    [Fact]
    public void GetStsEnrollmentFiltersWithWildcardsAndReportsAMissingExactName()
    {
        Enroll("mona");
        Enroll("max");
        Enroll("nick");
        var names = _session.Run("Get-StsEnrollment -AccountName 'm*' | ForEach-Object AccountName").Strings();
        Assert.Equal(new[] { "max", "mona" }, names);
        var error = _session.Run("Get-StsEnrollment -AccountName nobody").SingleError();
        Assert.Equal("StsEnrollment.NotFound,StsFtw.PowerShell.Commands.GetStsEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void SetStsEnrollmentAddsRemovesAndReplacesRolesAndCoSigners()
    {
        Enroll("olga", "-Roles Developer");
        string Roles() => _session.Run("Get-StsEnrollment -AccountName olga | ForEach-Object { ($_.Roles -join '+') + '|' + ($_.SecondaryAuthorizers -join '+') }").Strings().Single();

        _session.Run("Set-StsEnrollment -AccountName olga -AddRoles Auditor, Operator -AddSecondaryAuthorizers bob").ThrowOnError();
        Assert.Equal("Developer+Auditor+Operator|bob", Roles());
        _session.Run("Set-StsEnrollment -AccountName olga -RemoveRoles Developer -RemoveSecondaryAuthorizers bob -AllowNoSecondaryAuthorizer").ThrowOnError();
        Assert.Equal("Auditor+Operator|", Roles());
        _session.Run("Set-StsEnrollment -AccountName olga -Roles Admin -SecondaryAuthorizers carol, dave").ThrowOnError();
        Assert.Equal("Admin|carol+dave", Roles());
    }

    [Fact]
    public void EnrollmentsFromThePipelineBindByPropertyName()
    {
        Enroll("pete");
        Enroll("quin");
        _session.Run("Get-StsEnrollment -AccountName pete, quin | Set-StsEnrollment -AddRoles Auditor").ThrowOnError();
        var roles = _session.Run("Get-StsEnrollment -AccountName pete, quin | ForEach-Object { $_.Roles -join '+' }").Strings();
        Assert.Equal(new[] { "Auditor", "Auditor" }, roles);
    }

    [Fact]
    public void CoSignerCannotBeTheAccountItself()
    {
        Enroll("rita");
        var error = _session.Run("Set-StsEnrollment -AccountName rita -AddSecondaryAuthorizers rita").SingleError();
        Assert.Equal("StsEnrollment.InvalidInput,StsFtw.PowerShell.Commands.SetStsEnrollmentCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public async Task RotateDeviceReplacesTheSecretAndClearsTheLock()
    {
        var old = Enroll("sam");
        await _dynalite.SetNumberAsync(_table, "example", "sam", "locked_until", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
        Assert.Equal("True", _session.Run("Get-StsEnrollment -AccountName sam | ForEach-Object IsLocked").Strings().Single());
        var rotated = _session.Run("Set-StsEnrollment -AccountName sam -RotateDevice -NoPrompt -AllowPlaintextSecret").Strings().Single();
        Assert.NotEqual(old, rotated);
        var item = await _dynalite.GetItemAsync(_table, "example", "sam");
        Assert.Equal(rotated, item!.Value.GetProperty("url").GetProperty("S").GetString());
        Assert.Equal("False", _session.Run("Get-StsEnrollment -AccountName sam | ForEach-Object IsLocked").Strings().Single());
    }

    [Fact]
    public async Task EncryptSecretWithoutAKeyNamesTheKeySettingAndWritesNothing()
    {
        var uri = Enroll("sue");
        var error = _session.Run("Set-StsEnrollment -AccountName sue -EncryptSecret").SingleError();
        Assert.Equal("StsEnrollment.MissingSetting,StsFtw.PowerShell.Commands.SetStsEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Contains("STS_KMS_KEY_ID", error.Exception.Message);
        var item = await _dynalite.GetItemAsync(_table, "example", "sue");
        Assert.Equal(uri, item!.Value.GetProperty("url").GetProperty("S").GetString());
    }

    [Fact]
    public async Task RotateDeviceInteractivelyShowsANewQrCodeAndVerifiesIt()
    {
        var old = Enroll("tina");
        ScanQrAndTypeCodes();
        _session.Run("Set-StsEnrollment -AccountName tina -RotateDevice -AllowPlaintextSecret").ThrowOnError();
        var item = await _dynalite.GetItemAsync(_table, "example", "tina");
        var stored = item!.Value.GetProperty("url").GetProperty("S").GetString();
        Assert.NotEqual(old, stored);
        Assert.Equal(QrScanner.Scan(QrImages.FromTerminal(QrLines())), stored);
    }

    [Fact]
    public async Task UnlockClearsTheLockAndFailureCount()
    {
        Enroll("uma");
        await _dynalite.SetNumberAsync(_table, "example", "uma", "locked_until", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
        await _dynalite.SetNumberAsync(_table, "example", "uma", "failed_attempts", 6);
        var after = PSObject.AsPSObject(_session.Run("Unlock-StsEnrollment -AccountName uma -PassThru").Single<object>());
        Assert.Equal(false, after.Properties["IsLocked"].Value);
        Assert.Equal(0, after.Properties["ConsecutiveFailures"].Value);
        var error = _session.Run("Unlock-StsEnrollment -AccountName nobody").SingleError();
        Assert.Equal("StsEnrollment.NotFound,StsFtw.PowerShell.Commands.UnlockStsEnrollmentCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public async Task RemoveWithForceDeletesAndAMissingEntryIsAnError()
    {
        Enroll("vera");
        _session.Run("Remove-StsEnrollment -AccountName vera -Force").ThrowOnError();
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "vera"));
        var error = _session.Run("Remove-StsEnrollment -AccountName vera -Force").SingleError();
        Assert.Equal("StsEnrollment.NotFound,StsFtw.PowerShell.Commands.RemoveStsEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void RemoveIsHighImpact()
    {
        var impact = _session.Run("(Get-Command Remove-StsEnrollment).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact").Strings().Single();
        Assert.Equal("High", impact);
    }

    [Fact]
    public void UnreachableTableIsAResourceUnavailableError()
    {
        _environment.Set("AWS_ENDPOINT_URL_DYNAMODB", $"http://127.0.0.1:{FreePort.Next()}");
        var error = _session.Run("Get-StsEnrollment -AccountName anyone").SingleError();
        Assert.Equal("StsEnrollment.TableUnavailable,StsFtw.PowerShell.Commands.GetStsEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
    }
}
