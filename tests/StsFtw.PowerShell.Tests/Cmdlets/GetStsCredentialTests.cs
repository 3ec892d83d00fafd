using System.Management.Automation;

using StsFtw.PowerShell.Tests.Hosting;
using StsFtw.PowerShell.Tests.StandIns;

namespace StsFtw.PowerShell.Tests.Cmdlets;

[Collection(PowerShellCollection.Name)]
public sealed class GetStsCredentialTests : IDisposable
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

    private string Call(string extra = "") =>
        $"Get-StsCredential -Endpoint '{_backend.Url}' -Issuer example -AccountName alice -Role Developer -TotpCode 123456 {extra}";

    [Fact]
    public void OutputsTypedCredentialWithExpiration()
    {
        var credential = _session.Run(Call()).Single<object>();
        var properties = PSObject.AsPSObject(credential).Properties;
        Assert.Equal("StsFtw.PowerShell.Output.StsCredential", credential.GetType().FullName);
        Assert.Equal(BackendStandIn.AccessKeyId, properties["AccessKeyId"].Value);
        Assert.Equal(BackendStandIn.SecretAccessKey, properties["SecretAccessKey"].Value);
        Assert.Equal(BackendStandIn.SessionToken, properties["SessionToken"].Value);
        Assert.Equal(_backend.LastExpiration.UtcDateTime, properties["Expiration"].Value);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)properties["Expiration"].Value).Kind);
        Assert.Equal("arn:aws:iam::123456789012:role/Developer", properties["RoleArn"].Value);
    }

    [Fact]
    public void PostsStsftwFieldNamesAsJson()
    {
        _session.Run(Call("-SecondaryAccountName bob -SecondaryTotpCode 654321 -DurationSeconds 1800")).ThrowOnError();
        var request = Assert.Single(_backend.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.ContentType);
        var json = request.Json;
        Assert.Equal("example", json.GetProperty("Issuer").GetString());
        Assert.Equal("alice", json.GetProperty("AccountName").GetString());
        Assert.Equal("123456", json.GetProperty("TOTPCode").GetString());
        Assert.Equal("Developer", json.GetProperty("Role").GetString());
        Assert.Equal("bob", json.GetProperty("SecondaryAccountName").GetString());
        Assert.Equal("654321", json.GetProperty("SecondaryTOTPCode").GetString());
        Assert.Equal(1800, json.GetProperty("DurationSeconds").GetInt32());
    }

    [Fact]
    public void OldStsftwBackendWithoutExpirationStillGivesCredentials()
    {
        _backend.Answer = _ => StandInAnswer.Credentials(withExpiration: false);
        var credential = PSObject.AsPSObject(_session.Run(Call()).Single<object>());
        Assert.Equal(BackendStandIn.AccessKeyId, credential.Properties["AccessKeyId"].Value);
        Assert.Null(credential.Properties["Expiration"].Value);
    }

    // Issue 14 weakness c (SECURITY.md rule B3): only a parameter left out falls back to its STS_* variable.
    [Theory]
    [InlineData("-AccountName ' ' -Role Developer")]
    [InlineData("-AccountName alice -Role Developer -SecondaryAccountName ' ' -SecondaryTotpCode 654321")]
    public void EmptyValueIsAnErrorNotTheVariable(string parameters)
    {
        _environment.Set("STS_ACCOUNT_NAME", "alice");
        _environment.Set("STS_SECONDARY_ACCOUNT_NAME", "bob");
        var error = _session.Run($"Get-StsCredential -Endpoint '{_backend.Url}' -Issuer example {parameters} -TotpCode 123456").SingleError();
        Assert.Equal("StsCredential.InvalidInput,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public void StsVariablesSupplyEveryOmittedSetting()
    {
        _environment.Set("STS_ENDPOINT", _backend.Url);
        _environment.Set("STS_ISSUER", "example");
        _environment.Set("STS_ACCOUNT_NAME", "alice");
        _environment.Set("STS_ROLE", "Developer");
        _environment.Set("STS_SECONDARY_ACCOUNT_NAME", "bob");
        _environment.Set("STS_DURATION_SECONDS", "900");
        _session.Run("Get-StsCredential -TotpCode 123456 -SecondaryTotpCode 654321").ThrowOnError();
        var json = Assert.Single(_backend.Requests).Json;
        Assert.Equal("alice", json.GetProperty("AccountName").GetString());
        Assert.Equal("bob", json.GetProperty("SecondaryAccountName").GetString());
        Assert.Equal(900, json.GetProperty("DurationSeconds").GetInt32());
    }

    [Fact]
    public void ExplicitParameterWinsOverStsVariable()
    {
        _environment.Set("STS_ROLE", "FromVariable");
        _environment.Set("STS_ACCOUNT_NAME", "mallory");
        _session.Run(Call()).ThrowOnError();
        var json = Assert.Single(_backend.Requests).Json;
        Assert.Equal("Developer", json.GetProperty("Role").GetString());
        Assert.Equal("alice", json.GetProperty("AccountName").GetString());
    }

    [Fact]
    public void MissingSettingsGiveOneErrorNamingParameterAndVariable()
    {
        var error = _session.Run($"Get-StsCredential -Endpoint '{_backend.Url}' -Issuer example -TotpCode 123456").SingleError();
        Assert.Equal("StsCredential.MissingSetting,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-AccountName (or $env:STS_ACCOUNT_NAME)", error.Exception.Message);
        Assert.Contains("-Role (or $env:STS_ROLE)", error.Exception.Message);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public void PlainHttpToANonLoopbackHostIsRefusedBeforeSending()
    {
        var error = _session.Run("Get-StsCredential -Endpoint 'http://sts.example.com/' -Issuer example -AccountName alice -Role Developer -TotpCode 123456").SingleError();
        Assert.Equal("StsCredential.InsecureEndpoint,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("https://", error.Exception.Message);
        Assert.Contains("loopback", error.Exception.Message);
    }

    [Fact]
    public void MalformedCodeIsRefusedBeforeSending()
    {
        var error = _session.Run(Call().Replace("123456", "12345x")).SingleError();
        Assert.Equal("StsCredential.InvalidInput,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("12345x", error.ToString());
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public void MissingCodeIsAskedForWithAMaskedPrompt()
    {
        _session.Ui.AnswerSecurely("123456");
        _session.Run("Get-StsCredential -Endpoint '" + _backend.Url + "' -Issuer example -AccountName alice -Role Developer").ThrowOnError();
        Assert.Equal(1, _session.Ui.SecureReads);
        Assert.Equal(0, _session.Ui.PlainReads);
        Assert.Contains("Code for alice", _session.Ui.Text);
        Assert.DoesNotContain("123456", _session.Ui.Text);
        Assert.Equal("123456", Assert.Single(_backend.Requests).Json.GetProperty("TOTPCode").GetString());
    }

    [Fact]
    public void SecondaryCodeIsAskedForWhenACoSignerIsNamed()
    {
        _session.Ui.AnswerSecurely("123456");
        _session.Ui.AnswerSecurely("654321");
        _session.Run($"Get-StsCredential -Endpoint '{_backend.Url}' -Issuer example -AccountName alice -Role Developer -SecondaryAccountName bob").ThrowOnError();
        Assert.Equal(2, _session.Ui.SecureReads);
        Assert.Contains("co-signer bob", _session.Ui.Text);
        Assert.Equal("654321", Assert.Single(_backend.Requests).Json.GetProperty("SecondaryTOTPCode").GetString());
    }

    [Fact]
    public void SetEnvironmentSetsTheAwsVariablesInTheSession()
    {
        _session.Run(Call("-SetEnvironment")).ThrowOnError();
        var values = _session.Run("$env:AWS_ACCESS_KEY_ID; $env:AWS_SECRET_ACCESS_KEY; $env:AWS_SESSION_TOKEN; $env:AWS_CREDENTIAL_EXPIRATION").Strings();
        Assert.Equal(new[] { BackendStandIn.AccessKeyId, BackendStandIn.SecretAccessKey, BackendStandIn.SessionToken, _backend.LastExpirationText }, values);
    }

    [Fact]
    public void VerboseOutputNeverContainsASecret()
    {
        var result = _session.Run(Call("-SetEnvironment -Verbose")).ThrowOnError();
        var verbose = string.Join("\n", result.Verbose.Select(v => v.Message));
        Assert.Contains(BackendStandIn.AccessKeyId, verbose);
        Assert.DoesNotContain(BackendStandIn.SecretAccessKey, verbose);
        Assert.DoesNotContain(BackendStandIn.SessionToken, verbose);
        Assert.DoesNotContain("123456", verbose);
    }

    [Theory]
    [InlineData("Bash", "export AWS_ACCESS_KEY_ID='" + BackendStandIn.AccessKeyId + "'")]
    [InlineData("Zsh", "export AWS_SECRET_ACCESS_KEY='" + BackendStandIn.SecretAccessKey + "'")]
    [InlineData("Fish", "set -gx AWS_SESSION_TOKEN '" + BackendStandIn.SessionToken + "'")]
    [InlineData("PowerShell", "$env:AWS_ACCESS_KEY_ID = '" + BackendStandIn.AccessKeyId + "'")]
    [InlineData("Cmd", "set \"AWS_ACCESS_KEY_ID=" + BackendStandIn.AccessKeyId + "\"")]
    public void AsExportWritesLinesForTheChosenShell(string shell, string expectedLine)
    {
        var lines = _session.Run(Call($"-AsExport -Shell {shell}")).Strings();
        Assert.Contains(expectedLine, lines);
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public void AsExportLinesRunInPowerShellSetTheVariables()
    {
        _session.Run(Call("-AsExport -Shell PowerShell") + " | ForEach-Object { . ([scriptblock]::Create($_)) }").ThrowOnError();
        Assert.Equal(BackendStandIn.SessionToken, _session.Run("$env:AWS_SESSION_TOKEN").Strings().Single());
    }

    [Fact]
    public void ShellDefaultsToStsShellVariable()
    {
        _environment.Set("STS_SHELL", "fish");
        var lines = _session.Run(Call("-AsExport")).Strings();
        Assert.All(lines, line => Assert.StartsWith("set -gx ", line));
    }

    [Fact]
    public void AsCredentialProcessWritesTheAwsCliJson()
    {
        var json = System.Text.Json.JsonDocument.Parse(_session.Run(Call("-AsCredentialProcess")).Strings().Single()).RootElement;
        Assert.Equal(1, json.GetProperty("Version").GetInt32());
        Assert.Equal(BackendStandIn.AccessKeyId, json.GetProperty("AccessKeyId").GetString());
        Assert.Equal(BackendStandIn.SecretAccessKey, json.GetProperty("SecretAccessKey").GetString());
        Assert.Equal(BackendStandIn.SessionToken, json.GetProperty("SessionToken").GetString());
        Assert.Equal(_backend.LastExpirationText, json.GetProperty("Expiration").GetString());
    }

    [Fact]
    public void SecretKeyIsMaskedInDefaultView()
    {
        _session.Run(Call() + " | Out-Host").ThrowOnError();
        var shown = _session.Ui.Text;
        Assert.Contains(BackendStandIn.AccessKeyId, shown);
        Assert.Contains("********", shown);
        Assert.DoesNotContain(BackendStandIn.SecretAccessKey, shown);
        Assert.DoesNotContain(BackendStandIn.SessionToken, shown);
    }

    [Fact]
    public void CredentialToStringHidesTheSecrets()
    {
        var text = _session.Run(Call() + " | ForEach-Object { $_.ToString() }").Strings().Single();
        Assert.Contains(BackendStandIn.AccessKeyId, text);
        Assert.DoesNotContain(BackendStandIn.SecretAccessKey, text);
        Assert.DoesNotContain(BackendStandIn.SessionToken, text);
    }

    [Theory]
    [InlineData(400, Problems.InvalidRequest, "StsCredential.InvalidRequest", ErrorCategory.InvalidArgument)]
    [InlineData(401, Problems.AuthenticationFailed, "StsCredential.AuthenticationFailed", ErrorCategory.AuthenticationError)]
    [InlineData(403, Problems.SecondaryRequired, "StsCredential.SecondaryRequired", ErrorCategory.PermissionDenied)]
    [InlineData(403, Problems.SecondaryNotPermitted, "StsCredential.SecondaryNotPermitted", ErrorCategory.PermissionDenied)]
    [InlineData(403, Problems.RoleNotPermitted, "StsCredential.RoleNotPermitted", ErrorCategory.PermissionDenied)]
    [InlineData(405, Problems.MethodNotAllowed, "StsCredential.EndpointMismatch", ErrorCategory.InvalidArgument)]
    [InlineData(500, Problems.InternalError, "StsCredential.ServiceUnavailable", ErrorCategory.ResourceUnavailable)]
    [InlineData(502, Problems.CredentialsUnavailable, "StsCredential.CredentialsUnavailable", ErrorCategory.ResourceUnavailable)]
    [InlineData(503, Problems.ServiceUnavailable, "StsCredential.ServiceUnavailable", ErrorCategory.ResourceUnavailable)]
    public void BackendProblemBecomesAnErrorRecordWithADeliberateCategory(int status, string type, string errorId, ErrorCategory category)
    {
        _backend.Answer = _ => StandInAnswer.Problem(status, type, "The backend's own sentence.");
        var error = _session.Run(Call()).SingleError();
        Assert.Equal(errorId + ",StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.StartsWith("The backend's own sentence", error.Exception.Message);
        Assert.DoesNotContain("HTTP/1.1", error.ToString());
        Assert.DoesNotContain("123456", error.ToString());
    }

    [Fact]
    public void InvalidRequestListsTheBackendsProblems()
    {
        _backend.Answer = _ => StandInAnswer.Problem(400, Problems.InvalidRequest, "The request is invalid.",
            new Dictionary<string, object> { ["problems"] = new[] { "Role is longer than 64 characters." } });
        var error = _session.Run(Call()).SingleError();
        Assert.Contains("Role is longer than 64 characters.", error.Exception.Message);
    }

    [Fact]
    public void LockedAccountErrorSaysWhenToRetry()
    {
        _backend.Answer = _ =>
            StandInAnswer.Problem(429, Problems.AccountLocked, "The account is locked.",
                new Dictionary<string, object> { ["retryAfterSeconds"] = 600 }) with
            {
                Headers = new Dictionary<string, string> { ["Retry-After"] = "600" },
            };
        var error = _session.Run(Call()).SingleError();
        Assert.Equal("StsCredential.AccountLocked,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("Try again in 10 min", error.Exception.Message);
        Assert.Equal(TimeSpan.FromSeconds(600), PSObject.AsPSObject(error.Exception).Properties["RetryAfter"].Value);
        Assert.Contains("Unlock-StsEnrollment", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void SlowBackendTimesOutWithinTheBound()
    {
        _backend.Answer = _ => StandInAnswer.Credentials() with { Delay = TimeSpan.FromSeconds(5) };
        var started = DateTime.UtcNow;
        var error = _session.Run(Call("-TimeoutSec 1")).SingleError();
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4));
        Assert.Equal("StsCredential.TimedOut,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
    }

    [Fact]
    public void UnreachableEndpointIsAConnectionError()
    {
        var port = FreePort.Next();
        var error = _session.Run($"Get-StsCredential -Endpoint 'http://127.0.0.1:{port}/' -Issuer example -AccountName alice -Role Developer -TotpCode 123456").SingleError();
        Assert.Equal("StsCredential.Unreachable,StsFtw.PowerShell.Commands.GetStsCredentialCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
    }

    [Fact]
    public void NonJsonAnswerIsAnUnexpectedResponseNotADump()
    {
        _backend.Answer = _ => new StandInAnswer(502, "text/html", "<html><body>Bad gateway from some proxy SECRETHTML</body></html>");
        var error = _session.Run(Call()).SingleError();
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.DoesNotContain("SECRETHTML", error.ToString());
    }

    [Fact]
    public void PipelineObjectsBindByPropertyName()
    {
        var script = $"[pscustomobject]@{{ Endpoint = '{_backend.Url}'; Issuer = 'example'; AccountName = 'carol'; Role = 'Auditor' }} | Get-StsCredential -TotpCode 123456";
        _session.Run(script).ThrowOnError();
        var json = Assert.Single(_backend.Requests).Json;
        Assert.Equal("carol", json.GetProperty("AccountName").GetString());
        Assert.Equal("Auditor", json.GetProperty("Role").GetString());
    }
}
