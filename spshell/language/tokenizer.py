"""PowerShell tokenizer, modelled on PowerShell's own Tokenizer.cs.

The tokenizer never runs ahead on its own: the parser asks for one token at a time and says which
mode to scan in, because the same characters mean different things in argument (command) mode and
expression mode (`2+2`, `-5`, `$a+2`, `!1`, `.\\x`). When the parser changes its mind about the mode
of a token it already peeked at, it rescans from that token's start (``Parser._peek``).

Speed matters (a 10,000-line script must parse in well under a second), so the hot paths use
compiled regular expressions to take whole runs of characters at once.
"""
from __future__ import annotations

import re

from spshell.language import ast as A
from spshell.language._lazy_re import lazy

# ----------------------------------------------------------------------------------- modes

EXPR = 0        # expression mode
CMD = 1         # command (argument) mode
TYPE = 2        # inside `[ ]` type names
SIGNED = 4      # flag: a leading sign belongs to a number (`-5` is one token), unary position
TERN = 8        # flag: `?` and `:` end a number/generic token (after a ternary `?`)
SIMPLE = 16     # flag: want a simple name (member names: keywords are names, no generic tokens)

# ----------------------------------------------------------------------------- token kinds

EOF = "eof"
NEWLINE = "newline"
SEMI = ";"
LPAREN = "("
RPAREN = ")"
LCURLY = "{"
RCURLY = "}"
LBRACKET = "["
RBRACKET = "]"
ATPAREN = "@("
ATCURLY = "@{"
DOLLARPAREN = "$("
COMMA = ","
PIPE = "|"
AMP = "&"
ANDAND = "&&"
OROR = "||"
DOT = "."
COLONCOLON = "::"
LABEL = "label"
NUMBER = "number"
STRING = "string"          # value: text, extra: 'single' 'double' 'single_here' 'double_here'

XSTRING = "xstring"        # expandable; value: raw text, extra: (kind, parts)
VARIABLE = "variable"      # value: full path text, extra: (scope, name, splatted, braced)
PARAM = "param"            # value: name (no dash), extra: True if it ended with ':'
GENERIC = "generic"        # value: text, extra: parts when expandable else None
IDENT = "ident"
KEYWORD = "keyword"        # value: lower-case keyword
OP = "op"                  # value: canonical operator text
REDIR = "redir"            # extra: (from_stream, to_stream or None, append)
INREDIR = "<"
MINUSMINUS_ARG = "--"      # `--` in command mode (end of parameters)
UNKNOWN = "unknown"

# tokens that scan the same way in every mode, so a peeked one never needs rescanning
MODE_FREE = frozenset({EOF, NEWLINE, SEMI, LPAREN, RPAREN, LCURLY, RCURLY, ATPAREN, ATCURLY,
                       DOLLARPAREN, COMMA, PIPE, ANDAND, OROR, STRING, XSTRING, RBRACKET})

KEYWORDS = frozenset("""begin break catch class clean continue data define do dynamicparam else
elseif end exit filter finally for foreach from function hidden if in inlinescript parallel param
process return sequence switch throw trap try until using var while workflow configuration enum
static""".split())

# -name operators recognised in expression mode (ScanParameter + s_operatorTable)
_OPS = """eq ne ge gt lt le like notlike match notmatch replace contains notcontains in notin split
join is isnot as and or xor not band bor bxor bnot f shl shr""".split()
_CI_OPS = """eq ne ge gt lt le like notlike match notmatch replace contains notcontains in notin
split""".split()
OPERATOR_WORDS = set(_OPS)
for _o in _CI_OPS:
    OPERATOR_WORDS.add("i" + _o)
    OPERATOR_WORDS.add("c" + _o)
OPERATOR_WORDS = frozenset(OPERATOR_WORDS)

DASHES = "-\u2013\u2014\u2015"
SQUOTES = "'\u2018\u2019\u201a\u201b"
DQUOTES = '"\u201c\u201d\u201e'
_WS_EXTRA = "\xa0\x85"

_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r",
            "t": "\t", "v": "\v"}


class Token:
    __slots__ = ("kind", "start", "end", "value", "extra")

    def __init__(self, kind, start, end, value=None, extra=None):
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value
        self.extra = extra

    def __repr__(self):
        return f"Token({self.kind!r}, {self.start}, {self.end}, {self.value!r})"


class TokenizerError(Exception):
    """Raised by the tokenizer; the parser turns it into a ParseError."""

    def __init__(self, start, end, error_id, args=(), incomplete_check=True):
        super().__init__(error_id)
        self.start = start
        self.end = end
        self.error_id = error_id
        self.args_ = args
        self.incomplete_check = incomplete_check


# -------------------------------------------------------------------------- char classes

def is_ws(c):
    return c == " " or c == "\t" or c == "\f" or c == "\v" or c in _WS_EXTRA or (
        c > "\x7f" and c.isspace() and c not in "\u2028\u2029")


_FORCE_NEW = frozenset(" \t\f\v\r\n&(),;{|}\0" + _WS_EXTRA)


def force_start_new_token(c):
    """CharTraits.ForceStartNewToken: whitespace, newline, `& ( ) , ; { | }`."""
    return c in _FORCE_NEW or (c > "\x7f" and c.isspace())


_AFTER_NUMBER = frozenset("!#%*+-.</=>]" + DASHES[1:])


def is_ident_start(c):
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or c == "_" or (c > "\x7f" and c.isalpha())


def is_ident_follow(c):
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or ("0" <= c <= "9") or c == "_" or (
        c > "\x7f" and c.isalnum())


def is_var_start(c):
    return is_ident_follow(c) or c in "$?^:" or (c > "\x7f" and c.isalnum())


# Patterns compile on first use (see _lazy_re): a short command line needs only a few of them.
_G = globals()
# A run of characters that certainly continue a generic token (no specials to look at)
_GENERIC_RUN = lazy(_G, "_GENERIC_RUN",
                    r"[^\s&(),;{|}`'\"$\u2018\u2019\u201a\u201b\u201c\u201d\u201e\0]+")
