namespace StsFtw.Client.Codes;

/// <summary>Why no code could be had (see <see cref="CodeUnavailableException"/>).</summary>
public enum CodeUnavailableReason
{
    /// <summary>There is no terminal to prompt on (no <c>/dev/tty</c>, no console), and no other source was given.</summary>
    NoTerminal,

    /// <summary>The code command could not be started.</summary>
    CommandDidNotStart,

    /// <summary>The code command ran past its time and was stopped, with every process it started.</summary>
    CommandTimedOut,

    /// <summary>The code command exited with a status other than 0.</summary>
    CommandFailed,

    /// <summary>The code command printed more than it may.</summary>
    CommandOutputTooLarge,

    /// <summary>What the code command printed is not exactly six ASCII digits.</summary>
    CommandOutputNotACode,

    /// <summary>What was typed or given is not exactly six ASCII digits.</summary>
    NotACode,
}
