# Find-StsDanglingCosigner.ps1 against a mock of the real Get-StsEnrollment returning the module's StsEnrollment
# objects; the last test feeds its output to Remove-StsPerson.ps1, with the write cmdlets mocked too.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-StsFtwModule
    $script = Join-Path $PSScriptRoot 'Find-StsDanglingCosigner.ps1'

    # zoe was removed and is still listed by carol and dave; frank has no secret; gina lists herself;
    # olga (issuer Other) lists alice, who is enrolled only in Example.
    function Get-Fixture {
        New-TestEnrollment admin
        New-TestEnrollment alice -SecondaryAuthorizers bob
        New-TestEnrollment bob -SecondaryAuthorizers admin
        New-TestEnrollment carol -SecondaryAuthorizers zoe, admin
        New-TestEnrollment dave -SecondaryAuthorizers zoe
        New-TestEnrollment erin -SecondaryAuthorizers frank
        New-TestEnrollment frank -SecretStorage None
        New-TestEnrollment gina -SecondaryAuthorizers gina, Admin
        New-TestEnrollment olga -Issuer Other -SecondaryAuthorizers alice
    }
    # As the real cmdlet: -Issuer reads one issuer (a Query), without it the whole table.
    Mock Get-StsEnrollment { Get-Fixture | Where-Object { -not $Issuer -or $_.Issuer -ceq $Issuer } }
    Mock Write-Progress { }
}

Describe 'Find-StsDanglingCosigner.ps1' {
    It 'reports each entry with a co-signer that cannot co-sign, once' {
        $found = @(& $script)

        Should -Invoke Get-StsEnrollment -Times 1 -Exactly
        $found.AccountName | Should -Be @('carol', 'dave', 'erin', 'gina', 'olga')
        $found[0].PSObject.TypeNames[0] | Should -Be 'StsFtw.Example.DanglingCosigner'
    }

    It 'names the missing co-signers, and says whether one usable co-signer is left' {
        $found = & $script

        $carol = $found | Where-Object AccountName -EQ carol
        $carol.MissingCosigners | Should -Be @('zoe')
        $carol.HasUsableCosigner | Should -BeTrue
        $dave = $found | Where-Object AccountName -EQ dave
        $dave.MissingCosigners | Should -Be @('zoe')
        $dave.HasUsableCosigner | Should -BeFalse
    }

    It 'names co-signers without a secret as unusable' {
        $erin = & $script | Where-Object AccountName -EQ erin

        $erin.MissingCosigners | Should -BeNullOrEmpty
        $erin.UnusableCosigners | Should -Be @('frank')
        $erin.HasUsableCosigner | Should -BeFalse
    }

    It 'finds an entry that lists itself, and compares names exactly (Admin is not admin)' {
        $gina = & $script | Where-Object AccountName -EQ gina

        $gina.SelfListed | Should -BeTrue
        $gina.MissingCosigners | Should -Be @('Admin')
        $gina.HasUsableCosigner | Should -BeFalse
    }

    It 'looks co-signers up in the entry''s own issuer' {
        $olga = & $script | Where-Object AccountName -EQ olga

        $olga.Issuer | Should -Be 'Other'
        $olga.MissingCosigners | Should -Be @('alice')
    }

    It 'reports nothing for a table whose co-signers all exist, or an empty table' {
        Mock Get-StsEnrollment { New-TestEnrollment admin; New-TestEnrollment alice -SecondaryAuthorizers admin }
        & $script | Should -BeNullOrEmpty

        Mock Get-StsEnrollment { }
        & $script | Should -BeNullOrEmpty
    }

    It 'passes -Issuer, -TableName and -Region to Get-StsEnrollment' {
        $null = & $script -Issuer Example -TableName stsftw-auth -Region eu-west-1

        Should -Invoke Get-StsEnrollment -Times 1 -Exactly -ParameterFilter {
            $Issuer -ceq 'Example' -and $TableName -ceq 'stsftw-auth' -and $Region -ceq 'eu-west-1'
        }
    }

    It 'fails with the cmdlet''s error when the table cannot be read' {
        Mock Get-StsEnrollment {
            Write-Error -ErrorRecord (New-StsFtwErrorRecord -ErrorId StsEnrollment.TableUnavailable -Category ResourceUnavailable `
                    -Message 'The auth table stsftw-auth is unavailable.' -TargetObject $null)
        }

        { & $script } | Should -Throw -ErrorId 'StsEnrollment.TableUnavailable,*'
    }

    It 'feeds Remove-StsPerson.ps1, which takes each missing name out of every list' {
        Mock Remove-StsEnrollment { }
        Mock Set-StsEnrollment { }
        $remove = Join-Path $PSScriptRoot 'Remove-StsPerson.ps1'

        $run = Invoke-WithErrorStream {
            & $script -Issuer Example | ForEach-Object MissingCosigners | Select-Object -Unique | & $remove -Issuer Example -Force
        }

        Should -Invoke Remove-StsEnrollment -Times 0 -Exactly
        Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter {
            $AccountName -ceq 'carol' -and ($RemoveSecondaryAuthorizers -join '|') -ceq 'zoe'
        }
        Should -Invoke Set-StsEnrollment -Times 1 -Exactly -ParameterFilter {
            $AccountName -ceq 'gina' -and ($RemoveSecondaryAuthorizers -join '|') -ceq 'Admin'
        }
        Should -Invoke Set-StsEnrollment -Times 2 -Exactly
        # dave's only co-signer is zoe: kept, and said so.
        ($run.Output | Where-Object AccountName -EQ dave).Status | Should -Be 'Kept'
        $run.Errors.FullyQualifiedErrorId | Should -BeLike 'RemoveStsPerson.SoleCosigner,*'
    }
}
