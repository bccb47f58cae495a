"""try/catch/finally: typed catch clauses, $_ as the ErrorRecord, rethrow with a bare `throw`."""
from __future__ import annotations

from spshell.language import ast as A
from spshell.runtime import errors as E
from spshell.runtime.scopes import MISSING


def compile_try(c, s: A.TryStatement):
    body = c.block(s.body)
    catches = [(list(cl.types), c.block(cl.body)) for cl in s.catches]
    fin = c.block(s.finally_body) if s.finally_body else None
    ext = s.extent

    def run(f):
        ctx = f.ctx
        try:
            ctx.try_depth += 1
            try:
                body(f)
            finally:
                ctx.try_depth -= 1
        except (E.FlowSignal, KeyboardInterrupt):
            if fin is not None:
                fin(f)
            raise
        except Exception as exc:  # noqa: BLE001 - every script-visible failure is catchable
            if not isinstance(exc, E.DotNetException):
                exc = ctx.internal_error(exc)
            handler = _find_handler(catches, exc)
            if handler is None:
                if fin is not None:
                    fin(f)
                raise exc
            rec = ctx.ensure_record(exc, ext)
            ctx.errors.add(rec)
            vars_ = f.scope.vars
            saved = vars_.get("_", MISSING)
            vars_["_"] = rec
            ctx.caught.append(rec)
            try:
                handler(f)
            finally:
                ctx.caught.pop()
                if saved is MISSING:
                    vars_.pop("_", None)
                else:
                    vars_["_"] = saved
                if fin is not None:
                    fin(f)
            return
        if fin is not None:
            fin(f)
    return run


def _find_handler(catches, exc):
    from spshell.runtime import types
    from spshell.runtime.context import exception_matches
    for type_names, block in catches:
        if not type_names:
            return block
        for tn in type_names:
            t = types.resolve_type(tn)
            if t is None:
                raise E.ps_error(E.RuntimeException, f"Unable to find type [{tn.full_text()}].",
                                 "TypeNotFound", "InvalidOperation")
            if exception_matches(exc, t):
                return block
    return None
