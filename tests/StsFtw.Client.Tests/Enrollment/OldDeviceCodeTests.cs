using StsFtw.Client.Enrollment;

namespace StsFtw.Client.Tests.Enrollment;

/// <summary>When the clients ask for the old device's code of a rotation (docs/INVITATIONS.md, "States").</summary>
public sealed class OldDeviceCodeTests
{
    private static readonly EnrollmentResult<PendingEnrollment> CodeRequired =
        EnrollmentResult<PendingEnrollment>.Failed(new EnrollmentFailure(EnrollmentFailureKind.DeviceCodeRequired, "A current code of the old device is needed.") { Status = 403 });

    [Fact]
    public void AskedOnlyWhenTheEndpointNeedsIt()
    {
        var refused = EnrollmentResult<PendingEnrollment>.Failed(new EnrollmentFailure(EnrollmentFailureKind.InvitationNotValid, "Not valid."));

        Assert.True(OldDeviceCode.ShouldAsk(CodeRequired, givenByCaller: false, askedSoFar: 0));
        Assert.False(OldDeviceCode.ShouldAsk(refused, givenByCaller: false, askedSoFar: 0));
    }

    [Fact]
    public void ACodeTheCallerGaveIsTheAnswerAndNobodyIsAsked()
    {
        Assert.False(OldDeviceCode.ShouldAsk(CodeRequired, givenByCaller: true, askedSoFar: 0));
    }

    [Fact]
    public void EveryWrongCodeCountsSoThePersonIsAskedAtMostThreeTimes()
    {
        Assert.True(OldDeviceCode.ShouldAsk(CodeRequired, givenByCaller: false, askedSoFar: OldDeviceCode.Attempts - 1));
        Assert.False(OldDeviceCode.ShouldAsk(CodeRequired, givenByCaller: false, askedSoFar: OldDeviceCode.Attempts));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12a456")]
    [InlineData("")]
    public void ATypoIsCaughtBeforeItCostsACountedFailure(string typed)
    {
        var problem = OldDeviceCode.CheckTyped(typed);

        Assert.NotNull(problem);
        if (typed.Length > 0) Assert.DoesNotContain(typed, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterAskingTheFailureSaysWhatThePersonCanStillDo()
    {
        var explained = OldDeviceCode.Explain(CodeRequired.Failure!, asked: 3);

        Assert.Equal((EnrollmentFailureKind.DeviceCodeRequired, 403), (explained.Kind, explained.Status));
        Assert.Contains("lost-device invitation", explained.Message, StringComparison.Ordinal);
        Assert.Same(CodeRequired.Failure, OldDeviceCode.Explain(CodeRequired.Failure!, asked: 0));
    }
}
