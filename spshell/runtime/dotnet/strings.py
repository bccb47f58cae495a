"""System.String, System.Char and System.Text.StringBuilder.

String members follow .NET (Core) semantics: searches and comparisons are ordinal and
case-sensitive unless a StringComparison says otherwise; Split takes char or string separators,
a count and StringSplitOptions.
"""
from __future__ import annotations

import unicodedata

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig, prop, static_prop
from spshell.runtime.dotnet.common import ObjectAdapter, to_string
from spshell.runtime.dotnet.enums import make_enum

StringSplitOptions = make_enum("System.StringSplitOptions",
                               [("None", 0), ("RemoveEmptyEntries", 1), ("TrimEntries", 2)],
                               flags=True)
StringComparison = make_enum("System.StringComparison",
                             [("CurrentCulture", 0), ("CurrentCultureIgnoreCase", 1),
                              ("InvariantCulture", 2), ("InvariantCultureIgnoreCase", 3),
                              ("Ordinal", 4), ("OrdinalIgnoreCase", 5)])

_WS = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009" \
      "\u200a\u2028\u2029\u202f\u205f\u3000"


def _char(c):
    from spshell.runtime.numbers import Char
    return Char(c)


def _ignore_case(cmp):
    return cmp is not None and int(cmp.value) in (1, 3, 5)


def _out_of_range(param, msg):
    return E.ArgumentOutOfRangeException(f"{msg} (Parameter '{param}')")


def _null(param):
    return E.ArgumentNullException(f"Value cannot be null. (Parameter '{param}')")


def _chars_arg(chars):
    if chars is None:
        return None
    if isinstance(chars, str):
        return chars
    return "".join(str(c) for c in chars)


def culture_compare(a, b, ignore_case=False):
    """An approximation of culture-aware comparison: case-insensitive order first, then lower
    case before upper case (as en-US sorts 'a' < 'A' < 'b')."""
    if a is None or b is None:
        return 0 if a is b else (-1 if a is None else 1)
    ka, kb = a.casefold(), b.casefold()
    if ka != kb:
        return -1 if ka < kb else 1
    if ignore_case or a == b:
        return 0
    sa = a.swapcase()
    sb = b.swapcase()
    return -1 if sa < sb else 1


def ordinal_compare(a, b):
    if a is None or b is None:
        return 0 if a is b else (-1 if a is None else 1)
    return (a > b) - (a < b)


def compare_with(a, b, comparison):
    c = int(comparison.value) if comparison is not None else 0
    if c == 4:
        return ordinal_compare(a, b)
    if c == 5:
        return ordinal_compare(a.upper() if a is not None else None,
                               b.upper() if b is not None else None)
    return culture_compare(a, b, ignore_case=c in (1, 3))


def split(s, seps, count=None, options=0):
    """String.Split. ``seps`` is a list of separator strings (chars are one-char strings);
    None/empty means white space. With a count, the last element keeps the rest of the string."""
    opts = int(getattr(options, "value", options) or 0)
    remove_empty, trim = bool(opts & 1), bool(opts & 2)
    if count is not None and count < 0:
        raise _out_of_range("count", "Count cannot be less than zero.")
    if count == 0:
        return []
    if not seps:
        seps = list(_WS)
    seps = [x for x in seps if x]
    matches = []
    i, n = 0, len(s)
    while i < n and seps:
        for sep in seps:
            if s.startswith(sep, i):
                matches.append((i, i + len(sep)))
                i += len(sep)
                break
        else:
            i += 1
    out, start = [], 0
    for a, b in matches:
        if count is not None and len(out) >= count - 1:
            break
        piece = s[start:a]
        if trim:
            piece = piece.strip(_WS)
        if piece or not remove_empty:
            out.append(piece)
        start = b
    last = s[start:]
    if trim:
        last = last.strip(_WS)
    if last or not remove_empty:
        out.append(last)
    return out


def _split_seps(sep):
    if sep is None:
        return None
    if isinstance(sep, str):
        return [str(sep)]
    return [str(x) for x in sep if x is not None]


