namespace StsFtw.Client.Codes;

/// <summary>
/// The line editing of the masked prompt, apart from any terminal: digits are kept and echoed as <c>*</c>; spaces and
/// dashes (as authenticators group codes) are skipped; Backspace or Delete removes the last digit, Ctrl+U all of them;
/// Enter ends; Ctrl+C, Ctrl+D, Ctrl+Z and Escape cancel; anything else, or a digit past the limit, rings the bell.
/// </summary>
internal sealed class MaskedCodeEditor(int maximumLength)
{
    private const string Erase = "\b \b";
    private readonly char[] _digits = new char[maximumLength];
    private int _count;

    /// <summary>What a key did.</summary>
    public enum Outcome
    {
        /// <summary>Keep reading.</summary>
        Continue,

        /// <summary>Enter: the code is complete.</summary>
        Done,

        /// <summary>The person cancelled.</summary>
        Cancelled,
    }

    /// <summary>Applies <paramref name="key"/>; <paramref name="echo"/> is what to write back to the terminal (never a digit).</summary>
    public Outcome Feed(char key, out string echo)
    {
        echo = string.Empty;
        switch (key)
        {
            case '\r':
            case '\n':
                return Outcome.Done;
            case '\u0003':
            case '\u0004':
            case '\u001a':
            case '\u001b':
                return Outcome.Cancelled;
            case '\b':
            case '\u007f':
                if (_count > 0)
                {
                    _digits[--_count] = '\0';
                    echo = Erase;
                }
                return Outcome.Continue;
            case '\u0015':
                echo = string.Concat(Enumerable.Repeat(Erase, _count));
                Array.Clear(_digits, 0, _digits.Length);
                _count = 0;
                return Outcome.Continue;
            case ' ':
            case '-':
                return Outcome.Continue;
        }
        if (key >= '0' && key <= '9' && _count < _digits.Length)
        {
            _digits[_count++] = key;
            echo = "*";
        }
        else
        {
            echo = "\a";
        }
        return Outcome.Continue;
    }

    /// <summary>The digits typed so far.</summary>
    public string Text => new(_digits, 0, _count);

    /// <summary>Forgets the digits.</summary>
    public void Wipe()
    {
        Array.Clear(_digits, 0, _digits.Length);
        _count = 0;
    }
}
