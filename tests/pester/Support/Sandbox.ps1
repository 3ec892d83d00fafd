<#
.SYNOPSIS
    Starts and stops src/StsFtw.Sandbox for the Pester suites: `dotnet StsFtw.Sandbox.dll --json` as a child process,
    its output in files (so nothing it logs can fill a pipe), its one JSON line read back.
#>
Set-StrictMode -Version Latest

function Get-SandboxAssembly {
    <# .SYNOPSIS The built sandbox: $env:STSFTW_SANDBOX_ASSEMBLY (set by the xunit runner), else the Release build. #>
    if ($env:STSFTW_SANDBOX_ASSEMBLY) { return $env:STSFTW_SANDBOX_ASSEMBLY }
    Join-Path $env:STSFTW_REPOSITORY_ROOT 'src/StsFtw.Sandbox/bin/Release/net10.0/StsFtw.Sandbox.dll'
}

function Start-Sandbox {
    <#
    .SYNOPSIS
        Starts the sandbox and returns its process, its JSON line as an object, and its output files; throws with its
        error output when it exits or stays silent past -TimeoutSeconds.
    #>
    param(
        # Without --json: wait for the text for people and return it as Text instead of Info.
        [switch] $ForPeople,
        [int] $TimeoutSeconds = 90
    )
    $ArgumentList = if ($ForPeople) { @() } else { @('--json') }
    $assembly = Get-SandboxAssembly
    if (-not (Test-Path -LiteralPath $assembly)) { throw "The sandbox is not built at $assembly." }
    $folder = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "stsftw-sandbox-$([guid]::NewGuid().ToString('N'))")).FullName
    $output = Join-Path $folder 'stdout.txt'
    $errors = Join-Path $folder 'stderr.txt'
    # Start-Process joins its arguments with spaces: quote each one.
    $arguments = @($assembly) + $ArgumentList | ForEach-Object { '"' + $_ + '"' }
    $process = Start-Process -FilePath (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source -ArgumentList $arguments `
        -RedirectStandardOutput $output -RedirectStandardError $errors -NoNewWindow -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        $text = if (Test-Path -LiteralPath $output) { Get-Content -LiteralPath $output -Raw -ErrorAction Ignore } else { $null }
        $ready = if ($ForPeople) { $text -match "The backend's request log follows" } else { $text -and $text.Contains("}`n") }
        if ($ready) {
            $info = if ($ForPeople) { $null } else { ($text -split "`n")[0] | ConvertFrom-Json }
            return [pscustomobject] @{ Process = $process; Info = $info; Text = $text; Folder = $folder; Output = $output; Errors = $errors }
        }
        if ($process.HasExited) { break }
        Start-Sleep -Milliseconds 100
    }
    if (-not $process.HasExited) { $process.Kill($true) }
    $said = if (Test-Path -LiteralPath $errors) { (Get-Content -LiteralPath $errors -Tail 5) -join ' | ' } else { '' }
    throw "The sandbox did not start: $said"
}

function Set-SandboxEnvironment {
    <#
    .SYNOPSIS
        Makes this session's environment the one the sandbox reports: sets each of its variables (the endpoint, the
        module's STS_* settings, the local AWS endpoints) and removes the ones it says would interfere.
    #>
    param([Parameter(Mandatory)] $Info)
    foreach ($variable in $Info.environment.PSObject.Properties) { Set-Item -Path "Env:$($variable.Name)" -Value $variable.Value }
    foreach ($name in $Info.removeEnvironment) { Remove-Item -Path "Env:$name" -ErrorAction Ignore }
}

function Stop-Sandbox {
    <#
    .SYNOPSIS
        Sends the sandbox SIGTERM (as Ctrl+C or a service manager would; on Windows, kills its process tree) and
        returns its exit code, or kills it and throws when it has not exited within -TimeoutSeconds.
    #>
    param(
        [Parameter(Mandatory)] $Sandbox,
        [int] $TimeoutSeconds = 20
    )
    $process = $Sandbox.Process
    if (-not $process.HasExited) {
        if ($IsWindows) { $process.Kill($true) } else { & kill -s TERM $process.Id }
    }
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "The sandbox did not stop within $TimeoutSeconds s of SIGTERM."
    }
    $process.WaitForExit()
    $process.ExitCode
}

function Get-ChildProcessId {
    <# .SYNOPSIS The ids of the processes whose parent is -Id. #>
    param([Parameter(Mandatory)] [int] $Id)
    Get-Process | Where-Object { $_.Parent -and $_.Parent.Id -eq $Id } | ForEach-Object Id
}

function Test-ProcessRunning {
    <# .SYNOPSIS True while a process with this id runs (and is not a zombie). #>
    param([Parameter(Mandatory)] [int] $Id)
    $process = Get-Process -Id $Id -ErrorAction Ignore
    if (-not $process) { return $false }
    if ($IsLinux -and (Test-Path "/proc/$Id/stat")) {
        # Field 3 of /proc/<pid>/stat is the state; Z is a zombie, gone but not yet reaped by its parent.
        return ((Get-Content "/proc/$Id/stat" -Raw) -replace '^.*\)\s+', '')[0] -ne 'Z'
    }
    $true
}