_IDENT = lazy(_G, "_IDENT", r"[A-Za-z_][A-Za-z0-9_]*")
_IDENT_U = lazy(_G, "_IDENT_U", r"[^\W]+")  # unicode letters/digits/underscore
_SQ_RUN = lazy(_G, "_SQ_RUN", "[^'\u2018\u2019\u201a\u201b]*")
_DQ_RUN = lazy(_G, "_DQ_RUN", '[^"\u201c\u201d\u201e`$]*')
_VARNAME = lazy(_G, "_VARNAME", r"[A-Za-z0-9_?]+")
_PARAM_RUN = lazy(_G, "_PARAM_RUN", r"[A-Za-z]+")
_DIGITS = lazy(_G, "_DIGITS", r"[0-9]*")
_HEX = lazy(_G, "_HEX", r"[0-9A-Fa-f]*")
_BIN = lazy(_G, "_BIN", r"[01]*")
_TYPENAME = lazy(_G, "_TYPENAME", r"[A-Za-z_0-9.`+\\]+|[^\W][\w.`+]*")


# The common tokens, taken in one regular-expression match (the general scanner below handles
# everything else; each alternative only fires where that scanner would give the same token).
# The token after leading blanks is group 1, 2 or 3: in group 1 its first character tells
# ``Tokenizer.next`` what was matched (those alternatives start with disjoint characters); group 2
# is a command-mode generic word (tried after an identifier failed), group 3 a type name.
# Alternatives carry no groups of their own so that the regex engine can reject each one on its
# first character, most frequent first.
#
# "Not followed by a word character or a BMP non-ASCII character" is spelled
# `(?!\w|[^\x00-\x7f\U00010000-\U0010ffff])` rather than `(?![\w\u0080-\uffff])`: the same
# set, but the range form costs milliseconds to compile (a 64K-entry character map).
_NOT_WORD_AFTER = r"(?!\w|[^\x00-\x7f\U00010000-\U0010ffff])"
_NOT_LETTER_AFTER = r"(?![A-Za-z]|[^\x00-\x7f\U00010000-\U0010ffff])"
_FAST_EXPR_PATTERN = r"""[ \t]*(
  [(){};,\]\[]
| [A-Za-z_][A-Za-z0-9_]*""" + _NOT_WORD_AFTER + r"""
| \$[A-Za-z_][A-Za-z0-9_]*(?=[ \t\r\n&(),;{}|.\[\]=+*/%<>!-]|\Z)
| \r?\n
| -[A-Za-z]+""" + _NOT_LETTER_AFTER + r"""
| =
| '[^'\u2018\u2019\u201a\u201b]*'(?![\'\u2018\u2019\u201a\u201b])
| [0-9]{1,9}(?=[ \t\r\n&(),;{}|\]=+*/%<>!-]|\Z)
| "[^"\u201c\u201d\u201e$`]*"(?!["\u201c\u201d\u201e])
| \|(?!\|)
| @[({] | \$\(
)"""
_FAST_CMD_PATTERN = r"""[ \t]*(?:(
  [(){};,\]]
| [A-Za-z_][A-Za-z0-9_]*(?=[ \t\r\n&(),;{}|]|\Z)
| \$[A-Za-z_][A-Za-z0-9_]*(?=[ \t\r\n&(),;{}|.\[=]|\Z)
| \r?\n
| -[A-Za-z_][A-Za-z0-9_]*(?=[ \t\r\n(){};,|&]|\Z)
| '[^'\u2018\u2019\u201a\u201b]*'(?![\'\u2018\u2019\u201a\u201b])
| [0-9]{1,9}(?=[ \t\r\n&(),;{}|]|\Z)
| "[^"\u201c\u201d\u201e$`]*"(?!["\u201c\u201d\u201e])
| \|(?!\|)
| @[({] | \$\(
) | ([A-Za-z_][A-Za-z0-9_.\\/:*~+%=!?^-]*)(?=[ \t\r\n&(),;{}|]|\Z)
)"""
# inside `[ ]` (the scanner's _type_token; a leading backtick may be a line continuation, so it
# is left to the general scanner); group 2 never matches
_FAST_TYPE_PATTERN = r"""[ \t]*(?:
  ([\]\[,(]) | (?!)() | ([A-Za-z_0-9.+\\][A-Za-z_0-9.`+\\]*)
)"""

# what the first character of a fast match is (see Tokenizer.next)
_F_PUNCT, _F_WORD, _F_VAR, _F_NEWLINE, _F_DASH, _F_EQUALS, _F_SQ, _F_NUMBER, _F_DQ, _F_AT = \
    range(10)
_FAST_KIND = {c: _F_PUNCT for c in "(){};,[]|"}
_FAST_KIND.update({c: _F_WORD for c in "_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"})
_FAST_KIND.update({c: _F_NUMBER for c in "0123456789"})
_FAST_KIND.update({"$": _F_VAR, "\r": _F_NEWLINE, "\n": _F_NEWLINE, "-": _F_DASH,
                   "=": _F_EQUALS, "'": _F_SQ, '"': _F_DQ, "@": _F_AT})

# mode -> the fast pattern's bound ``match`` (None: always the general scanner); built by
# _fast_matchers() when the first Tokenizer is made
_FAST_MATCH = None


def _fast_matchers():
    global _FAST_MATCH
    expr = re.compile(_FAST_EXPR_PATTERN, re.X).match
    cmd = re.compile(_FAST_CMD_PATTERN, re.X).match
    type_ = re.compile(_FAST_TYPE_PATTERN, re.X).match
    table = []
    for mode in range(64):
        base = mode & 3
        table.append(expr if base == EXPR else
                     cmd if base == CMD and not mode & SIMPLE else
                     type_ if base == TYPE else None)
    _FAST_MATCH = tuple(table)
    return _FAST_MATCH


# ------------------------------------------------------------------------------ numbers

def _numbers():
    """spshell.runtime.numbers, if present (it is written in parallel)."""
    try:
        from spshell.runtime import numbers
        return numbers
    except Exception:  # pragma: no cover - module not there yet
        return None


def _typed(name, value):
    mod = _numbers()
    cls = getattr(mod, name, None) if mod is not None else None
    if cls is None:
        return value
    try:
        return cls(value)
    except Exception:
        return value


_INT_RANGES = {
    "Int32": (-2 ** 31, 2 ** 31 - 1), "Int64": (-2 ** 63, 2 ** 63 - 1),
    "SByte": (-128, 127), "Byte": (0, 255), "Int16": (-32768, 32767), "UInt16": (0, 65535),
    "UInt32": (0, 2 ** 32 - 1), "UInt64": (0, 2 ** 64 - 1),
}
_DECIMAL_MAX = 79228162514264337593543950335  # compared with ints and Decimals alike


def _fits(name, v):
    lo, hi = _INT_RANGES[name]
    return lo <= v <= hi


