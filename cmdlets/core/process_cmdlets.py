"""Start-Process: run a program, optionally waiting for it."""
from __future__ import annotations

import os
import shutil
import subprocess

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import InvalidOperationException, ps_error
from spshell.runtime.objects import SwitchParameter


class ProcessInfo:
    """The -PassThru result: the started process."""

    __ps_type__ = "System.Diagnostics.Process"
    __ps_default_display__ = ("Id", "ProcessName", "HasExited")

    def __init__(self, popen, name):
        self._p = popen
        self.Id = popen.pid
        self.ProcessName = name

    @property
    def HasExited(self):
        return self._p.poll() is not None

    @property
    def ExitCode(self):
        return self._p.poll()

    def WaitForExit(self, milliseconds=None):
        try:
            self._p.wait(None if milliseconds is None else int(milliseconds) / 1000)
            return True
        except subprocess.TimeoutExpired:
            return False

    def Kill(self):
        self._p.kill()


class StartProcess(Cmdlet):
    name = "Start-Process"
    implementing_type = "Microsoft.PowerShell.Commands.StartProcessCommand"
    help = Help(
        synopsis="Starts one or more processes on the local computer.",
        description="Starts the program named by -FilePath with -ArgumentList, in -WorkingDirectory "
                    "(default: the current location). -Wait waits for it to exit; -PassThru "
                    "returns a process object. -NoNewWindow and -WindowStyle are accepted for "
                    "compatibility: on this platform the program always shares the terminal.",
        examples=[Example("Start-Process -FilePath ls -ArgumentList '-l' -Wait -NoNewWindow",
                          "Runs ls -l and waits for it to finish.")])
    FilePath = Parameter(str, mandatory=True, position=0, aliases=("PSPath", "Path"),
                         help="The program to start.")
    ArgumentList = Parameter("string[]", position=1, aliases=("Args",),
                             help="Arguments passed to the program.")
    WorkingDirectory = Parameter(str, help="The folder the program starts in.")
    Wait = Parameter(SwitchParameter, help="Waits for the program to exit.")
    PassThru = Parameter(SwitchParameter, help="Returns the started process.")
    NoNewWindow = Parameter(SwitchParameter, help="Accepted for compatibility.")
    WindowStyle = Parameter(str, validate_set=("Normal", "Hidden", "Minimized", "Maximized"),
                            help="Accepted for compatibility.")
    RedirectStandardOutput = Parameter(str, help="A file that receives the standard output.")
    RedirectStandardError = Parameter(str, help="A file that receives the standard error.")
    RedirectStandardInput = Parameter(str, help="A file read as the standard input.")

    def end(self):
        exe = shutil.which(self.FilePath) or (self.FilePath if os.path.isfile(self.FilePath)
                                              and os.access(self.FilePath, os.X_OK) else None)
        if exe is None:
            self.throw_terminating_error(ps_error(
                InvalidOperationException,
                "This command cannot be run due to the error: The system cannot find the file "
                "specified.", "InvalidOperationException", "InvalidOperation", self.FilePath))
            return
        cwd = str(self.context.resolve_path(self.WorkingDirectory)) if self.WorkingDirectory \
            else str(self.context.location)
        opened = []
        try:
            def _open(path, mode):
                if not path:
                    return None
                fh = open(self.context.resolve_path(path), mode)
                opened.append(fh)
                return fh
            popen = subprocess.Popen([exe] + list(self.ArgumentList or []), cwd=cwd,
                                     stdout=_open(self.RedirectStandardOutput, "wb"),
                                     stderr=_open(self.RedirectStandardError, "wb"),
                                     stdin=_open(self.RedirectStandardInput, "rb"))
            if self.Wait:
                popen.wait()
        except OSError as exc:
            self.throw_terminating_error(ps_error(
                InvalidOperationException,
                f"This command cannot be run due to the error: {exc.strerror}.",
                "InvalidOperationException", "InvalidOperation", self.FilePath))
            return
        finally:
            for fh in opened:
                fh.close()
        if self.PassThru:
            self.write_object(ProcessInfo(popen, os.path.basename(exe)))
