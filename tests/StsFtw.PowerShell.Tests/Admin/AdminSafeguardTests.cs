using System.Management.Automation;
using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.Admin;

/// <summary>
/// Issue 14 ("Security round 2"): the admin cmdlets' safeguards, each test named after the weakness it closes
/// (SECURITY.md, "The admin's side", rules B1-B5).
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class AdminSafeguardTests : IAsyncLifetime
{
    private const string New = "StsFtw.PowerShell.Commands.NewStsEnrollmentCommand";
    private const string Set = "StsFtw.PowerShell.Commands.SetStsEnrollmentCommand";

    private readonly DynaliteServer _dynalite;
    private readonly EnvironmentScope _environment = new();
    private readonly ModuleSession _session = new();
    private string _table = string.Empty;

    public AdminSafeguardTests(DynaliteServer dynalite) => _dynalite = dynalite;

    public async Task InitializeAsync()
    {
        _table = await _dynalite.CreateAuthTableAsync("ps-safeguard");
        _environment.Set("AWS_ENDPOINT_URL_DYNAMODB", _dynalite.ServiceUrl);
        _environment.Set("AWS_REGION", "us-east-1");
        _environment.Set("AWS_ACCESS_KEY_ID", "test");
        _environment.Set("AWS_SECRET_ACCESS_KEY", "test");
        _environment.Set("STS_TABLE_NAME", _table);
        _environment.Set("STS_ISSUER", "example");
        _environment.Set("STS_KMS_KEY_ID", null);
        _environment.Set("STS_ACCOUNT_NAME", "admin");
    }

    public Task DisposeAsync()
    {
        _session.Dispose();
        _environment.Dispose();
        return Task.CompletedTask;
    }

    private void Enroll(string account, string extra = "") =>
        _session.Run($"New-StsEnrollment -AccountName {account} -NoPrompt -AllowPlaintextSecret {extra}").ThrowOnError();

    private string Cosigners(string account) =>
        _session.Run($"(Get-StsEnrollment -AccountName {account}).SecondaryAuthorizers -join '+'").Strings().Single();

    // B1 (issue 14 finding 10): without a key, New-StsEnrollment wrote a plaintext secret silently.
    [Fact]
    public async Task PlaintextSecretIsNeverWrittenSilently()
    {
        var error = _session.Run("New-StsEnrollment -AccountName pia -NoPrompt").SingleError();
        Assert.Equal($"StsEnrollment.PlaintextSecretRefused,{New}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("-AllowPlaintextSecret", error.ErrorDetails.RecommendedAction);
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "pia"));

        Enroll("pia");
        var rotate = _session.Run("Set-StsEnrollment -AccountName pia -RotateDevice -NoPrompt").SingleError();
        Assert.Equal($"StsEnrollment.PlaintextSecretRefused,{Set}", rotate.FullyQualifiedErrorId);
    }

    // B1 (issue 14 finding 10): device rotation without a key replaced an existing ciphertext with plaintext.
    [Fact]
    public async Task RotationWithoutAKeyNeverDropsAnExistingCiphertext()
    {
        Enroll("cyd");
        await _dynalite.SetBinaryAsync(_table, "example", "cyd", "totp_secret_ciphertext", [1, 2, 3, 4, 5, 6, 7, 8]);
        var before = (await _dynalite.GetItemAsync(_table, "example", "cyd"))!.Value.GetRawText();

        var rotate = _session.Run("Set-StsEnrollment -AccountName cyd -RotateDevice -NoPrompt -AllowPlaintextSecret").SingleError();
        Assert.Equal($"StsEnrollment.CiphertextWouldBeDropped,{Set}", rotate.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, rotate.CategoryInfo.Category);
        var replace = _session.Run("New-StsEnrollment -AccountName cyd -NoPrompt -AllowPlaintextSecret -Force").SingleError();
        Assert.Equal($"StsEnrollment.CiphertextWouldBeDropped,{New}", replace.FullyQualifiedErrorId);
        Assert.Equal(before, (await _dynalite.GetItemAsync(_table, "example", "cyd"))!.Value.GetRawText());
    }

    // B2 (issue 14 weakness a): removing the last co-signer left an empty list, which the broker reads as "no co-signer needed".
    [Fact]
    public void RemovingTheLastCosignerCannotEndTheTwoPersonRuleSilently()
    {
        Enroll("ana", "-SecondaryAuthorizers bob");
        var error = _session.Run("Set-StsEnrollment -AccountName ana -RemoveSecondaryAuthorizers bob").SingleError();
        Assert.Equal($"StsEnrollment.LastCosignerRemoved,{Set}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("two-person rule", error.Exception.Message);
        Assert.Contains("-AllowNoSecondaryAuthorizer", error.ErrorDetails.RecommendedAction);
        var emptied = _session.Run("Set-StsEnrollment -AccountName ana -SecondaryAuthorizers @()").SingleError();
        Assert.Equal($"StsEnrollment.LastCosignerRemoved,{Set}", emptied.FullyQualifiedErrorId);
        Assert.Equal("bob", Cosigners("ana"));

        // Replacing the last co-signer in the same command keeps the rule, so it needs no switch.
        _session.Run("Set-StsEnrollment -AccountName ana -RemoveSecondaryAuthorizers bob -AddSecondaryAuthorizers cat").ThrowOnError();
        Assert.Equal("cat", Cosigners("ana"));

        _session.Run("Set-StsEnrollment -AccountName ana -RemoveSecondaryAuthorizers cat -AllowNoSecondaryAuthorizer -WhatIf").ThrowOnError();
        Assert.Contains("the two-person rule ends", _session.Ui.Text);
        Assert.Equal("cat", Cosigners("ana"));

        var done = _session.Run("Set-StsEnrollment -AccountName ana -RemoveSecondaryAuthorizers cat -AllowNoSecondaryAuthorizer").ThrowOnError();
        Assert.Contains(done.Warnings, w => w.Message.Contains("two-person rule has ended", StringComparison.Ordinal));
        Assert.Equal(string.Empty, Cosigners("ana"));
    }

    // B5 (issue 14 weakness b): Remove-StsEnrollment left the removed name in other entries' co-signer lists, silently.
    [Fact]
    public async Task RemovedNameLeftInCosignerListsIsNamed()
    {
        Enroll("bea");
        Enroll("cal", "-SecondaryAuthorizers bea");
        Enroll("dee", "-SecondaryAuthorizers bea, cal");
        Enroll("ned", "-SecondaryAuthorizers cal");

        _session.Run("Remove-StsEnrollment -AccountName bea -WhatIf").ThrowOnError();
        Assert.Contains("co-signer lists of: cal, dee", _session.Ui.Text);
        Assert.NotNull(await _dynalite.GetItemAsync(_table, "example", "bea"));

        var removed = _session.Run("Remove-StsEnrollment -AccountName bea -Force").ThrowOnError();
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "bea"));
        var warning = Assert.Single(removed.Warnings).Message;
        Assert.Contains("cal, dee", warning);
        Assert.DoesNotContain("ned", warning);
        Assert.Contains("-RemoveSecondaryAuthorizers", warning);

        Assert.Empty(_session.Run("Remove-StsEnrollment -AccountName ned -Force").ThrowOnError().Warnings);
    }

    // B3 (issue 14 weakness c): an empty -AccountName or -Issuer fell back to $env:STS_ACCOUNT_NAME / STS_ISSUER.
    [Fact]
    public async Task BlankCsvCellNeverEnrollsTheAdminsOwnName()
    {
        // What Import-Csv gives for a row with a blank AccountName cell.
        var result = _session.Run("[pscustomobject] @{ AccountName = ''; Roles = 'Developer' }, [pscustomobject] @{ AccountName = 'fay'; Roles = 'Developer' } | New-StsEnrollment -NoPrompt -AllowPlaintextSecret");
        var error = Assert.Single(result.Errors);
        Assert.Equal($"StsEnrollment.InvalidInput,{New}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-AccountName is empty", error.Exception.Message);
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "admin"));
        Assert.NotNull(await _dynalite.GetItemAsync(_table, "example", "fay"));
    }

    [Theory]
    [InlineData("New-StsEnrollment -AccountName ' ' -NoPrompt -AllowPlaintextSecret", "NewStsEnrollmentCommand")]
    [InlineData("New-StsEnrollment -AccountName gus -Issuer '' -NoPrompt -AllowPlaintextSecret", "NewStsEnrollmentCommand")]
    [InlineData("New-StsEnrollment -AccountName gus -KmsKeyId ' ' -NoPrompt", "NewStsEnrollmentCommand")]
    [InlineData("Get-StsEnrollment -Issuer ''", "GetStsEnrollmentCommand")]
    [InlineData("Set-StsEnrollment -AccountName gus -Issuer ' ' -AddRoles Developer", "SetStsEnrollmentCommand")]
    [InlineData("Set-StsEnrollment -AccountName gus -RotateDevice -KmsKeyId '' -NoPrompt", "SetStsEnrollmentCommand")]
    [InlineData("Unlock-StsEnrollment -AccountName gus -Issuer ''", "UnlockStsEnrollmentCommand")]
    [InlineData("Remove-StsEnrollment -AccountName gus -Issuer '' -Force", "RemoveStsEnrollmentCommand")]
    public void EmptyValueNeverFallsBackToTheEnvironment(string command, string commandType)
    {
        Enroll("gus");
        var error = _session.Run(command).SingleError();
        Assert.Equal($"StsEnrollment.InvalidInput,StsFtw.PowerShell.Commands.{commandType}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("is empty", error.Exception.Message);
    }
}
