using System.Net;
using System.Runtime.InteropServices;
using StsFtw.Lambda;
using StsFtw.Lambda.Composition;
using StsFtw.Lambda.Configuration;
using StsFtw.Lambda.Local;
using StsFtw.Lambda.Logging;
using StsFtw.Lambda.Runtime;

// Only wiring lives here: pick the mode, build the backend, run until SIGTERM or Ctrl+C.
var commandLine = CommandLine.Parse(args);
if (commandLine.ShowHelp)
{
    Console.Out.WriteLine(CommandLine.Usage);
    return 0;
}
if (commandLine.Error is not null)
{
    Console.Error.WriteLine(commandLine.Error);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });

var environment = DictionaryEnvironmentVariables.FromProcess();
var clock = TimeProvider.System;
var log = new JsonLog(Console.Out, clock);

if (commandLine.ListenPrefix is { } prefix)
{
    if (commandLine.ServesNetwork) Console.Error.WriteLine(CommandLine.NetworkWarning);
    Backend backend;
    try
    {
        backend = Backend.Create(environment, log, clock);
    }
    catch (ConfigurationException failure)
    {
        log.Event("error", failure.Message);
        return 1;
    }
    using (backend)
    {
        try
        {
            await new LocalHttpServer(prefix, backend.Endpoint, log, LocalHttpServer.DefaultRequestTimeout).RunAsync(null, stop.Token);
        }
        catch (HttpListenerException failure)
        {
            // Only the listener's start throws it (the serving loop logs its own): the port is taken or not allowed.
            log.Event("error", $"Cannot listen on {prefix}: {failure.Message}.");
            return 1;
        }
    }
    return 0;
}

var runtimeApi = environment.Get(SettingNames.RuntimeApi);
if (string.IsNullOrWhiteSpace(runtimeApi))
{
    Console.Error.WriteLine($"{SettingNames.RuntimeApi} is not set: run inside AWS Lambda, or use --listen for the local mode.");
    return 2;
}

Backend? lambdaBackend = null;
using var client = new RuntimeApiClient(runtimeApi);
var bootstrap = new LambdaBootstrap(
    client,
    _ =>
    {
        lambdaBackend = Backend.Create(environment, log, clock);
        return Task.FromResult<IInvocationHandler>(new HttpInvocationHandler(lambdaBackend.Endpoint));
    },
    log,
    clock,
    traceId => Environment.SetEnvironmentVariable(SettingNames.TraceId, traceId));
var exitCode = await bootstrap.RunAsync(stop.Token);
lambdaBackend?.Dispose();
return exitCode;
