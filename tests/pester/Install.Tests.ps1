# The module as people get it: the Package task's .nupkg in a local folder repository, installed with PowerShellGet
# (Install-Module) and with PSResourceGet (Install-PSResource), imported in a fresh pwsh and used against the local
# sandbox (enrollment and credentials), updated to a higher version and uninstalled; then Publish-PSResource, the documented way to publish.
#
# Isolation: every install, update and uninstall runs in a child pwsh whose HOME is a folder under $TestDrive, with
# PSModulePath and the XDG_* variables removed. pwsh and both installers then derive every per-user place from that
# HOME: the CurrentUser module folder ($HOME/.local/share/powershell/Modules, first on the child's PSModulePath),
# PowerShellGet's repository list ($HOME/.cache/powershell/PowerShellGet), PSResourceGet's
# ($HOME/.local/share/PSResourceGet) and NuGet's settings ($HOME/.config/NuGet). The real profile is never written.
# On Windows the CurrentUser module folder follows Documents, which HOME does not move, so the suite skips there.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $root = $env:STSFTW_REPOSITORY_ROOT
    $version = (Select-Xml -Path (Join-Path $root 'Directory.Build.props') -XPath '/Project/PropertyGroup/VersionPrefix').Node.InnerText.Trim()
    $parts = $version.Split('.')
    $parts[2] = [string]([int]$parts[2] + 1)
    $higher = $parts -join '.'

    function ConvertTo-Literal {
        # A string as a single-quoted PowerShell literal, for script text given to a child pwsh.
        param([string] $Value)
        "'" + $Value.Replace("'", "''") + "'"
    }

    function Invoke-IsolatedPwsh {
        # A fresh pwsh whose every per-user folder is under -HomeDirectory (see the top of this file).
        param([string] $HomeDirectory, [string] $Command)
        $null = New-Item -ItemType Directory -Path $HomeDirectory -Force
        $environment = @{ HOME = $HomeDirectory; PSModulePath = $null; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null }
        Invoke-ChildPwsh -ArgumentList '-Command', "`$ErrorActionPreference = 'Stop'; $Command" -Environment $environment -WorkingDirectory $HomeDirectory
    }

    function Get-Tagged {
        # The values a child printed as "<TAG> value" lines.
        param([object] $Run, [string] $Tag)
        $Run.Output | Where-Object { $_.StartsWith("$Tag ") } | ForEach-Object { $_.Substring($Tag.Length + 1) }
    }

    # The package exactly as the Package task writes it.
    $packageRun = Use-BuildLock { Invoke-ChildPwsh -ArgumentList '-Command', "& $(ConvertTo-Literal (Join-Path $root 'build.ps1')) -Task Package | ConvertTo-Json -Compress | ForEach-Object { 'PACKAGE ' + `$_ }; exit `$LASTEXITCODE" }
    if ($packageRun.ExitCode -ne 0) { throw "build.ps1 -Task Package failed:`n$($packageRun.Output + $packageRun.Errors -join "`n")" }
    $package = Get-Tagged $packageRun 'PACKAGE' | ConvertFrom-Json

    # A second, higher version: the same build with -p:VersionPrefix, in its own artifacts path and output folders so
    # the repository's bin, obj and artifacts keep the real version.
    $next = Join-Path $TestDrive 'next'
    $build = & dotnet build (Join-Path $root 'src' 'StsFtw.PowerShell') --configuration Release --nologo -t:PackModule "-p:VersionPrefix=$higher" `
        --artifacts-path (Join-Path $next 'build') "-p:ModuleLayoutDirectory=$(Join-Path $next 'module' 'StsFtw')" "-p:ModulePackageDirectory=$(Join-Path $next 'package')" 2>&1
    if ($LASTEXITCODE -ne 0) { throw "The build of $higher failed:`n$($build -join "`n")" }
    $higherPackage = Join-Path $next 'package' "StsFtw.$higher.nupkg"

    # The local sandbox (dynalite, the STS/KMS/SNS stand-ins, the backend's local mode): what a person who installed the
    # module does next is enroll and ask for credentials, so the installed module's admin side (the AWS SDK in its
    # isolated load context) and its credential path both run.
    . (Join-Path $PSScriptRoot 'Support/Sandbox.ps1')
    $sandbox = Start-Sandbox
    $sandboxSetup = @(
        $sandbox.Info.environment.PSObject.Properties | ForEach-Object { "`$env:$($_.Name) = $(ConvertTo-Literal $_.Value)" }
        $sandbox.Info.removeEnvironment | ForEach-Object { "Remove-Item -Path Env:$_ -ErrorAction Ignore" }
        ". $(ConvertTo-Literal (Join-Path $PSScriptRoot 'Support/Phone.ps1'))"
    ) -join "`n"

    function Get-UseModuleScript {
        # What a person does after installing: import by name in a new session, enroll (a new account each time, so
        # no code is ever reused) and ask for credentials. Only facts about them are printed, never them.
        $account = 'installed-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        @"
$sandboxSetup
Import-Module StsFtw
`$module = Get-Module StsFtw
'VERSION ' + `$module.Version
'BASE ' + `$module.ModuleBase
`$phone = [Phone]::new((New-StsEnrollment -AccountName $account -Roles Developer -NoPrompt))
`$credential = Get-StsCredential -AccountName $account -Role Developer -TotpCode `$phone.NextCode() -NoCache
'ISSUED ' + (`$credential.AccessKeyId -cmatch '^ASIA[A-Z2-7]{16}$' -and `$credential.SessionToken.Length -gt 0)
'LASTS ' + ([DateTimeOffset] `$credential.Expiration -gt [DateTimeOffset]::UtcNow.AddMinutes(10))
"@
    }
}

AfterAll {
    if ($sandbox) { Stop-Sandbox $sandbox | Out-Null }
}

Describe 'the packages under test' {
    It 'come from the Package task and from -p:VersionPrefix, each manifest saying its version' {
        $package.ModulePackage | Should -Be (Join-Path $root 'artifacts' 'package' 'Release' "StsFtw.$version.nupkg")
        $package.ModulePackage | Should -Exist
        $higherPackage | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        foreach ($pair in @(@($package.ModulePackage, $version), @($higherPackage, $higher))) {
            $zip = [System.IO.Compression.ZipFile]::OpenRead($pair[0])
            try {
                $reader = [System.IO.StreamReader]::new($zip.GetEntry('StsFtw.psd1').Open())
                try { $reader.ReadToEnd() | Should -Match "(?m)^\s*ModuleVersion\s*=\s*'$([regex]::Escape($pair[1]))'" } finally { $reader.Dispose() }
            }
            finally { $zip.Dispose() }
        }
    }
}

Describe 'PowerShellGet: Install-Module, Update-Module, Uninstall-Module' -Skip:$IsWindows {
    BeforeAll {
        $homeDirectory = Join-Path $TestDrive 'powershellget-home'
        $repository = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'powershellget-repository')
        Copy-Item -LiteralPath $package.ModulePackage -Destination $repository
        $userModules = Join-Path $homeDirectory '.local' 'share' 'powershell' 'Modules'
    }

    It 'installs the package from a local folder repository into the CurrentUser module folder' {
        $run = Invoke-IsolatedPwsh $homeDirectory @"
Register-PSRepository -Name StsFtwLocal -SourceLocation $(ConvertTo-Literal $repository) -InstallationPolicy Trusted
Install-Module -Name StsFtw -Repository StsFtwLocal -Scope CurrentUser
Get-InstalledModule -Name StsFtw | ForEach-Object { 'INSTALLED ' + `$_.Version + ' ' + `$_.InstalledLocation }
"@
        $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
        Get-Tagged $run 'INSTALLED' | Should -Be "$version $(Join-Path $userModules 'StsFtw' $version)"
    }

    It 'imports by name in a fresh pwsh, enrolls and gets credentials from the sandbox' {
        $run = Invoke-IsolatedPwsh $homeDirectory (Get-UseModuleScript)
        $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
        Get-Tagged $run 'VERSION' | Should -Be $version
        Get-Tagged $run 'BASE' | Should -Be (Join-Path $userModules 'StsFtw' $version)
        Get-Tagged $run 'ISSUED' | Should -Be 'True'
        Get-Tagged $run 'LASTS' | Should -Be 'True'
    }

    It 'updates to the higher version with Update-Module, and that version is what a fresh pwsh imports' {
        Copy-Item -LiteralPath $higherPackage -Destination $repository
        $update = Invoke-IsolatedPwsh $homeDirectory "Update-Module -Name StsFtw; Get-InstalledModule -Name StsFtw -AllVersions | ForEach-Object { 'INSTALLED ' + `$_.Version }"
        $update.ExitCode | Should -Be 0 -Because ($update.Output + $update.Errors -join "`n")
        Get-Tagged $update 'INSTALLED' | Sort-Object { [version]$_ } | Should -Be $version, $higher
        $import = Invoke-IsolatedPwsh $homeDirectory (Get-UseModuleScript)
        $import.ExitCode | Should -Be 0 -Because ($import.Output + $import.Errors -join "`n")
        Get-Tagged $import 'VERSION' | Should -Be $higher
        Get-Tagged $import 'ISSUED' | Should -Be 'True'
    }

    It 'removes every version with Uninstall-Module' {
        $run = Invoke-IsolatedPwsh $homeDirectory "Uninstall-Module -Name StsFtw -AllVersions; 'LEFT ' + @(Get-InstalledModule -Name StsFtw -AllVersions -ErrorAction SilentlyContinue).Count"
        $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
        Get-Tagged $run 'LEFT' | Should -Be '0'
        @(Get-ChildItem -LiteralPath (Join-Path $userModules 'StsFtw') -ErrorAction Ignore) | Should -BeNullOrEmpty
    }
}

