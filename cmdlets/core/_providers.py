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
    s = getattr(ctx, "scope", None)
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
    return [a for a in all_aliases(ctx) if like(a.Name, pattern or "*")]


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
        define_alias(find_alias_scope(ctx, name) or _scope(ctx), name, to_str(value))
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
        scope = _scope(ctx)
        if scope.lookup_function(name.lower()) is None:
            return False
        ctx.define_function_from_value(name, None, scope)
        return True
    if provider == "Alias":
        return remove_alias(ctx, name)
    return False


DRIVE_ROOTS = {"Environment": "Env", "Variable": "Variable", "Function": "Function",
               "Alias": "Alias"}


# ---- aliases: scope-defined (Set-Alias) and module-defined ones
def all_aliases(ctx):
    """AliasInfo objects visible from the caller's scope, nearest definition first."""
    from spshell.runtime.commands import AliasInfo
    seen = {}
    s = _scope(ctx)
    while s is not None:
        for low, entry in (s.aliases or {}).items():
            if low not in seen:
                seen[low] = entry if isinstance(entry, AliasInfo) else AliasInfo(low, entry)
        s = s.parent
    modules = getattr(ctx, "modules", None)
    if modules is not None:
        for a in modules.all_aliases():
            seen.setdefault(a.Name.lower(), a)
    return sorted(seen.values(), key=lambda a: a.Name.lower())


def find_alias_scope(ctx, name):
    low = name.lower()
    s = _scope(ctx)
    while s is not None:
        if s.aliases and low in s.aliases:
            return s
        s = s.parent
    return None


def define_alias(scope, name, definition, description="", options="None", module_name=""):
    from spshell.runtime.commands import AliasInfo
    if scope.aliases is None:
        scope.aliases = {}
    scope.aliases[name.lower()] = AliasInfo(name, definition, module_name, description,
                                            options)
    return scope.aliases[name.lower()]


def remove_alias(ctx, name):
    s = find_alias_scope(ctx, name)
    if s is not None:
        del s.aliases[name.lower()]
        return True
    modules = getattr(ctx, "modules", None)
    return bool(modules is not None and modules.remove_alias(name))
