"""Get-Date's -UFormat (Unix strftime-like); -Format is re-exported from the runtime's .NET
formatter so every caller formats dates one way."""
from __future__ import annotations

import datetime as _dt

from spshell.runtime.dotnet_format import DAY_NAMES as DAYS, MONTH_NAMES as MONTHS
# -Format is DateTime.ToString(fmt): the runtime's .NET formatter owns it
from spshell.runtime.dotnet_format import format_datetime


def _week_of_year(d, first_weekday):
    """%U (Sunday first) / %W (Monday first) as PowerShell computes them."""
    return int(d.strftime("%U" if first_weekday == 6 else "%W"))


def format_uformat(d: _dt.datetime, fmt: str) -> str:
    out = []
    i, n = 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c != "%" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        s = fmt[i + 1]
        i += 2
        if s == "a":
            out.append(DAYS[d.weekday()][:3])
        elif s == "A":
            out.append(DAYS[d.weekday()])
        elif s in "bh":
            out.append(MONTHS[d.month - 1][:3])
        elif s == "B":
            out.append(MONTHS[d.month - 1])
        elif s == "c":
            out.append(f"{DAYS[d.weekday()][:3]} {MONTHS[d.month - 1][:3]} {d.day:2d} "
                       f"{d:%H:%M:%S} {d.year}")
        elif s == "C":
            out.append(f"{d.year // 100:02d}")
        elif s == "d":
            out.append(f"{d.day:02d}")
        elif s == "D":
            out.append(f"{d:%m/%d/%y}")
        elif s == "e":
            out.append(f"{d.day:2d}")
        elif s == "F":
            out.append(f"{d:%Y-%m-%d}")
        elif s == "g":
            out.append(f"{d.isocalendar()[0] % 100:02d}")
        elif s == "G":
            out.append(str(d.isocalendar()[0]))
        elif s == "H":
            out.append(f"{d.hour:02d}")
        elif s == "I":
            out.append(f"{(d.hour % 12) or 12:02d}")
        elif s == "j":
            out.append(f"{d.timetuple().tm_yday:03d}")
        elif s == "k":
            out.append(f"{d.hour:2d}")
        elif s == "l":
            out.append(f"{(d.hour % 12) or 12:2d}")
        elif s == "m":
            out.append(f"{d.month:02d}")
        elif s == "M":
            out.append(f"{d.minute:02d}")
        elif s == "n":
            out.append("\n")
        elif s == "p":
            out.append("AM" if d.hour < 12 else "PM")
        elif s == "r":
            out.append(f"{(d.hour % 12) or 12:02d}:{d.minute:02d}:{d.second:02d} "
                       f"{'AM' if d.hour < 12 else 'PM'}")
        elif s == "R":
            out.append(f"{d:%H:%M}")
        elif s == "s":
            # naive values are local time, as Get-Date's are
            out.append(str(int(d.timestamp())))
        elif s == "S":
            out.append(f"{d.second:02d}")
        elif s == "t":
            out.append("\t")
        elif s == "T":
            out.append(f"{d:%H:%M:%S}")
        elif s == "u":
            out.append(str(d.isoweekday()))
        elif s == "U":
            out.append(f"{_week_of_year(d, 6):02d}")
        elif s == "V":
            out.append(f"{d.isocalendar()[1]:02d}")
        elif s == "w":
            out.append(str(d.isoweekday() % 7))
        elif s == "W":
            out.append(f"{_week_of_year(d, 0):02d}")
        elif s == "x":
            out.append(f"{d:%m/%d/%y}")
        elif s == "X":
            out.append(f"{d:%H:%M:%S}")
        elif s == "y":
            out.append(f"{d.year % 100:02d}")
        elif s == "Y":
            out.append(str(d.year))
        elif s == "Z":
            out.append(format_datetime(d, "zz"))
        elif s == "%":
            out.append("%")
        else:
            out.append(s)
    return "".join(out)


__all__ = ["DAYS", "MONTHS", "format_datetime", "format_uformat"]
