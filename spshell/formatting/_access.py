"""How the formatter reads values: through the engine's type system when it is there.

The engine modules (spshell.runtime.types / conversion) are imported on first use. A small
fallback that follows the same member rule (public Upper-case names, ``__ps_type__``...) keeps the
formatter usable on its own (unit tests, early start-up), so formatting never depends on import
order.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import enum
import sys

from spshell.runtime.objects import (AutomationNull, Hashtable, OrderedDictionary, PSCustomObject)

_types_mod = None
_conv_mod = None


def _types():
    global _types_mod
    if _types_mod is None:
        try:
            from spshell.runtime import types as t
            _types_mod = t
        except ImportError:
            _types_mod = False
    return _types_mod or None


def _conv():
    global _conv_mod
    if _conv_mod is None:
        try:
            from spshell.runtime import conversion as c
            _conv_mod = c
        except ImportError:
            _conv_mod = False
    return _conv_mod or None


def _numbers():
    from spshell.runtime import numbers
    return numbers


# ------------------------------------------------------------------------------ type names
_PY_TYPE_NAMES = {
    str: "System.String", bool: "System.Boolean", int: "System.Int32", float: "System.Double",
    decimal.Decimal: "System.Decimal", list: "System.Object[]", tuple: "System.Object[]",
    _dt.datetime: "System.DateTime", _dt.date: "System.DateTime", _dt.timedelta: "System.TimeSpan",
    dict: "System.Collections.Hashtable",
}


def is_guid(obj) -> bool:
    """isinstance(obj, uuid.UUID) without importing uuid (and platform) at start-up: no value
    can be a UUID before something imported the module."""
    mod = sys.modules.get("uuid")
    return mod is not None and isinstance(obj, mod.UUID)


def type_names(obj) -> list[str]:
    """The type-name chain, most derived first (PSObject.TypeNames)."""
    t = _types()
    if t is not None and hasattr(t, "type_names_of"):
        try:
            return list(t.type_names_of(obj))
        except Exception:
            pass
    return _fallback_type_names(obj)


def _fallback_type_names(obj) -> list[str]:
    if isinstance(obj, PSCustomObject) and obj.type_names:
        return list(obj.type_names)
    names = getattr(obj, "__ps_type_names__", None)
    if names and not isinstance(obj, type):
        return list(names)
    if isinstance(obj, enum.Enum):
        return [getattr(type(obj), "__ps_type__", type(obj).__name__), "System.Enum",
                "System.ValueType", "System.Object"]
    full = getattr(type(obj), "__ps_type__", None)
    if full is None:
        for cls in type(obj).__mro__:
            if cls in _PY_TYPE_NAMES:
                full = _PY_TYPE_NAMES[cls]
                break
        else:
            if is_guid(obj):
                full = "System.Guid"
    if full is None:
        full = type(obj).__name__
    chain = [full]
    for cls in type(obj).__mro__[1:]:
        n = cls.__dict__.get("__ps_type__")
        if n and n not in chain:
            chain.append(n)
    if "System.Object" not in chain:
        chain.append("System.Object")
    return chain


def type_name(obj) -> str:
    names = type_names(obj)
    return names[0] if names else "System.Object"


# ------------------------------------------------------------------------------ properties
def property_names(obj) -> list[str]:
    if obj is None:
        return []
    if isinstance(obj, PSCustomObject):
        return obj.names()
    t = _types()
    if t is not None and hasattr(t, "property_names"):
        try:
            return list(t.property_names(obj))
        except Exception:
            pass
    return _fallback_property_names(obj)


def _fallback_property_names(obj) -> list[str]:
    if isinstance(obj, (str, int, float, decimal.Decimal, bool)):
        return ["Length"] if isinstance(obj, str) else []
    names = []
    seen = set()
    for cls in reversed(type(obj).__mro__):
        for k, v in cls.__dict__.items():
            if k[:1].isupper() and k not in seen and (isinstance(v, property)
                                                       or not callable(v)):
                seen.add(k)
                names.append(k)
    for k in getattr(obj, "__dict__", {}):
        if k[:1].isupper() and k not in seen:
            seen.add(k)
            names.append(k)
    slots = []
    for cls in type(obj).__mro__:
        slots.extend(getattr(cls, "__slots__", ()) if not isinstance(
            getattr(cls, "__slots__", ()), str) else [cls.__slots__])
    for k in slots:
        if k[:1].isupper() and k not in seen:
            seen.add(k)
            names.append(k)
    return names


def default_display_properties(obj):
    """The DefaultDisplayPropertySet, or None when the type declares none."""
    if isinstance(obj, PSCustomObject):
        return None
    t = _types()
    if t is not None and hasattr(t, "default_display_properties"):
        try:
            r = t.default_display_properties(obj)
            return list(r) if r else None
        except Exception:
            pass
    r = getattr(obj, "__ps_default_display__", None)
    return list(r) if r else None


class _Missing:
    pass


MISSING = _Missing()


def get_property(obj, name, default=MISSING):
    """Property value; ``default`` (or None) when absent — the formatter shows an empty cell."""
    if obj is None:
        return None if default is MISSING else default
    if isinstance(obj, PSCustomObject):
        if obj.has(name):
            return obj.get(name)
        return None if default is MISSING else default
    t = _types()
    if t is not None and hasattr(t, "get_property"):
        try:
            return t.get_property(obj, name)
        except Exception:
            return None if default is MISSING else default
    low = name.lower()
    for n in _fallback_property_names(obj):
        if n.lower() == low:
            try:
                return getattr(obj, n)
            except Exception:
                break
    return None if default is MISSING else default


def has_property(obj, name) -> bool:
    if isinstance(obj, PSCustomObject):
        return obj.has(name)
    low = name.lower()
    return any(n.lower() == low for n in property_names(obj))


# ------------------------------------------------------------------------------ strings
def to_string(obj) -> str:
    """PowerShell's string conversion (what ToString shows in a cell or on a line)."""
    if obj is None or obj is AutomationNull:
        return ""
    if isinstance(obj, str):
        return obj
    c = _conv()
    if c is not None and hasattr(c, "to_string"):
        try:
            return c.to_string(obj)
        except Exception:
            pass
    return _fallback_to_string(obj)


