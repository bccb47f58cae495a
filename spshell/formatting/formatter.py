"""Objects -> format packets (PowerShell's BaseFormattingCommand + FormatViewManager).

For each object arriving at Out-Default (or Format-*):

* ``$null`` and "no output" show nothing; arrays and dictionaries are shown element by element
  (a hashtable as its Name/Value entries);
* scalars (strings, numbers, booleans, chars, enums) and objects without properties print their
  string form on a line of their own ("out of band"), even in the middle of a table;
* ErrorRecords print in the error view; warning/verbose/debug records as host lines;
* the first other object opens a *document*: its registered view, else a table when it shows at
  most 4 properties, else a list. The document lasts until the end of the pipeline: a generated
  table keeps the first object's columns for every later object (the "first object decides the
  columns" effect); an object a declared view does not apply to is shown out of band as a list.
"""
from __future__ import annotations

import decimal
import re
import time
from typing import Any, Callable, Optional

from spshell.runtime.objects import AutomationNull

from . import _access as acc
from .packets import (FormatEndData, FormatEntryData, FormatStartData, FormattedOutput,
                      GroupEndData, GroupStartData, TableHeader)
from .values import (DEFAULT_ENUMERATION_LIMIT, display_name, format_field, is_scalar,
                     line_text)
from .views import Column, View, display_properties, find_view, view_applies

PROPERTY_COUNT_FOR_TABLE = 4
_FAST_SCALARS = (str, int, float, decimal.Decimal)
MAX_GENERATED_TABLE_COLUMNS = 10

_STREAM_RECORDS = {
    "system.management.automation.warningrecord": "WARNING: ",
    "system.management.automation.verboserecord": "VERBOSE: ",
    "system.management.automation.debugrecord": "DEBUG: ",
    "system.management.automation.informationrecord": "",
}


# ------------------------------------------------------------------------------ field specs
class FieldSpec:
    """One -Property entry of Format-Table/List/Wide: ``source`` is a property name (maybe a
    wildcard), a script block (``is_script``) or a callable(obj)."""

    __slots__ = ("source", "label", "width", "alignment", "format_string", "is_script")

    def __init__(self, source: Any, label: Optional[str] = None, width: int = 0,
                 alignment: Optional[str] = None, format_string: Optional[str] = None,
                 is_script: bool = False):
        self.source = source
        self.label = label
        self.width = width
        self.alignment = alignment
        self.format_string = format_string
        self.is_script = is_script

    @property
    def is_wildcard(self) -> bool:
        return isinstance(self.source, str) and has_wildcard(self.source)


def has_wildcard(s: str) -> bool:
    escaped = False
    for c in s:
        if escaped:
            escaped = False
        elif c == "`":
            escaped = True
        elif c in "*?[":
            return True
    return False


