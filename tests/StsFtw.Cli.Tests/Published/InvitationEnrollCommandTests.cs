using System.Net;
using System.Text;
using System.Text.Json;
using StsFtw.Cli.Tests.Support;
using StsFtw.Client.Enrollment;
using StsFtw.Core.Totp;
using StsFtw.Sandbox.Net;

namespace StsFtw.Cli.Tests.Published;

/// <summary>
/// <c>stsftw enroll --invitation</c>, the published binary run by tests/pester/Support/pty_run.py --phone (a pseudo-terminal as its
/// terminal, standard output a pipe), against a loopback stand-in of the enrollment routes that checks the two codes
/// against the key it answered (docs/INVITATIONS.md, "The wire").
/// </summary>
public sealed class InvitationEnrollCommandTests : IDisposable
{
    private const string Code = "inv1-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567";
    private static readonly string Driver = TerminalDriver.Script;

    private readonly ClientHome _home = new();
    private readonly TotpKey _key = TotpKey.Generate("Example", "alice");
    private readonly List<JsonElement> _confirms = [];
    private readonly LoopbackListener _routes;
    private int _starts;

    public InvitationEnrollCommandTests() => _routes = LoopbackListener.Start(ServeAsync);

    public void Dispose()
    {
        _routes.Dispose();
        _home.Dispose();
    }

    private sealed record TerminalRun(int ExitCode, string Stdout, string Transcript);

    private async Task<TerminalRun> EnrollOnTerminalAsync(string secondCode, params string[] flags)
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        var stdout = Path.Combine(_home.Path, "enroll.out");
        var transcript = Path.Combine(_home.Path, "enroll.tty");
        var environment = _home.Bare();
        environment["STS_ENDPOINT"] = _routes.BaseUri.ToString();
        environment["STS_ISSUER"] = "Example";
        environment["STS_ACCOUNT_NAME"] = "alice";
        var run = await CliRun.StartAsync("python3",
            [Driver, "--phone", "--second", secondCode, "--timeout", "40", stdout, transcript, "--", binary, "enroll", "--show-uri", "--invitation", Code, .. flags], environment);
        return new TerminalRun(run.ExitCode, await File.ReadAllTextAsync(stdout), await File.ReadAllTextAsync(transcript));
    }

    [Fact]
    public async Task TheQrCodeGoesToTheTerminalAndThePhonesTwoCodesActivateTheDevice()
    {
        var run = await EnrollOnTerminalAsync("right");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Enrolled a new device for alice (Example).\n", run.Stdout);
        Assert.Contains(TerminalQrCode.BothDark, run.Transcript);
        Assert.Equal(1, _starts);
        var confirm = Assert.Single(_confirms);
        Assert.Equal(Code, confirm.GetProperty("invitation_code").GetString());
    }

    [Fact]
    public async Task CodesThatDoNotProveTheDeviceAreNeverSentToConfirm()
    {
        var run = await EnrollOnTerminalAsync("wrong");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(1, _starts);
        Assert.Empty(_confirms);
    }

    [Fact]
    public async Task WithoutATerminalTheInvitationIsNotSpent()
    {
        var binary = await CliArtifacts.EnsureBinaryAsync();
        var environment = _home.Bare();
        environment["STS_ENDPOINT"] = _routes.BaseUri.ToString();
        environment["STS_ISSUER"] = "Example";
        environment["STS_ACCOUNT_NAME"] = "alice";

        var run = await CliRun.StartAsync(binary, ["enroll", "--invitation", Code], environment);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Nothing was redeemed", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, _starts);
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
        string answer;
        var status = 200;
        if (context.Request.Url!.AbsolutePath == "/enrollment/start")
        {
            Interlocked.Increment(ref _starts);
            answer = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["issuer"] = "Example",
                ["account_name"] = "alice",
                ["otpauth_uri"] = _key.ToUri(),
                ["expires_at"] = DateTimeOffset.UtcNow.AddHours(24).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        else
        {
            lock (_confirms) _confirms.Add(body);
            var now = DateTimeOffset.UtcNow;
            var proven = DeviceVerification.Check(_key.Secret, body.GetProperty("first_code").GetString(), now, body.GetProperty("second_code").GetString(), now) is null;
            (status, answer) = proven
                ? (200, """{"issuer":"Example","account_name":"alice","status":"active","rotation":false}""")
                : (401, """{"type":"urn:stsftw:problem:enrollment-codes-not-valid","title":"Refused","status":401,"detail":"The codes do not match."}""");
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = status == 200 ? "application/json" : "application/problem+json";
        var bytes = Encoding.UTF8.GetBytes(answer);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
