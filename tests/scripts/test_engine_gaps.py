"""Engine and core-cmdlet behaviour the published scripts rely on. Each test states the
PowerShell construct, where a script uses it, and what Windows PowerShell 5.1 does."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(script, tmp_path, host=None):
    env = dict(os.environ, SPSHELL_HOME=str(tmp_path), PYTHONPATH=str(ROOT), NO_COLOR="1")
    argv = [sys.executable, "-m", "spshell", "-NoProfile", "-NonInteractive"]
    if host:
        argv += ["-ComputerName", host]
    p = subprocess.run(argv + ["-Command", script], capture_output=True, text=True, env=env,
                       timeout=60, cwd=str(tmp_path))
    return p.stdout + p.stderr


def test_new_object_constructor_exception_is_reported_by_new_object(tmp_path):
    # SP2013TestEmailFunctionality.ps1:41 `New-Object Microsoft.SharePoint.SPSite "$spsite"` when
    # no web application serves the URL. Windows PowerShell 5.1 reports the constructor's
    # exception as New-Object's error: "New-Object : Exception calling ".ctor" with "1"
    # argument(s): ..." with CategoryInfo "InvalidOperation: (:) [New-Object],
    # MethodInvocationException" and FullyQualifiedErrorId
    # "ConstructorInvokedThrowException,Microsoft.PowerShell.Commands.NewObjectCommand".
    out = _run('New-Object System.Uri "not a uri"', tmp_path)
    assert 'New-Object : Exception calling ".ctor" with "1" argument(s)' in out, out
    assert "ConstructorInvokedThrowException,Microsoft.PowerShell.Commands.NewObjectCommand" \
        in out, out


def test_start_alias_runs_start_process(tmp_path):
    # The classic "It Worked..Congrats!" test script ends its failure branch with
    # `start notepad.exe "$TARGETDIR\log.csv"`: 'start' is the built-in alias of Start-Process,
    # which fails for a program that does not exist with "This command cannot be run due to
    # the error: The system cannot find the file specified." (InvalidOperationException,
    # FullyQualifiedErrorId InvalidOperationException,Microsoft.PowerShell.Commands.
    # StartProcessCommand) - not with "The term 'start' is not recognized".
    out = _run('start no-such-program-here.exe "x"', tmp_path)
    assert "The term 'start' is not recognized" not in out, out
    assert "StartProcessCommand" in out, out


def test_machine_name_is_the_host_this_process_acts_as(tmp_path):
    # Scripts name the local server with [Environment]::MachineName / $env:COMPUTERNAME; a
    # process started with -ComputerName WFE1 acts as WFE1.
    out = _run("[Environment]::MachineName; $env:COMPUTERNAME", tmp_path, host="WFE1")
    assert out.split() == ["WFE1", "WFE1"], out
