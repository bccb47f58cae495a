"""Helpers shared by the core cmdlets: value access through the engine's type system, PowerShell's
wildcard patterns, comparison rules, and calculated-property parsing.

The engine modules are imported lazily so that importing one cmdlet stays cheap and so that the
pure pieces (wildcards, comparison of plain values) are usable before a session exists.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import functools
import re
import uuid

from spshell.runtime.objects import AutomationNull, Hashtable, PSCustomObject

SCRIPTBLOCK_TYPE = "System.Management.Automation.ScriptBlock"


# ------------------------------------------------------------------------------ engine access
_engine = {}


def _types():
    m = _engine.get("types")
    if m is None:
        from spshell.runtime import types as m
        _engine["types"] = m
    return m


def _conv():
    m = _engine.get("conversion")
    if m is None:
        from spshell.runtime import conversion as m
        _engine["conversion"] = m
    return m


def session(ctx):
    """The session behind a cmdlet's context view (state that must outlive one command is
    kept there, not on the per-command view)."""
    return getattr(ctx, "_ctx", ctx)


def type_name(obj) -> str:
    return _types().type_name_of(obj)


def type_names(obj) -> list:
    return list(_types().type_names_of(obj))


def get_prop(obj, name):
    """$obj.Name with PowerShell's leniency: a missing property is $null (strict mode aside)."""
    if obj is None:
        return None
    if isinstance(obj, PSCustomObject) and obj.has(name):
        return obj.get(name)
    if isinstance(obj, Hashtable) and name in obj:
        return obj[name]
    try:
        return _types().get_property(obj, name)
    except Exception:  # PropertyNotFound and friends: PowerShell yields $null here
        return None


def has_prop(obj, name) -> bool:
    if obj is None:
        return False
    if isinstance(obj, PSCustomObject) and obj.has(name):
        return True
    low = name.lower()
    return any(n.lower() == low for n in prop_names(obj))


def prop_names(obj) -> list:
    if obj is None:
        return []
    return list(_types().property_names(obj))


def to_str(obj) -> str:
    if obj is None:
        return ""
    if isinstance(obj, str):
        return obj
    return _conv().to_string(obj)


def to_bool(obj) -> bool:
    return _conv().to_bool(obj)


def convert(value, type_):
    return _conv().convert_to(value, type_)


