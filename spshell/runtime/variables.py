"""Reading and writing variables, including scope modifiers and the env:/function:/variable:
drives."""
from __future__ import annotations

import os

from spshell.runtime.objects import AutomationNull, PSReference
from spshell.runtime.scopes import MISSING

_CONSTANTS = {"true": True, "false": False, "null": None}
_ALIASES = {"psitem": "_"}


def _norm(name):
    low = name.lower()
    return _ALIASES.get(low, low)


def compile_variable_read(e):
    name = e.name
    scope = (e.scope or "").lower()
    low = _norm(name)
    if not scope or scope in ("local", "private", "using", "variable"):
        if low in _CONSTANTS:
            value = _CONSTANTS[low]
            return lambda f: value
        if low == "?":
            return lambda f: f.ctx.last_success
        if scope == "local" or scope == "private":
            def run_local(f):
                v = f.scope.vars.get(low, MISSING)
                return None if v is MISSING else v
            return run_local

        def run(f):
            s = f.scope
            while s is not None:
                v = s.vars.get(low, MISSING)
                if v is not MISSING:
                    return v
                s = s.parent
            return f.ctx.missing_variable(name)
        return run
    if scope == "global":
        def run_global(f):
            v = f.ctx.global_scope.vars.get(low, MISSING)
            return None if v is MISSING else v
        return run_global
    if scope == "script":
        def run_script(f):
            v = f.scope.script_scope.lookup(low)
            return None if v is MISSING else v
        return run_script
    if scope == "env":
        def run_env(f):
            return env_get(name)
        return run_env
    if scope == "function":
        def run_function(f):
            info = f.ctx.find_function(name, f.scope)
            return info.script_block if info else None
        return run_function
    # a drive-qualified name we do not know: PowerShell would look for a provider
    full = f"{e.scope}:{name}"

    def run_other(f):
        return f.ctx.missing_variable(full)
    return run_other


def env_get(name):
    v = os.environ.get(name)
    if v is None:
        # Windows environment names are case-insensitive and scripts written there rely on it
        low = name.lower()
        for k, val in os.environ.items():
            if k.lower() == low:
                return val
    return v


def env_set(name, value):
    from spshell.runtime.conversion import to_string
    if value is None or value is AutomationNull or value == "":
        os.environ.pop(name, None)
    else:
        os.environ[name] = to_string(value)


def target_scope(f, scope_kind):
    if not scope_kind or scope_kind in ("local", "private", "variable"):
        return f.scope
    if scope_kind == "global":
        return f.ctx.global_scope
    if scope_kind == "script":
        return f.scope.script_scope
    return None


def assign_variable(f, name, scope_kind, value):
    """$name = value with an optional scope modifier."""
    if value is AutomationNull:
        value = None
    sk = (scope_kind or "").lower()
    low = _norm(name)
    if sk == "env":
        env_set(name, value)
        return
    if sk == "function":
        f.ctx.define_function_from_value(name, value, f.scope)
        return
    scope = target_scope(f, sk)
    if scope is None:
        from spshell.runtime.errors import DriveNotFoundException, ErrorRecord
        exc = DriveNotFoundException(
            f"Cannot find drive. A drive with the name '{scope_kind}' does not exist.")
        ErrorRecord(exc, "DriveNotFound", "ObjectNotFound", scope_kind)
        raise exc
    if low == "null":
        return  # `$null = expr` discards the value
    if low in _CONSTANTS or low == "?":
        from spshell.runtime.errors import SessionStateUnauthorizedAccessException, ErrorRecord
        exc = SessionStateUnauthorizedAccessException(
            f"Cannot overwrite variable {name} because it is read-only or constant.")
        ErrorRecord(exc, "VariableNotWritable", "WriteError", name)
        raise exc
    scope.set_local(low, value, name)


def read_variable_for_update(f, name, scope_kind):
    """The current value for `+=`/`++`: PowerShell reads through the scope chain, then writes a
    local copy (so `& { $x += 1 }` sees the parent's $x)."""
    sk = (scope_kind or "").lower()
    low = _norm(name)
    if sk == "env":
        return env_get(name)
    if sk == "global":
        v = f.ctx.global_scope.vars.get(low, MISSING)
    elif sk == "script":
        v = f.scope.script_scope.lookup(low)
    else:
        # `& { $x += 1 }` works on a new local: the parent's $x is not read (about_Assignment)
        v = f.scope.vars.get(low, MISSING)
    return None if v is MISSING else v


def variable_ref(e):
    name = e.name
    sk = e.scope

    def run(f):
        scope_obj = f.scope.find_scope(_norm(name)) if not sk else None

        def getter():
            if scope_obj is not None:
                return scope_obj.vars.get(_norm(name))
            return read_variable_for_update(f, name, sk)

        def setter(v):
            if scope_obj is not None:
                scope_obj.set_local(_norm(name), v, name)
            else:
                assign_variable(f, name, sk, v)
        return PSReference(getter, setter)
    return run
