"""Site collections and webs in the farm store, independent of the shell engine.

Every function takes a FarmSession (cmdlets.sharepoint.farm). A request URL maps to a site the
way SharePoint maps it: the web application by scheme, host and port, then the site whose
managed path is the longest prefix of the URL's path, then the deepest web of that site.

Root sites: SharePoint gives every web application a root site collection when an administrator
creates one (Central Administration always has its own). In spshell the farm module creates web
applications, so this module creates a web application's root site *lazily*: the first time a
URL under the web application is resolved (New-Object SPSite, Get-SPSite, Get-SPWeb) or sites are
listed, a missing root site ("/") is created, owned by the farm account, with the Central
Administration template for Central Administration and the Team Site template otherwise. An
explicit New-SPSite at the root URL, run before any of that, creates it with its own options.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import ArgumentException, SPException, raise_error
from ..farm import normalize_url, now
from ..store import new_id
from . import messages as M
from . import schema  # noqa: F401  (registers the "om" migrations)

ROOT_TEMPLATE = "STS#3"  # Team site (no Microsoft 365 group), SharePoint Server 2019
CA_TEMPLATE = "CENTRALADMIN#0"
WILDCARD_PATHS = ("sites",)  # SharePoint's default wildcard inclusion; "/" is the explicit one
_PATH_OK = re.compile(r"^[^\\:*?\"<>|#{}%~&]+$")


def _ready(sess):
    """Apply the "om" migrations to a store opened before this module registered them (cheap
    when they are applied: FarmStore.migrate compares versions it already knows)."""
    sess.store.migrate()


def split_url(url: str):
    """(web application URL key, server-relative path without trailing slash, '/' for root)."""
    text = (url or "").strip()
    _, key = normalize_url(text)  # raises ArgumentException for a non-http(s) URL
    path = urlsplit(text).path or "/"
    path = "/" + "/".join(p for p in path.split("/") if p)
    return key, path


def path_key(path: str) -> str:
    return (path or "/").lower()


def join_url(webapp_url: str, path: str) -> str:
    """'http://app1:80/' + '/sites/x' -> 'http://app1:80/sites/x'; the root is 'http://app1:80'."""
    base = webapp_url.rstrip("/")
    return base if path in ("", "/") else base + path


def _contains(prefix: str, path: str) -> bool:
    p, q = path_key(prefix), path_key(path)
    return p == "/" or q == p or q.startswith(p + "/")


# ---------------------------------------------------------------------------------------------
# web applications

def webapp_for_url(sess, url: str):
    """The web application row serving a URL, or None."""
    _ready(sess)
    try:
        key, _ = split_url(url)
    except ArgumentException:
        return None
    with sess.store.read() as tx:
        return tx.one("SELECT * FROM web_applications WHERE url_key = ?", (key,))


def _farm_account(sess) -> str:
    row = sess.farm_row()
    return (row.get("farm_account") or "") if row else ""


def ensure_root_sites(sess, webapp_rows=None) -> None:
    """Create the missing root sites of the given (default: all) web applications."""
    _ready(sess)
    rows = webapp_rows if webapp_rows is not None else sess.web_applications(include_admin=True)
    with sess.store.read() as tx:
        have = {r["web_application_id"] for r in tx.all(
            "SELECT web_application_id FROM sites WHERE path_key = '/'")}
    missing = [r for r in rows if r["id"] not in have]
    if not missing:
        return
    owner = _farm_account(sess) or sess.host
    for wa in missing:
        ca = bool(wa.get("is_admin"))
        _insert_site(sess, wa, "/", owner, None, None,
                     CA_TEMPLATE if ca else ROOT_TEMPLATE, 1033,
                     "Central Administration" if ca else (wa.get("display_name") or ""), "",
                     wa.get("database_name"), ignore_existing=True)


def _insert_site(sess, wa, path, owner, secondary, owner_email, template, language, title,
                 description, content_db, ignore_existing=False):
    ts = now()
    site_id, web_id = new_id(), new_id()
    with sess.store.write() as tx:
        if tx.one("SELECT 1 FROM web_applications WHERE id = ?", (wa["id"],)) is None:
            return None  # the web application was deleted meanwhile
        existing = tx.one("SELECT * FROM sites WHERE web_application_id = ? AND path_key = ?",
                          (wa["id"], path_key(path)))
        if existing is not None:
            if ignore_existing:
                return existing
            raise_error(SPException, M.SITE_EXISTS.format(join_url(wa["url"], path)),
                        "Microsoft.SharePoint.PowerShell.SPCmdletNewSite", "InvalidData",
                        join_url(wa["url"], path))
        tx.execute("INSERT INTO sites (id, web_application_id, path, path_key, owner, "
                   "secondary_owner, owner_email, template, language, content_database, "
                   "created, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                   (site_id, wa["id"], path, path_key(path), owner, secondary, owner_email,
                    template, int(language), content_db, ts))
        tx.execute("INSERT INTO webs (id, site_id, parent_id, path, path_key, title, "
                   "description, template, language, created, revision) "
                   "VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, 1)",
                   (web_id, site_id, path, path_key(path), title or "", description or "",
                    template, int(language), ts))
        return tx.one("SELECT * FROM sites WHERE id = ?", (site_id,))


# ---------------------------------------------------------------------------------------------
# sites

def create_site(sess, url, owner, *, secondary_owner=None, owner_email=None, template=None,
                language=1033, title="", description="", content_database=None):
    """New-SPSite: a site collection at the root or one level below a wildcard managed path."""
    if not (owner or "").strip():
        raise_error(ArgumentException, M.OWNER_REQUIRED, "OwnerRequired", "InvalidArgument")
    wa = webapp_for_url(sess, url)
    if wa is None:
        raise_error(SPException, M.WEBAPP_FOR_URL_NOT_FOUND.format(url),
                    "Microsoft.SharePoint.PowerShell.SPCmdletNewSite", "InvalidData", url)
    _, path = split_url(url)
    parts = [p for p in path.split("/") if p]
    if not (not parts or (len(parts) == 2 and parts[0].lower() in WILDCARD_PATHS
                          and _PATH_OK.match(parts[1]))):
        raise_error(ArgumentException, M.NO_MANAGED_PATH.format(
            url, ", ".join("/" + p + "/*" for p in WILDCARD_PATHS)), "InvalidManagedPath",
            "InvalidArgument", url)
    if parts:
        ensure_root_sites(sess, [wa])  # a web application's root exists before its sites
    return _insert_site(sess, wa, path, owner.strip(), secondary_owner, owner_email,
                        template or ROOT_TEMPLATE, language, title, description,
                        content_database or wa.get("database_name"))


def site_rows(sess, webapp_id=None):
    """Every site (of one web application), root sites created where missing."""
    if webapp_id is None:
        ensure_root_sites(sess)
    else:
        wa = sess.webapp_row(webapp_id)
        if wa is not None:
            ensure_root_sites(sess, [wa])
    with sess.store.read() as tx:
        sql = ("SELECT s.*, w.url AS webapp_url, w.is_admin AS webapp_is_admin FROM sites s "
               "JOIN web_applications w ON w.id = s.web_application_id")
        params = ()
        if webapp_id is not None:
            sql += " WHERE s.web_application_id = ?"
            params = (webapp_id,)
        rows = tx.all(sql + " ORDER BY w.is_admin DESC, w.url_key, s.path_key", params)
    return rows


def site_row(sess, site_id):
    _ready(sess)
    with sess.store.read() as tx:
        return tx.one("SELECT s.*, w.url AS webapp_url, w.is_admin AS webapp_is_admin "
                      "FROM sites s JOIN web_applications w ON w.id = s.web_application_id "
                      "WHERE s.id = ?", (str(site_id).lower(),))


def site_for_url(sess, url):
    """The site row serving a URL (root site created if missing), or None when no web
    application serves it."""
    wa = webapp_for_url(sess, url)
    if wa is None:
        return None
    _, path = split_url(url)
    best = None
    for row in site_rows(sess, wa["id"]):
        if _contains(row["path"], path) and (best is None or len(row["path"]) > len(best["path"])):
            best = row
    return best


def site_at_url(sess, url):
    """The site whose URL is exactly ``url`` (Get-SPSite's identity), or None."""
    row = site_for_url(sess, url)
    if row is None:
        return None
    _, path = split_url(url)
    return row if path_key(row["path"]) == path_key(path) else None


def site_url(row) -> str:
    return join_url(row["webapp_url"], row["path"])


# ---------------------------------------------------------------------------------------------
# webs

def web_rows(sess, site_id):
    _ready(sess)
    with sess.store.read() as tx:
        return tx.all("SELECT * FROM webs WHERE site_id = ? ORDER BY path_key", (site_id,))


def web_row(sess, web_id):
    _ready(sess)
    with sess.store.read() as tx:
        return tx.one("SELECT * FROM webs WHERE id = ?", (str(web_id).lower(),))


def web_for_path(sess, site_id, path):
    """The deepest web of a site containing a server-relative path."""
    best = None
    for row in web_rows(sess, site_id):
        if _contains(row["path"], path) and (best is None or len(row["path"]) > len(best["path"])):
            best = row
    return best


def update_web(sess, web_id, changes: dict):
    allowed = {"title", "description"}
    cols = {k: v for k, v in changes.items() if k in allowed}
    if not cols:
        return web_row(sess, web_id)
    sets = ", ".join(f"{k} = ?" for k in cols)
    with sess.store.write() as tx:
        tx.execute(f"UPDATE webs SET {sets}, revision = revision + 1 WHERE id = ?",
                   (*cols.values(), web_id))
    return web_row(sess, web_id)

