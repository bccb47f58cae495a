"""Binary and unary operator expressions. Value rules live in operators.py; this module adds what
needs the session: short-circuit logic, $Matches, script-block arguments, and ++/--."""
from __future__ import annotations

from spshell.language import ast as A
from spshell.runtime import operators as O
from spshell.runtime.objects import AutomationNull
from spshell.runtime import values as V

_INT32_MIN, _INT32_MAX = -2147483648, 2147483647


def _nn(v):
    return None if v is AutomationNull else v


def binary_function(op):
    """fn(left, right) for operators that need nothing from the session."""
    generic = O.binary_operator(op)
    if op == "+":
        def add(l, r):
            if l.__class__ is int and r.__class__ is int:
                s = l + r
                if _INT32_MIN <= s <= _INT32_MAX:
                    return s
            elif l.__class__ is float and r.__class__ in (float, int):
                return l + r
            return generic(l, r)
        return add
    if op == "-":
        def sub(l, r):
            if l.__class__ is int and r.__class__ is int:
                s = l - r
                if _INT32_MIN <= s <= _INT32_MAX:
                    return s
            return generic(l, r)
        return sub
    if op == "*":
        def mul(l, r):
            if l.__class__ is int and r.__class__ is int:
                s = l * r
                if _INT32_MIN <= s <= _INT32_MAX:
                    return s
            return generic(l, r)
        return mul
    if op in ("-eq", "-ieq"):
        def eq(l, r):
            if l.__class__ is int and r.__class__ is int:
                return l == r
            return generic(l, r)
        return eq
    if op in ("-lt", "-ilt", "-le", "-ile", "-gt", "-igt", "-ge", "-ige"):
        import operator as pyop
        fast = {"-lt": pyop.lt, "-le": pyop.le, "-gt": pyop.gt, "-ge": pyop.ge}[
            op.replace("-i", "-")]

        def rel(l, r):
            if l.__class__ is int and r.__class__ is int:
                return fast(l, r)
            return generic(l, r)
        return rel
    if op == "%":
        def mod(l, r):
            if l.__class__ is int and r.__class__ is int and r != 0:
                if l >= 0 and r > 0:
                    return l % r
                # .NET remainder takes the sign of the dividend
                m = abs(l) % abs(r)
                return -m if l < 0 else m
            return generic(l, r)
        return mod
    return generic


def compile_binary(c, e: A.BinaryExpression):
    op = e.operator
    left = c.expr(e.left)
    if op in ("-and", "-or"):
        right = c.expr(e.right)
        to_bool = V.to_bool
        if op == "-and":
            return lambda f: to_bool(left(f)) and to_bool(right(f))
        return lambda f: to_bool(left(f)) or to_bool(right(f))
    if op == "??":
        right = c.expr(e.right)

        def coalesce(f):
            v = left(f)
            if v is None or v is AutomationNull:
                return right(f)
            return v
        return coalesce
    right = c.expr(e.right)
    if op in ("-match", "-imatch", "-cmatch", "-notmatch", "-inotmatch", "-cnotmatch"):
        match = O.match_operator(op)

        def run_match(f):
            result, matches = match(_nn(left(f)), _nn(right(f)))
            if matches is not None:
                f.scope.set_local("matches", matches, "Matches")
            return result
        return run_match
    if op in ("-replace", "-ireplace", "-creplace", "-split", "-isplit", "-csplit"):
        fn = O.binary_operator(op)

        def run_sb(f):
            return fn(_nn(left(f)), _script_callable(f, _nn(right(f))))
        return run_sb
    if op in ("-is", "-isnot", "-as"):
        fn = O.binary_operator(op)

        def run_type(f):
            r = _nn(right(f))
            return fn(_nn(left(f)), r)
        return run_type
    fn = binary_function(op)
    if isinstance(e.right, (A.Constant, A.StringConstant)):
        rv = e.right.value  # `$_ % 3`, `$x -eq 'a'`: no closure call for the constant
        if rv.__class__ is int and _INT32_MIN <= rv <= _INT32_MAX:
            fast = _int_constant_operator(op, left, fn, rv)
            if fast is not None:
                return fast

        def run_const(f):
            l = left(f)
            if l is AutomationNull:
                l = None
            return fn(l, rv)
        return run_const

    def run(f):
        l = left(f)
        r = right(f)
        if l is AutomationNull:
            l = None
        if r is AutomationNull:
            r = None
        return fn(l, r)
    return run


