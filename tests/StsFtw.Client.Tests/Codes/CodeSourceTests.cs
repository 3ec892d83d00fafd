using StsFtw.Client.Codes;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Codes;

public sealed class CodeSourceTests
{
    private static readonly CodePromptRequest Alice = new("alice", "sts.example.com");

    [Fact]
    public async Task GivenCodeWinsOverACommandAndThePrompt()
    {
        var prompt = new RecordingPrompt();
        var source = CodeSource.Choose("123456", "echo 654321", CodeCommand.PrimaryVariable, prompt);
        Assert.Equal("123456", await source.GetCodeAsync(Alice, CancellationToken.None));
        Assert.Empty(prompt.Asked);
    }

    [Fact]
    public void CommandComesBeforeThePromptAndEmptyCommandsAreNone()
    {
        Assert.Equal($"the code command ({CodeCommand.PrimaryVariable})", CodeSource.Choose(null, "echo 1", CodeCommand.PrimaryVariable, new RecordingPrompt()).Description);
        Assert.Equal("the prompt", CodeSource.Choose(null, "  ", CodeCommand.PrimaryVariable, new RecordingPrompt()).Description);
    }

    [Fact]
    public void SourcesNeverShowTheCodeOrTheCommandLine()
    {
        Assert.DoesNotContain("123456", CodeSource.Given("123456").ToString());
        Assert.DoesNotContain("hunter2", CodeSource.Choose(null, "op --password hunter2", "-TotpCodeCommand", new RecordingPrompt()).ToString());
    }
}
