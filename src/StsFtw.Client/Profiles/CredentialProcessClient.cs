namespace StsFtw.Client.Profiles;

/// <summary>
/// The program a <c>credential_process</c> line runs, and how it is told what to get: today the PowerShell module
/// (<see cref="PowerShell"/>); a native client can be added as another implementation without touching the quoting.
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
}
