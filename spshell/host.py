"""The console host: where host output, error text and prompts go.

pwsh writes the success stream, warnings, verbose/debug text and Write-Host to stdout and error
records to stderr (when redirected). Prompts read from the terminal, or lines from stdin when it is
not a terminal (so provisioning scripts can be fed answers); -NonInteractive refuses to prompt.
The REPL replaces the reading side with prompt_toolkit (spshell.repl).
"""
from __future__ import annotations

import os
import sys

from spshell.runtime.errors import ErrorRecord, PSInvalidOperationException

NON_INTERACTIVE_MESSAGE = ("PowerShell is in NonInteractive mode. Read and Prompt functionality "
                           "is not available.")

_COLOURS = {
    "black": 30, "darkblue": 34, "darkgreen": 32, "darkcyan": 36, "darkred": 31,
    "darkmagenta": 35, "darkyellow": 33, "gray": 37, "darkgray": 90, "blue": 94, "green": 92,
    "cyan": 96, "red": 91, "magenta": 95, "yellow": 93, "white": 97,
}


def colour_allowed(stream) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _reader_went_away(stream):
    """`spshell ... | head`: the reader closed the pipe. Stop quietly, as shells do: point the
    stream at /dev/null (so nothing else fails on it) and end the process (128 + SIGPIPE)."""
    try:
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
    raise SystemExit(141)


