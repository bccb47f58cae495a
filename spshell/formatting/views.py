"""Format views: how a type asks to be shown (PowerShell's *.format.ps1xml, as Python data).

Contract for domain classes (SPFarm, SPServer, SPWebApplication, health rules, mail results...):
declare class attributes; nothing needs registering.

``__ps_view__ = "table" | "list" | "wide" | "custom"``
    The shape Out-Default uses for objects of this class (and subclasses).

``__ps_table_columns__ = [(header, source, width, alignment), ...]``
    Columns of the table view. ``source`` is a property name (looked up case-insensitively) or a
    callable ``f(obj) -> value``. ``width`` is a fixed column width in cells or ``None`` (the
    column is sized from the data: the widest of the header and the values of the objects of the
    first 300 ms). ``alignment`` is ``"left"``, ``"right"``, ``"center"`` or ``None`` (left, as
    PowerShell does for declared views). Tuples may stop after ``source``. Without this attribute
    a table view shows the default display property set (``__ps_default_display__``) or, failing
    that, every property.

``__ps_list_properties__ = [name_or_(label, source), ...]``
    Entries of the list view (defaults as for tables).

``__ps_wide_property__ = name_or_callable``
    The value shown by the wide view (default: the object's Name-like property).

``__ps_custom_format__ = callable(obj) -> str``
    The text of the custom view (one or more lines).

``__ps_group_by__ = source`` (optional, with ``__ps_group_label__ = "Label"`` or
``__ps_group_header__ = callable(value) -> str``)
    Consecutive objects with the same value form a group under a header line, by default
    ``   Label: value`` (like ``Format-Table -GroupBy``); ``Get-ChildItem``'s
    ``    Directory: /path`` is a ``__ps_group_header__``.

Modules that cannot add attributes to a type (a Python built-in, a type they do not own) call
``register_view(type_full_name, View(...))``. A view applies to its own type and to objects whose
type-name chain contains it; when Out-Default meets an object another view does not apply to, it
shows that object out of band (as a list), exactly as PowerShell does.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from . import _access as acc

LEFT, RIGHT, CENTER = "left", "right", "center"


class Column:
    """A table column / list entry of a view: ``source`` is a property name or a callable
    ``f(obj) -> value``; ``width`` 0 = sized from the data; ``alignment`` None = left."""

    __slots__ = ("header", "source", "width", "alignment", "format_string")

    def __init__(self, header: str, source: Any, width: int = 0,
                 alignment: Optional[str] = None, format_string: Optional[str] = None):
        self.header = header
        self.source = source
        self.width = width
        self.alignment = alignment
        self.format_string = format_string

    def value(self, obj, context=None):
        return evaluate_source(self.source, obj, context)


class View:
    """A view: ``kind`` "table" | "list" | "wide" | "custom"; ``columns`` (Column list) for
    tables and lists; ``wide_source`` for wide; ``custom(obj) -> str`` for custom."""

    def __init__(self, kind: str, columns: Optional[list] = None, wide_source: Any = None,
                 custom: Optional[Callable[[Any], str]] = None, type_name: str = "",
                 hide_header: bool = False, generated: bool = False, group_by: Any = None,
                 group_label: Optional[str] = None,
                 group_header: Optional[Callable[[Any], str]] = None):
        self.kind = kind
        self.columns = list(columns) if columns else []
        self.wide_source = wide_source
        self.custom = custom
        self.type_name = type_name  # the type the view is registered for
        self.hide_header = hide_header
        self.generated = generated  # built from an object's properties (no registered view)
        # grouping: a new group (and header) whenever the value of group_by changes
        self.group_by = group_by  # property name or callable(obj) -> value
        self.group_label = group_label  # header "   {label}: {value}"
        self.group_header = group_header  # or callable(value) -> header text

    def group_value(self, obj):
        return evaluate_source(self.group_by, obj)


def evaluate_source(source, obj, context=None):
    if callable(source):
        return source(obj)
    return acc.get_property(obj, source)


_REGISTRY: dict[str, View] = {}
_CLASS_VIEWS: dict[type, Optional[View]] = {}


def register_view(type_full_name: str, view: View) -> None:
    """Register (or replace) the default view of a .NET-named type."""
    view.type_name = view.type_name or type_full_name
    _REGISTRY[type_full_name.lower()] = view


def _normalise_column(spec) -> Column:
    if isinstance(spec, Column):
        return spec
    if isinstance(spec, str):
        return Column(spec, spec)
    spec = tuple(spec)
    header = spec[0]
    source = spec[1] if len(spec) > 1 else header
    width = spec[2] if len(spec) > 2 and spec[2] else 0
    align = spec[3] if len(spec) > 3 else None
    return Column(str(header), source, int(width), align)


def _class_view(cls) -> Optional[View]:
    """The view declared by class attributes along the MRO (cached per declaring class)."""
    owner = None
    for c in cls.__mro__:
        if "__ps_view__" in c.__dict__ or "__ps_table_columns__" in c.__dict__:
            owner = c
            break
    if owner is None:
        return None
    if owner in _CLASS_VIEWS:
        return _CLASS_VIEWS[owner]
    kind = owner.__dict__.get("__ps_view__") or ("table" if "__ps_table_columns__"
                                                  in owner.__dict__ else None)
    view = None
    if kind:
        kind = str(kind).lower()
        type_name = owner.__dict__.get("__ps_type__") or owner.__name__
        view = View(kind=kind, type_name=type_name,
                    group_by=getattr(owner, "__ps_group_by__", None),
                    group_label=getattr(owner, "__ps_group_label__", None),
                    group_header=getattr(owner, "__ps_group_header__", None))
        if kind == "table":
            cols = getattr(owner, "__ps_table_columns__", None)
            view.columns = [_normalise_column(c) for c in cols] if cols else []
        elif kind == "list":
            props = getattr(owner, "__ps_list_properties__", None)
            view.columns = [_normalise_column(c) for c in props] if props else []
        elif kind == "wide":
            view.wide_source = getattr(owner, "__ps_wide_property__", None)
        elif kind == "custom":
            fmt = getattr(owner, "__ps_custom_format__", None)
            view.custom = fmt if fmt is not None else acc.to_string
    _CLASS_VIEWS[owner] = view
    return view


def find_view(obj, names=None) -> Optional[View]:
    """The registered view for ``obj`` (its class attributes first, then the registry along its
    type-name chain), or None."""
    view = _class_view(type(obj))
    if view is not None:
        return view
    if _REGISTRY:
        for n in names if names is not None else acc.type_names(obj):
            v = _REGISTRY.get(n.lower())
            if v is not None:
                return v
    return None


def view_applies(view: View, obj, names=None) -> bool:
    """IsObjectApplicable: generated views take anything; declared ones their own types."""
    if view.generated:
        return True
    found = find_view(obj, names)
    if found is view:
        return True
    names = names if names is not None else acc.type_names(obj)
    low = view.type_name.lower()
    return any(n.lower() == low for n in names)


def fill_default_columns(view: View, obj) -> list:
    """Columns for a declared table/list view that names none: the display property set."""
    if view.columns:
        return view.columns
    return [Column(n, n) for n in display_properties(obj)]


def display_properties(obj) -> list[str]:
    props = acc.default_display_properties(obj)
    if props:
        return props
    return acc.property_names(obj)


# ------------------------------------------------------------------------------ built-in views
def _builtin_views():
    # DotNetTypes.format.ps1xml: DictionaryEntry table (Name width 30, Value)
    register_view("System.Collections.DictionaryEntry", View(
        kind="table", columns=[Column("Name", lambda o: acc.get_property(o, "Key"), 30),
                               Column("Value", "Value")]))
    # DateTime: a custom control showing the DateTime script property
    register_view("System.DateTime", View(kind="custom", custom=acc.datetime_display))
    # TimeSpan: the first view is the list
    register_view("System.TimeSpan", View(kind="list", columns=[
        Column(n, _timespan_part(n)) for n in (
            "Days", "Hours", "Minutes", "Seconds", "Milliseconds", "Ticks", "TotalDays",
            "TotalHours", "TotalMinutes", "TotalSeconds", "TotalMilliseconds")]))
    register_view("System.Guid", View(kind="table", columns=[Column("Guid", acc.to_string)]))
    register_view("System.Version", View(kind="table", columns=[
        Column("Major", "Major", 6), Column("Minor", "Minor", 6), Column("Build", "Build", 6),
        Column("Revision", "Revision", 8)]))


def _timespan_part(name):
    def get(td):
        ticks = (td.days * 86400 + td.seconds) * 10_000_000 + td.microseconds * 10
        sign = -1 if ticks < 0 else 1
        a = abs(ticks)
        if name == "Days":
            return sign * (a // 864_000_000_000)
        if name == "Hours":
            return sign * (a // 36_000_000_000 % 24)
        if name == "Minutes":
            return sign * (a // 600_000_000 % 60)
        if name == "Seconds":
            return sign * (a // 10_000_000 % 60)
        if name == "Milliseconds":
            return sign * (a // 10_000 % 1000)
        if name == "Ticks":
            from spshell.runtime.numbers import Int64
            return Int64(ticks)
        unit = {"TotalDays": 864_000_000_000, "TotalHours": 36_000_000_000,
                "TotalMinutes": 600_000_000, "TotalSeconds": 10_000_000,
                "TotalMilliseconds": 10_000}[name]
        return ticks / unit
    return get


_builtin_views()
