import io
import os
import subprocess
import sys

import pytest

from spshell.host import ConsoleHost
from spshell.runtime.session import Session


@pytest.fixture
def run(tmp_path):
    """Run spshell as a process: run(*args, stdin=None, env=None) -> CompletedProcess(text)."""
    def _run(*args, stdin=None, env=None, cwd=None, timeout=60):
        e = dict(os.environ, SPSHELL_HOME=str(tmp_path / "home"), NO_COLOR="1", TERM="dumb",
                 COLUMNS="120")
        e.pop("SPSHELL_COMPUTERNAME", None)
        if env:
            e.update(env)
        return subprocess.run([sys.executable, "-m", "spshell", *args], input=stdin,
                              capture_output=True, text=True, env=e, cwd=cwd or tmp_path,
                              timeout=timeout,
                              stdin=None if stdin is not None else subprocess.DEVNULL)
    return _run


@pytest.fixture
def ps(run):
    """ps(script) -> stdout of `spshell -NoProfile -NonInteractive -Command script`."""
    def _ps(script, **kw):
        p = run("-NoProfile", "-NonInteractive", "-Command", script, **kw)
        assert "Traceback" not in p.stderr, p.stderr
        return p.stdout
    return _ps


@pytest.fixture
def sh(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    session = Session(ConsoleHost(interactive=False, stdout=out, stderr=err), "TESTHOST",
                      tmp_path)

    def run(text):
        out.seek(0)
        out.truncate()
        err.seek(0)
        err.truncate()
        code = session.run_text(text)
        run.err = err.getvalue()
        run.code = code
        return out.getvalue()
    run.session = session
    return run
