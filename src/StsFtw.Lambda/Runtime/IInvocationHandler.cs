namespace StsFtw.Lambda.Runtime;

/// <summary>Turns one invocation's event into the response payload.</summary>
public interface IInvocationHandler
{
    /// <summary>
    /// Handles <paramref name="invocation"/>; <paramref name="deadline"/> is cancelled shortly before Lambda would stop
    /// it. Throws only for events it cannot answer at all; they are reported as invocation errors.
    /// </summary>
    Task<byte[]> HandleAsync(Invocation invocation, CancellationToken deadline);
}
