"""Farm domain logic, independent of the shell engine: every function takes the spshell home and
the host name, so it can be tested (and benchmarked) without an interpreter.

A ``FarmSession`` is one host's view of the farm it joined; model objects (model.py) hold one and
re-read rows through it, so two processes acting as different servers see each other's changes.
Errors are raised as .NET-style exceptions with their ErrorRecord attached (errors.py); the texts
live in messages.py.
"""
from __future__ import annotations

import os
import random
import re
import threading
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from . import messages as M
from . import secrets
from .errors import (ArgumentException, FormatException, SPCmdletException,
                     SPCmdletPipeBindException, SPDuplicateObjectException, SPException,
                     SqlException, raise_error)
from .hoststate import clear_membership, read_membership, write_membership
from .keystore import KeyStoreError, file_store_notice, select_keystore
from .paths import normalize_host
from .store import StoreError, dumps, loads, new_id, open_store, redact

BUILD_VERSION = "16.0.10337.12109"  # SharePoint Server 2019 RTM
CA_NAME = "SharePoint Central Administration v4"
SERVER_ROLES = ("Application", "ApplicationWithSearch", "Custom", "DistributedCache", "Search",
                "SingleServerFarm", "WebFrontEnd", "WebFrontEndWithDistributedCache")
ZONES = ("Default", "Intranet", "Internet", "Custom", "Extranet")
KEEP = object()  # "parameter not given: keep what is stored"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sql_error(server, exc):
    shown = redact(server)  # a DSN may carry the database password
    raise_error(SqlException, M.DB_SERVER_UNREACHABLE.format(shown, redact(str(exc))),
                "SqlException", "ConnectionError", shown)


# ---------------------------------------------------------------------------------------------
# farm lifecycle

def create_farm(home: Path, host: str, server: str, database: str, passphrase: str, *,
                farm_account: str = "", role: str = "Custom", skip_cache: bool = False,
                properties: dict | None = None, environ=None) -> "FarmSession":
    if read_membership(home, host):
        raise_error(SPException, M.ALREADY_IN_FARM, "AlreadyConnected", "InvalidOperation")
    try:
        st = open_store(home, server, database, create=True, environ=environ)
    except StoreError as exc:
        _sql_error(server, exc)
    farm_id, server_id, ts = new_id(), new_id(), now()
    pp_kdf = secrets.KdfParams.new()
    verifier = secrets.passphrase_verifier(passphrase, pp_kdf)
    with st.write() as tx:
        if tx.scalar("SELECT COUNT(*) FROM farm"):
            raise_error(SPException, M.CONFIG_DB_EXISTS.format(redact(server), database),
                        "ConfigurationDatabaseExists", "ResourceExists", database)
        tx.execute("INSERT INTO farm (id, name, created, passphrase_kdf, passphrase_verifier, "
                   "key_kdf, farm_account, build_version, properties, revision) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                   (farm_id, database, ts, pp_kdf.encode(), verifier,
                    secrets.KdfParams.new().encode(), farm_account, BUILD_VERSION,
                    dumps(properties or {})))
        _insert_server(tx, server_id, host, role, skip_cache, ts)
        if farm_account:
            _ensure_managed_account(tx, farm_account, ts)
        _create_central_admin(tx, host, ts, farm_account)
    write_membership(home, host, server=server, database=database, farm_id=farm_id,
                     server_id=server_id)
    sess = FarmSession(home, host, st, farm_id, server_id, environ)
    sess.publish_fingerprint()
    return sess


