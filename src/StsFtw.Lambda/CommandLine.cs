using StsFtw.Lambda.Configuration;

namespace StsFtw.Lambda;

/// <summary>
/// The command line: nothing (Lambda mode), <c>--listen URL [--allow-network]</c> (local mode) or <c>--help</c>.
/// </summary>
/// <param name="ListenPrefix">The local mode's prefix, e.g. <c>http://127.0.0.1:8080/</c>; null in Lambda mode.</param>
/// <param name="ShowHelp">True for <c>--help</c>.</param>
/// <param name="Error">Why the arguments were refused, or null.</param>
/// <param name="ServesNetwork">True when the prefix is not a loopback address and <c>--allow-network</c> was given.</param>
public sealed record CommandLine(Uri? ListenPrefix, bool ShowHelp, string? Error, bool ServesNetwork = false)
{
    /// <summary>The switch that lets <c>--listen</c> take an address other machines can reach.</summary>
    public const string AllowNetworkSwitch = "--allow-network";

    /// <summary>What the local mode prints on standard error when it serves beyond this machine.</summary>
    public const string NetworkWarning =
        "WARNING: --listen serves real AWS credentials, over plain HTTP, to every machine that can reach this address. " +
        "Use a loopback address (127.0.0.1, ::1, localhost) unless this is what you mean.";

    /// <summary>
    /// Usage text: the modes, then every setting of <see cref="Configuration.SettingCatalog"/> with its values and
    /// default, so a setting the reader knows cannot be missing from it.
    /// </summary>
    public static string Usage { get; } = UsageText.Build();

    /// <summary>Parses <paramref name="args"/>.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0) return new(null, false, null);
        if (args.Count == 1 && args[0] is "--help" or "-h" or "-?") return new(null, true, null);
        if (args.Count == 2 && args[0] == "--listen") return ParseListen(args[1], allowNetwork: false);
        if (args.Count == 3 && args[0] == "--listen" && args[2] == AllowNetworkSwitch) return ParseListen(args[1], allowNetwork: true);
        return new(null, false, "Unrecognised arguments.");
    }

    private static CommandLine ParseListen(string value, bool allowNetwork)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return new(null, false, "--listen needs an http URL such as http://127.0.0.1:8080");
        }
        var loopback = EndpointOverrideRules.IsLoopback(uri.ToString());
        if (!loopback && !allowNetwork)
        {
            return new(null, false,
                $"--listen {uri.Host} would serve real AWS credentials over plain HTTP to other machines: use 127.0.0.1, ::1 or localhost, or add {AllowNetworkSwitch} if that is what you mean.");
        }
        var prefix = uri.GetLeftPart(UriPartial.Path);
        return new(new Uri(prefix.EndsWith('/') ? prefix : prefix + "/"), false, null, ServesNetwork: !loopback);
    }
}
