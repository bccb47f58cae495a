"""The format objects Format-Table/List/Wide write to the pipeline (PowerShell's FormatStartData,
GroupStartData, FormatEntryData, GroupEndData, FormatEndData).

They carry cell *text*, not layout: Out-Default, Out-String and Out-File lay them out for their
own width when they print them, so ``Get-X | Format-Table | Out-String -Width 200`` works. Each
packet records when it was made; the outputter uses that to size columns from the objects of the
first 300 ms, as PowerShell does.
"""
from __future__ import annotations

import time
from typing import Optional

_NS = "Microsoft.PowerShell.Commands.Internal.Format."


class FormattedOutput:
    """Base class of every format object (``$x -is [FormattedOutput]`` checks in the engine)."""

    __ps_type__ = _NS + "FormatInfoData"
    __ps_type_names__ = (_NS + "FormatInfoData", "System.Object")

    def __init__(self, t: Optional[float] = None):
        self.t = time.monotonic() if t is None else t

    @property
    def ClassId2e4f51ef21dd47e99d3c952918aff9cd(self):  # what PowerShell shows for these objects
        return _CLASS_IDS.get(type(self).__name__, "")

    def ToString(self):
        return type(self).__ps_type__

    def __str__(self):
        return type(self).__ps_type__


class TableHeader:
    """Column labels, declared widths (0 = size from the data) and alignments."""

    def __init__(self, labels, widths, alignments, hide_header=False, wrap=False,
                 header_is_property=None):
        self.labels = labels
        self.widths = widths
        self.alignments = alignments  # "left" / "right" / "center"
        self.hide_header = hide_header
        self.wrap = wrap
        self.header_is_property = header_is_property or []


class FormatStartData(FormattedOutput):
    __ps_type__ = _NS + "FormatStartData"
    __ps_type_names__ = (_NS + "FormatStartData", _NS + "StartData", _NS + "PacketInfoData",
                         _NS + "FormatInfoData", "System.Object")

    def __init__(self, shape: str, table: Optional[TableHeader] = None, autosize=False,
                 wide_columns: int = 0, t=None):
        super().__init__(t)
        self.shape = shape  # "table" | "list" | "wide" | "custom"
        self.table = table
        self.autosize = autosize
        self.wide_columns = wide_columns


class GroupStartData(FormattedOutput):
    __ps_type__ = _NS + "GroupStartData"
    __ps_type_names__ = (_NS + "GroupStartData", _NS + "StartData", _NS + "PacketInfoData",
                         _NS + "FormatInfoData", "System.Object")

    def __init__(self, label_text: Optional[str] = None, t=None):
        super().__init__(t)
        self.label_text = label_text  # "   Name: value" when grouping, else None


class FormatEntryData(FormattedOutput):
    """One shown object. kind: row (table), list, wide, custom, raw (a line of text),
    oob_list (an object out of band, as a list), error (error-view text)."""

    __ps_type__ = _NS + "FormatEntryData"
    __ps_type_names__ = (_NS + "FormatEntryData", _NS + "PacketInfoData", _NS + "FormatInfoData",
                         "System.Object")

    def __init__(self, kind: str, values=None, labels=None, alignments=None, text=None,
                 out_of_band=False, t=None):
        super().__init__(t)
        self.kind = kind
        self.values = values
        self.labels = labels
        self.alignments = alignments
        self.text = text
        self.out_of_band = out_of_band


class GroupEndData(FormattedOutput):
    __ps_type__ = _NS + "GroupEndData"
    __ps_type_names__ = (_NS + "GroupEndData", _NS + "PacketInfoData", _NS + "FormatInfoData",
                         "System.Object")


class FormatEndData(FormattedOutput):
    __ps_type__ = _NS + "FormatEndData"
    __ps_type_names__ = (_NS + "FormatEndData", _NS + "PacketInfoData", _NS + "FormatInfoData",
                         "System.Object")


_CLASS_IDS = {
    "FormatStartData": "033ecb2bc07a4d43b5ef94ed5a35d280",
    "GroupStartData": "9e210fe47d09416682b841769c78b8a3",
    "FormatEntryData": "27c87ef9bbda4f709f6b4002fa4af63c",
    "GroupEndData": "4ec4f0187cb04f4cb6973460dfe252df",
    "FormatEndData": "cf522b78d86c486691226b40aa69e95c",
}