def _int_constant_operator(op, left, fn, rv):
    """`<expr> op <int constant>` with the int case done inline (`$_ % 3 -eq 0`, `$i * 2`):
    the operand's type is checked once per evaluation and the general rule (fn) handles every
    other case, including Int32 overflow."""
    def general(l):
        return fn(None if l is AutomationNull else l, rv)

    if op == "%" and rv > 0:
        def mod(f):
            l = left(f)
            if l.__class__ is int and l >= 0:
                return l % rv
            return general(l)
        return mod
    if op in ("+", "-", "*"):
        import operator as pyop
        py = {"+": pyop.add, "-": pyop.sub, "*": pyop.mul}[op]

        def arith(f):
            l = left(f)
            if l.__class__ is int:
                r = py(l, rv)
                if _INT32_MIN <= r <= _INT32_MAX:
                    return r
            return general(l)
        return arith
    compare = _INT_COMPARISONS.get(op)
    if compare is not None:
        def rel(f):
            l = left(f)
            if l.__class__ is int:
                return compare(l, rv)
            return general(l)
        return rel
    return None


def _int_comparisons():
    import operator as pyop
    table = {}
    for name, fn in (("eq", pyop.eq), ("ne", pyop.ne), ("lt", pyop.lt), ("le", pyop.le),
                     ("gt", pyop.gt), ("ge", pyop.ge)):
        table["-" + name] = table["-i" + name] = table["-c" + name] = fn
    return table


_INT_COMPARISONS = _int_comparisons()


def _script_callable(f, value):
    """-replace/-split take a script block: hand operators.py a Python callable."""
    from spshell.runtime.commands import ScriptBlock
    if isinstance(value, ScriptBlock):
        def call(dollar_under):
            out = f.ctx.invoke_scriptblock(value, dollar_under=dollar_under)
            return out[0] if len(out) == 1 else (out if out else None)
        return call
    if isinstance(value, list):
        return [_script_callable(f, v) if isinstance(v, ScriptBlock) else v for v in value]
    return value


def compile_unary(c, e: A.UnaryExpression):
    op = e.operator
    if op in ("++", "--", "post++", "post--"):
        return _increment(c, e)
    operand = c.expr(e.operand)
    if op == ",":
        return lambda f: [_nn(operand(f))]
    if op in ("-not", "!"):
        to_bool = V.to_bool
        return lambda f: not to_bool(operand(f))
    fn = O.unary_operator(op)

    def run(f):
        return fn(_nn(operand(f)))
    return run


def _increment(c, e):
    from spshell.runtime.assign import compile_setter
    op = e.operator
    delta = 1 if op.endswith("++") else -1
    postfix = op.startswith("post")
    operand = e.operand
    if isinstance(operand, A.VariableExpression) and not operand.scope:
        # like `+=`, `++` on a variable works on the current scope's own copy
        from spshell.runtime.variables import read_variable_for_update
        name = operand.name
        read = lambda f: read_variable_for_update(f, name, None)  # noqa: E731
    else:
        read = c.expr(operand)
    write = compile_setter(c, operand)
    add = binary_function("+")

    def run(f):
        old = read(f)
        if old is AutomationNull:
            old = None
        new = add(old if old is not None else 0, delta)
        write(f, new)
        return (old if old is not None else 0) if postfix else new
    return run
