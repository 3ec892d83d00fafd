namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>Sets process environment variables for one test and puts every touched variable back afterwards.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    /// <summary>Every variable the module reads or writes: cleared at the start of each test so nothing leaks in.</summary>
    public static readonly string[] Managed =
    {
        "STS_ENDPOINT", "STS_ISSUER", "STS_ACCOUNT_NAME", "STS_ROLE", "STS_ROLES", "STS_SECONDARY_ACCOUNT_NAME",
        "STS_SECONDARY_AUTHORIZERS", "STS_DURATION_SECONDS", "STS_TIMEOUT_SECONDS", "STS_SHELL", "STS_TABLE_NAME",
        "STS_REGION", "STS_KMS_KEY_ID", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_CREDENTIAL_EXPIRATION", "AWS_SHARED_CREDENTIALS_FILE", "AWS_REGION", "AWS_ENDPOINT_URL_DYNAMODB",
        "AWS_ENDPOINT_URL_KMS", "STS_CACHE", "STS_CACHE_DIR", "STS_REFRESH_MINUTES", "STS_TOTP_CODE_COMMAND",
        "STS_SECONDARY_TOTP_CODE_COMMAND", "STS_CREDENTIAL_REGION", "AWS_DEFAULT_REGION",
    };

    private readonly Dictionary<string, string?> _saved = new();

    public EnvironmentScope(IDictionary<string, string?>? values = null)
    {
        foreach (var name in Managed) Set(name, null);
        // The credential cache is on by default: each test gets its own, never the user's.
        CacheDirectory = Path.Combine(Path.GetTempPath(), "stsftw-test-cache-" + Guid.NewGuid().ToString("N"));
        Set("STS_CACHE_DIR", CacheDirectory);
        if (values is not null)
        {
            foreach (var (name, value) in values) Set(name, value);
        }
    }

    public void Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>This test's credential cache folder (STS_CACHE_DIR); created by the module on first use.</summary>
    public string CacheDirectory { get; }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        if (Directory.Exists(CacheDirectory)) Directory.Delete(CacheDirectory, recursive: true);
    }
}
