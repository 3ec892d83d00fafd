# Protect-StsPlaintextSecret.ps1 against mocks of the real Get-StsEnrollment and Set-StsEnrollment (imported, so
# each mock has the cmdlet's real parameters and parameter sets: -EncryptSecret with -KmsKeyId and -PassThru).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-StsFtwModule
    $script = Join-Path $PSScriptRoot 'Protect-StsPlaintextSecret.ps1'
    $saved = @{ Issuer = $env:STS_ISSUER; Key = $env:STS_KMS_KEY_ID }
    $env:STS_ISSUER = $null
    $env:STS_KMS_KEY_ID = $null

    function Get-Fixture {
        New-TestEnrollment alice -SecretStorage Plaintext
        New-TestEnrollment bob -SecretStorage Kms
        New-TestEnrollment carol -SecretStorage Plaintext -Issuer Other
        New-TestEnrollment dave -SecretStorage None
    }
    Mock Get-StsEnrollment { Get-Fixture }
    # As the real cmdlet with -EncryptSecret -PassThru: the entry afterwards, its secret now under KMS.
    Mock Set-StsEnrollment { New-TestEnrollment $AccountName -Issuer $Issuer -TableName $TableName -SecretStorage Kms }
    Mock Write-Progress { }
}

AfterAll {
    $env:STS_ISSUER = $saved.Issuer
    $env:STS_KMS_KEY_ID = $saved.Key
}

