"""The farm store: the configuration database every server of a farm shares.

Plain DB-API over two drivers with one schema and (almost) one SQL text:
  * sqlite3 (default): one file per (database server, database name) under the spshell home;
    WAL, a busy timeout, autocommit mode with explicit ``BEGIN IMMEDIATE`` for every write
    transaction (a deferred transaction that reads then writes cannot wait for the lock and
    loses updates; shell-ux §6.1).
  * psycopg (PostgreSQL) when the database server is a ``postgresql://`` DSN or is mapped to one
    (SPSHELL_SQL_SERVERS, home/sql-servers.json). Each configuration database is a schema in the
    DSN's database. Write transactions take a transaction-scoped advisory lock first, so writers
    are serialized exactly as on SQLite and read-modify-write code is correct on both.
psycopg is imported only when a PostgreSQL farm is opened.

SQL is written with ``?`` placeholders; the PostgreSQL backend rewrites them to ``%s``. Only
TEXT and INTEGER columns are used (booleans 0/1, binary data base64), so both engines agree.

Schema versions and extension
-----------------------------
The schema is a list of migrations per *component*; table ``spshell_schema`` records the version
each component has reached in this database. Migrations are append-only: never edit a released
step, add the next version. Another module (the Health Analyzer: rules, timer jobs, per-server
rule results) adds its own tables like this::

    from cmdlets.sharepoint import store
    store.register_migrations("health", [
        (1, ["CREATE TABLE health_rules (id TEXT PRIMARY KEY, name TEXT NOT NULL, ...)",
             "CREATE TABLE health_results (rule_id TEXT NOT NULL, server_id TEXT NOT NULL, ...,"
             " PRIMARY KEY (rule_id, server_id))"]),
        (2, [lambda tx: ...]),          # a callable step gets the write transaction
    ])
    ...
    farm_store.migrate()                # or just open the store again: open() migrates

Call ``register_migrations`` at import time of the module that owns the tables; ``open_store``
and ``FarmStore.migrate()`` apply every registered component's pending steps inside one write
transaction, so concurrent first users cannot apply a step twice. Reference farm rows by
``servers.id`` / ``web_applications.id`` (TEXT GUIDs). Use ``store.write()`` for every
read-modify-write and keep transactions short (no network I/O inside).
"""
from __future__ import annotations

import json
import re
import sqlite3
import threading
import uuid
import zlib
from contextlib import contextmanager
from pathlib import Path

from .paths import is_postgres_dsn, path_part, sql_server_map, sqlite_path


class StoreError(Exception):
    """The configuration database cannot be reached or used (message is user-facing)."""


# ---------------------------------------------------------------------------------------------
# migrations

_MIGRATIONS: dict[str, list[tuple[int, list]]] = {}
_migrations_lock = threading.Lock()


def register_migrations(component: str, steps) -> None:
    """Register (version, [sql or callable(tx)]) steps for a component; idempotent per version."""
    with _migrations_lock:
        have = {v for v, _ in _MIGRATIONS.get(component, [])}
        merged = list(_MIGRATIONS.get(component, []))
        for version, statements in steps:
            if version not in have:
                merged.append((int(version), list(statements)))
        merged.sort(key=lambda s: s[0])
        _MIGRATIONS[component] = merged


def registered_components() -> dict[str, int]:
    return {c: (steps[-1][0] if steps else 0) for c, steps in _MIGRATIONS.items()}


