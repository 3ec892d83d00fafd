namespace StsFtw.Cli;

/// <summary>What <c>--help</c> prints, per command.</summary>
internal static class HelpText
{
    private const string CredentialFlags = """
          --endpoint URL                 The credential endpoint (https://, or http:// to loopback). [STS_ENDPOINT]
          --issuer NAME                  The issuer. [STS_ISSUER]
          --account-name NAME            Your account name. [STS_ACCOUNT_NAME]
          --role NAME|ARN                The IAM role to assume. [STS_ROLE]
          --secondary-authorizer NAME    The co-signer's account name (alias --secondary-account-name). [STS_SECONDARY_ACCOUNT_NAME]
          --totp-code CODE               Your current code; else the code command, else asked on the terminal.
          --secondary-totp-code CODE     The co-signer's current code.
          --totp-code-command CMD        A command that prints your code. [STS_TOTP_CODE_COMMAND]
          --secondary-totp-code-command CMD  A command that prints the co-signer's code. [STS_SECONDARY_TOTP_CODE_COMMAND]
          --region REGION                Also set AWS_REGION and AWS_DEFAULT_REGION. [STS_CREDENTIAL_REGION]
          --duration-seconds N           Session length, 900-3600. [STS_DURATION_SECONDS]
          --timeout-seconds N            Seconds to wait for the endpoint, 1-300 (default 30). [STS_TIMEOUT_SECONDS]
          --refresh-minutes N            Minutes before expiry that cached credentials stop being used, 5-15. [STS_REFRESH_MINUTES]
          --no-cache                     Neither read nor write the credential cache. [STS_CACHE=off]
          --refresh                      Ignore cached credentials: ask for a code and store new ones.
          -h, --help                     Show this help.

        A flag wins over its variable. Exit codes: 0 success, 1 failure, 2 usage.

        """;

    public const string Main = """
        stsftw: temporary AWS credentials from an StsFtw endpoint for a code from your authenticator app.

        Usage: stsftw COMMAND [flags]

        Commands:
          get                  Print shell lines that set AWS_ACCESS_KEY_ID and friends: eval "$(stsftw get)".
          credential-process   Print the AWS CLI credential_process JSON (credential_process = stsftw credential-process …).
          exec -- COMMAND…     Run COMMAND with the credentials in its environment only; exits with its exit code.
          console              Print an AWS console sign-in URL for the credentials (--open: open it in the browser).
          profile register NAME  Write an AWS profile whose credential_process runs stsftw (profile unregister NAME removes it).
          cache clear          Remove every cached credential.
          enroll               Enroll an authenticator app: yours with --invitation CODE, or a person's (admin).
          completion SHELL     Print a bash, zsh, fish or pwsh completion script: source <(stsftw completion bash).

        Run stsftw COMMAND --help for a command's flags.

        """;

    public const string Get = """
        Usage: stsftw get [flags]

        Prints lines that set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (and AWS_CREDENTIAL_EXPIRATION):
          eval "$(stsftw get --role ReadOnly)"

          --shell bash|zsh|fish|pwsh|cmd The shell the lines are for (default bash). [STS_SHELL]
          --json                         Print the credential_process JSON instead.

        """ + CredentialFlags;

    public const string CredentialProcess = """
        Usage: stsftw credential-process [flags]

        Prints only the JSON an AWS CLI credential_process prints; cached credentials first.
          [profile sts]
          credential_process = stsftw credential-process --role ReadOnly

        """ + CredentialFlags;

    public const string Exec = """
        Usage: stsftw exec [flags] -- COMMAND [ARGS...]

        Runs COMMAND with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (and AWS_CREDENTIAL_EXPIRATION,
        AWS_REGION with --region) in its environment only, AWS_PROFILE, AWS_DEFAULT_PROFILE and AWS_SECURITY_TOKEN
        removed; cached credentials first. Exits with COMMAND's exit code (127 when it cannot be started).
          stsftw exec --role ReadOnly -- aws sts get-caller-identity

        """ + CredentialFlags;

    public const string Console = """
        Usage: stsftw console [flags] [--destination URL] [--console-issuer TEXT] [--open]

        Prints an AWS console sign-in URL for the credentials (cached ones first), as Get-StsConsoleUrl does. The URL
        signs whoever opens it in for 15 minutes: do not paste it anywhere.
          stsftw console --role ReadOnly --open

          --destination URL              The console page to open (https://). Default: the console home of the region.
          --console-issuer TEXT          Where AWS sends you when the console session ends. Default: StsFtw.
          --open                         Open the URL in the browser ([STS_BROWSER], else xdg-open or open) and print nothing;
                                         the URL is on the browser's command line, which other local users can see for a moment.
        The region is --region, else AWS_REGION, else AWS_DEFAULT_REGION. STS_FEDERATION_ENDPOINT replaces AWS's
        federation endpoint (the sandbox's stand-in). Credentials requested with --duration-seconds other than 3600
        cannot sign in (AWS's rule for role sessions).

        """ + CredentialFlags;

