"""Three hosts for real: three spshell processes, each in its own network namespace with its own
home, sharing one PostgreSQL farm over veth links. CI runs as root; `ip netns` is iproute2.

Topology: for host i, a veth pair spf<i>h (root namespace, 10.77.<i>.1/24) <-> spf<i>n (namespace
spfarm<i>, 10.77.<i>.2/24). A small TCP relay in the test process listens on each 10.77.<i>.1 and
forwards to the PostgreSQL server on 127.0.0.1, so the server itself needs no extra addresses.
Each host maps the database server name SQL-01 to the address it can reach (SPSHELL_SQL_SERVERS).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_DSN = os.environ.get("SPSHELL_TEST_PG_DSN")
HOSTS = ("SP-APP1", "SP-WFE1", "SP-WFE2")

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def _ip(*args, check=True):
    return subprocess.run(["ip", *args], check=check, capture_output=True, text=True)


class Relay:
    """Forward TCP connections from (listen_ip, port) to (target_host, target_port)."""

    def __init__(self, listen_ip, port, target):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((listen_ip, port))
        self.sock.listen(64)
        self.target = target
        self.alive = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.alive:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.alive = False
        # shutdown wakes the thread blocked in accept(); close alone leaves the address bound
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


@pytest.fixture
def namespaces():
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("needs root and iproute2 (CI runs this)")
    if not PG_DSN:
        pytest.skip("SPSHELL_TEST_PG_DSN is not set (start one with .ci/postgres.sh)")
    tag = uuid.uuid4().hex[:4]
    made, relays = [], []
    pg = urlsplit(PG_DSN)
    try:
        for i, _host in enumerate(HOSTS, start=1):
            ns, vh, vn = f"spfarm{tag}{i}", f"spf{tag}{i}h", f"spf{tag}{i}n"
            _ip("netns", "add", ns)
            made.append((ns, vh))
            _ip("link", "add", vh, "type", "veth", "peer", "name", vn)
            _ip("link", "set", vn, "netns", ns)
            _ip("addr", "add", f"10.77.{i}.1/24", "dev", vh)
            _ip("link", "set", vh, "up")
            _ip("-n", ns, "addr", "add", f"10.77.{i}.2/24", "dev", vn)
            _ip("-n", ns, "link", "set", vn, "up")
            _ip("-n", ns, "link", "set", "lo", "up")
            relays.append(Relay(f"10.77.{i}.1", pg.port, (pg.hostname, pg.port)))
        yield [(ns, f"10.77.{i}.1") for i, (ns, _) in enumerate(made, start=1)]
    finally:
        for r in relays:
            r.close()
        for ns, vh in made:
            _ip("link", "del", vh, check=False)
            _ip("netns", "del", ns, check=False)


def _dsn_via(address):
    pg = urlsplit(PG_DSN)
    netloc = pg.netloc.rsplit("@", 1)[0] + f"@{address}:{pg.port}"
    return urlunsplit((pg.scheme, netloc, pg.path, pg.query, pg.fragment))


def _run_in(ns, home, host, address, script=None, python=None):
    env = dict(os.environ, SPSHELL_HOME=str(home), SPSHELL_KEYSTORE="file",
               SPSHELL_SQL_SERVERS=f"SQL-01={_dsn_via(address)}", PYTHONPATH=str(ROOT))
    env.pop("SPSHELL_TEST_PG_DSN", None)  # a host only knows its own route to the server
    if python is not None:
        cmd = [sys.executable, "-c", python]
    else:
        cmd = [sys.executable, "-m", "spshell", "-NoProfile", "-NonInteractive",
               "-ComputerName", host, "-Command", script]
    p = subprocess.run(["ip", "netns", "exec", ns, *cmd], capture_output=True, text=True,
                       env=env, timeout=180, cwd=str(home))
    return p


READ_BACK = """
import sys
from types import SimpleNamespace
from pathlib import Path
from cmdlets.sharepoint.mailsettings import read_smtp_settings
ctx = SimpleNamespace(computer_name=sys.argv[1] if len(sys.argv) > 1 else {host!r},
                      home=Path({home!r}))
s = read_smtp_settings(ctx)
print(s.server, s.port, s.enable_ssl, s.user_name, s.credential_status,
      "match" if s.password is not None and s.password.reveal() == "Netns-Pw-55" else "nomatch")
