"""Screen-cell arithmetic and line splitting (PowerShell's DisplayCells / StringManipulationHelper).

East Asian wide characters take two cells; ANSI escape sequences take none. ``wcwidth`` is not
used: it costs ~40 ms of import on the non-interactive path and ``unicodedata`` is enough here.
"""
from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "\u2026"
_ESC_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def strip_ansi(s: str) -> str:
    return _ESC_RE.sub("", s) if "\x1b" in s else s


def char_width(c: str) -> int:
    if c < "\u1100":  # fast path: everything below Hangul Jamo is narrow
        return 0 if c in "\u200b" else 1
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def display_width(s: str) -> int:
    if not s:
        return 0
    if "\x1b" in s:
        s = strip_ansi(s)
    if s.isascii():
        return len(s)
    return sum(char_width(c) for c in s)


def truncate_tail(s: str, cells: int) -> str:
    """The longest prefix of ``s`` that fits in ``cells`` screen cells."""
    if s.isascii() and "\x1b" not in s:
        return s[:cells]
    out, used, i = [], 0, 0
    while i < len(s):
        m = _ESC_RE.match(s, i) if s[i] == "\x1b" else None
        if m:
            out.append(m.group())
            i = m.end()
            continue
        w = char_width(s[i])
        if used + w > cells:
            break
        out.append(s[i])
        used += w
        i += 1
    return "".join(out)


def truncate_head(s: str, cells: int) -> str:
    """The longest suffix of ``s`` that fits in ``cells`` screen cells."""
    if s.isascii() and "\x1b" not in s:
        return s[len(s) - cells:] if cells > 0 else ""
    plain = strip_ansi(s)
    out, used = [], 0
    for c in reversed(plain):
        w = char_width(c)
        if used + w > cells:
            break
        out.append(c)
        used += w
    return "".join(reversed(out))


def pad_right(s: str, width: int) -> str:
    w = display_width(s)
    return s + " " * (width - w) if w < width else s


def split_lines(s: str) -> list[str]:
    """Split on LF and drop CRs (StringManipulationHelper.SplitLines)."""
    if s is None:
        return [""]
    return s.replace("\r", "").split("\n")


def truncate_at_newline(s: str) -> str:
    """A table cell shows only the first line of a multi-line value, marked with an ellipsis."""
    if not s:
        return ""
    i = min((p for p in (s.find("\n"), s.find("\r")) if p >= 0), default=-1)
    return s if i < 0 else s[:i] + ELLIPSIS


def _words(line: str):
    """(word, delimiter) pairs: words end at space, TAB or soft hyphen."""
    word = []
    for c in line:
        if c in " \t\u00ad":
            yield "".join(word), c
            word = []
        else:
            word.append(c)
    yield "".join(word), ""


def generate_lines(val: str, first_len: int, following_len: int | None = None) -> list[str]:
    """Fold ``val`` into lines of at most ``first_len`` (then ``following_len``) cells, breaking
    at word boundaries as PowerShell does for en-US (GenerateLinesWithWordWrap)."""
    if following_len is None:
        following_len = first_len
    if not val:
        return [val or ""]
    result: list[str] = []
    for line in split_lines(val):
        if display_width(line) <= first_len:
            result.append(line)
            continue
        spaces_left = line_width = first_len
        first = True
        current: list[str] = []
        for word, delim in _words(line):
            to_add = word
            if delim == "\u00ad":
                if display_width(word) + 1 == spaces_left:
                    to_add = word + "-"
            elif delim:
                to_add = word + delim
            ww = display_width(to_add)
            if line_width == 0:
                if first:
                    first = False
                    line_width = following_len
                if line_width == 0:
                    break
                spaces_left = line_width
            if ww > line_width:
                for ch in to_add:
                    cw = char_width(ch)
                    if cw > line_width:
                        ch, cw = "?", 1
                    if cw > spaces_left:
                        result.append("".join(current))
                        current = [ch]
                        if first:
                            first = False
                            line_width = following_len
                        spaces_left = line_width - cw
                    else:
                        current.append(ch)
                        spaces_left -= cw
            elif ww > spaces_left:
                result.append("".join(current))
                current = [to_add]
                if first:
                    first = False
                    line_width = following_len
                spaces_left = line_width - ww
            else:
                current.append(to_add)
                spaces_left -= ww
        result.append("".join(current))
    return result


def wrap(text: str, width: int, indent: str = "", first_indent: str = "") -> list[str]:
    """Word-wrap ``text`` to ``width`` cells; the first line starts with ``first_indent``,
    continuation lines (and later paragraphs) with ``indent``. Used for host messages
    (WARNING:/VERBOSE:) and help text."""
    out = []
    for para in split_lines(text):
        avail_first = max(1, width - display_width(first_indent))
        avail_next = max(1, width - display_width(indent))
        lines = generate_lines(para, avail_first, avail_next)
        for i, ln in enumerate(lines):
            out.append(((first_indent if i == 0 else indent) + ln).rstrip())
        first_indent = indent
    return out
