// The published tests run the linux-x64 binary (CliArtifacts), so the whole project runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
