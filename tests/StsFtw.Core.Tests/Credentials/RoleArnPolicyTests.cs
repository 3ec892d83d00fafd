using StsFtw.Core.Credentials;

namespace StsFtw.Core.Tests.Credentials;

public sealed class RoleArnPolicyTests
{
    [Fact]
    public void NoPatternAllowsNoArn()
    {
        Assert.False(RoleArnPolicy.NamesOnly.Allows("arn:aws:iam::123456789012:role/Developer"));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/stsftw/Developer", true)]
    [InlineData("arn:aws:iam::123456789012:role/stsftw/team/Developer", true)]
    [InlineData("arn:aws:iam::123456789012:role/Developer", false)]
    [InlineData("arn:aws:iam::999999999999:role/stsftw/Developer", false)]
    [InlineData("xarn:aws:iam::123456789012:role/stsftw/Developer", false)]
    [InlineData("arn:aws:iam::123456789012:role/stsftw/Developer\n", false)]
    public void PatternMatchesWholeArnsOnly(string arn, bool allowed)
    {
        var policy = new RoleArnPolicy("arn:aws:iam::123456789012:role/stsftw/*");
        Assert.Equal(allowed, policy.Allows(arn));
    }

    [Fact]
    public void RegexCharactersInThePatternAreLiteral()
    {
        var policy = new RoleArnPolicy("arn:aws:iam::123456789012:role/a.b");
        Assert.True(policy.Allows("arn:aws:iam::123456789012:role/a.b"));
        Assert.False(policy.Allows("arn:aws:iam::123456789012:role/aXb"));
    }
}
