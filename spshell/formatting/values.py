"""The text of one value as the formatter shows it (PSObjectHelper.SmartToString / FormatField).

* collections: ``{1, 2, 3, 4…}`` — at most ``$FormatEnumerationLimit`` items (default 4, negative =
  all), each shown by its "object name" (``$null`` for null, the ToString of values and of types
  that define one, else a Name/Id/Key-like property);
* in generated tables, Double/Single/Decimal use the culture's fixed-point format (``F``: two
  decimals in en-US; PowerShell 7.3+, Format-Table.Tests "Table should format floats...");
* everything else: PowerShell's string conversion.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import enum

from spshell.runtime.objects import AutomationNull, PSCustomObject

from . import _access as acc
from .text import ELLIPSIS

DEFAULT_ENUMERATION_LIMIT = 4

SCALAR_TYPES = frozenset(n.lower() for n in (
    "System.String", "System.SByte", "System.Byte", "System.Int16", "System.UInt16",
    "System.Int32", "System.UInt32", "System.Int64", "System.UInt64", "System.Char",
    "System.Single", "System.Double", "System.Boolean", "System.Decimal", "System.IntPtr",
    "System.Security.SecureString", "System.Numerics.BigInteger"))

# types whose own ToString is what a collection cell shows (they override Object.ToString)
_VALUE_TYPES = (str, bool, int, float, decimal.Decimal, _dt.datetime, _dt.date, _dt.timedelta,
                enum.Enum)  # and uuid.UUID (acc.is_guid)


def is_scalar(obj, names=None) -> bool:
    """DefaultScalarTypes: shown by ToString, one per line, never as a table or list."""
    if isinstance(obj, (str, bool, int, float, decimal.Decimal, enum.Enum)):
        return True
    names = names if names is not None else acc.type_names(obj)
    if not names:
        return False
    if names[0].lower() in SCALAR_TYPES:
        return True
    return len(names) > 1 and names[1] == "System.Enum"


def _fixed(val, digits=2) -> str:
    """.NET ``ToString("F")`` (en-US: two decimals, midpoint away from zero on the exact value)."""
    if isinstance(val, float):
        if val != val:
            return "NaN"
        if val in (float("inf"), float("-inf")):
            return "\u221e" if val > 0 else "-\u221e"
        d = decimal.Decimal(val)
    else:
        d = val
    q = d.quantize(decimal.Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP,
                   context=decimal.Context(prec=200))
    s = format(q, "f")
    if s.startswith("-") and q == 0 and not isinstance(val, float):
        s = s[1:]
    return s


def object_name(x) -> str:
    """How one element of a collection appears inside ``{...}`` (GetObjectName)."""
    if x is None or x is AutomationNull:
        return "$null"
    if isinstance(x, (_VALUE_TYPES, PSCustomObject)) or acc.is_guid(x):
        return display_string(x)
    cls = type(x)
    if getattr(cls, "__ps_type__", None) == "System.Collections.DictionaryEntry":
        # PowerShell 7 shows a nested hashtable as {[a, 1], [b, 2]} (about_Hash_Tables)
        return f"[{display_string(x.Key)}, {display_string(x.Value)}]"
    if "ToString" in cls.__dict__ or "__str__" in cls.__dict__:
        return acc.to_string(x)
    shown = display_name(x)
    if shown is not None:
        return acc.to_string(shown)
    return acc.to_string(x)


_NAME_PATTERNS = ("name", "id", "key")


def display_name(obj):
    """The value of the property that names an object: Name, Id, Key, *Key, *Name, *Id."""
    names = acc.property_names(obj)
    lows = [n.lower() for n in names]
    for exact in _NAME_PATTERNS:
        if exact in lows:
            return acc.get_property(obj, names[lows.index(exact)])
    for suffix in ("key", "name", "id"):
        for n, low in zip(names, lows):
            if low.endswith(suffix):
                return acc.get_property(obj, n)
    return None


def enumerate_for_cell(val):
    if isinstance(val, (str, int, float, decimal.Decimal, PSCustomObject)) or val is None:
        return None
    if acc.is_dictionary(val):
        return [acc.DictionaryEntry(k, v) for k, v in val.items()]
    return acc.enumerate_value(val)


def format_collection(items, limit) -> str:
    parts = []
    out = ["{"]
    for i, x in enumerate(items):
        if limit is not None and limit >= 0 and i == limit:
            out.append(", ".join(parts))
            out.append(ELLIPSIS)
            parts = None
            break
        parts.append(object_name(x))
    if parts is not None:
        out.append(", ".join(parts))
    out.append("}")
    return "".join(out)


def format_field(val, enumeration_limit=DEFAULT_ENUMERATION_LIMIT, is_table=False,
                 format_string=None) -> str:
    """The display text of a property value (FormatField)."""
    if val is None or val is AutomationNull:
        return ""
    t = type(val)
    if t is str and not format_string:
        return val
    if t is int and not format_string:
        return int.__repr__(val)
    if t is bool and not format_string:
        return "True" if val else "False"
    if format_string:
        try:
            from spshell.runtime import dotnet_format as dn
        except ImportError:
            dn = None
        try:
            if "{0" in format_string or "}" in format_string:
                # composite formatting: "{0:N2} MB"
                return dn.format_string(format_string, [val]) if dn else format_string.format(val)
            # IFormattable.ToString(format)
            return dn.format_value(val, format_string) if dn else format(val, format_string)
        except Exception:
            pass  # an unusable format falls back to the plain text, as PowerShell does
    items = enumerate_for_cell(val)
    if items is not None:
        return format_collection(items, enumeration_limit)
    if is_table and not isinstance(val, bool):
        if isinstance(val, (float, decimal.Decimal)):
            return _fixed(val)
    return display_string(val)


def display_string(val) -> str:
    """ToString() in the display culture (en-US): dates as ``1/10/2023 3:04:05 PM``; other
    values as PowerShell converts them to strings."""
    if isinstance(val, _dt.datetime):
        return acc.datetime_general(val)
    return acc.to_string(val)


def line_text(obj) -> str:
    """A scalar on a line of its own: its ToString."""
    return acc.to_string(obj)