"""

# Built without core cmdlets on purpose: these tests are about the farm, not ConvertTo-*.
SS = ("function SS($t) { $s = [System.Security.SecureString]::new(); "
      "foreach ($c in $t.ToCharArray()) { [void]$s.AppendChar($c) }; $s }; "
      "function Cred($u, $p) { [System.Management.Automation.PSCredential]::new($u, (SS $p)) }; ")


def test_three_hosts_share_a_postgres_farm(namespaces, tmp_path):
    db = "NetnsFarm_" + uuid.uuid4().hex[:6]
    homes = {h: tmp_path / h for h in HOSTS}
    for h in homes.values():
        h.mkdir()
    (ns1, a1), (ns2, a2), (ns3, a3) = namespaces
    where = {HOSTS[0]: (ns1, a1), HOSTS[1]: (ns2, a2), HOSTS[2]: (ns3, a3)}

    def sp(host, script):
        ns, addr = where[host]
        p = _run_in(ns, homes[host], host, addr, script=script)
        assert p.returncode == 0, p.stdout + p.stderr
        return p.stdout

    def read(host):
        ns, addr = where[host]
        code = READ_BACK.format(host=host, home=str(homes[host]))
        p = _run_in(ns, homes[host], host, addr, python=code)
        assert p.returncode == 0, p.stdout + p.stderr
        return p.stdout.strip()

    # the namespaces really are isolated: the server's loopback is not reachable from them
    p = _run_in(ns2, homes[HOSTS[1]], HOSTS[1], a2, python=(
        "import socket,sys\ntry:\n socket.create_connection(('127.0.0.1', %d), 2)\n"
        " print('reachable')\nexcept OSError:\n print('isolated')" % urlsplit(PG_DSN).port))
    assert p.stdout.strip() == "isolated"

    sp(HOSTS[0], SS + "$fc = Cred 'DOMAIN\\farm' 'x'; New-SPConfigurationDatabase -DatabaseName "
                      f"{db} -DatabaseServer SQL-01 -Passphrase (SS 'Farm-PP-1') "
                      "-FarmCredentials $fc")
    for h in HOSTS[1:]:
        sp(h, SS + f"Connect-SPConfigurationDatabase -DatabaseServer SQL-01 -DatabaseName {db} "
                   "-Passphrase (SS 'Farm-PP-1')")
    names = sp(HOSTS[2], "(Get-SPServer).Name").split()
    assert names == list(HOSTS)
    for h in HOSTS:
        sp(h, SS + "Set-SPApplicationCredentialKey -Password (SS 'Shared-Key-1')")
    sp(HOSTS[1], SS + "$ca = Get-SPWebApplication -IncludeCentralAdministration; "
                      "Set-SPWebApplication -Identity $ca -SMTPServer mail.example.com "
                      "-SMTPServerPort 587 -OutgoingEmailAddress sp@example.com "
                      "-ReplyToEmailAddress help@example.com -SMTPCredentials (Cred 'smtp@example.com' 'Netns-Pw-55')")
    for h in HOSTS:
        assert read(h) == "mail.example.com 587 True smtp@example.com Ok match"
    # one server gets a different key: it, and only it, can no longer read the password
    sp(HOSTS[2], SS + "Set-SPApplicationCredentialKey -Password (SS 'Other-Key')")
    assert read(HOSTS[2]).endswith("DifferentKey nomatch")
    assert read(HOSTS[0]).endswith("Ok match")
    sp(HOSTS[2], "Remove-SPApplicationCredentialKey -Confirm:$false")
    assert read(HOSTS[2]).endswith("MissingKey nomatch")
    fps = sp(HOSTS[0], "(Get-SPServer).Name")
    assert fps.split() == list(HOSTS)
    sp(HOSTS[2], "Disconnect-SPConfigurationDatabase -Confirm:$false")
    assert sp(HOSTS[0], "(Get-SPServer).Name").split() == list(HOSTS[:2])
    import psycopg
    from cmdlets.sharepoint.store import _schema_name
    with psycopg.connect(PG_DSN, autocommit=True) as c:
        dump = str(c.execute(f'SELECT * FROM "{_schema_name(db)}".web_applications').fetchall())
        dump += str(c.execute(f'SELECT * FROM "{_schema_name(db)}".servers').fetchall())
        c.execute(f'DROP SCHEMA IF EXISTS "{_schema_name(db)}" CASCADE')
    assert "Netns-Pw-55" not in dump and "Shared-Key-1" not in dump
