"""PowerShell's value conversions (LanguagePrimitives): to string, to bool, to a type, -as.

Conventions: ``$OFS`` lives in the session, but these functions are pure; the engine installs a
callable in ``ofs_provider`` that returns the current ``$OFS`` (default " "). Failures raise
``PSInvalidCastException`` with PowerShell's message texts (ExtendedTypeSystem.resx).
"""
from __future__ import annotations

import datetime as _dt
import decimal
import enum
import math
import re
import sys
from collections.abc import Mapping

from spshell.runtime import numbers as _n
from spshell.runtime.errors import (DotNetException, ErrorRecord, OverflowException,
                                    PSInvalidCastException)
from spshell.runtime.objects import (AutomationNull, Hashtable, OrderedDictionary,
                                     PSCredential, PSCustomObject, PSReference, SecureString,
                                     SwitchParameter)

Decimal = decimal.Decimal
_Single = _n.Single


def _is_guid(value):
    """isinstance(value, uuid.UUID) without importing uuid (slow) for start-up: no value can be
    a UUID before something imported the module."""
    mod = sys.modules.get("uuid")
    return mod is not None and isinstance(value, mod.UUID)
_Char = _n.Char
_FixedInt = _n._FixedInt
_format_double = _n.format_double

# The engine sets this to a function returning the current $OFS.
ofs_provider = None

_INPUT_FORMAT = "Input string was not in a correct format."


class LazyRegex:
    """``re.compile(pattern, flags)`` on first use. Compiling every pattern of the engine at
    import costs milliseconds of each start-up, for conversions most scripts never make. The
    first call stores the compiled pattern's methods on the instance, where they shadow these
    class methods: later calls go straight to the compiled pattern."""

    _METHODS = ("match", "fullmatch", "search", "sub", "subn", "findall", "finditer", "split")

    def __init__(self, pattern, flags=0):
        self.pattern, self.flags = pattern, flags

    def compiled(self):
        rx = re.compile(self.pattern, self.flags)
        for name in self._METHODS:
            setattr(self, name, getattr(rx, name))
        return rx

    def match(self, *args, **kwargs):
        return self.compiled().match(*args, **kwargs)

    def fullmatch(self, *args, **kwargs):
        return self.compiled().fullmatch(*args, **kwargs)

    def search(self, *args, **kwargs):
        return self.compiled().search(*args, **kwargs)

    def sub(self, *args, **kwargs):
        return self.compiled().sub(*args, **kwargs)

    def subn(self, *args, **kwargs):
        return self.compiled().subn(*args, **kwargs)

    def findall(self, *args, **kwargs):
        return self.compiled().findall(*args, **kwargs)

    def finditer(self, *args, **kwargs):
        return self.compiled().finditer(*args, **kwargs)

    def split(self, *args, **kwargs):
        return self.compiled().split(*args, **kwargs)


def current_ofs():
    if ofs_provider is not None:
        try:
            v = ofs_provider()
        except Exception:  # a broken provider must not break string conversion
            return " "
        if v is None:
            return " "
        return v if type(v) is str else to_string(v, " ")
    return " "


# ---------------------------------------------------------------------------------------------
# to_string

def format_timespan(td):
    """TimeSpan's constant ('c') format: [-][d.]hh:mm:ss[.fffffff]."""
    ticks = timespan_ticks(td)
    neg = ticks < 0
    ticks = abs(ticks)
    days, rem = divmod(ticks, 864_000_000_000)
    hours, rem = divmod(rem, 36_000_000_000)
    minutes, rem = divmod(rem, 600_000_000)
    seconds, frac = divmod(rem, 10_000_000)
    s = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if days:
        s = f"{days}.{s}"
    if frac:
        s += f".{frac:07d}"
    return ("-" if neg else "") + s


def timespan_ticks(td):
    return (td.days * 86400 + td.seconds) * 10_000_000 + td.microseconds * 10


def format_datetime_invariant(d):
    """DateTime.ToString(InvariantCulture): MM/dd/yyyy HH:mm:ss."""
    return f"{d.month:02d}/{d.day:02d}/{d.year:04d} {d.hour:02d}:{d.minute:02d}:{d.second:02d}"


def _object_to_string(obj):
    """obj.ToString() for a non-primitive, non-enumerated object."""
    t = type(obj)
    m = getattr(obj, "ToString", None)
    if m is not None and callable(m):
        try:
            r = m()
        except TypeError:
            r = None
        else:
            return "" if r is None else (r if type(r) is str else to_string(r))
    if isinstance(obj, PSCustomObject):
        return _pscustomobject_to_string(obj)
    if isinstance(obj, _dt.datetime):
        return format_datetime_invariant(obj)
    if isinstance(obj, _dt.date):
        return format_datetime_invariant(_dt.datetime(obj.year, obj.month, obj.day))
    if isinstance(obj, _dt.timedelta):
        return format_timespan(obj)
    if _is_guid(obj):
        return str(obj)
    if isinstance(obj, enum.Enum):
        return _enum_to_string(obj)
    if type(obj) is list or type(obj) is tuple:
        return "System.Object[]"
    if isinstance(obj, BaseException) and not hasattr(obj, "Message"):
        return str(obj)
    if isinstance(obj, type):
        return getattr(obj, "__ps_type__", None) or obj.__name__
    # a class that overrides __str__ has its own ToString
    if t.__str__ is not object.__str__ and not isinstance(obj, (Mapping,)):
        try:
            return str(obj)
        except Exception:  # fall back to the type name like .NET's Object.ToString
            pass
    return _type_full_name(obj)


