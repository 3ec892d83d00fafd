using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using StsFtw.Core.Audit;
using StsFtw.Core.Dependencies;

namespace StsFtw.Aws.Sns;

/// <summary>
/// Publishes audit events to an SNS topic with the SNS Query API (<c>Action=Publish</c>), signed with SigV4 by
/// AWSSDK.Core's <see cref="AWSSigV4Signer"/>. Hand-written because no SNS SDK package is available; swap it for
/// the official client behind <see cref="IAuditSink"/> when there is one.
/// </summary>
/// <remarks>
/// Each message carries the attribute <c>event_type</c> (<see cref="AuditMessage.EventType"/>) so subscriptions
/// can filter. Each attempt is bounded by <see cref="SnsAuditSinkOptions.AttemptTimeout"/>; throttling, 5xx,
/// transport failures and timeouts are retried up to <see cref="SnsAuditSinkOptions.MaxRetries"/> times with
/// exponential backoff and jitter, so one publish takes at most about (retries + 1) × timeout plus the backoffs.
/// A retried publish that had in fact arrived is delivered twice: duplicates are the price of failing closed.
/// The function needs <c>sns:Publish</c> on the topic (and <c>kms:GenerateDataKey</c> if the topic is encrypted).
/// </remarks>
public sealed class SnsAuditSink : IAuditSink
{
    /// <summary>The SigV4 signing name of SNS.</summary>
    public const string SigningName = "sns";

    /// <summary>The message attribute that carries <see cref="AuditMessage.EventType"/>.</summary>
    public const string EventTypeAttribute = "event_type";

