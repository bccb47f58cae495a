"""SharePoint's SPSchedule family: when a timer job is due.

Text forms follow SPSchedule.FromString / ToString:
    "every 5 minutes between 0 and 59"
    "hourly between 0 and 59"          "hourly at 15"
    "daily between 22:00:00 and 06:00:00"   "daily at 02:00:00"
    "weekly between Sat 22:00:00 and Sun 06:00:00"   "weekly at Sun 02:00:00"
    "monthly between 1 00:00:00 and 1 06:00:00"      "monthly at 15 15:00:00"
Times are the server's local time, as SharePoint's are. A job runs at the beginning of its
window (spshell picks no random instant inside it, so runs are predictable).
"""
from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from spshell.runtime.errors import ArgumentException, ErrorRecord

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_T = r"(\d{1,2}):(\d{2}):(\d{2})"


class SPSchedule:
    __ps_type__ = "Microsoft.SharePoint.SPSchedule"
    __ps_type_names__ = (__ps_type__, "System.Object")
    kind = ""

    @property
    def Description(self):
        return str(self)

    def NextOccurrence(self, t=None):
        return self.next_after(t or datetime.now())

    def ToString(self):
        return str(self)

    def __repr__(self):
        return f"<{type(self).__name__} {self}>"

    def __eq__(self, other):
        return isinstance(other, SPSchedule) and str(self) == str(other)

    def __hash__(self):
        return hash(str(self))

    @staticmethod
    def FromString(text):
        return parse(str(text))