def _enum_to_string(e):
    cls = type(e)
    if isinstance(e, enum.Flag):
        v = e.value
        for m in cls.__members__.values():
            if m.value == v:
                return m.name
        # .NET lists the set flags, largest first filled from the definitions, as "A, B"
        parts = [m.name for m in cls.__members__.values()
                 if m.value and (m.value & v) == m.value and bin(m.value).count("1") == 1]
        return ", ".join(parts) if parts else str(v)
    return e.name if e.name is not None else str(e.value)


def _type_full_name(obj):
    name = getattr(type(obj), "__ps_type__", None)
    if name:
        return name
    try:
        from spshell.runtime import types
        return types.type_name_of(obj)
    except Exception:  # types module not available or no name: .NET's Object.ToString
        return "System.Object"


def _pscustomobject_to_string(obj):
    items = obj.items()
    if not items:
        return ""
    return "@{" + "; ".join(f"{k}={_element_to_string(v)}" for k, v in items) + "}"


def _element_to_string(v):
    """ToString without enumerating (elements inside a collection or a PSCustomObject)."""
    t = type(v)
    if t is str:
        return v
    if v is None or v is AutomationNull:
        return ""
    if t is int:
        return int.__repr__(v)
    if t is bool:
        return "True" if v else "False"
    if t is float:
        return _format_double(v)
    if isinstance(v, (int, float, Decimal)):
        return _n.format_number(v)
    if isinstance(v, str):
        return str.__str__(v)
    if isinstance(v, PSCustomObject):
        # a nested PSCustomObject's base object has an empty ToString
        return ""
    return _object_to_string(v)


def to_string(obj, ofs=None):
    """PowerShell string conversion ("$x", [string]$x): collections joined with $OFS."""
    t = type(obj)
    if t is str:
        return obj
    if t is int:
        return int.__repr__(obj)
    if obj is None:
        return ""
    if t is bool:
        return "True" if obj else "False"
    if t is float:
        return _format_double(obj)
    if t is list or t is tuple:
        sep = current_ofs() if ofs is None else ofs
        return sep.join([_element_to_string(x) for x in obj])
    if isinstance(obj, str):
        return str.__str__(obj)
    if isinstance(obj, (int, float, Decimal)):
        return _n.format_number(obj)
    if obj is AutomationNull:
        return ""
    if isinstance(obj, PSCustomObject):
        return _pscustomobject_to_string(obj)
    if isinstance(obj, Mapping) or hasattr(obj, "ToString"):
        return _object_to_string(obj)
    it = enumerate_object(obj)
    if it is not None:
        sep = current_ofs() if ofs is None else ofs
        return sep.join([_element_to_string(x) for x in it])
    return _object_to_string(obj)


def element_to_string(obj):
    """ToString of one object, without enumerating it ("System.Object[]" for an array)."""
    return _element_to_string(obj)


# ---------------------------------------------------------------------------------------------
# to_bool

def to_bool(obj):
    """LanguagePrimitives.IsTrue."""
    t = type(obj)
    if t is bool:
        return obj
    if obj is None:
        return False
    if t is str:
        return len(obj) != 0
    if t is int or t is float:
        return obj != 0
    if t is list or t is tuple:
        n = len(obj)
        if n == 0:
            return False
        if n == 1:
            first = obj[0]
            if isinstance(first, (list, tuple)):
                return len(first) > 0
            return to_bool(first)
        return True
    if obj is AutomationNull:
        return False
    if isinstance(obj, _Char):
        return True
    if isinstance(obj, (int, float, Decimal)):
        return obj != 0
    if isinstance(obj, str):
        return len(obj) != 0
    if isinstance(obj, SwitchParameter):
        return obj.IsPresent
    if isinstance(obj, list):  # list-based collection types (ArrayList, List[T])
        return to_bool(list(obj))
    return True


def to_bool_parameter(value, type_name="System.Boolean"):
    """[bool]/[switch] parameters accept only booleans and numbers (binder rule)."""
    if value is None or isinstance(value, (bool, SwitchParameter)):
        return bool(value)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, _Char):
        return value != 0
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return to_bool_parameter(value[0], type_name)
    exc = PSInvalidCastException(
        f'Cannot convert value "{element_to_string(value)}" to type "{type_name}". Boolean '
        'parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.')
    ErrorRecord(exc, "InvalidCastExceptionForBooleanArgumentValue", "InvalidArgument")
    raise exc


# ---------------------------------------------------------------------------------------------
# enumeration (what pipelines unroll)

