using System.Text;
using StsFtw.Lambda.Endpoint;

namespace StsFtw.Lambda.Tests.Endpoint;

public sealed class CredentialRequestReaderTests
{
    private static (Core.Broker.CredentialRequest? Request, string? Problem) Read(string json)
    {
        var request = CredentialRequestReader.Read(Encoding.UTF8.GetBytes(json), out var problem);
        return (request, problem);
    }

    [Fact]
    public void StsftwClientBodyIsRead()
    {
        // Exactly what STSFTW's `sts get` marshals from its TOTPChallenge struct.
        var (request, problem) = Read("""{"Issuer":"Example","AccountName":"alice","TOTPCode":"123456","SecondaryAccountName":"bob","SecondaryTOTPCode":"654321","Role":"Developer"}""");

        Assert.Null(problem);
        Assert.Equal(new Core.Broker.CredentialRequest("Example", "alice", "123456", "Developer", "bob", "654321"), request);
    }

    [Fact]
    public void CamelCaseNamesAreAccepted()
    {
        var (request, _) = Read("""{"issuer":"Example","accountName":"alice","totpCode":"123456","role":"Developer","durationSeconds":900}""");

        Assert.Equal(new Core.Broker.CredentialRequest("Example", "alice", "123456", "Developer", DurationSeconds: 900), request);
    }

    [Fact]
    public void NullMembersCountAsAbsent()
    {
        var (request, problem) = Read("""{"Issuer":"Example","AccountName":"alice","TOTPCode":"123456","Role":"Developer","SecondaryAccountName":null,"DurationSeconds":null}""");

        Assert.Null(problem);
        Assert.Null(request!.SecondaryAccountName);
        Assert.Null(request.DurationSeconds);
    }

    [Fact]
    public void UnknownMembersAreSkipped()
    {
        var (request, problem) = Read("""{"Issuer":"Example","Client":{"name":"sts","version":[1,2]},"AccountName":"alice","TOTPCode":"123456","Role":"Developer"}""");

        Assert.Null(problem);
        Assert.Equal("alice", request!.AccountName);
    }

    [Theory]
    [InlineData("""{"Issuer":"a","Issuer":"b"}""")]
    [InlineData("""{"Issuer":"a","issuer":"b"}""")]
    [InlineData("""{"TOTPCode":"111111","totpcode":"222222"}""")]
    [InlineData("""{"x":1,"X":2}""")]
    public void DuplicateMembersAreRejected(string json)
    {
        var (request, problem) = Read(json);

        Assert.Null(request);
        Assert.Contains("more than once", problem);
    }

    [Theory]
    [InlineData("""{"TOTPCode":123456}""", "TOTPCode must be a string.")]
    [InlineData("""{"Role":["Developer"]}""", "Role must be a string.")]
    [InlineData("""{"AccountName":{"name":"alice"}}""", "AccountName must be a string.")]
    [InlineData("""{"Issuer":true}""", "Issuer must be a string.")]
    [InlineData("""{"DurationSeconds":"3600"}""", "DurationSeconds must be a whole number of seconds.")]
    [InlineData("""{"DurationSeconds":3600.5}""", "DurationSeconds must be a whole number of seconds.")]
    [InlineData("""{"DurationSeconds":99999999999}""", "DurationSeconds must be a whole number of seconds.")]
    public void WrongTypesAreRejectedNamingTheField(string json, string expected)
    {
        var (request, problem) = Read(json);

        Assert.Null(request);
        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("\"Issuer\"")]
    [InlineData("null")]
    public void BodyMustBeAnObject(string json)
    {
        var (request, problem) = Read(json);

        Assert.Null(request);
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData("""{"Issuer":"Example"} {"Issuer":"Other"}""")]
    [InlineData("""{"Issuer":"Example"}x""")]
    [InlineData("""{"Issuer":"Example",}""")]
    [InlineData("""{"Issuer":"Example" /* comment */}""")]
    [InlineData("""{"Issuer":'Example'}""")]
    [InlineData("""{"Issuer":"Example\""")]
    public void AnythingButOneWellFormedObjectIsRejected(string json)
    {
        var (request, problem) = Read(json);

        Assert.Null(request);
        Assert.Equal("The body is not valid JSON.", problem);
    }

    [Fact]
    public void DeepNestingIsRejected()
    {
        var json = "{\"x\":" + new string('[', 100) + new string(']', 100) + "}";

        var (request, problem) = Read(json);

        Assert.Null(request);
        Assert.Equal("The body is not valid JSON.", problem);
    }

    [Fact]
    public void InvalidUtf8IsRejected()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"Issuer":"Exa?ple"}""");
        bytes[14] = 0xFF;

        Assert.Null(CredentialRequestReader.Read(bytes, out var problem));
        Assert.Equal("The body is not valid UTF-8.", problem);
    }

    [Fact]
    public void InvalidUtf8InASkippedMemberIsRejected()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"Issuer":"Example","x":"a?b"}""");
        bytes[^3] = 0xFE;

        Assert.Null(CredentialRequestReader.Read(bytes, out var problem));
        Assert.Equal("The body is not valid UTF-8.", problem);
    }

    [Theory]
    [InlineData("I\u017F\u017Fuer")]   // long s: Unicode folds it onto s, ASCII folding does not
    [InlineData("\u212Aey")]             // Kelvin sign
    public void OnlyAsciiCaseIsFoldedInMemberNames(string lookAlike)
    {
        var (request, problem) = Read("{\"" + lookAlike + "\":\"Other\",\"Issuer\":\"Example\"}");

        Assert.Null(problem);
        Assert.Equal("Example", request!.Issuer);
    }

    [Fact]
    public void ProblemsNeverEchoAValue()
    {
        var (_, problem) = Read("""{"TOTPCode":123456,"Issuer":"secret-looking-value"}""");

        Assert.DoesNotContain("123456", problem);
        Assert.DoesNotContain("secret-looking-value", problem);
    }
}
