using System.Collections.Concurrent;
using System.Runtime.Versioning;
using StsFtw.Client.Files;
using StsFtw.Client.Files.Unix;
using StsFtw.Client.Tests.Children;
using StsFtw.Client.Tests.Support;

namespace StsFtw.Client.Tests.Files;

/// <summary>
/// The owner-only file primitive on Unix, observed from outside: the modes files are born with, links, foreign and
/// unsafe files. Each weakness it guards has a test named after it.
/// </summary>
[Collection(nameof(TemporaryFileHookCollection))]
[UnsupportedOSPlatform("windows")]
public sealed class SecretFileTests : IDisposable
{
    private readonly UnixFiles.TemporaryFolder _root = UnixFiles.NewFolder();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void SecretFileIsCreatedWithMode0600InAFolderCreatedWith0700()
    {
        var folder = Path.Combine(_root.Path, "a", "stsftw");
        var path = Path.Combine(folder, "entry");
        SecretFile.Write(path, "secret"u8.ToArray());
        Assert.Equal(UnixFiles.OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFiles.OwnerOnlyFolder, File.GetUnixFileMode(folder));
        Assert.Equal("secret"u8.ToArray(), SecretFile.Read(path).Content);
    }

    [Fact]
    public void TemporaryFileIsBornOwnerOnly()
    {
        var born = new ConcurrentBag<UnixFileMode>();
        UnixSecretFiles.TemporaryCreated = (descriptor, directory) =>
        {
            if (directory == _root.Path) born.Add(UnixFiles.ModeOf(descriptor));
        };
        try
        {
            SecretFile.Write(_root.File("entry"), [1, 2, 3]);
        }
        finally
        {
            UnixSecretFiles.TemporaryCreated = null;
        }
        Assert.Equal(UnixFiles.OwnerReadWrite, Assert.Single(born));
    }

    [Fact]
    public async Task TemporaryFileIsNeverWiderThan0600EvenUnderUmaskZero()
    {
        var path = _root.File("entry");
        var (exitCode, output, error) = await TestChild.RunInShellAsync("umask 000;", SecretWriteChild.Mode, path);
        Assert.True(exitCode == 0, error);
        Assert.Equal("600 600", output.Trim());
    }