def enumerate_object(obj):
    """An iterator over obj if PowerShell enumerates it in a pipeline, else None.

    Strings, hashtables/dictionaries and PSCustomObjects are single objects; lists, tuples,
    sets, generators and any class with __iter__ (unless it sets ``__ps_enumerable__ = False``)
    are enumerated."""
    t = type(obj)
    if t is list or t is tuple:
        return iter(obj)
    if obj is None or t is str or t is int or t is float or t is bool:
        return None
    flag = getattr(t, "__ps_enumerable__", None)
    if flag is True:
        # a collection .NET enumerates though Python sees a mapping (StringDictionary)
        custom = getattr(obj, "__ps_iter__", None)
        return custom() if custom is not None else iter(obj)
    if flag is False:
        return None
    if isinstance(obj, (str, bytes, Mapping, PSCustomObject, enum.Enum)):
        return None
    if hasattr(t, "__iter__"):
        try:
            return iter(obj)
        except TypeError:
            return None
    return None


def is_enumerable(obj):
    t = type(obj)
    if t is list or t is tuple:
        return True
    return enumerate_object(obj) is not None


# ---------------------------------------------------------------------------------------------
# Errors

def _value_text(value):
    return element_to_string(value)


def _type_name_for(value):
    if value is None:
        return "null"
    try:
        from spshell.runtime import types
        return types.type_name_of(value)
    except Exception:  # types module not loaded yet: fall back to our own names
        return _builtin_type_name(value)


def _builtin_type_name(value):
    t = type(value)
    name = getattr(t, "__ps_type__", None)
    if name:
        return name
    return {bool: "System.Boolean", int: "System.Int32", float: "System.Double",
            str: "System.String", list: "System.Object[]", tuple: "System.Object[]",
            Decimal: "System.Decimal", _dt.datetime: "System.DateTime",
            _dt.timedelta: "System.TimeSpan"}.get(t) or (
                "System.Guid" if _is_guid(value) else "System.Object")


_INTEGER_TYPES = {"System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte",
                  "System.UInt16", "System.UInt32", "System.UInt64",
                  "System.Numerics.BigInteger"}


def _cast_error_id(value, type_name, inner):
    if value is None:
        return "nullToObjectInvalidCast"
    if inner is None:
        return "ConvertToFinalInvalidCastException"
    if isinstance(value, str):
        if type_name in _INTEGER_TYPES:
            return "InvalidCastFromStringToInteger"
        if type_name in ("System.Double", "System.Single"):
            return "InvalidCastFromStringToDoubleOrSingle"
        if type_name == "System.Decimal":
            return "InvalidCastFromStringToDecimal"
        return "InvalidCastParseTargetInvocation"
    return "InvalidCastIConvertible"


def cast_error(value, type_name, inner=None, error_id=None):
    """The PSInvalidCastException PowerShell raises for a failed conversion (with an
    ErrorRecord carrying PowerShell's error id and the InvalidArgument category)."""
    if inner is not None:
        msg = inner if isinstance(inner, str) else getattr(inner, "Message", None) or str(inner)
        exc = PSInvalidCastException(
            f'Cannot convert value "{_value_text(value)}" to type "{type_name}". '
            f'Error: "{msg}"', inner if isinstance(inner, BaseException) else None)
    elif value is None:
        exc = PSInvalidCastException(f'Cannot convert null to type "{type_name}".')
    else:
        exc = PSInvalidCastException(
            f'Cannot convert the "{_value_text(value)}" value of type '
            f'"{_type_name_for(value)}" to type "{type_name}".')
    ErrorRecord(exc, error_id or _cast_error_id(value, type_name, inner), "InvalidArgument")
    return exc


# ---------------------------------------------------------------------------------------------
# numbers

_HEX_PREFIX = LazyRegex(r"\s*(?:0x|&h|#)([0-9a-fA-F]+)\s*\Z", re.I)
_NET_INT = LazyRegex(r"\s*[+-]?\d+\s*\Z")
_NET_FLOAT = LazyRegex(r"\s*[+-]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*\Z")


def _string_to_integer(s, code):
    """ConvertStringToInteger: scanner, then .NET's Int32Converter, then through Double."""
    type_name = _n.TYPE_NAMES[code]
    if s == "":
        return _n.make_int(0, code) if code != _n.TC_BIGINT else _n.BigInteger(0)
    v = _n.parse_number(s)
    if v is not None:
        return _number_to_integer(v, code, s)
    m = _HEX_PREFIX.match(s)
    if m:
        big = int(m.group(1), 16)
        width = {_n.TC_SBYTE: 8, _n.TC_INT16: 16, _n.TC_INT32: 32, _n.TC_INT64: 64}.get(code)
        if width and big >= 1 << (width - 1) and big < 1 << width:
            big -= 1 << width  # Int32Converter reads hex as two's complement
        r = _fit_int(big, code)
        if r is None:
            raise cast_error(s, type_name, _n.overflow_message(code))
        return r
    # .NET int.Parse failed with a FormatException: PowerShell retries through Double
    if _NET_FLOAT.match(s) and any(ch.isdigit() for ch in s):
        try:
            f = float(s.strip().replace(",", ""))
        except ValueError:
            f = None
        if f is not None:
            r = _fit_int(_n.round_half_even(f), code) if math.isfinite(f) else None
            if r is not None:
                return r
    raise cast_error(s, type_name, _INPUT_FORMAT)


