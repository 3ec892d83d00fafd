#!/usr/bin/env pwsh
#Requires -Version 7.2

<#
.SYNOPSIS
    Builds, tests, packages, installs and deploys StsFtw: one entry point over dotnet and terraform.

.DESCRIPTION
    Runs one or more tasks. Whatever order they are given in, tasks run in the order Build, Test, PublishLambda,
    Package, Deploy, Install, each at most once; Package and Deploy bring in PublishLambda.

      Build          dotnet build StsFtw.slnx: the module folder artifacts/module/<Configuration>/StsFtw.
      Test           dotnet test StsFtw.slnx (the whole suite, as CI runs it).
      PublishLambda  dotnet publish src/StsFtw.Lambda: the Native AOT bootstrap and its Lambda zip,
                     artifacts/lambda/linux-x64/bootstrap-linux-x64.zip. Needs Linux on x64 (Native AOT cannot
                     cross-compile from Windows or macOS; use WSL or a Linux container there).
      Package        everything a release needs: the module folder (ready for Install-Module / Publish-Module),
                     the gallery package artifacts/package/<Configuration>/StsFtw.<version>.nupkg and the Lambda zip.
      Deploy         publishes the Lambda, then terraform init (with -BackendConfig) and terraform apply
                     (with -VarFile and the zip's absolute path as lambda_zip_path) in terraform/.
      Install        builds the module and copies it to StsFtw/<version> in your module path (-Scope).

    The version comes from one place, VersionPrefix in Directory.Build.props. Prerequisites are checked before
    anything runs, and every command is printed as a "==>" line before it runs. The first failing command stops
    the script with exit code 1 and a message naming the command and its exit code.

    -WhatIf is a dry run: every command and file change is printed and none is run.

.PARAMETER Task
    The tasks to run: Build, Test, Package, PublishLambda, Deploy, Install (several allowed). Default: Build.

.PARAMETER Configuration
    Release (default) or Debug, for the module and the tests. The Lambda is always published in Release: the
    deployable binary is never a Debug build.

.PARAMETER VarFile
    Deploy: the Terraform variables file (.tfvars) passed to terraform apply. Required for Deploy.
    A relative path is taken from the current location.

.PARAMETER BackendConfig
    Deploy: the file with the S3 state backend's settings, passed to terraform init -backend-config.
    Without it, terraform init uses the backend settings already in terraform/ (or its earlier init).

.PARAMETER AutoApprove
    Deploy: apply without asking (terraform apply -auto-approve). Without it Terraform shows the plan and asks.

.PARAMETER Scope
    Install: CurrentUser (default) installs into your own module folder (Documents\PowerShell\Modules on Windows,
    ~/.local/share/powershell/Modules elsewhere); AllUsers into the machine's ($env:ProgramFiles\PowerShell\Modules
    or /usr/local/share/powershell/Modules), which needs an elevated session.

.EXAMPLE
    ./build.ps1 -Task Build

    Builds the solution; the module is in artifacts/module/Release/StsFtw.

.EXAMPLE
    ./build.ps1 -Task Build, Test

    Builds, then runs every test (what CI runs).

.EXAMPLE
    ./build.ps1 -Task Test -Configuration Debug

    Runs every test against a Debug build.

.EXAMPLE
    ./build.ps1 -Task PublishLambda

    Publishes the Native AOT backend and zips it: artifacts/lambda/linux-x64/bootstrap-linux-x64.zip.

.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release

    Produces the module folder, the .nupkg and the Lambda zip, and prints where each landed.

.EXAMPLE
    ./build.ps1 -Task Deploy -VarFile ./prod.tfvars -BackendConfig ./backend.hcl

    Publishes the Lambda, runs terraform init with the backend settings, shows the plan and asks before applying.

.EXAMPLE
    ./build.ps1 -Task Deploy -VarFile ./prod.tfvars -WhatIf

    Prints every command Deploy would run, and runs none.

.EXAMPLE
    ./build.ps1 -Task Install -Scope CurrentUser

    Builds the module and copies it to your module path, so Import-Module StsFtw finds it.

