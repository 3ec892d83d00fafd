# Get-StsConsoleUrl in real pwsh against the local sandbox (src/StsFtw.Sandbox --json), whose federation stand-in gives
# sign-in tokens only for sessions its STS stand-in issued, and refuses, as AWS does, sessions minted with DurationSeconds.
# Sign-in URLs and credentials are only ever compared as booleans, so a failing assertion cannot print one (the runner
# fails the suite if any appears: stand-in sign-in tokens are marked).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Phone.ps1')
    . (Join-Path $PSScriptRoot 'Support/Sandbox.ps1')
    Import-Module $env:STSFTW_MODULE_MANIFEST -Force

    $sandbox = Start-Sandbox
    Set-SandboxEnvironment $sandbox.Info
    Remove-Item Env:STS_DURATION_SECONDS, Env:STS_BROWSER -ErrorAction Ignore

    $phones = @{}
    foreach ($account in 'con1', 'con2', 'con3', 'con4', 'con5', 'con6') {
        $uri = New-StsEnrollment -AccountName $account -Roles Developer -NoPrompt -ErrorAction Stop
        $phones[$account] = [Phone]::new($uri)
    }
    $pool = @($phones.Keys)
    function Mint([hashtable] $Form = @{}) {
        $account = $pool | Sort-Object { $phones[$_].LastStep } | Select-Object -First 1
        Get-StsCredential -AccountName $account -Role Developer -TotpCode $phones[$account].NextCode() @Form -ErrorAction Stop
    }

    # The error record a command writes (as a terminating error), or $null when it writes none.
    function ErrorOf([scriptblock] $Command) {
        $ErrorActionPreference = 'Stop'
        try { & $Command | Out-Null; $null } catch { $_ }
    }

    function QueryOf([string] $Url) {
        $query = @{}
        foreach ($pair in ([uri] $Url).Query.TrimStart('?').Split('&')) {
            $name, $value = $pair.Split('=', 2)
            $query[$name] = [uri]::UnescapeDataString($value)
        }
        $query
    }

    $federation = $sandbox.Info.services.federation
}

AfterAll {
    if ($sandbox -and -not $sandbox.Process.HasExited) { $sandbox.Process.Kill($true) }
    if ($sandbox) { Remove-Item -LiteralPath $sandbox.Folder -Recurse -Force -ErrorAction Ignore }
}

