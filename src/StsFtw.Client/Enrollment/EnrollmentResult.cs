namespace StsFtw.Client.Enrollment;

/// <summary>The outcome of one enrollment step: its answer, or the reason there is none.</summary>
/// <typeparam name="T">The answer of the step (<see cref="PendingEnrollment"/> or <see cref="EnrollmentConfirmation"/>).</typeparam>
public sealed class EnrollmentResult<T>
    where T : class
{
    private EnrollmentResult(T? value, EnrollmentFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The answer, when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>The reason, when not <see cref="Succeeded"/>.</summary>
    public EnrollmentFailure? Failure { get; }

    /// <summary>True when the step succeeded.</summary>
    public bool Succeeded => Value is not null;

    /// <summary>A success.</summary>
    public static EnrollmentResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failure.</summary>
    public static EnrollmentResult<T> Failed(EnrollmentFailure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Success {{ {Value} }}" : $"Failed {{ {Failure!.Kind}: {Failure.Message} }}";
}
