"""ANSI colours in the spirit of PowerShell 7's $PSStyle (PSStyle.cs defaults).

Applied only when the stream is a terminal, NO_COLOR is unset and TERM is not ``dumb``
($PSStyle.OutputRendering = Host). Redirected output is always plain text.
"""
from __future__ import annotations

import os

RESET = "\x1b[0m"

# $PSStyle.Formatting defaults
STYLES = {
    "error": "\x1b[31;1m",          # Formatting.Error
    "error_accent": "\x1b[36;1m",   # Formatting.ErrorAccent
    "warning": "\x1b[33;1m",        # Formatting.Warning
    "verbose": "\x1b[33;1m",        # Formatting.Verbose
    "debug": "\x1b[33;1m",          # Formatting.Debug
    "table_header": "\x1b[32;1m",   # Formatting.TableHeader
    "list_label": "\x1b[32;1m",     # Formatting.FormatAccent
    "custom_header": "\x1b[32;1;3m",  # Formatting.CustomTableHeaderLabel
}


def colour_enabled(stream) -> bool:
    """True when ANSI styling should be written to ``stream``."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM", "") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def style(text: str, kind: str, enabled: bool = True) -> str:
    """Wrap ``text`` in the colour for ``kind`` (error, warning, verbose, debug, table_header,
    list_label, error_accent); plain text when disabled or ``kind`` is unknown."""
    code = STYLES.get(kind)
    if not enabled or not code or not text:
        return text
    return code + text + RESET


def styler(kind: str, enabled: bool):
    """A one-argument function applying ``kind`` (or the identity)."""
    if not enabled:
        return None
    return lambda text: style(text, kind)
