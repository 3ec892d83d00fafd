using System.Text.Json;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Tests.Support;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// An enrolled person with a correct code who asks for a role they were not given — in another account, another
/// partition, behind a wildcard path, or a case variant of their own — is refused after authentication and STS is
/// never called.
/// </summary>
public sealed class HostileRoleTests
{
    [Theory]
    [InlineData("arn:aws:iam::999999999999:role/Developer")]
    [InlineData("arn:aws:iam::123456789012:role/Developer")]
    [InlineData("arn:aws-cn:iam::123456789012:role/Developer")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/Developer")]
    [InlineData("arn:aws:iam::123456789012:role/*/Developer")]
    [InlineData("arn:aws:iam::123456789012:role/stsftw/Developer")]
    [InlineData("developer")]
    [InlineData("DEVELOPER")]
    [InlineData("Admin")]
    [InlineData("OrganizationAccountAccessRole")]
    public async Task AuthenticatedCallerCannotReachARoleOutsideTheirEntry(string role)
    {
        var harness = new EndpointHarness();
        var secret = harness.Enroll("alice", roles: ["Developer"]);

        var response = await harness.AskAsync("alice", harness.Broker.CodeNow(secret), role: role);

        Assert.Equal(403, response.StatusCode);
        var problem = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(ProblemTypes.RoleNotPermitted, problem.GetProperty(ProblemFields.Type).GetString());
        Assert.DoesNotContain(role, problem.GetProperty(ProblemFields.Detail).GetString()!, StringComparison.Ordinal);
        Assert.Empty(harness.Broker.Minter.Requests);
    }
}