class SPMinuteSchedule(SPSchedule):
    __ps_type__ = "Microsoft.SharePoint.SPMinuteSchedule"
    __ps_type_names__ = (__ps_type__, SPSchedule.__ps_type__, "System.Object")
    kind = "Minutes"

    def __init__(self, interval=1, begin=0, end=59):
        self.Interval, self.BeginSecond, self.EndSecond = int(interval), int(begin), int(end)

    def next_after(self, t):
        base = t.replace(second=0, microsecond=0)
        step = max(1, self.Interval)
        # aligned to the hour, as SharePoint's "every N minutes" is
        m = (base.minute // step + 1) * step
        return base.replace(minute=0) + timedelta(minutes=m)

    def __str__(self):
        return f"every {self.Interval} minutes between {self.BeginSecond} and {self.EndSecond}"


class SPHourlySchedule(SPSchedule):
    __ps_type__ = "Microsoft.SharePoint.SPHourlySchedule"
    __ps_type_names__ = (__ps_type__, SPSchedule.__ps_type__, "System.Object")
    kind = "Hourly"

    def __init__(self, begin=0, end=59):
        self.BeginMinute, self.EndMinute = int(begin), int(end)

    def next_after(self, t):
        c = t.replace(minute=self.BeginMinute, second=0, microsecond=0)
        return c if c > t else c + timedelta(hours=1)

    def __str__(self):
        return f"hourly between {self.BeginMinute} and {self.EndMinute}"


class SPDailySchedule(SPSchedule):
    __ps_type__ = "Microsoft.SharePoint.SPDailySchedule"
    __ps_type_names__ = (__ps_type__, SPSchedule.__ps_type__, "System.Object")
    kind = "Daily"

    def __init__(self, begin=(0, 0, 0), end=None):
        self.BeginHour, self.BeginMinute, self.BeginSecond = begin
        self.EndHour, self.EndMinute, self.EndSecond = end or begin

    def _begin(self, t):
        return t.replace(hour=self.BeginHour, minute=self.BeginMinute, second=self.BeginSecond,
                         microsecond=0)

    def next_after(self, t):
        c = self._begin(t)
        return c if c > t else c + timedelta(days=1)

    def __str__(self):
        b = f"{self.BeginHour:02d}:{self.BeginMinute:02d}:{self.BeginSecond:02d}"
        e = f"{self.EndHour:02d}:{self.EndMinute:02d}:{self.EndSecond:02d}"
        return f"daily at {b}" if b == e else f"daily between {b} and {e}"


class SPWeeklySchedule(SPDailySchedule):
    __ps_type__ = "Microsoft.SharePoint.SPWeeklySchedule"
    __ps_type_names__ = (__ps_type__, SPSchedule.__ps_type__, "System.Object")
    kind = "Weekly"

    def __init__(self, begin_day="Sun", begin=(0, 0, 0), end_day=None, end=None):
        super().__init__(begin, end)
        self.BeginDayOfWeek, self.EndDayOfWeek = begin_day, end_day or begin_day

    def next_after(self, t):
        c = self._begin(t)
        c += timedelta(days=(DAYS.index(self.BeginDayOfWeek) - c.weekday()) % 7)
        return c if c > t else c + timedelta(days=7)

    def __str__(self):
        b = f"{self.BeginDayOfWeek} {self.BeginHour:02d}:{self.BeginMinute:02d}:" \
            f"{self.BeginSecond:02d}"
        e = f"{self.EndDayOfWeek} {self.EndHour:02d}:{self.EndMinute:02d}:{self.EndSecond:02d}"
        return f"weekly at {b}" if b == e else f"weekly between {b} and {e}"


class SPMonthlySchedule(SPDailySchedule):
    __ps_type__ = "Microsoft.SharePoint.SPMonthlySchedule"
    __ps_type_names__ = (__ps_type__, SPSchedule.__ps_type__, "System.Object")
    kind = "Monthly"

    def __init__(self, begin_day=1, begin=(0, 0, 0), end_day=None, end=None):
        super().__init__(begin, end)
        self.BeginDay, self.EndDay = int(begin_day), int(end_day or begin_day)

    def _in_month(self, year, month):
        day = min(self.BeginDay, calendar.monthrange(year, month)[1])
        return datetime(year, month, day, self.BeginHour, self.BeginMinute, self.BeginSecond)

    def next_after(self, t):
        c = self._in_month(t.year, t.month)
        if c.tzinfo is None and t.tzinfo is not None:
            c = c.replace(tzinfo=t.tzinfo)
        if c > t:
            return c
        y, m = (t.year + 1, 1) if t.month == 12 else (t.year, t.month + 1)
        n = self._in_month(y, m)
        return n.replace(tzinfo=t.tzinfo) if t.tzinfo is not None else n

    def __str__(self):
        b = f"{self.BeginDay} {self.BeginHour:02d}:{self.BeginMinute:02d}:{self.BeginSecond:02d}"
        e = f"{self.EndDay} {self.EndHour:02d}:{self.EndMinute:02d}:{self.EndSecond:02d}"
        return f"monthly at {b}" if b == e else f"monthly between {b} and {e}"


def _hms(m, i):
    h, mi, s = int(m.group(i)), int(m.group(i + 1)), int(m.group(i + 2))
    if h > 23 or mi > 59 or s > 59:
        raise ValueError
    return h, mi, s


def _day(text):
    for d in DAYS:
        if text.lower().startswith(d.lower()):
            return d
    raise ValueError


def parse(text: str) -> SPSchedule:
    s = " ".join((text or "").strip().lower().split())
    try:
        m = re.fullmatch(r"every (\d+) minutes?(?: between (\d+) and (\d+))?", s)
        if m:
            return SPMinuteSchedule(int(m.group(1)), int(m.group(2) or 0),
                                    int(m.group(3) or 59))
        m = re.fullmatch(r"hourly (?:between (\d+) and (\d+)|at (\d+))", s)
        if m:
            b = int(m.group(1) if m.group(1) is not None else m.group(3))
            e = int(m.group(2)) if m.group(2) is not None else b
            if b > 59 or e > 59:
                raise ValueError
            return SPHourlySchedule(b, e)
        m = re.fullmatch(rf"daily (?:between {_T} and {_T}|at {_T})", s)
        if m:
            if m.group(7):
                b = _hms(m, 7)
                return SPDailySchedule(b, b)
            return SPDailySchedule(_hms(m, 1), _hms(m, 4))
        m = re.fullmatch(rf"weekly (?:between ([a-z]+) {_T} and ([a-z]+) {_T}|at ([a-z]+) {_T})",
                         s)
        if m:
            if m.group(9):
                b = _hms(m, 10)
                return SPWeeklySchedule(_day(m.group(9)), b)
            return SPWeeklySchedule(_day(m.group(1)), _hms(m, 2), _day(m.group(5)), _hms(m, 6))
        m = re.fullmatch(rf"monthly (?:between (\d+) {_T} and (\d+) {_T}|at (\d+) {_T})", s)
        if m:
            if m.group(9):
                return SPMonthlySchedule(int(m.group(9)), _hms(m, 10))
            return SPMonthlySchedule(int(m.group(1)), _hms(m, 2), int(m.group(5)), _hms(m, 6))
    except ValueError:
        pass
    exc = ArgumentException(f'The schedule "{text}" is not in a valid format. Use a form such '
                            f'as "every 5 minutes between 0 and 59", "hourly between 0 and 59", '
                            f'"daily at 02:00:00", "weekly at Sun 02:00:00" or '
                            f'"monthly at 1 02:00:00".')
    ErrorRecord(exc, "InvalidSchedule", "InvalidArgument", text)
    raise exc
