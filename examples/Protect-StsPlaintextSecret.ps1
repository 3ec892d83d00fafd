#Requires -Version 5.1
#Requires -Modules StsFtw

<#
.SYNOPSIS
    Encrypts every STSFTW plaintext TOTP secret in the auth table with KMS, in place, and says whether the backend
    can now require encrypted secrets.

.DESCRIPTION
    Entries written by STSFTW keep the TOTP secret as a plaintext otpauth URI (SecretStorage Plaintext): anyone who
    can read the table can compute the person's codes. Protect-StsPlaintextSecret.ps1 finds them with
    Get-StsEnrollment and runs Set-StsEnrollment -EncryptSecret -PassThru on each: the same secret is encrypted
    under the KMS key, bound to the account, and the plaintext removed. Nobody re-enrolls and codes already used stay
    used.

    Each entry is checked afterwards (SecretStorage Kms). An entry that cannot be encrypted (no usable secret, or
    changed meanwhile) is a non-terminating error and the next is tried. A failure that every entry would meet (the
    key or the table unavailable, no AWS credentials) stops the run; the entries not tried are counted as
    NotAttempted. Run the script again: entries already encrypted are not touched.

    The output is one summary object. When the whole table was read (no -Issuer and no $env:STS_ISSUER) and no
    plaintext secret is left, ReadyToRequireEncryption is true: set require_encrypted_secrets = true in Terraform
    (STS_REQUIRE_ENCRYPTED_SECRETS on the backend) so that write access to the table alone can no longer enroll an
    authenticator. Entries with no secret at all (SecretStorage None) cannot authenticate either way; they are listed
    in NoSecret for New-StsEnrollment (no -Force needed; Set-StsEnrollment -RotateDevice refuses an entry without a
    device), New-StsInvitation or Remove-StsEnrollment. An account invited and not yet enrolled is one of them.

.PARAMETER KmsKeyId
    The KMS key (id, ARN or alias) to encrypt with. Default: $env:STS_KMS_KEY_ID; one of them is required.

.PARAMETER Issuer
    Only this issuer. Default: $env:STS_ISSUER; without either, the whole table is read (a Scan).

.PARAMETER TableName
    The DynamoDB auth table. Default: $env:STS_TABLE_NAME.

.PARAMETER Region
    The AWS region of the table and key. Default: $env:STS_REGION, else the AWS SDK's.

.EXAMPLE
    ./Protect-StsPlaintextSecret.ps1 -KmsKeyId alias/stsftw -WhatIf

    Lists every entry whose secret would be encrypted, and a summary. Nothing is written.

.EXAMPLE
    ./Protect-StsPlaintextSecret.ps1 -KmsKeyId alias/stsftw -TableName stsftw-auth -Confirm:$false -Verbose

    Encrypts every plaintext secret of the table without asking, naming each entry as it goes.

.EXAMPLE
    $summary = ./Protect-StsPlaintextSecret.ps1 -Confirm:$false -ErrorAction SilentlyContinue
    if ($summary.ReadyToRequireEncryption) { 'Set require_encrypted_secrets = true in terraform.tfvars and apply.' } else { $summary.RemainingPlaintext }

    Encrypts with $env:STS_KMS_KEY_ID, then says whether the requirement can be turned on, or which entries are
    still in plaintext.

.INPUTS
    None.

.OUTPUTS
    StsFtw.Example.SecretEncryptionSummary: Scope, TableName, Plaintext (found), Encrypted, Failed, NotAttempted,
    RemainingPlaintext (account keys still in plaintext), NoSecret (account keys without a secret),
    ReadyToRequireEncryption (true, false, or null when only one issuer was read).

.LINK
    Set-StsEnrollment
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', PositionalBinding = $false)]
[OutputType('StsFtw.Example.SecretEncryptionSummary')]
param(
    [ValidateNotNullOrEmpty()]
    [string] $KmsKeyId,

    [ValidateNotNullOrEmpty()]
    [string] $Issuer,

    [ValidateNotNullOrEmpty()]
    [string] $TableName,

    [ValidateNotNullOrEmpty()]
    [string] $Region
)

Set-StrictMode -Version 3.0

# Failures that every following entry would meet too: the run stops at the first.
$stopIds = 'StsEnrollment.MissingSetting', 'StsEnrollment.AwsSetupFailed', 'StsEnrollment.TableUnavailable', 'StsEnrollment.KeyUnavailable'

