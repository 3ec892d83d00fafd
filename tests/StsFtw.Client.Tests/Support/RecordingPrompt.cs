using StsFtw.Client.Codes;
using StsFtw.Testing.Hygiene;

namespace StsFtw.Client.Tests.Support;

/// <summary>A prompt that "types" the given codes in turn and records who was asked.</summary>
public sealed class RecordingPrompt(params string[] codes) : ICodePrompt
{
    private readonly Queue<string> _codes = new(codes);

    public List<CodePromptRequest> Asked { get; } = [];

    public string ReadCode(CodePromptRequest request, CancellationToken cancellationToken)
    {
        Asked.Add(request);
        var code = _codes.Count > 0 ? _codes.Dequeue() : "111111";
        SecretLedger.Suite.Remember(SecretKind.Code, code);
        return code;
    }
}
