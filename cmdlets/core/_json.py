"""JSON text the way PowerShell 7 writes and reads it (Newtonsoft.Json underneath)."""
from __future__ import annotations

import datetime as _dt
import decimal
import enum
import json
import math
import re
import uuid

from spshell.runtime.objects import (AutomationNull, Hashtable, OrderedDictionary,
                                     PSCustomObject, SecureString, SwitchParameter)


class JsonWriter:
    """Serialises values; ``truncated`` tells the caller to warn about -Depth."""

    def __init__(self, depth=2, compress=False, enums_as_strings=False,
                 escape_handling="Default", context=None):
        self.depth = depth
        self.compress = compress
        self.enums_as_strings = enums_as_strings
        self.escape = escape_handling.lower() if escape_handling else "default"
        self.truncated = False
        self.context = context

    # ---- values -> a tree of (kind, payload) with depth applied
    def to_text(self, value) -> str:
        out = []
        self._write(self._convert(value, 0), out, 0)
        return "".join(out)

    def _convert(self, v, level):
        from ._util import enumerate_value, get_prop, prop_names, to_str
        if v is None or v is AutomationNull:
            return None
        if isinstance(v, SwitchParameter):
            return ("obj", [("IsPresent", v.IsPresent)])
        if isinstance(v, bool):
            return v
        if isinstance(v, enum.Enum):
            return v.name if self.enums_as_strings else int(v.value)
        if isinstance(v, (int, float, decimal.Decimal)):
            return v
        if isinstance(v, str):
            return v
        if isinstance(v, _dt.datetime):
            return ("raw", json_datetime(v))
        if isinstance(v, uuid.UUID):
            return str(v)
        if isinstance(v, _dt.timedelta):
            return ("obj", [(k, val) for k, val in _timespan_props(v)])
        if level > self.depth:
            self.truncated = True
            return to_str(v)
        if isinstance(v, (Hashtable, dict)):
            return ("obj", [(to_str(k), self._convert(v[k], level + 1)) for k in v])
        if isinstance(v, PSCustomObject):
            return ("obj", [(k, self._convert(val, level + 1)) for k, val in v.items()])
        if _is_scriptblock(v):
            return str(v)
        items = enumerate_value(v)
        if items is not None:
            return ("arr", [self._convert(i, level + 1) for i in items])
        if isinstance(v, SecureString):
            return ("obj", [("Length", v.Length)])
        names = prop_names(v)
        if not names:
            return to_str(v)
        pairs = []
        for n in names:
            try:
                val = get_prop(v, n)
            except Exception:
                val = None
            pairs.append((n, self._convert(val, level + 1)))
        return ("obj", pairs)

    # ---- text
    def _write(self, node, out, indent):
        nl = "" if self.compress else "\n"
        pad = "" if self.compress else "  " * (indent + 1)
        end_pad = "" if self.compress else "  " * indent
        colon = ":" if self.compress else ": "
        if isinstance(node, tuple):
            kind, payload = node
            if kind == "raw":
                out.append(payload)
                return
            if kind == "arr":
                if not payload:
                    out.append("[]")
                    return
                out.append("[" + nl)
                for i, item in enumerate(payload):
                    out.append(pad)
                    self._write(item, out, indent + 1)
                    out.append(("," if i < len(payload) - 1 else "") + nl)
                out.append(end_pad + "]")
                return
            if not payload:
                out.append("{}")
                return
            out.append("{" + nl)
            for i, (k, val) in enumerate(payload):
                out.append(pad + self._string(k) + colon)
                self._write(val, out, indent + 1)
                out.append(("," if i < len(payload) - 1 else "") + nl)
            out.append(end_pad + "}")
            return
        out.append(self._scalar(node))

    def _scalar(self, v):
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, float):
            if math.isnan(v):
                return '"NaN"'
            if math.isinf(v):
                return '"Infinity"' if v > 0 else '"-Infinity"'
            v = float(v)  # [float] (Single) values print their double value's shortest form
            if v == int(v) and abs(v) < 1e15:
                return repr(v)
            return repr(v).replace("e", "E")
        if isinstance(v, decimal.Decimal):
            return str(v)
        if isinstance(v, int):
            return str(int(v))
        return self._string(str(v))

    def _string(self, s):
        out = ['"']
        for ch in s:
            o = ord(ch)
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif ch == "\b":
                out.append("\\b")
            elif ch == "\f":
                out.append("\\f")
            elif o < 0x20 or o in (0x85, 0x2028, 0x2029):
                out.append(f"\\u{o:04x}")
            elif self.escape == "escapenonascii" and o > 0x7e:
                out.append(f"\\u{o:04x}")
            elif self.escape == "escapehtml" and ch in "<>&'\"":
                out.append(f"\\u{o:04x}")
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)


