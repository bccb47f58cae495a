# Step 03 - Try to save SMTP credentials before any application credential key exists.
#
# SharePoint Server 2019 encrypts the SMTP password with the application credential key. No
# server has one yet, so saving authenticated outgoing e-mail settings must fail - on purpose.
#
# Run:  spshell -File scripts/lab/03-credentials-before-key.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep 'Step 03 - Save SMTP credentials before setting the key (expected to fail)'

Invoke-LabServer -ComputerName APP1 -ScriptBlock {
    $ca = Get-SPWebApplication -IncludeCentralAdministration |
        Where-Object { $_.IsAdministrationWebApplication }
    try {
        Set-SPWebApplication -Identity $ca -SMTPServer $LabSmtpServer -SMTPServerPort 587 `
            -OutgoingEmailAddress $LabSender -ReplyToEmailAddress $LabSender `
            -SMTPCredentials (New-LabCredential $LabSmtpUser $LabSmtpPassword) -ErrorAction Stop
        Write-Host 'UNEXPECTED: the credentials were saved without a key.' -ForegroundColor Red
        exit 1
    }
    catch {
        Write-LabNote 'the error SharePoint raises when no application credential key is set'
        Write-Host $_.Exception.Message -ForegroundColor Red
    }
}
