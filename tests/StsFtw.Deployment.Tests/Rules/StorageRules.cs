using StsFtw.Deployment.Tests.Hcl;

namespace StsFtw.Deployment.Tests.Rules;

/// <summary>Rules for the auth table, the audit topic and the key.</summary>
public static class StorageRules
{
    /// <summary>
    /// The auth table: STSFTW's key (issuer / account_name, strings), on demand, point-in-time recovery, deletion
    /// protection, encrypted with the project key, and no TTL (locks are compared in code).
    /// </summary>
    public static IReadOnlyList<string> TableProblems(TerraformModule module)
    {
        var problems = new List<string>();
        foreach (var (name, table) in module.Resources("aws_dynamodb_table"))
        {
            var where = $"{module.Name}: aws_dynamodb_table.{name}";
            var attributes = TerraformModule.Blocks(table["attribute"])
                .ToDictionary(a => a["name"]?.ToString() ?? string.Empty, a => a["type"]?.ToString(), StringComparer.Ordinal);
            var pitr = TerraformModule.Blocks(table["point_in_time_recovery"]).SingleOrDefault();
            var encryption = TerraformModule.Blocks(table["server_side_encryption"]).SingleOrDefault();

            if (table["hash_key"]?.ToString() != "issuer" || table["range_key"]?.ToString() != "account_name"
                || attributes.GetValueOrDefault("issuer") != "S" || attributes.GetValueOrDefault("account_name") != "S" || attributes.Count != 2)
            {
                problems.Add($"{where} is not keyed issuer (S) + account_name (S) like STSFTW's table");
            }
            if (table["billing_mode"]?.ToString() != "PAY_PER_REQUEST") problems.Add($"{where} is not PAY_PER_REQUEST");
            if (!TerraformModule.IsTrue(pitr?["enabled"])) problems.Add($"{where} has no point-in-time recovery");
            if (!TerraformModule.IsTrue(table["deletion_protection_enabled"])) problems.Add($"{where} has no deletion protection");
            if (!TerraformModule.IsTrue(encryption?["enabled"]) || encryption?["kms_key_arn"]?.ToString() != "${var.kms_key_arn}")
            {
                problems.Add($"{where} is not encrypted with the project key");
            }
            if (table["ttl"] is not null) problems.Add($"{where} has a TTL; the design keeps every entry and compares locked_until in code");
        }
        return problems;
    }

    /// <summary>Every SNS topic is encrypted with the project key (not the AWS-managed alias/aws/sns).</summary>
    public static IReadOnlyList<string> TopicProblems(TerraformModule module) =>
        module.Resources("aws_sns_topic")
            .Where(topic => topic.Value["kms_master_key_id"]?.ToString() != "${var.kms_key_arn}")
            .Select(topic => $"{module.Name}: aws_sns_topic.{topic.Key} is not encrypted with the project key")
            .ToList();

    /// <summary>Every KMS key rotates, is a symmetric encryption key and carries an explicit policy.</summary>
    public static IReadOnlyList<string> KeyProblems(TerraformModule module) =>
        module.Resources("aws_kms_key").SelectMany(key => new[]
        {
            TerraformModule.IsTrue(key.Value["enable_key_rotation"]) ? null : $"{module.Name}: aws_kms_key.{key.Key} does not rotate",
            key.Value["policy"] is null ? $"{module.Name}: aws_kms_key.{key.Key} has the default key policy" : null,
            key.Value["key_usage"]?.ToString() is null or "ENCRYPT_DECRYPT" ? null : $"{module.Name}: aws_kms_key.{key.Key} is not an encryption key",
        }).OfType<string>().ToList();
}
