using System.Runtime.InteropServices;
using StsFtw.Sandbox;

// Only wiring lives here: read the options, turn Ctrl+C, SIGTERM and a closed terminal into one stop, run.
var options = SandboxOptions.Parse(args);
if (options.ShowHelp)
{
    Console.Out.WriteLine(SandboxOptions.Usage);
    return 0;
}
if (options.Error is { } error)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(SandboxOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
return await SandboxRunner.RunAsync(options, Console.Out, Console.Error, stop.Token);

void Stop(PosixSignalContext context)
{
    // The sandbox stops its children itself and exits; the default handling would end it before that.
    context.Cancel = true;
    stop.Cancel();
}
