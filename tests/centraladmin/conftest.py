"""Fixtures for the Central Administration tests: a two-server farm (SP1 runs Central
Administration and has the application credential key; SP2 has none yet), the ASGI app with a
signed-in TestClient, and helpers to read CSRF tokens from pages."""
from __future__ import annotations

import html as html_lib
import re
import uuid
from types import SimpleNamespace

import pytest

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint import store

KEY = "Lab credential key 2019!"


@pytest.fixture(autouse=True)
def _file_keystore(monkeypatch):
    monkeypatch.setenv("SPSHELL_KEYSTORE", "file")  # never a developer's real keyring
    yield
    store.forget_open_stores()
    F._keystores.clear()


@pytest.fixture
def home(tmp_path):
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture
def farm2(home):
    name = "Cfg_" + uuid.uuid4().hex[:10]
    s1 = F.create_farm(home, "SP1", "SQL-01", name, "Farm pass 1")
    s2 = F.connect_farm(home, "SP2", "SQL-01", name, "Farm pass 1")
    F.set_credential_key(home, "SP1", KEY)
    return SimpleNamespace(home=home, sp1=s1, sp2=s2, db=name)


@pytest.fixture
def ca(farm2):
    """(TestClient signed in as the first browser, guard) for SP1's Central Administration."""
    from starlette.testclient import TestClient

    from cmdlets.sharepoint.centraladmin.app import create_app
    from cmdlets.sharepoint.centraladmin.security import AccessGuard
    guard = AccessGuard("127.0.0.1", 0)
    app = create_app(farm2.home, "SP1", guard)
    client = TestClient(app, base_url="http://127.0.0.1:8080")
    r = client.get("/?token=" + guard.token, follow_redirects=False)
    assert r.status_code == 303
    return SimpleNamespace(client=client, guard=guard, app=app, farm=farm2)


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF field on the page"
    return m.group(1)


def field_error(html: str, name: str):
    m = re.search(rf'id="err-{name}"[^>]*>([^<]*)<', html)
    return html_lib.unescape(m.group(1)) if m else None
