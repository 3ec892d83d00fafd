using System.Text;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// One hostile HTTP request of the corpus: what it attacks (<see cref="Name"/>, <see cref="Class"/>), the bytes and
/// headers to send, and what the backend must answer.
/// </summary>
/// <param name="Name">Says what the request attacks; unique in the corpus.</param>
/// <param name="Class">The family of attack, for the per-class figures.</param>
/// <param name="Body">The body exactly as the client sends it.</param>
/// <param name="Expected">The 4xx status the backend must answer with.</param>
internal sealed record HostileRequest(string Name, string Class, byte[] Body, int Expected)
{
    /// <summary>The request header a JSON client sends.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> JsonHeaders = [new("Content-Type", "application/json")];

    /// <summary>The method (any text, even one HTTP would not allow).</summary>
    public string Method { get; init; } = "POST";

    /// <summary>Request headers in order; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = JsonHeaders;

    /// <summary>
    /// For the ALB and function-URL events: the event says <c>isBase64Encoded</c> and carries <see cref="Body"/>'s text
    /// as it is, which is not base64. Over HTTP the same bytes are simply the body.
    /// </summary>
    public bool FalseBase64 { get; init; }

    /// <summary>Values the answer must not repeat, besides the string values found in the body.</summary>
    public IReadOnlyList<string> Probes { get; init; } = [];

    /// <summary>
    /// True for a request that is well-formed and so may be looked up in the table (an unknown account, a confusable
    /// name): it must still be refused, as 401, without reaching STS.
    /// </summary>
    public bool MayReachTable { get; init; }

    /// <summary>
    /// A second acceptable 4xx, for a request whose outcome depends on how the edge folds repeated headers
    /// (ALB single-value keeps the last, function URLs join them with commas, ALB multi-value keeps all).
    /// </summary>
    public int? Alternative { get; init; }

    /// <summary>Whether <see cref="Body"/> is valid UTF-8 (otherwise an event can carry it only as base64).</summary>
    public bool BodyIsUtf8
    {
        get
        {
            try
            {
                _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Body);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Class}/{Name}";
}
