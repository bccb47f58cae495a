# Step 10 - Point outgoing e-mail at Exchange Online.
#
# smtp.office365.com:587 offers nothing before STARTTLS, then AUTH LOGIN XOAUTH2; SharePoint's
# SMTP client uses LOGIN with the mailbox's user principal name. The lab answers for
# smtp.office365.com with its Exchange Online profile.
#
# Run:  spshell -File scripts/lab/10-exchange-online.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep 'Step 10 - Outgoing e-mail through Exchange Online (smtp.office365.com:587)'

Invoke-LabServer -ComputerName APP1 -ScriptBlock {
    $null = New-LabMailUser -Credential (New-LabCredential $LabOnlineUser $LabSmtpPassword)
    $ca = Get-SPWebApplication -IncludeCentralAdministration |
        Where-Object { $_.IsAdministrationWebApplication }
    Set-SPWebApplication -Identity $ca -SMTPServer $LabOnlineServer -SMTPServerPort 587 `
        -OutgoingEmailAddress $LabOnlineUser -ReplyToEmailAddress $LabOnlineUser `
        -SMTPCredentials (New-LabCredential $LabOnlineUser $LabSmtpPassword)
    Write-LabNote 'EHLO before and after STARTTLS, then AUTH LOGIN'
    $r = Send-TestMail -To $LabRecipient -Subject 'Through Exchange Online' -ShowTranscript
    Write-Output "Exchange Online mechanism: $($r.Mechanism) as $($r.AuthenticatedAs)"
}
Invoke-LabServer -ComputerName WFE2 -ScriptBlock {
    Write-LabNote 'and SharePoint itself, from WFE2'
    & "$LabRoot/Test-SPOutgoingEmail.ps1" -WebUrl $LabWebAppUrl -To $LabRecipient `
        -Subject 'SharePoint through Exchange Online' -Body 'Sent by SPUtility.SendEmail from WFE2.'
}
