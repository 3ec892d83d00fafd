namespace StsFtw.Deployment.Tests.Hcl;

/// <summary>Where the files under test are, found from the test assembly's folder upwards.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding <c>StsFtw.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The root Terraform module.</summary>
    public static string Terraform => Path.Combine(Root, "terraform");

    /// <summary>The backend's environment variable names, read as text so a rename there breaks the tests here.</summary>
    public static string SettingNamesSource => Path.Combine(Root, "src", "StsFtw.Lambda", "Configuration", "SettingNames.cs");

    /// <summary>The backend's JSON log writer, read as text so a renamed log property breaks the metric filter tests.</summary>
    public static string JsonLogSource => Path.Combine(Root, "src", "StsFtw.Lambda", "Logging", "JsonLog.cs");

    /// <summary>Where the backend fills the request log line's outcome, reason and detail.</summary>
    public static string CredentialEndpointSource => Path.Combine(Root, "src", "StsFtw.Lambda", "Endpoint", "CredentialEndpoint.cs");

    /// <summary>Where the backend fills the enrollment routes' log line (its reason is the refusal's).</summary>
    public static string EnrollmentEndpointSource => Path.Combine(Root, "src", "StsFtw.Lambda", "Endpoint", "EnrollmentEndpoint.cs");

    /// <summary>The enrollment refusals the log's reason names.</summary>
    public static string EnrollmentOutcomeSource => Path.Combine(Root, "src", "StsFtw.Core", "Invitations", "EnrollmentOutcome.cs");

    /// <summary>The authentication failures the log's detail names.</summary>
    public static string AuthenticationFailureSource => Path.Combine(Root, "src", "StsFtw.Core", "Broker", "AuthenticationFailure.cs");

    /// <summary>The audit messages and their event_type values, read as text so a new event breaks the e-mail filter tests.</summary>
    public static string AuditMessageFormatterSource => Path.Combine(Root, "src", "StsFtw.Core", "Audit", "AuditMessageFormatter.cs");

    /// <summary>Where the backend reads the ALB's X-Forwarded-For.</summary>
    public static string HttpEventCodecSource => Path.Combine(Root, "src", "StsFtw.Lambda", "Events", "HttpEventCodec.cs");

    /// <summary>The npm project holding @cdktf/hcl2json and the conversion script.</summary>
    public static string NodeTools => Path.Combine(Root, "tests", "StsFtw.Deployment.Tests", "node");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StsFtw.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds StsFtw.slnx.");
    }
}
