using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Accounts;
using StsFtw.Core.Invitations;
using StsFtw.Core.Wire;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Hygiene;
using StsFtw.Testing.Lambda;
using ClientEndpoint = StsFtw.Client.Endpoint.CredentialEndpoint;

namespace StsFtw.Lambda.Tests.Process;

/// <summary>The person's enrollment client (StsFtw.Client) against the real backend process in local mode: the wire as both sides read it.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class EnrollmentClientProcessTests(DynaliteFixture dynalite)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheClientRedeemsAnInvitationConfirmsTwoCodesAndTheNewDeviceGetsCredentials()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "local-enroll-client");
        var (code, grant) = InvitationGrant.Create(new AccountKey(BackendRig.Issuer, "alice"), ["Developer"], [], DateTimeOffset.UtcNow, null, false);
        await rig.Table.Invitations.CreateInvitationAsync(grant, CancellationToken.None);
        var invitation = code.Reveal();
        rig.Ledger.Remember(SecretKind.InvitationCode, invitation);
        var port = DynaliteFixture.FreeTcpPort();
        var process = rig.Start(LambdaArtifacts.JitAssembly, null, "--listen", $"http://127.0.0.1:{port}");
        await process.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), ReplyTimeout);
        using var client = new EnrollmentEndpointClient(ClientEndpoint.Create($"http://127.0.0.1:{port}/"), ReplyTimeout);

        var wrong = await client.StartAsync(new EnrollmentStartInput(BackendRig.Issuer, "alice", Remember(rig, SecretKind.InvitationCode, InvitationCode.Generate().Reveal())), CancellationToken.None);
        var started = await client.StartAsync(new EnrollmentStartInput(BackendRig.Issuer, "alice", invitation.ToLowerInvariant()), CancellationToken.None);
        var again = await client.StartAsync(new EnrollmentStartInput(BackendRig.Issuer, "alice", invitation), CancellationToken.None);

        Assert.Equal(EnrollmentFailureKind.InvitationNotValid, wrong.Failure?.Kind);
        Assert.True(started.Succeeded, started.ToString());
        Assert.Equal(EnrollmentFailureKind.InvitationAlreadyRedeemed, again.Failure?.Kind);
        var key = started.Value!.Key;
        rig.Ledger.RememberKey(key);
        Assert.True(started.Value.ExpiresAt > DateTimeOffset.UtcNow.AddHours(23));

        var now = DateTimeOffset.UtcNow;
        var notConsecutive = await client.ConfirmAsync(new EnrollmentConfirmInput(BackendRig.Issuer, "alice", invitation,
            Remember(rig, SecretKind.Code, PhoneCodes.At(key.Secret, now, -2)), Remember(rig, SecretKind.Code, PhoneCodes.At(key.Secret, now))), CancellationToken.None);
        var confirmed = await client.ConfirmAsync(new EnrollmentConfirmInput(BackendRig.Issuer, "alice", invitation,
            Remember(rig, SecretKind.Code, PhoneCodes.At(key.Secret, now, -1)), Remember(rig, SecretKind.Code, PhoneCodes.At(key.Secret, now))), CancellationToken.None);

        Assert.Equal(EnrollmentFailureKind.CodesNotValid, notConsecutive.Failure?.Kind);
        Assert.True(confirmed.Succeeded, confirmed.ToString());
        Assert.Equal(new EnrollmentConfirmation(BackendRig.Issuer, "alice", false), confirmed.Value);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = ReplyTimeout };
        using var content = new StringContent(BackendRig.Body("alice", Remember(rig, SecretKind.Code, PhoneCodes.At(key.Secret, now, 1))), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.Json);
        using var credentials = await http.PostAsync(string.Empty, content);
        Assert.Equal(HttpStatusCode.OK, credentials.StatusCode);
        await process.WaitForOutputAsync(l => l.Contains("\"outcome\":\"enrollment-confirmed\"", StringComparison.Ordinal), ReplyTimeout);
        rig.AssertLogsHoldNoSecret();
    }

    private static string Remember(BackendRig rig, SecretKind kind, string value)
    {
        rig.Ledger.Remember(kind, value);
        return value;
    }
}
