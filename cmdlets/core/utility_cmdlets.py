"""Get-Date, Start-Sleep, Get-Random, New-Guid, Get-Culture, Set-StrictMode, Measure-Command,
Invoke-Expression, Invoke-Command, Select-String."""
from __future__ import annotations

import datetime as _dt
import os
import random
import re
import socket
import time
import uuid

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (ArgumentException, PSArgumentException,
                                    PSArgumentOutOfRangeException, PSRemotingTransportException,
                                    ps_error)
from spshell.runtime.objects import AutomationNull, SwitchParameter

from ._dates import format_datetime, format_uformat
from ._util import as_list, enumerate_value, to_str

INT32_MAX = 2147483647


# ================================================================= Get-Date
class GetDate(Cmdlet):
    name = "Get-Date"
    implementing_type = "Microsoft.PowerShell.Commands.GetDateCommand"
    default_parameter_set = "net"
    help = Help(
        synopsis="Gets the current date and time, or a date you describe.",
        description="Returns a DateTime: now, or -Date, with -Year/-Month/-Day/-Hour/-Minute/"
                    "-Second/-Millisecond replaced. -Format returns a string in a .NET format "
                    "('yyyy-MM-dd', 'o', 'D' ...), -UFormat one in Unix strftime style "
                    "('%Y%m%d'). -AsUTC converts to UTC.",
        examples=[Example("Get-Date", "The current date and time."),
                  Example("Get-Date -Format 'yyyy-MM-dd HH:mm'", "A formatted timestamp."),
                  Example("(Get-Date).AddDays(-7)", "A week ago."),
                  Example("Get-Date -UFormat %s", "Seconds since 1970 (Unix time).")])
    Date = Parameter("datetime", position=0, pipeline=True, by_property=True,
                     aliases=("LastWriteTime",), help="The date to use instead of now.")
    UnixTimeSeconds = Parameter("long", aliases=("UnixTime",),
                                help="A Unix time (seconds since 1970-01-01 UTC).")
    Year = Parameter(int, validate_range=(1, 9999), help="Replaces the year.")
    Month = Parameter(int, validate_range=(1, 12), help="Replaces the month.")
    Day = Parameter(int, validate_range=(1, 31), help="Replaces the day.")
    Hour = Parameter(int, validate_range=(0, 23), help="Replaces the hour.")
    Minute = Parameter(int, validate_range=(0, 59), help="Replaces the minute.")
    Second = Parameter(int, validate_range=(0, 59), help="Replaces the second.")
    Millisecond = Parameter(int, validate_range=(0, 999), help="Replaces the millisecond.")
    DisplayHint = Parameter(str, default="DateTime", validate_set=("Date", "Time", "DateTime"),
                            help="Which parts the default display shows.")
    Format = Parameter(str, sets={"net": {}}, help="A .NET format string.")
    UFormat = Parameter(str, sets={"UFormat": {"mandatory": True}},
                        help="A Unix-style format string.")
    AsUTC = Parameter(SwitchParameter, help="Converts to UTC.")

    def process(self):
        b = self.bound
        if self.Date is not None:
            d = self.Date
            if not isinstance(d, _dt.datetime):
                d = _dt.datetime.combine(d, _dt.time()) if isinstance(d, _dt.date) else d
        elif self.UnixTimeSeconds is not None:
            d = _dt.datetime.fromtimestamp(int(self.UnixTimeSeconds))
        else:
            d = _dt.datetime.now()
        if "Year" in b or "Month" in b or "Day" in b:
            year = self.Year if "Year" in b else d.year
            month = self.Month if "Month" in b else d.month
            day = self.Day if "Day" in b else d.day
            # PowerShell adds the day offset rather than failing on e.g. Feb 31
            base = d.replace(year=year, month=month, day=1)
            d = base + _dt.timedelta(days=day - 1)
        if "Hour" in b:
            d = d.replace(hour=self.Hour)
        if "Minute" in b:
            d = d.replace(minute=self.Minute)
        if "Second" in b:
            d = d.replace(second=self.Second)
        if "Millisecond" in b:
            d = d.replace(microsecond=self.Millisecond * 1000 + d.microsecond % 1000)
        if self.AsUTC:
            d = (d.astimezone(_dt.timezone.utc) if d.tzinfo is not None else
                 d.astimezone().astimezone(_dt.timezone.utc)).replace(tzinfo=None)
        if self.UFormat is not None:
            self.write_object(format_uformat(d, self.UFormat))
            return
        if self.Format is not None:
            if self.AsUTC:
                # formats that show the kind (o, K) mark a UTC value with 'Z'
                d = d.replace(tzinfo=_dt.timezone.utc)
            if self.Format.lower() == "filedate":
                self.write_object(format_datetime(d, "yyyyMMdd"))
            elif self.Format.lower() == "filedateuniversal":
                self.write_object(format_datetime(_utc(d), "yyyyMMdd") + "Z")
            elif self.Format.lower() == "filedatetime":
                self.write_object(format_datetime(d, "yyyyMMddTHHmmssffff"))
            elif self.Format.lower() == "filedatetimeuniversal":
                self.write_object(format_datetime(_utc(d), "yyyyMMddTHHmmssffff") + "Z")
            else:
                self.write_object(format_datetime(d, self.Format))
            return
        if self.DisplayHint and self.DisplayHint != "DateTime":
            from spshell.runtime import types
            types.add_member(d, "NoteProperty", "DisplayHint", self.DisplayHint, force=True)
        self.write_object(d)


