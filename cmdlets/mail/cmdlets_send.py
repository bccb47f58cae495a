"""Send-TestMail and Send-MailMessage."""
from __future__ import annotations

import socket

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import ErrorRecord, SmtpException
from spshell.runtime.objects import PSCredential, SecureString, SwitchParameter

from ._common import home_of, mail_error_record, resolve_file, secure_text, show_transcript
from .errors import MailError

MECHANISMS = ("Auto", "Anonymous", "GSSAPI", "NTLM", "LOGIN", "PLAIN", "CRAM-MD5", "XOAUTH2")


def _canonical(value, choices):
    for c in choices:
        if c.lower() == str(value).lower():
            return c
    return value


class SendTestMail(Cmdlet):
    name = "Send-TestMail"
    implementing_type = "spshell.Mail.SendTestMailCommand"
    output_type = "spshell.Mail.SendResult"
    help = Help(
        synopsis="Sends a test e-mail the way SharePoint would, and shows how it authenticated.",
        description=(
            "Without -SmtpServer, Send-TestMail uses the farm's outgoing e-mail settings as this "
            "host sees them (Central Administration, or -WebApplication): the outbound SMTP "
            "server and port, 'Use TLS connection encryption' (STARTTLS, required when set), "
            "the From and Reply-To addresses and the stored SMTP credentials, decrypted with "
            "this host's application credential key. When this host cannot decrypt them "
            "(no key, or a different key than the farm's), it warns and sends anonymously, as "
            "SharePoint does, and the result says so.\n\n"
            "Explicit parameters override the farm: -SmtpServer, -Port, -Encryption, -From, "
            "-Credential, -AuthMechanism. -AuthMechanism Auto picks what .NET SmtpClient (and "
            "so SharePoint) would: GSSAPI, then NTLM, then LOGIN, then PLAIN, among what the "
            "server offers; a mechanism this client cannot start is skipped before anything is "
            "sent, and once the server refused an AUTH no other mechanism is tried. "
            "-AuthMechanism GSSAPI without -Credential uses the Kerberos credential cache "
            "(KRB5CCNAME, as after kinit); with -Credential it gets a ticket from the password."
            "\n\n"
            "The result carries the whole SMTP conversation (Transcript) in swaks' notation, "
            "with credentials replaced by a summary of what a network trace would show; "
            "-ShowTranscript prints it. Connections the lab mail server answered are marked."),
        examples=[
            Example("Send-TestMail -To admin@contoso.com",
                    "Sends through the farm's outgoing e-mail settings, as SharePoint would."),
            Example("Send-TestMail -To bob@lab.test -SmtpServer mail.contoso.com -Port 587 "
                    "-Credential (Get-Credential) -ShowTranscript",
                    "Sends with STARTTLS and the mechanism SmtpClient would choose, and prints "
                    "the conversation."),
            Example("Send-TestMail -To bob@contoso.com -SmtpServer smtp.office365.com -Port 587 "
                    "-From alice@contoso.com -AuthMechanism XOAUTH2 -OAuthToken $token",
                    "Authenticates to Exchange Online with an OAuth 2.0 access token."),
            Example("(Send-TestMail -To bob@lab.test).Transcript.Lines",
                    "The conversation line by line."),
        ],
        outputs="spshell.Mail.SendResult")

    To = Parameter("string[]", mandatory=True, position=0, help="Recipient addresses.")
    From = Parameter(str, help="Sender address; default: the farm's From address.")
    Subject = Parameter(str, help="Subject line.")
    Body = Parameter(str, help="Message text.")
    SmtpServer = Parameter(str, aliases=("ComputerName",),
                           help="SMTP server; default: the farm's outbound SMTP server.")
    Port = Parameter(int, validate_range=(1, 65535), help="TCP port (default 25, or the farm's).")
    Credential = Parameter(PSCredential, help="User name (DOMAIN\\user or UPN) and password.")
    Encryption = Parameter(str, validate_set=("None", "StartTls", "Tls"),
                           help="None, StartTls (required, fails when not offered) or Tls "
                                "(implicit TLS). Default: the farm's 'Use TLS' setting; with "
                                "-SmtpServer, Tls on port 465 and StartTls otherwise.")
    AuthMechanism = Parameter(str, validate_set=MECHANISMS, default="Auto",
                              help="SASL mechanism, or Auto (SmtpClient's order) or Anonymous.")
    OAuthToken = Parameter(SecureString, help="OAuth 2.0 access token for XOAUTH2.")
    CertificateAuthorityFile = Parameter(str, help="PEM file of extra trusted CAs.")
    SkipCertificateCheck = Parameter(SwitchParameter, help="Do not validate the certificate.")
    TimeoutSec = Parameter(int, validate_range=(1, 3600), default=100,
                           help="Seconds to wait for each step (default 100, as SmtpClient).")
    ShowTranscript = Parameter(SwitchParameter, help="Print the SMTP conversation.")
    WebApplication = Parameter(object, help="Use this web application's outgoing e-mail "
                                            "settings instead of Central Administration's.")
    RevealCredentials = Parameter(SwitchParameter,
                                  help="Show credentials in the transcript instead of "
                                       "summaries (never use on a shared screen).")

    def process(self):
        from .client import MailMessage, SmtpSettings, send_mail

        home = home_of(self)
        warnings = []
        source = "explicit"
        server, port, encryption = self.SmtpServer, self.Port, self.Encryption
        sender, reply_to = self.From, None
        encoding = "utf-8"
        user, password = None, None
        if not server:
            from . import farmsettings
            try:
                farm = farmsettings.read(self.context, self.WebApplication)
            except MailError as exc:
                self.write_error(ErrorRecord(SmtpException(exc.message),
                                             "NoOutgoingMailSettings", exc.category, None))
                return
            source = farm.source
            server = farm.server
            port = port or farm.port
            if encryption is None:
                encryption = "StartTls" if farm.enable_ssl else "None"
            sender = sender or farm.from_address
            reply_to = farm.reply_to or None
            encoding = farm.encoding
            if farm.credential_problem:
                warnings.append(farmsettings.credential_warning(farm))
            elif farm.user:
                user, password = farm.user, farm.password
        port = port or 25
        if encryption is None:
            encryption = "Tls" if port == 465 else "StartTls"
        if self.Credential is not None:
            user, password = self.Credential.UserName, self.Credential.Password
            if warnings and "credentials" in warnings[-1]:
                warnings.pop()
        computer = getattr(self.context, "computer_name", None) or socket.gethostname()
        if not sender:
            sender = (user if user and "@" in user and "\\" not in user
                      else f"spshell@{computer.lower()}")
        token = secure_text(self.OAuthToken)
        if token is not None and user is None:
            user = sender
        mechanism = _canonical(self.AuthMechanism or "Auto", MECHANISMS)
        creds_user, creds_pw = (None, None) if mechanism == "Anonymous" else (user, password)
        subject = self.Subject if self.Subject is not None else \
            f"Test e-mail from spshell on {computer}"
        body = self.Body if self.Body is not None else (
            f"This is a test e-mail sent by Send-TestMail on {computer} through {server}:{port} "
            f"({'farm settings' if source != 'explicit' else 'explicit settings'}).")
        settings = SmtpSettings(server, port, encryption, mechanism, user=creds_user,
                                password=creds_pw, oauth_token=token,
                                ca_file=str(resolve_file(self, self.CertificateAuthorityFile))
                                if self.CertificateAuthorityFile else None,
                                skip_certificate_check=bool(self.SkipCertificateCheck),
                                timeout=self.TimeoutSec or 100, local_hostname=None,
                                redact=not self.RevealCredentials, home=home)
        message = MailMessage(sender, list(self.To or []), subject, body, reply_to=reply_to,
                              encoding=encoding)
        for w in warnings:
            self.write_warning(w)
        try:
            result = send_mail(settings, message)
        except MailError as exc:
            if self.ShowTranscript:
                show_transcript(self, exc.transcript)
            self.write_error(mail_error_record(exc, f"{server}:{port}"))
            return
        except (OSError, ValueError) as exc:
            self.write_error(ErrorRecord(SmtpException(f"Failure sending mail: {exc}"),
                                         "SmtpException", "InvalidArgument", server))
            return
        result.SettingsSource = source
        result.Warnings = warnings + result.Warnings
        if self.ShowTranscript:
            show_transcript(self, result.Transcript)
        for w in result.Warnings[len(warnings):]:
            self.write_warning(w)
        for skipped in result.AuthSkipped:
            self.write_verbose(f"AUTH {skipped}")
        if result.Rejected:
            self.write_warning("Some recipients were refused: " + "; ".join(result.Rejected))
        self.write_object(result)


