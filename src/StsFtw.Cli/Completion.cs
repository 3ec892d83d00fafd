using System.Text;
using StsFtw.Cli.Arguments;
using StsFtw.Cli.Commands;

namespace StsFtw.Cli;

/// <summary>
/// Shell completion scripts (<c>stsftw completion bash|zsh|fish|pwsh</c>), all generated from one table of commands
/// whose credential flags are the parser's own lists (<see cref="CredentialArguments.ValueFlags"/>,
/// <see cref="CredentialArguments.SwitchFlags"/>).
/// </summary>
internal static class Completion
{
    /// <summary>The shells <c>completion</c> writes a script for.</summary>
    public static readonly string[] Shells = ["bash", "zsh", "fish", "pwsh"];

    /// <summary>The values of <c>get --shell</c>.</summary>
    public static readonly string[] ShellValues = ["bash", "zsh", "fish", "pwsh", "cmd"];

    /// <summary>The flags only <c>get</c> has.</summary>
    private static readonly string[] OutputFlags = ["--shell", "--json"];

    /// <summary>A command, the words that may follow it, and its one-line description.</summary>
    public sealed record Command(string Name, string Description, IReadOnlyList<string> Words);

    /// <summary>Every command and the words (flags or sub-commands) it completes.</summary>
    public static IReadOnlyList<Command> Commands { get; } = BuildCommands();

    /// <summary>Every flag that takes a value (its value is not completed, except --shell's).</summary>
    public static IReadOnlyList<string> ValueFlags { get; } =
        [.. CredentialArguments.ValueFlags.Concat(ConsoleCommand.ValueFlags).Concat(ProfileArguments.RegisterValueFlags)
            .Concat(EnrollArguments.ValueFlags).Concat(InvitationArguments.ValueFlags).Distinct()];

    private static Command[] BuildCommands()
    {
        var credential = CredentialArguments.ValueFlags.Concat(CredentialArguments.SwitchFlags)
            .Where(f => Array.IndexOf(OutputFlags, f) < 0).Append("--help").ToArray();
        return
        [
            new("get", "Print shell lines that set the AWS credential variables", [.. credential, .. OutputFlags]),
            new("credential-process", "Print the AWS CLI credential_process JSON", credential),
            new("exec", "Run a command with the credentials in its environment", [.. credential, "--"]),
            new("console", "Print an AWS console sign-in URL", [.. credential, .. ConsoleCommand.ValueFlags, .. ConsoleCommand.SwitchFlags]),
            new("profile", "Register or unregister an AWS profile that runs stsftw",
                ["register", "unregister", .. ProfileArguments.RegisterValueFlags, .. ProfileArguments.RegisterSwitchFlags, "--help"]),
            new("cache", "Manage the credential cache", ["clear", "--help"]),
            new("enroll", "Enroll an authenticator app (admin, or yours with --invitation)",
                [.. EnrollArguments.ValueFlags.Concat(InvitationArguments.ValueFlags).Distinct(), .. EnrollArguments.SwitchFlags, "--help"]),
            new("completion", "Print a shell completion script", [.. Shells, "--help"]),
        ];
    }

    /// <summary>The script for <paramref name="shell"/>, or null when it is not one of <see cref="Shells"/>.</summary>
    public static string? Script(string shell) => shell switch
    {
        "bash" => Bash(),
        "zsh" => Zsh(),
        "fish" => Fish(),
        "pwsh" => Pwsh(),
        _ => null,
    };

    private static string Names => string.Join(' ', Commands.Select(c => c.Name));