if (-not $KmsKeyId -and -not $env:STS_KMS_KEY_ID) {
    $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.ArgumentException]::new('Pass -KmsKeyId or set $env:STS_KMS_KEY_ID: the key to encrypt the secrets with.'),
            'ProtectStsPlaintextSecret.MissingKmsKeyId', [System.Management.Automation.ErrorCategory]::InvalidArgument, $null))
}

$reading = @{}
if ($Issuer) { $reading.Issuer = $Issuer }
if ($TableName) { $reading.TableName = $TableName }
if ($Region) { $reading.Region = $Region }
$writing = @{}
if ($KmsKeyId) { $writing.KmsKeyId = $KmsKeyId }
if ($Region) { $writing.Region = $Region }
$scopeIssuer = if ($Issuer) { $Issuer } else { $env:STS_ISSUER }

try {
    $entries = @(Get-StsEnrollment @reading -ErrorAction Stop)
}
catch [System.Management.Automation.PipelineStoppedException] {
    throw
}
catch {
    $PSCmdlet.ThrowTerminatingError($_)
}
$plaintext = @($entries | Where-Object { $_.SecretStorage -eq 'Plaintext' })
$summary = [pscustomobject] @{
    PSTypeName               = 'StsFtw.Example.SecretEncryptionSummary'
    Scope                    = if ($scopeIssuer) { "Issuer $scopeIssuer" } else { 'Table' }
    TableName                = if ($entries.Count -gt 0) { $entries[0].TableName } else { $TableName }
    Plaintext                = $plaintext.Count
    Encrypted                = 0
    Failed                   = 0
    NotAttempted             = 0
    RemainingPlaintext       = @()
    NoSecret                 = @($entries | Where-Object { $_.SecretStorage -eq 'None' } | ForEach-Object { "$($_.Issuer)/$($_.AccountName)" })
    ReadyToRequireEncryption = $null
}
Write-Verbose "$($entries.Count) entries read; $($plaintext.Count) hold a plaintext secret."

$remaining = [System.Collections.Generic.List[string]]::new()
$stopped = $false
for ($index = 0; $index -lt $plaintext.Count; $index++) {
    $entry = $plaintext[$index]
    $key = "$($entry.Issuer)/$($entry.AccountName)"
    if ($stopped) {
        $summary.NotAttempted++
        $remaining.Add($key)
        continue
    }
    Write-Progress -Id 4 -Activity 'Encrypting plaintext TOTP secrets with KMS' -Status "$($index + 1) of $($plaintext.Count): $key" `
        -PercentComplete ($index * 100 / $plaintext.Count)
    if (-not $PSCmdlet.ShouldProcess($key, 'Encrypt the plaintext TOTP secret with KMS (the device keeps working)')) {
        $summary.NotAttempted++
        $remaining.Add($key)
        continue
    }
    try {
        # The entry's own table, so a whole-table read writes back exactly where it read.
        $after = Set-StsEnrollment -Issuer $entry.Issuer -AccountName $entry.AccountName -TableName $entry.TableName -EncryptSecret -PassThru @writing -Confirm:$false -ErrorAction Stop |
            Select-Object -First 1
        if ($after -and $after.SecretStorage -eq 'Kms') {
            $summary.Encrypted++
            Write-Verbose "$key`: encrypted."
        }
        else {
            $storage = if ($after) { $after.SecretStorage } else { 'unknown (no entry returned)' }
            $summary.Failed++
            $remaining.Add($key)
            $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                    [System.InvalidOperationException]::new("$key was not encrypted: its secret storage is $storage after Set-StsEnrollment -EncryptSecret."),
                    'ProtectStsPlaintextSecret.NotEncrypted', [System.Management.Automation.ErrorCategory]::InvalidResult, $key))
        }
    }
    catch [System.Management.Automation.PipelineStoppedException] {
        throw
    }
    catch {
        $summary.Failed++
        $remaining.Add($key)
        $PSCmdlet.WriteError($_)
        $id = ($_.FullyQualifiedErrorId -split ',')[0]
        if ($stopIds -contains $id) {
            $stopped = $true
            Write-Warning "Stopped at $key ($id): the entries after it were not attempted."
        }
    }
}
Write-Progress -Id 4 -Activity 'Encrypting plaintext TOTP secrets with KMS' -Completed

$summary.RemainingPlaintext = $remaining.ToArray()
if (-not $scopeIssuer) { $summary.ReadyToRequireEncryption = $remaining.Count -eq 0 }
$summary
