namespace StsFtw.Aws.DynamoDb;

/// <summary>DynamoDB's rules for a table name, checked before any client is made.</summary>
public static class AuthTableName
{
    /// <summary>Null when <paramref name="value"/> is a valid DynamoDB table name (3–255 of <c>[a-zA-Z0-9_.-]</c>), else the rule it breaks.</summary>
    public static string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "The table name is required.";
        if (value!.Length < 3 || value.Length > 255) return "The table name must be 3 to 255 characters long.";
        foreach (var c in value)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
            if (!ok) return "The table name may contain only letters, digits, '_', '.' and '-'.";
        }
        return null;
    }
}
