"""Fixtures for the SharePoint farm tests: a fresh spshell home, both store backends, and a tiny
stand-in for the engine's command runtime so cmdlet classes can be driven directly."""
from __future__ import annotations

import os
import uuid
from types import SimpleNamespace

import pytest

from cmdlets.sharepoint import store

PG_DSN = os.environ.get("SPSHELL_TEST_PG_DSN")


@pytest.fixture(autouse=True)
def _file_keystore(monkeypatch):
    # Tests must not touch a developer's real keyring.
    monkeypatch.setenv("SPSHELL_KEYSTORE", "file")
    yield
    store.forget_open_stores()


@pytest.fixture
def home(tmp_path):
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request):
    """(database server, database name) on each backend; PostgreSQL needs SPSHELL_TEST_PG_DSN."""
    name = "Cfg_" + uuid.uuid4().hex[:10]
    if request.param == "sqlite":
        yield SimpleNamespace(kind="sqlite", server="SQL-01", name=name)
        return
    if not PG_DSN:
        pytest.skip("SPSHELL_TEST_PG_DSN is not set (start one with .ci/postgres.sh)")
    yield SimpleNamespace(kind="postgres", server=PG_DSN, name=name)
    _drop_pg_schema(name)


def _drop_pg_schema(name):
    import psycopg
    schema = store._schema_name(name)
    with psycopg.connect(PG_DSN, autocommit=True) as c:
        c.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


class FakeRuntime:
    def __init__(self, confirm=True):
        self.output, self.errors, self.warnings, self.verbose = [], [], [], []
        self.confirm = confirm
        self.asked = []
        self.stopping = False

    def write_object(self, obj, enumerate_collection=False):
        self.output.append(obj)

    def write_error(self, record):
        self.errors.append(record)

    def throw_terminating_error(self, record):
        raise record.exception

    def write_warning(self, m):
        self.warnings.append(m)

    def write_verbose(self, m):
        self.verbose.append(m)

    def write_debug(self, m):
        pass

    def should_process(self, target, action):
        self.asked.append((target, action))
        return self.confirm


def run_cmdlet(cls, host, home, set_name=None, confirm=True, **params):
    inst = cls()
    inst.context = SimpleNamespace(computer_name=host, home=home)
    inst.bound = dict(params)
    inst.parameter_set_name = set_name or cls.default_parameter_set or "__AllParameterSets"
    inst.runtime = FakeRuntime(confirm)
    for k, v in params.items():
        setattr(inst, k, v)
    inst.begin()
    inst.process()
    inst.end()
    return inst.runtime


@pytest.fixture
def run():
    return run_cmdlet