Describe 'PSResourceGet: Install-PSResource, Update-PSResource, Uninstall-PSResource' -Skip:$IsWindows {
    BeforeAll {
        $homeDirectory = Join-Path $TestDrive 'psresourceget-home'
        $repository = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'psresourceget-repository')
        Copy-Item -LiteralPath $package.ModulePackage -Destination $repository
        $userModules = Join-Path $homeDirectory '.local' 'share' 'powershell' 'Modules'
    }

    It 'installs the package from a local folder repository into the CurrentUser module folder' {
        $run = Invoke-IsolatedPwsh $homeDirectory @"
Register-PSResourceRepository -Name StsFtwLocal -Uri $(ConvertTo-Literal $repository) -Trusted
Install-PSResource -Name StsFtw -Repository StsFtwLocal -Scope CurrentUser
Get-InstalledPSResource -Name StsFtw | ForEach-Object { 'INSTALLED ' + `$_.Version + ' ' + `$_.InstalledLocation }
"@
        $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
        Get-Tagged $run 'INSTALLED' | Should -Be "$version $userModules"
        Join-Path $userModules 'StsFtw' $version 'StsFtw.psd1' | Should -Exist
    }

    It 'imports by name in a fresh pwsh, enrolls and gets credentials from the sandbox' {
        $run = Invoke-IsolatedPwsh $homeDirectory (Get-UseModuleScript)
        $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
        Get-Tagged $run 'VERSION' | Should -Be $version
        Get-Tagged $run 'BASE' | Should -Be (Join-Path $userModules 'StsFtw' $version)
        Get-Tagged $run 'ISSUED' | Should -Be 'True'
    }

    It 'updates to the higher version with Update-PSResource, and that version is what a fresh pwsh imports' {
        Copy-Item -LiteralPath $higherPackage -Destination $repository
        # -Repository keeps the update to this feed; without it PSResourceGet would also ask the PowerShell Gallery.
        $update = Invoke-IsolatedPwsh $homeDirectory "Update-PSResource -Name StsFtw -Repository StsFtwLocal; Get-InstalledPSResource -Name StsFtw | ForEach-Object { 'INSTALLED ' + `$_.Version }"
        $update.ExitCode | Should -Be 0 -Because ($update.Output + $update.Errors -join "`n")
        Get-Tagged $update 'INSTALLED' | Sort-Object { [version]$_ } | Should -Be $version, $higher
        $import = Invoke-IsolatedPwsh $homeDirectory (Get-UseModuleScript)
        $import.ExitCode | Should -Be 0 -Because ($import.Output + $import.Errors -join "`n")
        Get-Tagged $import 'VERSION' | Should -Be $higher
    }

    It 'removes every version with Uninstall-PSResource' {
        $run = Invoke-IsolatedPwsh $homeDirectory "Uninstall-PSResource -Name StsFtw -Version '*'; 'LEFT ' + @(Get-InstalledPSResource -Name StsFtw -ErrorAction SilentlyContinue).Count"
        $run.ExitCode | Should -Be 0 -Because ($run.Output + $run.Errors -join "`n")
        Get-Tagged $run 'LEFT' | Should -Be '0'
        @(Get-ChildItem -LiteralPath (Join-Path $userModules 'StsFtw') -ErrorAction Ignore) | Should -BeNullOrEmpty
    }
}