OBSOLETE_WARNING = ("The command 'Send-MailMessage' is obsolete. This cmdlet does not guarantee "
                    "secure connections to SMTP servers. While there is no immediate replacement "
                    "available in PowerShell, we recommend you do not use Send-MailMessage at "
                    "this time. See https://aka.ms/SendMailMessage for more information.")


class SendMailMessage(Cmdlet):
    name = "Send-MailMessage"
    implementing_type = "Microsoft.PowerShell.Commands.SendMailMessage"
    help = Help(
        synopsis="Sends an email message.",
        description=(
            "The Send-MailMessage cmdlet sends an email message from within PowerShell. You "
            "must specify a Simple Mail Transfer Protocol (SMTP) server or the command fails. "
            "Use the SmtpServer parameter or set the $PSEmailServer variable to a valid SMTP "
            "server. -UseSsl requires STARTTLS. With -Credential the mechanism is chosen as "
            ".NET SmtpClient does (GSSAPI, NTLM, LOGIN, PLAIN). The command is obsolete in "
            "PowerShell 7 and says so in a warning; Send-TestMail is the spshell alternative "
            "that also returns the SMTP conversation."),
        examples=[
            Example("Send-MailMessage -From 'User01 <user01@fabrikam.com>' -To 'User02 "
                    "<user02@fabrikam.com>' -Subject 'Test mail' -SmtpServer mail.fabrikam.com",
                    "Sends a simple message."),
            Example("Send-MailMessage -To recipient@cobaltatom.com -From "
                    "sharepoint@cobaltatom.com -Subject 'Testing Smtp Mail' -Body 'Message Body'"
                    " -SmtpServer mail.cobaltatom.com -UseSsl -Port 587",
                    "Requires STARTTLS on port 587 (a published SharePoint test script)."),
            Example("Send-MailMessage -From a@contoso.com -To b@contoso.com -Subject Report "
                    "-Attachments .\\report.csv -Priority High -DeliveryNotificationOption "
                    "OnSuccess, OnFailure -SmtpServer $PSEmailServer",
                    "Sends an attachment with high priority and asks for delivery notices."),
        ])

    To = Parameter("string[]", mandatory=True, position=0, help="Recipient addresses.")
    Subject = Parameter(str, position=1, aliases=("sub",), help="Subject.")
    Body = Parameter(str, position=2, help="Message body.")
    SmtpServer = Parameter(str, position=3, aliases=("ComputerName",),
                           help="SMTP server; default $PSEmailServer.")
    From = Parameter(str, mandatory=True, help="Sender address.")
    Cc = Parameter("string[]", help="Carbon-copy recipients.")
    Bcc = Parameter("string[]", help="Blind carbon-copy recipients.")
    ReplyTo = Parameter("string[]", help="Reply-To addresses.")
    BodyAsHtml = Parameter(SwitchParameter, aliases=("BAH",), help="The body is HTML.")
    Attachments = Parameter("string[]", pipeline=True, aliases=("PsPath",),
                            help="Files to attach.")
    Port = Parameter(int, default=25, validate_range=(1, 65535), help="SMTP port (25).")
    Credential = Parameter(PSCredential, help="Account to authenticate with.")
    UseSsl = Parameter(SwitchParameter, help="Require STARTTLS.")
    Priority = Parameter(str, validate_set=("Normal", "High", "Low"), default="Normal",
                         help="Normal, High or Low.")
    Encoding = Parameter(str, aliases=("BE",), default="utf-8",
                         help="Character set of subject and body (default UTF-8).")
    DeliveryNotificationOption = Parameter(
        "string[]", aliases=("DNO",),
        validate_set=("None", "OnSuccess", "OnFailure", "Delay", "Never"),
        help="Delivery status notifications to request (DSN).")

    def begin(self):
        self.write_warning(OBSOLETE_WARNING)
        self._attachments = []

    def process(self):
        for a in self.Attachments or []:
            path = resolve_file(self, a)
            if not path.is_file():
                self.throw_terminating_error(ErrorRecord(
                    SmtpException(f"Could not find file '{path}'."), "FileNotFound",
                    "ObjectNotFound", str(a)))
            self._attachments.append(path)

    def end(self):
        from .client import MailMessage, SmtpSettings, send_mail

        server = self.SmtpServer
        if not server and self.context is not None:
            try:
                server = self.context.get_variable("PSEmailServer")
            except Exception:
                server = None
        if not server:
            self.throw_terminating_error(ErrorRecord(
                SmtpException("The email cannot be sent because no SMTP server was specified. "
                              "You must specify an SMTP server by using either the SmtpServer "
                              "parameter or the $SmtpServer variable."),
                "SmtpServerNotSpecified", "InvalidArgument", None))
        notify = None
        opts = [o for o in (self.DeliveryNotificationOption or []) if o != "None"]
        if "Never" in opts:
            notify = ["NEVER"]
        elif opts:
            notify = [{"OnSuccess": "SUCCESS", "OnFailure": "FAILURE", "Delay": "DELAY"}[o]
                      for o in opts if o in ("OnSuccess", "OnFailure", "Delay")]
        encoding = _encoding_name(self.Encoding)
        user = self.Credential.UserName if self.Credential is not None else None
        pw = self.Credential.Password if self.Credential is not None else None
        settings = SmtpSettings(str(server), self.Port or 25,
                                "StartTls" if self.UseSsl else "None", "Auto", user=user,
                                password=pw, home=home_of(self))
        message = MailMessage(self.From, list(self.To or []), self.Subject or "",
                              self.Body or "", cc=self.Cc or [], bcc=self.Bcc or [],
                              reply_to=", ".join(self.ReplyTo) if self.ReplyTo else None,
                              html=bool(self.BodyAsHtml), attachments=self._attachments,
                              priority=self.Priority or "Normal", encoding=encoding,
                              notify=notify)
        try:
            result = send_mail(settings, message)
        except MailError as exc:
            exc.message = dotnet_message(exc)
            self.write_error(mail_error_record(exc, str(server)))
            return
        except LookupError:
            self.throw_terminating_error(ErrorRecord(
                SmtpException(f"'{self.Encoding}' is not a supported encoding name."),
                "ArgumentException", "InvalidArgument", self.Encoding))
        if result.Rejected:
            self.write_error(ErrorRecord(
                SmtpException("Mailbox unavailable. The server response was: "
                              + "; ".join(result.Rejected)),
                "SmtpFailedRecipientsException", "InvalidOperation", str(server)))


