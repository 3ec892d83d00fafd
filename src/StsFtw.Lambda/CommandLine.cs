namespace StsFtw.Lambda;

/// <summary>The command line: nothing (Lambda mode), <c>--listen URL</c> (local mode) or <c>--help</c>.</summary>
/// <param name="ListenPrefix">The local mode's prefix, e.g. <c>http://127.0.0.1:8080/</c>; null in Lambda mode.</param>
/// <param name="ShowHelp">True for <c>--help</c>.</param>
/// <param name="Error">Why the arguments were refused, or null.</param>
public sealed record CommandLine(Uri? ListenPrefix, bool ShowHelp, string? Error)
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        StsFtw credential backend.

        Usage:
          bootstrap                        Run as an AWS Lambda custom runtime (needs AWS_LAMBDA_RUNTIME_API).
          bootstrap --listen <url>         Serve the same endpoint over HTTP, e.g. --listen http://127.0.0.1:8080
          bootstrap --help                 Show this text.

        Configuration (environment variables):
          STS_TABLE_NAME                   DynamoDB auth table (required)
          STS_SNS_ARN                      SNS audit topic ARN (required)
          STS_KMS_KEY_ID                   KMS key protecting TOTP secrets (optional)
          STS_LOCKOUT_FAILURE_LIMIT        failures tolerated before a lock, 1-99 (default 5)
          STS_LOCKOUT_SECONDS              lock length in seconds (default 900)
          STS_DEFAULT_DURATION_SECONDS     session length when a request names none (default 3600)
          STS_MAX_DURATION_SECONDS         longest session a request may ask for (default 43200)
          STS_ALLOWED_ROLE_ARNS            glob of full role ARNs requests may name (default: role names only)
          AWS_REGION, AWS_ENDPOINT_URL_*   region, and local endpoints (dynalite, LocalStack) for development
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0) return new(null, false, null);
        if (args.Count == 1 && args[0] is "--help" or "-h" or "-?") return new(null, true, null);
        if (args.Count == 2 && args[0] == "--listen") return ParseListen(args[1]);
        return new(null, false, "Unrecognised arguments.");
    }

    private static CommandLine ParseListen(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return new(null, false, "--listen needs an http URL such as http://127.0.0.1:8080");
        }
        var prefix = uri.GetLeftPart(UriPartial.Path);
        return new(new Uri(prefix.EndsWith('/') ? prefix : prefix + "/"), false, null);
    }
}
