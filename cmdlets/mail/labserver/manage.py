"""Starting, stopping and reading the lab mail server from any spshell process.

The server is a detached child (its own session, output to ``server.log``) so it outlives the
spshell process that started it; ``state.json`` is the only rendezvous, which is why every
spshell process using the same home sees the same lab.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import state as st
from . import users as labusers
from .profiles import listeners as profile_listeners

PROFILES = ("Exchange", "ExchangeOnline")
ONLINE_NAMES = ("office365.com", "outlook.com", "office.com")


class LabError(Exception):
    def __init__(self, message, category="InvalidOperation"):
        super().__init__(message)
        self.category = category


def _repo_root():
    # cmdlets/mail/labserver/manage.py -> the folder holding the 'cmdlets' package
    return Path(__file__).resolve().parents[3]


def host_map(host_names, profiles):
    """'smtp.office365.com' -> ExchangeOnline, others -> Exchange; 'name=Profile' overrides."""
    out = {}
    for raw in host_names or ():
        name, _, prof = str(raw).partition("=")
        name = name.strip().lower().rstrip(".")
        if not name:
            continue
        if prof:
            prof = next((p for p in PROFILES if p.lower() == prof.strip().lower()), None)
            if prof is None:
                raise LabError(f"Unknown profile in host name mapping '{raw}'. Profiles: "
                               f"{', '.join(PROFILES)}.", "InvalidArgument")
        else:
            prof = "ExchangeOnline" if name.endswith(ONLINE_NAMES) else "Exchange"
        if prof not in profiles:
            prof = profiles[0]
        out[name] = prof
    return out


def start(home, profiles=PROFILES, ports=None, host_names=(), credentials=(),
          basic_auth_disabled=False, extra_mechanisms=(), kerberos=False, timeout=20.0):
    home = Path(home)
    current = st.read_state(home)
    if current:
        raise LabError(f"The lab mail server is already running (process {current['pid']}). "
                       "Run Stop-LabMailServer first.", "ResourceExists")
    profiles = [next((p for p in PROFILES if p.lower() == x.lower()), x) for x in profiles]
    for p in profiles:
        if p not in PROFILES:
            raise LabError(f"Unknown profile '{p}'. Profiles: {', '.join(PROFILES)}.",
                           "InvalidArgument")
    lst = profile_listeners(profiles, extra_mechanisms)
    defaults = [st.DEFAULT_PORTS[(x["profile"], x["standsFor"])] for x in lst]
    ports = list(ports or [])
    if ports and len(ports) not in (1, len(lst)):
        raise LabError(f"-Port needs one port per listener ({len(lst)}: "
                       f"{', '.join(x['name'] for x in lst)}), or a single 0 for free ports.",
                       "InvalidArgument")
    if len(ports) == 1:
        ports = [0 if ports[0] == 0 else ports[0] + i for i in range(len(lst))]
    ports = ports or defaults
    ldir = st.lab_dir(home)
    ldir.mkdir(parents=True, exist_ok=True)
    os.chmod(ldir, 0o700)
    for user, password in credentials:
        labusers.add_user(home, user, password)
    config = {"profiles": profiles, "ports": ports, "hostNames": host_map(host_names, profiles),
              "basicAuthDisabled": bool(basic_auth_disabled),
              "extraMechanisms": [m.upper() for m in extra_mechanisms or ()]}
    kdc_info = None
    if kerberos:
        from . import kdc
        try:
            kdc_info = kdc.start(home, list(config["hostNames"]))
        except kdc.KdcError as exc:
            raise LabError(f"The lab KDC could not start: {exc}", "NotInstalled") from None
        config["keytab"] = kdc_info["keytab"]
        config["kerberos"] = kdc_info
    st.write_json_atomic(ldir / "config.json", config, 0o600)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(_repo_root())] +
                                        ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    if kdc_info:
        env.update(kdc_info["env"])
        env["KRB5_KTNAME"] = "FILE:" + kdc_info["keytab"]
    log = open(ldir / "server.log", "ab")
    proc = subprocess.Popen([sys.executable, "-m", "cmdlets.mail.labserver.server", "--home",
                             str(home)], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                            env=env, start_new_session=True, close_fds=True)
    log.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        s = st.read_state(home)
        if s and s.get("pid") == proc.pid:
            return s
        if proc.poll() is not None:
            tail = _log_tail(ldir / "server.log")
            if kdc_info:
                from . import kdc
                kdc.stop(home)
            raise LabError(f"The lab mail server could not start: {tail}", "ResourceUnavailable")
        time.sleep(0.02)
    proc.terminate()
    raise LabError(f"The lab mail server did not report ready within {timeout:g} s; see "
                   f"{ldir / 'server.log'}.", "OperationTimeout")


def _log_tail(path, n=3):
    try:
        lines = Path(path).read_text(errors="replace").strip().splitlines()
    except OSError:
        return "(no log)"
    return " | ".join(lines[-n:]) or "(empty log)"


def stop(home, timeout=5.0):
    """Stop the lab; returns the stopped state or None when none was running."""
    home = Path(home)
    path = st.state_path(home)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        data = None
    stopped = None
    if data and st.pid_alive(data.get("pid")):
        pid = int(data["pid"])
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and st.pid_alive(pid):
            _reap(pid)
            time.sleep(0.02)
        if st.pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
            _reap(pid)
        stopped = data
    if path.exists():
        path.unlink()
    kdc_dir = st.lab_dir(home) / "kdc"
    if kdc_dir.exists():
        from . import kdc
        kdc.stop(home)
    return stopped


def _reap(pid):
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def list_messages(home):
    from ..results import LabMessage
    box = st.mailbox_dir(home)
    out = []
    if not box.exists():
        return out
    for meta_path in sorted(box.glob("*.json")):
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, ValueError):
            continue
        eml = meta_path.with_suffix(".eml")
        if eml.exists():
            out.append(LabMessage(meta, eml))
    return out


def clear_messages(home, ids=None):
    box = st.mailbox_dir(home)
    n = 0
    if not box.exists():
        return 0
    for meta_path in list(box.glob("*.json")):
        if ids is not None and meta_path.stem not in ids:
            continue
        meta_path.unlink(missing_ok=True)
        meta_path.with_suffix(".eml").unlink(missing_ok=True)
        n += 1
    return n


def user_names(home):
    return [u["name"] for u in labusers.load(home)["users"]]