def _fit_int(big, code):
    if code == _n.TC_BIGINT:
        return _n.BigInteger(big)
    return _n.make_int(big, code)


def _number_to_integer(v, code, original=None):
    type_name = _n.TYPE_NAMES[code]
    if isinstance(v, float):
        if not math.isfinite(v):
            raise cast_error(original if original is not None else v, type_name,
                             _n.overflow_message(code))
        big = _n.round_half_even(v)
    elif isinstance(v, Decimal):
        big = _n.round_half_even(v)
    else:
        big = int(v)
    r = _fit_int(big, code)
    if r is None:
        raise cast_error(original if original is not None else v, type_name,
                         _n.overflow_message(code))
    return r


def _to_integer(value, code):
    t = type(value)
    if t is int:
        if code == _n.TC_INT32:
            if -2147483648 <= value <= 2147483647:
                return value
            raise cast_error(value, "System.Int32", _n.overflow_message(code))
        return _number_to_integer(value, code)
    if value is None or value is AutomationNull:
        return _fit_int(0, code)
    if t is bool:
        return _fit_int(1 if value else 0, code)
    if isinstance(value, _Char):
        return _number_to_integer(ord(value), code)
    if isinstance(value, str):
        return _string_to_integer(str(value), code)
    if isinstance(value, (int, float, Decimal)):
        return _number_to_integer(value, code)
    if isinstance(value, SwitchParameter):
        return _fit_int(1 if value.IsPresent else 0, code)
    if isinstance(value, enum.Enum) and isinstance(value.value, int):
        return _number_to_integer(value.value, code)
    raise cast_error(value, _n.TYPE_NAMES[code])


def _string_to_float(s, single=False):
    type_name = "System.Single" if single else "System.Double"
    if s == "":
        return _Single(0.0) if single else 0.0
    v = _n.parse_number(s)
    if v is None:
        t = s.strip()
        if _NET_FLOAT.match(t) and any(ch.isdigit() for ch in t):
            v = float(t.replace(",", ""))
        else:
            low = t.lower()
            special = {"nan": math.nan, "infinity": math.inf, "-infinity": -math.inf,
                       "+infinity": math.inf, "\u221e": math.inf, "-\u221e": -math.inf}
            if low in special:
                v = special[low]
            else:
                raise cast_error(s, type_name, _INPUT_FORMAT)
    if isinstance(v, Decimal):
        v = float(v)
    return _Single(v) if single else float(v)


def to_double(value):
    t = type(value)
    if t is float:
        return value
    if t is int or t is bool:
        return float(value)
    if value is None or value is AutomationNull:
        return 0.0
    if isinstance(value, _Char):
        return float(ord(value))
    if isinstance(value, str):
        return _string_to_float(str(value))
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if isinstance(value, SwitchParameter):
        return 1.0 if value.IsPresent else 0.0
    raise cast_error(value, "System.Double")


def to_single(value):
    if isinstance(value, str) and not isinstance(value, _Char):
        return _string_to_float(str(value), single=True)
    return _Single(to_double(value) if not isinstance(value, Decimal) else float(value))


def to_decimal(value):
    t = type(value)
    if t is Decimal:
        return value
    if t is int or t is bool:
        return Decimal(int(value))
    if value is None or value is AutomationNull:
        return Decimal(0)
    try:
        if isinstance(value, float):
            return _n.decimal_from_float(value)
        if isinstance(value, _Char):
            return Decimal(ord(value))
        if isinstance(value, int):
            return _n.fit_decimal(Decimal(int(value)))
        if isinstance(value, Decimal):
            return value
    except OverflowException as e:
        raise cast_error(value, "System.Decimal", e.Message) from None
    if isinstance(value, str):
        s = str(value)
        if s == "":
            return Decimal(0)
        v = _n.parse_number(s)
        if v is None:
            t2 = s.strip()
            if _NET_FLOAT.match(t2) and any(ch.isdigit() for ch in t2):
                try:
                    v = Decimal(t2.replace(",", ""))
                except decimal.InvalidOperation:
                    v = None
            if v is None:
                raise cast_error(s, "System.Decimal", _INPUT_FORMAT)
        try:
            if isinstance(v, float):
                return _n.decimal_from_float(v)
            return _n.fit_decimal(Decimal(v) if not isinstance(v, Decimal) else v)
        except OverflowException as e:
            raise cast_error(s, "System.Decimal", e.Message) from None
    if isinstance(value, SwitchParameter):
        return Decimal(1 if value.IsPresent else 0)
    raise cast_error(value, "System.Decimal")


