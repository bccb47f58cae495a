"""The pwsh-style command line: modes, exit codes, script arguments, start-up imports."""
import os
import subprocess
import sys

HEAVY = ("prompt_toolkit", "keyring", "aiosmtplib", "aiosmtpd", "spnego", "psycopg")


def test_command_exit_imports_nothing_heavy(tmp_path):
    env = dict(os.environ, SPSHELL_HOME=str(tmp_path))
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "spshell", "-NoProfile",
                        "-NonInteractive", "-Command", "exit"], capture_output=True, text=True,
                       env=env, stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in p.stderr.splitlines()
                if line.startswith("import time:")}
    assert imported, "importtime printed nothing"
    for name in HEAVY:
        assert not any(m == name or m.startswith(name + ".") for m in imported), name


def test_exit_codes(run, tmp_path):
    assert run("-NoProfile", "-Command", "exit 7").returncode == 7
    assert run("-NoProfile", "-Command", "'fine'").returncode == 0
    assert run("-NoProfile", "-Command", "throw 'boom'").returncode == 1
    script = tmp_path / "s.ps1"
    script.write_text("throw 'x'\n'after'\n")
    p = run("-NoProfile", "-File", str(script))
    assert p.returncode == 1 and "after" not in p.stdout
    script.write_text("Get-Item /no/such/file\n'after'\n")
    p = run("-NoProfile", "-File", str(script))
    assert p.returncode == 0 and "after" in p.stdout


def test_lastexitcode_and_dollar_question(ps):
    out = ps("$? ; Get-Item /nope -ErrorAction SilentlyContinue; $?; 'x' | Out-Null; $?")
    assert out.split() == ["True", "False", "True"]


def test_parse_error_exit_code_and_caret(run, tmp_path):
    script = tmp_path / "bad.ps1"
    script.write_text("'ok'\nif ($x {\n")
    p = run("-NoProfile", "-File", str(script))
    assert p.returncode == 1
    assert "ok" not in p.stdout
    assert "line:2" in p.stderr or ":2 char:" in p.stderr
    assert "~" in p.stderr or "+" in p.stderr


def test_parse_only(run, tmp_path):
    good = tmp_path / "g.ps1"
    good.write_text("Write-Output 'never printed'\n")
    p = run("-NoProfile", "-ParseOnly", "-File", str(good))
    assert p.returncode == 0 and p.stdout == ""
    bad = tmp_path / "b.ps1"
    bad.write_text("$a = (1 + \n")
    p = run("-NoProfile", "-ParseOnly", "-File", str(bad))
    assert p.returncode == 1 and p.stderr.strip()


def test_file_arguments_bind_to_param_block(run, tmp_path):
    script = tmp_path / "p.ps1"
    script.write_text('param([string]$Name, [int]$Count = 1, [switch]$Loud)\n'
                      '"$Name x $Count loud=$Loud rest=$($args -join \',\')"\n')
    p = run("-NoProfile", "-File", str(script), "-Count", "3", "Bob", "-Loud", "extra1", "extra2")
    assert p.stdout.strip() == "Bob x 3 loud=True rest=extra1,extra2", p.stderr


def test_command_from_stdin(run):
    p = run("-NoProfile", "-Command", "-", stdin="$a = 2\n$a * 21\n")
    assert p.stdout.strip() == "42"


def test_bom_crlf_typographic_quotes_and_dashes(run, tmp_path):
    script = tmp_path / "t.ps1"
    text = "\ufeff$x = \u201chello\u201d, 'there' \u2013join ' '\r\nWrite-Output $x\r\n" \
           "Write-Output \u2018single\u2019 \u2014NoEnumerate\r\n"
    script.write_bytes(text.encode("utf-8"))
    p = run("-NoProfile", "-File", str(script))
    assert p.stdout.splitlines() == ["hello there", "single"], p.stderr


def test_computer_name(run):
    p = run("-NoProfile", "-ComputerName", "WFE1", "-Command", "$env:COMPUTERNAME")
    assert p.stdout.strip() == "WFE1"
    p = run("-NoProfile", "-Command", "$env:COMPUTERNAME", env={"SPSHELL_COMPUTERNAME": "APP2"})
    assert p.stdout.strip() == "APP2"


def test_version_and_help(run):
    assert run("-Version").stdout.startswith("spshell ")
    h = run("-Help").stdout
    assert "-ComputerName" in h and "-ParseOnly" in h


def test_noninteractive_read_host_fails(run):
    p = run("-NoProfile", "-NonInteractive", "-Command", "Read-Host 'Name'")
    assert "NonInteractive mode" in p.stderr
    assert "Traceback" not in p.stderr


def test_read_host_reads_piped_stdin(run):
    p = run("-NoProfile", "-Command", "$n = Read-Host 'Name'; \"hi $n\"", stdin="Ann\n")
    assert p.stdout.strip().endswith("hi Ann")


def test_reader_closing_the_pipe_ends_quietly(tmp_path):
    env = dict(os.environ, SPSHELL_HOME=str(tmp_path))
    p = subprocess.run(["bash", "-c", f"'{sys.executable}' -m spshell -NoProfile -Command "
                        "'1..200000' 2>err.txt | head -2; echo ${PIPESTATUS[0]}"],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.stdout.split() == ["1", "2", "141"], p.stdout
    assert (tmp_path / "err.txt").read_text() == ""