.NOTES
    Needs PowerShell 7.2 or later, the .NET 10 SDK, Node.js with npm for Build and Test (the test project installs
    dynalite), clang or gcc for PublishLambda, and the Terraform CLI for Deploy. Without pwsh, the plain commands in
    README.md do the same builds.

    From bash or cmd (./build.ps1, pwsh -File), PowerShell receives "-Task Build,Test" as one string, which is not a
    task name; give one task, or several through -Command: pwsh -c './build.ps1 -Task Build, Test'.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [ValidateSet('Build', 'Test', 'Package', 'PublishLambda', 'Deploy', 'Install')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [string] $VarFile,

    [string] $BackendConfig,

    [switch] $AutoApprove,

    [ValidateSet('CurrentUser', 'AllUsers')]
    [string] $Scope = 'CurrentUser'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# Exit codes are checked by Invoke-NativeCommand, which names the command; a profile's setting must not pre-empt it.
$PSNativeCommandUseErrorActionPreference = $false

# The functions below use .NET and the engine's own cmdlets only (no Microsoft.PowerShell.Utility or .Management
# cmdlets), so the tests can run them in the hosted engine, which ships without those modules.

#region Tasks and their order

function Get-BuildTaskCatalog {
    <#
    .SYNOPSIS
        Lists every task, in the order tasks run, with the tasks each one brings in first.
    .DESCRIPTION
        The single list of task names: Resolve-BuildTaskOrder validates against it, and the tests check that the
        script's -Task ValidateSet names the same six.
    .EXAMPLE
        (Get-BuildTaskCatalog).Keys
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param()

    [ordered]@{
        Build         = @()
        Test          = @()
        PublishLambda = @()
        Package       = @('PublishLambda')
        Deploy        = @('PublishLambda')
        Install       = @()
    }
}

function Resolve-BuildTaskOrder {
    <#
    .SYNOPSIS
        Turns the requested tasks into the tasks to run: known names only, dependencies added, in run order, once each.
    .DESCRIPTION
        Names match case-insensitively and come back spelled as in the catalog. An unknown or empty name is an
        error naming the valid tasks.
    .PARAMETER Task
        The requested task names, in any order.
    .EXAMPLE
        Resolve-BuildTaskOrder -Task Deploy, Build

        Build, PublishLambda, Deploy
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]] $Task
    )

    $catalog = Get-BuildTaskCatalog
    $known = [string[]]$catalog.Keys
    if ($Task.Count -eq 0) {
        throw "No task given. Valid tasks: $($known -join ', ')."
    }

    $wanted = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($name in $Task) {
        if ([string]::IsNullOrWhiteSpace($name) -or $known -notcontains $name) {
            throw "Unknown task '$name'. Valid tasks: $($known -join ', ')."
        }
        [void]$wanted.Add($name)
        foreach ($dependency in $catalog[$name]) { [void]$wanted.Add($dependency) }
    }

    [string[]]($known | Where-Object { $wanted.Contains($_) })
}

#endregion

#region Version, paths and inputs

function Get-StsFtwVersion {
    <#
    .SYNOPSIS
        Reads the version from VersionPrefix in Directory.Build.props, the one place it is set.
    .DESCRIPTION
        Fails when the file has no VersionPrefix, more than one different value, or a value that is not
        MAJOR.MINOR.PATCH (optionally .REVISION, which a module manifest also accepts).
    .PARAMETER PropsPath
        The path of Directory.Build.props.
    .EXAMPLE
        Get-StsFtwVersion -PropsPath ./Directory.Build.props

        0.1.0
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string] $PropsPath
    )

    if (-not [System.IO.File]::Exists($PropsPath)) {
        throw "The version file '$PropsPath' does not exist."
    }
    $document = [System.Xml.XmlDocument]::new()
    $document.XmlResolver = $null
    $document.Load($PropsPath)
    $nodes = $document.SelectNodes("/*[local-name()='Project']/*[local-name()='PropertyGroup']/*[local-name()='VersionPrefix']")
    $values = [System.Collections.Generic.List[string]]::new()
    foreach ($node in $nodes) {
        $value = $node.InnerText.Trim()
        if ($value -and -not $values.Contains($value)) { $values.Add($value) }
    }

    if ($values.Count -eq 0) {
        throw "'$PropsPath' sets no <VersionPrefix>; it is the one place the version is set."
    }
    if ($values.Count -gt 1) {
        throw "'$PropsPath' sets <VersionPrefix> to several values ($($values -join ', ')); set it once."
    }
    if ($values[0] -notmatch '^\d+\.\d+\.\d+(\.\d+)?$') {
        throw "'$PropsPath' sets <VersionPrefix> to '$($values[0])', which is not MAJOR.MINOR.PATCH."
    }
    $values[0]
}

function Resolve-UserPath {
    <#
    .SYNOPSIS
        Makes a path the user typed absolute, taking a relative one from the current PowerShell location.
    .DESCRIPTION
        Terraform runs with -chdir=terraform, where a relative path would mean something else, so every file
        handed to it is made absolute first. The file need not exist (that is checked separately).
    .PARAMETER Path
        The path as typed.
    .EXAMPLE
        Resolve-UserPath -Path ./prod.tfvars
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string] $Path
    )

    $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
}

