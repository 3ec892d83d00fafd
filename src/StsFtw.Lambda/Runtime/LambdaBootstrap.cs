using StsFtw.Lambda.Configuration;
using StsFtw.Lambda.Logging;

namespace StsFtw.Lambda.Runtime;

/// <summary>
/// The custom runtime's loop: initialise (reporting an init error and exiting if that fails), then until stopped:
/// next -> handle -> respond, or report the invocation's error and go on with the next.
/// </summary>
public sealed class LambdaBootstrap(
    IRuntimeApiClient runtimeApi,
    Func<CancellationToken, Task<IInvocationHandler>> initialize,
    JsonLog log,
    TimeProvider clock,
    Action<string?> setTraceId)
{
    /// <summary>
    /// Time kept back from the deadline to send the answer: work still running then is cancelled and the client gets
    /// a 503 instead of the function being killed mid-request.
    /// </summary>
    public static readonly TimeSpan ResponseReserve = TimeSpan.FromMilliseconds(300);

    /// <summary>Runs until <paramref name="stop"/> is cancelled; returns the process exit code.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        IInvocationHandler handler;
        try
        {
            handler = await initialize(stop).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            var error = failure is ConfigurationException
                ? new RuntimeError(RuntimeError.ConfigInvalid, failure.Message)
                : new RuntimeError(RuntimeError.InitFailed, $"{failure.GetType().Name}: {failure.Message}");
            log.Event("error", $"Initialisation failed ({error.ErrorType}): {error.ErrorMessage}");
            await runtimeApi.ReportInitializationErrorAsync(error, stop).ConfigureAwait(false);
            return 1;
        }

        while (!stop.IsCancellationRequested)
        {
            try
            {
                await InvokeOnceAsync(handler, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (RuntimeApiException failure) when (failure.MustExit)
            {
                log.Event("error", "The Runtime API asked the runtime to exit: " + failure.Message);
                return 1;
            }
            catch (Exception failure)
            {
                // One failed exchange with the Runtime API must not end the function; the next GET retries.
                log.Event("error", $"Runtime API exchange failed ({failure.GetType().Name}): {failure.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(50), clock, stop).ConfigureAwait(false);
            }
        }
        return 0;
    }

    /// <summary>One turn of the loop: next -> handle -> respond or report.</summary>
    public async Task InvokeOnceAsync(IInvocationHandler handler, CancellationToken stop)
    {
        var invocation = await runtimeApi.GetNextInvocationAsync(stop).ConfigureAwait(false);
        setTraceId(invocation.TraceId);
        var budget = invocation.Deadline - clock.GetUtcNow() - ResponseReserve;
        using var deadline = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop);

        byte[] response;
        try
        {
            response = await handler.HandleAsync(invocation, linked.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            var error = failure is Events.UnsupportedEventException
                ? new RuntimeError(RuntimeError.UnsupportedEvent, failure.Message)
                : new RuntimeError(RuntimeError.HandlerFailed, $"{failure.GetType().Name}: {failure.Message}");
            log.Event("error", $"Invocation failed ({error.ErrorType}): {error.ErrorMessage}", invocation.RequestId);
            await runtimeApi.ReportInvocationErrorAsync(invocation.RequestId, error, stop).ConfigureAwait(false);
            return;
        }

        try
        {
            await runtimeApi.SendResponseAsync(invocation.RequestId, response, stop).ConfigureAwait(false);
        }
        catch (RuntimeApiException failure) when (failure.PayloadTooLarge)
        {
            await runtimeApi.ReportInvocationErrorAsync(invocation.RequestId,
                new RuntimeError(RuntimeError.HandlerFailed, "The response was larger than Lambda accepts."), stop).ConfigureAwait(false);
        }
    }
}
