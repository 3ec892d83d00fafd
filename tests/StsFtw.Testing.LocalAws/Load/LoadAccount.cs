using StsFtw.Core.Accounts;
using StsFtw.Core.Totp;

namespace StsFtw.Testing.Load;

/// <summary>One enrolled account of a load run and the secret its phone holds.</summary>
public sealed record LoadAccount(AccountKey Key, TotpSecret Secret)
{
    /// <summary>The account name.</summary>
    public string Name => Key.AccountName;

    /// <summary>What the phone shows in <paramref name="timeStep"/>.</summary>
    public string CodeAt(long timeStep) => TotpVerifier.ComputeCode(Secret, timeStep);
}
