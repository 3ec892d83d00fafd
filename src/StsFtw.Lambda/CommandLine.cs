namespace StsFtw.Lambda;

/// <summary>The command line: nothing (Lambda mode), <c>--listen URL</c> (local mode) or <c>--help</c>.</summary>
/// <param name="ListenPrefix">The local mode's prefix, e.g. <c>http://127.0.0.1:8080/</c>; null in Lambda mode.</param>
/// <param name="ShowHelp">True for <c>--help</c>.</param>
/// <param name="Error">Why the arguments were refused, or null.</param>
public sealed record CommandLine(Uri? ListenPrefix, bool ShowHelp, string? Error)
{
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
