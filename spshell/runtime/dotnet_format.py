""".NET formatting: composite format strings (-f, String.Format), standard and custom numeric
formats, DateTime and TimeSpan formats, with en-US culture data (the culture the conformance
corpus and the SharePoint Management Shell run under).

``format_string(fmt, args)`` implements ``{index[,alignment][:format]}``; ``format_value(value,
fmt)`` is ``value.ToString(fmt)`` (used by ToString("N2"), Get-Date -Format, ...).
"""
from __future__ import annotations

import datetime as _dt
import decimal
import enum
import math
import sys

from spshell.runtime import numbers as _n
from spshell.runtime.errors import FormatException

Decimal = decimal.Decimal

_BAD_FORMAT = "Input string was not in a correct format."
_BAD_INDEX = ("Index (zero based) must be greater than or equal to zero and less than the size "
              "of the argument list.")
_BAD_SPECIFIER = "Format specifier was invalid."

# en-US culture data
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
AM, PM = "AM", "PM"
DATE_PATTERNS = {
    "d": "M/d/yyyy", "D": "dddd, MMMM d, yyyy", "f": "dddd, MMMM d, yyyy h:mm tt",
    "F": "dddd, MMMM d, yyyy h:mm:ss tt", "g": "M/d/yyyy h:mm tt", "G": "M/d/yyyy h:mm:ss tt",
    "m": "MMMM d", "M": "MMMM d", "o": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "O": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "r": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'", "R": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss", "t": "h:mm tt", "T": "h:mm:ss tt",
    "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'", "U": "dddd, MMMM d, yyyy h:mm:ss tt",
    "y": "MMMM yyyy", "Y": "MMMM yyyy",
}


# ---------------------------------------------------------------------------------------------
# composite formatting

def format_string(fmt, args):
    """String.Format(fmt, args) with .NET's parsing and error messages."""
    out = []
    i, n = 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c == "}":
            if i + 1 < n and fmt[i + 1] == "}":
                out.append("}")
                i += 2
                continue
            raise FormatException(_BAD_FORMAT)
        if c != "{":
            j = i
            while j < n and fmt[j] not in "{}":
                j += 1
            out.append(fmt[i:j])
            i = j
            continue
        if i + 1 < n and fmt[i + 1] == "{":
            out.append("{")
            i += 2
            continue
        # a format item
        i += 1
        j = i
        while j < n and fmt[j].isdigit():
            j += 1
        if j == i:
            raise FormatException(_BAD_FORMAT)
        index = int(fmt[i:j])
        i = j
        while i < n and fmt[i] == " ":
            i += 1
        align = 0
        if i < n and fmt[i] == ",":
            i += 1
            while i < n and fmt[i] == " ":
                i += 1
            neg = False
            if i < n and fmt[i] == "-":
                neg = True
                i += 1
            j = i
            while j < n and fmt[j].isdigit():
                j += 1
            if j == i:
                raise FormatException(_BAD_FORMAT)
            align = int(fmt[i:j]) * (-1 if neg else 1)
            i = j
            while i < n and fmt[i] == " ":
                i += 1
        spec = None
        if i < n and fmt[i] == ":":
            i += 1
            buf = []
            while i < n:
                ch = fmt[i]
                if ch == "}":
                    if i + 1 < n and fmt[i + 1] == "}":
                        buf.append("}")
                        i += 2
                        continue
                    break
                if ch == "{":
                    if i + 1 < n and fmt[i + 1] == "{":
                        buf.append("{")
                        i += 2
                        continue
                    raise FormatException(_BAD_FORMAT)
                buf.append(ch)
                i += 1
            spec = "".join(buf)
        if i >= n or fmt[i] != "}":
            raise FormatException(_BAD_FORMAT)
        i += 1
        if index >= len(args):
            raise FormatException(_BAD_INDEX)
        value = args[index]
        s = _format_arg(value, spec)
        if align > 0:
            s = s.rjust(align)
        elif align < 0:
            s = s.ljust(-align)
        out.append(s)
    return "".join(out)


