"""Read-Host, Clear-Host, Get-Host, Start-Transcript, Stop-Transcript, and the history
cmdlets (Get-History, Add-History, Clear-History, Invoke-History)."""
from __future__ import annotations

import datetime as _dt
import getpass
import os
import platform
import random
import string
import sys

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (ArgumentException, DotNetException, IOException,
                                    PSArgumentException,
                                    PSInvalidOperationException, ps_error)
from spshell.runtime.objects import AutomationNull, SecureString, SwitchParameter

from ._util import as_list, like, session, to_str


# ================================================================= Read-Host
class ReadHost(Cmdlet):
    name = "Read-Host"
    implementing_type = "Microsoft.PowerShell.Commands.ReadHostCommand"
    default_parameter_set = "AsString"
    help = Help(
        synopsis="Reads a line of input from the console.",
        description="Shows the prompt followed by ': ' and returns what the user types. "
                    "-AsSecureString reads without echo and returns a SecureString; "
                    "-MaskInput reads without echo and returns a string. With piped "
                    "standard input the next line is read from it.",
        examples=[Example("$name = Read-Host 'Your name'", "Asks for a name."),
                  Example("$pw = Read-Host 'Password' -AsSecureString",
                          "Asks for a password without echo.")])
    Prompt = Parameter(object, position=0, pipeline=True, allow_null=True,
                       help="The text of the prompt.")
    AsSecureString = Parameter(SwitchParameter, sets={"AsSecureString": {}},
                               help="Returns a SecureString; input is not echoed.")
    MaskInput = Parameter(SwitchParameter, sets={"AsString": {}},
                          help="Input is not echoed; returns a string.")

    def process(self):
        prompt = ""
        if self.Prompt is not None:
            prompt = to_str(self.Prompt) + ": "
        host = self.context.host
        try:
            value = self._read(host, prompt)
        except DotNetException as e:
            # the host's refusal (-NonInteractive) is this command's error
            self.throw_terminating_error(e)
            return
        if value is not None:
            self.write_object(value)

    def _read(self, host, prompt):
        if self.AsSecureString:
            value = host.read_line_secure(prompt)
            if isinstance(value, str):
                value = SecureString(value)
            return value
        if self.MaskInput:
            value = host.read_line_secure(prompt)
            return value.reveal() if isinstance(value, SecureString) else value
        return host.read_line(prompt)


# ================================================================= Clear-Host / Get-Host
class ClearHost(Cmdlet):
    name = "Clear-Host"
    implementing_type = "Microsoft.PowerShell.Commands.ClearHostCommand"
    help = Help(synopsis="Clears the console screen.",
                description="Clears the terminal and moves the cursor to the top. When output "
                            "is not a terminal nothing is written.",
                examples=[Example("Clear-Host", "A clean screen."), Example("cls", "The same.")])

    def end(self):
        host = self.context.host
        clear = getattr(host, "clear_screen", None)
        if clear is not None:
            clear()
            return
        if getattr(host, "is_interactive", False) and sys.stdout.isatty():
            # erase screen and scroll-back, cursor home
            sys.stdout.write("\x1b[2J\x1b[3J\x1b[H")
            sys.stdout.flush()


class GetHost(Cmdlet):
    name = "Get-Host"
    implementing_type = "Microsoft.PowerShell.Commands.GetHostCommand"
    help = Help(synopsis="Gets the host object ($Host).",
                description="Returns the object that represents the console host: Name, "
                            "Version, InstanceId, UI, CurrentCulture.",
                examples=[Example("(Get-Host).Version", "The host version.")])

    def end(self):
        try:
            h = self.context.get_variable("Host")
        except Exception:
            h = None
        self.write_object(h if h is not None else self.context.host)


# ================================================================= transcripts
class Transcript:
    """A transcript file: the host writes every line of console output into it."""

    def __init__(self, path, append=False, include_invocation_header=False):
        self.path = path
        self.include_invocation_header = include_invocation_header
        self._fh = open(path, "a" if append else "w", encoding="utf-8", newline="\n")

    def write(self, text):
        if self._fh is not None:
            self._fh.write(text)
            self._fh.flush()

    def flush(self):
        if self._fh is not None:
            self._fh.flush()

    def command_started(self, command_text):
        """Called by the host before each command line when invocation headers are on."""
        if self.include_invocation_header:
            self.write("**********************\n"
                       f"Command start time: {_stamp()}\n"
                       "**********************\n"
                       f"PS>{command_text}\n")

    def close(self):
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _stamp(d=None):
    return (d or _dt.datetime.now()).strftime("%Y%m%d%H%M%S")


def _transcripts(ctx):
    s = session(ctx)
    t = getattr(s, "transcripts", None)
    if t is None:
        t = []
        s.transcripts = t
    return t


