using System.Collections.Concurrent;

namespace StsFtw.Testing.Hygiene;

/// <summary>
/// The message of every exception thrown anywhere in the test process (first chance: caught or not, in product code,
/// the AWS SDK or the PowerShell engine), so a rig can check all error messages raised while it lived, not only those
/// a test happened to look at.
/// </summary>
/// <remarks>
/// Messages are numbered; a rig takes <see cref="Mark"/> when it starts and checks <see cref="MessagesSince"/> when it
/// ends. Messages raised by tests running at the same time are included: a secret in any of them is still a leak.
/// Only the most recent <see cref="Capacity"/> messages are kept.
/// </remarks>
public static class ExceptionCapture
{
    /// <summary>How many messages are kept.</summary>
    public const int Capacity = 200_000;

    private static readonly ConcurrentQueue<(long Sequence, string Message)> Messages = new();
    private static long _sequence;

    [ThreadStatic]
    private static bool _capturing;

    static ExceptionCapture() => AppDomain.CurrentDomain.FirstChanceException += (_, e) => Capture(e.Exception);

    /// <summary>Starts capturing (idempotent) and returns the number of the next message.</summary>
    public static long Mark() => Interlocked.Read(ref _sequence) + 1;

    /// <summary>The messages raised since <paramref name="mark"/>.</summary>
    public static IReadOnlyList<string> MessagesSince(long mark) =>
        Messages.Where(m => m.Sequence >= mark).Select(m => m.Message).ToArray();

    private static void Capture(Exception exception)
    {
        if (_capturing) return;
        _capturing = true;
        try
        {
            Messages.Enqueue((Interlocked.Increment(ref _sequence), exception.GetType().Name + ": " + exception.Message));
            while (Messages.Count > Capacity && Messages.TryDequeue(out _))
            {
            }
        }
        catch
        {
            // Never disturb the code that threw.
        }
        finally
        {
            _capturing = false;
        }
    }
}
