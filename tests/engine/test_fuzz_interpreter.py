"""Property test: random and mutated corpus text through parser *and* interpreter never lets a
Python exception escape and never prints a traceback."""
import io
import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from spshell.host import ConsoleHost
from spshell.runtime.session import Session

CORPUS = sorted((Path(__file__).parents[1] / "conformance" / "cases").glob("*.ps1"))
TEXTS = [p.read_text(encoding="utf-8") for p in CORPUS]
SNIPPETS = ["(", ")", "{", "}", "[", "]", "$", "@(", "@{", "'", '"', "|", "&", ";", "`", "-",
            ",", "..", "::", "$_", "-eq", "-f", "%", "?", "++", "\n", "[int]", "$null", "1/0",
            "throw", "break", "continue", "return", "trap {}", "function f {", "-join", "<#"]


class _Timeout(BaseException):
    """BaseException so no `except Exception` in the engine can swallow it."""


def _alarm(signum, frame):
    raise _Timeout()


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(0, 4))):
        if not text:
            break
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if op == "insert":
            text = text[:i] + draw(st.sampled_from(SNIPPETS)) + text[i:]
        elif op == "delete":
            j = min(len(text), i + draw(st.integers(1, 12)))
            text = text[:i] + text[j:]
        else:
            j = min(len(text), i + draw(st.integers(1, 20)))
            text = text[:j] + text[i:j] + text[j:]
    return text


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzz")
    old = os.getcwd()
    os.chdir(d)
    yield d
    os.chdir(old)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.one_of(mutated(), st.text(max_size=80)))
def test_no_traceback(workdir, text):
    out, err = io.StringIO(), io.StringIO()
    session = Session(ConsoleHost(interactive=False, stdout=out, stderr=err), "FUZZ", workdir)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(3)
    try:
        session.run_text(text)
    except _Timeout:
        pass  # an endless loop the mutation made; not a crash
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert "Traceback" not in err.getvalue() + out.getvalue()
