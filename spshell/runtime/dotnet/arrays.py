"""T[]: the class of typed arrays.

Its own module because binding any ``string[]`` parameter needs it, and the rest of the
collections module (ArrayList, List[T], Dictionary[K,V]...) is a millisecond of import that most
commands never use.
"""
from __future__ import annotations


class TypedArray(list):
    """T[] for T other than Object: a list whose class knows its element type (a PSType); the
    engine converts assignments to it, Clear() resets elements to T's default."""

    element_type = None
    _cache: dict = {}

    @classmethod
    def construct(cls, element):
        sub = TypedArray._cache.get(element.full_name)
        if sub is None:
            sub = type(f"{element.Name}[]", (TypedArray,), {"element_type": element})
            TypedArray._cache[element.full_name] = sub
        return sub

    def __repr__(self):
        return f"{type(self).__name__}({list.__repr__(self)})"
