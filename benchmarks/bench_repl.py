"""Interactive shell speed: time to the first prompt, and Tab latency.

1. Start-up: `spshell -NoProfile -NoLogo` in a pseudo-terminal, from spawn until the prompt is
   on the screen, against a bare prompt_toolkit PromptSession with pygments' PowerShellLexer
   started the same way (`python -c ...` in a pseudo-terminal). Median of N runs each,
   interleaved so machine noise hits both alike. Goal: ratio <= 1.5.
2. Completion: the pure completer over a live session with 1,000 extra cmdlets registered and
   a 500-entry farm (250 servers + 250 web applications in an SQLite database that the value
   providers query on every Tab, as a farm-backed provider does). Median per Tab over a mix of
   command-name, parameter-name and farm-value completions. Goal: < 30 ms.

    python benchmarks/bench_repl.py [--runs 9] [--tabs 200] [--only startup|completion]
"""
from __future__ import annotations

import argparse
import os
import pty
import select
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

BASELINE = (
    "from prompt_toolkit import PromptSession\n"
    "from prompt_toolkit.lexers import PygmentsLexer\n"
    "from pygments.lexers.shell import PowerShellLexer\n"
    "import os\n"
    "PromptSession(lexer=PygmentsLexer(PowerShellLexer)).prompt(f'PS {os.getcwd()}> ')\n"
)


def time_to_prompt(argv, marker, env, timeout=30.0):
    """Seconds from spawn until ``marker`` appears on the pseudo-terminal."""
    master, slave = pty.openpty()
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                            close_fds=True, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while marker not in seen:
            left = timeout - (time.perf_counter() - t0)
            if left <= 0:
                raise RuntimeError(f"no prompt from {argv!r}; saw {seen[-200:]!r}")
            ready, _, _ = select.select([master], [], [], left)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
        elapsed = time.perf_counter() - t0
    finally:
        try:
            os.write(master, b"\x04")  # Ctrl+D: both leave on an empty line
        except OSError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(master)
    return elapsed


