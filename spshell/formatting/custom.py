"""Format-Custom's default tree view and the complex writer (ComplexViewObjectBrowser and
ComplexWriter in PowerShell's FormatAndOutput).

An object becomes::

    class PSCustomObject
    {
      Name = value
      Items =
        [
          1
          2
        ]
    <indent>
    }

Nested objects recurse up to ``-Depth`` (5) levels; deeper values show their string form. The
tree is kept as data (text, newline, indented frame) and laid out for the output width later.
"""
from __future__ import annotations

from . import _access as acc
from .text import ELLIPSIS, generate_lines
from .values import enumerate_for_cell, format_field, is_scalar

INDENT_STEP = 2
MAX_DEPTH = 5

TEXT, NEWLINE, FRAME = "text", "nl", "frame"


class CustomTree:
    """Build the value tree of one object."""

    def __init__(self, limit, value_of, columns_of, depth=MAX_DEPTH):
        self.limit = limit
        self.value_of = value_of  # (column, obj) -> value
        self.columns_of = columns_of  # (obj, top_level) -> [(label, column)]
        self.depth = depth

    def build(self, obj) -> list:
        if is_scalar(obj):
            return [(TEXT, format_field(obj, self.limit)), (NEWLINE,)]
        items = enumerate_for_cell(obj)
        if items is not None:
            return self._enumeration(items, 0)
        return self._object(obj, 0, top=True)

    def _object(self, obj, level, top=False) -> list:
        names = acc.type_names(obj)
        short = names[0].rsplit(".", 1)[-1] if names else "PSObject"
        out = [(TEXT, "class " + short), (NEWLINE,), (TEXT, "{"), (NEWLINE,)]
        body = []
        for label, col in self.columns_of(obj, top):
            body.append((TEXT, f"{label} = "))
            try:
                val = self.value_of(col, obj)
            except Exception:
                val = ""
            items = enumerate_for_cell(val) if (val is not None or level >= self.depth) \
                else None
            if items is not None:
                body.append((NEWLINE,))
                body.append((FRAME, INDENT_STEP, self._enumeration(items, level + 1)))
            elif val is None or self._leaf(val, level):
                body.extend(self._leaf_items(val))
            else:
                body.append((NEWLINE,))
                body.append((FRAME, INDENT_STEP, self._object(val, level + 1)))
        out.append((FRAME, INDENT_STEP, body))
        out.extend([(TEXT, "}"), (NEWLINE,)])
        return out

    def _enumeration(self, items, level) -> list:
        inner = []
        for i, x in enumerate(items):
            if self.limit is not None and self.limit >= 0 and i == self.limit:
                inner.extend(self._leaf_items(ELLIPSIS))
                break
            if self._leaf(x, level):
                inner.extend(self._leaf_items(x))
                continue
            sub = enumerate_for_cell(x)
            if sub is not None:
                inner.append((NEWLINE,))
                inner.append((FRAME, INDENT_STEP, self._enumeration(sub, level + 1)))
            else:
                inner.extend(self._object(x, level + 1))
        return [(TEXT, "["), (NEWLINE,), (FRAME, INDENT_STEP, inner), (TEXT, "]"), (NEWLINE,),
                (NEWLINE,)]

    def _leaf(self, val, level) -> bool:
        return level >= self.depth or val is None or is_scalar(val)

    def _leaf_items(self, val) -> list:
        return [(TEXT, format_field(val, self.limit)), (NEWLINE,)]


def write_complex(tree: list, width: int) -> list[str]:
    """ComplexWriter.WriteObject: text accumulates into a line that a newline writes, padded
    by the indentation of the frame it is written in; a final flush ends the entry."""
    lines: list[str] = []
    buf: list[str] = []

    def flush(indent):
        useful = width - indent
        text = "".join(buf)
        buf.clear()
        if useful <= 0:
            return
        for piece in generate_lines(text, useful, useful):
            lines.append(" " * indent + piece)

    def walk(items, indent):
        for item in items:
            kind = item[0]
            if kind == TEXT:
                buf.append(item[1])
            elif kind == NEWLINE:
                flush(indent)
            elif kind == FRAME:
                walk(item[2], indent + item[1])

    walk(tree, 0)
    flush(0)
    return lines
