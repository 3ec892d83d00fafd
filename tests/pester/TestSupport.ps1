# Helpers the suites dot-source: a fresh pwsh as a child process, a free loopback port, and the lock on builds inside
# the repository. Not a suite itself (the runner takes only *.Tests.ps1).

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs a fresh pwsh -NoProfile -NonInteractive and returns its exit code and its stdout and stderr lines.
    .DESCRIPTION
        The child is the pwsh running the tests: `dotnet <PSHOME>/pwsh.dll` when that is the repository's local tool
        (what `dotnet pwsh` starts, without the tool-manifest lookup, which fails outside the repository or with
        another HOME), or the pwsh executable itself. Its environment is this one's, changed by -Environment.
    .PARAMETER ArgumentList
        The pwsh arguments after -NoProfile -NonInteractive: -File <script> <arguments>, or -Command <text>.
    .PARAMETER WorkingDirectory
        Where the child starts. Default: the repository root.
    .PARAMETER Environment
        Variables to set in the child; a $null value removes the variable.
    .PARAMETER TimeoutSeconds
        How long the child may run before it is killed and the call fails. Default: 900.
    .EXAMPLE
        Invoke-ChildPwsh -ArgumentList '-Command', '$PSVersionTable.PSVersion' -Environment @{ HOME = $TestDrive }
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [string] $WorkingDirectory = $env:STSFTW_REPOSITORY_ROOT,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 900
    )

    $start = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
        $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    foreach ($argument in @('-NoProfile', '-NonInteractive') + $ArgumentList) { $start.ArgumentList.Add($argument) }
    $start.WorkingDirectory = $WorkingDirectory
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.Environment['NO_COLOR'] = '1'
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { [void]$start.Environment.Remove($name) } else { $start.Environment[$name] = [string]$Environment[$name] }
    }

    $process = [System.Diagnostics.Process]::Start($start)
    try {
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "pwsh $($ArgumentList -join ' ') did not finish within $TimeoutSeconds s."
        }
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = [string[]]@($stdout.Result -split '\r?\n' | Where-Object { $_ -ne '' })
            Errors   = [string[]]@($stderr.Result -split '\r?\n' | Where-Object { $_ -ne '' })
        }
    }
    finally {
        $process.Dispose()
    }
}

function Get-FreeTcpPort {
    <#
    .SYNOPSIS
        A TCP port on 127.0.0.1 that nothing listened on a moment ago.
    .EXAMPLE
        $port = Get-FreeTcpPort
    #>
    [CmdletBinding()]
    [OutputType([int])]
    param()

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Use-BuildLock {
    <#
    .SYNOPSIS
        Runs a script block while holding artifacts/build.lock, the lock on builds and publishes inside the repository.
    .DESCRIPTION
        dotnet test runs test projects side by side, and two builds or publishes sharing obj/ folders corrupt them (an
        AOT publish and a build of the module both restore StsFtw.Core and StsFtw.Aws). The Lambda tests take the same
        lock around their AOT publish (tests/StsFtw.Testing.LocalAws/Lambda/LambdaArtifacts.cs).
    .PARAMETER ScriptBlock
        What to run while holding the lock; its output is returned.
    .PARAMETER TimeoutMinutes
        How long to wait for the lock before failing. Default: 20.
    .EXAMPLE
        Use-BuildLock { Invoke-ChildPwsh -ArgumentList '-File', ./build.ps1, '-Task', 'Package' }
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [int] $TimeoutMinutes = 20)

    # Names no caller uses: the script block runs in a scope below this one and must see the caller's variables.
    $buildLockPath = Join-Path $env:STSFTW_REPOSITORY_ROOT 'artifacts' 'build.lock'
    $null = New-Item -ItemType Directory -Path (Split-Path $buildLockPath) -Force
    $buildLockDeadline = [DateTime]::UtcNow.AddMinutes($TimeoutMinutes)
    $buildLock = $null
    while (-not $buildLock) {
        try { $buildLock = [System.IO.File]::Open($buildLockPath, 'OpenOrCreate', 'ReadWrite', 'None') }
        catch {
            if ([DateTime]::UtcNow -gt $buildLockDeadline) { throw "Another build held '$buildLockPath' for $TimeoutMinutes minutes." }
            Start-Sleep -Milliseconds 500
        }
    }
    try { & $ScriptBlock } finally { $buildLock.Dispose() }
}
