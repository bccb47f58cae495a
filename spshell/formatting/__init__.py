"""Output formatting: Out-Default's engine, Format-Table/List/Wide layouts and error views.

Everything here is plain text work on top of the value model; it imports nothing heavy, so the
non-interactive engine can use it freely. Public entry points:

* ``OutputFormatter(write_line, width)`` — Out-Default: ``write(obj)`` per object, ``close()``;
* ``render(objects, width)`` / ``render_stream(objects, width)`` — Out-String (-Stream);
* ``format_error(record, view)`` / ``format_parse_errors(parse_error)`` / ``position_message``;
* ``FormattedOutput`` — the objects Format-Table/List/Wide write;
* ``views`` — the view contract domain classes use (``__ps_view__``, ``__ps_table_columns__``).

The names are loaded from their submodules on first use (PEP 562): every run imports this
package, and a script that writes nothing should not pay for the table and list writers.
"""
from importlib import import_module

_EXPORTS = {
    "debug_line": "errors", "format_error": "errors", "format_parse_errors": "errors",
    "host_message": "errors", "position_message": "errors", "verbose_line": "errors",
    "warning_line": "errors",
    "OutputFormatter": "out_default", "render": "out_default", "render_lines": "out_default",
    "render_stream": "out_default",
    "FormattedOutput": "packets",
    "colour_enabled": "styles", "style": "styles",
    "wrap": "text",
    "Column": "views", "View": "views", "register_view": "views",
}

__all__ = [
    "OutputFormatter", "render", "render_lines", "render_stream", "format_error",
    "format_parse_errors", "position_message", "host_message", "warning_line", "verbose_line",
    "debug_line", "FormattedOutput", "colour_enabled", "style", "wrap", "Column", "View",
    "register_view",
]


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
