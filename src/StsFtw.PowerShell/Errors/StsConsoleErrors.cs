namespace StsFtw.PowerShell.Errors;

/// <summary>The error ids of Get-StsConsoleUrl.</summary>
public static class StsConsoleErrors
{
    /// <summary>The credentials, destination, issuer, region or federation endpoint cannot work (checked before anything is sent).</summary>
    public const string InvalidInput = "StsConsole.InvalidInput";

    /// <summary>The session was minted with a length other than the default, which AWS gives no console sign-in to.</summary>
    public const string SessionNotSignInable = "StsConsole.SessionNotSignInable";

    /// <summary>The federation endpoint refused the session.</summary>
    public const string Refused = "StsConsole.Refused";

    /// <summary>The federation endpoint could not be reached, failed, or did not answer in time.</summary>
    public const string Unavailable = "StsConsole.Unavailable";

    /// <summary>The federation endpoint answered something that is not a sign-in token.</summary>
    public const string UnexpectedResponse = "StsConsole.UnexpectedResponse";

    /// <summary>-Open could not start the browser.</summary>
    public const string BrowserFailed = "StsConsole.BrowserFailed";
}
