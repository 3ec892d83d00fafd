using System.Diagnostics;
using System.Reflection;
using StsFtw.Core.Totp;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Hygiene;
using StsFtw.Testing.Lambda;

namespace StsFtw.PowerShell.EndToEnd.Tests;

/// <summary>
/// Enroll with New-StsEnrollment, compute the codes as the phone would, get credentials with Get-StsCredential from
/// the backend's local mode, put them in $env: with Set-StsEnvironment — with and without a co-signer.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class ModuleAgainstLocalBackendTests : IAsyncLifetime
{
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:stsftw-audit";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DynaliteFixture _dynalite;
    private readonly KmsStandIn _kms = new();
    private readonly StsStandIn _sts = new();
    private readonly SnsStandIn _sns = new() { SecretAccessKey = StandInCredentials.SecretAccessKey };
    private string _table = string.Empty;
    private readonly List<LambdaProcess> _backends = new();
    private readonly SecretLedger _ledger = new();
    private string _endpoint = string.Empty;

    public ModuleAgainstLocalBackendTests(DynaliteFixture dynalite) => _dynalite = dynalite;

    public async Task InitializeAsync()
    {
        _table = await _dynalite.CreateAuthTableAsync("ps-e2e");
        (_, _endpoint) = await StartBackendAsync();
    }

    private async Task<(LambdaProcess Backend, string Endpoint)> StartBackendAsync(params (string Name, string Value)[] extra)
    {
        var port = DynaliteFixture.FreeTcpPort();
        var environment = new Dictionary<string, string?>(AwsEnvironment().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)))
        {
            ["STS_TABLE_NAME"] = _table,
            ["STS_SNS_ARN"] = TopicArn,
            ["STS_KMS_KEY_ID"] = _kms.KeyId,
            ["AWS_ENDPOINT_URL_STS"] = _sts.ServiceUrl,
            ["AWS_ENDPOINT_URL_SNS"] = _sns.ServiceUrl,
        };
        foreach (var (name, value) in extra) environment[name] = value;
        var backend = LambdaProcess.Start(LambdaArtifacts.JitAssembly, environment, "--listen", $"http://127.0.0.1:{port}");
        _backends.Add(backend);
        await backend.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), Timeout);
        return (backend, $"http://127.0.0.1:{port}/");
    }

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
            SecretHygiene.AssertClean("lambda process stdout (module end to end)", backend.Output, _ledger);
            SecretHygiene.AssertClean("lambda process stderr (module end to end)", backend.Errors, _ledger);
        }
        _kms.Dispose();
        _sts.Dispose();
        _sns.Dispose();
    }

    [Fact]
    public void EnrolledPersonGetsCredentialsIntoTheEnvironment()
    {
        var secret = Enroll("alice", "-Roles Developer");
        var lines = Run($$"""
            Get-StsCredential -Endpoint '{{_endpoint}}' -Issuer example -AccountName alice -Role Developer -TotpCode {{PhoneCodes.At(secret, DateTimeOffset.UtcNow)}} | Set-StsEnvironment
            'KEY ' + $env:AWS_ACCESS_KEY_ID
            'SECRET ' + [bool]$env:AWS_SECRET_ACCESS_KEY
            'TOKEN ' + [bool]$env:AWS_SESSION_TOKEN
            'EXPIRES ' + $env:AWS_CREDENTIAL_EXPIRATION
            """);
        Assert.Contains(lines, l => l.StartsWith("KEY ASIA", StringComparison.Ordinal));
        Assert.Contains("SECRET True", lines);
        Assert.Contains("TOKEN True", lines);
        Assert.Contains(lines, l => l.StartsWith("EXPIRES 20", StringComparison.Ordinal) && l.EndsWith('Z'));
        var assumed = Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole));
        Assert.Equal("example@alice", assumed["SourceIdentity"]);
        Assert.NotEmpty(_sns.CallsTo(SnsStandIn.Publish));
    }

    [Fact]
    public void CoSignedRoleNeedsTheSecondaryAndWorksWithIt()
    {
        var bob = Enroll("bob", "-Roles Developer");
        var carol = Enroll("carol", "-Roles Deployer -SecondaryAuthorizers bob");

        var refused = RunExpectingError($"Get-StsCredential -Endpoint '{_endpoint}' -Issuer example -AccountName carol -Role Deployer -TotpCode {PhoneCodes.At(carol, DateTimeOffset.UtcNow)}");
        Assert.Contains("StsCredential.SecondaryRequired", refused);

        // The refused request used carol's current code; the next step's code is still within the verifier's window.
        var lines = Run($$"""
            Get-StsCredential -Endpoint '{{_endpoint}}' -Issuer example -AccountName carol -Role Deployer -TotpCode {{PhoneCodes.At(carol, DateTimeOffset.UtcNow, 1)}} `
                -SecondaryAccountName bob -SecondaryTotpCode {{PhoneCodes.At(bob, DateTimeOffset.UtcNow)}} | Set-StsEnvironment
            'KEY ' + $env:AWS_ACCESS_KEY_ID
            """);
        Assert.Contains(lines, l => l.StartsWith("KEY ASIA", StringComparison.Ordinal));
        var assumed = Assert.Single(_sts.CallsTo(StsStandIn.AssumeRole));
        Assert.Equal("bob", StsStandIn.SessionTagsOf(assumed)["stsftw:secondary"]);
    }

    [Fact]
    public void WrongCodeIsAnAuthenticationError()
    {
        var secret = Enroll("dave", "-Roles Developer");
        var error = RunExpectingError($"Get-StsCredential -Endpoint '{_endpoint}' -Issuer example -AccountName dave -Role Developer -TotpCode {PhoneCodes.WrongAt(secret, DateTimeOffset.UtcNow)}");
        Assert.Contains("StsCredential.AuthenticationFailed", error);
        Assert.Empty(_sts.CallsTo(StsStandIn.AssumeRole));
    }

    [Fact]
    public void StsftwPlaintextEntryIsEncryptedInPlaceAndTheSameDeviceKeepsWorking()
    {
        var secret = EnrollAsStsftwDid("erin");
        var firstCode = PhoneCodes.At(secret, DateTimeOffset.UtcNow);
        Assert.Contains(Run(GetCredential(_endpoint, "erin", firstCode)), l => l.StartsWith("KEY ASIA", StringComparison.Ordinal));

        var storage = Run($"(Get-StsEnrollment -TableName '{_table}' -Region us-east-1 -Issuer example -AccountName erin | " +
            $"Set-StsEnrollment -Region us-east-1 -EncryptSecret -KmsKeyId '{_kms.KeyId}' -PassThru).SecretStorage");
        Assert.Equal(["Kms"], storage);

        var replay = RunExpectingError(GetCredential(_endpoint, "erin", firstCode));
        Assert.Contains("StsCredential.AuthenticationFailed", replay);
        Assert.Contains(Run(GetCredential(_endpoint, "erin", PhoneCodes.At(secret, DateTimeOffset.UtcNow, 1))), l => l.StartsWith("KEY ASIA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BackendRequiringEncryptedSecretsRefusesPlaintextEntriesUntilTheyAreEncrypted()
    {
        var (_, strict) = await StartBackendAsync(("STS_REQUIRE_ENCRYPTED_SECRETS", "true"));
        var frank = EnrollAsStsftwDid("frank");
        var gina = EnrollAsStsftwDid("gina");
        Run($"Set-StsEnrollment -TableName '{_table}' -Region us-east-1 -Issuer example -AccountName gina -EncryptSecret -KmsKeyId '{_kms.KeyId}'");

        var refused = RunExpectingError(GetCredential(strict, "frank", PhoneCodes.At(frank, DateTimeOffset.UtcNow)));
        Assert.Contains("StsCredential.AuthenticationFailed", refused);
        Assert.Contains(Run(GetCredential(strict, "gina", PhoneCodes.At(gina, DateTimeOffset.UtcNow))), l => l.StartsWith("KEY ASIA", StringComparison.Ordinal));
    }

    private static string GetCredential(string endpoint, string account, string code) => $$"""
        Get-StsCredential -Endpoint '{{endpoint}}' -Issuer example -AccountName {{account}} -Role Developer -TotpCode {{code}} | Set-StsEnvironment
        'KEY ' + $env:AWS_ACCESS_KEY_ID
        """;

    // Without a key (and with -AllowPlaintextSecret) the module writes STSFTW's plaintext url, exactly as an STSFTW table holds it.
    private TotpSecret EnrollAsStsftwDid(string account)
    {
        var uri = Run($"New-StsEnrollment -TableName '{_table}' -Region us-east-1 -Issuer example -AccountName {account} -Roles Developer -NoPrompt -AllowPlaintextSecret").Single();
        var storage = Run($"(Get-StsEnrollment -TableName '{_table}' -Region us-east-1 -Issuer example -AccountName {account}).SecretStorage");
        Assert.Equal(["Plaintext"], storage);
        _ledger.RememberKey(OtpAuthUri.Parse(uri));
        return OtpAuthUri.Parse(uri).Secret;
    }

    private TotpSecret Enroll(string account, string access)
    {
        var uri = Run($"New-StsEnrollment -TableName '{_table}' -Region us-east-1 -Issuer example -AccountName {account} {access} -KmsKeyId '{_kms.KeyId}' -NoPrompt").Single();
        _ledger.RememberKey(OtpAuthUri.Parse(uri));
        return OtpAuthUri.Parse(uri).Secret;
    }

    private Dictionary<string, string> AwsEnvironment() => new()
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = StandInCredentials.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = StandInCredentials.SecretAccessKey,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynalite.ServiceUrl,
        ["AWS_ENDPOINT_URL_KMS"] = _kms.ServiceUrl,
        // Each run asks the backend: the credential cache (on by default) stays out of the user's home.
        ["STS_CACHE"] = "off",
    };

    private IReadOnlyList<string> Run(string script)
    {
        var (exit, output, errors) = RunScript(script);
        Assert.True(exit == 0, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private string RunExpectingError(string script)
    {
        var (exit, _, errors) = RunScript(script);
        Assert.Equal(1, exit);
        return errors;
    }

    private (int Exit, string Output, string Errors) RunScript(string body)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stsftw-e2e-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(path, $"Import-Module '{Metadata("ModuleManifest")}' -ErrorAction Stop\n{body}\n");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Metadata("ScriptHost"));
            start.ArgumentList.Add(path);
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("STS_", StringComparison.Ordinal)).ToArray())
            {
                start.Environment.Remove(name);
            }
            foreach (var (name, value) in AwsEnvironment()) start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The script host did not finish in time.");
            }
            // Standard output is the script's own output (credentials on purpose); errors must hold no secret.
            SecretHygiene.AssertClean("script host stderr (module end to end)", errors.Result.Split('\n'), _ledger);
            return (process.ExitCode, output.Result, errors.Result);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Metadata(string key) =>
        typeof(ModuleAgainstLocalBackendTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
