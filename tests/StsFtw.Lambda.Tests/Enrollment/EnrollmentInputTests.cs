using System.Text;
using System.Text.Json;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Endpoint;
using StsFtw.Lambda.Http;
using StsFtw.Lambda.Tests.Process;
using StsFtw.Testing.Fixtures;
using static StsFtw.Lambda.Tests.Enrollment.EnrollmentRig;

namespace StsFtw.Lambda.Tests.Enrollment;

/// <summary>Bad input on the enrollment routes gets a 4xx problem without touching AWS, as on the credential path.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class EnrollmentInputTests(DynaliteFixture dynalite)
{
    private const string Code = "inv1-AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH";

    public static TheoryData<string, string, string, string, int, string> Hostile => new()
    {
        { EnrollmentRoutes.Start, "GET", "application/json", "{}", 405, ProblemTypes.MethodNotAllowed },
        { EnrollmentRoutes.Confirm, "PUT", "application/json", "{}", 405, ProblemTypes.MethodNotAllowed },
        { EnrollmentRoutes.Start, "POST", "text/plain", "{}", 415, ProblemTypes.UnsupportedMediaType },
        { EnrollmentRoutes.Start, "POST", "application/json; charset=latin1", "{}", 415, ProblemTypes.UnsupportedMediaType },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"issuer\":\"" + new string('a', BodyRules.MaximumBodyBytes) + "\"}", 413, ProblemTypes.PayloadTooLarge },
        { EnrollmentRoutes.Start, "POST", "application/json", "", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "[]", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"issuer\":\"Example Corp\"} {}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"issuer\":\"a\",\"issuer\":\"b\"}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"Issuer\":\"Example Corp\"}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"first_code\":\"123456\"}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"issuer\":1}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"issuer\":{\"a\":{}}}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"issuer\":\"Example Corp\",\"account_name\":\"alice\"}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"issuer\":\"Example Corp\",\"account_name\":\"alice\",\"invitation_code\":\"inv1-0000\"}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"issuer\":\"Example Corp\",\"account_name\":\"al\\u0000ice\",\"invitation_code\":\"" + Code + "\"}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Start, "POST", "application/json", "{\"issuer\":\"Example Corp\",\"account_name\":\"alice\",\"invitation_code\":\"" + Code + "\",\"current_code\":\"12345x\"}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Confirm, "POST", "application/json", "{\"issuer\":\"Example Corp\",\"account_name\":\"alice\",\"invitation_code\":\"" + Code + "\",\"first_code\":\"123456\"}", 400, ProblemTypes.InvalidRequest },
        { EnrollmentRoutes.Confirm, "POST", "application/json", "{\"issuer\":\"Example Corp\",\"account_name\":\"alice\",\"invitation_code\":\"" + Code + "\",\"current_code\":\"123456\"}", 400, ProblemTypes.InvalidRequest },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task BadInputGetsAProblemWithoutTouchingAws(string path, string method, string contentType, string body, int status, string type)
    {
        await using var rig = await StartAsync(dynalite, "route-input");

        var response = await rig.SendAsync(Post(path, body, method, contentType));

        Assert.Equal((status, type), (response.StatusCode, ProblemType(response)));
        Assert.Equal(0, rig.LastLogLine().GetProperty("awsCalls").GetArrayLength());
        Assert.DoesNotContain(Code, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8AndMalformedBase64AreRefusedWithoutTouchingAws()
    {
        await using var rig = await StartAsync(dynalite, "route-bytes");
        var invalid = new HttpRequestData("POST", EnrollmentRoutes.Start, new HttpHeaderCollection().Add("content-type", "application/json"),
            new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, null);
        var base64 = new HttpRequestData("POST", EnrollmentRoutes.Confirm, new HttpHeaderCollection().Add("content-type", "application/json"),
            Encoding.UTF8.GetBytes("{}"), null)
        { BodyIsMalformedBase64 = true };

        foreach (var request in new[] { invalid, base64 })
        {
            var response = await rig.SendAsync(request);
            Assert.Equal((400, ProblemTypes.InvalidRequest), (response.StatusCode, ProblemType(response)));
            Assert.Equal(0, rig.LastLogLine().GetProperty("awsCalls").GetArrayLength());
        }
    }

    [Fact]
    public async Task InvitationCodePastedIntoANameFieldIsNotLogged()
    {
        await using var rig = await StartAsync(dynalite, "route-misplaced");
        var code = rig.GuessedCode();

        var enrollment = await rig.SendAsync(Post(EnrollmentRoutes.Start,
            JsonSerializer.Serialize(new Dictionary<string, string> { ["issuer"] = "Example Corp", ["account_name"] = code, ["invitation_code"] = code })));
        var enrollmentLine = rig.LastLogLine();
        var credential = await rig.SendAsync(Post("/", CredentialBody(code, "123456")));

        Assert.Equal(401, enrollment.StatusCode);
        Assert.Equal("[invalid]", enrollmentLine.GetProperty("account").GetString());
        Assert.Equal(401, credential.StatusCode);
        Assert.Equal("[invalid]", rig.LastLogLine().GetProperty("account").GetString());
    }
}
