namespace StsFtw.Client.Files;

/// <summary>How much <see cref="SecretFile"/> demands of the folder a secret file lives in.</summary>
public enum SecretFolderPolicy
{
    /// <summary>
    /// A folder of StsFtw's own (the credential cache): on Unix it must be a real folder, not a symbolic link, owned by
    /// the current user and writable by nobody else; a missing one is created with mode 0700.
    /// </summary>
    Private,

    /// <summary>
    /// A folder the person and other tools share (<c>~/.aws</c>): used as found, symbolic links on the way included; a
    /// missing one is created with mode 0700. The file itself is still never followed.
    /// </summary>
    AsFound,
}
