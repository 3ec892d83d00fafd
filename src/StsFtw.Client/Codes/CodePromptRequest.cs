using System.Text;

namespace StsFtw.Client.Codes;

/// <summary>Whose code a prompt asks for, and at which endpoint: enough for the prompt text, nothing secret.</summary>
/// <param name="AccountName">The account whose code is asked for.</param>
/// <param name="EndpointHost">The endpoint's host name, so the person sees where the code goes.</param>
/// <param name="IsCoSigner">True when the code is the co-signer's.</param>
public sealed record CodePromptRequest(string AccountName, string EndpointHost, bool IsCoSigner = false)
{
    /// <summary>Longest account or host shown in the prompt.</summary>
    public const int MaximumShownLength = 128;

    /// <summary>
    /// The prompt, for example <c>Code for alice at sts.example.com: </c> or
    /// <c>Code for co-signer bob at sts.example.com: </c>. Control characters are replaced, so a name cannot move
    /// the cursor or rewrite the terminal.
    /// </summary>
    public string Text => $"Code for {(IsCoSigner ? "co-signer " : string.Empty)}{Shown(AccountName)} at {Shown(EndpointHost)}: ";

    /// <summary>The account name as shown: control characters replaced, length bounded.</summary>
    internal string ShownAccountName => Shown(AccountName);

    private static string Shown(string? value)
    {
        var builder = new StringBuilder();
        foreach (var c in value ?? string.Empty)
        {
            if (builder.Length >= MaximumShownLength) break;
            builder.Append(char.IsControl(c) || c == '\u001b' ? '?' : c);
        }
        return builder.ToString();
    }
}
