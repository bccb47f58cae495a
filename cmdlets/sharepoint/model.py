"""The SharePoint object model scripts see: SPFarm, SPServer, SPWebApplication,
SPOutboundMailServiceInstance, SPManagedAccount, SPGlobalAdmin and the PipeBind types.

Members follow the value-model rule (objects.py): public names starting with an upper-case letter
are what scripts see. Objects are snapshots of their row, as SharePoint's are: changing a
property marks it dirty and ``Update()`` writes the dirty fields in one transaction (only those,
so a concurrent change to another field is never overwritten).
"""
from __future__ import annotations

import uuid
from datetime import datetime

from spshell.runtime.dotnet.base import sig, static_prop
from spshell.runtime.errors import (ErrorRecord, MethodException, PSInvalidOperationException,
                                    SecurityException)
from spshell.runtime.objects import Hashtable, SecureString

from . import farm as F
from . import messages as M
from .store import loads


def _method_overload_error(name, count):
    exc = MethodException(f'Cannot find an overload for "{name}" and the argument count: '
                          f'"{count}".')
    ErrorRecord(exc, "MethodCountCouldNotFindBest", "NotSpecified")
    return exc


def _to_bool(v):
    if isinstance(v, str):
        low = v.strip().lower()
        if low in ("true", "false"):
            return low == "true"
        raise ValueError(v)
    return bool(v)


def _parse_time(text):
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _persisted_members():
    """SPPersistedObject's Id, Version and Farm, assigned at the end of each class body so that
    Format-List * shows a class's own properties first, as SharePoint's objects do."""
    return (property(lambda self: uuid.UUID(self._row["id"])),
            property(lambda self: int(self._row.get("revision") or 0)),
            property(lambda self: SPFarm(self._s)))


class _Persisted:
    """SPPersistedObject basics shared by SPServer and SPWebApplication."""

    _type_label = "SPPersistedObject"

    def __init__(self, session, row):
        self._s = session
        self._row = dict(row)

    def __str__(self):
        return f"{self._type_label} Name={self.Name}"

    def ToString(self):
        return str(self)

    def __repr__(self):
        return f"<{self._type_label} {self.Name!r}>"


# ---------------------------------------------------------------------------------------------

class SPFarm:
    __ps_type__ = "Microsoft.SharePoint.Administration.SPFarm"
    __ps_type_names__ = ("Microsoft.SharePoint.Administration.SPFarm",
                         "Microsoft.SharePoint.Administration.SPPersistedUpgradableObject",
                         "Microsoft.SharePoint.Administration.SPPersistedObject",
                         "System.Object")
    __ps_default_display__ = ("Name", "Status")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Name", "Name"), ("Status", "Status")]

    def __init__(self, session, row=None):
        self._s = session
        self._row = row or session.farm_row()
        self._props = None

    @property
    def Name(self):
        return self._row["name"]

    @property
    def DisplayName(self):
        return self._row["name"]

    @property
    def Id(self):
        return uuid.UUID(self._row["id"])

    @property
    def Status(self):
        return "Online"

    @property
    def BuildVersion(self):
        return self._row["build_version"]

    @property
    def Version(self):
        return int(self._row["revision"])

    @property
    def DefaultServiceAccount(self):
        return self._row.get("farm_account") or ""

    @property
    def Servers(self):
        return [SPServer(self._s, r) for r in self._s.servers()]

    @property
    def Properties(self):
        if self._props is None:
            self._props = Hashtable(loads(self._row.get("properties")))
        return self._props

    def CurrentUserIsAdministrator(self, *args):
        return True

    def Update(self, *args):
        if self._props is not None:
            self._s.update_farm_properties({str(k): v for k, v in self._props.items()})
        self._row = self._s.farm_row()

    def __str__(self):
        return f"SPFarm Name={self.Name}"

    def ToString(self):
        return str(self)


