using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using StsFtw.Client.Hosting;
using StsFtw.PowerShell.Settings;

namespace StsFtw.PowerShell.Completion;

/// <summary>
/// Completes a parameter with the values its STS_* variables hold (for -Role also each name in STS_ROLES), the
/// values a person has already configured.
/// </summary>
public sealed class StsVariableCompleter : IArgumentCompleter
{
    private static readonly IReadOnlyDictionary<string, string[]> VariablesByParameter = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Endpoint"] = new[] { StsVariables.Endpoint },
        ["Issuer"] = new[] { StsVariables.Issuer },
        ["AccountName"] = new[] { StsVariables.AccountName },
        ["Role"] = new[] { StsVariables.Role, StsVariables.Roles },
        ["SecondaryAccountName"] = new[] { StsVariables.SecondaryAccountName, StsVariables.SecondaryAuthorizers },
        ["TableName"] = new[] { StsVariables.TableName },
        ["KmsKeyId"] = new[] { StsVariables.KmsKeyId },
    };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (!VariablesByParameter.TryGetValue(parameterName, out var variables)) return Array.Empty<CompletionResult>();
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return variables
            .Select(ProcessEnvironmentVariables.Instance.Get)
            .Where(value => value is not null)
            .SelectMany(value => value!.Split(','))
            .Select(value => value.Trim())
            .Where(value => value.Length > 0 && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Select(value => new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value))
            .ToArray();
    }

    private static string Quote(string value) => value.IndexOfAny(new[] { ' ', '\'', '$', '`', '"' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
}
