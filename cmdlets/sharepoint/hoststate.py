"""A host's own record of the farm it joined: the equivalent of the server's registry entry.

home/hosts/<host>/farm.json = {"server": ..., "database": ..., "farm_id": ..., "server_id": ...}
written atomically (0600). A host is in at most one farm.
"""
from __future__ import annotations

import json
from pathlib import Path

from .paths import atomic_write, host_dir

_FILE = "farm.json"


def read_membership(home: Path, host: str):
    p = host_dir(home, host) / _FILE
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError:
        return None  # a torn or hand-edited file cannot name a farm
    return data if isinstance(data, dict) and data.get("farm_id") else None


def write_membership(home: Path, host: str, *, server: str, database: str, farm_id: str,
                     server_id: str) -> None:
    data = {"server": server, "database": database, "farm_id": farm_id, "server_id": server_id}
    atomic_write(host_dir(home, host) / _FILE, json.dumps(data, indent=1).encode("utf-8"))


def clear_membership(home: Path, host: str) -> None:
    try:
        (host_dir(home, host) / _FILE).unlink()
    except FileNotFoundError:
        pass
