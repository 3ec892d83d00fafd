<#
.SYNOPSIS
    What an authenticator app on a phone does, for the Pester suites: RFC 6238 codes (HMAC-SHA1, 6 digits, 30 s)
    from the secret in an otpauth URI.
.DESCRIPTION
    A code is accepted once per account and time step, and the backend accepts one step either side of its own. A
    [Phone] therefore hands out each step's code once, choosing the current step or the next, and waits for a fresh
    step only when both are spent. The secret is a hidden member and ToString() prints "[phone]": nothing here is
    ever written to the output.
#>
Set-StrictMode -Version Latest

class Phone {
    static [int] $Period = 30

    hidden [byte[]] $Secret
    [long] $LastStep = [long]::MinValue

    # From the otpauth URI New-StsEnrollment -NoPrompt returns (otpauth://totp/Issuer:account?secret=...&...).
    Phone([string] $OtpAuthUri) {
        $uri = [uri] $OtpAuthUri
        if ($uri.Scheme -ne 'otpauth' -or $uri.Host -ne 'totp') { throw 'Not an otpauth://totp URI.' }
        $pairs = $uri.Query.TrimStart('?').Split('&') | Where-Object { $_ -like 'secret=*' }
        if (@($pairs).Count -ne 1) { throw 'The otpauth URI has no single secret.' }
        $this.Secret = [Phone]::FromBase32([uri]::UnescapeDataString(@($pairs)[0].Substring(7)))
    }

    [string] ToString() { return '[phone]' }

    # The bytes of RFC 4648 base32 text (either case; padding ignored).
    static [byte[]] FromBase32([string] $Text) {
        $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
        $bytes = [System.Collections.Generic.List[byte]]::new()
        $buffer = 0
        $bits = 0
        foreach ($character in $Text.TrimEnd('=').ToUpperInvariant().ToCharArray()) {
            $value = $alphabet.IndexOf($character)
            if ($value -lt 0) { throw 'The secret is not base32.' }
            $buffer = (($buffer -shl 5) -bor $value) -band 0xFFFF
            $bits += 5
            if ($bits -ge 8) {
                $bits -= 8
                $bytes.Add([byte](($buffer -shr $bits) -band 0xFF))
            }
        }
        return $bytes.ToArray()
    }

    # The RFC 6238 code of $Secret for time step $Step (RFC 4226 dynamic truncation).
    static [string] Code([byte[]] $Secret, [long] $Step, [int] $Digits) {
        $counter = [BitConverter]::GetBytes([long] $Step)
        if ([BitConverter]::IsLittleEndian) { [Array]::Reverse($counter) }
        [byte[]] $hash = [System.Security.Cryptography.HMACSHA1]::HashData($Secret, $counter)
        $offset = $hash[19] -band 0x0F
        $binary = (([int] $hash[$offset] -band 0x7F) -shl 24) -bor ([int] $hash[$offset + 1] -shl 16) -bor
            ([int] $hash[$offset + 2] -shl 8) -bor [int] $hash[$offset + 3]
        return ($binary % [int][Math]::Pow(10, $Digits)).ToString().PadLeft($Digits, '0')
    }

    static [long] StepAt([DateTimeOffset] $At) { return [long][Math]::Floor($At.ToUnixTimeSeconds() / [Phone]::Period) }

    static [long] StepNow() { return [Phone]::StepAt([DateTimeOffset]::UtcNow) }

    # Sleeps until time step $Step has begun (bounded by one period plus a margin).
    static [void] WaitForStep([long] $Step) {
        $begins = [DateTimeOffset]::FromUnixTimeSeconds($Step * [Phone]::Period)
        $wait = $begins - [DateTimeOffset]::UtcNow
        if ($wait -gt [TimeSpan]::Zero) {
            if ($wait.TotalSeconds -gt [Phone]::Period + 1) { throw 'Refusing to wait more than one time step.' }
            Start-Sleep -Milliseconds ([int][Math]::Ceiling($wait.TotalMilliseconds) + 100)
        }
    }

    # A code the backend accepts now, never one this phone gave before: the current step's, else the next step's,
    # else (both spent) the next step's once it has begun.
    [string] NextCode() {
        $now = [Phone]::StepNow()
        $step = [Math]::Max($now, $this.LastStep + 1)
        if ($step -gt $now + 1) { [Phone]::WaitForStep($step - 1) }
        $this.LastStep = $step
        return [Phone]::Code($this.Secret, $step, 6)
    }

    # A six-digit code that is none of the codes the backend would accept around now.
    [string] WrongCode() {
        $now = [Phone]::StepNow()
        $accepted = foreach ($step in ($now - 2)..($now + 2)) { [Phone]::Code($this.Secret, $step, 6) }
        $candidate = [int] $accepted[2]
        do { $candidate = ($candidate + 1) % 1000000 } while ($candidate.ToString('D6') -in $accepted)
        return $candidate.ToString('D6')
    }
}
