# The module end to end in real pwsh against the local sandbox (src/StsFtw.Sandbox, started here with --json):
# enrollment, every form of Get-StsCredential, co-signers, the admin cmdlets, error ids and categories, and the
# sandbox's own start and stop. Codes are computed as a phone would (Support/Phone.ps1).
# Nothing secret reaches the output: codes, TOTP secrets and credentials are only ever compared as booleans, so a
# failing assertion cannot print one (the runner fails the suite if any appears).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Phone.ps1')
    . (Join-Path $PSScriptRoot 'Support/Sandbox.ps1')
    Import-Module $env:STSFTW_MODULE_MANIFEST -Force

    $sandbox = Start-Sandbox
    Set-SandboxEnvironment $sandbox.Info
    # Every call here asks the backend (Session.Tests.ps1 covers the cache), and nothing touches the user's cache.
    $env:STS_CACHE = 'off'

    $phones = @{}
    # Every code, TOTP secret and credential this suite handled: none may appear in the sandbox's output.
    $handled = [System.Collections.Generic.List[string]]::new()
    $codes = [System.Collections.Generic.List[string]]::new()

    function Enroll([string] $Account, [string[]] $Roles = @('Developer'), [string[]] $CoSigners) {
        $access = @{}
        if ($Roles) { $access.Roles = $Roles }
        if ($CoSigners) { $access.SecondaryAuthorizers = $CoSigners }
        $uri = New-StsEnrollment -AccountName $Account @access -NoPrompt -ErrorAction Stop
        $handled.Add($uri)
        $phones[$Account] = [Phone]::new($uri)
    }

    function Code([string] $Account) {
        $code = $phones[$Account].NextCode()
        $codes.Add($code)
        $code
    }

    function Mint([string] $Account, [string] $Role = 'Developer', [hashtable] $Form = @{}) {
        $result = Get-StsCredential -AccountName $Account -Role $Role -TotpCode (Code $Account) @Form -ErrorAction Stop
        foreach ($item in @($result)) {
            if ($item -is [string]) { $handled.Add($item) } else { $handled.Add($item.SecretAccessKey); $handled.Add($item.SessionToken) }
        }
        $result
    }

    # The error record a command writes (as a terminating error), or $null when it writes none.
    function ErrorOf([scriptblock] $Command) {
        $ErrorActionPreference = 'Stop'
        try { & $Command | Out-Null; $null } catch { $_ }
    }

    # Accounts minting with 'Developer'. A phone has two codes a step; NextDeveloper picks the account that used its
    # phone least recently, so no test waits for a fresh step while another account still has a code.
    $pool = 'dev1', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8'
    foreach ($account in $pool) { Enroll $account }
    function NextDeveloper { $pool | Sort-Object { $phones[$_].LastStep } | Select-Object -First 1 }

    function Test-IssuedShape($AccessKeyId, $SecretAccessKey, $SessionToken) {
        ($AccessKeyId -cmatch '^ASIA[A-Z2-7]{16}$') -and
        $SecretAccessKey.StartsWith($sandbox.Info.issuedSecretAccessKeyPrefix, [StringComparison]::Ordinal) -and $SecretAccessKey.Length -eq 40 -and
        $SessionToken.StartsWith('FwoGStandInSessionToken', [StringComparison]::Ordinal)
    }
}

AfterAll {
    if ($sandbox -and -not $sandbox.Process.HasExited) { $sandbox.Process.Kill($true) }
    if ($sandbox) { Remove-Item -LiteralPath $sandbox.Folder -Recurse -Force -ErrorAction Ignore }
}

Describe 'The phone helper' {
    It 'computes the RFC 6238 Appendix B codes' {
        $secret = [Text.Encoding]::ASCII.GetBytes('12345678901234567890')
        [Phone]::Code($secret, [Phone]::StepAt([DateTimeOffset]::FromUnixTimeSeconds(59)), 8) | Should -Be '94287082'
        [Phone]::Code($secret, [Phone]::StepAt([DateTimeOffset]::FromUnixTimeSeconds(1111111109)), 8) | Should -Be '07081804'
        [Phone]::Code($secret, [Phone]::StepAt([DateTimeOffset]::FromUnixTimeSeconds(20000000000)), 8) | Should -Be '65353130'
    }
}