class SPServer(_Persisted):
    __ps_type__ = "Microsoft.SharePoint.Administration.SPServer"
    __ps_type_names__ = ("Microsoft.SharePoint.Administration.SPServer",
                         "Microsoft.SharePoint.Administration.SPPersistedUpgradableObject",
                         "Microsoft.SharePoint.Administration.SPPersistedObject",
                         "System.Object")
    __ps_default_display__ = ("Name", "Address", "Role", "Status")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Name", "Name"), ("Address", "Address"), ("Role", "Role"),
                            ("Status", "Status")]
    _type_label = "SPServer"

    def __init__(self, session, row):
        super().__init__(session, row)
        self._dirty = {}

    @property
    def Name(self):
        return self._row["name"]

    @property
    def DisplayName(self):
        return self._row["name"]

    @property
    def Address(self):
        return self._row["address"]

    @property
    def Role(self):
        return self._dirty.get("role", self._row["role"])

    @Role.setter
    def Role(self, value):
        v = str(value)
        match = [r for r in F.SERVER_ROLES if r.lower() == v.lower()]
        if not match:
            raise ValueError(f"'{v}' is not a valid SPServerRole")
        self._dirty["role"] = match[0]

    @property
    def Status(self):
        return self._row["status"]

    @property
    def NeedsUpgrade(self):
        return bool(self._row["needs_upgrade"])

    @property
    def CompliantWithMinRole(self):
        return True

    @property
    def IsDistributedCacheHost(self):
        return bool(self._row["distributed_cache"])

    @property
    def JoinedTime(self):
        return _parse_time(self._row.get("joined"))

    def Update(self, *args):
        if self._dirty:
            self._s.update_server(self._row["id"], self._dirty)
            self._dirty = {}
        self._row = self._s.server_row(self._row["id"]) or self._row

    Id, Version, Farm = _persisted_members()


class SPMailServer:
    """The SMTP host an SPOutboundMailServiceInstance points at (SharePoint models it as an
    SPServer with role Invalid; it is not a member of the farm)."""

    __ps_type__ = "Microsoft.SharePoint.Administration.SPServer"
    __ps_default_display__ = ("Name", "Address", "Role", "Status")

    def __init__(self, name):
        self.Name = name
        self.Address = name
        self.DisplayName = name
        self.Role = "Invalid"
        self.Status = "Online"

    def __str__(self):
        return f"SPServer Name={self.Name}"


class SPOutboundMailServiceInstance:
    __ps_type__ = "Microsoft.SharePoint.Administration.SPOutboundMailServiceInstance"
    __ps_type_names__ = ("Microsoft.SharePoint.Administration.SPOutboundMailServiceInstance",
                         "Microsoft.SharePoint.Administration.SPServiceInstance",
                         "System.Object")
    __ps_default_display__ = ("TypeName", "Status", "Server")

    def __init__(self, server_name):
        self.Server = SPMailServer(server_name)
        self.TypeName = "Outgoing E-mail Service Instance"
        self.Status = "Online"
        self.Name = ""

    def __str__(self):
        return f"SPOutboundMailServiceInstance ({self.Server.Name})"


class SPApplicationPool:
    __ps_type__ = "Microsoft.SharePoint.Administration.SPApplicationPool"
    __ps_default_display__ = ("Name", "Username")

    def __init__(self, name, account):
        self.Name = name
        self.Username = account
        self.CurrentIdentityType = "SpecificUser"

    def __str__(self):
        return f"SPApplicationPool Name={self.Name}"


_MAIL_FIELDS = {"OutboundMailOverrideEnvelopeSender": "mail_override_sender"}


