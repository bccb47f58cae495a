"""System.Guid, System.Version, System.Random, System.Globalization.CultureInfo."""
from __future__ import annotations

import re

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig, prop, static_prop
from spshell.runtime.dotnet.common import ObjectAdapter, try_parse


# ---- Guid ------------------------------------------------------------------------------------


def guid_to_string(g, fmt=None):
    f = (fmt or "D").upper() if fmt else "D"
    if f == "N":
        return g.hex
    if f == "D":
        return str(g)
    if f == "B":
        return "{" + str(g) + "}"
    if f == "P":
        return "(" + str(g) + ")"
    if f == "X":
        h = g.hex
        rest = ",".join(f"0x{h[i:i + 2]}" for i in range(16, 32, 2))
        return f"{{0x{h[:8]},0x{h[8:12]},0x{h[12:16]},{{{rest}}}}}"
    raise E.FormatException("Format string can be only \"D\", \"d\", \"N\", \"n\", \"P\", "
                            "\"p\", \"B\", \"b\", \"X\" or \"x\".")


def _uuid():
    # imported on use: this module loads at every start-up (Version, for $PSVersionTable) and
    # uuid brings the platform module with it
    import uuid
    return uuid


def parse_guid(s):
    if s is None:
        raise E.ArgumentNullException("Value cannot be null. (Parameter 'input')")
    t = s.strip()
    if (t.startswith("{") and t.endswith("}")) or (t.startswith("(") and t.endswith(")")):
        t = t[1:-1]
    if re.fullmatch(r"[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                    r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", t):
        return _uuid().UUID(t)
    raise E.FormatException("Unrecognized Guid format.")


class GuidAdapter(ObjectAdapter):
    @prop("string")
    def Guid(g):  # PowerShell's ETS property (types.ps1xml)
        return str(g)

    @sig("string ToString()", "string ToString(string format)",
         "string ToString(string format, System.IFormatProvider provider)")
    def ToString(g, fmt=None, provider=None):
        return guid_to_string(g, fmt)

    @sig("byte[] ToByteArray()")
    def ToByteArray(g):
        from spshell.runtime import types
        return types.array_type(types.resolve_type("byte")).cls(list(g.bytes_le))

    @sig("int CompareTo(System.Object value)")
    def CompareTo(g, other):
        if other is None:
            return 1
        return (g.int > other.int) - (g.int < other.int)

    @sig("bool Equals(System.Object o)")
    def Equals(g, other):
        return isinstance(other, _uuid().UUID) and g == other


class GuidStatics:
    Empty = static_prop("guid", getter=lambda: _uuid().UUID(int=0))

    @sig("static guid NewGuid()")
    def NewGuid():
        return _uuid().uuid4()

    @sig("static guid Parse(string input)")
    def Parse(s):
        return parse_guid(s)

    @sig("static guid ParseExact(string input, string format)")
    def ParseExact(s, fmt):
        g = parse_guid(s)
        if guid_to_string(g, fmt).lower() != s.strip().lower():
            raise E.FormatException("Unrecognized Guid format.")
        return g

    @sig("static bool TryParse(string input, ref guid result)")
    def TryParse(s, ref):
        return try_parse(lambda: parse_guid(s), ref, _uuid().UUID(int=0))

    @sig("static guid new(string g)", "static guid new(byte[] b)")
    def new(v):
        if isinstance(v, str):
            return parse_guid(v)
        return _uuid().UUID(bytes_le=bytes(int(x) for x in v))


# ---- Version ---------------------------------------------------------------------------------