class StringAdapter(ObjectAdapter):
    @prop("int")
    def Length(s):
        return len(s)

    @sig("char Chars(int index)")
    def Chars(s, i):
        if not 0 <= i < len(s):
            raise E.IndexOutOfRangeException()
        return _char(s[i])

    @sig("string ToUpper()", "string ToUpper(cultureinfo culture)")
    def ToUpper(s, culture=None):
        return s.upper()

    @sig("string ToLower()", "string ToLower(cultureinfo culture)")
    def ToLower(s, culture=None):
        return s.lower()

    @sig("string ToUpperInvariant()")
    def ToUpperInvariant(s):
        return s.upper()

    @sig("string ToLowerInvariant()")
    def ToLowerInvariant(s):
        return s.lower()

    @sig("string Trim()", "string Trim(char trimChar)", "string Trim(params char[] trimChars)")
    def Trim(s, chars=None):
        chars = _chars_arg(chars)
        return s.strip(chars if chars else _WS)

    @sig("string TrimStart()", "string TrimStart(char trimChar)",
         "string TrimStart(params char[] trimChars)")
    def TrimStart(s, chars=None):
        chars = _chars_arg(chars)
        return s.lstrip(chars if chars else _WS)

    @sig("string TrimEnd()", "string TrimEnd(char trimChar)",
         "string TrimEnd(params char[] trimChars)")
    def TrimEnd(s, chars=None):
        chars = _chars_arg(chars)
        return s.rstrip(chars if chars else _WS)

    @sig("string Substring(int startIndex)", "string Substring(int startIndex, int length)")
    def Substring(s, start, length=None):
        n = len(s)
        if start < 0:
            raise _out_of_range("startIndex", "StartIndex cannot be less than zero.")
        if start > n:
            raise _out_of_range("startIndex",
                                "startIndex cannot be larger than length of string.")
        if length is None:
            return s[start:]
        if length < 0:
            raise _out_of_range("length", "Length cannot be less than zero.")
        if start + length > n:
            raise _out_of_range("length",
                                "Index and length must refer to a location within the string.")
        return s[start:start + length]

    @sig("int IndexOf(char value)", "int IndexOf(string value)",
         "int IndexOf(char value, int startIndex)", "int IndexOf(string value, int startIndex)",
         "int IndexOf(string value, System.StringComparison comparisonType)",
         "int IndexOf(char value, int startIndex, int count)",
         "int IndexOf(string value, int startIndex, int count)",
         "int IndexOf(string value, int startIndex, System.StringComparison comparisonType)")
    def IndexOf(s, value, a=None, b=None):
        if value is None:
            raise _null("value")
        start, count, cmp = 0, None, None
        if isinstance(a, StringComparison):
            cmp = a
        elif a is not None:
            start = a
            if isinstance(b, StringComparison):
                cmp = b
            elif b is not None:
                count = b
        if start < 0 or start > len(s):
            raise _out_of_range("startIndex", "Index was out of range. Must be non-negative and "
                                              "less than or equal to the size of the collection.")
        end = len(s) if count is None else start + count
        if count is not None and (count < 0 or end > len(s)):
            raise _out_of_range("count", "Count must be positive and count must refer to a "
                                         "location within the string/array/collection.")
        if _ignore_case(cmp):
            return s.lower().find(value.lower(), start, end)
        return s.find(value, start, end)

    @sig("int IndexOfAny(char[] anyOf)", "int IndexOfAny(char[] anyOf, int startIndex)",
         "int IndexOfAny(char[] anyOf, int startIndex, int count)")
    def IndexOfAny(s, any_of, start=0, count=None):
        end = len(s) if count is None else start + count
        for i in range(start, end):
            if s[i] in any_of:
                return i
        return -1

    @sig("int LastIndexOf(char value)", "int LastIndexOf(string value)",
         "int LastIndexOf(char value, int startIndex)",
         "int LastIndexOf(string value, int startIndex)",
         "int LastIndexOf(string value, System.StringComparison comparisonType)")
    def LastIndexOf(s, value, a=None):
        if value is None:
            raise _null("value")
        if isinstance(a, StringComparison):
            if _ignore_case(a):
                return s.lower().rfind(value.lower())
            return s.rfind(value)
        if a is not None:
            if a < 0 or (a >= len(s) and len(s) > 0):
                raise _out_of_range("startIndex", "Index was out of range. Must be non-negative "
                                                  "and less than the size of the collection.")
            return s.rfind(value, 0, a + 1)
        return s.rfind(value)

    @sig("int LastIndexOfAny(char[] anyOf)")
    def LastIndexOfAny(s, any_of):
        for i in range(len(s) - 1, -1, -1):
            if s[i] in any_of:
                return i
        return -1

    @sig("bool Contains(string value)", "bool Contains(char value)",
         "bool Contains(string value, System.StringComparison comparisonType)")
    def Contains(s, value, cmp=None):
        if value is None:
            raise _null("value")
        if _ignore_case(cmp):
            return value.lower() in s.lower()
        return value in s

    @sig("bool StartsWith(string value)", "bool StartsWith(char value)",
         "bool StartsWith(string value, System.StringComparison comparisonType)",
         "bool StartsWith(string value, bool ignoreCase, cultureinfo culture)")
    def StartsWith(s, value, cmp=None, culture=None):
        if value is None:
            raise _null("value")
        if cmp is True or _ignore_case(cmp if isinstance(cmp, StringComparison) else None):
            return s.lower().startswith(value.lower())
        return s.startswith(value)

    @sig("bool EndsWith(string value)", "bool EndsWith(char value)",
         "bool EndsWith(string value, System.StringComparison comparisonType)",
         "bool EndsWith(string value, bool ignoreCase, cultureinfo culture)")
    def EndsWith(s, value, cmp=None, culture=None):
        if value is None:
            raise _null("value")
        if cmp is True or _ignore_case(cmp if isinstance(cmp, StringComparison) else None):
            return s.lower().endswith(value.lower())
        return s.endswith(value)

    @sig("string Replace(string oldValue, string newValue)",
         "string Replace(char oldChar, char newChar)",
         "string Replace(string oldValue, string newValue, System.StringComparison "
         "comparisonType)",
         "string Replace(string oldValue, string newValue, bool ignoreCase, "
         "cultureinfo culture)")
    def Replace(s, old, new, cmp=None, culture=None):
        if old is None:
            raise _null("oldValue")
        if old == "":
            raise E.ArgumentException("String cannot be of zero length. (Parameter 'oldValue')")
        new = "" if new is None else new
        if cmp is True or (isinstance(cmp, StringComparison) and _ignore_case(cmp)):
            import re
            return re.sub(re.escape(old), lambda m: new, s, flags=re.I)
        return s.replace(old, new)

    @sig("string[] Split(char separator, System.StringSplitOptions options = None)",
         "string[] Split(string separator, System.StringSplitOptions options = None)",
         "string[] Split(params char[] separator)",
         "string[] Split(char[] separator, int count)",
         "string[] Split(char[] separator, System.StringSplitOptions options)",
         "string[] Split(string[] separator, System.StringSplitOptions options)",
         "string[] Split(char separator, int count, System.StringSplitOptions options = None)",
         "string[] Split(string separator, int count, System.StringSplitOptions options = None)",
         "string[] Split(char[] separator, int count, System.StringSplitOptions options)",
         "string[] Split(string[] separator, int count, System.StringSplitOptions options)")
    def Split(s, separator=None, a=None, b=None):
        count, options = None, 0
        if isinstance(a, StringSplitOptions):
            options = a
        elif a is not None:
            count = a
            if b is not None:
                options = b
        if isinstance(separator, str):
            if separator == "":
                # an empty *string* separator does not split at all
                empty_removed = not s and int(getattr(options, "value", options) or 0) & 1
                return _typed([] if empty_removed else [s], str)
            seps = [separator]
        else:
            seps = _split_seps(separator)
        return _typed(split(s, seps, count, options), str)

    @sig("string PadLeft(int totalWidth)", "string PadLeft(int totalWidth, char paddingChar)")
    def PadLeft(s, width, ch=" "):
        if width < 0:
            raise _out_of_range("totalWidth", "Non-negative number required.")
        return s.rjust(width, ch)

    @sig("string PadRight(int totalWidth)", "string PadRight(int totalWidth, char paddingChar)")
    def PadRight(s, width, ch=" "):
        if width < 0:
            raise _out_of_range("totalWidth", "Non-negative number required.")
        return s.ljust(width, ch)

    @sig("string Insert(int startIndex, string value)")
    def Insert(s, start, value):
        if value is None:
            raise _null("value")
        if not 0 <= start <= len(s):
            raise _out_of_range("startIndex", "Index must be within the bounds of the List.")
        return s[:start] + value + s[start:]

    @sig("string Remove(int startIndex)", "string Remove(int startIndex, int count)")
    def Remove(s, start, count=None):
        if start < 0:
            raise _out_of_range("startIndex", "StartIndex cannot be less than zero.")
        if count is None:
            if start >= len(s) and not (start == 0 and not s):
                raise _out_of_range("startIndex", "startIndex must be less than length of "
                                                  "string.")
            return s[:start]
        if count < 0:
            raise _out_of_range("count", "Count cannot be less than zero.")
        if start + count > len(s):
            raise _out_of_range("count", "Index and count must refer to a location within the "
                                         "string.")
        return s[:start] + s[start + count:]

    @sig("char[] ToCharArray()", "char[] ToCharArray(int startIndex, int length)")
    def ToCharArray(s, start=0, length=None):
        part = s[start:] if length is None else s[start:start + length]
        return _typed([_char(c) for c in part], "System.Char")

    @sig("bool Equals(System.Object obj)", "bool Equals(string value)",
         "bool Equals(string value, System.StringComparison comparisonType)")
    def Equals(s, other, cmp=None):
        if not isinstance(other, str):
            return False
        if _ignore_case(cmp):
            return s.lower() == other.lower()
        return str.__eq__(s, other) and not _is_char(other)

    @sig("int CompareTo(System.Object value)", "int CompareTo(string strB)")
    def CompareTo(s, other):
        if other is None:
            return 1
        if not isinstance(other, str):
            raise E.ArgumentException("Object must be of type String.")
        return culture_compare(s, other)

    @sig("string Normalize()", "string Normalize(System.Text.NormalizationForm normalizationForm)")
    def Normalize(s, form="FormC"):
        f = {"formc": "NFC", "formd": "NFD", "formkc": "NFKC", "formkd": "NFKD"}.get(
            str(form).lower(), "NFC")
        return unicodedata.normalize(f, s)

    @sig("bool IsNormalized()")
    def IsNormalized(s):
        return unicodedata.is_normalized("NFC", s)

    @sig("string ToString()", "string ToString(System.IFormatProvider provider)")
    def ToString(s, provider=None):
        return str.__str__(s)

    @sig("System.Object Clone()")
    def Clone(s):
        return s

    @sig("int GetHashCode()")
    def GetHashCode(s):
        h = 5381
        for ch in s:
            h = ((h << 5) + h + ord(ch)) & 0xFFFFFFFF
        return h - (1 << 32) if h >= (1 << 31) else h

    @sig("System.TypeCode GetTypeCode()")
    def GetTypeCode(s):
        return "String"


