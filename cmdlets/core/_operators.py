"""The comparison operators of Where-Object's simplified syntax (`Where-Object Name -like 'a*'`).

PowerShell evaluates these with the same rules as the script operators: a collection on the left
filters (the result is true when any element satisfies it), the right operand is converted to the
left operand's type, and the plain forms are case-insensitive.
"""
from __future__ import annotations

import re

from ._util import (as_list, compare_values, enumerate_value, like, to_str, type_names,
                    values_equal)


def _is_collection(v):
    return isinstance(v, list) or (v is not None and not isinstance(v, str)
                                   and enumerate_value(v) is not None)


def _relational(op, a, b, cs):
    if a is None and b is None:
        return op in ("ge", "le")
    if a is None or b is None:
        # $null is smaller than everything
        c = -1 if a is None else 1
    else:
        c = compare_values(a, b, cs)
    return {"gt": c > 0, "lt": c < 0, "ge": c >= 0, "le": c <= 0}[op]


def _scalar(op, a, b, cs):
    if op == "eq":
        return values_equal(a, b, cs)
    if op == "ne":
        return not values_equal(a, b, cs)
    if op in ("gt", "lt", "ge", "le"):
        return _relational(op, a, b, cs)
    if op == "like":
        return like(to_str(a), to_str(b), cs)
    if op == "notlike":
        return not like(to_str(a), to_str(b), cs)
    if op == "match":
        return re.search(to_str(b), to_str(a), 0 if cs else re.IGNORECASE) is not None
    if op == "notmatch":
        return re.search(to_str(b), to_str(a), 0 if cs else re.IGNORECASE) is None
    raise ValueError(op)


def evaluate(op: str, lhs, rhs, case_sensitive=False) -> bool:
    """op: eq ne gt lt ge le like notlike match notmatch contains notcontains in notin is isnot."""
    cs = case_sensitive
    if op in ("contains", "notcontains"):
        found = any(values_equal(x, rhs, cs) for x in as_list(lhs)) if lhs is not None else \
            False
        return found if op == "contains" else not found
    if op in ("in", "notin"):
        found = any(values_equal(x, lhs, cs) for x in as_list(rhs)) if rhs is not None else \
            False
        return found if op == "in" else not found
    if op in ("is", "isnot"):
        res = _is_type(lhs, rhs)
        return res if op == "is" else not res
    if _is_collection(lhs):
        items = as_list(lhs)
        if op in ("ne", "notlike", "notmatch"):
            # filtering semantics: keep the element when it differs; true when any remains
            return any(_scalar(op, x, rhs, cs) for x in items)
        return any(_scalar(op, x, rhs, cs) for x in items)
    if op == "match" or op == "notmatch":
        if lhs is None:
            lhs = ""
    return _scalar(op, lhs, rhs, cs)


def _is_type(value, type_spec):
    if value is None:
        return False
    if isinstance(type_spec, str):
        name = type_spec.strip("[]").lower()
        names = [n.lower() for n in type_names(value)]
        if name in names or ("system." + name) in names:
            return True
        try:
            from spshell.runtime import types
            t = types.resolve_type(type_spec)
        except Exception:
            return False
        type_spec = t
    try:
        from spshell.runtime import types
        full = getattr(type_spec, "FullName", None) or types.type_name_of(type_spec)
        return full.lower() in [n.lower() for n in type_names(value)]
    except Exception:
        try:
            return isinstance(value, type_spec)
        except TypeError:
            return False