def to_number(value):
    """The number a value stands for in arithmetic: numbers as they are, strings scanned as
    numeric literals, $null 0, bools 0/1. Raises the Int32 cast error PowerShell shows."""
    t = type(value)
    if t is int or t is float:
        return value
    if value is None or value is AutomationNull:
        return 0
    if t is bool:
        return 1 if value else 0
    if isinstance(value, _Char):
        return ord(value)
    if isinstance(value, str):
        v = _n.parse_number(str(value))
        if v is None:
            raise cast_error(value, "System.Int32", _INPUT_FORMAT)
        return v
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, SwitchParameter):
        return 1 if value.IsPresent else 0
    if isinstance(value, enum.Enum) and isinstance(value.value, int):
        return int(value.value)
    raise cast_error(value, "System.Int32")


def to_int(value):
    return _to_integer(value, _n.TC_INT32)


# ---------------------------------------------------------------------------------------------
# dates and times

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_ISO_RE = LazyRegex(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?\Z", re.I)
_US_RE = LazyRegex(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"\s*(AM|PM)?)?\s*(Z|[+-]\d{2}:?\d{2})?\Z", re.I)
_YMD_SLASH_RE = LazyRegex(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                          r"\s*(AM|PM)?)?\Z", re.I)
_TIME_RE = LazyRegex(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(AM|PM)?\Z", re.I)
_WORDY_RE = LazyRegex(
    r"(?:(?:%s)[a-z]*,?\s+)?(?:(\d{1,2})\s+([a-z]+)|([a-z]+)\s+(\d{1,2}))(?:,?\s+(\d{4}))?"
    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?\Z" % "|".join(d[:3] for d in _DAYS),
    re.I)


def _mk_dt(y, mo, d, h=0, mi=0, s=0, frac=None, ampm=None, tz=None):
    y, mo, d, h, mi, s = int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0)
    if y < 100:
        y += 2000 if y < 50 else 1900
    if ampm:
        if h > 12 or h == 0:
            raise ValueError("hour")
        h = h % 12 + (12 if ampm.upper() == "PM" else 0)
    us = int((frac + "000000")[:6]) if frac else 0
    value = _dt.datetime(y, mo, d, h, mi, s, us)
    if tz:
        if tz.upper() == "Z":
            offset = _dt.timedelta(0)
        else:
            sign = -1 if tz[0] == "-" else 1
            digits = tz[1:].replace(":", "")
            offset = sign * _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        # .NET converts a string with a zone to local time
        value = value.replace(tzinfo=_dt.timezone(offset)).astimezone().replace(tzinfo=None)
    return value


def parse_datetime(text):
    """DateTime.Parse with the invariant culture (month/day/year), or None."""
    s = " ".join(str(text).split())
    if not s:
        return None
    try:
        m = _ISO_RE.match(s)
        if m:
            return _mk_dt(*m.groups()[:7], tz=m.group(8))
        m = _US_RE.match(s)
        if m:
            g = m.groups()
            return _mk_dt(g[2], g[0], g[1], g[3], g[4], g[5], g[6], g[7], g[8])
        m = _YMD_SLASH_RE.match(s)
        if m:
            g = m.groups()
            return _mk_dt(g[0], g[1], g[2], g[3], g[4], g[5], None, g[6])
        m = _TIME_RE.match(s)
        if m:
            today = _dt.date.today()
            g = m.groups()
            return _mk_dt(today.year, today.month, today.day, g[0], g[1], g[2], g[3], g[4])
        m = _WORDY_RE.match(s)
        if m:
            g = m.groups()
            day, month = (g[0], g[1]) if g[0] else (g[3], g[2])
            mo = _MONTHS.get(month.lower()) or _MONTHS.get(month.lower()[:3])
            if mo is None or (len(month) > 3 and month.lower() not in _MONTHS):
                return None
            year = g[4] or _dt.date.today().year
            return _mk_dt(year, mo, day, g[5], g[6], g[7], None, g[8])
    except (ValueError, OverflowError):
        return None
    return None


_TS_RE = LazyRegex(r"\s*(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d{1,7}))?)?\s*\Z")
_TS_DAYS_RE = LazyRegex(r"\s*(-)?(\d+)\s*\Z")
_TS_DAY_COLON_RE = LazyRegex(r"\s*(-)?(\d+):(\d+):(\d+):(\d+)(?:\.(\d{1,7}))?\s*\Z")


def parse_timespan(text):
    """TimeSpan.Parse (invariant): [-][d.]hh:mm[:ss[.fffffff]] or [-]d; None if invalid."""
    m = _TS_RE.match(text)
    if m:
        neg, d, h, mi, s, frac = m.groups()
        h, mi, s = int(h), int(mi), int(s or 0)
        if h > 23 or mi > 59 or s > 59:
            return None
        ticks = ((int(d or 0) * 24 + h) * 60 + mi) * 60 + s
        ticks = ticks * 10_000_000 + (int((frac + "0000000")[:7]) if frac else 0)
        return ticks_to_timespan(-ticks if neg else ticks)
    m = _TS_DAY_COLON_RE.match(text)
    if m:
        neg, d, h, mi, s, frac = m.groups()
        ticks = ((int(d) * 24 + int(h)) * 60 + int(mi)) * 60 + int(s)
        ticks = ticks * 10_000_000 + (int((frac + "0000000")[:7]) if frac else 0)
        return ticks_to_timespan(-ticks if neg else ticks)
    m = _TS_DAYS_RE.match(text)
    if m:
        days = int(m.group(2))
        return _dt.timedelta(days=-days if m.group(1) else days)
    return None


def ticks_to_timespan(ticks):
    return _dt.timedelta(microseconds=ticks // 10) if ticks >= 0 else \
        -_dt.timedelta(microseconds=(-ticks) // 10)


def _to_datetime(value):
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        d = parse_datetime(value)
        if d is None:
            raise cast_error(value, "System.DateTime",
                             "String was not recognized as a valid DateTime.")
        return d
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0 or value > 3155378975999999999:
            raise cast_error(value, "System.DateTime",
                             "Ticks must be between DateTime.MinValue.Ticks and "
                             "DateTime.MaxValue.Ticks. (Parameter 'ticks')")
        return _dt.datetime(1, 1, 1) + _dt.timedelta(microseconds=int(value) // 10)
    raise cast_error(value, "System.DateTime")


def _to_timespan(value):
    if isinstance(value, _dt.timedelta):
        return value
    if isinstance(value, str):
        td = parse_timespan(value)
        if td is None:
            raise cast_error(value, "System.TimeSpan",
                             "String was not recognized as a valid TimeSpan.")
        return td
    if isinstance(value, int) and not isinstance(value, bool):
        return ticks_to_timespan(int(value))
    raise cast_error(value, "System.TimeSpan")


def _to_guid(value):
    if _is_guid(value):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            if s.startswith("{") and s.endswith("}") or s.startswith("(") and s.endswith(")"):
                s = s[1:-1]
            if len(s) not in (32, 36):
                raise ValueError
            import uuid
            return uuid.UUID(s)
        except ValueError:
            raise cast_error(value, "System.Guid",
                             "Guid should contain 32 digits with 4 dashes "
                             "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).") from None
    raise cast_error(value, "System.Guid")


# ---------------------------------------------------------------------------------------------
# convert_to

def _to_char(value):
    if isinstance(value, _Char):
        return value
    if isinstance(value, str):
        if len(value) == 1:
            return _Char(value)
        raise cast_error(value, "System.Char", "String must be exactly one character long.")
    if value is None:
        return _Char("\0")
    if isinstance(value, bool):
        raise cast_error(value, "System.Char")
    if isinstance(value, (int, float, Decimal)):
        n = _number_to_integer(value, _n.TC_CHAR)
        return n
    raise cast_error(value, "System.Char")


def _to_string_target(value):
    if value is None:
        return ""
    if isinstance(value, _Char):
        return str.__str__(value)
    return to_string(value)


def _to_hashtable(value, cls=Hashtable):
    if isinstance(value, cls):
        return value
    if isinstance(value, Mapping):
        h = cls()
        for k, v in value.items():
            h[k] = v
        return h
    raise cast_error(value, getattr(cls, "__ps_type__", "System.Collections.Hashtable"))


def _to_pscustomobject(value):
    if isinstance(value, Mapping):
        return PSCustomObject(value)
    if value is None:
        return PSCustomObject()
    return value


def _to_switch(value):
    return SwitchParameter(to_bool(value))


def _to_ref(value):
    if isinstance(value, PSReference):
        return value
    cell = [value]

    def _get():
        return cell[0]

    def _set(v):
        cell[0] = v

    return PSReference(_get, _set)


def _to_object_array(value):
    if value is None:
        return None
    if type(value) is list:
        return value
    it = enumerate_object(value)
    if it is not None:
        return list(it)
    return [value]


def _identity(value):
    return value


_SIMPLE_CONVERTERS = {
    str: _to_string_target,
    bool: to_bool,
    int: lambda v: _to_integer(v, _n.TC_INT32),
    _n.Int64: lambda v: _to_integer(v, _n.TC_INT64),
    _n.UInt64: lambda v: _to_integer(v, _n.TC_UINT64),
    _n.UInt32: lambda v: _to_integer(v, _n.TC_UINT32),
    _n.Int16: lambda v: _to_integer(v, _n.TC_INT16),
    _n.UInt16: lambda v: _to_integer(v, _n.TC_UINT16),
    _n.Byte: lambda v: _to_integer(v, _n.TC_BYTE),
    _n.SByte: lambda v: _to_integer(v, _n.TC_SBYTE),
    _n.BigInteger: lambda v: _to_integer(v, _n.TC_BIGINT),
    float: to_double,
    _Single: to_single,
    Decimal: to_decimal,
    _Char: _to_char,
    _dt.datetime: _to_datetime,
    _dt.timedelta: _to_timespan,
    Hashtable: _to_hashtable,
    OrderedDictionary: lambda v: _to_hashtable(v, OrderedDictionary),
    PSCustomObject: _to_pscustomobject,
    SwitchParameter: _to_switch,
    PSReference: _to_ref,
    object: _identity,
    list: _to_object_array,
    tuple: _to_object_array,
}

_NAME_CONVERTERS = {
    "system.object": _identity,
    "system.management.automation.psobject": _identity,
    "system.void": lambda v: AutomationNull,
    "system.object[]": _to_object_array,
    "system.array": _to_object_array,
    "system.string": _to_string_target,
    "system.boolean": to_bool,
    "system.int32": lambda v: _to_integer(v, _n.TC_INT32),
    "system.double": to_double,
    "system.guid": _to_guid,
}


def _resolve_target(target):
    """(python class or None, full name, element target or None, generic args)."""
    if isinstance(target, str):
        from spshell.runtime import types
        resolved = types.resolve_type(target)
        if resolved is None:
            from spshell.runtime.errors import RuntimeException
            raise RuntimeException(f"Unable to find type [{target}].")
        target = resolved
    if isinstance(target, type):
        name = getattr(target, "__ps_type__", None) or _builtin_type_name_for_class(target)
        return target, name, None, ()
    cls = getattr(target, "cls", None)
    name = getattr(target, "FullName", None) or getattr(cls, "__ps_type__", "") or ""
    elem = getattr(target, "element_type", None)
    gen = getattr(target, "generic_args", None) or ()
    return cls, name, elem, tuple(gen)


_CLASS_NAMES = {bool: "System.Boolean", int: "System.Int32", float: "System.Double",
                str: "System.String", list: "System.Object[]", tuple: "System.Object[]",
                Decimal: "System.Decimal", _dt.datetime: "System.DateTime",
                _dt.timedelta: "System.TimeSpan",
                object: "System.Object", dict: "System.Collections.Hashtable",
                type(None): "System.Void"}


def _builtin_type_name_for_class(cls):
    if cls.__name__ == "UUID" and cls.__module__ == "uuid":
        return "System.Guid"
    return _CLASS_NAMES.get(cls, cls.__name__)


def convert_to(value, target):
    """[T]value: convert with PowerShell's rules or raise PSInvalidCastException.

    ``target`` is a PSType (from spshell.runtime.types), a Python class, or a type name."""
    # fast paths for the common casts
    conv = _SIMPLE_CONVERTERS.get(target) if isinstance(target, type) else None
    if conv is not None:
        return conv(value)
    if target.__class__ is type and target.__name__ == "UUID" and target.__module__ == "uuid":
        return _to_guid(value)
    cls, name, elem, generic = _resolve_target(target)
    if elem is not None:
        return _to_typed_array(value, cls, name, elem)
    low = name.lower()
    conv = _NAME_CONVERTERS.get(low)
    if conv is not None:
        return conv(value)
    if cls is not None:
        conv = _SIMPLE_CONVERTERS.get(cls)
        if conv is not None and not generic:
            return conv(value)
        return _convert_to_class(value, cls, name, generic)
    # interfaces and abstract types: the value passes if it already satisfies the type
    if value is None:
        return None
    try:
        from spshell.runtime import types
        if types.is_instance(value, target):
            return value
    except (ImportError, AttributeError, TypeError):
        pass
    raise cast_error(value, name)


def _to_typed_array(value, cls, name, elem):
    if value is None:
        return None
    elem_cls = elem if isinstance(elem, type) else getattr(elem, "cls", None)
    if isinstance(value, str) and not isinstance(value, _Char) and elem_cls is _Char:
        items = [_Char(c) for c in value]
    else:
        it = enumerate_object(value)
        src = list(it) if it is not None else [value]
        elem_name = getattr(elem, "FullName", None) or getattr(elem_cls, "__ps_type__", "")
        if elem_name.lower() in ("system.object", "system.management.automation.psobject"):
            items = src
        else:
            try:
                items = [convert_to(x, elem) for x in src]
            except PSInvalidCastException as e:
                if it is None:
                    raise
                raise cast_error(value, name, e.Message) from None
    if cls is not None and cls is not list and isinstance(cls, type) and issubclass(cls, list):
        try:
            return cls(items)
        except TypeError:
            return items
    return items


def _convert_to_class(value, cls, name, generic):
    if value is not None and not generic and isinstance(value, cls):
        return value
    hook = getattr(cls, "__ps_convert__", None)
    if hook is not None:
        try:
            r = hook(value)
        except PSInvalidCastException:
            raise
        except DotNetException as e:
            raise cast_error(value, name, e) from None
        except (ValueError, TypeError) as e:
            raise cast_error(value, name, str(e)) from None
        if r is not NotImplemented:
            return r
        # the class said which values it accepts; only the hashtable initializer remains
        if isinstance(value, Mapping) and isinstance(cls, type):
            made = _hashtable_to_object(value, cls, name)
            if made is not None:
                return made
        raise cast_error(value, name)
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return _to_enum(value, cls, name)
    if isinstance(cls, type) and issubclass(cls, list):
        # generic List[T] and other list-based collections
        it = enumerate_object(value) if value is not None else iter(())
        src = list(it) if it is not None else [value]
        if generic:
            src = [convert_to(x, generic[0]) for x in src]
        try:
            return cls(src)
        except TypeError:
            r = cls()
            r.extend(src)
            return r
    if generic and value is not None and isinstance(cls, type) and not issubclass(cls, Mapping):
        # other generic collections (HashSet[T], Queue[T], ...) take an enumerable of T
        it = enumerate_object(value)
        src = list(it) if it is not None else [value]
        items = [convert_to(x, generic[0]) for x in src]
        try:
            return cls(items)
        except (TypeError, ValueError):
            pass
    if isinstance(cls, type) and issubclass(cls, Mapping) and isinstance(value, Mapping):
        r = cls()
        for k, v in value.items():
            if len(generic) == 2:
                k, v = convert_to(k, generic[0]), convert_to(v, generic[1])
            r[k] = v
        return r
    if value is None:
        # null converts to any reference type
        return None
    if isinstance(value, Mapping) and isinstance(cls, type):
        made = _hashtable_to_object(value, cls, name)
        if made is not None:
            return made
    if isinstance(value, str):
        parse = getattr(cls, "Parse", None)
        if parse is not None and callable(parse):
            try:
                return parse(value)
            except PSInvalidCastException:
                raise
            except DotNetException as e:
                raise cast_error(value, name, e) from None
            except (TypeError, ValueError):
                pass
    if isinstance(value, (SecureString, PSCredential)) or cls in (SecureString, PSCredential) \
            or name.lower() in _NO_CONSTRUCTOR_TYPES:
        raise cast_error(value, name)
    if getattr(cls, "__ps_type__", None) and getattr(cls, "__ps_constructible__", True) \
            and not isinstance(value, (list, tuple)):
        # PowerShell tries a constructor that takes the value
        try:
            return cls(value)
        except DotNetException as e:
            raise cast_error(value, name, e) from None
        except (TypeError, ValueError, AttributeError):
            pass
    raise cast_error(value, name)


# types PowerShell never builds from another value through a constructor
_NO_CONSTRUCTOR_TYPES = {"system.management.automation.scriptblock",
                         "system.management.automation.errorrecord",
                         "system.management.automation.psreference"}


def _hashtable_to_object(value, cls, name):
    """[T]@{Prop=..}: default constructor, then set each property."""
    try:
        obj = cls()
    except DotNetException as e:
        raise cast_error(value, name, e) from None
    except TypeError:
        return None
    from spshell.runtime import types
    for k, v in value.items():
        key = to_string(k)
        try:
            types.set_property(obj, key, v)
        except DotNetException as e:
            msg = getattr(e, "Message", str(e))
            if "cannot be found" in msg or "not found" in msg:
                msg = (f'Cannot create object of type "{name}". The {key} property was not '
                       f'found for the {name} object.')
            raise PSInvalidCastException(
                f'Cannot convert value "System.Collections.Hashtable" to type "{name}". '
                f'Error: "{msg}"', e) from None
    return obj


def _to_enum(value, cls, name):
    members = list(cls.__members__.items())
    names = ", ".join(k for k, _ in members)
    if value is None:
        raise PSInvalidCastException(
            f'Cannot convert null to type "{name}" due to enumeration values that are not '
            f'valid. Specify one of the following enumeration values and try again. The '
            f'possible enumeration values are "{names}".')
    if isinstance(value, cls):
        return value
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str) and not isinstance(value, _Char):
        parts = [p.strip() for p in value.split(",")]
        is_flag = issubclass(cls, enum.Flag)
        if len(parts) > 1 and not is_flag:
            raise PSInvalidCastException(
                f'Cannot convert value "{value}" to type "{name}" because no commas are '
                f'allowed for this enumeration.')
        result = None
        for p in parts:
            m = None
            for k, member in members:
                if k.lower() == p.lower():
                    m = member
                    break
            if m is None:
                num = _n.parse_number(p) if p else None
                if isinstance(num, int):
                    try:
                        m = cls(int(num))
                    except ValueError:
                        m = None
            if m is None:
                raise PSInvalidCastException(
                    f'Cannot convert value "{value}" to type "{name}" due to enumeration values '
                    f'that are not valid. Specify one of the following enumeration values and '
                    f'try again. The possible enumeration values are "{names}".')
            result = m if result is None else (result | m)
        return result
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        try:
            return cls(_number_to_integer(value, _n.TC_INT64) if not isinstance(value, int)
                       else int(value))
        except ValueError:
            raise cast_error(value, name) from None
    raise cast_error(value, name)


def as_type(value, target):
    """``value -as [T]``: the converted value, or None when conversion fails."""
    if isinstance(target, type) and target is not object and value is not None:
        if type(value) is target:
            return value
    try:
        return convert_to(value, target)
    except (DotNetException, ValueError, TypeError, OverflowError):
        return None


def try_convert(value, target):
    """(True, converted) or (False, None), for overload resolution and binding."""
    try:
        return True, convert_to(value, target)
    except (DotNetException, ValueError, TypeError, OverflowError):
        return False, None


__all__ = ["to_string", "to_bool", "to_number", "to_double", "to_decimal", "to_int",
           "convert_to", "as_type", "try_convert", "enumerate_object", "is_enumerable",
           "cast_error", "parse_datetime", "parse_timespan", "format_timespan",
           "format_datetime_invariant", "element_to_string", "to_bool_parameter",
           "current_ofs", "ofs_provider"]
