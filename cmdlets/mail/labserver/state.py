"""Where the lab mail server keeps its state in the spshell home, and how clients find it.

Layout under ``<home>/mail/lab/``::

    state.json      the running server: pid, listeners (real port, port it stands for, TLS
                    mode, profile), host names it answers for, CA file; written atomically by the
                    server once every listener is bound, removed when it stops
    users.json      lab users (0600; the lab's own password database, like Cyrus' sasldb)
    tls/            lab CA and server certificate (generated once, reused)
    mailbox/        one .eml per captured message plus a .json with who/how/TLS/listener
    server.log      the server process's output
    kdc/            optional MIT KDC (realm LAB.TEST)

This module is light (json, os) because every SMTP client call consults it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

DEFAULT_PORTS = {("Exchange", 25): 2525, ("Exchange", 587): 5587, ("Exchange", 465): 4465,
                 ("ExchangeOnline", 587): 5588}


def lab_dir(home) -> Path:
    return Path(home) / "mail" / "lab"


def state_path(home) -> Path:
    return lab_dir(home) / "state.json"


def mailbox_dir(home) -> Path:
    return lab_dir(home) / "mailbox"


def pid_alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (TypeError, ValueError):
        return False
    # a zombie child still answers kill(0); look at its state where /proc exists
    try:
        with open(f"/proc/{int(pid)}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def read_state(home):
    """The running lab's state dict, or None (no lab, or its process is gone)."""
    try:
        with open(state_path(home)) as f:
            state = json.load(f)
    except (OSError, ValueError):
        return None
    if not pid_alive(state.get("pid")):
        return None
    return state


def write_json_atomic(path: Path, data, mode=0o600):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w") as f:
        json.dump(data, f, indent=1)
    os.replace(tmp, path)


class LabRoute:
    """A connection the lab takes: the real address and what it stands for."""

    def __init__(self, host, port, listener, ca_file, requested_host, requested_port):
        self.host, self.port = host, port
        self.listener = listener
        self.ca_file = ca_file
        self.requested_host, self.requested_port = requested_host, requested_port

    @property
    def description(self):
        lst = self.listener
        return (f"lab listener {lst['name']} (stands for port {lst['standsFor']}) at "
                f"{self.host}:{self.port}")


def resolve(home, host, port):
    """A LabRoute when ``host:port`` goes to the lab of this home, else None.

    Two ways in: a name the lab answers for (``-HostName``; the port picks the listener standing
    for it), or a loopback address at a lab listener's real port.
    """
    if home is None:
        return None
    state = read_state(home)
    if not state:
        return None
    h = (host or "").lower().rstrip(".")
    listeners = state.get("listeners", [])
    if h in ("127.0.0.1", "localhost", "::1"):
        for lst in listeners:
            if lst["port"] == port:
                return LabRoute("127.0.0.1", port, lst, state.get("caFile"), host, port)
        return None
    names = {k.lower(): v for k, v in state.get("hostNames", {}).items()}
    if h not in names:
        return None
    profile = names[h]
    candidates = [lst for lst in listeners if lst["standsFor"] == port]
    preferred = [lst for lst in candidates if lst["profile"] == profile] or candidates
    if not preferred:
        have = ", ".join(f"{lst['name']}" for lst in listeners)
        from ..errors import MailError
        raise MailError("connect", f"The lab answers for {host} but has no listener standing "
                        f"for port {port} (listeners: {have}).", category="ConnectionError")
    lst = preferred[0]
    return LabRoute("127.0.0.1", lst["port"], lst, state.get("caFile"), host, port)
