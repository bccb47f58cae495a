"""The vocabulary the emulated .NET members are written in.

An *adapter* is a plain class whose body lists the .NET members of some Python value type:

* a function decorated with ``@sig("string Substring(int startIndex)", ...)`` is an instance
  method called as ``fn(value, *converted_args)``; the signatures give Get-Member its definitions,
  pick the overload by argument count, and convert the arguments to the declared parameter types;
* ``@prop("int")`` makes a property ``fn(value)`` (``.setter`` adds a setter ``fn(value, new)``).

A *statics* class lists a type's static members the same way, except that functions are called
without a value (``fn(*args)``), ``@static_prop`` marks computed properties and any other
upper-case class attribute is a constant property (``[math]::PI``).
"""
from __future__ import annotations

import re

_SIG_RE = re.compile(r"^\s*(?:static\s+)?(?P<ret>[\w.`\[\], +]+?)\s+(?P<name>\w+)\s*\((?P<params>.*)\)\s*$")
_PARSED = frozenset(("ret", "name", "params", "min_args", "max_args"))


class Param:
    __slots__ = ("type_name", "name", "optional", "is_params")

    def __init__(self, type_name, name, optional=False, is_params=False):
        self.type_name = type_name
        self.name = name
        self.optional = optional
        self.is_params = is_params


def _split_params(text):
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur))
    return [p.strip() for p in parts]


class Signature:
    """One overload, parsed from its C#-like text: ``ret Name(type name, params T[] rest)``;
    ``type name = default`` marks an optional parameter. The text is parsed on first use: every
    start-up imports adapters declaring many overloads, and a script calls few of them."""

    __slots__ = ("text", "ret", "name", "params", "min_args", "max_args")

    def __init__(self, text):
        self.text = text.strip()

    def __getattr__(self, attr):
        # reached only for a slot not filled yet, i.e. before the text was parsed
        if attr in _PARSED:
            self._parse()
            return object.__getattribute__(self, attr)
        raise AttributeError(attr)

    def _parse(self):
        m = _SIG_RE.match(self.text)
        if not m:
            raise ValueError(f"bad signature: {self.text}")
        params = []
        for p in _split_params(m.group("params")):
            optional = "=" in p
            if optional:
                p = p.split("=", 1)[0].strip()
            is_params = p.startswith("params ")
            if is_params:
                p = p[len("params "):]
            tname, _, pname = p.rpartition(" ")
            params.append(Param(tname.strip(), pname.strip(), optional, is_params))
        required = [p for p in params if not p.optional and not p.is_params]
        self.ret = m.group("ret").strip()
        self.name = m.group("name")
        self.params = params
        self.min_args = len(required)
        self.max_args = None if any(p.is_params for p in params) else len(params)

    def accepts(self, n):
        return n >= self.min_args and (self.max_args is None or n <= self.max_args)

    def definition(self):
        """Get-Member style: 'string Substring(int startIndex)'."""
        out = []
        for p in self.params:
            s = f"{p.type_name} {p.name}"
            if p.is_params:
                s = "Params " + s
            out.append(s)
        return f"{self.ret} {self.name}({', '.join(out)})"


def sig(*texts):
    """Declare the overloads of an adapter method."""
    def deco(fn):
        fn.__ps_sigs__ = tuple(Signature(t) for t in texts)
        return fn
    return deco


class prop:
    """An adapter property: ``@prop("int")`` over ``def Length(value)``."""

    def __init__(self, type_name="System.Object", getter=None, settable=False):
        self.type_name = type_name
        self.getter = getter
        self.setter_fn = None
        self.settable = settable

    def __call__(self, fn):
        self.getter = fn
        self.__name__ = fn.__name__
        return self

    def setter(self, fn):
        self.setter_fn = fn
        return self

    def definition(self, name):
        acc = "{get;set;}" if self.setter_fn else "{get;}"
        return f"{self.type_name} {name} {acc}"


class static_prop(prop):
    """A computed static property (``[datetime]::Now``): getter takes no value."""


def short_type_name(full):
    """The short names Get-Member prints for common types ('System.String' -> 'string')."""
    return _SHORT.get(full, full)


_SHORT = {
    "System.String": "string", "System.Int32": "int", "System.Int64": "long",
    "System.Boolean": "bool", "System.Double": "double", "System.Single": "float",
    "System.Decimal": "decimal", "System.Char": "char", "System.Byte": "byte",
    "System.Object": "System.Object", "System.DateTime": "datetime", "System.Int16": "short",
    "System.UInt32": "uint", "System.UInt64": "ulong", "System.UInt16": "ushort",
    "System.SByte": "sbyte", "System.Object[]": "System.Object[]", "System.String[]": "string[]",
    "System.Void": "void",
}
