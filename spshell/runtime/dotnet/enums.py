"""Enumerations: Python ``enum.Enum``/``enum.Flag`` classes carrying ``__ps_type__`` (the
conversion module already converts names and numbers to them), plus [enum]'s static methods."""
from __future__ import annotations

import enum

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig, prop
from spshell.runtime.dotnet.common import ObjectAdapter


def make_enum(full_name, members, flags=False):
    """An enum type named like .NET: ``make_enum('System.DayOfWeek', [('Sunday', 0), ...])``."""
    short = full_name.rsplit(".", 1)[-1]
    # plain Enum/Flag, not IntEnum: string conversion must give the name, not the number
    cls = (enum.Flag if flags else enum.Enum)(short, members)
    cls.__ps_type__ = full_name
    cls.__ps_type_names__ = (full_name, "System.Enum", "System.ValueType", "System.Object")
    cls.__str__ = _enum_str
    cls.ToString = _enum_tostring  # string conversion calls a ToString attribute when present
    cls.__int__ = lambda self: int(self.value)
    cls.__index__ = lambda self: int(self.value)
    return cls


def _enum_str(self):
    name = self._name_
    if name is not None and "|" not in name:
        return name
    names = [m.name for m in type(self).__members__.values()
             if m.value and (m.value & self.value) == m.value]
    return ", ".join(names) if names else str(self.value)


def _enum_tostring(self, fmt=None):
    if fmt and str(fmt).upper() == "D":
        return str(int(self.value))
    if fmt and str(fmt).upper() == "X":
        return f"{int(self.value):08X}"
    return _enum_str(self)


def _pstype(t):
    from spshell.runtime.types import resolve_type, PSType
    if isinstance(t, PSType):
        return t
    if isinstance(t, str):
        return resolve_type(t)
    return None


def _enum_cls(t):
    pt = _pstype(t)
    if pt is None or not pt.enum:
        e = E.ArgumentException("Type provided must be an Enum. (Parameter 'enumType')")
        raise e
    return pt.cls, pt


class EnumAdapter(ObjectAdapter):
    __ps_exclusive__ = True

    @prop("int")
    def value__(e):
        return int(e.value)

    @sig("bool HasFlag(System.Enum flag)")
    def HasFlag(e, flag):
        f = int(getattr(flag, "value", flag))
        return (int(e.value) & f) == f

    @sig("string ToString()", "string ToString(string format)")
    def ToString(e, fmt=None):
        if fmt and fmt.upper() == "D":
            return str(int(e.value))
        if fmt and fmt.upper() == "X":
            return f"{int(e.value):08X}"
        return _enum_str(e)

    @sig("int CompareTo(System.Object target)")
    def CompareTo(e, other):
        a, b = int(e.value), int(getattr(other, "value", other))
        return (a > b) - (a < b)

    @sig("System.TypeCode GetTypeCode()")
    def GetTypeCode(e):
        return "Int32"


class EnumStatics:
    @sig("static string[] GetNames(type enumType)")
    def GetNames(t):
        cls, _ = _enum_cls(t)
        return list(cls.__members__)

    @sig("static System.Array GetValues(type enumType)")
    def GetValues(t):
        cls, _ = _enum_cls(t)
        return list(cls.__members__.values())

    @sig("static string GetName(type enumType, System.Object value)")
    def GetName(t, value):
        cls, _ = _enum_cls(t)
        try:
            return cls(int(getattr(value, "value", value))).name
        except ValueError:
            return None

    @sig("static bool IsDefined(type enumType, System.Object value)")
    def IsDefined(t, value):
        cls, _ = _enum_cls(t)
        if isinstance(value, str):
            return value in cls.__members__
        return int(getattr(value, "value", value)) in {m.value for m in cls}

    @sig("static System.Object Parse(type enumType, string value)",
         "static System.Object Parse(type enumType, string value, bool ignoreCase)")
    def Parse(t, value, ignore_case=False):
        cls, pt = _enum_cls(t)
        parts = [p.strip() for p in str(value).split(",")]
        result = None
        for p in parts:
            m = None
            for name, member in cls.__members__.items():
                if name == p or (ignore_case and name.lower() == p.lower()):
                    m = member
                    break
            if m is None and p.lstrip("-").isdigit():
                m = cls(int(p))
            if m is None:
                raise E.ArgumentException(
                    f"Requested value '{p}' was not found.")
            result = m if result is None else cls(int(result) | int(m))
        return result

    @sig("static System.Object ToObject(type enumType, System.Object value)")
    def ToObject(t, value):
        cls, _ = _enum_cls(t)
        return cls(int(value))