def _is_char(v):
    from spshell.runtime.numbers import Char
    return isinstance(v, Char)


def _typed(items, elem):
    """A typed array (string[] / char[]) as .NET methods return."""
    from spshell.runtime import types
    et = types.resolve_type(elem if isinstance(elem, str) and "." in elem else
                            {str: "System.String"}.get(elem, elem))
    return types.array_type(et).cls(items)


class StringStatics:
    Empty = ""

    @sig("static bool IsNullOrEmpty(string value)")
    def IsNullOrEmpty(s):
        return s is None or s == ""

    @sig("static bool IsNullOrWhiteSpace(string value)")
    def IsNullOrWhiteSpace(s):
        return s is None or s.strip(_WS) == ""

    @sig("static string Join(string separator, params string[] value)",
         "static string Join(char separator, params System.Object[] values)",
         "static string Join(string separator, params System.Object[] values)",
         "static string Join(string separator, string[] value, int startIndex, int count)")
    def Join(sep, values, start=None, count=None):
        sep = "" if sep is None else str(sep)
        vals = list(values)
        if start is not None:
            vals = vals[start:start + count]
        return sep.join("" if v is None else to_string(v) for v in vals)

    @sig("static string Format(string format, params System.Object[] args)",
         "static string Format(System.IFormatProvider provider, string format, "
         "params System.Object[] args)")
    def Format(*args):
        if len(args) == 3:
            args = args[1:]
        fmt, values = args
        if fmt is None:
            raise _null("format")
        from spshell.runtime.dotnet_format import format_string
        return format_string(fmt, list(values))

    @sig("static string Concat(params System.Object[] args)")
    def Concat(values):
        return "".join("" if v is None else to_string(v) for v in values)

    @sig("static int Compare(string strA, string strB)",
         "static int Compare(string strA, string strB, bool ignoreCase)",
         "static int Compare(string strA, string strB, System.StringComparison comparisonType)")
    def Compare(a, b, mode=None):
        if isinstance(mode, StringComparison):
            return compare_with(a, b, mode)
        return culture_compare(a, b, ignore_case=bool(mode))

    @sig("static int CompareOrdinal(string strA, string strB)")
    def CompareOrdinal(a, b):
        return ordinal_compare(a, b)

    @sig("static bool Equals(string a, string b)",
         "static bool Equals(string a, string b, System.StringComparison comparisonType)")
    def Equals(a, b, cmp=None):
        if a is None or b is None:
            return a is b
        if _ignore_case(cmp):
            return a.lower() == b.lower()
        return a == b

    @sig("static string Copy(string str)")
    def Copy(s):
        return s

    @sig("static string new(char c, int count)", "static string new(char[] value)",
         "static string new(char[] value, int startIndex, int length)")
    def new(c, count=None, length=None):
        if isinstance(c, list):
            s = "".join(c)
            if count is not None:
                return s[count:count + length]
            return s
        if count < 0:
            raise _out_of_range("count", "Non-negative number required.")
        return str(c) * count


