"""Numbers: instance members of Int32/Int64/.../Double/Decimal/Boolean, their static members
(MaxValue, Parse, TryParse, ...) and [math]."""
from __future__ import annotations

import decimal
import math
import re

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig, static_prop
from spshell.runtime.dotnet.common import ObjectAdapter, dotnet_equals, try_parse
from spshell.runtime.dotnet.enums import make_enum

Decimal = decimal.Decimal

MidpointRounding = make_enum("System.MidpointRounding",
                             [("ToEven", 0), ("AwayFromZero", 1), ("ToZero", 2),
                              ("ToNegativeInfinity", 3), ("ToPositiveInfinity", 4)])
NumberStyles = make_enum("System.Globalization.NumberStyles",
                         [("None", 0), ("AllowLeadingWhite", 1), ("AllowTrailingWhite", 2),
                          ("AllowLeadingSign", 4), ("Integer", 7), ("AllowTrailingSign", 8),
                          ("AllowParentheses", 16), ("AllowDecimalPoint", 32),
                          ("AllowThousands", 64), ("Number", 111), ("AllowExponent", 128),
                          ("Float", 167), ("AllowCurrencySymbol", 256), ("Currency", 383),
                          ("Any", 511), ("AllowHexSpecifier", 512), ("HexNumber", 515)],
                         flags=True)


def format_value(value, fmt):
    from spshell.runtime.dotnet_format import format_value as fv
    return fv(value, fmt)


def _num():
    from spshell.runtime import numbers
    return numbers


class NumberAdapter(ObjectAdapter):
    __ps_exclusive__ = True

    @sig("string ToString()", "string ToString(string format)",
         "string ToString(System.IFormatProvider provider)",
         "string ToString(string format, System.IFormatProvider provider)")
    def ToString(n, fmt=None, provider=None):
        if fmt is not None and not isinstance(fmt, str):
            fmt = None  # a format provider: invariant/en-US output either way
        if not fmt:
            from spshell.runtime.conversion import to_string
            return to_string(n)
        return format_value(n, fmt)

    @sig("int CompareTo(System.Object value)")
    def CompareTo(n, other):
        if other is None:
            return 1
        from spshell.runtime.types import type_of
        if type_of(other) is not type_of(n):
            raise E.ArgumentException(f"Object must be of type {type_of(n).Name}.")
        return (n > other) - (n < other)

    @sig("bool Equals(System.Object obj)")
    def Equals(n, other):
        return dotnet_equals(n, other)

    @sig("System.TypeCode GetTypeCode()")
    def GetTypeCode(n):
        from spshell.runtime.types import type_of
        return type_of(n).Name


class IntegerAdapter(NumberAdapter):
    @sig("int GetHashCode()")
    def GetHashCode(n):
        return int(n) & 0x7FFFFFFF if -2 ** 31 <= n < 2 ** 31 else hash(int(n)) & 0x7FFFFFFF


class DoubleAdapter(NumberAdapter):
    pass


class DecimalAdapter(NumberAdapter):
    pass


class BooleanAdapter(ObjectAdapter):
    __ps_exclusive__ = True

    @sig("string ToString()", "string ToString(System.IFormatProvider provider)")
    def ToString(b, provider=None):
        return "True" if b else "False"

    @sig("int CompareTo(System.Object obj)", "int CompareTo(bool value)")
    def CompareTo(b, other):
        if other is None:
            return 1
        if not isinstance(other, bool):
            raise E.ArgumentException("Object must be of type Boolean.")
        return int(b) - int(other)

    @sig("bool Equals(System.Object obj)", "bool Equals(bool obj)")
    def Equals(b, other):
        return isinstance(other, bool) and b == other

    @sig("System.TypeCode GetTypeCode()")
    def GetTypeCode(b):
        return "Boolean"


# ---- parsing -------------------------------------------------------------------------------

_INT_RE = re.compile(r"^[\s]*([+-]?)(\d+)[\s]*$")
_HEX_RE = re.compile(r"^\s*([0-9a-fA-F]+)\s*$")
_FLOAT_RE = re.compile(r"^\s*[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?(?:[eE][+-]?\d+)?\s*$")


def _format_error(s):
    return E.FormatException(f"The input string '{s}' was not in a correct format.")


def _styles_value(styles):
    if styles is None:
        return None
    if isinstance(styles, NumberStyles):
        return int(styles.value)
    if isinstance(styles, str):
        from spshell.runtime.conversion import convert_to
        return int(convert_to(styles, NumberStyles).value)
    return int(styles)


