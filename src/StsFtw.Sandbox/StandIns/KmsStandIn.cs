using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StsFtw.Sandbox.StandIns;

/// <summary>
/// KMS over AWS JSON 1.1 (<c>X-Amz-Target: TrentService.Encrypt</c> / <c>Decrypt</c>). Ciphertexts are real AES-GCM
/// (random keys held in memory only, gone when it stops), bound to the key and to the encryption context as associated data, so a ciphertext opened
/// with another context, or random bytes, fail with <c>InvalidCiphertextException</c> as real KMS does; a
/// ciphertext of another key opened with an explicit KeyId fails with <c>IncorrectKeyException</c>.
/// </summary>
public sealed class KmsStandIn : StandInServer
{
    /// <summary>The Encrypt action.</summary>
    public const string Encrypt = "Encrypt";

    /// <summary>The Decrypt action.</summary>
    public const string Decrypt = "Decrypt";

    private const string TargetPrefix = "TrentService.";
    private const byte BlobVersion = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + 16 + NonceLength + TagLength;

    private readonly Dictionary<Guid, byte[]> _keys = new();
    private readonly Dictionary<string, Guid> _aliases = new(StringComparer.Ordinal);
    private readonly object _keysLock = new();

    /// <summary>The alias of the first key unless another is named.</summary>
    public const string DefaultAlias = "alias/stsftw-test";

    /// <summary>Starts the server with one key, aliased <paramref name="alias"/>.</summary>
    public KmsStandIn(string alias = DefaultAlias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        AliasName = alias;
        KeyId = CreateKey(alias);
    }

    /// <summary>The account that owns the keys.</summary>
    public string AccountId { get; } = "123456789012";

    /// <summary>The region in key ARNs.</summary>
    public string Region { get; } = "us-east-1";

    /// <summary>The first key's id.</summary>
    public string KeyId { get; }

    /// <summary>The first key's ARN.</summary>
    public string KeyArn => ArnOf(Guid.Parse(KeyId));

    /// <summary>The first key's alias.</summary>
    public string AliasName { get; }

    /// <summary>Creates another key and returns its id.</summary>
    public string CreateKey(string? alias = null)
    {
        var id = Guid.NewGuid();
        lock (_keysLock)
        {
            _keys[id] = RandomNumberGenerator.GetBytes(32);
            if (alias is not null) _aliases[alias] = id;
        }
        return id.ToString();
    }

    /// <inheritdoc />
    protected override string ThrottlingCode => "ThrottlingException";

