"""Start-/Stop-/Get-SPCentralAdministration in a real spshell process, `spshell --central-admin`,
and the start-up rule: the engine never imports the web stack unless Central Administration
starts."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint.centraladmin import cli as ca_cli
from cmdlets.sharepoint.centraladmin import server as S

ROOT = Path(__file__).resolve().parents[2]
WEB_STACK = ("starlette", "uvicorn", "jinja2", "multipart", "python_multipart")


def _env(home, host=None):
    env = dict(os.environ, SPSHELL_HOME=str(home), SPSHELL_KEYSTORE="file", PYTHONPATH=str(ROOT))
    env.pop("SPSHELL_COMPUTERNAME", None)
    if host:
        env["SPSHELL_COMPUTERNAME"] = host
    return env


def _shell(home, host, script):
    return subprocess.run([sys.executable, "-m", "spshell", "-NoProfile", "-NonInteractive",
                           "-ComputerName", host, "-Command", script], capture_output=True,
                          text=True, env=_env(home), timeout=120)


def _get(url, cookie=None):
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **kw):
        return None


def test_cmdlets_start_print_the_link_and_stop(farm2):
    p = _shell(farm2.home, "SP1", "$ca = Start-SPCentralAdministration -Port 0\n"
               "$ca | Format-List Server, Url, Status\n"
               "$again = Start-SPCentralAdministration\n"
               "'same:' + ($again.Url -eq $ca.Url)\n"
               "$r = Invoke-Expression 'Get-SPCentralAdministration'\n"
               "'running:' + @($r).Count\n"
               "Stop-SPCentralAdministration\n"
               "'after:' + @(Get-SPCentralAdministration).Count\n"
               "try { Stop-SPCentralAdministration -ErrorAction Stop } "
               "catch { 'error:' + $_.Exception.Message }")
    out = p.stdout + p.stderr
    assert p.returncode == 0, out
    links = re.findall(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{40,})", out)
    assert len(links) == 2 and links[0][0] == links[1][0], out
    assert links[0][1] != links[1][1]  # a second Start issues a new one-time link
    assert "same:True" in out and "running:1" in out and "after:0" in out
    assert "error:Central Administration is not running for server SP1" in out
    # each token appears once: in its printed link, not in the object's properties
    assert out.count(links[0][1]) == 1 and out.count(links[1][1]) == 1


def test_not_in_a_farm_gives_the_farm_error(home):
    p = _shell(home, "LONELY", "Start-SPCentralAdministration -Port 0")
    assert p.returncode != 0 and "The local farm is not accessible." in p.stdout + p.stderr


def test_non_loopback_needs_allow_remote(farm2):
    with pytest.raises(S.CentralAdminError) as e:
        S.start(farm2.home, "SP1", 0, "0.0.0.0")
    assert "loopback" in str(e.value)
    assert S.get(farm2.home, "SP1") is None


def test_second_start_and_busy_port_are_clear_errors(farm2):
    running = S.start(farm2.home, "SP1", 0)
    try:
        with pytest.raises(S.CentralAdminError, match="already running"):
            S.start(farm2.home, "SP1", 0)
        with pytest.raises(S.CentralAdminError, match="cannot listen"):
            S.start(farm2.home, "SP2", running.port)
    finally:
        S.stop(farm2.home, "SP1")
    assert not running.running


def test_served_pages_over_real_http_log_no_secret(farm2, capfd, caplog):
    import logging
    caplog.set_level(logging.DEBUG)
    password = "Never-Logged-Pw-1"
    running = S.start(farm2.home, "SP1", 0)
    token = running.guard.token
    try:
        status, _, body = _get(running.url + "_admin/globalemailconfig.aspx")
        assert status == 403 and "Sign in required" in body
        status, headers, _ = _get(running.url_with_token())
        assert status == 303
        cookie = headers["set-cookie"].split(";", 1)[0]
        status, _, body = _get(running.url + "_admin/globalemailconfig.aspx", cookie)
        assert status == 200 and "Outbound SMTP server" in body
        assert headers.get("server") is None  # no server banner
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
        form = urllib.parse.urlencode({
            "csrf_token": csrf, "server": "mail.contoso.com", "port": "25",
            "from_address": "a@contoso.com", "reply_to": "a@contoso.com", "code_page": "65001",
            "use_tls": "no", "auth": "credentials", "user": "CONTOSO\\smtp",
            "password": password}).encode()
        req = urllib.request.Request(running.url + "_admin/globalemailconfig.aspx", data=form,
                                     headers={"Cookie": cookie,
                                              "Origin": running.url.rstrip("/")})
        try:
            urllib.request.build_opener(_NoRedirect).open(req, timeout=10)
        except urllib.error.HTTPError as e:
            assert e.code == 303, e.read()
        row = F.open_session(farm2.home, "SP1").central_admin_row()
        assert row["smtp_user"] == "CONTOSO\\smtp"
    finally:
        S.stop(farm2.home, "SP1")
    captured = capfd.readouterr()
    audit = S.log_file(farm2.home, "SP1").read_text()
    assert "browser signed in" in audit and "authentication credentials" in audit
    logged = captured.out + captured.err + caplog.text + audit
    assert password not in logged and token not in logged and cookie.split("=", 1)[1] not in logged


def test_central_admin_flag_parsing():
    assert ca_cli.wants_central_admin(["--central-admin"])
    assert ca_cli.wants_central_admin(["-ComputerName", "SP1", "-CentralAdmin", "--port", "0"])
    assert not ca_cli.wants_central_admin(["-Command", "echo", "--central-admin"])
    assert not ca_cli.wants_central_admin(["script.ps1", "--central-admin"])
    assert not ca_cli.wants_central_admin(["-ComputerName", "--central-admin"])
    assert ca_cli._parse(["--central-admin", "--port", "8080", "-ComputerName", "X"]) == {
        "port": 8080, "listen": "127.0.0.1", "allow_remote": False, "computername": "X"}
    with pytest.raises(ValueError):
        ca_cli._parse(["--central-admin", "--port", "99999"])
    with pytest.raises(ValueError):
        ca_cli._parse(["--central-admin", "--bogus"])


def test_spshell_central_admin_runs_until_interrupted(farm2):
    proc = subprocess.Popen([sys.executable, "-m", "spshell", "--central-admin", "--port", "0",
                             "-ComputerName", "SP1"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(farm2.home))
    try:
        lines = []
        deadline = time.monotonic() + 60
        url = None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            m = re.search(r"(http://127\.0\.0\.1:\d+/)\?token=\S+", line)
            if m:
                url = m.group(0)
                break
        assert url, "".join(lines) + proc.stderr.read() if proc.poll() is not None else lines
        status, headers, _ = _get(url)
        assert status == 303 and "set-cookie" in {k.lower() for k in headers}
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_spshell_central_admin_bad_arguments():
    p = subprocess.run([sys.executable, "-m", "spshell", "--central-admin", "--port", "x"],
                       capture_output=True, text=True, env=_env("/nonexistent"), timeout=60)
    assert p.returncode == 64 and "not a number" in p.stderr


def test_engine_start_up_does_not_import_the_web_stack(tmp_path):
    code = ("import sys\nfrom spshell import cli\n"
            "cli.main(['-NoProfile', '-NonInteractive', '-Command', "
            "'$null = Get-Command Start-SPCentralAdministration; $null = Get-Help "
            "Get-SPCentralAdministration'])\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {WEB_STACK!r}))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=_env(tmp_path, "SP9"), timeout=60)
    assert p.stdout.strip().splitlines()[-1] == "[]", p.stdout + p.stderr
