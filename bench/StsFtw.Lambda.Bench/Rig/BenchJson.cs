using System.Text.Json.Serialization;

namespace StsFtw.Lambda.Bench.Rig;

/// <summary>Source-generated JSON for the request bodies.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class BenchJson : JsonSerializerContext;
