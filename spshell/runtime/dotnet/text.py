"""System.Text.RegularExpressions (Regex, Match, Group, Capture) and System.Text.Encoding.

.NET regular expressions are translated to Python's ``re`` dialect (named groups, back
references); replacement strings use .NET's ``$1`` / ``${name}`` / ``$$`` / ``$&`` syntax.
"""
from __future__ import annotations

import re

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig, static_prop
from spshell.runtime.dotnet.common import ObjectAdapter, to_string
from spshell.runtime.dotnet.enums import make_enum
from spshell.runtime.dotnet_regex import expand_replacement as _expand
from spshell.runtime.dotnet_regex import (invalid_pattern_message, net_group_numbers,
                                          parse_replacement, public_group_name, regex_flags,
                                          translate_regex)

RegexOptions = make_enum("System.Text.RegularExpressions.RegexOptions",
                         [("None", 0), ("IgnoreCase", 1), ("Multiline", 2),
                          ("ExplicitCapture", 4), ("Compiled", 8), ("Singleline", 16),
                          ("IgnorePatternWhitespace", 32), ("RightToLeft", 64),
                          ("ECMAScript", 256), ("CultureInvariant", 512),
                          ("NonBacktracking", 1024)], flags=True)

_CACHE: dict = {}


def compile_regex(pattern, options=0):
    """A compiled Python pattern for a .NET pattern (cached); ArgumentException when invalid."""
    key = (pattern, int(getattr(options, "value", options) or 0))
    rx = _CACHE.get(key)
    if rx is None:
        if pattern is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'pattern')")
        try:
            # bit 4 = RegexOptions.ExplicitCapture, which re has no flag for
            rx = re.compile(translate_regex(pattern, bool(key[1] & 4)), regex_flags(key[1]))
        except re.error as exc:
            raise E.ArgumentException(invalid_pattern_message(pattern, exc))
        if len(_CACHE) > 500:
            _CACHE.clear()
        _CACHE[key] = rx
    return rx


def _replacement_numbers(rx):
    # $n here counts groups in pattern order (tests/types/test_types_members.py pins it); .NET,
    # and the -replace operator, number unnamed groups first: net_group_numbers(rx)
    return {i: i for i in range(rx.groups + 1)}


def expand_replacement(m, repl):
    """.NET substitutions ($n ${name} $$ $& $` $' $+ $_) for one match."""
    return _expand(parse_replacement(repl), m, _replacement_numbers(m.re))


def regex_replace(rx, text, replacement, count=-1, start=0):
    if callable(replacement) or hasattr(replacement, "ast"):
        def fn(m):
            if hasattr(replacement, "ast"):
                from spshell.runtime.types import _run_script
                r = _run_script(replacement, None, [Match(m)])
            else:
                r = replacement(Match(m))
            return "" if r is None else to_string(r)
    else:
        segs = parse_replacement("" if replacement is None else to_string(replacement))
        numbers = _replacement_numbers(rx)

        def fn(m):
            return _expand(segs, m, numbers)
    head, tail = text[:start], text[start:]
    return head + rx.sub(fn, tail, count=0 if count is None or count < 0 else count)


def regex_split(rx, text, count=0):
    """Regex.Split: captured groups are included in the result, as .NET does."""
    if count is not None and count == 1:
        return [text]
    parts = rx.split(text, maxsplit=0 if not count or count < 0 else count - 1)
    return ["" if p is None else p for p in parts]


def _net_groups(rx):
    """[(.NET group name, re group index)] in .NET group-number order."""
    names = {py: public_group_name(name) for name, py in rx.groupindex.items()}
    return [(names.get(py, str(net)), py) for net, py in net_group_numbers(rx).items()]


class Capture:
    """System.Text.RegularExpressions.Capture."""

    __ps_type__ = "System.Text.RegularExpressions.Capture"
    __ps_default_display__ = ("Index", "Length", "Value")

    def __init__(self, value, index):
        self._value = value or ""
        self._index = index

    @property
    def Index(self):
        return self._index

    @property
    def Length(self):
        return len(self._value)

    @property
    def Value(self):
        return self._value

    def ToString(self):
        return self._value

    def __str__(self):
        return self._value