def parse_integer(s, cls, type_name, styles=None):
    if s is None:
        raise E.ArgumentNullException("Value cannot be null. (Parameter 's')")
    st = _styles_value(styles)
    if st is not None and st & 512:
        m = _HEX_RE.match(s)
        if not m:
            raise _format_error(s)
        v = int(m.group(1), 16)
        bits = {"Byte": 8, "SByte": 8, "Int16": 16, "UInt16": 16, "Int32": 32, "UInt32": 32,
                "Int64": 64, "UInt64": 64}.get(type_name)
        if bits and v >= 1 << bits:
            raise E.OverflowException(f"Value was either too large or too small for "
                                      f"{_an(type_name)}.")
        lo = getattr(cls, "MinValue", None)
        if bits and lo is not None and lo < 0 and v >= 1 << (bits - 1):
            v -= 1 << bits  # hex digits give the two's complement bit pattern
        return cls(v)
    m = _INT_RE.match(s)
    if not m:
        if st is not None and st & 64 or (st is not None and st & 32):
            try:
                d = Decimal(s.strip().replace(",", ""))
            except decimal.InvalidOperation:
                raise _format_error(s)
            if d != d.to_integral_value():
                raise E.OverflowException(f"Value was either too large or too small for "
                                          f"{_an(type_name)}.")
            return _range(int(d), cls, type_name)
        raise _format_error(s)
    v = int(m.group(1) + m.group(2))
    return _range(v, cls, type_name)


def _an(type_name):
    return ("an " if type_name[0] in "AEIOU" else "a ") + type_name


def _range(v, cls, type_name):
    lo, hi = _bounds(cls)
    if lo is not None and not lo <= v <= hi:
        raise E.OverflowException(f"Value was either too large or too small for "
                                  f"{_an(type_name)}.")
    return cls(v)


def _bounds(cls):
    if cls is int:
        return -2 ** 31, 2 ** 31 - 1
    return getattr(cls, "MinValue", None), getattr(cls, "MaxValue", None)


def parse_double(s):
    if s is None:
        raise E.ArgumentNullException("Value cannot be null. (Parameter 's')")
    t = s.strip()
    low = t.lower()
    specials = {"nan": math.nan, "infinity": math.inf, "+infinity": math.inf,
                "-infinity": -math.inf, "∞": math.inf, "-∞": -math.inf}
    if low in specials:
        return specials[low]
    if not _FLOAT_RE.match(t) or not any(c.isdigit() for c in t):
        raise _format_error(s)
    return float(t.replace(",", ""))


def parse_decimal(s):
    if s is None:
        raise E.ArgumentNullException("Value cannot be null. (Parameter 's')")
    t = s.strip()
    if not _FLOAT_RE.match(t) or not any(c.isdigit() for c in t) or "e" in t.lower():
        raise _format_error(s)
    return Decimal(t.replace(",", ""))


def _integer_statics(type_name, cls_getter):
    """A statics class for an integer type (one per width)."""

    class Statics:
        MaxValue = static_prop(type_name, getter=lambda: cls_getter()(_bounds(cls_getter())[1]))
        MinValue = static_prop(type_name, getter=lambda: cls_getter()(_bounds(cls_getter())[0]))

        @sig(f"static {type_name} Parse(string s)",
             f"static {type_name} Parse(string s, System.Globalization.NumberStyles style)",
             f"static {type_name} Parse(string s, System.IFormatProvider provider)",
             f"static {type_name} Parse(string s, System.Globalization.NumberStyles style, "
             f"System.IFormatProvider provider)")
        def Parse(s, styles=None, provider=None):
            if styles is not None and not isinstance(styles, (NumberStyles, str, int)):
                styles = None
            return parse_integer(s, cls_getter(), type_name.rsplit(".", 1)[-1], styles)

        @sig(f"static bool TryParse(string s, ref {type_name} result)",
             f"static bool TryParse(string s, System.Globalization.NumberStyles style, "
             f"System.IFormatProvider provider, ref {type_name} result)")
        def TryParse(s, *rest):
            styles = rest[0] if len(rest) == 3 else None
            return try_parse(
                lambda: parse_integer(s, cls_getter(), type_name.rsplit(".", 1)[-1], styles),
                rest[-1], cls_getter()(0),
                (E.FormatException, E.OverflowException, E.ArgumentNullException))

    Statics.__name__ = type_name.rsplit(".", 1)[-1] + "Statics"
    return Statics


