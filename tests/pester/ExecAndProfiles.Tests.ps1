# Invoke-StsCommand and Register-/Unregister-StsProfile in real pwsh: the credentials reach only the command's
# environment, the caller's is the same before and after (set and unset variables alike), exit codes come back, a
# throwing script block still restores; profiles go into a temporary AWS_CONFIG_FILE, the rest of the file untouched,
# and the written credential_process line, split by python3's shlex as botocore splits it, runs Get-StsCredential
# against the local sandbox. Secrets are only ever compared as booleans: a failing assertion cannot print one.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    . (Join-Path $PSScriptRoot 'Support/Phone.ps1')
    . (Join-Path $PSScriptRoot 'Support/Sandbox.ps1')
    Import-Module $env:STSFTW_MODULE_MANIFEST -Force

    $credential = [StsFtw.PowerShell.Output.StsCredential]@{
        AccessKeyId     = 'ASIAEXECTESTKEY00001'
        SecretAccessKey = 'ExecTestSecret' + [guid]::NewGuid().ToString('N')
        SessionToken    = 'ExecTestToken' + [guid]::NewGuid().ToString('N')
        Expiration      = [DateTime]::UtcNow.AddHours(1)
    }
    $watched = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION',
        'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN'
    function Snapshot { $watched | ForEach-Object { '{0}={1}' -f $_, [Environment]::GetEnvironmentVariable($_) } }

    # Some variables set, some unset, before each test.
    function Reset-Caller {
        $env:AWS_ACCESS_KEY_ID = 'OUTERKEY'
        $env:AWS_PROFILE = 'outer-profile'
        $env:AWS_REGION = 'us-east-2'
        foreach ($name in 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_DEFAULT_REGION', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN') {
            Remove-Item "Env:$name" -ErrorAction Ignore
        }
    }

    function Split-Shlex([string] $Line) {
        $out = & python3 -c 'import json, shlex, sys; print(json.dumps(shlex.split(sys.argv[1])))' $Line
        if ($LASTEXITCODE -ne 0) { throw 'python3 shlex.split failed' }
        @($out | ConvertFrom-Json)
    }

    function New-ConfigFile($Text) {
        $path = Join-Path $TestDrive ("config-" + [guid]::NewGuid().ToString('N'))
        if ($null -ne $Text) { [IO.File]::WriteAllText($path, [string]$Text) }
        $path
    }
}

