<#
.SYNOPSIS
    Verifies that this server is in the farm and can read the outgoing e-mail credentials.
.DESCRIPTION
    The last script an administrator pushes to each server after joining it and setting the key.
    It checks that the server is a member of the farm, then runs the Health Analyzer's
    health-analysis jobs and looks for this server among the failing servers of the rule
    "One or more servers can't retrieve the outgoing email credentials."
        spshell -NonInteractive -ComputerName WFE1 -File Test-ServerReadiness.ps1
    Exit codes: 0 ready, 1 not in a farm, 2 this server cannot read the SMTP credentials.
.EXAMPLE
    spshell -ComputerName WFE2 -File Test-ServerReadiness.ps1; $LASTEXITCODE
#>
param()

$server = $env:SPSHELL_COMPUTERNAME
$farm = $null
try { $farm = Get-SPFarm } catch { }
if (-not $farm) {
    Write-Host "NOT READY: $server is not connected to a farm." -ForegroundColor Red
    exit 1
}
Write-Output "$server is a member of farm $($farm.Name)."

Get-SPTimerJob | Where-Object { $_.Name -like '*-health-analysis-job' } | ForEach-Object { $_.RunNow() }
$alert = Get-SPHealthReport | Where-Object {
    $_.RuleName -eq 'OutgoingEmailCredentialsNotRetrievable' -and ($_.FailingServers -split ',\s*') -contains $server
}
if ($alert) {
    Write-Host "NOT READY: $($alert.Title)" -ForegroundColor Red
    Write-Host $alert.Explanation
    exit 2
}
Write-Output "READY: $server can retrieve the outgoing e-mail credentials."
exit 0
