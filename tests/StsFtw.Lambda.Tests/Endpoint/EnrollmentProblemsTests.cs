using StsFtw.Core.Dependencies;
using StsFtw.Core.Invitations;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Endpoint;

namespace StsFtw.Lambda.Tests.Endpoint;

/// <summary>docs/INVITATIONS.md, "The wire": one place maps each enrollment outcome to a status and a stable problem type.</summary>
public sealed class EnrollmentProblemsTests
{
    [Theory]
    [InlineData(EnrollmentRefusalReason.InvalidRequest, 400, ProblemTypes.InvalidRequest)]
    [InlineData(EnrollmentRefusalReason.InvitationNotValid, 401, ProblemTypes.InvitationNotValid)]
    [InlineData(EnrollmentRefusalReason.CodesNotValid, 401, ProblemTypes.EnrollmentCodesNotValid)]
    [InlineData(EnrollmentRefusalReason.DeviceCodeRequired, 403, ProblemTypes.DeviceCodeRequired)]
    [InlineData(EnrollmentRefusalReason.AlreadyRedeemed, 409, ProblemTypes.InvitationAlreadyRedeemed)]
    [InlineData(EnrollmentRefusalReason.NotRedeemed, 409, ProblemTypes.InvitationNotRedeemed)]
    [InlineData(EnrollmentRefusalReason.AccountLocked, 429, ProblemTypes.AccountLocked)]
    public void RefusalMapsToItsStatusAndType(EnrollmentRefusalReason reason, int status, string type)
    {
        var problem = EnrollmentProblems.ForRefusal(new EnrollmentRefusal(reason, "message", ["a problem"], TimeSpan.FromMinutes(1)));

        Assert.Equal((status, type), (problem.Status, problem.Type));
        Assert.Equal("message", problem.Detail);
    }

    [Fact]
    public void EveryRefusalReasonHasAProblem()
    {
        foreach (var reason in Enum.GetValues<EnrollmentRefusalReason>())
        {
            Assert.StartsWith("urn:stsftw:problem:", EnrollmentProblems.ForRefusal(new EnrollmentRefusal(reason, "m", [])).Type, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Dependency.AuthTable)]
    [InlineData(Dependency.SecretKey)]
    [InlineData(Dependency.AuditTopic)]
    public void DependencyFailureIs503AndSaysNoDeviceWasEnrolled(Dependency dependency)
    {
        var problem = EnrollmentProblems.ForDependency(new EnrollmentDependencyFailed(dependency, "operators only"));

        Assert.Equal((503, ProblemTypes.ServiceUnavailable), (problem.Status, problem.Type));
        Assert.Contains("No device was enrolled", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("operators only", problem.Detail, StringComparison.Ordinal);
    }
}
