using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using StsFtw.Aws.DynamoDb;
using StsFtw.Lambda.Bench.Rig;
using A = StsFtw.Aws.DynamoDb.AuthTableAttributes;

namespace StsFtw.Lambda.Bench.Scale;

/// <summary>
/// Fills an auth table with realistic entries (same issuer as the measured accounts, so they share one partition
/// key, a KMS-sized ciphertext, roles, stamps) by BatchWriteItem, 25 items a call, several writers at once.
/// </summary>
/// <remarks>The filler is never asked for, so its ciphertexts are random bytes rather than KMS round trips.</remarks>
public static class TableSeeder
{
    private const int BatchSize = 25;
    private const int Writers = 6;

    /// <summary>Writes <paramref name="count"/> entries named <c>filler-NNNNNN</c>; reports progress on <paramref name="progress"/>.</summary>
    public static async Task<TimeSpan> SeedAsync(string serviceUrl, string tableName, int count, TextWriter progress)
    {
        var started = Stopwatch.GetTimestamp();
        using var client = AuthTableClientFactory.Create(serviceUrl, Amazon.RegionEndpoint.USEast1,
            new Amazon.Runtime.BasicAWSCredentials("test", "test"), TimeSpan.FromSeconds(60));
        var nextBatch = -1;
        var written = 0;
        var batches = (count + BatchSize - 1) / BatchSize;
        var stamp = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        using var reporting = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            while (!reporting.IsCancellationRequested)
            {
                var done = Volatile.Read(ref written);
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                progress.Write($"\r  seeding {tableName[..Math.Min(tableName.Length, 16)]}: {done:N0}/{count:N0} ({done / Math.Max(seconds, 0.001):N0} items/s)      ");
                try
                {
                    await Task.Delay(1000, reporting.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref nextBatch)) < batches)
            {
                var first = batch * BatchSize;
                var items = Enumerable.Range(first, Math.Min(BatchSize, count - first))
                    .Select(i => new WriteRequest(new PutRequest(Item(i, stamp)))).ToList();
                await WriteAllAsync(client, tableName, items).ConfigureAwait(false);
                Interlocked.Add(ref written, items.Count);
            }
        })).ConfigureAwait(false);

        await reporting.CancelAsync().ConfigureAwait(false);
        await reporter.ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        progress.WriteLine($"\r  seeded {count:N0} entries in {elapsed.TotalSeconds:F1} s ({count / elapsed.TotalSeconds:N0} items/s)                ");
        return elapsed;
    }

    private static async Task WriteAllAsync(IAmazonDynamoDB client, string tableName, List<WriteRequest> items)
    {
        var pending = new Dictionary<string, List<WriteRequest>> { [tableName] = items };
        for (var attempt = 0; pending.Count > 0 && pending.Values.Any(v => v.Count > 0); attempt++)
        {
            if (attempt > 0) await Task.Delay(Math.Min(1000, 20 << Math.Min(attempt, 6))).ConfigureAwait(false);
            var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }).ConfigureAwait(false);
            pending = response.UnprocessedItems ?? new Dictionary<string, List<WriteRequest>>();
        }
    }

    private static Dictionary<string, AttributeValue> Item(int index, string stamp) => new()
    {
        [A.Issuer] = new AttributeValue { S = LocalAws.Issuer },
        [A.AccountName] = new AttributeValue { S = $"filler-{index:D6}" },
        [A.TotpSecretCiphertext] = new AttributeValue { B = new MemoryStream(RandomNumberGenerator.GetBytes(184)) },
        [A.Roles] = new AttributeValue { L = new List<AttributeValue> { new() { S = LocalAws.Role } }, IsLSet = true },
        [A.SecondaryAuthorization] = new AttributeValue { L = new List<AttributeValue>(), IsLSet = true },
        [A.FailedAttempts] = new AttributeValue { N = "0" },
        [A.CreatedAt] = new AttributeValue { S = stamp },
        [A.UpdatedAt] = new AttributeValue { S = stamp },
        [A.Revision] = new AttributeValue { N = "1" },
    };
}