class ConsoleHost:
    Name = "ConsoleHost"

    def __init__(self, interactive=True, stdout=None, stderr=None, stdin=None):
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.stdin = stdin or sys.stdin
        self.interactive = interactive  # False under -NonInteractive
        self.transcripts = []
        self.colour_out = colour_allowed(self.stdout)
        self.colour_err = colour_allowed(self.stderr)
        self.line_reader = None  # the REPL installs a prompt_toolkit reader here
        self.secure_reader = None
        self._progress_shown = False
        self.at_line_start = True

    # ---- facts
    @property
    def is_interactive(self):
        return self.interactive

    @property
    def width(self):
        cols = os.environ.get("COLUMNS")
        if cols and cols.isdigit():
            return int(cols)
        try:
            if self.stdout.isatty():
                return os.get_terminal_size(self.stdout.fileno()).columns
        except (OSError, AttributeError, ValueError):
            pass
        return 120

    def stdin_is_terminal(self):
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    # ---- output
    def _paint(self, text, fg=None, bg=None, stream_colour=True):
        if not stream_colour or (fg is None and bg is None):
            return text
        codes = []
        if fg:
            c = _COLOURS.get(str(fg).lower())
            if c:
                codes.append(str(c))
        if bg:
            c = _COLOURS.get(str(bg).lower())
            if c:
                codes.append(str(c + 10))
        if not codes:
            return text
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"

    def write(self, text, fg=None, bg=None):
        self._clear_progress()
        try:
            self.stdout.write(self._paint(text, fg, bg, self.colour_out) if self.colour_out
                              else text)
        except BrokenPipeError:
            _reader_went_away(self.stdout)
        if text:
            self.at_line_start = text.endswith("\n")
        for t in self.transcripts:  # transcripts always get the plain text
            t.write(text)

    def write_line(self, text="", fg=None, bg=None):
        self.write(text + "\n", fg, bg)

    def write_output_line(self, text):
        """A line of formatted success output."""
        self.write(text + "\n")

    def write_error_line(self, text):
        self._clear_progress()
        self.stdout.flush()
        painted = self._paint(text, "red", None, self.colour_err)
        self.stderr.write(painted + "\n")
        self.stderr.flush()
        for t in self.transcripts:
            t.write(text + "\n")

    def write_warning_line(self, text):
        self.write_line("WARNING: " + text, "yellow" if self.colour_out else None)

    def write_verbose_line(self, text):
        self.write_line("VERBOSE: " + text, "yellow" if self.colour_out else None)

    def write_debug_line(self, text):
        self.write_line("DEBUG: " + text, "yellow" if self.colour_out else None)

    def flush(self):
        try:
            self.stdout.flush()
        except BrokenPipeError:
            _reader_went_away(self.stdout)
        except (OSError, ValueError):
            pass

    # ---- progress: drawn only on a terminal, erased when done
    def write_progress(self, activity, status, percent, completed, activity_id=0):
        try:
            tty = self.stdout.isatty()
        except (AttributeError, ValueError):
            tty = False
        if not tty:
            return
        if completed:
            self._clear_progress()
            return
        width = max(20, self.width - 1)
        label = f"{activity}: {status}"
        if percent is not None and percent >= 0:
            bar_w = max(10, width - len(label) - 10)
            filled = int(bar_w * min(percent, 100) / 100)
            line = f"{label} [{'o' * filled}{' ' * (bar_w - filled)}] {percent}%"
        else:
            line = label
        self.stdout.write("\r\x1b[2K" + line[:width])
        self.stdout.flush()
        self._progress_shown = True

    def _clear_progress(self):
        if self._progress_shown:
            self.stdout.write("\r\x1b[2K")
            self._progress_shown = False

    def clear_screen(self):
        try:
            if self.stdout.isatty():
                self.stdout.write("\x1b[2J\x1b[H")
                self.stdout.flush()
        except (AttributeError, ValueError):
            pass

    # ---- transcripts
    def add_transcript(self, fileobj):
        self.transcripts.append(fileobj)

    def remove_transcript(self, fileobj):
        if fileobj in self.transcripts:
            self.transcripts.remove(fileobj)

    # ---- input
    def _refuse(self):
        exc = PSInvalidOperationException(NON_INTERACTIVE_MESSAGE)
        ErrorRecord(exc, "InvalidOperation", "InvalidOperation")
        raise exc

    def read_line(self, prompt=""):
        if not self.interactive:
            self._refuse()
        if self.line_reader is not None and self.stdin_is_terminal():
            return self.line_reader(prompt, False)
        self.write(prompt)
        self.flush()
        line = self.stdin.readline()
        if line and not self.stdin_is_terminal():
            for t in self.transcripts:
                t.write(line if line.endswith("\n") else line + "\n")
        return line.rstrip("\r\n")

    def read_line_secure(self, prompt=""):
        """Read without echo (masked with * on a terminal); never logged or transcribed."""
        if not self.interactive:
            self._refuse()
        if self.secure_reader is not None and self.stdin_is_terminal():
            return self.secure_reader(prompt)
        if self.stdin_is_terminal():
            return self._read_masked(prompt)
        self.write(prompt)
        self.flush()
        line = self.stdin.readline().rstrip("\r\n")
        self.write("\n")
        return line

    def _read_masked(self, prompt):
        import termios
        import tty
        self.write(prompt)
        self.flush()
        fd = self.stdin.fileno()
        old = termios.tcgetattr(fd)
        chars = []
        try:
            tty.setraw(fd)
            while True:
                ch = os.read(fd, 1).decode("utf-8", "replace")
                if ch in ("\r", "\n"):
                    break
                if ch == "\x03":
                    raise KeyboardInterrupt
                if ch == "\x04" and not chars:
                    break
                if ch in ("\x7f", "\b"):
                    if chars:
                        chars.pop()
                        self.stdout.write("\b \b")
                        self.stdout.flush()
                    continue
                chars.append(ch)
                self.stdout.write("*")
                self.stdout.flush()
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)
        self.stdout.write("\n")
        self.stdout.flush()
        return "".join(chars)

    def prompt_for_choice(self, caption, message, choices, default=0):
        """choices: list of (label_with_ampersand, help). Returns the chosen index."""
        if not self.interactive:
            self._refuse()
        if caption:
            self.write_line(caption)
        if message:
            self.write_line(message)
        hotkeys = []
        parts = []
        for label, _help in choices:
            i = label.find("&")
            key = label[i + 1].upper() if i >= 0 and i + 1 < len(label) else label[:1].upper()
            hotkeys.append(key)
            parts.append(f"[{key}] {label.replace('&', '')}")
        line = "  ".join(parts) + f"  [?] Help (default is \"{hotkeys[default]}\"): " \
            if default is not None else "  ".join(parts) + "  [?] Help: "
        while True:
            answer = self.read_line(line).strip()
            if answer == "" and default is not None:
                return default
            if answer == "?":
                for key, (label, help_text) in zip(hotkeys, choices):
                    self.write_line(f"{key} - {help_text}")
                continue
            for idx, key in enumerate(hotkeys):
                if answer.upper() == key or answer.lower() == choices[idx][0].replace("&", "").lower():
                    return idx
            if not self.stdin_is_terminal() and answer == "" and default is None:
                return len(choices) - 1
