"""System.Environment, System.Console, System.Threading.Thread, System.Diagnostics.Stopwatch.

[Environment]::MachineName follows the session's computer name (the engine sets
``types.computer_name_hook``); [Console]::Write* go to the engine's host through
``types.console_writer``.
"""
from __future__ import annotations

import os
import platform
import socket
import sys
import time

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig, static_prop

_START = time.monotonic()


def _types():
    from spshell.runtime import types
    return types


def machine_name():
    hook = _types().computer_name_hook
    if hook is not None:
        try:
            name = hook()
        except Exception:  # noqa: BLE001 - no session: fall back to the host name
            name = None
        if name:
            return str(name)
    return socket.gethostname().split(".")[0]


def _target(t):
    if t is None:
        return 0
    v = getattr(t, "value", t)
    if isinstance(v, str):
        v = {"process": 0, "user": 1, "machine": 2}.get(v.lower(), 0)
    return int(v)


class OperatingSystem:
    """System.OperatingSystem."""

    __ps_type__ = "System.OperatingSystem"
    __ps_default_display__ = ("Platform", "ServicePack", "Version", "VersionString")

    def __init__(self):
        from spshell.runtime.dotnet.misc import Version
        rel = platform.release().split("-")[0]
        parts = [p for p in rel.split(".") if p.isdigit()][:4]
        while len(parts) < 2:
            parts.append("0")
        self._version = Version(*[int(p) for p in parts])

    @property
    def Platform(self):
        return "Win32NT" if os.name == "nt" else ("MacOSX" if sys.platform == "darwin"
                                                  else "Unix")

    @property
    def ServicePack(self):
        return ""

    @property
    def Version(self):
        return self._version

    @property
    def VersionString(self):
        return f"{self.Platform} {self._version}"

    def ToString(self):
        return self.VersionString

    def __str__(self):
        return self.VersionString


