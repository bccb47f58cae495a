"""Assignment statements: `=`, compound operators, typed variables, members, indexes, and
multiple assignment."""
from __future__ import annotations

from spshell.language import ast as A
from spshell.runtime import errors as E
from spshell.runtime.objects import AutomationNull
from spshell.runtime.scopes import VariableMeta
from spshell.runtime.variables import (assign_variable, read_variable_for_update, _norm,
                                       target_scope)

_RESERVED = frozenset(("true", "false", "null", "?"))
_COMPOUND = {"+=": "+", "-=": "-", "*=": "*", "/=": "/", "%=": "%"}


def compile_assignment(c, a: A.Assignment):
    v = a.value
    setter = compile_setter(c, a.target, a.operator)
    if isinstance(v, A.Pipeline) and len(v.elements) == 1 and \
            isinstance(v.elements[0], A.CommandExpression) and not v.elements[0].redirections:
        # `$x = <expression>`: no pipeline to run, the value is assigned as it is
        expr = c.expr(v.elements[0].expression)
        t = a.target
        if a.operator in _COMPOUND and isinstance(t, A.VariableExpression) and not t.scope \
                and t.name.lower() not in _RESERVED:
            return _fused_compound(t.name, a.operator, expr)

        def run_expr(f):
            setter(f, expr(f))
            f.ctx.last_success = True
        return run_expr
    value = c.value_of_statement(v)
    return lambda f: setter(f, value(f))


def _fused_compound(name, op, expr):
    """`$s += <expr>` on a plain variable as one closure: the hot statement of most loops.
    Same semantics as the general path (the current scope's own copy of the variable)."""
    from spshell.runtime.binary import binary_function
    combine = binary_function(_COMPOUND[op])
    low = name.lower()

    def run(f):
        value = expr(f)
        if value is AutomationNull:
            value = None
        scope = f.scope
        vars_ = scope.vars
        new = combine(vars_.get(low), value)
        if scope.meta is None and (low == name or low in vars_):
            vars_[low] = new
        else:
            scope.set_local(low, new, name)
        f.ctx.last_success = True
    return run


def compile_setter(c, target, op="="):
    """-> fn(frame, rhs_value) performing `target op rhs`."""
    from spshell.runtime.binary import binary_function
    combine = None
    if op in _COMPOUND:
        combine = binary_function(_COMPOUND[op])
    elif op == "??=":
        def combine(old, new):
            return new if old is None or old is AutomationNull else old

    if isinstance(target, A.VariableExpression):
        return _variable_setter(target, combine)
    if isinstance(target, (A.ConvertExpression, A.AttributedExpression)):
        return _typed_setter(c, target, combine)
    if isinstance(target, A.MemberExpression):
        return _member_setter(c, target, combine)
    if isinstance(target, A.IndexExpression):
        return _index_setter(c, target, combine)
    if isinstance(target, (A.ArrayLiteral, A.ParenExpression)) and op == "=":
        inner = target
        if isinstance(target, A.ParenExpression):
            inner = _paren_target(target)
        if isinstance(inner, A.ArrayLiteral):
            setters = [compile_setter(c, t) for t in inner.elements]
            return _multi_setter(setters)
        return compile_setter(c, inner, op)
    if isinstance(target, A.ParenExpression):
        return compile_setter(c, _paren_target(target), op)
    return _invalid_target(target)


def _paren_target(p):
    st = p.pipeline
    if isinstance(st, A.Pipeline) and len(st.elements) == 1 and \
            isinstance(st.elements[0], A.CommandExpression):
        return st.elements[0].expression
    return p


def _invalid_target(target):
    text = target.extent.text

    def run(f, value):
        exc = E.RuntimeException(
            "The assignment expression is not valid. The input to an assignment operator must be "
            "an object that is able to accept assignments, such as a variable or a property.")
        E.ErrorRecord(exc, "InvalidLeftHandSide", "ParserError", text)
        raise exc
    return run


