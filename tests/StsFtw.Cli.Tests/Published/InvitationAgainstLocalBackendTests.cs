using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon;
using StsFtw.Aws.DynamoDb;
using StsFtw.Cli.Tests.Support;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Invitations;
using StsFtw.Core.Totp;
using StsFtw.Sandbox;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Cli.Tests.Published;

/// <summary>
/// The whole invitation path with the published binary and the real backend process (the sandbox: local mode over
/// dynalite and the KMS, STS and SNS stand-ins): the admin's invitation written through the store, the person's
/// <c>stsftw enroll --invitation</c> on a pseudo-terminal, then credentials with <c>stsftw credential-process</c>.
/// </summary>
public sealed partial class InvitationAgainstLocalBackendTests : IDisposable
{
    private static readonly string Driver = TerminalDriver.Script;
    private readonly ClientHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task InviteRedeemScanConfirmAndTheNewDeviceGetsCredentials()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var sandbox = await SandboxHost.StartAsync(null, _ => { }, CancellationToken.None);
        var (code, grant) = InvitationGrant.Create(new AccountKey(SandboxHost.Issuer, "erin"), ["Developer"], [], DateTimeOffset.UtcNow, null, false);
        using (var dynamo = AuthTableClientFactory.Create(sandbox.DynamoDbUrl, RegionEndpoint.USEast1, StandInCredentials.Basic))
        {
            await new DynamoDbInvitationStore(dynamo, SandboxHost.TableName).CreateInvitationAsync(grant, CancellationToken.None);
        }
        var environment = _home.Bare();
        environment["STS_ENDPOINT"] = sandbox.Endpoint.ToString();
        environment["STS_ISSUER"] = SandboxHost.Issuer;
        environment["STS_ACCOUNT_NAME"] = "erin";
        var stdout = Path.Combine(_home.Path, "enroll.out");
        var transcript = Path.Combine(_home.Path, "enroll.tty");

        var enroll = await CliRun.StartAsync("python3",
            [Driver, "--phone", "--timeout", "40", stdout, transcript, "--", binary, "enroll", "--show-uri", "--invitation", code.Reveal()], environment);
        var stepAfterEnroll = TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow);

        Assert.Equal(0, enroll.ExitCode);
        Assert.Equal($"Enrolled a new device for erin ({SandboxHost.Issuer}).\n", await File.ReadAllTextAsync(stdout));
        Assert.True(OtpAuthUri.TryParse(ShownUri().Match(await File.ReadAllTextAsync(transcript)).Value, out var key, out _));

        // The confirm's second code was of the step after the one it was typed in: the first code left to use is later.
        while (TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow) <= stepAfterEnroll) await Task.Delay(500);
        var next = TotpVerifier.ComputeCode(key!.Secret, TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow) + 1);
        var credentials = await CliRun.StartAsync(binary,
            ["credential-process", "--role", "Developer", "--totp-code-command", $"echo {next}"], environment);

        Assert.True(credentials.ExitCode == 0, credentials.Error);
        using var document = JsonDocument.Parse(credentials.Output);
        Assert.StartsWith("ASIA", document.RootElement.GetProperty("AccessKeyId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotationAsksForTheOldDevicesCodeOnTheTerminalAndNeverOnTheCommandLine()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        await using var sandbox = await SandboxHost.StartAsync(null, _ => { }, CancellationToken.None);
        var account = new AccountKey(SandboxHost.Issuer, "frank");
        var old = TotpKey.Generate(account.Issuer, account.AccountName);
        var (code, grant) = InvitationGrant.Create(account, ["Developer"], [], DateTimeOffset.UtcNow, null, false);
        using (var dynamo = AuthTableClientFactory.Create(sandbox.DynamoDbUrl, RegionEndpoint.USEast1, StandInCredentials.Basic))
        {
            var entry = new AuthEntry(account) { Roles = ["Developer"], Secret = new StoredSecret(old.ToUri(), null) };
            await new DynamoDbEnrollmentStore(dynamo, SandboxHost.TableName).CreateAsync(entry, overwrite: false, CancellationToken.None);
            await new DynamoDbInvitationStore(dynamo, SandboxHost.TableName).CreateInvitationAsync(grant, CancellationToken.None);
        }
        var environment = _home.Bare();
        environment["STS_ENDPOINT"] = sandbox.Endpoint.ToString();
        environment["STS_ISSUER"] = SandboxHost.Issuer;
        environment["STS_ACCOUNT_NAME"] = "frank";
        string[] enroll = [binary, "enroll", "--show-uri", "--invitation", code.Reveal()];

        var wrong = await RunAsync(enroll, OldDevicePrompt, "999999\\r");

        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal(string.Empty, wrong.Stdout);
        Assert.Equal(OldDeviceCode.Attempts, Regex.Matches(wrong.Transcript, OldDevicePrompt).Count);
        Assert.DoesNotContain("999999", wrong.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("otpauth://", wrong.Transcript, StringComparison.Ordinal);

        var oldCode = TotpVerifier.ComputeCode(old.Secret, TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow));
        var right = await RunAsync(enroll, OldDevicePrompt, oldCode + "\\r");

        Assert.True(right.ExitCode == 0, right.Transcript);
        Assert.Equal($"Enrolled a new device for frank ({SandboxHost.Issuer}); the old device no longer works.\n", right.Stdout);
        Assert.Single(Regex.Matches(right.Transcript, OldDevicePrompt));
        Assert.DoesNotContain(oldCode, right.Transcript, StringComparison.Ordinal);
        Assert.True(OtpAuthUri.TryParse(ShownUri().Match(right.Transcript).Value, out var key, out _));
        Assert.NotEqual(old.Secret.ToBase32(), key!.Secret.ToBase32());

        async Task<(int ExitCode, string Stdout, string Transcript)> RunAsync(string[] command, string prompt, string keys)
        {
            var stdout = Path.Combine(_home.Path, Guid.NewGuid().ToString("N") + ".out");
            var transcript = Path.Combine(_home.Path, Guid.NewGuid().ToString("N") + ".tty");
            var run = await CliRun.StartAsync("python3", [Driver, "--phone", "--answer", prompt, keys, "--timeout", "40", stdout, transcript, "--", .. command], environment);
            return (run.ExitCode, await File.ReadAllTextAsync(stdout), await File.ReadAllTextAsync(transcript));
        }
    }

    private const string OldDevicePrompt = OldDeviceCode.Prompt + ": ";

    [GeneratedRegex(@"otpauth://totp/[^\s\x1b]+")]
    private static partial Regex ShownUri();
}