def _ch(c, index=None):
    if index is not None:
        if not 0 <= index < len(c):
            raise _out_of_range("index", "Index was out of range. Must be non-negative and less "
                                         "than the size of the collection.")
        return c[index]
    return c


class CharStatics:
    @sig("static bool IsDigit(char c)", "static bool IsDigit(string s, int index)")
    def IsDigit(c, i=None):
        return unicodedata.category(_ch(c, i)) == "Nd"

    @sig("static bool IsLetter(char c)", "static bool IsLetter(string s, int index)")
    def IsLetter(c, i=None):
        return unicodedata.category(_ch(c, i)).startswith("L")

    @sig("static bool IsLetterOrDigit(char c)", "static bool IsLetterOrDigit(string s, int index)")
    def IsLetterOrDigit(c, i=None):
        cat = unicodedata.category(_ch(c, i))
        return cat.startswith("L") or cat == "Nd"

    @sig("static bool IsNumber(char c)", "static bool IsNumber(string s, int index)")
    def IsNumber(c, i=None):
        return unicodedata.category(_ch(c, i)).startswith("N")

    @sig("static bool IsWhiteSpace(char c)", "static bool IsWhiteSpace(string s, int index)")
    def IsWhiteSpace(c, i=None):
        return _ch(c, i) in _WS

    @sig("static bool IsUpper(char c)", "static bool IsUpper(string s, int index)")
    def IsUpper(c, i=None):
        return unicodedata.category(_ch(c, i)) == "Lu"

    @sig("static bool IsLower(char c)", "static bool IsLower(string s, int index)")
    def IsLower(c, i=None):
        return unicodedata.category(_ch(c, i)) == "Ll"

    @sig("static bool IsPunctuation(char c)", "static bool IsPunctuation(string s, int index)")
    def IsPunctuation(c, i=None):
        return unicodedata.category(_ch(c, i)).startswith("P")

    @sig("static bool IsSymbol(char c)", "static bool IsSymbol(string s, int index)")
    def IsSymbol(c, i=None):
        return unicodedata.category(_ch(c, i)).startswith("S")

    @sig("static bool IsControl(char c)", "static bool IsControl(string s, int index)")
    def IsControl(c, i=None):
        return unicodedata.category(_ch(c, i)) == "Cc"

    @sig("static bool IsSeparator(char c)")
    def IsSeparator(c):
        return unicodedata.category(c).startswith("Z")

    @sig("static bool IsAscii(char c)")
    def IsAscii(c):
        return ord(c) < 128

    @sig("static char ToUpper(char c)", "static char ToUpper(char c, cultureinfo culture)")
    def ToUpper(c, culture=None):
        u = c.upper()
        return _char(u if len(u) == 1 else c)

    @sig("static char ToLower(char c)", "static char ToLower(char c, cultureinfo culture)")
    def ToLower(c, culture=None):
        u = c.lower()
        return _char(u if len(u) == 1 else c)

    @sig("static double GetNumericValue(char c)")
    def GetNumericValue(c):
        return float(unicodedata.numeric(c, -1.0))

    @sig("static string ConvertFromUtf32(int utf32)")
    def ConvertFromUtf32(n):
        if not 0 <= n <= 0x10FFFF or 0xD800 <= n <= 0xDFFF:
            raise _out_of_range("utf32", "A valid UTF32 value is between 0x000000 and 0x10ffff, "
                                         "inclusive, and should not include surrogate codepoint "
                                         "values (0x00d800 ~ 0x00dfff).")
        return chr(n)

    @sig("static int ConvertToUtf32(string s, int index)")
    def ConvertToUtf32(s, i):
        return ord(s[i])

    @sig("static char Parse(string s)")
    def Parse(s):
        if s is None:
            raise _null("s")
        if len(s) != 1:
            raise E.FormatException("String must be exactly one character long.")
        return _char(s)

    @sig("static bool TryParse(string s, ref char result)")
    def TryParse(s, ref):
        ok = s is not None and len(s) == 1
        ref.Value = _char(s if ok else "\0")
        return ok


