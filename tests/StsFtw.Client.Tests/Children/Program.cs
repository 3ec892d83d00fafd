namespace StsFtw.Client.Tests.Children;

/// <summary>
/// The test assembly run as a child process (<see cref="Support.TestChild"/>): each mode is one small program a test starts to
/// see the library from outside, with its own umask, controlling terminal or no terminal at all. Run by the test host,
/// the assembly never enters here.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0) return 0;
        return args[0] switch
        {
            SecretWriteChild.Mode => SecretWriteChild.Run(args),
            CacheRaceChild.Mode => CacheRaceChild.Run(args),
            PromptChild.Mode => PromptChild.Run(args),
            CodeCommandChild.Mode => CodeCommandChild.Run(args),
            _ => 64,
        };
    }
}