    /// <summary>Longest message SNS accepts: 256 KB of UTF-8, attributes included; 1 KB is left for the attribute.</summary>
    public const int MaximumMessageBytes = 256 * 1024 - 1024;

    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private const string TruncationMarker = "\n[truncated]";

    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "Throttled", "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled",
        "TooManyRequestsException", "InternalError", "InternalFailure", "ServiceUnavailable",
    };

    private readonly HttpClient _http;
    private readonly SnsAuditSinkOptions _options;
    private readonly RegionEndpoint _signingRegion;
    private readonly Random _jitter = new();
    private AWSCredentials? _credentials;

    /// <summary>Creates the sink.</summary>
    /// <param name="http">The client to send with (see <see cref="SnsHttpClientFactory"/>); the caller owns it.</param>
    /// <param name="options">The topic, endpoint, credentials and bounds.</param>
    public SnsAuditSink(HttpClient http, SnsAuditSinkOptions options)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.AttemptTimeout <= TimeSpan.Zero) throw new ArgumentException("The attempt timeout must be positive.", nameof(options));
        if (options.MaxRetries < 0) throw new ArgumentException("Retries cannot be negative.", nameof(options));
        _signingRegion = RegionEndpoint.GetBySystemName(options.SigningRegion);
        _credentials = options.Credentials;
    }

    /// <inheritdoc />
    /// <remarks><see cref="AuditDelivery.OneAttempt"/> sends once whatever the answer (refusal announcements: a flood must not multiply into retries).</remarks>
    public Task PublishAsync(AuditEvent auditEvent, AuditDelivery delivery, CancellationToken cancellationToken)
    {
        if (auditEvent is null) throw new ArgumentNullException(nameof(auditEvent));
        return PublishAsync(AuditMessageFormatter.Format(auditEvent), delivery, cancellationToken);
    }

    /// <summary>Publishes one rendered message, retried, and returns the MessageId SNS assigned.</summary>
    /// <exception cref="DependencyFailureException">SNS refused, throttled past the retries, failed or timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<string> PublishAsync(AuditMessage message, CancellationToken cancellationToken) =>
        PublishAsync(message, AuditDelivery.Retried, cancellationToken);

    /// <summary>Publishes one rendered message and returns the MessageId SNS assigned.</summary>
    /// <exception cref="DependencyFailureException">SNS refused, throttled past the retries (or at all, for <see cref="AuditDelivery.OneAttempt"/>), failed or timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<string> PublishAsync(AuditMessage message, AuditDelivery delivery, CancellationToken cancellationToken)
    {
        if (message is null) throw new ArgumentNullException(nameof(message));
        var body = Encoding.UTF8.GetBytes(FormBody(message));
        var credentials = await ResolveCredentialsAsync().ConfigureAwait(false);
        var retries = delivery == AuditDelivery.OneAttempt ? 0 : _options.MaxRetries;

        for (var attempt = 0; ; attempt++)
        {
            var outcome = await SendOnceAsync(body, credentials, cancellationToken).ConfigureAwait(false);
            if (outcome.MessageId is not null) return outcome.MessageId;
            if (!outcome.Retryable || attempt >= retries)
            {
                throw new DependencyFailureException(
                    Dependency.AuditTopic, $"SNS Publish to {_options.TopicArn} failed: {outcome.Failure}", outcome.Exception);
            }
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AttemptOutcome> SendOnceAsync(byte[] body, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(_options.AttemptTimeout);
        try
        {
            using var request = await SignedRequestAsync(body, credentials, attemptTimeout.Token).ConfigureAwait(false);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptTimeout.Token)
                .ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return Interpret(response.StatusCode, text);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception)
        {
            return AttemptOutcome.Failed($"timed out after {_options.AttemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", retryable: true, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return AttemptOutcome.Failed("transport failure: " + exception.GetType().Name, retryable: true, exception);
        }
        catch (Exception exception) when (exception is AmazonClientException or AmazonServiceException)
        {
            // Credentials could not be refreshed for signing (expired container credentials, no IMDS answer).
            return AttemptOutcome.Failed("could not sign the request: " + AwsFailure.OneLine(exception.Message), retryable: true, exception);
        }
    }

    private async Task<HttpRequestMessage> SignedRequestAsync(byte[] body, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var endpoint = _options.Endpoint;
        var signingRequest = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = endpoint,
            Content = body,
        };
        signingRequest.Headers["Content-Type"] = FormContentType;
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = _signingRegion,
            Service = SigningName,
        };
        var signed = await AWSSigV4Signer.SignAsync(signingRequest, parameters, cancellationToken).ConfigureAwait(false);

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(FormContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        foreach (var header in signed.Headers)
        {
            if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)) continue;
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        return request;
    }

    private static AttemptOutcome Interpret(HttpStatusCode status, string text)
    {
        var statusCode = (int)status;
        if (statusCode >= 200 && statusCode < 300)
        {
            var messageId = SnsQueryResponse.ReadMessageId(text);
            return messageId is not null
                ? AttemptOutcome.Published(messageId)
                : AttemptOutcome.Failed($"HTTP {statusCode} without a MessageId (not an SNS Publish answer)", retryable: false, null);
        }

        var (code, message) = SnsQueryResponse.ReadError(text);
        var retryable = statusCode >= 500 || statusCode == 429 || (code is not null && RetryableCodes.Contains(code));
        var failure = AwsFailure.DescribeServiceError(Dependency.AuditTopic, code, statusCode, message);
        return AttemptOutcome.Failed(failure, retryable, null);
    }

    private async Task<AWSCredentials> ResolveCredentialsAsync()
    {
        if (_credentials is not null) return _credentials;
        try
        {
            // The resolved object refreshes itself (environment, container or instance credentials), so keep it.
            var resolved = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).ConfigureAwait(false);
            _credentials = resolved;
            return resolved;
        }
        catch (Exception exception) when (exception is AmazonClientException or AmazonServiceException or HttpRequestException or IOException)
        {
            throw new DependencyFailureException(
                Dependency.AuditTopic, $"SNS Publish to {_options.TopicArn} failed: no AWS credentials to sign with: {AwsFailure.OneLine(exception.Message)}", exception)
            {
                CredentialsMissing = AwsFailure.IsMissingCredentials(exception),
            };
        }
    }

    private string FormBody(AuditMessage message)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Action", "Publish"),
            new("Version", "2010-03-31"),
            new("TopicArn", _options.TopicArn),
            new("Message", TruncateUtf8(message.Body, MaximumMessageBytes)),
            new("MessageAttributes.entry.1.Name", EventTypeAttribute),
            new("MessageAttributes.entry.1.Value.DataType", "String"),
            new("MessageAttributes.entry.1.Value.StringValue", message.EventType),
        };
        if (!string.IsNullOrEmpty(message.Subject)) fields.Add(new("Subject", message.Subject));

        var builder = new StringBuilder();
        foreach (var field in fields)
        {
            if (builder.Length > 0) builder.Append('&');
            PercentEncode(builder, field.Key);
            builder.Append('=');
            PercentEncode(builder, field.Value);
        }
        return builder.ToString();
    }

    // RFC 3986 unreserved characters stay, everything else is UTF-8 %XX (what SigV4 and the Query API expect);
    // hand-written because Uri.EscapeDataString has a length limit on .NET Framework.
    private static void PercentEncode(StringBuilder builder, string value)
    {
        const string Hex = "0123456789ABCDEF";
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }
    }

    /// <summary>The text unchanged when it fits in <paramref name="maximumBytes"/> of UTF-8, else cut at a character boundary and marked.</summary>
    internal static string TruncateUtf8(string text, int maximumBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maximumBytes) return text;
        var budget = maximumBytes - Encoding.UTF8.GetByteCount(TruncationMarker);
        var used = 0;
        var length = 0;
        while (length < text.Length)
        {
            var width = char.IsHighSurrogate(text[length]) && length + 1 < text.Length && char.IsLowSurrogate(text[length + 1]) ? 2 : 1;
            var bytes = Encoding.UTF8.GetByteCount(text.ToCharArray(length, width));
            if (used + bytes > budget) break;
            used += bytes;
            length += width;
        }
        return text.Substring(0, length) + TruncationMarker;
    }

    private TimeSpan Backoff(int attempt)
    {
        double fraction;
        lock (_jitter)
        {
            fraction = 0.5 + _jitter.NextDouble() / 2;
        }
        var ceiling = _options.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, attempt);
        return TimeSpan.FromMilliseconds(ceiling * fraction);
    }

    private sealed class AttemptOutcome
    {
        private AttemptOutcome(string? messageId, string failure, bool retryable, Exception? exception)
        {
            MessageId = messageId;
            Failure = failure;
            Retryable = retryable;
            Exception = exception;
        }

        public string? MessageId { get; }

        public string Failure { get; }

        public bool Retryable { get; }

        public Exception? Exception { get; }

        public static AttemptOutcome Published(string messageId) => new(messageId, string.Empty, false, null);

        public static AttemptOutcome Failed(string failure, bool retryable, Exception? exception) => new(null, failure, retryable, exception);
    }
}
