"""Output formatting: Out-Default's engine, Format-Table/List/Wide layouts and error views.

Everything here is plain text work on top of the value model; it imports nothing heavy, so the
non-interactive engine can use it freely. Public entry points:

* ``OutputFormatter(write_line, width)`` — Out-Default: ``write(obj)`` per object, ``close()``;
* ``render(objects, width)`` / ``render_stream(objects, width)`` — Out-String (-Stream);
* ``format_error(record, view)`` / ``format_parse_errors(parse_error)`` / ``position_message``;
* ``FormattedOutput`` — the objects Format-Table/List/Wide write;
* ``views`` — the view contract domain classes use (``__ps_view__``, ``__ps_table_columns__``).
"""
from .errors import (debug_line, format_error, format_parse_errors, host_message,
                     position_message, verbose_line, warning_line)
from .out_default import OutputFormatter, render, render_lines, render_stream
from .packets import FormattedOutput
from .styles import colour_enabled, style
from .text import wrap
from .views import Column, View, register_view

__all__ = [
    "OutputFormatter", "render", "render_lines", "render_stream", "format_error",
    "format_parse_errors", "position_message", "host_message", "warning_line", "verbose_line",
    "debug_line", "FormattedOutput", "colour_enabled", "style", "wrap", "Column", "View",
    "register_view",
]
