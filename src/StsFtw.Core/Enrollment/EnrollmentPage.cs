namespace StsFtw.Core.Enrollment;

/// <summary>One page of a listing; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record EnrollmentPage(IReadOnlyList<AuthEntry> Entries, string? ContinuationToken);
