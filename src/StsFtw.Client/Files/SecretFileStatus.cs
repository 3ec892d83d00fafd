namespace StsFtw.Client.Files;

/// <summary>What <see cref="SecretFile.Read"/> found. Only <see cref="Found"/> comes with content.</summary>
public enum SecretFileStatus
{
    /// <summary>A regular file of the current user that nobody else may read or write: its content is returned.</summary>
    Found,

    /// <summary>There is no such file (or no such folder).</summary>
    Missing,

    /// <summary>The path is a symbolic link, a folder, a pipe or a device; it was not followed or opened.</summary>
    NotARegularFile,

    /// <summary>The file belongs to another user: foreign, so it is not trusted.</summary>
    OwnedByAnotherUser,

    /// <summary>The file's mode lets its group or others read, write or run it: unsafe, so it is not trusted.</summary>
    AccessibleToOthers,

    /// <summary>The file is larger than the caller allows.</summary>
    TooLarge,

    /// <summary>
    /// The folder is a symbolic link, not a folder, belongs to another user, or lets others write to it (so others could
    /// swap its files).
    /// </summary>
    UnsafeFolder,

    /// <summary>The file could not be read (permissions, an I/O error, content that does not decrypt).</summary>
    Unreadable,

    /// <summary>This platform's file metadata cannot be checked (a 32-bit or unknown Unix); nothing is trusted.</summary>
    Unsupported,
}
