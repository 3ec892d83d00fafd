using System.Management.Automation.Host;

namespace StsFtw.PowerShell.Tests.Hosting;

/// <summary>A fixed 200-column console, so formatted output is not wrapped.</summary>
internal sealed class RecordingRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override Size BufferSize { get; set; } = new(200, 1000);

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; }

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override bool KeyAvailable => false;

    public override Size MaxPhysicalWindowSize => new(200, 1000);

    public override Size MaxWindowSize => new(200, 1000);

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize { get; set; } = new(200, 50);

    public override string WindowTitle { get; set; } = string.Empty;

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
}
