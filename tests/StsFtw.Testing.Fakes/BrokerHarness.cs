using Microsoft.Extensions.Time.Testing;
using StsFtw.Core.Accounts;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Testing.Fakes;

/// <summary>
/// A broker over in-memory ports, with a clock the test moves, and a phone that computes codes. Every outcome's
/// messages and every audit message are checked for the secrets enrolled, their codes and the codes sent.
/// </summary>
public sealed class BrokerHarness
{
    public const string Issuer = "Example";

    public BrokerHarness(BrokerOptions? options = null)
    {
        // Ten seconds into a 30-second step, so the steps either side are unambiguous.
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 10, TimeSpan.Zero));
        options ??= new BrokerOptions();
        Store.Lockout = options.Lockout;
        Broker = new CredentialBroker(Store, Protector, Minter, Audit, Clock, options);
    }

    public InMemoryAuthStore Store { get; } = new();

    public CountingSecretProtector Protector { get; } = new();

    public RecordingMinter Minter { get; } = new();

    public RecordingAuditSink Audit { get; } = new();

    public FakeTimeProvider Clock { get; }

    public CredentialBroker Broker { get; }

    public SecretLedger Ledger { get; } = new();

    public RequestContext Context { get; } = new("req-1", "203.0.113.7");

    public static AccountKey Account(string name) => new(Issuer, name);

    public TotpSecret Enroll(string name, string[]? roles = null, string[]? secondaries = null)
    {
        var key = TotpKey.Generate(Issuer, name);
        Store.Put(new AuthEntry(Account(name))
        {
            Roles = roles ?? new[] { "Developer" },
            SecondaryAuthorizers = secondaries ?? Array.Empty<string>(),
            Secret = new StoredSecret(key.ToUri(), null),
        });
        Ledger.RememberKey(key, Clock.GetUtcNow);
        return key.Secret;
    }

    public string CodeNow(TotpSecret secret, int stepOffset = 0) => PhoneCodes.At(secret, Clock.GetUtcNow(), stepOffset);

    public string WrongCode(TotpSecret secret) => PhoneCodes.WrongAt(secret, Clock.GetUtcNow());

    public void NextStep() => Clock.Advance(TimeSpan.FromSeconds(TotpKey.PeriodSeconds));

    public async Task<BrokerOutcome> AskAsync(
        string account, string code, string role = "Developer", string? secondary = null, string? secondaryCode = null, int? duration = null)
    {
        Ledger.Remember(SecretKind.Code, code);
        Ledger.Remember(SecretKind.Code, secondaryCode);
        var outcome = await Broker.RequestCredentialsAsync(new CredentialRequest(Issuer, account, code, role, secondary, secondaryCode, duration), Context, CancellationToken.None);
        SecretHygiene.AssertClean("broker outcome messages (in-memory ports)", outcome switch
        {
            RequestRefusal refusal => [refusal.Message, .. refusal.Problems],
            DependencyFailed failed => [failed.Message],
            _ => [],
        }, Ledger);
        SecretHygiene.AssertClean("audit messages (in-memory ports)",
            Audit.Published.Select(Core.Audit.AuditMessageFormatter.Format).SelectMany(m => new[] { m.Subject, m.Body }), Ledger);
        return outcome;
    }
}
