#Requires -Version 5.1
#Requires -Modules StsFtw

<#
.SYNOPSIS
    Enrolls many people from a CSV file, writing one QR code file per person.

.DESCRIPTION
    Import-StsEnrollment.ps1 reads a CSV file with one row per person and runs New-StsEnrollment -NoPrompt for each
    row, with -QrCodePath pointing into -QrCodeFolder (<issuer>_<account>.png, or .svg). Hand each file to its person
    over a secure channel, then delete it: the QR code holds the person's TOTP secret. -NoPrompt also outputs the
    otpauth URI, which is the same secret; this script never writes it to the pipeline, a log or the screen.

    Columns, named by the header row (in any order):
      AccountName           Required. A row without one fails; it is never left to $env:STS_ACCOUNT_NAME.
      Issuer                Optional. Else -Issuer, else $env:STS_ISSUER.
      Roles                 Role names or ARNs separated by ';'. Empty: no roles ($env:STS_ROLES is not used).
      SecondaryAuthorizers  Co-signers (same issuer) separated by ';'. Empty: nobody needs to co-sign.
    Other columns are ignored with a warning: a misspelt SecondaryAuthorizers column would otherwise enroll people
    without the co-signer they should need.

    A row that fails (already enrolled, a malformed role, a QR file already there, a repeated row) is reported as a
    non-terminating error and the next row is tried. A failure that would fail every row (no table name, no AWS
    credentials, the table or the KMS key unavailable) stops the run, and the rows not tried are reported as
    NotAttempted (so is the rest when the QR folder cannot be created). If New-StsEnrollment wrote a QR file and then
    failed, the file is deleted: its secret was never enrolled.

    Each row gives one result object. Its Issuer, AccountName, Roles and SecondaryAuthorizers columns are those of
    the input, so the rows that did not succeed can be exported as a CSV file and imported again.

.PARAMETER Path
    The CSV file (comma-separated, with a header row).

.PARAMETER QrCodeFolder
    The folder for the QR code files; New-StsEnrollment creates it when missing (owner-only on Linux and macOS). A row
    whose QR file already exists fails: move or delete the old file first (it may still be needed, and it is never
    overwritten).

.PARAMETER QrCodeFormat
    png (default) or svg.

.PARAMETER Issuer
    The issuer for rows whose Issuer cell is empty or missing. Default: $env:STS_ISSUER.

.PARAMETER TableName
    The DynamoDB auth table, passed to New-StsEnrollment. Default: $env:STS_TABLE_NAME.

.PARAMETER Region
    The AWS region of the table and key, passed to New-StsEnrollment. Default: $env:STS_REGION, else the AWS SDK's.

.PARAMETER KmsKeyId
    The KMS key that encrypts the new secrets, passed to New-StsEnrollment. Default: $env:STS_KMS_KEY_ID; without
    one New-StsEnrollment refuses every row (StsEnrollment.PlaintextSecretRefused, which stops the run) unless
    -AllowPlaintextSecret is given.

.PARAMETER AllowPlaintextSecret
    Passed to New-StsEnrollment: without a KMS key, store the secrets as STSFTW's plaintext url on purpose.

.PARAMETER Force
    Replaces entries that already exist (New-StsEnrollment -Force): their old devices stop working.

.EXAMPLE
    ./Import-StsEnrollment.ps1 -Path ./new-starters.csv -QrCodeFolder ./qr-codes -WhatIf

    Shows, row by row, what would be enrolled and where each QR code would go. Nothing is written.

.EXAMPLE
    $results = ./Import-StsEnrollment.ps1 -Path ./new-starters.csv -QrCodeFolder ./qr-codes -TableName stsftw-auth -KmsKeyId alias/stsftw
    $results | Where-Object Status -ne Enrolled | Select-Object Issuer, AccountName, Roles, SecondaryAuthorizers |
        Export-Csv ./retry.csv -NoTypeInformation

    Enrolls everyone, then writes the rows that did not succeed to retry.csv, which this script takes as it is.

.EXAMPLE
    ./Import-StsEnrollment.ps1 -Path ./new-starters.csv -QrCodeFolder ./qr-codes -ErrorAction SilentlyContinue |
        Where-Object Status -EQ Failed | Format-Table Row, AccountName, ErrorId, Message

    Enrolls everyone and shows a table of the rows that failed, and why, instead of one error message per row.

.INPUTS
    None. The rows come from -Path.