def _header(ctx, minimal=False):
    user = getpass.getuser()
    machine = getattr(ctx, "computer_name", None) or platform.node()
    lines = ["**********************", "PowerShell transcript start",
             f"Start time: {_stamp()}"]
    if not minimal:
        table = ctx.get_variable("PSVersionTable")
        version = to_str(table["PSVersion"]) if table is not None and "PSVersion" in table \
            else "7.4.0"
        commit = to_str(table["GitCommitId"]) if table is not None and "GitCommitId" in table \
            else version
        lines += [f"Username: {machine}\\{user}", f"RunAs User: {machine}\\{user}",
                  "Configuration Name: ",
                  f"Machine: {machine} ({platform.system()} {platform.release()})",
                  f"Host Application: {sys.executable} -m spshell",
                  f"Process ID: {os.getpid()}",
                  f"PSVersion: {version}", "PSEdition: Core", f"GitCommitId: {commit}",
                  f"OS: {platform.system()} {platform.release()}",
                  "Platform: Unix",
                  "PSCompatibleVersions: 1.0, 2.0, 3.0, 4.0, 5.0, 5.1, 6.0, 7.0",
                  "PSRemotingProtocolVersion: 2.3", "SerializationVersion: 1.1.0.1",
                  "WSManStackVersion: 3.0"]
    lines.append("**********************")
    return "\n".join(lines) + "\n"


def _default_path(ctx):
    rnd = "".join(random.choice(string.ascii_letters + string.digits) for _ in range(8))
    machine = getattr(ctx, "computer_name", None) or platform.node()
    docs = os.path.expanduser("~/Documents")
    base = docs if os.path.isdir(docs) else os.path.expanduser("~")
    return os.path.join(base, f"PowerShell_transcript.{machine}.{rnd}.{_stamp()}.txt")


class StartTranscript(Cmdlet):
    name = "Start-Transcript"
    implementing_type = "Microsoft.PowerShell.Commands.StartTranscriptCommand"
    default_parameter_set = "ByPath"
    supports_should_process = True
    help = Help(
        synopsis="Records the session's console output in a text file.",
        description="Starts writing everything shown in the console (commands' output, "
                    "warnings, errors, Write-Host text) to a file, until Stop-Transcript. "
                    "Without -Path the file is PowerShell_transcript.<computer>.<random>."
                    "<timestamp>.txt in your Documents folder (or home). -Append adds to an "
                    "existing file; -NoClobber refuses to replace one; -IncludeInvocationHeader "
                    "records the time of each command.",
        examples=[Example("Start-Transcript -Path ./session.log", "Starts recording."),
                  Example("Start-Transcript -OutputDirectory ./logs -IncludeInvocationHeader",
                          "A file in ./logs with per-command headers.")])
    Path = Parameter(str, sets={"ByPath": {"position": 0}}, help="The transcript file.")
    LiteralPath = Parameter(str, sets={"ByLiteralPath": {"mandatory": True}},
                            aliases=("PSPath", "LP"), help="The file, taken literally.")
    OutputDirectory = Parameter(str, sets={"ByOutputDirectory": {"mandatory": True}},
                                help="A directory for a generated file name.")
    Append = Parameter(SwitchParameter, help="Adds to the end of an existing file.")
    Force = Parameter(SwitchParameter, help="Replaces a read-only file.")
    NoClobber = Parameter(SwitchParameter, aliases=("NoOverwrite",),
                          help="Does not replace an existing file.")
    IncludeInvocationHeader = Parameter(SwitchParameter,
                                        help="Records the start time of each command.")
    UseMinimalHeader = Parameter(SwitchParameter, help="A short header.")

    def end(self):
        from ._filesystem import resolve
        ctx = self.context
        if self.OutputDirectory:
            d = resolve(ctx, self.OutputDirectory)
            d.mkdir(parents=True, exist_ok=True)
            path = d / os.path.basename(_default_path(ctx))
        elif self.Path or self.LiteralPath:
            path = resolve(ctx, self.LiteralPath or self.Path)
        else:
            path = resolve(ctx, _default_path(ctx))
        if path.exists() and self.NoClobber and not self.Append:
            self.throw_terminating_error(ps_error(
                IOException, f"Transcription cannot be started due to the error: The file "
                f"'{path}' already exists.", "CannotStartTranscription", "InvalidOperation",
                str(path)))
            return
        if path.is_dir():
            self.throw_terminating_error(ps_error(
                ArgumentException, f"The transcript path '{path}' is a directory: specify a "
                "file.", "CannotStartTranscription", "InvalidOperation", str(path)))
            return
        if not self.should_process(str(path)):
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if self.Force and path.exists() and not os.access(path, os.W_OK):
                os.chmod(path, 0o644)
            t = Transcript(path, bool(self.Append), bool(self.IncludeInvocationHeader))
        except OSError as e:
            self.throw_terminating_error(ps_error(
                IOException, "Transcription cannot be started due to the error: "
                f"{e.strerror or e}", "CannotStartTranscription", "InvalidOperation",
                str(path)))
            return
        t.write(_header(ctx, bool(self.UseMinimalHeader)))
        ctx.host.add_transcript(t)
        _transcripts(ctx).append(t)
        self.write_object(f"Transcript started, output file is {path}")


