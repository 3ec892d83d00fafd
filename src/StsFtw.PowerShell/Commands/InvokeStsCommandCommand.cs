using System.ComponentModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using StsFtw.Client;
using StsFtw.Client.Exec;
using StsFtw.PowerShell.Completion;
using StsFtw.PowerShell.Errors;
using StsFtw.PowerShell.Hosting;
using StsFtw.PowerShell.Output;

namespace StsFtw.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Runs one command or script block with temporary AWS credentials in its environment only.</para>
/// </summary>
/// <remarks>
/// Not SupportsShouldProcess: it changes nothing of its own that outlives the call (the caller's environment is left
/// as it was), and what the command does is the command's business, as with Invoke-Command or the call operator.
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "StsCommand", DefaultParameterSetName = FilePathSet)]
[OutputType(typeof(object), ParameterSetName = new[] { ScriptBlockSet })]
public sealed class InvokeStsCommandCommand : StsCmdlet
{
    private const string ScriptBlockSet = "ScriptBlock";
    private const string FilePathSet = "FilePath";

    // Runs the caller's script block in a child scope, as `& { }` would, with output and errors streamed through this
    // cmdlet as they come (not collected first).
    private const string InvokeScript = "param($StsFtwScriptBlock, $StsFtwArguments) & $StsFtwScriptBlock @StsFtwArguments";

    /// <summary>The script block to run with the credentials set in the process environment (restored afterwards).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ScriptBlockSet)]
    public ScriptBlock? ScriptBlock { get; set; }

    /// <summary>The program to run (a name on PATH or a path); only its environment gets the credentials.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FilePathSet)]
    [ValidateNotNullOrEmpty]
    public string? FilePath { get; set; }

    /// <summary>The program's arguments (each passed as one argument), or the script block's $args.</summary>
    [Parameter(Position = 1)]
    [Alias("Args")]
    public object[]? ArgumentList { get; set; }

    /// <summary>The credentials, from Get-StsCredential (pipeline) or a variable.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public StsCredential? Credential { get; set; }

    /// <summary>Sets AWS_REGION and AWS_DEFAULT_REGION. Default: the credential's Region property, when it has one.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        IReadOnlyList<KeyValuePair<string, string?>> changes;
        try
        {
            changes = CommandEnvironment.For(Credentials(Credential!), RegionOf(Credential!));
        }
        catch (ArgumentException e)
        {
            WriteError(ErrorRecords.Create(StsCommandErrors.InvalidInput, ErrorCategory.InvalidArgument, e.Message, Credential?.AccessKeyId));
            return;
        }

        switch (ParameterSetName)
        {
            case ScriptBlockSet:
                RunScriptBlock(changes);
                break;
            default:
                RunProgram(changes);
                break;
        }
    }

    private void RunScriptBlock(IReadOnlyList<KeyValuePair<string, string?>> changes)
    {
        WriteVerbose($"Running the script block with access key {Credential!.AccessKeyId} in the process environment.");
        // Every variable of the set is restored, also the region variables when no region was given: what the script
        // block does to them is undone.
        using (EnvironmentOverlay.Apply(Environment, changes, CommandEnvironment.All))
        {
            InvokeCommand.InvokeScript(InvokeScript, true, PipelineResultTypes.Output | PipelineResultTypes.Error, null,
                ScriptBlock, ArgumentList ?? Array.Empty<object>());
        }
    }

    private void RunProgram(IReadOnlyList<KeyValuePair<string, string?>> changes)
    {
        var program = Resolve(FilePath!);
        if (program is null)
        {
            WriteError(ErrorRecords.Create(StsCommandErrors.CommandNotFound, ErrorCategory.ObjectNotFound,
                $"No program named '{FilePath}' was found on PATH or at that path.", FilePath));
            return;
        }
        var arguments = (ArgumentList ?? Array.Empty<object>()).Select(a => LanguagePrimitives.ConvertTo<string>(a) ?? string.Empty).ToArray();
        var command = new ExternalCommand(program, arguments, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
        WriteVerbose($"Running {program} with access key {Credential!.AccessKeyId} in its environment.");
        int exitCode;
        try
        {
            exitCode = Wait(token => command.RunAsync(changes, token));
        }
        catch (Win32Exception e)
        {
            WriteError(ErrorRecords.Create(StsCommandErrors.CommandFailedToStart, ErrorCategory.InvalidOperation,
                $"{program} could not be started: {e.Message}", program));
            return;
        }

        // As for any native command: $LASTEXITCODE holds the code, and a code other than 0 makes $? false. That takes
        // an error record; its category is NotSpecified, as PowerShell's own for a native command's exit code
        // (NativeCommandExitException), because what a program's code means is the program's business.
        SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
        if (exitCode != 0)
        {
            WriteError(ErrorRecords.Create(StsCommandErrors.NonZeroExitCode, ErrorCategory.NotSpecified,
                new StsCommandExitException(program, exitCode), program));
        }
    }

    // A path (anything with a directory separator) is taken relative to the current location; a bare name is looked up
    // as PowerShell looks up applications (PATH, and PATHEXT on Windows).
    private string? Resolve(string name)
    {
        if (name.IndexOf('/') >= 0 || name.IndexOf('\\') >= 0)
        {
            var path = GetUnresolvedProviderPathFromPSPath(name);
            return File.Exists(path) ? path : null;
        }
        return InvokeCommand.GetCommand(name, CommandTypes.Application) is ApplicationInfo application ? application.Path : null;
    }

    private static BrokeredCredentials Credentials(StsCredential credential) =>
        new(credential.AccessKeyId ?? string.Empty, credential.SecretAccessKey ?? string.Empty, credential.SessionToken ?? string.Empty)
        {
            Expiration = credential.Expiration is { } expiration ? new DateTimeOffset(expiration.ToUniversalTime(), TimeSpan.Zero) : null,
        };

    // -Region wins; else a Region property of the credential object, read by name so that any object with one counts.
    private string? RegionOf(StsCredential credential)
    {
        if (Region is not null) return Region;
        var value = PSObject.AsPSObject(credential).Properties["Region"]?.Value;
        return value is string text && text.Length > 0 ? text : null;
    }
}
