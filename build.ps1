#!/usr/bin/env pwsh
#Requires -Version 7.2

<#
.SYNOPSIS
    Builds, tests, packages, installs and deploys StsFtw.

.DESCRIPTION
    Runs the tasks in the fixed order of the list under -Task, whatever order they are given in; Package and Deploy
    bring in PublishLambda. The version is VersionPrefix in Directory.Build.props. Tools are checked before anything
    runs, and a missing one is named with what to install. Each step is a "==>" line on the host; only Package writes
    output (where each file landed). The first failure stops the script with exit code 1. -WhatIf shows the commands
    and runs none.

.PARAMETER Task
    The tasks to run (default Build):
      Build          dotnet build of src/StsFtw.PowerShell and src/StsFtw.Lambda, not of the solution, so Node.js is
                     not needed; the module lands in artifacts/module/<Configuration>/StsFtw.
      Test           dotnet test StsFtw.slnx: every test, as CI runs them.
      PublishLambda  the Native AOT backend, artifacts/lambda/linux-x64/bootstrap-linux-x64.zip (Linux x64 only).
      PublishCli     stsftw, the native client, for this machine (artifacts/cli/<rid>) and its .NET tool packages.
      Package        artifacts/package/<Configuration>/StsFtw.<version>.nupkg and the Lambda zip.
      Deploy         terraform init and terraform apply in terraform/, with the Lambda zip.
      Install        builds the module and copies it to StsFtw/<version> in your module folder.
      Sandbox        dotnet run --project src/StsFtw.Sandbox.

.PARAMETER Configuration
    Release (default) or Debug, for every task but PublishLambda: the deployable backend is always a Release build.
.PARAMETER VarFile
    Deploy: the Terraform variables file (.tfvars) for terraform apply. Deploy needs it.
.PARAMETER BackendConfig
    Deploy: the state backend settings file for terraform init -backend-config (without it, terraform/'s own).
.PARAMETER AutoApprove
    Deploy: apply without asking (terraform apply -auto-approve). Without it, Terraform shows the plan and asks.
.PARAMETER Scope
    Install: CurrentUser (default) installs into your own module folder, AllUsers into the machine's (which needs an
    elevated session): the folders Install-Module -Scope uses.
.PARAMETER InstallPath
    Install: the module folder to install into instead of the one -Scope names.

.EXAMPLE
    ./build.ps1

    Builds the module and the backend; the module is in artifacts/module/Release/StsFtw.

.EXAMPLE
    ./build.ps1 -Task Build, Test -Configuration Debug

    Builds, then runs every test, in Debug. From bash: pwsh -c './build.ps1 -Task Build, Test'.

.EXAMPLE
    ./build.ps1 -Task Package

    Writes the module package and the Lambda zip, and an object with the path of each.

.EXAMPLE
    ./build.ps1 -Task PublishCli

    Publishes stsftw to artifacts/cli/<rid> and packs the tool packages into artifacts/cli/packages.

.EXAMPLE
    ./build.ps1 -Task Deploy -VarFile ./prod.tfvars -BackendConfig ./backend.hcl

    Publishes the backend, runs terraform init with the backend settings, shows the plan and asks before applying.

.EXAMPLE
    ./build.ps1 -Task Install -InstallPath ./modules -WhatIf

    Shows the build Install would run and the folder it would copy the module to, ./modules/StsFtw/<version>.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [ValidateSet('Build', 'Test', 'PublishLambda', 'PublishCli', 'Package', 'Deploy', 'Install', 'Sandbox')]
    [string[]] $Task = 'Build',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    [string] $VarFile,
    [string] $BackendConfig,
    [switch] $AutoApprove,
    [ValidateSet('CurrentUser', 'AllUsers')]
    [string] $Scope = 'CurrentUser',
    [string] $InstallPath
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Invoke-Tool checks every exit code itself and names the command; a profile's setting must not pre-empt that.
$PSNativeCommandUseErrorActionPreference = $false

