using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Configuration;
using StsFtw.Lambda.Runtime;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Lambda;

namespace StsFtw.Lambda.Tests.Process;

/// <summary>
/// The real backend process (JIT build) driven through the Runtime API stand-in and the local HTTP mode, against
/// dynalite and the STS/KMS/SNS stand-ins. Every test ends by checking that nothing it printed holds a secret.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class BackendProcessTests(DynaliteFixture dynalite)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AlbEventWithAValidCodeGetsCredentials()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "alb");
        var secret = await rig.EnrollAsync("alice");
        rig.Start(LambdaArtifacts.JitAssembly);

        var reply = await rig.RuntimeApi.Invoke(LambdaEvents.Alb(BackendRig.Body("alice", rig.CodeNow(secret)))).WaitAsync(ReplyTimeout);

        Assert.Equal(RuntimeReplyKind.Response, reply.Kind);
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("200 OK", reply.Json().GetProperty("statusDescription").GetString());
        var credentials = rig.Credentials(reply.HttpBody);
        Assert.StartsWith("ASIA", credentials.GetProperty(CredentialResponseFields.AccessKeyId).GetString());
        Assert.EndsWith(":role/Developer", credentials.GetProperty(CredentialResponseFields.RoleArn).GetString());
        Assert.Single(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        Assert.Single(rig.Sns.CallsTo(SnsStandIn.Publish));
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task FunctionUrlEventWithACoSignerGetsCredentials()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "url");
        var alice = await rig.EnrollAsync("alice", secondaries: new[] { "bob" });
        var bob = await rig.EnrollAsync("bob");
        var process = rig.Start(LambdaArtifacts.JitAssembly);

        var reply = await rig.RuntimeApi.Invoke(LambdaEvents.FunctionUrl(BackendRig.Body("alice", rig.CodeNow(alice), secondary: "bob", secondaryCode: rig.CodeNow(bob))))
            .WaitAsync(ReplyTimeout);

        Assert.Equal(200, reply.StatusCode);
        Assert.False(reply.Json().TryGetProperty("statusDescription", out _));
        Assert.Equal("bob", rig.Credentials(reply.HttpBody).GetProperty(CredentialResponseFields.SecondaryAccountName).GetString());
        var log = await process.WaitForOutputAsync(l => l.Contains("\"kind\":\"request\"", StringComparison.Ordinal), ReplyTimeout);
        Assert.Contains("\"channel\":\"function-url\"", log, StringComparison.Ordinal);
        Assert.Contains("\"secondary\":\"bob\"", log, StringComparison.Ordinal);
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task EveryErrorStatusIsAnsweredAndTheLoopKeepsGoing()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "errors");
        var alice = await rig.EnrollAsync("alice");
        var carol = await rig.EnrollAsync("carol");
        var dave = await rig.EnrollAsync("dave");
        var erin = await rig.EnrollAsync("erin");
        rig.Start(LambdaArtifacts.JitAssembly);

        async Task<(int Status, string Type, RuntimeReply Reply)> Ask(string eventJson)
        {
            var reply = await rig.RuntimeApi.Invoke(eventJson).WaitAsync(ReplyTimeout);
            Assert.Equal(RuntimeReplyKind.Response, reply.Kind);
            return (reply.StatusCode, reply.HttpJson().GetProperty(ProblemFields.Type).GetString()!, reply);
        }

        Assert.Equal((400, ProblemTypes.InvalidRequest), Pick(await Ask(LambdaEvents.Alb(BackendRig.Body("alice", "12345")))));
        // Above the deployment's maximum (3600, the role-chaining ceiling AWS enforces): refused before any code check or STS call.
        Assert.Equal((400, ProblemTypes.InvalidRequest), Pick(await Ask(LambdaEvents.Alb(BackendRig.Body("alice", rig.CodeNow(alice), durationSeconds: 3601)))));
        Assert.Empty(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        Assert.Equal((401, ProblemTypes.AuthenticationFailed), Pick(await Ask(LambdaEvents.Alb(BackendRig.Body("alice", rig.WrongCode(alice))))));
        Assert.Equal((401, ProblemTypes.AuthenticationFailed), Pick(await Ask(LambdaEvents.Alb(BackendRig.Body("nobody", "123456")))));
        Assert.Equal((403, ProblemTypes.RoleNotPermitted), Pick(await Ask(LambdaEvents.Alb(BackendRig.Body("carol", rig.CodeNow(carol), role: "Admin")))));
        Assert.Equal((405, ProblemTypes.MethodNotAllowed), Pick(await Ask(LambdaEvents.Alb("", method: "GET"))));
        Assert.Equal((413, ProblemTypes.PayloadTooLarge), Pick(await Ask(LambdaEvents.Alb(new string(' ', 9000) + "{}"))));
        Assert.Equal((415, ProblemTypes.UnsupportedMediaType), Pick(await Ask(LambdaEvents.Alb("Issuer=x", contentType: "application/x-www-form-urlencoded"))));

        for (var i = 0; i < 5; i++) await Ask(LambdaEvents.Alb(BackendRig.Body("alice", rig.WrongCode(alice))));
        var locked = await Ask(LambdaEvents.Alb(BackendRig.Body("alice", rig.CodeNow(alice))));
        Assert.Equal((429, ProblemTypes.AccountLocked), Pick(locked));
        Assert.True(int.Parse(locked.Reply.Json().GetProperty("headers").GetProperty("Retry-After").GetString()!) > 0);

        rig.Sts.Fail(StsStandIn.AssumeRole, 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole");
        Assert.Equal((502, ProblemTypes.CredentialsUnavailable), Pick(await Ask(LambdaEvents.Alb(BackendRig.Body("dave", rig.CodeNow(dave))))));
        rig.Sts.ClearFaults();

        rig.Sns.Fail(SnsStandIn.Publish, 403, "AuthorizationError");
        var auditDown = await Ask(LambdaEvents.Alb(BackendRig.Body("erin", rig.CodeNow(erin))));
        Assert.Equal((503, ProblemTypes.ServiceUnavailable), Pick(auditDown));
        Assert.DoesNotContain("SecretAccessKey", auditDown.Reply.HttpBody, StringComparison.Ordinal);

        var unsupported = await rig.RuntimeApi.Invoke("""{"Records":[]}""").WaitAsync(ReplyTimeout);
        Assert.Equal((RuntimeReplyKind.Error, RuntimeError.UnsupportedEvent), (unsupported.Kind, unsupported.ErrorType));
        Assert.Equal(RuntimeApiHeaders.ErrorContentType, unsupported.ContentType);

        // Still serving after all of that.
        Assert.Equal((401, ProblemTypes.AuthenticationFailed), Pick(await Ask(LambdaEvents.FunctionUrl(BackendRig.Body("nobody", "654321")))));
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task MissingTableNameIsReportedAsAnInitErrorAndTheProcessExits()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "init");
        var process = rig.Start(LambdaArtifacts.JitAssembly, rig.Environment(withTable: false));

        var error = await rig.RuntimeApi.InitError.WaitAsync(ReplyTimeout);

        Assert.Equal(RuntimeError.ConfigInvalid, error.ErrorType);
        Assert.Contains(SettingNames.TableName, error.Json().GetProperty("errorMessage").GetString());
        Assert.Equal(1, await process.WaitForExitAsync(ReplyTimeout));
        Assert.Equal(0, rig.RuntimeApi.NextRequests);
    }

    [Fact]
    public async Task EndpointOverrideToANonLoopbackHostIsAnInitError()
    {
        // A role that may change the function's configuration must not be able to point it at a server that
        // "confirms" any code and any audit message (SECURITY.md, "Someone who can change the function's configuration").
        await using var rig = await BackendRig.StartAsync(dynalite, "endpoint");
        var environment = rig.Environment();
        environment["AWS_ENDPOINT_URL_SNS"] = "https://audit-sink.example.com/";
        var process = rig.Start(LambdaArtifacts.JitAssembly, environment);

        var error = await rig.RuntimeApi.InitError.WaitAsync(ReplyTimeout);

        Assert.Equal(RuntimeError.ConfigInvalid, error.ErrorType);
        Assert.Contains("AWS_ENDPOINT_URL_SNS must name a loopback host", error.Json().GetProperty("errorMessage").GetString());
        Assert.Equal(1, await process.WaitForExitAsync(ReplyTimeout));
        Assert.Equal(0, rig.RuntimeApi.NextRequests);
        Assert.Empty(rig.Sns.CallsTo(SnsStandIn.Publish));
    }

    [Fact]
    public async Task ListenOnANetworkAddressWithoutTheSwitchIsRefusedBeforeServing()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "listen-net");
        var process = rig.Start(LambdaArtifacts.JitAssembly, null, "--listen", $"http://0.0.0.0:{DynaliteFixture.FreeTcpPort()}");

        Assert.Equal(2, await process.WaitForExitAsync(ReplyTimeout));
        Assert.Contains(process.Errors, line => line.Contains("real AWS credentials", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LocalModeWithoutRegionIsAConfigurationErrorNotACrash()
    {
        // Regression: `bootstrap --listen` without AWS_REGION died with an unhandled AmazonClientException and a stack
        // trace (exit 134) from the first AWS client's constructor.
        await using var rig = await BackendRig.StartAsync(dynalite, "no-region");
        var environment = rig.Environment();
        environment.Remove(SettingNames.Region);
        var process = rig.Start(LambdaArtifacts.JitAssembly, environment, "--listen", $"http://127.0.0.1:{DynaliteFixture.FreeTcpPort()}");

        Assert.Equal(1, await process.WaitForExitAsync(ReplyTimeout));
        var line = Assert.Single(process.Output);
        Assert.Contains("\"level\":\"error\"", line, StringComparison.Ordinal);
        Assert.Contains($"{SettingNames.Region} is not set", line, StringComparison.Ordinal);
        Assert.Empty(process.Errors);
    }

    [Fact]
    public async Task LocalModeOnATakenPortSaysSoInsteadOfCrashing()
    {
        // Regression: `bootstrap --listen` on a port another process held died with an unhandled HttpListenerException
        // and a stack trace on stderr.
        await using var rig = await BackendRig.StartAsync(dynalite, "taken-port");
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var process = rig.Start(LambdaArtifacts.JitAssembly, null, "--listen", $"http://127.0.0.1:{port}");

        Assert.Equal(1, await process.WaitForExitAsync(ReplyTimeout));
        var line = Assert.Single(process.Output);
        Assert.Contains("\"level\":\"error\"", line, StringComparison.Ordinal);
        Assert.Contains($"Cannot listen on http://127.0.0.1:{port}/", line, StringComparison.Ordinal);
        Assert.Empty(process.Errors);
    }

    [Fact]
    public async Task DeadlineIsHonouredWhenStsStalls()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "deadline");
        var secret = await rig.EnrollAsync("alice");
        rig.Start(LambdaArtifacts.JitAssembly);
        // Warm the process first so that the measured request is not a cold start.
        await rig.RuntimeApi.Invoke(LambdaEvents.Alb(BackendRig.Body("nobody", "123456"))).WaitAsync(ReplyTimeout);
        rig.Sts.Stall(StsStandIn.AssumeRole, TimeSpan.FromSeconds(20));

        var budget = TimeSpan.FromSeconds(2);
        var sent = DateTimeOffset.UtcNow;
        var reply = await rig.RuntimeApi.Invoke(LambdaEvents.Alb(BackendRig.Body("alice", rig.CodeNow(secret))), timeout: budget).WaitAsync(ReplyTimeout);
        var answeredAfter = DateTimeOffset.UtcNow - sent;

        Assert.Equal(RuntimeReplyKind.Response, reply.Kind);
        Assert.Equal(503, reply.StatusCode);
        Assert.True(answeredAfter < budget, $"answered after {answeredAfter.TotalMilliseconds} ms, past the {budget.TotalMilliseconds} ms deadline");
        Assert.DoesNotContain("AccessKeyId", reply.HttpBody, StringComparison.Ordinal);
        rig.AssertLogsHoldNoSecret();
    }

    [Fact]
    public async Task LocalModeServesTheOriginalClientsRequest()
    {
        await using var rig = await BackendRig.StartAsync(dynalite, "local");
        var secret = await rig.EnrollAsync("alice");
        var port = DynaliteFixture.FreeTcpPort();
        var process = rig.Start(LambdaArtifacts.JitAssembly, null, "--listen", $"http://127.0.0.1:{port}");
        await process.WaitForOutputAsync(l => l.Contains("Listening on", StringComparison.Ordinal), ReplyTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = ReplyTimeout };

        // Byte for byte what STSFTW's `sts get` sends: Go's json.Marshal of TOTPChallenge, empty strings included.
        var body = $$"""{"Issuer":"{{BackendRig.Issuer}}","AccountName":"alice","TOTPCode":"{{rig.CodeNow(secret)}}","SecondaryAccountName":"","SecondaryTOTPCode":"","Role":"Developer"}""";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("", content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("ASIA", rig.Credentials(text).GetProperty(CredentialResponseFields.AccessKeyId).GetString());

        using var get = await http.GetAsync("");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(MediaTypes.ProblemJson, get.Content.Headers.ContentType!.MediaType);
        rig.AssertLogsHoldNoSecret();
    }

    private static (int, string) Pick((int Status, string Type, RuntimeReply Reply) answer) => (answer.Status, answer.Type);
}
