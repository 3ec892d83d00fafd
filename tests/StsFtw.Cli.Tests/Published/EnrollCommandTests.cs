using Amazon.DynamoDBv2.Model;
using StsFtw.Cli.Tests.Support;
using StsFtw.Client.Enrollment;
using StsFtw.Sandbox;
using StsFtw.Sandbox.Dynalite;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Cli.Tests.Published;

/// <summary>
/// <c>stsftw enroll</c>, the published binary against dynalite: run by tests/pester/Support/pty_run.py --phone with a
/// pseudo-terminal as its terminal and standard output a pipe, the driver playing the phone from the URI shown there.
/// </summary>
public sealed class EnrollCommandTests : IAsyncLifetime
{
    private static readonly string Driver = TerminalDriver.Script;

    private readonly ClientHome _home = new();
    private readonly Dictionary<string, string> _extra = new(StringComparer.Ordinal);
    private DynaliteServer? _dynalite;
    private string _table = string.Empty;

    public async Task InitializeAsync()
    {
        _dynalite = await DynaliteServer.StartAsync(SandboxPaths.NodeToolsDirectory, DynaliteServer.DefaultStartupTimeout, CancellationToken.None);
        _table = await _dynalite.CreateAuthTableAsync("cli-enroll-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync()
    {
        if (_dynalite is not null) await _dynalite.DisposeAsync();
        _home.Dispose();
    }

    private sealed record TerminalRun(int ExitCode, string Stdout, string Transcript);

    private Dictionary<string, string> Admin()
    {
        var environment = _home.Bare();
        environment["AWS_ENDPOINT_URL_DYNAMODB"] = _dynalite!.ServiceUrl;
        environment["AWS_REGION"] = "us-east-1";
        environment["AWS_ACCESS_KEY_ID"] = "test";
        environment["AWS_SECRET_ACCESS_KEY"] = "test";
        environment["STS_TABLE_NAME"] = _table;
        environment["STS_ISSUER"] = "Example";
        foreach (var (name, value) in _extra) environment[name] = value;
        return environment;
    }

    private async Task<TerminalRun> EnrollOnTerminalAsync(string secondCode, params string[] flags)
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        var stdout = Path.Combine(_home.Path, "enroll.out");
        var transcript = Path.Combine(_home.Path, "enroll.tty");
        var run = await CliRun.StartAsync("python3",
            [Driver, "--phone", "--second", secondCode, "--timeout", "40", stdout, transcript, "--", binary, "enroll", "--show-uri", .. flags], Admin());
        return new TerminalRun(run.ExitCode, await File.ReadAllTextAsync(stdout), await File.ReadAllTextAsync(transcript));
    }

    private async Task<Dictionary<string, AttributeValue>?> ItemAsync(string account)
    {
        var response = await _dynalite!.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            ConsistentRead = true,
            Key = new() { ["issuer"] = new AttributeValue { S = "Example" }, ["account_name"] = new AttributeValue { S = account } },
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    [Fact]
    public async Task TheQrCodeGoesToTheTerminalAndTwoConsecutiveCodesWriteTheEntry()
    {
        var run = await EnrollOnTerminalAsync("right", "--account-name", "alice", "--roles", "ReadOnly,Admin", "--allow-plaintext-secret");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Enrolled alice (Example) in {_table}: roles ReadOnly,Admin; secret stored in plaintext.\n", run.Stdout);
        Assert.Contains(TerminalQrCode.BothDark, run.Transcript);
        Assert.Contains(TerminalDeviceDialog.SecondPrompt, run.Transcript, StringComparison.Ordinal);
        var item = await ItemAsync("alice");
        Assert.NotNull(item);
        Assert.Equal(["ReadOnly", "Admin"], item["roles"].L.Select(role => role.S));
        Assert.Contains("otpauth://", item["url"].S, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAKmsKeyTheSecretIsStoredOnlyAsCiphertext()
    {
        using var kms = new KmsStandIn();
        _extra["AWS_ENDPOINT_URL_KMS"] = kms.ServiceUrl;

        var run = await EnrollOnTerminalAsync("right", "--account-name", "frank", "--roles", "ReadOnly", "--kms-key-id", kms.AliasName);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("secret encrypted with KMS.\n", run.Stdout, StringComparison.Ordinal);
        var item = await ItemAsync("frank");
        Assert.NotNull(item);
        Assert.True(item.ContainsKey("totp_secret_ciphertext"));
        Assert.False(item.ContainsKey("url"));
        Assert.Single(kms.CallsTo(KmsStandIn.Encrypt));
    }

    [Fact]
    public async Task ForcedPlaintextEnrollmentNeverReplacesAKmsEncryptedSecret()
    {
        using var kms = new KmsStandIn();
        _extra["AWS_ENDPOINT_URL_KMS"] = kms.ServiceUrl;
        Assert.Equal(0, (await EnrollOnTerminalAsync("right", "--account-name", "gina", "--roles", "ReadOnly", "--kms-key-id", kms.AliasName)).ExitCode);
        var before = (await ItemAsync("gina"))!["totp_secret_ciphertext"].B.ToArray();
        var binary = await CliArtifacts.EnsureBinaryAsync();

        var run = await CliRun.StartAsync(binary, ["enroll", "--account-name", "gina", "--roles", "ReadOnly", "--force", "--allow-plaintext-secret"], Admin());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("encrypted with KMS", run.Error, StringComparison.Ordinal);
        var after = (await ItemAsync("gina"))!;
        Assert.False(after.ContainsKey("url"));
        Assert.Equal(before, after["totp_secret_ciphertext"].B.ToArray());
    }

    [Fact]
    public async Task TheQrFileIsWrittenOwnerOnly()
    {
        var file = Path.Combine(_home.Path, "grace.svg");

        var run = await EnrollOnTerminalAsync("right", "--account-name", "grace", "--roles", "ReadOnly", "--allow-plaintext-secret", "--qr-file", file);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("<?xml", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task AQrFileOfAnotherKindIsAUsageErrorAndNothingIsWritten()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();

        var run = await CliRun.StartAsync(binary, ["enroll", "--account-name", "heidi", "--roles", "ReadOnly", "--allow-plaintext-secret", "--qr-file", "heidi.jpg"], Admin());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("stsftw: --qr-file must end in .png or .svg.\n", run.Error);
        Assert.Null(await ItemAsync("heidi"));
    }

    [Fact]
    public async Task AQrFileOfADeviceNotProvenIsDeleted()
    {
        var file = Path.Combine(_home.Path, "ivan.png");

        var run = await EnrollOnTerminalAsync("wrong", "--account-name", "ivan", "--roles", "ReadOnly", "--allow-plaintext-secret", "--qr-file", file);

        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(file));
        Assert.Null(await ItemAsync("ivan"));
    }

    [Fact]
    public async Task StdoutNeverCarriesTheSecret()
    {
        var run = await EnrollOnTerminalAsync("right", "--account-name", "bob", "--roles", "ReadOnly", "--allow-plaintext-secret", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("{\"Issuer\":\"Example\",\"AccountName\":\"bob\"", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("otpauth", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret=", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("otpauth://totp/", run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongSecondCodeWritesNothing()
    {
        var run = await EnrollOnTerminalAsync("wrong", "--account-name", "carol", "--roles", "ReadOnly", "--allow-plaintext-secret");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("Nothing was written", run.Transcript, StringComparison.Ordinal);
        Assert.Null(await ItemAsync("carol"));
    }

    [Fact]
    public async Task WithoutATerminalNothingIsWrittenAndOneLineSaysWhy()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();

        var run = await CliRun.StartAsync(binary, ["enroll", "--account-name", "dave", "--roles", "ReadOnly", "--allow-plaintext-secret"], Admin());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Single(run.ErrorLines);
        Assert.Contains("no terminal", run.Error, StringComparison.Ordinal);
        Assert.Null(await ItemAsync("dave"));
    }

    // SECURITY.md rule I12: only an account without a device is enrolled without --force; a device is never replaced by accident.
    [Fact]
    public async Task AnEnrolledAccountStillNeedsForceAndIsLeftAsItWas()
    {
        var enrolled = new Dictionary<string, AttributeValue>
        {
            ["issuer"] = new() { S = "Example" },
            ["account_name"] = new() { S = "judy" },
            ["url"] = new() { S = "otpauth://totp/Example:judy?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example" },
            ["roles"] = new() { L = [new() { S = "ReadOnly" }] },
        };
        await _dynalite!.Client.PutItemAsync(new PutItemRequest { TableName = _table, Item = enrolled });
        var binary = await CliArtifacts.EnsureBinaryAsync();

        var run = await CliRun.StartAsync(binary, ["enroll", "--account-name", "judy", "--roles", "Admin", "--allow-plaintext-secret"], Admin());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--force", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        var item = await ItemAsync("judy");
        Assert.Equal(enrolled["url"].S, item!["url"].S);
        Assert.Equal(["ReadOnly"], item["roles"].L.Select(role => role.S));
    }

    [Fact]
    public async Task APlaintextSecretIsRefusedBeforeTheTableIsTouched()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();

        var run = await CliRun.StartAsync(binary, ["enroll", "--account-name", "erin", "--roles", "ReadOnly"], Admin());

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("--allow-plaintext-secret", run.Error, StringComparison.Ordinal);
        Assert.Null(await ItemAsync("erin"));
    }
}
