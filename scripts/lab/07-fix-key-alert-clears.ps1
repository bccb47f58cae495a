# Step 07 - Fix WFE2's key: the alert clears.
#
# Setting the farm's key on WFE2 again publishes the right fingerprint; the next health analysis
# finds nothing and removes the alert from "Review problems and solutions".
#
# Run:  spshell -File scripts/lab/07-fix-key-alert-clears.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep 'Step 07 - The right key on WFE2: the alert clears'

Invoke-LabServer -ComputerName WFE2 -ScriptBlock {
    & "$LabRoot/../provisioning/Set-CredentialKey.ps1" -Key (New-LabSecureString $LabCredentialKey)
}
Invoke-LabServer -ComputerName APP1 -ScriptBlock {
    Get-SPTimerJob | Where-Object { $_.Name -like '*-health-analysis-job' } | Start-SPTimerJob
    $left = @(Get-SPHealthReport | Where-Object { $_.RuleName -eq 'OutgoingEmailCredentialsNotRetrievable' })
    Write-LabNote 'no outgoing e-mail credential alert is left'
    Write-Output "Outgoing e-mail credential alerts: $($left.Count)"
}
Invoke-LabServer -ComputerName WFE2 -ScriptBlock {
    & "$LabRoot/../provisioning/Test-ServerReadiness.ps1"
}
