"""Member access, method calls and indexing, with PowerShell's intrinsic members (.Count on
anything, .ForEach/.Where on collections) and null-conditional forms."""
from __future__ import annotations

from spshell.language import ast as A
from spshell.runtime import errors as E
from spshell.runtime.objects import AutomationNull, Hashtable, OrderedDictionary
from spshell.runtime import values as V


def member_name_fn(c, member):
    if isinstance(member, A.StringConstant):
        name = member.value
        return lambda f: name
    ev = c.expr(member)
    return lambda f: V.to_string(ev(f))


def _types():
    from spshell.runtime import types
    return types


def compile_member(c, m: A.MemberExpression):
    target = c.expr(m.target)
    name_fn = member_name_fn(c, m.member)
    if m.static:
        def run_static(f):
            t = target(f)
            return _types().get_static_property(t, name_fn(f))
        return run_static
    nullc = m.null_conditional
    types = _types()
    get_property = types.get_property

    def run(f):
        obj = target(f)
        if obj is None or obj is AutomationNull:
            if nullc:
                return None
            name = name_fn(f)
            low = name.lower()
            if low in ("count", "length"):
                return 0
            return None
        name = name_fn(f)
        if obj.__class__ in _DICTS and name not in obj and name.isdigit():
            return obj.get(int(name))  # $Matches.0
        return get_property(obj, name)
    return run


_DICTS = (Hashtable, OrderedDictionary)


def compile_invoke(c, m: A.InvokeMemberExpression):
    target = c.expr(m.target)
    name_fn = member_name_fn(c, m.member)
    args = [c.expr(a) for a in m.arguments]
    static = m.static
    nullc = m.null_conditional
    ext = m.extent

    def run(f):
        obj = target(f)
        name = name_fn(f)
        values = []
        for a in args:
            v = a(f)
            values.append(None if v is AutomationNull else v)
        if static:
            return _types().invoke_static_method(obj, name, values)
        if obj is None or obj is AutomationNull:
            if nullc:
                return None
            exc = E.RuntimeException("You cannot call a method on a null-valued expression.")
            E.ErrorRecord(exc, "InvokeMethodOnNull", "InvalidOperation")
            raise exc
        low = name.lower()
        if low in ("foreach", "where"):
            from spshell.runtime.commands import ScriptBlock
            if low == "where" or (values and isinstance(values[0], ScriptBlock)):
                return intrinsic(f, obj, low, values)
            if low == "foreach" and values and isinstance(values[0], (str, type)):
                return intrinsic(f, obj, low, values)
            if low == "foreach" and values and not _has_method(obj, name):
                return intrinsic(f, obj, low, values)
        return f.ctx.invoke_method(obj, name, values, ext, f)
    return run


def _has_method(obj, name):
    try:
        return any(m.Name.lower() == name.lower() for m in _types().get_members(obj)
                   if "Method" in str(m.MemberType))
    except Exception:  # noqa: BLE001 - introspection only
        return False


def intrinsic(f, obj, name, args):
    """The .ForEach() and .Where() methods PowerShell adds to every collection."""
    items = V.enumerate_object(obj)
    items = list(items) if items is not None else ([] if obj is None else [obj])
    from spshell.runtime.commands import ScriptBlock
    if name == "foreach":
        if not args:
            return items
        first = args[0]
        out = []
        if isinstance(first, ScriptBlock):
            rest = args[1:]
            for it in items:
                out.extend(f.ctx.invoke_scriptblock(first, dollar_under=it, args=rest,
                                                    dot_source=False))
            return out
        if isinstance(first, str):
            types = _types()
            for it in items:
                if len(args) > 1:
                    if types.has_property(it, first):
                        types.set_property(it, first, args[1])
                        continue
                    out.append(types.invoke_method(it, first, list(args[1:])))
                else:
                    if types.has_property(it, first):
                        v = types.get_property(it, first)
                    else:
                        v = types.invoke_method(it, first, [])
                    ev = V.enumerate_object(v)
                    if ev is None:
                        out.append(v)
                    else:
                        out.extend(ev)
            return out
        # a type: convert each element
        return [V.convert_to(it, first) for it in items]
    # where
    block = args[0] if args else None
    mode = V.to_string(args[1]).lower() if len(args) > 1 and args[1] is not None else "default"
    count = int(args[2]) if len(args) > 2 and args[2] is not None else 0
    selected = []
    rest = []
    to_bool = V.to_bool
    for i, it in enumerate(items):
        res = f.ctx.invoke_scriptblock(block, dollar_under=it) if block is not None else [it]
        ok = to_bool(res[0] if len(res) == 1 else res)
        if mode == "until":
            if ok:
                break
            selected.append(it)
        elif mode == "skipuntil":
            if ok:
                selected.extend(items[i:])
                break
        elif mode == "split":
            (selected if ok else rest).append(it)
        else:
            if ok:
                selected.append(it)
                if mode == "first" and count <= 1:
                    break
    if mode == "first" and count:
        selected = selected[:count]
    elif mode == "last":
        selected = selected[-(count or 1):]
    if mode == "split":
        return [selected, rest]
    return selected


def compile_index(c, ix: A.IndexExpression):
    target = c.expr(ix.target)
    index = c.expr(ix.index)
    nullc = ix.null_conditional

    def run(f):
        obj = target(f)
        if obj is None or obj is AutomationNull:
            if nullc:
                return None
            exc = E.RuntimeException("Cannot index into a null array.")
            E.ErrorRecord(exc, "NullArray", "InvalidOperation")
            raise exc
        i = index(f)
        if i is AutomationNull:
            i = None
        return get_index(obj, i)
    return run


def _int_index(i):
    if i.__class__ is int:
        return i
    if isinstance(i, bool):
        return int(i)
    return int(V.convert_to(i, "int"))


def get_index(obj, i):
    if isinstance(obj, (list, tuple, str)):
        if isinstance(i, (list, tuple)):
            out = []
            for j in i:
                v = get_index(obj, j)
                if v is not None or isinstance(obj, (list, tuple)):
                    if not (isinstance(obj, (list, tuple)) and _out_of_range(obj, j)):
                        out.append(v)
            return out
        n = _int_index(i)
        ln = len(obj)
        if n < 0:
            n += ln
        if 0 <= n < ln:
            v = obj[n]
            if isinstance(obj, str):
                from spshell.runtime.numbers import Char
                return Char(v)
            return v
        return None
    if isinstance(obj, (Hashtable, dict)):
        if isinstance(i, (list, tuple)):
            return [get_index(obj, k) for k in i]
        if obj.__class__ is OrderedDictionary and i.__class__ is int:
            values = list(obj.values())  # OrderedDictionary's int indexer is positional
            return values[i] if -len(values) <= i < len(values) else None
        return obj.get(i)
    types = _types()
    return types.get_index(obj, i)


def _out_of_range(seq, j):
    try:
        n = _int_index(j)
    except E.DotNetException:
        return False
    return not (-len(seq) <= n < len(seq))


def set_index(obj, i, value):
    if isinstance(obj, list):
        n = _int_index(i)
        ln = len(obj)
        if n < 0:
            n += ln
        if not 0 <= n < ln:
            exc = E.IndexOutOfRangeException("Index was outside the bounds of the array.")
            E.ErrorRecord(exc, "System.IndexOutOfRangeException", "OperationStopped")
            raise exc
        elem = getattr(obj, "element_type", None)
        if elem is not None:
            value = V.convert_to(value, elem)
        obj[n] = value
        return
    if isinstance(obj, (Hashtable, dict)):
        obj[i] = value
        return
    types = _types()
    types.set_index(obj, i, value)