def _format_arg(value, spec):
    if spec is None or spec == "":
        from spshell.runtime.conversion import element_to_string
        return element_to_string(value)
    return format_value(value, spec)


def format_value(value, fmt):
    """value.ToString(fmt) for numbers, dates, time spans, enums and GUIDs (en-US)."""
    from spshell.runtime.conversion import element_to_string
    if value is None:
        return ""
    if fmt is None or fmt == "":
        return element_to_string(value)
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, enum.Enum):
        return format_enum(value, fmt)
    if isinstance(value, _n.Char) or isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (int, float, Decimal)):
        return format_number(value, fmt)
    if isinstance(value, _dt.datetime):
        return format_datetime(value, fmt)
    if isinstance(value, _dt.date):
        return format_datetime(_dt.datetime(value.year, value.month, value.day), fmt)
    if isinstance(value, _dt.timedelta):
        return format_timespan(value, fmt)
    uuid_mod = sys.modules.get("uuid")  # not imported at start-up: no GUID can exist before
    if uuid_mod is not None and isinstance(value, uuid_mod.UUID):
        return format_guid(value, fmt)
    m = getattr(value, "ToString", None)
    if m is not None:
        try:
            r = m(fmt)
        except TypeError:
            r = m()
        from spshell.runtime.conversion import to_string
        return to_string(r)
    return element_to_string(value)


# ---------------------------------------------------------------------------------------------
# numbers

