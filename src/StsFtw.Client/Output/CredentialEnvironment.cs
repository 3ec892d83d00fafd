using StsFtw.Core.Hosting;

namespace StsFtw.Client.Output;

/// <summary>Puts credentials into environment variables, or takes them out.</summary>
public static class CredentialEnvironment
{
    /// <summary>
    /// Sets <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c> and, when known,
    /// <c>AWS_CREDENTIAL_EXPIRATION</c> (removed when unknown, so a stale one cannot linger).
    /// </summary>
    public static void Apply(IEnvironmentVariables environment, BrokeredCredentials credentials)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        var values = AwsCredentialVariables.For(credentials);
        foreach (var name in AwsCredentialVariables.All)
        {
            environment.Set(name, values.FirstOrDefault(pair => pair.Key == name).Value);
        }
    }

    /// <summary>Removes the four variables.</summary>
    public static void Clear(IEnvironmentVariables environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        foreach (var name in AwsCredentialVariables.All) environment.Set(name, null);
    }
}
