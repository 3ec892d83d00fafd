using StsFtw.PowerShell.Tests.Hosting;

namespace StsFtw.PowerShell.Tests.Admin;

/// <summary>
/// An admin cmdlet in a session with no AWS credentials says so and what to do, instead of calling the table
/// unreachable. Run in a fresh process, so no credentials the AWS SDK resolved for another test are remembered, with
/// every place the SDK looks for credentials emptied.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class AwsCredentialsErrorTests : IAsyncLifetime
{
    // Every other source of the SDK's default chain: profiles, web identity, containers; instance metadata is turned off.
    private static readonly string[] CredentialSources =
    [
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    ];

    private readonly DynaliteServer _dynalite;
    private readonly string _emptyFolder = Directory.CreateTempSubdirectory("stsftw-no-aws-").FullName;
    private string _table = string.Empty;

    public AwsCredentialsErrorTests(DynaliteServer dynalite) => _dynalite = dynalite;

    public async Task InitializeAsync() => _table = await _dynalite.CreateAuthTableAsync("ps-no-credentials");

    public Task DisposeAsync()
    {
        Directory.Delete(_emptyFolder, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("Get-StsEnrollment", "GetStsEnrollmentCommand")]
    [InlineData("New-StsEnrollment -AccountName alice -Roles Developer -NoPrompt -AllowPlaintextSecret", "NewStsEnrollmentCommand")]
    [InlineData("Unlock-StsEnrollment -AccountName alice", "UnlockStsEnrollmentCommand")]
    public void AdminCmdletWithoutAwsCredentialsSaysSoAndWhatToDo(string command, string commandType)
    {
        var (_, output, errors) = Run(command, NoCredentials());

        Assert.DoesNotContain("NO ERROR", output, StringComparison.Ordinal);
        Assert.True(output.Contains($"ID StsEnrollment.NoAwsCredentials,StsFtw.PowerShell.Commands.{commandType}", StringComparison.Ordinal), output + errors);
        Assert.Contains("CATEGORY AuthenticationError", output, StringComparison.Ordinal);
        var message = Line(output, "MESSAGE ");
        Assert.Contains("no AWS credentials were found", message, StringComparison.Ordinal);
        Assert.Contains("$env:AWS_PROFILE", message, StringComparison.Ordinal);
        Assert.Contains("$env:AWS_ACCESS_KEY_ID", message, StringComparison.Ordinal);
        Assert.Contains("role", message, StringComparison.Ordinal);
        Assert.DoesNotContain("transport", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unreachable", message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("ACTION Give this session AWS credentials", Line(output, "ACTION "), StringComparison.Ordinal);
    }

    [Fact]
    public void AwsProfileThatDoesNotExistIsReportedAsMissingCredentials()
    {
        var environment = NoCredentials();
        environment["AWS_PROFILE"] = "stsftw-no-such-profile";

        var (_, output, errors) = Run("Get-StsEnrollment", environment);

        Assert.True(output.Contains("ID StsEnrollment.NoAwsCredentials,", StringComparison.Ordinal), output + errors);
        Assert.Contains("the profile AWS_PROFILE names does not exist", Line(output, "MESSAGE "), StringComparison.Ordinal);
    }

    private Dictionary<string, string> NoCredentials() => new()
    {
        ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynalite.ServiceUrl,
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_emptyFolder, "credentials"),
        ["AWS_CONFIG_FILE"] = Path.Combine(_emptyFolder, "config"),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    private (int Exit, string Output, string Errors) Run(string command, Dictionary<string, string> environment)
    {
        var removed = CredentialSources.Where(name => !environment.ContainsKey(name));
        return ScriptHostProcess.Run($$"""
            Import-Module '{{TestPaths.ModuleManifest}}' -ErrorAction Stop
            try { {{command}} -TableName '{{_table}}' -Region us-east-1 -Issuer example -ErrorAction Stop; 'NO ERROR' }
            catch {
                'ID ' + $_.FullyQualifiedErrorId
                'CATEGORY ' + $_.CategoryInfo.Category
                'MESSAGE ' + $_.ToString()
                'ACTION ' + $_.ErrorDetails.RecommendedAction
            }
            """, environment, removed);
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Select(line => line.TrimEnd('\r')).Single(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