def _exact(value):
    """An exact Decimal for any number."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(value)
    return Decimal(int(value))


def _round_away(d, places):
    q = Decimal(1).scaleb(-places)
    with decimal.localcontext() as ctx:
        ctx.prec = 400
        return d.quantize(q, rounding=decimal.ROUND_HALF_UP)


def _fixed_digits(d, places):
    """(negative, integer digits, fraction digits) of |d| rounded to places (away from zero)."""
    r = _round_away(d, places)
    neg = r.is_signed() and r != 0
    s = format(abs(r), "f")
    if "." in s:
        ip, fp = s.split(".")
    else:
        ip, fp = s, ""
    fp = fp.ljust(places, "0")[:places] if places else ""
    return neg, ip, fp


def _group(ip):
    out = []
    while len(ip) > 3:
        out.append(ip[-3:])
        ip = ip[:-3]
    out.append(ip)
    return ",".join(reversed(out))


def _is_integer_value(value):
    return isinstance(value, int)


def _int_bits(value):
    code = _n.type_code(value)
    return {_n.TC_SBYTE: 8, _n.TC_BYTE: 8, _n.TC_INT16: 16, _n.TC_UINT16: 16,
            _n.TC_INT32: 32, _n.TC_UINT32: 32, _n.TC_INT64: 64, _n.TC_UINT64: 64}.get(code, 32)


def _sig_digits(d, prec):
    """Digits and exponent of |d| rounded to prec significant digits (away from zero)."""
    d = abs(d)
    if d == 0:
        return "0" * prec, 0
    with decimal.localcontext() as ctx:
        ctx.prec = prec
        ctx.rounding = decimal.ROUND_HALF_UP
        r = +d
    sign, digits, exp = r.as_tuple()
    ds = "".join(map(str, digits))
    point_exp = exp + len(ds) - 1
    ds = (ds + "0" * prec)[:prec]
    return ds, point_exp


def _shortest_digits(value):
    """Shortest round-trip digits of a double/single: (digits, decimal exponent)."""
    if isinstance(value, _n.Single):
        import struct
        target = struct.pack("f", value)
        for p in range(1, 10):
            s = "%.*e" % (p - 1, value)
            if struct.pack("f", float(s)) == target:
                break
    else:
        s = "{:e}".format(Decimal(repr(float(value))))
    mant, e = s.split("e")
    digits = mant.replace(".", "").replace("-", "").rstrip("0") or "0"
    return digits, int(e)


def _exp_text(e, min_digits, plus_sign=True):
    sign = "-" if e < 0 else ("+" if plus_sign else "")
    return sign + str(abs(e)).rjust(min_digits, "0")


def _general(value, prec, upper):
    """'G' format."""
    E = "E" if upper else "e"
    if isinstance(value, float):
        if prec == 0:
            digits, exp = _shortest_digits(value)
            neg = math.copysign(1.0, value) < 0
            limit = 15 if not isinstance(value, _n.Single) else 7
            limit = max(limit, len(digits))
        else:
            digits, exp = _sig_digits(_exact(value), prec)
            digits = digits.rstrip("0") or "0"
            neg = value < 0
            limit = prec
        if value == 0:
            return "-0" if math.copysign(1.0, value) < 0 else "0"
    elif isinstance(value, Decimal):
        if prec == 0:
            return _n.format_decimal(value)
        digits, exp = _sig_digits(value, prec)
        digits = digits.rstrip("0") or "0"
        neg = value < 0
        limit = prec
    else:
        iv = int(value)
        if prec == 0:
            return str(iv)
        digits, exp = _sig_digits(Decimal(iv), prec)
        digits = digits.rstrip("0") or "0"
        neg = iv < 0
        limit = prec
    if digits == "0":
        return "0"
    sign = "-" if neg else ""
    if exp >= limit or exp < -5:
        mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{mant}{E}{_exp_text(exp, 2)}"
    if exp < 0:
        return f"{sign}0.{'0' * (-exp - 1)}{digits}"
    ip = digits[:exp + 1].ljust(exp + 1, "0")
    fp = digits[exp + 1:]
    return sign + ip + ("." + fp if fp else "")


def _special_float(value):
    if value != value:
        return "NaN"
    if value == math.inf:
        return "Infinity"
    if value == -math.inf:
        return "-Infinity"
    return None


def _standard_numeric(value, letter, prec_text):
    upper = letter.isupper()
    L = letter.upper()
    prec = int(prec_text) if prec_text else None
    if isinstance(value, float):
        sp = _special_float(value)
        if sp is not None:
            return sp
    if L == "D":
        if not _is_integer_value(value):
            raise FormatException(_BAD_SPECIFIER)
        iv = int(value)
        s = str(abs(iv)).rjust(prec or 0, "0")
        return ("-" if iv < 0 else "") + s
    if L == "X":
        if not _is_integer_value(value):
            raise FormatException(_BAD_SPECIFIER)
        iv = int(value)
        if iv < 0:
            iv += 1 << _int_bits(value)
        s = format(iv, "X" if upper else "x")
        return s.rjust(prec or 0, "0")
    d = _exact(value)
    if L == "F":
        p = 2 if prec is None else prec
        neg, ip, fp = _fixed_digits(d, p)
        return ("-" if neg else "") + ip + ("." + fp if p else "")
    if L == "N":
        p = 2 if prec is None else prec
        neg, ip, fp = _fixed_digits(d, p)
        return ("-" if neg else "") + _group(ip) + ("." + fp if p else "")
    if L == "C":
        p = 2 if prec is None else prec
        neg, ip, fp = _fixed_digits(d, p)
        body = "$" + _group(ip) + ("." + fp if p else "")
        return "-" + body if neg else body
    if L == "P":
        p = 2 if prec is None else prec
        neg, ip, fp = _fixed_digits(d * 100, p)
        return ("-" if neg else "") + _group(ip) + ("." + fp if p else "") + "%"
    if L == "E":
        p = 6 if prec is None else prec
        if d == 0:
            digits, exp = "0" * (p + 1), 0
        else:
            digits, exp = _sig_digits(d, p + 1)
        neg = d < 0
        mant = digits[0] + ("." + digits[1:] if p else "")
        return ("-" if neg else "") + mant + ("E" if upper else "e") + _exp_text(exp, 3)
    if L == "G":
        return _general(value, prec or 0, upper)
    if L == "R":
        if isinstance(value, float):
            return _general(value, 0, upper)
        if isinstance(value, int):
            return str(int(value))
        raise FormatException(_BAD_SPECIFIER)
    raise FormatException(_BAD_SPECIFIER)


def format_number(value, fmt):
    """value.ToString(fmt) for a number."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if len(fmt) >= 1 and fmt[0].isalpha() and (len(fmt) == 1 or fmt[1:].isdigit()) \
            and len(fmt) <= 10:
        if fmt[0].upper() in "CDEFGNPRX":
            return _standard_numeric(value, fmt[0], fmt[1:])
        if len(fmt) > 1 or fmt[0].upper() not in "CDEFGNPRX":
            # .NET rejects an unknown single letter with digits; a lone letter is custom text
            if fmt[1:]:
                raise FormatException(_BAD_SPECIFIER)
    if isinstance(value, float):
        sp = _special_float(value)
        if sp is not None:
            return sp
    return format_custom_number(value, fmt)


