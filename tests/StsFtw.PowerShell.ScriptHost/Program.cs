using System.Management.Automation;
using System.Management.Automation.Runspaces;

// Usage: StsFtw.PowerShell.ScriptHost <script.ps1>
// Writes each output object's string form to stdout, each error as "ERROR <FullyQualifiedErrorId>: <message>" to
// stderr; the exit code is 1 when the script had errors.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: StsFtw.PowerShell.ScriptHost <script.ps1>");
    return 2;
}

using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
runspace.Open();
using var shell = PowerShell.Create();
shell.Runspace = runspace;
shell.AddScript(File.ReadAllText(args[0]));
try
{
    foreach (var item in shell.Invoke())
    {
        Console.Out.WriteLine(item?.ToString());
    }
}
catch (RuntimeException e)
{
    Console.Error.WriteLine($"ERROR {e.ErrorRecord.FullyQualifiedErrorId}: {e.Message}");
    return 1;
}
foreach (var error in shell.Streams.Error)
{
    Console.Error.WriteLine($"ERROR {error.FullyQualifiedErrorId}: {error}");
}
return shell.HadErrors ? 1 : 0;
