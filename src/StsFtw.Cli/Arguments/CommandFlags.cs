namespace StsFtw.Cli.Arguments;

/// <summary>
/// The flags one command has beside the credential flags (<c>console --open</c>, <c>profile register --force</c>):
/// taken out of the words, with their values, before the rest is bound. Words it does not know are left in
/// <see cref="Rest"/>, in order.
/// </summary>
internal sealed class CommandFlags
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _switches;

    private CommandFlags(Dictionary<string, string> values, HashSet<string> switches, string[] rest)
    {
        _values = values;
        _switches = switches;
        Rest = rest;
    }

    /// <summary>The words that are not one of the command's own flags.</summary>
    public string[] Rest { get; }

    /// <summary>Takes <paramref name="valueFlags"/> (<c>--name VALUE</c> or <c>--name=VALUE</c>) and <paramref name="switchFlags"/> out of <paramref name="args"/>.</summary>
    /// <exception cref="UsageException">A flag has no value, an empty one, is given twice, or a switch has a value.</exception>
    public static CommandFlags Take(IReadOnlyList<string> args, IReadOnlyCollection<string> valueFlags, IReadOnlyCollection<string> switchFlags)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = word.StartsWith("--", StringComparison.Ordinal) && equals > 2 ? word[..equals] : word;
            var inline = name.Length < word.Length ? word[(equals + 1)..] : null;
            if (switchFlags.Contains(name))
            {
                if (inline is not null) throw new UsageException($"{name} takes no value.");
                if (!switches.Add(name)) throw new UsageException($"{name} is given twice.");
            }
            else if (valueFlags.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                if (string.IsNullOrEmpty(value)) throw new UsageException($"{name} needs a value.");
                if (!values.TryAdd(name, value)) throw new UsageException($"{name} is given twice.");
            }
            else
            {
                rest.Add(word);
            }
        }
        return new CommandFlags(values, switches, [.. rest]);
    }

    /// <summary>The value of <paramref name="flag"/>, or null when it was not given.</summary>
    public string? Value(string flag) => _values.TryGetValue(flag, out var value) ? value : null;

    /// <summary>True when <paramref name="flag"/> was given.</summary>
    public bool Has(string flag) => _values.ContainsKey(flag) || _switches.Contains(flag);
}