def _round_half_even(x: float) -> int:
    return int(round(x))


_SUFFIX_TYPE = {"y": "SByte", "uy": "Byte", "s": "Int16", "us": "UInt16", "l": "Int64",
                "ul": "UInt64"}


def number_value(digits, fmt, suffix, real, multiplier):
    """TryGetNumberValue: the typed value of a scanned literal, or raise ValueError."""
    if real:
        if suffix == "d":
            from decimal import Decimal, InvalidOperation  # rare: `d` suffix
            try:
                d = Decimal(digits) * multiplier
            except InvalidOperation:
                raise ValueError(digits)
            if abs(d) > _DECIMAL_MAX:
                raise ValueError(digits)
            return d
        v = float(digits)
        if v == 0.0 and digits.startswith("-"):
            v = -0.0
        v *= multiplier
        if suffix == "":
            return v
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError(digits)
        big = _round_half_even(v)
        return _int_with_suffix(big, suffix, fmt)
    neg = False
    if fmt == "hex":
        s = digits
        if s[0] in "+-":
            neg = s[0] == "-"
            s = s[1:]
        if "u" not in suffix:
            expected = {"y": 2, "s": 4, "l": 16}.get(suffix, 8 if len(s) < 16 else 16)
            if len(s) == expected + 1:
                s = s[1:]
                big = int(s, 16)
                if big >= 1 << (4 * len(s) - 1):
                    big -= 1 << (4 * len(s))
            else:
                big = int(s, 16)
        else:
            big = int(s, 16)
        if len(s) == 16 and suffix in ("", "u"):
            suffix = suffix + "l"
    elif fmt == "bin":
        s = digits
        if s[0] in "+-":
            neg = s[0] == "-"
            s = s[1:]
        if not s:
            raise ValueError(digits)
        big = int(s, 2)
        if "u" not in suffix and len(s) in (8, 16, 32, 64) and s[0] == "1":
            big -= 1 << len(s)
        if len(s) == 64 and suffix in ("", "u"):
            suffix = suffix + "l"
    else:
        big = int(digits)
    big *= multiplier
    if neg:
        big = -big
    return _int_with_suffix(big, suffix, fmt)


def _int_with_suffix(big, suffix, fmt):
    if suffix == "":
        if _fits("Int32", big):
            return big
        if _fits("Int64", big):
            return _typed("Int64", big)
        if fmt == "dec":
            if abs(big) <= _DECIMAL_MAX:
                from decimal import Decimal
                return Decimal(big)
            return float(big)
        raise ValueError(big)
    if suffix == "n":
        return _typed("BigInteger", big)
    if suffix == "d":
        if abs(big) <= _DECIMAL_MAX:
            from decimal import Decimal
            return Decimal(big)
        raise ValueError(big)
    if suffix == "u":
        if _fits("UInt32", big):
            return _typed("UInt32", big)
        if _fits("UInt64", big):
            return _typed("UInt64", big)
        raise ValueError(big)
    if suffix == "lu":
        suffix = "ul"
    name = _SUFFIX_TYPE.get(suffix)
    if name is None or not _fits(name, big):
        raise ValueError(big)
    return _typed(name, big)


def scan_number_literal(text, pos, flags, text_len=None):
    """ScanNumberHelper. Returns (end, digits, fmt, suffix, real, multiplier) or None when the
    characters are not a number (then they form a generic token)."""
    t = text
    n = len(t) if text_len is None else text_len
    i = pos
    sb = ""
    c = t[i]
    if c in DASHES or c == "+":
        sb = "-" if c in DASHES else "+"
        i += 1
        c = t[i] if i < n else "\0"
    fmt = "dec"
    real = False
    not_number = False
    if c == ".":
        m = _DIGITS.match(t, i + 1)
        sb += "." + m.group()
        i = m.end()
        real = True
        if i < n and t[i] in "eE":
            i, sb, not_number = _exponent(t, i, n, sb, not_number)
    else:
        c1 = t[i + 1] if i + 1 < n else "\0"
        if c == "0" and c1 in "xX":
            m = _HEX.match(t, i + 2)
            sb += "0" + m.group()
            i = m.end()
            fmt = "hex"
            if not m.group():
                not_number = True
        elif c == "0" and c1 in "bB":
            m = _BIN.match(t, i + 2)
            sb += m.group()
            i = m.end()
            fmt = "bin"
            if not m.group():
                not_number = True
        else:
            m = _DIGITS.match(t, i)
            sb += m.group()
            i = m.end()
            c = t[i] if i < n else "\0"
            if c == ".":
                if i + 1 < n and t[i + 1] == ".":
                    pass  # range operator
                else:
                    m = _DIGITS.match(t, i + 1)
                    sb += "." + m.group()
                    i = m.end()
                    real = True
                    if i < n and t[i] in "eE":
                        i, sb, not_number = _exponent(t, i, n, sb, not_number)
            elif c in "eE":
                real = True
                i, sb, not_number = _exponent(t, i, n, sb, not_number)
    suffix = ""
    c = t[i] if i < n else "\0"
    if c in "usldynUSLDYN":
        i += 1
        suffix = c.lower()
        c = t[i] if i < n else "\0"
        if c in "usldynUSLDYN":
            i += 1
            c2 = c.lower()
            if suffix == "u" and c2 in "lsy":
                suffix = "u" + c2
            else:
                not_number = True
            c = t[i] if i < n else "\0"
    multiplier = 1
    if c in "kmgtpKMGTP":
        i += 1
        multiplier = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3, "t": 1024 ** 4,
                      "p": 1024 ** 5}[c.lower()]
        c1 = t[i] if i < n else "\0"
        if c1 in "bB":
            i += 1
            c = t[i] if i < n else "\0"
        else:
            not_number = True
            c = c1
    if i < n and not force_start_new_token(c):
        if (flags & 3) != EXPR or not (c in _AFTER_NUMBER or ((flags & TERN) and c in "?:")):
            not_number = True
    if not_number:
        return None
    if suffix == "uy":
        suffix = "uy"
    return i, sb, fmt, suffix, real, multiplier


def _exponent(t, i, n, sb, not_number):
    sb += t[i]
    i += 1
    c = t[i] if i < n else "\0"
    if c == "+" or c in DASHES:
        sb += "-" if c in DASHES else "+"
        i += 1
    m = _DIGITS.match(t, i)
    if not m.group():
        not_number = True
    sb += m.group()
    return m.end(), sb, not_number


