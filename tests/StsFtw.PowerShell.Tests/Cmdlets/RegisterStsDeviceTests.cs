using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using StsFtw.PowerShell.Tests.Hosting;
using StsFtw.PowerShell.Tests.Qr;
using StsFtw.PowerShell.Tests.StandIns;
using StsFtw.Testing.Hygiene;

namespace StsFtw.PowerShell.Tests.Cmdlets;

/// <summary>
/// Register-StsDevice against a stand-in of the enrollment routes: the key it answers is drawn as a QR code on the
/// host, scanned, and the two codes the phone shows are what confirm receives (docs/INVITATIONS.md).
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class RegisterStsDeviceTests : IDisposable
{
    private const string Code = "inv1-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567";
    private readonly BackendStandIn _backend = new();
    private readonly EnvironmentScope _environment = new();
    private readonly ModuleSession _session = new();
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(20);

    public RegisterStsDeviceTests()
    {
        _environment.Set("STS_ENDPOINT", _backend.Url);
        _environment.Set("STS_ISSUER", "example");
        _environment.Set("STS_ACCOUNT_NAME", "alice");
        SecretLedger.Suite.Remember(SecretKind.InvitationCode, Code);
        _backend.Answer = request => request.Body.Contains("first_code", StringComparison.Ordinal)
            ? new StandInAnswer(200, "application/json", """{"issuer":"example","account_name":"alice","status":"active","rotation":false}""")
            : new StandInAnswer(200, "application/json",
                $$"""{"issuer":"example","account_name":"alice","otpauth_uri":"{{Uri}}","expires_at":"{{StandInAnswer.Iso(DateTimeOffset.UtcNow.AddHours(24))}}"}""");
    }

    private string Uri => $"otpauth://totp/example:alice?algorithm=SHA1&digits=6&issuer=example&period=30&secret={Base32(_secret)}";

    public void Dispose()
    {
        _session.Dispose();
        _environment.Dispose();
        _backend.Dispose();
    }

    [Fact]
    public void TheQrCodeScansToTheAnsweredKeyAndConfirmGetsThePhonesTwoConsecutiveCodes()
    {
        byte[]? scanned = null;
        string? first = null, second = null;
        _session.Ui.AnswerSecurely(() =>
        {
            scanned = Phone.SecretOf(QrScanner.Scan(QrImages.FromTerminal(QrLines())));
            return first = Phone.CodeAt(scanned, DateTimeOffset.UtcNow);
        });
        _session.Ui.AnswerSecurely(() => second = Phone.CodeAt(scanned!, DateTimeOffset.UtcNow, 1));

        var registration = PSObject.AsPSObject(_session.Run($"Register-StsDevice {Code.ToLowerInvariant()}").Single<object>());

        Assert.Equal(_secret, scanned);
        Assert.Equal(("alice", "Active", false), ((string)registration.Properties["AccountName"].Value, (string)registration.Properties["Status"].Value, (bool)registration.Properties["Rotation"].Value));
        var confirm = _backend.Requests[^1].Json;
        Assert.Equal((first, second, Code), (confirm.GetProperty("first_code").GetString(), confirm.GetProperty("second_code").GetString(), confirm.GetProperty("invitation_code").GetString()));
        Assert.DoesNotContain("otpauth://", _session.Ui.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Base32(_secret), _session.Ui.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowUriAlsoWritesTheUriToTheHostButNeverToThePipeline()
    {
        _session.Ui.AnswerSecurely(() => Phone.CodeAt(_secret, DateTimeOffset.UtcNow));
        _session.Ui.AnswerSecurely(() => Phone.CodeAt(_secret, DateTimeOffset.UtcNow, 1));

        var output = _session.Run($"Register-StsDevice {Code} -ShowUri").ThrowOnError().Output;

        Assert.Contains(Uri, _session.Ui.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(output, o => o.ToString().Contains("otpauth", StringComparison.Ordinal));
    }

    [Fact]
    public void CodesThatDoNotMatchTheNewKeyAreNeverSentToConfirm()
    {
        for (var i = 0; i < 6; i++) _session.Ui.AnswerSecurely("000000");

        var error = _session.Run($"Register-StsDevice {Code}").SingleError();

        Assert.Equal("StsDevice.DeviceNotVerified,StsFtw.PowerShell.Commands.RegisterStsDeviceCommand", error.FullyQualifiedErrorId);
        Assert.Single(_backend.Requests);
    }

    [Fact]
    public void ARefusedInvitationIsATypedErrorAndNothingIsShown()
    {
        _backend.Answer = _ => StandInAnswer.Problem(401, "urn:stsftw:problem:invitation-not-valid", "The invitation is not valid.");

        var error = _session.Run($"Register-StsDevice {Code}").SingleError();

        Assert.Equal("StsDevice.InvitationNotValid,StsFtw.PowerShell.Commands.RegisterStsDeviceCommand", error.FullyQualifiedErrorId);
        Assert.Empty(QrLines());
        Assert.Equal(0, _session.Ui.SecureReads);
    }

    [Fact]
    public void ARotationSendsTheOldDevicesCodeAndADeviceCodeRefusalIsTyped()
    {
        _backend.Answer = _ => StandInAnswer.Problem(403, "urn:stsftw:problem:device-code-required", "A current code of the old device is needed.");

        var error = _session.Run($"Register-StsDevice {Code} -CurrentTotpCode 246810").SingleError();

        Assert.Equal("StsDevice.DeviceCodeRequired,StsFtw.PowerShell.Commands.RegisterStsDeviceCommand", error.FullyQualifiedErrorId);
        Assert.Equal("246810", Assert.Single(_backend.Requests).Json.GetProperty("current_code").GetString());
    }

    [Fact]
    public void OldDevicesCodeIsAskedForMaskedOnlyWhenTheEndpointNeedsIt()
    {
        var started = _backend.Answer;
        _backend.Answer = request => request.Body.Contains("first_code", StringComparison.Ordinal) || request.Json.TryGetProperty("current_code", out _)
            ? started(request)
            : StandInAnswer.Problem(403, "urn:stsftw:problem:device-code-required", "A current code of the old device is needed.");
        _session.Ui.AnswerSecurely("12a456");
        _session.Ui.AnswerSecurely("135790");
        _session.Ui.AnswerSecurely(() => Phone.CodeAt(_secret, DateTimeOffset.UtcNow));
        _session.Ui.AnswerSecurely(() => Phone.CodeAt(_secret, DateTimeOffset.UtcNow, 1));

        _session.Run($"Register-StsDevice {Code}").ThrowOnError();

        Assert.Equal(3, _backend.Requests.Count);
        Assert.False(_backend.Requests[0].Json.TryGetProperty("current_code", out _));
        Assert.Equal("135790", _backend.Requests[1].Json.GetProperty("current_code").GetString());
        Assert.Contains("Code of the device you are replacing: ", _session.Ui.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("135790", _session.Ui.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongOldDeviceCodesAreAskedForAtMostThreeTimesAndNothingIsShown()
    {
        _backend.Answer = _ => StandInAnswer.Problem(403, "urn:stsftw:problem:device-code-required", "A current code of the old device is needed.");
        for (var i = 0; i < 5; i++) _session.Ui.AnswerSecurely("246810");

        var error = _session.Run($"Register-StsDevice {Code}").SingleError();

        Assert.Equal("StsDevice.DeviceCodeRequired,StsFtw.PowerShell.Commands.RegisterStsDeviceCommand", error.FullyQualifiedErrorId);
        Assert.Contains("No code of the device you are replacing was accepted (3 tried)", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(1 + 3, _backend.Requests.Count);
        Assert.Equal(3, _session.Ui.SecureReads);
        Assert.Empty(QrLines());
    }

    [Fact]
    public void ASessionThatCannotAskForTheOldDevicesCodeIsToldToPassIt()
    {
        _backend.Answer = _ => StandInAnswer.Problem(403, "urn:stsftw:problem:device-code-required", "A current code of the old device is needed.");

        var error = _session.Run($"Register-StsDevice {Code}").SingleError();

        Assert.Equal("StsDevice.DeviceCodeRequired,StsFtw.PowerShell.Commands.RegisterStsDeviceCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-CurrentTotpCode", error.Exception.Message, StringComparison.Ordinal);
        Assert.Single(_backend.Requests);
    }

    [Fact]
    public void AMalformedInvitationCodeIsRefusedBeforeAnythingIsSent()
    {
        var error = _session.Run("Register-StsDevice inv1-NOT-A-CODE").SingleError();

        Assert.Equal("StsEnrollment.InvalidInput,StsFtw.PowerShell.Commands.RegisterStsDeviceCommand", error.FullyQualifiedErrorId);
        Assert.Empty(_backend.Requests);
    }

    private IReadOnlyList<string> QrLines() =>
        _session.Ui.ColouredWrites.Where(w => w.Foreground == ConsoleColor.Black && w.Background == ConsoleColor.White).Select(w => w.Text).ToArray();

    private static string Base32(byte[] bytes)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }
}
