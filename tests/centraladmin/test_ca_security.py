"""AccessGuard on its own: the one-time token, sessions, Host/Origin checks, CSRF tokens."""
from __future__ import annotations

import pytest

from cmdlets.sharepoint.centraladmin import security
from cmdlets.sharepoint.centraladmin.security import AccessGuard


def test_token_works_once_and_a_new_one_replaces_it():
    g = AccessGuard("127.0.0.1", 8080)
    t1 = g.token
    assert len(t1) >= 40
    assert g.exchange("") is None and g.exchange(t1[:-1]) is None and g.token == t1
    t2 = g.new_token()
    assert t2 != t1 and g.exchange(t1) is None
    sid = g.exchange(t2)
    assert sid and g.session(sid) is not None and g.token is None
    assert g.exchange(t2) is None
    assert g.session("forged") is None and g.session(None) is None
    g.end_session(sid)
    assert g.session(sid) is None


def test_idle_sessions_expire(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(security.time, "monotonic", lambda: now[0])
    g = AccessGuard("127.0.0.1")
    sid = g.exchange(g.token)
    now[0] += security.SESSION_IDLE - 1
    assert g.session(sid) is not None  # use refreshes it
    now[0] += security.SESSION_IDLE + 1
    assert g.session(sid) is None and g.session_count() == 0


@pytest.mark.parametrize("host, ok", [
    ("127.0.0.1:8080", True), ("localhost:8080", True), ("LOCALHOST", True),
    ("[::1]:8080", True), ("127.0.0.2:1", True), ("evil.example:8080", False),
    ("127.0.0.1.evil.example", False), ("", False), ("10.0.0.5:8080", False),
])
def test_host_header(host, ok):
    assert AccessGuard("127.0.0.1").host_allowed(host) is ok


def test_bind_address_is_an_allowed_host():
    assert AccessGuard("10.0.0.5").host_allowed("10.0.0.5:8080")


@pytest.mark.parametrize("origin, ok", [
    (None, True), ("http://127.0.0.1:8080", True), ("https://127.0.0.1:8080", True),
    ("http://127.0.0.1:9999", False), ("null", False), ("http://evil.example", False),
    ("file://", False),
])
def test_origin(origin, ok):
    assert AccessGuard("127.0.0.1").origin_allowed(origin, "127.0.0.1:8080") is ok


def test_csrf_token_compare():
    g = AccessGuard("127.0.0.1")
    s = g.session(g.exchange(g.token))
    assert AccessGuard.csrf_ok(s, s.csrf)
    assert not AccessGuard.csrf_ok(s, s.csrf + "x") and not AccessGuard.csrf_ok(s, None)
    assert not AccessGuard.csrf_ok(None, s.csrf)


@pytest.mark.parametrize("address, loopback", [
    ("127.0.0.1", True), ("::1", True), ("localhost", True), ("0.0.0.0", False),
    ("192.168.1.2", False), ("not-an-ip", False),
])
def test_is_loopback(address, loopback):
    assert security.is_loopback(address) is loopback
