"""The forms of Central Administration, apart from HTTP: what a form shows for stored state, how
posted fields are checked, and the farm call that saves them.

Validation and saving use the farm's own domain functions (farm.validate_mail_address,
farm.validate_port, FarmSession.update_mail_settings), so the browser and Set-SPWebApplication
accept and refuse the same values with the same messages -- including the missing application
credential key. A form with any bad field saves nothing.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from spshell.runtime.errors import DotNetException

from .. import farm as F

# SharePoint's required-field validator text (Central Administration's InputFormSection fields).
REQUIRED = "You must specify a value for this required field."
PORT_NOT_NUMBER = "The SMTP server port must be a whole number from 1 to 65535."
SERVER_NAME_BAD = ("The server name must be a host name or an IP address, without spaces, a port "
                   "or any of the characters / \\ ? # @.")
CHOOSE_ONE = "Select one of the listed values."
PASSWORD_NEEDED = ("Type the password of this account. (A stored password is kept only while the "
                   "user name stays the same.)")

# The Character set list (code page, label) of the Outgoing E-Mail Settings page. Only code pages
# spshell's mail client can encode are offered (it maps 65001 to UTF-8 and n to Python's "cpn").
_CHARSETS = [
    (65001, "Unicode (UTF-8)"), (1256, "Arabic (Windows)"), (1257, "Baltic (Windows)"),
    (1250, "Central European (Windows)"), (936, "Chinese Simplified (GB2312)"),
    (950, "Chinese Traditional (Big5)"), (1251, "Cyrillic (Windows)"),
    (1253, "Greek (Windows)"), (1255, "Hebrew (Windows)"), (932, "Japanese (Shift-JIS)"),
    (949, "Korean"), (874, "Thai (Windows)"), (1254, "Turkish (Windows)"),
    (1258, "Vietnamese (Windows)"), (1252, "Western European (Windows)"),
]


def _encodable(code_page: int) -> bool:
    if code_page == 65001:
        return True
    try:
        codecs.lookup(f"cp{code_page}")
        return True
    except LookupError:
        return False


CHARACTER_SETS = [(cp, label) for cp, label in _CHARSETS if _encodable(cp)]


def _server_name_ok(name: str) -> bool:
    """A host name or an IP address: the port has its own box, and a URL is not a server."""
    if ":" in name:
        import ipaddress
        try:
            return isinstance(ipaddress.ip_address(name.strip("[]")), ipaddress.IPv6Address)
        except ValueError:
            return False
    return not any(c.isspace() or c in "/\\?#@" for c in name)


def _message(exc: DotNetException) -> str:
    return str(getattr(exc, "Message", None) or exc)


def _error_id(exc) -> str:
    rec = getattr(exc, "error_record", None)
    return str(getattr(rec, "error_id", "") or getattr(rec, "FullyQualifiedErrorId", "") or "")


@dataclass
class MailForm:
    """The fields of Outgoing E-Mail Settings (farm) and Web Application Outgoing E-Mail Settings.
    ``password`` is only ever what the browser just posted: it is never filled from the store."""
    server: str = ""
    port: str = "25"
    from_address: str = ""
    reply_to: str = ""
    code_page: str = "65001"
    use_tls: str = "no"
    auth: str = "anonymous"
    user: str = ""
    password: str = field(default="", repr=False)
    errors: dict = field(default_factory=dict)
    stored_password: bool = False
    stored_code_page: int = 65001

    @classmethod
    def from_row(cls, row) -> "MailForm":
        authenticated = bool(row.get("smtp_user") or row.get("smtp_password"))
        return cls(server=row.get("smtp_server") or "",
                   port=str(int(row.get("smtp_port") or 25)),
                   from_address=row.get("mail_from") or "",
                   reply_to=row.get("mail_reply_to") or "",
                   code_page=str(int(row.get("mail_code_page") or 65001)),
                   use_tls="yes" if row.get("mail_enable_ssl") else "no",
                   auth="credentials" if authenticated else "anonymous",
                   user=row.get("smtp_user") or "",
                   stored_password=bool(row.get("smtp_password")),
                   stored_code_page=int(row.get("mail_code_page") or 65001))

    @classmethod
    def from_post(cls, data, row) -> "MailForm":
        def get(name):
            v = data.get(name)
            return "" if v is None else str(v)
        return cls(server=get("server").strip(), port=get("port").strip(),
                   from_address=get("from_address").strip(), reply_to=get("reply_to").strip(),
                   code_page=get("code_page").strip(), use_tls=get("use_tls").strip().lower(),
                   auth=get("auth").strip().lower(), user=get("user").strip(),
                   password=get("password"), stored_password=bool(row.get("smtp_password")),
                   stored_code_page=int(row.get("mail_code_page") or 65001))

    def character_sets(self):
        """The list to show: the stored code page (set by a script through UpdateMailSettings)
        stays selectable even when the list does not offer it."""
        sets = list(CHARACTER_SETS)
        current = self.stored_code_page
        if all(cp != current for cp, _ in sets):
            sets.append((current, f"Code page {current}"))
        return sets

    # ---- checking and saving
    def check(self, row):
        """Field errors (also stored on self.errors) and the arguments for
        FarmSession.update_mail_settings when there are none."""
        err = {}
        kw = {}
        if not _server_name_ok(self.server):
            err["server"] = SERVER_NAME_BAD
        if self.port == "":
            kw["port"] = 25  # documented: no port given means port 25
        else:
            try:
                kw["port"] = F.validate_port(int(self.port))
            except ValueError:
                err["port"] = PORT_NOT_NUMBER
            except DotNetException as exc:
                err["port"] = _message(exc)
        # field name = update_mail_settings keyword; the parameter name is the cmdlet's
        for name, param in (("from_address", "OutgoingEmailAddress"),
                            ("reply_to", "ReplyToEmailAddress")):
            value = getattr(self, name)
            if not value:
                if self.server:
                    err[name] = REQUIRED
                else:
                    kw[name] = None
                continue
            try:
                kw[name] = F.validate_mail_address(value, param)
            except DotNetException as exc:
                err[name] = _message(exc)
        try:
            cp = int(self.code_page)
            if cp not in {c for c, _ in self.character_sets()}:
                raise ValueError
            kw["code_page"] = cp
        except ValueError:
            err["code_page"] = CHOOSE_ONE
        if self.use_tls not in ("yes", "no"):
            err["use_tls"] = CHOOSE_ONE
        else:
            kw["enable_ssl"] = self.use_tls == "yes"
        if self.auth == "anonymous":
            kw["credentials"] = None
        elif self.auth == "credentials":
            if not self.user:
                err["user"] = REQUIRED
            if self.password:
                kw["credentials"] = (self.user, self.password)
            elif self.stored_password and self.user == (row.get("smtp_user") or ""):
                kw["credentials"] = F.KEEP  # write-only field left empty: keep the password
            else:
                err["password"] = PASSWORD_NEEDED
        else:
            err["auth"] = CHOOSE_ONE
        self.errors = err
        return err, kw

    def save(self, session, row) -> bool:
        """Check, then save through the farm; False (with self.errors) if anything is wrong."""
        err, kw = self.check(row)
        if err:
            return False
        try:
            session.update_mail_settings(row["id"], self.server or None, **kw)
        except DotNetException as exc:
            # The farm refuses credentials on a server without the application credential key
            # (the same error Set-SPWebApplication -SMTPCredentials gives); show it by the
            # password box, where the user acted.
            target = "password" if kw.get("credentials") not in (None, F.KEEP) and \
                "credentialkey" in _error_id(exc).lower() else "_form"
            self.errors = {target: _message(exc)}
            return False
        finally:
            self.password = ""
        return True


@dataclass
class RuleForm:
    """Edit Item of a health rule definition (the configurable fields of §3.3)."""
    title: str = ""
    scope: str = ""
    schedule: str = ""
    enabled: bool = True
    repair: bool = False
    errors: dict = field(default_factory=dict)

    @classmethod
    def from_rule(cls, rule) -> "RuleForm":
        return cls(title=rule.Title, scope=rule.Scope, schedule=rule.Schedule,
                   enabled=rule.Enabled, repair=rule.RepairAutomatically)

    @classmethod
    def from_post(cls, data) -> "RuleForm":
        return cls(title=str(data.get("title") or "").strip(),
                   scope=str(data.get("scope") or ""), schedule=str(data.get("schedule") or ""),
                   enabled=data.get("enabled") == "on", repair=data.get("repair") == "on")

    def changes(self, rule):
        from ..health.rules import SCHEDULES, SCOPES
        err = {}
        if not self.title:
            err["title"] = REQUIRED
        elif len(self.title) > 255:
            err["title"] = "The title can be at most 255 characters long."
        if self.scope not in SCOPES:
            err["scope"] = CHOOSE_ONE
        if self.schedule not in SCHEDULES:
            err["schedule"] = CHOOSE_ONE
        self.errors = err
        if err:
            return None
        out = {}
        if self.title != rule.Title:
            out["title"] = self.title
        if self.scope != rule.Scope:
            out["scope"] = self.scope
        if self.schedule != rule.Schedule:
            out["schedule"] = self.schedule
        if self.enabled != rule.Enabled:
            out["enabled"] = int(self.enabled)
        if self.repair != rule.RepairAutomatically:
            out["repair_automatically"] = int(self.repair)
        return out
