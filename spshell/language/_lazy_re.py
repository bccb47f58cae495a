"""Regular expressions compiled on first use.

Compiling the tokenizer's and parser's patterns costs about a millisecond of start-up, paid even
by a short `-Command` that needs few of them. A ``LazyPattern`` stands in for a module-level
pattern: the first attribute access (``.match``, ``.search`` ...) compiles it and rebinds the
module global to the real ``re.Pattern``, so later uses go straight to the compiled pattern and
the steady state pays nothing for the laziness.
"""
from __future__ import annotations

import re


class LazyPattern:
    __slots__ = ("_namespace", "_name", "_pattern", "_flags", "_compiled")

    def __init__(self, namespace: dict, name: str, pattern: str, flags: int = 0):
        self._namespace = namespace
        self._name = name
        self._pattern = pattern
        self._flags = flags
        self._compiled = None

    def compile(self) -> re.Pattern:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
            if self._namespace.get(self._name) is self:
                self._namespace[self._name] = compiled
        return compiled

    def __getattr__(self, attr):
        # only reached for the pattern's own attributes (ours are slots)
        return getattr(self.compile(), attr)

    def __repr__(self):
        return f"LazyPattern({self._pattern!r})"


def lazy(namespace: dict, name: str, pattern: str, flags: int = 0) -> LazyPattern:
    """``NAME = lazy(globals(), "NAME", r"...")``: a pattern compiled when first used."""
    return LazyPattern(namespace, name, pattern, flags)