function Get-ModuleInstallRoot {
    <#
    .SYNOPSIS
        Computes the module folder PowerShell 7 searches for a scope on a platform, from the given folders only.
    .DESCRIPTION
        CurrentUser: <Documents>\PowerShell\Modules on Windows; $XDG_DATA_HOME/powershell/Modules elsewhere, with
        XDG_DATA_HOME defaulting to ~/.local/share. AllUsers: <ProgramFiles>\PowerShell\Modules on Windows;
        /usr/local/share/powershell/Modules elsewhere. These are the folders pwsh puts on $env:PSModulePath.
        Paths are joined with the target platform's separator, so the result does not depend on where this runs.
    .PARAMETER Scope
        CurrentUser or AllUsers.
    .PARAMETER Platform
        Windows or Unix (Linux and macOS).
    .PARAMETER HomeDirectory
        The user's home directory (Unix, CurrentUser).
    .PARAMETER XdgDataHome
        $env:XDG_DATA_HOME when set (Unix, CurrentUser).
    .PARAMETER DocumentsDirectory
        The user's Documents folder (Windows, CurrentUser).
    .PARAMETER ProgramFilesDirectory
        The Program Files folder (Windows, AllUsers).
    .EXAMPLE
        Get-ModuleInstallRoot -Scope CurrentUser -Platform Unix -HomeDirectory /home/alice

        /home/alice/.local/share/powershell/Modules
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [ValidateSet('CurrentUser', 'AllUsers')]
        [string] $Scope,

        [Parameter(Mandatory)]
        [ValidateSet('Windows', 'Unix')]
        [string] $Platform,

        [string] $HomeDirectory,

        [string] $XdgDataHome,

        [string] $DocumentsDirectory,

        [string] $ProgramFilesDirectory
    )

    if ($Platform -eq 'Windows' -and $Scope -eq 'CurrentUser') {
        if ([string]::IsNullOrWhiteSpace($DocumentsDirectory)) { throw 'The Documents folder is unknown; cannot install for CurrentUser.' }
        return $DocumentsDirectory.TrimEnd('\', '/') + '\PowerShell\Modules'
    }
    if ($Platform -eq 'Windows') {
        if ([string]::IsNullOrWhiteSpace($ProgramFilesDirectory)) { throw 'The Program Files folder is unknown; cannot install for AllUsers.' }
        return $ProgramFilesDirectory.TrimEnd('\', '/') + '\PowerShell\Modules'
    }
    if ($Scope -eq 'AllUsers') {
        return '/usr/local/share/powershell/Modules'
    }
    if (-not [string]::IsNullOrWhiteSpace($XdgDataHome)) {
        return $XdgDataHome.TrimEnd('/') + '/powershell/Modules'
    }
    if ([string]::IsNullOrWhiteSpace($HomeDirectory)) { throw 'HOME is not set; cannot install for CurrentUser.' }
    $HomeDirectory.TrimEnd('/') + '/.local/share/powershell/Modules'
}

function Get-CurrentModuleInstallRoot {
    <#
    .SYNOPSIS
        The module folder for a scope on this machine: Get-ModuleInstallRoot fed with this machine's folders.
    .PARAMETER Scope
        CurrentUser or AllUsers.
    .EXAMPLE
        Get-CurrentModuleInstallRoot -Scope CurrentUser
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [ValidateSet('CurrentUser', 'AllUsers')]
        [string] $Scope
    )

    if ($IsWindows) {
        Get-ModuleInstallRoot -Scope $Scope -Platform Windows `
            -DocumentsDirectory ([System.Environment]::GetFolderPath('MyDocuments')) `
            -ProgramFilesDirectory ([System.Environment]::GetFolderPath('ProgramFiles'))
    }
    else {
        Get-ModuleInstallRoot -Scope $Scope -Platform Unix `
            -HomeDirectory ([System.Environment]::GetEnvironmentVariable('HOME')) `
            -XdgDataHome ([System.Environment]::GetEnvironmentVariable('XDG_DATA_HOME'))
    }
}

function New-BuildContext {
    <#
    .SYNOPSIS
        Gathers everything the tasks need: the version, every input and output path, and the Deploy and Install inputs.
    .DESCRIPTION
        Reads only Directory.Build.props; runs nothing. Paths of files the user named are made absolute. The Lambda
        is always published in Release into artifacts/lambda/linux-x64 (where the tests look for it too).
    .PARAMETER RepositoryRoot
        The folder holding StsFtw.slnx and Directory.Build.props.
    .PARAMETER Configuration
        Release or Debug.
    .PARAMETER VarFile
        The .tfvars file for Deploy, as typed (optional).
    .PARAMETER BackendConfig
        The backend settings file for terraform init, as typed (optional).
    .PARAMETER AutoApprove
        Whether terraform apply runs with -auto-approve.
    .PARAMETER Scope
        The Install scope, CurrentUser or AllUsers.
    .PARAMETER ModuleInstallRoot
        Where Install puts the module. Without it, Install uses this machine's folder for -Scope, looked up only
        when Install runs (so other tasks do not depend on HOME or Documents).
    .EXAMPLE
        New-BuildContext -RepositoryRoot . -Configuration Release
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string] $RepositoryRoot,

        [ValidateSet('Release', 'Debug')]
        [string] $Configuration = 'Release',

        [string] $VarFile,

        [string] $BackendConfig,

        [switch] $AutoApprove,

        [ValidateSet('CurrentUser', 'AllUsers')]
        [string] $Scope = 'CurrentUser',

        [string] $ModuleInstallRoot
    )

    $root = Resolve-UserPath -Path $RepositoryRoot
    $version = Get-StsFtwVersion -PropsPath ([System.IO.Path]::Combine($root, 'Directory.Build.props'))
    $lambdaFolder = [System.IO.Path]::Combine($root, 'artifacts', 'lambda', 'linux-x64')

    [pscustomobject]@{
        PSTypeName          = 'StsFtw.Build.Context'
        RepositoryRoot      = $root
        Configuration       = $Configuration
        Version             = $version
        Solution            = [System.IO.Path]::Combine($root, 'StsFtw.slnx')
        ModuleProject       = [System.IO.Path]::Combine($root, 'src', 'StsFtw.PowerShell', 'StsFtw.PowerShell.csproj')
        LambdaProject       = [System.IO.Path]::Combine($root, 'src', 'StsFtw.Lambda', 'StsFtw.Lambda.csproj')
        ModuleFolder        = [System.IO.Path]::Combine($root, 'artifacts', 'module', $Configuration, 'StsFtw')
        PackageFile         = [System.IO.Path]::Combine($root, 'artifacts', 'package', $Configuration, "StsFtw.$version.nupkg")
        LambdaConfiguration = 'Release'
        LambdaRuntime       = 'linux-x64'
        LambdaFolder        = $lambdaFolder
        LambdaZip           = [System.IO.Path]::Combine($lambdaFolder, 'bootstrap-linux-x64.zip')
        TerraformFolder     = [System.IO.Path]::Combine($root, 'terraform')
        VarFile             = if ($VarFile) { Resolve-UserPath -Path $VarFile } else { $null }
        BackendConfig       = if ($BackendConfig) { Resolve-UserPath -Path $BackendConfig } else { $null }
        AutoApprove         = [bool]$AutoApprove
        Scope               = $Scope
        ModuleInstallRoot   = if ($ModuleInstallRoot) { Resolve-UserPath -Path $ModuleInstallRoot } else { $null }
    }
}

