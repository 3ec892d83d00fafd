using System.Globalization;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Sandbox.Output;

/// <summary>What the sandbox prints for a person once it runs: where things are, the variables to set, what to try next.</summary>
public static class Instructions
{
    /// <summary>Writes the text for <paramref name="host"/>, started in <paramref name="startup"/>.</summary>
    public static void Write(TextWriter output, SandboxHost host, TimeSpan startup)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(host);
        var variables = PersonEnvironment.For(host);
        var seconds = startup.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        string[] text =
        [
            $"StsFtw sandbox running (started in {seconds} s). Everything is on 127.0.0.1 and in memory; Ctrl+C stops it all.",
            "",
            $"  endpoint  {host.Endpoint}  the backend's local mode (bootstrap --listen)",
            $"  dynamodb  {host.DynamoDbUrl}  dynalite, table {SandboxHost.TableName}",
            $"  kms       {host.KmsUrl}  stand-in, key {SandboxHost.KeyAlias}",
            $"  sts, sns  {host.StsUrl}, {host.SnsUrl}  stand-ins",
            $"  console   {host.FederationUrl}  stand-in of the console sign-in (federation) endpoint",
            "",
            "NOT REAL AWS CREDENTIALS. STS here is a local stand-in: the credentials it mints (secret keys starting",
            $"{StandInCredentials.IssuedSecretAccessKeyPrefix}) open nothing in any AWS account, and the AWS keys below are fake: they only sign",
            "requests to these local servers. Nothing is kept when the sandbox stops.",
            "",
            "Set these in PowerShell (pwsh):",
            .. variables.Select(v => "  " + ShellLines.PowerShellSet(v.Key, v.Value)),
            .. PersonEnvironment.Removed.Select(name => "  " + ShellLines.PowerShellRemove(name)),
            "",
            "or in bash/zsh (then start pwsh from there):",
            .. variables.Select(v => "  " + ShellLines.PosixSet(v.Key, v.Value)),
            .. PersonEnvironment.Removed.Select(name => "  " + ShellLines.PosixRemove(name)),
            "",
            "Then, in pwsh:",
            $"  Import-Module '{SandboxPaths.ModuleManifest.Replace("'", "''", StringComparison.Ordinal)}'",
            "  New-StsEnrollment -AccountName alice -Roles Developer",
            $"      # scan the QR code with your authenticator app (it shows {SandboxHost.Issuer} (alice)), then type two codes in a row",
            "  Get-StsCredential -AccountName alice -Role Developer",
            "      # type the code your app shows now; each code works once, so wait for the next one before asking again",
            "  Get-StsCredential -AccountName alice -Role Developer | Set-StsEnvironment",
            "  Get-StsCredential -AccountName alice -Role Developer | Get-StsConsoleUrl",
            "      # a sign-in URL from the stand-in; it signs in to nothing (-Open would hand it to your browser)",
            "  Get-StsEnrollment",
            "",
            "These variables point AWS tools in that shell at the sandbox: close the shell when you are done.",
            "The backend's request log follows (one JSON line per request; codes and credentials are never in it).",
        ];
        foreach (var line in text) output.WriteLine(line);
        if (!File.Exists(SandboxPaths.ModuleManifest))
        {
            output.WriteLine($"The module is not built at {SandboxPaths.ModuleManifest}: run 'dotnet build src/StsFtw.PowerShell -c Release' first.");
        }
        output.Flush();
    }
}