def enumerate_value(value):
    """Items of a pipeline-enumerable value, else None."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if value is None or isinstance(value, (str, Hashtable, PSCustomObject)):
        return None
    return _conv().enumerate_object(value)


def as_list(value) -> list:
    """Parameters typed object[] may still arrive as one object: normalise to a list."""
    if value is None or value is AutomationNull:
        return []
    items = enumerate_value(value)
    return list(items) if items is not None else [value]


def is_scriptblock(obj) -> bool:
    if obj is None or isinstance(obj, (str, int, float, Hashtable, PSCustomObject, list)):
        return False
    try:
        return SCRIPTBLOCK_TYPE in type_names(obj)
    except Exception:
        return type(obj).__name__ == "ScriptBlock"


def is_dictionary(obj) -> bool:
    return isinstance(obj, (Hashtable, dict))






# ------------------------------------------------------------------------------ wildcards
_WILDCARD_CHARS = set("*?[")


def has_wildcard(s) -> bool:
    if not isinstance(s, str):
        return False
    escaped = False
    for c in s:
        if escaped:
            escaped = False
            continue
        if c == "`":
            escaped = True
        elif c in _WILDCARD_CHARS:
            return True
    return False


@functools.lru_cache(maxsize=512)
def wildcard_regex(pattern: str, case_sensitive: bool = False):
    """System.Management.Automation.WildcardPattern: * ? [abc] [a-z], backtick escapes."""
    out = ["^"]
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "`" and i + 1 < n:
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
                from spshell.runtime.errors import WildcardPatternException
                raise WildcardPatternException(
                    f"The specified wildcard character pattern is not valid: {pattern}")
            body = pattern[i + 1:j]
            cls = []
            for ch in body:
                cls.append("\\" + ch if ch in "\\^]" else ch)
            out.append("[" + "".join(cls) + "]")
            i = j
        else:
            out.append(re.escape(c))
        i += 1
    out.append("$")
    flags = re.DOTALL | (0 if case_sensitive else re.IGNORECASE)
    return re.compile("".join(out), flags)


def like(text, pattern, case_sensitive=False) -> bool:
    return wildcard_regex(str(pattern), case_sensitive).match(to_str(text)) is not None


def matches_any(name, patterns, case_sensitive=False) -> bool:
    return any(like(name, p, case_sensitive) for p in patterns)


def unescape_wildcard(s: str) -> str:
    return re.sub(r"`(.)", r"\1", s)


# ------------------------------------------------------------------------------ comparison
def _is_number(v):
    return isinstance(v, (int, float, decimal.Decimal)) and not isinstance(v, bool)


def _num(v):
    return float(v) if isinstance(v, decimal.Decimal) else v


def _try_number(s):
    try:
        return _conv().convert_to(s, "double")
    except Exception:
        try:
            return float(s)
        except (TypeError, ValueError):
            return None


def compare_values(a, b, case_sensitive=False) -> int:
    """Sort-Object's ObjectCommandComparer: $null sorts first; same-kind values compare natively;
    otherwise the right operand is converted to the left one's type, falling back to strings."""
    if a is None or a is AutomationNull:
        return 0 if (b is None or b is AutomationNull) else -1
    if b is None or b is AutomationNull:
        return 1
    if isinstance(a, bool) or isinstance(b, bool):
        if isinstance(a, bool) and isinstance(b, bool):
            return (a > b) - (a < b)
    if _is_number(a) and _is_number(b):
        x, y = a, b
        if isinstance(a, decimal.Decimal) != isinstance(b, decimal.Decimal):
            x, y = _num(a), _num(b)
        return (x > y) - (x < y)
    if isinstance(a, str) and isinstance(b, str):
        return compare_strings(a, b, case_sensitive)
    if _is_number(a) and isinstance(b, str):
        nb = _try_number(b)
        if nb is not None:
            return (_num(a) > nb) - (_num(a) < nb)
    if isinstance(a, str) and _is_number(b):
        return compare_strings(a, to_str(b), case_sensitive)
    if isinstance(a, _dt.datetime) and isinstance(b, _dt.datetime):
        a2, b2 = _naive(a), _naive(b)
        return (a2 > b2) - (a2 < b2)
    if isinstance(a, _dt.timedelta) and isinstance(b, _dt.timedelta):
        return (a > b) - (a < b)
    if isinstance(a, uuid.UUID) and isinstance(b, uuid.UUID):
        return (str(a) > str(b)) - (str(a) < str(b))
    if type(a) is type(b):
        try:
            return (a > b) - (a < b)
        except TypeError:
            pass
    try:
        converted = _conv().convert_to(b, type(a)) if not isinstance(a, (PSCustomObject,
                                                                         Hashtable)) else None
        if converted is not None and type(converted) is type(a):
            return compare_values(a, converted, case_sensitive)
    except Exception:
        pass
    return compare_strings(to_str(a), to_str(b), case_sensitive)


def _naive(d):
    return d.replace(tzinfo=None) if d.tzinfo is not None else d


def _culture_key(s: str):
    # Culture-aware ordering (en-US) puts letters case-insensitively first and, on ties, lower case
    # before upper case; punctuation before digits before letters roughly as ICU does.
    return s.casefold()


def compare_strings(a: str, b: str, case_sensitive=False) -> int:
    ka, kb = _culture_key(a), _culture_key(b)
    if ka != kb:
        return (ka > kb) - (ka < kb)
    if not case_sensitive or a == b:
        return 0
    # en-US culture: lower case sorts before upper case for otherwise equal strings
    for ca, cb in zip(a, b):
        if ca != cb:
            return -1 if ca.islower() else 1
    return (len(a) > len(b)) - (len(a) < len(b))


