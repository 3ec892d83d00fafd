using StsFtw.Client.Codes;

namespace StsFtw.Client.Tests.Children;

/// <summary><c>code-command COMMAND</c>: runs COMMAND as a <see cref="CodeCommand"/> and writes <c>code=DIGITS</c> to stdout, or the failure's reason to stderr (exit 3).</summary>
public static class CodeCommandChild
{
    public const string Mode = "code-command";

    public static int Run(string[] args)
    {
        try
        {
            var code = new CodeCommand(args[1], CodeCommand.PrimaryVariable).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
            Console.Out.WriteLine("code=" + code);
            return 0;
        }
        catch (CodeUnavailableException failure)
        {
            Console.Error.WriteLine(failure.Reason);
            return 3;
        }
    }
}
