"""The farm's outgoing-mail settings as this host sees them, for Send-TestMail's default path.

The SharePoint module owns the settings and the decryption
(``cmdlets.sharepoint.mailsettings.read_smtp_settings``); this adapter turns its answer into
the few fields the mail client needs, so the SMTP client itself never depends on a farm.
"""
from __future__ import annotations

from spshell.runtime.objects import SecureString


class FarmMailSettings:
    def __init__(self):
        self.server = None
        self.port = 25
        self.enable_ssl = False
        self.from_address = None
        self.reply_to = None
        self.user = None
        self.password = None  # SecureString
        self.credential_problem = None  # why stored credentials could not be read
        self.source = "farm"
        self.credential_status = ""
        self.encoding = "utf-8"


def _get(obj, *names, default=None):
    for name in names:
        if isinstance(obj, dict):
            for k, v in obj.items():
                if str(k).lower() == name.lower():
                    return v
        else:
            for attr in (name, name.lower()):
                if hasattr(obj, attr):
                    return getattr(obj, attr)
    return default


def read(context, web_application=None):
    """FarmMailSettings, or raises MailError when no farm/settings are available."""
    from .errors import MailError
    try:
        from cmdlets.sharepoint.mailsettings import read_smtp_settings
    except ImportError:
        raise MailError("settings", "This host has no farm outgoing e-mail settings to use "
                        "(the SharePoint module is not available); give -SmtpServer.",
                        category="ObjectNotFound") from None
    try:
        raw = read_smtp_settings(context, web_application)
    except MailError:
        raise
    except Exception as exc:  # the SharePoint module's own error (no farm, no web app...)
        text = str(getattr(exc, "Message", None) or exc).rstrip()
        raise MailError("settings", f"{text} Without -SmtpServer, Send-TestMail uses the farm's "
                        "outgoing e-mail settings; give -SmtpServer to test a server directly.",
                        category="ObjectNotFound") from None
    s = FarmMailSettings()
    s.server = _get(raw, "server", "smtp_server", "SmtpServer")
    s.port = int(_get(raw, "port", "smtp_port", "Port", default=25) or 25)
    s.enable_ssl = bool(_get(raw, "enable_ssl", "EnableSsl", "use_tls", default=False))
    s.from_address = _get(raw, "from_address", "sender", "mail_from", "From")
    s.reply_to = _get(raw, "reply_to", "reply_to_address", "ReplyTo")
    s.user = _get(raw, "user_name", "user", "UserName") or None
    pw = _get(raw, "password", "Password")
    if isinstance(pw, str):
        pw = SecureString(pw)
    s.password = pw
    status = str(_get(raw, "credential_status", default="") or "")
    s.credential_status = status
    s.credential_problem = None if status.lower() in ("ok", "anonymous") else _get(
        raw, "credential_error", "credential_problem", "reason", "error")
    if s.credential_problem is not None and not isinstance(s.credential_problem, str):
        s.credential_problem = str(getattr(s.credential_problem, "Message", None)
                                   or s.credential_problem)
    s.source = str(_get(raw, "web_application_url", "source", "url", default="farm") or "farm")
    code_page = _get(raw, "code_page", default=65001) or 65001
    s.encoding = "utf-8" if int(code_page) == 65001 else f"cp{int(code_page)}"
    if not s.server:
        raise MailError("settings", "Outgoing e-mail is not configured for this farm (no "
                        "outbound SMTP server). Configure it with Set-SPWebApplication "
                        "-SMTPServer, or give -SmtpServer.", category="ObjectNotFound")
    return s


def credential_warning(farm: FarmMailSettings):
    """SharePoint's behaviour when this host cannot decrypt the stored SMTP password."""
    return (f"This server cannot read the credentials for the outgoing e-mail server: "
            f"{farm.credential_problem} SharePoint sends anonymously in this case; so does "
            "this test.")


def send_with_farm_settings(context, to, subject, body, *, web_application=None, html=False,
                            cc=(), bcc=(), sender=None, headers=None, home=None,
                            transcript=True, timeout=100):
    """Send as SharePoint itself does (SPUtility.SendEmail, alerts): the outgoing e-mail settings
    in effect on this host, STARTTLS required when "Use TLS" is on, the mechanism SmtpClient
    would pick, and anonymous when this host cannot decrypt the stored credentials (the
    returned SendResult's Warnings then say so). Raises MailError on failure (``.transcript``,
    ``.result``)."""
    from ._common import home_of_context
    from .client import MailMessage, SmtpSettings, send_mail

    farm = read(context, web_application)
    warnings = []
    user, password = None, None
    if farm.credential_problem:
        warnings.append(credential_warning(farm))
    elif farm.user:
        user, password = farm.user, farm.password
    settings = SmtpSettings(farm.server, farm.port, "StartTls" if farm.enable_ssl else "None",
                            "Auto", user=user, password=password, timeout=timeout,
                            home=home if home is not None else home_of_context(context))
    message = MailMessage(sender or farm.from_address or "sharepoint@localhost", to, subject,
                          body, cc=cc, bcc=bcc, reply_to=farm.reply_to or None, html=html,
                          encoding=farm.encoding, headers=headers)
    result = send_mail(settings, message, transcript)
    result.SettingsSource = farm.source
    result.Warnings = warnings + result.Warnings
    return result