def _variable_setter(v: A.VariableExpression, combine):
    name, scope_kind = v.name, v.scope
    low = _norm(name)
    simple = not scope_kind

    if combine is None:
        if simple:
            def set_simple(f, value):
                if value is AutomationNull:
                    value = None
                scope = f.scope
                if scope.meta is None and low not in _RESERVED:
                    if low == name or low in scope.vars:
                        scope.vars[low] = value
                    else:
                        scope.set_local(low, value, name)
                else:
                    assign_variable(f, name, None, value)
            return set_simple
        return lambda f, value: assign_variable(f, name, scope_kind, value)

    if simple and low not in _RESERVED:
        # the hot case (`$s += $i` in a loop): the current scope's own variable, no modifier
        def set_compound_local(f, value):
            if value is AutomationNull:
                value = None
            scope = f.scope
            vars_ = scope.vars
            new = combine(vars_.get(low), value)
            if scope.meta is None and (low == name or low in vars_):
                vars_[low] = new
            else:
                scope.set_local(low, new, name)
        return set_compound_local

    def set_compound(f, value):
        if value is AutomationNull:
            value = None
        old = read_variable_for_update(f, name, scope_kind)
        assign_variable(f, name, scope_kind, combine(old, value))
    return set_compound


def _typed_setter(c, target, combine):
    from spshell.runtime.values import resolve_type_or_throw, convert_to
    types = []
    node = target
    while isinstance(node, (A.ConvertExpression, A.AttributedExpression)):
        if isinstance(node, A.ConvertExpression):
            types.append(node.type_name)
        node = node.child
    if not isinstance(node, A.VariableExpression):
        return _invalid_target(target)
    name, scope_kind = node.name, node.scope
    low = _norm(name)
    base = _variable_setter(node, combine)

    def run(f, value):
        scope = target_scope(f, (scope_kind or "").lower()) or f.scope
        t = None
        for tn in reversed(types):
            t = resolve_type_or_throw(tn, target.extent)
            if value is AutomationNull:
                value = None
            value = convert_to(value, t)
        scope.set_meta(low, VariableMeta(name, t))
        base(f, value)
    return run


def _member_setter(c, m: A.MemberExpression, combine):
    from spshell.runtime.members import member_name_fn
    from spshell.runtime import types
    target = c.expr(m.target)
    name_fn = member_name_fn(c, m.member)
    static = m.static

    def run(f, value):
        if value is AutomationNull:
            value = None
        obj = target(f)
        name = name_fn(f)
        if static:
            if combine is not None:
                value = combine(types.get_static_property(obj, name), value)
            types.set_static_property(obj, name, value)
            return
        if obj is None or obj is AutomationNull:
            exc = E.RuntimeException(f"The property '{name}' cannot be found on this object. "
                                     "Verify that the property exists and can be set.")
            E.ErrorRecord(exc, "PropertyNotFound", "InvalidOperation")
            raise exc
        if combine is not None:
            value = combine(types.get_property(obj, name), value)
        types.set_property(obj, name, value)
    return run


def _index_setter(c, ix: A.IndexExpression, combine):
    from spshell.runtime.members import set_index, get_index
    target = c.expr(ix.target)
    index = c.expr(ix.index)

    def run(f, value):
        if value is AutomationNull:
            value = None
        obj = target(f)
        i = index(f)
        if obj is None or obj is AutomationNull:
            exc = E.RuntimeException("Cannot index into a null array.")
            E.ErrorRecord(exc, "NullArray", "InvalidOperation")
            raise exc
        if combine is not None:
            value = combine(get_index(obj, i), value)
        set_index(obj, i, value)
    return run


def _multi_setter(setters):
    from spshell.runtime.values import enumerate_object

    def run(f, value):
        if value is AutomationNull:
            value = None
        items = enumerate_object(value)
        items = list(items) if items is not None else [value]
        n = len(setters)
        for i, s in enumerate(setters):
            if i < n - 1:
                s(f, items[i] if i < len(items) else None)
            else:
                rest = items[i:]
                s(f, rest[0] if len(rest) == 1 else (None if not rest else rest))
    return run
