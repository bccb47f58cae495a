# Step 05 - Configure authenticated outgoing e-mail on port 587.
#
# The farm's outgoing e-mail settings (those of Central Administration) now point at the
# Exchange client submission port with TLS, and carry LAB\spmail's credentials, encrypted with
# the key set in step 04. Every server that has the same key can now read them.
#
# Run:  spshell -File scripts/lab/05-configure-outgoing-mail-587.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep 'Step 05 - Authenticated outgoing e-mail: mail.contoso.com, port 587, TLS'

Invoke-LabServer -ComputerName APP1 -ScriptBlock {
    $ca = Get-SPWebApplication -IncludeCentralAdministration |
        Where-Object { $_.IsAdministrationWebApplication }
    Set-SPWebApplication -Identity $ca -SMTPServer $LabSmtpServer -SMTPServerPort 587 `
        -OutgoingEmailAddress $LabSender -ReplyToEmailAddress $LabSender `
        -SMTPCredentials (New-LabCredential $LabSmtpUser $LabSmtpPassword)
    Write-LabNote 'server, port 587, TLS on, and the user name (never the password)'
    Get-SPWebApplication -IncludeCentralAdministration |
        Where-Object { $_.IsAdministrationWebApplication } |
        Format-List Url, @{ n = 'SMTPServer'; e = { $_.OutboundMailServiceInstance.Server.Name } },
            OutboundMailPort, OutboundMailEnableSsl, OutboundMailSenderAddress, OutboundMailUserName
}
foreach ($server in $LabServers) {
    Invoke-LabServer -ComputerName $server -ScriptBlock {
        & "$LabRoot/../provisioning/Test-ServerReadiness.ps1"
    }
}