def _fallback_to_string(obj) -> str:
    n = _numbers()
    if isinstance(obj, bool):
        return "True" if obj else "False"
    if isinstance(obj, (int, float, decimal.Decimal)):
        return n.format_number(obj)
    if isinstance(obj, _dt.datetime):
        return datetime_general(obj)
    if isinstance(obj, _dt.timedelta):
        return timespan_string(obj)
    if isinstance(obj, PSCustomObject):
        return "@{" + "; ".join(f"{k}={to_string(v)}" for k, v in obj.items()) + "}"
    if isinstance(obj, Hashtable):
        return getattr(type(obj), "__ps_type__", "System.Collections.Hashtable")
    if isinstance(obj, (list, tuple)):
        return " ".join(to_string(x) for x in obj)
    if isinstance(obj, enum.Enum):
        return obj.name
    ts = getattr(obj, "ToString", None)
    if callable(ts):
        try:
            return str(ts())
        except Exception:
            pass
    return str(obj)


def enumerate_value(obj):
    """Items when Out-Default would enumerate ``obj`` (arrays, lists, dictionaries), else None."""
    if obj is None or isinstance(obj, (str, PSCustomObject)):
        return None
    if isinstance(obj, (list, tuple)):
        return list(obj)
    if isinstance(obj, (Hashtable, dict)):
        return [DictionaryEntry(k, v) for k, v in obj.items()]
    c = _conv()
    if c is not None and hasattr(c, "enumerate_object"):
        try:
            it = c.enumerate_object(obj)
        except Exception:
            it = None
        if it is not None:
            return list(it)
        return None
    if isinstance(obj, (set, frozenset)):
        return list(obj)
    return None


def is_dictionary(obj) -> bool:
    return isinstance(obj, (Hashtable, OrderedDictionary, dict))


class DictionaryEntry:
    """System.Collections.DictionaryEntry, as a hashtable enumerates for display."""

    __ps_type__ = "System.Collections.DictionaryEntry"
    __ps_type_names__ = ("System.Collections.DictionaryEntry", "System.ValueType", "System.Object")
    __slots__ = ("Key", "Value")

    def __init__(self, key, value):
        self.Key = key
        self.Value = value

    @property
    def Name(self):
        return self.Key

    def ToString(self):
        # PowerShell 7 shows a nested hashtable as {[a, 1], [b, 2]} (about_Hash_Tables)
        return f"[{to_string(self.Key)}, {to_string(self.Value)}]"

    def __str__(self):
        return self.ToString()

    def __repr__(self):
        return f"[{self.Key!r}, {self.Value!r}]"


# ------------------------------------------------------------------------------ dates
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _time12(d) -> str:
    h = d.hour % 12 or 12
    return f"{h}:{d.minute:02d}:{d.second:02d} {'AM' if d.hour < 12 else 'PM'}"


def datetime_general(d) -> str:
    """en-US DateTime.ToString(): ``1/10/2023 3:04:05 PM``."""
    if not isinstance(d, _dt.datetime):
        d = _dt.datetime(d.year, d.month, d.day)
    return f"{d.month}/{d.day}/{d.year} {_time12(d)}"


def datetime_display(d) -> str:
    """The DateTime view (DateTime ScriptProperty): ``{LongDate} {LongTime}`` in en-US."""
    if not isinstance(d, _dt.datetime):
        d = _dt.datetime(d.year, d.month, d.day)
    hint = getattr(d, "display_hint", None)
    long_date = f"{_DAYS[d.weekday()]}, {_MONTHS[d.month - 1]} {d.day}, {d.year}"
    if hint == "Date":
        return long_date
    if hint == "Time":
        return _time12(d)
    return f"{long_date} {_time12(d)}"


def timespan_string(td) -> str:
    """TimeSpan.ToString() ("c" format): ``[-][d.]hh:mm:ss[.fffffff]``."""
    ticks = (td.days * 86400 + td.seconds) * 10_000_000 + td.microseconds * 10
    neg = ticks < 0
    ticks = abs(ticks)
    days, rem = divmod(ticks, 864_000_000_000)
    hours, rem = divmod(rem, 36_000_000_000)
    minutes, rem = divmod(rem, 600_000_000)
    seconds, frac = divmod(rem, 10_000_000)
    s = ("-" if neg else "") + (f"{days}." if days else "")
    s += f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if frac:
        s += f".{frac:07d}"
    return s