function Assert-BuildInput {
    <#
    .SYNOPSIS
        Checks the inputs the planned tasks need before anything runs, naming every problem at once.
    .DESCRIPTION
        Deploy needs -VarFile naming an existing file, an existing -BackendConfig file when one is given, and the
        terraform/ folder.
    .PARAMETER Plan
        The tasks that will run (from Resolve-BuildTaskOrder).
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        Assert-BuildInput -Plan PublishLambda, Deploy -Context $context
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string[]] $Plan,

        [Parameter(Mandatory)]
        [pscustomobject] $Context
    )

    $problems = [System.Collections.Generic.List[string]]::new()
    if ($Plan -contains 'Deploy') {
        if (-not $Context.VarFile) {
            $problems.Add('Deploy needs -VarFile <file.tfvars> (see terraform/terraform.tfvars.example).')
        }
        elseif (-not [System.IO.File]::Exists($Context.VarFile)) {
            $problems.Add("-VarFile '$($Context.VarFile)' does not exist.")
        }
        if ($Context.BackendConfig -and -not [System.IO.File]::Exists($Context.BackendConfig)) {
            $problems.Add("-BackendConfig '$($Context.BackendConfig)' does not exist.")
        }
        if (-not [System.IO.Directory]::Exists($Context.TerraformFolder)) {
            $problems.Add("The Terraform root module '$($Context.TerraformFolder)' is missing.")
        }
    }
    if ($problems.Count -gt 0) {
        throw ($problems -join ' ')
    }
}

#endregion

#region Prerequisites

function Get-BuildPrerequisite {
    <#
    .SYNOPSIS
        Lists the tools the planned tasks call, each with what to install when it is missing.
    .DESCRIPTION
        Returns one entry per tool: the command names that satisfy it (any one will do), the tasks that need it,
        and an install hint. dotnet for every task; node and npm for Build and Test (the solution build runs
        npm ci for dynalite); clang or gcc for PublishLambda (the Native AOT linker); terraform for Deploy.
    .PARAMETER Plan
        The tasks that will run.
    .EXAMPLE
        Get-BuildPrerequisite -Plan PublishLambda, Deploy
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string[]] $Plan
    )

    $tools = @(
        @{ Commands = @('dotnet'); Tasks = @('Build', 'Test', 'PublishLambda', 'Package', 'Install'); Install = 'the .NET 10 SDK (https://dot.net)' }
        @{ Commands = @('node'); Tasks = @('Build', 'Test'); Install = 'Node.js 18 or later (https://nodejs.org)' }
        @{ Commands = @('npm'); Tasks = @('Build', 'Test'); Install = 'npm, which comes with Node.js (https://nodejs.org)' }
        @{ Commands = @('clang', 'gcc'); Tasks = @('PublishLambda'); Install = 'clang or gcc for the Native AOT linker (Debian/Ubuntu: apt-get install clang)' }
        @{ Commands = @('terraform'); Tasks = @('Deploy'); Install = 'the Terraform CLI (https://developer.hashicorp.com/terraform/install)' }
    )
    foreach ($tool in $tools) {
        $needing = [string[]]@($tool.Tasks | Where-Object { $Plan -contains $_ })
        if ($needing.Count -gt 0) {
            [pscustomobject]@{
                PSTypeName = 'StsFtw.Build.Prerequisite'
                Commands   = [string[]]$tool.Commands
                NeededBy   = $needing
                Install    = $tool.Install
            }
        }
    }
}

function Assert-BuildPrerequisite {
    <#
    .SYNOPSIS
        Fails, naming everything to install, when a listed tool is not on PATH.
    .PARAMETER Prerequisite
        The tools to look for (from Get-BuildPrerequisite).
    .EXAMPLE
        Assert-BuildPrerequisite -Prerequisite (Get-BuildPrerequisite -Plan Build, Test)
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyCollection()]
        [pscustomobject[]] $Prerequisite
    )

    $missing = foreach ($tool in $Prerequisite) {
        $found = @($tool.Commands | ForEach-Object { Get-Command -Name $_ -CommandType Application -ErrorAction Ignore })
        if ($found.Count -eq 0) {
            "$($tool.Commands -join ' or ') (for $($tool.NeededBy -join ', ')): install $($tool.Install)"
        }
    }
    if (@($missing).Count -gt 0) {
        throw "Missing prerequisites: $(@($missing) -join '; ')."
    }
}

