using System.Globalization;
using System.Text;
using System.Text.Json;
using StsFtw.Core.Broker;
using StsFtw.Core.Invitations;
using StsFtw.Core.Wire;
using StsFtw.Lambda.Http;

namespace StsFtw.Lambda.Endpoint;

/// <summary>Writes the bodies the backend sends: credentials and the enrollment answers (200), and problem details.</summary>
/// <remarks>Every response carries <c>Cache-Control: no-store</c>: credentials and refusals must not sit in a cache.</remarks>
public static class Responses
{
    /// <summary>The 200 response for issued credentials.</summary>
    public static HttpResponseData Credentials(CredentialsIssued issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        var body = Write(writer =>
        {
            var credentials = issued.Credentials;
            writer.WriteString(CredentialResponseFields.AccessKeyId, credentials.AccessKeyId);
            writer.WriteString(CredentialResponseFields.SecretAccessKey, credentials.SecretAccessKey);
            writer.WriteString(CredentialResponseFields.SessionToken, credentials.SessionToken);
            writer.WriteString(CredentialResponseFields.Expiration,
                credentials.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString(CredentialResponseFields.RoleArn, credentials.RoleArn);
            writer.WriteString(CredentialResponseFields.AssumedRoleArn, credentials.AssumedRoleArn);
            writer.WriteString(CredentialResponseFields.Issuer, issued.Account.Issuer);
            writer.WriteString(CredentialResponseFields.AccountName, issued.Account.AccountName);
            if (issued.SecondaryAccountName is null) writer.WriteNull(CredentialResponseFields.SecondaryAccountName);
            else writer.WriteString(CredentialResponseFields.SecondaryAccountName, issued.SecondaryAccountName);
        });
        return new HttpResponseData(200, CommonHeaders(MediaTypes.Json), body);
    }

    /// <summary>The 200 response to a redeemed invitation: the pending key's otpauth URI, for this person only.</summary>
    public static HttpResponseData EnrollmentStarted(EnrollmentStarted started)
    {
        ArgumentNullException.ThrowIfNull(started);
        var body = Write(writer =>
        {
            writer.WriteString(EnrollmentFields.Issuer, started.Key.Issuer);
            writer.WriteString(EnrollmentFields.AccountName, started.Key.AccountName);
            writer.WriteString(EnrollmentFields.OtpAuthUri, started.Key.ToUri());
            writer.WriteString(EnrollmentFields.ExpiresAt, started.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        });
        return new HttpResponseData(200, CommonHeaders(MediaTypes.Json), body);
    }

    /// <summary>The 200 response to a confirmed enrollment.</summary>
    public static HttpResponseData EnrollmentConfirmed(EnrollmentConfirmed confirmed)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        var body = Write(writer =>
        {
            writer.WriteString(EnrollmentFields.Issuer, confirmed.Account.Issuer);
            writer.WriteString(EnrollmentFields.AccountName, confirmed.Account.AccountName);
            writer.WriteString(EnrollmentFields.Status, "active");
            writer.WriteBoolean(EnrollmentFields.Rotation, confirmed.Rotation);
        });
        return new HttpResponseData(200, CommonHeaders(MediaTypes.Json), body);
    }

    /// <summary>A problem-details response; <paramref name="requestId"/> becomes the <c>instance</c>.</summary>
    public static HttpResponseData For(Problem problem, string requestId)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var headers = CommonHeaders(MediaTypes.ProblemJson);
        long? retryAfterSeconds = problem.RetryAfter is { } wait ? Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)) : null;
        if (retryAfterSeconds is { } seconds) headers.Add("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        if (problem.Status == 401) headers.Add("WWW-Authenticate", "StsFtw-TOTP realm=\"stsftw\"");
        if (problem.Status == 405) headers.Add("Allow", "POST");

        var body = Write(writer =>
        {
            writer.WriteString(ProblemFields.Type, problem.Type);
            writer.WriteString(ProblemFields.Title, problem.Title);
            writer.WriteNumber(ProblemFields.Status, problem.Status);
            writer.WriteString(ProblemFields.Detail, problem.Detail);
            writer.WriteString(ProblemFields.Instance, "urn:stsftw:request:" + requestId);
            if (problem.Problems.Count > 0)
            {
                writer.WriteStartArray(ProblemFields.Problems);
                foreach (var sentence in problem.Problems) writer.WriteStringValue(sentence);
                writer.WriteEndArray();
            }
            if (retryAfterSeconds is { } retry) writer.WriteNumber(ProblemFields.RetryAfterSeconds, retry);
        });
        return new HttpResponseData(problem.Status, headers, body);
    }

    private static HttpHeaderCollection CommonHeaders(string contentType) =>
        new HttpHeaderCollection()
            .Add("Content-Type", contentType + "; charset=utf-8")
            .Add("Cache-Control", "no-store")
            .Add("X-Content-Type-Options", "nosniff");

    private static string Write(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
