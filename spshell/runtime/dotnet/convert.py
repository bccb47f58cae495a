"""System.Convert and System.BitConverter."""
from __future__ import annotations

import base64
import binascii
import re
import struct

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig, static_prop

_BASES = (2, 8, 10, 16)
_WIDTH = {"System.Byte": 8, "System.SByte": 8, "System.Int16": 16, "System.UInt16": 16,
          "System.Int32": 32, "System.UInt32": 32, "System.Int64": 64, "System.UInt64": 64}


def _types():
    from spshell.runtime import types
    return types


def _convert(value, type_name):
    from spshell.runtime.conversion import convert_to
    if value is None:
        return convert_to(None, type_name)
    return convert_to(value, type_name)


def _bytes(values):
    from spshell.runtime.dotnet.text import _to_bytes
    return _to_bytes(values)


def _byte_array(data):
    from spshell.runtime.dotnet.text import _bytes_array
    return _bytes_array(data)


def _parse_in_base(s, base, type_name):
    if base not in _BASES:
        raise E.ArgumentException("Invalid Base. (Parameter 'fromBase')")
    if s is None:
        return 0
    t = s.strip()
    if base == 16 and t[:2].lower() == "0x":
        t = t[2:]
    neg = False
    if base == 10 and t[:1] in "+-":
        neg = t[0] == "-"
        t = t[1:]
    if not t:
        raise E.ArgumentOutOfRangeException("Index was out of range. Must be non-negative and "
                                            "less than the size of the collection. (Parameter "
                                            "'startIndex')")
    if not re.fullmatch({2: "[01]+", 8: "[0-7]+", 10: "[0-9]+", 16: "[0-9a-fA-F]+"}[base], t):
        raise E.FormatException("Could not find any recognizable digits." if not
                                re.match({2: "[01]", 8: "[0-7]", 10: "[0-9]",
                                          16: "[0-9a-fA-F]"}[base], t)
                                else "Additional non-parsable characters are at the end of the "
                                     "string.")
    v = int(t, base)
    width = _WIDTH[type_name]
    if base != 10:
        if v >= 1 << width:
            raise E.OverflowException(f"Value was either too large or too small for "
                                      f"{_an(type_name)}.")
        signed = not type_name.startswith("System.U") and type_name != "System.Byte"
        if signed and v >= 1 << (width - 1):
            v -= 1 << width
    elif neg:
        v = -v
    cls = _types().resolve_type(type_name).cls
    lo, hi = (getattr(cls, "MinValue", -2 ** 31), getattr(cls, "MaxValue", 2 ** 31 - 1)) \
        if cls is not int else (-2 ** 31, 2 ** 31 - 1)
    if not lo <= v <= hi:
        raise E.OverflowException(f"Value was either too large or too small for "
                                  f"{_an(type_name)}.")
    return cls(v)


def _an(type_name):
    short = type_name.rsplit(".", 1)[-1]
    return ("an " if short[0] in "AEIOU" else "a ") + short


def _to_integer(value, type_name, base=None):
    if base is not None:
        return _parse_in_base(value, base, type_name)
    if value is None:
        return _types().resolve_type(type_name).cls(0)
    if isinstance(value, str):
        from spshell.runtime.dotnet.numeric import parse_integer
        cls = _types().resolve_type(type_name).cls
        return parse_integer(value, cls, type_name.rsplit(".", 1)[-1])
    return _convert(value, type_name)


