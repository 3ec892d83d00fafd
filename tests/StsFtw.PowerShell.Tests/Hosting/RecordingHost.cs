using System.Globalization;
using System.Management.Automation.Host;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>A PowerShell host for tests: records what cmdlets write to it and answers prompts from a queue.</summary>
internal sealed class RecordingHost : PSHost
{
    private readonly Guid _id = Guid.NewGuid();

    public RecordingHost(RecordingHostUserInterface? ui = null) => Ui = ui ?? new RecordingHostUserInterface();

    public RecordingHostUserInterface Ui { get; }

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId => _id;

    public override string Name => "StsFtw.Tests";

    public override PSHostUserInterface UI => Ui;

    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }
}
