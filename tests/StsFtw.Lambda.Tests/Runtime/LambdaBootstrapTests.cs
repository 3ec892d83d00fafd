using Microsoft.Extensions.Time.Testing;
using StsFtw.Lambda.Configuration;
using StsFtw.Lambda.Events;
using StsFtw.Lambda.Logging;
using StsFtw.Lambda.Runtime;

namespace StsFtw.Lambda.Tests.Runtime;

public sealed class LambdaBootstrapTests
{
    private readonly FakeRuntimeApi _api = new();
    private readonly StringWriter _log = new();
    private readonly List<string?> _traceIds = new();

    private LambdaBootstrap Bootstrap(Func<CancellationToken, Task<IInvocationHandler>> initialize, TimeProvider? clock = null) =>
        new(_api, initialize, new JsonLog(_log, TimeProvider.System), clock ?? TimeProvider.System, _traceIds.Add);

    private static Invocation Invocation(string id, TimeSpan? budget = null, string? traceId = null) =>
        new(id, DateTimeOffset.UtcNow + (budget ?? TimeSpan.FromSeconds(30)), traceId, null, "{}"u8.ToArray());

    [Fact]
    public async Task BadConfigurationIsReportedAsInitErrorAndTheRuntimeExits()
    {
        var bootstrap = Bootstrap(_ => throw new ConfigurationException(new[] { "STS_TABLE_NAME is not set: name the DynamoDB auth table." }));

        var exitCode = await bootstrap.RunAsync(CancellationToken.None);

        Assert.Equal(1, exitCode);
        var error = Assert.Single(_api.InitErrors);
        Assert.Equal(RuntimeError.ConfigInvalid, error.ErrorType);
        Assert.Contains("STS_TABLE_NAME", error.ErrorMessage);
        Assert.DoesNotContain("next", _api.Calls);
    }

    [Fact]
    public async Task FailedInvocationIsReportedAndTheLoopGoesOn()
    {
        var handler = new ScriptedHandler(id => id == "bad" ? throw new UnsupportedEventException("not an HTTP event") : "ok"u8.ToArray());
        _api.Queue(Invocation("bad"));
        _api.Queue(Invocation("good"));
        using var stop = new CancellationTokenSource();
        var running = Bootstrap(_ => Task.FromResult<IInvocationHandler>(handler)).RunAsync(stop.Token);

        await WaitUntil(() => _api.Responses.Count == 1);
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        var error = Assert.Single(_api.InvocationErrors);
        Assert.Equal(("bad", RuntimeError.UnsupportedEvent), (error.RequestId, error.Error.ErrorType));
        Assert.Equal("good", _api.Responses[0].RequestId);
    }

    [Fact]
    public async Task ARuntimeApiHiccupDoesNotEndTheLoop()
    {
        _api.FailNextGet = new HttpRequestException("connection reset");
        _api.Queue(Invocation("after-hiccup"));
        using var stop = new CancellationTokenSource();
        var running = Bootstrap(_ => Task.FromResult<IInvocationHandler>(new ScriptedHandler(_ => "ok"u8.ToArray()))).RunAsync(stop.Token);

        await WaitUntil(() => _api.Responses.Count == 1);
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        Assert.Contains("connection reset", _log.ToString());
    }

    [Fact]
    public async Task HandlerIsCancelledBeforeTheDeadlineLeavingTimeToAnswer()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        CancellationToken seen = default;
        var handler = new ScriptedHandler(async (_, token) =>
        {
            seen = token;
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            return "answered-in-time"u8.ToArray();
        });
        _api.Queue(new Invocation("slow", clock.GetUtcNow() + TimeSpan.FromSeconds(3), null, null, "{}"u8.ToArray()));
        var bootstrap = Bootstrap(_ => Task.FromResult<IInvocationHandler>(handler), clock);

        var once = bootstrap.InvokeOnceAsync(handler, CancellationToken.None);
        await WaitUntil(() => seen.CanBeCanceled);
        clock.Advance(TimeSpan.FromSeconds(3) - LambdaBootstrap.ResponseReserve - TimeSpan.FromMilliseconds(1));
        Assert.False(seen.IsCancellationRequested);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await once;

        Assert.True(seen.IsCancellationRequested);
        Assert.Equal("slow", Assert.Single(_api.Responses).RequestId);
    }

    [Fact]
    public async Task TraceIdOfEachInvocationIsPropagated()
    {
        _api.Queue(Invocation("one", traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));
        var handler = new ScriptedHandler(_ => "ok"u8.ToArray());

        await Bootstrap(_ => Task.FromResult<IInvocationHandler>(handler)).InvokeOnceAsync(handler, CancellationToken.None);

        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", Assert.Single(_traceIds));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }

    private sealed class ScriptedHandler : IInvocationHandler
    {
        private readonly Func<string, CancellationToken, Task<byte[]>> _handle;

        public ScriptedHandler(Func<string, byte[]> handle) => _handle = (id, _) => Task.FromResult(handle(id));

        public ScriptedHandler(Func<string, CancellationToken, Task<byte[]>> handle) => _handle = handle;

        public Task<byte[]> HandleAsync(Invocation invocation, CancellationToken deadline) => _handle(invocation.RequestId, deadline);
    }
}
