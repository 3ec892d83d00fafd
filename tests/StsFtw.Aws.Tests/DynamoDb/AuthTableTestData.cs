using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Time.Testing;
using StsFtw.Aws.DynamoDb;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using StsFtw.Testing.Fixtures;

namespace StsFtw.Aws.Tests.DynamoDb;

/// <summary>Entries, clocks and raw item access shared by the auth table tests.</summary>
internal static class AuthTableTestData
{
    public const string Issuer = "Example";

    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static AccountKey Account(string name, string issuer = Issuer) => new(issuer, name);

    public static string Uri(AccountKey account) =>
        $"otpauth://totp/{account.Issuer}:{account.AccountName}?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer={account.Issuer}";

    public static AuthEntry Entry(AccountKey account, string[]? roles = null, string[]? secondaries = null) => new(account)
    {
        Roles = roles ?? ["Developer"],
        SecondaryAuthorizers = secondaries ?? [],
        Secret = new StoredSecret(Uri(account), null),
    };

    public static async Task<(AuthTableStores Table, FakeTimeProvider Clock, string Name)> NewTableAsync(DynaliteFixture fixture, string purpose)
    {
        var name = await fixture.CreateAuthTableAsync(purpose);
        var clock = new FakeTimeProvider(Now);
        return (new AuthTableStores(fixture.Client, name, clock), clock, name);
    }

    public static async Task<Dictionary<string, AttributeValue>?> RawItemAsync(DynaliteFixture fixture, string table, AccountKey account)
    {
        var response = await fixture.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            ConsistentRead = true,
            Key = new Dictionary<string, AttributeValue>
            {
                [AuthTableAttributes.Issuer] = new() { S = account.Issuer },
                [AuthTableAttributes.AccountName] = new() { S = account.AccountName },
            },
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    public static Task PutRawItemAsync(DynaliteFixture fixture, string table, Dictionary<string, AttributeValue> item) =>
        fixture.Client.PutItemAsync(new PutItemRequest { TableName = table, Item = item });

    /// <summary>An item exactly as STSFTW's Go backend wrote it (MarshalMap of a struct with a nil slice).</summary>
    public static Dictionary<string, AttributeValue> StsftwItem(AccountKey account, string[] roles) => new()
    {
        [AuthTableAttributes.Issuer] = new() { S = account.Issuer },
        [AuthTableAttributes.AccountName] = new() { S = account.AccountName },
        [AuthTableAttributes.Url] = new() { S = Uri(account) },
        [AuthTableAttributes.Roles] = new() { L = roles.Select(r => new AttributeValue { S = r }).ToList(), IsLSet = true },
        [AuthTableAttributes.SecondaryAuthorization] = new() { NULL = true },
    };

    public static long? Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is not null ? long.Parse(value.N, System.Globalization.CultureInfo.InvariantCulture) : null;
}
