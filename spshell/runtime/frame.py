"""The per-invocation state compiled code runs against, and the output sinks."""
from __future__ import annotations

from spshell.runtime.objects import AutomationNull


class Frame:
    """What a compiled closure receives: the session, the current scope, where output goes, and
    the stream redirections in force. Cheap to derive (`with_emit`) because pipelines and
    sub-expressions each need their own output sink."""

    __slots__ = ("ctx", "scope", "emit", "streams", "script_block", "invocation", "in_loop")

    def __init__(self, ctx, scope, emit, streams=None, script_block=None, invocation=None):
        self.ctx = ctx
        self.scope = scope
        self.emit = emit
        self.streams = streams  # None = the host; else a StreamRedirect
        self.script_block = script_block
        self.invocation = invocation

    def with_emit(self, emit):
        f = Frame(self.ctx, self.scope, emit, self.streams, self.script_block, self.invocation)
        return f

    def with_scope(self, scope, emit=None):
        return Frame(self.ctx, scope, self.emit if emit is None else emit, self.streams,
                     self.script_block, self.invocation)


class StreamRedirect:
    """Where each non-success stream goes for the statements under a redirection.
    Each entry is None (inherit), "null" (discard), "out" (merge into success output: a callable
    is stored instead), or a callable taking the record."""

    __slots__ = ("error", "warning", "verbose", "debug", "information", "parent")

    def __init__(self, parent=None):
        self.parent = parent
        self.error = self.warning = self.verbose = self.debug = self.information = None

    def target(self, stream):
        s = self
        while s is not None:
            t = getattr(s, stream)
            if t is not None:
                return t
            s = s.parent
        return None


def collect(values):
    """Pipeline results as PowerShell hands them to an assignment or `( )`: nothing ->
    AutomationNull, one -> itself, more -> object[]."""
    n = len(values)
    if n == 0:
        return AutomationNull
    if n == 1:
        return values[0]
    return values
