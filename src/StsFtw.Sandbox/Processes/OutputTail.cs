namespace StsFtw.Sandbox.Processes;

/// <summary>
/// The last lines a child process printed, kept to explain a failure; older lines are dropped, so a long-running
/// child cannot grow it without bound. Each line can also be handed on as it arrives.
/// </summary>
public sealed class OutputTail
{
    /// <summary>Lines kept when no other number is given.</summary>
    public const int DefaultCapacity = 50;

    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly object _gate = new();

    /// <summary>Creates an empty tail of at most <paramref name="capacity"/> lines.</summary>
    public OutputTail(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Called with each line as it arrives (after it is kept); null hands nothing on.</summary>
    public Action<string>? OnLine { get; set; }

    /// <summary>The lines kept, oldest first.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return _lines.ToArray(); }
    }

    /// <summary>True when a kept line contains <paramref name="text"/> (ordinal).</summary>
    public bool Contains(string text) => Lines.Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Keeps <paramref name="line"/> (null, the end of a stream, is ignored) and hands it on.</summary>
    public void Add(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > _capacity) _lines.Dequeue();
        }
        OnLine?.Invoke(line);
    }
}