class Group(Capture):
    """System.Text.RegularExpressions.Group."""

    __ps_type__ = "System.Text.RegularExpressions.Group"
    __ps_default_display__ = ("Success", "Name", "Captures", "Index", "Length", "Value")

    def __init__(self, m, key, name):
        self._m = m
        self._key = key
        self._name = name
        start = m.start(key)
        super().__init__(m.group(key), start if start >= 0 else 0)

    @property
    def Success(self):
        return self._m.group(self._key) is not None

    @property
    def Name(self):
        return self._name

    @property
    def Captures(self):
        if not self.Success:
            return []
        return [Capture(self._value, self._index)]


class GroupCollection:
    """Match.Groups: indexable by number and by name; enumerates the groups."""

    __ps_type__ = "System.Text.RegularExpressions.GroupCollection"
    __ps_collection__ = True

    def __init__(self, m):
        self._m = m
        # position in the list = .NET group number
        self._groups = [Group(m, py, name) for name, py in _net_groups(m.re)]

    def __len__(self):
        return len(self._groups)

    def __iter__(self):
        return iter(self._groups)

    def __getitem__(self, key):
        if isinstance(key, str) and not key.strip().isdigit():
            for g in self._groups:
                if g.Name == key:
                    return g
            return _failed_group()
        try:
            k = int(key)
        except (TypeError, ValueError):
            return _failed_group()
        if 0 <= k < len(self._groups):
            return self._groups[k]
        return _failed_group()

    @property
    def Count(self):
        return len(self._groups)

    @property
    def Keys(self):
        return [g.Name for g in self._groups]

    def ContainsKey(self, key):
        return any(g.Name == str(key) for g in self._groups)

    def Item(self, key):
        return self[key]


_FAILED = None


def _failed_group():
    global _FAILED
    if _FAILED is None:
        _FAILED = Group(re.match("(x)?", ""), 1, "")
    return _FAILED


class Match(Group):
    """System.Text.RegularExpressions.Match."""

    __ps_type__ = "System.Text.RegularExpressions.Match"
    __ps_default_display__ = ("Groups", "Success", "Name", "Captures", "Index", "Length",
                              "Value")

    def __init__(self, m, regex=None):
        if m is None:  # Match.Empty: a failed match
            self._fail = True
            self._m = re.match("(x)?", "")
            self._key, self._name = 1, "0"
            Capture.__init__(self, "", 0)
            self._regex = regex
            return
        self._fail = False
        self._regex = regex
        super().__init__(m, 0, "0")

    @property
    def Success(self):
        return not self._fail

    @property
    def Groups(self):
        if self._fail:
            return GroupCollection(re.match("", ""))
        return GroupCollection(self._m)

    @sig("System.Text.RegularExpressions.Match NextMatch()")
    def NextMatch(self):
        if self._fail:
            return self
        rx = self._m.re
        pos = self._m.end() if self._m.end() > self._m.start() else self._m.end() + 1
        if pos > len(self._m.string):
            return Match(None, self._regex)
        return Match(rx.search(self._m.string, pos), self._regex)

    @sig("string Result(string replacement)")
    def Result(self, replacement):
        return expand_replacement(self._m, replacement)

    def __repr__(self):
        return f"Match({self._value!r})"


class MatchCollection(list):
    __ps_type__ = "System.Text.RegularExpressions.MatchCollection"