register_migrations("farm", [
    (1, [
        """CREATE TABLE farm (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created TEXT NOT NULL,
            passphrase_kdf TEXT NOT NULL,
            passphrase_verifier TEXT NOT NULL,
            key_kdf TEXT NOT NULL,
            farm_account TEXT,
            build_version TEXT NOT NULL,
            properties TEXT NOT NULL DEFAULT '{}',
            revision INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE servers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            address TEXT NOT NULL,
            role TEXT NOT NULL,
            status TEXT NOT NULL,
            needs_upgrade INTEGER NOT NULL DEFAULT 0,
            distributed_cache INTEGER NOT NULL DEFAULT 1,
            joined TEXT NOT NULL,
            key_fingerprint TEXT,
            key_updated TEXT,
            revision INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE web_applications (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            display_name TEXT NOT NULL,
            url TEXT NOT NULL,
            url_key TEXT NOT NULL UNIQUE,
            is_admin INTEGER NOT NULL DEFAULT 0,
            default_server_comment TEXT NOT NULL,
            application_pool TEXT,
            port INTEGER NOT NULL,
            host_header TEXT NOT NULL DEFAULT '',
            path TEXT NOT NULL DEFAULT '',
            ssl INTEGER NOT NULL DEFAULT 0,
            allow_anonymous INTEGER NOT NULL DEFAULT 0,
            authentication_method TEXT NOT NULL DEFAULT 'NTLM',
            database_name TEXT,
            database_server TEXT,
            created TEXT NOT NULL,
            smtp_server TEXT,
            smtp_port INTEGER NOT NULL DEFAULT 25,
            mail_from TEXT,
            mail_reply_to TEXT,
            mail_code_page INTEGER NOT NULL DEFAULT 65001,
            mail_enable_ssl INTEGER NOT NULL DEFAULT 0,
            mail_override_sender INTEGER NOT NULL DEFAULT 0,
            smtp_user TEXT,
            smtp_password TEXT,
            smtp_key_fingerprint TEXT,
            settings TEXT NOT NULL DEFAULT '{}',
            properties TEXT NOT NULL DEFAULT '{}',
            revision INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX web_applications_name ON web_applications (name_key)",
        """CREATE TABLE application_pools (
            name_key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            account TEXT NOT NULL)""",
        """CREATE TABLE managed_accounts (
            id TEXT PRIMARY KEY,
            user_key TEXT NOT NULL UNIQUE,
            user_name TEXT NOT NULL,
            created TEXT NOT NULL,
            automatic_change INTEGER NOT NULL DEFAULT 0)""",
    ]),
])


# ---------------------------------------------------------------------------------------------
# transactions

class Tx:
    """One transaction: rows come back as dicts keyed by column name."""

    def __init__(self, cursor, dialect):
        self._cur = cursor
        self.dialect = dialect

    def execute(self, sql, params=()):
        if self.dialect == "postgresql":
            sql = sql.replace("?", "%s")
        self._cur.execute(sql, tuple(params))
        return self._cur

    def all(self, sql, params=()):
        cur = self.execute(sql, params)
        if cur.description is None:
            return []
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def one(self, sql, params=()):
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql, params=()):
        cur = self.execute(sql, params)
        row = cur.fetchone()
        return row[0] if row else None

    @property
    def rowcount(self):
        return self._cur.rowcount


class FarmStore:
    """A connection to one configuration database (thread-confined; one per process is enough)."""

    def __init__(self, backend, server: str, database: str):
        self._b = backend
        self.server = server
        self.database = database
        self.dialect = backend.dialect
        self._migrated: dict[str, int] = {}

    @property
    def location(self) -> str:
        return self._b.location

    @contextmanager
    def read(self):
        with self._b.transaction(write=False) as cur:
            yield Tx(cur, self.dialect)

    @contextmanager
    def write(self):
        with self._b.transaction(write=True) as cur:
            yield Tx(cur, self.dialect)

    def close(self):
        self._b.close()

    def exists(self) -> bool:
        """Does this database hold a farm (schema present and a farm row)?"""
        if not self._b.has_table("spshell_schema"):
            return False
        with self.read() as tx:
            try:
                return tx.scalar("SELECT COUNT(*) FROM farm") > 0
            except Exception:
                return False

    def migrate(self) -> None:
        wanted = registered_components()
        if all(self._migrated.get(c) == v for c, v in wanted.items()):
            return
        with self.write() as tx:
            tx.execute("CREATE TABLE IF NOT EXISTS spshell_schema ("
                       "component TEXT PRIMARY KEY, version INTEGER NOT NULL)")
            done = {r["component"]: r["version"]
                    for r in tx.all("SELECT component, version FROM spshell_schema")}
            for component, steps in sorted(_MIGRATIONS.items()):
                current = done.get(component, 0)
                for version, statements in steps:
                    if version <= current:
                        continue
                    for st in statements:
                        if callable(st):
                            st(tx)
                        else:
                            tx.execute(st)
                    current = version
                tx.execute("INSERT INTO spshell_schema (component, version) VALUES (?, ?) "
                           "ON CONFLICT (component) DO UPDATE SET version = excluded.version",
                           (component, current))
                self._migrated[component] = current


class _SqliteBackend:
    dialect = "sqlite"

    def __init__(self, path: Path, create: bool):
        self.path = path
        self.location = str(path)
        if not create and not path.exists():
            raise FileNotFoundError(path)
        new = not path.exists()
        self._conn = sqlite3.connect(str(path), timeout=60.0, isolation_level=None,
                                     check_same_thread=False)
        if new:
            path.chmod(0o600)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._lock = threading.RLock()

    def has_table(self, name):
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                                     (name,)).fetchone()
        return row is not None

    @contextmanager
    def transaction(self, write):
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
            finally:
                cur.close()

    def close(self):
        self._conn.close()


def _schema_name(database: str) -> str:
    return "spcfg_" + re.sub(r"[^a-z0-9_]", "_", database.strip().lower())[:50]


class _PostgresBackend:
    dialect = "postgresql"

    def __init__(self, dsn: str, database: str, create: bool):
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
            raise StoreError(f"PostgreSQL support needs psycopg: {exc}") from exc
        self._psycopg = psycopg
        self.schema = _schema_name(database)
        self.location = redact(dsn) + f" (schema {self.schema})"
        try:
            self._conn = psycopg.connect(dsn, autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            raise StoreError(redact(str(exc).strip())) from exc
        exists = self._conn.execute("SELECT 1 FROM information_schema.schemata "
                                    "WHERE schema_name = %s", (self.schema,)).fetchone()
        if not exists:
            if not create:
                raise FileNotFoundError(self.schema)
            self._conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
        self._conn.execute(f'SET search_path TO "{self.schema}"')
        self._lock_key = zlib.crc32(self.schema.encode()) - 2 ** 31
        self._lock = threading.RLock()

    def has_table(self, name):
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM information_schema.tables "
                                     "WHERE table_schema = %s AND table_name = %s",
                                     (self.schema, name)).fetchone()
        return row is not None

    @contextmanager
    def transaction(self, write):
        with self._lock:
            try:
                with self._conn.transaction():
                    cur = self._conn.cursor()
                    if write:
                        cur.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock_key,))
                    else:
                        cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    yield cur
            except self._psycopg.OperationalError as exc:
                raise StoreError(redact(str(exc).strip())) from exc

    def close(self):
        self._conn.close()


def redact(text: str) -> str:
    """Never show a database password (DSNs carry them)."""
    return re.sub(r"(postgres(?:ql)?://[^:/@\s]+:)[^@\s]*@", r"\1***@", text)


def resolve_server(home: Path, server: str, environ=None) -> str | None:
    """The PostgreSQL DSN a database server name stands for, or None for embedded SQLite."""
    if is_postgres_dsn(server):
        return server.strip()
    mapped = sql_server_map(home, environ).get(server.strip().lower())
    if mapped and is_postgres_dsn(mapped):
        return mapped
    return None


_open_stores: dict[tuple, FarmStore] = {}
_open_lock = threading.Lock()


def open_store(home: Path, server: str, database: str, *, create=False, environ=None) -> FarmStore:
    """Open (and migrate) a configuration database. Raises FileNotFoundError when it does not
    exist and ``create`` is false, StoreError when the server cannot be used. Connections are
    reused within the process."""
    dsn = resolve_server(home, server, environ)
    key = (str(home), dsn or path_part(server), path_part(database))
    with _open_lock:
        st = _open_stores.get(key)
    if st is None:
        if dsn:
            backend = _PostgresBackend(dsn, database, create)
        else:
            backend = _SqliteBackend(sqlite_path(home, server, database), create)
        st = FarmStore(backend, server, database)
        with _open_lock:
            _open_stores[key] = st
    if create or st._b.has_table("spshell_schema"):
        st.migrate()
    return st


def forget_open_stores() -> None:
    """Close every cached connection (tests; after a database is dropped)."""
    with _open_lock:
        stores = list(_open_stores.values())
        _open_stores.clear()
    for s in stores:
        try:
            s.close()
        except Exception:
            pass


def new_id() -> str:
    return str(uuid.uuid4())


def dumps(obj) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def loads(text) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
