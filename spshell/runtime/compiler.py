"""AST -> Python closures.

Each expression compiles to ``fn(frame) -> value`` and each statement to ``fn(frame)`` writing its
output through ``frame.emit``. Compiling once and calling closures keeps loops fast; the tree is
never walked at run time. PowerShell semantics that need the session (variables, commands,
streams) go through ``frame.ctx``/``frame.scope``; value semantics come from operators.py and
conversion.py.
"""
from __future__ import annotations

from spshell.language import ast as A
from spshell.runtime import errors as E
from spshell.runtime.frame import collect
from spshell.runtime.objects import AutomationNull, Hashtable, OrderedDictionary, PSReference
from spshell.runtime import values as V
from spshell.runtime.enumerator import ListEnumerator


class CompileError(E.ParseException):
    pass


# ------------------------------------------------------------------------------------ helpers

def _const(value):
    return lambda f: value


def emit_value(emit, value):
    """Write a value to a pipeline the way PowerShell does: unroll one level of collections."""
    if value is AutomationNull:
        return
    it = V.enumerate_object(value)
    if it is None:
        emit(value)
    else:
        for item in it:
            emit(item)


def pipeline_value(stmt_fn):
    def run(f):
        out = []
        stmt_fn(f.with_emit(out.append))
        return collect(out)
    return run


# ---------------------------------------------------------------------------------- compiler

