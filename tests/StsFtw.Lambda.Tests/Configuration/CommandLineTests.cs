namespace StsFtw.Lambda.Tests.Configuration;

public sealed class CommandLineTests
{
    [Fact]
    public void NoArgumentsMeansLambdaMode()
    {
        var line = CommandLine.Parse(Array.Empty<string>());

        Assert.Null(line.ListenPrefix);
        Assert.Null(line.Error);
        Assert.False(line.ShowHelp);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/")]
    [InlineData("http://localhost:9000/sts", "http://localhost:9000/sts/")]
    public void ListenTakesAnHttpUrl(string argument, string prefix) =>
        Assert.Equal(new Uri(prefix), CommandLine.Parse(new[] { "--listen", argument }).ListenPrefix);

    [Theory]
    [InlineData("--listen", "https://127.0.0.1:8080")]
    [InlineData("--listen", "127.0.0.1:8080")]
    [InlineData("--listen", "http://127.0.0.1:8080/?x=1")]
    [InlineData("--serve", "http://127.0.0.1:8080")]
    public void AnythingElseIsAnError(string option, string value) =>
        Assert.NotNull(CommandLine.Parse(new[] { option, value }).Error);

    [Fact]
    public void HelpIsRecognised() => Assert.True(CommandLine.Parse(new[] { "--help" }).ShowHelp);
}
