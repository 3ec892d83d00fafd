# Remove-StsPerson.ps1 against mocks of the real StsFtw cmdlets (imported, so each mock has the cmdlet's real
# parameters). Get-StsEnrollment returns the module's own StsEnrollment objects.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-StsFtwModule
    $script = Join-Path $PSScriptRoot 'Remove-StsPerson.ps1'
    $savedIssuer = $env:STS_ISSUER
    $env:STS_ISSUER = $null

    # Issuer Example: bob co-signs for alice (alone) and for carol (with admin); dave co-signs for nobody;
    # zoe was removed earlier with Remove-StsEnrollment and is still erin's co-signer.
    function Get-Fixture {
        New-TestEnrollment admin
        New-TestEnrollment alice -Roles Developer -SecondaryAuthorizers bob
        New-TestEnrollment bob -Roles Developer -SecondaryAuthorizers admin
        New-TestEnrollment carol -Roles AccountAdmin -SecondaryAuthorizers bob, admin
        New-TestEnrollment dave -Roles Reader
        New-TestEnrollment erin -Roles Reader -SecondaryAuthorizers zoe, admin
    }
    Mock Get-StsEnrollment { Get-Fixture }
    Mock Remove-StsEnrollment { }
    # As the real cmdlet with -PassThru: the entry after the change (add, then remove).
    Mock Set-StsEnrollment {
        $entry = Get-Fixture | Where-Object AccountName -CEQ $AccountName
        $entry.SecondaryAuthorizers = @(@($entry.SecondaryAuthorizers) + @($AddSecondaryAuthorizers | Where-Object { $_ }) |
                Where-Object { @($RemoveSecondaryAuthorizers) -cnotcontains $_ } | Select-Object -Unique)
        if ($PassThru) { $entry }
    }
    Mock Write-Progress { }
}

AfterAll {
    $env:STS_ISSUER = $savedIssuer
}