class Compiler:
    def __init__(self):
        self.loop_labels = []

    # ---- script blocks ------------------------------------------------------------------
    def script_block(self, sb: A.ScriptBlockAst):
        from spshell.runtime.commands import CompiledScriptBlock
        cs = CompiledScriptBlock(sb)
        params = sb.param_block.parameters if sb.param_block else []
        cs.parameters = [self.parameter(p) for p in params]
        cs.attributes = sb.param_block.attributes if sb.param_block else []
        cs.begin = self.named_block(sb.begin) if sb.begin else None
        cs.process = self.named_block(sb.process) if sb.process else None
        cs.end = self.named_block(sb.end) if sb.end else None
        return cs

    def parameter(self, p: A.ParameterAst):
        from spshell.runtime.commands import ScriptParameter
        default = self.expr(p.default) if p.default is not None else None
        return ScriptParameter(p, default)

    def named_block(self, block: A.StatementBlock):
        return self.block(block)

    # ---- statement blocks: statement-terminating errors, traps -----------------------------
    def block(self, block: A.StatementBlock):
        stmts = [self.statement(s) for s in block.statements]
        traps = [(t.type_name, self.block(t.body)) for t in block.traps]
        extents = [s.extent for s in block.statements]
        if not traps:
            if len(stmts) == 1:
                only = stmts[0]
                ext0 = extents[0]

                def run_one(f):
                    try:
                        only(f)
                    except E.DotNetException as exc:
                        f.ctx.statement_error(f, exc, ext0)
                    except E.FlowSignal:
                        raise
                    except Exception as exc:  # noqa: BLE001 - becomes an ErrorRecord
                        f.ctx.statement_error(f, f.ctx.internal_error(exc), ext0)
                if getattr(only, "expr", None) is not None:
                    # a one-expression block: callers that run it per object may evaluate the
                    # expression directly, handling its errors as run_one does
                    run_one.expr, run_one.ext = only.expr, ext0
                return run_one

            pairs = list(zip(stmts, extents))

            def run(f):
                for s, ext in pairs:
                    try:
                        s(f)
                    except E.DotNetException as exc:
                        f.ctx.statement_error(f, exc, ext)
                    except E.FlowSignal:
                        raise
                    except Exception as exc:  # noqa: BLE001
                        f.ctx.statement_error(f, f.ctx.internal_error(exc), ext)
            return run

        pairs = list(zip(stmts, extents))

        def run_trapped(f):
            i = 0
            n = len(pairs)
            while i < n:
                s, ext = pairs[i]
                i += 1
                try:
                    f.ctx.trap_depth += 1
                    try:
                        s(f)
                    finally:
                        f.ctx.trap_depth -= 1
                except E.FlowSignal:
                    raise
                except Exception as exc:  # noqa: BLE001
                    if not isinstance(exc, E.DotNetException):
                        exc = f.ctx.internal_error(exc)
                    f.ctx.run_trap(f, traps, exc, ext)
        return run_trapped

    # ---- statements ------------------------------------------------------------------------
    def statement(self, s):
        m = getattr(self, "st_" + type(s).__name__, None)
        if m is None:
            raise CompileError(f"Unsupported statement {type(s).__name__}")
        return m(s)

    def st_Pipeline(self, p: A.Pipeline):
        from spshell.runtime.pipeline import compile_pipeline
        return compile_pipeline(self, p)

    def st_PipelineChain(self, c: A.PipelineChain):
        left = self.statement(c.left)
        right = self.statement(c.right)
        is_and = c.operator == "&&"

        def run(f):
            left(f)
            # `a && b` runs b when a succeeded, `a || b` when it failed
            if f.ctx.last_success == is_and:
                right(f)
        return run

    def st_CommandExpression(self, c):
        return self.st_Pipeline(A.Pipeline(c.extent, [c]))

    def st_Command(self, c):
        return self.st_Pipeline(A.Pipeline(c.extent, [c]))

    def st_Assignment(self, a: A.Assignment):
        from spshell.runtime.assign import compile_assignment
        return compile_assignment(self, a)

    def value_of_statement(self, s):
        """A statement used for its value (RHS of =, hashtable values, `( )`, conditions)."""
        if isinstance(s, A.Pipeline) and len(s.elements) == 1 and \
                isinstance(s.elements[0], A.CommandExpression) and not s.elements[0].redirections:
            expr = self.expr(s.elements[0].expression)

            def run(f):
                f.ctx.last_success = True
                return expr(f)
            return run
        if isinstance(s, A.Assignment):
            assign = self.statement(s)
            target_value = self.assignment_result(s)

            def run_assign(f):
                assign(f)
                return target_value(f)
            return run_assign
        return pipeline_value(self.statement(s))

    def assignment_result(self, s: A.Assignment):
        t = s.target
        if isinstance(t, A.ConvertExpression):
            t = t.child
        return self.expr(t)

    def condition(self, s):
        value = self.value_of_statement(s)
        to_bool = V.to_bool
        return lambda f: to_bool(value(f))

    def st_IfStatement(self, s: A.IfStatement):
        clauses = [(self.condition(c), self.block(b)) for c, b in s.clauses]
        else_body = self.block(s.else_body) if s.else_body else None

        def run(f):
            for cond, body in clauses:
                if cond(f):
                    body(f)
                    return
            if else_body is not None:
                else_body(f)
        return run

    def _loop_body(self, body, label):
        return self.block(body), (label.lower() if label else None)

    def st_WhileStatement(self, s: A.WhileStatement):
        cond = self.condition(s.condition) if s.condition else (lambda f: True)
        body, label = self._loop_body(s.body, s.label)

        def run(f):
            while cond(f):
                try:
                    body(f)
                except E.BreakSignal as b:
                    if b.label is None or b.label == label:
                        break
                    raise
                except E.ContinueSignal as c:
                    if c.label is None or c.label == label:
                        continue
                    raise
        return run

    def st_DoWhileStatement(self, s):
        return self._do(s, until=False)

    def st_DoUntilStatement(self, s):
        return self._do(s, until=True)

    def _do(self, s, until):
        cond = self.condition(s.condition)
        body, label = self._loop_body(s.body, s.label)

        def run(f):
            while True:
                try:
                    body(f)
                except E.BreakSignal as b:
                    if b.label is None or b.label == label:
                        break
                    raise
                except E.ContinueSignal as c:
                    if not (c.label is None or c.label == label):
                        raise
                if cond(f) == until:
                    break
        return run

    def st_ForStatement(self, s: A.ForStatement):
        init = self.statement(s.initializer) if s.initializer else None
        cond = self.condition(s.condition) if s.condition else (lambda f: True)
        step = self.statement(s.iterator) if s.iterator else None
        body, label = self._loop_body(s.body, s.label)

        def run(f):
            if init is not None:
                init(f.with_emit(f.emit))
            while cond(f):
                try:
                    body(f)
                except E.BreakSignal as b:
                    if b.label is None or b.label == label:
                        break
                    raise
                except E.ContinueSignal as c:
                    if not (c.label is None or c.label == label):
                        raise
                if step is not None:
                    step(f)
        return run

    def st_ForEachStatement(self, s: A.ForEachStatement):
        source = self.value_of_statement(s.iterable)
        body, label = self._loop_body(s.body, s.label)
        name = s.variable.name.lower()
        enumerate_object = V.enumerate_object
        # $foreach costs an extra Python call per item; only loops that mention it pay for it
        uses_enumerator = "$foreach" in s.body.extent.text.lower()

        def run(f):
            value = source(f)
            if value is AutomationNull:
                return
            items = enumerate_object(value)
            if items is None:
                items = (value,)
            scope = f.scope
            vars_ = scope.vars
            has_meta = scope.meta is not None and name in scope.meta
            if uses_enumerator:
                items = ListEnumerator(items)
                vars_["foreach"] = items
            for item in items:
                if has_meta:
                    scope.set_local(name, item)
                else:
                    vars_[name] = item
                try:
                    body(f)
                except E.BreakSignal as b:
                    if b.label is None or b.label == label:
                        break
                    raise
                except E.ContinueSignal as c:
                    if not (c.label is None or c.label == label):
                        raise
        return run

    def st_SwitchStatement(self, s: A.SwitchStatement):
        from spshell.runtime.switch import compile_switch
        return compile_switch(self, s)

    def st_FunctionDefinition(self, d: A.FunctionDefinition):
        from spshell.runtime.commands import FunctionInfo, ScriptBlock
        body = d.body
        if d.parameters and body.param_block is None:
            body.param_block = A.ParamBlockAst(d.extent, [], d.parameters)
        if d.is_filter and body.process is None and body.begin is None:
            body.process, body.end = body.end, None
        compiled = self.script_block(body)
        name = d.name

        def run(f):
            sb = ScriptBlock(body, compiled, f.ctx)
            scope = f.scope
            sname = name
            if ":" in name:
                qual, _, rest = name.partition(":")
                q = qual.lower()
                if q in ("global", "script", "local", "private"):
                    sname = rest
                    scope = f.ctx.scope_for(q, f.scope)
            scope.set_function(sname.lower(), FunctionInfo(sname, sb, is_filter=d.is_filter))
        return run

    def st_ReturnStatement(self, s):
        value = self.statement(s.pipeline) if s.pipeline else None

        def run(f):
            if value is not None:
                value(f)
            raise E.ReturnSignal()
        return run

    def st_ExitStatement(self, s):
        value = self.value_of_statement(s.pipeline) if s.pipeline else None

        def run(f):
            code = 0
            if value is not None:
                v = value(f)
                if v is not AutomationNull and v is not None:
                    try:
                        code = int(V.convert_to(v, "int"))
                    except E.DotNetException:
                        code = 0
            raise E.ExitSignal(code)
        return run

    def st_ThrowStatement(self, s):
        value = self.value_of_statement(s.pipeline) if s.pipeline else None
        ext = s.extent

        def run(f):
            v = value(f) if value is not None else AutomationNull
            raise f.ctx.make_throw(v, ext)
        return run

    def _label(self, expr):
        if expr is None:
            return lambda f: None
        if isinstance(expr, A.StringConstant):
            lab = expr.value.lower()
            return lambda f: lab
        ev = self.expr(expr)
        return lambda f: V.to_string(ev(f)).lower()

    def st_BreakStatement(self, s):
        label = self._label(s.label)

        def run(f):
            raise E.BreakSignal(label(f))
        return run

    def st_ContinueStatement(self, s):
        label = self._label(s.label)

        def run(f):
            raise E.ContinueSignal(label(f))
        return run

    def st_TryStatement(self, s: A.TryStatement):
        from spshell.runtime.trycatch import compile_try
        return compile_try(self, s)

    def st_TrapStatement(self, s):
        return lambda f: None  # traps are collected by their block

    def st_DataStatement(self, s: A.DataStatement):
        body = self.block(s.body)
        var = s.variable.lower() if s.variable else None

        def run(f):
            if var is None:
                body(f)
                return
            out = []
            body(f.with_emit(out.append))
            f.scope.set_local(var, collect(out), s.variable)
        return run

    def st_BlockStatement(self, s):
        body = self.block(s.body)
        return body

    # ---- expressions -------------------------------------------------------------------------
    def expr(self, e):
        m = getattr(self, "ex_" + type(e).__name__, None)
        if m is None:
            if isinstance(e, A.Statement):
                return self.value_of_statement(e)
            raise CompileError(f"Unsupported expression {type(e).__name__}")
        return m(e)

    def ex_Constant(self, e):
        return _const(e.value)

    def ex_StringConstant(self, e):
        return _const(e.value)

    def ex_ExpandableString(self, e):
        parts = []
        for p in e.parts:
            if isinstance(p, str):
                parts.append(p)
            else:
                parts.append(self.expr(p))
        if all(isinstance(p, str) for p in parts):
            return _const("".join(parts))
        to_s = V.to_string_ofs

        def run(f):
            out = []
            for p in parts:
                if p.__class__ is str:
                    out.append(p)
                else:
                    v = p(f)
                    out.append(to_s(v, f))
            return "".join(out)
        return run

    def ex_VariableExpression(self, e):
        from spshell.runtime.variables import compile_variable_read
        return compile_variable_read(e)

    def ex_TypeExpression(self, e):
        tn = e.type_name
        ext = e.extent

        def run(f):
            return V.resolve_type_or_throw(tn, ext)
        return run

    def ex_ConvertExpression(self, e):
        tn = e.type_name
        name = tn.name.lower()
        if name == "ordered" and isinstance(e.child, A.HashtableLiteral):
            return self.hashtable(e.child, OrderedDictionary)
        if name in ("pscustomobject", "system.management.automation.pscustomobject") and \
                isinstance(e.child, A.HashtableLiteral):
            build = self.hashtable(e.child, OrderedDictionary)

            def make_obj(f):
                h = build(f)
                return V.custom_object_from_hashtable(h)
            return make_obj
        if name in ("ref", "system.management.automation.psreference"):
            return self.ref(e.child)
        child = self.expr(e.child)
        if name in ("void", "system.void"):
            def run_void(f):
                child(f)
                return AutomationNull
            return run_void
        ext = e.extent

        def run(f):
            t = V.resolve_type_or_throw(tn, ext)
            v = child(f)
            if v is AutomationNull:
                v = None
            if isinstance(v, list) and getattr(t, "FullName", "") == "System.String":
                return V.to_string_ofs(v, f)  # [string]$array joins with $OFS
            return V.convert_to(v, t)
        return run

    def ref(self, child):
        if isinstance(child, A.VariableExpression):
            from spshell.runtime.variables import variable_ref
            return variable_ref(child)
        ev = self.expr(child)

        def run(f):
            box = [ev(f)]
            return PSReference(lambda: box[0], lambda v: box.__setitem__(0, v))
        return run

    def ex_AttributedExpression(self, e):
        return self.expr(e.child)

    def ex_BinaryExpression(self, e):
        from spshell.runtime.binary import compile_binary
        return compile_binary(self, e)

    def ex_UnaryExpression(self, e):
        from spshell.runtime.binary import compile_unary
        return compile_unary(self, e)

    def ex_TernaryExpression(self, e):
        c = self.expr(e.condition)
        t = self.expr(e.if_true)
        fl = self.expr(e.if_false)
        to_bool = V.to_bool
        return lambda f: t(f) if to_bool(c(f)) else fl(f)

    def ex_ArrayLiteral(self, e):
        items = [self.expr(x) for x in e.elements]

        def run(f):
            out = []
            for it in items:
                v = it(f)
                out.append(None if v is AutomationNull else v)
            return out
        return run

    def ex_ArrayExpression(self, e):
        body = self.block(e.body)

        def run(f):
            out = []
            body(f.with_emit(out.append))
            return out
        return run

    def ex_SubExpression(self, e):
        body = self.block(e.body)

        def run(f):
            out = []
            body(f.with_emit(out.append))
            return collect(out)
        return run

    def ex_ParenExpression(self, e):
        return self.value_of_statement(e.pipeline)

    def ex_HashtableLiteral(self, e):
        return self.hashtable(e, Hashtable)

    def hashtable(self, e, cls):
        pairs = [(self.expr(k), self.value_of_statement(v)) for k, v in e.pairs]

        def run(f):
            h = cls()
            for k, v in pairs:
                key = k(f)
                val = v(f)
                if val is AutomationNull:
                    val = None
                if key in h:
                    exc = E.RuntimeException(
                        f"Duplicate keys '{V.to_string(key)}' are not allowed in hash literals.")
                    E.ErrorRecord(exc, "DuplicateKeyInHashLiteral", "InvalidOperation")
                    raise exc
                h[key] = val
            return h
        return run

    def ex_ScriptBlockExpression(self, e):
        from spshell.runtime.commands import ScriptBlock
        body = e.body
        holder = []

        def run(f):
            if not holder:
                holder.append(self.script_block(body))
            return ScriptBlock(body, holder[0], f.ctx)
        return run

    def ex_MemberExpression(self, e):
        from spshell.runtime.members import compile_member
        return compile_member(self, e)

    def ex_InvokeMemberExpression(self, e):
        from spshell.runtime.members import compile_invoke
        return compile_invoke(self, e)

    def ex_IndexExpression(self, e):
        from spshell.runtime.members import compile_index
        return compile_index(self, e)

    def ex_UsingExpression(self, e):
        return self.expr(e.child)

    # statements used where an expression is expected (rare: the parser hands pipelines)
    def ex_Pipeline(self, e):
        return self.value_of_statement(e)


_compiler = Compiler()


def compile_script(sb: A.ScriptBlockAst):
    return _compiler.script_block(sb)


def compile_expression(e):
    return _compiler.expr(e)


def compile_statement(s):
    return _compiler.statement(s)