Describe 'Publish-PSResource, the documented way to publish' -Skip:$IsWindows {
    BeforeAll {
        $homeDirectory = Join-Path $TestDrive 'publish-home'
        $feed = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'feed')
    }

    It 'publishes the built module folder to a feed, from which it installs and imports' {
        $publish = Invoke-IsolatedPwsh $homeDirectory @"
Register-PSResourceRepository -Name StsFtwFeed -Uri $(ConvertTo-Literal $feed) -Trusted
Publish-PSResource -Path $(ConvertTo-Literal $package.ModuleFolder) -Repository StsFtwFeed
Find-PSResource -Name StsFtw -Repository StsFtwFeed | ForEach-Object { 'FOUND ' + `$_.Version }
Install-PSResource -Name StsFtw -Repository StsFtwFeed -Scope CurrentUser
"@
        $publish.ExitCode | Should -Be 0 -Because ($publish.Output + $publish.Errors -join "`n")
        Join-Path $feed "StsFtw.$version.nupkg" | Should -Exist
        Get-Tagged $publish 'FOUND' | Should -Be $version
        $import = Invoke-IsolatedPwsh $homeDirectory (Get-UseModuleScript)
        $import.ExitCode | Should -Be 0 -Because ($import.Output + $import.Errors -join "`n")
        Get-Tagged $import 'VERSION' | Should -Be $version
        Get-Tagged $import 'ISSUED' | Should -Be 'True'
    }

    It 'is what README.md documents, with no Publish-Module command left' {
        $readme = Get-Content -Raw -LiteralPath (Join-Path $root 'README.md')
        $readme | Should -Match 'Register-PSResourceRepository -Name \w+ -Uri \S+ -Trusted'
        $readme | Should -Match 'Publish-PSResource -Path \./artifacts/module/Release/StsFtw -Repository \w+'
        $readme | Should -Not -Match 'Publish-Module\s+-'
    }
}