class Version:
    """System.Version: Major.Minor[.Build[.Revision]] (missing parts are -1)."""

    __ps_type__ = "System.Version"
    __ps_default_display__ = ("Major", "Minor", "Build", "Revision")
    __slots__ = ("_parts",)

    def __init__(self, *parts):
        if len(parts) == 1 and isinstance(parts[0], str):
            parts = Version._parse(parts[0])
        elif len(parts) == 1 and isinstance(parts[0], Version):
            parts = tuple(p for p in parts[0]._parts)
        elif len(parts) == 1:
            raise E.ArgumentException("Version string portion was too short or too long.")
        parts = tuple(int(p) for p in parts)
        if len(parts) and (len(parts) < 2 or len(parts) > 4):
            raise E.ArgumentException("Version string portion was too short or too long. "
                                      "(Parameter 'input')")
        for p, name in zip(parts, ("major", "minor", "build", "revision")):
            if p < 0:
                raise E.ArgumentOutOfRangeException(f"Version's parameters must be greater than "
                                                    f"or equal to zero. (Parameter '{name}')")
        self._parts = parts or (0, 0)

    @classmethod
    @sig("version new()", "version new(string version)", "version new(int major, int minor)",
         "version new(int major, int minor, int build)",
         "version new(int major, int minor, int build, int revision)")
    def __ps_new__(cls, *parts):
        return cls(*parts)

    @staticmethod
    def _parse(s):
        t = s.strip()
        bits = t.split(".")
        if len(bits) < 2 or len(bits) > 4:
            raise E.ArgumentException("Version string portion was too short or too long. "
                                      "(Parameter 'input')")
        out = []
        for b in bits:
            if not re.fullmatch(r"\s*\+?\d+\s*", b):
                raise E.FormatException(f"The input string '{b}' was not in a correct format.")
            v = int(b)
            if v > 2147483647:
                raise E.OverflowException("Value was either too large or too small for an "
                                          "Int32.")
            out.append(v)
        return tuple(out)

    @classmethod
    def Parse(cls, s):
        if s is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'input')")
        return cls(*cls._parse(s))

    @classmethod
    def __ps_convert__(cls, value):
        if isinstance(value, str):
            return cls.Parse(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            text = repr(float(value)) if isinstance(value, float) else f"{value}.0"
            return cls.Parse(text)
        return NotImplemented

    def _get(self, i):
        return self._parts[i] if i < len(self._parts) else -1

    @property
    def Major(self):
        return self._get(0)

    @property
    def Minor(self):
        return self._get(1)

    @property
    def Build(self):
        return self._get(2)

    @property
    def Revision(self):
        return self._get(3)

    @property
    def MajorRevision(self):
        r = self._get(3)
        return (r >> 16) if r >= 0 else -1

    @property
    def MinorRevision(self):
        r = self._get(3)
        return (r & 0xFFFF) if r >= 0 else -1

    def _key(self):
        return tuple(self._get(i) for i in range(4))

    @sig("int CompareTo(System.Object version)")
    def CompareTo(self, other):
        if other is None:
            return 1
        if not isinstance(other, Version):
            raise E.ArgumentException("Object must be of type Version.")
        a, b = self._key(), other._key()
        return (a > b) - (a < b)

    def __eq__(self, other):
        return isinstance(other, Version) and self._key() == other._key()

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def __hash__(self):
        return hash(self._key())

    def Equals(self, other):
        return self == other

    @sig("string ToString()", "string ToString(int fieldCount)")
    def ToString(self, count=None):
        if count is None:
            return ".".join(str(p) for p in self._parts)
        if not 0 <= count <= len(self._parts):
            raise E.ArgumentException(f"Argument must be between 0 and {len(self._parts)}. "
                                      f"(Parameter 'fieldCount')")
        return ".".join(str(p) for p in self._parts[:count])

    def Clone(self):
        return Version(*self._parts)

    def __str__(self):
        return self.ToString()

    def __repr__(self):
        return f"Version({self.ToString()})"


class VersionStatics:
    @sig("static version Parse(string input)")
    def Parse(s):
        return Version.Parse(s)

    @sig("static bool TryParse(string input, ref version result)")
    def TryParse(s, ref):
        return try_parse(lambda: Version.Parse(s), ref, None, E.DotNetException)


# ---- Random ----------------------------------------------------------------------------------


class Random:
    """System.Random."""

    __ps_type__ = "System.Random"

    def __init__(self, seed=None):
        import random
        self._r = random.Random(seed)

    @classmethod
    @sig("System.Random new()", "System.Random new(int Seed)")
    def __ps_new__(cls, seed=None):
        return cls(seed)

    @sig("int Next()", "int Next(int maxValue)", "int Next(int minValue, int maxValue)")
    def Next(self, a=None, b=None):
        if a is None:
            return self._r.randrange(0, 2147483647)
        if b is None:
            if a < 0:
                raise E.ArgumentOutOfRangeException("'maxValue' must be greater than zero. "
                                                    "(Parameter 'maxValue')")
            return self._r.randrange(0, a) if a > 0 else 0
        if a > b:
            raise E.ArgumentOutOfRangeException("'minValue' cannot be greater than maxValue. "
                                                "(Parameter 'minValue')")
        return self._r.randrange(a, b) if b > a else a

    @sig("double NextDouble()")
    def NextDouble(self):
        return self._r.random()

    @sig("void NextBytes(byte[] buffer)")
    def NextBytes(self, buf):
        for i in range(len(buf)):
            buf[i] = type(buf[i])(self._r.randrange(256)) if buf[i] is not None else \
                self._r.randrange(256)

    @sig("long NextInt64()", "long NextInt64(long maxValue)")
    def NextInt64(self, maxv=None):
        from spshell.runtime.numbers import Int64
        return Int64(self._r.randrange(0, maxv if maxv is not None else 2 ** 63 - 1))


# ---- CultureInfo -----------------------------------------------------------------------------


class CultureInfo:
    """System.Globalization.CultureInfo: the shell runs en-US; the invariant culture exists."""

    __ps_type__ = "System.Globalization.CultureInfo"
    __ps_default_display__ = ("LCID", "Name", "DisplayName")

    _KNOWN = {"": (127, "Invariant Language (Invariant Country)"),
              "en-us": (1033, "English (United States)"),
              "en-gb": (2057, "English (United Kingdom)"),
              "de-de": (1031, "German (Germany)"), "fr-fr": (1036, "French (France)")}

    def __init__(self, name="en-US"):
        key = (name or "").lower()
        if key not in self._KNOWN and not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", key):
            raise E.ArgumentException(f"Culture is not supported. (Parameter 'name')\n{name} is "
                                      f"an invalid culture identifier.")
        self._name = name if key else ""
        self._lcid, self._display = self._KNOWN.get(key, (4096, name))

    @classmethod
    @sig("cultureinfo new(string name)", "cultureinfo new(int culture)")
    def __ps_new__(cls, name):
        if isinstance(name, int):
            for k, (lcid, _) in cls._KNOWN.items():
                if lcid == name:
                    return cls(k)
            raise E.ArgumentOutOfRangeException("Culture is not supported. (Parameter "
                                                "'culture')")
        return cls(name)

    @classmethod
    def __ps_convert__(cls, value):
        if isinstance(value, str):
            return cls(value)
        return NotImplemented

    @property
    def Name(self):
        return self._name

    @property
    def LCID(self):
        return self._lcid

    @property
    def DisplayName(self):
        return self._display

    @property
    def EnglishName(self):
        return self._display

    @property
    def TwoLetterISOLanguageName(self):
        return self._name.split("-")[0] if self._name else "iv"

    @property
    def IsNeutralCulture(self):
        return bool(self._name) and "-" not in self._name

    def ToString(self):
        return self._name

    def __str__(self):
        return self._name

    def __repr__(self):
        return f"CultureInfo({self._name!r})"


class CultureInfoStatics:
    @static_prop("cultureinfo")
    def CurrentCulture():
        return CultureInfo("en-US")

    @static_prop("cultureinfo")
    def CurrentUICulture():
        return CultureInfo("en-US")

    @static_prop("cultureinfo")
    def InvariantCulture():
        return CultureInfo("")

    @sig("static cultureinfo GetCultureInfo(string name)")
    def GetCultureInfo(name):
        return CultureInfo(name)
