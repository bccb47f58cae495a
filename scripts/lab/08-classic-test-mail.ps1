# Step 08 - Send the classic test mail through SharePoint.
#
# Test-SPOutgoingEmail.ps1 follows the test script admins have shared for years: open the web,
# call [Microsoft.SharePoint.Utilities.SPUtility]::SendEmail, and on failure read the ULS log's
# "E-Mail" entries. From WFE1 (the right key) it authenticates on port 587 and succeeds.
#
# Run:  spshell -File scripts/lab/08-classic-test-mail.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep 'Step 08 - The classic SPUtility::SendEmail test from WFE1'

Invoke-LabServer -ComputerName WFE1 -ScriptBlock {
    & "$LabRoot/Test-SPOutgoingEmail.ps1" -WebUrl $LabWebAppUrl -To $LabRecipient `
        -Subject 'SharePoint outgoing e-mail test' -Body 'Sent by SPUtility.SendEmail from WFE1.'
    Write-LabNote 'the message in the lab mailbox: who authenticated, how, over which TLS'
    Get-LabMail -Subject 'SharePoint outgoing e-mail test' -Last 1 |
        Format-List Subject, To, Listener, Mechanism, AuthenticatedAs, Tls
}