def _split_sections(fmt):
    sections, buf, quote, i = [], [], None, 0
    while i < len(fmt):
        c = fmt[i]
        if quote:
            buf.append(c)
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
            buf.append(c)
        elif c == "\\" and i + 1 < len(fmt):
            buf.append(fmt[i:i + 2])
            i += 1
        elif c == ";":
            sections.append("".join(buf))
            buf = []
        else:
            buf.append(c)
        i += 1
    sections.append("".join(buf))
    return sections


def _tokenize_custom(section):
    """Tokens: ('0'|'#'|'.'|','|'%'|'‰'|'E', text) or ('lit', text)."""
    toks = []
    i, n = 0, len(section)
    while i < n:
        c = section[i]
        if c in "'\"":
            j = section.find(c, i + 1)
            if j < 0:
                j = n
            toks.append(("lit", section[i + 1:j]))
            i = j + 1
            continue
        if c == "\\" and i + 1 < n:
            toks.append(("lit", section[i + 1]))
            i += 2
            continue
        if c in "eE" and i + 1 < n and (section[i + 1] == "0" or
                                         (section[i + 1] in "+-" and i + 2 < n and
                                          section[i + 2] == "0")):
            j = i + 1
            sign = ""
            if section[j] in "+-":
                sign = section[j]
                j += 1
            k = j
            while k < n and section[k] == "0":
                k += 1
            toks.append(("E", (c, sign, k - j)))
            i = k
            continue
        if c in "0#.,%\u2030":
            toks.append((c, c))
        else:
            toks.append(("lit", c))
        i += 1
    return toks


