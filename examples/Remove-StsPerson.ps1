#Requires -Version 5.1
#Requires -Modules StsFtw

<#
.SYNOPSIS
    Off-boards a person: removes their enrollment and takes their name out of every co-signer list of the issuer.

.DESCRIPTION
    Remove-StsEnrollment deletes one entry; it leaves the person's name in the co-signer lists
    (SecondaryAuthorizers) of the people they co-signed for, and names those entries in a warning. A name left there is a trap: whoever is enrolled under
    that name later co-signs for those people without anyone deciding it. Remove-StsPerson.ps1 reads the issuer's
    entries once (Get-StsEnrollment -Issuer, a Query), removes the person's entry (Remove-StsEnrollment), then
    changes each entry that lists them (Set-StsEnrollment -RemoveSecondaryAuthorizers, with
    -AddSecondaryAuthorizers for -Replacement).

    Where the person is the only co-signer and no -Replacement is given, the entry is left as it is and an error
    says so: removing the last co-signer would let that entry mint credentials with no co-signer at all, which is a
    decision for an admin, not a side effect of off-boarding. Until a co-signer is added, that entry cannot get
    credentials (a co-signer must be enrolled).

    A person who is no longer enrolled is not an error: their name is still taken out of the lists, which is how
    names left behind by an earlier Remove-StsEnrollment are cleaned up (see Find-StsDanglingCosigner.ps1).

    Every change asks for confirmation (impact High) unless -Force or -Confirm:$false is given; -WhatIf shows each
    change and makes none. Each step gives one result object.

.PARAMETER AccountName
    The person (or people) to off-board. Accepts pipeline input: names, or objects with an AccountName property such
    as Get-StsEnrollment's output.

.PARAMETER Issuer
    The issuer. Default: $env:STS_ISSUER. Required: co-signers are names within one issuer.

.PARAMETER Replacement
    Co-signers who take the person's place in every co-signer list the person was on. Each must be enrolled in the
    issuer. An entry never gets itself as co-signer: for a replacement's own entry the name is only removed.

.PARAMETER TableName
    The DynamoDB auth table. Default: $env:STS_TABLE_NAME.

.PARAMETER Region
    The AWS region of the table. Default: $env:STS_REGION, else the AWS SDK's.

.PARAMETER Force
    Makes the changes without asking for confirmation. -WhatIf still only reports.

.EXAMPLE
    ./Remove-StsPerson.ps1 -AccountName bob -WhatIf

    Shows which entry would be removed and which co-signer lists would lose bob. Nothing is written.

.EXAMPLE
    ./Remove-StsPerson.ps1 -AccountName bob -Replacement carol -Issuer Example -TableName stsftw-auth

    Removes bob; everyone bob co-signed for needs carol instead. Asks before each change.

.EXAMPLE
    'bob', 'mallory' | ./Remove-StsPerson.ps1 -Force | Where-Object Status -ne Done

    Off-boards two people without prompts and shows what was not done (for example entries whose only co-signer
    was one of them).

.INPUTS
    System.String, or any object with AccountName (and optionally Issuer, TableName) properties.

