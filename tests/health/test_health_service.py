"""The SharePoint Timer Service (SPTimerV4) as a real background process of one host."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from datetime import datetime, timedelta, timezone

import pytest

from health_shell import Shell

pytestmark = pytest.mark.slow


def _wait(pred, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(0.2)
    return pred()


def _history(db, job):
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute("SELECT h.server_name, h.status FROM timer_job_history h JOIN "
                           "timer_jobs j ON j.id = h.job_id WHERE j.name = ? "
                           "ORDER BY h.start_time", (job,)).fetchall()
    finally:
        con.close()


def _is_service(pid):
    try:
        return b"cmdlets.sharepoint.health.service" in open(f"/proc/{pid}/cmdline", "rb").read()
    except OSError:
        return False


def test_timer_service_runs_requested_and_due_jobs(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    sh = Shell(home, {"SPSHELL_TIMER_INTERVAL": "0.3"})
    sh.farm(hosts=("WFE1", "WFE2"))
    state = home / "hosts" / "wfe2" / "services" / "SPTimerV4.json"
    db = home / "databases" / "sql-01" / "sharepoint_config.sqlite3"
    try:
        p = sh.ok("WFE2", "Start-Service SPTimerV4; (Get-Service SPTimerV4).Status")
        assert p.stdout.strip() == "Running", p.all
        pid = json.loads(state.read_text())["pid"]
        assert sh.ok("WFE1", "(Get-Service SPTimerV4).Status").stdout.strip() == "Stopped"

        # RunNow on WFE1 runs there and asks WFE2's timer service to run it too
        job = "daily-all-sptimerservice-health-analysis-job"
        sh.ok("WFE1", f"(Get-SPTimerJob {job}).RunNow()")
        assert _wait(lambda: ("WFE2", "Succeeded") in _history(db, job)), _history(db, job)
        assert ("WFE1", "Succeeded") in _history(db, job)

        # a job whose schedule has come round: last ran two hours ago, runs every hour
        hourly = "hourly-any-sptimerservice-health-analysis-job"
        before = len(_history(db, hourly))
        past = (datetime.now(timezone.utc) - timedelta(hours=2)).isoformat(timespec="seconds")
        con = sqlite3.connect(db, timeout=30)
        with con:
            con.execute("UPDATE timer_jobs SET created = ?, last_run = ? WHERE name = ?",
                        (past, past, hourly))
        con.close()
        assert _wait(lambda: len(_history(db, hourly)) > before)
        assert _history(db, hourly)[-1] == ("WFE2", "Succeeded")
        time.sleep(1.0)  # and only once: the next run is an hour away
        assert len(_history(db, hourly)) == before + 1
        log = (home / "hosts" / "wfe2" / "logs" / "SPTimerV4.log").read_text()
        assert f"ran {hourly}" in log

        p = sh.ok("WFE2", "Stop-Service SPTimerV4 -PassThru | % Status")
        assert p.stdout.strip() == "Stopped", p.all
        assert not state.exists()
        assert _wait(lambda: not _is_service(pid), 5)
    finally:
        if state.exists():
            try:
                os.kill(json.loads(state.read_text())["pid"], signal.SIGKILL)
            except (OSError, ValueError):
                pass


def test_service_whatif_and_restart(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    sh = Shell(home, {"SPSHELL_TIMER_INTERVAL": "5"})
    state = home / "hosts" / "app1" / "services" / "SPTimerV4.json"
    try:
        p = sh.ok("APP1", "Start-Service SPTimerV4 -WhatIf")
        assert 'What if: Performing the operation "Start-Service" on target "SharePoint Timer ' \
               'Service (SPTimerV4)".' in p.stdout
        assert not state.exists()
        sh.ok("APP1", "Restart-Service SPTimerV4")  # a host outside any farm idles
        first = json.loads(state.read_text())["pid"]
        sh.ok("APP1", "Get-Service SPTimerV4 | Restart-Service")
        second = json.loads(state.read_text())["pid"]
        assert first != second
        assert _wait(lambda: not _is_service(first), 5)
        sh.ok("APP1", "Stop-Service SPTimerV4")
        assert not state.exists()
    finally:
        if state.exists():
            try:
                os.kill(json.loads(state.read_text())["pid"], signal.SIGKILL)
            except (OSError, ValueError):
                pass


def test_service_stops_when_the_server_leaves_its_farm(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    sh = Shell(home, {"SPSHELL_TIMER_INTERVAL": "0.2"})
    sh.farm(hosts=("WFE1", "WFE2"))
    state = home / "hosts" / "wfe2" / "services" / "SPTimerV4.json"
    try:
        sh.ok("WFE2", "Start-Service SPTimerV4")
        pid = json.loads(state.read_text())["pid"]
        sh.ok("WFE2", "Disconnect-SPConfigurationDatabase -Confirm:$false")
        assert _wait(lambda: not state.exists(), 10)
        assert _wait(lambda: not _is_service(pid), 5)
        assert "this server left its farm" in \
            (home / "hosts" / "wfe2" / "logs" / "SPTimerV4.log").read_text()
    finally:
        if state.exists():
            try:
                os.kill(json.loads(state.read_text())["pid"], signal.SIGKILL)
            except (OSError, ValueError):
                pass


def test_service_lifetime_limit(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    sh = Shell(home, {"SPSHELL_TIMER_INTERVAL": "0.2", "SPSHELL_TIMER_LIFETIME": "1"})
    state = home / "hosts" / "app1" / "services" / "SPTimerV4.json"
    try:
        sh.ok("APP1", "Start-Service SPTimerV4")
        pid = json.loads(state.read_text())["pid"]
        assert _wait(lambda: not _is_service(pid), 10)
        assert not state.exists()
        assert sh.ok("APP1", "(Get-Service SPTimerV4).Status").stdout.strip() == "Stopped"
    finally:
        if state.exists():
            try:
                os.kill(json.loads(state.read_text())["pid"], signal.SIGKILL)
            except (OSError, ValueError):
                pass
