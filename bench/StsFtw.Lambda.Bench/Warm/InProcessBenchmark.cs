using System.Diagnostics;
using System.Text;
using StsFtw.Core.Accounts;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Protection;
using StsFtw.Core.Totp;
using StsFtw.Lambda.Bench.Measurement;
using StsFtw.Lambda.Bench.Rig;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Logging;
using StsFtw.Lambda.Runtime;
using StsFtw.Testing.Lambda;

namespace StsFtw.Lambda.Bench.Warm;

/// <summary>
/// The backend's own cost per request, with zero-latency ports wired exactly as <c>Composition.Backend</c> wires the
/// real ones (timing wrappers, the KMS reveal cache, the JSON log). Two entries are measured side by side, request by
/// request: <see cref="CredentialEndpoint"/> alone, and a whole invocation (ALB event JSON in, response JSON out).
/// </summary>
/// <remarks>
/// Each round moves a hand-driven clock one TOTP step on, so every account's code is new (replay protection stays
/// on). The reveal cache lives five minutes of that clock, so every tenth round misses it; with a zero-latency key
/// service a miss costs only the cache insert.
/// </remarks>
public sealed class InProcessBenchmark(int accounts, int warmupRounds, int measuredRounds)
{
    /// <summary>Runs both entries and returns their figures.</summary>
    public async Task<IReadOnlyList<InProcessResult>> RunAsync()
    {
        var endpointRig = new Rig(accounts, "endpoint");
        var invocationRig = new Rig(accounts, "invocation");

        for (var round = 0; round < warmupRounds; round++) await RoundAsync(endpointRig, invocationRig, record: false).ConfigureAwait(false);
        // Give tiered compilation's background thread a moment to install the optimised code.
        await Task.Delay(500).ConfigureAwait(false);
        GC.Collect();
        for (var round = 0; round < measuredRounds; round++) await RoundAsync(endpointRig, invocationRig, record: true).ConfigureAwait(false);

        return new[]
        {
            endpointRig.Result("CredentialEndpoint.HandleAsync"),
            invocationRig.Result("ALB event -> HttpInvocationHandler -> response JSON"),
        };
    }

    private static async Task RoundAsync(Rig endpointRig, Rig invocationRig, bool record)
    {
        endpointRig.NextStep();
        invocationRig.NextStep();
        for (var i = 0; i < endpointRig.Accounts.Count; i++)
        {
            // Alternate which goes first, so neither always follows the other's cache and branch history.
            if (i % 2 == 0)
            {
                await endpointRig.EndpointRequestAsync(i, record).ConfigureAwait(false);
                await invocationRig.InvocationRequestAsync(i, record).ConfigureAwait(false);
            }
            else
            {
                await invocationRig.InvocationRequestAsync(i, record).ConfigureAwait(false);
                await endpointRig.EndpointRequestAsync(i, record).ConfigureAwait(false);
            }
        }
    }

    private sealed class Rig
    {
        private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(TotpVerifier.TimeStepAt(DateTimeOffset.UtcNow) * 30 + 10));
        private readonly CredentialEndpoint _endpoint;
        private readonly HttpInvocationHandler _handler;
        private readonly List<double> _microseconds = new();
        private long _allocated;
        private int _notIssued;

        public Rig(int accounts, string prefix)
        {
            var timer = new AwsCallTimer();
            var store = new InMemoryAuthStore();
            var keyService = new InMemorySecretProtector();
            var broker = new CredentialBroker(
                new TimedAuthStore(store, timer),
                new CachingSecretProtector(new TimedSecretProtector(keyService, timer), _clock),
                new TimedCredentialMinter(new InstantMinter(), timer),
                new TimedAuditSink(new InstantAuditSink(), timer),
                _clock,
                new BrokerOptions());
            _endpoint = new CredentialEndpoint(broker, timer, new JsonLog(TextWriter.Null, _clock));
            _handler = new HttpInvocationHandler(_endpoint);

            for (var i = 0; i < accounts; i++)
            {
                var account = new AccountKey(LocalAws.Issuer, $"{prefix}-{i:D4}");
                var key = TotpKey.Generate(account.Issuer, account.AccountName);
                var stored = keyService.ProtectAsync(account, key, CancellationToken.None).GetAwaiter().GetResult();
                store.Put(new AuthEntry(account) { Roles = new[] { LocalAws.Role }, Secret = stored });
                Accounts.Add((account.AccountName, key.Secret));
            }
        }

        public List<(string Name, TotpSecret Secret)> Accounts { get; } = new();

        public void NextStep() => _clock.Advance(TimeSpan.FromSeconds(30));

        public async Task EndpointRequestAsync(int index, bool record)
        {
            var body = Encoding.UTF8.GetBytes(Body(index));
            var headers = new HttpHeaderCollection().Add("Content-Type", "application/json").Add("Host", "sts.example.com");
            var request = new HttpRequestData("POST", "/", headers, body, "198.51.100.7");
            var info = new RequestInfo(Guid.NewGuid().ToString("D"), "alb");

            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var started = Stopwatch.GetTimestamp();
            var response = await _endpoint.HandleAsync(request, info, CancellationToken.None).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            Record(record, elapsed, allocated, response.StatusCode == 200);
        }

        public async Task InvocationRequestAsync(int index, bool record)
        {
            var invocation = new Invocation(Guid.NewGuid().ToString("D"), DateTimeOffset.UtcNow.AddSeconds(30), null, null,
                Encoding.UTF8.GetBytes(LambdaEvents.Alb(Body(index))));

            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var started = Stopwatch.GetTimestamp();
            var response = await _handler.HandleAsync(invocation, CancellationToken.None).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            Record(record, elapsed, allocated, Encoding.UTF8.GetString(response).Contains("\"statusCode\":200", StringComparison.Ordinal));
        }

        public InProcessResult Result(string entry)
        {
            var quarter = _microseconds.Count / 4;
            return new(entry, Summary.Of(_microseconds), _microseconds.Count == 0 ? double.NaN : (double)_allocated / _microseconds.Count, _notIssued,
                Summary.Of(_microseconds.Take(quarter)).Median, Summary.Of(_microseconds.Skip(_microseconds.Count - quarter)).Median);
        }

        private string Body(int index)
        {
            var (name, secret) = Accounts[index];
            return LocalAws.RequestBody(name, PhoneCodes.For(secret, TotpVerifier.TimeStepAt(_clock.GetUtcNow())));
        }

        private void Record(bool record, TimeSpan elapsed, long allocated, bool issued)
        {
            if (!record) return;
            _microseconds.Add(elapsed.TotalMicroseconds);
            _allocated += allocated;
            if (!issued) _notIssued++;
        }
    }
}