def connect_farm(home: Path, host: str, server: str, database: str, passphrase: str, *,
                 role: str = "Custom", skip_cache: bool = False, environ=None) -> "FarmSession":
    if read_membership(home, host):
        raise_error(SPException, M.ALREADY_IN_FARM, "AlreadyConnected", "InvalidOperation")
    try:
        st = open_store(home, server, database, create=False, environ=environ)
    except FileNotFoundError:
        raise_error(SPException, M.CONFIG_DB_MISSING.format(redact(server), database),
                    "ConfigurationDatabaseNotFound", "ObjectNotFound", database)
    except StoreError as exc:
        _sql_error(server, exc)
    if not st.exists():
        raise_error(SPException, M.CONFIG_DB_MISSING.format(redact(server), database),
                    "ConfigurationDatabaseNotFound", "ObjectNotFound", database)
    with st.read() as tx:
        farm = tx.one("SELECT id, passphrase_kdf, passphrase_verifier FROM farm")
    if not secrets.check_passphrase(passphrase, secrets.KdfParams.decode(farm["passphrase_kdf"]),
                                    farm["passphrase_verifier"]):
        raise_error(SPException, M.WRONG_PASSPHRASE.format(redact(server), database),
                    "InvalidPassphrase", "SecurityError", database)
    ts = now()
    with st.write() as tx:
        row = tx.one("SELECT id FROM servers WHERE name_key = ?", (normalize_host(host),))
        if row:
            # the farm still lists this server (it left without Disconnect-): take the row over
            server_id = row["id"]
            tx.execute("UPDATE servers SET role = ?, status = 'Online', distributed_cache = ?, "
                       "joined = ?, revision = revision + 1 WHERE id = ?",
                       (role, 0 if skip_cache else 1, ts, server_id))
        else:
            server_id = new_id()
            _insert_server(tx, server_id, host, role, skip_cache, ts)
        _bump_farm(tx)
    write_membership(home, host, server=server, database=database, farm_id=farm["id"],
                     server_id=server_id)
    sess = FarmSession(home, host, st, farm["id"], server_id, environ)
    sess.publish_fingerprint()
    return sess


def disconnect_farm(home: Path, host: str, environ=None) -> None:
    m = read_membership(home, host)
    if not m:
        raise_error(SPException, M.NOT_IN_FARM_DISCONNECT, "NotConnected", "InvalidOperation")
    try:
        st = open_store(home, m["server"], m["database"], environ=environ)
        with st.write() as tx:
            tx.execute("DELETE FROM servers WHERE id = ?", (m["server_id"],))
            _bump_farm(tx)
    except FileNotFoundError:
        pass  # the database is gone: leaving is all that is left to do
    except StoreError as exc:
        _sql_error(m["server"], exc)
    clear_membership(home, host)


def open_session(home: Path, host: str, environ=None) -> "FarmSession":
    """The farm this host joined, or the documented 'not accessible' error."""
    m = read_membership(home, host)
    if not m:
        raise_error(SPCmdletException, M.LOCAL_FARM_NOT_ACCESSIBLE, "LocalFarmNotAccessible",
                    "ResourceUnavailable")
    try:
        st = open_store(home, m["server"], m["database"], environ=environ)
    except FileNotFoundError:
        raise_error(SPCmdletException, M.LOCAL_FARM_NOT_ACCESSIBLE, "LocalFarmNotAccessible",
                    "ResourceUnavailable")
    except StoreError as exc:
        _sql_error(m["server"], exc)
    with st.read() as tx:
        row = tx.one("SELECT id FROM farm")
    if not row or row["id"] != m["farm_id"]:
        raise_error(SPCmdletException,
                    M.FARM_DISAPPEARED.format(redact(m["server"]), m["database"]),
                    "LocalFarmNotAccessible", "ResourceUnavailable")
    return FarmSession(home, host, st, m["farm_id"], m["server_id"], environ)


def _insert_server(tx, server_id, host, role, skip_cache, ts):
    tx.execute("INSERT INTO servers (id, name, name_key, address, role, status, needs_upgrade, "
               "distributed_cache, joined, revision) VALUES (?, ?, ?, ?, ?, 'Online', 0, ?, ?, 1)",
               (server_id, host.strip(), normalize_host(host), host.strip(), role,
                0 if skip_cache else 1, ts))


def _bump_farm(tx):
    tx.execute("UPDATE farm SET revision = revision + 1")


