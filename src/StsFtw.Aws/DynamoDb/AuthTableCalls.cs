using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using StsFtw.Core.Accounts;
using StsFtw.Core.Dependencies;
using StsFtw.Core.Enrollment;
using A = StsFtw.Aws.DynamoDb.AuthTableAttributes;
using M = StsFtw.Aws.DynamoDb.AuthItemMapper;

namespace StsFtw.Aws.DynamoDb;

/// <summary>
/// What both stores of the auth table share: one client and table, calls that turn every AWS or transport failure
/// into a <see cref="DependencyFailureException"/> for <see cref="Dependency.AuthTable"/> (described by
/// <see cref="AwsFailure"/>), consistent reads by key, item mapping, and jittered backoff.
/// </summary>
/// <remarks>
/// Cancellation by the caller's token stays an <see cref="OperationCanceledException"/>; a failed condition stays a
/// <see cref="ConditionalCheckFailedException"/> for the store to interpret. No timeout of its own: bound each call
/// with the client's configuration (<see cref="AuthTableClientFactory"/>) or the token.
/// </remarks>
internal sealed class AuthTableCalls
{
    private readonly Random _jitter = new();

    public AuthTableCalls(IAmazonDynamoDB client, string tableName)
    {
        if (AuthTableName.Check(tableName) is { } reason) throw new ArgumentException(reason, nameof(tableName));
        Client = client ?? throw new ArgumentNullException(nameof(client));
        TableName = tableName;
    }

    public IAmazonDynamoDB Client { get; }

    public string TableName { get; }

    public async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            throw;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            if (e is OperationCanceledException) throw;
            throw new OperationCanceledException($"Cancelled while {operation}.", e, cancellationToken);
        }
        catch (Exception e) when (AwsFailure.IsDependencyFailure(e, cancellationToken))
        {
            throw AwsFailure.ToDependencyFailure(Dependency.AuthTable, $"The auth table '{TableName}' failed while {operation}", e);
        }
    }

    public DependencyFailureException Failure(string what, Exception? cause = null) =>
        new(Dependency.AuthTable, $"The auth table '{TableName}' {what}.", cause);

    public async Task<AuthEntry?> GetEntryAsync(AccountKey account, string operation, CancellationToken cancellationToken)
    {
        var item = await GetItemAsync(account, operation, null, null, cancellationToken).ConfigureAwait(false);
        return item is null ? null : Map(item, operation);
    }

    public async Task<Dictionary<string, AttributeValue>?> GetItemAsync(
        AccountKey account, string operation, string? projection, Dictionary<string, string>? names, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = TableName,
            Key = M.ToKey(account),
            ConsistentRead = true,
            ProjectionExpression = projection,
            ExpressionAttributeNames = names,
        };
        var response = await CallAsync(operation, ct => Client.GetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    public AuthEntry Map(Dictionary<string, AttributeValue>? item, string operation)
    {
        if (item is null || item.Count == 0) throw Failure($"returned no item while {operation}");
        try
        {
            return M.FromItem(item);
        }
        catch (InvalidDataException e)
        {
            // e.Message names the attribute, never its value; the key is not secret.
            var key = item.TryGetValue(A.Issuer, out var i) && item.TryGetValue(A.AccountName, out var n) ? $" '{i?.S}/{n?.S}'" : string.Empty;
            throw Failure($"holds a malformed entry{key} ({e.Message}) found while {operation}", e);
        }
    }

    public long? ReadRevision(Dictionary<string, AttributeValue> item, string operation)
    {
        try
        {
            return M.ReadRevision(item);
        }
        catch (InvalidDataException e)
        {
            throw Failure($"holds a malformed entry ({e.Message}) found while {operation}", e);
        }
    }

    /// <summary>Full jitter: a random wait up to 10 ms * 2^attempt, at most 320 ms, so racing writers spread out.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var ceiling = 10 * (1 << Math.Min(attempt, 5));
        int milliseconds;
        lock (_jitter) milliseconds = _jitter.Next(1, ceiling + 1);
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    public static Dictionary<string, string> Names(params (string Placeholder, string Name)[] names)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (placeholder, name) in names) result[placeholder] = name;
        return result;
    }

    public static Dictionary<string, AttributeValue> Values(params (string Placeholder, AttributeValue Value)[] values)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var (placeholder, value) in values) result[placeholder] = value;
        return result;
    }
}