def format_custom_number(value, fmt):
    sections = _split_sections(fmt)
    d = _exact(value)
    section = sections[0]
    use_abs = False
    if len(sections) >= 2 and d < 0 and sections[1] != "":
        section, use_abs = sections[1], True
    elif len(sections) >= 3 and d == 0 and sections[2] != "":
        section = sections[2]
    elif len(sections) >= 2 and d < 0 and sections[1] == "":
        section = sections[0]
    toks = _tokenize_custom(section)
    # analyse
    point = None
    int_zero_first = None  # index (from the left among integer placeholders) of the first '0'
    int_places = 0
    frac_zero = 0
    frac_places = 0
    grouping = False
    scale = 0
    percent = 0
    exp_tok = None
    seen_digit = False
    pending_commas = 0
    for idx, (kind, text) in enumerate(toks):
        if kind in "0#" and kind != "lit":
            if exp_tok is not None:
                continue
            if point is None:
                if pending_commas and seen_digit:
                    grouping = True
                pending_commas = 0
                if kind == "0" and int_zero_first is None:
                    int_zero_first = int_places
                int_places += 1
            else:
                frac_places += 1
                if kind == "0":
                    frac_zero = frac_places
            seen_digit = True
        elif kind == ".":
            if point is None:
                point = idx
                scale += pending_commas
                pending_commas = 0
        elif kind == ",":
            if point is None and seen_digit:
                pending_commas += 1
        elif kind in ("%", "\u2030"):
            percent += 2 if kind == "%" else 3
        elif kind == "E":
            if exp_tok is None:
                exp_tok = text
    if point is None:
        scale += pending_commas
    if percent:
        d = d.scaleb(percent)
    if scale:
        d = d.scaleb(-3 * scale)
    exp_value = 0
    if exp_tok is not None and d != 0:
        # normalise so the integer part has int_places digits
        adj = d.adjusted()
        exp_value = adj - (max(int_places, 1) - 1)
        d = d.scaleb(-exp_value)
    neg, ip, fp = _fixed_digits(d, frac_places)
    if exp_tok is not None:
        # rounding can carry into a new digit (9.99 -> 10.0)
        if len(ip.lstrip("0")) > max(int_places, 1) and d != 0:
            d = d.scaleb(-1)
            exp_value += 1
            neg, ip, fp = _fixed_digits(d, frac_places)
    if use_abs:
        neg = False
    # fraction: drop optional trailing zeros
    fp_out = fp
    while len(fp_out) > frac_zero and fp_out.endswith("0"):
        fp_out = fp_out[:-1]
    # integer digits
    ip = ip.lstrip("0")
    min_int = (int_places - int_zero_first) if int_zero_first is not None else 0
    ip = ip.rjust(min_int, "0")
    if grouping and ip:
        ip = _group(ip)
    all_zero = not ip.strip("0,") and not fp_out.strip("0")
    int_digits = list(ip)
    frac_iter = iter(fp_out)
    in_exp = False
    out = []
    int_seen = 0
    point_seen = False
    for idx, (kind, text) in enumerate(toks):
        if kind == "lit":
            out.append(text)
        elif kind == "E":
            c, sign, mind = text
            e_sign = "-" if exp_value < 0 else ("+" if sign == "+" else "")
            out.append(c + e_sign + str(abs(exp_value)).rjust(mind, "0"))
            in_exp = True
        elif kind == "." and not point_seen and idx == point:
            point_seen = True
            if fp_out:
                out.append(".")
        elif kind == ".":
            pass
        elif kind in ("%", "\u2030"):
            out.append(text)
        elif kind == ",":
            pass
        elif kind in ("0", "#"):
            if in_exp:
                continue
            if not point_seen:
                int_seen += 1
                remaining = int_places - int_seen
                if grouping:
                    if int_seen == 1:
                        out.append(ip)
                else:
                    # this placeholder's digit counts from the right
                    if int_seen == 1:
                        take = len(int_digits) - remaining
                        if take > 0:
                            out.append("".join(int_digits[:take]))
                            del int_digits[:take]
                    else:
                        if len(int_digits) > remaining:
                            out.append(int_digits.pop(0))
            else:
                ch = next(frac_iter, None)
                if ch is not None:
                    out.append(ch)
    text = "".join(out)
    if neg and not all_zero:
        text = "-" + text
    return text


# ---------------------------------------------------------------------------------------------
# enums and GUIDs

def format_enum(value, fmt):
    f = fmt.upper()
    v = value.value if isinstance(value.value, int) else 0
    if f in ("G", "F"):
        from spshell.runtime.conversion import _enum_to_string
        return _enum_to_string(value)
    if f == "D":
        return str(v)
    if f == "X":
        return format(v & 0xFFFFFFFF, "08X")
    raise FormatException("Format string can be only \"G\", \"g\", \"X\", \"x\", \"F\", \"f\", "
                          "\"D\" or \"d\".")


