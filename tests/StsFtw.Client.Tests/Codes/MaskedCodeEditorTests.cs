using StsFtw.Client.Codes;

namespace StsFtw.Client.Tests.Codes;

public sealed class MaskedCodeEditorTests
{
    [Theory]
    [InlineData("123456\r", "123456")]
    [InlineData("123 456\n", "123456")]
    [InlineData("123-456\r", "123456")]
    [InlineData("1299\b\u007f3456\r", "123456")]
    [InlineData("999\u0015123456\r", "123456")]
    [InlineData("\b\b123456\r", "123456")]
    public void KeysEditTheCode(string keys, string code)
    {
        var (outcome, text, _) = Feed(keys);
        Assert.Equal(MaskedCodeEditor.Outcome.Done, outcome);
        Assert.Equal(code, text);
    }

    [Theory]
    [InlineData("12\u0003")]
    [InlineData("\u0004")]
    [InlineData("1\u001a")]
    [InlineData("\u001b[A")]
    public void ControlKeysCancel(string keys) => Assert.Equal(MaskedCodeEditor.Outcome.Cancelled, Feed(keys).Outcome);

    [Fact]
    public void EchoNeverHoldsADigit()
    {
        var (_, _, echoed) = Feed("0123456789\b\u0015abc\r");
        Assert.DoesNotContain(echoed, char.IsAsciiDigit);
        Assert.StartsWith("**********", echoed);
    }

    [Fact]
    public void DigitsPastTheLimitRingTheBellAndAreDropped()
    {
        var (_, text, echoed) = Feed("12345678\r", limit: 6);
        Assert.Equal("123456", text);
        Assert.EndsWith("\a\a", echoed);
    }

    private static (MaskedCodeEditor.Outcome Outcome, string Text, string Echoed) Feed(string keys, int limit = 16)
    {
        var editor = new MaskedCodeEditor(limit);
        var echoed = string.Empty;
        foreach (var key in keys)
        {
            var outcome = editor.Feed(key, out var echo);
            echoed += echo;
            if (outcome != MaskedCodeEditor.Outcome.Continue) return (outcome, editor.Text, echoed);
        }
        return (MaskedCodeEditor.Outcome.Continue, editor.Text, echoed);
    }
}
