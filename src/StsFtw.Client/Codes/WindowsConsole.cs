using System.Runtime.InteropServices;
using System.Text;

namespace StsFtw.Client.Codes;

/// <summary>
/// The console of a Windows process, opened as <c>CONIN$</c> and <c>CONOUT$</c>: the prompt goes there and the code
/// comes from there, whatever standard input and output are redirected to.
/// </summary>
/// <remarks>
/// While a code is read, the input mode loses <c>ENABLE_ECHO_INPUT</c>, <c>ENABLE_LINE_INPUT</c> and
/// <c>ENABLE_PROCESSED_INPUT</c> (so Ctrl+C arrives as a key that cancels), key events are read one by one with
/// <c>ReadConsoleInputW</c> after a short wait (so cancellation is noticed), and the mode is restored in a
/// <c>finally</c>. Every argument is blittable (names as UTF-16 bytes), so no run-time marshalling is needed.
/// Not exercised by the tests on Linux: it follows the Win32 console documentation.
/// </remarks>
internal sealed class WindowsConsole : IDisposable
{
    private const uint GenericRead = 0x80000000;
    private const uint GenericWrite = 0x40000000;
    private const uint FileShareRead = 0x1;
    private const uint FileShareWrite = 0x2;
    private const uint OpenExisting = 3;
    private const uint EnableProcessedInput = 0x1;
    private const uint EnableLineInput = 0x2;
    private const uint EnableEchoInput = 0x4;
    private const uint WaitObject0 = 0;
    private const uint WaitMilliseconds = 200;
    private const ushort KeyEvent = 0x1;
    private const int InputRecordSize = 20;
    private static readonly IntPtr InvalidHandle = new(-1);

    private readonly IntPtr _input;
    private readonly IntPtr _output;

    private WindowsConsole(IntPtr input, IntPtr output)
    {
        _input = input;
        _output = output;
    }

    /// <summary>Opens the console; null when the process has none (a service, a detached process).</summary>
    public static WindowsConsole? TryOpen()
    {
        var input = CreateFileW(Utf16("CONIN$"), GenericRead | GenericWrite, FileShareRead | FileShareWrite, IntPtr.Zero, OpenExisting, 0, IntPtr.Zero);
        if (input == InvalidHandle) return null;
        var output = CreateFileW(Utf16("CONOUT$"), GenericRead | GenericWrite, FileShareRead | FileShareWrite, IntPtr.Zero, OpenExisting, 0, IntPtr.Zero);
        if (output == InvalidHandle || GetConsoleMode(input, out _) == 0)
        {
            CloseHandle(input);
            if (output != InvalidHandle) CloseHandle(output);
            return null;
        }
        return new WindowsConsole(input, output);
    }

    /// <summary>Writes <paramref name="prompt"/>, reads a masked code, and restores the console mode.</summary>
    public string ReadMasked(string prompt, int maximumLength, CancellationToken cancellationToken)
    {
        if (GetConsoleMode(_input, out var saved) == 0) throw new IOException($"Could not read the console mode (error {Marshal.GetLastWin32Error()}).");
        var editor = new MaskedCodeEditor(maximumLength);
        try
        {
            if (SetConsoleMode(_input, saved & ~(EnableEchoInput | EnableLineInput | EnableProcessedInput)) == 0)
            {
                throw new IOException($"Could not turn off the console's echo (error {Marshal.GetLastWin32Error()}).");
            }
            FlushConsoleInputBuffer(_input);
            Write(prompt);
            var records = new byte[InputRecordSize * 8];
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (WaitForSingleObject(_input, WaitMilliseconds) != WaitObject0) continue;
                if (ReadConsoleInputW(_input, records, 8, out var count) == 0) throw new IOException($"Could not read the console (error {Marshal.GetLastWin32Error()}).");
                for (var i = 0; i < count; i++)
                {
                    var at = i * InputRecordSize;
                    // INPUT_RECORD: WORD EventType, 2 bytes padding, then KEY_EVENT_RECORD: BOOL bKeyDown (4), WORD wRepeatCount,
                    // WORD wVirtualKeyCode, WORD wVirtualScanCode, WCHAR UnicodeChar, DWORD dwControlKeyState.
                    if (BitConverter.ToUInt16(records, at) != KeyEvent || BitConverter.ToInt32(records, at + 4) == 0) continue;
                    var key = (char)BitConverter.ToUInt16(records, at + 14);
                    if (key == '\0') continue; // Shift, Ctrl and other keys without a character.
                    var repeat = Math.Max((int)BitConverter.ToUInt16(records, at + 8), 1);
                    for (var r = 0; r < repeat; r++)
                    {
                        var outcome = editor.Feed(key, out var echo);
                        if (echo.Length > 0) Write(echo);
                        if (outcome == MaskedCodeEditor.Outcome.Done) return editor.Text;
                        if (outcome == MaskedCodeEditor.Outcome.Cancelled) throw new OperationCanceledException("The code prompt was cancelled.");
                    }
                }
                Array.Clear(records, 0, records.Length);
            }
        }
        finally
        {
            SetConsoleMode(_input, saved);
            Write("\r\n");
            editor.Wipe();
        }
    }

    /// <summary>Writes <paramref name="text"/> to the console.</summary>
    public void Write(string text)
    {
        var bytes = Encoding.Unicode.GetBytes(text);
        WriteConsoleW(_output, bytes, (uint)text.Length, out _, IntPtr.Zero);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        CloseHandle(_input);
        CloseHandle(_output);
    }

    private static byte[] Utf16(string text) => Encoding.Unicode.GetBytes(text + "\0");

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern IntPtr CreateFileW(byte[] fileName, uint access, uint share, IntPtr security, uint disposition, uint flags, IntPtr template);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern int GetConsoleMode(IntPtr handle, out uint mode);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern int SetConsoleMode(IntPtr handle, uint mode);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern int FlushConsoleInputBuffer(IntPtr handle);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern uint WaitForSingleObject(IntPtr handle, uint milliseconds);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern int ReadConsoleInputW(IntPtr handle, byte[] records, uint length, out uint read);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern int WriteConsoleW(IntPtr handle, byte[] text, uint characters, out uint written, IntPtr reserved);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern int CloseHandle(IntPtr handle);
}