def _is_scriptblock(v):
    from ._util import is_scriptblock
    return is_scriptblock(v)


def _timespan_props(td):
    ticks = (td.days * 86400 + td.seconds) * 10_000_000 + td.microseconds * 10
    total_seconds = ticks / 10_000_000
    sign = -1 if ticks < 0 else 1
    a = abs(ticks)
    return [("Ticks", ticks), ("Days", sign * (a // 864_000_000_000)),
            ("Hours", sign * (a // 36_000_000_000 % 24)),
            ("Milliseconds", sign * (a // 10_000 % 1000)),
            ("Microseconds", sign * (a // 10 % 1000)),
            ("Nanoseconds", sign * (a % 10 * 100)),
            ("Minutes", sign * (a // 600_000_000 % 60)),
            ("Seconds", sign * (a // 10_000_000 % 60)),
            ("TotalDays", total_seconds / 86400), ("TotalHours", total_seconds / 3600),
            ("TotalMilliseconds", total_seconds * 1000),
            ("TotalMicroseconds", total_seconds * 1_000_000),
            ("TotalNanoseconds", total_seconds * 1_000_000_000),
            ("TotalMinutes", total_seconds / 60), ("TotalSeconds", total_seconds)]


def json_datetime(d: _dt.datetime) -> str:
    """Newtonsoft's ISO 8601 round-trip form: fractional seconds trimmed, offset when known."""
    base = d.strftime("%Y-%m-%dT%H:%M:%S")
    if d.microsecond:
        base += ("." + f"{d.microsecond:06d}0").rstrip("0")
    if d.tzinfo is None:
        # plain values are local time (Get-Date, file times): .NET's Local kind carries the
        # machine's offset
        d = d.astimezone()
    if d.tzinfo is not None:
        off = d.utcoffset()
        if off == _dt.timedelta(0) and d.tzinfo is _dt.timezone.utc:
            base += "Z"
        else:
            mins = int(off.total_seconds() // 60)
            sign = "+" if mins >= 0 else "-"
            mins = abs(mins)
            base += f"{sign}{mins // 60:02d}:{mins % 60:02d}"
    return '"' + base + '"'


# ------------------------------------------------------------------------------ reading
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$")


class JsonCaseError(ValueError):
    def __init__(self, existing, new):
        super().__init__(existing, new)
        self.existing = existing
        self.new = new


class JsonEmptyKeyError(ValueError):
    pass


def _parse_date(s):
    m = _DATE_RE.match(s)
    if not m:
        return None
    text = s
    frac = m.group(2)
    if frac and len(frac) > 7:
        return None
    if frac:
        digits = frac[1:]
        text = text.replace(frac, "." + (digits + "000000")[:6], 1)
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        d = _dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if d.tzinfo is not None:
        # Newtonsoft turns offset dates into local time
        d = d.astimezone().replace(tzinfo=None)
    return d


def _strip_comments(text):
    """Newtonsoft accepts // and /* */ comments outside strings."""
    if "/" not in text:
        return text
    out, i, n = [], 0, len(text)
    in_str = False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_str = False
            i += 1
            continue
        if c == '"':
            in_str = True
        elif c == "/" and i + 1 < n and text[i + 1] == "/":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif c == "/" and i + 1 < n and text[i + 1] == "*":
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def parse_json(text, as_hashtable=False):
    from spshell.runtime import numbers

    def pairs_hook(pairs):
        if as_hashtable:
            d = OrderedDictionary()
            for k, v in pairs:
                d[k] = v
            return d
        obj = PSCustomObject()
        for k, v in pairs:
            if k == "":
                raise JsonEmptyKeyError()
            if obj.has(k):
                existing = next(n for n in obj.names() if n.lower() == k.lower())
                if existing != k:
                    raise JsonCaseError(existing, k)
            obj.set(k, v)
        return obj

    def parse_int(s):
        v = int(s)
        if -2**63 <= v < 2**63:
            return numbers.Int64(v)
        return numbers.BigInteger(v)

    def convert_strings(v):
        if isinstance(v, str):
            d = _parse_date(v)
            return d if d is not None else v
        if isinstance(v, list):
            return [convert_strings(i) for i in v]
        if isinstance(v, PSCustomObject):
            for k, val in v.items():
                if isinstance(val, (str, list, PSCustomObject, Hashtable)):
                    v.set(k, convert_strings(val))
            return v
        if isinstance(v, Hashtable):
            for k in list(v):
                if isinstance(v[k], (str, list, PSCustomObject, Hashtable)):
                    v[k] = convert_strings(v[k])
            return v
        return v

    value = json.loads(_strip_comments(text), object_pairs_hook=pairs_hook, parse_int=parse_int,
                       parse_constant=lambda c: float(c))
    return convert_strings(value)
