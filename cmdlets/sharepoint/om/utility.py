"""``[Microsoft.SharePoint.Utilities.SPUtility]::SendEmail``: the object-model way to send mail
through the farm, as the classic test scripts do.

It sends through the outgoing e-mail settings of the web's web application (the farm's, i.e.
Central Administration's, when the web application has none of its own) with the mail module's
client (cmdlets.mail.farmsettings.send_with_farm_settings): STARTTLS required when "Use TLS" is
on, authenticating when this server can decrypt the stored SMTP credentials and anonymously
otherwise, as SharePoint does. Like SharePoint it never throws for a mail failure: it writes the
failure to this server's ULS log (Area "SharePoint Foundation", Category "E-Mail") and returns
$false, which is why scripts read the log with Get-SPLogEvent when it does.
"""
from __future__ import annotations

import html as _html
import re
import uuid

from spshell.runtime.dotnet.base import sig
from spshell.runtime.errors import ArgumentNullException, DotNetException, ErrorRecord

from .. import bridge
from . import messages as M

_WEB = "Microsoft.SharePoint.SPWeb"
_DICT = "System.Collections.Specialized.StringDictionary"


def _context():
    ref = bridge._context_ref
    return ref() if ref is not None else None


def _uls(level, tag, message, correlation, web=None):
    from ..uls import log
    host, home = bridge.host_and_home(_context())
    ctx = {"Url": web.Url} if web is not None else {}
    if web is not None:
        ctx["SiteName"] = web.Site.Url
    import getpass
    try:
        ctx["UserName"] = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not worth failing a log line for
        pass
    return log.write(home, host, M.ULS_CATEGORY, tag, level, message, correlation, context=ctx)


def _split(addresses):
    if addresses is None:
        return []
    items = addresses if isinstance(addresses, (list, tuple)) else [addresses]
    return [a.strip() for item in items for a in re.split(r"[;,]", str(item)) if a.strip()]


def send(web, to, subject, body, *, html=True, cc=(), bcc=(), sender=None, headers=None):
    """Send one message for ``web``; True when the server accepted it, False otherwise (logged)."""
    from cmdlets.mail.errors import MailError
    from cmdlets.mail.farmsettings import send_with_farm_settings

    if web is None:
        exc = ArgumentNullException("Value cannot be null.\r\nParameter name: web")
        ErrorRecord(exc, "ArgumentNullException", "InvalidArgument")
        raise exc
    correlation = uuid.uuid4()
    recipients = _split(to)
    if not recipients:
        _uls("Unexpected", M.TAG_FAILED, M.FAILED.format(1, subject, "A recipient must be "
                                                         "specified."), correlation, web)
        return False
    site = web.Site
    webapp_id = site._row["web_application_id"]
    try:
        from ..mailsettings import read_smtp_settings
        settings = read_smtp_settings(_context(), webapp_id)
    except DotNetException as exc:
        _uls("Unexpected", M.TAG_FAILED, M.FAILED.format(1, subject, exc.Message), correlation,
             web)
        return False
    if not settings.server:
        _uls("Unexpected", M.TAG_NOT_CONFIGURED, M.NOT_CONFIGURED.format(
            settings.web_application_url, subject), correlation, web)
        return False
    creds = {"Ok": f"authenticated as {settings.user_name}", "Anonymous": "anonymous"}.get(
        settings.credential_status, f"cannot be read ({settings.credential_status})")
    _uls("Verbose", M.TAG_SENDING, M.SENDING.format(settings.server, settings.port, web.Url,
                                                    subject, creds), correlation, web)
    if settings.credential_error:  # SharePoint logs it and goes on anonymously
        _uls("Monitorable", M.TAG_ANONYMOUS, M.ANONYMOUS.format(settings.credential_error),
             correlation, web)
    try:
        result = send_with_farm_settings(_context(), recipients, subject, body,
                                         web_application=webapp_id, html=html, cc=_split(cc),
                                         bcc=_split(bcc), sender=sender, headers=headers)
    except MailError as exc:
        _uls("Monitorable", M.TAG_FAILED, M.FAILED.format(1, subject, exc.message), correlation,
             web)
        return False
    for warning in getattr(result, "Warnings", []) or []:
        if settings.credential_error and settings.credential_error in str(warning):
            continue  # already logged above
        _uls("Monitorable", M.TAG_ANONYMOUS, M.ANONYMOUS.format(warning), correlation, web)
    who = f"{result.Mechanism} as {result.AuthenticatedAs}" if result.AuthenticatedAs else \
        result.Mechanism
    _uls("Medium", M.TAG_SENT, M.SENT.format(result.Server, result.Port, result.Encryption, who,
                                             subject, result.ServerReply), correlation, web)
    return bool(result.Sent)