function Assert-LambdaPublishPlatform {
    <#
    .SYNOPSIS
        Fails with what to do instead when this machine cannot publish the linux-x64 Native AOT backend.
    .DESCRIPTION
        Native AOT compiles for the operating system and architecture it runs on: a linux-x64 bootstrap can only be
        published on Linux x64. On Windows, WSL (wsl -- pwsh ./build.ps1 -Task PublishLambda) or a Linux container
        does it; the zip then lands in the same artifacts folder for Deploy.
    .PARAMETER Platform
        Windows, Linux or MacOS.
    .PARAMETER Architecture
        The machine's processor architecture (X64, Arm64, ...).
    .EXAMPLE
        Assert-LambdaPublishPlatform -Platform Linux -Architecture X64
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [ValidateSet('Windows', 'Linux', 'MacOS')]
        [string] $Platform,

        [Parameter(Mandatory)]
        [string] $Architecture
    )

    if ($Platform -eq 'Windows') {
        throw 'PublishLambda needs Linux: Native AOT cannot compile the linux-x64 bootstrap on Windows. Run it in WSL (wsl -- pwsh ./build.ps1 -Task PublishLambda) or a Linux container, then Deploy from there.'
    }
    if ($Platform -ne 'Linux') {
        throw "PublishLambda needs Linux: Native AOT cannot compile the linux-x64 bootstrap on $Platform. Run it in a Linux container or VM."
    }
    if ($Architecture -ne 'X64') {
        throw "PublishLambda needs an x64 Linux machine: Native AOT compiles for the machine's own architecture, and this one is $Architecture."
    }
}

function Get-CurrentPlatform {
    <#
    .SYNOPSIS
        Names this machine's operating system as Windows, Linux or MacOS.
    .EXAMPLE
        Get-CurrentPlatform
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if ($IsWindows) { 'Windows' } elseif ($IsMacOS) { 'MacOS' } else { 'Linux' }
}

#endregion

#region The commands each task runs

function New-NativeCommand {
    <#
    .SYNOPSIS
        Describes one external command: the program and its arguments, one element per argument.
    .PARAMETER FilePath
        The program (dotnet, terraform), looked up on PATH as an application.
    .PARAMETER ArgumentList
        The arguments, each passed to the program as one argument, unsplit and unquoted.
    .EXAMPLE
        New-NativeCommand -FilePath dotnet -ArgumentList '--info'
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string] $FilePath,

        [Parameter(Mandatory)]
        [string[]] $ArgumentList
    )

    [pscustomobject]@{
        PSTypeName   = 'StsFtw.Build.NativeCommand'
        FilePath     = $FilePath
        ArgumentList = $ArgumentList
    }
}

function New-SolutionBuildCommand {
    <#
    .SYNOPSIS
        dotnet build StsFtw.slnx in the context's configuration (lays out the module folder too).
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        New-SolutionBuildCommand -Context $context
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    New-NativeCommand -FilePath 'dotnet' -ArgumentList 'build', $Context.Solution, '--configuration', $Context.Configuration, '--nologo'
}

function New-SolutionTestCommand {
    <#
    .SYNOPSIS
        dotnet test StsFtw.slnx in the context's configuration: the whole suite, as CI runs it.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        New-SolutionTestCommand -Context $context
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    New-NativeCommand -FilePath 'dotnet' -ArgumentList 'test', $Context.Solution, '--configuration', $Context.Configuration, '--nologo'
}

function New-ModuleBuildCommand {
    <#
    .SYNOPSIS
        dotnet build of the module project alone; with -Pack, its PackModule target writes the gallery .nupkg too.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .PARAMETER Pack
        Also run the PackModule target (artifacts/package/<Configuration>/StsFtw.<version>.nupkg).
    .EXAMPLE
        New-ModuleBuildCommand -Context $context -Pack
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)] [pscustomobject] $Context,
        [switch] $Pack
    )

    $arguments = @('build', $Context.ModuleProject, '--configuration', $Context.Configuration, '--nologo')
    if ($Pack) { $arguments += '-t:PackModule' }
    New-NativeCommand -FilePath 'dotnet' -ArgumentList $arguments
}

function New-LambdaPublishCommand {
    <#
    .SYNOPSIS
        dotnet publish of the backend: Native AOT for linux-x64, Release, into artifacts/lambda/linux-x64 (binary and zip).
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        New-LambdaPublishCommand -Context $context
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    New-NativeCommand -FilePath 'dotnet' -ArgumentList 'publish', $Context.LambdaProject, '--configuration', $Context.LambdaConfiguration,
        '--runtime', $Context.LambdaRuntime, '--output', $Context.LambdaFolder, '--nologo'
}

function New-TerraformInitCommand {
    <#
    .SYNOPSIS
        terraform init in terraform/, with -backend-config when the context has a backend file.
    .DESCRIPTION
        -input=false: a missing backend setting is an error, not a prompt.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        New-TerraformInitCommand -Context $context
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    $arguments = @("-chdir=$($Context.TerraformFolder)", 'init', '-input=false')
    if ($Context.BackendConfig) { $arguments += "-backend-config=$($Context.BackendConfig)" }
    New-NativeCommand -FilePath 'terraform' -ArgumentList $arguments
}

