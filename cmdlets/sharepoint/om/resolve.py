"""What Get-SPSite / Get-SPWeb identities may be: an object, a GUID, a URL, a wildcard URL (or a
regular expression with -Regex), or a PipeBind holding one of these."""
from __future__ import annotations

import re
import uuid

from spshell.runtime.errors import ArgumentException

from . import messages as M
from . import sites as S
from ..resolve import pipebind_value
from .objects import SPSite, SPWeb, _is_guid, pipebind_error


def _wildcard(text):
    return any(c in text for c in "*?[")


def _pattern(text, regex):
    if regex:
        try:
            return re.compile(text, re.IGNORECASE)
        except re.error as exc:
            raise pipebind_error(f"The regular expression '{text}' is not valid: {exc}", text,
                                 "InvalidRegex") from None
    from cmdlets.core._util import wildcard_regex
    return wildcard_regex(text)


def resolve_sites(sess, identity, regex=False):
    """SPSite objects for an identity; raises SPCmdletPipeBindException when none match."""
    value = pipebind_value(identity)
    if isinstance(value, SPSite):
        row = S.site_row(sess, value._row["id"])
        if row is None:
            raise pipebind_error(M.SITE_NOT_FOUND.format(value.Url), value.Url,
                                 "Microsoft.SharePoint.PowerShell.SPCmdletGetSite")
        return [SPSite._from_row(sess, row)]
    if isinstance(value, SPWeb):
        return [SPSite._from_row(sess, S.site_row(sess, value._row["site_id"]))]
    text = "" if value is None else str(value).strip()
    if isinstance(value, uuid.UUID) or _is_guid(text):
        row = S.site_row(sess, text)
        if row is None:
            raise pipebind_error(M.SITE_NOT_FOUND.format(text), text,
                                 "Microsoft.SharePoint.PowerShell.SPCmdletGetSite")
        return [SPSite._from_row(sess, row)]
    if regex or _wildcard(text):
        pat = _pattern(text, regex)
        found = [SPSite._from_row(sess, r) for r in S.site_rows(sess)
                 if (pat.search(S.site_url(r)) if regex else pat.match(S.site_url(r)))]
        return found  # a pattern that matches nothing is no error, as in SharePoint
    try:
        row = S.site_at_url(sess, text)
    except ArgumentException:
        row = None
    if row is None:
        raise pipebind_error(M.SITE_NOT_FOUND.format(text), text,
                             "Microsoft.SharePoint.PowerShell.SPCmdletGetSite")
    return [SPSite._from_row(sess, row, S.split_url(text)[1])]


def resolve_webs(sess, identity, site=None, regex=False):
    """SPWeb objects for an identity (relative URLs and GUIDs need ``site``)."""
    value = pipebind_value(identity)
    if isinstance(value, SPWeb):
        row = S.web_row(sess, value._row["id"])
        if row is None:
            raise pipebind_error(M.WEB_NOT_FOUND.format(value.Url), value.Url,
                                 "Microsoft.SharePoint.PowerShell.SPCmdletGetWeb")
        return [SPWeb(sess, row)]
    text = "" if value is None else str(value).strip()
    if isinstance(value, uuid.UUID) or _is_guid(text):
        row = S.web_row(sess, text)
        if row is None or (site is not None and row["site_id"] != site._row["id"]):
            raise pipebind_error(M.WEB_NOT_FOUND.format(text), text,
                                 "Microsoft.SharePoint.PowerShell.SPCmdletGetWeb")
        return [SPWeb(sess, row, site)]
    if regex or _wildcard(text):
        pat = _pattern(text, regex)
        pool = [site] if site is not None else [SPSite._from_row(sess, r)
                                                 for r in S.site_rows(sess)]
        out = []
        for st in pool:
            for w in st.AllWebs:
                if (pat.search(w.Url) if regex else pat.match(w.Url)):
                    out.append(w)
        return out
    if "://" not in text:
        if site is None:
            raise pipebind_error(M.WEB_NOT_FOUND.format(text), text,
                                 "Microsoft.SharePoint.PowerShell.SPCmdletGetWeb")
        text = S.join_url(site._row["webapp_url"], site._row["path"]) + "/" + text.lstrip("/")
    try:
        site_row = S.site_for_url(sess, text)
    except ArgumentException:
        site_row = None
    if site_row is None:
        raise pipebind_error(M.SITE_CONTAINING_NOT_FOUND.format(text), text,
                             "Microsoft.SharePoint.PowerShell.SPCmdletGetWeb")
    _, path = S.split_url(text)
    row = S.web_for_path(sess, site_row["id"], path)
    if row is None or S.path_key(row["path"]) != S.path_key(path):
        raise pipebind_error(M.WEB_NOT_FOUND.format(text), text,
                             "Microsoft.SharePoint.PowerShell.SPCmdletGetWeb")
    return [SPWeb(sess, row, SPSite._from_row(sess, site_row, path))]
