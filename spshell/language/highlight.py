"""Syntax colouring spans and the "needs more input" test for the interactive prompt."""
from __future__ import annotations

from spshell.language import ast as A


def is_incomplete(text: str) -> bool:
    """True when ``text`` ends while more input is expected (open brace/paren/bracket/string,
    trailing pipe, operator or backtick): the REPL then shows its `>> ` continuation prompt."""
    from spshell.language.parser import ParseError, parse
    try:
        parse(text)
    except ParseError as e:
        return e.incomplete
    except Exception:  # never let the prompt die on a parser bug
        return False
    return False


def tokenize_for_highlight(text: str) -> list:
    """[(start, end, kind)] covering the interesting parts of ``text``; kinds: command,
    parameter, string, variable, keyword, operator, number, type, member, comment, error,
    text. Best effort: never raises; after a parse error the rest of the text is 'error'."""
    try:
        return _spans(text)
    except Exception:
        return [(0, len(text), "text")] if text else []


def _spans(text):
    from spshell.language.parser import ParseError, Parser
    from spshell.language.tokenizer import TokenizerError
    bom = 1 if text.startswith("\ufeff") else 0
    body = text[bom:]
    source = A.Source(body)
    record = []
    parser = Parser(source, 0, 0, None, record)
    error_at = None
    try:
        parser.parse_script()
    except TokenizerError as err:
        error_at = err.start
    except (RecursionError, ParseError):
        error_at = parser.pos()
    spans = {}
    for s, e, k in record:
        if e > s:
            spans[s] = (e, k)  # later, more specific classifications win
    for s, e in parser.tok.comments:
        spans[s] = (e, "comment")
    out = []
    last = 0
    for s in sorted(spans):
        e, k = spans[s]
        if s < last:
            continue
        if error_at is not None and s >= error_at:
            break
        out.append((s + bom, e + bom, k))
        last = e
    if error_at is not None and error_at < len(body):
        start = max(error_at, last)
        if start < len(body):
            out.append((start + bom, len(body) + bom, "error"))
    return out
