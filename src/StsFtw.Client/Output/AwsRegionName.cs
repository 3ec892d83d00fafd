namespace StsFtw.Client.Output;

/// <summary>
/// An AWS region name as the credential outputs write it (<c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, a profile's
/// <c>region</c>): lower-case letters, digits and hyphens, such as <c>eu-west-1</c> or <c>us-gov-west-1</c>.
/// </summary>
/// <remarks>The check is about the shape only (new regions appear), so that nothing a shell or an INI file would read as syntax gets through.</remarks>
public static class AwsRegionName
{
    /// <summary>Longest region name accepted.</summary>
    public const int MaximumLength = 32;

    /// <summary>Null when <paramref name="region"/> looks like a region name, else one sentence saying why not.</summary>
    public static string? Check(string? region)
    {
        if (string.IsNullOrEmpty(region)) return "The region is empty.";
        var ok = region!.Length <= MaximumLength && region[0] >= 'a' && region[0] <= 'z' && region[region.Length - 1] != '-' && region.IndexOf('-') > 0;
        foreach (var c in region)
        {
            if (!ok) break;
            ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }
        return ok ? null : $"The region must look like eu-west-1: lower-case letters, digits and hyphens, at most {MaximumLength} characters.";
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="region"/> is given and is not a region name.</summary>
    internal static void ThrowIfInvalid(string? region, string parameterName)
    {
        if (region is not null && Check(region) is { } problem) throw new ArgumentException(problem, parameterName);
    }
}
