"""Validation attributes ([ValidateSet] and friends) for cmdlet and script parameters, with
PowerShell's messages (Metadata.resx)."""
from __future__ import annotations

import re

from spshell.runtime import errors as E
from spshell.runtime.objects import AutomationNull


def _fail(p, meta, reason, error_id="ParameterArgumentValidationError"):
    exc = E.ParameterBindingValidationException(
        f"Cannot validate argument on parameter '{p.name}'. {reason}")
    rec = E.ErrorRecord(exc, error_id, "InvalidData", p.name)
    rec.command_name_for_id = meta.name if meta is not None else None
    raise exc


def _s(v):
    from spshell.runtime.conversion import to_string
    return to_string(v)


def _items(value):
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def validate_parameter(p, value, meta):
    """Run the declarative checks of a cmdlet Parameter and any script validators."""
    if value is None or value is AutomationNull:
        if p.not_null or p.not_null_or_empty:
            _fail(p, meta, "The argument is null. Provide a valid value for the argument, and "
                           "then try running the command again." if p.not_null else
                  "The argument is null or empty. Provide an argument that is not null or empty, "
                  "and then try the command again.")
        if _is_mandatory(p) and not p.allow_null and not p.is_switch:
            exc = E.ParameterBindingValidationException(
                f"Cannot bind argument to parameter '{p.name}' because it is null.")
            rec = E.ErrorRecord(exc, "ParameterArgumentValidationErrorNullNotAllowed",
                                "InvalidData", p.name)
            rec.command_name_for_id = meta.name if meta is not None else None
            raise exc
        for v in getattr(p, "validators", ()):
            if getattr(v, "checks_null", False):
                v(p, value, meta)
        return
    if value == "" and _is_mandatory(p) and not p.allow_empty and _is_string_param(p):
        exc = E.ParameterBindingValidationException(
            f"Cannot bind argument to parameter '{p.name}' because it is an empty string.")
        rec = E.ErrorRecord(exc, "ParameterArgumentValidationErrorEmptyStringNotAllowed",
                            "InvalidData", p.name)
        rec.command_name_for_id = meta.name if meta is not None else None
        raise exc
    if p.not_null_or_empty:
        if value == "" or (isinstance(value, (list, tuple)) and len(value) == 0):
            _fail(p, meta, "The argument is null or empty. Provide an argument that is not null "
                           "or empty, and then try the command again.")
    if p.validate_set:
        allowed = p.validate_set
        for item in _items(value):
            text = _s(item)
            ok = any((a.lower() == text.lower()) if p.ignore_case else (a == text)
                     for a in allowed)
            if not ok:
                _fail(p, meta, f'The argument "{text}" does not belong to the set '
                               f'"{",".join(allowed)}" specified by the ValidateSet attribute. '
                               "Supply an argument that is in the set and then try the command "
                               "again.")
    if p.validate_range:
        lo, hi = p.validate_range
        for item in _items(value):
            check_range(p, meta, item, lo, hi)
    if p.validate_pattern:
        for item in _items(value):
            text = _s(item)
            if not re.search(p.validate_pattern, text, re.IGNORECASE):
                _fail(p, meta, f'The argument "{text}" does not match the "{p.validate_pattern}" '
                               f'pattern. Supply an argument that matches "{p.validate_pattern}" '
                               "and try the command again.")
    if p.validate_length:
        lo, hi = p.validate_length
        for item in _items(value):
            check_length(p, meta, item, lo, hi)
    if p.validate_count:
        lo, hi = p.validate_count
        check_count(p, meta, value, lo, hi)
    if p.validate_script:
        for item in _items(value):
            if not p.validate_script(item):
                _fail(p, meta, f'The "{getattr(p.validate_script, "__doc__", "") or "script"}" '
                               f'validation script for the argument with value "{_s(item)}" did '
                               "not return a result of True. Determine why the validation script "
                               "failed, and then try the command again.")
    for v in getattr(p, "validators", ()):
        v(p, value, meta)


def _is_mandatory(p):
    if p.mandatory:
        return True
    return bool(p.sets) and any(e.get("mandatory") for e in p.sets.values())


def _is_string_param(p):
    return p.type is str or (isinstance(p.type, str) and p.type.lower() in ("string",
                                                                            "system.string"))


