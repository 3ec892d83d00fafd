namespace StsFtw.Cli;

/// <summary>Shell completion scripts (<c>stsftw completion bash</c>).</summary>
internal static class Completion
{
    public const string Bash = """
        # bash completion for stsftw: source <(stsftw completion bash)
        _stsftw() {
            local cur prev words cword
            cur="${COMP_WORDS[COMP_CWORD]}"
            prev="${COMP_WORDS[COMP_CWORD-1]}"
            local flags="--endpoint --issuer --account-name --role --secondary-authorizer --totp-code --secondary-totp-code --totp-code-command --secondary-totp-code-command --region --duration-seconds --timeout-seconds --refresh-minutes --no-cache --refresh --help"
            if [ "$COMP_CWORD" -eq 1 ]; then
                COMPREPLY=($(compgen -W "get credential-process exec cache completion --help" -- "$cur"))
                return
            fi
            local i
            for ((i = 2; i < COMP_CWORD; i++)); do
                if [ "${COMP_WORDS[i]}" = "--" ]; then
                    COMPREPLY=($(compgen -c -- "$cur"))
                    return
                fi
            done
            case "$prev" in
                --shell) COMPREPLY=($(compgen -W "bash zsh fish pwsh cmd" -- "$cur")); return ;;
                --endpoint|--issuer|--account-name|--role|--secondary-authorizer|--totp-code|--secondary-totp-code|--totp-code-command|--secondary-totp-code-command|--region|--duration-seconds|--timeout-seconds|--refresh-minutes) return ;;
            esac
            case "${COMP_WORDS[1]}" in
                get) COMPREPLY=($(compgen -W "$flags --shell --json" -- "$cur")) ;;
                credential-process) COMPREPLY=($(compgen -W "$flags" -- "$cur")) ;;
                exec) COMPREPLY=($(compgen -W "$flags --" -- "$cur")) ;;
                cache) COMPREPLY=($(compgen -W "clear --help" -- "$cur")) ;;
                completion) COMPREPLY=($(compgen -W "bash --help" -- "$cur")) ;;
            esac
        }
        complete -F _stsftw stsftw

        """;
}
