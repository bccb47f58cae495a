"""The engine's single doorway to value semantics (conversion.py, types.py, operators.py), so the
compiler imports one module and hot paths bind these names once."""
from __future__ import annotations

from spshell.runtime import conversion as _conv
from spshell.runtime import errors as E
from spshell.runtime.objects import AutomationNull, PSCustomObject

enumerate_object = _conv.enumerate_object
to_bool = _conv.to_bool
to_string = _conv.to_string
convert_to = _conv.convert_to


def to_string_ofs(value, frame):
    """String conversion inside an expandable string: arrays are joined with $OFS."""
    if value.__class__ is str:
        return value
    if value is None or value is AutomationNull:
        return ""
    ofs = frame.scope.lookup("ofs")
    if ofs is None or ofs is AutomationNull or ofs.__class__ is object:
        return to_string(value)
    from spshell.runtime.scopes import MISSING
    if ofs is MISSING:
        return to_string(value)
    return to_string(value, ofs=to_string(ofs))


def resolve_type_or_throw(type_name, extent=None):
    from spshell.runtime import types
    t = types.resolve_type(type_name)
    if t is None:
        text = type_name.full_text() if hasattr(type_name, "full_text") else str(type_name)
        exc = E.RuntimeException(f"Unable to find type [{text}].")
        E.ErrorRecord(exc, "TypeNotFound", "InvalidOperation", text)
        raise exc
    return t


def custom_object_from_hashtable(h):
    return PSCustomObject(h)
