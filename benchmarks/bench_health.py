"""Health rule evaluation scaling: the outgoing-email-credentials rule over farms of 10, 100,
1,000 and 10,000 servers.

    python benchmarks/bench_health.py [--sizes 10,100,1000,10000] [--pg DSN] [--repeat 3]

For each size the farm's servers are written straight into the store (joining 10,000 servers
through Connect-SPConfigurationDatabase would time the passphrase KDF, not the rule), with a mix
of keys: most servers hold the key the SMTP password was sealed with, 5% hold none, 5% another.
It then times one run of the "Health Analysis Job (Daily, ..., All Servers)" rules on one host:
  * first run   every server's result is new: all rows written, report item created
  * steady run  nothing changed since: results are compared, not rewritten
and prints time per run, per server, and the growth ratio between consecutive sizes (linear
scaling = the ratio of the sizes). Goal: linear; 1,000 servers under 0.5 s on SQLite.
The run includes this host's own check, which derives its key once (scrypt, ~50-100 ms).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SPSHELL_KEYSTORE", "file")

from cmdlets.sharepoint import farm as F  # noqa: E402
from cmdlets.sharepoint import secrets, store  # noqa: E402
from cmdlets.sharepoint.health import evaluate, reports  # noqa: E402


def build(home: Path, server: str, size: int):
    db = "Bench_" + uuid.uuid4().hex[:8]
    sess = F.create_farm(home, "BENCH-000", server, db, "Bench pass 1")
    F.set_credential_key(home, "BENCH-000", "Key-A")
    ca = sess.central_admin_row()
    sess.update_mail_settings(ca["id"], "mail.example.com", "a@example.com", "a@example.com",
                              credentials=("smtp", "pw"))
    kdf = sess.key_kdf()
    good = secrets.derive("Key-A", kdf).fingerprint
    other = secrets.derive("Key-B", kdf).fingerprint
    ts = F.now()
    with sess.store.write() as tx:
        for i in range(1, size):
            fp = None if i % 20 == 1 else other if i % 20 == 2 else good
            name = f"BENCH-{i:05d}"
            tx.execute("INSERT INTO servers (id, name, name_key, address, role, status, "
                       "needs_upgrade, distributed_cache, joined, key_fingerprint, key_updated, "
                       "revision) VALUES (?, ?, ?, ?, 'Custom', 'Online', 0, 1, ?, ?, ?, 1)",
                       (str(uuid.uuid4()), name, name.lower(), name, ts, fp, ts))
    return sess, db


def time_run(sess):
    sel = evaluate.select_rules(sess, schedule="Daily", scope="All Servers")
    t0 = time.perf_counter()
    runs = evaluate.run_rules(sess, sel)
    return time.perf_counter() - t0, runs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,1000,10000")
    ap.add_argument("--pg", default=None, help="a PostgreSQL DSN instead of embedded SQLite")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    backend = "PostgreSQL" if args.pg else "SQLite"
    print(f"Health rule evaluation on {backend} (one host judging the whole farm)")
    print(f"{'servers':>8} {'first run':>11} {'steady run':>11} {'per server':>11} "
          f"{'growth':>7} {'failing':>8}")
    prev = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            home = Path(tmp) / f"home{size}"
            home.mkdir()
            sess, db = build(home, args.pg or "SQL-BENCH", size)
            first, runs = time_run(sess)
            steady = min(time_run(sess)[0] for _ in range(max(1, args.repeat)))
            failing = len(runs[0].failing)
            item = [i for i in reports.items(sess) if i.FailingServers]
            assert item and len(item[0].FailingServers.split(", ")) == failing
            growth = f"{steady / prev[1]:.1f}x" if prev else "-"
            print(f"{size:>8} {first * 1000:>9.1f}ms {steady * 1000:>9.1f}ms "
                  f"{steady / size * 1e6:>9.1f}us {growth:>7} {failing:>8}")
            prev = (size, steady)
            if args.pg:
                import psycopg
                with psycopg.connect(args.pg, autocommit=True) as c:
                    c.execute(f'DROP SCHEMA IF EXISTS "{store._schema_name(db)}" CASCADE')
            store.forget_open_stores()
            F._keystores.clear()


if __name__ == "__main__":
    main()