class StopTranscript(Cmdlet):
    name = "Stop-Transcript"
    implementing_type = "Microsoft.PowerShell.Commands.StopTranscriptCommand"
    help = Help(synopsis="Stops the transcript started last.",
                description="Writes the end marker and closes the most recent transcript "
                            "file.",
                examples=[Example("Stop-Transcript", "Stops recording.")])

    def end(self):
        stack = _transcripts(self.context)
        if not stack:
            self.throw_terminating_error(ps_error(
                PSInvalidOperationException, "An error occurred stopping transcription: The "
                "host is not currently transcribing.", "InvalidOperation",
                "InvalidOperation"))
            return
        t = stack.pop()
        self.context.host.remove_transcript(t)
        t.write("**********************\nPowerShell transcript end\n"
                f"End time: {_stamp()}\n**********************\n")
        t.close()
        self.write_object(f"Transcript stopped, output file is {t.path}")


# ================================================================= history
class HistoryInfo:
    __ps_type__ = "Microsoft.PowerShell.Commands.HistoryInfo"
    __ps_default_display__ = ("Id", "Duration", "CommandLine")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Id", "Id", 4, "right"),
                            ("Duration", lambda h: f"{h.Duration.total_seconds():.3f}", 12,
                             "right"),
                            ("CommandLine", "CommandLine")]

    def __init__(self, id_, command_line, status="Completed", start=None, end=None):
        self.Id = id_
        self.CommandLine = command_line
        self.ExecutionStatus = status
        self.StartExecutionTime = start or _dt.datetime.now()
        self.EndExecutionTime = end or self.StartExecutionTime

    @property
    def Duration(self):
        return self.EndExecutionTime - self.StartExecutionTime

    def ToString(self):
        return self.CommandLine

    def __str__(self):
        return self.CommandLine


def _history(ctx):
    s = session(ctx)
    h = getattr(s, "history", None)
    if h is None:
        h = []
        s.history = h
    return h


def history_entries(ctx):
    out = []
    for i, e in enumerate(_history(ctx)):
        if isinstance(e, str):
            out.append(HistoryInfo(i + 1, e))
        else:
            out.append(e)
    return out


def _next_id(ctx):
    entries = history_entries(ctx)
    return (max(e.Id for e in entries) + 1) if entries else 1


class GetHistory(Cmdlet):
    name = "Get-History"
    implementing_type = "Microsoft.PowerShell.Commands.GetHistoryCommand"
    help = Help(synopsis="Gets the commands entered in this session.",
                description="Lists the session history (Id, Duration, CommandLine), all or the "
                            "given ids, or the last -Count entries.",
                examples=[Example("Get-History", "All entries."),
                          Example("Get-History -Count 5", "The last five.")])
    Id = Parameter("long[]", position=0, pipeline=True, validate_range=(1, 2**63 - 1),
                   help="Entry ids.")
    Count = Parameter(int, position=1, validate_range=(0, 32767),
                      help="How many of the latest entries.")

    def process(self):
        entries = history_entries(self.context)
        if self.Id is not None:
            for i in as_list(self.Id):
                found = [e for e in entries if e.Id == int(i)]
                if not found:
                    self.write_error(ps_error(
                        PSArgumentException, f"Cannot locate history for Id {i}.",
                        "GetHistoryNotFound", "ObjectNotFound", i))
                    continue
                self.write_object(found[0])
            return
        if self.Count is not None:
            entries = entries[len(entries) - self.Count:] if self.Count else []
        for e in entries:
            self.write_object(e)


class AddHistory(Cmdlet):
    name = "Add-History"
    implementing_type = "Microsoft.PowerShell.Commands.AddHistoryCommand"
    help = Help(synopsis="Adds entries to the session history.",
                description="Appends history entries (HistoryInfo objects, e.g. from "
                            "Import-Csv of exported history, or strings) to the history.",
                examples=[Example("Add-History -InputObject 'Get-Date'",
                                  "Adds a command line.")])
    InputObject = Parameter("psobject[]", position=0, pipeline=True, help="Entries to add.")
    Passthru = Parameter(SwitchParameter, help="Returns the added entries.")

    def process(self):
        from ._util import get_prop
        for item in as_list(self.InputObject):
            line = item if isinstance(item, str) else get_prop(item, "CommandLine")
            if line is None:
                self.write_error(ps_error(
                    PSArgumentException, "Cannot add history because the input object has a "
                    "format that is not valid.", "AddHistoryInvalidInput", "InvalidData", item))
                continue
            entry = HistoryInfo(_next_id(self.context), to_str(line))
            _history(self.context).append(entry)
            if self.Passthru:
                self.write_object(entry)