.OUTPUTS
    StsFtw.Example.OffboardingStep: Person, Issuer, AccountName (the entry changed), Action (RemoveEnrollment,
    RemoveCosigner, ReplaceCosigner, KeepSoleCosigner), Status (Done, NotEnrolled, Skipped, Kept, Failed,
    NotAttempted),
    SecondaryAuthorizers (the entry's co-signers after the step), Message.

.LINK
    Remove-StsEnrollment

.LINK
    Set-StsEnrollment
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
[OutputType('StsFtw.Example.OffboardingStep')]
param(
    [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
    [ValidateNotNullOrEmpty()]
    [string[]] $AccountName,

    [Parameter(ValueFromPipelineByPropertyName)]
    [ValidateNotNullOrEmpty()]
    [string] $Issuer,

    [ValidateNotNullOrEmpty()]
    [string[]] $Replacement,

    [Parameter(ValueFromPipelineByPropertyName)]
    [ValidateNotNullOrEmpty()]
    [string] $TableName,

    [ValidateNotNullOrEmpty()]
    [string] $Region,

    [switch] $Force
)

begin {
    Set-StrictMode -Version 3.0
    if ($Force -and -not $WhatIfPreference) { $ConfirmPreference = 'None' }

    # Failures that every following change would meet too: the person's off-boarding stops at the first.
    $stopIds = 'StsEnrollment.MissingSetting', 'StsEnrollment.AwsSetupFailed', 'StsEnrollment.TableUnavailable'

    function New-ErrorRecord {
        param([string] $ErrorId, [System.Management.Automation.ErrorCategory] $Category, [string] $Message, [object] $TargetObject)
        [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new($Message), $ErrorId, $Category, $TargetObject)
    }

    function New-Step {
        param([string] $Person, [string] $Issuer, [string] $AccountName, [string] $Action, [string[]] $SecondaryAuthorizers)
        [pscustomobject] @{
            PSTypeName           = 'StsFtw.Example.OffboardingStep'
            Person               = $Person
            Issuer               = $Issuer
            AccountName          = $AccountName
            Action               = $Action
            Status               = 'Skipped'
            SecondaryAuthorizers = $SecondaryAuthorizers
            Message              = $null
        }
    }

    function Get-ErrorId {
        param([System.Management.Automation.ErrorRecord] $Record)
        ($Record.FullyQualifiedErrorId -split ',')[0]
    }
}

process {
    $resolvedIssuer = if ($Issuer) { $Issuer } else { $env:STS_ISSUER }
    if (-not $resolvedIssuer) {
        $PSCmdlet.ThrowTerminatingError((New-ErrorRecord -ErrorId 'RemoveStsPerson.MissingIssuer' -Category InvalidArgument `
                    -Message 'Pass -Issuer or set $env:STS_ISSUER: co-signer lists are per issuer.' -TargetObject $AccountName))
    }
    $connection = @{}
    if ($TableName) { $connection.TableName = $TableName }
    if ($Region) { $connection.Region = $Region }

    foreach ($person in $AccountName) {
        # One Query for the issuer: the person's entry and every entry that lists them. Without it nothing can be done.
        try {
            $entries = @(Get-StsEnrollment -Issuer $resolvedIssuer @connection -ErrorAction Stop)
        }
        catch [System.Management.Automation.PipelineStoppedException] {
            throw
        }
        catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        $enrolled = @($entries | ForEach-Object { $_.AccountName })
        foreach ($name in @($Replacement | Where-Object { $_ })) {
            if ($name -ceq $person -or $enrolled -cnotcontains $name) {
                $PSCmdlet.ThrowTerminatingError((New-ErrorRecord -ErrorId 'RemoveStsPerson.InvalidReplacement' -Category InvalidArgument `
                            -Message "-Replacement '$name' must be enrolled in issuer '$resolvedIssuer' and must not be '$person'." -TargetObject $name))
            }
        }
        $entry = $entries | Where-Object { $_.AccountName -ceq $person } | Select-Object -First 1
        $dependents = @($entries | Where-Object { $_.AccountName -cne $person -and @($_.SecondaryAuthorizers) -ccontains $person })
        $steps = 1 + $dependents.Count
        $activity = "Off-boarding $resolvedIssuer/$person"

        # 1. The person's own entry: their authenticator stops working.
        $step = New-Step -Person $person -Issuer $resolvedIssuer -AccountName $person -Action 'RemoveEnrollment' -SecondaryAuthorizers @()
        Write-Progress -Id 2 -Activity $activity -Status 'Removing the enrollment' -PercentComplete 0
        $stop = $false
        if (-not $entry) {
            $step.Status = 'NotEnrolled'
            $step.Message = "$resolvedIssuer/$person is not enrolled; only co-signer lists are changed."
            Write-Verbose $step.Message
        }
        elseif (-not $PSCmdlet.ShouldProcess("$resolvedIssuer/$person", 'Remove the enrollment (their authenticator stops working)')) {
            $step.Message = if ($WhatIfPreference) { 'Not removed: -WhatIf.' } else { 'Not removed: declined.' }
        }
        else {
            try {
                # Its warning naming the entries that still list the person is what step 2 below takes care of.
                Remove-StsEnrollment -Issuer $resolvedIssuer -AccountName $person @connection -Force -Confirm:$false -ErrorAction Stop -WarningAction SilentlyContinue
                $step.Status = 'Done'
            }
            catch [System.Management.Automation.PipelineStoppedException] {
                throw
            }
            catch {
                $id = Get-ErrorId -Record $_
                if ($id -eq 'StsEnrollment.NotFound') {
                    $step.Status = 'NotEnrolled'
                    $step.Message = "$resolvedIssuer/$person was removed meanwhile."
                }
                else {
                    $step.Status = 'Failed'
                    $step.Message = $_.Exception.Message
                    $PSCmdlet.WriteError($_)
                    $stop = $stopIds -contains $id
                }
            }
        }
        $step

        # 2. Every co-signer list that names the person.
        for ($index = 0; $index -lt $dependents.Count; $index++) {
            $dependent = $dependents[$index]
            $target = "$resolvedIssuer/$($dependent.AccountName)"
            $others = @($dependent.SecondaryAuthorizers | Where-Object { $_ -cne $person })
            $added = @($Replacement | Where-Object { $_ -and $_ -cne $dependent.AccountName -and $others -cnotcontains $_ })
            $action = if ($added.Count -gt 0) { 'ReplaceCosigner' } else { 'RemoveCosigner' }
            $step = New-Step -Person $person -Issuer $resolvedIssuer -AccountName $dependent.AccountName -Action $action `
                -SecondaryAuthorizers @($dependent.SecondaryAuthorizers)
            if ($stop) {
                $step.Status = 'NotAttempted'
                $step.Message = 'Not attempted: an earlier step failed in a way every step would.'
                $step
                continue
            }
            Write-Progress -Id 2 -Activity $activity -Status "Co-signer list of $($dependent.AccountName)" -PercentComplete (($index + 1) * 100 / $steps)

            if ($others.Count + $added.Count -eq 0) {
                $step.Action = 'KeepSoleCosigner'
                $step.Status = 'Kept'
                $step.Message = "$person is the only co-signer of $target; the list was left as it is, so $target cannot get " +
                "credentials until a co-signer is added. Pass -Replacement, or run Set-StsEnrollment -Issuer $resolvedIssuer " +
                "-AccountName $($dependent.AccountName) -SecondaryAuthorizers <name> (an empty list ends the two-person rule, and needs -AllowNoSecondaryAuthorizer)."
                $PSCmdlet.WriteError((New-ErrorRecord -ErrorId 'RemoveStsPerson.SoleCosigner' -Category InvalidOperation -Message $step.Message -TargetObject $target))
                $step
                continue
            }
            $description = if ($added.Count -gt 0) { "Replace co-signer $person with $($added -join ', ')" } else { "Remove co-signer $person" }
            if (-not $PSCmdlet.ShouldProcess($target, $description)) {
                $step.Message = if ($WhatIfPreference) { 'Not changed: -WhatIf.' } else { 'Not changed: declined.' }
                $step
                continue
            }
            $parameters = @{
                Issuer                     = $resolvedIssuer
                AccountName                = $dependent.AccountName
                RemoveSecondaryAuthorizers = $person
                PassThru                   = $true
                Confirm                    = $false
                ErrorAction                = 'Stop'
            }
            if ($added.Count -gt 0) { $parameters.AddSecondaryAuthorizers = [string[]] $added }
            try {
                $after = Set-StsEnrollment @parameters @connection | Select-Object -First 1
                $step.Status = 'Done'
                $step.SecondaryAuthorizers = if ($after) { @($after.SecondaryAuthorizers) } else { @($others + $added) }
            }
            catch [System.Management.Automation.PipelineStoppedException] {
                throw
            }
            catch {
                $step.Status = 'Failed'
                $step.Message = $_.Exception.Message
                $PSCmdlet.WriteError($_)
                $stop = $stopIds -contains (Get-ErrorId -Record $_)
            }
            $step
        }
        Write-Progress -Id 2 -Activity $activity -Completed
    }
}
