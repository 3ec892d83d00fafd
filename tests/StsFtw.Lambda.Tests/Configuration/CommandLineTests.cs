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
    [InlineData("http://[::1]:8080", "http://[::1]:8080/")]
    [InlineData("http://127.0.0.2:8080", "http://127.0.0.2:8080/")]
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

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://192.0.2.10:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://sts.example.com:8080")]
    [InlineData("http://+:8080")]
    public void ListenOnANetworkAddressIsRefusedWithoutAllowNetwork(string url)
    {
        var line = CommandLine.Parse(new[] { "--listen", url });

        Assert.Null(line.ListenPrefix);
        Assert.NotNull(line.Error);
    }

    [Fact]
    public void ListenOnANetworkAddressSaysItServesRealCredentials()
    {
        var error = CommandLine.Parse(new[] { "--listen", "http://0.0.0.0:8080" }).Error!;

        Assert.Contains("real AWS credentials", error, StringComparison.Ordinal);
        Assert.Contains(CommandLine.AllowNetworkSwitch, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowNetworkServesTheNetworkAndIsFlaggedForTheWarning()
    {
        var line = CommandLine.Parse(new[] { "--listen", "http://0.0.0.0:8080", CommandLine.AllowNetworkSwitch });

        Assert.Null(line.Error);
        Assert.Equal(new Uri("http://0.0.0.0:8080/"), line.ListenPrefix);
        Assert.True(line.ServesNetwork);
        Assert.Contains("real AWS credentials", CommandLine.NetworkWarning, StringComparison.Ordinal);
    }

    [Fact]
    public void LoopbackListenNeedsNoSwitchAndGivesNoWarning()
    {
        Assert.False(CommandLine.Parse(new[] { "--listen", "http://127.0.0.1:8080" }).ServesNetwork);
        Assert.False(CommandLine.Parse(new[] { "--listen", "http://127.0.0.1:8080", CommandLine.AllowNetworkSwitch }).ServesNetwork);
    }

    [Fact]
    public void UsageNamesTheNetworkSwitch() => Assert.Contains(CommandLine.AllowNetworkSwitch, CommandLine.Usage, StringComparison.Ordinal);
}
