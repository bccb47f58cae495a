"""Where a host's local state and the embedded farm databases live under the spshell home.

Layout (``home`` is SPSHELL_HOME, default ``$XDG_DATA_HOME/spshell`` or ~/.local/share/spshell)::

    home/hosts/<host>/farm.json          which farm this host joined (its "registry")
    home/hosts/<host>/keys/              file key store (0700; one file, 0600)
    home/databases/<server>/<db>.sqlite3 embedded SQLite configuration databases
    home/sql-servers.json                optional map: database server name -> postgresql:// DSN

Host names and database names are case-insensitive, as on Windows and SQL Server, so they are
folded before they become path parts.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

_UNSAFE = re.compile(r"[^a-z0-9._-]")


def default_home(environ=None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("SPSHELL_HOME"):
        return Path(env["SPSHELL_HOME"])
    base = env.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "spshell"


def normalize_host(name: str) -> str:
    """Host identity: case-insensitive, surrounding blanks ignored; FQDNs kept whole."""
    return (name or "").strip().lower()


def path_part(name: str) -> str:
    """A case-folded, file-system-safe rendering of a name (``SQL-01\\Inst`` -> ``sql-01_inst``)."""
    folded = _UNSAFE.sub("_", (name or "").strip().lower())
    return folded.strip(".") or "_"


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)  # mkdir's mode is masked by umask; enforce it
    return path


def host_dir(home: Path, host: str) -> Path:
    return ensure_private_dir(Path(home) / "hosts" / path_part(normalize_host(host)))


def sqlite_path(home: Path, server: str, database: str) -> Path:
    folder = ensure_private_dir(Path(home) / "databases" / path_part(server))
    return folder / f"{path_part(database)}.sqlite3"


def atomic_write(path: Path, data: bytes, mode: int = 0o600, durable: bool = True) -> None:
    """Write-then-rename, so readers and a crash see either the old or the new file; ``durable``
    also fsyncs the data before the rename (the key must survive a power cut)."""
    folder = ensure_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def sql_server_map(home: Path, environ=None) -> dict[str, str]:
    """Database server name (folded) -> DSN, from SPSHELL_SQL_SERVERS ("NAME=dsn;NAME2=dsn") and
    home/sql-servers.json ({"NAME": "dsn"}); the environment wins."""
    env = os.environ if environ is None else environ
    mapping: dict[str, str] = {}
    cfg = Path(home) / "sql-servers.json"
    if cfg.is_file():
        try:
            data = json.loads(cfg.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if isinstance(data, dict):
            for k, v in data.items():
                if isinstance(v, str):
                    mapping[str(k).strip().lower()] = v.strip()
    raw = env.get("SPSHELL_SQL_SERVERS", "")
    for item in re.split(r"[;\n]", raw):
        if "=" in item:
            name, _, dsn = item.partition("=")
            if name.strip():
                mapping[name.strip().lower()] = dsn.strip()
    return mapping


def is_postgres_dsn(value: str) -> bool:
    v = (value or "").strip().lower()
    return v.startswith("postgresql://") or v.startswith("postgres://")
