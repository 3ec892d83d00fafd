namespace StsFtw.Client.Endpoint;

/// <summary>
/// The URL credentials are requested from. Only <c>https://</c> is accepted, except plain <c>http://</c> to a
/// loopback address (127.0.0.0/8, <c>[::1]</c>, <c>localhost</c>) for a backend running on the same machine:
/// codes and credentials must never cross a network unencrypted.
/// </summary>
public sealed class CredentialEndpoint
{
    /// <summary>Longest URL accepted.</summary>
    public const int MaximumLength = 2048;

    private CredentialEndpoint(Uri uri) => Uri = uri;

    /// <summary>The absolute URL.</summary>
    public Uri Uri { get; }

    /// <summary>Parses and checks <paramref name="url"/>; on failure <paramref name="reason"/> says why.</summary>
    public static bool TryCreate(string? url, out CredentialEndpoint? endpoint, out string reason)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            reason = "The endpoint URL is empty.";
            return false;
        }
        if (url!.Length > MaximumLength)
        {
            reason = $"The endpoint URL is longer than {MaximumLength} characters.";
            return false;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            reason = "The endpoint must be an absolute https:// URL.";
            return false;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            reason = "The endpoint URL must not contain a user name or password.";
            return false;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            reason = $"The endpoint '{uri.GetLeftPart(UriPartial.Authority)}' uses plain http://, which would send codes and credentials unencrypted. " +
                "Use https://; plain http:// is accepted only for a loopback address (127.0.0.1, [::1], localhost).";
            return false;
        }
        endpoint = new CredentialEndpoint(uri);
        reason = string.Empty;
        return true;
    }

    /// <summary>Parses and checks <paramref name="url"/>, or throws <see cref="ArgumentException"/> with the reason.</summary>
    public static CredentialEndpoint Create(string url) =>
        TryCreate(url, out var endpoint, out var reason) ? endpoint! : throw new ArgumentException(reason, nameof(url));

    /// <inheritdoc />
    public override string ToString() => Uri.ToString();
}
