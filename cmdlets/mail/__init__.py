"""spshell.Mail: Send-TestMail, Test-SmtpServer, Send-MailMessage, the lab mail server and the
System.Net.Mail types scripts send with (SmtpClient, MailMessage).

Only the manifest lives here: the commands are lazy references, so importing this package costs
nothing and never pulls in aiosmtplib, aiosmtpd or pyspnego.
"""
from spshell.cmdlet import Module

_C = "cmdlets.mail.cmdlets_send"
_T = "cmdlets.mail.cmdlets_test"
_L = "cmdlets.mail.cmdlets_lab"
_N = "cmdlets.mail.netmail"
_ENUM = {"enum": True, "value_type": True, "base": "System.Enum"}

MODULE = Module(
    name="spshell.Mail",
    description="Sends test mail the way SharePoint does, probes SMTP servers, and runs a lab "
                "mail server imitating Exchange and Exchange Online.",
    version="1.0.0.0",
    autoload=True,
    commands={
        "Send-TestMail": f"{_C}:SendTestMail",
        "Send-MailMessage": f"{_C}:SendMailMessage",
        "Test-SmtpServer": f"{_T}:TestSmtpServer",
        "Start-LabMailServer": f"{_L}:StartLabMailServer",
        "Stop-LabMailServer": f"{_L}:StopLabMailServer",
        "Get-LabMailServer": f"{_L}:GetLabMailServer",
        "Get-LabMail": f"{_L}:GetLabMail",
        "Clear-LabMail": f"{_L}:ClearLabMail",
        "New-LabMailUser": f"{_L}:NewLabMailUser",
    },
    types={
        "System.Net.Mail.SmtpClient": f"{_N}:SmtpClient",
        "System.Net.Mail.MailMessage": f"{_N}:MailMessage",
        "System.Net.Mail.MailAddressCollection": f"{_N}:MailAddressCollection",
        "System.Net.Mail.Attachment": f"{_N}:Attachment",
        "System.Net.Mail.AttachmentCollection": f"{_N}:AttachmentCollection",
        "System.Net.Mail.MailPriority": (f"{_N}:MailPriority", _ENUM),
        "System.Net.Mail.DeliveryNotificationOptions": (f"{_N}:DeliveryNotificationOptions",
                                                        _ENUM),
        "System.Net.Mail.SmtpDeliveryMethod": (f"{_N}:SmtpDeliveryMethod", _ENUM),
    },
)