def _create_central_admin(tx, host, ts, account):
    port = random.SystemRandom().randrange(10000, 50000)
    url, key = normalize_url(f"http://{host.strip()}:{port}/")
    pool = "SharePoint Central Administration v4"
    tx.execute("INSERT INTO application_pools (name_key, name, account) VALUES (?, ?, ?) "
               "ON CONFLICT (name_key) DO NOTHING", (pool.lower(), pool, account or ""))
    tx.execute("INSERT INTO web_applications (id, name, name_key, display_name, url, url_key, "
               "is_admin, default_server_comment, application_pool, port, created, "
               "database_name, revision) VALUES (?, '', '', ?, ?, ?, 1, ?, ?, ?, ?, ?, 1)",
               (new_id(), CA_NAME, url, key, CA_NAME, pool, port, ts,
                "SharePoint_AdminContent_" + new_id()))


def _ensure_managed_account(tx, user, ts):
    tx.execute("INSERT INTO managed_accounts (id, user_key, user_name, created) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (user_key) DO NOTHING",
               (new_id(), user.strip().lower(), user.strip(), ts))


# ---------------------------------------------------------------------------------------------
# URLs and addresses

def normalize_url(url: str):
    """(display URL, identity key). Keys compare scheme, host and port, case-insensitively, the
    way SharePoint maps a request URL to its web application."""
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise_error(ArgumentException, M.INVALID_URL.format(text), "InvalidUrl",
                    "InvalidArgument", text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise_error(ArgumentException, M.INVALID_URL.format(text), "InvalidUrl",
                    "InvalidArgument", text)
    scheme = parts.scheme.lower()
    default = 443 if scheme == "https" else 80
    port = port or default
    host = parts.hostname
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    shown = f"{scheme}://{host}" + ("" if port == default else f":{port}") + path
    return shown, f"{scheme}://{host.lower()}:{port}"


def looks_like_url(text: str) -> bool:
    return "://" in (text or "")


_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_ADDR = re.compile(rf"^{_LOCAL}@(?:{_DOMAIN}|\[[0-9.:A-Fa-f]+\])$")
_NAMED = re.compile(r'^\s*(?:"[^"]*"|[^<>"]*?)\s*<([^<>]+)>\s*$')


def validate_mail_address(value, parameter):
    """System.Net.Mail.MailAddress rules, loosely: 'user@host' or 'Display <user@host>'."""
    if value is None:
        return None
    text = str(value).strip()
    if text == "":
        raise_error(ArgumentException,
                    f"The parameter '{parameter}' cannot be an empty string.\n"
                    f"Parameter name: {parameter}", "ArgumentException", "InvalidArgument")
    m = _NAMED.match(text)
    addr = m.group(1).strip() if m else text
    if not _ADDR.match(addr):
        raise_error(FormatException, M.INVALID_MAIL_ADDRESS, "FormatException",
                    "InvalidArgument", text)
    return text


def validate_port(value, parameter="SMTPServerPort"):
    port = int(value)
    if not 1 <= port <= 65535:
        raise_error(ArgumentException, M.INVALID_PORT.format(parameter),
                    "ArgumentOutOfRangeException", "InvalidArgument", port)
    return port


# ---------------------------------------------------------------------------------------------
# application credential key (host-local) and its published fingerprint

_keystores: dict = {}
_ks_lock = threading.Lock()


def keystore_for(home: Path, environ=None):
    env = os.environ if environ is None else environ
    k = (str(home), env.get("SPSHELL_KEYSTORE", "auto"))
    with _ks_lock:
        ks = _keystores.get(k)
    if ks is None:
        try:
            ks = select_keystore(home, env)
        except KeyStoreError as exc:
            raise_error(SPException, str(exc), "KeyStoreUnavailable", "ResourceUnavailable")
        with _ks_lock:
            _keystores[k] = ks
    return ks


def read_local_key(home: Path, host: str, environ=None):
    try:
        return keystore_for(home, environ).get(host)
    except KeyStoreError as exc:
        raise_error(SPException, str(exc), "KeyStoreError", "SecurityError")


def set_credential_key(home: Path, host: str, key_text: str, environ=None):
    """Store the key on this host only; publish its fingerprint if the host is in a farm.
    Returns (fingerprint or None, [notices])."""
    if not key_text:
        raise_error(ArgumentException, M.EMPTY_CREDENTIAL_KEY, "EmptyCredentialKey",
                    "InvalidArgument")
    ks = keystore_for(home, environ)
    notices = []
    try:
        ks.set(host, key_text)
    except KeyStoreError as exc:
        raise_error(SPException, str(exc), "KeyStoreError", "WriteError")
    n = file_store_notice(ks, home, host)
    if n:
        notices.append(n)
    fp = None
    if read_membership(home, host):
        sess = open_session(home, host, environ)
        fp = sess.publish_fingerprint(key_text)
    else:
        notices.append(M.NOT_JOINED_FOR_KEY.format(host))
    return fp, notices


def remove_credential_key(home: Path, host: str, environ=None) -> bool:
    ks = keystore_for(home, environ)
    try:
        removed = ks.remove(host)
    except KeyStoreError as exc:
        raise_error(SPException, str(exc), "KeyStoreError", "WriteError")
    if read_membership(home, host):
        open_session(home, host, environ).publish_fingerprint(None)
    return removed


# ---------------------------------------------------------------------------------------------
# the session

class CredentialStatus:
    ANONYMOUS = "Anonymous"
    OK = "Ok"
    MISSING_KEY = "MissingKey"
    DIFFERENT_KEY = "DifferentKey"
    TAMPERED = "Tampered"


class FarmSession:
    def __init__(self, home, host, store, farm_id, server_id, environ=None):
        self.home = Path(home)
        self.host = host
        self.store = store
        self.farm_id = farm_id
        self.server_id = server_id
        self.environ = environ

    # ---- farm
    def farm_row(self):
        with self.store.read() as tx:
            return tx.one("SELECT * FROM farm")

    def key_kdf(self):
        with self.store.read() as tx:
            return secrets.KdfParams.decode(tx.scalar("SELECT key_kdf FROM farm"))

    def update_farm_properties(self, changes: dict):
        with self.store.write() as tx:
            props = loads(tx.scalar("SELECT properties FROM farm"))
            props.update(changes)
            tx.execute("UPDATE farm SET properties = ?, revision = revision + 1", (dumps(props),))

    # ---- servers
    def servers(self):
        with self.store.read() as tx:
            return tx.all("SELECT * FROM servers ORDER BY name_key")

    def server_row(self, server_id):
        with self.store.read() as tx:
            return tx.one("SELECT * FROM servers WHERE id = ?", (server_id,))

    def find_servers(self, identity: str):
        ident = (identity or "").strip()
        with self.store.read() as tx:
            rows = [] if not ident else tx.all(
                "SELECT * FROM servers WHERE name_key = ? OR lower(address) = ? OR id = ?",
                (ident.lower(), ident.lower(), ident.lower()))
        if not rows:
            raise_error(SPCmdletPipeBindException, M.SERVER_NOT_FOUND.format(ident),
                        "Microsoft.SharePoint.PowerShell.SPCmdletGetServer", "InvalidData",
                        ident)
        return rows

    def update_server(self, server_id, changes: dict):
        allowed = {"role", "status", "needs_upgrade", "distributed_cache", "address"}
        cols = {k: v for k, v in changes.items() if k in allowed}
        if not cols:
            return
        sets = ", ".join(f"{k} = ?" for k in cols)
        with self.store.write() as tx:
            tx.execute(f"UPDATE servers SET {sets}, revision = revision + 1 WHERE id = ?",
                       (*cols.values(), server_id))

    def publish_fingerprint(self, key_text=KEEP):
        """Publish this server's key fingerprint (None when it has no key). Returns it."""
        if key_text is KEEP:
            key_text = read_local_key(self.home, self.host, self.environ)
        fp = secrets.derive(key_text, self.key_kdf()).fingerprint if key_text else None
        with self.store.write() as tx:
            tx.execute("UPDATE servers SET key_fingerprint = ?, key_updated = ?, "
                       "revision = revision + 1 WHERE id = ?", (fp, now(), self.server_id))
        return fp

    def local_derived_key(self):
        key_text = read_local_key(self.home, self.host, self.environ)
        if not key_text:
            return None
        return secrets.derive(key_text, self.key_kdf())

    # ---- web applications
    def web_applications(self, include_admin=False):
        with self.store.read() as tx:
            sql = "SELECT * FROM web_applications"
            if not include_admin:
                sql += " WHERE is_admin = 0"
            return tx.all(sql + " ORDER BY is_admin DESC, display_name, url_key")

    def webapp_row(self, webapp_id):
        with self.store.read() as tx:
            return tx.one("SELECT * FROM web_applications WHERE id = ?", (webapp_id,))

    def central_admin_row(self):
        with self.store.read() as tx:
            return tx.one("SELECT * FROM web_applications WHERE is_admin = 1 "
                          "ORDER BY created LIMIT 1")

    def find_web_applications(self, identity: str, include_admin=False):
        """SPWebApplicationPipeBind: GUID, URL (any URL inside the web application) or name."""
        ident = (identity or "").strip()
        if not ident:  # Central Administration's Name is empty: never match on nothing
            raise_error(SPCmdletPipeBindException, M.WEBAPP_NOT_FOUND.format(ident),
                        "Microsoft.SharePoint.PowerShell.SPCmdletGetWebApplication",
                        "InvalidData", ident)
        with self.store.read() as tx:
            if looks_like_url(ident):
                try:
                    _, key = normalize_url(ident)
                except ArgumentException:
                    key = None
                rows = tx.all("SELECT * FROM web_applications WHERE url_key = ?", (key,)) \
                    if key else []
            else:
                rows = tx.all("SELECT * FROM web_applications WHERE id = ? OR name_key = ? "
                              "OR lower(display_name) = ?",
                              (ident.lower(), ident.lower(), ident.lower()))
        # An exact identity returns Central Administration too (documented); a name or URL is exact.
        if not rows:
            raise_error(SPCmdletPipeBindException, M.WEBAPP_NOT_FOUND.format(ident),
                        "Microsoft.SharePoint.PowerShell.SPCmdletGetWebApplication",
                        "InvalidData", ident)
        return rows

    def create_web_application(self, *, name, application_pool, account=None, url=None,
                               port=None, host_header="", ssl=False, allow_anonymous=False,
                               path="", authentication_method="NTLM", database_name=None,
                               database_server=None, settings=None):
        scheme = "https" if ssl else "http"
        if port is None:
            if url:
                port = urlsplit(url.strip()).port or (443 if url.strip().lower()
                                                      .startswith("https") else 80)
            else:
                port = random.SystemRandom().randrange(20000, 60000)
        port = validate_port(port, "Port")
        if not url:
            host = host_header or self.host.strip()
            url = f"{scheme}://{host}:{port}/"
        shown, key = normalize_url(url)
        if host_header:
            internal_key = f"{scheme}://{host_header.strip().lower()}:{port}"
        else:
            internal_key = None
        ts = now()
        wid = new_id()
        with self.store.write() as tx:
            if tx.one("SELECT 1 FROM web_applications WHERE url_key = ?", (key,)) or (
                    internal_key and tx.one("SELECT 1 FROM web_applications WHERE url_key = ?",
                                            (internal_key,))):
                raise_error(SPDuplicateObjectException, M.WEBAPP_URL_IN_USE,
                            "Microsoft.SharePoint.PowerShell.SPCmdletNewSPWebApplication",
                            "InvalidData", url)
            if tx.one("SELECT 1 FROM web_applications WHERE name_key = ? AND name_key <> ''",
                      (name.strip().lower(),)):
                raise_error(SPDuplicateObjectException, M.WEBAPP_NAME_IN_USE.format(name),
                            "Microsoft.SharePoint.PowerShell.SPCmdletNewSPWebApplication",
                            "InvalidData", name)
            pool = tx.one("SELECT * FROM application_pools WHERE name_key = ?",
                          (application_pool.strip().lower(),))
            if pool is None:
                if not account:
                    raise_error(ArgumentException, M.APP_POOL_NEEDS_ACCOUNT.format(
                        application_pool), "Microsoft.SharePoint.PowerShell."
                        "SPCmdletNewSPWebApplication", "InvalidArgument", application_pool)
                tx.execute("INSERT INTO application_pools (name_key, name, account) "
                           "VALUES (?, ?, ?)", (application_pool.strip().lower(),
                                                application_pool.strip(), account))
            tx.execute(
                "INSERT INTO web_applications (id, name, name_key, display_name, url, url_key, "
                "is_admin, default_server_comment, application_pool, port, host_header, path, "
                "ssl, allow_anonymous, authentication_method, database_name, database_server, "
                "created, settings, revision) "
                "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (wid, name.strip(), name.strip().lower(), name.strip(), shown, key, name.strip(),
                 application_pool.strip(), port, host_header or "", path or "", int(bool(ssl)),
                 int(bool(allow_anonymous)), authentication_method or "NTLM",
                 database_name or ("WSS_Content_" + wid.replace("-", "")),
                 database_server or "", ts, dumps(settings or {})))
            _bump_farm(tx)
        return self.webapp_row(wid)

    def application_pool(self, name):
        with self.store.read() as tx:
            return tx.one("SELECT * FROM application_pools WHERE name_key = ?",
                          ((name or "").lower(),))

    def update_web_application(self, webapp_id, columns=None, settings=None, properties=None):
        """One read-modify-write: plain columns replace, settings/properties dicts merge."""
        allowed = {"display_name", "default_server_comment", "smtp_server", "smtp_port",
                   "mail_from", "mail_reply_to", "mail_code_page", "mail_enable_ssl",
                   "mail_override_sender", "smtp_user", "smtp_password", "smtp_key_fingerprint",
                   "allow_anonymous", "authentication_method"}
        cols = dict(columns or {})
        bad = set(cols) - allowed
        if bad:
            raise ValueError(f"not updatable: {sorted(bad)}")
        with self.store.write() as tx:
            row = tx.one("SELECT settings, properties FROM web_applications WHERE id = ?",
                         (webapp_id,))
            if row is None:
                raise_error(SPCmdletPipeBindException, M.WEBAPP_NOT_FOUND.format(webapp_id),
                            "Microsoft.SharePoint.PowerShell.SPCmdletGetWebApplication",
                            "InvalidData", webapp_id)
            if settings:
                merged = loads(row["settings"])
                _deep_merge(merged, settings)
                cols["settings"] = dumps(merged)
            if properties is not None:
                merged = loads(row["properties"])
                for k, v in properties.items():
                    if v is KEEP:
                        merged.pop(k, None)
                    else:
                        merged[k] = v
                cols["properties"] = dumps(merged)
            if cols:
                sets = ", ".join(f"{k} = ?" for k in cols)
                tx.execute(f"UPDATE web_applications SET {sets}, revision = revision + 1 "
                           "WHERE id = ?", (*cols.values(), webapp_id))
                _bump_farm(tx)
        return self.webapp_row(webapp_id)

    # ---- outgoing mail
    def update_mail_settings(self, webapp_id, smtp_server, from_address=KEEP, reply_to=KEEP,
                             code_page=KEEP, enable_ssl=KEEP, port=KEEP, credentials=KEEP):
        """credentials: KEEP (leave stored auth alone), None (anonymous) or (user, password str).
        Validation and encryption happen before the write transaction starts."""
        cols = {"smtp_server": (smtp_server or "").strip() or None}
        if from_address is not KEEP:
            cols["mail_from"] = validate_mail_address(from_address, "OutgoingEmailAddress")
        if reply_to is not KEEP:
            cols["mail_reply_to"] = validate_mail_address(reply_to, "ReplyToEmailAddress")
        if code_page is not KEEP:
            cols["mail_code_page"] = int(code_page)
        if enable_ssl is not KEEP:
            cols["mail_enable_ssl"] = int(bool(enable_ssl))
        if port is not KEEP:
            cols["smtp_port"] = validate_port(port)
        if credentials is None:
            cols.update(smtp_user=None, smtp_password=None, smtp_key_fingerprint=None)
        elif credentials is not KEEP:
            user, password = credentials
            dk = self.local_derived_key()
            if dk is None:
                raise_error(SPException, M.NO_CREDENTIAL_KEY_FOR_SAVE.format(self.host),
                            "ApplicationCredentialKeyNotSet", "InvalidOperation", webapp_id)
            aad = secrets.associated_data("smtp-password", self.farm_id, webapp_id,
                                          dk.fingerprint)
            cols.update(smtp_user=user or "", smtp_password=secrets.seal(dk, password, aad),
                        smtp_key_fingerprint=dk.fingerprint)
        return self.update_web_application(webapp_id, cols)

    def credential_status(self, row):
        """(status, plaintext password or None, message or None) for a web application row."""
        blob = row.get("smtp_password")
        label = row.get("url")
        if not row.get("smtp_user") and not blob:
            return CredentialStatus.ANONYMOUS, None, None
        dk = self.local_derived_key()
        if dk is None:
            return (CredentialStatus.MISSING_KEY, None,
                    M.NO_CREDENTIAL_KEY_FOR_READ.format(self.host, label))
        stored_fp = row.get("smtp_key_fingerprint") or ""
        aad = secrets.associated_data("smtp-password", self.farm_id, row["id"], stored_fp)
        try:
            plain = secrets.open_sealed(dk, blob or "", aad)
        except secrets.IntegrityError:
            if stored_fp and stored_fp != dk.fingerprint:
                # Could the local key open it under its own fingerprint? Then the stored
                # fingerprint was edited; otherwise it really is another key.
                try:
                    secrets.open_sealed(dk, blob or "", secrets.associated_data(
                        "smtp-password", self.farm_id, row["id"], dk.fingerprint))
                except secrets.IntegrityError:
                    return (CredentialStatus.DIFFERENT_KEY, None,
                            M.DIFFERENT_CREDENTIAL_KEY.format(self.host, label))
            return (CredentialStatus.TAMPERED, None,
                    M.TAMPERED_CREDENTIALS.format(self.host, label))
        if stored_fp != dk.fingerprint:  # opened, yet the fingerprint disagrees: impossible
            return (CredentialStatus.TAMPERED, None,
                    M.TAMPERED_CREDENTIALS.format(self.host, label))
        return CredentialStatus.OK, plain, None

    def credential_key_report(self):
        """For the Health Analyzer ("One or more servers can't retrieve the outgoing email
        credentials"): for every web application with stored SMTP credentials, the servers that
        cannot decrypt them, judged from published fingerprints only (no key is read).
        Returns [(web application row, [(server row, "MissingKey" | "DifferentKey"), ...])]."""
        with self.store.read() as tx:
            apps = tx.all("SELECT id, url, display_name, smtp_user, smtp_key_fingerprint "
                          "FROM web_applications WHERE smtp_password IS NOT NULL "
                          "ORDER BY is_admin DESC, url_key")
            servers = tx.all("SELECT id, name, key_fingerprint FROM servers ORDER BY name_key")
        report = []
        for app in apps:
            failing = []
            for srv in servers:
                if not srv["key_fingerprint"]:
                    failing.append((srv, CredentialStatus.MISSING_KEY))
                elif srv["key_fingerprint"] != app["smtp_key_fingerprint"]:
                    failing.append((srv, CredentialStatus.DIFFERENT_KEY))
            report.append((app, failing))
        return report

    # ---- managed accounts
    def managed_accounts(self):
        with self.store.read() as tx:
            return tx.all("SELECT * FROM managed_accounts ORDER BY user_key")

    def find_managed_accounts(self, identity):
        ident = (identity or "").strip().lower()
        with self.store.read() as tx:
            return tx.all("SELECT * FROM managed_accounts WHERE user_key = ? OR id = ?",
                          (ident, ident))

    def add_managed_account(self, user_name):
        ts = now()
        with self.store.write() as tx:
            if tx.one("SELECT 1 FROM managed_accounts WHERE user_key = ?",
                      (user_name.strip().lower(),)):
                raise_error(SPDuplicateObjectException,
                            M.MANAGED_ACCOUNT_EXISTS.format(user_name),
                            "Microsoft.SharePoint.PowerShell.SPCmdletNewManagedAccount",
                            "InvalidData", user_name)
            _ensure_managed_account(tx, user_name, ts)
            _bump_farm(tx)
            return tx.one("SELECT * FROM managed_accounts WHERE user_key = ?",
                          (user_name.strip().lower(),))


def _deep_merge(into: dict, changes: dict):
    for k, v in changes.items():
        if isinstance(v, dict) and isinstance(into.get(k), dict):
            _deep_merge(into[k], v)
        else:
            into[k] = v
