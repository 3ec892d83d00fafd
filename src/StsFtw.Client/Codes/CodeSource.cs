namespace StsFtw.Client.Codes;

/// <summary>
/// Where a TOTP code comes from: given by the person (<see cref="Given"/>), printed by a command
/// (<see cref="FromCommand"/>), or typed at a prompt (<see cref="FromPrompt"/>). A source is asked only when a request
/// is really posted, never when the cache serves.
/// </summary>
/// <remarks>A code never comes from an environment variable (only a command line does). <see cref="ToString"/> holds no code.</remarks>
public abstract class CodeSource
{
    private protected CodeSource()
    {
    }

    /// <summary>What the source is, for messages (for example <c>the prompt</c>); never the code or a command line.</summary>
    public abstract string Description { get; }

    /// <summary>A code the person gave (a parameter or flag).</summary>
    public static CodeSource Given(string code) => new GivenCode(code ?? throw new ArgumentNullException(nameof(code)));

    /// <summary>A code printed by <paramref name="command"/>.</summary>
    public static CodeSource FromCommand(CodeCommand command) => new CommandCode(command ?? throw new ArgumentNullException(nameof(command)));

    /// <summary>A code typed at <paramref name="prompt"/>.</summary>
    public static CodeSource FromPrompt(ICodePrompt prompt) => new PromptCode(prompt ?? throw new ArgumentNullException(nameof(prompt)));

    /// <summary>
    /// The source a front door uses, in one order for all: a code the person gave; else a code command (from a
    /// parameter, or from <see cref="CodeCommand.PrimaryVariable"/> / <see cref="CodeCommand.SecondaryVariable"/>, as the
    /// caller read it); else <paramref name="prompt"/>.
    /// </summary>
    /// <param name="givenCode">The code given as a parameter or flag, or null.</param>
    /// <param name="commandLine">The code command line, or null.</param>
    /// <param name="commandSource">Where the command line came from, for messages (a parameter or variable name).</param>
    /// <param name="prompt">The prompt to fall back on.</param>
    /// <param name="commandTimeout">How long the command may run; null for <see cref="CodeCommand.DefaultTimeout"/>.</param>
    public static CodeSource Choose(string? givenCode, string? commandLine, string commandSource, ICodePrompt prompt, TimeSpan? commandTimeout = null)
    {
        if (givenCode is not null) return Given(givenCode);
        if (!string.IsNullOrWhiteSpace(commandLine)) return FromCommand(new CodeCommand(commandLine!, commandSource, commandTimeout));
        return FromPrompt(prompt);
    }

    /// <summary>The code for <paramref name="request"/>'s account.</summary>
    /// <exception cref="CodeUnavailableException">The source could not give one.</exception>
    /// <exception cref="OperationCanceledException">The person or the caller cancelled.</exception>
    public abstract Task<string> GetCodeAsync(CodePromptRequest request, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"CodeSource {{ {Description} }}";

    private sealed class GivenCode(string code) : CodeSource
    {
        public override string Description => "the code given";

        public override Task<string> GetCodeAsync(CodePromptRequest request, CancellationToken cancellationToken) => Task.FromResult(code);
    }

    private sealed class CommandCode(CodeCommand command) : CodeSource
    {
        public override string Description => $"the code command ({command.Source})";

        public override Task<string> GetCodeAsync(CodePromptRequest request, CancellationToken cancellationToken) => command.RunAsync(cancellationToken);
    }

    private sealed class PromptCode(ICodePrompt prompt) : CodeSource
    {
        public override string Description => "the prompt";

        public override Task<string> GetCodeAsync(CodePromptRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(prompt.ReadCode(request, cancellationToken));
    }
}