Describe 'The sandbox' {
    It 'reports the endpoint, the module''s variables and its processes, all local, and says its credentials are not real' {
        $info = $sandbox.Info
        $info.endpoint | Should -BeLike 'http://127.0.0.1:*/'
        $info.realAwsCredentials | Should -BeFalse
        $info.environment.PSObject.Properties.Name | Sort-Object | Should -Be @(
            'AWS_ACCESS_KEY_ID', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_KMS', 'AWS_SECRET_ACCESS_KEY',
            'STS_ENDPOINT', 'STS_FEDERATION_ENDPOINT', 'STS_ISSUER', 'STS_KMS_KEY_ID', 'STS_REGION', 'STS_TABLE_NAME')
        foreach ($url in $info.services.PSObject.Properties.Value) { $url | Should -BeLike 'http://127.0.0.1:*' }
        $info.startupMilliseconds | Should -BeLessThan 60000
        Test-Path -LiteralPath $info.moduleManifest | Should -BeTrue
        foreach ($id in $info.processIds.PSObject.Properties.Value) { Test-ProcessRunning $id | Should -BeTrue }
    }

    It 'prints the pwsh and export lines and the next commands for people, and Ctrl+C (SIGINT) stops all it started' -Skip:$IsWindows {
        $people = Start-Sandbox -ForPeople
        try {
            $children = @(Get-ChildProcessId $people.Process.Id)
            $people.Text | Should -Match 'NOT REAL AWS CREDENTIALS'
            $people.Text | Should -Match "\`$env:STS_ENDPOINT = 'http://127\.0\.0\.1:\d+/'"
            $people.Text | Should -Match "export STS_TABLE_NAME='stsftw-sandbox'"
            $people.Text | Should -Match 'New-StsEnrollment -AccountName alice -Roles Developer'
            $people.Text | Should -Match 'Get-StsCredential -AccountName alice -Role Developer \| Set-StsEnvironment'
            $children.Count | Should -Be 2
            & kill -s INT $people.Process.Id
            $people.Process.WaitForExit(20000) | Should -BeTrue
            $people.Process.ExitCode | Should -Be 0
            foreach ($id in $children) { Test-ProcessRunning $id | Should -BeFalse -Because 'the sandbox stops its backend and dynalite' }
        }
        finally {
            if (-not $people.Process.HasExited) { $people.Process.Kill($true) }
            Remove-Item -LiteralPath $people.Folder -Recurse -Force -ErrorAction Ignore
        }
    }

    It 'without Node.js says so in one sentence and exits non-zero' {
        $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
        $empty = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "stsftw-no-node-$([guid]::NewGuid().ToString('N'))")).FullName
        $savedPath = $env:PATH
        try {
            $env:PATH = $empty
            $process = Start-Process -FilePath $dotnet -ArgumentList ('"' + (Get-SandboxAssembly) + '"') -NoNewWindow -PassThru `
                -RedirectStandardOutput (Join-Path $empty 'out.txt') -RedirectStandardError (Join-Path $empty 'err.txt')
        }
        finally { $env:PATH = $savedPath }
        $process.WaitForExit(60000) | Should -BeTrue
        $process.ExitCode | Should -Not -Be 0
        $said = @(Get-Content (Join-Path $empty 'err.txt') | Where-Object { $_.Trim() })
        $said.Count | Should -Be 1
        $said[0] | Should -Match '^Node\.js was not found on PATH\. Install Node\.js 18 or later'
        Get-Content (Join-Path $empty 'out.txt') | Should -BeNullOrEmpty
        Remove-Item -LiteralPath $empty -Recurse -Force
    }
}

Describe 'Enrollment' {
    It 'New-StsEnrollment -NoPrompt returns the otpauth URI for the sandbox issuer and keeps the secret under KMS' {
        Enroll 'alice'
        ($handled[-1] -clike 'otpauth://totp/StsFtw-Sandbox:alice?*') | Should -BeTrue
        $entry = Get-StsEnrollment -AccountName alice
        $entry.SecretStorage | Should -Be 'Kms'
        $entry.Roles | Should -Be @('Developer')
        $entry.IsLocked | Should -BeFalse
    }

    It 'New-StsEnrollment -WhatIf writes nothing' {
        New-StsEnrollment -AccountName whatif -Roles Developer -NoPrompt -WhatIf | Should -BeNullOrEmpty
        Get-StsEnrollment -AccountName whatif -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'refuses to replace an enrollment without -Force: StsEnrollment.AlreadyExists (ResourceExists)' {
        $record = ErrorOf { New-StsEnrollment -AccountName alice -Roles Developer -NoPrompt }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsEnrollment.AlreadyExists,*'
        $record.CategoryInfo.Category | Should -Be 'ResourceExists'
    }

    # Issue 14 finding 10 (SECURITY.md admin rule B4): the otpauth URI went through the host into a running transcript.
    It 'RunningTranscriptNeverReceivesTheSecret: New-StsEnrollment and -RotateDevice refuse while Start-Transcript runs; -AllowTranscript lets them' {
        Enroll 'tess'
        $transcript = Join-Path ([IO.Path]::GetTempPath()) ('stsftw-transcript-' + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -LiteralPath $transcript | Out-Null
        try {
            $new = ErrorOf { New-StsEnrollment -AccountName tom -Roles Developer -NoPrompt }
            $rotate = ErrorOf { Set-StsEnrollment -AccountName tess -RotateDevice -NoPrompt }
            $allowed = New-StsEnrollment -AccountName tim -Roles Developer -NoPrompt -AllowTranscript
            $handled.Add($allowed)
        }
        finally {
            Stop-Transcript | Out-Null
        }
        try {
            $new.FullyQualifiedErrorId | Should -BeLike 'StsEnrollment.TranscriptRunning,*'
            $new.CategoryInfo.Category | Should -Be 'SecurityError'
            $rotate.FullyQualifiedErrorId | Should -BeLike 'StsEnrollment.TranscriptRunning,*'
            Get-StsEnrollment -AccountName tom -ErrorAction Ignore | Should -BeNullOrEmpty
            (Mint 'tess').AccountName | Should -Be 'tess'
            $text = Get-Content -LiteralPath $transcript -Raw
            $text.Contains('otpauth://') -or $text.Contains('secret=') | Should -BeFalse -Because 'no URI reached the transcript'
            ($allowed -clike 'otpauth://totp/*') | Should -BeTrue
            (Get-StsEnrollment -AccountName tim).SecretStorage | Should -Be 'Kms'
        }
        finally {
            Remove-Item -LiteralPath $transcript -Force
        }
    }
}

Describe 'Get-StsCredential' {
    BeforeEach {
        $saved = @{}
        foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_SHARED_CREDENTIALS_FILE') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        }
    }
    AfterEach {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }

    It 'outputs a credential object, its secret key and token masked in the default view' {
        $credential = Mint 'alice'
        Test-IssuedShape $credential.AccessKeyId $credential.SecretAccessKey $credential.SessionToken | Should -BeTrue
        $credential.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/Developer'
        $credential.AssumedRoleArn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/Developer/*'
        $credential.Issuer | Should -Be 'StsFtw-Sandbox'
        $credential.AccountName | Should -Be 'alice'
        $credential.Expiration | Should -BeGreaterThan ([DateTime]::UtcNow)
        $view = $credential | Format-Table | Out-String
        ($view.Contains($credential.SecretAccessKey) -or $view.Contains($credential.SessionToken)) | Should -BeFalse
    }

    It 'writes <Shell> lines setting the four AWS variables' -ForEach @(
        @{ Shell = 'Bash'; Pattern = "^export (AWS_[A-Z_]+)='[^']+'$" }
        @{ Shell = 'Zsh'; Pattern = "^export (AWS_[A-Z_]+)='[^']+'$" }
        @{ Shell = 'Fish'; Pattern = "^set -gx (AWS_[A-Z_]+) '[^']+'$" }
        @{ Shell = 'PowerShell'; Pattern = "^\`$env:(AWS_[A-Z_]+) = '[^']+'$" }
        @{ Shell = 'Cmd'; Pattern = '^set "(AWS_[A-Z_]+)=[^"%!^]+"$' }
    ) {
        $lines = @(Mint (NextDeveloper) -Form @{ AsExport = $true; Shell = $Shell })
        $names = foreach ($line in $lines) { if ($line -cmatch $Pattern) { $Matches[1] } else { 'unexpected line' } }
        $names | Sort-Object | Should -Be @('AWS_ACCESS_KEY_ID', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN')
    }

    It 'writes export lines that <Shell> evaluates to the same values' -ForEach @(@{ Shell = 'bash' }, @{ Shell = 'sh' }) {
        $lines = @(Mint (NextDeveloper) -Form @{ AsExport = $true; Shell = 'Bash' })
        $expected = [ordered] @{}
        foreach ($line in $lines) { if ($line -match "^export (\w+)='(.*)'$") { $expected[$Matches[1]] = $Matches[2] } }
        $program = ($lines -join "`n") + "`n" + 'printf "%s\n" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"'
        $values = @(& $Shell -c $program)
        $LASTEXITCODE | Should -Be 0
        $values.Count | Should -Be 4
        (@($expected.Values) -join "`n") -ceq ($values -join "`n") | Should -BeTrue -Because "$Shell must set each variable to the quoted value"
        Test-IssuedShape $values[0] $values[1] $values[2] | Should -BeTrue
        $values[3] | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
    }

    It 'writes PowerShell lines that pwsh evaluates to the same values' {
        $lines = @(Mint (NextDeveloper) -Form @{ AsExport = $true; Shell = 'PowerShell' })
        $expected = foreach ($line in $lines) { if ($line -match "^\`$env:(\w+) = '(.*)'$") { $Matches[2] } }
        Invoke-Expression ($lines -join "`n")
        $values = $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY, $env:AWS_SESSION_TOKEN, $env:AWS_CREDENTIAL_EXPIRATION
        ($expected -join "`n") -ceq ($values -join "`n") | Should -BeTrue
        Test-IssuedShape $values[0] $values[1] $values[2] | Should -BeTrue
    }

    It 'outputs the JSON an AWS CLI credential_process prints' {
        $document = Mint (NextDeveloper) -Form @{ AsCredentialProcess = $true } | ConvertFrom-Json
        $document.Version | Should -Be 1
        Test-IssuedShape $document.AccessKeyId $document.SecretAccessKey $document.SessionToken | Should -BeTrue
        [DateTimeOffset] $document.Expiration | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
    }

    It 'sets the AWS variables itself with -SetEnvironment, and outputs nothing' {
        Mint (NextDeveloper) -Form @{ SetEnvironment = $true } | Should -BeNullOrEmpty
        Test-IssuedShape $env:AWS_ACCESS_KEY_ID $env:AWS_SECRET_ACCESS_KEY $env:AWS_SESSION_TOKEN | Should -BeTrue
        $handled.Add($env:AWS_SECRET_ACCESS_KEY); $handled.Add($env:AWS_SESSION_TOKEN)
    }

    It 'Get-StsCredential | Set-StsEnvironment puts the credential into the AWS variables' {
        $credential = Mint (NextDeveloper)
        $credential | Set-StsEnvironment
        ($env:AWS_ACCESS_KEY_ID -ceq $credential.AccessKeyId -and $env:AWS_SECRET_ACCESS_KEY -ceq $credential.SecretAccessKey -and
            $env:AWS_SESSION_TOKEN -ceq $credential.SessionToken) | Should -BeTrue
        $env:AWS_CREDENTIAL_EXPIRATION | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
    }

    It 'Get-StsCredential | Set-StsEnvironment -ProfileName writes an owner-only profile to AWS_SHARED_CREDENTIALS_FILE, and -Clear removes it' {
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $sandbox.Folder 'credentials'
        Set-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE -Value "[other]`naws_access_key_id = AKIDOTHER"
        $credential = Mint (NextDeveloper)
        $credential | Set-StsEnvironment -ProfileName sandbox
        $text = Get-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE -Raw
        $text | Should -Match '(?m)^\[sandbox\]$'
        $text | Should -Match '(?m)^aws_access_key_id = AKIDOTHER$'
        ($text.Contains("aws_secret_access_key = $($credential.SecretAccessKey)") -and
            $text.Contains("aws_session_token = $($credential.SessionToken)")) | Should -BeTrue
        if (-not $IsWindows) { [IO.File]::GetUnixFileMode($env:AWS_SHARED_CREDENTIALS_FILE) | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite') }
        Set-StsEnvironment -ProfileName sandbox -Clear
        $text = Get-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE -Raw
        $text | Should -Not -Match '\[sandbox\]'
        $text | Should -Match '(?m)^\[other\]$'
    }
}

