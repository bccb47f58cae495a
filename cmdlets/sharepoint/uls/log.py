"""A ULS-style trace log per host: ``<home>/hosts/<host>/logs/<HOST>-yyyyMMdd-HHmm.log``.

SharePoint writes its trace log as tab-separated text files, one per 30-minute interval, with the
columns Timestamp, Process, TID, Area, Category, EventID, Level, Message, Correlation; so does
this module, so the files read like the real ones (and grep, ULS viewers and Get-SPLogEvent all
work on them). spshell adds one trailing column, a JSON object of context data (UserName,
SiteName, Url...), that Get-SPLogEvent -ContextKey reads; ULS viewers ignore extra columns.

Each line is written with one ``write`` on a file opened for appending, so lines from several
processes acting as the same host never interleave inside a line. Messages are kept on one line
(tabs and line breaks become spaces) because the format has no continuation support here.
"""
from __future__ import annotations

import json
import os
import threading
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from ..paths import host_dir

AREA = "SharePoint Foundation"
# ULS trace levels, least to most severe.
LEVELS = ("VerboseEx", "Verbose", "Medium", "High", "Monitorable", "Unexpected", "Critical")
# Event-log style names Get-SPLogEvent -MinimumLevel also takes ("Warning", "Error").
LEVEL_ALIASES = {"information": "High", "warning": "Monitorable", "error": "Unexpected"}
HEADER = ("Timestamp              \tProcess                                 \tTID   \t"
          "Area                          \tCategory                      \tEventID\t"
          "Level     \tMessage \tCorrelation\n")
_TS_FORMAT = "%m/%d/%Y %H:%M:%S"
_lock = threading.Lock()


def log_dir(home, host) -> Path:
    return host_dir(Path(home), host) / "logs"


def level_rank(name: str) -> int:
    """Index of a level name (ULS names or the aliases); ValueError for anything else."""
    low = (name or "").strip().lower()
    low = LEVEL_ALIASES.get(low, low).lower()
    for i, lv in enumerate(LEVELS):
        if lv.lower() == low:
            return i
    raise ValueError(name)


def _process_name() -> str:
    return f"spshell ({os.getpid():#06X})".replace("0X", "0x")


def _format_ts(ts: datetime) -> str:
    return ts.strftime(_TS_FORMAT) + f".{ts.microsecond // 10000:02d}"


def _file_for(folder: Path, host: str, ts: datetime) -> Path:
    start = ts.replace(minute=0 if ts.minute < 30 else 30, second=0, microsecond=0)
    return folder / f"{host.strip().upper()}-{start:%Y%m%d-%H%M}.log"


def _clean(text) -> str:
    return " ".join(str(text).replace("\t", " ").splitlines())


def write(home, host, category, event_id, level, message, correlation=None, *, area=AREA,
          context=None, timestamp=None):
    """Append one entry to ``host``'s trace log and return it as an SPLogEvent."""
    if level not in LEVELS:
        raise ValueError(f"unknown ULS level {level!r}")
    ts = timestamp or datetime.now()
    corr = correlation if isinstance(correlation, uuid.UUID) else (
        uuid.UUID(str(correlation)) if correlation else uuid.UUID(int=0))
    folder = log_dir(home, host)
    folder.mkdir(parents=True, exist_ok=True)
    path = _file_for(folder, host, ts)
    tid = threading.get_ident() & 0xFFFF
    ctx = {str(k): "" if v is None else str(v) for k, v in (context or {}).items()}
    line = "\t".join([
        _format_ts(ts), f"{_process_name():<40}", f"{tid:#06X}".replace("0X", "0x"),
        f"{area:<30}", f"{category:<30}", f"{event_id:<7}", f"{level:<10}", _clean(message),
        str(corr), json.dumps(ctx, separators=(",", ":"))]) + "\n"
    with _lock:
        new = not path.exists()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, ((HEADER if new else "") + line).encode("utf-8"))
        finally:
            os.close(fd)
    return SPLogEvent(ts, _process_name(), tid, area, category, event_id, level,
                      _clean(message), corr, ctx, line.rstrip("\n"))


