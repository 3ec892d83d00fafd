using System.Text;
using FsCheck;
using FsCheck.Xunit;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Events;
using StsFtw.Lambda.Runtime;
using StsFtw.Lambda.Tests.Support;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// Unseeded FsCheck properties beside the fixed corpus: each run tries new bodies, so over many runs the search
/// widens. A failure prints its seed for replay.
/// </summary>
public sealed class HostileInputPropertyTests
{
    private static readonly string[] Fields =
    [
        CredentialRequestFields.Issuer, CredentialRequestFields.AccountName, CredentialRequestFields.TotpCode, CredentialRequestFields.Role,
        CredentialRequestFields.SecondaryAccountName, CredentialRequestFields.SecondaryTotpCode,
    ];

    [Property(MaxTest = 500)]
    public bool AnyBytesAsABodyAreRefusedWithoutReachingSts(byte[] body, bool asFunctionUrl) =>
        RefusedWithoutSts(new HostileRequest("random bytes", "property", body ?? [], 400), asFunctionUrl, out _);

    [Property(MaxTest = 500)]
    public bool AnyStringInAnyFieldIsRefusedWithoutReachingSts(NonNull<string> value, PositiveInt field, bool asFunctionUrl)
    {
        var name = Fields[field.Get % Fields.Length];
        var body = RequestText.WithString(name, value.Get);
        return RefusedWithoutSts(new HostileRequest("random value", "property", Encoding.UTF8.GetBytes(body), 400), asFunctionUrl, out var status)
            && status is 400 or 401;
    }

    private static bool RefusedWithoutSts(HostileRequest request, bool asFunctionUrl, out int status)
    {
        var harness = new EndpointHarness();
        var payload = HostileEvents.For(request, asFunctionUrl ? EventShape.FunctionUrl : EventShape.AlbMultiValue);
        var response = new HttpInvocationHandler(harness.Endpoint)
            .HandleAsync(new Invocation("prop", DateTimeOffset.UtcNow.AddSeconds(30), null, null, payload), CancellationToken.None).GetAwaiter().GetResult();
        var answer = HostileAnswer.FromEventResponse(response);
        status = answer.Status;
        return answer.Status is >= 400 and < 500
            && answer.ContentType?.StartsWith(MediaTypes.ProblemJson, StringComparison.Ordinal) == true
            && harness.Broker.Minter.Requests.Count == 0;
    }
}