function New-TerraformApplyCommand {
    <#
    .SYNOPSIS
        terraform apply in terraform/ with the .tfvars file and the Lambda zip's absolute path as lambda_zip_path.
    .DESCRIPTION
        -input=false makes a missing variable an error rather than a prompt; Terraform still shows the plan and asks
        for approval unless the context says -AutoApprove.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        New-TerraformApplyCommand -Context $context
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    if (-not $Context.VarFile) { throw 'terraform apply needs the .tfvars file (-VarFile).' }
    $arguments = @("-chdir=$($Context.TerraformFolder)", 'apply', '-input=false', "-var-file=$($Context.VarFile)", "-var=lambda_zip_path=$($Context.LambdaZip)")
    if ($Context.AutoApprove) { $arguments += '-auto-approve' }
    New-NativeCommand -FilePath 'terraform' -ArgumentList $arguments
}

#endregion

#region Running commands and reporting

function Write-BuildStep {
    <#
    .SYNOPSIS
        Prints one "==> HH:mm:ss message" progress line.
    .DESCRIPTION
        Writes the same record Write-Host does (an information record tagged PSHOST): shown on the console,
        capturable with 6>, silenced by -InformationAction Ignore.
    .PARAMETER Message
        The line to print.
    .EXAMPLE
        Write-BuildStep -Message 'Build'
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Message
    )

    $line = '==> {0:HH:mm:ss} {1}' -f [System.DateTime]::Now, $Message
    $PSCmdlet.WriteInformation([System.Management.Automation.HostInformationMessage]@{ Message = $line; NoNewLine = $false }, [string[]]@('PSHOST'))
}

function Format-CommandLine {
    <#
    .SYNOPSIS
        Renders a command as one line for people to read (arguments with spaces in double quotes).
    .PARAMETER Command
        The command (from New-NativeCommand).
    .EXAMPLE
        Format-CommandLine -Command (New-NativeCommand -FilePath dotnet -ArgumentList 'build')
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [pscustomobject] $Command)

    $parts = @($Command.FilePath) + @($Command.ArgumentList) | ForEach-Object { if ($_ -match '\s') { '"' + $_ + '"' } else { $_ } }
    $parts -join ' '
}

function Format-Elapsed {
    <#
    .SYNOPSIS
        Renders a duration as m:ss.f (or h:mm:ss past an hour).
    .PARAMETER Elapsed
        The duration.
    .EXAMPLE
        Format-Elapsed -Elapsed ([timespan]::FromSeconds(83.4))

        1:23.4
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [timespan] $Elapsed)

    if ($Elapsed.TotalHours -ge 1) { return $Elapsed.ToString('h\:mm\:ss', [cultureinfo]::InvariantCulture) }
    $Elapsed.ToString('m\:ss\.f', [cultureinfo]::InvariantCulture)
}

function Invoke-NativeCommand {
    <#
    .SYNOPSIS
        Runs one external command, printing it first, and throws when it exits with a non-zero code.
    .DESCRIPTION
        The program is looked up on PATH as an application, so a function or alias of the same name cannot stand
        in for it. Its output streams straight through. With -WhatIf the command is printed and not run.
    .PARAMETER Command
        The command (from New-NativeCommand or one of the New-*Command functions).
    .EXAMPLE
        Invoke-NativeCommand -Command (New-SolutionBuildCommand -Context $context)
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)] [pscustomobject] $Command)

    $commandLine = Format-CommandLine -Command $Command
    if (-not $PSCmdlet.ShouldProcess($commandLine, 'Run')) { return }

    $application = @(Get-Command -Name $Command.FilePath -CommandType Application -ErrorAction Ignore)
    if ($application.Count -eq 0) {
        throw "'$($Command.FilePath)' is not on PATH; cannot run: $commandLine"
    }
    Write-BuildStep -Message $commandLine
    $arguments = [string[]]$Command.ArgumentList
    & $application[0] @arguments
    if ($LASTEXITCODE -ne 0) {
        throw "Command failed with exit code ${LASTEXITCODE}: $commandLine"
    }
}

function Get-LambdaCodeSha256 {
    <#
    .SYNOPSIS
        The zip's SHA-256 in base64, the form Lambda reports as CodeSha256, to compare with the deployed function.
    .PARAMETER Path
        The zip.
    .EXAMPLE
        Get-LambdaCodeSha256 -Path artifacts/lambda/linux-x64/bootstrap-linux-x64.zip
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Path)

    $stream = [System.IO.File]::OpenRead($Path)
    try { [System.Convert]::ToBase64String([System.Security.Cryptography.SHA256]::HashData($stream)) }
    finally { $stream.Dispose() }
}

function Assert-Artifact {
    <#
    .SYNOPSIS
        Fails when a task's output is missing after its command succeeded, naming what was expected where.
    .PARAMETER Path
        The file or folder the task should have produced.
    .PARAMETER Description
        What it is, for the message.
    .EXAMPLE
        Assert-Artifact -Path $context.LambdaZip -Description 'the Lambda zip'
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Description
    )

    if ($WhatIfPreference) { return }
    if (-not ([System.IO.File]::Exists($Path) -or [System.IO.Directory]::Exists($Path))) {
        throw "Expected $Description at '$Path', but it is not there."
    }
}

