namespace StsFtw.Lambda.Http;

/// <summary>Reason phrases, for the ALB's <c>statusDescription</c> ("401 Unauthorized").</summary>
public static class HttpStatusText
{
    /// <summary>The reason phrase of <paramref name="statusCode"/>.</summary>
    public static string ReasonPhrase(int statusCode) => statusCode switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };

    /// <summary><c>"401 Unauthorized"</c>.</summary>
    public static string Description(int statusCode) =>
        statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + ReasonPhrase(statusCode);
}
