namespace StsFtw.Client.Profiles;

/// <summary>
/// The program a <c>credential_process</c> line runs, and how it is told what to get: the PowerShell module
/// (<see cref="PowerShell"/>) or the native client <c>stsftw</c> (<see cref="Native"/>), both through the same quoting.
/// </summary>
/// <remarks>
/// An implementation returns the argument vector only. <see cref="CredentialProcessCommand.Format"/> validates the
/// request before it is asked and every argument after, so an implementation cannot produce a line a shell would
/// read differently; it must still make sure its own arguments mean what it intends (the PowerShell client puts
/// values into single-quoted PowerShell strings, which is safe because no value may hold a quote).
/// </remarks>
public abstract class CredentialProcessClient
{
    /// <summary>The PowerShell module run by <paramref name="executable"/> (<c>pwsh</c>, or <c>powershell</c> for Windows PowerShell).</summary>
    public static CredentialProcessClient PowerShell(string executable = "pwsh", string module = "StsFtw") => new PowerShellModuleClient(executable, module);

    /// <summary>
    /// The native client at <paramref name="executablePath"/> (an absolute path): <c>stsftw credential-process --endpoint …</c>.
    /// On Windows the path's backslashes are written as forward slashes, which Windows takes as separators too, because
    /// <see cref="CredentialProcessCommand"/> refuses a backslash.
    /// </summary>
    public static CredentialProcessClient Native(string executablePath) => new NativeClient(executablePath);

    /// <summary>The argument vector, program first, for a request that passed <see cref="CredentialProcessRequest.Validate"/>.</summary>
    public abstract IReadOnlyList<string> Arguments(CredentialProcessRequest request);

    private sealed class PowerShellModuleClient : CredentialProcessClient
    {
        private readonly string _executable;
        private readonly string _module;

        public PowerShellModuleClient(string executable, string module)
        {
            if (CredentialProcessCommand.CheckArgument(executable) is { } problem) throw new ArgumentException("The executable: " + problem, nameof(executable));
            if (CredentialProcessCommand.CheckValue(module, "The module", CredentialProcessCommand.ModuleCharacters) is { } moduleProblem)
            {
                throw new ArgumentException(moduleProblem, nameof(module));
            }
            _executable = executable;
            _module = module;
        }

        // pwsh -NoProfile -NonInteractive -Command "Import-Module StsFtw; Get-StsCredential -Endpoint '…' … -AsCredentialProcess"
        public override IReadOnlyList<string> Arguments(CredentialProcessRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var script = new List<string> { $"Import-Module {_module};", "Get-StsCredential" };
            void Add(string parameter, string? value)
            {
                if (value is not null) script.Add($"-{parameter} '{value}'");
            }
            Add("Endpoint", request.Endpoint);
            Add("Issuer", request.Issuer);
            Add("AccountName", request.AccountName);
            Add("Role", request.Role);
            Add("SecondaryAccountName", request.SecondaryAccountName);
            if (request.DurationSeconds is { } duration) script.Add("-DurationSeconds " + duration.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("Region", request.Region);
            Add("TotpCodeCommand", request.TotpCodeCommand);
            script.Add("-AsCredentialProcess");
            return new[] { _executable, "-NoProfile", "-NonInteractive", "-Command", string.Join(" ", script) };
        }
    }

    private sealed class NativeClient : CredentialProcessClient
    {
        private readonly string _executable;

        public NativeClient(string executablePath)
        {
            if (string.IsNullOrEmpty(executablePath) || !Path.IsPathRooted(executablePath))
            {
                throw new ArgumentException("The executable must be an absolute path.", nameof(executablePath));
            }
            var path = Path.DirectorySeparatorChar == '\\' ? executablePath.Replace('\\', '/') : executablePath;
            if (CredentialProcessCommand.CheckArgument(path) is { } problem) throw new ArgumentException("The executable's path: " + problem, nameof(executablePath));
            _executable = path;
        }

        // /usr/local/bin/stsftw credential-process --endpoint … --issuer … --account-name … --role … [--secondary-authorizer …] …
        public override IReadOnlyList<string> Arguments(CredentialProcessRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var arguments = new List<string> { _executable, "credential-process" };
            void Add(string flag, string? value)
            {
                if (value is null) return;
                arguments.Add(flag);
                arguments.Add(value);
            }
            Add("--endpoint", request.Endpoint);
            Add("--issuer", request.Issuer);
            Add("--account-name", request.AccountName);
            Add("--role", request.Role);
            Add("--secondary-authorizer", request.SecondaryAccountName);
            Add("--duration-seconds", request.DurationSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("--region", request.Region);
            Add("--totp-code-command", request.TotpCodeCommand);
            return arguments;
        }
    }
}