.OUTPUTS
    StsFtw.Example.EnrollmentImportResult: Row (the row's number, the header row not counted), Issuer, AccountName,
    Roles, SecondaryAuthorizers (';'-separated, as in the CSV), Status (Enrolled, Failed, Skipped, NotAttempted),
    QrCodePath, ErrorId, Message.

.NOTES
    New-StsEnrollment writes each QR file, and the folder when it creates it, owner-only on Linux and macOS (modes
    0600 and 0700). On Windows it changes no permissions: the files inherit the folder's, so choose a folder only you
    can read.

.LINK
    New-StsEnrollment
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
[OutputType('StsFtw.Example.EnrollmentImportResult')]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidateScript({
            if (-not (Test-Path -LiteralPath $_ -PathType Leaf)) { throw "The CSV file '$_' does not exist." }
            $true
        })]
    [string] $Path,

    [Parameter(Mandatory)]
    [ValidateNotNullOrEmpty()]
    [string] $QrCodeFolder,

    [ValidateSet('png', 'svg')]
    [string] $QrCodeFormat = 'png',

    [ValidateNotNullOrEmpty()]
    [string] $Issuer,

    [ValidateNotNullOrEmpty()]
    [string] $TableName,

    [ValidateNotNullOrEmpty()]
    [string] $Region,

    [ValidateNotNullOrEmpty()]
    [string] $KmsKeyId,

    [switch] $AllowPlaintextSecret,

    [switch] $Force
)

Set-StrictMode -Version 3.0

# Failures that would fail every following row too: the run stops at the first.
$stopIds = 'StsEnrollment.MissingSetting', 'StsEnrollment.AwsSetupFailed', 'StsEnrollment.TableUnavailable', 'StsEnrollment.KeyUnavailable',
    'StsEnrollment.PlaintextSecretRefused', 'StsEnrollment.TranscriptRunning'
$knownColumns = 'Issuer', 'AccountName', 'Roles', 'SecondaryAuthorizers'

function New-ErrorRecord {
    param([string] $ErrorId, [System.Management.Automation.ErrorCategory] $Category, [string] $Message, [object] $TargetObject)
    [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new($Message), $ErrorId, $Category, $TargetObject)
}

function Split-NameList {
    param([AllowNull()] [AllowEmptyString()] [string] $Text)
    if ($Text) { $Text -split ';' | ForEach-Object { $_.Trim() } | Where-Object { $_ } }
}

function Get-Cell {
    param([object] $Row, [string] $Column)
    $property = $Row.PSObject.Properties[$Column]
    if ($property -and $null -ne $property.Value) { ([string] $property.Value).Trim() } else { '' }
}

function ConvertTo-FileName {
    # Account names may hold any printable character; a file name must not, nor may it leave the folder.
    param([string] $Name)
    $invalid = [System.IO.Path]::GetInvalidFileNameChars() + [char[]] '/\:*?"<>|[]'
    -join ($Name.ToCharArray() | ForEach-Object { if ($invalid -contains $_) { '_' } else { $_ } })
}

$rows = @(Import-Csv -LiteralPath $Path -ErrorAction Stop)
if ($rows.Count -eq 0) {
    Write-Warning "The CSV file '$Path' has no rows: nobody was enrolled."
    return
}
$columns = @($rows[0].PSObject.Properties.Name)
if ($columns -notcontains 'AccountName') {
    $PSCmdlet.ThrowTerminatingError((New-ErrorRecord -ErrorId 'ImportStsEnrollment.MissingColumn' -Category InvalidData -TargetObject $Path `
                -Message "The CSV file '$Path' has no AccountName column (columns: $($columns -join ', ')). Columns used: $($knownColumns -join ', ')."))
}
$unknown = @($columns | Where-Object { $knownColumns -notcontains $_ })
if ($unknown.Count -gt 0) {
    Write-Warning "Ignoring the column(s) $($unknown -join ', ') of '$Path'. Columns used: $($knownColumns -join ', '); check the spelling."
}
$defaultIssuer = if ($Issuer) { $Issuer } else { $env:STS_ISSUER }

$folder = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($QrCodeFolder)
if (Test-Path -LiteralPath $folder -PathType Leaf) {
    $PSCmdlet.ThrowTerminatingError((New-ErrorRecord -ErrorId 'ImportStsEnrollment.QrCodeFolderIsFile' -Category InvalidArgument `
                -Message "-QrCodeFolder '$folder' is a file, not a folder." -TargetObject $QrCodeFolder))
}

$connection = @{}
if ($TableName) { $connection.TableName = $TableName }
if ($Region) { $connection.Region = $Region }
if ($KmsKeyId) { $connection.KmsKeyId = $KmsKeyId }
if ($AllowPlaintextSecret) { $connection.AllowPlaintextSecret = $true }

$seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
$stopped = $false
$enrolled = 0
for ($index = 0; $index -lt $rows.Count; $index++) {
    $row = $rows[$index]
    $accountName = Get-Cell -Row $row -Column 'AccountName'
    $rowIssuer = Get-Cell -Row $row -Column 'Issuer'
    if (-not $rowIssuer) { $rowIssuer = $defaultIssuer }
    [string[]] $roles = @(Split-NameList -Text (Get-Cell -Row $row -Column 'Roles'))
    [string[]] $cosigners = @(Split-NameList -Text (Get-Cell -Row $row -Column 'SecondaryAuthorizers'))
    $result = [pscustomobject] @{
        PSTypeName           = 'StsFtw.Example.EnrollmentImportResult'
        Row                  = $index + 1
        Issuer               = $rowIssuer
        AccountName          = $accountName
        Roles                = $roles -join ';'
        SecondaryAuthorizers = $cosigners -join ';'
        Status               = 'NotAttempted'
        QrCodePath           = $null
        ErrorId              = $null
        Message              = $null
    }
    if ($stopped) {
        $result.Message = 'Not attempted: the run stopped at an earlier row.'
        $result
        continue
    }
    Write-Progress -Id 1 -Activity "Enrolling from $Path" -Status "Row $($index + 1) of $($rows.Count): $accountName" `
        -PercentComplete ($index * 100 / $rows.Count)

    $problem = $null
    if (-not $accountName) {
        $problem = @{ Id = 'ImportStsEnrollment.MissingAccountName'; Category = 'InvalidData'; Message = 'The AccountName cell is empty.' }
    }
    elseif (-not $rowIssuer) {
        $problem = @{ Id = 'ImportStsEnrollment.MissingIssuer'; Category = 'InvalidData'; Message = 'The Issuer cell is empty and neither -Issuer nor $env:STS_ISSUER is set.' }
    }
    elseif (-not $seen.Add("$rowIssuer`n$accountName")) {
        $problem = @{ Id = 'ImportStsEnrollment.DuplicateRow'; Category = 'InvalidData'; Message = "$rowIssuer/$accountName appears in an earlier row." }
    }
    else {
        $result.QrCodePath = Join-Path -Path $folder -ChildPath ((ConvertTo-FileName -Name "$($rowIssuer)_$accountName") + ".$QrCodeFormat")
        if (Test-Path -LiteralPath $result.QrCodePath) {
            $problem = @{
                Id       = 'ImportStsEnrollment.QrCodeFileExists'
                Category = 'ResourceExists'
                Message  = "The QR code file '$($result.QrCodePath)' already exists; move or delete it first."
            }
        }
    }
    if ($problem) {
        $result.Status = 'Failed'
        $result.ErrorId = $problem.Id
        $result.Message = $problem.Message
        $PSCmdlet.WriteError((New-ErrorRecord -ErrorId $problem.Id -Category $problem.Category -Message "Row $($index + 1): $($problem.Message)" -TargetObject $row))
        $result
        continue
    }

    $action = "Enroll with roles [$($roles -join ', ')] and co-signers [$($cosigners -join ', ')]; QR code to $($result.QrCodePath)"
    if ($Force) { $action = "Enroll, replacing any existing entry (its old device stops working), with roles [$($roles -join ', ')] and co-signers [$($cosigners -join ', ')]; QR code to $($result.QrCodePath)" }
    if (-not $PSCmdlet.ShouldProcess("$rowIssuer/$accountName", $action)) {
        $result.Status = 'Skipped'
        $result.Message = if ($WhatIfPreference) { 'Not enrolled: -WhatIf.' } else { 'Not enrolled: declined.' }
        $result
        continue
    }

    $parameters = @{
        Issuer               = $rowIssuer
        AccountName          = $accountName
        Roles                = $roles
        SecondaryAuthorizers = $cosigners
        QrCodePath           = $result.QrCodePath
        NoPrompt             = $true
        Force                = $Force.IsPresent
        Confirm              = $false
        ErrorAction          = 'Stop'
    }
    try {
        # -NoPrompt outputs the otpauth URI: the secret, already in the QR file. It is dropped here on purpose.
        $null = New-StsEnrollment @parameters @connection
        $result.Status = 'Enrolled'
        $enrolled++
        Write-Verbose "Row $($index + 1): enrolled $rowIssuer/$accountName; QR code in $($result.QrCodePath)."
    }
    catch [System.Management.Automation.PipelineStoppedException] {
        throw
    }
    catch {
        $record = $_
        $result.Status = 'Failed'
        $result.ErrorId = ($record.FullyQualifiedErrorId -split ',')[0]
        $result.Message = $record.Exception.Message
        if (Test-Path -LiteralPath $result.QrCodePath) {
            # The QR file was written just now (an existing one fails the row above) for a secret never enrolled.
            Remove-Item -LiteralPath $result.QrCodePath -Force -WhatIf:$false -Confirm:$false
        }
        $PSCmdlet.WriteError($record)
        # New-StsEnrollment creates the folder (owner-only) with the first QR file; if it could not, no row can succeed.
        $noFolder = $result.ErrorId -eq 'StsEnrollment.QrCodeFileFailed' -and -not (Test-Path -LiteralPath $folder -PathType Container)
        if ($noFolder -or $stopIds -contains $result.ErrorId) {
            $stopped = $true
            Write-Warning "Stopped at row $($index + 1) ($($result.ErrorId)): the rows after it were not attempted."
        }
    }
    $result
}
Write-Progress -Id 1 -Activity "Enrolling from $Path" -Completed
Write-Verbose "$enrolled of $($rows.Count) row(s) enrolled."