class EnvironmentStatics:
    @static_prop("string")
    def MachineName():
        return machine_name()

    @static_prop("string")
    def UserName():
        for var in ("USER", "USERNAME", "LOGNAME"):
            if os.environ.get(var):
                return os.environ[var]
        try:
            import getpass
            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no passwd entry
            return ""

    @static_prop("string")
    def UserDomainName():
        return machine_name()

    NewLine = static_prop("string", getter=lambda: os.linesep)

    @static_prop("string")
    def CurrentDirectory():
        return os.getcwd()

    @CurrentDirectory.setter
    def CurrentDirectory(value):
        try:
            os.chdir(str(value))
        except OSError:
            raise E.DirectoryNotFoundException(f"Could not find a part of the path "
                                               f"'{value}'.")

    OSVersion = static_prop("System.OperatingSystem", getter=lambda: OperatingSystem())
    Is64BitProcess = static_prop("bool", getter=lambda: sys.maxsize > 2 ** 32)
    Is64BitOperatingSystem = static_prop("bool", getter=lambda: platform.machine().endswith(
        "64"))
    ProcessorCount = static_prop("int", getter=lambda: os.cpu_count() or 1)
    ProcessId = static_prop("int", getter=lambda: os.getpid())
    SystemDirectory = static_prop("string", getter=lambda: "" if os.name != "nt" else
                                  os.path.join(os.environ.get("SystemRoot", r"C:\Windows"),
                                               "system32"))
    UserInteractive = static_prop("bool", getter=lambda: sys.stdin.isatty())
    Version = static_prop("version", getter=lambda: _version("8.0.0"))

    @static_prop("int")
    def TickCount():
        return int((time.monotonic() - _START) * 1000 + _boot_ms()) & 0x7FFFFFFF

    @static_prop("long")
    def TickCount64():
        from spshell.runtime.numbers import Int64
        return Int64(int((time.monotonic() - _START) * 1000 + _boot_ms()))

    @static_prop("string")
    def CommandLine():
        return " ".join(sys.argv)

    @static_prop("string")
    def StackTrace():
        return ""

    @sig("static string GetEnvironmentVariable(string variable)",
         "static string GetEnvironmentVariable(string variable, System.EnvironmentVariableTarget "
         "target)")
    def GetEnvironmentVariable(name, target=None):
        if name is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'variable')")
        if _target(target) != 0 and os.name != "nt":
            return None
        return os.environ.get(name)

    @sig("static void SetEnvironmentVariable(string variable, string value)",
         "static void SetEnvironmentVariable(string variable, string value, "
         "System.EnvironmentVariableTarget target)")
    def SetEnvironmentVariable(name, value, target=None):
        if not name:
            raise E.ArgumentException("String cannot be of zero length. (Parameter 'variable')")
        if "=" in name or "\0" in name:
            raise E.ArgumentException("Environment variable name or value is too long. "
                                      "(Parameter 'variable')" if "\0" in name else
                                      "Environment variable name cannot contain equal "
                                      "character. (Parameter 'variable')")
        if _target(target) != 0 and os.name != "nt":
            return  # .NET on Unix ignores User/Machine targets
        if value is None or value == "":
            os.environ.pop(name, None)
        else:
            os.environ[name] = value

    @sig("static System.Collections.IDictionary GetEnvironmentVariables()")
    def GetEnvironmentVariables():
        from spshell.runtime.objects import Hashtable
        return Hashtable(dict(os.environ))

    @sig("static string ExpandEnvironmentVariables(string name)")
    def ExpandEnvironmentVariables(text):
        import re
        return re.sub(r"%([^%]+)%", lambda m: os.environ.get(m.group(1), m.group(0)), text)

    @sig("static string GetFolderPath(System.Environment+SpecialFolder folder)")
    def GetFolderPath(folder):
        name = str(getattr(folder, "name", folder)).lower()
        home = os.path.expanduser("~")
        return {"userprofile": home, "personal": os.path.join(home, "Documents") if os.name ==
                "nt" else home, "mydocuments": home, "desktop": os.path.join(home, "Desktop"),
                "applicationdata": os.environ.get("XDG_CONFIG_HOME",
                                                  os.path.join(home, ".config")),
                "localapplicationdata": os.environ.get("XDG_DATA_HOME",
                                                       os.path.join(home, ".local", "share")),
                "temp": os.environ.get("TMPDIR", "/tmp")}.get(name, "")

    @sig("static string[] GetCommandLineArgs()")
    def GetCommandLineArgs():
        return list(sys.argv)

    @sig("static string[] GetLogicalDrives()")
    def GetLogicalDrives():
        return ["/"]


def _version(text):
    from spshell.runtime.dotnet.misc import Version
    return Version(text)


_BOOT = None


def _boot_ms():
    global _BOOT
    if _BOOT is None:
        try:
            with open("/proc/uptime") as fh:
                _BOOT = float(fh.read().split()[0]) * 1000 - (time.monotonic() - _START) * 1000
        except (OSError, ValueError, IndexError):
            _BOOT = 0.0
    return _BOOT


