"""The SharePoint Timer Service (SPTimerV4) of one host: a background process that runs the
timer jobs due on this server.

    python -m cmdlets.sharepoint.health.service --home HOME --host HOST

Started and stopped by Start-/Stop-Service SPTimerV4. Its state lives under the host's folder:
home/hosts/<host>/services/SPTimerV4.json ({pid, host, started, interval}) and its log in
home/hosts/<host>/logs/SPTimerV4.log. Every ``SPSHELL_TIMER_INTERVAL`` seconds (default 30) it
opens the farm the host joined (none: it idles) and runs the due jobs (timerjobs.due_jobs): run
requests from RunNow on other servers, and jobs whose schedule has come. A job that runs once per
farm is claimed first so two servers never run it twice. The service stops by itself when the
server leaves the farm it served, or when its state file disappears (the home was deleted),
or after SPSHELL_TIMER_LIFETIME seconds when that is set.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from cmdlets.sharepoint.paths import atomic_write, ensure_private_dir, host_dir

SERVICE_NAME = "SPTimerV4"
DISPLAY_NAME = "SharePoint Timer Service"
MODULE = "cmdlets.sharepoint.health.service"
DEFAULT_INTERVAL = 30.0
_ROOT = Path(__file__).resolve().parents[3]  # the folder holding the cmdlets package


def state_file(home: Path, host: str) -> Path:
    return host_dir(home, host) / "services" / f"{SERVICE_NAME}.json"


def log_file(home: Path, host: str) -> Path:
    return host_dir(home, host) / "logs" / f"{SERVICE_NAME}.log"


def _interval(environ=None) -> float:
    env = os.environ if environ is None else environ
    try:
        value = float(env.get("SPSHELL_TIMER_INTERVAL", DEFAULT_INTERVAL))
    except ValueError:
        return DEFAULT_INTERVAL
    return min(max(value, 0.1), 3600.0)


def _lifetime(environ=None):
    """SPSHELL_TIMER_LIFETIME: seconds after which the service stops by itself (unset: never).
    For harnesses that run scripts calling Start-Service SPTimerV4 and keep their homes."""
    env = os.environ if environ is None else environ
    try:
        value = float(env.get("SPSHELL_TIMER_LIFETIME", "") or 0)
    except ValueError:
        return None
    return value if value > 0 else None


def _read_state(home, host):
    try:
        return json.loads(state_file(home, host).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _alive(pid: int, host: str) -> bool:
    """Is pid our timer service for this host (not a reused pid)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: trust the signal check
    parts = [p.decode("utf-8", "replace") for p in raw.split(b"\0") if p]
    if MODULE not in parts:
        return False
    try:
        return parts[parts.index("--host") + 1].lower() == host.lower()
    except (ValueError, IndexError):
        return False


def running_pid(home: Path, host: str):
    state = _read_state(home, host)
    if not state:
        return None
    pid = int(state.get("pid") or 0)
    if pid > 0 and _alive(pid, host):
        return pid
    try:  # a crashed or killed service leaves its state behind
        state_file(home, host).unlink()
    except OSError:
        pass
    return None


