using StsFtw.Aws.Tests.Fixtures;
using StsFtw.Core.Broker;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using StsFtw.Sandbox.StandIns;
using StsFtw.Testing.Fakes;
using StsFtw.Testing.Fixtures;

namespace StsFtw.Aws.Tests.Broker;

/// <summary>
/// The whole decision path over real wire protocols: an entry enrolled through Core with a KMS-protected secret,
/// a code typed as the phone shows it, and credentials out only after the audit message was accepted.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class BrokerEndToEndTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task EnrolledPersonGetsCredentialsAndTheMintIsPublished()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-mint");
        var alice = await rig.EnrollAsync("alice@example.com");

        var outcome = await rig.AskAsync("alice@example.com", rig.CodeNow(alice));

        var issued = Assert.IsType<CredentialsIssued>(outcome);
        Assert.Equal("arn:aws:iam::123456789012:role/Developer", issued.Credentials.RoleArn);
        Assert.False(string.IsNullOrEmpty(issued.Credentials.SessionToken));
        var assume = Assert.Single(rig.Sts.CallsTo(StsStandIn.AssumeRole));
        Assert.Equal("Example=20Corp@alice@example.com", assume["RoleSessionName"]);
        Assert.Equal("Example=20Corp@alice@example.com", assume["SourceIdentity"]);
        // The default hour goes without DurationSeconds (AssumeRole's own default), so the session can sign in to the console.
        Assert.False(StsStandIn.SentDurationSeconds(assume));
        var publish = Assert.Single(rig.Sns.CallsTo(SnsStandIn.Publish));
        Assert.StartsWith("StsFtw has minted new STS credentials:\n", publish["Message"], StringComparison.Ordinal);
        Assert.Contains("Source Address: 198.51.100.20", publish["Message"], StringComparison.Ordinal);
        Assert.Equal(new[] { "CredentialsMinted" }, rig.PublishedEventTypes());
    }

    [Fact]
    public async Task EntriesWrittenWithAKeyHoldOnlyTheCiphertext()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-ciphertext");
        var alice = await rig.EnrollAsync("alice");

        var item = (await rig.Dynamo.GetItemAsync(rig.TableName, new() { ["issuer"] = new() { S = RealBrokerRig.Issuer }, ["account_name"] = new() { S = "alice" } })).Item;

        Assert.False(item.ContainsKey("url"));
        Assert.True(item.ContainsKey("totp_secret_ciphertext"));
        Assert.DoesNotContain(alice.ToBase32(), System.Text.Encoding.ASCII.GetString(item["totp_secret_ciphertext"].B.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftyConcurrentRequestsWithOneCodeMintOnce()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-race");
        var alice = await rig.EnrollAsync("alice");
        var code = rig.CodeNow(alice);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => rig.AskAsync("alice", code))));

        Assert.Single(outcomes.OfType<CredentialsIssued>());
        Assert.Equal(49, outcomes.OfType<RequestRefusal>().Count(r => r.Reason == RefusalReason.AuthenticationFailed || r.Reason == RefusalReason.AccountLocked));
        Assert.Single(rig.Sts.CallsTo(StsStandIn.AssumeRole));
    }

    [Fact]
    public async Task FiftyConcurrentRequestsWithOneSecondaryCodeMintOnce()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-race-secondary");
        var bob = await rig.EnrollAsync("bob");
        var primaries = new List<(string Name, Core.Totp.TotpSecret Secret)>();
        for (var i = 0; i < 50; i++)
        {
            var name = $"dev{i:D2}";
            primaries.Add((name, await rig.EnrollAsync(name, secondaries: new[] { "bob" })));
        }
        var bobCode = rig.CodeNow(bob);

        var outcomes = await Task.WhenAll(primaries.Select(p => Task.Run(() => rig.AskAsync(p.Name, rig.CodeNow(p.Secret), secondary: "bob", secondaryCode: bobCode))));

        Assert.Single(outcomes.OfType<CredentialsIssued>());
        Assert.All(outcomes.OfType<RequestRefusal>(), r => Assert.Equal(Party.Secondary, r.Party));
        Assert.Single(rig.Sts.CallsTo(StsStandIn.AssumeRole));
    }

    [Fact]
    public async Task TwoPersonRuleOverRealPartsIssuesWithTheCoSignerNamed()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-two-person");
        var alice = await rig.EnrollAsync("alice", secondaries: new[] { "bob" });
        var bob = await rig.EnrollAsync("bob");

        Assert.IsType<RequestRefusal>(await rig.AskAsync("alice", rig.CodeNow(alice)));
        var issued = Assert.IsType<CredentialsIssued>(await rig.AskAsync("alice", rig.CodeNow(alice), secondary: "bob", secondaryCode: rig.CodeNow(bob)));

        Assert.Equal("bob", issued.SecondaryAccountName);
        var tags = StsStandIn.SessionTagsOf(Assert.Single(rig.Sts.CallsTo(StsStandIn.AssumeRole)));
        Assert.Equal("bob", tags["stsftw:secondary"]);
        Assert.Equal("alice", tags["stsftw:account"]);
    }

    [Fact]
    public async Task MissingSecondaryCannotAuthenticateWithEmptySecret()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-missing-secondary");
        var alice = await rig.EnrollAsync("alice", secondaries: new[] { "ghost" });

        var outcome = await rig.AskAsync("alice", rig.CodeNow(alice), secondary: "ghost", secondaryCode: EmptyKeyTotp.CodeAt(rig.Clock.GetUtcNow()));

        var refusal = Assert.IsType<RequestRefusal>(outcome);
        Assert.Equal(RefusalReason.AuthenticationFailed, refusal.Reason);
        Assert.Equal(Party.Secondary, refusal.Party);
        Assert.Empty(rig.Sts.CallsTo(StsStandIn.AssumeRole));
    }

    [Fact]
    public async Task LegacyStsftwEntryWithPlaintextUrlStillWorks()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-legacy");
        var legacy = await rig.EnrollAsStsftwDidAsync("jtaylor");

        Assert.IsType<CredentialsIssued>(await rig.AskAsync("jtaylor", rig.CodeNow(legacy)));
        Assert.Empty(rig.Kms.CallsTo(KmsStandIn.Decrypt));
    }

    [Fact]
    public async Task UnknownAccountAndWrongCodeLookAlikeAndTakeTheSameRoundTrips()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-unknown");
        var alice = await rig.EnrollAsync("alice");

        var wrong = Assert.IsType<RequestRefusal>(await rig.AskAsync("alice", rig.WrongCode(alice)));
        var decryptsForWrongCode = rig.Kms.CallsTo(KmsStandIn.Decrypt).Count;
        var publishesForWrongCode = rig.Sns.CallsTo(SnsStandIn.Publish).Count;
        var unknown = Assert.IsType<RequestRefusal>(await rig.AskAsync("mallory", "123456"));

        Assert.Equal((wrong.Reason, wrong.Message, wrong.RetryAfter), (unknown.Reason, unknown.Message, unknown.RetryAfter));
        Assert.Equal(1, decryptsForWrongCode);
        Assert.Equal(2, rig.Kms.CallsTo(KmsStandIn.Decrypt).Count);
        Assert.Equal(2 * publishesForWrongCode, rig.Sns.CallsTo(SnsStandIn.Publish).Count);
        Assert.Null(await rig.Table.GetAsync(RealBrokerRig.Account("mallory"), CancellationToken.None));
    }

    [Fact]
    public async Task SixthWrongCodeLocksTheAccountUntilThePeriodEnds()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-lockout");
        var alice = await rig.EnrollAsync("alice");

        for (var i = 0; i < LockoutPolicy.DefaultFailureLimit; i++) await rig.AskAsync("alice", rig.WrongCode(alice));
        Assert.DoesNotContain("AccountLocked", rig.PublishedEventTypes());
        var sixth = Assert.IsType<RequestRefusal>(await rig.AskAsync("alice", rig.WrongCode(alice)));
        var rightWhileLocked = Assert.IsType<RequestRefusal>(await rig.AskAsync("alice", rig.CodeNow(alice)));

        Assert.Equal(RefusalReason.AuthenticationFailed, sixth.Reason);
        Assert.Single(rig.PublishedEventTypes(), "AccountLocked");
        Assert.Equal(RefusalReason.AccountLocked, rightWhileLocked.Reason);
        Assert.Equal(LockoutPolicy.DefaultDuration, rightWhileLocked.RetryAfter);

        rig.Clock.Advance(LockoutPolicy.DefaultDuration);
        Assert.IsType<CredentialsIssued>(await rig.AskAsync("alice", rig.CodeNow(alice)));
        var entry = await rig.Table.GetAsync(RealBrokerRig.Account("alice"), CancellationToken.None);
        Assert.Equal(0, entry!.ConsecutiveFailures);
    }

    [Fact]
    public async Task AuditOutageWithholdsTheCredentials()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-audit-down");
        var alice = await rig.EnrollAsync("alice");
        rig.Sns.Fail(SnsStandIn.Publish, 403, "AuthorizationError");

        var outcome = await rig.AskAsync("alice", rig.CodeNow(alice));

        Assert.Equal(Dependency.AuditTopic, Assert.IsType<DependencyFailed>(outcome).Dependency);
    }

    [Fact]
    public async Task StsRefusalIsReportedAndAnnouncedAsMintFailed()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-sts-denied");
        var alice = await rig.EnrollAsync("alice");
        rig.Sts.Fail(StsStandIn.AssumeRole, 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole");

        var outcome = await rig.AskAsync("alice", rig.CodeNow(alice));

        var failed = Assert.IsType<DependencyFailed>(outcome);
        Assert.Equal(Dependency.SecurityTokenService, failed.Dependency);
        Assert.Contains("AccessDenied", failed.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "CredentialsMinted", "MintFailed" }, rig.PublishedEventTypes().OrderBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public async Task KeyServiceRefusalIsADependencyFailureNotAnAuthenticationFailure()
    {
        await using var rig = await RealBrokerRig.StartAsync(dynalite, "e2e-kms-denied");
        var alice = await rig.EnrollAsync("alice");
        rig.Kms.Fail(KmsStandIn.Decrypt, 400, "AccessDeniedException");

        var outcome = await rig.AskAsync("alice", rig.CodeNow(alice));

        Assert.Equal(Dependency.SecretKey, Assert.IsType<DependencyFailed>(outcome).Dependency);
        Assert.Empty(rig.Sts.CallsTo(StsStandIn.AssumeRole));
    }
}
