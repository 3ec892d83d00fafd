using System.Text;

namespace StsFtw.Client.Files;

/// <summary>
/// The AWS config file's text as Register-StsProfile, Unregister-StsProfile and <c>stsftw profile</c> read and write
/// it: strict UTF-8, a byte order mark kept when the file had one, replaced atomically and owner-only.
/// </summary>
public static class ConfigFileContent
{
    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

    /// <summary>The file's text (null when there is no file), and whether it began with a UTF-8 byte order mark.</summary>
    /// <exception cref="DecoderFallbackException">The file is not UTF-8.</exception>
    public static (string? Text, bool Bom) Read(string path)
    {
        if (!File.Exists(path)) return (null, false);
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.Length >= 3 && bytes[0] == Utf8Bom[0] && bytes[1] == Utf8Bom[1] && bytes[2] == Utf8Bom[2];
        var text = new UTF8Encoding(false, true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        return (text, bom);
    }

    /// <summary>Replaces the file atomically (owner-only), keeping a byte order mark it had.</summary>
    public static void Write(string path, (string? Text, bool Bom) original, string text)
    {
        var body = new UTF8Encoding(false).GetBytes(text);
        OwnerOnlyFile.WriteAtomically(path, original.Bom ? Utf8Bom.Concat(body).ToArray() : body);
    }
}
