using StsFtw.Core.Hosting;

namespace StsFtw.Client.Exec;

/// <summary>
/// Changes some environment variables for a while and puts back exactly what was there before — a value, or its
/// absence — when disposed. Used to run a PowerShell script block with credentials: the process environment is the
/// only environment a script block has.
/// </summary>
/// <remarks>
/// The process environment is shared by every thread and every PowerShell runspace of the process: while the overlay
/// is applied they all see the changed values. Restoring is the caller's job in a <c>finally</c> (a <c>using</c>).
/// A variable that was set to an empty string is restored as absent: .NET removes a variable set to "" on every
/// platform, and so does PowerShell's <c>$env:</c>.
/// </remarks>
public sealed class EnvironmentOverlay : IDisposable
{
    private readonly IEnvironmentVariables _environment;
    private readonly List<KeyValuePair<string, string?>> _previous = new();
    private bool _restored;

    private EnvironmentOverlay(IEnvironmentVariables environment) => _environment = environment;

    /// <summary>Applies <paramref name="changes"/> (null removes a variable) and remembers what each variable held.</summary>
    /// <param name="environment">The environment to change.</param>
    /// <param name="changes">The variables to set, or to remove (a null value).</param>
    /// <param name="alsoRestore">Variables left as they are now but restored too, so that what happens to them meanwhile is undone.</param>
    /// <remarks>When a change fails midway, what was already changed is restored before the exception leaves.</remarks>
    public static EnvironmentOverlay Apply(IEnvironmentVariables environment, IEnumerable<KeyValuePair<string, string?>> changes, IEnumerable<string>? alsoRestore = null)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        if (changes is null) throw new ArgumentNullException(nameof(changes));
        var overlay = new EnvironmentOverlay(environment);
        foreach (var name in alsoRestore ?? Array.Empty<string>())
        {
            if (!overlay._previous.Any(p => string.Equals(p.Key, name, StringComparison.Ordinal))) overlay._previous.Add(new(name, environment.Get(name)));
        }
        try
        {
            foreach (var change in changes)
            {
                if (!overlay._previous.Any(p => string.Equals(p.Key, change.Key, StringComparison.Ordinal)))
                {
                    overlay._previous.Add(new(change.Key, environment.Get(change.Key)));
                }
                environment.Set(change.Key, change.Value);
            }
        }
        catch
        {
            overlay.Dispose();
            throw;
        }
        return overlay;
    }

    /// <summary>The names this overlay changed, in the order they were first changed.</summary>
    public IReadOnlyList<string> Names => _previous.Select(p => p.Key).ToArray();

    /// <summary>Puts every changed variable back as it was (in reverse order); a second call does nothing.</summary>
    public void Dispose()
    {
        if (_restored) return;
        _restored = true;
        for (var i = _previous.Count - 1; i >= 0; i--) _environment.Set(_previous[i].Key, _previous[i].Value);
    }
}
