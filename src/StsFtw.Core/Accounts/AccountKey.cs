namespace StsFtw.Core.Accounts;

/// <summary>
/// Names one enrolled person: the auth table's key (<c>issuer</c> hash key, <c>account_name</c> range key).
/// </summary>
/// <remarks>Construct through <see cref="Validation.InputRules"/> when the values come from outside.</remarks>
public sealed record AccountKey(string Issuer, string AccountName)
{
    /// <summary>The form used in logs and audit messages: <c>issuer/account</c>.</summary>
    public override string ToString() => $"{Issuer}/{AccountName}";
}
