"""Syntax colouring for the prompt, fed by spshell's own parser.

spshell.language.highlight classifies tokens the way the parser sees them (a bare word is a
command in command position and an argument elsewhere), which colours more faithfully than a
regex lexer. Input being typed is usually incomplete (`foreach ($i in $x) {`): the parser stops at
the open brace, so we close what is open (quotes, brackets, a trailing pipe) and classify that
instead, keeping only the spans of the typed text. After a real syntax error the tail is coloured
by pygments' PowerShellLexer (tokens keep their colours, as PSReadLine's tokenizer-based colouring
does) and the prompt's `> ` turns red (PSReadLine's PromptText rule).

Colours are PSReadLine's defaults (Cmdlets.cs): Command Yellow, Parameter DarkGray, String
DarkCyan, Variable Green, Keyword Green, Operator DarkGray, Number White, Type Gray, Member Gray,
Comment DarkGreen, Error Red.
"""
from __future__ import annotations

from functools import lru_cache

# PSReadLine console colours -> prompt_toolkit ANSI colour names
STYLE = {
    "ps.command": "ansibrightyellow",
    "ps.parameter": "ansibrightblack",
    "ps.string": "ansicyan",
    "ps.variable": "ansibrightgreen",
    "ps.keyword": "ansibrightgreen",
    "ps.operator": "ansibrightblack",
    "ps.number": "ansiwhite",
    "ps.type": "ansigray",
    "ps.member": "ansigray",
    "ps.comment": "ansigreen",
    "ps.error": "ansibrightred",
    "ps.text": "",
    "prompt.error": "ansibrightred",
    "continuation": "",
}

KINDS = ("command", "parameter", "string", "variable", "keyword", "operator", "number", "type",
         "member", "comment", "error", "text")


def _closing_suffix(text):
    """Characters that would close the open quotes and brackets at the end of ``text``."""
    stack = []
    i, n = 0, len(text)
    quote = None
    while i < n:
        c = text[i]
        if quote == "'":
            if c == "'":
                if text[i + 1:i + 2] == "'":
                    i += 2
                    continue
                quote = None
            i += 1
            continue
        if quote == '"':
            if c == "`":
                i += 2
                continue
            if c == '"':
                quote = None
            i += 1
            continue
        if quote in ("@'", '@"'):
            if c == "\n" and text[i + 1:i + 3] == quote[1] + "@":
                quote = None
                i += 3
                continue
            i += 1
            continue
        if c == "`":
            i += 2
            continue
        if c == "#" and (i == 0 or text[i - 1].isspace()):
            j = text.find("\n", i)
            if j < 0:
                break
            i = j
            continue
        if c == "<" and text[i + 1:i + 2] == "#":
            j = text.find("#>", i + 2)
            if j < 0:
                stack.append("#>")
                break
            i = j + 2
            continue
        if c == "@" and text[i + 1:i + 2] in ("'", '"') and text[i + 2:i + 3] in ("\n", "\r"):
            quote = text[i:i + 2]
            i += 2
            continue
        if c in "'\"":
            quote = c
        elif c in "({[":
            stack.append({"(": ")", "{": "}", "[": "]"}[c])
        elif c in ")}]" and stack and stack[-1] == c:
            stack.pop()
        i += 1
    suffix = ""
    if quote in ("'", '"'):
        suffix += quote
    elif quote in ("@'", '@"'):
        suffix += "\n" + quote[1] + "@"
    stripped = text.rstrip()
    if stripped.endswith("`"):
        suffix += " x"
    if stripped.endswith("|") and not quote:
        suffix += " x"
    return suffix + "".join(reversed(stack))


@lru_cache(maxsize=64)
def analyse(text):
    """-> (spans, real_error). spans: [(start, end, kind)] covering the classified parts of
    ``text``; real_error: True when the text has a syntax error more input cannot fix."""
    from spshell.language.highlight import tokenize_for_highlight
    spans = tokenize_for_highlight(text)
    if not spans or spans[-1][2] != "error":
        return tuple(spans), False
    suffix = _closing_suffix(text)
    if suffix:
        fixed = tokenize_for_highlight(text + suffix)
        if not fixed or fixed[-1][2] != "error" or fixed[-1][0] >= len(text):
            n = len(text)
            clipped = [(s, min(e, n), k) for s, e, k in fixed if s < n]
            return tuple(clipped), False
    from spshell.language.highlight import is_incomplete
    if is_incomplete(text):
        # the parser wants more, and our guess at closing it was wrong: colour the tail as
        # tokens rather than calling it an error
        return tuple(spans[:-1]) + tuple(_pygments_spans(text, spans[-1][0])), False
    return tuple(spans[:-1]) + tuple(_pygments_spans(text, spans[-1][0], mark_first=True)), True


def _pygments_kind(ttype):
    from pygments import token as T
    if ttype in T.Keyword:
        return "keyword"
    if ttype in T.Name.Variable:
        return "variable"
    if ttype in T.String:
        return "string"
    if ttype in T.Comment:
        return "comment"
    if ttype in T.Number:
        return "number"
    if ttype in T.Operator:
        return "operator"
    if ttype in T.Name.Builtin:
        return "command"
    if ttype in T.Name.Attribute or ttype in T.Name.Class:
        return "type"
    return None


def _pygments_spans(text, start, mark_first=False):
    """Spans for text[start:] from pygments' PowerShellLexer; with ``mark_first`` the first
    token (where the parser failed) is marked as the error."""
    from pygments.lexers.shell import PowerShellLexer
    out = []
    first = mark_first
    for index, ttype, value in PowerShellLexer().get_tokens_unprocessed(text[start:]):
        if not value.strip():
            continue
        s = start + index
        kind = "error" if first else _pygments_kind(ttype)
        first = False
        if kind:
            out.append((s, s + len(value), kind))
    return out


def fragments_by_line(text):
    """[[(style, text), ...] per line] for prompt_toolkit (no prompt_toolkit import needed)."""
    spans, _ = analyse(text)
    frags = []
    pos = 0
    for s, e, kind in spans:
        if s > pos:
            frags.append(("", text[pos:s]))
        style = "class:ps." + kind if kind != "text" else ""
        frags.append((style, text[s:e]))
        pos = e
    if pos < len(text):
        frags.append(("", text[pos:]))
    lines = [[]]
    for style, chunk in frags:
        parts = chunk.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append((style, part))
    return lines


def has_real_error(text):
    if not text.strip():
        return False
    try:
        return analyse(text)[1]
    except Exception:  # noqa: BLE001
        return False


def make_lexer(ready=lambda: True):
    """A prompt_toolkit Lexer over :func:`fragments_by_line`. ``ready()`` says whether the engine
    (the parser) has been imported yet; until then the text stays plain, so typing ahead of a
    loading engine never waits on an import."""
    from prompt_toolkit.lexers import Lexer

    class SpShellLexer(Lexer):
        def invalidation_hash(self):
            # prompt_toolkit caches fragments per (text, hash): once the engine is ready the
            # same text must be lexed again
            return (id(self), bool(ready()))

        def lex_document(self, document):
            text = document.text
            if not text or not ready():
                lines = document.lines
                return lambda i: [("", lines[i])] if i < len(lines) else []
            try:
                lines = fragments_by_line(text)
            except Exception:  # noqa: BLE001 - colouring must never break typing
                plain = document.lines
                return lambda i: [("", plain[i])] if i < len(plain) else []
            return lambda i: lines[i] if i < len(lines) else []

    return SpShellLexer()
