"""``spshell --central-admin``: serve Central Administration in the foreground until Ctrl+C.

    spshell --central-admin [--port N] [--listen ADDRESS [--allow-remote]] [-ComputerName NAME]

Prints the one-time link as Start-SPCentralAdministration does. Exit codes: 0 after Ctrl+C,
1 when it cannot start (not in a farm, port in use), 64 for bad arguments.
"""
from __future__ import annotations

import os
import signal
import socket
import sys
import threading

FLAGS = ("--central-admin", "-centraladmin")
_STOP_AT = ("-command", "-c", "-file", "-f", "--command", "--file", "-")
_TAKES_VALUE = ("computername", "cn", "executionpolicy", "ep", "workingdirectory", "wd",
                "inputformat", "outputformat", "port", "listen", "listenaddress",
                "computer-name")

USAGE = ("Usage: spshell --central-admin [--port N] [--listen ADDRESS [--allow-remote]] "
         "[-ComputerName NAME]\n")


def wants_central_admin(argv) -> bool:
    """True when the flag comes among spshell's own options: before any -Command/-File (whose
    text may contain anything) and before a bare script path (whose arguments may, too)."""
    skip = False
    for tok in argv:
        if skip:
            skip = False
            continue
        low = tok.lower()
        if low in FLAGS:
            return True
        if low in _STOP_AT or not low.startswith("-"):
            return False
        skip = low.lstrip("-") in _TAKES_VALUE
    return False


def _parse(argv):
    opts = {"port": None, "listen": "127.0.0.1", "allow_remote": False, "computername": None}
    i = 0
    while i < len(argv):
        low = argv[i].lower()
        if low in FLAGS:
            i += 1
            continue
        if low in ("--allow-remote", "-allowremoteaccess"):
            opts["allow_remote"] = True
            i += 1
            continue
        key = {"--port": "port", "-port": "port", "--listen": "listen",
               "-listenaddress": "listen", "-computername": "computername",
               "-cn": "computername", "--computer-name": "computername"}.get(low)
        if key is None or i + 1 >= len(argv):
            raise ValueError(f"The argument '{argv[i]}' is not valid with --central-admin.")
        opts[key] = argv[i + 1]
        i += 2
    if opts["port"] is not None:
        try:
            opts["port"] = int(opts["port"])
        except ValueError:
            raise ValueError(f"The port '{opts['port']}' is not a number.") from None
        if not 0 <= opts["port"] <= 65535:
            raise ValueError(f"The port {opts['port']} is out of range (0-65535).")
    return opts


def main(argv) -> int:
    try:
        opts = _parse(list(argv))
    except ValueError as exc:
        sys.stderr.write(f"{exc}\n{USAGE}")
        return 64
    if opts["computername"]:
        os.environ["SPSHELL_COMPUTERNAME"] = opts["computername"]
    from spshell.runtime.errors import DotNetException

    from ..farm import open_session
    from ..paths import default_home
    from . import server as S
    from .cmdlets import announce
    home = default_home()
    host = os.environ.get("SPSHELL_COMPUTERNAME") or socket.gethostname()
    try:
        sess = open_session(home, host)
        port = opts["port"]
        if port is None:
            ca = sess.central_admin_row()
            port = int(ca["port"]) if ca and ca.get("port") else 0
            try:
                running = S.start(home, host, port, opts["listen"], opts["allow_remote"])
            except S.CentralAdminError as exc:
                if exc.category != "ResourceUnavailable" or not port:
                    raise
                running = S.start(home, host, 0, opts["listen"], opts["allow_remote"])
        else:
            running = S.start(home, host, port, opts["listen"], opts["allow_remote"])
    except DotNetException as exc:
        sys.stderr.write(exc.Message + "\n")
        return 1
    except S.CentralAdminError as exc:
        sys.stderr.write(str(exc) + "\n")
        return 1
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):  # before the link: a quick ^C must stop cleanly
        signal.signal(sig, lambda *a: done.set())
    announce(lambda line: print(line, flush=True), running, "Press Ctrl+C to stop.")
    while not done.is_set() and running.running:
        done.wait(0.5)
    S.stop(home, host)
    return 0
