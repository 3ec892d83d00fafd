namespace StsFtw.PowerShell.Output;

/// <summary>What Register-StsDevice outputs once the backend has activated the new device. It carries no secret.</summary>
public sealed class StsDeviceRegistration
{
    /// <summary>The issuer.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The account name.</summary>
    public string AccountName { get; set; } = string.Empty;

    /// <summary><c>Active</c>: the new device's codes get credentials from now on.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>True when the new device replaced an old one (which stopped working).</summary>
    public bool Rotation { get; set; }

    /// <summary>The endpoint's scheme and host.</summary>
    public string Endpoint { get; set; } = string.Empty;
}