class SPWebApplication(_Persisted):
    __ps_type__ = "Microsoft.SharePoint.Administration.SPWebApplication"
    __ps_type_names__ = ("Microsoft.SharePoint.Administration.SPWebApplication",
                         "Microsoft.SharePoint.Administration.SPWebService",
                         "Microsoft.SharePoint.Administration.SPPersistedUpgradableObject",
                         "Microsoft.SharePoint.Administration.SPPersistedObject",
                         "System.Object")
    __ps_default_display__ = ("DisplayName", "Url")
    __ps_view__ = "table"
    __ps_table_columns__ = [("DisplayName", "DisplayName"), ("Url", "Url")]
    _type_label = "SPWebApplication"

    def __init__(self, session, row):
        super().__init__(session, row)
        self._dirty = {}
        self._props = None

    def _get(self, column):
        return self._dirty.get(column, self._row.get(column))

    def _settings(self):
        return loads(self._row.get("settings"))

    # ---- identity
    @property
    def Name(self):
        return self._row["name"]

    @property
    def DisplayName(self):
        return self._get("display_name")

    @DisplayName.setter
    def DisplayName(self, value):
        self._dirty["display_name"] = "" if value is None else str(value)

    @property
    def Url(self):
        return self._row["url"]

    @property
    def IsAdministrationWebApplication(self):
        return bool(self._row["is_admin"])

    @property
    def DefaultServerComment(self):
        return self._row["default_server_comment"]

    @property
    def ApplicationPool(self):
        pool = self._s.application_pool(self._row.get("application_pool"))
        if not pool:
            return None
        return SPApplicationPool(pool["name"], pool["account"])

    @property
    def UseClaimsAuthentication(self):
        return True

    @property
    def AllowAnonymous(self):
        return bool(self._row.get("allow_anonymous"))

    @property
    def AuthenticationMethod(self):
        return self._row.get("authentication_method") or "NTLM"

    @property
    def Port(self):
        return int(self._row["port"])

    @property
    def HostHeader(self):
        return self._row.get("host_header") or ""

    @property
    def Path(self):
        return self._row.get("path") or ""

    @property
    def SecureSocketsLayer(self):
        return bool(self._row.get("ssl"))

    @property
    def ContentDatabaseName(self):
        return self._row.get("database_name") or ""

    @property
    def DefaultTimeZone(self):
        v = self._settings().get("general", {}).get("DefaultTimeZone")
        return -1 if v is None else int(v)

    @property
    def DefaultQuotaTemplate(self):
        return self._settings().get("general", {}).get("DefaultQuotaTemplate") or ""

    @property
    def ServiceApplicationProxyGroup(self):
        return self._settings().get("general", {}).get("ServiceApplicationProxyGroup")

    @property
    def Created(self):
        return _parse_time(self._row.get("created"))

    @property
    def Properties(self):
        if self._props is None:
            self._props = Hashtable(loads(self._row.get("properties")))
        return self._props

    # ---- outgoing mail
    @property
    def OutboundMailServiceInstance(self):
        server = self._row.get("smtp_server")
        return SPOutboundMailServiceInstance(server) if server else None

    @property
    def OutboundMailSenderAddress(self):
        return self._row.get("mail_from") or ""

    @property
    def OutboundMailReplyToAddress(self):
        return self._row.get("mail_reply_to") or ""

    @property
    def OutboundMailCodePage(self):
        return int(self._row.get("mail_code_page") or 65001)

    @property
    def OutboundMailPort(self):
        return int(self._row.get("smtp_port") or 25)

    @property
    def OutboundMailEnableSsl(self):
        return bool(self._row.get("mail_enable_ssl"))

    @property
    def OutboundMailUserName(self):
        return self._row.get("smtp_user") or ""

    @property
    def OutboundMailOverrideEnvelopeSender(self):
        return bool(self._get("mail_override_sender"))

    @OutboundMailOverrideEnvelopeSender.setter
    def OutboundMailOverrideEnvelopeSender(self, value):
        self._dirty["mail_override_sender"] = int(_to_bool(value))

    def UpdateMailSettings(self, *args):
        """(server, from, replyTo, codePage) or (server, from, replyTo, codePage, enableSsl,
        port), as SPWebApplication.UpdateMailSettings in SharePoint 2013 and 2016+."""
        if len(args) == 4:
            server, sender, reply, code_page = args
            changes = {}
        elif len(args) == 6:
            server, sender, reply, code_page, ssl, port = args
            changes = {"enable_ssl": _to_bool(ssl), "port": int(port)}
        else:
            raise _method_overload_error("UpdateMailSettings", len(args))
        self._row = self._s.update_mail_settings(
            self._row["id"], None if server is None else str(server),
            None if sender is None else str(sender), None if reply is None else str(reply),
            code_page=int(code_page), **changes)

    def Update(self, *args):
        props = None
        if self._props is not None:
            stored = loads(self._row.get("properties"))
            props = {str(k): v for k, v in self._props.items()}
            for k in stored:  # keys removed from the hashtable are removed from the store
                if k not in props:
                    props[k] = F.KEEP
        if self._dirty or props:
            self._row = self._s.update_web_application(self._row["id"], dict(self._dirty),
                                                       properties=props)
        else:
            self._row = self._s.webapp_row(self._row["id"]) or self._row
        self._dirty = {}
        self._props = None

    # ---- for the mail module (not a SharePoint member: lower-case, invisible to scripts)
    def smtp_credentials(self):
        """(user, SecureString) or None; raises SecurityException with the specific reason."""
        status, plain, message = self._s.credential_status(self._row)
        if status == F.CredentialStatus.ANONYMOUS:
            return None
        if status != F.CredentialStatus.OK:
            exc = SecurityException(message)
            ErrorRecord(exc, "OutgoingEmailCredentials" + status, "SecurityError", self.Url)
            raise exc
        return self.OutboundMailUserName, SecureString(plain)

    @property
    def Status(self):
        return "Online"

    Id, Version, Farm = _persisted_members()


