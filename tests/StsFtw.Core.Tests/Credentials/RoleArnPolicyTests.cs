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
        Assert.False(new RoleArnPolicy("arn:aws:iam::123456789012:role/a.*").Allows("arn:aws:iam::123456789012:role/aXb"));
        Assert.True(policy.Allows("arn:aws:iam::123456789012:role/a.b"));
        Assert.False(policy.Allows("arn:aws:iam::123456789012:role/aXb"));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/stsftw/*")]
    [InlineData("arn:aws:iam::123456789012:role/stsftw-*")]
    [InlineData("arn:aws:iam::123456789012:role/stsftw/Deploy")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/team/a/*")]
    public void WildcardOnlyAtTheEndOfALiteralPathIsAccepted(string pattern) => Assert.Null(RoleArnPolicy.Check(pattern));

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/*")]
    [InlineData("arn:aws:iam::123456789012:role/*/*")]
    [InlineData("arn:aws:iam::123456789012:role/*/Deploy")]
    [InlineData("arn:aws:iam::123456789012:role/st*sftw/*")]
    [InlineData("arn:aws:iam::*:role/stsftw/*")]
    [InlineData("arn:*:iam::123456789012:role/stsftw/*")]
    [InlineData("arn:aws:iam::123456789012:role/stsftw/Deplo?")]
    [InlineData("arn:aws:iam::123456789012:role/stsftw/**")]
    [InlineData("arn:aws:iam::123456789012:*")]
    [InlineData("arn:aws:iam::123456789012:user/stsftw/*")]
    [InlineData("arn:aws:iam::12345678901:role/stsftw/*")]
    [InlineData("*")]
    [InlineData("arn:aws:iam::123456789012:role/")]
    [InlineData("arn:aws:iam::123456789012:role/a b/*")]
    public void WildcardOutsideTheEndOfAPathIsRefused(string pattern)
    {
        Assert.NotNull(RoleArnPolicy.Check(pattern));
        Assert.Throws<ArgumentException>(() => new RoleArnPolicy(pattern));
    }

    [Theory]
    [InlineData("Developer", "arn:aws:iam::123456789012:role/Developer", false)]
    [InlineData("stsftw-Developer", "arn:aws:iam::123456789012:role/stsftw-Developer", true)]
    [InlineData("stsftw-Developer", "arn:aws:iam::999999999999:role/stsftw-Developer", false)]
    [InlineData("arn:aws:iam::123456789012:role/stsftw-Deploy", "arn:aws:iam::123456789012:role/stsftw-Deploy", true)]
    public void NamesAndArnsAreJudgedByTheArnTheyResolveTo(string role, string resolvedArn, bool permitted)
    {
        var policy = new RoleArnPolicy("arn:aws:iam::123456789012:role/stsftw-*");
        Assert.Equal(permitted, policy.Permits(role, resolvedArn));
    }

    [Fact]
    public void WithoutAPatternNamesArePermittedAndArnsAreNot()
    {
        Assert.True(RoleArnPolicy.NamesOnly.Permits("Developer", "arn:aws:iam::123456789012:role/Developer"));
        Assert.False(RoleArnPolicy.NamesOnly.Permits("arn:aws:iam::123456789012:role/Developer", "arn:aws:iam::123456789012:role/Developer"));
    }

    [Fact]
    public void ANameResolvesIntoTheGivenAccountAndAnArnStaysAsItIs()
    {
        Assert.Equal("arn:aws-cn:iam::123456789012:role/Developer", RoleArnPolicy.ResolveName("Developer", "aws-cn", "123456789012"));
        Assert.Equal("arn:aws:iam::999999999999:role/x", RoleArnPolicy.ResolveName("arn:aws:iam::999999999999:role/x", "aws", "123456789012"));
    }
}