def _write(text):
    w = _types().console_writer
    if w is not None:
        w(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _text(value):
    if value is None:
        return ""
    from spshell.runtime.conversion import to_string
    return to_string(value)


def _fmt(fmt, args):
    from spshell.runtime.dotnet_format import format_string
    return format_string(fmt, list(args))


class ConsoleStatics:
    @sig("static void WriteLine()", "static void WriteLine(System.Object value)",
         "static void WriteLine(string format, params System.Object[] arg)")
    def WriteLine(*args):
        if not args:
            _write("\n")
        elif len(args) == 1:
            _write(_text(args[0]) + "\n")
        else:
            _write(_fmt(_text(args[0]), args[1]) + "\n")

    @sig("static void Write(System.Object value)",
         "static void Write(string format, params System.Object[] arg)")
    def Write(*args):
        if len(args) == 1:
            _write(_text(args[0]))
        else:
            _write(_fmt(_text(args[0]), args[1]))

    @sig("static string ReadLine()")
    def ReadLine():
        line = sys.stdin.readline()
        if not line:
            return None
        return line.rstrip("\n").rstrip("\r")

    @sig("static void Beep()")
    def Beep():
        _write("\a")

    @sig("static void Clear()")
    def Clear():
        if sys.stdout.isatty():
            _write("\x1b[2J\x1b[H")

    @static_prop("int")
    def WindowWidth():
        import shutil
        return shutil.get_terminal_size((120, 50)).columns

    @static_prop("int")
    def WindowHeight():
        import shutil
        return shutil.get_terminal_size((120, 50)).lines

    @static_prop("int")
    def BufferWidth():
        import shutil
        return shutil.get_terminal_size((120, 50)).columns

    @static_prop("bool")
    def IsOutputRedirected():
        return not sys.stdout.isatty()

    @static_prop("bool")
    def IsInputRedirected():
        return not sys.stdin.isatty()

    @static_prop("bool")
    def IsErrorRedirected():
        return not sys.stderr.isatty()

    @static_prop("System.Text.Encoding")
    def OutputEncoding():
        from spshell.runtime.dotnet.text import get_encoding
        return get_encoding("utf-8")

    @OutputEncoding.setter
    def OutputEncoding(value):
        return None  # output is always UTF-8 here; accepted for scripts that set it

    @static_prop("System.Text.Encoding")
    def InputEncoding():
        from spshell.runtime.dotnet.text import get_encoding
        return get_encoding("utf-8")

    @static_prop("System.ConsoleColor")
    def ForegroundColor():
        return "Gray"

    @ForegroundColor.setter
    def ForegroundColor(value):
        return None

    @static_prop("System.ConsoleColor")
    def BackgroundColor():
        return "Black"

    @BackgroundColor.setter
    def BackgroundColor(value):
        return None

    @sig("static void ResetColor()")
    def ResetColor():
        return None


class ThreadStatics:
    @sig("static void Sleep(int millisecondsTimeout)", "static void Sleep(timespan timeout)")
    def Sleep(ms):
        import datetime
        if isinstance(ms, datetime.timedelta):
            secs = ms.total_seconds()
        else:
            if ms < -1:
                raise E.ArgumentOutOfRangeException(
                    "Number must be either non-negative and less than or equal to Int32.MaxValue"
                    " or -1. (Parameter 'millisecondsTimeout')")
            secs = ms / 1000
        time.sleep(max(0.0, secs))


class Stopwatch:
    """System.Diagnostics.Stopwatch."""

    __ps_type__ = "System.Diagnostics.Stopwatch"
    __ps_default_display__ = ("IsRunning", "Elapsed", "ElapsedMilliseconds", "ElapsedTicks")

    def __init__(self):
        self._acc = 0.0
        self._start = None

    def _elapsed(self):
        e = self._acc
        if self._start is not None:
            e += time.perf_counter() - self._start
        return e

    @property
    def IsRunning(self):
        return self._start is not None

    @property
    def Elapsed(self):
        import datetime
        return datetime.timedelta(seconds=self._elapsed())

    @property
    def ElapsedMilliseconds(self):
        from spshell.runtime.numbers import Int64
        return Int64(int(self._elapsed() * 1000))

    @property
    def ElapsedTicks(self):
        from spshell.runtime.numbers import Int64
        return Int64(int(self._elapsed() * 1e9))

    def Start(self):
        if self._start is None:
            self._start = time.perf_counter()

    def Stop(self):
        if self._start is not None:
            self._acc += time.perf_counter() - self._start
            self._start = None

    def Reset(self):
        self._acc, self._start = 0.0, None

    def Restart(self):
        self._acc, self._start = 0.0, time.perf_counter()


class StopwatchStatics:
    Frequency = 1_000_000_000
    IsHighResolution = True

    @sig("static System.Diagnostics.Stopwatch StartNew()")
    def StartNew():
        sw = Stopwatch()
        sw.Start()
        return sw

    @sig("static long GetTimestamp()")
    def GetTimestamp():
        from spshell.runtime.numbers import Int64
        return Int64(time.perf_counter_ns())
