""".NET regular-expression syntax translated to Python's ``re`` dialect.

One translator serves the -match/-replace/-split operators (operators.CompiledRegex) and the
[regex] type (dotnet/text.py), so a pattern means the same thing everywhere.
"""
from __future__ import annotations

import re

from spshell.runtime.errors import ArgumentException


def regex_flags(options):
    """RegexOptions bits -> ``re`` flags (the options ``re`` has an equivalent for)."""
    o = int(getattr(options, "value", options) or 0)
    flags = 0
    if o & 1:
        flags |= re.IGNORECASE
    if o & 2:
        flags |= re.MULTILINE
    if o & 16:
        flags |= re.DOTALL
    if o & 32:
        flags |= re.VERBOSE
    return flags


def translate_regex(pattern, explicit_capture=False):
    """Rewrite the .NET-only parts of a pattern for Python's re."""
    out = []
    i, n = 0, len(pattern)
    in_class = False
    hoisted = []
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if not in_class and nxt == "z":
                out.append(r"\Z")
            elif not in_class and nxt == "Z":
                out.append(r"(?=\n?\Z)")
            elif not in_class and nxt == "k" and i + 2 < n and pattern[i + 2] in "<'":
                close = ">" if pattern[i + 2] == "<" else "'"
                j = pattern.find(close, i + 3)
                if j < 0:
                    out.append(pattern[i:i + 2])
                    i += 2
                    continue
                name = pattern[i + 3:j]
                out.append(f"(?P={name})" if not name.isdigit() else "\\" + name)
                i = j + 1
                continue
            elif nxt == "p" or nxt == "P":
                j = pattern.find("}", i)
                if i + 2 < n and pattern[i + 2] == "{" and j > 0:
                    out.append(_unicode_category(pattern[i + 3:j], nxt == "P", in_class))
                    i = j + 1
                    continue
                out.append(pattern[i:i + 2])
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[":
                out.append("\\[")
                i += 1
                continue
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("\\]")
                i += 1
            continue
        if c == "(" and i + 1 < n and pattern[i + 1] == "?":
            rest = pattern[i + 2:]
            if rest[:1] == "<" and rest[1:2] not in ("=", "!") and ">" in rest:
                j = rest.find(">")
                name = rest[1:j]
                out.append(f"(?P<{_group_name(name)}>")
                i += 2 + j + 1
                continue
            if rest[:1] == "'" and "'" in rest[1:]:
                j = rest.find("'", 1)
                name = rest[1:j]
                out.append(f"(?P<{_group_name(name)}>")
                i += 2 + j + 1
                continue
            m = re.match(r"([imnsx]*)(?:-([imnsx]*))?\)", rest)
            if m and (m.group(1) or m.group(2)):
                on = m.group(1).replace("n", "")
                if "n" in m.group(1):
                    explicit_capture = True
                if on:
                    hoisted.append(on)
                i += 2 + m.end()
                continue
            m = re.match(r"([imnsx]*)(?:-([imnsx]*))?:", rest)
            if m and (m.group(1) or m.group(2)):
                on = m.group(1).replace("n", "")
                off = (m.group(2) or "").replace("n", "")
                spec = on + ("-" + off if off else "")
                out.append(f"(?{spec}:" if spec else "(?:")
                i += 2 + m.end()
                continue
            out.append("(?")
            i += 2
            continue
        if c == "(" and explicit_capture and not (i + 1 < n and pattern[i + 1] == "?"):
            out.append("(?:")
            i += 1
            continue
        out.append(c)
        i += 1
    text = "".join(out)
    if hoisted:
        text = "(?" + "".join(sorted(set("".join(hoisted)))) + ")" + text
    return text


def invalid_pattern_message(pattern, exc):
    """.NET's ArgumentException text for a pattern that does not compile: "Invalid pattern
    '<p>' at offset <n>. <reason>." (.NET counts the offset from 1, re from 0)."""
    msg = getattr(exc, "msg", None) or str(exc)
    return (f"Invalid pattern '{pattern}' at offset {(getattr(exc, 'pos', 0) or 0) + 1}. "
            f"{msg[:1].upper()}{msg[1:].rstrip('.')}.")


def net_group_numbers(rx):
    """{.NET group number: re group index}: .NET numbers the unnamed groups first (1, 2, ...)
    and then the named ones, in pattern order; re numbers them all in pattern order."""
    named = set(rx.groupindex.values())
    unnamed = [g for g in range(1, rx.groups + 1) if g not in named]
    numbers = {0: 0}
    for i, g in enumerate(unnamed + sorted(named), 1):
        numbers[i] = g
    return numbers


def parse_replacement(text):
    """A .NET replacement string ($1 ${name} $$ $& $` $' $+ $_) as segments: str literal,
    ('g', net_number), ('n', name), ('num', digits), ('all',), ('pre',), ('post',),
    ('input',), ('last',)."""
    segs = []
    buf = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c != "$" or i + 1 >= n:
            buf.append(c)
            i += 1
            continue
        nxt = text[i + 1]
        tok = None
        adv = 2
        if nxt == "$":
            buf.append("$")
            i += 2
            continue
        if nxt == "&":
            tok = ("all",)
        elif nxt == "`":
            tok = ("pre",)
        elif nxt == "'":
            tok = ("post",)
        elif nxt == "_":
            tok = ("input",)
        elif nxt == "+":
            tok = ("last",)
        elif nxt.isdigit():
            j = i + 1
            while j < n and text[j].isdigit():
                j += 1
            tok = ("num", text[i + 1:j])
            adv = j - i
        elif nxt == "{":
            j = text.find("}", i + 2)
            if j > 0:
                name = text[i + 2:j]
                if name.isdigit():
                    tok = ("g", int(name), True)
                elif re.fullmatch(r"\w+", name):
                    tok = ("n", name)
                adv = j - i + 1
        if tok is None:
            buf.append(c)
            i += 1
            continue
        if buf:
            segs.append("".join(buf))
            buf = []
        segs.append(tok)
        i += adv
    if buf:
        segs.append("".join(buf))
    return segs


def expand_replacement(segs, m, net_to_py):
    """The text parse_replacement's segments stand for, for match m (net_to_py: see
    net_group_numbers)."""
    out = []
    for s in segs:
        if type(s) is str:
            out.append(s)
            continue
        kind = s[0]
        if kind == "all":
            out.append(m.group(0))
        elif kind == "pre":
            out.append(m.string[:m.start()])
        elif kind == "post":
            out.append(m.string[m.end():])
        elif kind == "input":
            out.append(m.string)
        elif kind == "last":
            last = max((g for g in net_to_py if g), default=0)
            out.append(m.group(net_to_py[last]) or "" if last else m.group(0))
        elif kind == "num":
            digits = s[1]
            # .NET takes the longest prefix of digits that names a group
            for k in range(len(digits), 0, -1):
                num = int(digits[:k])
                if num in net_to_py:
                    out.append(m.group(net_to_py[num]) or "")
                    out.append(digits[k:])
                    break
            else:
                out.append("$" + digits)
        elif kind == "g":
            py = net_to_py.get(s[1])
            out.append((m.group(py) or "") if py is not None else "${%d}" % s[1])
        elif kind == "n":
            py = m.re.groupindex.get(s[1] if s[1].isidentifier() else "_g" + s[1])
            if py is None and s[1].isdigit():
                py = net_to_py.get(int(s[1]))
            out.append((m.group(py) or "") if py is not None else "${%s}" % s[1])
    return "".join(out)


def _group_name(name):
    # Python group names must be identifiers; .NET allows numbers as names
    return name if name.isidentifier() else "_g" + re.sub(r"\W", "_", name)


_CATEGORIES = {"L": r"^\W\d_", "Lu": "A-Z\u00c0-\u00de", "Ll": "a-z\u00df-\u00ff", "N": r"\d",
               "Nd": r"\d", "P": r"!-/:-@\[-`{-~", "Zs": r" \u00a0", "S": r"$+<=>^`|~"}


def _unicode_category(name, negated, in_class):
    body = _CATEGORIES.get(name)
    if body is None:
        raise ArgumentException(f"Unknown property '{name}'.")
    if name == "L":
        inner = r"^\W\d_" if not negated else r"\W\d_"
        return f"[{inner}]" if not in_class else ("" if negated else r"^\W\d_")
    if in_class:
        return body
    return f"[{'^' if negated else ''}{body}]"


def public_group_name(py_name):
    """The .NET name of a group: numeric names were renamed for Python (see _group_name)."""
    return py_name[2:] if py_name.startswith("_g") and py_name[2:].isdigit() else py_name


__all__ = ["regex_flags", "translate_regex", "public_group_name", "invalid_pattern_message",
           "net_group_numbers", "parse_replacement", "expand_replacement"]
