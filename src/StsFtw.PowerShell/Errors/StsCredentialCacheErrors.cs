namespace StsFtw.PowerShell.Errors;

/// <summary>The error ids of Clear-StsCredentialCache.</summary>
public static class StsCredentialCacheErrors
{
    /// <summary>-Endpoint is not an endpoint URL, or $env:STS_CACHE_DIR is not an absolute path.</summary>
    public const string InvalidInput = "StsCredentialCache.InvalidInput";

    /// <summary>The cache folder is not safe (a link, another user's, writable by others) or a file could not be removed.</summary>
    public const string ClearFailed = "StsCredentialCache.ClearFailed";
}
