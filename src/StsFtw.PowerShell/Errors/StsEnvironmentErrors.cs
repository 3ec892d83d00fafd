namespace StsFtw.PowerShell.Errors;

/// <summary>The error ids of Set-StsEnvironment.</summary>
public static class StsEnvironmentErrors
{
    /// <summary>The profile name is not usable.</summary>
    public const string InvalidProfileName = "StsEnvironment.InvalidProfileName";

    /// <summary>A credential value cannot be written (a line break, an empty value).</summary>
    public const string InvalidCredential = "StsEnvironment.InvalidCredential";

    /// <summary>The shared credentials file could not be read or written.</summary>
    public const string CredentialsFileFailed = "StsEnvironment.CredentialsFileFailed";

    /// <summary>-Clear -ProfileName named a profile the file does not have.</summary>
    public const string ProfileNotFound = "StsEnvironment.ProfileNotFound";

    /// <summary>-Region (or $env:STS_CREDENTIAL_REGION) is not a region name.</summary>
    public const string InvalidRegion = "StsEnvironment.InvalidRegion";
}