Describe 'Invoke-StsCommand with an external command' {
    BeforeEach { Reset-Caller }

    It 'gives the command the credentials, the region and no profile, and leaves the caller as it was' {
        $before = Snapshot
        $script = 'test "$AWS_ACCESS_KEY_ID" = "$1" && test "$AWS_SECRET_ACCESS_KEY" = "$2" && test "$AWS_SESSION_TOKEN" = "$3" && ' +
            'test -n "$AWS_CREDENTIAL_EXPIRATION" && test "$AWS_REGION" = eu-west-1 && test "$AWS_DEFAULT_REGION" = eu-west-1 && ' +
            'test -z "${AWS_PROFILE+set}" && echo credentials-seen'
        $credential | Invoke-StsCommand -FilePath sh -ArgumentList '-c', $script, 'sh', $credential.AccessKeyId, $credential.SecretAccessKey, $credential.SessionToken -Region eu-west-1
        $LASTEXITCODE | Should -Be 0
        Snapshot | Should -Be $before
    }

    It 'passes the values the command prints only as booleans, from the pipeline and from -Credential' {
        $child = Invoke-ChildPwsh -ArgumentList '-Command', @"
Import-Module '$env:STSFTW_MODULE_MANIFEST'
`$c = [StsFtw.PowerShell.Output.StsCredential]@{ AccessKeyId = 'ASIAPIPE'; SecretAccessKey = 's1'; SessionToken = 't1' }
`$c | Invoke-StsCommand -FilePath sh -ArgumentList '-c', 'echo "pipe:`$AWS_ACCESS_KEY_ID:`$AWS_SESSION_TOKEN:`${AWS_CREDENTIAL_EXPIRATION-none}"'
Invoke-StsCommand -Credential `$c sh '-c', 'echo "param:`$AWS_ACCESS_KEY_ID"'
"caller:`$env:AWS_ACCESS_KEY_ID"
"@ -Environment @{ AWS_ACCESS_KEY_ID = $null; AWS_CREDENTIAL_EXPIRATION = 'stale' }
        $child.ExitCode | Should -Be 0
        ($child.Output -contains 'pipe:ASIAPIPE:t1:none') | Should -BeTrue -Because 'a stale expiration is removed'
        ($child.Output -contains 'param:ASIAPIPE') | Should -BeTrue
        ($child.Output -contains 'caller:') | Should -BeTrue
    }

    It 'takes the region from a Region property of the credential object when -Region is not given' {
        $withRegion = [StsFtw.PowerShell.Output.StsCredential]@{ AccessKeyId = 'ASIAREGION'; SecretAccessKey = 's'; SessionToken = 't' }
        # Get-StsCredential's object may have a Region property of its own; any object's Region property counts.
        if ($withRegion.PSObject.Properties['Region']) { $withRegion.Region = 'ap-southeast-2' }
        else { $withRegion | Add-Member -NotePropertyName Region -NotePropertyValue 'ap-southeast-2' }
        $withRegion | Invoke-StsCommand -FilePath sh -ArgumentList '-c', 'test "$AWS_REGION" = ap-southeast-2 && test "$AWS_DEFAULT_REGION" = ap-southeast-2'
        $LASTEXITCODE | Should -Be 0
        $withRegion | Invoke-StsCommand -FilePath sh -ArgumentList '-c', 'test "$AWS_REGION" = eu-north-1' -Region eu-north-1
        $LASTEXITCODE | Should -Be 0
    }

    It 'sets $LASTEXITCODE to the exit code <Code> and $? accordingly' -ForEach @(@{ Code = 0 }, @{ Code = 7 }) {
        $credential | Invoke-StsCommand -FilePath sh -ArgumentList '-c', "exit $Code" -ErrorAction SilentlyContinue -ErrorVariable failure
        $succeeded = $?
        $LASTEXITCODE | Should -Be $Code
        $succeeded | Should -Be ($Code -eq 0)
        if ($Code -eq 0) { $failure | Should -BeNullOrEmpty }
        else {
            $failure[0].FullyQualifiedErrorId | Should -Be 'StsCommand.NonZeroExitCode,StsFtw.PowerShell.Commands.InvokeStsCommandCommand'
            $failure[0].CategoryInfo.Category | Should -Be 'NotSpecified'
            $failure[0].Exception.ExitCode | Should -Be 7
        }
    }

    It 'makes pwsh -Command exit with the code when the command line ends with exit $LASTEXITCODE, and with 1 without' {
        $prefix = "Import-Module '$env:STSFTW_MODULE_MANIFEST'; `$c = [StsFtw.PowerShell.Output.StsCredential]@{ AccessKeyId = 'A'; SecretAccessKey = 'B'; SessionToken = 'C' }; "
        (Invoke-ChildPwsh -ArgumentList '-Command', ($prefix + "`$c | Invoke-StsCommand -FilePath sh -ArgumentList '-c','exit 7'; exit `$LASTEXITCODE")).ExitCode | Should -Be 7
        (Invoke-ChildPwsh -ArgumentList '-Command', ($prefix + "`$c | Invoke-StsCommand -FilePath sh -ArgumentList '-c','exit 7'")).ExitCode | Should -Be 1
        (Invoke-ChildPwsh -ArgumentList '-Command', ($prefix + "`$c | Invoke-StsCommand -FilePath sh -ArgumentList '-c','exit 0'")).ExitCode | Should -Be 0
    }

    It 'runs the command in the current location and passes each argument unchanged' {
        Push-Location $TestDrive
        try {
            $credential | Invoke-StsCommand -FilePath sh -ArgumentList '-c', 'test "$PWD" = "$1" && test "$2" = "a b * ''c''"', 'sh', $TestDrive.ToString(), "a b * 'c'"
            $LASTEXITCODE | Should -Be 0
        }
        finally { Pop-Location }
    }

    It 'reports a program that is not found as StsCommand.CommandNotFound' {
        $credential | Invoke-StsCommand -FilePath 'no-such-program-stsftw' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'StsCommand.CommandNotFound,StsFtw.PowerShell.Commands.InvokeStsCommandCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a malformed region as StsCommand.InvalidInput and runs nothing' {
        $credential | Invoke-StsCommand -FilePath sh -ArgumentList '-c', 'exit 3' -Region 'EU WEST' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'StsCommand.InvalidInput,StsFtw.PowerShell.Commands.InvokeStsCommandCommand'
    }
}

Describe 'Invoke-StsCommand with a script block' {
    BeforeEach { Reset-Caller }

    It 'sets the credentials while the script block runs and restores set and unset variables exactly' {
        $before = Snapshot
        $seen = $credential | Invoke-StsCommand -Region eu-west-1 {
            [pscustomobject]@{
                Key     = $env:AWS_ACCESS_KEY_ID -ceq $credential.AccessKeyId
                Secret  = $env:AWS_SECRET_ACCESS_KEY -ceq $credential.SecretAccessKey
                Token   = $env:AWS_SESSION_TOKEN -ceq $credential.SessionToken
                Region  = $env:AWS_REGION -eq 'eu-west-1'
                Profile = $null -eq $env:AWS_PROFILE
            }
            sh -c 'test "$AWS_SESSION_TOKEN" = "$1" && echo native-saw-it' sh $credential.SessionToken
        }
        $seen[0].Key | Should -BeTrue
        $seen[0].Secret | Should -BeTrue
        $seen[0].Token | Should -BeTrue
        $seen[0].Region | Should -BeTrue
        $seen[0].Profile | Should -BeTrue
        $seen[1] | Should -Be 'native-saw-it'
        Snapshot | Should -Be $before
    }

    It 'passes -ArgumentList as the script block''s arguments' {
        $credential | Invoke-StsCommand { param($first) "$first/$($args -join ',')" } -ArgumentList 'a', 'b', 'c' | Should -Be 'a/b,c'
    }

    It 'restores the environment when the script block throws, and the error is the script block''s own' {
        $before = Snapshot
        $caught = try { $credential | Invoke-StsCommand { $env:AWS_REGION = 'changed-inside'; throw 'inner failure' }; $null } catch { $_ }
        $caught.Exception.Message | Should -Be 'inner failure'
        Snapshot | Should -Be $before
    }

    It 'restores the environment when the script block calls exit (which ends the script that called it)' {
        $before = Snapshot
        $script = Join-Path $TestDrive 'exits.ps1'
        Set-Content -LiteralPath $script -Value 'param($c) $c | Invoke-StsCommand { $env:AWS_DEFAULT_REGION = "changed"; exit 3 }; "not reached"'
        & $script $credential | Should -BeNullOrEmpty
        $LASTEXITCODE | Should -Be 3
        Snapshot | Should -Be $before
    }

    It 'restores the region variables the script block changed when no region was given' {
        $before = Snapshot
        $credential | Invoke-StsCommand { $env:AWS_REGION = 'changed-inside'; $env:AWS_DEFAULT_REGION = 'changed-too' }
        Snapshot | Should -Be $before
    }
}

Describe 'Register-StsProfile and Unregister-StsProfile' {
    BeforeAll {
        $site = @{ Endpoint = 'https://sts.example.com/'; Issuer = 'Example Corp'; AccountName = 'alice' }
        $original = "# my settings`n[default]`nregion = us-east-1`n`n# production`n[profile prod]`noutput = json`n"
    }

    It 'writes [profile dev] with credential_process and region into AWS_CONFIG_FILE and leaves the rest untouched' {
        $path = New-ConfigFile $original
        $env:AWS_CONFIG_FILE = $path
        try { Register-StsProfile -Name dev -Role Developer @site -Region eu-west-1 -DurationSeconds 3600 }
        finally { Remove-Item Env:AWS_CONFIG_FILE }
        $text = [IO.File]::ReadAllText($path)
        $text.StartsWith($original + "`n[profile dev]`ncredential_process = pwsh -NoProfile -NonInteractive -Command ", [StringComparison]::Ordinal) | Should -BeTrue
        $text.EndsWith("`nregion = eu-west-1`n", [StringComparison]::Ordinal) | Should -BeTrue
        if (-not $IsWindows) { (Get-Item $path).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
    }

    It 'writes a line that python3 shlex.split (as botocore does) turns into exactly the intended argv' {
        $path = New-ConfigFile $null
        Register-StsProfile -Name dev -Role Developer @site -SecondaryAccountName bob -Region eu-west-1 -TotpCodeCommand 'op item get AWS --otp' -ConfigFilePath $path
        $line = ((Get-Content $path) -match '^credential_process = ') -replace '^credential_process = ', ''
        $argv = Split-Shlex $line
        $argv.Count | Should -Be 5
        $argv[0..3] | Should -Be @('pwsh', '-NoProfile', '-NonInteractive', '-Command')
        $argv[4] | Should -BeExactly ("Import-Module StsFtw; Get-StsCredential -Endpoint 'https://sts.example.com/' -Issuer 'Example Corp' " +
            "-AccountName 'alice' -Role 'Developer' -SecondaryAccountName 'bob' -Region 'eu-west-1' -TotpCodeCommand 'op item get AWS --otp' -AsCredentialProcess")
        # And PowerShell reads that script as one pipeline of one command with exactly these parameters.
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($argv[4], [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        $commands = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)
        @($commands).Count | Should -Be 2
        $commands[1].GetCommandName() | Should -Be 'Get-StsCredential'
    }

    It '-WhatIf shows the exact lines and writes nothing' {
        $path = New-ConfigFile $original
        # What if: goes to the host, so a child pwsh's standard output shows it.
        $said = (Invoke-ChildPwsh -ArgumentList '-Command', ("Import-Module '$env:STSFTW_MODULE_MANIFEST'; " +
            "Register-StsProfile -Name dev -Role Developer -Endpoint https://sts.example.com/ -Issuer 'Example Corp' -AccountName alice -ConfigFilePath '$path' -WhatIf")).Output -join "`n"
        [IO.File]::ReadAllText($path) | Should -BeExactly $original
        $said | Should -Match ([regex]::Escape('[profile dev]'))
        $said | Should -Match ([regex]::Escape("credential_process = pwsh -NoProfile -NonInteractive -Command `"Import-Module StsFtw; Get-StsCredential -Endpoint 'https://sts.example.com/'"))
    }

    It 'refuses to replace a profile without -Force, replaces it with -Force, and keeps CRLF' {
        $crlf = $original.Replace("`n", "`r`n") + "`r`n[profile dev]`r`nrole_arn = arn:aws:iam::123456789012:role/Old`r`n"
        $path = New-ConfigFile $crlf
        Register-StsProfile -Name dev -Role Developer @site -ConfigFilePath $path -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'StsProfile.ProfileExists,StsFtw.PowerShell.Commands.RegisterStsProfileCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        [IO.File]::ReadAllText($path) | Should -BeExactly $crlf
        Register-StsProfile -Name dev -Role Developer @site -ConfigFilePath $path -Force
        $text = [IO.File]::ReadAllText($path)
        $text.StartsWith($original.Replace("`n", "`r`n") + "`r`n[profile dev]`r`ncredential_process = ", [StringComparison]::Ordinal) | Should -BeTrue
        $text | Should -Not -Match 'role_arn'
        ($text -replace "`r`n", '') | Should -Not -Match "`n"
    }

    It 'writes [default] for the profile default' {
        $path = New-ConfigFile $null
        Register-StsProfile -Name default -Role Developer @site -ConfigFilePath $path
        (Get-Content $path)[0] | Should -Be '[default]'
    }

    It 'refuses <Case> as StsProfile.InvalidInput and writes nothing' -ForEach @(
        @{ Case = 'a single quote'; Values = @{ AccountName = "al'ice" } }
        @{ Case = 'a double quote'; Values = @{ AccountName = 'al"ice' } }
        @{ Case = 'a command substitution'; Values = @{ AccountName = 'a$(id)' } }
        @{ Case = 'a semicolon'; Values = @{ Issuer = 'Example;rm' } }
        @{ Case = 'a typographic quote'; Values = @{ AccountName = "al$([char]0x2019)ice" } }
        @{ Case = 'a quote in the code command'; Values = @{ TotpCodeCommand = "op item get 'AWS' --otp" } }
        @{ Case = 'a line break in the code command'; Values = @{ TotpCodeCommand = "totp`nrm -rf ~" } }
    ) {
        $path = New-ConfigFile $original
        $arguments = @{ Name = 'dev'; Role = 'Developer'; ConfigFilePath = $path } + $site
        foreach ($key in $Values.Keys) { $arguments[$key] = $Values[$key] }
        Register-StsProfile @arguments -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'StsProfile.InvalidInput,StsFtw.PowerShell.Commands.RegisterStsProfileCommand'
        [IO.File]::ReadAllText($path) | Should -BeExactly $original
    }

    It 'names every missing setting at once' {
        $path = New-ConfigFile $null
        $child = Invoke-ChildPwsh -ArgumentList '-Command', "Import-Module '$env:STSFTW_MODULE_MANIFEST'; Register-StsProfile -Name dev -ConfigFilePath '$path' -ErrorAction SilentlyContinue -ErrorVariable e; `$e[0].FullyQualifiedErrorId; `$e[0].Exception.Message" `
            -Environment @{ STS_ENDPOINT = $null; STS_ISSUER = $null; STS_ACCOUNT_NAME = $null; STS_ROLE = $null }
        $child.Output[0] | Should -Be 'StsProfile.MissingSetting,StsFtw.PowerShell.Commands.RegisterStsProfileCommand'
        ($child.Output -join ' ') | Should -Match 'STS_ENDPOINT'
        Test-Path $path | Should -BeFalse
    }

    It 'Unregister-StsProfile -WhatIf writes nothing, and without it removes only that profile' {
        $path = New-ConfigFile $original
        Register-StsProfile -Name dev -Role Developer @site -ConfigFilePath $path
        $registered = [IO.File]::ReadAllText($path)
        Unregister-StsProfile -Name dev -ConfigFilePath $path -WhatIf
        [IO.File]::ReadAllText($path) | Should -BeExactly $registered
        Unregister-StsProfile -Name dev -ConfigFilePath $path
        [IO.File]::ReadAllText($path) | Should -BeExactly $original
        Unregister-StsProfile -Name dev -ConfigFilePath $path -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'StsProfile.ProfileNotFound,StsFtw.PowerShell.Commands.UnregisterStsProfileCommand'
    }

    It 'has help for every parameter and an example for <_>' -ForEach 'Invoke-StsCommand', 'Register-StsProfile', 'Unregister-StsProfile' {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -Match "^\s*$_\s*\["
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($name in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }) {
            (($help.Parameters.Parameter | Where-Object Name -eq $name).Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs help"
        }
    }
}

Describe 'The written credential_process against the sandbox' {
    BeforeAll {
        $sandbox = Start-Sandbox
        $info = $sandbox.Info
        $uri = & {
            Set-SandboxEnvironment $info
            New-StsEnrollment -AccountName profiler -Roles Developer -NoPrompt -ErrorAction Stop
        }
        $phone = [Phone]::new($uri)
    }

    AfterAll {
        if ($sandbox) { Stop-Sandbox $sandbox | Out-Null; Remove-Item -LiteralPath $sandbox.Folder -Recurse -Force -ErrorAction Ignore }
    }

    It 'prints the credential_process JSON when its argv is run with a code' {
        $path = New-ConfigFile $null
        # No -Region: today's Get-StsCredential has no -Region parameter yet (the line would pass it on).
        Register-StsProfile -Name sandbox -Role Developer -AccountName profiler -ConfigFilePath $path
        $line = ((Get-Content $path) -match '^credential_process = ') -replace '^credential_process = ', ''
        $argv = Split-Shlex $line
        # The AWS CLI would run argv as is; here pwsh is the repository's own, the module the built one, and a code is
        # added, as -TotpCodeCommand or the terminal would give it.
        $argv[4] | Should -Match ' -AsCredentialProcess$'
        $script = $argv[4] -replace ' -AsCredentialProcess$', (" -TotpCode '{0}' -AsCredentialProcess" -f $phone.NextCode())
        $argv[1..3] | Should -Be @('-NoProfile', '-NonInteractive', '-Command') # Invoke-ChildPwsh adds the first two itself
        $child = Invoke-ChildPwsh -ArgumentList '-Command', $script -WorkingDirectory $TestDrive -Environment @{
            PSModulePath = (Split-Path (Split-Path $env:STSFTW_MODULE_MANIFEST)) + [IO.Path]::PathSeparator + $env:PSModulePath
            STS_ENDPOINT = $null; STS_ISSUER = $null; STS_ACCOUNT_NAME = $null; STS_ROLE = $null
        }
        $child.ExitCode | Should -Be 0 -Because ($child.Errors -join ' ')
        $document = ($child.Output -join "`n") | ConvertFrom-Json
        $document.Version | Should -Be 1
        ($document.AccessKeyId -cmatch '^ASIA[A-Z2-7]{16}$') | Should -BeTrue
        $document.SecretAccessKey.StartsWith($info.issuedSecretAccessKeyPrefix, [StringComparison]::Ordinal) | Should -BeTrue
        [bool]$document.SessionToken | Should -BeTrue
        [bool]$document.Expiration | Should -BeTrue
    }
}
