# Step 02 - Start the lab mail server.
#
# One background process imitates two mail systems: Exchange Server (a port 25 receive connector
# and a port 587 client submission connector) and Exchange Online (smtp.office365.com:587). It
# answers for mail.contoso.com and smtp.office365.com, but only for spshell processes using this
# SPSHELL_HOME: nothing leaves the machine. LAB\spmail is the mailbox SharePoint will
# authenticate as. -Port 0 takes free ports, so two labs never collide.
#
# Run:  spshell -File scripts/lab/02-start-lab-mail-server.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep 'Step 02 - Start the lab mail server (Exchange and Exchange Online profiles)'

Invoke-LabServer -ComputerName APP1 -ScriptBlock {
    $user = New-LabCredential $LabSmtpUser $LabSmtpPassword
    $lab = Start-LabMailServer -Port 0 -HostName $LabSmtpServer, $LabOnlineServer -Credential $user
    Write-LabNote 'each listener, the port it stands for, and the names the lab answers for'
    $lab.Listeners | Format-Table -AutoSize
    Write-LabNote 'port 25 takes anonymous mail; port 587 requires authentication'
    Test-SmtpServer $LabSmtpServer -Port 25, 587 | Format-Table -AutoSize
}
