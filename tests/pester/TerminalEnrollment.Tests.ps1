# Enrolling a device on a terminal, as people meet it: real pwsh on a pseudo-terminal (Support/pty_run.py, standing in
# for the person and their phone), its stdout a pipe, against the local sandbox. By invitation (issue 16,
# docs/INVITATIONS.md): the admin invites; the person's Register-StsDevice shows the new secret on the terminal only,
# takes two codes from the phone and activates the device, which then gets credentials; the codes it used are replays
# afterwards, and the invitation cannot be redeemed twice; a rotation asks for the old device's code on the terminal,
# masked. The admin's own New-StsEnrollment keeps the secret off standard output the same way.
# Codes, secrets and credentials are only compared as booleans, so a failing assertion cannot print one.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Phone.ps1')
    . (Join-Path $PSScriptRoot 'Support/Sandbox.ps1')
    Import-Module $env:STSFTW_MODULE_MANIFEST -Force

    $sandbox = Start-Sandbox
    Set-SandboxEnvironment $sandbox.Info
    $env:STS_CACHE = 'off'

    $work = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "stsftw-invitation-$([guid]::NewGuid().ToString('N'))")).FullName
    $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
    $pwsh = @($dotnet, "$PSHOME/pwsh.dll", '-NoLogo', '-NoProfile', '-Command')
    $env:PSModulePath = (Split-Path (Split-Path $env:STSFTW_MODULE_MANIFEST)) + [IO.Path]::PathSeparator + $env:PSModulePath
    $driver = Join-Path $PSScriptRoot 'Support/pty_run.py'
    $oldDevicePrompt = 'Code of the device you are replacing: '

    # Every code and secret this suite handled: none may appear in the sandbox's output.
    $handled = [System.Collections.Generic.List[string]]::new()

    # Runs pwsh with $Script on the pseudo-terminal, the driver acting as the phone (and typing -Answer's keys at
    # its prompt). Returns the exit code, stdout (exact) and what the terminal showed.
    function Invoke-OnTerminal([string] $Script, [string[]] $Answer = @()) {
        $id = [guid]::NewGuid().ToString('N')
        $stdout = Join-Path $work "$id.out"
        $transcript = Join-Path $work "$id.tty"
        $options = @('--phone', '--timeout', '90')
        if ($Answer) { $options += '--answer', $Answer[0], $Answer[1] }
        & python3 $driver @options $stdout $transcript -- @pwsh $Script
        [pscustomobject] @{
            ExitCode   = $LASTEXITCODE
            Stdout     = [IO.File]::ReadAllText($stdout)
            Transcript = [IO.File]::ReadAllText($transcript)
        }
    }

    # The otpauth URI the terminal showed (-ShowUri), or $null.
    function ShownUri([string] $Transcript) {
        $found = [regex]::Match($Transcript, 'otpauth://totp/[^\s\x1b]+')
        if ($found.Success) { $found.Value } else { $null }
    }

    # True when a code of $Phone's secret for any step around now appears in $Text (the driver typed two of them).
    function Test-ShowsACode([Phone] $Phone, [string] $Text) {
        $now = [Phone]::StepNow()
        foreach ($step in ($now - 3)..($now + 2)) { if ($Text.Contains([Phone]::Code($Phone.Secret, $step, 6))) { return $true } }
        $false
    }

    function ErrorOf([scriptblock] $Command) {
        $ErrorActionPreference = 'Stop'
        try { & $Command | Out-Null; $null } catch { $_ }
    }

    function Example([string] $Cmdlet, [int] $Number) { @((Get-Help $Cmdlet -Examples).examples.example)[$Number - 1].code }
}

AfterAll {
    if ($sandbox -and -not $sandbox.Process.HasExited) { $sandbox.Process.Kill($true) }
    if ($sandbox) { Remove-Item -LiteralPath $sandbox.Folder -Recurse -Force -ErrorAction Ignore }
    if ($work) { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore }
}