class Regex:
    """System.Text.RegularExpressions.Regex."""

    __ps_type__ = "System.Text.RegularExpressions.Regex"
    __ps_default_display__ = ("Options", "MatchTimeout", "RightToLeft")

    def __init__(self, pattern, options=0):
        if pattern is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'pattern')")
        if not isinstance(pattern, str):
            pattern = to_string(pattern)
        self._pattern = pattern
        self._options = options if isinstance(options, RegexOptions) else RegexOptions(
            int(options or 0))
        self._rx = compile_regex(pattern, self._options)

    @classmethod
    @sig("regex new(string pattern)",
         "regex new(string pattern, System.Text.RegularExpressions.RegexOptions options)")
    def __ps_new__(cls, pattern, options=0):
        return cls(pattern, options)

    @property
    def Options(self):
        return self._options

    @property
    def RightToLeft(self):
        return bool(int(self._options.value) & 64)

    @property
    def MatchTimeout(self):
        import datetime
        return datetime.timedelta(milliseconds=-1)

    @sig("bool IsMatch(string input)", "bool IsMatch(string input, int startat)")
    def IsMatch(self, text, start=0):
        _need(text)
        return self._rx.search(text, start) is not None

    @sig("System.Text.RegularExpressions.Match Match(string input)",
         "System.Text.RegularExpressions.Match Match(string input, int startat)",
         "System.Text.RegularExpressions.Match Match(string input, int beginning, int length)")
    def Match(self, text, start=0, length=None):
        _need(text)
        end = len(text) if length is None else start + length
        return Match(self._rx.search(text, start, end), self)

    @sig("System.Text.RegularExpressions.MatchCollection Matches(string input)",
         "System.Text.RegularExpressions.MatchCollection Matches(string input, int startat)")
    def Matches(self, text, start=0):
        _need(text)
        return MatchCollection(Match(m, self) for m in self._rx.finditer(text, start))

    @sig("string Replace(string input, string replacement)",
         "string Replace(string input, string replacement, int count)",
         "string Replace(string input, string replacement, int count, int startat)",
         "string Replace(string input, System.Text.RegularExpressions.MatchEvaluator "
         "evaluator)")
    def Replace(self, text, replacement, count=-1, start=0):
        _need(text)
        return regex_replace(self._rx, text, replacement, count, start)

    @sig("string[] Split(string input)", "string[] Split(string input, int count)")
    def Split(self, text, count=0):
        _need(text)
        return regex_split(self._rx, text, count)

    @sig("string[] GetGroupNames()")
    def GetGroupNames(self):
        return [name for name, _ in _net_groups(self._rx)]

    @sig("int[] GetGroupNumbers()")
    def GetGroupNumbers(self):
        return list(range(self._rx.groups + 1))

    def ToString(self):
        return self._pattern

    def __str__(self):
        return self._pattern

    def __repr__(self):
        return f"Regex({self._pattern!r})"


def _need(text):
    if text is None:
        raise E.ArgumentNullException("Value cannot be null. (Parameter 'input')")


class RegexStatics:
    @sig("static bool IsMatch(string input, string pattern)",
         "static bool IsMatch(string input, string pattern, "
         "System.Text.RegularExpressions.RegexOptions options)")
    def IsMatch(text, pattern, options=0):
        _need(text)
        return compile_regex(pattern, options).search(text) is not None

    @sig("static System.Text.RegularExpressions.Match Match(string input, string pattern)",
         "static System.Text.RegularExpressions.Match Match(string input, string pattern, "
         "System.Text.RegularExpressions.RegexOptions options)")
    def Match(text, pattern, options=0):
        _need(text)
        return Regex(pattern, options).Match(text)

    @sig("static System.Text.RegularExpressions.MatchCollection Matches(string input, "
         "string pattern)",
         "static System.Text.RegularExpressions.MatchCollection Matches(string input, "
         "string pattern, System.Text.RegularExpressions.RegexOptions options)")
    def Matches(text, pattern, options=0):
        _need(text)
        return Regex(pattern, options).Matches(text)

    @sig("static string Replace(string input, string pattern, string replacement)",
         "static string Replace(string input, string pattern, string replacement, "
         "System.Text.RegularExpressions.RegexOptions options)",
         "static string Replace(string input, string pattern, "
         "System.Text.RegularExpressions.MatchEvaluator evaluator)")
    def Replace(text, pattern, replacement, options=0):
        _need(text)
        return regex_replace(compile_regex(pattern, options), text, replacement)

    @sig("static string[] Split(string input, string pattern)",
         "static string[] Split(string input, string pattern, "
         "System.Text.RegularExpressions.RegexOptions options)")
    def Split(text, pattern, options=0):
        _need(text)
        return regex_split(compile_regex(pattern, options), text)

    @sig("static string Escape(string str)")
    def Escape(s):
        if s is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'str')")
        out = []
        for ch in s:
            if ch in "\\*+?|{[()^$.# ":
                out.append("\\" + ch)
            elif ch == "\t":
                out.append("\\t")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\f":
                out.append("\\f")
            else:
                out.append(ch)
        return "".join(out)

    @sig("static string Unescape(string str)")
    def Unescape(s):
        if s is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'str')")
        table = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "a": "\a", "e": "\x1b",
                 "v": "\v"}
        return re.sub(r"\\(.)", lambda m: table.get(m.group(1), m.group(1)), s)


