"""What the mail module needs from the farm: the outgoing e-mail settings in effect on this host.

    from cmdlets.sharepoint.mailsettings import read_smtp_settings
    s = read_smtp_settings(context)                  # the farm's (Central Administration) settings
    s = read_smtp_settings(context, web_application) # an SPWebApplication, URL, name or GUID
    s.server, s.port, s.enable_ssl, s.from_address, s.reply_to, s.code_page,
    s.user_name, s.password (SecureString or None), s.credential_status, s.credential_error

A web application without its own SMTP server uses the farm's settings (Central Administration's),
as SharePoint does. ``credential_status`` is one of CredentialStatus: "Anonymous" (no credentials
stored), "Ok" (password decrypted), "MissingKey" (this host has no application credential key),
"DifferentKey" (this host's key is not the one that sealed the password) or "Tampered" (the stored
ciphertext or its fingerprint was modified); for the last three ``credential_error`` is the
user-facing message and ``password`` is None. ``require_password()`` raises that error as a
System.Security.SecurityException (with its ErrorRecord) for callers that must authenticate.
Farm-level failures (host not in a farm, unknown web application) raise the cmdlets' errors.
"""
from __future__ import annotations

from dataclasses import dataclass

from spshell.runtime.errors import ErrorRecord, SecurityException
from spshell.runtime.objects import SecureString

from .bridge import current_session
from .farm import CredentialStatus
from .model import SPWebApplication
from .resolve import resolve_web_applications


@dataclass
class SmtpSettings:
    web_application_url: str
    server: str | None
    port: int
    enable_ssl: bool
    from_address: str
    reply_to: str
    code_page: int
    user_name: str | None
    password: SecureString | None
    credential_status: str
    credential_error: str | None
    host: str

    @property
    def authenticated(self) -> bool:
        return self.credential_status != CredentialStatus.ANONYMOUS

    def require_password(self) -> SecureString | None:
        if self.credential_status in (CredentialStatus.ANONYMOUS, CredentialStatus.OK):
            return self.password
        exc = SecurityException(self.credential_error)
        ErrorRecord(exc, "OutgoingEmailCredentials" + self.credential_status, "SecurityError",
                    self.web_application_url)
        raise exc

    def __repr__(self):  # never show the password, even as an object
        return (f"SmtpSettings(server={self.server!r}, port={self.port}, "
                f"enable_ssl={self.enable_ssl}, user_name={self.user_name!r}, "
                f"credential_status={self.credential_status!r})")


def read_smtp_settings(context, web_application=None) -> SmtpSettings:
    sess = current_session(context)
    if web_application is None:
        row = sess.central_admin_row()
    else:
        wa = resolve_web_applications(sess, web_application)[0]
        row = wa._row
        if not row.get("smtp_server"):
            row = sess.central_admin_row() or row
    status, plain, message = sess.credential_status(row)
    return SmtpSettings(
        web_application_url=row["url"], server=row.get("smtp_server"),
        port=int(row.get("smtp_port") or 25), enable_ssl=bool(row.get("mail_enable_ssl")),
        from_address=row.get("mail_from") or "", reply_to=row.get("mail_reply_to") or "",
        code_page=int(row.get("mail_code_page") or 65001),
        user_name=row.get("smtp_user") or None,
        password=SecureString(plain) if plain is not None else None,
        credential_status=status, credential_error=message, host=sess.host)


__all__ = ["read_smtp_settings", "SmtpSettings", "CredentialStatus", "SPWebApplication"]
