"""Start-up cost: `spshell -NoProfile -NonInteractive -Command exit` against `python3 -c pass`,
median of N runs each, interleaved so machine noise hits both alike.

    python benchmarks/bench_startup.py [--runs 15]
"""
import argparse
import statistics
import subprocess
import sys
import time


def once(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ns = ap.parse_args()
    # measure start-up, not byte-compilation (editable installs ship no .pyc)
    import compileall
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    for pkg in ("spshell", "cmdlets"):
        compileall.compile_dir(str(root / pkg), quiet=1)
    base_cmd = [sys.executable, "-c", "pass"]
    sp_cmd = [sys.executable, "-m", "spshell", "-NoProfile", "-NonInteractive", "-Command",
              "exit"]
    base, sp = [], []
    for _ in range(ns.runs):
        base.append(once(base_cmd))
        sp.append(once(sp_cmd))
    b, s = statistics.median(base), statistics.median(sp)
    print(f"python -c pass   {b * 1000:7.1f} ms (median of {ns.runs})")
    print(f"spshell exit     {s * 1000:7.1f} ms (median of {ns.runs})")
    print(f"ratio            {s / b:7.2f}x  (goal <= 4x)")


if __name__ == "__main__":
    main()
