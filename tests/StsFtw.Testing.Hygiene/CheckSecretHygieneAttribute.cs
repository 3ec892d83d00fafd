using System.Reflection;
using Xunit.Sdk;

namespace StsFtw.Testing.Hygiene;

/// <summary>
/// Applied to a test assembly, checks after every test that no exception thrown in the process while it ran held a
/// secret (the assembly's <see cref="SecretLedger.Suite"/> and the secret patterns). A leak fails that test.
/// </summary>
/// <param name="knownSecrets">Secret keys the whole assembly uses (for example the stand-ins' signing key).</param>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class CheckSecretHygieneAttribute(params string[] knownSecrets) : BeforeAfterTestAttribute
{
    // xUnit runs Before and After of one test on the same attribute instance.
    private long _from;

    /// <summary>The secrets given to the attribute.</summary>
    public IReadOnlyList<string> KnownSecrets { get; } = knownSecrets;

    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest)
    {
        foreach (var secret in KnownSecrets) SecretLedger.Suite.Remember(SecretKind.SecretAccessKey, secret);
        _from = ExceptionCapture.Mark();
    }

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest) =>
        SecretHygiene.AssertClean("exception messages (every test, first chance)", ExceptionCapture.MessagesSince(_from), SecretLedger.Suite);
}
