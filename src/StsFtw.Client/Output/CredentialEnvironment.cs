using StsFtw.Core.Hosting;

namespace StsFtw.Client.Output;

/// <summary>Puts credentials into environment variables, or takes them out.</summary>
public static class CredentialEnvironment
{
    /// <summary>
    /// Sets <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c> and, when known,
    /// <c>AWS_CREDENTIAL_EXPIRATION</c> (removed when unknown, so a stale one cannot linger).
    /// </summary>
    public static void Apply(IEnvironmentVariables environment, BrokeredCredentials credentials) => Apply(environment, credentials, null);

    /// <summary>
    /// As <see cref="Apply(IEnvironmentVariables, BrokeredCredentials)"/>, and with <paramref name="region"/> also
    /// <c>AWS_REGION</c> and <c>AWS_DEFAULT_REGION</c>; without one the region variables are left as they are (they are
    /// the person's configuration, not part of the credentials).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not a region name; nothing is set.</exception>
    public static void Apply(IEnvironmentVariables environment, BrokeredCredentials credentials, string? region)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        var values = AwsCredentialVariables.For(credentials, region);
        foreach (var name in AwsCredentialVariables.All)
        {
            environment.Set(name, values.FirstOrDefault(pair => pair.Key == name).Value);
        }
        if (region is null) return;
        foreach (var name in AwsCredentialVariables.RegionVariables) environment.Set(name, region);
    }

    /// <summary>Removes the four credential variables (the region variables stay: they are configuration).</summary>
    public static void Clear(IEnvironmentVariables environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        foreach (var name in AwsCredentialVariables.All) environment.Set(name, null);
    }
}
