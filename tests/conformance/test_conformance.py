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

# Cases we believe are wrong, with the evidence; they stay in the run as strict xfails so a
# change in behaviour is noticed either way.
DISPUTED = {
    "parse_ts_for_comma_init": (
        'line 5 is "$i:$i". PowerShell scans `$i:` inside an expandable string as a drive-'
        "qualified variable and reports InvalidVariableReferenceWithDrive ('Variable reference is "
        "not valid. \':\' was not followed by a valid variable name character. Consider using "
        "${} to delimit the name.'), the same rule that makes \"$HOME:\" an error (the "
        "reference's own trap list says so). The case comes from the tree-sitter corpus, which "
        "was never run through pwsh."),
}
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def _cases():
    return sorted(CASES.glob("*.ps1"))


def _params():
    for p in _cases():
        if p.stem in DISPUTED:
            yield pytest.param(p, id=p.stem,
                               marks=pytest.mark.xfail(strict=True, reason=DISPUTED[p.stem]))
        else:
            yield pytest.param(p, id=p.stem)


@pytest.mark.parametrize("ps1", _params())
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
