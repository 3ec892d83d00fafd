using System.Text.RegularExpressions;
using StsFtw.Deployment.Tests.Hcl;

namespace StsFtw.Deployment.Tests;

/// <summary>
/// SECURITY.md rule 6 (findings 2, 3 and 4): delivery of the audit is watched, refusals are announced in aggregate,
/// and the metric filters read the property names the backend's log really writes.
/// </summary>
[Collection(TerraformCollection.Name)]
public sealed partial class AlertTests(TerraformTree terraform)
{
    private TerraformModule Alerts => terraform.Modules["alerts"];

    [Theory]
    [InlineData("audit_delivery_failed", "AWS/SNS", "NumberOfNotificationsFailed")]
    [InlineData("function_errors", "AWS/Lambda", "Errors")]
    [InlineData("function_throttles", "AWS/Lambda", "Throttles")]
    [InlineData("refusal_flood", "${local.metric_namespace}", "Refusals")]
    public void EveryAlarmNotifiesTheAlertsTopic(string alarm, string metricNamespace, string metric)
    {
        var body = Alerts.Resources("aws_cloudwatch_metric_alarm")[alarm];

        Assert.Equal(metricNamespace, body["namespace"]?.ToString());
        Assert.Equal(metric, body["metric_name"]?.ToString());
        Assert.Equal("[\"${aws_sns_topic.alerts.arn}\"]", body["alarm_actions"]?.ToJsonString().Replace("\\u0022", "\"", StringComparison.Ordinal));
    }

    [Fact]
    public void AuditMessagesNobodyReceivedAlarmEvenWithoutAFailedDelivery()
    {
        var alarm = Alerts.Resources("aws_cloudwatch_metric_alarm")["audit_undelivered"];
        var expression = TerraformModule.Blocks(alarm["metric_query"]).Single()["expression"]?.ToString();
        var metrics = TerraformModule.Blocks(alarm["dynamic"]).Single()["metric_query"]!.ToJsonString();

        Assert.Equal("published - FILL(delivered, 0) - FILL(filtered, 0)", expression);
        Assert.Contains("NumberOfNotificationsDelivered", metrics, StringComparison.Ordinal);
        Assert.Contains("NumberOfNotificationsFilteredOut", metrics, StringComparison.Ordinal);
        Assert.Equal("[\"${aws_sns_topic.alerts.arn}\"]", alarm["alarm_actions"]?.ToJsonString().Replace("\\u0022", "\"", StringComparison.Ordinal));
    }

    [Fact]
    public void UnsubscribingOrFilteringTheAuditTopicIsAlerted()
    {
        var pattern = Alerts.Resources("aws_cloudwatch_event_rule")["topic_changes"]["event_pattern"]!.ToString();
        var calls = Alerts.Strings(Alerts.Locals["watched_sns_calls"]);

        Assert.Contains("local.watched_sns_calls", pattern, StringComparison.Ordinal);
        Assert.Contains("local.watched_topics", pattern, StringComparison.Ordinal);
        foreach (var call in new[] { "Unsubscribe", "Subscribe", "SetSubscriptionAttributes", "SetTopicAttributes", "DeleteTopic" })
        {
            Assert.Contains(call, calls);
        }
        Assert.Equal("${aws_sns_topic.alerts.arn}", Alerts.Resources("aws_cloudwatch_event_target")["topic_changes"]["arn"]?.ToString());
    }

