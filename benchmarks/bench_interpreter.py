"""Interpreter speed as ratios to the same computation in plain CPython, measured in one run.

    python benchmarks/bench_interpreter.py [--repeat N]

Prints the median seconds of each and their ratio (goals: loop <= 15x, pipeline <= 30x)."""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LOOP = "$s = 0; foreach ($i in 1..1000000) { $s += $i }; $s"
PIPE = ("1..200000 | Where-Object { $_ % 3 -eq 0 } | ForEach-Object { $_ * 2 } | "
        "Measure-Object -Sum | ForEach-Object Sum")


def plain_loop():
    s = 0
    for i in range(1, 1000001):
        s += i
    return s


def plain_pipe():
    return sum(x * 2 for x in range(1, 200001) if x % 3 == 0)


def spshell_runner():
    from spshell.host import ConsoleHost
    from spshell.runtime.session import Session
    import io
    out = io.StringIO()
    session = Session(ConsoleHost(interactive=False, stdout=out), "BENCH", None)

    def run(text):
        out.seek(0)
        out.truncate()
        session.run_text(text)
        return out.getvalue().strip()
    return run


def median_time(fn, repeat):
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ns = ap.parse_args()
    run = spshell_runner()
    for label, script, plain in (("loop", LOOP, plain_loop), ("pipeline", PIPE, plain_pipe)):
        t_ps, r_ps = median_time(lambda: run(script), ns.repeat)
        t_py, r_py = median_time(plain, ns.repeat)
        assert str(r_py) == r_ps, (label, r_py, r_ps)
        print(f"{label:9s} spshell {t_ps:8.3f}s  python {t_py:8.4f}s  ratio {t_ps / t_py:6.1f}x")


if __name__ == "__main__":
    main()