$TaskOrder = 'Build', 'Test', 'PublishLambda', 'PublishCli', 'Package', 'Deploy', 'Install', 'Sandbox'
$ModuleProject = Join-Path $PSScriptRoot src StsFtw.PowerShell StsFtw.PowerShell.csproj
$LambdaProject = Join-Path $PSScriptRoot src StsFtw.Lambda StsFtw.Lambda.csproj
$SandboxProject = Join-Path $PSScriptRoot src StsFtw.Sandbox
$ModuleFolder = Join-Path $PSScriptRoot artifacts module $Configuration StsFtw
$LambdaZip = Join-Path $PSScriptRoot artifacts lambda linux-x64 bootstrap-linux-x64.zip
$TerraformFolder = Join-Path $PSScriptRoot terraform

function Invoke-Tool {
    <# .SYNOPSIS
       Runs a native command, its output to the host, and throws naming it when its exit code is not 0. #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory)] [string] $FilePath, [Parameter(Mandatory)] [string[]] $ArgumentList)
    $commandLine = "$FilePath $($ArgumentList -join ' ')"
    if (-not $PSCmdlet.ShouldProcess($commandLine, 'Run')) { return }
    Write-Host "==> $commandLine"
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$commandLine failed with exit code $LASTEXITCODE." }
}

function Get-LambdaPlatformProblem {
    <# .SYNOPSIS
       Says why this machine cannot build the linux-x64 Native AOT backend, or nothing when it can. #>
    param([string] $OperatingSystem = $(if ($IsWindows) { 'Windows' } elseif ($IsMacOS) { 'macOS' } else { 'Linux' }),
          [string] $Architecture = [Runtime.InteropServices.RuntimeInformation]::OSArchitecture)
    $why = 'PublishLambda needs Linux x64: Native AOT builds the bootstrap for the machine it runs on'
    if ($OperatingSystem -eq 'Windows') { "$why. Run it in WSL (wsl -- pwsh ./build.ps1 -Task PublishLambda) or a Linux container." }
    elseif ($OperatingSystem -ne 'Linux' -or $Architecture -ne 'X64') { "$why, and this is $OperatingSystem $Architecture. Use a Linux x64 container or VM." }
}

function Assert-Prerequisite {
    <# .SYNOPSIS
       Checks, before anything runs, the tools, platform and files the planned tasks need; names every gap at once. #>
    param([Parameter(Mandatory)] [string[]] $Plan)
    $problems = [Collections.Generic.List[string]]::new()
    $tools = [ordered]@{
        'dotnet'    = $TaskOrder, 'the .NET 10 SDK (https://dot.net)'
        'node'      = 'Test', 'Node.js 18 or later (https://nodejs.org)'
        'npm'       = 'Test', 'npm, which comes with Node.js (https://nodejs.org)'
        'clang|gcc' = ('Test', 'PublishLambda', 'PublishCli'), 'clang or gcc, the Native AOT linker (Debian/Ubuntu: apt-get install clang)'
        'terraform' = 'Deploy', 'the Terraform CLI 1.10 or later (https://developer.hashicorp.com/terraform/install)'
    }
    foreach ($names in $tools.Keys) {
        $neededBy = @($Plan | Where-Object { $_ -in $tools[$names][0] })
        if ($neededBy -and -not (Get-Command -Name ($names -split '\|') -CommandType Application -ErrorAction Ignore)) {
            $problems.Add("$($names -replace '\|', ' or ') (for $($neededBy -join ', ')) is not on PATH: install $($tools[$names][1]).")
        }
    }
    if ($Plan -contains 'PublishLambda') { Get-LambdaPlatformProblem | ForEach-Object { $problems.Add($_) } }
    if ($Plan -contains 'Deploy') {
        if (-not $VarFile) { $problems.Add('Deploy needs -VarFile <file.tfvars> (see terraform/terraform.tfvars.example).') }
        foreach ($file in @($VarFile, $BackendConfig) -ne '') {
            if (-not (Test-Path -LiteralPath $file -PathType Leaf)) { $problems.Add("'$file' does not exist.") }
        }
    }
    if ($problems.Count -gt 0) { throw "Cannot run $($Plan -join ', '): $($problems -join ' ')" }
}

