"""Who may use Central Administration, and how forms are protected.

- Access: a one-time token, printed in the first URL (as Jupyter does), is exchanged for a
  session cookie on first use; afterwards the token is dead, so a URL left in a shell history or
  a browser's history opens nothing. Sessions live only in this server's memory (a restart logs
  everyone out) and expire after a day of idleness.
- Forms: every POST must carry the session's CSRF token (and, when the browser sends one, an
  Origin equal to ours); the cookie is SameSite=Strict and HttpOnly.
- DNS rebinding: requests must name a loopback Host (or the address the server was bound to).
- Nothing secret is logged: uvicorn's access log is off (the first URL carries the token).
"""
from __future__ import annotations

import hmac
import ipaddress
import secrets
import threading
import time
from dataclasses import dataclass, field

COOKIE = "spshell_ca_session"
CSRF_FIELD = "csrf_token"
SESSION_IDLE = 24 * 3600.0

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def is_loopback(address: str) -> bool:
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class _Session:
    csrf: str
    last_seen: float = field(default_factory=time.monotonic)
    flash: str | None = None  # one message for the next page (Post/Redirect/Get)


class AccessGuard:
    """The server's one-time token and its live sessions (thread-safe: the server thread and
    the shell thread that started it both call in)."""

    def __init__(self, bind_host: str, port: int = 0):
        self._lock = threading.Lock()
        self._token = secrets.token_urlsafe(32)
        self._sessions: dict[str, _Session] = {}
        self.bind_host = bind_host
        self.port = port

    # ---- the one-time token
    @property
    def token(self) -> str | None:
        """The unused token (None once it was exchanged)."""
        with self._lock:
            return self._token

    def new_token(self) -> str:
        with self._lock:
            self._token = secrets.token_urlsafe(32)
            return self._token

    def exchange(self, offered: str) -> str | None:
        """A new session id if ``offered`` is the unused token; the token dies either way it
        matched. Wrong tokens change nothing."""
        with self._lock:
            if not self._token or not offered or not hmac.compare_digest(
                    offered.encode(), self._token.encode()):
                return None
            self._token = None
            sid = secrets.token_urlsafe(32)
            self._sessions[sid] = _Session(csrf=secrets.token_urlsafe(32))
            return sid

    # ---- sessions
    def session(self, sid: str | None) -> _Session | None:
        if not sid:
            return None
        now = time.monotonic()
        with self._lock:
            for k in [k for k, s in self._sessions.items() if now - s.last_seen > SESSION_IDLE]:
                del self._sessions[k]
            for k, s in self._sessions.items():
                if hmac.compare_digest(k.encode(), sid.encode()):
                    s.last_seen = now
                    return s
        return None

    def end_session(self, sid: str | None) -> None:
        with self._lock:
            self._sessions.pop(sid or "", None)

    def session_count(self) -> int:
        with self._lock:
            return len(self._sessions)

    # ---- request checks
    def host_allowed(self, host_header: str) -> bool:
        """Host header names us: a loopback name, or the bind address (any port: a proxy in
        front may change it)."""
        if not host_header:
            return False
        host = host_header.strip()
        if host.startswith("["):
            name = host[1:host.find("]")] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        name = name.lower()
        return name in LOOPBACK_NAMES or name == self.bind_host.lower().strip("[]") \
            or is_loopback(name)

    def origin_allowed(self, origin: str | None, host_header: str) -> bool:
        """An Origin header, when sent, must be this server's own."""
        if origin is None:
            return True
        if origin == "null":
            return False
        for scheme in ("http://", "https://"):
            if origin.startswith(scheme):
                return origin[len(scheme):].lower() == (host_header or "").lower()
        return False

    @staticmethod
    def csrf_ok(session: _Session | None, offered: str | None) -> bool:
        if session is None or not offered:
            return False
        return hmac.compare_digest(session.csrf.encode(), str(offered).encode())


SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own
    # form posts, and the Origin check could not tell them from a cross-site post
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