def format_guid(value, fmt):
    f = fmt or "D"
    s = str(value)
    if f in ("D", "d"):
        return s
    if f in ("N", "n"):
        return value.hex
    if f in ("B", "b"):
        return "{" + s + "}"
    if f in ("P", "p"):
        return "(" + s + ")"
    raise FormatException('Format string can be only "D", "d", "N", "n", "P", "p", "B", "b", '
                          '"X" or "x".')


# ---------------------------------------------------------------------------------------------
# DateTime

def _offset_of(d):
    if d.tzinfo is not None:
        off = d.utcoffset()
    else:
        off = d.astimezone().utcoffset() if d.year > 1 else _dt.timedelta(0)
    return off or _dt.timedelta(0)


def _fmt_offset(off, style):
    total = int(off.total_seconds() // 60)
    sign = "-" if total < 0 else "+"
    total = abs(total)
    h, m = divmod(total, 60)
    if style == 1:
        return f"{sign}{h}"
    if style == 2:
        return f"{sign}{h:02d}"
    return f"{sign}{h:02d}:{m:02d}"


def format_datetime(d, fmt):
    """DateTime.ToString(fmt), en-US."""
    if fmt is None or fmt == "":
        fmt = "G"
    if len(fmt) == 1:
        if fmt in ("u", "r", "R") and d.tzinfo is not None:
            d = d.astimezone(_dt.timezone.utc)
        if fmt == "U":
            d = (d if d.tzinfo else d.astimezone()).astimezone(_dt.timezone.utc)
        pattern = DATE_PATTERNS.get(fmt)
        if pattern is None:
            raise FormatException(
                "Input string was not in a correct format." if not fmt.isalpha() else
                "Input string was not in a correct format.")
        return _custom_datetime(d, pattern)
    return _custom_datetime(d, fmt)


def _run(fmt, i, ch):
    j = i
    while j < len(fmt) and fmt[j] == ch:
        j += 1
    return j - i


def _custom_datetime(d, fmt):
    out = []
    i, n = 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c == "%" and i + 1 < n:
            i += 1
            c = fmt[i]
            k = 1
        elif c in "dMyhHmsfFtzgK":
            k = _run(fmt, i, c)
        else:
            k = 1
        if c == "d":
            if k == 1:
                out.append(str(d.day))
            elif k == 2:
                out.append(f"{d.day:02d}")
            elif k == 3:
                out.append(DAY_NAMES[d.weekday()][:3])
            else:
                out.append(DAY_NAMES[d.weekday()])
        elif c == "M":
            if k == 1:
                out.append(str(d.month))
            elif k == 2:
                out.append(f"{d.month:02d}")
            elif k == 3:
                out.append(MONTH_NAMES[d.month - 1][:3])
            else:
                out.append(MONTH_NAMES[d.month - 1])
        elif c == "y":
            if k == 1:
                out.append(str(d.year % 100))
            elif k == 2:
                out.append(f"{d.year % 100:02d}")
            else:
                out.append(str(d.year).rjust(k, "0"))
        elif c == "h":
            h12 = d.hour % 12 or 12
            out.append(str(h12) if k == 1 else f"{h12:02d}")
        elif c == "H":
            out.append(str(d.hour) if k == 1 else f"{d.hour:02d}")
        elif c == "m":
            out.append(str(d.minute) if k == 1 else f"{d.minute:02d}")
        elif c == "s":
            out.append(str(d.second) if k == 1 else f"{d.second:02d}")
        elif c in "fF":
            if k > 7:
                raise FormatException(_BAD_FORMAT)
            frac = f"{d.microsecond:06d}0"[:k]
            if c == "F":
                frac = frac.rstrip("0")
                if not frac and out and out[-1] == "." :
                    out.pop()
            out.append(frac)
        elif c == "t":
            ampm = AM if d.hour < 12 else PM
            out.append(ampm[0] if k == 1 else ampm)
        elif c == "z":
            out.append(_fmt_offset(_offset_of(d), min(k, 3)))
        elif c == "K":
            if d.tzinfo is not None:
                off = d.utcoffset()
                out.append("Z" if off == _dt.timedelta(0) and
                           d.tzinfo == _dt.timezone.utc else _fmt_offset(off, 3))
            else:
                out.append(_fmt_offset(_offset_of(d), 3))
        elif c == "g":
            out.append("A.D.")
        elif c == ":":
            out.append(":")
        elif c == "/":
            out.append("/")
        elif c in "'\"":
            j = fmt.find(c, i + 1)
            if j < 0:
                raise FormatException(_BAD_FORMAT)
            out.append(fmt[i + 1:j])
            k = j - i + 1
        elif c == "\\":
            if i + 1 < n:
                out.append(fmt[i + 1])
                k = 2
            else:
                raise FormatException(_BAD_FORMAT)
        else:
            out.append(c)
        i += k
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# TimeSpan

def _ts_parts(td):
    from spshell.runtime.conversion import timespan_ticks
    ticks = timespan_ticks(td)
    neg = ticks < 0
    ticks = abs(ticks)
    days, rem = divmod(ticks, 864_000_000_000)
    hours, rem = divmod(rem, 36_000_000_000)
    minutes, rem = divmod(rem, 600_000_000)
    seconds, frac = divmod(rem, 10_000_000)
    return neg, days, hours, minutes, seconds, frac


def format_timespan(td, fmt):
    """TimeSpan.ToString(fmt): c/t/T, g, G and custom (literals must be escaped)."""
    neg, days, hours, minutes, seconds, frac = _ts_parts(td)
    sign = "-" if neg else ""
    if fmt in (None, "", "c", "t", "T"):
        from spshell.runtime.conversion import format_timespan as _c
        return _c(td)
    if fmt == "g":
        s = f"{sign}{str(days) + ':' if days else ''}{hours}:{minutes:02d}:{seconds:02d}"
        if frac:
            s += "." + f"{frac:07d}".rstrip("0")
        return s
    if fmt == "G":
        return f"{sign}{days}:{hours:02d}:{minutes:02d}:{seconds:02d}.{frac:07d}"
    if len(fmt) == 1 and fmt not in "dhmsfF%":
        raise FormatException(_BAD_FORMAT)
    out = []
    i, n = 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c == "%" and i + 1 < n:
            i += 1
            c = fmt[i]
            k = 1
        elif c in "dhmsfF":
            k = _run(fmt, i, c)
        else:
            k = 1
        if c == "d":
            if k > 8:
                raise FormatException(_BAD_FORMAT)
            out.append(str(days).rjust(k, "0"))
        elif c == "h":
            if k > 2:
                raise FormatException(_BAD_FORMAT)
            out.append(str(hours).rjust(k, "0"))
        elif c == "m":
            if k > 2:
                raise FormatException(_BAD_FORMAT)
            out.append(str(minutes).rjust(k, "0"))
        elif c == "s":
            if k > 2:
                raise FormatException(_BAD_FORMAT)
            out.append(str(seconds).rjust(k, "0"))
        elif c in "fF":
            if k > 7:
                raise FormatException(_BAD_FORMAT)
            f = f"{frac:07d}"[:k]
            out.append(f.rstrip("0") if c == "F" else f)
        elif c in "'\"":
            j = fmt.find(c, i + 1)
            if j < 0:
                raise FormatException(_BAD_FORMAT)
            out.append(fmt[i + 1:j])
            k = j - i + 1
        elif c == "\\":
            if i + 1 >= n:
                raise FormatException(_BAD_FORMAT)
            out.append(fmt[i + 1])
            k = 2
        else:
            raise FormatException(_BAD_FORMAT)
        i += k
    return "".join(out)


__all__ = ["format_string", "format_value", "format_number", "format_custom_number",
           "format_datetime", "format_timespan", "format_enum", "format_guid"]
