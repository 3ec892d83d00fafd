# Get-StsEnrollmentReport.ps1 against a mock of the real Get-StsEnrollment returning the module's StsEnrollment objects.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-StsFtwModule
    $script = Join-Path $PSScriptRoot 'Get-StsEnrollmentReport.ps1'

    function Get-Fixture {
        New-TestEnrollment alice -Locked -ConsecutiveFailures 6
        New-TestEnrollment bob -SecretStorage Plaintext
        New-TestEnrollment carol -SecretStorage Plaintext -Locked -Issuer Other
        New-TestEnrollment dave -SecretStorage None
        New-TestEnrollment erin -ConsecutiveFailures 2
        New-TestEnrollment frank
    }
    Mock Get-StsEnrollment { Get-Fixture }
    Mock Write-Progress { }
}

Describe 'Get-StsEnrollmentReport.ps1' {
    It 'reports locked, plaintext and secretless entries by default, one object each' {
        $report = @(& $script)

        Should -Invoke Get-StsEnrollment -Times 1 -Exactly -ParameterFilter { $PesterBoundParameters.Count -eq 1 -and $ErrorAction -eq 'Stop' }
        $report.AccountName | Should -Be @('alice', 'bob', 'carol', 'dave')
        $report.Finding | Should -Be @('Locked', 'PlaintextSecret', 'Locked; PlaintextSecret', 'NoSecret')
        $report[0].PSObject.TypeNames[0] | Should -Be 'StsFtw.Example.EnrollmentFinding'
        $report[0].LockedUntil | Should -BeOfType [datetime]
        $report[0].ConsecutiveFailures | Should -Be 6
        $report[2].Issuer | Should -Be 'Other'
    }

    It 'reports only the findings asked for' {
        $report = @(& $script -Finding Locked, Failing)

        $report.AccountName | Should -Be @('alice', 'carol', 'erin')
        $report.Finding | Should -Be @('Locked', 'Locked', 'Failing')
    }

    It 'passes -Issuer, -TableName and -Region to Get-StsEnrollment' {
        $null = & $script -Issuer Example -TableName stsftw-auth -Region eu-west-1

        Should -Invoke Get-StsEnrollment -Times 1 -Exactly -ParameterFilter {
            $Issuer -ceq 'Example' -and $TableName -ceq 'stsftw-auth' -and $Region -ceq 'eu-west-1'
        }
    }

    It 'outputs nothing when no entry has a finding' {
        Mock Get-StsEnrollment { New-TestEnrollment frank }

        & $script | Should -BeNullOrEmpty
    }

    It 'binds to Unlock-StsEnrollment by property name' {
        Mock Unlock-StsEnrollment { }

        & $script -Finding Locked | Unlock-StsEnrollment -Confirm:$false

        Should -Invoke Unlock-StsEnrollment -Times 2 -Exactly
        Should -Invoke Unlock-StsEnrollment -Times 1 -Exactly -ParameterFilter {
            $Issuer -ceq 'Other' -and $AccountName -ceq 'carol' -and $TableName -ceq 'stsftw-auth'
        }
    }

    Context '-CsvPath' {
        It 'writes the report to a CSV file with ISO 8601 dates and outputs nothing' {
            $file = Join-Path $TestDrive 'report.csv'

            $output = & $script -CsvPath $file

            $output | Should -BeNullOrEmpty
            $rows = @(Import-Csv -LiteralPath $file)
            $rows.AccountName | Should -Be @('alice', 'bob', 'carol', 'dave')
            $rows[0].LockedUntil | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
            $rows[1].LockedUntil | Should -Be ''
            $rows[0].UpdatedAt | Should -Be '2026-11-01T09:00:00Z'
            $rows[2].Finding | Should -Be 'Locked; PlaintextSecret'
        }

        It 'also outputs the objects with -PassThru' {
            $file = Join-Path $TestDrive 'passthru.csv'

            $report = @(& $script -CsvPath $file -PassThru)

            $report.Count | Should -Be 4
            Test-Path -LiteralPath $file | Should -BeTrue
        }

        It 'writes the header row for an empty report' {
            Mock Get-StsEnrollment { }
            $file = Join-Path $TestDrive 'empty.csv'

            & $script -CsvPath $file

            Get-Content -LiteralPath $file | Should -Be '"Issuer","AccountName","Finding","IsLocked","LockedUntil","ConsecutiveFailures","SecretStorage","LastUsed","UpdatedAt","TableName"'
        }

        It 'writes no file with -WhatIf' {
            $file = Join-Path $TestDrive 'whatif.csv'

            & $script -CsvPath $file -WhatIf

            Test-Path -LiteralPath $file | Should -BeFalse
        }
    }

    It 'fails with the cmdlet''s error when the table cannot be read' {
        Mock Get-StsEnrollment {
            Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.TableUnavailable -Category ResourceUnavailable `
                    -Message 'The auth table stsftw-auth is unavailable.' -TargetObject $null)
        }

        { & $script } | Should -Throw -ErrorId 'StsEnrollment.TableUnavailable,*'
    }

    It 'refuses a finding it does not know at parameter binding' {
        { & $script -Finding Expired } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}
