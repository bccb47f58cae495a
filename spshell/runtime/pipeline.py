"""Pipelines: one processor per element, objects streamed one at a time from each processor's
output into the next one's input (PowerShell's begin/process/end protocol)."""
from __future__ import annotations

from spshell.language import ast as A
from spshell.runtime import errors as E
from spshell.runtime.binding import Arg
from spshell.runtime.frame import StreamRedirect
from spshell.runtime.objects import AutomationNull, Hashtable
from spshell.runtime import values as V

NO_INPUT = object()


def compile_pipeline(c, p: A.Pipeline):
    from spshell.runtime.compiler import emit_value
    elements = p.elements
    if len(elements) == 1 and isinstance(elements[0], A.CommandExpression) and \
            not elements[0].redirections:
        expr_ast = elements[0].expression
        expr = c.expr(expr_ast)
        # `++$i` / `$i++` as a statement writes nothing
        silent = isinstance(expr_ast, A.UnaryExpression) and expr_ast.operator in (
            "++", "--", "post++", "post--")
        if silent:
            def run_silent(f):
                expr(f)
                f.ctx.last_success = True
            return run_silent

        def run_expr(f):
            v = expr(f)
            f.ctx.last_success = True
            if v is AutomationNull:
                return
            emit = f.emit
            if v.__class__ in (str, int, float, bool) or v is None:
                emit(v)
            else:
                emit_value(emit, v)
        run_expr.expr = expr
        return run_expr

    factories = []
    for i, el in enumerate(elements):
        if isinstance(el, A.CommandExpression):
            factories.append(_expression_factory(c, el))
        else:
            factories.append(_command_factory(c, el))
    ext = p.extent

    def run(f):
        run_pipeline(f, factories, ext)
    return run


def run_pipeline(f, factories, ext=None, input_objects=NO_INPUT):
    ctx = f.ctx
    procs = []
    n = len(factories)
    for i, fac in enumerate(factories):
        procs.append(fac(f, i + 1, i > 0 or input_objects is not NO_INPUT))
    # wire outputs: each processor writes into the next one's input; the last into the frame
    for i in range(n - 1):
        procs[i].set_downstream(procs[i + 1].process_input)
    procs[-1].set_downstream(f.emit)
    token = object()  # tells this pipeline's stop requests from an enclosing pipeline's
    for i, pr in enumerate(procs):
        pr.index = i
        pr.pipeline_token = token
    ok = True
    ended = 0
    try:
        for pr in procs:
            pr.begin()
        first = procs[0]
        if input_objects is not NO_INPUT:
            for obj in input_objects:
                first.process_input(obj)
        else:
            first.run_first()
        for pr in procs:
            pr.end()
            ended += 1
    except E.StopUpstream as stop:
        if not (isinstance(stop.token, tuple) and stop.token[0] is token):
            raise
        # the commands before the one that asked to stop are abandoned; it and the ones after
        # it still finish
        for pr in procs[max(stop.token[1], ended):]:
            try:
                pr.end()
            except E.StopUpstream as again:
                if not (isinstance(again.token, tuple) and again.token[0] is token):
                    raise
    finally:
        for pr in procs:
            pr.dispose()
            if pr.had_error:
                ok = False
    ctx.last_success = ok


# ------------------------------------------------------------------------------ expressions

def _expression_factory(c, el: A.CommandExpression):
    expr = c.expr(el.expression)
    redirs = [_compile_redirection(c, r) for r in el.redirections]

    def make(f, position, expect_input):
        return ExpressionProcessor(f, expr, redirs)
    return make


class Processor:
    index = 0
    had_error = False

    def set_downstream(self, downstream):
        self.downstream = downstream

    def begin(self):
        pass

    def run_first(self):
        self.process_input(NO_INPUT)

    def process_input(self, obj):
        pass

    def end(self):
        pass

    def dispose(self):
        pass


class ExpressionProcessor(Processor):
    def __init__(self, f, expr, redirs):
        self.f = f
        self.expr = expr
        self.redirs = redirs
        self.redirect = None

    def set_downstream(self, downstream):
        self.downstream = downstream
        if self.redirs:
            self.redirect = Redirector(self.f, self.redirs, downstream)
            self.downstream = self.redirect.output

    def run_first(self):
        from spshell.runtime.compiler import emit_value
        f = self.f if self.redirect is None else self.redirect.frame
        v = self.expr(f)
        emit_value(self.downstream, v)

    def dispose(self):
        if self.redirect is not None:
            self.redirect.close()


# --------------------------------------------------------------------------------- commands

