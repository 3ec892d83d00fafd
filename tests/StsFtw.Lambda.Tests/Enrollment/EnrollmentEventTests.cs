using System.Text;
using System.Text.Json;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Runtime;
using StsFtw.Lambda.Tests.Process;
using StsFtw.Testing.Fixtures;
using StsFtw.Testing.Hygiene;
using StsFtw.Testing.Lambda;
using static StsFtw.Lambda.Tests.Enrollment.EnrollmentRig;

namespace StsFtw.Lambda.Tests.Enrollment;

/// <summary>The enrollment routes as the ALB and the function URL deliver them (the path read from each event shape), hostile input included.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class EnrollmentEventTests(DynaliteFixture dynalite)
{
    public static TheoryData<string> Shapes => new() { "alb", "alb-multi-value", "function-url" };

    private static string Event(string shape, string path, string body, string method = "POST", string contentType = "application/json", bool base64 = false) => shape switch
    {
        "alb" => LambdaEvents.Alb(body, method, contentType, base64, path: path),
        "alb-multi-value" => LambdaEvents.Alb(body, method, contentType, base64, multiValue: true, path: path),
        _ => LambdaEvents.FunctionUrl(body, method, contentType, base64, path: path),
    };

    private static async Task<(int Status, string Body)> InvokeAsync(EnrollmentRig rig, string payload)
    {
        var handler = new HttpInvocationHandler(rig.Endpoint);
        var reply = await handler.HandleAsync(
            new Invocation("req-event", DateTimeOffset.UtcNow.AddSeconds(30), null, null, Encoding.UTF8.GetBytes(payload)), CancellationToken.None);
        var root = JsonDocument.Parse(reply).RootElement;
        var status = root.GetProperty("statusCode").GetInt32();
        var body = root.GetProperty("body").GetString()!;
        if (status != 200) SecretHygiene.AssertClean("event answers (enrollment)", [body], rig.Ledger);
        return (status, body);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task EachEventShapeReachesTheEnrollmentRoutes(string shape)
    {
        await using var rig = await StartAsync(dynalite, "event-" + shape);
        var code = await rig.InviteAsync("alice");

        var (status, body) = await InvokeAsync(rig, Event(shape, EnrollmentRoutes.Start, StartBody("alice", code)));

        Assert.Equal(200, status);
        var uri = JsonDocument.Parse(body).RootElement.GetProperty(EnrollmentFields.OtpAuthUri).GetString()!;
        rig.Ledger.RememberKey(Core.Totp.OtpAuthUri.Parse(uri));
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        Assert.Equal(EnrollmentRoutes.Start, rig.LastLogLine().GetProperty("route").GetString());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task HostileRequestsOnTheRoutesAreRefusedWithoutTouchingAws(string shape)
    {
        await using var rig = await StartAsync(dynalite, "event-hostile-" + shape);
        var code = rig.GuessedCode();
        var valid = StartBody("alice", code);

        var answers = new[]
        {
            (405, await InvokeAsync(rig, Event(shape, EnrollmentRoutes.Start, valid, method: "GET"))),
            (405, await InvokeAsync(rig, Event(shape, EnrollmentRoutes.Confirm, valid, method: "OPTIONS"))),
            (415, await InvokeAsync(rig, Event(shape, EnrollmentRoutes.Start, valid, contentType: "text/plain"))),
            (413, await InvokeAsync(rig, Event(shape, EnrollmentRoutes.Start, new string(' ', 9000) + valid))),
            (400, await InvokeAsync(rig, Event(shape, EnrollmentRoutes.Start, "{\"issuer\":\"Example Corp\",\"__proto__\":{}}"))),
            (400, await InvokeAsync(rig, Event(shape, EnrollmentRoutes.Confirm, valid))),
            (400, await InvokeAsync(rig, Event(shape, EnrollmentRoutes.Start, "{\"issuer\":\"a\u202Eb\",\"account_name\":\"alice\",\"invitation_code\":\"" + code + "\"}"))),
        };

        Assert.All(answers, a => Assert.Equal(a.Item1, a.Item2.Status));
        Assert.All(answers, a => Assert.DoesNotContain(code, a.Item2.Body, StringComparison.OrdinalIgnoreCase));
        Assert.All(rig.LogLines.Select(l => JsonDocument.Parse(l).RootElement), l => Assert.Equal(0, l.GetProperty("awsCalls").GetArrayLength()));
    }
}
