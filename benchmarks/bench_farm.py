"""Farm store scaling: farms of 10, 100 and 1,000 servers with 100 web applications.

    python benchmarks/bench_farm.py [--sizes 10,100,1000] [--webapps 100] [--pg DSN] [--cli]

For each size it reports, per operation and per item:
  * Get-SPServer | Measure-Object       (the cmdlet over every server; read path)
  * Get-SPWebApplication | Set-SPWebApplication -SMTPServer ... for every web application
  * Set-SPApplicationCredentialKey and Remove-SPApplicationCredentialKey on every server
and the growth ratio between consecutive sizes (linear scaling = ratio of sizes). The goal is
linear growth and under 2 s for the 1,000-server reads on SQLite.
It also reports the cost of one SMTP credential decryption: the first one in a process (the
scrypt key derivation) and the following ones (cached: the KDF runs at most once per process per
key).
The cmdlets run in-process through the cmdlet API with a minimal command runtime, so the numbers
are the farm code's own cost; --cli adds one end-to-end `spshell -Command` timing per size.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cmdlets.sharepoint import farm as F  # noqa: E402
from cmdlets.sharepoint import store  # noqa: E402
from cmdlets.sharepoint.farm_cmdlets import GetSPServer  # noqa: E402
from cmdlets.sharepoint.hoststate import write_membership  # noqa: E402
from cmdlets.sharepoint.key_cmdlets import (RemoveSPApplicationCredentialKey,  # noqa: E402
                                            SetSPApplicationCredentialKey)
from cmdlets.sharepoint.webapp_cmdlets import (GetSPWebApplication,  # noqa: E402
                                               SetSPWebApplication)
from spshell.runtime.objects import SecureString  # noqa: E402


class Runtime:
    def __init__(self):
        self.output = []

    def write_object(self, obj, enumerate_collection=False):
        self.output.append(obj)

    def write_error(self, record):
        raise record.exception

    def throw_terminating_error(self, record):
        raise record.exception

    def write_warning(self, m):
        pass

    write_verbose = write_debug = write_warning

    def should_process(self, target, action):
        return True


def run(cls, host, home, set_name=None, **params):
    c = cls()
    c.context = SimpleNamespace(computer_name=host, home=home)
    c.bound = dict(params)
    c.parameter_set_name = set_name or cls.default_parameter_set or "__AllParameterSets"
    c.runtime = Runtime()
    for k, v in params.items():
        setattr(c, k, v)
    c.begin()
    c.process()
    c.end()
    return c.runtime.output


def populate(home, server, database, n_servers, n_webapps):
    """A farm with n servers (rows + each host's membership) and n web applications, inserted
    in bulk: joining 1,000 hosts one by one would only measure the passphrase KDF."""
    sess = F.create_farm(home, "SRV0000", server, database, "bench passphrase",
                         farm_account="DOMAIN\\farm")
    ts = F.now()
    with sess.store.write() as tx:
        for i in range(1, n_servers):
            sid = store.new_id()
            F._insert_server(tx, sid, f"SRV{i:04d}", "WebFrontEnd", False, ts)
            write_membership(home, f"SRV{i:04d}", server=server, database=database,
                             farm_id=sess.farm_id, server_id=sid)
    for j in range(n_webapps):
        sess.create_web_application(name=f"WebApp {j:03d}", application_pool="BenchPool",
                                    account="DOMAIN\\farm", url=f"http://webapp{j:03d}.contoso.com/")
    return sess


def timed(fn, repeat=3):
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best


def bench_size(n, n_webapps, server, cli):
    home = Path(tempfile.mkdtemp(prefix=f"bench-farm-{n}-"))
    database = f"Bench{n}_{os.getpid()}"
    populate(home, server, database, n, n_webapps)
    host = "SRV0000"
    res = {}

    def get_servers():
        out = run(GetSPServer, host, home)
        assert len(out) == n, len(out)
    res["Get-SPServer | Measure-Object"] = (timed(get_servers), n)

    def set_all_webapps():
        was = run(GetSPWebApplication, host, home)
        assert len(was) == n_webapps
        for wa in was:
            run(SetSPWebApplication, host, home, "UpdateMailSettings", Identity=wa,
                SMTPServer="smtp.contoso.com", SMTPServerPort=587,
                OutgoingEmailAddress="sp@contoso.com", ReplyToEmailAddress="help@contoso.com")
    res["Get-SPWebApplication | Set-SPWebApplication (all)"] = (timed(set_all_webapps, 1),
                                                               n_webapps)

    key = SecureString("bench application credential key")
    hosts = [f"SRV{i:04d}" for i in range(n)]

    def set_keys():
        for h in hosts:
            run(SetSPApplicationCredentialKey, h, home, Password=key)
    res["Set-SPApplicationCredentialKey (every server)"] = (timed(set_keys, 1), n)

    def remove_keys():
        for h in hosts:
            run(RemoveSPApplicationCredentialKey, h, home)
    res["Remove-SPApplicationCredentialKey (every server)"] = (timed(remove_keys, 1), n)

    if cli:
        env = dict(os.environ, SPSHELL_HOME=str(home), SPSHELL_KEYSTORE="file",
                   PYTHONPATH=str(ROOT))

        def shell(command, expect):
            t0 = time.perf_counter()
            p = subprocess.run([sys.executable, "-m", "spshell", "-NoProfile", "-NonInteractive",
                                "-ComputerName", host, "-Command", command],
                               capture_output=True, text=True, env=env)
            dt = time.perf_counter() - t0
            return dt if expect in p.stdout and not p.stderr else float("nan")
        res["spshell: Get-SPServer | Measure-Object (whole process)"] = (
            shell("(Get-SPServer | Measure-Object).Count", str(n)), n)
        res["spshell: Get-SPWebApplication | Set-SPWebApplication (whole process)"] = (
            shell("Get-SPWebApplication | Set-SPWebApplication -SMTPServer smtp2.contoso.com "
                  "-SMTPServerPort 25; (Get-SPWebApplication).Count", str(n_webapps)), n_webapps)
    store.forget_open_stores()
    return res


def bench_decrypt(server):
    """First decryption in a fresh process pays the KDF; later ones reuse the derived key."""
    code = f"""
import os, sys, tempfile, time
sys.path.insert(0, {str(ROOT)!r})
os.environ["SPSHELL_KEYSTORE"] = "file"
from pathlib import Path
from cmdlets.sharepoint import farm as F, secrets
home = Path(tempfile.mkdtemp())
s = F.create_farm(home, "H", {server!r}, "Dec" + str(os.getpid()), "pp")
F.set_credential_key(home, "H", "decrypt bench key")
ca = s.central_admin_row()["id"]
s.update_mail_settings(ca, "mail", credentials=("u", "pw"))
secrets._cache.clear()
row = s.central_admin_row()
before = secrets.kdf_calls
t0 = time.perf_counter(); st = s.credential_status(row); first = time.perf_counter() - t0
t0 = time.perf_counter()
for _ in range(100):
    s.credential_status(row)
rest = (time.perf_counter() - t0) / 100
print(first, rest, secrets.kdf_calls - before, st[0])
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), out[3]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--webapps", type=int, default=100)
    ap.add_argument("--pg", default=os.environ.get("SPSHELL_TEST_PG_DSN"),
                    help="also run against this PostgreSQL DSN")
    ap.add_argument("--cli", action="store_true")
    args = ap.parse_args()
    os.environ["SPSHELL_KEYSTORE"] = "file"
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = [("SQLite", "SQL-BENCH")] + ([("PostgreSQL", args.pg)] if args.pg else [])
    for label, server in backends:
        print(f"\n== {label}: {args.webapps} web applications ==")
        results = {n: bench_size(n, args.webapps, server, args.cli) for n in sizes}
        for op in results[sizes[0]]:
            line = []
            prev = None
            for n in sizes:
                total, items = results[n][op]
                per = total / items * 1000 if items else 0
                growth = f" x{total / prev:.1f}" if prev else ""
                line.append(f"{n:>5} servers: {total * 1000:9.1f} ms ({per:.3f} ms/item){growth}")
                prev = total
            print(f"{op}\n    " + "\n    ".join(line))
        last = results[sizes[-1]]
        big = last.get("spshell: Get-SPServer | Measure-Object (whole process)",
                       last["Get-SPServer | Measure-Object"])[0]
        if label == "SQLite" and sizes[-1] >= 1000:
            print(f"goal: {sizes[-1]}-server read under 2 s: {'met' if big < 2 else 'MISSED'} "
                  f"({big:.3f} s{', whole process' if args.cli else ', in-process'})")
        first, rest, kdfs, status = bench_decrypt(server)
        print(f"credential decryption: first {first * 1000:.1f} ms (scrypt n=2^15, r=8, p=1), "
              f"then {rest * 1e6:.0f} us each; KDF runs for 101 decryptions: {kdfs} ({status})")
        if args.pg and label == "PostgreSQL":
            import psycopg
            with psycopg.connect(args.pg, autocommit=True) as c:
                for (schema,) in c.execute("SELECT schema_name FROM information_schema.schemata "
                                           "WHERE schema_name LIKE 'spcfg_bench%' OR "
                                           "schema_name LIKE 'spcfg_dec%'").fetchall():
                    c.execute(f'DROP SCHEMA "{schema}" CASCADE')


if __name__ == "__main__":
    main()
