namespace StsFtw.Cli.Arguments;

/// <summary>What <c>get</c> prints.</summary>
internal enum OutputKind
{
    /// <summary>Shell lines that set the AWS variables (the default).</summary>
    Export,

    /// <summary>The credential_process JSON document.</summary>
    Json,
}
