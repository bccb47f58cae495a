""".NET DateTime format strings (en-US) and Get-Date's -UFormat (Unix strftime-like)."""
from __future__ import annotations

import datetime as _dt

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# en-US standard format strings expanded to custom patterns
_STANDARD = {
    "d": "M/d/yyyy", "D": "dddd, MMMM d, yyyy", "f": "dddd, MMMM d, yyyy h:mm tt",
    "F": "dddd, MMMM d, yyyy h:mm:ss tt", "g": "M/d/yyyy h:mm tt", "G": "M/d/yyyy h:mm:ss tt",
    "m": "MMMM d", "M": "MMMM d", "t": "h:mm tt", "T": "h:mm:ss tt",
    "y": "MMMM yyyy", "Y": "MMMM yyyy", "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
}


def _offset(d):
    off = d.utcoffset() if d.tzinfo is not None else _dt.datetime.now().astimezone().utcoffset()
    return off or _dt.timedelta(0)


def _fmt_offset(d, kind):
    off = _offset(d)
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    mins = abs(mins)
    h, m = divmod(mins, 60)
    if kind == 1:
        return f"{sign}{h}"
    if kind == 2:
        return f"{sign}{h:02d}"
    return f"{sign}{h:02d}:{m:02d}"


def _zone_suffix(d):
    """'K' / round-trip suffix: 'Z' for UTC values, else the offset."""
    if d.utcoffset() == _dt.timedelta(0) and d.tzinfo is _dt.timezone.utc:
        return "Z"
    return _fmt_offset(d, 3)


def format_datetime(d: _dt.datetime, fmt: str | None) -> str:
    if not fmt:
        fmt = "G"
    if len(fmt) == 1:
        if fmt in ("o", "O"):
            base = d.strftime("%Y-%m-%dT%H:%M:%S") + f".{d.microsecond:06d}0"
            return base + (_zone_suffix(d) if d.tzinfo is not None else "")
        if fmt in ("r", "R"):
            u = d.astimezone(_dt.timezone.utc) if d.tzinfo is not None else d
            return u.strftime("%a, %d %b %Y %H:%M:%S GMT")
        if fmt == "U":
            u = d.astimezone(_dt.timezone.utc) if d.tzinfo is not None else \
                d.astimezone().astimezone(_dt.timezone.utc)
            return format_datetime(u.replace(tzinfo=None), "F")
        if fmt in _STANDARD:
            return format_custom(d, _STANDARD[fmt])
        from spshell.runtime.errors import FormatException
        raise FormatException("Input string was not in a correct format.")
    return format_custom(d, fmt)


def _count(fmt, i, ch):
    j = i
    while j < len(fmt) and fmt[j] == ch:
        j += 1
    return j - i


def format_custom(d: _dt.datetime, fmt: str) -> str:
    out = []
    i, n = 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c in "'\"":
            j = fmt.find(c, i + 1)
            if j < 0:
                from spshell.runtime.errors import FormatException
                raise FormatException(f"Cannot find a matching quote character for the "
                                      f"character '{c}'.")
            out.append(fmt[i + 1:j])
            i = j + 1
            continue
        if c == "\\" and i + 1 < n:
            out.append(fmt[i + 1])
            i += 2
            continue
        if c == "%" and i + 1 < n:
            # %d: a single custom specifier on its own
            out.append(format_custom(d, fmt[i + 1]) if fmt[i + 1] not in "%" else "%")
            i += 2
            continue
        k = _count(fmt, i, c)
        if c == "d":
            if k == 1:
                out.append(str(d.day))
            elif k == 2:
                out.append(f"{d.day:02d}")
            elif k == 3:
                out.append(DAYS[d.weekday()][:3])
            else:
                out.append(DAYS[d.weekday()])
        elif c in "fF":
            digits = f"{d.microsecond:06d}0"[:min(k, 7)]
            if c == "F":
                digits = digits.rstrip("0")
                if not digits and out and out[-1].endswith("."):
                    out[-1] = out[-1][:-1]
            out.append(digits)
        elif c == "g":
            out.append("A.D.")
        elif c == "h":
            h = d.hour % 12 or 12
            out.append(str(h) if k == 1 else f"{h:02d}")
        elif c == "H":
            out.append(str(d.hour) if k == 1 else f"{d.hour:02d}")
        elif c == "K":
            out.append(_zone_suffix(d) if d.tzinfo is not None else "")
        elif c == "m":
            out.append(str(d.minute) if k == 1 else f"{d.minute:02d}")
        elif c == "M":
            if k == 1:
                out.append(str(d.month))
            elif k == 2:
                out.append(f"{d.month:02d}")
            elif k == 3:
                out.append(MONTHS[d.month - 1][:3])
            else:
                out.append(MONTHS[d.month - 1])
        elif c == "s":
            out.append(str(d.second) if k == 1 else f"{d.second:02d}")
        elif c == "t":
            ampm = "AM" if d.hour < 12 else "PM"
            out.append(ampm[0] if k == 1 else ampm)
        elif c == "y":
            if k == 1:
                out.append(str(d.year % 100))
            elif k == 2:
                out.append(f"{d.year % 100:02d}")
            else:
                out.append(str(d.year).zfill(k))
        elif c == "z":
            out.append(_fmt_offset(d, min(k, 3)))
        elif c == ":":
            out.append(":")
            k = 1
        elif c == "/":
            out.append("/")
            k = 1
        else:
            out.append(c * k)
        i += k
    return "".join(out)


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
            out.append(_fmt_offset(d, 2))
        elif s == "%":
            out.append("%")
        else:
            out.append(s)
    return "".join(out)
