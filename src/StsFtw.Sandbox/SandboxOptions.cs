using System.Globalization;

namespace StsFtw.Sandbox;

/// <summary>The command line: <c>--port N</c>, <c>--json</c>, <c>--help</c>.</summary>
/// <param name="Port">The endpoint's port on 127.0.0.1, or null for a free one.</param>
/// <param name="Json">Print one JSON line with everything instead of the text for people.</param>
/// <param name="ShowHelp">Print <see cref="Usage"/> and exit.</param>
/// <param name="Error">Why the arguments were refused, or null.</param>
public sealed record SandboxOptions(int? Port, bool Json, bool ShowHelp, string? Error)
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        StsFtw local sandbox: dynalite (DynamoDB), stand-ins of STS, KMS and SNS, and the backend's local mode, all on
        127.0.0.1 and in memory. It prints the variables to set and the commands to try; Ctrl+C stops everything.
        The credentials it mints are NOT real AWS credentials.

        Usage:
          dotnet run --project src/StsFtw.Sandbox -c Release [-- options]
          ./build.ps1 -Task Sandbox

        Options:
          --port <n>   serve the credential endpoint on http://127.0.0.1:<n>/ (default: a free port)
          --json       print one JSON line with the endpoint, the variables and the process ids, for scripts
          --help       show this text

        Exit codes: 0 stopped by Ctrl+C or SIGTERM; 1 could not start, or a part of it stopped; 2 bad arguments.
        """;

    /// <summary>Parses <paramref name="args"/>; a refusal is one sentence in <see cref="Error"/>.</summary>
    public static SandboxOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int? port = null;
        var json = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    return new(null, false, true, null);
                case "--json":
                    json = true;
                    break;
                case "--port":
                    if (i + 1 >= args.Count || !TryParsePort(args[++i], out var value))
                    {
                        return Refused("--port needs a port number from 1 to 65535.");
                    }
                    port = value;
                    break;
                default:
                    return Refused("Unrecognised argument: use --port <n>, --json or --help.");
            }
        }
        return new(port, json, false, null);
    }

    private static SandboxOptions Refused(string error) => new(null, false, false, error);

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
