using StsFtw.Core.Enrollment;

namespace StsFtw.Core.Tests.Enrollment;

public sealed class EnrollmentAccessRulesTests
{
    [Fact]
    public void ValidRolesAndOtherCosignersPass() =>
        Assert.Null(EnrollmentAccessRules.Check("alice", ["Developer", "arn:aws:iam::123456789012:role/stsftw/Admin"], ["bob"], "Roles", "SecondaryAuthorizers"));

    [Fact]
    public void AnInvalidRoleIsNamedWithItsFieldAndValue() =>
        Assert.StartsWith("--roles may contain only", EnrollmentAccessRules.Check("alice", ["bad role"], [], "--roles", "--secondary-authorizers"));

    [Fact]
    public void NobodyCoSignsTheirOwnRequest() =>
        Assert.Equal(
            "SecondaryAuthorizers must not name the account itself: a person cannot co-sign their own request.",
            EnrollmentAccessRules.Check("alice", ["Developer"], ["alice"], "Roles", "SecondaryAuthorizers"));
}