def wildcard_match(pattern: str, text: str) -> bool:
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "`" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                out.append("[" + pattern[i + 1:j].replace("\\", "\\\\") + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.fullmatch("".join(out), text, re.IGNORECASE | re.DOTALL) is not None


class FormatParams:
    """The command-line side of Format-Table/List/Wide/Custom."""

    def __init__(self, properties=None, exclude=None, group_by=None, autosize=False,
                 hide_header=False, wrap=False, force=False, wide_columns=0, depth=5,
                 expand=None):
        self.properties = properties  # FieldSpec list
        self.exclude = exclude  # property names / wildcards
        self.group_by = group_by  # FieldSpec
        self.autosize = autosize
        self.hide_header = hide_header
        self.wrap = wrap
        self.force = force
        self.wide_columns = wide_columns
        self.depth = depth  # Format-Custom
        self.expand = expand  # None | "CoreOnly" | "EnumOnly" | "Both" (-Expand)


class _Resolved:
    """A concrete column: label + how to get the value."""

    __slots__ = ("label", "source", "width", "alignment", "format_string", "is_script",
                 "header_is_property")

    def __init__(self, label, source, width=0, alignment=None, format_string=None,
                 is_script=False, header_is_property=True):
        self.label = label
        self.source = source
        self.width = width
        self.alignment = alignment
        self.format_string = format_string
        self.is_script = is_script
        self.header_is_property = header_is_property


class Formatter:
    """Produces format packets. ``shape`` None = Out-Default's choice; "table"/"list"/"wide"
    force a shape (Format-Table/List/Wide)."""

    def __init__(self, shape: Optional[str] = None, params: Optional[FormatParams] = None,
                 enumeration_limit: int = DEFAULT_ENUMERATION_LIMIT, context=None,
                 error_text: Optional[Callable[[Any], str]] = None,
                 clock: Callable[[], float] = time.monotonic):
        self.shape = shape
        self.params = params
        self.limit = DEFAULT_ENUMERATION_LIMIT if enumeration_limit is None else enumeration_limit
        self.context = context
        self.error_text = error_text
        self.clock = clock
        self._view: Optional[View] = None
        self._doc_shape: Optional[str] = None
        self._columns: list = []
        self._in_doc = False
        self._group_key = _NO_KEY
        self._group_open = False

    # ------------------------------------------------------------------ public
    @property
    def in_document(self) -> bool:
        return self._in_doc

    def process(self, obj) -> list:
        if obj is None or obj is AutomationNull:
            return []
        if isinstance(obj, FormattedOutput):
            return [obj]
        items = acc.enumerate_value(obj)
        if items is None:
            return self._process_object(obj)
        expand = (self.params.expand if self.params else None) or "EnumOnly"
        if expand == "CoreOnly":
            return self._process_object(obj)
        out = []
        if expand == "Both":
            out.extend(self._describe_collection(obj, items))
        for x in items:
            if x is None or x is AutomationNull:
                continue
            if isinstance(x, FormattedOutput):
                out.append(x)
            else:
                out.extend(self._process_object(x))
        return out

    def _describe_collection(self, obj, items) -> list:
        """-Expand Both: say what the collection is, show it, then its elements."""
        n = len(items)
        if n == 0:
            count = "The IEnumerable contains no objects."
        elif n == 1:
            count = "The IEnumerable contains the following object:"
        else:
            count = f"The IEnumerable contains the following {n} objects:"
        out = [FormatEntryData("raw", text="The following object supports IEnumerable:",
                               out_of_band=True, t=self.clock())]
        out.append(self._out_of_band_object(obj, acc.type_names(obj)))
        out.append(FormatEntryData("raw", text=count, out_of_band=True, t=self.clock()))
        return out

    def end(self) -> list:
        if not self._in_doc:
            return []
        out = []
        if self._group_open:
            out.append(GroupEndData(t=self.clock()))
        out.append(FormatEndData(t=self.clock()))
        self._in_doc = False
        self._group_open = False
        self._view = None
        self._group_key = _NO_KEY
        return out

    # ------------------------------------------------------------------ objects
    def _process_object(self, obj) -> list:
        if isinstance(obj, _FAST_SCALARS) and self._should_process_oob():
            # the common case (strings and numbers) needs no type lookup
            return [FormatEntryData("raw", text=line_text(obj), out_of_band=True,
                                    t=self.clock())]
        names = acc.type_names(obj)
        oob = self._out_of_band_outside(obj, names)
        if oob is not None:
            return [oob]
        out = []
        if not self._in_doc:
            out.extend(self._start_document(obj, names))
        elif self._should_process_oob() and self._view is not None \
                and not view_applies(self._view, obj, names):
            out.append(self._out_of_band_object(obj, names))
            return out
        grouping = self._grouping()
        if grouping is not None:
            key_text, label = self._group_label(grouping, obj)
            if not self._group_open:
                out.append(self._group_start(key_text, label))
            elif key_text != self._group_key:
                # a blank line between groups, then the new group's header
                out.append(FormatEntryData("raw", text="", out_of_band=True, t=self.clock()))
                out.append(GroupEndData(t=self.clock()))
                out.append(self._group_start(key_text, label))
        elif not self._group_open:
            out.append(self._group_start(None, None))
        out.append(self._payload(obj))
        return out

    def _should_process_oob(self) -> bool:
        return self.shape is None or self.params is None or not self.params.force

    def _out_of_band_outside(self, obj, names):
        low0 = names[0].lower() if names else ""
        if (low0 == "system.management.automation.errorrecord" or _is_error_record(obj)) \
                and self._should_process_oob():
            text = self.error_text(obj) if self.error_text else acc.to_string(obj)
            return FormatEntryData("error", text=text, out_of_band=True, t=self.clock())
        if low0 in _STREAM_RECORDS:
            msg = acc.get_property(obj, "Message") if low0 != \
                "system.management.automation.informationrecord" else None
            text = acc.to_string(msg if msg is not None else obj)
            return FormatEntryData("raw", text=_STREAM_RECORDS[low0] + text, out_of_band=True,
                                   t=self.clock())
        if not self._should_process_oob():
            return None
        if is_scalar(obj, names) or not acc.property_names(obj):
            if find_view(obj, names) is None or is_scalar(obj, names):
                return FormatEntryData("raw", text=acc.to_string(obj), out_of_band=True,
                                       t=self.clock())
        return None

    def _out_of_band_object(self, obj, names):
        if is_scalar(obj, names) or not acc.property_names(obj):
            return FormatEntryData("raw", text=acc.to_string(obj), out_of_band=True,
                                   t=self.clock())
        view = find_view(obj, names)
        if view is not None and view.kind == "custom":
            return FormatEntryData("custom", text=view.custom(obj), out_of_band=True,
                                   t=self.clock())
        if view is not None and view.kind == "list":
            cols = [_Resolved(c.header, c.source, format_string=c.format_string)
                    for c in (view.columns or [Column(n, n) for n in display_properties(obj)])]
        else:
            cols = [_Resolved(n, n) for n in display_properties(obj)]
        labels = [c.label for c in cols]
        values = [self._cell(c, obj, False) for c in cols]
        return FormatEntryData("oob_list", values=values, labels=labels, out_of_band=True,
                               t=self.clock())

    # ------------------------------------------------------------------ documents
    def _start_document(self, obj, names) -> list:
        self._in_doc = True
        self._group_open = False
        view = None
        shape = self.shape
        props = self.params.properties if self.params else None
        if not props:
            registered = find_view(obj, names)
            if registered is not None and (shape is None or registered.kind == shape):
                view = registered
                shape = registered.kind
        if shape is None:
            count = len(_base_display_properties(obj))
            shape = "table" if count <= PROPERTY_COUNT_FOR_TABLE else "list"
        if view is None:
            view = View(kind=shape, generated=True)
        self._view = view
        self._doc_shape = shape
        t = self.clock()
        autosize = bool(self.params and self.params.autosize)
        if shape == "table":
            self._columns = self._table_columns(obj, view)
            header = TableHeader(
                labels=[c.label for c in self._columns],
                widths=[c.width for c in self._columns],
                alignments=[c.alignment or "left" for c in self._columns],
                hide_header=bool(self.params and self.params.hide_header) or view.hide_header,
                wrap=bool(self.params and self.params.wrap),
                header_is_property=[c.header_is_property for c in self._columns])
            return [FormatStartData("table", header, autosize=autosize, t=t)]
        if shape == "wide":
            cols = self.params.wide_columns if self.params else 0
            return [FormatStartData("wide", autosize=autosize and not cols, wide_columns=cols,
                                    t=t)]
        return [FormatStartData(shape, t=t)]

    def _grouping(self):
        """-GroupBy from the command line, else the view's own grouping (if any)."""
        if self.params and self.params.group_by is not None:
            return self.params.group_by
        view = self._view
        if view is not None and not view.generated and view.group_by is not None:
            return view
        return None

    def _group_label(self, grouping, obj):
        if isinstance(grouping, View):
            try:
                key = grouping.group_value(obj)
            except Exception:
                key = None
            key_text = format_field(key, self.limit)
            if grouping.group_header is not None:
                return key_text, grouping.group_header(key)
            name = grouping.group_label or (grouping.group_by if isinstance(
                grouping.group_by, str) else "")
            return key_text, f"   {name}: {key_text}"
        try:
            key = self._evaluate(grouping, obj)
        except Exception:
            key = None
        key_text = format_field(key, self.limit)
        name = grouping.label or (grouping.source if isinstance(grouping.source, str)
                                  else _script_text(grouping.source))
        return key_text, f"   {name}: {key_text}"

    def _group_start(self, key_text, label) -> GroupStartData:
        self._group_open = True
        if key_text is not None:
            self._group_key = key_text
        return GroupStartData(label, t=self.clock())

    def _table_columns(self, obj, view: View) -> list:
        if not view.generated:
            cols = view.columns or [Column(n, n) for n in display_properties(obj)]
            return [_Resolved(c.header, c.source, c.width or 0, c.alignment or "left",
                              c.format_string) for c in cols]
        specs = self.params.properties if self.params else None
        if specs:
            cols = self._expand(specs, obj)
        else:
            declared = acc.default_display_properties(obj)
            if declared:
                cols = [_Resolved(n, n) for n in declared]
            else:
                cols = [_Resolved(n, n) for n in acc.property_names(obj)]
                cols = cols[:MAX_GENERATED_TABLE_COLUMNS]
        cols = self._exclude(cols)
        for c in cols:
            if c.alignment is None:
                c.alignment = self._default_alignment(c, obj)
        return cols

    def _expand(self, specs, obj) -> list:
        """-Property entries -> columns: wildcards resolve against ``obj``'s properties."""
        out = []
        seen = set()
        for s in specs:
            if isinstance(s.source, str) and not s.is_script:
                if s.is_wildcard:
                    for n in acc.property_names(obj):
                        if wildcard_match(s.source, n) and n.lower() not in seen:
                            seen.add(n.lower())
                            out.append(_Resolved(n, n, s.width, s.alignment, s.format_string))
                    continue
                name = s.source
                if s.label is None:
                    # the header shows the property's own spelling when the object has it
                    for n in acc.property_names(obj):
                        if n.lower() == name.lower():
                            name = n
                            break
                out.append(_Resolved(s.label if s.label is not None else name, s.source,
                                     s.width, s.alignment, s.format_string,
                                     header_is_property=s.label is None))
            else:
                label = s.label if s.label is not None else _script_text(s.source)
                out.append(_Resolved(label, s.source, s.width, s.alignment, s.format_string,
                                     is_script=s.is_script, header_is_property=False))
        return out

    def _exclude(self, cols):
        ex = self.params.exclude if self.params else None
        if not ex:
            return cols
        return [c for c in cols if not (isinstance(c.source, str) and any(
            wildcard_match(p, c.label) for p in ex))]

    def _default_alignment(self, col, obj) -> str:
        try:
            val = self._value(col, obj)
        except Exception:
            return "left"
        if val is None or isinstance(val, str):
            return "left"
        return "right" if is_scalar(val) else "left"

    # ------------------------------------------------------------------ entries
    def _payload(self, obj) -> FormatEntryData:
        t = self.clock()
        view = self._view
        shape = self._doc_shape
        if shape == "table":
            values = [self._cell(c, obj, view.generated) for c in self._columns]
            return FormatEntryData("row", values=values, t=t)
        if shape == "list":
            cols = self._list_columns(obj, view)
            return FormatEntryData("list", labels=[c.label for c in cols],
                                   values=[self._cell(c, obj, False) for c in cols], t=t)
        if shape == "wide":
            return FormatEntryData("wide", values=[self._wide_value(obj, view)], t=t)
        if view.generated:
            from .custom import CustomTree
            tree = CustomTree(self.limit, self._value, self._custom_columns,
                              self.params.depth if self.params else 5).build(obj)
            return FormatEntryData("complex", values=tree, t=t)
        text = view.custom(obj) if view.custom else acc.to_string(obj)
        return FormatEntryData("custom", text=text, t=t)

    def _custom_columns(self, obj, top):
        specs = self.params.properties if (self.params and top) else None
        if specs:
            cols = self._expand(specs, obj)
        else:
            cols = [_Resolved(n, n) for n in display_properties(obj)]
        return [(c.label, c) for c in self._exclude(cols)]

    def _list_columns(self, obj, view: View) -> list:
        if not view.generated:
            cols = view.columns or [Column(n, n) for n in display_properties(obj)]
            return [_Resolved(c.header, c.source, format_string=c.format_string) for c in cols]
        specs = self.params.properties if self.params else None
        if specs:
            cols = self._expand(specs, obj)
        else:
            cols = [_Resolved(n, n) for n in display_properties(obj)]
        return self._exclude(cols)

    def _wide_value(self, obj, view: View) -> str:
        specs = self.params.properties if self.params else None
        if specs:
            cols = self._expand(specs[:1], obj)
            if cols:
                return self._cell(cols[0], obj, False)
            return ""
        if not view.generated and view.wide_source is not None:
            return format_field(Column("", view.wide_source).value(obj), self.limit)
        shown = display_name(obj)
        if shown is not None:
            return format_field(shown, self.limit)
        return acc.to_string(obj)

    def _cell(self, col: _Resolved, obj, is_table: bool) -> str:
        try:
            val = self._value(col, obj)
        except Exception:
            return ""  # a failing property or expression leaves the cell empty, as in PowerShell
        return format_field(val, self.limit, is_table and not col.format_string,
                            col.format_string)

    def _value(self, col, obj):
        if col.is_script:
            return self._invoke(col.source, obj)
        if callable(col.source):
            return col.source(obj)
        return acc.get_property(obj, col.source)

    def _evaluate(self, spec: FieldSpec, obj):
        if spec.is_script:
            return self._invoke(spec.source, obj)
        if callable(spec.source):
            return spec.source(obj)
        return acc.get_property(obj, spec.source)

    def _invoke(self, sb, obj):
        if self.context is None:
            raise RuntimeError("no session to run the expression in")
        run = getattr(self.context, "invoke", None) or self.context.invoke_scriptblock
        res = run(sb, dollar_under=obj)
        res = [r for r in (res or []) if r is not AutomationNull]
        if not res:
            return None
        return res[0] if len(res) == 1 else res


class _NoKey:
    pass


_NO_KEY = _NoKey()


def _script_text(sb) -> str:
    if isinstance(sb, str):
        return sb
    for attr in ("text", "Text"):
        t = getattr(sb, attr, None)
        if isinstance(t, str):
            return t
    return acc.to_string(sb)


def _is_error_record(obj) -> bool:
    from spshell.runtime.errors import ErrorRecord
    return isinstance(obj, ErrorRecord)


def _base_display_properties(obj) -> list:
    return display_properties(obj)