class ClearHistory(Cmdlet):
    name = "Clear-History"
    implementing_type = "Microsoft.PowerShell.Commands.ClearHistoryCommand"
    default_parameter_set = "IDParameter"
    supports_should_process = True
    help = Help(synopsis="Deletes entries from the session history.",
                description="Deletes all entries, the given ids, entries whose command line "
                            "matches -CommandLine, or -Count entries (the oldest, or the newest "
                            "with -Newest).",
                examples=[Example("Clear-History", "Empties the history."),
                          Example("Clear-History -Count 3 -Newest",
                                  "Deletes the last three.")])
    Id = Parameter("int[]", sets={"IDParameter": {"position": 0}},
                   help="Ids of entries to delete.")
    CommandLine = Parameter("string[]", sets={"CommandLineParameter": {}},
                            help="Command lines (wildcards) to delete.")
    Count = Parameter(int, sets={"IDParameter": {}, "CommandLineParameter": {}},
                      help="How many entries.")
    Newest = Parameter(SwitchParameter, help="Counts from the newest entry.")

    def end(self):
        hist = _history(self.context)
        entries = history_entries(self.context)
        if self.Id is not None:
            doomed = {int(i) for i in as_list(self.Id)}
        elif self.CommandLine is not None:
            pats = [to_str(c) for c in as_list(self.CommandLine)]
            doomed = {e.Id for e in entries if any(like(e.CommandLine, p) for p in pats)}
        else:
            doomed = {e.Id for e in entries}
        chosen = [e for e in entries if e.Id in doomed]
        if self.Count is not None:
            chosen = chosen[-self.Count:] if self.Newest else chosen[:self.Count]
        if not self.should_process("This command will clear the history.", "Clear-History"):
            return
        ids = {e.Id for e in chosen}
        keep = [h for h, e in zip(list(hist), entries) if e.Id not in ids]
        hist[:] = keep


class InvokeHistory(Cmdlet):
    name = "Invoke-History"
    implementing_type = "Microsoft.PowerShell.Commands.InvokeHistoryCommand"
    supports_should_process = True
    help = Help(synopsis="Runs a command from the session history again.",
                description="Runs the entry with the given id, or the latest entry whose "
                            "command line starts with the given text; without -Id the last "
                            "command. The command line is shown first.",
                examples=[Example("Invoke-History 3", "Runs entry 3 again."),
                          Example("r Get", "Runs the last command starting with 'Get'.")])
    Id = Parameter(str, position=0, pipeline=True, help="An entry id or command prefix.")

    def end(self):
        entries = history_entries(self.context)
        # the Invoke-History line itself is usually the newest entry: skip it
        entries = [e for e in entries if not _is_invoke_history(e.CommandLine)]
        if not entries:
            self.throw_terminating_error(ps_error(
                PSArgumentException, "Cannot locate the most recent history.",
                "InvokeHistoryNoLastHistoryEntryFound", "ObjectNotFound"))
            return
        target = None
        if self.Id is None or self.Id == "":
            target = entries[-1]
        else:
            try:
                n = int(self.Id)
                target = next((e for e in entries if e.Id == n), None)
                if target is None:
                    self.throw_terminating_error(ps_error(
                        PSArgumentException, f"Cannot locate history for Id {n}.",
                        "InvokeHistoryNoHistoryForId", "ObjectNotFound", n))
                    return
            except ValueError:
                target = next((e for e in reversed(entries)
                               if e.CommandLine.lower().startswith(self.Id.lower())), None)
                if target is None:
                    self.throw_terminating_error(ps_error(
                        PSArgumentException, "Cannot locate history for command line "
                        f"{self.Id}.", "InvokeHistoryNoHistoryForCommandline",
                        "ObjectNotFound", self.Id))
                    return
        if not self.should_process(target.CommandLine, "Invoke-History"):
            return
        self.context.host.write_line(target.CommandLine)
        for r in self.context.invoke_text(target.CommandLine, dot_source=True):
            if r is not AutomationNull:
                self.write_object(r)


def _is_invoke_history(line):
    first = line.strip().split(" ", 1)[0].lower()
    return first in ("invoke-history", "r", "ihy")

