using StsFtw.Deployment.Tests.Hcl;

namespace StsFtw.Deployment.Tests.Rules;

/// <summary>Rules for the broker function and its log group.</summary>
public static class FunctionRules
{
    /// <summary>The Native AOT custom runtime: provided.al2023, handler bootstrap, x86_64, outside any VPC.</summary>
    public static IReadOnlyList<string> FunctionProblems(TerraformModule module)
    {
        var problems = new List<string>();
        foreach (var (name, function) in module.Resources("aws_lambda_function"))
        {
            var where = $"{module.Name}: aws_lambda_function.{name}";
            if (function["runtime"]?.ToString() != "provided.al2023") problems.Add($"{where} runtime is {function["runtime"]}, not provided.al2023");
            if (function["handler"]?.ToString() != "bootstrap") problems.Add($"{where} handler is {function["handler"]}, not bootstrap");
            if (function["vpc_config"] is not null) problems.Add($"{where} is placed in a VPC");
            if (function["source_code_hash"] is null) problems.Add($"{where} has no source_code_hash (a new zip would not deploy)");
        }
        return problems;
    }

    /// <summary>Every log group expires its events.</summary>
    public static IReadOnlyList<string> LogGroupProblems(TerraformModule module) =>
        module.Resources("aws_cloudwatch_log_group")
            .Where(group => group.Value["retention_in_days"] is null || group.Value["retention_in_days"]!.ToString() == "0")
            .Select(group => $"{module.Name}: aws_cloudwatch_log_group.{group.Key} keeps logs forever")
            .ToList();
}
