"""End to end in a real pseudo-terminal: the `spshell` REPL as a user drives it."""
import os
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.tty


def spawn(tmp_path, *args, env_extra=None):
    env = dict(os.environ)
    env.update({
        "SPSHELL_HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "SPSHELL_COMPUTERNAME": "SP1",
        "TERM": "xterm-256color",
        # pexpect does not answer cursor-position requests; tell prompt_toolkit not to ask
        "PROMPT_TOOLKIT_NO_CPR": "1",
    })
    env.pop("NO_COLOR", None)
    env.pop("COLUMNS", None)
    env.update(env_extra or {})
    child = pexpect.spawn(sys.executable, ["-m", "spshell", "-NoProfile", *args], env=env,
                          cwd=str(tmp_path), encoding="utf-8", dimensions=(40, 200),
                          timeout=20)
    child.prompt_text = f"PS {tmp_path}>"  # without the trailing space (ANSI resets before it)
    child.expect_exact(child.prompt_text)
    return child


def wait_prompt(child, timeout=20):
    child.expect_exact(child.prompt_text, timeout=timeout)


def leave(child):
    child.send("exit\r")
    child.expect(pexpect.EOF, timeout=20)
    child.close()


def test_tab_completes_a_cmdlet_and_a_parameter_then_runs_it(tmp_path):
    c = spawn(tmp_path)
    c.send("Write-Outp")
    time.sleep(0.3)
    c.send("\t")
    time.sleep(0.3)
    c.send(" -Inp")
    time.sleep(0.3)
    c.send("\t")
    time.sleep(0.3)
    c.send(" ('x' + 'yz')\r")
    # only `Write-Output -InputObject (...)` prints this: the half-typed names would fail
    c.expect_exact("xyz\r\n")
    wait_prompt(c)
    c.send("(Get-History -Count 1).CommandLine.Replace('-', '_')\r")
    c.expect_exact("Write_Output _InputObject ('x' + 'yz')")
    wait_prompt(c)
    leave(c)


def test_multi_line_foreach_uses_the_continuation_prompt(tmp_path):
    c = spawn(tmp_path)
    c.send("foreach ($i in 1..3) {\r")
    c.expect_exact(">>")
    c.send('"item$i"\r')
    c.expect_exact(">>")
    c.send("}\r")
    c.expect(r"item1\r\nitem2\r\nitem3\r\n")
    wait_prompt(c)
    leave(c)


def test_ctrl_c_interrupts_start_sleep_within_a_second(tmp_path):
    c = spawn(tmp_path)
    c.send("'warm' + 'ed'\r")  # the engine loads behind the first prompt: wait for it
    c.expect_exact("warmed")
    wait_prompt(c)
    c.send("Start-Sleep 30\r")
    time.sleep(1.0)  # the command is running now
    t0 = time.monotonic()
    c.sendintr()
    wait_prompt(c, timeout=5)
    assert time.monotonic() - t0 < 1.0
    c.send("'still' + 'alive'\r")
    c.expect_exact("stillalive")
    wait_prompt(c)
    leave(c)


def test_secure_prompt_shows_no_typed_characters(tmp_path):
    c = spawn(tmp_path)
    c.send("$s = Read-Host -AsSecureString 'Secret'\r")
    c.expect_exact("Secret:")
    c.send("hunter2\r")
    wait_prompt(c)
    assert "hunter2" not in c.before
    c.send('"len=$($s.Length)"\r')
    c.expect_exact("len=7")
    wait_prompt(c)
    leave(c)


def test_history_survives_a_restart(tmp_path):
    c = spawn(tmp_path)
    c.send("Write-Output ('remem' + 'bered')\r")
    c.expect_exact("remembered")
    wait_prompt(c)
    c.send("\x04")  # Ctrl+D, so the last entry is the one to recall
    c.expect(pexpect.EOF)
    c.close()
    c = spawn(tmp_path)
    time.sleep(1.0)  # the history file loads in the background as the prompt appears
    c.send("\x1b[A")  # Up arrow recalls the last entry of the previous session
    time.sleep(0.5)
    c.send("\r")
    c.expect_exact("remembered\r\n")
    wait_prompt(c)
    leave(c)


