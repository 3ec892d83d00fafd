using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>Records host output (with the colours asked for) and the prompts shown; answers masked reads from a queue.</summary>
internal sealed class RecordingHostUserInterface : PSHostUserInterface
{
    private readonly StringBuilder _text = new();
    private readonly Queue<Func<string>> _secureAnswers = new();

    /// <summary>Everything written, as one text.</summary>
    public string Text
    {
        get
        {
            lock (_text) return _text.ToString();
        }
    }

    /// <summary>Each Write(foreground, background, text) call, in order.</summary>
    public List<(ConsoleColor Foreground, ConsoleColor Background, string Text)> ColouredWrites { get; } = new();

    /// <summary>How many masked reads were made.</summary>
    public int SecureReads { get; private set; }

    /// <summary>How many plain (echoed) reads were made.</summary>
    public int PlainReads { get; private set; }

    public List<string> Warnings { get; } = new();

    /// <summary>Queues the answer to the next masked read; computed when read, so it can depend on earlier output.</summary>
    public void AnswerSecurely(Func<string> answer) => _secureAnswers.Enqueue(answer);

    public void AnswerSecurely(string answer) => _secureAnswers.Enqueue(() => answer);

    public override PSHostRawUserInterface RawUI { get; } = new RecordingRawUserInterface();

    public override SecureString ReadLineAsSecureString()
    {
        SecureReads++;
        if (_secureAnswers.Count == 0) throw new PSInvalidOperationException("The test queued no answer for this prompt.");
        var secure = new SecureString();
        foreach (var c in _secureAnswers.Dequeue()()) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    public override string ReadLine()
    {
        PlainReads++;
        throw new PSInvalidOperationException("StsFtw must not read codes with an echoing prompt.");
    }

    public override void Write(string value) => Append(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
    {
        ColouredWrites.Add((foregroundColor, backgroundColor, value));
        Append(value);
    }

    public override void WriteLine(string value) => Append(value + "\n");

    public override void WriteErrorLine(string value) => Append(value + "\n");

    public override void WriteDebugLine(string message) => Append(message + "\n");

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override void WriteVerboseLine(string message) => Append(message + "\n");

    public override void WriteWarningLine(string message)
    {
        Warnings.Add(message);
        Append(message + "\n");
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new PSInvalidOperationException("No prompts expected.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new PSInvalidOperationException("No prompts expected.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new PSInvalidOperationException("No prompts expected.");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw new PSInvalidOperationException("No confirmation expected.");

    private void Append(string value)
    {
        lock (_text) _text.Append(value);
    }
}