Int32Statics = _integer_statics("System.Int32", lambda: int)
Int64Statics = _integer_statics("System.Int64", lambda: _num().Int64)
Int16Statics = _integer_statics("System.Int16", lambda: _num().Int16)
ByteStatics = _integer_statics("System.Byte", lambda: _num().Byte)
SByteStatics = _integer_statics("System.SByte", lambda: _num().SByte)
UInt16Statics = _integer_statics("System.UInt16", lambda: _num().UInt16)
UInt32Statics = _integer_statics("System.UInt32", lambda: _num().UInt32)
UInt64Statics = _integer_statics("System.UInt64", lambda: _num().UInt64)


class BigIntegerStatics:
    @sig("static bigint Parse(string value)")
    def Parse(s):
        m = _INT_RE.match(s or "")
        if not m:
            raise _format_error(s)
        return _num().BigInteger(int(m.group(1) + m.group(2)))

    @static_prop("bigint")
    def Zero():
        return _num().BigInteger(0)

    @static_prop("bigint")
    def One():
        return _num().BigInteger(1)

    @sig("static bigint Pow(bigint value, int exponent)")
    def Pow(v, e):
        return _num().BigInteger(int(v) ** e)


def _float_statics(type_name, conv):
    class Statics:
        MaxValue = static_prop(type_name, getter=lambda: conv(1.7976931348623157e308
                                                               if "Double" in type_name
                                                               else 3.4028234663852886e38))
        MinValue = static_prop(type_name, getter=lambda: conv(-1.7976931348623157e308
                                                               if "Double" in type_name
                                                               else -3.4028234663852886e38))
        Epsilon = static_prop(type_name, getter=lambda: conv(5e-324 if "Double" in type_name
                                                              else 1.401298464324817e-45))
        NaN = static_prop(type_name, getter=lambda: conv(math.nan))
        PositiveInfinity = static_prop(type_name, getter=lambda: conv(math.inf))
        NegativeInfinity = static_prop(type_name, getter=lambda: conv(-math.inf))

        @sig(f"static {type_name} Parse(string s)",
             f"static {type_name} Parse(string s, System.IFormatProvider provider)",
             f"static {type_name} Parse(string s, System.Globalization.NumberStyles style, "
             f"System.IFormatProvider provider)")
        def Parse(s, *rest):
            return conv(parse_double(s))

        @sig(f"static bool TryParse(string s, ref {type_name} result)",
             f"static bool TryParse(string s, System.Globalization.NumberStyles style, "
             f"System.IFormatProvider provider, ref {type_name} result)")
        def TryParse(s, *rest):
            return try_parse(lambda: conv(parse_double(s)), rest[-1], conv(0.0))

        @sig("static bool IsNaN(double d)")
        def IsNaN(d):
            return math.isnan(d)

        @sig("static bool IsInfinity(double d)")
        def IsInfinity(d):
            return math.isinf(d)

        @sig("static bool IsPositiveInfinity(double d)")
        def IsPositiveInfinity(d):
            return d == math.inf

        @sig("static bool IsNegativeInfinity(double d)")
        def IsNegativeInfinity(d):
            return d == -math.inf

        @sig("static bool IsFinite(double d)")
        def IsFinite(d):
            return math.isfinite(d)

    return Statics


DoubleStatics = _float_statics("System.Double", float)
SingleStatics = _float_statics("System.Single", lambda v: _num().Single(v))


class DecimalStatics:
    @sig("static decimal new(int value)", "static decimal new(long value)",
         "static decimal new(double value)")
    def new(value):
        from spshell.runtime.conversion import convert_to
        return convert_to(value, Decimal)

    MaxValue = static_prop("decimal", getter=lambda: Decimal("79228162514264337593543950335"))
    MinValue = static_prop("decimal", getter=lambda: Decimal("-79228162514264337593543950335"))
    Zero = static_prop("decimal", getter=lambda: Decimal(0))
    One = static_prop("decimal", getter=lambda: Decimal(1))
    MinusOne = static_prop("decimal", getter=lambda: Decimal(-1))

    @sig("static decimal Parse(string s)",
         "static decimal Parse(string s, System.IFormatProvider provider)")
    def Parse(s, provider=None):
        return parse_decimal(s)

    @sig("static bool TryParse(string s, ref decimal result)")
    def TryParse(s, ref):
        return try_parse(lambda: parse_decimal(s), ref, Decimal(0))

    @sig("static decimal Round(decimal d)", "static decimal Round(decimal d, int decimals)")
    def Round(d, digits=0):
        return MathStatics.Round(d, digits)

    @sig("static decimal Truncate(decimal d)")
    def Truncate(d):
        return d.to_integral_value(rounding=decimal.ROUND_DOWN)

    @sig("static decimal Floor(decimal d)")
    def Floor(d):
        return d.to_integral_value(rounding=decimal.ROUND_FLOOR)

    @sig("static decimal Ceiling(decimal d)")
    def Ceiling(d):
        return d.to_integral_value(rounding=decimal.ROUND_CEILING)