def test_as_plain_text_line_is_not_written_to_the_history_file(tmp_path):
    c = spawn(tmp_path)
    c.send("$p = ConvertTo-SecureString 'Pa55' -AsPlainText -Force\r")
    wait_prompt(c)
    c.send("Write-Output ('safe' + 'line')\r")
    c.expect_exact("safeline")
    wait_prompt(c)
    leave(c)
    text = (tmp_path / "home" / "PSReadLine" / "ConsoleHost_history.txt").read_text()
    assert "Write-Output ('safe' + 'line')" in text
    assert "AsPlainText" not in text and "Pa55" not in text


def test_missing_mandatory_parameter_is_prompted_for(tmp_path):
    c = spawn(tmp_path)
    c.send("Start-Sleep\r")
    c.expect_exact("cmdlet Start-Sleep at command pipeline position 1")
    c.expect_exact("Supply values for the following parameters:")
    c.expect_exact("Seconds:")
    c.send("0\r")
    wait_prompt(c)
    c.send("'done' + '!'\r")
    c.expect_exact("done!")
    leave(c)


def test_ctrl_c_cancels_the_line_and_ctrl_d_exits(tmp_path):
    c = spawn(tmp_path)
    c.send("Write-Output typed-but-cancelled")
    time.sleep(0.2)
    c.sendintr()
    wait_prompt(c)
    c.send("\x04")
    c.expect(pexpect.EOF)
    c.close()
    assert c.exitstatus == 0
    assert "typed-but-cancelled\r\n" not in c.before


def test_no_color_turns_colouring_off(tmp_path):
    c = spawn(tmp_path, env_extra={"NO_COLOR": "1"})
    c.send("Get-Item .\r")
    wait_prompt(c)
    c.send("Write-Error 'boom'\r")
    c.expect_exact("boom")
    wait_prompt(c)
    seen = c.before
    leave(c)
    assert "\x1b[91m" not in seen and "\x1b[0;93m" not in seen


def test_colours_on_a_terminal(tmp_path):
    c = spawn(tmp_path)
    c.send("Get-Item .")
    c.expect_exact("\x1b[0;93mGet-Item")  # Command: Yellow while typing
    c.send("\rWrite-Error 'boom'\r")
    c.expect_exact("\x1b[91m")  # the error record in red
    wait_prompt(c)
    leave(c)


def test_dumb_terminal_gets_the_plain_loop_without_colour(tmp_path):
    c = spawn(tmp_path, env_extra={"TERM": "dumb"})
    c.send("foreach ($i in 1..2) {\r")
    c.expect_exact(">> ")
    c.send('"d$i"\r}\r')
    c.expect_exact("d1\r\nd2\r\n")
    wait_prompt(c)
    c.send("Write-Error 'boom'\r")
    c.expect_exact("boom")
    wait_prompt(c)
    seen = c.before
    leave(c)
    assert "\x1b[" not in seen


def test_ctrl_space_shows_the_menu_of_candidates(tmp_path):
    c = spawn(tmp_path)
    c.send("Get-C")
    time.sleep(0.3)
    c.send("\x00")  # Ctrl+Space
    # the grid lists candidates besides the one put in the line
    c.expect_exact("Get-Credential")
    c.expect_exact("Get-Culture")
    c.send("\x1b")  # Escape: cancel, back to what was typed
    time.sleep(1.5)  # (it is also the Meta prefix: it acts once no other key follows)
    c.send("ulture\r")
    c.expect_exact("en-US")
    wait_prompt(c)
    leave(c)


def test_ctrl_r_finds_an_earlier_entry_and_enter_runs_it(tmp_path):
    c = spawn(tmp_path)
    c.send("Write-Output ('found' + '-it')\r")
    c.expect_exact("found-it")
    wait_prompt(c)
    c.send("'other' + '-entry'\r")
    c.expect_exact("other-entry")
    wait_prompt(c)
    c.send("\x12")  # Ctrl+R
    c.expect_exact("bck-i-search:")
    c.send("foun")
    time.sleep(0.3)
    c.send("\r")
    c.expect_exact("found-it\r\n")
    wait_prompt(c)
    c.send("\x12zzqq")
    c.expect_exact("failed-bck-i-search:")
    c.sendintr()
    wait_prompt(c)
    leave(c)
