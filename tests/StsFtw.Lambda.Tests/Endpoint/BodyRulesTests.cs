using StsFtw.Lambda.Endpoint;

namespace StsFtw.Lambda.Tests.Endpoint;

public sealed class BodyRulesTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=\"UTF-8\"")]
    public void JsonInUtf8IsAccepted(string contentType) => Assert.True(BodyRules.IsJson(contentType));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/jsonx")]
    [InlineData("application/json; broken")]
    public void AnythingElseIsRefused(string? contentType) => Assert.False(BodyRules.IsJson(contentType));
}