class SPUtility:
    """Microsoft.SharePoint.Utilities.SPUtility (the members the published scripts use)."""

    __ps_type__ = "Microsoft.SharePoint.Utilities.SPUtility"

    @staticmethod
    @sig(f"static bool SendEmail({_WEB} web, {_DICT} messageHeaders, string messageBody)",
         f"static bool SendEmail({_WEB} web, {_DICT} messageHeaders, string messageBody, "
         f"bool appendFooter)",
         f"static bool SendEmail({_WEB} web, bool fAppendHtmlTag, bool fHtmlEncode, string to, "
         f"string subject, string htmlBody)",
         f"static bool SendEmail({_WEB} web, bool fAppendHtmlTag, bool fHtmlEncode, string to, "
         f"string subject, string htmlBody, bool appendFooter)")
    def SendEmail(web, *args):
        # appendFooter adds the farm's configured mail footer; spshell farms configure none.
        if len(args) in (2, 3):
            headers, body = args[0], args[1]
            if headers is None:
                exc = ArgumentNullException("Value cannot be null.\r\nParameter name: "
                                            "messageHeaders")
                ErrorRecord(exc, "ArgumentNullException", "InvalidArgument")
                raise exc
            fields = {str(k).lower(): ("" if v is None else str(v)) for k, v in headers.items()}
            content_type = fields.pop("content-type", "text/plain")
            extra = {k: v for k, v in fields.items()
                     if k not in ("to", "cc", "bcc", "from", "subject")}
            return send(web, fields.get("to"), fields.get("subject", ""), body or "",
                        html="html" in content_type.lower(), cc=fields.get("cc"),
                        bcc=fields.get("bcc"), sender=fields.get("from") or None,
                        headers=extra or None)
        append_html, html_encode, to, subject, body = args[:5]
        text = body or ""
        if html_encode:
            text = _html.escape(text, quote=False)
        if append_html:
            text = f"<html><body>{text}</body></html>"
        # SharePoint sends this overload as an HTML message whatever the two flags say.
        return send(web, to, subject or "", text, html=True)

    @staticmethod
    @sig("static bool IsEmailServerSet(Microsoft.SharePoint.SPWeb web)")
    def IsEmailServerSet(web):
        if web is None:
            return False
        from ..mailsettings import read_smtp_settings
        try:
            return bool(read_smtp_settings(_context(), web.Site._row["web_application_id"])
                        .server)
        except DotNetException:
            return False

    @staticmethod
    @sig("static string GetFullUrl(Microsoft.SharePoint.SPSite site, string webUrl)")
    def GetFullUrl(site, web_url):
        text = "" if web_url is None else str(web_url)
        if "://" in text:
            return text
        base = site.Url.split("//", 1)
        host = base[1].split("/", 1)[0] if len(base) > 1 else ""
        return f"{base[0]}//{host}/{text.lstrip('/')}"


class SPSecurity:
    """Microsoft.SharePoint.SPSecurity: scripts wrap object-model calls in
    RunWithElevatedPrivileges. A lab farm has one identity, so the code simply runs."""

    __ps_type__ = "Microsoft.SharePoint.SPSecurity"

    @staticmethod
    @sig("static void RunWithElevatedPrivileges("
         "Microsoft.SharePoint.SPSecurity+CodeToRunElevated secureCode)")
    def RunWithElevatedPrivileges(secure_code):
        if secure_code is None:
            exc = ArgumentNullException("Value cannot be null.\r\nParameter name: secureCode")
            ErrorRecord(exc, "ArgumentNullException", "InvalidArgument")
            raise exc
        # a delegate returns nothing: the script block runs in its own scope, output dropped
        secure_code.Invoke()