Describe 'A co-signer' {
    BeforeAll {
        Enroll 'bob' -Roles @() # a co-signer only, as README.md's first admin
        Enroll 'carol' -Roles 'Deployer' -CoSigners 'bob'
    }

    It 'is required for an entry that names one: StsCredential.SecondaryRequired (PermissionDenied)' {
        $record = ErrorOf { Get-StsCredential -AccountName carol -Role Deployer -TotpCode (Code 'carol') }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.SecondaryRequired,*'
        $record.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'gets the credential with both codes, naming the co-signer' {
        $credential = Mint 'carol' -Role 'Deployer' -Form @{ SecondaryAccountName = 'bob'; SecondaryTotpCode = (Code 'bob') }
        $credential.SecondaryAccountName | Should -Be 'bob'
        $credential.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/Deployer'
    }
}

Describe 'Error ids and categories' {
    It 'a wrong code is StsCredential.AuthenticationFailed (AuthenticationError)' {
        $record = ErrorOf { Get-StsCredential -AccountName dev1 -Role Developer -TotpCode $phones['dev1'].WrongCode() }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.AuthenticationFailed,*'
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'an unknown account is answered as a wrong code is' {
        $record = ErrorOf { Get-StsCredential -AccountName nobody -Role Developer -TotpCode $phones['dev2'].WrongCode() }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.AuthenticationFailed,*'
    }

    It 'a role the entry does not hold is StsCredential.RoleNotPermitted (PermissionDenied)' {
        $account = NextDeveloper
        $record = ErrorOf { Get-StsCredential -AccountName $account -Role Administrator -TotpCode (Code $account) }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.RoleNotPermitted,*'
        $record.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'a locked account is StsCredential.AccountLocked (LimitsExceeded), even with the right code' {
        Enroll 'dave'
        foreach ($attempt in 1..6) { ErrorOf { Get-StsCredential -AccountName dave -Role Developer -TotpCode $phones['dave'].WrongCode() } | Out-Null }
        $record = ErrorOf { Get-StsCredential -AccountName dave -Role Developer -TotpCode (Code 'dave') }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.AccountLocked,*'
        $record.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        (Get-StsEnrollment -AccountName dave).IsLocked | Should -BeTrue
    }
}

Describe 'The admin cmdlets' {
    It 'Get-StsEnrollment lists entries, filters by wildcard and shows no secret' {
        (Get-StsEnrollment).AccountName | Should -Contain 'alice'
        (Get-StsEnrollment -AccountName 'dev*').AccountName | Sort-Object | Should -Be $pool
        $view = Get-StsEnrollment | Format-List * | Out-String
        $leaks = foreach ($uri in $handled | Where-Object { $_ -like 'otpauth:*' }) { $view.Contains(([uri] $uri).Query) }
        ($leaks -contains $true) -or $view.Contains('otpauth') | Should -BeFalse
    }

    It 'Set-StsEnrollment -WhatIf changes nothing; -AddRoles and -RemoveRoles change the roles' {
        Enroll 'hank'
        Set-StsEnrollment -AccountName hank -AddRoles Auditor -WhatIf
        (Get-StsEnrollment -AccountName hank).Roles | Should -Be @('Developer')
        $entry = Set-StsEnrollment -AccountName hank -AddRoles Auditor -RemoveRoles Developer -PassThru
        $entry.Roles | Should -Be @('Auditor')
        $record = ErrorOf { Get-StsCredential -AccountName hank -Role Developer -TotpCode (Code 'hank') }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.RoleNotPermitted,*'
        (Mint 'hank' -Role 'Auditor').RoleArn | Should -Be 'arn:aws:iam::123456789012:role/Auditor'
    }

    It 'Set-StsEnrollment -RotateDevice -NoPrompt enrolls a new phone: the old one stops working' {
        Enroll 'erin'
        $old = $phones['erin']
        $uri = Set-StsEnrollment -AccountName erin -RotateDevice -NoPrompt
        $handled.Add($uri)
        $record = ErrorOf { Get-StsCredential -AccountName erin -Role Developer -TotpCode $old.NextCode() }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.AuthenticationFailed,*'
        $phones['erin'] = [Phone]::new($uri)
        (Mint 'erin').AccountName | Should -Be 'erin'
    }

    # Issue 16 (docs/INVITATIONS.md): the admin hands over a one-time code, never the person's secret.
    It 'InvitationCodeOnlyInTheOutputObject: New-StsInvitation puts the code in its object alone, and no otpauth URI or secret on any stream' {
        $streams = @(New-StsInvitation -AccountName ivan -Roles Developer -Verbose -InformationAction Continue -WarningAction Continue *>&1)
        $invitations = @($streams | Where-Object { $_ -is [StsFtw.PowerShell.Output.StsInvitation] })
        $others = @($streams | Where-Object { $_ -isnot [StsFtw.PowerShell.Output.StsInvitation] })
        $invitations.Count | Should -Be 1
        $code = $invitations[0].InvitationCode
        $handled.Add($code)
        [string]::IsNullOrEmpty($code) | Should -BeFalse
        @($others | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0 -Because '-Verbose was captured'
        $streamText = ($others | ForEach-Object { if ($_.PSObject.Properties['Message']) { $_.Message } else { "$_" } }) -join "`n"
        $objectText = ($invitations | Format-List * | Out-String) + ($invitations | Format-Table | Out-String) + "$($invitations[0])"
        $streamText.Contains($code) | Should -BeFalse -Because 'the code leaves the cmdlet only in its output object'
        ($streamText + $objectText).Contains('otpauth') -or ($streamText + $objectText).Contains('secret=') | Should -BeFalse -Because 'the admin never sees the person''s secret'
        $entry = Get-StsEnrollment -AccountName ivan
        ($entry | Format-List * | Out-String).Contains($code) | Should -BeFalse
        $entry.Status, $entry.Invitation | Should -Be 'Invited', 'Open'
        ($entry | Format-Table | Out-String) | Should -Match 'ivan\s+Invited'
        $record = ErrorOf { Get-StsCredential -AccountName ivan -Role Developer -TotpCode '123456' }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.AuthenticationFailed,*'
    }

    It 'Unlock-StsEnrollment -WhatIf keeps the lock; Unlock-StsEnrollment lifts it and the right code works again' {
        Enroll 'frank'
        foreach ($attempt in 1..6) { ErrorOf { Get-StsCredential -AccountName frank -Role Developer -TotpCode $phones['frank'].WrongCode() } | Out-Null }
        (Get-StsEnrollment -AccountName frank).IsLocked | Should -BeTrue
        Unlock-StsEnrollment -AccountName frank -WhatIf
        (Get-StsEnrollment -AccountName frank).IsLocked | Should -BeTrue
        $entry = Unlock-StsEnrollment -AccountName frank -PassThru
        $entry.IsLocked | Should -BeFalse
        $entry.ConsecutiveFailures | Should -Be 0
        (Mint 'frank').AccountName | Should -Be 'frank'
    }

    It 'Remove-StsEnrollment -WhatIf keeps the entry; -Force removes it; removing it again is StsEnrollment.NotFound (ObjectNotFound)' {
        Enroll 'gina'
        Remove-StsEnrollment -AccountName gina -WhatIf
        Get-StsEnrollment -AccountName gina | Should -Not -BeNullOrEmpty
        Remove-StsEnrollment -AccountName gina -Force
        Get-StsEnrollment -AccountName gina -ErrorAction Ignore | Should -BeNullOrEmpty
        $record = ErrorOf { Remove-StsEnrollment -AccountName gina -Force }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsEnrollment.NotFound,*'
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $record = ErrorOf { Get-StsCredential -AccountName gina -Role Developer -TotpCode (Code 'gina') }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.AuthenticationFailed,*'
    }
}

Describe 'Stopping the sandbox' {
    It 'kept every code, TOTP secret and credential out of what it printed' {
        $printed = (Get-Content -LiteralPath $sandbox.Output -Raw) + (Get-Content -LiteralPath $sandbox.Errors -Raw)
        $printed | Should -Match '"outcome":"issued"' -Because 'its log holds the requests this suite made'
        @($handled | Where-Object { $_ -and $printed.Contains($_) }).Count | Should -Be 0
        @($codes | Where-Object { $printed -match "(?<![0-9A-Za-z])$_(?![0-9A-Za-z])" }).Count | Should -Be 0
        $printed.Contains('otpauth') | Should -BeFalse
    }

    It 'stops the backend and dynalite on SIGTERM and exits 0' -Skip:$IsWindows {
        $children = @($sandbox.Info.processIds.backend, $sandbox.Info.processIds.dynalite)
        Stop-Sandbox $sandbox | Should -Be 0
        foreach ($id in $children) { Test-ProcessRunning $id | Should -BeFalse }
        (Get-Content -LiteralPath $sandbox.Errors -Tail 1) | Should -Match '^Stopped: the backend, dynalite and the stand-ins are gone\.$'
    }
}
