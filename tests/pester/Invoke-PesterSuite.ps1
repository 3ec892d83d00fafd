<#
.SYNOPSIS
    Runs one Pester test file in this (fresh) pwsh and writes its outcome as JSON, for the xunit runner in
    tests/StsFtw.Pester.Tests.
.PARAMETER Path
    The *.Tests.ps1 file to run.
.PARAMETER PesterManifest
    Pester.psd1 of the Pester version the repository pins (restored by NuGet into the package cache).
.PARAMETER ResultFile
    Where to write the outcome: counts, and each failed test's name and message.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ResultFile
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.Output.RenderMode = 'Plaintext'
$run = Invoke-Pester -Configuration $configuration

$failures = foreach ($test in $run.Failed) {
    [ordered] @{
        name    = $test.ExpandedPath
        message = ($test.ErrorRecord | ForEach-Object { $_.DisplayErrorMessage ?? $_.Exception.Message }) -join "`n"
    }
}
# A failure outside any test (BeforeAll, discovery) fails the container, not a test: report it too.
$containerFailures = foreach ($container in $run.Containers | Where-Object Result -eq 'Failed') {
    foreach ($record in $container.ErrorRecord) {
        [ordered] @{ name = "$($container.Item) (container)"; message = $record.Exception.Message }
    }
}
[ordered] @{
    passed   = $run.PassedCount
    failed   = $run.FailedCount + @($containerFailures).Count
    skipped  = $run.SkippedCount
    total    = $run.TotalCount
    failures = @($failures) + @($containerFailures)
} | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $ResultFile -Encoding utf8