def _utc(d):
    return (d.astimezone(_dt.timezone.utc) if d.tzinfo is not None else
            d.astimezone().astimezone(_dt.timezone.utc)).replace(tzinfo=None)


# ================================================================= Start-Sleep
class StartSleep(Cmdlet):
    name = "Start-Sleep"
    implementing_type = "Microsoft.PowerShell.Commands.StartSleepCommand"
    default_parameter_set = "Seconds"
    help = Help(
        synopsis="Waits for the given time.",
        description="Suspends the script for -Seconds (fractions allowed), -Milliseconds or "
                    "-Duration. Ctrl+C interrupts the wait.",
        examples=[Example("Start-Sleep -Seconds 2", "Waits two seconds."),
                  Example("Start-Sleep -Milliseconds 250", "Waits a quarter second.")])
    Seconds = Parameter("double", sets={"Seconds": {"mandatory": True, "position": 0}},
                        pipeline=True, by_property=True,
                        validate_range=(0.0, 2147483.0), help="Seconds to wait.")
    Milliseconds = Parameter(int, sets={"Milliseconds": {"mandatory": True}}, pipeline=True,
                             by_property=True, aliases=("ms",),
                             validate_range=(0, INT32_MAX), help="Milliseconds to wait.")
    Duration = Parameter("timespan", sets={"FromTimeSpan": {"mandatory": True}},
                         pipeline=True, by_property=True, aliases=("ts",),
                         help="A TimeSpan to wait.")

    def process(self):
        if self.parameter_set_name == "Milliseconds" or ("Milliseconds" in self.bound):
            total = self.Milliseconds / 1000.0
        elif self.parameter_set_name == "FromTimeSpan" or "Duration" in self.bound:
            total = self.Duration.total_seconds()
        else:
            total = float(self.Seconds)
        deadline = time.monotonic() + total
        # sleep in slices so that Ctrl+C (pipeline stop) ends the wait promptly
        while True:
            if self.stopping:
                return
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(0.05, left))


# ================================================================= Get-Random
_RNG = random.Random()