def _command_factory(c, cmd: A.Command):
    els = cmd.elements
    name_el = els[0]
    op = cmd.invocation_operator
    if op is None and isinstance(name_el, A.StringConstant):
        static_name = name_el.value
        name_fn = None
    else:
        static_name = None
        name_fn = c.expr(name_el)
    arg_makers = []
    for el in els[1:]:
        if isinstance(el, A.CommandParameter):
            value_fn = c.expr(el.argument) if el.argument is not None else None
            arg_makers.append(("param", el.name, value_fn, el.extent, el.colon, el.extent.text))
        elif isinstance(el, A.VariableExpression) and el.splatted:
            arg_makers.append(("splat", el.name, c.expr(A.VariableExpression(
                el.extent, el.name, el.scope, False)), el.extent, False, None))
        else:
            arg_makers.append(("value", None, c.expr(el), el.extent, False, None))
    redirs = [_compile_redirection(c, r) for r in cmd.redirections]
    ext = cmd.extent

    def make(f, position, expect_input):
        if static_name is not None:
            target = static_name
        else:
            target = name_fn(f)
        args = []
        for kind, name, value_fn, aext, colon, text in arg_makers:
            if kind == "value":
                v = value_fn(f)
                args.append(Arg(None, None if v is AutomationNull else v, True, aext))
            elif kind == "param":
                if value_fn is None:
                    args.append(Arg(name, None, False, aext, colon, text))
                else:
                    v = value_fn(f)
                    args.append(Arg(name, None if v is AutomationNull else v, True, aext,
                                    True, text))
            else:
                args.extend(_splat(value_fn(f), aext))
        return f.ctx.make_processor(f, target, args, op, ext, position, expect_input, redirs)
    return make


def _splat(value, ext):
    if isinstance(value, Hashtable) or isinstance(value, dict):
        out = []
        for k, v in value.items():
            a = Arg(str(k), v, True, ext, True, "-" + str(k))
            a.splatted_name = True
            out.append(a)
        return out
    items = V.enumerate_object(value)
    if items is None:
        return [] if value is None else [Arg(None, value, True, ext)]
    return [Arg(None, v, True, ext) for v in items]


# ------------------------------------------------------------------------------ redirection

def _compile_redirection(c, r: A.Redirection):
    target = None
    if r.target is not None:
        if isinstance(r.target, A.VariableExpression) and r.target.name.lower() == "null" \
                and not r.target.scope:
            target = "null"
        else:
            target = c.expr(r.target)
    return (r.from_stream, r.to_stream, target, r.append)


class Redirector:
    """Applies one element's redirections: merges streams into output, discards them, or sends
    them to files (written when the element ends, as Out-File would)."""

    def __init__(self, f, redirs, downstream):
        self.downstream = downstream
        self.files = []  # (path, append, lines)
        self.streams = StreamRedirect(f.streams)
        self.discard_output = False
        self.output_file = None
        out = self._out
        for from_s, to_s, target, append in redirs:
            kinds = _stream_names(from_s)
            if to_s is not None:  # merge into success output (2>&1, *>&1)
                for k in kinds:
                    if k != "output":
                        setattr(self.streams, k, self._merge)
                continue
            if target == "null":
                for k in kinds:
                    if k == "output":
                        self.discard_output = True
                    else:
                        setattr(self.streams, k, _discard)
                continue
            path = V.to_string(target(f))
            sink = _FileSink(f.ctx, path, append)
            self.files.append(sink)
            for k in kinds:
                if k == "output":
                    self.output_file = sink
                else:
                    setattr(self.streams, k, sink.add_record)
        self.frame = f.with_emit(out)
        self.frame.streams = self.streams
        del out

    def _merge(self, record):
        self.downstream(record)

    def _out(self, obj):
        if self.discard_output:
            return
        if self.output_file is not None:
            self.output_file.add(obj)
            return
        self.downstream(obj)

    def output(self, obj):
        self._out(obj)

    def close(self):
        for sink in self.files:
            sink.close()


def _discard(record):
    return None


def _stream_names(s):
    m = {"1": ["output"], "2": ["error"], "3": ["warning"], "4": ["verbose"], "5": ["debug"],
         "6": ["information"],
         "*": ["output", "error", "warning", "verbose", "debug", "information"]}
    return m.get(str(s), ["output"])


class _FileSink:
    def __init__(self, ctx, path, append):
        self.ctx = ctx
        self.path = ctx.resolve_path(path)
        self.append = append
        self.objects = []
        self.closed = False
        # pwsh creates/truncates the file even when nothing is written
        try:
            with open(self.path, "a" if append else "w", encoding="utf-8"):
                pass
        except OSError as exc:
            raise E.ps_error(E.IOException, f"Could not find a part of the path '{path}'."
                             if isinstance(exc, FileNotFoundError) else str(exc),
                             "FileOpenFailure", "OpenError", path)

    def add(self, obj):
        self.objects.append(obj)

    def add_record(self, record):
        self.objects.append(record)

    def close(self):
        if self.closed:
            return
        self.closed = True
        from spshell.formatting import render
        text = render(self.objects, width=self.ctx.host.width) if self.objects else ""
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(text)
