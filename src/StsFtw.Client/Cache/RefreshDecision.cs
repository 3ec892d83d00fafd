namespace StsFtw.Client.Cache;

/// <summary>A <see cref="RefreshAction"/> and the reason for it, in words fit for a <c>-Verbose</c> line (no secret).</summary>
public sealed class RefreshDecision
{
    private RefreshDecision(RefreshAction action, string reason)
    {
        Action = action;
        Reason = reason ?? throw new ArgumentNullException(nameof(reason));
    }

    /// <summary>What to do.</summary>
    public RefreshAction Action { get; }

    /// <summary>Why.</summary>
    public string Reason { get; }

    /// <summary>True when the cached credentials are to be used.</summary>
    public bool UsesCache => Action == RefreshAction.Use;

    /// <summary>Use the cached credentials.</summary>
    public static RefreshDecision Use(string reason) => new(RefreshAction.Use, reason);

    /// <summary>Replace the cached credentials.</summary>
    public static RefreshDecision Refresh(string reason) => new(RefreshAction.Refresh, reason);

    /// <summary>Nothing usable is cached.</summary>
    public static RefreshDecision Miss(string reason) => new(RefreshAction.Miss, reason);

    /// <inheritdoc />
    public override string ToString() => $"{Action}: {Reason}";
}
