"""The seed scenario with hosts that are separate machines: three spshell processes in their own
network namespaces, each with its own home (so its own key store), sharing one PostgreSQL farm.
Reuses the farm tests' namespace harness (tests/farm/test_farm_netns.py)."""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "farm"))
harness = pytest.importorskip("test_farm_netns", reason="the farm tests' netns harness")
if not all(hasattr(harness, n) for n in ("namespaces", "HOSTS", "SS", "_run_in")):
    pytest.skip("the farm tests' netns harness changed shape", allow_module_level=True)

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
namespaces = harness.namespaces  # the fixture
HOSTS = harness.HOSTS
RUN_ALL = 'Get-SPTimerJob | ? { $_.Name -like "*health-analysis*" } | Start-SPTimerJob'
REPORT = ('$r = Get-SPHealthReport | ? { $_.Title -like "*outgoing email credentials*" }; '
          'if ($r) { "FAILING=" + $r.FailingServers; $r.Explanation } else { "CLEAR" }')


def test_seed_scenario_across_namespaces(namespaces, tmp_path):
    db = "NetnsHealth_" + uuid.uuid4().hex[:6]
    homes = {h: tmp_path / h for h in HOSTS}
    for h in homes.values():
        h.mkdir()
    where = dict(zip(HOSTS, namespaces))

    def sp(host, script):
        ns, addr = where[host]
        p = harness._run_in(ns, homes[host], host, addr, script=script)
        assert p.returncode == 0 and "Exception" not in p.stderr, p.stdout + p.stderr
        return p.stdout

    SS = harness.SS
    try:
        sp(HOSTS[0], SS + "New-SPConfigurationDatabase -DatabaseName " + db + " -DatabaseServer "
                          "SQL-01 -Passphrase (SS 'Farm-PP-1') -FarmCredentials (Cred 'D\\f' 'x')")
        for h in HOSTS[1:]:
            sp(h, SS + f"Connect-SPConfigurationDatabase -DatabaseServer SQL-01 -DatabaseName "
                       f"{db} -Passphrase (SS 'Farm-PP-1')")
        for h in HOSTS[:2]:
            sp(h, SS + "Set-SPApplicationCredentialKey -Password (SS 'Shared-Key-1')")
        sp(HOSTS[0], SS + "$ca = Get-SPWebApplication -IncludeCentralAdministration; "
                          "Set-SPWebApplication -Identity $ca -SMTPServer mail.example.com "
                          "-OutgoingEmailAddress sp@example.com -ReplyToEmailAddress "
                          "sp@example.com -SMTPCredentials (Cred 'smtp@example.com' 'Pw-55')")
        out = sp(HOSTS[1], RUN_ALL + "; " + REPORT)
        assert f"FAILING={HOSTS[2]}" in out
        assert f"{HOSTS[2]}: The application credential key wasn't found on this server." in out

        sp(HOSTS[2], SS + "Set-SPApplicationCredentialKey -Password (SS 'Other-Key')")
        out = sp(HOSTS[0], RUN_ALL + "; " + REPORT)
        assert f"FAILING={HOSTS[2]}" in out and "different application credential key" in out

        sp(HOSTS[2], SS + "Set-SPApplicationCredentialKey -Password (SS 'Shared-Key-1')")
        out = sp(HOSTS[2], RUN_ALL + "; " + REPORT)
        assert "CLEAR" in out
    finally:
        import psycopg
        from cmdlets.sharepoint.store import _schema_name
        with psycopg.connect(os.environ["SPSHELL_TEST_PG_DSN"], autocommit=True) as c:
            c.execute(f'DROP SCHEMA IF EXISTS "{_schema_name(db)}" CASCADE')