def parse_number(text):
    """Parser.ScanNumber: the value of a numeric string the way a literal would read it
    (leading/trailing whitespace allowed), or None. Used for string -> number conversion."""
    s = text.strip()
    if not s:
        return None
    try:
        r = scan_number_literal(s, 0, EXPR | SIGNED)
    except IndexError:
        return None
    if r is None or r[0] != len(s):
        return None
    try:
        return number_value(r[1], r[2], r[3], r[4], r[5])
    except (ValueError, OverflowError):
        return None


# ------------------------------------------------------------------------------ tokenizer

class Tokenizer:
    """Scans ``source.text`` from ``pos`` on demand. ``sub_parse(pos)`` is supplied by the
    parser: it parses `$( ... )` starting after the `$(` and returns (SubExpression, end)."""

    def __init__(self, source: A.Source, sub_parse=None, pos=0):
        if _FAST_MATCH is None:
            _fast_matchers()
        self.source = source
        self.text = source.text
        self.n = len(self.text)
        self.pos = pos
        self.sub_parse = sub_parse
        self.comments = None  # sorted list of (start, end) of comments seen, when collecting
        self.memo = None  # `$(` offset -> (SubExpression, end): rescans reuse nested parses

    # -- errors

    def error(self, start, end, error_id, *args):
        raise TokenizerError(start, end, error_id, args)

    # -- whitespace and comments

    def skip_trivia(self):
        """Skip whitespace, comments and line continuations; stop at a newline or token."""
        t = self.text
        n = self.n
        i = self.pos
        while i < n:
            c = t[i]
            if c == " " or c == "\t":
                i += 1
                continue
            if c == "#":
                j = t.find("\n", i)
                if j < 0:
                    j = n
                if j > i and t[j - 1] == "\r":
                    j -= 1
                cm = self.comments
                if cm is not None and (not cm or cm[-1][0] < i):
                    cm.append((i, j))
                i = j
                continue
            if c == "<" and i + 1 < n and t[i + 1] == "#":
                j = t.find("#>", i + 2)
                if j < 0:
                    self.pos = n
                    raise TokenizerError(i, n, "MissingTerminatorMultiLineComment")
                cm = self.comments
                if cm is not None and (not cm or cm[-1][0] < i):
                    cm.append((i, j + 2))
                i = j + 2
                continue
            if c == "`":
                c1 = t[i + 1] if i + 1 < n else ""
                if c1 == "\n":
                    i += 2
                    continue
                if c1 == "\r":
                    i += 3 if t.startswith("\n", i + 2) else 2
                    continue
                if c1 == "":
                    raise TokenizerError(i, n, "IncompleteString")
                if is_ws(c1):
                    i += 2
                    continue
                break
            if c in "\f\v" or c in _WS_EXTRA or (c > "\x7f" and is_ws(c)):
                i += 1
                continue
            break
        self.pos = i

    # -- main entry

    def next(self, mode):
        fast = _FAST_MATCH[mode]
        if fast is not None:
            t = self.text
            m = fast(t, self.pos)
            if m is not None:
                g = m.lastindex
                s, e = m.span(g)
                self.pos = e
                if g == 2:
                    return Token(GENERIC, s, e, t[s:e], None)
                if g == 3:
                    return Token(IDENT, s, e, t[s:e])
                k = _FAST_KIND[t[s]]
                # most frequent first
                if k == _F_PUNCT:
                    return Token(t[s], s, e)
                if k == _F_WORD:
                    word = t[s:e]
                    if mode & 3:  # command mode
                        low = word.lower()
                        if low in KEYWORDS:
                            return Token(KEYWORD, s, e, low)
                    return Token(IDENT, s, e, word)
                if k == _F_VAR:
                    if t[s + 1] == "(":
                        return Token(DOLLARPAREN, s, e)
                    name = t[s + 1:e]
                    return Token(VARIABLE, s, e, name, (None, name, False, False))
                if k == _F_NEWLINE:
                    return Token(NEWLINE, s, e)
                if k == _F_DASH:
                    word = t[s + 1:e]
                    if not mode & 3:
                        low = word.lower()
                        if low in OPERATOR_WORDS:
                            return Token(OP, s, e, "-" + low)
                    return Token(PARAM, s, e, word, False)
                if k == _F_EQUALS:
                    return Token(OP, s, e, "=")
                if k == _F_SQ:
                    return Token(STRING, s, e, t[s + 1:e - 1], "single")
                if k == _F_NUMBER:
                    return Token(NUMBER, s, e, int(t[s:e]))
                if k == _F_DQ:
                    return Token(STRING, s, e, t[s + 1:e - 1], "double")
                return Token(t[s:e], s, e)  # `@(`, `@{`
        self.skip_trivia()
        t = self.text
        i = self.pos
        if i >= self.n:
            return Token(EOF, self.n, self.n)
        c = t[i]
        base = mode & 3
        if base == TYPE:
            return self._type_token(i, c)
        if ("a" <= c <= "z") or ("A" <= c <= "Z") or c == "_":
            return self._identifier(i, mode)
        if c == "$":
            if i + 1 < self.n and t[i + 1] == "(":
                self.pos = i + 2
                return Token(DOLLARPAREN, i, i + 2)
            return self._variable(i, mode, False)
        if c == "\n":
            self.pos = i + 1
            return Token(NEWLINE, i, i + 1)
        if c == "\r":
            j = i + 2 if i + 1 < self.n and t[i + 1] == "\n" else i + 1
            self.pos = j
            return Token(NEWLINE, i, j)
        if "0" <= c <= "9":
            if "1" <= c <= "6" and i + 1 < self.n and t[i + 1] == ">":
                return self._redirection(i, c)
            return self._number(i, mode)
        if c in SQUOTES:
            return self._single_string(i)
        if c in DQUOTES:
            return self._double_string(i)
        handler = _PUNCT.get(c)
        if handler is not None:
            return handler(self, i, mode)
        if c.isalpha():
            return self._identifier(i, mode)
        return self._generic(i, i, "", mode)

    # -- helpers producing tokens

    def _simple(self, kind, i, length, value=None):
        self.pos = i + length
        return Token(kind, i, i + length, value)

    def _peek(self, i):
        return self.text[i] if i < self.n else "\0"

    def _op_or_generic(self, i, length, value, mode):
        """CheckOperatorInCommandMode: in command mode an operator glued to more text is a
        generic token (`=foo`, `+x`)."""
        j = i + length
        if (mode & 3) == CMD and j < self.n and not force_start_new_token(self.text[j]):
            return self._generic(i, j, self.text[i:j], mode)
        self.pos = j
        return Token(OP, i, j, value)

    def _identifier(self, i, mode):
        t = self.text
        m = _IDENT.match(t, i)
        if m is None or (m.end() < self.n and t[m.end()] > "\x7f"):
            m = _IDENT_U.match(t, i)
        j = m.end()
        base = mode & 3
        if not (mode & SIMPLE) and base == CMD and j < self.n and not force_start_new_token(t[j]):
            return self._generic(i, j, t[i:j], mode)
        word = t[i:j]
        self.pos = j
        if base == CMD and not (mode & SIMPLE):
            low = word.lower()
            if low in KEYWORDS:
                return Token(KEYWORD, i, j, low)
        return Token(IDENT, i, j, word)

    def _number(self, i, mode):
        try:
            r = scan_number_literal(self.text, i, mode, self.n)
        except IndexError:
            r = None
        if r is None:
            return self._generic(i, i, "", mode)
        end, digits, fmt, suffix, real, mult = r
        try:
            value = number_value(digits, fmt, suffix, real, mult)
        except (ValueError, OverflowError):
            if (mode & 3) != EXPR:
                return self._generic(i, i, "", mode)
            self.pos = end
            raise TokenizerError(i, end, "BadNumericConstant", (self.text[i:end],), False)
        self.pos = end
        return Token(NUMBER, i, end, value)

    def _redirection(self, i, c):
        t = self.text
        j = i + 2
        c1 = self._peek(j)
        if c1 == ">":
            self.pos = j + 1
            return Token(REDIR, i, j + 1, None, (c, None, True))
        if c1 == "&" and self._peek(j + 1) in "12":
            self.pos = j + 2
            return Token(REDIR, i, j + 2, None, (c, t[j + 1], False))
        self.pos = j
        return Token(REDIR, i, j, None, (c, None, False))

    # -- generic tokens (command-mode words)

    def _generic(self, start, i, prefix, mode):
        """ScanGenericToken: continue a word from ``i`` (``prefix`` = text already taken) until
        a ForceStartNewToken character. Quotes and `$` inside make it expandable."""
        t = self.text
        n = self.n
        sb = [prefix] if prefix else []
        parts = None
        tern = mode & TERN
        while i < n:
            m = _GENERIC_RUN.match(t, i)
            if m is not None:
                run = m.group()
                if tern:
                    k = min((x for x in (run.find("?"), run.find(":")) if x >= 0), default=-1)
                    if k >= 0:
                        sb.append(run[:k])
                        i += k
                        break
                sb.append(run)
                i = m.end()
                if i >= n:
                    break
            c = t[i]
            if c == "`":
                if i + 1 < n:
                    ch, i = self._backtick(i + 1)
                    sb.append(ch)
                else:
                    sb.append("`")
                    i += 1
                continue
            if c in SQUOTES:
                val, i = self._scan_single_content(i + 1, start)
                sb.append(val)
                continue
            if c in DQUOTES:
                if parts is None:
                    parts = []
                self._flush(sb, parts)
                i = self._scan_double_content(i + 1, start, parts, False)
                continue
            if c == "$":
                if parts is None:
                    parts = []
                r = self._dollar_in_string(i, parts, sb, False)
                if r is not None:
                    i = r
                    continue
                sb.append("$")
                i += 1
                continue
            if force_start_new_token(c) and i > start:
                break
            sb.append(c)  # (a NUL inside the text starts a word, as in PowerShell)
            i += 1
        self.pos = i
        if parts is not None:
            self._flush(sb, parts)
            value = "".join(p if isinstance(p, str) else t[p.extent.start:p.extent.end]
                            for p in parts)
            if any(not isinstance(p, str) for p in parts):
                return Token(GENERIC, start, i, value, parts)
            return Token(GENERIC, start, i, "".join(parts), None)
        return Token(GENERIC, start, i, "".join(sb), None)

    @staticmethod
    def _flush(sb, parts):
        if sb:
            s = "".join(sb)
            if s:
                if parts and isinstance(parts[-1], str):
                    parts[-1] += s
                else:
                    parts.append(s)
            sb.clear()

    def _backtick(self, i):
        """Escape after a backtick at i-1: returns (text, next index)."""
        t = self.text
        c = t[i]
        if c == "u" and self._peek(i + 1) == "{":
            j = i + 2
            k = j
            while k < self.n and k - j < 6 and t[k] in "0123456789abcdefABCDEF":
                k += 1
            if k == j:
                raise TokenizerError(i - 1, k, "MissingUnicodeEscapeSequenceValue")
            if self._peek(k) != "}":
                if k - j >= 6 and t[k:k + 1] in "0123456789abcdefABCDEF":
                    raise TokenizerError(i - 1, k, "TooManyDigitsInUnicodeEscapeSequence")
                raise TokenizerError(i - 1, k, "MissingUnicodeEscapeSequenceTerminator")
            cp = int(t[j:k], 16)
            if cp > 0x10FFFF:
                raise TokenizerError(i - 1, k + 1, "InvalidUnicodeEscapeSequenceValue")
            return chr(cp), k + 1
        if c == "\r" and self._peek(i + 1) == "\n":
            return "\r\n", i + 2
        return _ESCAPES.get(c, c), i + 1

    # -- strings

    def _scan_single_content(self, i, start):
        """From after an opening single quote: returns (value, index after the closing one)."""
        t = self.text
        n = self.n
        out = []
        while True:
            m = _SQ_RUN.match(t, i)
            out.append(m.group())
            i = m.end()
            if i >= n:
                raise TokenizerError(start, n, "TerminatorExpectedAtEndOfString", ("'",))
            if i + 1 < n and t[i + 1] in SQUOTES:
                out.append(t[i + 1])  # the first quote escapes the second
                i += 2
                continue
            return "".join(out), i + 1

    def _single_string(self, i):
        val, j = self._scan_single_content(i + 1, i)
        self.pos = j
        return Token(STRING, i, j, val, "single")

    def _scan_double_content(self, i, start, parts, here):
        """From after an opening double quote (or here-string header): appends str pieces and
        nodes to ``parts``; returns the index after the closing quote."""
        t = self.text
        n = self.n
        sb = []
        while True:
            m = _DQ_RUN.match(t, i)
            if m.end() > i:
                sb.append(m.group())
                i = m.end()
            if i >= n:
                raise TokenizerError(start, n, "TerminatorExpectedAtEndOfString", ('"',))
            c = t[i]
            if c == "`":
                if i + 1 >= n:
                    raise TokenizerError(start, n, "TerminatorExpectedAtEndOfString", ('"',))
                ch, i = self._backtick(i + 1)
                sb.append(ch)
                continue
            if c == "$":
                r = self._dollar_in_string(i, parts, sb, True)
                if r is not None:
                    i = r
                else:
                    sb.append("$")
                    i += 1
                continue
            # a double quote
            if i + 1 < n and t[i + 1] in DQUOTES:
                sb.append(t[i + 1])  # the first quote escapes the second
                i += 2
                continue
            self._flush(sb, parts)
            return i + 1

    def _dollar_in_string(self, i, parts, sb, in_string):
        """ScanDollarInStringExpandable: `$(`, `$name`, `${name}`; None = a literal `$`."""
        c1 = self._peek(i + 1)
        if c1 == "(":
            if self.sub_parse is None:
                raise TokenizerError(i, i + 2, "UnexpectedToken", ("$(",))
            memo = self.memo
            hit = memo.get(i) if memo is not None else None
            if hit is None:
                hit = self.sub_parse(i)
                if memo is not None:
                    memo[i] = hit
            node, end = hit
            self._flush(sb, parts)
            parts.append(node)
            return end
        if c1 == "{" or is_var_start(c1):
            save = self.pos
            tok = self._variable(i, EXPR, False, in_string=True)
            self.pos = save
            self._flush(sb, parts)
            parts.append(self.variable_node(tok))
            return tok.end
        return None

    def _double_string(self, i):
        parts = []
        j = self._scan_double_content(i + 1, i, parts, False)
        self.pos = j
        if all(isinstance(p, str) for p in parts):
            return Token(STRING, i, j, "".join(parts), "double")
        return Token(XSTRING, i, j, self.text[i + 1:j - 1], ("double", parts))

    def _here_string(self, i, double):
        """`@"`/`@'` ... newline `"@`/`'@` at the start of a line."""
        t = self.text
        n = self.n
        j = i + 2
        # header: only whitespace up to the end of the line
        while j < n and t[j] != "\n" and t[j] != "\r":
            if not is_ws(t[j]):
                raise TokenizerError(i, j, "UnexpectedCharactersAfterHereStringHeader")
            j += 1
        if j >= n:
            raise TokenizerError(i, n, "TerminatorExpectedAtEndOfString",
                                 ('"@' if double else "'@",))
        j += 2 if t.startswith("\r\n", j) else 1
        body_start = j
        quotes = DQUOTES if double else SQUOTES
        # the footer: a quote and `@` at the very start of a line; the newline before it
        # belongs to the footer
        k = body_start
        footer = -1
        false_footer = -1
        while True:
            if k + 1 < n and t[k] in quotes and t[k + 1] == "@":
                footer = k
                break
            if false_footer < 0:
                p = k
                while p < n and is_ws(t[p]):
                    p += 1
                if p > k and p + 1 < n and t[p] in quotes and t[p + 1] == "@":
                    false_footer = p
            nl = t.find("\n", k)
            if nl < 0:
                break
            k = nl + 1
        if footer < 0:
            if false_footer >= 0:
                raise TokenizerError(false_footer, n, "WhitespaceBeforeHereStringFooter")
            raise TokenizerError(i, n, "TerminatorExpectedAtEndOfString",
                                 ('"@' if double else "'@",))
        body_end = footer
        if body_end > body_start:
            body_end -= 1
            if body_end > body_start and t[body_end - 1] == "\r":
                body_end -= 1
        footer_end = footer + 2
        self.pos = footer_end
        if not double:
            return Token(STRING, i, footer_end, t[body_start:body_end], "single_here")
        parts = []
        self._scan_here_content(body_start, body_end, parts)
        if all(isinstance(p, str) for p in parts):
            return Token(STRING, i, footer_end, "".join(parts), "double_here")
        return Token(XSTRING, i, footer_end, t[body_start:body_end], ("double_here", parts))

    def _scan_here_content(self, i, end, parts):
        t = self.text
        sb = []
        while i < end:
            j = i
            while j < end and t[j] != "`" and t[j] != "$":
                j += 1
            if j > i:
                sb.append(t[i:j])
                i = j
            if i >= end:
                break
            c = t[i]
            if c == "`":
                if i + 1 >= end:
                    sb.append("`")
                    i += 1
                    continue
                ch, i = self._backtick(i + 1)
                sb.append(ch)
                continue
            r = self._dollar_in_string(i, parts, sb, True)
            if r is not None:
                i = r
            else:
                sb.append("$")
                i += 1
        self._flush(sb, parts)

    # -- variables

    def _variable(self, i, mode, splatted, in_string=False):
        """ScanVariable from the `$`/`@` at ``i``."""
        t = self.text
        n = self.n
        j = i + 1
        c = self._peek(j)
        if c == "{" and not splatted:
            k = j + 1
            sb = []
            while True:
                if k >= n:
                    raise TokenizerError(i, n, "IncompleteDollarVariableReference")
                ch = t[k]
                if ch == "}":
                    k += 1
                    break
                if ch == "`":
                    if k + 1 >= n:
                        raise TokenizerError(i, n, "IncompleteDollarVariableReference")
                    e, k = self._backtick(k + 1)
                    sb.append(e)
                    continue
                if ch in DQUOTES and in_string:
                    if k + 1 < n and t[k + 1] in DQUOTES:
                        sb.append(t[k + 1])
                        k += 2
                        continue
                if ch == "{":
                    raise TokenizerError(k, k + 1, "OpenBraceNeedsToBeBackTickedInVariableName")
                sb.append(ch)
                k += 1
            name = "".join(sb)
            if not name:
                raise TokenizerError(k - 1, k, "EmptyVariableReference")
            if (mode & 3) == CMD and not in_string:
                c1 = self._peek(k)
                if k < n and not force_start_new_token(c1) and c1 not in ".[":
                    return self._generic(i, i, "", mode)
            scope, uname = split_variable_path(name)
            if not uname:
                raise TokenizerError(i, k, "InvalidBracedVariableReference")
            self.pos = k
            return Token(VARIABLE, i, k, name, (scope, uname, False, True))
        if not is_var_start(c) or j >= n:
            if splatted:
                raise TokenizerError(i, i + 1, "UnrecognizedToken")
            return self._generic(i, i, "", mode) if not in_string else None
        if c in "$?^":
            k = j + 1
            if (mode & 3) == CMD and not in_string and k < n and not force_start_new_token(t[k]):
                return self._generic(i, i, "", mode)
            name = c
        else:
            k = j
            while k < n:
                m = _VARNAME.match(t, k)
                if m is not None:
                    k = m.end()
                    if k >= n:
                        break
                ch = t[k]
                if ch == ":":
                    if self._peek(k + 1) == ":":
                        break
                    k += 1
                    continue
                if ch > "\x7f" and ch.isalnum():
                    k += 1
                    continue
                if ch in " \t\r\n&(),;{}|.[=":
                    break
                if (mode & 3) == CMD and not in_string and not force_start_new_token(ch):
                    return self._generic(i, i, "", mode)
                break
            name = t[j:k]
        scope, uname = split_variable_path(name)
        if not uname:
            raise TokenizerError(i, k, "InvalidVariableReferenceWithDrive" if scope
                                 else "InvalidVariableReference")
        self.pos = k
        return Token(VARIABLE, i, k, name, (scope, uname, splatted, False))

    def variable_node(self, tok):
        scope, name, splatted, _ = tok.extra
        ext = A.Extent(self.source, tok.start, tok.end)
        if scope is not None and scope.lower() == "using":
            inner = A.VariableExpression(ext, name=name, scope=None, splatted=splatted)
            return A.UsingExpression(ext, child=inner)
        # positional arguments: measurably faster than keywords on this hot path
        return A.VariableExpression(ext, name, scope, splatted)

    # -- punctuation handlers

    def _at(self, i, mode):
        c1 = self._peek(i + 1)
        if c1 == "{":
            return self._simple(ATCURLY, i, 2)
        if c1 == "(":
            return self._simple(ATPAREN, i, 2)
        if c1 in SQUOTES:
            return self._here_string(i, False)
        if c1 in DQUOTES:
            return self._here_string(i, True)
        if is_var_start(c1) and i + 1 < self.n:
            return self._variable(i, mode, True)
        raise TokenizerError(i, i + 1, "UnrecognizedToken")

    def _dash(self, i, mode):
        t = self.text
        c1 = self._peek(i + 1)
        if c1 in DASHES and i + 1 < self.n:
            if (mode & 3) == CMD:
                j = i + 2
                if j < self.n and not force_start_new_token(t[j]):
                    if t[j] == "%" and (j + 1 >= self.n or force_start_new_token(t[j + 1])):
                        self.pos = j + 1
                        return Token(GENERIC, i, j + 1, "--%", None)
                    return self._generic(i, j, t[i:j], mode)
                self.pos = j
                return Token(MINUSMINUS_ARG, i, j, "--")
            return self._op_or_generic(i, 2, "--", mode)
        if c1 == "=":
            return self._op_or_generic(i, 2, "-=", mode)
        if is_ident_start(c1) or c1 == "?":
            return self._parameter(i, mode)
        if (mode & SIGNED) and (("0" <= c1 <= "9") or c1 == "."):
            return self._number(i, mode)
        return self._op_or_generic(i, 1, "-", mode)

    def _parameter(self, i, mode):
        """ScanParameter: `-name`, `-name:` (command mode) or an operator word `-eq`."""
        t = self.text
        n = self.n
        j = i + 1
        base = mode & 3
        colon = False
        if base == CMD:
            while j < n:
                m = _PARAM_RUN.match(t, j)
                if m is not None:
                    j = m.end()
                    if j >= n:
                        break
                ch = t[j]
                if ch in " \t\f\v{}(),;|&.[\r\n\0" or is_ws(ch):
                    break
                if ch == ":":
                    colon = True
                    j += 1
                    break
                if ch in SQUOTES or ch in DQUOTES:
                    return self._generic(i, j, t[i:j], mode)
                j += 1
            name = t[i + 1:j - 1] if colon else t[i + 1:j]
            self.pos = j
            return Token(PARAM, i, j, name, colon)
        m = _PARAM_RUN.match(t, j)
        j = m.end() if m is not None else j
        word = t[i + 1:j].lower()
        self.pos = j
        if word in OPERATOR_WORDS:
            return Token(OP, i, j, "-" + word)
        if not word:
            self.pos = i + 1
            return Token(OP, i, i + 1, "-")
        return Token(PARAM, i, j, t[i + 1:j], False)

    def _plus(self, i, mode):
        c1 = self._peek(i + 1)
        if c1 == "+" and i + 1 < self.n:
            return self._op_or_generic(i, 2, "++", mode)
        if c1 == "=":
            return self._op_or_generic(i, 2, "+=", mode)
        if (mode & SIGNED) and (("0" <= c1 <= "9") or c1 == "."):
            return self._number(i, mode)
        return self._op_or_generic(i, 1, "+", mode)

    def _star(self, i, mode):
        c1 = self._peek(i + 1)
        if c1 == "=":
            return self._op_or_generic(i, 2, "*=", mode)
        if c1 == ">":
            c2 = self._peek(i + 2)
            if c2 == ">":
                self.pos = i + 3
                return Token(REDIR, i, i + 3, None, ("*", None, True))
            if c2 == "&" and self._peek(i + 3) == "1":
                self.pos = i + 4
                return Token(REDIR, i, i + 4, None, ("*", "1", False))
            self.pos = i + 2
            return Token(REDIR, i, i + 2, None, ("*", None, False))
        return self._op_or_generic(i, 1, "*", mode)

    def _slash(self, i, mode):
        if self._peek(i + 1) == "=":
            return self._op_or_generic(i, 2, "/=", mode)
        return self._op_or_generic(i, 1, "/", mode)

    def _percent(self, i, mode):
        if self._peek(i + 1) == "=":
            return self._op_or_generic(i, 2, "%=", mode)
        return self._op_or_generic(i, 1, "%", mode)

    def _equals(self, i, mode):
        return self._op_or_generic(i, 1, "=", mode)

    def _lt(self, i, mode):
        self.pos = i + 1
        return Token(INREDIR, i, i + 1, "<")

    def _gt(self, i, mode):
        if self._peek(i + 1) == ">":
            self.pos = i + 2
            return Token(REDIR, i, i + 2, None, ("1", None, True))
        self.pos = i + 1
        return Token(REDIR, i, i + 1, None, ("1", None, False))

    def _lbracket(self, i, mode):
        if (mode & 3) == CMD and i + 1 < self.n and not force_start_new_token(self.text[i + 1]):
            return self._generic(i, i + 1, "[", mode)
        return self._simple(LBRACKET, i, 1)

    def _dot(self, i, mode):
        c = self._peek(i + 1)
        base = mode & 3
        if c == ".":
            c2 = self._peek(i + 2)
            if base == CMD and i + 2 < self.n and not force_start_new_token(c2):
                return self._generic(i, i + 1, ".", mode)
            self.pos = i + 2
            return Token(OP, i, i + 2, "..")
        if "0" <= c <= "9":
            return self._number(i, mode)
        if base == CMD and i + 1 < self.n and not force_start_new_token(c) and c != "$" and \
                c not in SQUOTES and c not in DQUOTES:
            return self._generic(i, i + 1, ".", mode)
        self.pos = i + 1
        return Token(DOT, i, i + 1)

    def _colon(self, i, mode):
        t = self.text
        base = mode & 3
        if self._peek(i + 1) == ":":
            if base == CMD and not (mode & SIMPLE) and i + 2 < self.n and \
                    not force_start_new_token(t[i + 2]):
                return self._generic(i, i + 2, "::", mode)
            self.pos = i + 2
            return Token(COLONCOLON, i, i + 2)
        if base == CMD:
            c = self._peek(i + 1)
            if not is_ident_start(c) or i + 1 >= self.n:
                if i + 1 >= self.n:
                    self.pos = i + 1
                    return Token(GENERIC, i, i + 1, ":", None)
                return self._generic(i, i + 1, ":", mode)
            m = _IDENT_U.match(t, i + 1)
            j = m.end()
            if j < self.n and not force_start_new_token(t[j]):
                return self._generic(i, j, t[i:j], mode)
            self.pos = j
            return Token(LABEL, i, j, t[i + 1:j])
        self.pos = i + 1
        return Token(OP, i, i + 1, ":")

    def _question(self, i, mode):
        if (mode & 3) != EXPR:
            return self._generic(i, i, "", mode)
        c1 = self._peek(i + 1)
        if c1 == "?":
            if self._peek(i + 2) == "=":
                self.pos = i + 3
                return Token(OP, i, i + 3, "??=")
            self.pos = i + 2
            return Token(OP, i, i + 2, "??")
        self.pos = i + 1
        return Token(OP, i, i + 1, "?")

    def _exclaim(self, i, mode):
        c1 = self._peek(i + 1)
        base = mode & 3
        if (base == CMD and i + 1 < self.n and not force_start_new_token(c1)) or (
                base == EXPR and is_ident_start(c1)):
            return self._generic(i, i + 1, "!", mode)
        self.pos = i + 1
        return Token(OP, i, i + 1, "!")

    def _amp(self, i, mode):
        if self._peek(i + 1) == "&":
            return self._simple(ANDAND, i, 2)
        return self._simple(AMP, i, 1)

    def _pipe(self, i, mode):
        if self._peek(i + 1) == "|":
            return self._simple(OROR, i, 2)
        return self._simple(PIPE, i, 1)

    def _backtick_token(self, i, mode):
        # skip_trivia handled continuation; here a backtick escapes the next character
        if i + 1 >= self.n:
            raise TokenizerError(i, self.n, "IncompleteString")
        ch, j = self._backtick(i + 1)
        return self._generic(i, j, ch, mode)

    # -- type names (inside `[ ]`)

    def _type_token(self, i, c):
        if c == "]":
            return self._simple(RBRACKET, i, 1)
        if c == "[":
            return self._simple(LBRACKET, i, 1)
        if c == ",":
            return self._simple(COMMA, i, 1)
        if c == "(":
            return self._simple(LPAREN, i, 1)
        if c == "\n" or c == "\r":
            j = i + 2 if self.text.startswith("\r\n", i) else i + 1
            self.pos = j
            return Token(NEWLINE, i, j)
        m = _TYPENAME.match(self.text, i)
        if m is None:
            self.pos = i + 1
            return Token(UNKNOWN, i, i + 1, c)
        self.pos = m.end()
        return Token(IDENT, i, m.end(), m.group())

    # -- special scans used by the parser

    def member_name(self):
        """A member name right after `.`/`::` (no whitespace allowed before it): identifier
        (keywords included) or None."""
        i = self.pos
        t = self.text
        if i < self.n and is_ident_start(t[i]):
            m = _IDENT_U.match(t, i)
            self.pos = m.end()
            return Token(IDENT, i, m.end(), m.group())
        return None

    def verbatim_argument(self):
        """Text after `--%` up to the end of the line (or `|`)."""
        t = self.text
        i = self.pos
        n = self.n
        while i < n and is_ws(t[i]):
            i += 1
        j = i
        while j < n and t[j] not in "\r\n|":
            j += 1
        k = j
        while k > i and is_ws(t[k - 1]):
            k -= 1
        self.pos = j
        return Token(STRING, i, k, t[i:k], "verbatim")