def start(home: Path, host: str, environ=None, wait=10.0) -> int:
    """Start the service process for this host (no-op when it runs). Returns its pid."""
    pid = running_pid(home, host)
    if pid:
        return pid
    env = dict(os.environ if environ is None else environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH", "")) if p)
    env["SPSHELL_HOME"] = str(home)
    ensure_private_dir(log_file(home, host).parent)
    with open(log_file(home, host), "ab") as log:
        proc = subprocess.Popen([sys.executable, "-m", MODULE, "--home", str(home),
                                 "--host", host], stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True,
                                close_fds=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        state = _read_state(home, host)
        if state and state.get("pid") == proc.pid:
            return proc.pid
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        return proc.pid
    raise RuntimeError(f"the service process exited with code {proc.returncode}; see "
                       f"{log_file(home, host)}")


def stop(home: Path, host: str, wait=15.0) -> bool:
    """Stop the service; True if it was running."""
    pid = running_pid(home, host)
    if not pid:
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and _alive(pid, host):
        _reap(pid)
        time.sleep(0.05)
    if _alive(pid, host):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _reap(pid)
    try:
        state_file(home, host).unlink()
    except OSError:
        pass
    return True


def _reap(pid):
    """Collect our own child's exit status (when this process started it), so it is not left
    behind as a zombie that still answers signals."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


# ---------------------------------------------------------------------------------------------
# the service process

def _log(home, host, text):
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    with open(log_file(home, host), "a", encoding="utf-8") as f:
        f.write(f"{stamp} {text}\n")


def tick(home: Path, host: str) -> list:
    """One pass: run what is due on this host. Returns [(job name, status)]."""
    from cmdlets.sharepoint.farm import open_session
    from spshell.runtime.errors import DotNetException

    from . import timerjobs
    try:
        sess = open_session(home, host)
    except DotNetException:
        return []  # not in a farm (or the farm is unreachable): nothing to run
    done = []
    for row in timerjobs.due_jobs(sess):
        if not timerjobs.claim(sess, row):
            continue
        entry = timerjobs.run_job(sess, row)
        done.append((row["name"], entry["status"]))
        _log(home, host, f"ran {row['name']} ({row['title']}): {entry['status']}"
             + (f" - {entry['error_message']}" if entry["error_message"] else ""))
    return done


def serve(home: Path, host: str, interval: float, stop_event: threading.Event):
    ensure_private_dir(state_file(home, host).parent)
    atomic_write(state_file(home, host), json.dumps({
        "pid": os.getpid(), "host": host, "interval": interval,
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}).encode())
    _log(home, host, f"{DISPLAY_NAME} started (pid {os.getpid()}, every {interval:g} s)")
    from cmdlets.sharepoint.hoststate import read_membership
    served = None  # the farm this service has been running jobs for
    lifetime = _lifetime()
    started = time.monotonic()
    try:
        while not stop_event.is_set():
            reason = _should_exit(home, host, served)
            if not reason and lifetime and time.monotonic() - started > lifetime:
                reason = f"{DISPLAY_NAME} exits: SPSHELL_TIMER_LIFETIME ({lifetime:g} s) reached"
            if reason:
                _log(home, host, reason)
                break
            member = read_membership(home, host)
            served = member.get("farm_id") if member else served
            try:
                tick(home, host)
            except Exception as exc:  # one bad pass must not stop the service
                _log(home, host, f"timer pass failed: {type(exc).__name__}: {exc}")
            stop_event.wait(interval)
    finally:
        _log(home, host, f"{DISPLAY_NAME} stopped")
        state = _read_state(home, host)
        if state and state.get("pid") == os.getpid():
            try:
                state_file(home, host).unlink()
            except OSError:
                pass


def _should_exit(home, host, served):
    """Why the service must stop on its own: its state file was removed or taken over (the
    home was deleted, or another instance started), or the server left the farm it served --
    as SharePoint's timer service stops when a server is disconnected from its farm."""
    state = _read_state(home, host)
    if not state or state.get("pid") != os.getpid():
        return f"{DISPLAY_NAME} exits: its state file is gone or names another process"
    if served:
        from cmdlets.sharepoint.hoststate import read_membership
        member = read_membership(home, host)
        if not member or member.get("farm_id") != served:
            return f"{DISPLAY_NAME} exits: this server left its farm"
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(prog=MODULE)
    ap.add_argument("--home", required=True)
    ap.add_argument("--host", required=True)
    args = ap.parse_args(argv)
    stop_event = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop_event.set())
    signal.signal(signal.SIGINT, lambda *a: stop_event.set())
    serve(Path(args.home), args.host, _interval(), stop_event)


if __name__ == "__main__":
    main()