class GetRandom(Cmdlet):
    name = "Get-Random"
    implementing_type = "Microsoft.PowerShell.Commands.GetRandomCommand"
    default_parameter_set = "RandomNumberParameterSet"
    help = Help(
        synopsis="Gets a random number, or random items of a collection.",
        description="Without input returns a random integer from -Minimum (default 0) up to but "
                    "not including -Maximum (default Int32.MaxValue); when either bound is a "
                    "floating-point number the result is a Double. With -InputObject (or "
                    "pipeline input) returns -Count distinct items picked at random; -Shuffle "
                    "returns all of them in random order. -SetSeed makes the sequence "
                    "repeatable.",
        examples=[Example("Get-Random -Maximum 100", "An integer from 0 to 99."),
                  Example("1..10 | Get-Random -Count 3", "Three distinct numbers."),
                  Example("'a','b','c' | Get-Random -Shuffle", "The items in random order.")])
    SetSeed = Parameter(int, help="Seeds the random number generator.")
    Maximum = Parameter(object, sets={"RandomNumberParameterSet": {"position": 0}},
                        help="The exclusive upper bound.")
    Minimum = Parameter(object, sets={"RandomNumberParameterSet": {}},
                        help="The inclusive lower bound.")
    InputObject = Parameter("object[]", sets={"RandomListItemParameterSet":
                                              {"mandatory": True, "position": 0},
                                              "ShuffleParameterSet": {"mandatory": True}},
                            pipeline=True, allow_null=True, help="Items to choose from.")
    Count = Parameter(int, sets={"RandomNumberParameterSet": {},
                                 "RandomListItemParameterSet": {}},
                      validate_range=(1, INT32_MAX), help="How many to return.")
    Shuffle = Parameter(SwitchParameter, sets={"ShuffleParameterSet": {"mandatory": True}},
                        help="Returns all items in random order.")

    def begin(self):
        if self.SetSeed is not None:
            _RNG.seed(self.SetSeed)
        self._items = []

    def process(self):
        if self.parameter_set_name in ("RandomListItemParameterSet", "ShuffleParameterSet"):
            v = self.InputObject
            self._items.extend(v if isinstance(v, list) else as_list(v) or [None])

    def end(self):
        if self.parameter_set_name in ("RandomListItemParameterSet", "ShuffleParameterSet"):
            items = list(self._items)
            if self.Shuffle:
                _RNG.shuffle(items)
                for i in items:
                    self.write_object(i)
                return
            count = self.Count or 1
            for i in _RNG.sample(items, min(count, len(items))):
                self.write_object(i)
            return
        lo, hi = self.Minimum, self.Maximum
        is_float = any(isinstance(v, float) or (isinstance(v, str) and _looks_float(v))
                       for v in (lo, hi) if v is not None)
        is_long = any(_as_number(v) is not None and abs(_as_number(v)) > INT32_MAX
                      for v in (lo, hi) if v is not None)
        lo_n = _as_number(lo) if lo is not None else 0
        hi_n = _as_number(hi) if hi is not None else (float("inf") if is_float else
                                                      (2**63 - 1 if is_long else INT32_MAX))
        if lo is not None and _as_number(lo) is None or hi is not None and _as_number(hi) is None:
            bad = lo if lo is not None and _as_number(lo) is None else hi
            self.throw_terminating_error(ps_error(
                PSArgumentException, f'Cannot convert value "{to_str(bad)}" to type '
                '"System.Int32". Error: "Input string was not in a correct format."',
                "InvalidArgument", "InvalidArgument", bad))
            return
        if is_float and hi is None:
            hi_n = 1.7976931348623157e308
        if lo_n >= hi_n:
            self.throw_terminating_error(ps_error(
                PSArgumentOutOfRangeException,
                f"The Minimum value ({_num_text(lo_n)}) cannot be greater than or equal to "
                f"the Maximum value ({_num_text(hi_n)}).", "MinGreaterThanOrEqualMax",
                "InvalidArgument", None))
            return
        for _ in range(self.Count or 1):
            if is_float:
                self.write_object(float(lo_n) + _RNG.random() * (float(hi_n) - float(lo_n)))
            else:
                v = _RNG.randrange(int(lo_n), int(hi_n))
                if is_long:
                    from spshell.runtime.numbers import Int64
                    v = Int64(v)
                self.write_object(v)


def _looks_float(s):
    return bool(re.match(r"^\s*[-+]?\d*\.\d+([eE][-+]?\d+)?\s*$", s))


