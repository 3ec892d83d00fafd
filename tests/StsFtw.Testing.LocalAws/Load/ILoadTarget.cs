namespace StsFtw.Testing.Load;

/// <summary>Something that answers credential requests: the endpoint in-process, or the local HTTP mode of the process.</summary>
public interface ILoadTarget
{
    /// <summary>A short name for reports (for example <c>in-process</c>).</summary>
    string Name { get; }

    /// <summary>POSTs <paramref name="body"/> as <c>application/json</c> and returns the answer.</summary>
    Task<LoadReply> SendAsync(string body, CancellationToken cancellationToken);
}

/// <summary>An HTTP answer: status and body.</summary>
public sealed record LoadReply(int Status, string Body)
{
    /// <summary>True when the body holds credentials.</summary>
    public bool CarriesCredentials => Status == 200 && Body.Contains("\"AccessKeyId\"", StringComparison.Ordinal);
}
