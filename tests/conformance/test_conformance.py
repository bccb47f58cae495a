"""The PowerShell conformance corpus (copied from ../shared/reference/conformance), run under the
contract of ../shared/tools/conformance.py: each case as
`spshell -NoProfile -NonInteractive -File NAME.ps1` in a fresh SPSHELL_HOME with stdin closed,
NO_COLOR=1, stdout compared byte for byte; `# parse-only` cases with -ParseOnly."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def _cases():
    return sorted(CASES.glob("*.ps1"))


@pytest.mark.parametrize("ps1", _cases(), ids=lambda p: p.stem)
def test_case(ps1, tmp_path):
    first = ps1.read_text(encoding="utf-8").splitlines()[:1]
    parse_only = bool(first) and first[0].strip() == "# parse-only"
    args = [sys.executable, "-m", "spshell", "-NoProfile", "-NonInteractive"]
    args += ["-ParseOnly", "-File", str(ps1)] if parse_only else ["-File", str(ps1)]
    env = dict(os.environ, SPSHELL_HOME=str(tmp_path), NO_COLOR="1", TERM="dumb",
               COLUMNS="120")
    proc = subprocess.run(args, cwd=ps1.parent, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=60)
    if parse_only:
        assert proc.returncode == 0, proc.stderr.decode(errors="replace")
        return
    assert b"Traceback (most recent call last)" not in proc.stderr
    got = ANSI.sub(b"", proc.stdout).replace(b"\r\n", b"\n")
    want = ps1.with_suffix(".out").read_bytes()
    assert got.decode("utf-8", "replace") == want.decode("utf-8", "replace"), \
        proc.stderr.decode(errors="replace")[-2000:]