def _as_number(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return v
    try:
        s = to_str(v).strip()
        return float(s) if _looks_float(s) else int(s, 0) if s.lower().startswith("0x") \
            else int(s)
    except (ValueError, TypeError):
        return None


def _num_text(v):
    if isinstance(v, float) and v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return str(v)


# ================================================================= New-Guid / Get-Culture
class NewGuid(Cmdlet):
    name = "New-Guid"
    implementing_type = "Microsoft.PowerShell.Commands.NewGuidCommand"
    help = Help(synopsis="Creates a new GUID.",
                description="Returns a random (version 4) System.Guid; -Empty returns the "
                            "all-zero GUID.",
                examples=[Example("New-Guid", "A new GUID."),
                          Example("(New-Guid).Guid", "Its string form.")])
    Empty = Parameter(SwitchParameter, help="Returns the empty GUID.")
    InputObject = Parameter(str, pipeline=True, help="A string to parse as a GUID.")

    def process(self):
        if self.Empty:
            self.write_object(uuid.UUID(int=0))
        elif self.InputObject is not None:
            self.write_object(uuid.UUID(self.InputObject))
        else:
            self.write_object(uuid.uuid4())


class CultureInfo:
    __ps_type__ = "System.Globalization.CultureInfo"
    __ps_default_display__ = ("LCID", "Name", "DisplayName")

    def __init__(self):
        self.LCID = 1033
        self.Name = "en-US"
        self.DisplayName = "English (United States)"
        self.EnglishName = "English (United States)"
        self.NativeName = "English (United States)"
        self.TwoLetterISOLanguageName = "en"
        self.ThreeLetterISOLanguageName = "eng"
        self.IetfLanguageTag = "en-US"
        self.IsNeutralCulture = False

    def ToString(self):
        return self.Name

    def __str__(self):
        return self.Name


class GetCulture(Cmdlet):
    name = "Get-Culture"
    implementing_type = "Microsoft.PowerShell.Commands.GetCultureCommand"
    help = Help(synopsis="Gets the current culture (en-US).",
                description="Returns the culture used for formatting; spshell always formats "
                            "as en-US.",
                examples=[Example("Get-Culture", "LCID 1033, en-US.")])
    Name = Parameter("string[]", position=0, help="Culture names.")
    ListAvailable = Parameter(SwitchParameter, help="Lists the available cultures.")
    NoUserOverrides = Parameter(SwitchParameter, help="Ignores user settings.")

    def end(self):
        for n in as_list(self.Name) or [None]:
            if n is not None and to_str(n).lower() not in ("en-us", ""):
                self.write_error(ps_error(
                    PSArgumentException, f"Culture is not supported. (Parameter 'name')\n{n} is "
                    "an invalid culture identifier.", "ItemNotFoundException",
                    "ObjectNotFound", n))
                continue
            self.write_object(CultureInfo())


# ================================================================= Set-StrictMode
class SetStrictMode(Cmdlet):
    name = "Set-StrictMode"
    implementing_type = "Microsoft.PowerShell.Commands.SetStrictModeCommand"
    help = Help(
        synopsis="Turns strict coding rules on or off for the current scope.",
        description="-Version 1.0 makes reading an uninitialised variable an error; 2.0 also "
                    "rejects missing properties and function-call syntax; 3.0/Latest also "
                    "out-of-range array indexes. -Off turns the checks off.",
        examples=[Example("Set-StrictMode -Version Latest", "The strictest rules."),
                  Example("Set-StrictMode -Off", "No strict rules.")])
    Off = Parameter(SwitchParameter, sets={"Off": {"mandatory": True}},
                    help="Turns strict mode off.")
    Version = Parameter(str, sets={"Version": {"mandatory": True}}, aliases=("v",),
                        help="1.0, 2.0, 3.0 or Latest.")

    def end(self):
        if self.parameter_set_name == "Off" or self.Off:
            version = None
        else:
            v = str(self.Version).strip()
            if v.lower() == "latest":
                version = 3.0
            else:
                try:
                    version = float(v)
                except ValueError:
                    version = -1
                if version not in (1.0, 2.0, 3.0):
                    self.throw_terminating_error(ps_error(
                        PSArgumentException,
                        f"Cannot validate argument on parameter 'Version'. The {v} version is "
                        "not valid. Specify a valid version of PowerShell: 1.0, 2.0, 3.0, or "
                        "Latest.", "ParameterArgumentValidationError", "InvalidData", v))
                    return
        setter = getattr(self.context, "set_strict_mode", None)
        if setter is not None:
            setter(version)
        else:
            from ._util import session
            session(self.context).strict_mode = version


# ================================================================= Measure-Command
class MeasureCommand(Cmdlet):
    name = "Measure-Command"
    implementing_type = "Microsoft.PowerShell.Commands.MeasureCommandCommand"
    help = Help(
        synopsis="Measures how long a script block takes to run.",
        description="Runs the script block (for each pipeline object, as $_) discarding its "
                    "output, and returns the total elapsed time as a TimeSpan.",
        examples=[Example("Measure-Command { Get-ChildItem -Recurse }",
                          "How long the listing takes."),
                  Example("(Measure-Command { Start-Sleep 1 }).TotalMilliseconds",
                          "About 1000.")])
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="Objects passed to the script block as $_.")
    Expression = Parameter("scriptblock", mandatory=True, position=0,
                           help="The script block to time.")

    def begin(self):
        self._elapsed = 0.0
        self._ran = False

    def process(self):
        self._ran = True
        start = time.perf_counter()
        self.context.invoke(self.Expression, dollar_under=self.InputObject,
                            input=(self.InputObject,), dot_source=True)
        self._elapsed += time.perf_counter() - start

    def end(self):
        if not self._ran:
            self.process()
        self.write_object(_dt.timedelta(seconds=self._elapsed))


