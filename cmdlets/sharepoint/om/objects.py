"""SPSite and SPWeb as scripts see them (``New-Object Microsoft.SharePoint.SPSite $url``,
``$site.OpenWeb()``, ``$site.RootWeb``, ``Get-SPWeb $url``), and their PipeBind types.

Objects are snapshots of their rows, re-read through the farm session of the host that made
them, like SharePoint's. ``Dispose()`` is accepted (scripts call it) and only marks the object.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from spshell.runtime.errors import ArgumentException, ErrorRecord, FileNotFoundException

from .. import bridge
from ..errors import SPCmdletPipeBindException
from ..model import PipeBind, web_application
from . import messages as M
from . import sites as S


def _parse_time(text):
    try:
        return datetime.fromisoformat(text).astimezone().replace(tzinfo=None) if text else None
    except ValueError:
        return None


def _not_found(url):
    exc = FileNotFoundException(M.WEBAPP_FOR_URL_NOT_FOUND.format(url))
    ErrorRecord(exc, "FileNotFoundException", "ObjectNotFound", url)
    return exc


class SPSite:
    """Microsoft.SharePoint.SPSite: a site collection."""

    __ps_type__ = "Microsoft.SharePoint.SPSite"
    __ps_type_names__ = ("Microsoft.SharePoint.SPSite", "System.Object")
    __ps_default_display__ = ("Url", "CompatibilityLevel")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Url", "Url"), ("CompatibilityLevel", "CompatibilityLevel")]

    def __init__(self, identity):
        """SPSite(string requestUrl) / SPSite(Guid id), as the .NET constructors."""
        sess = bridge.current_session()
        self._request_path = None
        if isinstance(identity, uuid.UUID) or _is_guid(identity):
            row = S.site_row(sess, str(identity))
            if row is None:
                exc = FileNotFoundException(M.SITE_NOT_FOUND.format(identity))
                ErrorRecord(exc, "FileNotFoundException", "ObjectNotFound", str(identity))
                raise exc
        else:
            url = "" if identity is None else str(identity)
            if not url.strip():
                exc = ArgumentException("Value cannot be null or an empty string.\r\n"
                                        "Parameter name: requestUrl")
                ErrorRecord(exc, "ArgumentException", "InvalidArgument", url)
                raise exc
            try:
                row = S.site_for_url(sess, url)
            except ArgumentException:
                raise _not_found(url) from None
            if row is None:
                raise _not_found(url)
            self._request_path = S.split_url(url)[1]
        self._init(sess, row)

    @classmethod
    def _from_row(cls, sess, row, request_path=None):
        obj = cls.__new__(cls)
        obj._request_path = request_path
        obj._init(sess, row)
        return obj

    def _init(self, sess, row):
        self._s = sess
        self._row = dict(row)
        self._disposed = False

    # ---- identity
    @property
    def Url(self):
        return S.site_url(self._row)

    @property
    def ID(self):
        return uuid.UUID(self._row["id"])

    @property
    def ServerRelativeUrl(self):
        return self._row["path"]

    @property
    def HostName(self):
        from urllib.parse import urlsplit
        return urlsplit(self._row["webapp_url"]).hostname

    @property
    def Port(self):
        from urllib.parse import urlsplit
        parts = urlsplit(self._row["webapp_url"])
        return parts.port or (443 if parts.scheme == "https" else 80)

    @property
    def Protocol(self):
        return self._row["webapp_url"].split("//", 1)[0]

    @property
    def CompatibilityLevel(self):
        return 15

    @property
    def Zone(self):
        return "Default"

    @property
    def ReadOnly(self):
        return False

    @property
    def Owner(self):
        return self._row["owner"]

    @property
    def SecondaryContact(self):
        return self._row.get("secondary_owner")

    @property
    def ContentDatabase(self):
        return self._row.get("content_database") or ""

    @property
    def LastContentModifiedDate(self):
        return _parse_time(self._row.get("created"))

    # ---- navigation
    @property
    def WebApplication(self):
        row = self._s.webapp_row(self._row["web_application_id"])
        return web_application(self._s, row) if row else None

    @property
    def RootWeb(self):
        row = S.web_for_path(self._s, self._row["id"], self._row["path"])
        return SPWeb(self._s, row, self)

    @property
    def AllWebs(self):
        return [SPWeb(self._s, r, self) for r in S.web_rows(self._s, self._row["id"])]

    def OpenWeb(self, *args):
        """OpenWeb() (the web of the URL the site was opened with), OpenWeb(string url)
        (server-relative or site-relative), OpenWeb(Guid)."""
        if len(args) > 2:
            from ..model import _method_overload_error
            raise _method_overload_error("OpenWeb", len(args))
        if not args:
            path = self._request_path or self._row["path"]
            return SPWeb(self._s, S.web_for_path(self._s, self._row["id"], path), self)
        target = args[0]
        if isinstance(target, uuid.UUID) or _is_guid(target):
            row = S.web_row(self._s, str(target))
            if row is None or row["site_id"] != self._row["id"]:
                exc = FileNotFoundException(M.WEB_NOT_FOUND.format(target))
                ErrorRecord(exc, "FileNotFoundException", "ObjectNotFound", str(target))
                raise exc
            return SPWeb(self._s, row, self)
        text = "" if target is None else str(target)
        if "://" in text:
            path = S.split_url(text)[1]
        elif text.startswith("/"):
            path = "/" + "/".join(p for p in text.split("/") if p)
        else:
            base = self._row["path"].rstrip("/")
            path = base + "/" + "/".join(p for p in text.split("/") if p)
            path = "/" + "/".join(p for p in path.split("/") if p)
        row = S.web_for_path(self._s, self._row["id"], path)
        return SPWeb(self._s, row, self)

    # ---- lifetime
    def Dispose(self):
        self._disposed = True

    def Close(self):
        self._disposed = True

    def ToString(self):
        return f"SPSite Url={self.Url}"

    def __str__(self):
        return self.ToString()

    def __repr__(self):
        return f"<SPSite {self.Url}>"


class SPWeb:
    """Microsoft.SharePoint.SPWeb: a site (web) inside a site collection."""

    __ps_type__ = "Microsoft.SharePoint.SPWeb"
    __ps_type_names__ = ("Microsoft.SharePoint.SPWeb", "Microsoft.SharePoint.SPSecurableObject",
                         "System.Object")
    __ps_default_display__ = ("Url",)
    __ps_view__ = "table"
    __ps_table_columns__ = [("Url", "Url")]

    def __init__(self, session, row, site=None):
        self._s = session
        self._row = dict(row)
        self._site = site
        self._dirty = {}
        self._disposed = False
        self.AllowUnsafeUpdates = False

    def _site_row(self):
        if self._site is not None:
            return self._site._row
        return S.site_row(self._s, self._row["site_id"])

    @property
    def Url(self):
        return S.join_url(self._site_row()["webapp_url"], self._row["path"])

    @property
    def ID(self):
        return uuid.UUID(self._row["id"])

    @property
    def ServerRelativeUrl(self):
        return self._row["path"]

    @property
    def Title(self):
        return self._dirty.get("title", self._row["title"])

    @Title.setter
    def Title(self, value):
        self._dirty["title"] = "" if value is None else str(value)

    @property
    def Description(self):
        return self._dirty.get("description", self._row["description"])

    @Description.setter
    def Description(self, value):
        self._dirty["description"] = "" if value is None else str(value)

    @property
    def WebTemplate(self):
        return self._row["template"].split("#")[0]

    @property
    def Configuration(self):
        parts = self._row["template"].split("#")
        return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0

    @property
    def Language(self):
        return int(self._row["language"])

    @property
    def Created(self):
        return _parse_time(self._row.get("created"))

    @property
    def Exists(self):
        return S.web_row(self._s, self._row["id"]) is not None

    @property
    def IsRootWeb(self):
        return not self._row.get("parent_id")

    @property
    def Site(self):
        if self._site is None:
            self._site = SPSite._from_row(self._s, self._site_row())
        return self._site

    @property
    def ParentWeb(self):
        pid = self._row.get("parent_id")
        if not pid:
            return None
        row = S.web_row(self._s, pid)
        return SPWeb(self._s, row, self._site) if row else None

    @property
    def Webs(self):
        return [SPWeb(self._s, r, self._site) for r in S.web_rows(self._s, self._row["site_id"])
                if r.get("parent_id") == self._row["id"]]

    def Update(self):
        if self._dirty:
            self._row = S.update_web(self._s, self._row["id"], self._dirty) or self._row
            self._dirty = {}

    def Dispose(self):
        self._disposed = True

    def Close(self):
        self._disposed = True

    def ToString(self):
        return self.Url

    def __str__(self):
        return self.Url

    def __repr__(self):
        return f"<SPWeb {self.Url}>"


def _is_guid(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value.strip())
        return True
    except ValueError:
        return False


class SPSitePipeBind(PipeBind):
    __ps_type__ = "Microsoft.SharePoint.PowerShell.SPSitePipeBind"

    def Read(self, *args):
        from .resolve import resolve_sites
        return resolve_sites(bridge.current_session(), self.Value)[0]


class SPWebPipeBind(PipeBind):
    __ps_type__ = "Microsoft.SharePoint.PowerShell.SPWebPipeBind"

    def Read(self, *args):
        from .resolve import resolve_webs
        return resolve_webs(bridge.current_session(), self.Value)[0]


def pipebind_error(message, target, error_id):
    exc = SPCmdletPipeBindException(message)
    ErrorRecord(exc, error_id, "InvalidData", target)
    return exc
