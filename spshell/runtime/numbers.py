"""PowerShell's numeric types on top of Python numbers.

``int`` is Int32, ``float`` is Double, ``decimal.Decimal`` is Decimal. The other .NET integer
widths are ``int`` subclasses that only carry their type (Python arithmetic on them returns plain
``int``; the operators in ``operators.py`` put the right type back). ``Single`` is a ``float``
subclass and ``Char`` a one-character ``str`` subclass.

Also here: .NET type codes (the order PowerShell's binder uses to pick the operation type),
range checks with banker's rounding (``[int]2.5`` is 2), PowerShell's numeric-literal scanner
(used for string -> number), and the invariant-culture display of numbers.
"""
from __future__ import annotations

import decimal
import math
import struct

__all__ = [
    "Int16", "Int32", "Int64", "UInt16", "UInt32", "UInt64", "Byte", "SByte", "BigInteger",
    "Single", "Char", "Decimal", "type_code", "is_numeric", "format_number", "parse_number",
    "round_half_even", "DECIMAL_MAX",
]

Decimal = decimal.Decimal
Int32 = int

# .NET TypeCode values; the binder picks max(left, right) as the operation type.
TC_BOOLEAN, TC_CHAR, TC_SBYTE, TC_BYTE, TC_INT16, TC_UINT16, TC_INT32, TC_UINT32 = 3, 4, 5, 6, 7, 8, 9, 10
TC_INT64, TC_UINT64, TC_SINGLE, TC_DOUBLE, TC_DECIMAL = 11, 12, 13, 14, 15
TC_BIGINT = 17  # not a .NET TypeCode; sorts above Decimal for integer operations

DECIMAL_MAX = Decimal("79228162514264337593543950335")
_DEC_MANTISSA_LIMIT = 2 ** 96
# Decimal arithmetic is done with spare digits, then fitted to .NET's 96-bit/scale-28 shape
DECIMAL_CONTEXT = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_EVEN,
                                  Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


class _FixedInt(int):
    """An integer of a fixed .NET width; construction checks the range."""

    __slots__ = ()
    MinValue = 0
    MaxValue = 0
    __ps_type__ = ""
    type_code = 0

    def __new__(cls, value=0):
        v = int(value)
        if v < cls.MinValue or v > cls.MaxValue:
            from spshell.runtime.errors import OverflowException
            raise OverflowException(overflow_message(cls))
        return int.__new__(cls, v)

    def __repr__(self):
        return f"{type(self).__name__}({int(self)})"

    def __str__(self):
        return int.__repr__(self)

    __format__ = None  # set below: format as a plain int

    def __reduce__(self):
        return (type(self), (int(self),))


def _int_format(self, spec):
    return format(int(self), spec)


_FixedInt.__format__ = _int_format


def _make(name, full, lo, hi, code):
    cls = type(name, (_FixedInt,), {"__slots__": (), "MinValue": lo, "MaxValue": hi,
                                    "__ps_type__": full, "type_code": code})
    return cls


SByte = _make("SByte", "System.SByte", -128, 127, TC_SBYTE)
Byte = _make("Byte", "System.Byte", 0, 255, TC_BYTE)
Int16 = _make("Int16", "System.Int16", -32768, 32767, TC_INT16)
UInt16 = _make("UInt16", "System.UInt16", 0, 65535, TC_UINT16)
UInt32 = _make("UInt32", "System.UInt32", 0, 2 ** 32 - 1, TC_UINT32)
Int64 = _make("Int64", "System.Int64", -2 ** 63, 2 ** 63 - 1, TC_INT64)
UInt64 = _make("UInt64", "System.UInt64", 0, 2 ** 64 - 1, TC_UINT64)


class BigInteger(int):
    """System.Numerics.BigInteger: unbounded."""

    __slots__ = ()
    __ps_type__ = "System.Numerics.BigInteger"
    type_code = TC_BIGINT

    def __repr__(self):
        return f"BigInteger({int(self)})"

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return format(int(self), spec)

    def __reduce__(self):
        return (BigInteger, (int(self),))


