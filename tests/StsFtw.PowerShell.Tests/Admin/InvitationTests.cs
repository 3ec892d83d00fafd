using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.Admin;

/// <summary>New-StsInvitation against dynalite: the code goes to the pipeline only, the table gets its verifier only (docs/INVITATIONS.md).</summary>
[Collection(PowerShellCollection.Name)]
public sealed partial class InvitationTests : IAsyncLifetime
{
    private const string Command = "StsFtw.PowerShell.Commands.NewStsInvitationCommand";
    private readonly DynaliteServer _dynalite;
    private readonly EnvironmentScope _environment = new();
    private readonly ModuleSession _session = new();
    private string _table = string.Empty;

    public InvitationTests(DynaliteServer dynalite) => _dynalite = dynalite;

    public async Task InitializeAsync()
    {
        _table = await _dynalite.CreateAuthTableAsync("ps-invite");
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

    [Fact]
    public async Task TheCodeGoesToThePipelineOnlyAndTheTableKeepsOnlyItsVerifier()
    {
        var result = _session.Run("New-StsInvitation -AccountName dora -Roles Developer -SecondaryAuthorizers bob -Verbose");
        var invitation = PSObject.AsPSObject(Assert.Single(result.ThrowOnError().Output));

        var code = (string)invitation.Properties["InvitationCode"].Value;
        Assert.Matches(CodeShape(), code);
        Assert.Equal(("example", "dora", false, false), ((string)invitation.Properties["Issuer"].Value, (string)invitation.Properties["AccountName"].Value,
            (bool)invitation.Properties["Rotation"].Value, (bool)invitation.Properties["LostDevice"].Value));
        var expiresAt = (DateTime)invitation.Properties["ExpiresAt"].Value;
        Assert.InRange(expiresAt - DateTime.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        Assert.NotEmpty(result.Verbose);
        Assert.All(result.Verbose, v => Assert.DoesNotContain(code[5..9], v.Message));

        var item = (await _dynalite.GetItemAsync(_table, "example", "dora"))!.Value;
        Assert.Equal(Convert.ToBase64String(VerifierOf("example", "dora", code)), item.GetProperty("invitation_verifier").GetProperty("B").GetString());
        Assert.Equal(new DateTimeOffset(expiresAt).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            item.GetProperty("invitation_expires_at").GetProperty("N").GetString());
        Assert.Equal(["Developer"], Roles(item));
        Assert.False(item.TryGetProperty("url", out _));
        Assert.DoesNotContain(code[5..].Replace("-", "", StringComparison.Ordinal), item.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("([TimeSpan]::FromMinutes(4))")]
    [InlineData("([TimeSpan]::FromDays(8))")]
    public async Task ALifetimeOutsideFiveMinutesToSevenDaysIsRefusedAndNothingIsWritten(string lifetime)
    {
        var error = _session.Run($"New-StsInvitation -AccountName fay -ValidFor {lifetime}").SingleError();

        Assert.Equal($"StsEnrollment.InvalidInput,{Command}", error.FullyQualifiedErrorId);
        Assert.Contains("7 days", error.Exception.Message);
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "fay"));
    }

    [Fact]
    public async Task ExpiresInIsTheSameAsValidFor()
    {
        var invitation = PSObject.AsPSObject(_session.Run("New-StsInvitation -AccountName gus -ExpiresIn ([TimeSpan]::FromHours(2))").Single<object>());

        Assert.InRange((DateTime)invitation.Properties["ExpiresAt"].Value - DateTime.UtcNow, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(120));
        Assert.NotNull(await _dynalite.GetItemAsync(_table, "example", "gus"));
    }

    [Fact]
    public async Task ARotationKeepsTheAccountsAccessAndItsOldDeviceUnlessNewAccessIsNamed()
    {
        _session.Run("New-StsEnrollment -AccountName hana -Roles Admin -SecondaryAuthorizers bob -NoPrompt -AllowPlaintextSecret").ThrowOnError();

        var invitation = PSObject.AsPSObject(_session.Run("New-StsInvitation -AccountName hana -LostDevice").Single<object>());

        Assert.True((bool)invitation.Properties["Rotation"].Value);
        Assert.True((bool)invitation.Properties["LostDevice"].Value);
        Assert.Equal(["Admin"], (string[])invitation.Properties["Roles"].Value);
        Assert.Equal(["bob"], (string[])invitation.Properties["SecondaryAuthorizers"].Value);
        var item = (await _dynalite.GetItemAsync(_table, "example", "hana"))!.Value;
        Assert.True(item.TryGetProperty("url", out _));
        Assert.True(item.GetProperty("invitation_lost_device").GetProperty("BOOL").GetBoolean());
        Assert.Equal(["Admin"], Roles(item));
    }

    [Fact]
    public void GetStsEnrollmentShowsAnInvitedAccountAndAnOutstandingRotation()
    {
        _session.Run("New-StsInvitation -AccountName ines -Roles Developer -ValidFor 02:00:00").ThrowOnError();
        _session.Run("New-StsEnrollment -AccountName jon -Roles Developer -NoPrompt -AllowPlaintextSecret").ThrowOnError();
        _session.Run("New-StsInvitation -AccountName jon").ThrowOnError();
        _session.Run("New-StsEnrollment -AccountName kai -Roles Developer -NoPrompt -AllowPlaintextSecret").ThrowOnError();

        var entries = _session.Run("Get-StsEnrollment -AccountName ines, jon, kai").Output.Select(PSObject.AsPSObject)
            .ToDictionary(e => (string)e.Properties["AccountName"].Value, e => e);
        string Property(string account, string name) => entries[account].Properties[name].Value?.ToString() ?? "";

        Assert.Equal(("Invited", "Open", "None"), (Property("ines", "Status"), Property("ines", "Invitation"), Property("ines", "SecretStorage")));
        var expires = (DateTime)entries["ines"].Properties["InvitationExpiresAt"].Value;
        Assert.InRange(expires - DateTime.UtcNow, TimeSpan.FromMinutes(115), TimeSpan.FromMinutes(121));
        Assert.Equal(("Active", "Open"), (Property("jon", "Status"), Property("jon", "Invitation")));
        Assert.Equal(("Active", "None", ""), (Property("kai", "Status"), Property("kai", "Invitation"), Property("kai", "InvitationExpiresAt")));
    }

    [Fact]
    public async Task LostDeviceForAnAccountWithoutADeviceIsRefused()
    {
        var error = _session.Run("New-StsInvitation -AccountName ivy -LostDevice").SingleError();

        Assert.Equal($"StsEnrollment.InvalidInput,{Command}", error.FullyQualifiedErrorId);
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "ivy"));
    }

    [Theory]
    [InlineData("-Issuer ''")]
    [InlineData("-Issuer ' '")]
    [InlineData("-TableName ''")]
    public async Task AnEmptyBoundValueIsAnErrorNotTheEnvironmentsDefault(string parameter)
    {
        var result = _session.Run($"New-StsInvitation -AccountName jo {parameter}");

        Assert.NotEmpty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "jo"));
    }

    [Fact]
    public async Task WhatIfWritesNothingAndOutputsNoCode()
    {
        var result = _session.Run("New-StsInvitation -AccountName kai -WhatIf").ThrowOnError();

        Assert.Empty(result.Output);
        Assert.Null(await _dynalite.GetItemAsync(_table, "example", "kai"));
    }

    [Fact]
    public void SecondaryAuthorizersNamingTheAccountItselfIsRefused()
    {
        var error = _session.Run("New-StsInvitation -AccountName lea -SecondaryAuthorizers lea").SingleError();

        Assert.Equal($"StsEnrollment.InvalidInput,{Command}", error.FullyQualifiedErrorId);
    }

    [Fact]
    public async Task AnInvitedAccountIsNotAlreadyEnrolledAndEnrollingItEndsTheInvitation()
    {
        _session.Run("New-StsInvitation -AccountName mia -Roles Developer").ThrowOnError();
        await _dynalite.SetBinaryAsync(_table, "example", "mia", "pending_secret_ciphertext", [1, 2, 3]);

        var uri = _session.Run("New-StsEnrollment -AccountName mia -Roles Auditor -NoPrompt -AllowPlaintextSecret").Strings().Single();

        var item = (await _dynalite.GetItemAsync(_table, "example", "mia"))!.Value;
        Assert.Equal(uri, item.GetProperty("url").GetProperty("S").GetString());
        Assert.Equal(["Auditor"], Roles(item));
        AssertNoInvitation(item);
    }

    [Fact]
    public async Task RotateDeviceEndsAnOutstandingInvitationAndItsPendingSecretInTheSameWrite()
    {
        _session.Run("New-StsEnrollment -AccountName ned -Roles Developer -NoPrompt -AllowPlaintextSecret").ThrowOnError();
        _session.Run("New-StsInvitation -AccountName ned -LostDevice").ThrowOnError();
        await _dynalite.SetBinaryAsync(_table, "example", "ned", "pending_secret_ciphertext", [1, 2, 3]);

        var rotated = _session.Run("Set-StsEnrollment -AccountName ned -RotateDevice -NoPrompt -AllowPlaintextSecret").Strings().Single();

        var item = (await _dynalite.GetItemAsync(_table, "example", "ned"))!.Value;
        Assert.Equal(rotated, item.GetProperty("url").GetProperty("S").GetString());
        Assert.Equal(["Developer"], Roles(item));
        AssertNoInvitation(item);
    }

    // SECURITY.md rule I12: an invited-only account has no device to rotate, and a rotation must not end its invitation
    // by the way; the admin is told what to do instead.
    [Fact]
    public async Task RotateDeviceOnAnInvitedOnlyAccountIsRefusedAndWritesNothing()
    {
        _session.Run("New-StsInvitation -AccountName ola -Roles Developer").ThrowOnError();
        await _dynalite.SetBinaryAsync(_table, "example", "ola", "pending_secret_ciphertext", [1, 2, 3]);
        var before = (await _dynalite.GetItemAsync(_table, "example", "ola"))!.Value.GetRawText();

        var result = _session.Run("Set-StsEnrollment -AccountName ola -RotateDevice -NoPrompt -AllowPlaintextSecret -PassThru");

        var error = result.SingleError();
        Assert.Equal("StsEnrollment.NoDeviceToRotate,StsFtw.PowerShell.Commands.SetStsEnrollmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("Nothing was written", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("New-StsEnrollment", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("Register-StsDevice", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.Equal(before, (await _dynalite.GetItemAsync(_table, "example", "ola"))!.Value.GetRawText());
    }

    [Fact]
    public async Task AfterTheRefusedRotationNewStsEnrollmentEnrollsTheInvitedAccountWithoutForce()
    {
        _session.Run("New-StsInvitation -AccountName pia -Roles Developer").ThrowOnError();
        _session.Run("Set-StsEnrollment -AccountName pia -RotateDevice -NoPrompt -AllowPlaintextSecret").SingleError();

        var uri = _session.Run("New-StsEnrollment -AccountName pia -Roles Developer -NoPrompt -AllowPlaintextSecret").Strings().Single();

        var item = (await _dynalite.GetItemAsync(_table, "example", "pia"))!.Value;
        Assert.Equal(uri, item.GetProperty("url").GetProperty("S").GetString());
        AssertNoInvitation(item);
    }

    private static void AssertNoInvitation(System.Text.Json.JsonElement item)
    {
        foreach (var attribute in new[] { "invitation_verifier", "invitation_expires_at", "invitation_lost_device", "pending_secret_ciphertext" })
        {
            Assert.False(item.TryGetProperty(attribute, out _), attribute);
        }
    }

    // STSFTW's list attribute: a list of strings.
    private static IEnumerable<string?> Roles(System.Text.Json.JsonElement item) =>
        item.GetProperty("roles").GetProperty("L").EnumerateArray().Select(e => e.GetProperty("S").GetString());

    // docs/INVITATIONS.md, "The code and its verifier", computed here from the text rather than by the product's code.
    private static byte[] VerifierOf(string issuer, string account, string code)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var letters = code[5..].Replace("-", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var letter in letters)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(letter, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return SHA256.HashData([.. Encoding.UTF8.GetBytes($"stsftw-invitation-v1\0{issuer}\0{account}\0"), .. bytes]);
    }

    [GeneratedRegex("inv1-([A-Z2-7]{4}-){7}[A-Z2-7]{4}")]
    private static partial Regex CodeShape();
}
