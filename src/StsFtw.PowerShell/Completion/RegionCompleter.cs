using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace StsFtw.PowerShell.Completion;

/// <summary>Completes -Region with the public AWS regions (a fixed list: completing must not load the AWS SDK).</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    /// <summary>The regions offered.</summary>
    public static IReadOnlyList<string> Regions { get; } = new[]
    {
        "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ca-central-1", "ca-west-1",
        "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
        "il-central-1", "me-central-1", "me-south-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Regions.Where(r => r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(r => new CompletionResult(r, r, CompletionResultType.ParameterValue, r))
            .ToArray();
    }
}