def _encoding_name(value):
    v = (value or "utf-8").lower().replace("-", "")
    return {"utf8": "utf-8", "utf8bom": "utf-8", "utf8nobom": "utf-8", "unicode": "utf-16",
            "ascii": "us-ascii", "default": "utf-8", "utf32": "utf-32",
            "bigendianunicode": "utf-16-be", "oem": "cp437",
            "latin1": "iso-8859-1"}.get(v, value)


def dotnet_message(exc: MailError):
    """The text .NET SmtpClient puts in its SmtpException for the same failure."""
    if exc.step == "message":
        return exc.message
    reply = exc.reply or ""
    text_after_code = reply[4:] if reply[:3].isdigit() else reply
    if exc.step == "MAIL FROM" and exc.code == 530:
        return ("The SMTP server requires a secure connection or the client was not "
                f"authenticated. The server response was: {text_after_code}")
    if exc.step == "STARTTLS" and exc.code is None:
        return "Server does not support secure connections."
    if exc.category == "SecurityError" and "certificate" in exc.message:
        return "The remote certificate is invalid according to the validation procedure."
    if exc.step in ("connect", "DNS"):
        return f"Failure sending mail. Unable to connect to the remote server ({exc.message})"
    if exc.step == "RCPT TO" and exc.code:
        return f"Mailbox unavailable. The server response was: {text_after_code}"
    if exc.step == "AUTH" and exc.code:
        return f"The SMTP server rejected the credentials. The server response was: {reply}"
    return f"Failure sending mail. {exc.message}"