class BooleanStatics:
    TrueString = "True"
    FalseString = "False"

    @sig("static bool Parse(string value)")
    def Parse(s):
        if s is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'value')")
        t = s.strip().strip("\0").lower()
        if t == "true":
            return True
        if t == "false":
            return False
        raise E.FormatException(f"String '{s}' was not recognized as a valid Boolean.")

    @sig("static bool TryParse(string value, ref bool result)")
    def TryParse(s, ref):
        return try_parse(lambda: BooleanStatics.Parse(s), ref, False)


# ---- [math] ---------------------------------------------------------------------------------

_ROUNDINGS = {0: decimal.ROUND_HALF_EVEN, 1: decimal.ROUND_HALF_UP, 2: decimal.ROUND_DOWN,
              3: decimal.ROUND_FLOOR, 4: decimal.ROUND_CEILING}


def _round(x, digits=0, mode=0):
    if isinstance(digits, MidpointRounding):
        digits, mode = 0, digits
    mode = int(getattr(mode, "value", mode))
    if isinstance(x, Decimal):
        if not 0 <= digits <= 28:
            raise E.ArgumentOutOfRangeException("Rounding digits must be between 0 and 28, "
                                                "inclusive. (Parameter 'decimals')")
        return x.quantize(Decimal(1).scaleb(-digits), rounding=_ROUNDINGS[mode]) \
            if x.is_finite() else x
    if not 0 <= digits <= 15:
        raise E.ArgumentOutOfRangeException("Rounding digits must be between 0 and 15, "
                                            "inclusive. (Parameter 'digits')")
    x = float(x)
    if not math.isfinite(x) or abs(x) >= 1e16:
        return x
    # .NET's algorithm: scale, round the binary value, unscale (so 2.675 -> 2.67)
    p = 10.0 ** digits
    v = x * p
    if mode == 0:
        r = float(round(v))
    elif mode == 1:
        frac, whole = math.modf(v)
        r = whole + (math.copysign(1.0, frac) if abs(frac) >= 0.5 else 0.0)
    elif mode == 2:
        r = float(math.trunc(v))
    elif mode == 3:
        r = float(math.floor(v))
    else:
        r = float(math.ceil(v))
    return r / p