Describe 'Protect-StsPlaintextSecret.ps1' {
    It 'encrypts each plaintext entry in its own issuer and table, and summarises' {
        $run = Invoke-WithErrorStream { & $script -KmsKeyId alias/stsftw }

        Should -Invoke Set-StsEnrollment -Times 2 -Exactly
        Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter {
            $Issuer -ceq 'Example' -and $AccountName -ceq 'alice' -and $TableName -ceq 'stsftw-auth' -and $EncryptSecret -and
            $PassThru -and $KmsKeyId -ceq 'alias/stsftw' -and $PesterBoundParameters['Confirm'] -eq $false
        }
        Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter { $Issuer -ceq 'Other' -and $AccountName -ceq 'carol' }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $summary = $run.Output[0]
        $summary.PSObject.TypeNames[0] | Should -Be 'StsFtw.Example.SecretEncryptionSummary'
        $summary.Scope | Should -Be 'Table'
        $summary.TableName | Should -Be 'stsftw-auth'
        $summary.Plaintext | Should -Be 2
        $summary.Encrypted | Should -Be 2
        $summary.Failed | Should -Be 0
        $summary.RemainingPlaintext | Should -BeNullOrEmpty
        $summary.NoSecret | Should -Be @('Example/dave')
        $summary.ReadyToRequireEncryption | Should -BeTrue
    }

    It 'shows progress per entry and completes it' {
        $null = & $script -KmsKeyId alias/stsftw

        Should -Invoke Write-Progress -Times 2 -Exactly -ParameterFilter { -not $Completed -and $Status -like '* of 2: *' }
        Should -Invoke Write-Progress -Times 1 -Exactly -ParameterFilter { $Completed }
    }

    It 'writes nothing with -WhatIf, and the summary says nothing is encrypted yet' {
        $summary = & $script -KmsKeyId alias/stsftw -WhatIf

        Should -Invoke Set-StsEnrollment -Times 0 -Exactly
        $summary.Encrypted | Should -Be 0
        $summary.NotAttempted | Should -Be 2
        $summary.RemainingPlaintext | Should -Be @('Example/alice', 'Other/carol')
        $summary.ReadyToRequireEncryption | Should -BeFalse
    }

    It 'reports an entry it cannot encrypt and goes on with the next' {
        Mock Set-StsEnrollment {
            Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.NoUsableSecret -Category InvalidData `
                    -Message 'Example/alice holds no usable secret to encrypt; nothing was written.' -TargetObject 'Example/alice')
        } -ParameterFilter { $AccountName -ceq 'alice' }

        $run = Invoke-WithErrorStream { & $script -KmsKeyId alias/stsftw }

        Should -Invoke Set-StsEnrollment -Times 2 -Exactly
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'StsEnrollment.NoUsableSecret,*'
        $summary = $run.Output[0]
        $summary.Encrypted | Should -Be 1
        $summary.Failed | Should -Be 1
        $summary.RemainingPlaintext | Should -Be @('Example/alice')
        $summary.ReadyToRequireEncryption | Should -BeFalse
    }

    It 'stops when the key is unavailable, and counts the rest as NotAttempted' {
        Mock Set-StsEnrollment {
            Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.KeyUnavailable -Category ResourceUnavailable `
                    -Message 'The KMS key alias/stsftw is unavailable.' -TargetObject 'Example/alice')
        }

        $run = Invoke-WithErrorStream { & $script -KmsKeyId alias/stsftw }

        Should -Invoke Set-StsEnrollment -Times 1 -Exactly
        $run.Errors.Count | Should -Be 1
        $run.Warnings | Should -BeLike 'Stopped at Example/alice (StsEnrollment.KeyUnavailable)*'
        $run.Output[0].Failed | Should -Be 1
        $run.Output[0].NotAttempted | Should -Be 1
        $run.Output[0].RemainingPlaintext | Should -Be @('Example/alice', 'Other/carol')
    }

    It 'reports an entry still in plaintext after Set-StsEnrollment' {
        Mock Set-StsEnrollment { New-TestEnrollment $AccountName -Issuer $Issuer -SecretStorage Plaintext }

        $run = Invoke-WithErrorStream { & $script -KmsKeyId alias/stsftw }

        $run.Errors.Count | Should -Be 2
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ProtectStsPlaintextSecret.NotEncrypted,*'
        $run.Errors[0].Exception.Message | Should -BeLike '*secret storage is Plaintext*'
        $run.Output[0].Encrypted | Should -Be 0
    }

    It 'needs a key: without -KmsKeyId or $env:STS_KMS_KEY_ID it stops before reading' {
        { & $script } | Should -Throw -ErrorId 'ProtectStsPlaintextSecret.MissingKmsKeyId,*'

        Should -Invoke Get-StsEnrollment -Times 0 -Exactly
    }

    It 'leaves the key to the cmdlet when $env:STS_KMS_KEY_ID is set' {
        $env:STS_KMS_KEY_ID = 'alias/from-environment'
        try {
            $null = & $script
        }
        finally {
            $env:STS_KMS_KEY_ID = $null
        }

        Should -Invoke Set-StsEnrollment -Times 2 -Exactly -ParameterFilter { -not $PesterBoundParameters.ContainsKey('KmsKeyId') }
    }

    It 'reads one issuer with -Issuer, and then cannot say whether the whole table is ready' {
        Mock Get-StsEnrollment { New-TestEnrollment alice -SecretStorage Plaintext } -ParameterFilter { $Issuer -ceq 'Example' }

        $summary = & $script -KmsKeyId alias/stsftw -Issuer Example -TableName stsftw-auth -Region eu-west-1

        Should -Invoke Get-StsEnrollment -Times 1 -Exactly -ParameterFilter {
            $Issuer -ceq 'Example' -and $TableName -ceq 'stsftw-auth' -and $Region -ceq 'eu-west-1'
        }
        Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter { $Region -ceq 'eu-west-1' }
        $summary.Scope | Should -Be 'Issuer Example'
        $summary.Encrypted | Should -Be 1
        $summary.ReadyToRequireEncryption | Should -BeNullOrEmpty
    }

    It 'changes nothing when no secret is in plaintext' {
        Mock Get-StsEnrollment { New-TestEnrollment bob -SecretStorage Kms }

        $summary = & $script -KmsKeyId alias/stsftw

        Should -Invoke Set-StsEnrollment -Times 0 -Exactly
        $summary.Plaintext | Should -Be 0
        $summary.ReadyToRequireEncryption | Should -BeTrue
    }

    It 'fails with the cmdlet''s error when the table cannot be read' {
        Mock Get-StsEnrollment {
            Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.AwsSetupFailed -Category InvalidOperation `
                    -Message 'No AWS region is set.' -TargetObject $null)
        }

        { & $script -KmsKeyId alias/stsftw } | Should -Throw -ErrorId 'StsEnrollment.AwsSetupFailed,*'
        Should -Invoke Set-StsEnrollment -Times 0 -Exactly
    }
}