Describe 'Get-StsConsoleUrl' {
    It 'is set up by the sandbox: its federation stand-in is local and STS_FEDERATION_ENDPOINT points at it' {
        $federation | Should -BeLike 'http://127.0.0.1:*/federation'
        $env:STS_FEDERATION_ENDPOINT | Should -Be $federation
    }

    It 'turns piped credentials into a sign-in URL that the stand-in accepts, showing only Destination, Partition, Expiration' {
        $credential = Mint
        $signIn = $credential | Get-StsConsoleUrl -Region eu-west-1 -ErrorAction Stop

        $signIn.Destination | Should -Be 'https://console.aws.amazon.com/console/home?region=eu-west-1'
        $signIn.Partition | Should -Be 'aws'
        $signIn.Expiration | Should -Be $credential.Expiration
        $query = QueryOf $signIn.Url
        $signIn.Url.StartsWith("$federation`?Action=login&", [StringComparison]::Ordinal) | Should -BeTrue
        $query.Destination -eq $signIn.Destination | Should -BeTrue
        $query.Issuer -eq 'StsFtw' | Should -BeTrue
        $query.SigninToken.StartsWith('StandInSigninToken', [StringComparison]::Ordinal) | Should -BeTrue

        # What a person sees: neither the default view nor ToString shows the URL.
        $shown = ($signIn | Out-String) + ($signIn | Format-List | Out-String) + "$signIn"
        $shown.Contains('StandInSigninToken') | Should -BeFalse
        $shown.Contains('SigninToken=') | Should -BeFalse
        $shown | Should -Match 'console\.aws\.amazon\.com'

        # The stand-in signs in (redirects to the destination) with the token.
        $login = Invoke-WebRequest -Uri $signIn.Url -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction Ignore
        $login.StatusCode | Should -Be 302
        [string] $login.Headers.Location | Should -Be $signIn.Destination
    }

    It 'takes -Credential, -Destination and -Issuer' {
        $credential = Mint
        $signIn = Get-StsConsoleUrl -Credential $credential -Destination 'https://console.aws.amazon.com/s3/home?region=us-east-2' `
            -Issuer 'https://sso.example.com/' -ErrorAction Stop
        $query = QueryOf $signIn.Url
        $query.Destination -eq 'https://console.aws.amazon.com/s3/home?region=us-east-2' | Should -BeTrue
        $query.Issuer -eq 'https://sso.example.com/' | Should -BeTrue
    }

    It 'with -Open hands the URL to $env:STS_BROWSER and outputs nothing' -Skip:$IsWindows {
        $folder = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "stsftw-browser-$([guid]::NewGuid().ToString('N'))")).FullName
        $received = Join-Path $folder 'url.txt'
        $browser = Join-Path $folder 'browser.sh'
        Set-Content -LiteralPath $browser -Value "#!/bin/sh`nprintf '%s' `"`$1`" > '$received'`n"
        & chmod +x $browser
        try {
            $env:STS_BROWSER = $browser
            $output = Mint | Get-StsConsoleUrl -Open -ErrorAction Stop
            $output | Should -BeNullOrEmpty
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (-not (Test-Path -LiteralPath $received) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Start-Sleep -Milliseconds 100
            $url = Get-Content -LiteralPath $received -Raw
            $url.StartsWith("$federation`?Action=login&", [StringComparison]::Ordinal) | Should -BeTrue
            (QueryOf $url).SigninToken.StartsWith('StandInSigninToken', [StringComparison]::Ordinal) | Should -BeTrue
        }
        finally {
            Remove-Item Env:STS_BROWSER -ErrorAction Ignore
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
        }
    }

    It 'refuses a session minted with -DurationSeconds other than 3600, explaining the AWS rule' {
        $credential = Mint @{ DurationSeconds = 900 }
        $failure = ErrorOf { $credential | Get-StsConsoleUrl }
        $failure.FullyQualifiedErrorId | Should -BeLike 'StsConsole.Refused*'
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure.Exception.Message | Should -Match 'DurationSeconds'
        $failure.Exception.Message | Should -Match '3600'
        $failure.Exception.Message.Contains($credential.SessionToken) | Should -BeFalse
        $failure.Exception.Message.Contains($credential.SecretAccessKey) | Should -BeFalse
    }

    It 'signs in with a session of exactly 3600 seconds asked for explicitly (sent as no DurationSeconds)' {
        $signIn = Mint @{ DurationSeconds = 3600 } | Get-StsConsoleUrl -ErrorAction Stop
        (QueryOf $signIn.Url).SigninToken.StartsWith('StandInSigninToken', [StringComparison]::Ordinal) | Should -BeTrue
    }

    It 'refuses -DurationSeconds above 3600 in Get-StsCredential before anything is sent' {
        $failure = ErrorOf { Get-StsCredential -AccountName con1 -Role Developer -TotpCode 123456 -DurationSeconds 3601 }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
    }

    It 'refuses credentials without a session token, and an http:// destination, as invalid input' {
        $longTerm = [pscustomobject] @{ AccessKeyId = 'AKIAEXAMPLE'; SecretAccessKey = 'not-a-secret' }
        (ErrorOf { $longTerm | Get-StsConsoleUrl }).FullyQualifiedErrorId | Should -BeLike 'StsConsole.InvalidInput*'
        $credential = Mint
        $failure = ErrorOf { $credential | Get-StsConsoleUrl -Destination 'http://console.aws.amazon.com/' }
        $failure.FullyQualifiedErrorId | Should -BeLike 'StsConsole.InvalidInput*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses credentials the stand-in never issued' {
        $credential = Mint
        $forged = [pscustomobject] @{ AccessKeyId = $credential.AccessKeyId; SecretAccessKey = 'StandInSecretKeyFORGEDFORGEDFORGEDFORGE'; SessionToken = $credential.SessionToken }
        (ErrorOf { $forged | Get-StsConsoleUrl }).FullyQualifiedErrorId | Should -BeLike 'StsConsole.Refused*'
    }

    It 'says the federation endpoint is unavailable when it does not answer' {
        $saved = $env:STS_FEDERATION_ENDPOINT
        try {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
            $env:STS_FEDERATION_ENDPOINT = "http://127.0.0.1:$port/federation"
            $credential = Mint
            (ErrorOf { $credential | Get-StsConsoleUrl }).FullyQualifiedErrorId | Should -BeLike 'StsConsole.Unavailable*'
            $env:STS_FEDERATION_ENDPOINT = 'http://example.com/federation'
            (ErrorOf { $credential | Get-StsConsoleUrl }).FullyQualifiedErrorId | Should -BeLike 'StsConsole.InvalidInput*'
        }
        finally { $env:STS_FEDERATION_ENDPOINT = $saved }
    }

    It 'has help with examples for every parameter' {
        $help = Get-Help Get-StsConsoleUrl -Full
        $help.Synopsis | Should -Match 'sign-in URL'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 3
        foreach ($name in 'Credential', 'Destination', 'Region', 'Issuer', 'Open') {
            (($help.Parameters.Parameter | Where-Object Name -eq $name).Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        }
    }
}