class SPLogEvent:
    """One trace-log entry, as Get-SPLogEvent returns it."""

    __ps_type__ = "Microsoft.SharePoint.Diagnostics.SPLogEvent"
    __ps_default_display__ = ("Timestamp", "Area", "Category", "EventID", "Level", "Correlation",
                              "Message")

    def __init__(self, timestamp, process, thread_id, area, category, event_id, level, message,
                 correlation, context=None, raw=""):
        self.Timestamp = timestamp
        self.Continuation = False
        self.Process = process
        self.ThreadID = thread_id
        self.Area = area
        self.Category = category
        self.EventID = event_id
        self.Level = level
        self.Message = message
        self.Correlation = correlation
        self.Context = None
        self._context = context or {}
        self._raw = raw

    def ToString(self):
        return self._raw

    def __str__(self):
        return self._raw

    def __repr__(self):
        return f"SPLogEvent({self.Timestamp} {self.Category} {self.Level} {self.Message[:40]!r})"


def parse_line(line: str):
    """An SPLogEvent for one line of a trace log; None for the header or a malformed line."""
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) < 9 or cols[0].startswith("Timestamp"):
        return None
    stamp = cols[0].strip().rstrip("*")
    try:
        main, _, frac = stamp.partition(".")
        ts = datetime.strptime(main, _TS_FORMAT)
        if frac.isdigit():
            ts += timedelta(microseconds=int(frac.ljust(6, "0")[:6]))
    except ValueError:
        return None
    try:
        tid = int(cols[2].strip(), 16) if cols[2].strip().lower().startswith("0x") else \
            int(cols[2].strip() or 0)
    except ValueError:
        tid = 0
    try:
        corr = uuid.UUID(cols[8].strip()) if cols[8].strip() else uuid.UUID(int=0)
    except ValueError:
        corr = uuid.UUID(int=0)
    ctx = {}
    if len(cols) > 9 and cols[9].strip().startswith("{"):
        try:
            ctx = json.loads(cols[9])
        except ValueError:
            ctx = {}
    ev = SPLogEvent(ts, cols[1].strip(), tid, cols[3].strip(), cols[4].strip(), cols[5].strip(),
                    cols[6].strip(), cols[7].strip(), corr, ctx, line.rstrip("\r\n"))
    ev.Continuation = cols[0].strip().endswith("*")
    return ev


def _file_start(path: Path):
    """The interval start encoded in a trace-log file name, or None."""
    parts = path.stem.rsplit("-", 2)
    if len(parts) == 3:
        try:
            return datetime.strptime(parts[1] + parts[2], "%Y%m%d%H%M")
        except ValueError:
            return None
    return None


def log_files(folder: Path):
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob("*.log") if p.is_file()),
                  key=lambda p: (_file_start(p) or datetime.min, p.name))


def read(files, start=None, end=None, minimum=None, correlation=None):
    """Entries of the given files, oldest first, filtered like Get-SPLogEvent."""
    min_rank = level_rank(minimum) if minimum else None
    for path in files:
        begins = _file_start(path)
        # a file covers 30 minutes from its start: skip it when the window excludes it
        if end is not None and begins is not None and begins > end:
            continue
        if start is not None and begins is not None and begins + timedelta(minutes=30) < start:
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            ev = parse_line(line)
            if ev is None:
                continue
            if start is not None and ev.Timestamp < start:
                continue
            if end is not None and ev.Timestamp > end:
                continue
            if min_rank is not None:
                try:
                    if level_rank(ev.Level) < min_rank:
                        continue
                except ValueError:
                    continue
            if correlation is not None and ev.Correlation != correlation:
                continue
            yield ev