    public const string Profile = """
        Usage: stsftw profile register NAME [flags] [--config-file PATH] [--force]
               stsftw profile unregister NAME [--config-file PATH]

        register writes [profile NAME] (or [default]) into the AWS config file, as Register-StsProfile does, with
          credential_process = /absolute/path/of/stsftw credential-process --endpoint … --issuer … --account-name … --role …
        so the AWS CLI and SDKs get credentials from this program (cached ones first). unregister removes the profile
        and nothing else.

          --endpoint URL                 [STS_ENDPOINT]
          --issuer NAME                  [STS_ISSUER]
          --account-name NAME            [STS_ACCOUNT_NAME]
          --role NAME|ARN                [STS_ROLE]
          --secondary-authorizer NAME    The co-signer (alias --secondary-account-name). [STS_SECONDARY_ACCOUNT_NAME]
          --duration-seconds N           900-3600. [STS_DURATION_SECONDS]
          --region REGION                Also writes region = REGION into the profile.
          --totp-code-command CMD        A command that prints your code, run each time the profile needs one.
          --config-file PATH             The AWS config file. Default: AWS_CONFIG_FILE, else ~/.aws/config.
          --force                        Replace a profile of the same name (every key it has now is dropped).
          -h, --help                     Show this help.

        """;

    public const string Enroll = """
        Usage: stsftw enroll --invitation CODE [--endpoint URL --issuer NAME --account-name NAME] [flags]
               stsftw enroll --issuer NAME --account-name NAME --table-name TABLE --roles R1,R2 [flags]

        With an invitation from your admin, as Register-StsDevice: redeems it, shows your new secret's QR code on the
        terminal, asks there for two consecutive codes, and confirms them with the endpoint. No AWS credentials needed.
        Replacing a device you still have: a current code of the old one is asked for on the terminal too.
          stsftw enroll --invitation inv1-ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567

          --invitation CODE              The invitation code your admin sent.
          --endpoint URL                 The credential endpoint URL. [STS_ENDPOINT]
          (--issuer, --account-name, --show-uri and --json as below.)

        For admins, as New-StsEnrollment: makes a new secret, shows its QR code on the terminal, asks there for two
        consecutive codes from the app, and only then writes the entry to the auth table. Standard output gets one line
        (or JSON) without the secret. AWS credentials and region come from the AWS SDK chain (AWS_PROFILE, ...).
          stsftw enroll --issuer Example --account-name alice --table-name sts-auth --roles ReadOnly --kms-key-id alias/sts

          --issuer NAME                  The issuer. [STS_ISSUER]
          --account-name NAME            The person's account name. [STS_ACCOUNT_NAME]
          --table-name TABLE             The DynamoDB auth table. [STS_TABLE_NAME]
          --roles R1,R2                  Role names or ARNs the person may assume. [STS_ROLES]
          --secondary-authorizers A,B    Accounts of whom one must co-sign each request. [STS_SECONDARY_AUTHORIZERS]
          --kms-key-id KEY               The KMS key that encrypts the secret. [STS_KMS_KEY_ID]
          --allow-plaintext-secret       Without a KMS key, store the secret as STSFTW's plaintext url (refused otherwise).
          --region REGION                The AWS region. [STS_REGION], else the SDK's own.
          --qr-file PATH                 Also write the QR code to this .png or .svg file (owner-only: it holds the secret).
          --show-uri                     Also show the otpauth URI (the secret) on the terminal.
          --force                        Replace an enrolled entry (its old device stops working). An account that
                                         holds only an invitation needs none; its invitation stops working.
          --json                         Print the entry as JSON.
          -h, --help                     Show this help.

        A flag wins over its variable. Exit codes: 0 success, 1 failure, 2 usage, 130 cancelled.

        """;

    public const string Completion = """
        Usage: stsftw completion bash|zsh|fish|pwsh

        Prints a completion script for stsftw's commands and flags:
          bash   source <(stsftw completion bash)
          zsh    source <(stsftw completion zsh)
          fish   stsftw completion fish | source
          pwsh   stsftw completion pwsh | Out-String | Invoke-Expression

        """;

    public const string Cache = """
        Usage: stsftw cache clear

        Removes every cached credential (the folder is STS_CACHE_DIR, else $XDG_CACHE_HOME/stsftw or ~/.cache/stsftw).

        """;
}
