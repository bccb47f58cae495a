"""Turns format packets into lines (PowerShell's OutCommandInner + FormattedObjectsCache).

Blank lines follow PowerShell 7: one before each table/list/wide/custom block (FormatStart), one
after a table/wide/custom block (FormatEnd); list entries are each followed by one. Tables whose
columns have no declared width are sized from the rows that arrive within 300 ms of the group
start (all of them with -AutoSize, or when the pipeline ends sooner); later rows are cut to fit.
"""
from __future__ import annotations

from typing import Callable, Optional

from .listing import list_entry_lines
from .packets import (FormatEndData, FormatEntryData, FormatStartData, FormattedOutput,
                      GroupEndData, GroupStartData)
from .styles import style
from .table import TableWriter, wide_items_per_row
from .text import display_width

GROUPING_SECONDS = 0.3
_SEQUENCE_MESSAGE = ('The object of type "{0}" is not valid or not in the correct sequence. This '
                     'is likely caused by a user-specified "format-table" command which is '
                     'conflicting with the default formatting.')


class LineOutput:
    """Consumes packets; writes finished lines through ``write_line``."""

    def __init__(self, write_line: Callable[[str], None], width: int = 120, colour=False):
        self.write_line = write_line
        self.width = max(1, int(width))
        self.colour = colour
        self._doc: Optional[FormatStartData] = None
        self._group = None  # _TableCtx | _ListCtx | _WideCtx | _CustomCtx
        self._cache_mode = None  # None | "time" | "all"
        self._caching = False
        self._queue: list = []
        self._t0 = 0.0
        self._hint = None

    # ------------------------------------------------------------------ public
    @property
    def in_document(self) -> bool:
        return self._doc is not None

    def add(self, packet: FormattedOutput):
        if isinstance(packet, FormatStartData):
            self._cache_mode = None
            if packet.autosize:
                self._cache_mode = "all"
            elif packet.shape == "table" and packet.table and packet.table.widths \
                    and packet.table.widths[0] == 0:
                self._cache_mode = "time"
            self._process(packet)
            return
        if self._cache_mode and not self._caching and isinstance(packet, GroupStartData):
            self._caching = True
            self._t0 = packet.t
            self._queue = [packet]
            return
        if self._caching:
            self._queue.append(packet)
            if isinstance(packet, GroupEndData) or (
                    self._cache_mode == "time" and packet.t - self._t0 > GROUPING_SECONDS):
                self._release()
            return
        self._process(packet)

    def flush(self):
        """End of input: whatever is still cached is laid out now."""
        if self._caching:
            self._release()

    # ------------------------------------------------------------------ caching
    def _release(self):
        queue, self._queue, self._caching = self._queue, [], False
        self._hint = self._compute_hint(queue)
        for p in queue:
            self._process(p)

    def _compute_hint(self, queue):
        doc = self._doc
        if doc is None:
            return None
        entries = [p for p in queue if isinstance(p, FormatEntryData) and not p.out_of_band]
        if doc.shape == "table" and doc.table:
            widths = []
            for label in doc.table.labels:
                widths.append(display_width(label) if label else 0)
            for e in entries:
                if e.kind != "row":
                    continue
                for k, v in enumerate(e.values[:len(widths)]):
                    n = display_width(v or "")
                    if n > widths[k]:
                        widths[k] = n
            return ("table", widths)
        if doc.shape == "wide" and not doc.wide_columns:
            longest = max((display_width(e.values[0]) for e in entries
                           if e.kind == "wide" and e.values and e.values[0]), default=0)
            return ("wide", longest)
        return None

    # ------------------------------------------------------------------ processing
    def _emit(self, line: str):
        self.write_line(line)

    def _process(self, p):
        if isinstance(p, FormatStartData):
            self._doc = p
            self._emit("")
        elif isinstance(p, GroupStartData):
            if self._doc is None:
                self._sequence_error(p)
            if p.label_text is not None:
                self._emit(p.label_text)
                self._emit("")
            self._group = self._make_group()
            self._group.start()
        elif isinstance(p, FormatEntryData):
            if p.out_of_band or self._group is None:
                if not p.out_of_band and p.kind not in ("raw", "error"):
                    self._sequence_error(p)
                self._out_of_band(p)
            else:
                self._group.entry(p)
        elif isinstance(p, GroupEndData):
            if self._group is not None:
                self._group.end()
            self._group = None
        elif isinstance(p, FormatEndData):
            doc, self._doc = self._doc, None
            self._group = None
            if doc is None or doc.shape != "list":
                self._emit("")
        else:
            self._sequence_error(p)

    def _sequence_error(self, p):
        from spshell.runtime.errors import InvalidOperationException, ErrorRecord
        exc = InvalidOperationException(_SEQUENCE_MESSAGE.format(type(p).__ps_type__))
        ErrorRecord(exc, "ConsoleLineOutputOutOfSequencePacket", "InvalidData", p)
        raise exc

    def _out_of_band(self, p: FormatEntryData):
        if p.kind == "complex":
            from .custom import write_complex
            for line in write_complex(p.values or [], self.width):
                self._emit(line)
            return
        if p.kind in ("raw", "error", "custom"):
            for line in (p.text or "").replace("\r\n", "\n").split("\n"):
                self._emit(line)
        elif p.kind in ("oob_list", "list"):
            self._emit("")
            for line in list_entry_lines(p.labels or [], p.values or [], self.width,
                                         self._label_style()):
                self._emit(line)
            self._emit("")
        elif p.kind == "row":
            self._emit(" ".join(p.values or []))
        elif p.kind == "wide":
            self._emit((p.values or [""])[0])

    def _label_style(self):
        return (lambda s: style(s, "list_label")) if self.colour else None

    def _make_group(self):
        doc = self._doc
        hint, self._hint = self._hint, None
        if doc.shape == "table":
            return _TableCtx(self, doc, hint)
        if doc.shape == "list":
            return _ListCtx(self)
        if doc.shape == "wide":
            return _WideCtx(self, doc, hint)
        return _CustomCtx(self)


