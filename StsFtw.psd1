@{
    # Written by the build from VersionPrefix (Directory.Build.props); in the repository's StsFtw.psd1 it is a placeholder.
    ModuleVersion        = '0.0.0'
    RootModule           = 'StsFtw.PowerShell.dll'
    GUID                 = '5b7e6f2c-3d1a-4c8e-9f0b-2a6d4e8c1f37'
    Author               = 'StsFtw contributors'
    CompanyName          = 'StsFtw'
    Copyright            = 'StsFtw contributors'
    Description          = 'Short-lived AWS credentials for a code from your authenticator app: Get-StsCredential asks an StsFtw (or STSFTW) backend, New-StsEnrollment and the admin cmdlets manage the auth table.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('StsFtw.Format.ps1xml')
    CmdletsToExport      = @(
        'Get-StsCredential'
        'Get-StsConsoleUrl'
        'Set-StsEnvironment'
        'Clear-StsCredentialCache'
        'New-StsEnrollment'
        'New-StsInvitation'
        'Register-StsDevice'
        'Get-StsEnrollment'
        'Set-StsEnrollment'
        'Unlock-StsEnrollment'
        'Remove-StsEnrollment'
        'Invoke-StsCommand'
        'Register-StsProfile'
        'Unregister-StsProfile'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'STS', 'TOTP', 'MFA', 'Credentials', 'Authenticator', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'First release: Get-StsCredential, Set-StsEnvironment, New-StsEnrollment and the admin cmdlets.'
        }
    }
}
