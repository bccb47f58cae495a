<#
.SYNOPSIS
    Runs the whole lab, unattended, in a fresh temporary spshell home, and cleans up after itself.
.DESCRIPTION
    Steps 01 to 10 of scripts/lab, in order: build the farm (APP1, WFE1, WFE2), start the lab
    mail server, fail to save SMTP credentials without a key, set the key everywhere, configure
    authenticated mail on port 587, break WFE2's key (the health alert), fix it (the alert
    clears), send the classic test mail, look at the port 25 and 587 conversations, and move to
    Exchange Online. Every server's part runs in its own spshell process (-ComputerName).

    Nothing outside the temporary home is touched: the key store is a file store inside it, the
    mail server answers only processes using it, and both are removed at the end (-KeepHome
    keeps the folder for a look around). Exit code 0 when every step succeeded.
.PARAMETER KeepHome
    Keep the temporary home (its path is printed) instead of deleting it.
.EXAMPLE
    spshell -NoProfile -File scripts/lab/walkthrough.ps1
#>
param(
    [switch] $KeepHome
)

. "$PSScriptRoot/LabCommon.ps1"

$savedHome = $env:SPSHELL_HOME
$savedKeystore = $env:SPSHELL_KEYSTORE
$labHome = Join-Path ([System.IO.Path]::GetTempPath()) ("spshell-lab-" + [guid]::NewGuid().ToString('N').Substring(0, 12))
$null = New-Item -ItemType Directory -Path $labHome
$env:SPSHELL_HOME = $labHome        # every child spshell process uses the lab's home...
$env:SPSHELL_KEYSTORE = 'file'      # ...and keeps keys in files there, never in your keyring
Write-Host "Lab home: $labHome"

$steps = Get-ChildItem -Path $PSScriptRoot -Filter '[0-9][0-9]-*.ps1' | Sort-Object Name
$failed = $null
try {
    foreach ($step in $steps) {
        & $step.FullName
    }
}
catch {
    $failed = $_
    Write-Host ''
    Write-Host "The walkthrough stopped: $($_.Exception.Message)" -ForegroundColor Red
}
finally {
    Invoke-LabServer -ComputerName APP1 -AllowFailure -ScriptBlock { Stop-LabMailServer }
    $env:SPSHELL_HOME = $savedHome
    $env:SPSHELL_KEYSTORE = $savedKeystore
    if ($KeepHome) {
        Write-Host "The lab home was kept: $labHome"
    }
    else {
        Remove-Item -LiteralPath $labHome -Recurse -Force
        Write-Host 'The lab home was removed.'
    }
}
if ($failed) { exit 1 }
Write-Host ''
Write-Host 'Walkthrough complete: every step ran.' -ForegroundColor Green
exit 0
