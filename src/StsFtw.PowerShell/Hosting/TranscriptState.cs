using System.Management.Automation.Host;
using System.Reflection;

namespace StsFtw.PowerShell.Hosting;

/// <summary>Whether the session is writing a transcript (Start-Transcript, or a transcription policy).</summary>
/// <remarks>
/// PowerShell keeps this state on the host's user interface and exposes it only as the internal property
/// <c>PSHostUserInterface.IsTranscribing</c> (Windows PowerShell 5.1 and PowerShell 7; it also starts a
/// transcription policy's system transcript when one is due). There is no public API, so it is read by reflection;
/// when the property cannot be read the answer is null and the caller treats it as "maybe" (fail closed).
/// SECURITY.md, admin rule B4.
/// </remarks>
internal static class TranscriptState
{
    private const string PropertyName = "IsTranscribing";

    /// <summary>True or false when known; null when this PowerShell does not expose the state.</summary>
    public static bool? IsTranscribing(PSHost? host)
    {
        var ui = host?.UI;
        if (ui is null) return false;
        var property = typeof(PSHostUserInterface).GetProperty(PropertyName, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        if (property is null || property.PropertyType != typeof(bool) || property.GetIndexParameters().Length != 0) return null;
        try
        {
            return (bool)property.GetValue(ui)!;
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}
