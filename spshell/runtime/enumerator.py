"""The enumerator scripts see as $foreach, $switch and $input: MoveNext/Current/Reset over a
list, and a Python iterator for the loop that owns it."""
from __future__ import annotations


class ListEnumerator:
    __ps_type__ = "System.Collections.IEnumerator"

    def __init__(self, items):
        self._items = items if isinstance(items, (list, tuple)) else list(items)
        self._i = -1

    def __iter__(self):
        return self

    def __next__(self):
        self._i += 1
        if self._i >= len(self._items):
            raise StopIteration
        return self._items[self._i]

    def MoveNext(self):
        self._i += 1
        return self._i < len(self._items)

    @property
    def Current(self):
        return self._items[self._i] if 0 <= self._i < len(self._items) else None

    def Reset(self):
        self._i = -1
