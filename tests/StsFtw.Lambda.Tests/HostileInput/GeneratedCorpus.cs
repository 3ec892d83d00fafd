using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using StsFtw.Core.Wire;
using static StsFtw.Lambda.Tests.HostileInput.RequestText;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// The generated half of the hostile-input corpus: FsCheck generators, sampled with a fixed seed so the corpus is the
/// same on every run (and its size can be enforced). Each generator builds one kind of attack and knows the answer.
/// </summary>
internal static class GeneratedCorpus
{
    /// <summary>The seed: change it to see other samples; a failing entry's name carries its generator and index.</summary>
    public const ulong Seed = 0x5757_4654_6836;

    private const int Size = 50;

    private static readonly string[] KnownFields =
    [
        CredentialRequestFields.Issuer, CredentialRequestFields.AccountName, CredentialRequestFields.TotpCode, CredentialRequestFields.Role,
        CredentialRequestFields.SecondaryAccountName, CredentialRequestFields.SecondaryTotpCode, CredentialRequestFields.DurationSeconds,
    ];

    public static IReadOnlyList<HostileRequest> All { get; } = Sample();

    /// <summary>Samples every generator with <see cref="Seed"/>.</summary>
    internal static List<HostileRequest> Sample()
    {
        var corpus = new List<HostileRequest>();
        var random = new Rnd(Seed);
        void Sample(string generator, Gen<HostileRequest> gen, int count)
        {
            var index = 0;
            foreach (var request in gen.Sample(count, random, Size))
            {
                corpus.Add(request with { Name = $"{generator} #{index++}: {request.Name}", Class = "generated-" + generator });
            }
        }

        Sample("code", NotSixAsciiDigits(), 60);
        Sample("forbidden-character", NameWithForbiddenCharacter(), 50);
        Sample("role", BrokenRole(), 40);
        Sample("duration", DurationOutOfRange(), 40);
        Sample("bytes", RandomBytesAfterABrace(), 40);
        Sample("wrong-type", WrongType(), 30);
        Sample("duplicate", CaseVariantDuplicate(), 30);
        Sample("unicode-name", UnicodeAccountName(), 30);
        return corpus;
    }

    private static Gen<HostileRequest> NotSixAsciiDigits()
    {
        var digitLike = Gen.Frequency(
            (6, Gen.Choose('0', '9').Select(c => (char)c)),
            (1, Gen.Choose(0xFF10, 0xFF19).Select(c => (char)c)),   // fullwidth
            (1, Gen.Choose(0x0660, 0x0669).Select(c => (char)c)),   // Arabic-Indic
            (1, Gen.Choose(0x06F0, 0x06F9).Select(c => (char)c)),   // extended Arabic-Indic
            (1, Gen.Choose(0x0966, 0x096F).Select(c => (char)c)),   // Devanagari
            (1, Gen.Elements(' ', '-', '.', '+', 'e', 'O', 'l', '\0', '\u200B', '\t')));
        return from length in Gen.Choose(0, 9)
               from chars in Gen.ArrayOf(digitLike, length)
               let code = new string(chars)
               where !(code.Length == 6 && code.All(char.IsAsciiDigit))
               select new HostileRequest($"code '{Escape(code)}'", "", Utf8(WithString(CredentialRequestFields.TotpCode, code)), 400)
               {
                   Probes = code.Trim().Length >= 5 ? [code] : [],
               };
    }

    private static Gen<HostileRequest> NameWithForbiddenCharacter()
    {
        var forbidden = Gen.OneOf(
            Gen.Choose(0x00, 0x1F).Select(c => (char)c),
            Gen.Choose(0x7F, 0x9F).Select(c => (char)c),
            Gen.Elements('\u00AD', '\u061C', '\u180E', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D',
                '\u202E', '\u2060', '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF', '\u2028', '\u2029', '\uFFF9', '\uFFFA', '\uFFFB'),
            Gen.Choose(0xE000, 0xF8FF).Select(c => (char)c));
        return from name in Gen.Elements("alice", "bob", "mallory", "svc-deploy", "first.last@example.com", "Example")
               from field in Gen.Elements(CredentialRequestFields.Issuer, CredentialRequestFields.AccountName)
               from at in Gen.Choose(0, name.Length)
               from c in forbidden
               let value = name.Insert(at, c.ToString())
               select new HostileRequest($"U+{(int)c:X4} at {at} in {field}", "", Utf8(WithString(field, value)), 400) { Probes = [value] };
    }