def bench_startup(runs):
    home = tempfile.mkdtemp(prefix="spshell-bench-")
    env = dict(os.environ, SPSHELL_HOME=home, XDG_CONFIG_HOME=home, PROMPT_TOOLKIT_NO_CPR="1",
               TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    marker = f"PS {os.getcwd()}>".encode()
    base_cmd = [sys.executable, "-c", BASELINE]
    sp_cmd = [sys.executable, "-m", "spshell", "-NoProfile", "-NoLogo"]
    # warm the OS file cache once for each
    time_to_prompt(base_cmd, marker, env)
    time_to_prompt(sp_cmd, marker, env)
    base, sp = [], []
    for _ in range(runs):
        base.append(time_to_prompt(base_cmd, marker, env))
        sp.append(time_to_prompt(sp_cmd, marker, env))
    b, s = statistics.median(base), statistics.median(sp)
    print(f"first prompt, bare PromptSession + PowerShellLexer {b * 1000:7.1f} ms "
          f"(median of {runs})")
    print(f"first prompt, spshell -NoProfile                   {s * 1000:7.1f} ms "
          f"(median of {runs})")
    print(f"ratio                                              {s / b:7.2f}x  (goal <= 1.5x)")
    return s / b


# --------------------------------------------------------------------------- completion

def _make_cmdlets(n):
    from spshell.cmdlet import Cmdlet, Parameter
    from spshell.runtime.objects import SwitchParameter
    verbs = ["Get", "Set", "New", "Remove", "Test", "Start", "Stop", "Enable", "Disable",
             "Update"]
    commands = {}
    for i in range(n):
        name = f"{verbs[i % len(verbs)]}-BenchItem{i:04d}"
        ns = {"name": name,
              "Identity": Parameter(str, position=0, pipeline=True),
              "Server": Parameter(str, sets={"ByServer": {}}),
              "WebApplication": Parameter(str, sets={"ByWebApp": {}}),
              "Mode": Parameter(str, validate_set=("Fast", "Safe", "Verbose")),
              "Force": Parameter(SwitchParameter)}
        commands[name] = type(f"Bench{i}", (Cmdlet,), ns)
    return commands


def _make_farm(path, servers, webapps):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE servers (name TEXT PRIMARY KEY, role TEXT)")
    db.execute("CREATE TABLE webapps (url TEXT PRIMARY KEY, name TEXT)")
    db.executemany("INSERT INTO servers VALUES (?, ?)",
                   [(f"SP{i:03d}", "Application") for i in range(servers)])
    db.executemany("INSERT INTO webapps VALUES (?, ?)",
                   [(f"http://webapp{i:03d}.contoso.com", f"Web App {i}")
                    for i in range(webapps)])
    db.commit()
    db.close()


def bench_completion(tabs):
    from spshell.cmdlet import Module
    from spshell.host import ConsoleHost
    from spshell.repl import completion_providers
    from spshell.repl.completer import ContextView, complete
    from spshell.runtime.session import Session

    tmp = tempfile.mkdtemp(prefix="spshell-bench-")
    farm = os.path.join(tmp, "farm.sqlite")
    _make_farm(farm, 250, 250)

    def servers(ctx):
        with sqlite3.connect(farm) as db:
            return [r[0] for r in db.execute("SELECT name FROM servers ORDER BY name")]

    def webapps(ctx):
        with sqlite3.connect(farm) as db:
            return [(r[0], r[1]) for r in db.execute("SELECT url, name FROM webapps")]

    completion_providers.register("*-BenchItem*", "Server", servers)
    completion_providers.register("*-BenchItem*", "WebApplication", webapps)
    completion_providers.register("*-BenchItem*", "Identity", webapps)

    session = Session(ConsoleHost(interactive=False), "SP1", tmp, True)
    session.ctx.modules.register(Module("BenchModule", commands=_make_cmdlets(1000)))
    view = ContextView(session.ctx)
    total = len(list(view.commands()))
    lines = [
        "Get-Bench",                                        # 100 command names
        "Set-BenchItem0001 -",                              # parameter names
        "Set-BenchItem0011 -Server SP1",                    # 100 of 250 servers
        "Get-BenchItem0020 -WebApplication http://webapp2",  # 100 of 250 web apps
        "Get-BenchItem0030 http://webapp",                  # positional: 250 web apps
        "Get-BenchItem0040 -Server SP001 -",                # parameter sets narrowed
        "Get-BenchItem0050 -Mode ",                         # ValidateSet
        "Remove-BenchItem00",
    ]
    for line in lines:  # first use loads each module once: not what a Tab costs
        complete(line, len(line), view)
    times = []
    counts = {}
    per_line = {line: [] for line in lines}
    for i in range(tabs):
        line = lines[i % len(lines)]
        t0 = time.perf_counter()
        r = complete(line, len(line), view)
        dt = time.perf_counter() - t0
        times.append(dt)
        per_line[line].append(dt)
        counts[line] = len(r.candidates)
    med = statistics.median(times)
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    print(f"completion: {total} commands, farm of 250 servers + 250 web apps, {tabs} Tabs")
    for line in lines:
        print(f"  {line!r:55} {counts[line]:5d} candidates  "
              f"{statistics.median(per_line[line]) * 1000:6.2f} ms")
    print(f"per Tab: median {med * 1000:6.2f} ms, p95 {p95 * 1000:6.2f} ms, "
          f"max {max(times) * 1000:6.2f} ms  (goal < 30 ms)")
    print(f"ratio to goal (median / 30 ms)  {med / 0.030:5.2f}")
    return med


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--tabs", type=int, default=200)
    ap.add_argument("--only", choices=("startup", "completion"))
    ns = ap.parse_args()
    if ns.only != "completion":
        bench_startup(ns.runs)
    if ns.only != "startup":
        bench_completion(ns.tabs)


if __name__ == "__main__":
    main()
