using System.Reflection;
using System.Text.RegularExpressions;

namespace StsFtw.Client.Tests.Architecture;

/// <summary>
/// Issue 14 finding 10: a file with a secret (shared-credentials and config files, QR codes, the cache) must be
/// owner-only from the moment it exists. Every writer goes through <c>SecretFile.Write</c> (open(2) with
/// O_CREAT|O_EXCL and mode 0600, pinned by <c>SecretFileTests.TemporaryFileIsBornOwnerOnly</c>); this test fails when
/// the person's client, the native client or the module opens a file for writing any other way.
/// </summary>
public sealed partial class OwnerOnlyWritesTests
{
    private static readonly string RepositoryRoot = typeof(OwnerOnlyWritesTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    // The one place allowed to create files: the platform halves of SecretFile.
    private static readonly string[] Allowed =
    [
        Path.Combine("src", "StsFtw.Client", "Files", "Windows", "WindowsSecretFiles.cs"),
        Path.Combine("src", "StsFtw.Client", "Files", "Unix", "UnixSecretFiles.cs"),
    ];

    [GeneratedRegex(@"File\.(WriteAll\w*|AppendAll\w*|Create\w*|OpenWrite|Open|Copy|Move|Replace)\s*\(|new\s+FileStream\s*\(|new\s+StreamWriter\s*\(|FileInfo\s*\([^)]*\)\s*\.\s*(Create|OpenWrite)")]
    private static partial Regex FileWrite();

    [Theory]
    [InlineData("StsFtw.Client")]
    [InlineData("StsFtw.Cli")]
    [InlineData("StsFtw.PowerShell")]
    public void EveryFileWithASecretIsBornOwnerOnly(string project)
    {
        var root = Path.Combine(RepositoryRoot, "src", project);
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f) && !Allowed.Contains(Path.GetRelativePath(RepositoryRoot, f)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Number: i + 1, Line: line)))
            .Where(l => !l.Line.TrimStart().StartsWith("//", StringComparison.Ordinal) && FileWrite().IsMatch(l.Line))
            .Select(l => $"{Path.GetRelativePath(RepositoryRoot, l.File)}:{l.Number}: {l.Line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Write files through SecretFile/OwnerOnlyFile instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheCheckSeesARawWriteWhereItIs()
    {
        var windows = File.ReadAllText(Path.Combine(RepositoryRoot, Allowed[0]));
        Assert.Matches(FileWrite(), windows);
        Assert.Matches(FileWrite(), "File.WriteAllText(path, text);");
        Assert.Matches(FileWrite(), "using var s = new FileStream(path, FileMode.Create);");
        Assert.DoesNotMatch(FileWrite(), "File.ReadAllText(path);");
    }

    private static bool IsBuildOutput(string file)
    {
        var separator = Path.DirectorySeparatorChar;
        return file.Contains($"{separator}obj{separator}", StringComparison.Ordinal) || file.Contains($"{separator}bin{separator}", StringComparison.Ordinal);
    }
}
