"""Variable scopes: PowerShell's dynamic scoping with copy-on-write children.

Reads walk outward from the current scope; writes create a variable in the current scope unless a
scope modifier says otherwise (`$global:x`, `$script:x`). Values live in a plain dict keyed by the
lower-cased name (the hot path); rarely used metadata (type constraint, options, validation,
display name) lives in a second dict only for variables that have it.
"""
from __future__ import annotations

from spshell.runtime.errors import (SessionStateUnauthorizedAccessException, ErrorRecord,
                                    PSInvalidCastException)

MISSING = object()


class VariableMeta:
    __slots__ = ("name", "type", "attributes", "options", "description")

    def __init__(self, name, type=None, attributes=(), options="None", description=""):
        self.name = name
        self.type = type  # a PSType (or None) constraining later assignments
        self.attributes = list(attributes)  # validation attribute objects (callables)
        self.options = options  # None | ReadOnly | Constant | Private | AllScope
        self.description = description


class PSVariable:
    """What Get-Variable returns."""

    __ps_type__ = "System.Management.Automation.PSVariable"
    __ps_default_display__ = ("Name", "Value")

    def __init__(self, name, value, description="", options="None", scope=None):
        self.Name = name
        self.Value = value
        self.Description = description
        self.Options = options
        self._scope = scope

    def __repr__(self):
        return f"PSVariable({self.Name!r})"


class Scope:
    __slots__ = ("vars", "meta", "parent", "kind", "functions", "aliases", "script_scope",
                 "names", "__weakref__")

    def __init__(self, parent=None, kind="local"):
        self.vars = {}
        self.meta = None
        self.names = None  # lower -> display name, only for names that differ from lower case
        self.parent = parent
        self.kind = kind
        self.functions = None  # lower name -> FunctionInfo (functions are scoped too)
        self.aliases = None
        if kind in ("script", "global"):
            self.script_scope = self
        else:
            self.script_scope = parent.script_scope if parent is not None else self

    # --- variables
    def lookup(self, lname):
        s = self
        while s is not None:
            v = s.vars.get(lname, MISSING)
            if v is not MISSING:
                return v
            s = s.parent
        return MISSING

    def find_scope(self, lname):
        s = self
        while s is not None:
            if lname in s.vars:
                return s
            s = s.parent
        return None

    def set_local(self, lname, value, display=None):
        meta = self.meta.get(lname) if self.meta else None
        if meta is not None:
            value = _check_meta(meta, value)
        elif display is not None and display != lname:
            if self.names is None:
                self.names = {}
            self.names.setdefault(lname, display)
        self.vars[lname] = value

    def get_meta(self, lname):
        return self.meta.get(lname) if self.meta else None

    def set_meta(self, lname, meta):
        if self.meta is None:
            self.meta = {}
        self.meta[lname] = meta

    def display_name(self, lname):
        if self.meta and lname in self.meta:
            return self.meta[lname].name
        if self.names and lname in self.names:
            return self.names[lname]
        return lname

    def remove(self, lname):
        self.vars.pop(lname, None)
        if self.meta:
            self.meta.pop(lname, None)

    # --- functions
    def lookup_function(self, lname):
        s = self
        while s is not None:
            if s.functions and lname in s.functions:
                return s.functions[lname]
            s = s.parent
        return None

    def set_function(self, lname, info):
        if self.functions is None:
            self.functions = {}
        self.functions[lname] = info

    def lookup_alias(self, lname):
        s = self
        while s is not None:
            if s.aliases and lname in s.aliases:
                return s.aliases[lname]
            s = s.parent
        return None


def _check_meta(meta, value):
    if meta.options in ("ReadOnly", "Constant"):
        exc = SessionStateUnauthorizedAccessException(
            f"Cannot overwrite variable {meta.name} because it is read-only or constant.")
        ErrorRecord(exc, "VariableNotWritable", "WriteError", meta.name)
        raise exc
    if meta.type is not None:
        from spshell.runtime.conversion import convert_to
        try:
            value = convert_to(value, meta.type)
        except PSInvalidCastException:
            raise
    for check in meta.attributes:
        check(value)
    return value