    [Fact]
    public void RefusalMetricFiltersReadThePropertiesTheBackendLogs()
    {
        var log = File.ReadAllText(RepositoryPaths.JsonLogSource);
        var endpoint = File.ReadAllText(RepositoryPaths.CredentialEndpointSource);
        var failures = File.ReadAllText(RepositoryPaths.AuthenticationFailureSource);
        var enrollment = File.ReadAllText(RepositoryPaths.EnrollmentEndpointSource);
        var filters = Alerts.Locals["refusal_filters"]!.AsObject().ToDictionary(f => f.Key, f => f.Value!.ToString());

        // The names the backend writes: a rename there breaks this test before it silences the alarm.
        Assert.Contains("writer.WriteString(\"kind\", kind)", log, StringComparison.Ordinal);
        Assert.Contains("Line(entry.Status >= 500 ? \"error\" : \"info\", \"request\"", log, StringComparison.Ordinal);
        Assert.Contains("writer.WriteString(\"outcome\", entry.Outcome)", log, StringComparison.Ordinal);
        Assert.Contains("WriteOptional(writer, \"detail\", entry.Detail)", log, StringComparison.Ordinal);
        Assert.Contains("Outcome = \"refused\"", endpoint, StringComparison.Ordinal);
        Assert.Contains("\"failure=\" + failure", endpoint, StringComparison.Ordinal);
        Assert.Matches(@"\bUnknownAccount,", failures);
        Assert.Matches(@"\bWrongCode,", failures);
        Assert.Contains("WriteOptional(writer, \"reason\", entry.Reason)", log, StringComparison.Ordinal);
        Assert.Contains("entry with { Outcome = \"refused\", Reason = refusal.Reason.ToString() }", enrollment, StringComparison.Ordinal);
        Assert.Matches(@"\bInvitationNotValid,", File.ReadAllText(RepositoryPaths.EnrollmentOutcomeSource));

        Assert.Equal("{ $.kind = \"request\" && $.outcome = \"refused\" }", filters["Refusals"]);
        Assert.Equal("{ $.kind = \"request\" && $.outcome = \"refused\" && $.detail = %failure=UnknownAccount% }", filters["RefusalsOfUnknownAccounts"]);
        Assert.Equal("{ $.kind = \"request\" && $.outcome = \"refused\" && $.detail = %failure=WrongCode% }", filters["RefusalsOfWrongCodes"]);
        Assert.Equal("{ $.kind = \"request\" && $.outcome = \"refused\" && $.reason = \"InvitationNotValid\" }", filters["RefusalsOfInvitationCodes"]);
        Assert.Equal("${module.broker_function.log_group_name}", terraform.Root.ModuleCalls["alerts"]["log_group_name"]?.ToString());
    }

    [Fact]
    public void OnlyAlarmsAndRulesPublishAlerts()
    {
        var deny = PolicyStatement.AllIn(Alerts).Single(s => s.Sid == "NoPrincipalPublishesAlerts");
        var allow = PolicyStatement.AllIn(Alerts).Single(s => s.Sid == "AlarmsAndRulesPublishAlerts");

        Assert.Equal(["false"], deny.Condition("Bool", "aws:PrincipalIsAWSService"));
        Assert.Equal(["cloudwatch.amazonaws.com", "events.amazonaws.com"], allow.Principals.Single().Identifiers);
        Assert.NotNull(allow.Condition("StringEquals", "aws:SourceAccount"));
    }

    [Fact]
    public void FunctionReservesConcurrencyByDefault() =>
        Assert.Equal("10", terraform.Root.Variables["reserved_concurrency"]["default"]?.ToString());

    [Fact]
    public void NewDeploymentsRequireEncryptedSecrets() =>
        Assert.True(TerraformModule.IsTrue(terraform.Root.Variables["require_encrypted_secrets"]["default"]));

    [Fact]
    public void AlbAppendsTheAddressItSawWhichTheBackendReadsAsTheLastForwardedForEntry()
    {
        var codec = File.ReadAllText(RepositoryPaths.HttpEventCodecSource);

        Assert.Equal("append", terraform.Modules["endpoint"].Resources("aws_lb")["this"]["xff_header_processing_mode"]?.ToString());
        Assert.Matches(LastForwardedForEntry(), codec);
    }

    [Fact]
    public void WafIsOptInAndOnlyForTheAlb()
    {
        var acl = terraform.Modules["endpoint"].Resources("aws_wafv2_web_acl")["this"];

        Assert.Equal("${local.alb && var.waf_rate_limit != null ? 1 : 0}", acl["count"]?.ToString());
        Assert.Null(terraform.Root.Variables["waf_rate_limit"]["default"]);
        Assert.Contains("var.endpoint_type == \"alb\"", TerraformModule.Blocks(terraform.Root.Variables["waf_rate_limit"]["validation"]).Single()["condition"]!.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"x-forwarded-for[\s\S]*\[\^1\]")]
    private static partial Regex LastForwardedForEntry();
}
