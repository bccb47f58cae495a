"""Many processes acting as different servers against one farm store, on both backends:
8 processes x 100 read-modify-write changes lose nothing, and SIGKILL mid-write leaves the store
consistent."""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

import pytest

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint import secrets, store

N_PROC = 8
N_OPS = 100


def _worker(home, server, database, p, barrier, errors):
    os.environ["SPSHELL_KEYSTORE"] = "file"
    try:
        home = Path(home)
        host = f"SP-W{p}"
        barrier.wait()
        sess = F.connect_farm(home, host, server, database, "Pass phrase 1")
        ca = sess.central_admin_row()["id"]
        for j in range(1, N_OPS + 1):
            kind = j % 4
            if kind == 0:
                F.set_credential_key(home, host, f"key-{p}-{j % 3}")
            elif kind == 1:
                sess.update_web_application(ca, properties={f"p{p}": j})
            elif kind == 2:
                sess.update_web_application(ca, settings={"general": {f"Counter{p}": j}})
            else:
                sess.update_mail_settings(ca, "mail.example.com", f"p{p}-{j}@example.com",
                                          port=25 + p)
    except BaseException as exc:  # reported to the parent
        errors.put(f"{p}: {type(exc).__name__}: {exc}")


@pytest.mark.slow
def test_eight_processes_lose_nothing(home, db):
    creator = F.create_farm(home, "SP-APP1", db.server, db.name, "Pass phrase 1")
    ca_before = creator.central_admin_row()["revision"]
    ctx = mp.get_context("spawn")
    barrier, errors = ctx.Barrier(N_PROC), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(home), db.server, db.name, p, barrier, errors))
             for p in range(N_PROC)]
    t0 = time.time()
    for pr in procs:
        pr.start()
    for pr in procs:
        pr.join(300)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert not problems, problems
    assert all(pr.exitcode == 0 for pr in procs)
    ca = creator.central_admin_row()
    props = store.loads(ca["properties"])
    general = store.loads(ca["settings"])["general"]
    updates_per_proc = sum(1 for j in range(1, N_OPS + 1) if j % 4 != 0)
    assert ca["revision"] == ca_before + N_PROC * updates_per_proc
    assert props == {f"p{p}": max(j for j in range(1, N_OPS + 1) if j % 4 == 1)
                     for p in range(N_PROC)}
    assert general == {f"Counter{p}": max(j for j in range(1, N_OPS + 1) if j % 4 == 2)
                       for p in range(N_PROC)}
    servers = {r["name"]: r for r in creator.servers()}
    assert len(servers) == N_PROC + 1
    kdf = creator.key_kdf()
    for p in range(N_PROC):
        row = servers[f"SP-W{p}"]
        assert row["key_fingerprint"] == secrets.derive(f"key-{p}-{N_OPS % 3}", kdf).fingerprint
        # one insert + one publish at join + one publish per key change
        assert row["revision"] == 2 + N_OPS // 4
    print(f"{N_PROC}x{N_OPS} changes on {db.kind}: {time.time() - t0:.2f}s")


def _hammer(home, server, database, ready):
    os.environ["SPSHELL_KEYSTORE"] = "file"
    sess = F.open_session(Path(home), "SP-APP1")
    ca = sess.central_admin_row()["id"]
    i = 0
    ready.set()
    while True:
        i += 1
        # one transaction writes both; a torn write would make them disagree
        sess.update_web_application(ca, settings={"general": {"n": i}},
                                    properties={"n": i, "blob": "x" * 200_000})


@pytest.mark.slow
def test_sigkill_mid_write_leaves_store_consistent(home, db):
    F.create_farm(home, "SP-APP1", db.server, db.name, "Pass phrase 1")
    store.forget_open_stores()
    ctx = mp.get_context("spawn")
    for _ in range(3):
        ready = ctx.Event()
        pr = ctx.Process(target=_hammer, args=(str(home), db.server, db.name, ready))
        pr.start()
        assert ready.wait(60)
        time.sleep(0.7)
        os.kill(pr.pid, signal.SIGKILL)
        pr.join(30)
        store.forget_open_stores()
        sess = F.open_session(home, "SP-APP1")
        with sess.store.read() as tx:
            if db.kind == "sqlite":
                assert tx.scalar("PRAGMA integrity_check") == "ok"
            ca = tx.one("SELECT * FROM web_applications WHERE is_admin = 1")
        props = store.loads(ca["properties"])
        general = store.loads(ca["settings"]).get("general", {})
        assert props["n"] == general["n"] > 0
        assert props["blob"] == "x" * 200_000
        # and the store still takes writes
        sess.update_web_application(ca["id"], properties={"after": 1})