def values_equal(a, b, case_sensitive=False) -> bool:
    """-eq as Group-Object/Compare-Object/Get-Unique use it (left operand's type wins)."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) and isinstance(b, str):
        return a == b if case_sensitive else a.casefold() == b.casefold()
    if _is_number(a) and _is_number(b):
        return _num(a) == _num(b)
    if isinstance(a, str):
        return values_equal(a, to_str(b), case_sensitive)
    if _is_number(a) and isinstance(b, str):
        nb = _try_number(b)
        return nb is not None and _num(a) == nb
    if type(a) is type(b):
        try:
            return bool(a == b)
        except Exception:
            return a is b
    try:
        return bool(a == convert(b, type(a)))
    except Exception:
        return False


# ------------------------------------------------------------------------------ calculated props
def hashtable_keys(h):
    return [k for k in h]


def parse_calculated(h, allowed, kind="Select-Object"):
    """Validate a calculated-property hashtable: each key must abbreviate one allowed key."""
    from spshell.runtime.errors import ps_error, NotSupportedException
    result = {}
    for key in hashtable_keys(h):
        k = str(key)
        matches = [a for a in allowed if a.lower().startswith(k.lower())]
        if k.lower() in (a.lower() for a in allowed):
            matches = [a for a in allowed if a.lower() == k.lower()]
        # Name/Label are synonyms: N and L abbreviate them
        if not matches:
            raise ps_error(NotSupportedException,
                           f'The "{k}" key is not valid.',
                           "DictionaryKeyUnknownKey", "InvalidArgument")
        if len(matches) > 1:
            raise ps_error(NotSupportedException,
                           f'The "{k}" key is ambiguous; possible matches: '
                           + ", ".join(matches) + ".", "DictionaryKeyAmbiguous",
                           "InvalidArgument")
        canon = matches[0]
        if canon in ("Label",):
            canon = "Name"
        if canon in result:
            raise ps_error(NotSupportedException,
                           f'The "{canon}" key has already been specified.',
                           "DictionaryKeyDuplicate", "InvalidArgument")
        result[canon] = h[key]
    return result


class PropertySpec:
    """One -Property entry: a name (maybe wildcard), a script block, or a calculated hashtable."""

    def __init__(self, name=None, expression=None, is_script=False, wildcard=False,
                 ascending=None, descending=None):
        self.name = name
        self.expression = expression
        self.is_script = is_script
        self.wildcard = wildcard
        self.ascending = ascending
        self.descending = descending

    @property
    def label(self):
        if self.name is not None:
            return self.name
        return str(self.expression)

    def evaluate(self, context, obj):
        if self.is_script:
            res = context.invoke(self.expression, dollar_under=obj)
            res = [r for r in res if r is not AutomationNull]
            if not res:
                return None
            return res[0] if len(res) == 1 else res
        if isinstance(self.expression, str):
            return get_prop(obj, self.expression)
        return get_prop(obj, self.name)


def property_specs(values, context=None, allowed=("Name", "Label", "Expression"),
                   kind="Select-Object"):
    """Turn -Property arguments into PropertySpecs."""
    specs = []
    for v in as_list(values):
        if v is None:
            continue
        if is_scriptblock(v):
            specs.append(PropertySpec(None, v, is_script=True))
        elif is_dictionary(v):
            calc = parse_calculated(v, allowed, kind)
            expr = calc.get("Expression")
            name = calc.get("Name")
            spec = PropertySpec(None if name is None else to_str(name), expr,
                                is_script=is_scriptblock(expr))
            if expr is not None and not spec.is_script:
                spec.expression = to_str(expr)
                if spec.name is None:
                    spec.name = spec.expression
            if "Ascending" in calc:
                spec.ascending = to_bool(calc["Ascending"])
            if "Descending" in calc:
                spec.descending = to_bool(calc["Descending"])
            specs.append(spec)
        else:
            s = to_str(v)
            specs.append(PropertySpec(s, s, wildcard=has_wildcard(s)))
    return specs


def cmdlet_specs(cmdlet, values, allowed=("Name", "Label", "Expression"), kind="Select-Object"):
    """property_specs for a cmdlet: a bad calculated property is that command's terminating
    error (with its invocation info), as in PowerShell."""
    from spshell.runtime.errors import DotNetException
    try:
        return property_specs(values, cmdlet.context, allowed, kind) if values else []
    except DotNetException as e:
        cmdlet.throw_terminating_error(e)
        return []


def expand_spec_names(spec, obj):
    """Names a wildcard spec matches on obj, in the object's property order."""
    if not spec.wildcard:
        return [spec.name]
    return [n for n in prop_names(obj) if like(n, spec.name)]




def new_custom_object(pairs, type_names=None):
    obj = PSCustomObject(type_names=type_names)
    for k, v in pairs:
        obj.add(k, v)
    return obj