class ConvertStatics:
    DBNull = static_prop("System.DBNull", getter=lambda: None)

    @sig("static string ToBase64String(byte[] inArray)",
         "static string ToBase64String(byte[] inArray, System.Base64FormattingOptions options)",
         "static string ToBase64String(byte[] inArray, int offset, int length)")
    def ToBase64String(data, a=None, b=None):
        if data is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'inArray')")
        raw = _bytes(data)
        line_breaks = False
        if b is not None:
            raw = raw[a:a + b]
        elif a is not None:
            line_breaks = str(getattr(a, "name", a)).lower() in ("insertlinebreaks", "1")
        text = base64.b64encode(raw).decode("ascii")
        if line_breaks:
            text = "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))
        return text

    @sig("static byte[] FromBase64String(string s)")
    def FromBase64String(s):
        if s is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 's')")
        t = re.sub(r"[ \t\r\n]", "", s)
        if len(t) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", t):
            raise E.FormatException("The input is not a valid Base-64 string as it contains a "
                                    "non-base 64 character, more than two padding characters, "
                                    "or an illegal character among the padding characters.")
        try:
            return _byte_array(base64.b64decode(t, validate=True))
        except binascii.Error:
            raise E.FormatException("The input is not a valid Base-64 string as it contains a "
                                    "non-base 64 character, more than two padding characters, "
                                    "or an illegal character among the padding characters.")

    @sig("static string ToHexString(byte[] inArray)")
    def ToHexString(data):
        return _bytes(data).hex().upper()

    @sig("static byte[] FromHexString(string s)")
    def FromHexString(s):
        try:
            return _byte_array(bytes.fromhex(s))
        except ValueError:
            raise E.FormatException("The input is not a valid hex string as it contains a "
                                    "non-hex character." if len(s) % 2 == 0 else
                                    "The input is not a valid hex string as its length is not "
                                    "a multiple of 2.")

    @sig("static int ToInt32(System.Object value)", "static int ToInt32(string value, "
                                                    "int fromBase)")
    def ToInt32(value, base=None):
        return _to_integer(value, "System.Int32", base)

    @sig("static long ToInt64(System.Object value)", "static long ToInt64(string value, "
                                                     "int fromBase)")
    def ToInt64(value, base=None):
        return _to_integer(value, "System.Int64", base)

    @sig("static short ToInt16(System.Object value)", "static short ToInt16(string value, "
                                                      "int fromBase)")
    def ToInt16(value, base=None):
        return _to_integer(value, "System.Int16", base)

    @sig("static byte ToByte(System.Object value)", "static byte ToByte(string value, "
                                                    "int fromBase)")
    def ToByte(value, base=None):
        return _to_integer(value, "System.Byte", base)

    @sig("static sbyte ToSByte(System.Object value)")
    def ToSByte(value):
        return _to_integer(value, "System.SByte")

    @sig("static uint16 ToUInt16(System.Object value)", "static uint16 ToUInt16(string value, "
                                                        "int fromBase)")
    def ToUInt16(value, base=None):
        return _to_integer(value, "System.UInt16", base)

    @sig("static uint ToUInt32(System.Object value)", "static uint ToUInt32(string value, "
                                                      "int fromBase)")
    def ToUInt32(value, base=None):
        return _to_integer(value, "System.UInt32", base)

    @sig("static ulong ToUInt64(System.Object value)", "static ulong ToUInt64(string value, "
                                                       "int fromBase)")
    def ToUInt64(value, base=None):
        return _to_integer(value, "System.UInt64", base)

    @sig("static double ToDouble(System.Object value)")
    def ToDouble(value):
        if value is None:
            return 0.0
        if isinstance(value, str):
            from spshell.runtime.dotnet.numeric import parse_double
            return parse_double(value)
        return _convert(value, "System.Double")

    @sig("static float ToSingle(System.Object value)")
    def ToSingle(value):
        from spshell.runtime.numbers import Single
        return Single(ConvertStatics.ToDouble(value))

    @sig("static decimal ToDecimal(System.Object value)")
    def ToDecimal(value):
        if isinstance(value, str):
            from spshell.runtime.dotnet.numeric import parse_decimal
            return parse_decimal(value)
        if value is None:
            from decimal import Decimal
            return Decimal(0)
        return _convert(value, "System.Decimal")

    @sig("static bool ToBoolean(System.Object value)")
    def ToBoolean(value):
        if value is None:
            return False
        if isinstance(value, str):
            from spshell.runtime.dotnet.numeric import BooleanStatics
            return BooleanStatics.Parse(value)
        if isinstance(value, (int, float)):
            return value != 0
        from decimal import Decimal
        if isinstance(value, Decimal):
            return value != 0
        raise E.InvalidCastException(f"Unable to cast object of type "
                                     f"'{_types().type_name_of(value)}' to type "
                                     f"'System.IConvertible'.")

    @sig("static char ToChar(System.Object value)")
    def ToChar(value):
        from spshell.runtime.numbers import Char
        if isinstance(value, str):
            if len(value) != 1:
                raise E.FormatException("String must be exactly one character long.")
            return Char(value)
        return Char(int(value))

    @sig("static datetime ToDateTime(System.Object value)")
    def ToDateTime(value):
        if value is None:
            import datetime
            return datetime.datetime(1, 1, 1)
        if isinstance(value, str):
            from spshell.runtime.dotnet.datetime import parse_datetime
            return parse_datetime(value)
        return _convert(value, "System.DateTime")

    @sig("static string ToString(System.Object value)",
         "static string ToString(System.Object value, System.IFormatProvider provider)",
         "static string ToString(long value, int toBase)")
    def ToString(value, base=None):
        if base is None or not isinstance(base, int) or isinstance(base, bool):
            if value is None:
                return ""
            from spshell.runtime.conversion import to_string
            return to_string(value)
        if base not in _BASES:
            raise E.ArgumentException("Invalid Base. (Parameter 'toBase')")
        v = int(value)
        if base == 10:
            return str(v)
        tn = _types().type_name_of(value)
        width = _WIDTH.get(tn, 64 if not -2 ** 31 <= v < 2 ** 31 else 32)
        if v < 0:
            v += 1 << width
        return format(v, {2: "b", 8: "o", 16: "x"}[base])

    @sig("static System.Object ChangeType(System.Object value, type conversionType)")
    def ChangeType(value, t):
        return _convert(value, t)

    @sig("static bool IsDBNull(System.Object value)")
    def IsDBNull(value):
        return False