function Invoke-BuildTask {
    <# .SYNOPSIS
       Build: the module and the backend, project by project (a solution build would run the tests' npm ci). #>
    Invoke-Tool dotnet 'build', $ModuleProject, '--configuration', $Configuration, '--nologo'
    Invoke-Tool dotnet 'build', $LambdaProject, '--configuration', $Configuration, '--nologo'
    Write-Host "==> Module folder: $ModuleFolder"
}

function Invoke-TestTask {
    <# .SYNOPSIS
       Test: dotnet test StsFtw.slnx, every test as CI runs them. #>
    Invoke-Tool dotnet 'test', (Join-Path $PSScriptRoot StsFtw.slnx), '--configuration', $Configuration, '--nologo'
}

function Invoke-PublishLambdaTask {
    <# .SYNOPSIS
       PublishLambda: the Native AOT bootstrap for linux-x64 (always Release) and its Lambda zip. #>
    Invoke-Tool dotnet 'publish', $LambdaProject, '--configuration', 'Release', '--runtime', 'linux-x64', '--output', (Split-Path $LambdaZip), '--nologo'
    if ($WhatIfPreference) { return }
    if (-not (Test-Path -LiteralPath $LambdaZip)) { throw "The publish left no Lambda zip at '$LambdaZip'." }
    # Lambda reports a function's CodeSha256 in base64: this is the form to compare with the deployed code.
    $sha256 = [Convert]::ToBase64String([Convert]::FromHexString((Get-FileHash -LiteralPath $LambdaZip).Hash))
    Write-Host "==> Lambda zip: $LambdaZip (CodeSha256 $sha256)"
}

function Invoke-PublishCliTask {
    <# .SYNOPSIS
       PublishCli: stsftw (Native AOT, always Release) for this machine's runtime, and the tool packages (docs/CLI.md). #>
    $rid, $project, $packages = [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier, (Join-Path $PSScriptRoot src StsFtw.Cli), (Join-Path $PSScriptRoot artifacts cli packages)
    Invoke-Tool dotnet 'publish', $project, '--configuration', 'Release', '--runtime', $rid, '--output', (Join-Path $PSScriptRoot artifacts cli $rid), '--nologo'
    foreach ($runtime in @(), @('--runtime', $rid)) { Invoke-Tool dotnet (@('pack', $project, '--configuration', 'Release', '--output', $packages, '--nologo') + $runtime) }
}

function Invoke-PackageTask {
    <# .SYNOPSIS
       Package: the module package (the PackModule target) beside the Lambda zip; writes where each landed. #>
    Invoke-Tool dotnet 'build', $ModuleProject, '--configuration', $Configuration, '--nologo', '-t:PackModule'
    if ($WhatIfPreference) { return }
    $package = [pscustomobject]@{ PSTypeName = 'StsFtw.Build.Package'; Version = $Version; ModuleFolder = $ModuleFolder
        ModulePackage = Join-Path $PSScriptRoot artifacts package $Configuration "StsFtw.$Version.nupkg"; LambdaZip = $LambdaZip }
    foreach ($path in $package.ModulePackage, $package.LambdaZip) { if (-not (Test-Path $path)) { throw "'$path' is missing." } }
    $package
}

function Invoke-DeployTask {
    <# .SYNOPSIS
       Deploy: terraform init and apply in terraform/, with the Lambda zip PublishLambda made. #>
    $init = "-chdir=$TerraformFolder", 'init', '-input=false'
    if ($BackendConfig) { $init += "-backend-config=$(Convert-Path -LiteralPath $BackendConfig)" }
    Invoke-Tool terraform $init
    $apply = "-chdir=$TerraformFolder", 'apply', '-input=false', "-var-file=$(Convert-Path -LiteralPath $VarFile)", "-var=lambda_zip_path=$LambdaZip"
    Invoke-Tool terraform ($apply + @(if ($AutoApprove) { '-auto-approve' }))
}

function Invoke-InstallTask {
    <# .SYNOPSIS
       Install: builds the module and copies it to StsFtw/<version> in the module folder, replacing that version only. #>
    [CmdletBinding(SupportsShouldProcess)]
    param()
    Invoke-Tool dotnet 'build', $ModuleProject, '--configuration', $Configuration, '--nologo'
    $root = if ($InstallPath) { $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($InstallPath) }
        elseif ($Scope -eq 'AllUsers' -and $IsWindows) { Join-Path $env:ProgramFiles PowerShell Modules }
        elseif ($Scope -eq 'AllUsers') { '/usr/local/share/powershell/Modules' }
        elseif ($IsWindows) { Join-Path ([Environment]::GetFolderPath('MyDocuments')) PowerShell Modules }
        else { Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) powershell Modules } # $XDG_DATA_HOME or ~/.local/share
    $destination = Join-Path $root StsFtw $Version
    if (-not $PSCmdlet.ShouldProcess($destination, "Install StsFtw $Version")) { return }
    try {
        if (Test-Path -LiteralPath $destination) { Remove-Item -LiteralPath $destination -Recurse -Force }
        $null = New-Item -ItemType Directory -Path $destination -Force
        Copy-Item -Path (Join-Path $ModuleFolder *) -Destination $destination -Recurse
    }
    catch [UnauthorizedAccessException] { throw "Cannot write to '$root': AllUsers needs an elevated session (Administrator, sudo)." }
    Write-Host "==> Installed StsFtw $Version in $destination"
    if (($env:PSModulePath -split [IO.Path]::PathSeparator) -notcontains $root) {
        Write-Warning "'$root' is not on `$env:PSModulePath, so Import-Module StsFtw will not find the module by name."
    }
}

function Invoke-SandboxTask {
    <# .SYNOPSIS
       Sandbox: runs the sandbox program in src/StsFtw.Sandbox. #>
    Invoke-Tool dotnet 'run', '--project', $SandboxProject, '--configuration', $Configuration
}

try {
    $wanted = @($Task) + @(if ($Task -contains 'Package' -or $Task -contains 'Deploy') { 'PublishLambda' })
    $plan = @($TaskOrder | Where-Object { $_ -in $wanted })
    $versions = @(Select-Xml -Path (Join-Path $PSScriptRoot Directory.Build.props) -XPath '/Project/PropertyGroup/VersionPrefix')
    if ($versions.Count -ne 1) { throw 'Directory.Build.props must set <VersionPrefix> once: it is the one place the version is set.' }
    $Version = $versions[0].Node.InnerText.Trim()
    Assert-Prerequisite -Plan $plan
    Write-Host "==> StsFtw $Version ($Configuration): $($plan -join ', ')"
    $total = [Diagnostics.Stopwatch]::StartNew()
    for ($index = 0; $index -lt $plan.Count; $index++) {
        $status = "$($plan[$index]) ($($index + 1) of $($plan.Count))"
        Write-Progress -Activity 'build.ps1' -Status $status -PercentComplete (100 * $index / $plan.Count)
        Write-Host "==> $status"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & "Invoke-$($plan[$index])Task"
        Write-Host "==> $($plan[$index]) done in $($watch.Elapsed.ToString('m\:ss'))"
    }
    Write-Progress -Activity 'build.ps1' -Completed
    Write-Host "==> Done in $($total.Elapsed.ToString('m\:ss'))"
}
catch {
    $ErrorActionPreference = 'Continue'
    Write-Error -Message $_.Exception.Message -Category NotSpecified -ErrorId StsFtwBuildFailed -CategoryActivity build.ps1
    exit 1
}
exit 0