# ================================================================= Invoke-Expression / Command
class InvokeExpression(Cmdlet):
    name = "Invoke-Expression"
    implementing_type = "Microsoft.PowerShell.Commands.InvokeExpressionCommand"
    help = Help(
        synopsis="Runs a string as PowerShell code.",
        description="Parses the text and runs it in the current scope, as if it had been typed "
                    "there; its output is returned. Never pass it text from an untrusted "
                    "source.",
        examples=[Example("Invoke-Expression 'Get-Date'", "Runs Get-Date."),
                  Example("$cmd = '$x = 5'; iex $cmd; $x", "Sets $x in the current scope.")])
    Command = Parameter(str, mandatory=True, position=0, pipeline=True,
                        help="The code to run.")

    def process(self):
        for r in self.context.invoke_text(self.Command or "", dot_source=True):
            if r is not AutomationNull:
                self.write_object(r)


_LOCAL_NAMES = {"localhost", ".", "127.0.0.1", "::1"}


def is_local_computer(ctx, name) -> bool:
    n = to_str(name).strip().lower()
    if n in _LOCAL_NAMES:
        return True
    own = to_str(getattr(ctx, "computer_name", "") or "").lower()
    hosts = {own, socket.gethostname().lower(), socket.gethostname().split(".")[0].lower()}
    return n in hosts or n.split(".")[0] in hosts


def remoting_error(computer):
    return ps_error(
        PSRemotingTransportException,
        f"Connecting to remote server {computer} failed with the following error message : "
        "WinRM cannot complete the operation. Verify that the specified computer name is "
        "valid, that the computer is accessible over the network, and that a firewall "
        "exception for the WinRM service is enabled and allows access from this computer. By "
        "default, the WinRM firewall exception for public profiles limits access to remote "
        "computers within the same local subnet. For more information, see the "
        "about_Remote_Troubleshooting Help topic.", "WinRMOperationTimeout,PSSessionStateBroken",
        "OpenError", computer)