#endregion

#region Install

function Install-ModuleFolder {
    <#
    .SYNOPSIS
        Copies a built module folder to <InstallRoot>/StsFtw/<Version>, replacing that version if it is there.
    .DESCRIPTION
        The files are copied into a temporary sibling folder first and moved into place only when every file has
        been copied, so a failed copy leaves an earlier install of the same version as it was. Other versions are
        not touched. Honours -WhatIf and -Confirm.
    .PARAMETER Source
        The built module folder (holding StsFtw.psd1).
    .PARAMETER InstallRoot
        A module folder on $env:PSModulePath (from Get-ModuleInstallRoot).
    .PARAMETER Version
        The module version: the name of the folder under StsFtw.
    .EXAMPLE
        Install-ModuleFolder -Source artifacts/module/Release/StsFtw -InstallRoot ~/.local/share/powershell/Modules -Version 0.1.0
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $Source,
        [Parameter(Mandatory)] [string] $InstallRoot,
        [Parameter(Mandatory)] [ValidatePattern('^\d+\.\d+\.\d+(\.\d+)?$')] [string] $Version
    )

    $moduleFolder = [System.IO.Path]::Combine($InstallRoot, 'StsFtw')
    $destination = [System.IO.Path]::Combine($moduleFolder, $Version)
    if (-not $PSCmdlet.ShouldProcess($destination, "Install StsFtw $Version from $Source")) { return }

    if (-not [System.IO.File]::Exists([System.IO.Path]::Combine($Source, 'StsFtw.psd1'))) {
        throw "No built module at '$Source' (StsFtw.psd1 is missing); build it first (-Task Build)."
    }

    $staging = [System.IO.Path]::Combine($moduleFolder, ".$Version.installing-$([System.Guid]::NewGuid().ToString('N'))")
    try {
        [void][System.IO.Directory]::CreateDirectory($staging)
        foreach ($file in [System.IO.Directory]::EnumerateFiles($Source, '*', [System.IO.SearchOption]::AllDirectories)) {
            $target = [System.IO.Path]::Combine($staging, [System.IO.Path]::GetRelativePath($Source, $file))
            [void][System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($target))
            [System.IO.File]::Copy($file, $target)
        }
        if ([System.IO.Directory]::Exists($destination)) {
            [System.IO.Directory]::Delete($destination, $true)
        }
        [System.IO.Directory]::Move($staging, $destination)
    }
    catch [System.UnauthorizedAccessException] {
        throw "Cannot write to '$moduleFolder': $($_.Exception.Message) Installing for AllUsers needs an elevated session (Administrator, or sudo pwsh)."
    }
    finally {
        if ([System.IO.Directory]::Exists($staging)) { [System.IO.Directory]::Delete($staging, $true) }
    }
    $destination
}

#endregion

#region Tasks

function Invoke-BuildTask {
    <#
    .SYNOPSIS
        Build: dotnet build StsFtw.slnx; the module folder lands in artifacts/module/<Configuration>/StsFtw.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        Invoke-BuildTask -Context $context
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    Invoke-NativeCommand -Command (New-SolutionBuildCommand -Context $Context)
    Assert-Artifact -Path $Context.ModuleFolder -Description 'the module folder'
    Write-BuildStep -Message "Module: $($Context.ModuleFolder)"
}

function Invoke-TestTask {
    <#
    .SYNOPSIS
        Test: dotnet test StsFtw.slnx, the whole suite as CI runs it.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        Invoke-TestTask -Context $context
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    Invoke-NativeCommand -Command (New-SolutionTestCommand -Context $Context)
}

function Invoke-PublishLambdaTask {
    <#
    .SYNOPSIS
        PublishLambda: the Native AOT bootstrap for linux-x64 and its zip, in artifacts/lambda/linux-x64.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        Invoke-PublishLambdaTask -Context $context
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    Invoke-NativeCommand -Command (New-LambdaPublishCommand -Context $Context)
    Assert-Artifact -Path $Context.LambdaZip -Description 'the Lambda zip'
    if (-not $WhatIfPreference) {
        Write-BuildStep -Message "Lambda zip: $($Context.LambdaZip) (CodeSha256 $(Get-LambdaCodeSha256 -Path $Context.LambdaZip))"
    }
}

function Invoke-PackageTask {
    <#
    .SYNOPSIS
        Package: the module folder, the gallery .nupkg and (published before this) the Lambda zip; prints where each is.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        Invoke-PackageTask -Context $context
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    Invoke-NativeCommand -Command (New-ModuleBuildCommand -Context $Context -Pack)
    Assert-Artifact -Path $Context.ModuleFolder -Description 'the module folder'
    Assert-Artifact -Path $Context.PackageFile -Description 'the module package'
    Assert-Artifact -Path $Context.LambdaZip -Description 'the Lambda zip'
    Write-BuildStep -Message "StsFtw $($Context.Version):"
    Write-BuildStep -Message "  module folder (Install-Module / Publish-Module -Path): $($Context.ModuleFolder)"
    Write-BuildStep -Message "  gallery package: $($Context.PackageFile)"
    Write-BuildStep -Message "  Lambda zip: $($Context.LambdaZip)"
}