def check_range(p, meta, item, lo, hi):
    from spshell.runtime.operators import compare_values
    if compare_values(item, lo) < 0:
        _fail(p, meta, f"The {_s(item)} argument is less than the minimum allowed range of "
                       f"{_s(lo)}. Supply an argument that is greater than or equal to {_s(lo)} "
                       "and then try the command again.")
    if compare_values(item, hi) > 0:
        _fail(p, meta, f"The {_s(item)} argument is greater than the maximum allowed range of "
                       f"{_s(hi)}. Supply an argument that is less than or equal to {_s(hi)} and "
                       "then try the command again.")


def check_length(p, meta, item, lo, hi):
    text = _s(item)
    if len(text) > hi:
        _fail(p, meta, f"The character length of the {len(text)} argument is too long. Shorten "
                       "the character length of the argument so it is fewer than or equal to "
                       f'"{hi}" characters, and then try the command again.')
    if len(text) < lo:
        _fail(p, meta, f"The character length ({len(text)}) of the argument is too short. Specify "
                       f'an argument with a length that is greater than or equal to "{lo}", and '
                       "then try the command again.")


def check_count(p, meta, value, lo, hi):
    n = len(value) if isinstance(value, (list, tuple)) else 1
    if n < lo:
        _fail(p, meta, f"The parameter requires at least {lo} value(s) and only {n} value(s) "
                       "were supplied.")
    if n > hi:
        _fail(p, meta, f"The parameter requires at most {hi} value(s) but {n} value(s) were "
                       "supplied.")


def from_attribute(name, args, named, ctx):
    """A validator callable for a script parameter attribute, or None for attributes that do not
    validate (HelpMessage-only ones, SupportsWildcards, AllowNull...)."""
    if name == "validateset":
        allowed = [_s(a) for a in _flat(args)]
        ignore = named.get("ignorecase", True)

        def vset(p, value, meta):
            for item in _items(value):
                text = _s(item)
                if not any((a.lower() == text.lower()) if ignore else a == text
                           for a in allowed):
                    _fail(p, meta, f'The argument "{text}" does not belong to the set '
                                   f'"{",".join(allowed)}" specified by the ValidateSet '
                                   "attribute. Supply an argument that is in the set and then try "
                                   "the command again.")
        vset.allowed = allowed
        return vset
    if name == "validatenotnull":
        def vnn(p, value, meta):
            if value is None or value is AutomationNull:
                _fail(p, meta, "The argument is null. Provide a valid value for the argument, "
                               "and then try running the command again.")
        vnn.checks_null = True
        return vnn
    if name == "validatenotnullorempty":
        def vnne(p, value, meta):
            if value is None or value is AutomationNull or value == "" or \
                    (isinstance(value, (list, tuple)) and not value):
                _fail(p, meta, "The argument is null or empty. Provide an argument that is not "
                               "null or empty, and then try the command again.")
        vnne.checks_null = True
        return vnne
    if name == "validaterange":
        if len(args) >= 2:
            lo, hi = args[0], args[1]
        else:
            kind = _s(args[0]).lower() if args else "positive"
            lo, hi = {"positive": (1, 2**63), "nonnegative": (0, 2**63),
                      "negative": (-2**63, -1), "nonpositive": (-2**63, 0)}.get(kind, (None, None))

        def vrange(p, value, meta):
            for item in _items(value):
                check_range(p, meta, item, lo, hi)
        return vrange
    if name == "validatepattern":
        pattern = _s(args[0])

        def vpat(p, value, meta):
            for item in _items(value):
                text = _s(item)
                if not re.search(pattern, text, re.IGNORECASE):
                    _fail(p, meta, f'The argument "{text}" does not match the "{pattern}" '
                                   f'pattern. Supply an argument that matches "{pattern}" and '
                                   "try the command again.")
        return vpat
    if name == "validatelength":
        lo, hi = int(args[0]), int(args[1])

        def vlen(p, value, meta):
            for item in _items(value):
                check_length(p, meta, item, lo, hi)
        return vlen
    if name == "validatecount":
        lo, hi = int(args[0]), int(args[1])
        return lambda p, value, meta: check_count(p, meta, value, lo, hi)
    if name == "validatescript":
        block = args[0]

        def vscript(p, value, meta):
            from spshell.runtime.conversion import to_bool
            for item in _items(value):
                out = ctx.invoke_scriptblock(block, dollar_under=item)
                if not to_bool(out[0] if len(out) == 1 else out):
                    _fail(p, meta, f'The "{block.text.strip()}" validation script for the '
                                   f'argument with value "{_s(item)}" did not return a result of '
                                   "True. Determine why the validation script failed, and then "
                                   "try the command again.")
        return vscript
    return None


def _flat(values):
    out = []
    for v in values:
        if isinstance(v, list):
            out.extend(v)
        else:
            out.append(v)
    return out
