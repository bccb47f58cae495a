# Step 06 - Break WFE2's key and let the Health Analyzer find it.
#
# Someone re-runs Set-SPApplicationCredentialKey on WFE2 with a different key. WFE2 can no longer
# decrypt the SMTP password; it still sends mail, anonymously, as SharePoint does - and the
# port 587 connector refuses anonymous mail. The health rule "One or more servers can't retrieve
# the outgoing email credentials" reports WFE2.
#
# Run:  spshell -File scripts/lab/06-break-key-health-alert.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep "Step 06 - A different key on WFE2: the health alert"

Invoke-LabServer -ComputerName WFE2 -ScriptBlock {
    Set-SPApplicationCredentialKey -Password (New-LabSecureString $LabWrongKey) -WarningAction SilentlyContinue
    Write-Output 'WFE2 now has a different application credential key.'
}
Invoke-LabServer -ComputerName APP1 -ScriptBlock {
    Write-LabNote 'run the health analysis now (the timer jobs would within the hour)'
    $jobs = Get-SPTimerJob | Where-Object { $_.Name -like '*-health-analysis-job' }
    foreach ($job in $jobs) { $job.RunNow() }
    Write-LabNote 'the alert, its failing server and what to do'
    Get-SPHealthReport | Where-Object { $_.RuleName -eq 'OutgoingEmailCredentialsNotRetrievable' } |
        Format-List Title, Severity, FailingServers, Explanation, Remedy
}
Invoke-LabServer -ComputerName WFE2 -AllowFailure -ScriptBlock {
    Write-LabNote 'WFE2 sends anonymously; port 587 refuses it; SendEmail returns False and the ULS log says why'
    & "$LabRoot/Test-SPOutgoingEmail.ps1" -WebUrl $LabWebAppUrl -To $LabRecipient `
        -Subject 'Sent from WFE2 with the wrong key' -Body 'This should not arrive.'
}
