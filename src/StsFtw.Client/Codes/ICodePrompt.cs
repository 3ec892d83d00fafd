namespace StsFtw.Client.Codes;

/// <summary>
/// Asks the person for a code. <see cref="TerminalCodePrompt"/> talks to the terminal itself, never to standard
/// output; a cmdlet may pass one built on its host, a test a fake.
/// </summary>
public interface ICodePrompt
{
    /// <summary>Asks for the code of <paramref name="request"/>'s account and returns what was typed (digits only).</summary>
    /// <exception cref="OperationCanceledException">The person cancelled (Ctrl+C, Ctrl+D), or <paramref name="cancellationToken"/> was.</exception>
    /// <exception cref="CodeUnavailableException">There is no terminal to ask on (<see cref="CodeUnavailableReason.NoTerminal"/>).</exception>
    string ReadCode(CodePromptRequest request, CancellationToken cancellationToken);
}
