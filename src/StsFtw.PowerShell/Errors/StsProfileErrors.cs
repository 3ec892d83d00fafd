namespace StsFtw.PowerShell.Errors;

/// <summary>The error ids of Register-StsProfile and Unregister-StsProfile.</summary>
public static class StsProfileErrors
{
    /// <summary>The profile name is not usable (letters, digits and _-.@+ only).</summary>
    public const string InvalidProfileName = "StsProfile.InvalidProfileName";

    /// <summary>A required setting is missing (parameter and STS_* variable).</summary>
    public const string MissingSetting = "StsProfile.MissingSetting";

    /// <summary>A value cannot be written into the credential_process command line (the message says which and why).</summary>
    public const string InvalidInput = "StsProfile.InvalidInput";

    /// <summary>The config file already has the profile and -Force was not given.</summary>
    public const string ProfileExists = "StsProfile.ProfileExists";

    /// <summary>The config file has no such profile.</summary>
    public const string ProfileNotFound = "StsProfile.ProfileNotFound";

    /// <summary>The config file could not be read or written.</summary>
    public const string ConfigFileFailed = "StsProfile.ConfigFileFailed";
}
