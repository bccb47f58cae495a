"""The lab walkthrough end to end: `spshell -NoProfile -File scripts/lab/walkthrough.ps1`."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.smtp]


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory):
    home = tmp_path_factory.mktemp("walkthrough-parent")
    env = dict(os.environ, SPSHELL_HOME=str(home), PYTHONPATH=str(ROOT), NO_COLOR="1",
               TMPDIR=str(home))
    env.pop("SPSHELL_COMPUTERNAME", None)
    p = subprocess.run([sys.executable, "-m", "spshell", "-NoProfile", "-File",
                        str(ROOT / "scripts" / "lab" / "walkthrough.ps1")],
                       capture_output=True, text=True, env=env, timeout=600, cwd=str(home))
    p.all = p.stdout + p.stderr
    p.home = home
    return p


def _section(out, step):
    m = re.search(rf"Step {step:02d} - .*?(?=\nStep \d\d - |\Z)", out, re.S)
    assert m, f"step {step} missing"
    return m.group(0)


def test_walkthrough_succeeds_and_cleans_up(walkthrough):
    assert walkthrough.returncode == 0, walkthrough.all
    assert "Walkthrough complete: every step ran." in walkthrough.stdout
    assert "The lab home was removed." in walkthrough.stdout
    assert not list(walkthrough.home.glob("spshell-lab-*")), "the temporary home is left"
    assert "Traceback" not in walkthrough.all


def test_farm_of_three_servers(walkthrough):
    s = _section(walkthrough.stdout, 1)
    for server in ("APP1", "WFE1", "WFE2"):
        assert re.search(rf"^{server}\s+{server}\s+Custom\s+Online", s, re.M), s
    assert "http://sp.contoso.com " in s or "http://sp.contoso.com\n" in s


def test_missing_key_error(walkthrough):
    s = _section(walkthrough.stdout, 3)
    assert "The application credential key has not been set on this server (APP1)." in s


def test_health_alert_appears_then_clears(walkthrough):
    s6 = _section(walkthrough.stdout, 6)
    assert "One or more servers can't retrieve the outgoing email credentials." in s6
    assert re.search(r"FailingServers\s*:\s*WFE2", s6), s6
    assert "Use the Set-SPApplicationCredentialKey cmdlet on each failing server" in s6
    # the failure branch of the classic script: anonymous on 587, refused, read from ULS
    assert "It didn't work, checking ULS for errors. Please stand by..." in s6
    assert "Failed attempt 1 sending mail to recipients:" in s6
    assert "530 5.7.1 Client was not authenticated" in s6
    s7 = _section(walkthrough.stdout, 7)
    assert "Outgoing e-mail credential alerts: 0" in s7
    assert "READY: WFE2 can retrieve the outgoing e-mail credentials." in s7


def test_classic_test_mail_succeeds(walkthrough):
    s = _section(walkthrough.stdout, 8)
    assert "It Worked..Congrats!" in s
    assert re.search(r"Mechanism\s*:\s*NTLM", s) and re.search(r"AuthenticatedAs\s*:\s*LAB\\spmail", s)


def test_port_25_and_587_mechanisms(walkthrough):
    s = _section(walkthrough.stdout, 9)
    assert "250-AUTH NTLM" in s and "Port 25 mechanism: Anonymous" in s
    assert "250-AUTH GSSAPI NTLM" in s
    assert "530 5.7.1 Client was not authenticated" in s
    assert "AUTH GSSAPI skipped" in s
    assert "Port 587 mechanism: NTLM as LAB\\spmail" in s


def test_exchange_online(walkthrough):
    s = _section(walkthrough.stdout, 10)
    assert "250-AUTH LOGIN XOAUTH2" in s
    assert "Exchange Online mechanism: LOGIN as spmail@lab.test" in s
    assert "It Worked..Congrats!" in s
    assert "Lab mail password 1!" not in walkthrough.all  # the transcript redacts it
