"""The non-file drives: env:, variable:, function:, alias: (items, content, removal)."""
from __future__ import annotations

import os

from ._util import has_wildcard, like, to_str


def dictionary_entry(key, value):
    from spshell.runtime import types
    t = types.resolve_type("System.Collections.DictionaryEntry")
    return types.new_object(t, [key, value])


# ---- Environment
def env_items(pattern="*"):
    items = sorted(os.environ.items(), key=lambda kv: kv[0].lower())
    return [dictionary_entry(k, v) for k, v in items if like(k, pattern or "*")]


def env_find(name):
    if name in os.environ:
        return name
    low = name.lower()
    return next((k for k in os.environ if k.lower() == low), None)


# ---- Variables
def _scope(ctx):
    s = getattr(ctx, "current_scope", None)
    if callable(s):
        s = s()
    return s if s is not None else ctx.global_scope


def variable_items(ctx, pattern="*"):
    from spshell.runtime.scopes import PSVariable
    seen = {}
    s = _scope(ctx)
    while s is not None:
        for low in s.vars:
            if low not in seen:
                seen[low] = (s, s.display_name(low))
        s = s.parent
    out = []
    for low, (s, display) in sorted(seen.items()):
        if like(display, pattern or "*"):
            meta = s.get_meta(low)
            out.append(PSVariable(display, s.vars[low], meta.description if meta else "",
                                  meta.options if meta else "None", s))
    return out


def variable_remove(ctx, name):
    s = _scope(ctx)
    low = name.lower()
    target = s.find_scope(low)
    if target is None:
        return False
    target.remove(low)
    return True


def variable_set(ctx, name, value):
    s = _scope(ctx)
    low = name.lower()
    target = s.find_scope(low) or s
    target.set_local(low, value, name)


# ---- Functions / aliases
def function_items(ctx, pattern="*"):
    out = []
    for c in _commands(ctx):
        if getattr(c, "CommandType", "") in ("Function", "Filter") and like(c.Name,
                                                                          pattern or "*"):
            out.append(c)
    return sorted(out, key=lambda c: c.Name.lower())


def alias_items(ctx, pattern="*"):
    out = []
    for c in _commands(ctx):
        if getattr(c, "CommandType", "") == "Alias" and like(c.Name, pattern or "*"):
            out.append(c)
    return sorted(out, key=lambda c: c.Name.lower())


def _commands(ctx):
    try:
        return list(ctx.commands())
    except Exception:
        return []


def items(ctx, provider, name):
    """Items of a drive matching a name (wildcards) - [] when none."""
    pattern = name if name else "*"
    if provider == "Environment":
        if not has_wildcard(pattern):
            k = env_find(pattern)
            return [dictionary_entry(k, os.environ[k])] if k else []
        return env_items(pattern)
    if provider == "Variable":
        return variable_items(ctx, pattern)
    if provider == "Function":
        return function_items(ctx, pattern)
    if provider == "Alias":
        return alias_items(ctx, pattern)
    return []


def content(ctx, provider, name):
    """Get-Content env:X / variable:x / function:f -> the value or None when missing."""
    found = items(ctx, provider, name)
    if not found:
        return None, False
    item = found[0]
    if provider == "Environment":
        return item.Value, True
    if provider == "Variable":
        return item.Value, True
    if provider == "Function":
        return item.ScriptBlock, True
    if provider == "Alias":
        return item.Definition, True
    return None, False


def set_content(ctx, provider, name, value):
    if provider == "Environment":
        from spshell.runtime.variables import env_set
        env_set(name, value)
        return True
    if provider == "Variable":
        variable_set(ctx, name, value)
        return True
    if provider == "Function":
        define = getattr(ctx, "define_function_from_value", None)
        if define is not None:
            define(name, value, _scope(ctx))
            return True
    if provider == "Alias":
        setter = getattr(ctx, "set_alias", None)
        if setter is not None:
            setter(name, to_str(value))
            return True
    return False


def remove(ctx, provider, name):
    if provider == "Environment":
        k = env_find(name)
        if k is None:
            return False
        del os.environ[k]
        return True
    if provider == "Variable":
        return variable_remove(ctx, name)
    if provider == "Function":
        remover = getattr(ctx, "remove_function", None)
        return bool(remover(name)) if remover else False
    if provider == "Alias":
        remover = getattr(ctx, "remove_alias", None)
        return bool(remover(name)) if remover else False
    return False


DRIVE_ROOTS = {"Environment": "Env", "Variable": "Variable", "Function": "Function",
               "Alias": "Alias"}