    /// <inheritdoc />
    protected override (string Action, IReadOnlyDictionary<string, string> Parameters) Parse(
        IReadOnlyDictionary<string, string> headers, string body)
    {
        var target = headers.TryGetValue("X-Amz-Target", out var value) ? value : string.Empty;
        var action = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonNode.Parse(string.IsNullOrEmpty(body) ? "{}" : body) is JsonObject json)
        {
            foreach (var (name, node) in json)
            {
                if (node is JsonObject nested)
                {
                    foreach (var (key, inner) in nested) fields[$"{name}.{key}"] = inner?.GetValue<string>() ?? string.Empty;
                }
                else
                {
                    fields[name] = node is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? string.Empty;
                }
            }
        }
        return (action, fields);
    }

    /// <inheritdoc />
    protected override StandInReply Handle(RecordedCall call) => call.Action switch
    {
        Encrypt => HandleEncrypt(call),
        Decrypt => HandleDecrypt(call),
        _ => Error(400, "UnknownOperationException", $"Unknown operation {call.Action}."),
    };

    /// <inheritdoc />
    protected override StandInReply Error(int status, string code, string message) =>
        new(status, "application/x-amz-json-1.1", new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString());

    private StandInReply HandleEncrypt(RecordedCall call)
    {
        if (ResolveKey(call["KeyId"]) is not { } keyId) return Error(400, "NotFoundException", "Key not found.");
        var plaintext = Convert.FromBase64String(call["Plaintext"] ?? string.Empty);
        if (plaintext.Length is 0 or > 4096) return Error(400, "ValidationException", "Plaintext must be 1 to 4096 bytes.");

        var blob = new byte[HeaderLength + plaintext.Length];
        blob[0] = BlobVersion;
        keyId.ToByteArray().CopyTo(blob, 1);
        var nonce = blob.AsSpan(17, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(KeyMaterial(keyId), TagLength))
        {
            aes.Encrypt(nonce, plaintext, blob.AsSpan(HeaderLength), blob.AsSpan(17 + NonceLength, TagLength), AssociatedData(keyId, call));
        }
        return Ok(new JsonObject
        {
            ["CiphertextBlob"] = Convert.ToBase64String(blob),
            ["KeyId"] = ArnOf(keyId),
            ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        });
    }

    private StandInReply HandleDecrypt(RecordedCall call)
    {
        var blob = Convert.FromBase64String(call["CiphertextBlob"] ?? string.Empty);
        if (blob.Length <= HeaderLength || blob[0] != BlobVersion) return InvalidCiphertext();
        var keyId = new Guid(blob.AsSpan(1, 16));
        byte[]? material;
        lock (_keysLock) material = _keys.GetValueOrDefault(keyId);
        if (material is null) return InvalidCiphertext();

        if (call["KeyId"] is { } requested)
        {
            if (ResolveKey(requested) is not { } requestedId) return Error(400, "NotFoundException", "Key not found.");
            if (requestedId != keyId) return Error(400, "IncorrectKeyException", "The key ID in the request does not identify a KMS key that can perform this operation.");
        }

        var plaintext = new byte[blob.Length - HeaderLength];
        try
        {
            using var aes = new AesGcm(material, TagLength);
            aes.Decrypt(blob.AsSpan(17, NonceLength), blob.AsSpan(HeaderLength), blob.AsSpan(17 + NonceLength, TagLength), plaintext, AssociatedData(keyId, call));
        }
        catch (AuthenticationTagMismatchException)
        {
            return InvalidCiphertext();
        }
        return Ok(new JsonObject
        {
            ["KeyId"] = ArnOf(keyId),
            ["Plaintext"] = Convert.ToBase64String(plaintext),
            ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        });
    }

    private StandInReply InvalidCiphertext() => Error(400, "InvalidCiphertextException", string.Empty);

    private static StandInReply Ok(JsonObject body) => new(200, "application/x-amz-json-1.1", body.ToJsonString());

    // The key and the whole encryption context, in a canonical order, are authenticated with the ciphertext.
    private static byte[] AssociatedData(Guid keyId, RecordedCall call)
    {
        var context = call.Parameters
            .Where(p => p.Key.StartsWith("EncryptionContext.", StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new[] { p.Key, p.Value });
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { key = keyId, context }));
    }

    private byte[] KeyMaterial(Guid keyId)
    {
        lock (_keysLock) return _keys[keyId];
    }

    private Guid? ResolveKey(string? keyId)
    {
        if (string.IsNullOrEmpty(keyId)) return null;
        var aliasPrefix = $"arn:aws:kms:{Region}:{AccountId}:";
        var keyPrefix = aliasPrefix + "key/";
        if (keyId.StartsWith(keyPrefix, StringComparison.Ordinal)) keyId = keyId[keyPrefix.Length..];
        else if (keyId.StartsWith(aliasPrefix + "alias/", StringComparison.Ordinal)) keyId = keyId[aliasPrefix.Length..];
        lock (_keysLock)
        {
            if (_aliases.TryGetValue(keyId, out var aliased)) return aliased;
            return Guid.TryParse(keyId, out var id) && _keys.ContainsKey(id) ? id : null;
        }
    }

    private string ArnOf(Guid keyId) => $"arn:aws:kms:{Region}:{AccountId}:key/{keyId}";
}