    [Fact]
    public void ExistingFileIsReplacedWholeAndNoTemporaryFileRemains()
    {
        var path = _root.File("entry");
        File.WriteAllText(path, "old, and longer than the new content");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        SecretFile.Write(path, "new"u8.ToArray());
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFiles.OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(_root.Path));
    }

    [Fact]
    public void SymlinkAtTheSecretPathIsNotFollowedOnRead()
    {
        var elsewhere = _root.File("elsewhere");
        SecretFile.Write(elsewhere, "planted"u8.ToArray());
        File.CreateSymbolicLink(_root.File("entry"), elsewhere);
        Assert.Equal(SecretFileStatus.NotARegularFile, SecretFile.Read(_root.File("entry")).Status);
    }

    [Fact]
    public void SymlinkAtTheSecretPathIsReplacedNotWrittenThrough()
    {
        var victim = _root.File("victim");
        File.WriteAllText(victim, "untouched");
        var path = _root.File("entry");
        File.CreateSymbolicLink(path, victim);
        SecretFile.Write(path, "new"u8.ToArray());
        Assert.Equal("untouched", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void SymlinkedPrivateFolderIsRefused()
    {
        var real = Path.Combine(_root.Path, "real");
        Directory.CreateDirectory(real, UnixFiles.OwnerOnlyFolder);
        var link = Path.Combine(_root.Path, "link");
        Directory.CreateSymbolicLink(link, real);
        Assert.Throws<IOException>(() => SecretFile.Write(Path.Combine(link, "entry"), [1]));
        Assert.Empty(Directory.GetFiles(real));
        SecretFile.Write(Path.Combine(real, "entry"), [1]);
        Assert.Equal(SecretFileStatus.UnsafeFolder, SecretFile.Read(Path.Combine(link, "entry")).Status);
    }

    [Fact]
    public void SecretFileOwnedByAnotherUserIsIgnored()
    {
        if (!UnixFiles.IsRoot) return; // Only root can give a file away; the CI and development machines run as root.
        var path = _root.File("entry");
        SecretFile.Write(path, "foreign"u8.ToArray());
        UnixFiles.Chown(path, UnixFiles.Nobody);
        var read = SecretFile.Read(path);
        Assert.Equal(SecretFileStatus.OwnedByAnotherUser, read.Status);
        Assert.Null(read.Content);
    }

    [Fact]
    public void PrivateFolderOwnedByAnotherUserIsRefused()
    {
        if (!UnixFiles.IsRoot) return;
        var path = _root.File("entry");
        SecretFile.Write(path, [1]);
        UnixFiles.Chown(_root.Path, UnixFiles.Nobody);
        Assert.Equal(SecretFileStatus.UnsafeFolder, SecretFile.Read(path).Status);
        Assert.Throws<IOException>(() => SecretFile.Write(path, [2]));
    }

    [Theory]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherExecute)]
    public void SecretFileReadableOrWritableByOthersIsIgnored(UnixFileMode extra)
    {
        var path = _root.File("entry");
        SecretFile.Write(path, [1]);
        File.SetUnixFileMode(path, UnixFiles.OwnerReadWrite | extra);
        Assert.Equal(SecretFileStatus.AccessibleToOthers, SecretFile.Read(path).Status);
    }

    [Fact]
    public void PrivateFolderWritableByOthersIsRefused()
    {
        var path = _root.File("entry");
        SecretFile.Write(path, [1]);
        File.SetUnixFileMode(_root.Path, UnixFiles.OwnerOnlyFolder | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        Assert.Equal(SecretFileStatus.UnsafeFolder, SecretFile.Read(path).Status);
        Assert.Throws<IOException>(() => SecretFile.Write(path, [2]));
    }

    [Fact]
    public async Task FifoAtTheSecretPathIsNotOpenedForReading()
    {
        var path = _root.File("entry");
        UnixFiles.MakeFifo(path);
        File.SetUnixFileMode(path, UnixFiles.OwnerReadWrite);
        var read = await Task.Run(() => SecretFile.Read(path)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SecretFileStatus.NotARegularFile, read.Status);
    }

    [Fact]
    public void OversizedSecretFileIsNotRead()
    {
        var path = _root.File("entry");
        SecretFile.Write(path, new byte[100]);
        Assert.Equal(SecretFileStatus.TooLarge, SecretFile.Read(path, maximumBytes: 99).Status);
        Assert.Equal(100, SecretFile.Read(path, maximumBytes: 100).Content!.Length);
    }

    [Fact]
    public void MissingFileAndMissingFolderReadAsMissing()
    {
        Assert.Equal(SecretFileStatus.Missing, SecretFile.Read(_root.File("none")).Status);
        Assert.Equal(SecretFileStatus.Missing, SecretFile.Read(Path.Combine(_root.Path, "none", "entry")).Status);
    }

    [Fact]
    public void FailedReplaceLeavesNoTemporaryFileAndTheTargetAsItWas()
    {
        var target = _root.File("entry");
        Directory.CreateDirectory(Path.Combine(target, "inside"));
        Assert.Throws<IOException>(() => SecretFile.Write(target, [1]));
        Assert.Equal([target], Directory.GetFileSystemEntries(_root.Path));
        Assert.True(Directory.Exists(Path.Combine(target, "inside")));
    }

    [Fact]
    public void DeleteRemovesALinkAndLeavesItsTarget()
    {
        var victim = _root.File("victim");
        File.WriteAllText(victim, "kept");
        File.CreateSymbolicLink(_root.File("entry"), victim);
        Assert.True(SecretFile.Delete(_root.File("entry")));
        Assert.Equal("kept", File.ReadAllText(victim));
        Assert.False(SecretFile.Delete(_root.File("entry")));
    }

    [Fact]
    public void SharedCredentialsFolderMayBeALinkButTheFileIsStillBornOwnerOnly()
    {
        var real = Path.Combine(_root.Path, "dotfiles");
        Directory.CreateDirectory(real);
        var link = Path.Combine(_root.Path, ".aws");
        Directory.CreateSymbolicLink(link, real);
        OwnerOnlyFile.WriteAtomically(Path.Combine(link, "credentials"), "x"u8.ToArray());
        Assert.Equal(UnixFiles.OwnerReadWrite, File.GetUnixFileMode(Path.Combine(real, "credentials")));
    }
}

/// <summary>Tests that set <see cref="UnixSecretFiles.TemporaryCreated"/> run one at a time.</summary>
[CollectionDefinition(nameof(TemporaryFileHookCollection), DisableParallelization = true)]
public sealed class TemporaryFileHookCollection
{
}