Describe 'Register-StsDevice on a terminal' {
    BeforeAll {
        $env:STS_ACCOUNT_NAME = 'judy'
        $code = (New-StsInvitation -AccountName judy -Roles Developer -ErrorAction Stop).InvitationCode
        $handled.Add($code)
        # First without any terminal (setsid: no controlling terminal), as from cron or a CI job.
        $noTerminal = & setsid -w @pwsh "Register-StsDevice -InvitationCode '$code'" 2>&1 | Out-String
        $noTerminalExit = $LASTEXITCODE
        # The help's second example, as written, with the code the admin sent.
        $run = Invoke-OnTerminal ("`$code = '$code'; " + (Example 'Register-StsDevice' 2))
        $stepAfterRun = [Phone]::StepNow()
        $uri = ShownUri $run.Transcript
        if ($uri) { $handled.Add($uri); $phone = [Phone]::new($uri) }
    }

    It 'InvitationIsNotSpentWithoutATerminal: with no terminal it redeems nothing, so the same code works at a terminal' {
        $noTerminal | Should -Match 'Nothing was redeemed'
        $noTerminalExit | Should -Not -Be 0
        $run.ExitCode | Should -Be 0 -Because 'the code was not spent by the run without a terminal'
    }

    It 'activates the device and outputs the registration on stdout' {
        $run.ExitCode | Should -Be 0 -Because ($run.Stdout + $run.Transcript)
        $run.Stdout | Should -Match 'judy'
        $run.Stdout | Should -Match 'Active'
    }

    It 'SecretNeverReachesStandardOutputUnderTheConsoleHost: the QR code and the URI on the terminal, nothing of them on stdout' {
        $uri | Should -Not -BeNullOrEmpty
        $run.Transcript.Contains('Scan this code with the authenticator app of judy') | Should -BeTrue
        $run.Stdout.Contains('otpauth') | Should -BeFalse
        $secretText = ([uri] $uri).Query -replace '.*secret=([A-Z2-7]+).*', '$1'
        $run.Stdout.Contains($secretText) | Should -BeFalse
    }

    It 'reads both codes masked: neither shows on the terminal or stdout' {
        $run.Transcript.Contains('Code shown now: ') | Should -BeTrue
        $run.Transcript.Contains('Next code (wait for it to change): ') | Should -BeTrue
        Test-ShowsACode $phone ($run.Transcript + $run.Stdout) | Should -BeFalse
    }

    It 'ConfirmCodesAreRefusedAfterwardsAsReplays: the code of the step the confirm used gets no credential' {
        # The confirm used the step it was typed in and the next; the current step is one of them.
        $replay = [Phone]::Code($phone.Secret, [Phone]::StepNow(), 6)
        $handled.Add($replay)
        $record = ErrorOf { Get-StsCredential -AccountName judy -Role Developer -TotpCode $replay }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.AuthenticationFailed,*'
    }

    It 'gives the new device credentials with its next code' {
        $phone.LastStep = $stepAfterRun + 1
        $next = $phone.NextCode()
        $handled.Add($next)
        $credential = Get-StsCredential -AccountName judy -Role Developer -TotpCode $next -ErrorAction Stop
        $handled.Add($credential.SecretAccessKey)
        $handled.Add($credential.SessionToken)
        $credential.AccessKeyId | Should -Match '^ASIA'
    }

    It 'refuses a second redemption of the same invitation ("the invitation is not valid"), and shows nothing' {
        $second = Invoke-OnTerminal "Register-StsDevice -InvitationCode '$code' -ErrorAction Stop"
        $second.ExitCode | Should -Not -Be 0
        ($second.Stdout + $second.Transcript) | Should -Match 'invitation is not valid'
        ($second.Stdout + $second.Transcript).Contains('Scan this code') | Should -BeFalse
        ($second.Stdout + $second.Transcript).Contains($code) | Should -BeFalse
    }
}

Describe 'Replacing a device' {
    BeforeAll {
        $env:STS_ACCOUNT_NAME = 'ken'
        $uri = New-StsEnrollment -AccountName ken -Roles Developer -NoPrompt -ErrorAction Stop
        $handled.Add($uri)
        $old = [Phone]::new($uri)
        $code = (New-StsInvitation -AccountName ken -ErrorAction Stop).InvitationCode
        $handled.Add($code)
    }

    It 'Get-StsEnrollment shows the rotation outstanding: Active, invited' {
        (Get-StsEnrollment -AccountName ken | Format-Table | Out-String) | Should -Match 'ken\s+Active; invited'
    }

    It 'OldDevicesCodeIsAskedForOnTheTerminal: without -CurrentTotpCode the old device''s code is asked for, masked, and the new device is active' {
        $oldCode = $old.NextCode()
        $handled.Add($oldCode)
        $run = Invoke-OnTerminal "Register-StsDevice '$code' -ShowUri | Format-List AccountName, Status, Rotation" -Answer $oldDevicePrompt, "$oldCode\r"
        $run.ExitCode | Should -Be 0 -Because ($run.Stdout + $run.Transcript)
        ([regex]::Matches($run.Transcript, [regex]::Escape($oldDevicePrompt))).Count | Should -Be 1
        $run.Transcript.Contains($oldCode) -or $run.Stdout.Contains($oldCode) | Should -BeFalse
        $run.Stdout | Should -Match 'Rotation\s*:\s*True'
        $handled.Add((ShownUri $run.Transcript))
    }

    It 'the old device no longer gets credentials' {
        $next = $old.NextCode()
        $handled.Add($next)
        $record = ErrorOf { Get-StsCredential -AccountName ken -Role Developer -TotpCode $next }
        $record.FullyQualifiedErrorId | Should -BeLike 'StsCredential.AuthenticationFailed,*'
    }
}

Describe 'The admin''s New-StsEnrollment on a terminal' {
    It 'SecretNeverReachesStandardOutputUnderTheConsoleHost: the QR code and the URI on the terminal, the phone''s two codes there, and the entry written' {
        $run = Invoke-OnTerminal 'New-StsEnrollment -AccountName lena -Roles Developer | Format-List AccountName, Roles'
        $run.ExitCode | Should -Be 0 -Because ($run.Stdout + $run.Transcript)
        $uri = ShownUri $run.Transcript
        $uri | Should -Not -BeNullOrEmpty
        $handled.Add($uri)
        $run.Stdout.Contains('otpauth') -or $run.Stdout.Contains('Scan this code') | Should -BeFalse
        $run.Stdout | Should -Match 'lena'
        Test-ShowsACode ([Phone]::new($uri)) ($run.Transcript + $run.Stdout) | Should -BeFalse
        (Get-StsEnrollment -AccountName lena).SecretStorage | Should -Be 'Kms'
    }
}

Describe 'Nothing secret in the backend''s output' {
    It 'the sandbox printed none of the codes, secrets or credentials this suite handled' {
        Start-Sleep -Milliseconds 500
        $logged = (Get-Content -LiteralPath $sandbox.Output, $sandbox.Errors -Raw) -join "`n"
        @($handled | Where-Object { $_ -and $logged.Contains($_) }).Count | Should -Be 0
    }
}