class Single(float):
    """System.Single: stored rounded to 32-bit precision."""

    __slots__ = ()
    __ps_type__ = "System.Single"
    type_code = TC_SINGLE

    def __new__(cls, value=0.0):
        f = float(value)
        if math.isfinite(f):
            try:
                f = struct.unpack("f", struct.pack("f", f))[0]
            except OverflowError:
                f = math.copysign(math.inf, f)
        return float.__new__(cls, f)

    def __repr__(self):
        return f"Single({format_single(self)})"

    def __str__(self):
        return format_single(self)

    def __format__(self, spec):
        return format(float(self), spec)

    def __reduce__(self):
        return (Single, (float(self),))


class Char(str):
    """System.Char: a one-character string that knows it is a char ([char]65, 'a'..'e')."""

    __slots__ = ()
    __ps_type__ = "System.Char"
    type_code = TC_CHAR
    MinValue = 0
    MaxValue = 0xFFFF

    def __new__(cls, value):
        if isinstance(value, int) and not isinstance(value, bool):
            if value < 0 or value > 0xFFFF:
                from spshell.runtime.errors import OverflowException
                raise OverflowException("Value was either too large or too small for a character.")
            value = chr(value)
        s = str(value)
        if len(s) != 1:
            from spshell.runtime.errors import FormatException
            raise FormatException("String must be exactly one character long.")
        return str.__new__(cls, s)

    def __repr__(self):
        return f"Char({str.__repr__(self)})"

    def __reduce__(self):
        return (Char, (str(self),))


INT_CLASSES = {TC_SBYTE: SByte, TC_BYTE: Byte, TC_INT16: Int16, TC_UINT16: UInt16,
               TC_INT32: int, TC_UINT32: UInt32, TC_INT64: Int64, TC_UINT64: UInt64,
               TC_BIGINT: BigInteger}
INT_RANGES = {TC_SBYTE: (-128, 127), TC_BYTE: (0, 255), TC_INT16: (-32768, 32767),
              TC_UINT16: (0, 65535), TC_INT32: (-2 ** 31, 2 ** 31 - 1),
              TC_UINT32: (0, 2 ** 32 - 1), TC_INT64: (-2 ** 63, 2 ** 63 - 1),
              TC_UINT64: (0, 2 ** 64 - 1), TC_CHAR: (0, 0xFFFF)}
TYPE_NAMES = {TC_BOOLEAN: "System.Boolean", TC_CHAR: "System.Char", TC_SBYTE: "System.SByte",
              TC_BYTE: "System.Byte", TC_INT16: "System.Int16", TC_UINT16: "System.UInt16",
              TC_INT32: "System.Int32", TC_UINT32: "System.UInt32", TC_INT64: "System.Int64",
              TC_UINT64: "System.UInt64", TC_SINGLE: "System.Single", TC_DOUBLE: "System.Double",
              TC_DECIMAL: "System.Decimal", TC_BIGINT: "System.Numerics.BigInteger"}

_EXACT_CODES = {bool: TC_BOOLEAN, int: TC_INT32, float: TC_DOUBLE, Decimal: TC_DECIMAL}


def type_code(value):
    """The .NET TypeCode of a primitive numeric value (bool and char included), else None."""
    c = _EXACT_CODES.get(type(value))
    if c is not None:
        return c
    return getattr(type(value), "type_code", None) if isinstance(value, (int, float, Char)) \
        else (TC_DECIMAL if isinstance(value, Decimal) else None)


def is_numeric(value):
    """Numbers proper (not bool, not char)."""
    t = type(value)
    if t is int or t is float:
        return True
    if t is bool:
        return False
    return isinstance(value, (int, float, Decimal))


