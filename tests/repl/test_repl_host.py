"""The host hooks the REPL installs: progress drawing, Clear-Host, the prompt function."""
import io

import pytest

from spshell.host import ConsoleHost
from spshell.repl import host as repl_host
from spshell.repl.app import evaluate_prompt


class TtyBuffer(io.StringIO):
    def isatty(self):
        return True


def make_host():
    out = TtyBuffer()
    host = ConsoleHost(interactive=True, stdout=out, stderr=TtyBuffer())
    return host, out


def test_progress_draws_one_line_per_activity_and_erases_before_output(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    host, out = make_host()
    progress = repl_host.install(host)
    host.write_progress("Copying", "file 1", 50, False, 1)
    host.write_progress("Sending", "mail", -1, False, 2)
    drawn = out.getvalue()
    assert "Copying [" in drawn and "] 50% file 1" in drawn
    assert "Sending mail" in drawn
    assert drawn.endswith("\x1b[1A\r")  # cursor parked on the first bar
    host.write_line("output")
    assert out.getvalue().endswith("\r\x1b[Joutput\n")
    host.write_progress("Copying", "file 2", 100, False, 1)
    host.write_progress("Copying", "", None, True, 1)
    host.write_progress("Sending", "", None, True, 2)
    assert out.getvalue().endswith("\r\x1b[J")  # completed: the bars are gone
    assert progress.lines == 0


def test_progress_finish_clears_bars_left_by_a_command():
    host, out = make_host()
    progress = repl_host.install(host)
    host.write_progress("Working", "half", 50, False, 0)
    progress.finish()
    assert out.getvalue().endswith("\r\x1b[J") and progress.records == {}


def test_progress_is_not_drawn_when_output_is_not_a_terminal():
    host = ConsoleHost(interactive=True, stdout=io.StringIO(), stderr=io.StringIO())
    repl_host.install(host)
    host.write_progress("Working", "half", 50, False, 0)
    assert host.stdout.getvalue() == ""


def test_clear_screen_hook_clears_screen_and_scrollback():
    host, out = make_host()
    repl_host.install(host)
    host.clear_screen()
    assert out.getvalue() == "\x1b[H\x1b[2J\x1b[3J"


def test_readers_are_installed():
    host, _ = make_host()
    repl_host.install(host)
    assert callable(host.line_reader) and callable(host.secure_reader)


@pytest.fixture
def engine(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from spshell.runtime.session import Session
    return Session(ConsoleHost(interactive=False, stdout=io.StringIO(),
                               stderr=io.StringIO()), "SP1", tmp_path, True)


def test_default_prompt_shows_location(engine, tmp_path):
    assert evaluate_prompt(engine) == f"PS {tmp_path}> "


def test_prompt_function_output_and_host_text_form_the_prompt(engine):
    engine.run_text("function prompt { Write-Host 'HOST ' -NoNewline; 'ret> ' }")
    assert evaluate_prompt(engine) == "HOST ret> "
    assert engine.host.stdout.getvalue() == ""


def test_failing_or_empty_prompt_function_gives_ps(engine):
    engine.run_text("function prompt { throw 'nope' }")
    assert evaluate_prompt(engine) == "PS> "
    engine.run_text("function prompt { }")
    assert evaluate_prompt(engine) == "PS> "
