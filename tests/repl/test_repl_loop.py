"""The real loop (spshell.repl.app.Shell) driven through prompt_toolkit's pipe input and a dummy
output; command output goes to the (captured) stdout as on a terminal."""
import os
import threading

import pytest

pytest.importorskip("prompt_toolkit")

from prompt_toolkit.input import create_pipe_input  # noqa: E402
from prompt_toolkit.output import DummyOutput  # noqa: E402

from spshell.repl.app import Shell  # noqa: E402
from spshell.repl.history import history_path, read_entries  # noqa: E402

OPTS = {"command": None, "file": None, "args": [], "noprofile": True, "noninteractive": False,
        "nologo": True, "computername": "SP1", "noexit": False}


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SPSHELL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def drive(script, opts=None):
    """Runs the shell with one chunk of keys per prompt; returns (exit code, shell)."""
    chunks = list(script)
    with create_pipe_input() as inp:
        shell = Shell(dict(OPTS, **(opts or {})), input=inp, output=DummyOutput())

        def feed():
            chunk = chunks.pop(0) if chunks else "\x04"  # Ctrl+D at the end: leave
            if chunk.startswith("\x1b[A") or "\x1b[19~" in chunk:
                # history loads in a background thread as the prompt starts (as it does for a
                # person, who is slower than this): give it a moment before recalling
                threading.Timer(0.3, inp.send_text, (chunk,)).start()
            else:
                inp.send_text(chunk)

        shell.pre_run = feed
        code = shell.run()
    return code, shell


def test_runs_entries_and_exit_code(capsys):
    code, _ = drive(['"a" + "b"\r', "exit 5\r"])
    assert code == 5
    assert "ab" in capsys.readouterr().out


def test_ctrl_d_on_empty_line_exits_zero(capsys):
    code, _ = drive(["\x04"])
    assert code == 0


def test_multi_line_foreach_continues_until_complete(capsys):
    code, shell = drive(['foreach ($i in 1..3) {\r"n$i"\r}\r'])
    assert code == 0
    out = capsys.readouterr().out
    assert "n1\nn2\nn3" in out
    entries = [getattr(e, "CommandLine", e) for e in shell.engine.ctx.history]
    assert entries == ['foreach ($i in 1..3) {\n"n$i"\n}']


def test_tab_completes_cmdlet_and_parameter_then_runs(capsys):
    code, shell = drive(["Write-Outp\t -Inp\t 'tabbed'\r"])
    assert code == 0
    assert "tabbed" in capsys.readouterr().out
    line = shell.engine.ctx.history[-1].CommandLine
    assert line == "Write-Output -InputObject 'tabbed'"


def test_tab_cycles_and_shift_tab_goes_back(capsys):
    # Start-Sleep -<Tab> -Seconds, <Tab> -Milliseconds, <Shift+Tab> back to -Seconds;
    # a single candidate (Get-Ho -> Get-Host) is inserted outright
    code, shell = drive(["Start-Sleep -\t\t 1\r", "Start-Sleep -\t\t\x1b[Z 0\r",
                         "Get-Ho\t\r"])
    lines = [e.CommandLine for e in shell.engine.ctx.history]
    assert lines == ["Start-Sleep -Milliseconds 1", "Start-Sleep -Seconds 0", "Get-Host"]


def test_completion_state_cycles_and_cancel_restores_the_typed_word():
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.document import Document
    from spshell.repl.keys import start_completion
    from spshell.repl.session import SpShellCompleter
    from test_repl_completer import FakeView

    completer = SpShellCompleter(lambda: FakeView())
    b = Buffer(completer=completer)
    b.document = Document("Get-SP", 6)
    assert start_completion(b, completer, "first") == 3
    assert b.text == "Get-SPFarm"
    b.complete_next()
    assert b.text == "Get-SPServer"
    b.complete_previous()
    assert b.text == "Get-SPFarm"
    b.complete_previous()  # the cycle passes through the word as typed
    assert b.text == "Get-SP"
    b.complete_previous()
    assert b.text == "Get-SPWebApplication"
    b.cancel_completion()
    assert b.text == "Get-SP"
    b.document = Document("Get-SPF", 7)
    assert start_completion(b, completer, "first") == 1
    assert b.text == "Get-SPFarm" and b.complete_state is None
    assert start_completion(b, completer, "first") == 0  # nothing more to add


def test_menu_complete_enter_takes_the_item_without_running(capsys):
    # several candidates: Ctrl+Space opens the menu on the first; Down moves; Enter takes it
    code, shell = drive(["Start-Sleep -\x00\x1b[B\r 1\r"])
    lines = [e.CommandLine for e in shell.engine.ctx.history]
    assert lines == ["Start-Sleep -Milliseconds 1"]


def test_ctrl_c_cancels_the_line_being_typed(capsys):
    code, shell = drive(["Write-Output never\x03", "Write-Output shown\r"])
    out = capsys.readouterr().out
    assert "never" not in out and "shown" in out