def web_application(session, row):
    """The object for a web application row: Central Administration's is an
    SPAdministrationWebApplication, as in SharePoint."""
    cls = SPAdministrationWebApplication if row.get("is_admin") else SPWebApplication
    return cls(session, row)


def _local_session():
    """This server's farm, or None when it has not joined one (SPFarm.Local is null then)."""
    from .bridge import current_session
    from .errors import SPCmdletException
    try:
        return current_session()
    except SPCmdletException:
        return None


class SPAdministrationWebApplication(SPWebApplication):
    __ps_type__ = "Microsoft.SharePoint.Administration.SPAdministrationWebApplication"
    __ps_type_names__ = ("Microsoft.SharePoint.Administration.SPAdministrationWebApplication",
                         ) + SPWebApplication.__ps_type_names__


class SPWebService:
    """SPWebService.ContentService / AdministrationService: the farm's web applications, split
    as SharePoint splits them (Central Administration is the administration service's)."""

    __ps_type__ = "Microsoft.SharePoint.Administration.SPWebService"
    __ps_default_display__ = ("TypeName", "Status")

    def __init__(self, session, admin):
        self._s = session
        self._admin = admin

    @property
    def Name(self):
        return "WSS_Administration" if self._admin else ""

    @property
    def TypeName(self):
        return ("Central Administration" if self._admin
                else "Microsoft SharePoint Foundation Web Application")

    @property
    def Status(self):
        return "Online"

    @property
    def Farm(self):
        return SPFarm(self._s)

    @property
    def WebApplications(self):
        rows = self._s.web_applications(include_admin=True)
        return [web_application(self._s, r) for r in rows if bool(r["is_admin"]) == self._admin]

    def __str__(self):
        return f"SPWebService Name={self.Name}"


class _FarmStatics:
    @static_prop("Microsoft.SharePoint.Administration.SPFarm")
    def Local():
        session = _local_session()
        return SPFarm(session) if session is not None else None


class _WebServiceStatics:
    @static_prop("Microsoft.SharePoint.Administration.SPWebService")
    def ContentService():
        session = _local_session()
        return SPWebService(session, False) if session is not None else None

    @static_prop("Microsoft.SharePoint.Administration.SPWebService")
    def AdministrationService():
        session = _local_session()
        return SPWebService(session, True) if session is not None else None


class _WebApplicationStatics:
    @sig("static Microsoft.SharePoint.Administration.SPWebApplication Lookup(uri requestUri)")
    def Lookup(request_uri):
        """The web application serving the URL, or $null (SharePoint's Lookup does not throw
        for an unknown URL)."""
        from .bridge import current_session
        from .errors import SPCmdletPipeBindException
        session = current_session()
        try:
            rows = session.find_web_applications(str(request_uri), include_admin=True)
        except SPCmdletPipeBindException:
            return None
        return web_application(session, rows[0])


