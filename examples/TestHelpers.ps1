# Shared by the examples' *.Tests.ps1 files: dot-source it in BeforeAll, after which
#   Import-StsFtwModule             imports the real StsFtw module, so every Mock copies a cmdlet's real parameters
#   New-TestEnrollment              builds a real [StsFtw.PowerShell.Output.StsEnrollment], as Get-StsEnrollment outputs
#   New-StsFtwErrorRecord           builds an error record as the module's cmdlets write them (their error ids)
#   Invoke-WithErrorStream          runs the script under test and separates its output, errors and warnings
#
# StsFtw is a binary module, so `Mock -ModuleName StsFtw` is refused by Pester ("Module 'StsFtw' is not a Script or
# Manifest module. Detected modules of the following types: 'Binary'"). Mock the cmdlet in the test's own scope
# instead: the script under test, run with `&`, resolves the cmdlet name to the mock.

function Import-StsFtwModule {
    <#
    .SYNOPSIS
        Imports the StsFtw module the tests run against: $env:STSFTW_MODULE_MANIFEST (set by the repository's test
        runner), else the repository's Release build, else an installed StsFtw.
    #>
    [CmdletBinding()]
    param()
    $manifest = $env:STSFTW_MODULE_MANIFEST
    if (-not $manifest) {
        $built = Join-Path $PSScriptRoot '../artifacts/module/Release/StsFtw/StsFtw.psd1'
        $manifest = if (Test-Path -LiteralPath $built) { $built } else { 'StsFtw' }
    }
    Import-Module $manifest -Force -ErrorAction Stop
}

function New-TestEnrollment {
    <#
    .SYNOPSIS
        One enrolled person as Get-StsEnrollment outputs it: the module's own output type, with test values.
    #>
    [CmdletBinding()]
    [OutputType('StsFtw.PowerShell.Output.StsEnrollment')]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $AccountName,
        [string] $Issuer = 'Example',
        [string[]] $Roles = @(),
        [string[]] $SecondaryAuthorizers = @(),
        [ValidateSet('Kms', 'Plaintext', 'None')] [string] $SecretStorage = 'Kms',
        [switch] $Locked,
        [int] $ConsecutiveFailures = 0,
        [string] $TableName = 'stsftw-auth'
    )
    $entry = [StsFtw.PowerShell.Output.StsEnrollment]::new()
    $entry.Issuer = $Issuer
    $entry.AccountName = $AccountName
    $entry.Roles = $Roles
    $entry.SecondaryAuthorizers = $SecondaryAuthorizers
    $entry.SecretStorage = $SecretStorage
    $entry.IsLocked = $Locked.IsPresent
    $entry.LockedUntil = if ($Locked) { [datetime]::UtcNow.AddMinutes(15) } else { $null }
    $entry.ConsecutiveFailures = $ConsecutiveFailures
    $entry.CreatedAt = [datetime]::new(2026, 11, 1, 9, 0, 0, [System.DateTimeKind]::Utc)
    $entry.UpdatedAt = $entry.CreatedAt
    $entry.TableName = $TableName
    $entry
}

function New-StsFtwErrorRecord {
    <#
    .SYNOPSIS
        An error record like the ones StsFtw's cmdlets write: one of their error ids, the module's exception type.
        Write it from a mock with Write-Error -ErrorRecord, as the cmdlets do (a non-terminating error, which the
        caller's -ErrorAction Stop turns into an exception).
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)] [string] $ErrorId,
        [Parameter(Mandatory)] [System.Management.Automation.ErrorCategory] $Category,
        [Parameter(Mandatory)] [string] $Message,
        [object] $TargetObject
    )
    [System.Management.Automation.ErrorRecord]::new(
        [StsFtw.PowerShell.Errors.StsFtwException]::new($Message, $null), $ErrorId, $Category, $TargetObject)
}

function Invoke-WithErrorStream {
    <#
    .SYNOPSIS
        Runs a script block and separates what the script under test wrote to its error and warning streams from
        its output.
    .DESCRIPTION
        -ErrorVariable on a script does not count its errors: it also collects every error a command inside the
        script wrote and the script caught (a cmdlet called with -ErrorAction Stop inside try/catch adds its record and
        an ActionPreferenceStopException; through a Pester mock, several times). The error stream, redirected with
        2>&1, holds only what the script itself wrote.

        The script runs with $ErrorActionPreference = 'Continue', a session's default, whatever the caller's (the
        repository's runner sets Stop): a non-terminating error is then written and the script goes on. Pass
        -ErrorAction Stop to the script to see what a caller with Stop sees.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $ErrorActionPreference = 'Continue'
    $all = @(& $ScriptBlock 2>&1 3>&1)
    [pscustomobject] @{
        Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
        Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })
    }
}
