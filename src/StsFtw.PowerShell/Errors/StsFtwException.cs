namespace StsFtw.PowerShell.Errors;

/// <summary>The exception inside StsFtw's error records: a message for a person, never a secret or a raw HTTP exchange.</summary>
public class StsFtwException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StsFtwException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