class _AdministrationWebApplicationStatics(_WebApplicationStatics):
    @static_prop("Microsoft.SharePoint.Administration.SPAdministrationWebApplication")
    def Local():
        session = _local_session()
        row = session.central_admin_row() if session is not None else None
        return web_application(session, row) if row is not None else None


SPFarm.__ps_statics__ = _FarmStatics
SPWebService.__ps_statics__ = _WebServiceStatics
SPWebApplication.__ps_statics__ = _WebApplicationStatics
SPAdministrationWebApplication.__ps_statics__ = _AdministrationWebApplicationStatics


class SPManagedAccount:
    __ps_type__ = "Microsoft.SharePoint.Administration.SPManagedAccount"
    __ps_default_display__ = ("UserName", "PasswordExpiration", "ChangeSchedule",
                              "AutomaticChange")
    __ps_view__ = "table"

    def __init__(self, session, row):
        self._s = session
        self._row = dict(row)

    @property
    def UserName(self):
        return self._row["user_name"]

    @property
    def Id(self):
        return uuid.UUID(self._row["id"])

    @property
    def PasswordExpiration(self):
        return None

    @property
    def ChangeSchedule(self):
        return None

    @property
    def AutomaticChange(self):
        return bool(self._row.get("automatic_change"))

    @property
    def Name(self):
        return self._row["user_name"]

    def __str__(self):
        return f"SPManagedAccount Name=managed-account-{self._row['id']}"


class SPGlobalAdmin:
    """``New-Object Microsoft.SharePoint.Administration.SPGlobalAdmin``: farm-wide settings; its
    mail settings are the Central Administration web application's (AutoSPInstaller)."""

    __ps_type__ = "Microsoft.SharePoint.Administration.SPGlobalAdmin"
    __ps_default_display__ = ("OutboundSmtpServer", "MailFromAddress", "MailReplyToAddress",
                              "MailCodePage")

    def __init__(self):
        from .bridge import current_session
        self._s = current_session()

    def _ca(self):
        row = self._s.central_admin_row()
        if row is None:
            exc = PSInvalidOperationException(M.LOCAL_FARM_NOT_ACCESSIBLE)
            ErrorRecord(exc, "LocalFarmNotAccessible", "InvalidOperation")
            raise exc
        return SPWebApplication(self._s, row)

    @property
    def OutboundSmtpServer(self):
        inst = self._ca().OutboundMailServiceInstance
        return inst.Server.Name if inst else ""

    @property
    def MailFromAddress(self):
        return self._ca().OutboundMailSenderAddress

    @property
    def MailReplyToAddress(self):
        return self._ca().OutboundMailReplyToAddress

    @property
    def MailCodePage(self):
        return self._ca().OutboundMailCodePage

    def UpdateMailSettings(self, *args):
        if len(args) != 4:
            raise _method_overload_error("UpdateMailSettings", len(args))
        self._ca().UpdateMailSettings(*args)

    def Dispose(self):
        pass

    def __str__(self):
        return "Microsoft.SharePoint.Administration.SPGlobalAdmin"


class PipeBind:
    """Base of the *PipeBind parameter types (here and in om/): holds the raw identity."""

    def __init__(self, value=None):
        if isinstance(value, PipeBind):
            value = value.Value
        self.Value = value

    def __str__(self):
        return str(self.Value)


class SPWebApplicationPipeBind(PipeBind):
    __ps_type__ = "Microsoft.SharePoint.PowerShell.SPWebApplicationPipeBind"

    def Read(self, *args):
        from .bridge import current_session
        from .resolve import resolve_web_applications
        rows = resolve_web_applications(current_session(), self.Value, include_admin=True)
        return rows[0]


class SPServerPipeBind(PipeBind):
    __ps_type__ = "Microsoft.SharePoint.PowerShell.SPServerPipeBind"

    def Read(self, *args):
        from .bridge import current_session
        from .resolve import resolve_servers
        return resolve_servers(current_session(), self.Value)[0]


class SPManagedAccountPipeBind(PipeBind):
    __ps_type__ = "Microsoft.SharePoint.PowerShell.SPManagedAccountPipeBind"