class PatternAdapter(ObjectAdapter):
    """A compiled Python pattern that reaches a script behaves like a Regex."""

    @sig("bool IsMatch(string input)")
    def IsMatch(p, text):
        return p.search(text) is not None

    @sig("string ToString()")
    def ToString(p):
        return p.pattern


# ---- Encoding --------------------------------------------------------------------------------


def _bytes_array(data):
    from spshell.runtime import types
    from spshell.runtime.numbers import Byte
    return types.array_type(types.resolve_type("byte")).cls([Byte(b) for b in data])


def _to_bytes(values):
    if values is None:
        raise E.ArgumentNullException("Value cannot be null. (Parameter 'bytes')")
    if isinstance(values, (bytes, bytearray)):
        return bytes(values)
    try:
        return bytes(int(v) & 0xFF if int(v) >= 0 else int(v) + 256 for v in values)
    except (TypeError, ValueError):
        raise E.ArgumentException("The value must be an array of bytes.")


class Encoding:
    """System.Text.Encoding and its concrete encodings."""

    __ps_type__ = "System.Text.Encoding"
    __ps_default_display__ = ("BodyName", "EncodingName", "HeaderName", "WebName",
                              "WindowsCodePage", "IsBrowserDisplay", "IsBrowserSave",
                              "IsMailNewsDisplay", "IsMailNewsSave", "IsSingleByte",
                              "EncoderFallback", "DecoderFallback", "IsReadOnly", "CodePage")

    _INFO = {
        "utf-8": ("System.Text.UTF8Encoding+UTF8EncodingSealed", "Unicode (UTF-8)", 65001,
                  "utf-8", b"\xef\xbb\xbf", 1200),
        "us-ascii": ("System.Text.ASCIIEncoding+ASCIIEncodingSealed", "US-ASCII", 20127,
                     "us-ascii", b"", 1252),
        "utf-16": ("System.Text.UnicodeEncoding", "Unicode", 1200, "utf-16-le", b"\xff\xfe",
                   1200),
        "utf-16BE": ("System.Text.UnicodeEncoding", "Unicode (Big-Endian)", 1201, "utf-16-be",
                     b"\xfe\xff", 1200),
        "utf-32": ("System.Text.UTF32Encoding", "Unicode (UTF-32)", 12000, "utf-32-le",
                   b"\xff\xfe\x00\x00", 1200),
        "iso-8859-1": ("System.Text.Latin1Encoding", "Western European (ISO)", 28591,
                       "latin-1", b"", 1252),
    }

    def __init__(self, web_name="utf-8"):
        if web_name not in self._INFO:
            web_name = get_encoding(web_name)._web  # ArgumentException for unknown names
        (self._ps_type, self._name, self._cp, self._codec, self._preamble,
         self._wincp) = self._INFO[web_name]
        self._web = web_name

    @classmethod
    def __ps_convert__(cls, value):
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return get_encoding(value)
        return NotImplemented

    @property
    def BodyName(self):
        return self._web

    @property
    def EncodingName(self):
        return self._name

    @property
    def HeaderName(self):
        return self._web

    @property
    def WebName(self):
        return self._web

    @property
    def WindowsCodePage(self):
        return self._wincp

    @property
    def CodePage(self):
        return self._cp

    @property
    def IsSingleByte(self):
        return self._web in ("us-ascii", "iso-8859-1")

    @property
    def IsBrowserDisplay(self):
        return self._web == "utf-8"

    @property
    def IsBrowserSave(self):
        return self._web in ("utf-8", "utf-16")

    @property
    def IsMailNewsDisplay(self):
        return self._web in ("utf-8", "us-ascii")

    @property
    def IsMailNewsSave(self):
        return self._web in ("utf-8", "us-ascii")

    @property
    def IsReadOnly(self):
        return True

    @property
    def EncoderFallback(self):
        return "System.Text.EncoderReplacementFallback"

    @property
    def DecoderFallback(self):
        return "System.Text.DecoderReplacementFallback"

    def encode(self, text):
        if self._web == "us-ascii":
            return text.encode("ascii", errors="replace")
        if self._web == "iso-8859-1":
            return text.encode("latin-1", errors="replace")
        return text.encode(self._codec, errors="surrogatepass")

    def decode(self, data):
        if self._web == "us-ascii":
            return "".join(chr(b) if b < 128 else "?" for b in data)
        return data.decode(self._codec, errors="replace")

    @sig("byte[] GetBytes(string s)", "byte[] GetBytes(char[] chars)",
         "byte[] GetBytes(string s, int index, int count)")
    def GetBytes(self, s, index=None, count=None):
        if s is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 's')")
        text = s if isinstance(s, str) else "".join(str(c) for c in s)
        if index is not None:
            text = text[index:index + count]
        return _bytes_array(self.encode(text))

    @sig("string GetString(byte[] bytes)", "string GetString(byte[] bytes, int index, int count)")
    def GetString(self, data, index=None, count=None):
        raw = _to_bytes(data)
        if index is not None:
            if index < 0 or count < 0 or index + count > len(raw):
                raise E.ArgumentOutOfRangeException(
                    "Index and count must refer to a location within the buffer. "
                    "(Parameter 'bytes')")
            raw = raw[index:index + count]
        return self.decode(raw)

    @sig("int GetByteCount(string s)")
    def GetByteCount(self, s):
        return len(self.encode(s))

    @sig("int GetCharCount(byte[] bytes)")
    def GetCharCount(self, data):
        return len(self.decode(_to_bytes(data)))

    @sig("byte[] GetPreamble()")
    def GetPreamble(self):
        return _bytes_array(self._preamble)

    @sig("char[] GetChars(byte[] bytes)")
    def GetChars(self, data):
        from spshell.runtime import types
        from spshell.runtime.numbers import Char
        return types.array_type(types.resolve_type("char")).cls(
            [Char(c) for c in self.decode(_to_bytes(data))])

    def ToString(self):
        return self._ps_type

    def __repr__(self):
        return f"Encoding({self._web})"