class MathStatics:
    PI = math.pi
    E = math.e
    Tau = math.tau

    @sig("static double Abs(double value)", "static int Abs(int value)",
         "static long Abs(long value)", "static decimal Abs(decimal value)")
    def Abs(x):
        if type(x) is int and x == -2 ** 31 or getattr(type(x), "__ps_type__", "") == \
                "System.Int64" and x == -2 ** 63:
            raise E.OverflowException("Negating the minimum value of a twos complement number "
                                      "is invalid.")
        return type(x)(abs(x)) if not isinstance(x, bool) else abs(x)

    @sig("static double Round(double a)", "static double Round(double value, int digits)",
         "static double Round(double value, System.MidpointRounding mode)",
         "static double Round(double value, int digits, System.MidpointRounding mode)",
         "static decimal Round(decimal d)", "static decimal Round(decimal d, int decimals)",
         "static decimal Round(decimal d, System.MidpointRounding mode)",
         "static decimal Round(decimal d, int decimals, System.MidpointRounding mode)")
    def Round(x, digits=0, mode=0):
        return _round(x, digits, mode)

    @sig("static double Truncate(double d)", "static decimal Truncate(decimal d)")
    def Truncate(x):
        if isinstance(x, Decimal):
            return x.to_integral_value(rounding=decimal.ROUND_DOWN)
        return float(math.trunc(x)) if math.isfinite(x) else x

    @sig("static double Floor(double d)", "static decimal Floor(decimal d)")
    def Floor(x):
        if isinstance(x, Decimal):
            return x.to_integral_value(rounding=decimal.ROUND_FLOOR)
        return float(math.floor(x)) if math.isfinite(x) else x

    @sig("static double Ceiling(double a)", "static decimal Ceiling(decimal d)")
    def Ceiling(x):
        if isinstance(x, Decimal):
            return x.to_integral_value(rounding=decimal.ROUND_CEILING)
        return float(math.ceil(x)) if math.isfinite(x) else x

    @sig("static int Max(int val1, int val2)", "static long Max(long val1, long val2)",
         "static double Max(double val1, double val2)",
         "static decimal Max(decimal val1, decimal val2)")
    def Max(a, b):
        if isinstance(a, float) and (math.isnan(a) or math.isnan(b)):
            return math.nan
        return a if a >= b else b

    @sig("static int Min(int val1, int val2)", "static long Min(long val1, long val2)",
         "static double Min(double val1, double val2)",
         "static decimal Min(decimal val1, decimal val2)")
    def Min(a, b):
        if isinstance(a, float) and (math.isnan(a) or math.isnan(b)):
            return math.nan
        return a if a <= b else b

    @sig("static double Pow(double x, double y)")
    def Pow(x, y):
        try:
            return math.pow(x, y)
        except OverflowError:
            return math.inf
        except ValueError:
            return math.nan

    @sig("static double Sqrt(double d)")
    def Sqrt(x):
        return math.sqrt(x) if x >= 0 else math.nan

    @sig("static double Cbrt(double d)")
    def Cbrt(x):
        return math.copysign(abs(x) ** (1 / 3), x)

    @sig("static double Exp(double d)")
    def Exp(x):
        try:
            return math.exp(x)
        except OverflowError:
            return math.inf

    @sig("static double Log(double d)", "static double Log(double a, double newBase)")
    def Log(x, base=None):
        if x < 0 or (base is not None and (base <= 0 or base == 1)):
            return math.nan
        if x == 0:
            return -math.inf
        return math.log(x) if base is None else math.log(x, base)

    @sig("static double Log10(double d)")
    def Log10(x):
        if x < 0:
            return math.nan
        return math.log10(x) if x else -math.inf

    @sig("static double Log2(double x)")
    def Log2(x):
        if x < 0:
            return math.nan
        return math.log2(x) if x else -math.inf

    @sig("static int Sign(double value)", "static int Sign(int value)",
         "static int Sign(decimal value)")
    def Sign(x):
        if isinstance(x, float) and math.isnan(x):
            raise E.ArithmeticException("Function does not accept floating point Not-a-Number "
                                        "values.")
        return (x > 0) - (x < 0)

    @sig("static double Sin(double a)")
    def Sin(x):
        return math.sin(x)

    @sig("static double Cos(double d)")
    def Cos(x):
        return math.cos(x)

    @sig("static double Tan(double a)")
    def Tan(x):
        return math.tan(x)

    @sig("static double Asin(double d)")
    def Asin(x):
        return math.asin(x) if -1 <= x <= 1 else math.nan

    @sig("static double Acos(double d)")
    def Acos(x):
        return math.acos(x) if -1 <= x <= 1 else math.nan

    @sig("static double Atan(double d)")
    def Atan(x):
        return math.atan(x)

    @sig("static double Atan2(double y, double x)")
    def Atan2(y, x):
        return math.atan2(y, x)

    @sig("static double Sinh(double value)")
    def Sinh(x):
        return math.sinh(x)

    @sig("static double Cosh(double value)")
    def Cosh(x):
        return math.cosh(x)

    @sig("static double Tanh(double value)")
    def Tanh(x):
        return math.tanh(x)

    @sig("static long BigMul(int a, int b)")
    def BigMul(a, b):
        return _num().Int64(a * b)

    @sig("static int DivRem(int a, int b, ref int result)")
    def DivRem(a, b, ref):
        if b == 0:
            raise E.DivideByZeroException()
        q = int(a / b)
        ref.Value = a - q * b
        return q

    @sig("static double IEEERemainder(double x, double y)")
    def IEEERemainder(x, y):
        return math.remainder(x, y)

    @sig("static int Clamp(int value, int min, int max)",
         "static double Clamp(double value, double min, double max)",
         "static decimal Clamp(decimal value, decimal min, decimal max)")
    def Clamp(v, lo, hi):
        if lo > hi:
            raise E.ArgumentException(f"'{lo}' cannot be greater than {hi}.")
        return lo if v < lo else hi if v > hi else v
