using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Core.Invitations;
using StsFtw.Core.Totp;
using StsFtw.Core.Wire;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Hygiene;
using StsFtw.Testing.Lambda;

namespace StsFtw.Lambda.Tests.Process;

/// <summary>The enrollment routes through the real backend process's local HTTP mode, JIT and Native AOT (docs/INVITATIONS.md).</summary>
[Collection(DynaliteCollection.Name)]
public sealed class EnrollmentProcessTests(DynaliteFixture dynalite)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LocalModeEnrollsAnInvitedPersonWhoThenGetsCredentials(bool nativeAot)
    {
        var executable = nativeAot ? await LambdaArtifacts.EnsureAotBinaryAsync() : LambdaArtifacts.JitAssembly;
        await using var rig = await BackendRig.StartAsync(dynalite, nativeAot ? "local-enroll-aot" : "local-enroll");
        var (code, grant) = InvitationGrant.Create(new AccountKey(BackendRig.Issuer, "alice"), ["Developer"], [], DateTimeOffset.UtcNow, null, false);
        await rig.Table.Invitations.CreateInvitationAsync(grant, CancellationToken.None);
        var invitation = code.Reveal();
        rig.Ledger.Remember(SecretKind.InvitationCode, invitation);
        var port = DynaliteFixture.FreeTcpPort();
        var process = rig.Start(executable, null, "--listen", $"http://127.0.0.1:{port}");
        await process.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), ReplyTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = ReplyTimeout };

        var started = await PostAsync(http, EnrollmentRoutes.Start.TrimStart('/'), Json((EnrollmentFields.Issuer, BackendRig.Issuer),
            (EnrollmentFields.AccountName, "alice"), (EnrollmentFields.InvitationCode, invitation)));
        Assert.Equal(HttpStatusCode.OK, started.Status);
        var key = OtpAuthUri.Parse(JsonDocument.Parse(started.Body).RootElement.GetProperty(EnrollmentFields.OtpAuthUri).GetString()!);
        rig.Ledger.RememberKey(key);

        // The code of the step before and of this step: the second is "now", so the next step's code is the first usable one.
        var now = DateTimeOffset.UtcNow;
        var first = Remember(rig, PhoneCodes.At(key.Secret, now, -1));
        var second = Remember(rig, PhoneCodes.At(key.Secret, now));
        var confirmed = await PostAsync(http, EnrollmentRoutes.Confirm.TrimStart('/'), Json((EnrollmentFields.Issuer, BackendRig.Issuer),
            (EnrollmentFields.AccountName, "alice"), (EnrollmentFields.InvitationCode, invitation), (EnrollmentFields.FirstCode, first), (EnrollmentFields.SecondCode, second)));
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);

        var credentials = await PostAsync(http, "", BackendRig.Body("alice", Remember(rig, PhoneCodes.At(key.Secret, now, 1))));
        Assert.Equal(HttpStatusCode.OK, credentials.Status);
        Assert.StartsWith("ASIA", rig.Credentials(credentials.Body).GetProperty(CredentialResponseFields.AccessKeyId).GetString());
        Assert.Equal(2, rig.Sns.CallsTo(SnsStandIn.Publish).Count);
        // The log line is written before the answer, but read from the child's stdout asynchronously.
        await process.WaitForOutputAsync(l => l.Contains("\"outcome\":\"enrollment-confirmed\"", StringComparison.Ordinal), ReplyTimeout);
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task LocalModeRefusesHostileEnrollmentRequestsWithoutTouchingAws()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "local-enroll-hostile");
        var port = DynaliteFixture.FreeTcpPort();
        var process = rig.Start(LambdaArtifacts.JitAssembly, null, "--listen", $"http://127.0.0.1:{port}");
        await process.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), ReplyTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = ReplyTimeout };
        var start = EnrollmentRoutes.Start.TrimStart('/');
        var confirm = EnrollmentRoutes.Confirm.TrimStart('/');

        using var get = await http.GetAsync(start);
        using var plain = await http.PostAsync(start, new StringContent("{}", Encoding.UTF8, "text/plain"));
        var answers = new[]
        {
            ((int)get.StatusCode, 405),
            ((int)plain.StatusCode, 415),
            ((int)(await PostAsync(http, start, new string(' ', 9000) + "{}")).Status, 413),
            ((int)(await PostAsync(http, start, "{\"issuer\":\"Example Corp\",\"role\":\"Admin\"}")).Status, 400),
            ((int)(await PostAsync(http, confirm, "{\"issuer\":\"Example Corp\",\"account_name\":\"alice\",\"invitation_code\":\"inv1-0\"}")).Status, 400),
            ((int)(await PostAsync(http, start, "{\"issuer\":\"Example Corp\"")).Status, 400),
        };

        Assert.All(answers, a => Assert.Equal(a.Item2, a.Item1));
        static bool IsRequestLine(string line) => line.Contains("\"kind\":\"request\"", StringComparison.Ordinal);
        await process.WaitForOutputAsync(_ => process.Output.Count(IsRequestLine) >= answers.Length, ReplyTimeout);
        var requestLines = process.Output.Where(IsRequestLine).ToList();
        Assert.Equal(answers.Length, requestLines.Count);
        Assert.All(requestLines, l => Assert.Contains("\"awsCalls\":[]", l, StringComparison.Ordinal));
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task RacingRedemptionsThroughTheBackendOneWins()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "local-enroll-race");
        var invitation = await InviteAsync(rig, "carol");
        using var http = await ListenAsync(rig);

        var body = Json((EnrollmentFields.Issuer, BackendRig.Issuer), (EnrollmentFields.AccountName, "carol"), (EnrollmentFields.InvitationCode, invitation));
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(http, EnrollmentRoutes.Start.TrimStart('/'), body)));
        foreach (var answer in answers.Where(a => a.Status == HttpStatusCode.OK)) rig.Ledger.RememberKey(OtpAuthUri.Parse(JsonDocument.Parse(answer.Body).RootElement.GetProperty(EnrollmentFields.OtpAuthUri).GetString()!));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task GuessedInvitationCodesAreCountedAndLockTheAccount()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "local-enroll-guess");
        var invitation = await InviteAsync(rig, "dave");
        using var http = await ListenAsync(rig);
        string Start(string code) => Json((EnrollmentFields.Issuer, BackendRig.Issuer), (EnrollmentFields.AccountName, "dave"), (EnrollmentFields.InvitationCode, code));

        var guesses = new List<HttpStatusCode>();
        // The default policy tolerates five consecutive failures; the sixth locks.
        for (var i = 0; i <= LockoutPolicy.DefaultFailureLimit; i++)
        {
            var guess = InvitationCode.Generate().Reveal();
            rig.Ledger.Remember(SecretKind.InvitationCode, guess);
            guesses.Add((await PostAsync(http, EnrollmentRoutes.Start.TrimStart('/'), Start(guess))).Status);
        }
        var rightCodeAfterwards = await PostAsync(http, EnrollmentRoutes.Start.TrimStart('/'), Start(invitation));

        Assert.All(guesses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightCodeAfterwards.Status);
        Assert.DoesNotContain(EnrollmentFields.OtpAuthUri, rightCodeAfterwards.Body, StringComparison.Ordinal);
        rig.AssertLogsHoldNoSecret();
    }

    private static async Task<string> InviteAsync(BackendRig rig, string account)
    {
        var (code, grant) = InvitationGrant.Create(new AccountKey(BackendRig.Issuer, account), ["Developer"], [], DateTimeOffset.UtcNow, null, false);
        await rig.Table.Invitations.CreateInvitationAsync(grant, CancellationToken.None);
        var invitation = code.Reveal();
        rig.Ledger.Remember(SecretKind.InvitationCode, invitation);
        return invitation;
    }

    private static async Task<HttpClient> ListenAsync(BackendRig rig)
    {
        var port = DynaliteFixture.FreeTcpPort();
        var process = rig.Start(LambdaArtifacts.JitAssembly, null, "--listen", $"http://127.0.0.1:{port}");
        await process.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), ReplyTimeout);
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = ReplyTimeout };
    }

    private static string Remember(BackendRig rig, string code)
    {
        rig.Ledger.Remember(SecretKind.Code, code);
        return code;
    }

    private static string Json(params (string Name, string Value)[] members) => JsonSerializer.Serialize(members.ToDictionary(m => m.Name, m => m.Value));

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
