namespace StsFtw.Cli.Tests.Support;

/// <summary>A person's temporary home: its cache folder, AWS config file, and the STS_* variables that name an endpoint.</summary>
public sealed class ClientHome : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stsftw-cli-");

    public string Path => _folder.FullName;

    public string ConfigFile => System.IO.Path.Combine(Path, ".aws", "config");

    public string CacheFolder => System.IO.Path.Combine(Path, "cache");

    /// <summary>HOME, STS_CACHE_DIR and AWS_CONFIG_FILE only: what a profile's credential_process line runs with.</summary>
    public Dictionary<string, string> Bare() => new()
    {
        ["HOME"] = Path,
        ["STS_CACHE_DIR"] = CacheFolder,
        ["AWS_CONFIG_FILE"] = ConfigFile,
    };

    /// <summary><see cref="Bare"/> plus STS_ENDPOINT, STS_ISSUER, STS_ACCOUNT_NAME and STS_ROLE.</summary>
    public Dictionary<string, string> Environment(FakeCredentialEndpoint endpoint)
    {
        var environment = Bare();
        environment["STS_ENDPOINT"] = endpoint.Url;
        environment["STS_ISSUER"] = "Example";
        environment["STS_ACCOUNT_NAME"] = "alice";
        environment["STS_ROLE"] = "ReadOnly";
        return environment;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
