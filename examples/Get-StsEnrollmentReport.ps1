#Requires -Version 5.1
#Requires -Modules StsFtw

<#
.SYNOPSIS
    Reports the entries that need an admin: locked accounts, STSFTW plaintext secrets, entries with no usable secret.

.DESCRIPTION
    Get-StsEnrollmentReport.ps1 reads the auth table with Get-StsEnrollment (one issuer, or the whole table) and
    writes one object per entry with at least one of the findings asked for:

      Locked           IsLocked: the backend refuses the account until LockedUntil (too many wrong codes).
                       Unlock-StsEnrollment lifts it once the person has been reached.
      PlaintextSecret  SecretStorage Plaintext: an entry written by STSFTW whose TOTP secret is readable by anyone
                       who can read the table. Protect-StsPlaintextSecret.ps1 (Set-StsEnrollment -EncryptSecret)
                       encrypts it in place.
      NoSecret         SecretStorage None: the entry can never authenticate, as primary or as co-signer (an
                       account invited and not yet enrolled is one). New-StsEnrollment (no -Force needed) or
                       New-StsInvitation gives the person a device; -RotateDevice refuses it (no device).
      Failing          Not locked, but ConsecutiveFailures above zero: wrong codes since the last success. Not
                       reported unless asked for with -Finding.

    With -CsvPath the report is also written to a CSV file (dates as ISO 8601 UTC), for a ticket or a spreadsheet;
    the objects then go to the pipeline only with -PassThru. An empty report still writes the header row.

.PARAMETER Finding
    The findings to report: Locked, PlaintextSecret, NoSecret (the default: all three), Failing.

.PARAMETER Issuer
    Only this issuer (a Query). Default: $env:STS_ISSUER; without either, the whole table is read (a Scan).

.PARAMETER TableName
    The DynamoDB auth table. Default: $env:STS_TABLE_NAME.

.PARAMETER Region
    The AWS region of the table. Default: $env:STS_REGION, else the AWS SDK's.

.PARAMETER CsvPath
    Also writes the report to this CSV file (replaced if it exists).

.PARAMETER PassThru
    With -CsvPath: also writes the objects to the pipeline.

.EXAMPLE
    ./Get-StsEnrollmentReport.ps1 | Format-Table Issuer, AccountName, Finding, LockedUntil, SecretStorage

    Shows every entry that is locked, holds a plaintext secret or has no secret.

.EXAMPLE
    ./Get-StsEnrollmentReport.ps1 -Finding Locked -Issuer Example | Unlock-StsEnrollment -WhatIf

    Shows which locked accounts of issuer Example would be unlocked; the report's Issuer, AccountName and TableName
    bind to Unlock-StsEnrollment by property name.

.EXAMPLE
    ./Get-StsEnrollmentReport.ps1 -Finding Locked, Failing -CsvPath ./lockout-report.csv

    Writes the locked and the failing accounts to lockout-report.csv.

.INPUTS
    None.

.OUTPUTS
    StsFtw.Example.EnrollmentFinding: Issuer, AccountName, Finding ('; '-separated), IsLocked, LockedUntil,
    ConsecutiveFailures, SecretStorage, LastUsed, UpdatedAt, TableName.

.LINK
    Get-StsEnrollment
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low', PositionalBinding = $false)]
[OutputType('StsFtw.Example.EnrollmentFinding')]
param(
    [ValidateSet('Locked', 'PlaintextSecret', 'NoSecret', 'Failing')]
    [string[]] $Finding = @('Locked', 'PlaintextSecret', 'NoSecret'),

    [ValidateNotNullOrEmpty()]
    [string] $Issuer,

    [ValidateNotNullOrEmpty()]
    [string] $TableName,

    [ValidateNotNullOrEmpty()]
    [string] $Region,

    [ValidateNotNullOrEmpty()]
    [string] $CsvPath,

    [switch] $PassThru
)

Set-StrictMode -Version 3.0

$reading = @{}
if ($Issuer) { $reading.Issuer = $Issuer }
if ($TableName) { $reading.TableName = $TableName }
if ($Region) { $reading.Region = $Region }
$report = [System.Collections.Generic.List[object]]::new()
$scope = if ($Issuer) { "issuer $Issuer" } elseif ($env:STS_ISSUER) { "issuer $env:STS_ISSUER" } else { 'the auth table' }
$read = 0
$reported = 0
# Streamed: a whole-table Scan is read page by page, and progress shows how far it got.
try {
    Get-StsEnrollment @reading -ErrorAction Stop | ForEach-Object {
        $read++
        if ($read % 100 -eq 0) { Write-Progress -Id 3 -Activity "Reading $scope" -Status "$read entries read" }
        $found = @(
            if ($Finding -contains 'Locked' -and $_.IsLocked) { 'Locked' }
            if ($Finding -contains 'PlaintextSecret' -and $_.SecretStorage -eq 'Plaintext') { 'PlaintextSecret' }
            if ($Finding -contains 'NoSecret' -and $_.SecretStorage -eq 'None') { 'NoSecret' }
            if ($Finding -contains 'Failing' -and -not $_.IsLocked -and $_.ConsecutiveFailures -gt 0) { 'Failing' }
        )
        if ($found.Count -gt 0) {
            $item = [pscustomobject] @{
                PSTypeName          = 'StsFtw.Example.EnrollmentFinding'
                Issuer              = $_.Issuer
                AccountName         = $_.AccountName
                Finding             = $found -join '; '
                IsLocked            = $_.IsLocked
                LockedUntil         = $_.LockedUntil
                ConsecutiveFailures = $_.ConsecutiveFailures
                SecretStorage       = $_.SecretStorage
                LastUsed            = $_.LastUsed
                UpdatedAt           = $_.UpdatedAt
                TableName           = $_.TableName
            }
            $reported++
            if ($CsvPath) { $report.Add($item) }
            if (-not $CsvPath -or $PassThru) { $item }
        }
    }
}
catch [System.Management.Automation.PipelineStoppedException] {
    throw
}
catch {
    $PSCmdlet.ThrowTerminatingError($_)
}
Write-Progress -Id 3 -Activity "Reading $scope" -Completed
Write-Verbose "$read entries read from $scope; $reported with findings ($($Finding -join ', '))."

if ($CsvPath) {
    $file = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($CsvPath)
    if ($PSCmdlet.ShouldProcess($file, "Write the report ($($report.Count) entries) as CSV")) {
        $iso = { param($value) if ($null -eq $value) { '' } else { ([datetime] $value).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [cultureinfo]::InvariantCulture) } }
        $rows = @($report | Select-Object Issuer, AccountName, Finding, IsLocked,
            @{ Name = 'LockedUntil'; Expression = { & $iso $_.LockedUntil } }, ConsecutiveFailures, SecretStorage,
            @{ Name = 'LastUsed'; Expression = { & $iso $_.LastUsed } },
            @{ Name = 'UpdatedAt'; Expression = { & $iso $_.UpdatedAt } }, TableName)
        if ($rows.Count -gt 0) {
            $rows | Export-Csv -LiteralPath $file -NoTypeInformation -Encoding UTF8 -WhatIf:$false -Confirm:$false
        }
        else {
            $header = '"Issuer","AccountName","Finding","IsLocked","LockedUntil","ConsecutiveFailures","SecretStorage","LastUsed","UpdatedAt","TableName"'
            Set-Content -LiteralPath $file -Value $header -Encoding UTF8 -WhatIf:$false -Confirm:$false
        }
        Write-Verbose "Report written to $file."
    }
}
