namespace StsFtw.Lambda.Events;

/// <summary>The invocation's payload is neither an ALB nor a function-URL event (for example a direct invoke).</summary>
public sealed class UnsupportedEventException(string message) : Exception(message);
