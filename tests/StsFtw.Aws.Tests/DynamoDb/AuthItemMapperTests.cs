using Amazon.DynamoDBv2.Model;
using StsFtw.Aws.DynamoDb;
using StsFtw.Core.Accounts;
using StsFtw.Core.Enrollment;
using A = StsFtw.Aws.DynamoDb.AuthTableAttributes;

namespace StsFtw.Core.Tests.DynamoDb;

public sealed class AuthItemMapperTests
{
    private const string Url = "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example";
    private static readonly AccountKey Alice = new("Example", "alice");
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void StsftwItemWithNilSecondariesReadsAsEmptyList()
    {
        var entry = AuthItemMapper.FromItem(StsftwItem());

        Assert.Equal(Alice, entry.Account);
        Assert.Equal(["Developer"], entry.Roles);
        Assert.Empty(entry.SecondaryAuthorizers);
        Assert.Equal(Url, entry.Secret.OtpAuthUri);
        Assert.Null(entry.LastAcceptedTimeStep);
        Assert.Equal(0, entry.ConsecutiveFailures);
        Assert.Null(entry.LockedUntil);
        Assert.Null(entry.CreatedAt);
        Assert.Null(AuthItemMapper.ReadRevision(StsftwItem()));
    }

    [Fact]
    public void MissingListsReadAsEmpty()
    {
        var item = StsftwItem();
        item.Remove(A.Roles);
        item.Remove(A.SecondaryAuthorization);

        var entry = AuthItemMapper.FromItem(item);

        Assert.Empty(entry.Roles);
        Assert.Empty(entry.SecondaryAuthorizers);
    }

    [Fact]
    public void StringSetListsAreRead()
    {
        var item = StsftwItem();
        item[A.SecondaryAuthorization] = new AttributeValue { SS = ["bob", "carol"] };

        Assert.Equal(["bob", "carol"], AuthItemMapper.FromItem(item).SecondaryAuthorizers);
    }

    [Theory]
    [InlineData(A.SecondaryAuthorization)]
    [InlineData(A.Roles)]
    public void DamagedListIsRefusedNamingTheAttributeNotTheValue(string attribute)
    {
        var item = StsftwItem();
        item[attribute] = new AttributeValue { S = "bob-the-value" };

        var error = Assert.Throws<InvalidDataException>(() => AuthItemMapper.FromItem(item));

        Assert.Contains(attribute, error.Message);
        Assert.DoesNotContain("bob-the-value", error.Message);
    }

    [Fact]
    public void ListWithANonStringElementIsRefused()
    {
        var item = StsftwItem();
        item[A.Roles] = new AttributeValue { L = [new AttributeValue { N = "1" }] };

        Assert.Throws<InvalidDataException>(() => AuthItemMapper.FromItem(item));
    }

    [Fact]
    public void CiphertextAndUrlAreBothReadAndTheCiphertextWins()
    {
        var item = StsftwItem();
        item[A.TotpSecretCiphertext] = AuthItemMapper.Binary([1, 2, 3]);

        var secret = AuthItemMapper.FromItem(item).Secret;

        Assert.True(secret.HasCiphertext);
        Assert.Equal([1, 2, 3], secret.Ciphertext);
        Assert.Equal(Url, secret.OtpAuthUri);
    }

    [Fact]
    public void NewItemWritesListsAsListsOfStringsAndEmptyListsAsEmptyL()
    {
        var item = AuthItemMapper.ToItem(new AuthEntry(Alice) { Roles = ["Developer"], Secret = new StoredSecret(Url, null) }, Now, 1);

        Assert.Equal(["Developer"], item[A.Roles].L.Select(v => v.S));
        Assert.True(item[A.SecondaryAuthorization].IsLSet);
        Assert.Empty(item[A.SecondaryAuthorization].L);
        Assert.Null(item[A.SecondaryAuthorization].NULL);
        Assert.Equal(Url, item[A.Url].S);
        Assert.Equal("1", item[A.Revision].N);
        Assert.Equal("0", item[A.FailedAttempts].N);
    }

    [Fact]
    public void NewItemWithCiphertextCarriesNoPlaintextUrl()
    {
        var item = AuthItemMapper.ToItem(new AuthEntry(Alice) { Secret = new StoredSecret(Url, [7, 7]) }, Now, 1);

        Assert.False(item.ContainsKey(A.Url));
        Assert.Equal([7, 7], item[A.TotpSecretCiphertext].B.ToArray());
    }

    [Fact]
    public void ReplayAndLockStateSurviveARoundTrip()
    {
        var entry = new AuthEntry(Alice)
        {
            Roles = ["Developer", "Admin"],
            SecondaryAuthorizers = ["bob"],
            Secret = new StoredSecret(Url, null),
            LastAcceptedTimeStep = 58_000_000,
            ConsecutiveFailures = 3,
            LockedUntil = new DateTimeOffset(2025, 3, 1, 12, 15, 0, TimeSpan.Zero),
        };

        var read = AuthItemMapper.FromItem(AuthItemMapper.ToItem(entry, Now, 7));

        Assert.Equal(entry.Roles, read.Roles);
        Assert.Equal(entry.SecondaryAuthorizers, read.SecondaryAuthorizers);
        Assert.Equal(entry.LastAcceptedTimeStep, read.LastAcceptedTimeStep);
        Assert.Equal(entry.ConsecutiveFailures, read.ConsecutiveFailures);
        Assert.Equal(entry.LockedUntil, read.LockedUntil);
        Assert.Equal(Now, read.CreatedAt);
        Assert.Equal(Now, read.UpdatedAt);
    }

    [Fact]
    public void StampsAreIso8601UtcWithMilliseconds()
    {
        var local = new DateTimeOffset(2025, 3, 1, 14, 0, 0, 5, TimeSpan.FromHours(2));

        Assert.Equal("2025-03-01T12:00:00.005Z", AuthItemMapper.FormatStamp(local));
    }

    [Theory]
    [InlineData(A.LastTimeStep, "abc")]
    [InlineData(A.FailedAttempts, "1.5")]
    [InlineData(A.LockedUntil, "99999999999999")]
    public void MalformedNumbersAreRefused(string attribute, string number)
    {
        var item = StsftwItem();
        item[attribute] = new AttributeValue { N = number };

        Assert.Throws<InvalidDataException>(() => AuthItemMapper.FromItem(item));
    }

    private static Dictionary<string, AttributeValue> StsftwItem() => new()
    {
        [A.Issuer] = new() { S = Alice.Issuer },
        [A.AccountName] = new() { S = Alice.AccountName },
        [A.Url] = new() { S = Url },
        [A.Roles] = new() { L = [new AttributeValue { S = "Developer" }] },
        [A.SecondaryAuthorization] = new() { NULL = true },
    };
}