Describe 'Remove-StsPerson.ps1' {
    Context 'off-boarding bob' {
        It 'reads the issuer once, removes bob, and takes bob out of carol''s list' {
            $run = Invoke-WithErrorStream { & $script -AccountName bob -Issuer Example -Force }

            Should -Invoke Get-StsEnrollment -Times 1 -Exactly -ParameterFilter { $Issuer -ceq 'Example' -and -not $AccountName }
            Should -Invoke Remove-StsEnrollment -Times 1 -Exactly -ParameterFilter {
                $Issuer -ceq 'Example' -and $AccountName -ceq 'bob' -and $Force
            }
            Should -Invoke Set-StsEnrollment -Times 1 -Exactly
            Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter {
                $Issuer -ceq 'Example' -and $AccountName -ceq 'carol' -and ($RemoveSecondaryAuthorizers -join '|') -ceq 'bob' -and
                -not $PesterBoundParameters.ContainsKey('AddSecondaryAuthorizers') -and
                -not $PesterBoundParameters.ContainsKey('SecondaryAuthorizers') -and $PassThru
            }
            $steps = $run.Output
            $steps.AccountName | Should -Be @('bob', 'alice', 'carol')
            $steps.Action | Should -Be @('RemoveEnrollment', 'KeepSoleCosigner', 'RemoveCosigner')
            $steps.Status | Should -Be @('Done', 'Kept', 'Done')
            $steps[2].SecondaryAuthorizers | Should -Be @('admin')
        }

        It 'leaves a list where bob is the only co-signer, with an error that says what to do' {
            $run = Invoke-WithErrorStream { & $script -AccountName bob -Issuer Example -Force }

            Should -Invoke Set-StsEnrollment -Times 0 -Exactly -ParameterFilter { $AccountName -ceq 'alice' }
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'RemoveStsPerson.SoleCosigner,*'
            $run.Errors[0].TargetObject | Should -Be 'Example/alice'
            $run.Errors[0].Exception.Message | Should -BeLike '*bob is the only co-signer of Example/alice*-Replacement*'
            ($run.Output | Where-Object AccountName -EQ alice).SecondaryAuthorizers | Should -Be @('bob')
        }

        It 'puts -Replacement in bob''s place in every list' {
            $run = Invoke-WithErrorStream { & $script bob -Issuer Example -Replacement dave -Force }

            Should -Invoke Set-StsEnrollment -Times 2 -Exactly
            Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter {
                $AccountName -ceq 'alice' -and ($RemoveSecondaryAuthorizers -join '|') -ceq 'bob' -and ($AddSecondaryAuthorizers -join '|') -ceq 'dave'
            }
            Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter {
                $AccountName -ceq 'carol' -and ($RemoveSecondaryAuthorizers -join '|') -ceq 'bob' -and ($AddSecondaryAuthorizers -join '|') -ceq 'dave'
            }
            $run.Errors | Should -BeNullOrEmpty
            $run.Output.Action | Should -Be @('RemoveEnrollment', 'ReplaceCosigner', 'ReplaceCosigner')
            ($run.Output | Where-Object AccountName -EQ carol).SecondaryAuthorizers | Should -Be @('admin', 'dave')
        }

        It 'never makes a replacement its own co-signer' {
            $run = Invoke-WithErrorStream { & $script bob -Issuer Example -Replacement alice -Force }

            Should -Invoke Set-StsEnrollment -Times 0 -Exactly -ParameterFilter { $AccountName -ceq 'alice' }
            Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter {
                $AccountName -ceq 'carol' -and ($AddSecondaryAuthorizers -join '|') -ceq 'alice'
            }
            ($run.Output | Where-Object AccountName -EQ alice).Status | Should -Be 'Kept'
        }

        It 'refuses a replacement who is not enrolled, before writing anything' {
            { & $script bob -Issuer Example -Replacement nobody -Force } | Should -Throw -ErrorId 'RemoveStsPerson.InvalidReplacement,*'

            Should -Invoke Remove-StsEnrollment -Times 0 -Exactly
            Should -Invoke Set-StsEnrollment -Times 0 -Exactly
        }
    }

    It 'asks before each change, as Remove-StsEnrollment does (ConfirmImpact High)' {
        $binding = (Get-Command $script).ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] }

        $binding.SupportsShouldProcess | Should -BeTrue
        $binding.ConfirmImpact | Should -Be 'High'
        (Get-Command -Name Remove-StsEnrollment -CommandType Cmdlet).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
            Should -Be 'High'
    }

    Context '-WhatIf' {
        It 'reads, writes nothing, and reports every step as Skipped' {
            $run = Invoke-WithErrorStream { & $script -AccountName bob -Issuer Example -Replacement dave -WhatIf }

            Should -Invoke Get-StsEnrollment -Times 1 -Exactly
            Should -Invoke Remove-StsEnrollment -Times 0 -Exactly
            Should -Invoke Set-StsEnrollment -Times 0 -Exactly
            $run.Output.Status | Should -Be @('Skipped', 'Skipped', 'Skipped')
            $run.Output[0].Message | Should -Be 'Not removed: -WhatIf.'
        }
    }

    Context 'edge cases' {
        It 'removes a person who co-signs for nobody without touching any list' {
            $run = Invoke-WithErrorStream { & $script -AccountName dave -Issuer Example -Force }

            Should -Invoke Remove-StsEnrollment -Times 1 -Exactly -ParameterFilter { $AccountName -ceq 'dave' }
            Should -Invoke Set-StsEnrollment -Times 0 -Exactly
            @($run.Output).Count | Should -Be 1
            $run.Output[0].Status | Should -Be 'Done'
            $run.Errors | Should -BeNullOrEmpty
        }

        It 'cleans the lists of a person no longer enrolled, without calling Remove-StsEnrollment' {
            $run = Invoke-WithErrorStream { & $script -AccountName zoe -Issuer Example -Force }

            Should -Invoke Remove-StsEnrollment -Times 0 -Exactly
            Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter {
                $AccountName -ceq 'erin' -and ($RemoveSecondaryAuthorizers -join '|') -ceq 'zoe'
            }
            $run.Output.Status | Should -Be @('NotEnrolled', 'Done')
            $run.Errors | Should -BeNullOrEmpty
        }

        It 'matches names exactly (ordinal), as the auth table does' {
            $run = Invoke-WithErrorStream { & $script -AccountName BOB -Issuer Example -Force }

            Should -Invoke Remove-StsEnrollment -Times 0 -Exactly
            Should -Invoke Set-StsEnrollment -Times 0 -Exactly
            $run.Output.Status | Should -Be 'NotEnrolled'
        }

        It 'takes names from the pipeline, and the issuer from $env:STS_ISSUER' {
            $env:STS_ISSUER = 'Example'
            try {
                $run = Invoke-WithErrorStream { 'dave', 'zoe' | & $script -Force }
            }
            finally {
                $env:STS_ISSUER = $null
            }

            Should -Invoke Get-StsEnrollment -Times 2 -Exactly -ParameterFilter { $Issuer -ceq 'Example' }
            Should -Invoke Remove-StsEnrollment -Times 1 -Exactly -ParameterFilter { $AccountName -ceq 'dave' }
            $run.Output.Person | Should -Be @('dave', 'zoe', 'zoe')
        }

        It 'binds Issuer and TableName from Get-StsEnrollment objects in the pipeline' {
            $null = New-TestEnrollment dave -Issuer Example -TableName other-table | & $script -Force

            Should -Invoke Get-StsEnrollment -Times 1 -Exactly -ParameterFilter { $Issuer -ceq 'Example' -and $TableName -ceq 'other-table' }
            Should -Invoke Remove-StsEnrollment -Times 1 -Exactly -ParameterFilter { $AccountName -ceq 'dave' -and $TableName -ceq 'other-table' }
        }

        It 'refuses to run without an issuer' {
            { & $script -AccountName bob -Force } | Should -Throw -ErrorId 'RemoveStsPerson.MissingIssuer,*'
            Should -Invoke Get-StsEnrollment -Times 0 -Exactly
        }
    }

    Context 'failures' {
        It 'reports a list it could not change and goes on with the next' {
            Mock Set-StsEnrollment {
                Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.NotFound -Category ObjectNotFound `
                        -Message 'Example/alice is not enrolled.' -TargetObject 'Example/alice')
            } -ParameterFilter { $AccountName -ceq 'alice' }

            $run = Invoke-WithErrorStream { & $script bob -Issuer Example -Replacement dave -Force }

            Should -Invoke Set-StsEnrollment -Times 2 -Exactly
            $run.Output.Status | Should -Be @('Done', 'Failed', 'Done')
            $run.Output[1].Message | Should -Be 'Example/alice is not enrolled.'
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'StsEnrollment.NotFound,*'
        }

        It 'stops changing lists when the table fails, and reports them as NotAttempted' {
            Mock Remove-StsEnrollment {
                Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.TableUnavailable -Category ResourceUnavailable `
                        -Message 'The auth table stsftw-auth is unavailable.' -TargetObject 'Example/bob')
            }

            $run = Invoke-WithErrorStream { & $script bob -Issuer Example -Replacement dave -Force }

            Should -Invoke Set-StsEnrollment -Times 0 -Exactly
            $run.Output.Status | Should -Be @('Failed', 'NotAttempted', 'NotAttempted')
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'StsEnrollment.TableUnavailable,*'
        }

        It 'fails with a terminating error when the issuer cannot be read' {
            Mock Get-StsEnrollment {
                Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.MissingSetting -Category InvalidArgument `
                        -Message '-TableName is required: pass -TableName or set $env:STS_TABLE_NAME.' -TargetObject 'Example')
            }

            { & $script bob -Issuer Example -Force } | Should -Throw -ErrorId 'StsEnrollment.MissingSetting,*'
            Should -Invoke Remove-StsEnrollment -Times 0 -Exactly
            Should -Invoke Set-StsEnrollment -Times 0 -Exactly
        }
    }
}
