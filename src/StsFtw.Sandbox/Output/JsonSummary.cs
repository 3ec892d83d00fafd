using System.Text;
using System.Text.Json;
using StsFtw.Sandbox.StandIns;

namespace StsFtw.Sandbox.Output;

/// <summary>
/// The one JSON line <c>--json</c> prints, for scripts and tests: the endpoint, the variables to set (and to remove),
/// the local services, the process ids, the module to import, and how long the start took.
/// </summary>
public static class JsonSummary
{
    /// <summary>The line for <paramref name="host"/>, started in <paramref name="startup"/>; no line breaks inside.</summary>
    public static string For(SandboxHost host, TimeSpan startup)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("endpoint", host.Endpoint.ToString());
            json.WriteString("issuer", SandboxHost.Issuer);
            json.WriteString("tableName", SandboxHost.TableName);
            json.WriteString("kmsKeyId", SandboxHost.KeyAlias);
            json.WriteString("region", LoopbackAwsEnvironment.Region);
            json.WriteString("moduleManifest", SandboxPaths.ModuleManifest);
            json.WriteBoolean("realAwsCredentials", false);
            json.WriteString("issuedSecretAccessKeyPrefix", StandInCredentials.IssuedSecretAccessKeyPrefix);
            json.WriteStartObject("environment");
            foreach (var (name, value) in PersonEnvironment.For(host)) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteStartArray("removeEnvironment");
            foreach (var name in PersonEnvironment.Removed) json.WriteStringValue(name);
            json.WriteEndArray();
            json.WriteStartObject("services");
            json.WriteString("dynamodb", host.DynamoDbUrl);
            json.WriteString("kms", host.KmsUrl);
            json.WriteString("sts", host.StsUrl);
            json.WriteString("sns", host.SnsUrl);
            json.WriteString("federation", host.FederationUrl);
            json.WriteEndObject();
            json.WriteStartObject("processIds");
            json.WriteNumber("sandbox", Environment.ProcessId);
            json.WriteNumber("dynalite", host.DynaliteProcessId);
            json.WriteNumber("backend", host.BackendProcessId);
            json.WriteEndObject();
            json.WriteNumber("startupMilliseconds", Math.Round(startup.TotalMilliseconds));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