class _TableCtx:
    def __init__(self, out: LineOutput, doc: FormatStartData, hint):
        self.out = out
        th = doc.table
        self.header = th
        widths = list(hint[1]) if hint and hint[0] == "table" else list(th.widths)
        self.writer = TableWriter(widths, list(th.alignments), out.width,
                                  hide_header=th.hide_header, wrap=th.wrap)

    def start(self):
        lines = self.writer.header_lines(list(self.header.labels))
        for ln in lines:
            self.out._emit(style(ln, "table_header") if self.out.colour and ln else ln)

    def entry(self, p: FormatEntryData):
        if p.kind != "row":
            self.out._out_of_band(p)
            return
        values = list(p.values or [])
        n = len(self.header.labels)
        values = (values + [""] * n)[:n]
        aligns = None
        if p.alignments:
            aligns = (list(p.alignments) + [None] * n)[:n]
        for ln in self.writer.row_lines(values, aligns):
            self.out._emit(ln)

    def end(self):
        pass


class _ListCtx:
    def __init__(self, out: LineOutput):
        self.out = out

    def start(self):
        pass

    def entry(self, p: FormatEntryData):
        if p.kind != "list":
            self.out._out_of_band(p)
            return
        for ln in list_entry_lines(p.labels or [], p.values or [], self.out.width,
                                   self.out._label_style()):
            self.out._emit(ln)
        self.out._emit("")

    def end(self):
        pass


class _WideCtx:
    def __init__(self, out: LineOutput, doc: FormatStartData, hint):
        self.out = out
        per_row = 2
        if hint and hint[0] == "wide" and hint[1] > 0:
            per_row = wide_items_per_row(hint[1], out.width)
        elif doc.wide_columns > 0:
            per_row = doc.wide_columns
        self.per_row = per_row
        self.buffer: list[str] = []
        self.writer = TableWriter([0] * per_row, ["left"] * per_row, out.width)

    def start(self):
        pass

    def entry(self, p: FormatEntryData):
        if p.kind != "wide":
            self.out._out_of_band(p)
            return
        self.buffer.append((p.values or [""])[0] or "")
        if len(self.buffer) == self.per_row:
            self._flush()

    def _flush(self):
        if not self.buffer:
            return
        values = self.buffer + [""] * (self.per_row - len(self.buffer))
        for ln in self.writer.row_lines(values):
            self.out._emit(ln)
        self.buffer = []

    def end(self):
        self._flush()


class _CustomCtx:
    def __init__(self, out: LineOutput):
        self.out = out

    def start(self):
        pass

    def entry(self, p: FormatEntryData):
        self.out._out_of_band(p)

    def end(self):
        pass