class InvokeCommand(Cmdlet):
    name = "Invoke-Command"
    implementing_type = "Microsoft.PowerShell.Commands.InvokeCommandCommand"
    default_parameter_set = "InProcess"
    help = Help(
        synopsis="Runs a script block, locally or on the named computer.",
        description="Runs the script block with -ArgumentList as its arguments and the "
                    "pipeline input as $input, in a new scope (or the current one with "
                    "-NoNewScope). -ComputerName is accepted for this computer only: "
                    "spshell has no PowerShell remoting, so other names fail with the "
                    "connection error Windows PowerShell shows.",
        examples=[Example("Invoke-Command -ScriptBlock { param($a) $a * 2 } -ArgumentList 21",
                          "Returns 42."),
                  Example("1..3 | Invoke-Command { $input | Measure-Object }",
                          "Pipeline input arrives as $input.")])
    ScriptBlock = Parameter("scriptblock", sets={"InProcess": {"mandatory": True,
                                                               "position": 0},
                                                 "ComputerName": {"mandatory": True,
                                                                  "position": 1}},
                            aliases=("Command",), help="The commands to run.")
    NoNewScope = Parameter(SwitchParameter, sets={"InProcess": {}},
                           help="Runs in the current scope.")
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="Input for the script block ($input).")
    ArgumentList = Parameter("object[]", aliases=("Args",),
                             help="Arguments for the script block.")
    ComputerName = Parameter("string[]", sets={"ComputerName": {"position": 0}},
                             aliases=("Cn",), help="The computers to run on.")
    Credential = Parameter(object, sets={"ComputerName": {}}, help="The account to use.")
    Port = Parameter(int, sets={"ComputerName": {}}, help="The remoting port.")
    UseSSL = Parameter(SwitchParameter, sets={"ComputerName": {}}, help="Uses HTTPS.")
    Authentication = Parameter(str, sets={"ComputerName": {}}, help="Authentication method.")
    HideComputerName = Parameter(SwitchParameter, sets={"ComputerName": {}},
                                 help="Omits PSComputerName.")

    def begin(self):
        self._input = []
        self._has_input = False

    def process(self):
        if "InputObject" in self.bound:
            self._has_input = True
            self._input.append(self.InputObject)

    def end(self):
        computers = as_list(self.ComputerName) if self.parameter_set_name == "ComputerName" \
            else [None]
        args = as_list(self.ArgumentList) if self.ArgumentList is not None else []
        for computer in computers:
            if computer is not None and not is_local_computer(self.context, computer):
                self.write_error(remoting_error(to_str(computer)))
                continue
            res = self.context.invoke(self.ScriptBlock, args=tuple(args),
                                      input=tuple(self._input),
                                      dot_source=bool(self.NoNewScope))
            for r in res:
                if r is not AutomationNull:
                    self.write_object(r)


# ================================================================= Select-String
class MatchContext:
    __ps_type__ = "Microsoft.PowerShell.Commands.MatchInfoContext"

    def __init__(self, pre=(), post=()):
        self.PreContext = list(pre)
        self.PostContext = list(post)
        self.DisplayPreContext = list(pre)
        self.DisplayPostContext = list(post)


def _match_display(m):
    return m.ToString(os.getcwd())


class MatchInfo:
    __ps_type__ = "Microsoft.PowerShell.Commands.MatchInfo"
    # MatchInfo's view shows the ToString form (relative path:line:text, context marked)
    __ps_view__ = "custom"
    __ps_custom_format__ = staticmethod(_match_display)

    def __init__(self, line, line_number, path, pattern, matches, filename=None,
                 ignore_case=True, context=None):
        self.Line = line
        self.LineNumber = line_number
        self.Path = path
        self.Filename = filename if filename is not None else (
            path.rsplit("/", 1)[-1] if path != "InputStream" else "InputStream")
        self.Pattern = pattern
        self.Matches = matches
        self.IgnoreCase = ignore_case
        self.Context = context

    def _prefix(self, directory, number):
        if self.Path == "InputStream":
            return ""
        path = self.Path
        if directory:
            rel = os.path.relpath(self.Path, str(directory))
            if not rel.startswith(".."):
                path = rel
        return f"{path}:{number}:"

    def ToString(self, directory=None):
        if self.Context is None:
            return self._prefix(directory, self.LineNumber) + self.Line
        out = []
        n = self.LineNumber - len(self.Context.DisplayPreContext)
        for pre in self.Context.DisplayPreContext:
            out.append("  " + self._prefix(directory, n) + pre)
            n += 1
        out.append("> " + self._prefix(directory, self.LineNumber) + self.Line)
        n = self.LineNumber + 1
        for post in self.Context.DisplayPostContext:
            out.append("  " + self._prefix(directory, n) + post)
            n += 1
        return "\n".join(out)

    def __str__(self):
        return self.ToString()

    def RelativePath(self, directory):
        return os.path.relpath(self.Path, str(directory))


