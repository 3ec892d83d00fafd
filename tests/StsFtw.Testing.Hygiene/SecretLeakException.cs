namespace StsFtw.Testing.Hygiene;

/// <summary>A captured line or message held a secret; the message names the capture point and the rule, never the secret.</summary>
public sealed class SecretLeakException(string message) : Exception(message);