    private static Gen<HostileRequest> BrokenRole()
    {
        var iamChar = Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=,.@-".ToCharArray());
        var badChar = Gen.Elements(' ', '*', '/', ':', '?', '#', '%', '\'', '"', ';', '!', '~', '\u0430', '\uFF21', '\u00E9', '\\', '<', '>', '|', '$');
        var brokenName = from length in Gen.Choose(0, 70)
                         from chars in Gen.ArrayOf(iamChar, length)
                         from bad in badChar
                         from at in Gen.Choose(0, length)
                         select new string(chars).Insert(at, bad.ToString());
        var tooLongName = from length in Gen.Choose(65, 200)
                          from chars in Gen.ArrayOf(iamChar, length)
                          select new string(chars);
        var brokenArn = from partition in Gen.Elements("aws", "aws", "aws-cn", "AWS", "aws-", "", "aws_cn", "aws cn")
                        from digits in Gen.Choose(0, 14)
                        from account in Gen.ArrayOf(Gen.Elements("0123456789*x".ToCharArray()), digits)
                        from service in Gen.Elements("iam", "iam", "sts", "s3", "IAM")
                        from kind in Gen.Elements("role", "role", "user", "group", "policy", "assumed-role")
                        from name in Gen.OneOf(brokenName, Gen.Elements("Admin", "*", "Admin*", ""))
                        let arn = $"arn:{partition}:{service}::{new string(account)}:{kind}/{name}"
                        where !(partition is "aws" or "aws-cn" && service == "iam" && kind == "role" && account.Length == 12 && account.All(char.IsAsciiDigit)
                                && name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c)))
                        select arn;
        return from role in Gen.OneOf(brokenName, tooLongName, brokenArn)
               select new HostileRequest($"role '{Escape(role)}'", "", Utf8(WithString(CredentialRequestFields.Role, role)), 400)
               {
                   Probes = role.Trim().Length >= 5 ? [role] : [],
               };
    }

    private static Gen<HostileRequest> DurationOutOfRange()
    {
        var tooShort = Gen.Choose(-1_000_000, 899).Select(s => s.ToString(CultureInfo.InvariantCulture));
        var tooLong = Gen.Choose(43_201, int.MaxValue).Select(s => s.ToString(CultureInfo.InvariantCulture));
        var fraction = from whole in Gen.Choose(900, 43_200)
                       from part in Gen.Choose(1, 999)
                       select $"{whole}.{part}";
        var quoted = Gen.Choose(900, 43_200).Select(s => $"\"{s}\"");
        var exponent = Gen.Choose(1, 9).Select(d => $"{d}e3");
        return from raw in Gen.OneOf(tooShort, tooLong, fraction, quoted, exponent)
               select new HostileRequest($"DurationSeconds {raw}", "", Utf8(With(CredentialRequestFields.DurationSeconds, raw)), 400);
    }

    private static Gen<HostileRequest> RandomBytesAfterABrace() =>
        from length in Gen.Choose(0, 200)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        select new HostileRequest($"{length} random bytes", "", [(byte)'{', .. bytes], 400);

    private static Gen<HostileRequest> WrongType() =>
        from field in Gen.Elements(KnownFields)
        from casing in RandomCasing(field)
        from value in field == CredentialRequestFields.DurationSeconds
            ? Gen.Elements("\"3600\"", "true", "false", "{}", "[]", "[3600]", "{\"s\":1}", "3600.5", "\"\"")
            : Gen.Elements("0", "123456", "-1", "1.5", "true", "false", "{}", "[]", "[\"x\"]", "{\"a\":\"b\"}", "1e3")
        select new HostileRequest($"{casing} = {value}", "", Utf8(Without(field)[..^1] + "," + Str(casing) + ":" + value + "}"), 400);

    private static Gen<HostileRequest> CaseVariantDuplicate() =>
        from field in Gen.Elements(KnownFields)
        from first in RandomCasing(field)
        from second in RandomCasing(field)
        let value = field == CredentialRequestFields.DurationSeconds ? "3600" : field.Contains("Code", StringComparison.Ordinal) ? Str("123456") : Str("Other")
        select new HostileRequest($"{first} and {second}", "", Utf8(Without(field)[..^1] + "," + Str(first) + ":" + value + "," + Str(second) + ":" + value + "}"), 400);

    private static Gen<HostileRequest> UnicodeAccountName()
    {
        var letter = Gen.OneOf(
            Gen.Choose(0x0430, 0x044F).Select(c => (char)c),   // Cyrillic
            Gen.Choose(0x03B1, 0x03C9).Select(c => (char)c),   // Greek
            Gen.Choose(0xFF41, 0xFF5A).Select(c => (char)c),   // fullwidth Latin
            Gen.Choose(0x4E00, 0x4E80).Select(c => (char)c),   // CJK
            Gen.Choose('a', 'z').Select(c => (char)c));
        return from length in Gen.Choose(1, 24)
               from chars in Gen.ArrayOf(letter, length)
               let name = new string(chars)
               select new HostileRequest($"account '{name}'", "", Utf8(WithString(CredentialRequestFields.AccountName, name)), 401)
               {
                   MayReachTable = true,
                   Probes = name.Length >= 5 ? [name] : [],
               };
    }

    private static Gen<string> RandomCasing(string name) =>
        from upper in Gen.ArrayOf(Gen.Elements(true, false), name.Length)
        select new string(name.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray());

    private static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value) text.Append(c < 0x20 || c is >= '\u007F' and <= '\u009F' || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
        return text.ToString();
    }
}
