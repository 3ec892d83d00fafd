using System.Text;
using StsFtw.Aws.Sns;

namespace StsFtw.Core.Tests.Aws;

public sealed class SnsMessageLimitTests
{
    [Fact]
    public void MessageWithinTheLimitIsUnchanged()
    {
        const string Text = "StsFtw has minted new STS credentials:\nIssuer: Example\n";

        Assert.Same(Text, SnsAuditSink.TruncateUtf8(Text, SnsAuditSink.MaximumMessageBytes));
    }

    [Fact]
    public void OversizedMessageIsCutToTheLimitAndMarked()
    {
        var text = new string('a', SnsAuditSink.MaximumMessageBytes + 10);

        var cut = SnsAuditSink.TruncateUtf8(text, SnsAuditSink.MaximumMessageBytes);

        Assert.True(Encoding.UTF8.GetByteCount(cut) <= SnsAuditSink.MaximumMessageBytes);
        Assert.EndsWith("[truncated]", cut);
    }

    [Fact]
    public void CuttingNeverSplitsACharacter()
    {
        var text = string.Concat(Enumerable.Repeat("😀é", 100));

        var cut = SnsAuditSink.TruncateUtf8(text, 101);

        Assert.True(Encoding.UTF8.GetByteCount(cut) <= 101);
        var kept = cut[..cut.IndexOf('\n')];
        Assert.Equal(text[..kept.Length], kept);
        Assert.False(char.IsHighSurrogate(kept[^1]));
    }
}
