"""Serving Central Administration: uvicorn in a background thread of this process.

The socket is bound here, in the caller's thread, so "port in use" is an immediate, clear error
and port 0 gives a real port before the URL is printed. One server per (home, host) per process;
the servers live as long as the process (the shell), or until Stop-SPCentralAdministration.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import datetime
from pathlib import Path

from ..paths import ensure_private_dir, host_dir
from .security import AccessGuard, is_loopback

DEFAULT_ADDRESS = "127.0.0.1"
LOGGER = "spshell.centraladmin"
# uvicorn's own loggers: their records (an endpoint's traceback, say) go to the log file instead
# of the shell's terminal, where they would land in the middle of the user's prompt
_SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")

_servers: dict = {}
_lock = threading.Lock()


class CentralAdminError(Exception):
    def __init__(self, message, category="InvalidOperation"):
        super().__init__(message)
        self.category = category


def _key(home, host):
    return (str(Path(home)), host.lower())


def log_file(home, host) -> Path:
    return host_dir(Path(home), host) / "logs" / "CentralAdministration.log"


def _attach_log(home, host):
    """One file handler per log file, shared by every server of this process writing there."""
    path = log_file(home, host)
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    for name in (LOGGER,) + _SERVER_LOGGERS:
        lg = logging.getLogger(name)
        if not any(getattr(h, "baseFilename", None) == str(path) for h in lg.handlers):
            h = logging.FileHandler(path, encoding="utf-8")
            h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            lg.addHandler(h)
        lg.propagate = False
        if lg.level == logging.NOTSET or lg.level > logging.INFO:
            lg.setLevel(logging.INFO)


class RunningServer:
    def __init__(self, home, host, address, port, guard, uvicorn_server, thread, sock):
        self.home = Path(home)
        self.host = host
        self.address = address
        self.port = port
        self.guard = guard
        self.started = datetime.now()
        self._server = uvicorn_server
        self._thread = thread
        self._sock = sock

    @property
    def url(self) -> str:
        shown = f"[{self.address}]" if ":" in self.address else self.address
        return f"http://{shown}:{self.port}/"

    def url_with_token(self) -> str | None:
        token = self.guard.token
        return f"{self.url}?token={token}" if token else None

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout=10.0):
        logging.getLogger(LOGGER).info("Central Administration for %s at %s stopping",
                                       self.host, self.url)
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():  # a long request: stop waiting for it
            self._server.force_exit = True
            self._thread.join(timeout)
        try:
            self._sock.close()
        except OSError:
            pass


def start(home, host, port=0, address=DEFAULT_ADDRESS, allow_remote=False,
          environ=None) -> RunningServer:
    if not is_loopback(address) and not allow_remote:
        raise CentralAdminError(
            f"Central Administration listens on loopback addresses only unless remote access "
            f"is allowed explicitly; '{address}' is not a loopback address. Use "
            f"-AllowRemoteAccess to listen on it (the traffic is not encrypted).",
            "PermissionDenied")
    k = _key(home, host)
    with _lock:
        current = _servers.get(k)
        if current is not None and current.running:
            raise CentralAdminError(
                f"Central Administration for server {host} is already running at {current.url} "
                f"in this session. Run Stop-SPCentralAdministration first.", "ResourceExists")
    import uvicorn

    from .app import create_app
    _attach_log(home, host)
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((address, int(port)))
    except OSError as exc:
        sock.close()
        raise CentralAdminError(f"Central Administration cannot listen on {address} port "
                                f"{port}: {exc.strerror or exc}.", "ResourceUnavailable") from None
    sock.listen(128)
    real_port = sock.getsockname()[1]
    guard = AccessGuard(address, real_port)
    app = create_app(home, host, guard, environ)
    # access_log off: the first request's URL carries the one-time token
    config = uvicorn.Config(app, access_log=False, log_level="warning", log_config=None,
                            lifespan="off", server_header=False, proxy_headers=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name=f"central-admin-{host}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    if not server.started:
        server.should_exit = True
        sock.close()
        raise CentralAdminError("Central Administration did not start.", "ResourceUnavailable")
    running = RunningServer(home, host, address, real_port, guard, server, thread, sock)
    with _lock:
        _servers[k] = running
    logging.getLogger(LOGGER).info("Central Administration for %s started at %s", host,
                                   running.url)
    return running


def get(home, host) -> RunningServer | None:
    with _lock:
        s = _servers.get(_key(home, host))
    return s if s is not None and s.running else None


def all_running() -> list:
    with _lock:
        return [s for s in _servers.values() if s.running]


def stop(home, host) -> bool:
    with _lock:
        s = _servers.pop(_key(home, host), None)
    if s is None:
        return False
    s.stop()
    return True


def stop_all() -> int:
    with _lock:
        items = list(_servers.values())
        _servers.clear()
    for s in items:
        s.stop()
    return len(items)
