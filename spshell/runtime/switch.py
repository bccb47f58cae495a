"""The switch statement: exact (default), -wildcard, -regex, -casesensitive, -file; script-block
conditions; every matching clause runs; break/continue apply to the switch."""
from __future__ import annotations

from spshell.language import ast as A
from spshell.runtime import errors as E
from spshell.runtime import operators as O
from spshell.runtime.objects import AutomationNull
from spshell.runtime import values as V
from spshell.runtime.enumerator import ListEnumerator


def compile_switch(c, s: A.SwitchStatement):
    flags = set(f.lower() for f in s.flags)
    case = "casesensitive" in flags
    mode = "regex" if "regex" in flags else "wildcard" if "wildcard" in flags else "exact"
    source = c.value_of_statement(s.condition) if s.condition is not None else None
    file_fn = c.expr(s.file) if s.file is not None else None
    clauses = []
    for cl in s.clauses:
        if isinstance(cl.pattern, A.ScriptBlockExpression):
            kind = "script"
            pat = c.expr(cl.pattern)
        else:
            kind = "value"
            pat = c.expr(cl.pattern)
        clauses.append((kind, pat, c.block(cl.body)))
    default = c.block(s.default) if s.default else None
    label = s.label.lower() if s.label else None
    like = O.binary_operator("-clike" if case else "-like")
    match = O.match_operator("-cmatch" if case else "-match")
    eq = O.binary_operator("-ceq" if case else "-eq")

    def items_of(f):
        if file_fn is not None:
            path = f.ctx.resolve_path(V.to_string(file_fn(f)))
            try:
                with open(path, encoding="utf-8") as fh:
                    return [line.rstrip("\r\n") for line in fh]
            except OSError:
                raise E.ps_error(E.ItemNotFoundException,
                                 f"Cannot find path '{path}' because it does not exist.",
                                 "PathNotFound", "ObjectNotFound", str(path))
        v = source(f)
        if v is AutomationNull:
            return []
        it = V.enumerate_object(v)
        return [v] if it is None else it

    def test(f, kind, pat, item):
        if kind == "script":
            sb = pat(f)
            out = f.ctx.invoke_scriptblock(sb, dollar_under=item, dot_source=True,
                                           scope=f.scope)
            return V.to_bool(out[0] if len(out) == 1 else out)
        p = pat(f)
        if p is AutomationNull:
            p = None
        if mode == "regex":
            ok, matches = match(V.to_string(item) if item is not None else "", p)
            if ok and matches is not None:
                f.scope.set_local("matches", matches, "Matches")
            return ok
        if mode == "wildcard":
            return like(V.to_string(item) if item is not None else "", p)
        if isinstance(item, str) or isinstance(p, str):
            a = V.to_string(item) if item is not None else ""
            b = V.to_string(p) if p is not None else ""
            return a == b if case else a.lower() == b.lower()
        return V.to_bool(eq(item, p))

    def run(f):
        vars_ = f.scope.vars
        saved = vars_.get("_")
        enum = ListEnumerator(list(items_of(f)))
        vars_["switch"] = enum
        try:
            while enum.MoveNext():
                item = enum.Current
                vars_["_"] = item
                matched = False
                try:
                    for kind, pat, body in clauses:
                        if test(f, kind, pat, item):
                            matched = True
                            body(f)
                    if not matched and default is not None:
                        default(f)
                except E.ContinueSignal as cs:
                    if cs.label is None or cs.label == label:
                        continue
                    raise
        except E.BreakSignal as b:
            if not (b.label is None or b.label == label):
                raise
        finally:
            vars_["_"] = saved
    return run

