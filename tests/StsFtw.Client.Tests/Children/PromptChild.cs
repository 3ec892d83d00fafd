using StsFtw.Client.Codes;

namespace StsFtw.Client.Tests.Children;

/// <summary>
/// <c>prompt ACCOUNT HOST</c>: asks for a code with <see cref="TerminalCodePrompt"/>. On stdout it writes only
/// <c>code=DIGITS</c> (or <c>cancelled</c>) and then <c>echo=on</c> or <c>echo=off</c> as the terminal is left; without a
/// terminal it writes the error's message to stderr and exits 3.
/// </summary>
public static class PromptChild
{
    public const string Mode = "prompt";

    public static int Run(string[] args)
    {
        int exitCode;
        try
        {
            var code = new TerminalCodePrompt().ReadCode(new CodePromptRequest(args[1], args[2]), CancellationToken.None);
            Console.Out.WriteLine("code=" + code);
            exitCode = 0;
        }
        catch (OperationCanceledException)
        {
            Console.Out.WriteLine("cancelled");
            exitCode = 130;
        }
        catch (CodeUnavailableException failure)
        {
            Console.Error.WriteLine(failure.Reason + ": " + failure.Message);
            return 3;
        }
        using var terminal = UnixTerminal.TryOpen();
        Console.Out.WriteLine(terminal?.EchoIsOn() == true ? "echo=on" : "echo=off");
        return exitCode;
    }
}
