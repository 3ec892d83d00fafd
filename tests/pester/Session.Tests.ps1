# The person's side as the AWS CLI and bash meet it: real pwsh started with a pseudo-terminal as its controlling
# terminal while its stdout is a pipe (Support/pty_run.py), against the local sandbox. The code prompt must appear on
# the terminal, masked, and never in what stdout carries; the cache must spare the second call its prompt and its
# request; a code command must serve without a prompt; with no terminal there is one error line and nothing on stdout.
# The help examples and README recipes about these run here as written, with the sandbox's endpoint substituted.
# Codes, secrets and credentials are only compared as booleans, so a failing assertion cannot print one.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Phone.ps1')
    . (Join-Path $PSScriptRoot 'Support/Sandbox.ps1')
    Import-Module $env:STSFTW_MODULE_MANIFEST -Force

    $sandbox = Start-Sandbox
    Set-SandboxEnvironment $sandbox.Info
    $endpoint = $env:STS_ENDPOINT
    $endpointHost = ([uri] $endpoint).Host

    $work = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "stsftw-session-$([guid]::NewGuid().ToString('N'))")).FullName
    $env:STS_CACHE_DIR = Join-Path $work 'cache'
    Remove-Item Env:STS_CACHE -ErrorAction Ignore
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $work 'credentials'
    $env:AWS_CONFIG_FILE = Join-Path $work 'config'

    # As a person has it: `pwsh` on PATH and the module found by name. `op` and `ykman` stand-ins print the code the
    # test last wrote to a file (owner-only), as the real tools print the code of their TOTP entry.
    $bin = (New-Item -ItemType Directory -Path (Join-Path $work 'bin')).FullName
    $codeFile = Join-Path $work 'code.txt'
    $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
    Set-Content -LiteralPath "$bin/pwsh" -Value "#!/bin/sh`nexec '$dotnet' '$PSHOME/pwsh.dll' `"`$@`"`n" -NoNewline
    Set-Content -LiteralPath "$bin/op" -Value "#!/bin/sh`ncat '$codeFile'`n" -NoNewline
    Set-Content -LiteralPath "$bin/ykman" -Value "#!/bin/sh`ncat '$codeFile'`n" -NoNewline
    & chmod 755 "$bin/pwsh" "$bin/op" "$bin/ykman"
    $env:PATH = $bin + [IO.Path]::PathSeparator + $env:PATH
    $env:PSModulePath = (Split-Path (Split-Path $env:STSFTW_MODULE_MANIFEST)) + [IO.Path]::PathSeparator + $env:PSModulePath
    $driver = Join-Path $PSScriptRoot 'Support/pty_run.py'

    $phones = @{}
    $codes = [System.Collections.Generic.List[string]]::new()
    $handled = [System.Collections.Generic.List[string]]::new()
    $transcripts = [System.Collections.Generic.List[string]]::new()

    function Enroll([string] $Account) {
        $uri = New-StsEnrollment -AccountName $Account -Roles Developer -NoPrompt -ErrorAction Stop
        $handled.Add($uri)
        $phones[$Account] = [Phone]::new($uri)
    }

    function Code([string] $Account) {
        $code = $phones[$Account].NextCode()
        $codes.Add($code)
        $code
    }

    function Write-CodeFile([string] $Account) {
        Set-Content -LiteralPath $codeFile -Value (Code $Account)
        & chmod 600 $codeFile
    }

    # Runs $Command with the pseudo-terminal as its terminal and stdout as a pipe; with -Account, waits for that
    # account's prompt and types a fresh code and Enter. Returns the exit code, stdout (exact) and the terminal's text.
    function Invoke-Terminal([string[]] $Command, [string] $Account, [int] $TimeoutSeconds = 90) {
        $id = [guid]::NewGuid().ToString('N')
        $stdout = Join-Path $work "$id.out"
        $transcript = Join-Path $work "$id.tty"
        $options = @('--timeout', $TimeoutSeconds)
        if ($Account) { $options += '--wait', "Code for $Account at $($endpointHost): ", '--keys', ((Code $Account) + '\r') }
        & python3 $driver @options $stdout $transcript -- @Command
        $exit = $LASTEXITCODE
        $result = [pscustomobject] @{
            ExitCode   = $exit
            Stdout     = [IO.File]::ReadAllText($stdout)
            Transcript = [IO.File]::ReadAllText($transcript)
        }
        $transcripts.Add($result.Transcript)
        $handled.Add($result.Stdout)
        $result
    }

    # What botocore does with a credential_process line: shlex.split, then run it without a shell.
    function Split-Like-Botocore([string] $Line) {
        @(& python3 -c 'import shlex, sys; print("\n".join(shlex.split(sys.argv[1])))' $Line)
    }

    # Credentials the backend issued to $Account so far, from the backend's request log (one JSON line per request),
    # which the sandbox relays to its standard error in --json mode.
    function IssuedTo([string] $Account) {
        Start-Sleep -Milliseconds 500
        @(Get-Content -LiteralPath $sandbox.Output, $sandbox.Errors | Where-Object { $_.Contains('"outcome":"issued"') -and $_.Contains("`"account`":`"$Account`"") }).Count
    }

    function Test-Document([string] $Text) {
        $document = $Text | ConvertFrom-Json
        $document.Version -eq 1 -and $document.AccessKeyId -cmatch '^ASIA[A-Z2-7]{16}$' -and
            $document.SecretAccessKey.StartsWith($sandbox.Info.issuedSecretAccessKeyPrefix, [StringComparison]::Ordinal) -and
            $document.SessionToken.Length -gt 0 -and ([DateTimeOffset] $document.Expiration) -gt [DateTimeOffset]::UtcNow
    }

    function Example([string] $Cmdlet, [int] $Number) { @((Get-Help $Cmdlet -Examples).examples.example)[$Number - 1].code }

    $readme = Get-Content -LiteralPath (Join-Path $env:STSFTW_REPOSITORY_ROOT 'README.md') -Raw

    foreach ($account in 'cp', 'ev', 'rw', 'cc', 'yk', 'nt', 'rg', 'vb') { Enroll $account }
}

AfterAll {
    if ($sandbox -and -not $sandbox.Process.HasExited) { $sandbox.Process.Kill($true) }
    if ($sandbox) { Remove-Item -LiteralPath $sandbox.Folder -Recurse -Force -ErrorAction Ignore }
    if ($work) { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore }
}

Describe 'credential_process' {
    BeforeAll {
        # The help's ~/.aws/config example, which README shows too, for this sandbox and the account cp.
        $example = Example 'Get-StsCredential' 5
        $configLine = ($example -split "`n" | Where-Object { $_ -like 'credential_process = *' }) -replace 'https://sts\.example\.com/', $endpoint -replace '-Issuer example', "-Issuer $env:STS_ISSUER" -replace '-AccountName alice', '-AccountName cp'
        Set-Content -LiteralPath $env:AWS_CONFIG_FILE -Value "[profile sts]`n$configLine`n"
        $command = Split-Like-Botocore ($configLine -replace '^credential_process = ', '')
    }

    It 'is the line README shows' {
        $readme.Contains(($example -split "`n" | Where-Object { $_ -like 'credential_process = *' })) | Should -BeTrue
    }

    It 'without a code: prompts on the terminal, masked, naming the host, and stdout is exactly the JSON document' {
        $run = Invoke-Terminal $command -Account 'cp'
        $run.ExitCode | Should -Be 0
        $run.Transcript | Should -Match ([regex]::Escape("Code for cp at $($endpointHost): ") + '\*{6}')
        @($codes | Where-Object { $run.Transcript.Contains($_) }).Count | Should -Be 0 -Because 'the typed code is masked'
        $run.Stdout.TrimEnd("`n") | Should -Not -Match "`n" -Because 'stdout holds one line'
        $run.Stdout.StartsWith('{"Version":1,') | Should -BeTrue
        Test-Document $run.Stdout | Should -BeTrue
        IssuedTo 'cp' | Should -Be 1
    }

    It 'a second call (botocore itself, through the profile) neither prompts nor reaches the backend' {
        $program = 'import botocore.session; c = botocore.session.Session(profile="sts").get_credentials().get_frozen_credentials(); print("KEY " + c.access_key)'
        $run = Invoke-Terminal @('env', '-u', 'AWS_ACCESS_KEY_ID', '-u', 'AWS_SECRET_ACCESS_KEY', 'python3', '-c', $program) -TimeoutSeconds 60
        $run.ExitCode | Should -Be 0
        $run.Stdout | Should -Match '^KEY ASIA[A-Z2-7]{16}\s*$'
        $run.Transcript | Should -Not -Match 'Code for'
        IssuedTo 'cp' | Should -Be 1
    }

    It '-Refresh asks again and reaches the backend; Clear-StsCredentialCache makes the next call ask' {
        $refresh = $command.Clone()
        $refresh[-1] = $refresh[-1] + ' -Refresh'
        (Invoke-Terminal $refresh -Account 'cp').ExitCode | Should -Be 0
        IssuedTo 'cp' | Should -Be 2
        (Invoke-Terminal $command -TimeoutSeconds 60).ExitCode | Should -Be 0
        IssuedTo 'cp' | Should -Be 2 -Because 'the refreshed credentials were stored'

        Clear-StsCredentialCache -AccountName cp -WhatIf
        @(Get-ChildItem -LiteralPath $env:STS_CACHE_DIR -File).Count | Should -BeGreaterThan 0
        Clear-StsCredentialCache
        @(Get-ChildItem -LiteralPath $env:STS_CACHE_DIR -File).Count | Should -Be 0
        $run = Invoke-Terminal $command -Account 'cp'
        $run.ExitCode | Should -Be 0
        $run.Transcript | Should -Match 'Code for cp'
        IssuedTo 'cp' | Should -Be 3
    }

    It 'after the refresh window it asks again (900 s credentials with a 15 min window are always inside it)' {
        $short = @('pwsh', '-NoProfile', '-NonInteractive', '-Command',
            "Get-StsCredential Developer -AccountName rw -DurationSeconds 900 -RefreshWindowMinutes 15 -AsCredentialProcess")
        foreach ($attempt in 1, 2) {
            $run = Invoke-Terminal $short -Account 'rw'
            $run.ExitCode | Should -Be 0
            Test-Document $run.Stdout | Should -BeTrue
        }
        IssuedTo 'rw' | Should -Be 2
    }

    It 'keeps the cache owner-only and free of codes' {
        $files = @(Get-ChildItem -LiteralPath $env:STS_CACHE_DIR -File)
        $files.Count | Should -BeGreaterThan 0
        [IO.File]::GetUnixFileMode($env:STS_CACHE_DIR) | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite, UserExecute')
        foreach ($file in $files) {
            [IO.File]::GetUnixFileMode($file.FullName) | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite')
            $text = Get-Content -LiteralPath $file.FullName -Raw
            @($codes | Where-Object { $text -match "(?<![0-9A-Za-z])$_(?![0-9A-Za-z])" }).Count | Should -Be 0
        }
    }
}

Describe 'eval "$(pwsh …)" in bash' {
    It 'sets the variables in bash; the prompt stays on the terminal, out of the eval''d text (the help and README line as written)' {
        $line = Example 'Get-StsCredential' 4
        $readme.Contains($line) | Should -BeTrue
        $program = "$line`n" + 'printf "KEY=%s\n" "$AWS_ACCESS_KEY_ID"; [ -n "$AWS_SECRET_ACCESS_KEY" ] && [ -n "$AWS_SESSION_TOKEN" ] && echo SET'
        $env:STS_ACCOUNT_NAME = 'ev'
        try { $run = Invoke-Terminal @('bash', '--norc', '--noprofile', '-c', $program) -Account 'ev' }
        finally { Remove-Item Env:STS_ACCOUNT_NAME }
        $run.ExitCode | Should -Be 0
        $run.Stdout | Should -Match '(?m)^KEY=ASIA[A-Z2-7]{16}$'
        $run.Stdout | Should -Match '(?m)^SET$'
        $run.Transcript | Should -Match 'Code for ev at'
        $run.Transcript | Should -Not -Match 'command not found' -Because 'nothing but export lines was evaluated'
        $run.Stdout | Should -Not -Match 'Code for'
    }
}

Describe 'Codes from a command' {
    It '-TotpCodeCommand ''op item get AWS --otp'' serves without a prompt (the help example as written)' {
        Write-CodeFile 'cc'
        $example = Example 'Get-StsCredential' 6
        $readme.Contains($example) | Should -BeTrue
        $script = "$example; if (`$env:AWS_ACCESS_KEY_ID -cmatch '^ASIA[A-Z2-7]{16}$') { 'SET' }"
        $env:STS_ACCOUNT_NAME = 'cc'
        try { $run = Invoke-Terminal @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $script) -TimeoutSeconds 60 }
        finally { Remove-Item Env:STS_ACCOUNT_NAME }
        $run.ExitCode | Should -Be 0
        $run.Stdout.Trim() | Should -Be 'SET'
        $run.Transcript | Should -Not -Match 'Code for'
        IssuedTo 'cc' | Should -Be 1
    }

    It '$env:STS_TOTP_CODE_COMMAND = ''ykman oath accounts code -s stsftw'' serves credential_process without a prompt' {
        Write-CodeFile 'yk'
        $readme.Contains("STS_TOTP_CODE_COMMAND='ykman oath accounts code -s stsftw'") | Should -BeTrue
        $env:STS_TOTP_CODE_COMMAND = 'ykman oath accounts code -s stsftw'
        try {
            $run = Invoke-Terminal @('pwsh', '-NoProfile', '-NonInteractive', '-Command', 'Get-StsCredential Developer -AccountName yk -AsCredentialProcess') -TimeoutSeconds 60
        }
        finally { Remove-Item Env:STS_TOTP_CODE_COMMAND }
        $run.ExitCode | Should -Be 0
        Test-Document $run.Stdout | Should -BeTrue
        $run.Transcript | Should -Not -Match 'Code for'
    }
}

Describe 'No terminal' {
    It 'credential_process under setsid: exit 1, one line on stderr naming -TotpCode, -TotpCodeCommand and STS_TOTP_CODE_COMMAND, nothing on stdout' {
        $stdout = Join-Path $work 'setsid.out'
        $stderr = Join-Path $work 'setsid.err'
        $process = Start-Process -FilePath setsid -ArgumentList '-w', 'pwsh', '-NoProfile', '-NonInteractive', '-Command',
            '"Get-StsCredential Developer -AccountName nt -AsCredentialProcess"' -RedirectStandardOutput $stdout -RedirectStandardError $stderr -PassThru -Wait
        $process.ExitCode | Should -Be 1
        [IO.File]::ReadAllText($stdout) | Should -BeNullOrEmpty
        $lines = @(Get-Content -LiteralPath $stderr | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 1
        foreach ($way in '-TotpCode,', '-TotpCodeCommand', 'STS_TOTP_CODE_COMMAND') { $lines[0] | Should -BeLike "*$way*" }
        IssuedTo 'nt' | Should -Be 0
    }
}

Describe 'Region, -Verbose and the README recipes' {
    It 'Get-StsCredential -Region | Set-StsEnvironment -ProfileName writes region = … (the help example as written)' {
        $example = Example 'Get-StsCredential' 8
        $readme.Contains($example) | Should -BeTrue
        $env:STS_ACCOUNT_NAME = 'rg'
        try { $run = Invoke-Terminal @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $example) -Account 'rg' }
        finally { Remove-Item Env:STS_ACCOUNT_NAME }
        $run.ExitCode | Should -Be 0
        $text = Get-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE -Raw
        $handled.Add($text)
        $text | Should -Match '(?m)^\[dev\]$'
        $text | Should -Match '(?m)^region = eu-west-1$'
    }

    It '-Refresh -Verbose says where the credentials came from and shows no secret (the help example as written)' {
        $example = Example 'Get-StsCredential' 7
        $env:STS_ACCOUNT_NAME = 'vb'
        try {
            $first = Invoke-Terminal @('pwsh', '-NoProfile', '-NonInteractive', '-Command', "$example | Out-Null") -Account 'vb'
            $second = Invoke-Terminal @('pwsh', '-NoProfile', '-NonInteractive', '-Command', 'Get-StsCredential Developer -Verbose | Out-Null') -TimeoutSeconds 60
        }
        finally { Remove-Item Env:STS_ACCOUNT_NAME }
        $first.ExitCode | Should -Be 0
        ($first.Stdout + $first.Transcript) | Should -Match 'From the endpoint'
        $second.ExitCode | Should -Be 0
        ($second.Stdout + $second.Transcript) | Should -Match 'Served from the cache, refreshes in \d+ min'
        IssuedTo 'vb' | Should -Be 1
    }

    It 'README names STS_CREDENTIAL_REGION and says why it is not STS_REGION' {
        $readme | Should -Match 'STS_CREDENTIAL_REGION'
        $readme | Should -Match 'STS_REGION'
    }
}

Describe 'Secrets' {
    It 'no code reached stdout or the sandbox''s output, and no credential reached the sandbox''s output' {
        $printed = (Get-Content -LiteralPath $sandbox.Output -Raw) + (Get-Content -LiteralPath $sandbox.Errors -Raw)
        @($codes | Where-Object { $printed -match "(?<![0-9A-Za-z])$_(?![0-9A-Za-z])" }).Count | Should -Be 0
        @($handled | Where-Object { $_ -and $_.Length -gt 20 -and $printed.Contains($_) }).Count | Should -Be 0
        $all = $transcripts -join "`n"
        @($codes | Where-Object { $all.Contains($_) }).Count | Should -Be 0 -Because 'every typed code is masked'
    }
}
