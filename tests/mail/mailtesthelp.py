"""Helpers for the mail tests (imported by conftest.py and the test files)."""
from __future__ import annotations

import socket
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "Secret123!"


class LabHandle:
    def __init__(self, home, state):
        self.home = home
        self.state = state

    def port(self, name):
        return next(lst["port"] for lst in self.state["listeners"] if lst["name"] == name)

    @property
    def ca(self):
        return self.state["caFile"]


def settings(lab, listener, encryption, mechanism="Auto", user="LAB\\alice", password=PASSWORD,
             **kw):
    from cmdlets.mail.client import SmtpSettings
    from spshell.runtime.objects import SecureString
    return SmtpSettings("127.0.0.1", lab.port(listener), encryption, mechanism, user=user,
                        password=SecureString(password) if password is not None else None,
                        home=lab.home, timeout=kw.pop("timeout", 10), **kw)


def message(subject="test", to="bob@lab.test"):
    from cmdlets.mail.client import MailMessage
    return MailMessage("alice@lab.test", to, subject, "This is a test mailing")


class ScriptedServer:
    """A TCP server on 127.0.0.1 whose per-connection behaviour is a function(conn)."""

    def __init__(self, behaviour):
        self.behaviour = behaviour
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.conns = []
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        self.sock.settimeout(0.2)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        try:
            self.behaviour(conn)
        except OSError:
            pass

    def close(self):
        self._stop = True
        self.thread.join(2)
        for c in self.conns:
            try:
                c.close()
            except OSError:
                pass
        self.sock.close()


def read_line(conn):
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(1)
        if not chunk:
            break
        data += chunk
    return data


