#Requires -Version 5.1
#Requires -Modules StsFtw

<#
.SYNOPSIS
    Finds entries whose co-signers no longer exist, cannot authenticate, or are the entry itself.

.DESCRIPTION
    A co-signer is a name in an entry's SecondaryAuthorizers list, looked up in the same issuer when the person asks
    for credentials. Remove-StsEnrollment does not take a removed person out of those lists (it only names them in
    a warning), and STSFTW never checked them, so a table can hold names that point nowhere. Each is a problem:

      MissingCosigners   not enrolled in the issuer. Whoever is enrolled under that name later becomes a co-signer
                         without anyone deciding it.
      UnusableCosigners  enrolled, but with no secret (SecretStorage None): they can never co-sign.
      SelfListed         the entry lists itself: the backend never accepts a person as their own co-signer.

    HasUsableCosigner is false when no listed co-signer can co-sign: that entry cannot get credentials at all.

    Find-StsDanglingCosigner.ps1 reads the table once with Get-StsEnrollment (one issuer, or the whole table) and
    writes one object per entry with at least one such name. It changes nothing; Remove-StsPerson.ps1 takes missing
    names out of every list (see the examples).

.PARAMETER Issuer
    Only this issuer (a Query). Default: $env:STS_ISSUER; without either, the whole table is read (a Scan) and each
    entry is checked against its own issuer.

.PARAMETER TableName
    The DynamoDB auth table. Default: $env:STS_TABLE_NAME.

.PARAMETER Region
    The AWS region of the table. Default: $env:STS_REGION, else the AWS SDK's.

.EXAMPLE
    ./Find-StsDanglingCosigner.ps1 | Format-Table Issuer, AccountName, MissingCosigners, UnusableCosigners, HasUsableCosigner

    Lists every entry of the table with a co-signer that cannot co-sign.

.EXAMPLE
    ./Find-StsDanglingCosigner.ps1 -Issuer Example | ForEach-Object MissingCosigners | Select-Object -Unique |
        ./Remove-StsPerson.ps1 -Issuer Example -WhatIf

    Shows how Remove-StsPerson.ps1 would take every missing name out of the co-signer lists of issuer Example.
    (Select-Object -Unique compares names exactly, as the table does; Sort-Object -Unique would ignore case.) Pipe
    the names, never these objects: an object's AccountName is the entry that lists the name, and
    Remove-StsPerson.ps1 would off-board that person. Keep to one issuer: a name missing in one issuer may be
    enrolled in another.

.EXAMPLE
    ./Find-StsDanglingCosigner.ps1 | Where-Object { -not $_.HasUsableCosigner }

    The entries that cannot get credentials until an admin gives them a co-signer.

.INPUTS
    None.

.OUTPUTS
    StsFtw.Example.DanglingCosigner: Issuer, AccountName, SecondaryAuthorizers, MissingCosigners, UnusableCosigners,
    SelfListed, HasUsableCosigner, TableName.

.LINK
    Get-StsEnrollment

.LINK
    Set-StsEnrollment
#>
[CmdletBinding(PositionalBinding = $false)]
[OutputType('StsFtw.Example.DanglingCosigner')]
param(
    [ValidateNotNullOrEmpty()]
    [string] $Issuer,

    [ValidateNotNullOrEmpty()]
    [string] $TableName,

    [ValidateNotNullOrEmpty()]
    [string] $Region
)

Set-StrictMode -Version 3.0

$reading = @{}
if ($Issuer) { $reading.Issuer = $Issuer }
if ($TableName) { $reading.TableName = $TableName }
if ($Region) { $reading.Region = $Region }
try {
    $entries = @(Get-StsEnrollment @reading -ErrorAction Stop)
}
catch [System.Management.Automation.PipelineStoppedException] {
    throw
}
catch {
    $PSCmdlet.ThrowTerminatingError($_)
}

# Per issuer, each enrolled name and whether it can co-sign (names compare ordinally, as the table's keys do).
$enrolled = @{}
foreach ($entry in $entries) {
    if (-not $enrolled.ContainsKey($entry.Issuer)) {
        $enrolled[$entry.Issuer] = [System.Collections.Generic.Dictionary[string, bool]]::new([System.StringComparer]::Ordinal)
    }
    $enrolled[$entry.Issuer][$entry.AccountName] = $entry.SecretStorage -ne 'None'
}

for ($index = 0; $index -lt $entries.Count; $index++) {
    $entry = $entries[$index]
    if ($index % 100 -eq 0) {
        Write-Progress -Id 5 -Activity 'Checking co-signer lists' -Status "$index of $($entries.Count)" -PercentComplete ($index * 100 / $entries.Count)
    }
    $cosigners = @($entry.SecondaryAuthorizers)
    if ($cosigners.Count -eq 0) { continue }
    $names = $enrolled[$entry.Issuer]
    $missing = @($cosigners | Where-Object { -not $names.ContainsKey($_) })
    $unusable = @($cosigners | Where-Object { $names.ContainsKey($_) -and -not $names[$_] })
    $self = $cosigners -ccontains $entry.AccountName
    if ($missing.Count + $unusable.Count -eq 0 -and -not $self) { continue }
    $usable = @($cosigners | Where-Object { $_ -cne $entry.AccountName -and $names.ContainsKey($_) -and $names[$_] })
    [pscustomobject] @{
        PSTypeName           = 'StsFtw.Example.DanglingCosigner'
        Issuer               = $entry.Issuer
        AccountName          = $entry.AccountName
        SecondaryAuthorizers = $cosigners
        MissingCosigners     = $missing
        UnusableCosigners    = $unusable
        SelfListed           = $self
        HasUsableCosigner    = $usable.Count -gt 0
        TableName            = $entry.TableName
    }
}
Write-Progress -Id 5 -Activity 'Checking co-signer lists' -Completed