class BitConverterStatics:
    IsLittleEndian = True

    @sig("static string ToString(byte[] value)",
         "static string ToString(byte[] value, int startIndex)",
         "static string ToString(byte[] value, int startIndex, int length)")
    def ToString(data, start=0, length=None):
        raw = _bytes(data)
        end = len(raw) if length is None else start + length
        return "-".join(f"{b:02X}" for b in raw[start:end])

    @sig("static byte[] GetBytes(int value)", "static byte[] GetBytes(long value)",
         "static byte[] GetBytes(double value)", "static byte[] GetBytes(bool value)",
         "static byte[] GetBytes(short value)")
    def GetBytes(value):
        tn = _types().type_name_of(value)
        if isinstance(value, bool):
            raw = bytes([1 if value else 0])
        elif isinstance(value, float):
            raw = struct.pack("<f" if tn == "System.Single" else "<d", value)
        else:
            width = _WIDTH.get(tn, 32) // 8
            raw = int(value).to_bytes(width, "little", signed=not tn.startswith("System.U")
                                      and tn != "System.Byte")
        return _byte_array(raw)

    @sig("static int ToInt32(byte[] value, int startIndex)")
    def ToInt32(data, start):
        raw = _bytes(data)
        if start + 4 > len(raw):
            raise E.ArgumentException("Destination array is not long enough to copy all the "
                                      "items in the collection. Check array index and length.")
        return int.from_bytes(raw[start:start + 4], "little", signed=True)

    @sig("static long ToInt64(byte[] value, int startIndex)")
    def ToInt64(data, start):
        from spshell.runtime.numbers import Int64
        raw = _bytes(data)
        return Int64(int.from_bytes(raw[start:start + 8], "little", signed=True))

    @sig("static double ToDouble(byte[] value, int startIndex)")
    def ToDouble(data, start):
        return struct.unpack("<d", _bytes(data)[start:start + 8])[0]