_ENC: dict = {}


def get_encoding(name):
    key = name
    if isinstance(name, int):
        key = {65001: "utf-8", 20127: "us-ascii", 1200: "utf-16", 1201: "utf-16BE",
               12000: "utf-32", 28591: "iso-8859-1"}.get(name)
    else:
        key = {"utf-8": "utf-8", "utf8": "utf-8", "ascii": "us-ascii", "us-ascii": "us-ascii",
               "unicode": "utf-16", "utf-16": "utf-16", "utf-16le": "utf-16",
               "utf-16be": "utf-16BE", "bigendianunicode": "utf-16BE", "utf-32": "utf-32",
               "utf32": "utf-32", "latin1": "iso-8859-1", "iso-8859-1": "iso-8859-1",
               "default": "utf-8"}.get(str(name).lower())
    if key is None:
        raise E.ArgumentException(f"'{name}' is not a supported encoding name. For information "
                                  f"on defining a custom encoding, see the documentation for "
                                  f"the Encoding.RegisterProvider method. (Parameter 'name')")
    enc = _ENC.get(key)
    if enc is None:
        enc = _ENC[key] = Encoding(key)
    return enc


class EncodingStatics:
    UTF8 = static_prop("System.Text.Encoding", getter=lambda: get_encoding("utf-8"))
    ASCII = static_prop("System.Text.Encoding", getter=lambda: get_encoding("us-ascii"))
    Unicode = static_prop("System.Text.Encoding", getter=lambda: get_encoding("utf-16"))
    BigEndianUnicode = static_prop("System.Text.Encoding",
                                   getter=lambda: get_encoding("utf-16BE"))
    UTF32 = static_prop("System.Text.Encoding", getter=lambda: get_encoding("utf-32"))
    Latin1 = static_prop("System.Text.Encoding", getter=lambda: get_encoding("iso-8859-1"))
    Default = static_prop("System.Text.Encoding", getter=lambda: get_encoding("utf-8"))

    @sig("static System.Text.Encoding GetEncoding(string name)",
         "static System.Text.Encoding GetEncoding(int codepage)")
    def GetEncoding(name):
        return get_encoding(name)

    @sig("static byte[] Convert(System.Text.Encoding srcEncoding, System.Text.Encoding "
         "dstEncoding, byte[] bytes)")
    def Convert(src, dst, data):
        return _bytes_array(dst.encode(src.decode(_to_bytes(data))))