def test_up_arrow_recalls_history_and_file_persists(isolated, capsys):
    code, shell = drive(["Write-Output one\r", "\x1b[A\r"])
    out = capsys.readouterr().out
    assert out.count("one") == 2
    path = history_path(isolated / "home")
    assert read_entries(path) == ["Write-Output one"]  # no duplicates recorded twice in a row
    # a second session recalls it from the file
    code, shell = drive(["\x1b[A\r"])
    assert capsys.readouterr().out.count("one") == 1


def test_sensitive_lines_stay_out_of_the_history_file(isolated, capsys):
    code, shell = drive(["$k = ConvertTo-SecureString 'p' -AsPlainText -Force\r",
                         "$apikey = 'abc'\r", "Write-Output fine\r", "\x1b[A\x1b[A\r"])
    saved = read_entries(history_path(isolated / "home"))
    assert saved == ["Write-Output fine"]
    # still recallable in this session (memory only), as PSReadLine does
    assert capsys.readouterr().out.count("fine") == 1
    assert shell.engine.ctx.history[-1].CommandLine == "$apikey = 'abc'"


def test_user_prompt_function_and_continuation(capsys):
    code, shell = drive(["function prompt { 'MY> ' }\r", "1 +\r2\r"])
    assert shell._prompt_text == "MY> "
    assert "3" in capsys.readouterr().out


def test_syntax_error_is_reported_not_continued(capsys):
    code, shell = drive(["$x = 1 ) x\r", "exit 4\r"])
    assert code == 4
    err = capsys.readouterr().err
    assert "Unexpected token ')'" in err


def test_get_history_shows_the_session_entries(capsys):
    code, shell = drive(["Write-Output first\r", "Get-History | ForEach-Object CommandLine\r"])
    out = capsys.readouterr().out
    assert "Write-Output first" in out
    hist = shell.engine.ctx.history
    assert [e.Id for e in hist] == [1, 2]
    assert hist[0].ExecutionStatus == "Completed"


def test_profile_runs_first_unless_noprofile(isolated, capsys):
    prof = isolated / "config" / "spshell" / "Microsoft.PowerShell_profile.ps1"
    prof.parent.mkdir(parents=True)
    prof.write_text("function prompt { 'PROFILED> ' }\n$fromProfile = 42\n")
    code, shell = drive(["$fromProfile\r"], {"noprofile": False})
    assert shell._prompt_text == "PROFILED> "
    assert "42" in capsys.readouterr().out
    code, shell = drive(["'$fromProfile' + $fromProfile\r"], {"noprofile": True})
    assert shell._prompt_text.startswith("PS ")


def test_secure_reader_masks_and_returns_text():
    from spshell.host import ConsoleHost
    from spshell.repl.host import PromptReaders
    with create_pipe_input() as inp:
        readers = PromptReaders(ConsoleHost(), input=inp, output=DummyOutput())
        inp.send_text("s3cret\r")
        assert readers.read_secure("Password: ") == "s3cret"
        inp.send_text("plain\r")
        assert readers.read_line("Name: ") == "plain"


def test_noexit_runs_the_command_then_stays(capsys):
    code, shell = drive(["$fromCommand * 2\r"], {"command": "$fromCommand = 21", "noexit": True})
    assert code == 0
    assert "42" in capsys.readouterr().out


def test_non_interactive_runs_never_import_prompt_toolkit():
    import subprocess
    import sys
    code = ("import sys; from spshell.cli import main; main(['-NoProfile', '-Command', "
            "'Get-Date | Out-Null']); print(sorted(m for m in sys.modules if "
            "m.startswith(('prompt_toolkit', 'pygments', 'spshell.repl.app', 'spshell.repl.session'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60).stdout
    assert out.strip().endswith("[]")


def test_plain_fallback_reads_entries_from_piped_stdin(tmp_path):
    import subprocess
    import sys
    script = 'foreach ($i in 1..2) {\n"p$i"\n}\n$x = 5\n"x=$x"\nexit 7\n'
    r = subprocess.run([sys.executable, "-m", "spshell", "-NoProfile", "-NoLogo"],
                       input=script, capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, SPSHELL_HOME=str(tmp_path)))
    assert r.returncode == 7
    assert "p1\np2" in r.stdout and "x=5" in r.stdout
    assert ">> " in r.stdout


def test_session_history_keeps_maximum_history_count(capsys):
    code, shell = drive(["$MaximumHistoryCount = 2\r", "'a'\r", "'b'\r", "'c'\r"])
    hist = shell.engine.ctx.history
    assert [e.CommandLine for e in hist] == ["'b'", "'c'"]
    assert [e.Id for e in hist] == [3, 4]


def test_f8_recalls_the_entry_starting_with_the_typed_text(capsys):
    code, shell = drive(["Write-Output 'first-line'\r", "'second' + '-line'\r",
                         "Write\x1b[19~\r"])
    lines = [e.CommandLine for e in shell.engine.ctx.history]
    assert lines[-1] == "Write-Output 'first-line'"
