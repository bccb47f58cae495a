# Step 09 - Look at the SMTP conversations on port 25 and port 587.
#
# Port 25 offers NTLM in the clear and takes anonymous mail; port 587 offers GSSAPI and NTLM and
# refuses mail without authentication. SharePoint (.NET SmtpClient) tries GSSAPI (Kerberos)
# first; without a Kerberos ticket for the lab realm it goes on to NTLM. The transcripts show
# each step; credentials appear only as a summary of what a network trace would reveal.
#
# Run:  spshell -File scripts/lab/09-smtp-conversations.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep 'Step 09 - The conversations on port 25 and port 587'

Invoke-LabServer -ComputerName APP1 -ScriptBlock {
    Write-LabNote 'port 25: 250-AUTH NTLM is offered, yet the mail goes through anonymously'
    $r25 = Send-TestMail -To $LabRecipient -SmtpServer $LabSmtpServer -Port 25 -From $LabSender `
        -Subject 'Port 25, anonymous' -ShowTranscript
    Write-Output "Port 25 mechanism: $($r25.Mechanism)"

    Write-LabNote 'port 587 without credentials: 530 5.7.1 Client was not authenticated'
    try {
        Send-TestMail -To $LabRecipient -SmtpServer $LabSmtpServer -Port 587 -From $LabSender `
            -Subject 'Port 587, anonymous' -ErrorAction Stop | Out-Null
    }
    catch {
        Write-Output "Port 587 anonymous: $($_.Exception.Message)"
    }

    Write-LabNote 'port 587 with the farm settings: GSSAPI and NTLM offered, which one was used?'
    $r587 = Send-TestMail -To $LabRecipient -Subject 'Port 587, farm settings' -ShowTranscript
    Write-Output "Port 587 mechanism: $($r587.Mechanism) as $($r587.AuthenticatedAs)"
}
