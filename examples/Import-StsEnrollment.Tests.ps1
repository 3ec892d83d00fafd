# Import-StsEnrollment.ps1 against mocks of the real StsFtw cmdlets (imported, so each mock has the cmdlet's real
# parameters: a parameter the cmdlet lacks fails here as it would against AWS).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-StsFtwModule
    $script = Join-Path $PSScriptRoot 'Import-StsEnrollment.ps1'
    $savedIssuer = $env:STS_ISSUER
    $env:STS_ISSUER = $null

    function New-Csv {
        param([string[]] $Lines)
        $file = Join-Path $TestDrive ("people-{0}.csv" -f [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $file -Value $Lines -Encoding utf8
        $file
    }

    # As the real cmdlet does with -NoPrompt -QrCodePath: the QR file is written first (its folder created when
    # missing; a failure is StsEnrollment.QrCodeFileFailed), then the entry, then the otpauth URI is output. The URI
    # here is a marker, not URI-shaped, so a leak would show without putting a secret-shaped string in the logs.
    function Write-QrFile {
        param([string] $Path)
        try {
            $null = New-Item -ItemType Directory -Path (Split-Path -Parent $Path) -Force -ErrorAction Stop
            Set-Content -LiteralPath $Path -Value 'qr' -ErrorAction Stop
            $true
        }
        catch {
            Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.QrCodeFileFailed -Category WriteError `
                    -Message $_.Exception.Message -TargetObject $Path)
            $false
        }
    }
    Mock New-StsEnrollment {
        if (Write-QrFile -Path $QrCodePath) { 'mocked-enrollment-uri' }
    }
    Mock Write-Progress { }
}

AfterAll {
    $env:STS_ISSUER = $savedIssuer
}

Describe 'Import-StsEnrollment.ps1' {
    BeforeEach {
        $qr = Join-Path $TestDrive ("qr-{0}" -f [guid]::NewGuid().ToString('N'))
    }

    Context 'every row enrolls' {
        BeforeAll {
            $csv = New-Csv @(
                'AccountName,Roles,SecondaryAuthorizers,Issuer'
                'alice,Developer; Auditor,bob,'
                'bob,,,'
                'carol,arn:aws:iam::123456789012:role/stsftw/Admin,alice;bob,Other'
            )
        }

        It 'calls New-StsEnrollment -NoPrompt once per row with the row''s issuer, roles, co-signers and QR file' {
            $results = & $script -Path $csv -QrCodeFolder $qr -Issuer Example

            Should -Invoke New-StsEnrollment -Times 3 -Exactly
            Should -Invoke New-StsEnrollment -Times 1 -Exactly -ParameterFilter {
                $Issuer -ceq 'Example' -and $AccountName -ceq 'alice' -and ($Roles -join '|') -ceq 'Developer|Auditor' -and
                ($SecondaryAuthorizers -join '|') -ceq 'bob' -and $NoPrompt -and -not $Force -and
                $QrCodePath -eq (Join-Path $qr 'Example_alice.png')
            }
            Should -Invoke New-StsEnrollment -Times 1 -Exactly -ParameterFilter {
                $Issuer -ceq 'Other' -and $AccountName -ceq 'carol' -and
                ($Roles -join '|') -ceq 'arn:aws:iam::123456789012:role/stsftw/Admin' -and ($SecondaryAuthorizers -join '|') -ceq 'alice|bob'
            }
            @($results).Count | Should -Be 3
            $results.Status | Should -Be @('Enrolled', 'Enrolled', 'Enrolled')
            Test-Path -LiteralPath (Join-Path $qr 'Example_alice.png') | Should -BeTrue
        }

        It 'passes empty role and co-signer lists explicitly, so $env:STS_ROLES and $env:STS_SECONDARY_AUTHORIZERS never apply' {
            $null = & $script -Path $csv -QrCodeFolder $qr -Issuer Example

            Should -Invoke New-StsEnrollment -Times 1 -Exactly -ParameterFilter {
                $AccountName -ceq 'bob' -and $PesterBoundParameters.ContainsKey('Roles') -and $Roles.Count -eq 0 -and
                $PesterBoundParameters.ContainsKey('SecondaryAuthorizers') -and $SecondaryAuthorizers.Count -eq 0
            }
        }

        It 'outputs result objects only, never the otpauth URI' {
            $results = & $script -Path $csv -QrCodeFolder $qr -Issuer Example

            foreach ($result in $results) {
                $result.PSObject.TypeNames[0] | Should -Be 'StsFtw.Example.EnrollmentImportResult'
                $result.PSObject.Properties.Value | Should -Not -Contain 'mocked-enrollment-uri'
            }
            $results[0].Roles | Should -Be 'Developer;Auditor'
            $results[0].QrCodePath | Should -Be (Join-Path $qr 'Example_alice.png')
        }

        It 'passes -TableName, -Region, -KmsKeyId and -Force through, and asks New-StsEnrollment not to confirm again' {
            $null = & $script -Path $csv -QrCodeFolder $qr -Issuer Example -TableName stsftw-auth -Region eu-west-1 -KmsKeyId alias/stsftw -Force -QrCodeFormat svg

            Should -Invoke New-StsEnrollment -Times 3 -Exactly -ParameterFilter {
                $TableName -ceq 'stsftw-auth' -and $Region -ceq 'eu-west-1' -and $KmsKeyId -ceq 'alias/stsftw' -and $Force -and
                $PesterBoundParameters['Confirm'] -eq $false -and $QrCodePath -like '*.svg'
            }
        }

        It 'passes -AllowPlaintextSecret through only when given' {
            $null = & $script -Path $csv -QrCodeFolder $qr -Issuer Example -AllowPlaintextSecret
            Should -Invoke New-StsEnrollment -Times 3 -Exactly -ParameterFilter { $AllowPlaintextSecret }
            $null = & $script -Path $csv -QrCodeFolder (Join-Path $qr again) -Issuer Example
            Should -Invoke New-StsEnrollment -Times 3 -Exactly -ParameterFilter { -not $AllowPlaintextSecret }
        }

        It 'shows progress per row and completes it' {
            $null = & $script -Path $csv -QrCodeFolder $qr -Issuer Example

            Should -Invoke Write-Progress -Times 3 -Exactly -ParameterFilter { -not $Completed -and $Status -like 'Row * of 3:*' }
            Should -Invoke Write-Progress -Times 1 -Exactly -ParameterFilter { $Completed }
        }
    }

    Context '-WhatIf' {
        It 'writes nothing: no New-StsEnrollment call, no QR folder' {
            $csv = New-Csv 'AccountName,Roles', 'alice,Developer', 'bob,Developer'

            $results = & $script -Path $csv -QrCodeFolder $qr -Issuer Example -WhatIf

            Should -Invoke New-StsEnrollment -Times 0 -Exactly
            Test-Path -LiteralPath $qr | Should -BeFalse
            $results.Status | Should -Be @('Skipped', 'Skipped')
            $results[0].Message | Should -Be 'Not enrolled: -WhatIf.'
        }
    }

    Context 'a row fails' {
        It 'reports the failed row as an error and an object, and enrolls the rows after it' {
            Mock New-StsEnrollment {
                Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.AlreadyExists -Category ResourceExists `
                        -Message 'Example/bob is already enrolled.' -TargetObject 'Example/bob')
            } -ParameterFilter { $AccountName -ceq 'bob' }
            $csv = New-Csv 'AccountName,Roles', 'alice,Developer', 'bob,Developer', 'carol,Developer'

            $run = Invoke-WithErrorStream { & $script -Path $csv -QrCodeFolder $qr -Issuer Example }

            Should -Invoke New-StsEnrollment -Times 3 -Exactly
            $results = $run.Output
            $results.Status | Should -Be @('Enrolled', 'Failed', 'Enrolled')
            $results[1].ErrorId | Should -Be 'StsEnrollment.AlreadyExists'
            $results[1].Message | Should -Be 'Example/bob is already enrolled.'
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'StsEnrollment.AlreadyExists,*'
            $run.Errors[0].TargetObject | Should -Be 'Example/bob'
        }

        It 'stops at a failure that every row would meet, deletes the QR file it left, and reports the rest as NotAttempted' {
            Mock New-StsEnrollment {
                $null = Write-QrFile -Path $QrCodePath
                Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.TableUnavailable -Category ResourceUnavailable `
                        -Message 'The auth table is unavailable.' -TargetObject 'Example/bob')
            } -ParameterFilter { $AccountName -ceq 'bob' }
            $csv = New-Csv 'AccountName', 'alice', 'bob', 'carol', 'dave'

            $run = Invoke-WithErrorStream { & $script -Path $csv -QrCodeFolder $qr -Issuer Example }

            Should -Invoke New-StsEnrollment -Times 2 -Exactly
            $results = $run.Output
            $results.Status | Should -Be @('Enrolled', 'Failed', 'NotAttempted', 'NotAttempted')
            Test-Path -LiteralPath (Join-Path $qr 'Example_bob.png') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $qr 'Example_alice.png') | Should -BeTrue
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'StsEnrollment.TableUnavailable,*'
            $run.Warnings | Should -BeLike 'Stopped at row 2 (StsEnrollment.TableUnavailable)*'
        }

        It 'treats an error the cmdlet throws (terminating) like one it writes' {
            Mock New-StsEnrollment {
                throw (New-StsFtwErrorRecord -ErrorId StsEnrollment.InvalidInput -Category InvalidArgument `
                        -Message 'SecondaryAuthorizers must not name the account itself.' -TargetObject 'Example/alice')
            } -ParameterFilter { $AccountName -ceq 'alice' }
            $csv = New-Csv 'AccountName,SecondaryAuthorizers', 'alice,alice', 'bob,alice'

            $run = Invoke-WithErrorStream { & $script -Path $csv -QrCodeFolder $qr -Issuer Example }

            $run.Output.Status | Should -Be @('Failed', 'Enrolled')
            $run.Output[0].ErrorId | Should -Be 'StsEnrollment.InvalidInput'
            $run.Errors.Count | Should -Be 1
        }

        It 'stops the script at the failure with -ErrorAction Stop' {
            Mock New-StsEnrollment {
                Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.InvalidInput -Category InvalidArgument `
                        -Message 'Roles may contain only letters, digits and _+=,.@- (IAM role name rules).' -TargetObject 'Example/alice')
            }
            $csv = New-Csv 'AccountName,Roles', 'alice,bad role', 'bob,Developer'

            { & $script -Path $csv -QrCodeFolder $qr -Issuer Example -ErrorAction Stop } |
                Should -Throw -ErrorId 'StsEnrollment.InvalidInput,*'
            Should -Invoke New-StsEnrollment -Times 1 -Exactly
        }

        It 'fails a row without an account name, without calling New-StsEnrollment (no fallback to $env:STS_ACCOUNT_NAME)' {
            $csv = New-Csv 'AccountName,Roles', ',Developer', 'bob,Developer'

            $run = Invoke-WithErrorStream { & $script -Path $csv -QrCodeFolder $qr -Issuer Example }

            Should -Invoke New-StsEnrollment -Times 1 -Exactly -ParameterFilter { $AccountName -ceq 'bob' }
            Should -Invoke New-StsEnrollment -Times 1 -Exactly
            $run.Output[0].Status | Should -Be 'Failed'
            $run.Output[0].ErrorId | Should -Be 'ImportStsEnrollment.MissingAccountName'
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ImportStsEnrollment.MissingAccountName,*'
            $run.Errors[0].Exception.Message | Should -Be 'Row 1: The AccountName cell is empty.'
        }

        It 'fails a row without an issuer when neither -Issuer nor $env:STS_ISSUER is set' {
            $csv = New-Csv 'AccountName,Issuer', 'alice,', 'bob,Example'

            $results = & $script -Path $csv -QrCodeFolder $qr -ErrorAction SilentlyContinue

            $results.Status | Should -Be @('Failed', 'Enrolled')
            $results[0].ErrorId | Should -Be 'ImportStsEnrollment.MissingIssuer'
        }

        It 'fails a repeated row and a row whose QR file already exists, leaving that file alone' {
            $null = New-Item -ItemType Directory -Path $qr
            Set-Content -LiteralPath (Join-Path $qr 'Example_carol.png') -Value 'handed out last week'
            $csv = New-Csv 'AccountName', 'alice', 'alice', 'carol'

            $run = Invoke-WithErrorStream { & $script -Path $csv -QrCodeFolder $qr -Issuer Example }

            $results = $run.Output
            $results.Status | Should -Be @('Enrolled', 'Failed', 'Failed')
            $results.ErrorId | Should -Be @($null, 'ImportStsEnrollment.DuplicateRow', 'ImportStsEnrollment.QrCodeFileExists')
            $run.Errors.CategoryInfo.Category | Should -Be @('InvalidData', 'ResourceExists')
            Get-Content -LiteralPath (Join-Path $qr 'Example_carol.png') | Should -Be 'handed out last week'
            Should -Invoke New-StsEnrollment -Times 1 -Exactly
        }

        It 'turns characters that cannot be in a file name into _' {
            $csv = New-Csv 'AccountName', 'ops/../alice:1'

            $results = & $script -Path $csv -QrCodeFolder $qr -Issuer Example

            $results.QrCodePath | Should -Be (Join-Path $qr 'Example_ops_.._alice_1.png')
            Should -Invoke New-StsEnrollment -Times 1 -Exactly -ParameterFilter { $AccountName -ceq 'ops/../alice:1' }
        }
    }

    Context 'edge cases of the file' {
        It 'warns and enrolls nobody for a CSV with a header and no rows' {
            $csv = New-Csv 'AccountName,Roles,SecondaryAuthorizers'

            $results = & $script -Path $csv -QrCodeFolder $qr -Issuer Example -WarningVariable warnings -WarningAction SilentlyContinue

            $results | Should -BeNullOrEmpty
            $warnings | Should -BeLike '*has no rows*'
            Should -Invoke New-StsEnrollment -Times 0 -Exactly
            Test-Path -LiteralPath $qr | Should -BeFalse
        }

        It 'warns and enrolls nobody for an empty file' {
            $csv = Join-Path $TestDrive 'empty.csv'
            Set-Content -LiteralPath $csv -Value $null

            $results = & $script -Path $csv -QrCodeFolder $qr -WarningAction SilentlyContinue

            $results | Should -BeNullOrEmpty
            Should -Invoke New-StsEnrollment -Times 0 -Exactly
        }

        It 'refuses a CSV without an AccountName column, with a terminating error' {
            $csv = New-Csv 'Name,Roles', 'alice,Developer'

            { & $script -Path $csv -QrCodeFolder $qr -Issuer Example } | Should -Throw -ErrorId 'ImportStsEnrollment.MissingColumn,*'
            Should -Invoke New-StsEnrollment -Times 0 -Exactly
        }

        It 'warns about a column it does not use' {
            $csv = New-Csv 'AccountName,SecondaryAuthoriser', 'alice,bob'

            $null = & $script -Path $csv -QrCodeFolder $qr -Issuer Example -WarningVariable warnings -WarningAction SilentlyContinue

            $warnings | Should -BeLike '*SecondaryAuthoriser*check the spelling*'
        }

        It 'refuses a -QrCodeFolder that is a file, with a terminating error' {
            $csv = New-Csv 'AccountName', 'alice'
            $file = Join-Path $TestDrive 'not-a-folder.txt'
            Set-Content -LiteralPath $file -Value 'x'

            { & $script -Path $csv -QrCodeFolder $file -Issuer Example } | Should -Throw -ErrorId 'ImportStsEnrollment.QrCodeFolderIsFile,*'
            Should -Invoke New-StsEnrollment -Times 0 -Exactly
        }

        It 'leaves the QR folder to New-StsEnrollment, and stops when it cannot be created' {
            $csv = New-Csv 'AccountName', 'alice', 'bob'
            $file = Join-Path $TestDrive 'also-not-a-folder.txt'
            Set-Content -LiteralPath $file -Value 'x'

            $run = Invoke-WithErrorStream { & $script -Path $csv -QrCodeFolder (Join-Path $file 'qr') -Issuer Example }

            Should -Invoke New-StsEnrollment -Times 1 -Exactly
            $run.Output.Status | Should -Be @('Failed', 'NotAttempted')
            $run.Output[0].ErrorId | Should -Be 'StsEnrollment.QrCodeFileFailed'
            $run.Errors.Count | Should -Be 1
        }

        It 'refuses a CSV path that does not exist at parameter binding' {
            { & $script -Path (Join-Path $TestDrive 'missing.csv') -QrCodeFolder $qr } | Should -Throw '*does not exist*'
        }
    }
}