function Invoke-DeployTask {
    <#
    .SYNOPSIS
        Deploy: terraform init and terraform apply in terraform/ with the published Lambda zip.
    .DESCRIPTION
        PublishLambda runs before this task (the plan brings it in). terraform apply shows the plan and asks unless
        -AutoApprove; with -WhatIf both commands are printed and neither runs.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        Invoke-DeployTask -Context $context
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    Assert-Artifact -Path $Context.LambdaZip -Description 'the Lambda zip (PublishLambda)'
    Invoke-NativeCommand -Command (New-TerraformInitCommand -Context $Context)
    Invoke-NativeCommand -Command (New-TerraformApplyCommand -Context $Context)
}

function Invoke-InstallTask {
    <#
    .SYNOPSIS
        Install: builds the module and copies it to StsFtw/<version> in the module folder for -Scope.
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        Invoke-InstallTask -Context $context
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)] [pscustomobject] $Context)

    $installRoot = if ($Context.ModuleInstallRoot) { $Context.ModuleInstallRoot } else { Get-CurrentModuleInstallRoot -Scope $Context.Scope }
    Invoke-NativeCommand -Command (New-ModuleBuildCommand -Context $Context)
    $installed = Install-ModuleFolder -Source $Context.ModuleFolder -InstallRoot $installRoot -Version $Context.Version
    if ($installed) {
        Write-BuildStep -Message "Installed StsFtw $($Context.Version): $installed"
        $onPath = @(([string]$env:PSModulePath).Split([System.IO.Path]::PathSeparator) | Where-Object { $_.TrimEnd('\', '/') -eq $installRoot })
        if ($onPath.Count -eq 0) {
            $PSCmdlet.WriteWarning("'$installRoot' is not on `$env:PSModulePath; Import-Module StsFtw will not find it by name.")
        }
    }
}

function Invoke-BuildPlan {
    <#
    .SYNOPSIS
        Runs the planned tasks in order with progress and each task's elapsed time; the first failure stops the rest.
    .PARAMETER Plan
        The tasks to run (from Resolve-BuildTaskOrder).
    .PARAMETER Context
        The build context (from New-BuildContext).
    .EXAMPLE
        Invoke-BuildPlan -Plan Build, Test -Context $context
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)] [string[]] $Plan,
        [Parameter(Mandatory)] [pscustomobject] $Context
    )

    $total = [System.Diagnostics.Stopwatch]::StartNew()
    $progress = [System.Management.Automation.ProgressRecord]::new(1, 'build.ps1', 'Starting')
    for ($index = 0; $index -lt $Plan.Count; $index++) {
        $name = $Plan[$index]
        $progress.StatusDescription = "Task $($index + 1) of $($Plan.Count): $name"
        $progress.PercentComplete = [int](100 * $index / $Plan.Count)
        $PSCmdlet.WriteProgress($progress)
        Write-BuildStep -Message "Task $name ($($index + 1)/$($Plan.Count)), StsFtw $($Context.Version), $($Context.Configuration)"

        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try {
            switch ($name) {
                'Build' { Invoke-BuildTask -Context $Context }
                'Test' { Invoke-TestTask -Context $Context }
                'PublishLambda' { Invoke-PublishLambdaTask -Context $Context }
                'Package' { Invoke-PackageTask -Context $Context }
                'Deploy' { Invoke-DeployTask -Context $Context }
                'Install' { Invoke-InstallTask -Context $Context }
                default { throw "No task named '$name'." }
            }
        }
        catch {
            throw [System.InvalidOperationException]::new("Task $name failed after $(Format-Elapsed -Elapsed $watch.Elapsed): $($_.Exception.Message)", $_.Exception)
        }
        Write-BuildStep -Message "Task $name done in $(Format-Elapsed -Elapsed $watch.Elapsed)"
    }
    $progress.RecordType = [System.Management.Automation.ProgressRecordType]::Completed
    $PSCmdlet.WriteProgress($progress)
    Write-BuildStep -Message "Done: $($Plan -join ', ') in $(Format-Elapsed -Elapsed $total.Elapsed)"
}

#endregion

# Dot-sourcing (. ./build.ps1) only defines the functions above, so tests can call them; running the script runs the tasks.
if ($MyInvocation.InvocationName -ne '.') {
    try {
        $plan = Resolve-BuildTaskOrder -Task $Task
        $context = New-BuildContext -RepositoryRoot $PSScriptRoot -Configuration $Configuration -VarFile $VarFile `
            -BackendConfig $BackendConfig -AutoApprove:$AutoApprove -Scope $Scope
        Assert-BuildInput -Plan $plan -Context $context
        if ($plan -contains 'PublishLambda') {
            Assert-LambdaPublishPlatform -Platform (Get-CurrentPlatform) -Architecture ([System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture)
        }
        Assert-BuildPrerequisite -Prerequisite @(Get-BuildPrerequisite -Plan $plan)
        Invoke-BuildPlan -Plan $plan -Context $context
    }
    catch {
        $Host.UI.WriteErrorLine("build.ps1: $($_.Exception.Message)")
        exit 1
    }
}
