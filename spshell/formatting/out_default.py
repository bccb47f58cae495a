"""Out-Default's engine, and the text Out-String returns.

``OutputFormatter(write_line, width)``: call ``write(obj)`` for every object that reaches the end
of a top-level pipeline and ``close()`` when that pipeline ends. ``width`` is the number of
usable columns: pass the terminal width minus one for a console (PowerShell never writes the
last column, ConsoleLineOutput.ColumnNumber) and 120 when output is redirected.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable, Optional

from .packets import FormattedOutput

DEFAULT_WIDTH = 120


class OutputFormatter:
    """Out-Default. Optional: ``context`` (the session: $ErrorView and $FormatEnumerationLimit
    are read from it when ``error_view`` / ``enumeration_limit`` are not given), ``colour``
    (ANSI styles for a terminal), ``clock`` (tests)."""

    def __init__(self, write_line: Callable[[str], None], width: int = DEFAULT_WIDTH,
                 enumeration_limit: Optional[int] = None, context=None,
                 error_view=None, colour: bool = False,
                 clock: Callable[[], float] = time.monotonic,
                 error_text: Optional[Callable] = None):
        self.width = width
        self.context = context
        self.error_view = error_view
        self.colour = colour
        if error_text is None:
            def error_text(record):
                from .errors import format_error
                return format_error(record, self._current_error_view(), width=self.width,
                                    colour=colour)
        if enumeration_limit is None:
            enumeration_limit = _session_limit(context)
        # the formatter and the line writer are built for the first object: a script whose
        # results are all assigned or discarded never needs them, and their modules are the
        # bulk of this package
        self._formatter_args = (enumeration_limit, context, error_text, clock)
        self._out_args = (write_line, width, colour)
        self._formatter_obj = None
        self._out_obj = None
        self._closed = False

    @property
    def _formatter(self):
        f = self._formatter_obj
        if f is None:
            from .formatter import Formatter
            f = self._formatter_obj = Formatter(None, None, *self._formatter_args)
        return f

    @property
    def _out(self):
        out = self._out_obj
        if out is None:
            from .outputter import LineOutput
            out = self._out_obj = LineOutput(*self._out_args)
        return out

    def _current_error_view(self) -> str:
        """``error_view``: a view name, a callable returning one, or None to read $ErrorView
        from ``context`` each time (a script may change it while it runs)."""
        v = self.error_view
        if callable(v):
            v = v()
        if v is None and self.context is not None:
            try:
                v = self.context.get_variable("ErrorView", None)
            except Exception:
                v = None
        return str(v) if v else "NormalView"

    def write(self, obj) -> None:
        if isinstance(obj, FormattedOutput):
            # Format-* output is already formatted: finish our own block first
            self._end_own_document()
            self._out.add(obj)
            return
        if isinstance(obj, (list, tuple)):
            for item in obj:
                if isinstance(item, FormattedOutput):
                    self._end_own_document()
                    self._out.add(item)
                else:
                    self._feed(item)
            return
        self._feed(obj)

    def _feed(self, obj):
        for packet in self._formatter.process(obj):
            self._out.add(packet)

    def _end_own_document(self):
        f = self._formatter_obj
        if f is not None and f.in_document:
            for packet in f.end():
                self._out.add(packet)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._end_own_document()
        if self._out_obj is not None:
            self._out_obj.flush()


def _session_limit(context) -> int:
    """$FormatEnumerationLimit (default 4)."""
    if context is not None:
        try:
            v = context.get_variable("FormatEnumerationLimit", None)
            if v is not None:
                return int(v)
        except Exception:
            pass
    from .values import DEFAULT_ENUMERATION_LIMIT
    return DEFAULT_ENUMERATION_LIMIT


def render_lines(objects: Iterable, width: int = DEFAULT_WIDTH, **kwargs) -> list[str]:
    lines: list[str] = []
    fmt = OutputFormatter(lines.append, width, **kwargs)
    for obj in objects:
        fmt.write(obj)
    fmt.close()
    return lines


def render(objects: Iterable, width: int = DEFAULT_WIDTH, **kwargs) -> str:
    """What Out-String returns: every line followed by a newline (blank lines included)."""
    return "".join(line + "\n" for line in render_lines(objects, width, **kwargs))


def render_stream(objects: Iterable, width: int = DEFAULT_WIDTH, **kwargs) -> list[str]:
    """Out-String -Stream: one string per line."""
    return render_lines(objects, width, **kwargs)
