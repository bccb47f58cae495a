"""Get-SPLogEvent: reads this host's ULS trace log (log.py)."""
from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path

from spshell.cmdlet import Example, Help, Parameter
from spshell.runtime.errors import ArgumentException, ErrorRecord, ItemNotFoundException
from spshell.runtime.objects import Hashtable, SwitchParameter

from ..base import SPCmdlet
from . import log as L


def _naive_local(value):
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)
    return value


class GetSPLogEvent(SPCmdlet):
    name = "Get-SPLogEvent"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletGetLogEvent"
    default_parameter_set = "Directory"
    help = Help(
        synopsis="Returns results from a Unified Logging Service (ULS) trace log.",
        description=(
            "The Get-SPLogEvent cmdlet returns records from a ULS trace log file that match the "
            "criteria. If no parameters are specified, all records from all log files are "
            "returned. Use the StartTime and EndTime parameters to filter on a time range. "
            "The use of these parameters is recommended to optimize performance of this "
            "cmdlet.\n\n"
            "In spshell each host (-ComputerName) has its own trace log under "
            "<SPSHELL_HOME>/hosts/<host>/logs; SPUtility.SendEmail writes its attempts and "
            "failures there under Area \"SharePoint Foundation\", Category \"E-Mail\". "
            "-Correlation is an spshell extension: it keeps the entries of one operation."),
        examples=[
            Example('Get-SPLogEvent -MinimumLevel "Warning"',
                    "This example returns all log entries equal to or more severe than Warning "
                    "from the default log directory."),
            Example('Get-SPLogEvent -StartTime (Get-Date).AddMinutes(-10) | Where-Object '
                    '{$_.Category -eq "E-Mail"} | Select-Object Timestamp, Level, Message',
                    "The e-mail entries of the last ten minutes."),
            Example("$e = Get-SPLogEvent | Select-Object -Last 1; Get-SPLogEvent -Correlation "
                    "$e.Correlation", "Every entry of the operation that wrote the newest "
                                      "entry."),
        ])

    AsString = Parameter(SwitchParameter, help="Returns each record as a separate string.")
    ContextKey = Parameter("string[]", help="Specifies that the context data should be added to "
                                            "the results for the specified Context Keys, for "
                                            "example: -ContextKey @(\"UserName\", \"SiteName\").")
    Directory = Parameter(str, sets={"Directory": {}},
                          help="Lists log files from an alternate directory (any directory "
                               "other than this host's log directory).")
    File = Parameter(str, sets={"File": {}}, help="Specifies a file from which to query records.")
    MinimumLevel = Parameter(str, help="Returns records at or above the specified level. The "
                                       "valid values are Error or Warning (and the ULS levels "
                                       "Critical, Unexpected, Monitorable, High, Medium, Verbose, "
                                       "VerboseEx).")
    StartTime = Parameter(datetime, help="Specifies the start time of the log entries returned.")
    EndTime = Parameter(datetime, help="Specifies the end time of the log entries returned.")
    Correlation = Parameter(uuid.UUID, help="spshell extension: only the entries with this "
                                            "correlation ID.")

    def _files(self):
        if self.parameter_set_name == "File" or self.File:
            path = Path(self.context.resolve_path(self.File)) if self.context is not None and \
                hasattr(self.context, "resolve_path") else Path(self.File)
            if not path.is_file():
                exc = ItemNotFoundException(f"Cannot find path '{path}' because it does not "
                                            "exist.")
                ErrorRecord(exc, "PathNotFound", "ObjectNotFound", str(path))
                self.throw_terminating_error(exc)
            return [path]
        if self.Directory:
            folder = Path(self.context.resolve_path(self.Directory)) if self.context is not None \
                and hasattr(self.context, "resolve_path") else Path(self.Directory)
            if not folder.is_dir():
                exc = ItemNotFoundException(f"Cannot find path '{folder}' because it does not "
                                            "exist.")
                ErrorRecord(exc, "PathNotFound", "ObjectNotFound", str(folder))
                self.throw_terminating_error(exc)
            return L.log_files(folder)
        return L.log_files(L.log_dir(self.home, self.host_name))

    def process(self):
        if self.MinimumLevel is not None:
            try:
                L.level_rank(self.MinimumLevel)
            except ValueError:
                exc = ArgumentException(
                    f"The level '{self.MinimumLevel}' is not valid. Valid values are: Error, "
                    f"Warning, {', '.join(reversed(L.LEVELS))}.")
                ErrorRecord(exc, "InvalidMinimumLevel", "InvalidArgument", self.MinimumLevel)
                self.throw_terminating_error(exc)
        keys = [str(k) for k in (self.ContextKey or [])]
        for ev in L.read(self._files(), _naive_local(self.StartTime),
                         _naive_local(self.EndTime), self.MinimumLevel, self.Correlation):
            if self.AsString:
                self.write_object(str(ev))
                continue
            if keys:
                lowered = {k.lower(): v for k, v in ev._context.items()}
                ev.Context = Hashtable({k: lowered.get(k.lower(), "") for k in keys})
            self.write_object(ev)
