"""Table layout (PowerShell's TableWriter.cs and ColumnWidthManager.cs).

* one space between columns; the last column is never padded;
* the dash line under each label is as long as the label (or the column, if narrower);
* strings left-aligned, numbers right-aligned (the header follows its column);
* a cell wider than its column is cut and ends with ``…`` (right-aligned cells lose their head);
* columns without a width share the free space; when the table is too wide the rightmost columns
  are narrowed, then dropped.
"""
from __future__ import annotations

from .text import (ELLIPSIS, display_width, generate_lines, truncate_at_newline, truncate_head,
                   truncate_tail)

SEPARATOR = 1
MIN_COLUMN_WIDTH = 1
MIN_SCREEN_COLUMNS = 5


def compute_widths(widths: list[int], table_width: int) -> list[int]:
    """ColumnWidthManager.CalculateColumnWidths: 0 = unassigned, -1 = hidden."""
    widths = list(widths)
    if _assign(widths, table_width):
        return widths
    _trim_to_fit(widths, table_width)
    return widths


def _current_width(widths):
    visible = [w for w in widths if w > 0]
    return sum(visible) + SEPARATOR * (len(visible) - 1)


def _assign(widths, table_width) -> bool:
    if all(w > 0 for w in widths):
        return sum(widths) + SEPARATOR * (len(widths) - 1) <= table_width
    fixed = [w > 0 for w in widths]
    for k, w in enumerate(widths):
        if w == 0:
            widths[k] = MIN_COLUMN_WIDTH
    available = table_width - _current_width(widths)
    if available < 0:
        return False
    while available > 0:
        for k in range(len(widths)):
            if fixed[k]:
                continue
            widths[k] += 1
            available -= 1
            if available == 0:
                break
    return True


def _trim_to_fit(widths, table_width):
    while True:
        excess = _current_width(widths) - table_width
        if excess <= 0:
            return
        last = -1
        for k, w in enumerate(widths):
            if w < 0:
                break
            last = k
        if last < 0:
            return
        new = widths[last] - excess
        if new < MIN_COLUMN_WIDTH:
            widths[last] = -1
        else:
            widths[last] = new


def fit_field(val: str, width: int, alignment: str, pad: bool) -> str:
    """GenerateRowField: one cell, padded or cut to ``width`` cells."""
    s = truncate_at_newline(val) if ("\n" in val or "\r" in val) else val
    length = len(s) if s.isascii() and "\x1b" not in s else display_width(s)
    if length < width:
        gap = width - length
        if alignment == "right":
            s = " " * gap + s
        elif alignment == "center":
            left = gap // 2
            s = " " * left + s + (" " * (gap - left) if pad else "")
        elif pad:
            s = s + " " * gap
    elif length > width:
        keep = width - 1  # room for the ellipsis
        if keep > 0:
            s = ELLIPSIS + truncate_head(s, keep) if alignment == "right" \
                else truncate_tail(s, keep) + ELLIPSIS
        else:
            s = truncate_head(s, width) if alignment == "right" else truncate_tail(s, width)
    final = display_width(s)
    if final != width and final < width:
        # a wide character was cut in half: one cell short
        if alignment == "right":
            s = " " + s
        elif pad:
            s += " "
    return s


class TableWriter:
    """Lays out rows once the column widths are known."""

    def __init__(self, widths: list[int], alignments: list[str], screen_width: int,
                 hide_header=False, wrap=False):
        self.disabled = screen_width < MIN_SCREEN_COLUMNS
        self.widths = compute_widths(widths, screen_width) if not self.disabled else []
        if not self.disabled and not any(w >= MIN_COLUMN_WIDTH for w in self.widths):
            self.disabled = True
        self.alignments = [a or "left" for a in alignments]
        self.hide_header = hide_header
        self.wrap = wrap

    def header_lines(self, labels: list[str]) -> list[str]:
        if self.disabled or self.hide_header:
            return []
        lines = self._multi_line_row(labels, self.alignments)
        dashes = []
        for k, label in enumerate(labels):
            w = self.widths[k]
            if w <= 0:
                dashes.append("")
                continue
            n = w
            if label:
                n = min(n, display_width(label))
            dashes.append("-" * n)
        lines.append(self._single_line_row(dashes, self.alignments))
        return lines

    def row_lines(self, values: list[str], alignments=None) -> list[str]:
        if self.disabled:
            return []
        aligns = [a or self.alignments[k] for k, a in enumerate(alignments)] \
            if alignments else self.alignments
        if self.wrap:
            return self._multi_line_row(values, aligns)
        return [self._single_line_row(values, aligns)]

    def _single_line_row(self, values, aligns) -> str:
        parts = []
        n = len(self.widths)
        first = True
        for k in range(n):
            w = self.widths[k]
            if w <= 0:
                continue
            cell = fit_field(values[k] if k < len(values) else "", w, aligns[k], k != n - 1)
            parts.append(cell if first else " " + cell)
            first = False
        return "".join(parts)

    def _multi_line_row(self, values, aligns) -> list[str]:
        valid = [k for k, w in enumerate(self.widths) if w > 0]
        if not valid:
            return []
        cols = []
        for i, k in enumerate(valid):
            last = i == len(valid) - 1
            w = self.widths[k]
            lines = generate_lines(values[k] if k < len(values) else "", w, w)
            a = aligns[k]
            if not last or a in ("right", "center"):
                lines = [fit_field(ln, w, a, not last) if display_width(ln) < w else ln
                         for ln in lines]
            if i > 0:
                lines = [" " + ln for ln in lines]
            cols.append(lines)
        rows = max(len(c) for c in cols)
        last_with_content = [max(i for i, c in enumerate(cols) if len(c) > r)
                             for r in range(rows)]
        for i, c in enumerate(cols):
            pad = 0
            if i < len(cols) - 1:
                pad = self.widths[valid[i]] + (SEPARATOR if i > 0 else 0)
            for r in range(len(c), rows):
                c.append("" if i > last_with_content[r] else " " * pad)
        out = []
        for r in range(rows):
            parts = []
            for i, c in enumerate(cols):
                v = c[r]
                if i == last_with_content[r] and rows > 1:
                    v = v.rstrip()
                parts.append(v)
            out.append("".join(parts))
        return out


def wide_items_per_row(string_len: int, screen_columns: int) -> int:
    """ComputeWideViewBestItemsPerRowFit."""
    if string_len <= 0 or screen_columns < 1 or string_len >= screen_columns:
        return 1
    n = 1
    while True:
        nxt = n + 1
        if string_len * nxt + (nxt - 1) * SEPARATOR >= screen_columns:
            return n
        n += 1
