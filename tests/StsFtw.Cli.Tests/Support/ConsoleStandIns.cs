using System.Globalization;
using System.Xml.Linq;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Cli.Tests.Support;

/// <summary>
/// The sandbox's STS stand-in and the console federation stand-in that trusts it: <see cref="AssumeRoleAsync"/> gets a
/// session from the first (as the backend would), which the second gives a sign-in token for.
/// </summary>
public sealed class ConsoleStandIns : IDisposable
{
    private static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly StsStandIn _sts = new();

    public ConsoleStandIns()
    {
        Federation = new FederationStandIn(_sts);
    }

    public FederationStandIn Federation { get; }

    /// <summary>AssumeRole on the STS stand-in, without DurationSeconds, as the broker asks for a default-length session.</summary>
    public async Task<IssuedCredentials> AssumeRoleAsync()
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Action"] = "AssumeRole",
            ["Version"] = "2011-06-15",
            ["RoleArn"] = "arn:aws:iam::123456789012:role/ReadOnly",
            ["RoleSessionName"] = "alice",
        });
        using var response = await http.PostAsync(_sts.BaseUri, form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var credentials = XDocument.Parse(body).Descendants(Sts + "Credentials").Single();
        string Field(string name) => credentials.Element(Sts + name)!.Value;
        return new IssuedCredentials(Field("AccessKeyId"), Field("SecretAccessKey"), Field("SessionToken"),
            DateTimeOffset.Parse(Field("Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    public void Dispose()
    {
        Federation.Dispose();
        _sts.Dispose();
    }
}
