# The built module as a person meets it in real pwsh: it imports, exports exactly its cmdlets, and every cmdlet and
# parameter has help.
BeforeDiscovery {
    # Every cmdlet the manifest exports gets the help checks below.
    $cmdlets = (Import-PowerShellDataFile $env:STSFTW_MODULE_MANIFEST).CmdletsToExport
}

BeforeAll {
    $manifest = $env:STSFTW_MODULE_MANIFEST
    Import-Module $manifest -Force
}

Describe 'The StsFtw module in real pwsh' {
    It 'imports from the built module folder' {
        Get-Module StsFtw | Should -Not -BeNullOrEmpty
        (Get-Module StsFtw).Version | Should -Be ([version](Test-ModuleManifest $manifest).Version)
    }

    It 'exports exactly the StsFtw cmdlets' {
        $expected = 'Clear-StsCredentialCache', 'Get-StsConsoleUrl', 'Get-StsCredential', 'Get-StsEnrollment', 'New-StsEnrollment',
            'Remove-StsEnrollment', 'Set-StsEnrollment', 'Set-StsEnvironment', 'Unlock-StsEnrollment', 'Invoke-StsCommand',
            'Register-StsProfile', 'Unregister-StsProfile', 'New-StsInvitation', 'Register-StsDevice'
        (Get-Command -Module StsFtw).Name | Sort-Object | Should -Be ($expected | Sort-Object)
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($command in Get-Command -Module StsFtw) { $approved | Should -Contain $command.Verb }
    }

    It 'has a synopsis, a description and an example for <_>' -ForEach $cmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$_\s*\["
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'describes every parameter of <_>' -ForEach $cmdlets {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $parameters = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }
        $help = Get-Help $_ -Full
        foreach ($name in $parameters) {
            $described = $help.Parameters.Parameter | Where-Object Name -eq $name
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs help text"
        }
    }
}
