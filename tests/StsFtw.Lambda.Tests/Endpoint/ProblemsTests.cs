using StsFtw.Core.Broker;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Endpoint;

namespace StsFtw.Lambda.Tests.Endpoint;

public sealed class ProblemsTests
{
    [Theory]
    [InlineData(RefusalReason.InvalidRequest, 400, ProblemTypes.InvalidRequest)]
    [InlineData(RefusalReason.AuthenticationFailed, 401, ProblemTypes.AuthenticationFailed)]
    [InlineData(RefusalReason.SecondaryRequired, 403, ProblemTypes.SecondaryRequired)]
    [InlineData(RefusalReason.SecondaryNotPermitted, 403, ProblemTypes.SecondaryNotPermitted)]
    [InlineData(RefusalReason.RoleNotPermitted, 403, ProblemTypes.RoleNotPermitted)]
    [InlineData(RefusalReason.AccountLocked, 429, ProblemTypes.AccountLocked)]
    public void EachRefusalHasTheDesignedStatus(RefusalReason reason, int status, string type)
    {
        var problem = Problems.ForRefusal(new RequestRefusal(reason, "message", Array.Empty<string>()));

        Assert.Equal(status, problem.Status);
        Assert.Equal(type, problem.Type);
    }

    [Theory]
    [InlineData(Dependency.SecurityTokenService, 502, ProblemTypes.CredentialsUnavailable)]
    [InlineData(Dependency.AuthTable, 503, ProblemTypes.ServiceUnavailable)]
    [InlineData(Dependency.SecretKey, 503, ProblemTypes.ServiceUnavailable)]
    [InlineData(Dependency.AuditTopic, 503, ProblemTypes.ServiceUnavailable)]
    public void StsFailuresAre502AndOtherDependenciesAre503(Dependency dependency, int status, string type)
    {
        var problem = Problems.ForDependency(new DependencyFailed(dependency, "operator detail: AccessDenied on arn:aws:iam::1:role/x"));

        Assert.Equal(status, problem.Status);
        Assert.Equal(type, problem.Type);
        Assert.DoesNotContain("operator detail", problem.Detail);
    }

    [Fact]
    public void LockedAccountCarriesRetryAfterInWholeSecondsRoundedUp()
    {
        var problem = Problems.ForRefusal(new RequestRefusal(RefusalReason.AccountLocked, "locked", Array.Empty<string>(), TimeSpan.FromSeconds(61.2)));

        var response = Responses.For(problem, "req-1");

        Assert.Equal("62", response.Headers.First("Retry-After"));
        Assert.Contains("\"retryAfterSeconds\":62", response.Body);
    }
}
