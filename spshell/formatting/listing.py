"""List layout (PowerShell's ListWriter.cs): ``Label : value``.

Labels are padded to the longest label (cut when they would leave no room for a value); values
wider than the screen wrap at word boundaries and multi-line values continue under the value
column. An empty value prints as ``Label : `` (the separator keeps its trailing space).
"""
from __future__ import annotations

from .text import display_width, generate_lines, split_lines, truncate_tail

SEPARATOR = " : "
MIN_FIELD_WIDTH = 1
MIN_LABEL_WIDTH = 1


def list_entry_lines(labels: list[str], values: list[str], screen_width: int,
                     label_style=None) -> list[str]:
    """The lines of one list entry (without the blank line that follows it)."""
    if not labels:
        return []
    if screen_width - len(SEPARATOR) - MIN_FIELD_WIDTH - MIN_LABEL_WIDTH < 0:
        return []
    max_label = screen_width - len(SEPARATOR) - MIN_FIELD_WIDTH
    widths = [display_width(l) for l in labels]
    label_len = min(max(widths), max_label)
    padded = []
    for label, w in zip(labels, widths):
        if w < label_len:
            label = label + " " * (label_len - w)
        elif w > label_len:
            label = truncate_tail(label, label_len)
        padded.append(label + SEPARATOR)
    total_label = label_len + len(SEPARATOR)
    field_width = screen_width - total_label
    indent = " " * total_label
    out = []
    for k, prefix in enumerate(padded):
        value = values[k] if k < len(values) and values[k] is not None else ""
        for i, line in enumerate(split_lines(value)):
            head = prefix if i == 0 else indent
            for j, piece in enumerate(generate_lines(line, field_width, field_width)):
                if j == 0:
                    if label_style and head.strip():
                        out.append(label_style(head) + piece)
                    else:
                        out.append(head + piece)
                else:
                    out.append(indent + piece)
    return out
