using System.Text.RegularExpressions;
using StsFtw.Deployment.Tests.Hcl;
using StsFtw.Deployment.Tests.Rules;

namespace StsFtw.Deployment.Tests;

/// <summary>The auth table, the audit topic and the key.</summary>
[Collection(TerraformCollection.Name)]
public sealed class StorageTests(TerraformTree terraform)
{
    [Fact]
    public void AuthTableIsStsftwCompatibleRecoverableProtectedAndEncryptedWithTheProjectKey()
    {
        Assert.Single(terraform.Modules["auth_table"].Resources("aws_dynamodb_table"));
        Assert.Empty(terraform.AllModules.SelectMany(StorageRules.TableProblems));
        Assert.Equal("${module.key.key_arn}", terraform.Root.ModuleCalls["auth_table"]["kms_key_arn"]?.ToString());
    }

    [Fact]
    public void AuditTopicIsEncryptedWithTheProjectKeyAndMailsTheAdmin()
    {
        var audit = terraform.Modules["audit_topic"];
        var subscription = audit.Resources("aws_sns_topic_subscription").Values.Single();

        Assert.Empty(terraform.AllModules.SelectMany(StorageRules.TopicProblems));
        Assert.Equal("${module.key.key_arn}", terraform.Root.ModuleCalls["audit_topic"]["kms_key_arn"]?.ToString());
        Assert.Equal("email", subscription["protocol"]?.ToString());
        Assert.Equal("${var.admin_email}", subscription["endpoint"]?.ToString());
    }

    [Fact]
    public void EmailFilterSelectsByTheEventTypeAttributeTheBackendSets()
    {
        var subscription = terraform.Modules["audit_topic"].Resources("aws_sns_topic_subscription").Values.Single();
        var eventTypes = TerraformModule.Blocks(terraform.Modules["audit_topic"].Variables["email_event_types"]["validation"]).Single()["condition"]!.ToString();

        Assert.Contains("jsonencode({ event_type = var.email_event_types })", subscription["filter_policy"]?.ToString(), StringComparison.Ordinal);
        Assert.Contains("MessageAttributes", subscription["filter_policy_scope"]?.ToString(), StringComparison.Ordinal);
        foreach (var type in new[] { "CredentialsMinted", "AccountLocked", "FailedCodes", "RequestRefused", "MintFailed", "DeviceEnrolled" })
        {
            Assert.Contains($"\"{type}\"", eventTypes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EmailFilterAcceptsEveryEventTypeTheBackendPublishes()
    {
        // The event_type values are the last argument of each AuditMessage in AuditMessageFormatter, alone on their line.
        var formatter = File.ReadAllText(RepositoryPaths.AuditMessageFormatterSource);
        var published = Regex.Matches(formatter, "^\\s*\"([A-Za-z]+)\"\\),\\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var eventTypes = TerraformModule.Blocks(terraform.Modules["audit_topic"].Variables["email_event_types"]["validation"]).Single()["condition"]!.ToString();

        Assert.Contains("DeviceEnrolled", published);
        Assert.All(published, type => Assert.Contains($"\"{type}\"", eventTypes, StringComparison.Ordinal));
    }

    [Fact]
    public void KeyRotatesAndHasItsOwnPolicy()
    {
        Assert.Single(terraform.Modules["key"].Resources("aws_kms_key"));
        Assert.Empty(terraform.AllModules.SelectMany(StorageRules.KeyProblems));
    }

    [Fact]
    public void OneKeyServesTableTopicAndSecrets()
    {
        var calls = terraform.Root.ModuleCalls;

        Assert.Equal("${module.key.key_arn}", calls["broker_function"]["kms_key_arn"]?.ToString());
        Assert.Single(terraform.AllModules.SelectMany(m => m.Resources("aws_kms_key").Keys));
    }
}
