namespace StsFtw.Aws;

/// <summary>The form of an AWS region name, checked before any client is made.</summary>
public static class AwsRegionName
{
    /// <summary>The longest region name accepted.</summary>
    public const int MaximumLength = 32;

    /// <summary>
    /// Null when <paramref name="value"/> looks like a region name (for example <c>eu-west-1</c>: lower-case letters,
    /// digits and '-', at most 32 characters), else the rule it breaks. The message never echoes the value.
    /// </summary>
    public static string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "The region is required.";
        if (value!.Length > MaximumLength) return $"The region is longer than {MaximumLength} characters.";
        foreach (var c in value)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return "The region may contain only lower-case letters, digits and '-'.";
        }
        return null;
    }
}
