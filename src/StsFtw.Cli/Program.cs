using StsFtw.Cli;
using StsFtw.Client.Hosting;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.RunAsync(args, ProcessEnvironmentVariables.Instance, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