def is_integer_code(code):
    return code is not None and TC_SBYTE <= code <= TC_UINT64 or code == TC_BIGINT


def overflow_message(cls_or_code):
    """The .NET OverflowException text for a conversion to a numeric type."""
    if isinstance(cls_or_code, int):
        name = TYPE_NAMES.get(cls_or_code, "System.Int32")
    else:
        name = getattr(cls_or_code, "__ps_type__", "System.Int32")
    short = name.rsplit(".", 1)[-1]
    if short == "Char":
        return "Value was either too large or too small for a character."
    if short in ("UInt16", "UInt32", "UInt64", "Int16", "Int32", "Int64", "SByte", "Byte"):
        if short == "SByte":
            return "Value was either too large or too small for a signed byte."
        if short == "Byte":
            return "Value was either too large or too small for an unsigned byte."
        article = "a" if short.startswith("U") else "an"
        return f"Value was either too large or too small for {article} {short}."
    return f"Value was either too large or too small for a {short}."


def round_half_even(x):
    """Round a float/Decimal to an int the way .NET's Convert does (banker's rounding)."""
    if isinstance(x, Decimal):
        return int(x.to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
    return int(round(x))


def make_int(value, code):
    """An int of the width named by ``code``, or None when the value does not fit."""
    lo_hi = INT_RANGES.get(code)
    if lo_hi is not None and not (lo_hi[0] <= value <= lo_hi[1]):
        return None
    if code == TC_INT32:
        return int(value)
    if code == TC_CHAR:
        return Char(chr(value))
    return int.__new__(INT_CLASSES[code], value)


def fit_decimal(d):
    """Fit a Decimal into .NET's shape (scale <= 28, 96-bit mantissa) or raise OverflowException."""
    if not d.is_finite():
        from spshell.runtime.errors import OverflowException
        raise OverflowException("Value was either too large or too small for a Decimal.")
    sign, digits, exp = d.as_tuple()
    if exp < -28:
        d = d.quantize(Decimal("1e-28"), rounding=decimal.ROUND_HALF_EVEN, context=DECIMAL_CONTEXT)
        sign, digits, exp = d.as_tuple()
    if exp > 0:
        # .NET keeps integers with scale 0
        d = d.quantize(Decimal(1), context=DECIMAL_CONTEXT)
        sign, digits, exp = d.as_tuple()
    mant = int("".join(map(str, digits))) if digits else 0
    while mant >= _DEC_MANTISSA_LIMIT:
        if exp >= 0:
            from spshell.runtime.errors import OverflowException
            raise OverflowException("Value was either too large or too small for a Decimal.")
        exp += 1
        d = d.quantize(Decimal(1).scaleb(exp), rounding=decimal.ROUND_HALF_EVEN,
                       context=DECIMAL_CONTEXT)
        sign, digits, exp = d.as_tuple()
        mant = int("".join(map(str, digits))) if digits else 0
    return d


def decimal_from_float(f):
    """Convert.ToDecimal(double): the double's 15 significant digits, as .NET does."""
    if not math.isfinite(f) or abs(f) > 7.9228162514264337593543950335e28:
        from spshell.runtime.errors import OverflowException
        raise OverflowException("Value was either too large or too small for a Decimal.")
    d = Decimal("%.15g" % f) if not isinstance(f, Single) else Decimal("%.7g" % f)
    return fit_decimal(d.normalize(DECIMAL_CONTEXT) if d == d.to_integral_value() else d)


# ---------------------------------------------------------------------------------------------
# Display (invariant culture; LanguagePrimitives/ToString as PowerShell prints numbers)

def format_double(f):
    """Double as PowerShell prints it: 15 significant digits ('G15'), .NET exponent style."""
    if f != f:
        return "NaN"
    if f in (math.inf, -math.inf):
        return "Infinity" if f > 0 else "-Infinity"
    if f == 0.0:
        return "-0" if math.copysign(1.0, f) < 0 else "0"
    s = "%.15g" % f
    if "e" in s:
        mant, exp = s.split("e")
        return mant + "E" + exp
    return s


def format_single(f):
    """Single as PowerShell prints it: 'G7' (LanguagePrimitives.SinglePrecision)."""
    if f != f:
        return "NaN"
    if f in (math.inf, -math.inf):
        return "Infinity" if f > 0 else "-Infinity"
    if f == 0.0:
        return "-0" if math.copysign(1.0, f) < 0 else "0"
    s = "%.7g" % f
    if "e" in s:
        mant, exp = s.split("e")
        return mant + "E" + exp
    return s


def format_decimal(d):
    """Decimal keeps its scale and never uses an exponent (1.10 stays 1.10)."""
    if d.is_zero():
        _, _, exp = d.as_tuple()
        return "0" if exp >= 0 else "0." + "0" * (-exp)
    s = format(d, "f")
    return s


def format_number(n):
    """Invariant-culture ToString() of any PowerShell number."""
    t = type(n)
    if t is int:
        return int.__repr__(n)
    if t is float:
        return format_double(n)
    if t is bool:
        return "True" if n else "False"
    if isinstance(n, Single):
        return format_single(n)
    if isinstance(n, float):
        return format_double(n)
    if isinstance(n, Decimal):
        return format_decimal(n)
    if isinstance(n, int):
        return int.__repr__(int(n))
    return str(n)


# ---------------------------------------------------------------------------------------------
# Numeric literal scanner (tokenizer.cs ScanNumberHelper/TryGetNumberValue), used for strings

_DASHES = "-\u2013\u2014\u2015"
_MULTIPLIERS = {"kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3, "tb": 1024 ** 4, "pb": 1024 ** 5}
_HEX = set("0123456789abcdefABCDEF")
_DEC = set("0123456789")

# suffix flags
_S_U, _S_S, _S_L, _S_D, _S_Y, _S_N = 1, 2, 4, 8, 16, 32
_SUFFIX_CHARS = {"u": _S_U, "s": _S_S, "l": _S_L, "d": _S_D, "y": _S_Y, "n": _S_N}


def _scan(s):
    """Split a literal into (sign, format, digits, real, suffix, multiplier); None if not a number."""
    i, n = 0, len(s)
    neg = False
    if i < n and (s[i] in _DASHES or s[i] == "+"):
        neg = s[i] != "+"
        i += 1
    fmt = "dec"
    real = False
    start = i
    if i + 1 < n and s[i] == "0" and s[i + 1] in "xXbB":
        fmt = "hex" if s[i + 1] in "xX" else "bin"
        i += 2
        j = i
        allowed = _HEX if fmt == "hex" else set("01")
        while j < n and s[j] in allowed:
            j += 1
        digits = s[i:j]
        if not digits:
            return None
        i = j
    else:
        j = i
        while j < n and s[j] in _DEC:
            j += 1
        int_part = s[i:j]
        i = j
        frac = None
        exp = ""
        if i < n and s[i] == ".":
            if i + 1 < n and s[i + 1] == ".":
                return None
            i += 1
            j = i
            while j < n and s[j] in _DEC:
                j += 1
            frac = s[i:j]
            i = j
            real = True
        if not int_part and not frac:
            return None
        if i < n and s[i] in "eE":
            j = i + 1
            if j < n and (s[j] in _DASHES or s[j] == "+"):
                j += 1
            k = j
            while k < n and s[k] in _DEC:
                k += 1
            if k == j:
                return None
            exp = "e" + ("-" if s[i + 1] in _DASHES else "") + s[j:k]
            i = k
            real = True
        digits = (int_part or "0") + ("." + frac if frac else "") + exp
    suffix = 0
    if i < n and s[i].lower() in _SUFFIX_CHARS:
        suffix = _SUFFIX_CHARS[s[i].lower()]
        i += 1
        if i < n and s[i].lower() in _SUFFIX_CHARS and s[i].lower() not in "dn":
            second = _SUFFIX_CHARS[s[i].lower()]
            if suffix != _S_U or second == _S_U:
                # a multiplier may start with the same letter only for 'kb' etc.; 's', 'l', 'y'
                # are not multiplier letters, so this is an invalid combination
                return None
            suffix |= second
            i += 1
    mult = 1
    if i + 1 < n and s[i:i + 2].lower() in _MULTIPLIERS:
        mult = _MULTIPLIERS[s[i:i + 2].lower()]
        i += 2
    if i != n:
        return None
    del start
    return neg, fmt, digits, real, suffix, mult


def _suffix_fit(big, suffix):
    if suffix == _S_Y:
        return make_int(big, TC_SBYTE)
    if suffix == _S_U | _S_Y:
        return make_int(big, TC_BYTE)
    if suffix == _S_S:
        return make_int(big, TC_INT16)
    if suffix == _S_U | _S_S:
        return make_int(big, TC_UINT16)
    if suffix == _S_L:
        return make_int(big, TC_INT64)
    if suffix == _S_U | _S_L:
        return make_int(big, TC_UINT64)
    if suffix == _S_U:
        v = make_int(big, TC_UINT32)
        return v if v is not None else make_int(big, TC_UINT64)
    if suffix == _S_N:
        return BigInteger(big)
    if suffix == _S_D:
        try:
            return fit_decimal(Decimal(big))
        except Exception:  # out of Decimal's range
            return None
    return None


def parse_number(text):
    """PowerShell's Parser.ScanNumber: the number a string denotes, or None.

    Accepts surrounding whitespace, a sign, decimal/hex/binary digits, fractions and exponents,
    type suffixes (l u ul us uy y s n d) and multipliers (kb mb gb tb pb); empty text is 0."""
    s = text.strip()
    if not s:
        return 0
    scanned = _scan(s)
    if scanned is None:
        return None
    neg, fmt, digits, real, suffix, mult = scanned
    if real:
        if suffix == _S_D:
            try:
                d = DECIMAL_CONTEXT.multiply(Decimal(digits), mult)
                d = fit_decimal(-d if neg else d)
            except Exception:  # out of Decimal's range
                return None
            return d
        try:
            f = float(digits)
        except (ValueError, OverflowError):
            return None
        if neg:
            f = -f
        f *= mult
        if suffix == 0:
            return f
        if not math.isfinite(f):
            return None
        return _suffix_fit(round_half_even(f), suffix)
    if fmt == "hex":
        if not suffix & _S_U:
            expected = {_S_Y: 2, _S_S: 4, _S_L: 16}.get(suffix, 8 if len(digits) < 16 else 16)
            big = int(digits, 16)
            if len(digits) == expected and int(digits[0], 16) >= 8:
                big -= 1 << (4 * expected)
        else:
            big = int(digits, 16)
        if len(digits) == 16 and suffix in (0, _S_U):
            suffix |= _S_L
    elif fmt == "bin":
        big = int(digits, 2)
        if not suffix & _S_U and (len(digits) in (8, 16, 32, 64, 96) or len(digits) >= 128) and digits[0] == "1":
            big -= 1 << len(digits)
        if len(digits) == 64 and suffix in (0, _S_U):
            suffix |= _S_L
    else:
        big = int(digits)
    if neg:
        big = -big
    big *= mult
    if suffix:
        return _suffix_fit(big, suffix)
    if -2 ** 31 <= big < 2 ** 31:
        return int(big)
    if -2 ** 63 <= big < 2 ** 63:
        return int.__new__(Int64, big)
    if fmt == "dec":
        try:
            return fit_decimal(Decimal(big))
        except Exception:  # OverflowException: too big for Decimal, so Double
            return float(big)
    return None
