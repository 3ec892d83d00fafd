using Microsoft.Extensions.Time.Testing;
using StsFtw.Core.Accounts;
using StsFtw.Core.Audit;
using StsFtw.Core.Broker;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Invitations;
using StsFtw.Core.Totp;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Core.Tests.Invitations;

/// <summary>The enrollment broker over in-memory ports; every outcome's and announcement's text is checked for secrets.</summary>
internal sealed class EnrollmentHarness
{
    public const string Issuer = "Example";

    public EnrollmentHarness(BrokerOptions? options = null)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 10, TimeSpan.Zero));
        options ??= new BrokerOptions();
        Auth.Lockout = options.Lockout;
        Invitations = new InMemoryInvitationStore(Auth);
        Broker = new EnrollmentBroker(Invitations, Auth, Protector, Audit, Clock, options);
    }

    public InMemoryAuthStore Auth { get; } = new();

    public InMemoryInvitationStore Invitations { get; }

    public FakeKmsProtector Protector { get; } = new();

    public RecordingAuditSink Audit { get; } = new();

    public FakeTimeProvider Clock { get; }

    public EnrollmentBroker Broker { get; }

    public SecretLedger Ledger { get; } = new();

    public RequestContext Context { get; } = new("req-1", "203.0.113.7");

    public static AccountKey Account(string name) => new(Issuer, name);

    public async Task<string> InviteAsync(string name, bool lostDevice = false, TimeSpan? lifetime = null)
    {
        var (code, grant) = InvitationGrant.Create(Account(name), ["Developer"], [], Clock.GetUtcNow(), lifetime, lostDevice);
        await Invitations.CreateInvitationAsync(grant, CancellationToken.None);
        var text = code.Reveal();
        Ledger.Remember(SecretKind.InvitationCode, text);
        return text;
    }

    public TotpSecret EnrollOldDevice(string name)
    {
        var key = TotpKey.Generate(Issuer, name);
        Auth.Put(new AuthEntry(Account(name)) { Roles = ["Developer"], Secret = new StoredSecret(key.ToUri(), null) });
        Ledger.RememberKey(key, Clock.GetUtcNow);
        return key.Secret;
    }

    public string Wrong(TotpSecret secret) => PhoneCodes.WrongAt(secret, Clock.GetUtcNow());

    /// <summary>A well-formed code nobody invited with.</summary>
    public string GuessedCode()
    {
        var text = InvitationCode.Generate().Reveal();
        Ledger.Remember(SecretKind.InvitationCode, text);
        return text;
    }

    public void NextStep() => Clock.Advance(TimeSpan.FromSeconds(TotpKey.PeriodSeconds));

    public string CodeNow(TotpSecret secret, int offset = 0) => PhoneCodes.At(secret, Clock.GetUtcNow(), offset);

    public async Task<EnrollmentOutcome> StartAsync(string name, string code, string? currentCode = null)
    {
        var outcome = await Broker.StartAsync(new StartEnrollmentRequest(Issuer, name, code, currentCode), Context, CancellationToken.None);
        if (outcome is EnrollmentStarted started) Ledger.RememberKey(started.Key, Clock.GetUtcNow);
        AssertClean(outcome);
        return outcome;
    }

    public async Task<EnrollmentOutcome> ConfirmAsync(string name, string code, string first, string second)
    {
        var outcome = await Broker.ConfirmAsync(new ConfirmEnrollmentRequest(Issuer, name, code, first, second), Context, CancellationToken.None);
        AssertClean(outcome);
        return outcome;
    }

    /// <summary>Start, then the two codes the new device shows in this step and the next, then confirm.</summary>
    public async Task<(EnrollmentStarted Started, EnrollmentOutcome Confirmed, string Second)> EnrollAsync(string name, string code, string? currentCode = null)
    {
        var started = Assert.IsType<EnrollmentStarted>(await StartAsync(name, code, currentCode));
        var first = CodeNow(started.Key.Secret);
        NextStep();
        var second = CodeNow(started.Key.Secret);
        return (started, await ConfirmAsync(name, code, first, second), second);
    }

    private void AssertClean(EnrollmentOutcome outcome)
    {
        SecretHygiene.AssertClean("enrollment outcome messages", outcome switch
        {
            EnrollmentRefusal refusal => [refusal.Message, .. refusal.Problems, refusal.ToString()],
            EnrollmentDependencyFailed failed => [failed.Message],
            EnrollmentStarted started => [started.Key.ToString()],
            _ => [outcome.ToString()],
        }, Ledger);
        SecretHygiene.AssertClean("enrollment announcements",
            Audit.Published.Select(AuditMessageFormatter.Format).SelectMany(m => new[] { m.Subject, m.Body }), Ledger);
    }
}
