using System.Management.Automation;
using StsFtw.PowerShell.Tests.StandIns;
using StsFtw.Testing.Hygiene;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>
/// Checks what a script wrote to the error, warning, verbose, debug and information streams for secrets: the codes
/// and secrets the phone computed (<see cref="SecretLedger.Suite"/>), the stand-in backend's credentials, and
/// anything shaped like a secret. The success stream is output on purpose (a credential, an otpauth URI with
/// <c>-NoPrompt</c>) and is not checked.
/// </summary>
internal static class StreamHygiene
{
    static StreamHygiene()
    {
        SecretLedger.Suite.Remember(SecretKind.SecretAccessKey, BackendStandIn.SecretAccessKey);
        SecretLedger.Suite.Remember(SecretKind.SessionToken, BackendStandIn.SessionToken);
    }

    public static void AssertClean(PSDataStreams streams, IEnumerable<ErrorRecord> errors, long exceptionsFrom)
    {
        SecretHygiene.AssertClean("exception messages (test process, first chance)", ExceptionCapture.MessagesSince(exceptionsFrom), SecretLedger.Suite);
        SecretHygiene.AssertClean("PowerShell error records", errors.SelectMany(Lines), SecretLedger.Suite);
        SecretHygiene.AssertClean("PowerShell warning stream", streams.Warning.Select(w => w.Message), SecretLedger.Suite);
        SecretHygiene.AssertClean("PowerShell verbose stream", streams.Verbose.Select(v => v.Message), SecretLedger.Suite);
        SecretHygiene.AssertClean("PowerShell debug stream", streams.Debug.Select(d => d.Message), SecretLedger.Suite);
        SecretHygiene.AssertClean("PowerShell information stream", streams.Information.Select(i => i.MessageData?.ToString()), SecretLedger.Suite);
    }

    private static IEnumerable<string?> Lines(ErrorRecord error)
    {
        yield return error.ToString();
        yield return error.FullyQualifiedErrorId;
        yield return error.CategoryInfo.ToString();
        yield return error.ErrorDetails?.Message;
        yield return error.ErrorDetails?.RecommendedAction;
        yield return error.TargetObject?.ToString();
        foreach (var message in SecretHygiene.MessagesOf(error.Exception)) yield return message;
    }
}
