"""Mail benchmarks (issue 5), whole-process ratios measured in one run.

1. ``spshell -Command "Send-TestMail ..."`` (STARTTLS + AUTH LOGIN to the lab) against swaks and
   against a minimal Python smtplib script doing the same. Goals: faster than swaks; within
   1.5x of smtplib. Runs are interleaved (A B C A B C ...) so machine load hits all alike; the
   medians are compared.
2. Lab server throughput: 2,000 messages from 50 concurrent clients; every message must be
   captured; reports messages per second.

    python benchmarks/bench_mail.py [--runs 15] [--messages 2000] [--clients 50]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "Bench-Pw-1"

SMTPLIB_SCRIPT = """\
import smtplib, ssl, sys
from email.message import EmailMessage
ctx = ssl.create_default_context(cafile=sys.argv[2])
m = EmailMessage()
m["From"] = "alice@lab.test"; m["To"] = "bob@lab.test"; m["Subject"] = "smtplib"
m.set_content("benchmark")
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="bench") as s:
    s.starttls(context=ctx)
    s.login("alice", sys.argv[3])
    s.send_message(m)
"""


def timed(cmd, env=None):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(cmd[:3])}...\n"
                         f"{p.stdout[-1500:]}\n{p.stderr[-1500:]}")
    return dt


def bench_send(home, state, runs):
    port = next(lst["port"] for lst in state["listeners"] if lst["name"] == "Exchange:587")
    ca = state["caFile"]
    env = dict(os.environ, SPSHELL_HOME=str(home), PYTHONPATH=str(ROOT))
    # measure start-up as installed: with cached bytecode (the warm-up run writes it)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = sys.executable
    script = (f"$c = [System.Management.Automation.PSCredential]::new('alice', "
              f"[System.Net.NetworkCredential]::new('', '{PASSWORD}').SecurePassword); "
              f"$r = Send-TestMail -To bob@lab.test -From alice@lab.test -SmtpServer 127.0.0.1 "
              f"-Port {port} -Encryption StartTls -AuthMechanism LOGIN -Credential $c "
              f"-CertificateAuthorityFile '{ca}'; if ($r.Mechanism -ne 'LOGIN') {{ exit 3 }}")
    spshell = [py, "-m", "spshell", "-NoProfile", "-NonInteractive", "-Command", script]
    tmp = Path(tempfile.mkdtemp(prefix="bench-smtplib-"))
    (tmp / "send.py").write_text(SMTPLIB_SCRIPT)
    smtplib_cmd = [py, str(tmp / "send.py"), str(port), ca, PASSWORD]
    swaks = shutil.which("swaks")
    swaks_cmd = [swaks, "--server", "127.0.0.1", "--port", str(port), "-tls", "--tls-ca-path",
                 ca, "--auth", "LOGIN", "--auth-user", "alice", "--auth-password", PASSWORD,
                 "--from", "alice@lab.test", "--to", "bob@lab.test", "--ehlo", "bench"] \
        if swaks else None
    # the engine's own start-up, for context: what Send-TestMail adds is the difference
    baseline = [py, "-m", "spshell", "-NoProfile", "-NonInteractive", "-Command", "exit"]
    # and the interpreter alone and with the client stack imported (aiosmtplib brings asyncio,
    # ssl and email): together with the engine's start-up they bound what spshell can reach
    python_alone = [py, "-c", "pass"]
    client_stack = [py, "-c", "import aiosmtplib"]
    results = {"spshell": [], "smtplib": [], "swaks": [], "exit": [], "python": [], "stack": []}
    # one warm-up of each (page cache, .pyc files)
    timed(spshell, env)
    timed(smtplib_cmd, env)
    if swaks_cmd:
        timed(swaks_cmd)
    for _ in range(runs):
        results["spshell"].append(timed(spshell, env))
        results["smtplib"].append(timed(smtplib_cmd, env))
        if swaks_cmd:
            results["swaks"].append(timed(swaks_cmd))
        results["exit"].append(timed(baseline, env))
        results["python"].append(timed(python_alone, env))
        results["stack"].append(timed(client_stack, env))
    shutil.rmtree(tmp, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in results.items() if v}
    print(f"Send one mail, STARTTLS + AUTH LOGIN, whole process, median of {runs}:")
    labels = {"spshell": "spshell Send-TestMail", "smtplib": "python smtplib script",
              "swaks": "swaks", "exit": "spshell -Command exit (engine start-up alone)",
              "python": "python -c pass (interpreter start-up)",
              "stack": "python -c 'import aiosmtplib' (asyncio, ssl, email, aiosmtplib)"}
    for k, v in med.items():
        print(f"  {v * 1000:7.1f} ms  {labels[k]}")
    # engine start-up plus importing the client stack, before a byte is sent
    floor = med["exit"] + med["stack"] - med["python"]
    versus = f"{floor / med['smtplib']:.2f} x smtplib" + (
        f", {floor / med['swaks']:.2f} x swaks" if "swaks" in med else "")
    print(f"  {floor * 1000:7.1f} ms  engine start-up + client stack import, no conversation "
          f"({versus})")
    ok = True
    if "swaks" in med:
        ratio = med["spshell"] / med["swaks"]
        print(f"  spshell / swaks   = {ratio:.2f}  (goal < 1.00) {'OK' if ratio < 1 else 'MISSED'}")
        ok &= ratio < 1
    else:
        print("  swaks not installed: ratio not measured")
    ratio = med["spshell"] / med["smtplib"]
    print(f"  spshell / smtplib = {ratio:.2f}  (goal <= 1.50) "
          f"{'OK' if ratio <= 1.5 else 'MISSED'}")
    return ok and ratio <= 1.5


async def _client(port, n, idx, sem_start):
    import aiosmtplib
    await sem_start.wait()
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False,
                           local_hostname="bench", timeout=60)
    await smtp.connect()
    for i in range(n):
        msg = (f"From: c{idx}@lab.test\r\nTo: bob@lab.test\r\nSubject: load {idx}-{i}\r\n\r\n"
               f"message {i} of client {idx}\r\n")
        await smtp.sendmail(f"c{idx}@lab.test", ["bob@lab.test"], msg)
    await smtp.quit()


def bench_throughput(home, state, total, clients):
    from cmdlets.mail.labserver import manage
    manage.clear_messages(home)
    port = next(lst["port"] for lst in state["listeners"] if lst["name"] == "Exchange:25")
    per = total // clients

    async def main():
        start = asyncio.Event()
        tasks = [asyncio.create_task(_client(port, per, i, start)) for i in range(clients)]
        await asyncio.sleep(0)
        t0 = time.perf_counter()
        start.set()
        await asyncio.gather(*tasks)
        return time.perf_counter() - t0

    elapsed = asyncio.run(main())
    captured = len(manage.list_messages(home))
    sent = per * clients
    print(f"Lab server: {sent} messages from {clients} concurrent clients in {elapsed:.2f} s "
          f"= {sent / elapsed:.0f} messages/s; captured {captured}, lost {sent - captured}")
    return captured == sent


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=50)
    a = ap.parse_args(argv)
    from cmdlets.mail.labserver import manage
    home = Path(tempfile.mkdtemp(prefix="bench-mail-"))
    state = manage.start(home, profiles=["Exchange"], ports=[0],
                         credentials=[("alice", PASSWORD)])
    try:
        ok_send = bench_send(home, state, a.runs)
        ok_lab = bench_throughput(home, state, a.messages, a.clients)
    finally:
        manage.stop(home)
        shutil.rmtree(home, ignore_errors=True)
    print("speed goals:", "met" if ok_send else "not met (see ratios above)")
    return 0 if ok_lab else 1  # lost messages are a failure; speed goals are reported


if __name__ == "__main__":
    sys.exit(main())