def split_variable_path(name):
    """VariablePath: `global:x` -> ('global', 'x'); `env:PATH` -> ('env', 'PATH'); `x` ->
    (None, 'x'); a leading `:` (`$:x`) is no scope."""
    k = name.find(":")
    if k <= 0:
        return None, name
    return name[:k], name[k + 1:]


_PUNCT = {
    "@": Tokenizer._at,
    "-": Tokenizer._dash, "\u2013": Tokenizer._dash, "\u2014": Tokenizer._dash,
    "\u2015": Tokenizer._dash,
    "+": Tokenizer._plus,
    "*": Tokenizer._star,
    "/": Tokenizer._slash,
    "%": Tokenizer._percent,
    "=": Tokenizer._equals,
    "<": Tokenizer._lt,
    ">": Tokenizer._gt,
    "[": Tokenizer._lbracket,
    ".": Tokenizer._dot,
    ":": Tokenizer._colon,
    "?": Tokenizer._question,
    "!": Tokenizer._exclaim,
    "&": Tokenizer._amp,
    "|": Tokenizer._pipe,
    "`": Tokenizer._backtick_token,
    "(": lambda self, i, mode: self._simple(LPAREN, i, 1),
    ")": lambda self, i, mode: self._simple(RPAREN, i, 1),
    "{": lambda self, i, mode: self._simple(LCURLY, i, 1),
    "}": lambda self, i, mode: self._simple(RCURLY, i, 1),
    "]": lambda self, i, mode: self._simple(RBRACKET, i, 1),
    ";": lambda self, i, mode: self._simple(SEMI, i, 1),
    ",": lambda self, i, mode: self._simple(COMMA, i, 1),
}
