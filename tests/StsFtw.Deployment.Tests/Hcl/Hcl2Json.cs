using System.Diagnostics;
using System.Text.Json.Nodes;

namespace StsFtw.Deployment.Tests.Hcl;

/// <summary>
/// Runs <c>node/hcl2json.js</c>: HashiCorp's HCL parser turns Terraform files into the JSON form Terraform itself
/// accepts (blocks become arrays of objects, expressions become <c>"${...}"</c> strings).
/// </summary>
public static class Hcl2Json
{
    // The WebAssembly parser loads in about a second; a shared two-core machine can take several times that.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Every .tf, .tfvars and .example file under <paramref name="directory"/>, by path relative to it (with '/').</summary>
    public static async Task<IReadOnlyDictionary<string, JsonObject>> ConvertDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        var json = await RunAsync(directory, standardInput: null, cancellationToken);
        return json.ToDictionary(file => file.Key, file => file.Value!.AsObject(), StringComparer.Ordinal);
    }

    /// <summary>One piece of HCL text.</summary>
    public static Task<JsonObject> ConvertTextAsync(string hcl, CancellationToken cancellationToken) =>
        RunAsync("-", hcl, cancellationToken);

    private static async Task<JsonObject> RunAsync(string argument, string? standardInput, CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryPaths.NodeTools, "hcl2json.js");
        if (!File.Exists(Path.Combine(RepositoryPaths.NodeTools, "node_modules", "@cdktf", "hcl2json", "package.json")))
        {
            throw new InvalidOperationException("@cdktf/hcl2json is not installed; build the test project (it runs npm ci) first.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.NodeTools,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);

            if (process.ExitCode != 0) throw new HclParseException((await errors).Trim());
            return JsonNode.Parse(await output)?.AsObject() ?? throw new InvalidOperationException("hcl2json printed no JSON.");
        }
        catch (OperationCanceledException) when (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}

/// <summary>The HCL did not parse; the message is the parser's.</summary>
public sealed class HclParseException(string message) : Exception(message);