class SelectString(Cmdlet):
    name = "Select-String"
    implementing_type = "Microsoft.PowerShell.Commands.SelectStringCommand"
    default_parameter_set = "File"
    help = Help(
        synopsis="Finds text in strings and files.",
        description="Searches each input string (or each line of the files in -Path) for the "
                    "regular expression -Pattern (or plain text with -SimpleMatch) and returns "
                    "MatchInfo objects: Path, LineNumber, Line, Matches. Matching is "
                    "case-insensitive unless -CaseSensitive. -NotMatch returns the lines that "
                    "do not match; -Quiet returns only $true/$false; -AllMatches finds every "
                    "match in a line.",
        examples=[Example("Select-String -Path *.log -Pattern 'error'", "Lines with 'error'."),
                  Example("Get-Content a.txt | Select-String 'x\\d+' -AllMatches",
                          "All matches of the pattern.")])
    InputObject = Parameter(object, sets={"Object": {"mandatory": True},
                                          "ObjectRaw": {"mandatory": True}},
                            pipeline=True, allow_null=True, allow_empty=True,
                            help="The text to search.")
    Pattern = Parameter("string[]", mandatory=True, position=0, help="What to look for.")
    Path = Parameter("string[]", sets={"File": {"mandatory": True, "position": 1},
                                       "FileRaw": {"mandatory": True, "position": 1}},
                     by_property=True, help="The files to search.")
    LiteralPath = Parameter("string[]", sets={"LiteralFile": {"mandatory": True},
                                              "LiteralFileRaw": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"),
                            help="The files, taken literally.")
    Raw = Parameter(SwitchParameter, sets={"ObjectRaw": {"mandatory": True},
                                           "FileRaw": {"mandatory": True},
                                           "LiteralFileRaw": {"mandatory": True}},
                    help="Returns the matching strings, not MatchInfo objects.")
    SimpleMatch = Parameter(SwitchParameter, help="Treats the pattern as plain text.")
    CaseSensitive = Parameter(SwitchParameter, help="Matches case-sensitively.")
    Quiet = Parameter(SwitchParameter, help="Returns only whether there was a match.")
    List = Parameter(SwitchParameter, help="Only the first match in each file.")
    NoEmphasis = Parameter(SwitchParameter, help="No highlighting.")
    Include = Parameter("string[]", help="Only files whose names match.")
    Exclude = Parameter("string[]", help="Leaves out files whose names match.")
    NotMatch = Parameter(SwitchParameter, help="Returns the lines that do not match.")
    AllMatches = Parameter(SwitchParameter, help="Finds every match in a line.")
    Encoding = Parameter(str, help="The file encoding.")
    Context = Parameter("int[]", help="Lines of context before and after.")

    def begin(self):
        from spshell.runtime.dotnet_regex import invalid_pattern_message, translate_regex
        flags = 0 if self.CaseSensitive else re.IGNORECASE
        self._regexes = []  # (pattern as given, compiled)
        for p in (to_str(p) for p in as_list(self.Pattern)):
            try:
                # -Pattern is a .NET regular expression, read by the runtime's one translator
                rx = re.compile(re.escape(p) if self.SimpleMatch else translate_regex(p), flags)
            except (re.error, ArgumentException) as e:
                self.throw_terminating_error(ps_error(
                    PSArgumentException, f"The string {p} is not a valid regular expression: "
                    f"{invalid_pattern_message(p, e)}", "InvalidRegex", "InvalidArgument", p))
                return
            self._regexes.append((p, rx))
        self._found_any = False
        self._done = False
        self._n = 0  # input objects are numbered as lines
        self._before = []  # (path, line): candidates for -Context pre-context
        self._pending = []  # matches waiting for their post-context

    def _match_line(self, line):
        for pattern, rx in self._regexes:
            if self.AllMatches:
                ms = list(rx.finditer(line))
                if ms:
                    return pattern, ms
            else:
                m = rx.search(line)
                if m:
                    return pattern, [m]
        return None, []

    def _context_sizes(self):
        ctx = [int(c) for c in as_list(self.Context)] if self.Context is not None else []
        if not ctx:
            return 0, 0
        return ctx[0], (ctx[1] if len(ctx) > 1 else ctx[0])

    def _emit(self, line, number, path):
        """Feed one line; returns True when it matched. With -Context the MatchInfo waits for
        its following lines before it is written."""
        pre_n, post_n = self._context_sizes()
        # lines after an earlier match complete its post-context first
        for pending in list(self._pending):
            if pending.path_key == path and len(pending.post) < post_n:
                pending.post.append(line)
        self._flush_pending(post_n, path)
        pattern, ms = self._match_line(line)
        hit = bool(ms)
        if self.NotMatch:
            hit = not hit
        if not hit:
            self._remember(line, pre_n, path)
            return False
        self._found_any = True
        if self.Quiet:
            return True
        if self.Raw:
            self.write_object(line)
            self._remember(line, pre_n, path)
            return True
        from spshell.runtime.dotnet.text import Match
        if pattern is None:  # -NotMatch: the line matched no pattern
            pattern = to_str(as_list(self.Pattern)[0])
        info = MatchInfo(line, number, path, pattern, [Match(m) for m in ms],
                         ignore_case=not self.CaseSensitive)
        if pre_n or post_n:
            before = [ln for p, ln in self._before if p == path][-pre_n:] if pre_n else []
            info.Context = MatchContext(before, [])
            entry = _Pending(info, path)
            self._pending.append(entry)
            self._flush_pending(post_n, path)
        else:
            self.write_object(info)
        self._remember(line, pre_n, path)
        return True

    def _remember(self, line, pre_n, path):
        if pre_n:
            self._before.append((path, line))
            if len(self._before) > pre_n:
                self._before.pop(0)

    def _flush_pending(self, post_n, path, force=False):
        while self._pending and (force or len(self._pending[0].post) >= post_n
                                 or self._pending[0].path_key != path):
            entry = self._pending.pop(0)
            entry.info.Context.PostContext = list(entry.post)
            entry.info.Context.DisplayPostContext = list(entry.post)
            self.write_object(entry.info)

    def process(self):
        if self._done:
            return
        if self.parameter_set_name in ("Object", "ObjectRaw"):
            obj = self.InputObject
            self._n += 1
            if obj is None:
                return
            if isinstance(obj, MatchInfo):
                line = obj.Line
            else:
                items = enumerate_value(obj)
                line = " ".join(to_str(i) for i in items) if items is not None else to_str(obj)
            self._emit(line, self._n, "InputStream")
            return
        from ._filesystem import expand, not_found, read_text
        from ._util import matches_any
        literal = self.LiteralPath is not None
        for text in as_list(self.LiteralPath if literal else self.Path):
            files = expand(self.context, to_str(text), literal=literal)
            if not files:
                self.write_error(not_found(to_str(text)))
                continue
            for f in files:
                if f.is_dir():
                    continue
                if self.Include and not matches_any(f.name, as_list(self.Include)):
                    continue
                if self.Exclude and matches_any(f.name, as_list(self.Exclude)):
                    continue
                for i, line in enumerate(read_text(f, self.Encoding).splitlines(), 1):
                    if self._emit(line, i, str(f)) and (self.List or self.Quiet):
                        break
                if self.Quiet and self._found_any:
                    self._done = True
                    return

    def end(self):
        self._flush_pending(0, None, force=True)
        if self.Quiet:
            self.write_object(bool(self._found_any))


class _Pending:
    __slots__ = ("info", "path_key", "post")

    def __init__(self, info, path_key):
        self.info = info
        self.path_key = path_key
        self.post = []

