"""What the interactive shell adds to spshell.host.ConsoleHost.

``install(host)`` sets the host's documented hooks: ``line_reader`` and ``secure_reader`` (so
Read-Host, Get-Credential, prompts for missing mandatory parameters and ``Read-Host
-AsSecureString`` read through prompt_toolkit, the secure ones masked with ``*``), and replaces
the progress drawing (``write_progress`` / ``_clear_progress``, which ConsoleHost.write calls
before any output) and ``clear_screen`` on that one host object.

Progress follows pwsh 7's Minimal view: one line per running activity, ``Activity [ooooo   ]
NN% Status``, drawn under the output, erased as soon as other output is written, when the
activity completes, and when the command ends.
"""
from __future__ import annotations

import sys


class PromptReaders:
    """Read-Host and friends through prompt_toolkit (Ctrl+C stops the command; Ctrl+D on an
    empty line gives an empty answer)."""

    def __init__(self, host, input=None, output=None):
        self.host = host
        self._input = input
        self._output = output
        self._plain = None
        self._secure = None

    def _session(self, secure):
        from prompt_toolkit import PromptSession
        attr = "_secure" if secure else "_plain"
        s = getattr(self, attr)
        if s is None:
            # no history: answers typed at Read-Host are not commands (and may be secrets)
            s = PromptSession(is_password=secure, input=self._input, output=self._output)
            setattr(self, attr, s)
        return s

    def _read(self, prompt, secure):
        host = self.host
        progress = getattr(host, "_clear_progress", None)
        if progress is not None:
            progress()
        host.flush()
        try:
            return self._session(secure).prompt(str(prompt), handle_sigint=False)
        except EOFError:
            return ""

    def read_line(self, prompt="", secure=False):
        value = self._read(prompt, bool(secure))
        for t in getattr(self.host, "transcripts", ()):
            # a transcript records what the user answered, never a secret
            t.write(str(prompt) + ("" if secure else value) + "\n")
        return value

    def read_secure(self, prompt=""):
        value = self._read(prompt, True)
        for t in getattr(self.host, "transcripts", ()):
            t.write(str(prompt) + "\n")
        return value


class ProgressRenderer:
    def __init__(self, host):
        self.host = host
        self.records = {}  # activity id -> (activity, status, percent), in start order
        self.lines = 0

    def _tty(self):
        try:
            return self.host.stdout.isatty()
        except (AttributeError, ValueError):
            return False

    def write(self, activity, status, percent, completed, activity_id=0, *_, **__):
        if not self._tty():
            return
        if completed:
            self.records.pop(activity_id, None)
        else:
            self.records[activity_id] = (str(activity), str(status or ""), percent)
        self.draw()

    def render_line(self, activity, status, percent, width):
        colour = getattr(self.host, "colour_out", False)
        label = activity
        if percent is not None and percent >= 0:
            pct = min(int(percent), 100)
            bar_w = max(10, min(50, width - len(label) - len(status) - 10))
            filled = bar_w * pct // 100
            bar = "[" + "o" * filled + " " * (bar_w - filled) + "]"
            line = f"{label} {bar} {pct}% {status}"
        else:
            line = f"{label} {status}"
        line = line[:max(1, width)]
        if colour:
            # $PSStyle.Progress.Style default: bold yellow
            return "\x1b[33;1m" + line + "\x1b[0m"
        return line

    def draw(self):
        out = self.host.stdout
        self._erase()
        width = max(20, self.host.width - 1)
        lines = [self.render_line(a, s, p, width) for a, s, p in self.records.values()]
        if not lines:
            return
        if not getattr(self.host, "at_line_start", True):
            out.write("\n")
            self.host.at_line_start = True
        out.write("\n".join(lines))
        # park the cursor at the first progress line so the next output overwrites them
        if len(lines) > 1:
            out.write(f"\x1b[{len(lines) - 1}A")
        out.write("\r")
        out.flush()
        self.lines = len(lines)

    def _erase(self):
        if self.lines:
            self.host.stdout.write("\r\x1b[J")
            self.lines = 0

    def clear(self):
        """Erases the bars (before other output, or when a command ends)."""
        if self.lines:
            self._erase()
            try:
                self.host.stdout.flush()
            except (OSError, ValueError):
                pass

    def finish(self):
        self.records.clear()
        self.clear()


def clear_screen(host):
    try:
        if host.stdout.isatty():
            host.stdout.write("\x1b[H\x1b[2J\x1b[3J")
            host.stdout.flush()
    except (AttributeError, ValueError, OSError):
        pass


def install(host, input=None, output=None):
    """Hooks the REPL's readers and progress drawing into ``host``. -> the ProgressRenderer
    (the loop calls ``finish()`` after each entry: a command's bars end with it)."""
    readers = PromptReaders(host, input, output)
    host.line_reader = readers.read_line
    host.secure_reader = readers.read_secure
    progress = ProgressRenderer(host)
    host.write_progress = progress.write
    host._clear_progress = progress.clear
    host.clear_screen = lambda: clear_screen(host)
    return progress


def stdin_is_terminal():
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
