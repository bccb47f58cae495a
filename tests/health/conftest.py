"""Fixtures for the Health Analyzer tests: a fresh spshell home, both farm store backends, and a
three-server farm built through the farm's domain API."""
from __future__ import annotations

import os
import uuid
from types import SimpleNamespace

import pytest

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint import store

PG_DSN = os.environ.get("SPSHELL_TEST_PG_DSN")


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


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request):
    name = "Cfg_" + uuid.uuid4().hex[:10]
    if request.param == "sqlite":
        yield SimpleNamespace(kind="sqlite", server="SQL-01", name=name)
        return
    if not PG_DSN:
        pytest.skip("SPSHELL_TEST_PG_DSN is not set (start one with .ci/postgres.sh)")
    yield SimpleNamespace(kind="postgres", server=PG_DSN, name=name)
    import psycopg
    with psycopg.connect(PG_DSN, autocommit=True) as c:
        c.execute(f'DROP SCHEMA IF EXISTS "{store._schema_name(name)}" CASCADE')


@pytest.fixture
def farm3(home, db):
    """WFE1 (created the farm), WFE2, WFE3: sessions by host name."""
    s1 = F.create_farm(home, "WFE1", db.server, db.name, "Farm pass 1")
    s2 = F.connect_farm(home, "WFE2", db.server, db.name, "Farm pass 1")
    s3 = F.connect_farm(home, "WFE3", db.server, db.name, "Farm pass 1")
    return {"WFE1": s1, "WFE2": s2, "WFE3": s3}