CharStatics.MaxValue = static_prop("char", getter=lambda: _char("\uffff"))
CharStatics.MinValue = static_prop("char", getter=lambda: _char("\0"))


class CharAdapter(ObjectAdapter):
    """System.Char: a str subclass in Python, but none of String's members."""

    __ps_exclusive__ = True

    @sig("int CompareTo(char value)", "int CompareTo(System.Object value)")
    def CompareTo(c, other):
        if other is None:
            return 1
        return ord(c) - ord(str(other)[0]) if other != "" else 1

    @sig("bool Equals(char obj)", "bool Equals(System.Object obj)")
    def Equals(c, other):
        return _is_char(other) and str.__eq__(c, other)

    @sig("string ToString()", "string ToString(System.IFormatProvider provider)")
    def ToString(c, provider=None):
        return str.__str__(c)

    @sig("int GetHashCode()")
    def GetHashCode(c):
        return ord(c) | (ord(c) << 16)

    @sig("System.TypeCode GetTypeCode()")
    def GetTypeCode(c):
        return "Char"


class StringBuilder:
    """System.Text.StringBuilder."""

    __ps_type__ = "System.Text.StringBuilder"
    __ps_default_display__ = ("Capacity", "MaxCapacity", "Length")

    def __init__(self, value=None, capacity=None):
        self._parts = [] if value is None else [str(value)]
        self._cap = 16

    @classmethod
    @sig("System.Text.StringBuilder new()", "System.Text.StringBuilder new(int capacity)",
         "System.Text.StringBuilder new(string value)",
         "System.Text.StringBuilder new(string value, int capacity)")
    def __ps_new__(cls, value=None, capacity=None):
        if isinstance(value, int) and not isinstance(value, bool) and capacity is None:
            if value < 0:
                raise _out_of_range("capacity", "'capacity' must be greater than zero.")
            sb = cls()
            sb._cap = max(value, 16)
            return sb
        return cls(value)

    def _text(self):
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    @property
    def Length(self):
        return len(self._text())

    @Length.setter
    def Length(self, n):
        t = self._text()
        n = int(n)
        self._parts = [t[:n] if n <= len(t) else t + "\0" * (n - len(t))]

    @property
    def Capacity(self):
        return max(self._cap, len(self._text()))

    @property
    def MaxCapacity(self):
        return 2147483647

    @sig("System.Text.StringBuilder Append(System.Object value)",
         "System.Text.StringBuilder Append(char value, int repeatCount)",
         "System.Text.StringBuilder Append(string value, int startIndex, int count)")
    def Append(self, value=None, a=None, b=None):
        if a is not None and b is None:
            self._parts.append(str(value) * int(a))
        elif a is not None:
            self._parts.append(str(value)[int(a):int(a) + int(b)])
        elif value is not None:
            self._parts.append(value if isinstance(value, str) else to_string(value))
        return self

    @sig("System.Text.StringBuilder AppendLine()",
         "System.Text.StringBuilder AppendLine(string value)")
    def AppendLine(self, value=None):
        import os
        if value is not None:
            self._parts.append(value)
        self._parts.append(os.linesep)
        return self

    @sig("System.Text.StringBuilder AppendFormat(string format, params System.Object[] args)")
    def AppendFormat(self, fmt, args):
        from spshell.runtime.dotnet_format import format_string
        self._parts.append(format_string(fmt, list(args)))
        return self

    @sig("System.Text.StringBuilder Insert(int index, string value)",
         "System.Text.StringBuilder Insert(int index, System.Object value)")
    def Insert(self, index, value):
        t = self._text()
        if not 0 <= index <= len(t):
            raise _out_of_range("index", "Index was out of range. Must be non-negative and less "
                                         "than or equal to the size of the collection.")
        self._parts = [t[:index] + ("" if value is None else to_string(value)) + t[index:]]
        return self

    @sig("System.Text.StringBuilder Remove(int startIndex, int length)")
    def Remove(self, start, length):
        t = self._text()
        if start < 0 or length < 0 or start + length > len(t):
            raise _out_of_range("length", "Index was out of range. Must be non-negative and less "
                                          "than or equal to the size of the collection.")
        self._parts = [t[:start] + t[start + length:]]
        return self

    @sig("System.Text.StringBuilder Replace(string oldValue, string newValue)",
         "System.Text.StringBuilder Replace(char oldChar, char newChar)")
    def Replace(self, old, new):
        if not old:
            raise E.ArgumentException("String cannot be of zero length. (Parameter 'oldValue')")
        self._parts = [self._text().replace(old, new or "")]
        return self

    @sig("System.Text.StringBuilder Clear()")
    def Clear(self):
        self._parts = []
        return self

    @sig("string ToString()", "string ToString(int startIndex, int length)")
    def ToString(self, start=None, length=None):
        t = self._text()
        if start is not None:
            if start < 0 or length < 0 or start + length > len(t):
                raise _out_of_range("length", "Index and length must refer to a location within "
                                              "the string.")
            return t[start:start + length]
        return t

    @sig("bool Equals(System.Text.StringBuilder sb)")
    def Equals(self, other):
        return isinstance(other, StringBuilder) and other._text() == self._text()

    def __str__(self):
        return self._text()

    def __repr__(self):
        return f"StringBuilder({self._text()!r})"