    private static string Bash()
    {
        var s = new StringBuilder();
        s.Append("# bash completion for stsftw: source <(stsftw completion bash)\n");
        s.Append("_stsftw() {\n");
        s.Append("    local cur prev\n");
        s.Append("    cur=\"${COMP_WORDS[COMP_CWORD]}\"\n");
        s.Append("    prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
        s.Append("    if [ \"$COMP_CWORD\" -eq 1 ]; then\n");
        s.Append($"        COMPREPLY=($(compgen -W \"{Names} --help\" -- \"$cur\"))\n");
        s.Append("        return\n    fi\n");
        s.Append("    local i\n    for ((i = 2; i < COMP_CWORD; i++)); do\n");
        s.Append("        if [ \"${COMP_WORDS[i]}\" = \"--\" ]; then\n            COMPREPLY=($(compgen -c -- \"$cur\"))\n            return\n        fi\n    done\n");
        s.Append("    case \"$prev\" in\n");
        s.Append($"        --shell) COMPREPLY=($(compgen -W \"{string.Join(' ', ShellValues)}\" -- \"$cur\")); return ;;\n");
        s.Append($"        {string.Join('|', ValueFlags.Where(f => f != "--shell"))}) return ;;\n");
        s.Append("    esac\n");
        s.Append("    case \"${COMP_WORDS[1]}\" in\n");
        foreach (var c in Commands)
        {
            s.Append($"        {c.Name}) COMPREPLY=($(compgen -W \"{string.Join(' ', c.Words)}\" -- \"$cur\")) ;;\n");
        }
        s.Append("    esac\n}\ncomplete -F _stsftw stsftw\n");
        return s.ToString();
    }

    private static string Zsh()
    {
        var s = new StringBuilder();
        s.Append("#compdef stsftw\n# zsh completion for stsftw: source <(stsftw completion zsh)\n");
        s.Append("_stsftw() {\n");
        s.Append("    if (( CURRENT == 2 )); then\n");
        s.Append("        local -a commands\n        commands=(\n");
        foreach (var c in Commands) s.Append($"            '{c.Name}:{c.Description}'\n");
        s.Append("        )\n        _describe 'command' commands\n        return\n    fi\n");
        s.Append("    local i\n    for (( i = 3; i < CURRENT; i++ )); do\n");
        s.Append("        if [[ ${words[i]} == -- ]]; then\n            _command_names\n            return\n        fi\n    done\n");
        s.Append("    case ${words[CURRENT-1]} in\n");
        s.Append($"        --shell) compadd -- {string.Join(' ', ShellValues)}; return ;;\n");
        s.Append($"        {string.Join('|', ValueFlags.Where(f => f != "--shell"))}) return ;;\n");
        s.Append("    esac\n");
        s.Append("    case ${words[2]} in\n");
        foreach (var c in Commands) s.Append($"        {c.Name}) compadd -- {string.Join(' ', c.Words)} ;;\n");
        s.Append("    esac\n}\n");
        s.Append("if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n    _stsftw \"$@\"\nelse\n    compdef _stsftw stsftw\nfi\n");
        return s.ToString();
    }

    private static string Fish()
    {
        var s = new StringBuilder();
        s.Append("# fish completion for stsftw: stsftw completion fish | source\n");
        s.Append("complete -c stsftw -f\n");
        foreach (var c in Commands)
        {
            s.Append($"complete -c stsftw -n __fish_use_subcommand -a {c.Name} -d '{c.Description}'\n");
        }
        foreach (var c in Commands)
        {
            foreach (var word in c.Words.Where(w => w != "--"))
            {
                var cond = $"-n '__fish_seen_subcommand_from {c.Name}'";
                if (!word.StartsWith("--", StringComparison.Ordinal))
                {
                    s.Append($"complete -c stsftw {cond} -a {word}\n");
                }
                else if (word == "--shell")
                {
                    s.Append($"complete -c stsftw {cond} -l shell -x -a '{string.Join(' ', ShellValues)}'\n");
                }
                else
                {
                    var takesValue = ValueFlags.Contains(word) ? " -x" : string.Empty;
                    s.Append($"complete -c stsftw {cond} -l {word[2..]}{takesValue}\n");
                }
            }
        }
        return s.ToString();
    }

    private static string Pwsh()
    {
        var s = new StringBuilder();
        s.Append("# PowerShell completion for stsftw: stsftw completion pwsh | Out-String | Invoke-Expression\n");
        s.Append("Register-ArgumentCompleter -Native -CommandName stsftw, stsftw.exe -ScriptBlock {\n");
        s.Append("    param($wordToComplete, $commandAst, $cursorPosition)\n");
        s.Append("    $commands = [ordered]@{\n");
        foreach (var c in Commands)
        {
            s.Append($"        '{c.Name}' = @({string.Join(", ", c.Words.Select(w => $"'{w}'"))})\n");
        }
        s.Append("    }\n");
        s.Append($"    $valueFlags = @({string.Join(", ", ValueFlags.Select(f => $"'{f}'"))})\n");
        s.Append($"    $shellValues = @({string.Join(", ", ShellValues.Select(v => $"'{v}'"))})\n");
        s.Append("    $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.Extent.Text })\n");
        s.Append("    if ($wordToComplete -and $words.Count -gt 0 -and $words[-1] -eq $wordToComplete) { $words = @($words | Select-Object -SkipLast 1) }\n");
        s.Append("    $candidates = @()\n");
        s.Append("    if ($words.Count -le 1) { $candidates = @($commands.Keys) + '--help' }\n");
        s.Append("    elseif ($words -contains '--') { return }\n");
        s.Append("    elseif ($words[-1] -eq '--shell') { $candidates = $shellValues }\n");
        s.Append("    elseif ($valueFlags -contains $words[-1]) { return }\n");
        s.Append("    elseif ($commands.Contains($words[1])) { $candidates = $commands[$words[1]] }\n");
        s.Append("    $candidates | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {\n");
        s.Append("        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)\n");
        s.Append("    }\n}\n");
        return s.ToString();
    }
}
