"""A small stand-in for dataclasses.dataclass: fields from annotations and a generated
__init__. The standard module costs ~5 ms of start-up (it imports inspect) for classes that
need none of its other features."""
from __future__ import annotations


class _Field:
    __slots__ = ("default", "default_factory", "repr", "compare")

    def __init__(self, default=None, default_factory=None, repr=True, compare=True):
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare


_NO_DEFAULT = object()


def field(default=_NO_DEFAULT, default_factory=None, repr=True, compare=True):
    return _Field(default, default_factory, repr, compare)


def dataclass(eq=False):
    """Fields come from annotations (inherited ones first); a field without a default after one
    with a default defaults to None."""
    def wrap(cls):
        fields = []
        seen = set()
        for klass in reversed(cls.__mro__):
            for name in klass.__dict__.get("__annotations__", {}):
                if name not in seen:
                    seen.add(name)
                    fields.append(name)
        params, body, env = [], [], {}
        for name in fields:
            default = _NO_DEFAULT
            for klass in cls.__mro__:
                if name in klass.__dict__:
                    default = klass.__dict__[name]
                    break
            if isinstance(default, _Field):
                if default.default_factory is not None:
                    env["_f_" + name] = default.default_factory
                    params.append(f"{name}=_MISSING")
                    body.append(f" self.{name} = _f_{name}() if {name} is _MISSING else {name}")
                    continue
                default = default.default
            if default is _NO_DEFAULT:
                params.append(name if not params or "=" not in params[-1] else f"{name}=None")
            else:
                env["_d_" + name] = default
                params.append(f"{name}=_d_{name}")
            body.append(f" self.{name} = {name}")
        env["_MISSING"] = _NO_DEFAULT
        src = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or " pass")
        exec(src, env)  # noqa: S102 - generated from our own field names
        cls.__init__ = env["__init__"]
        names = tuple(fields)
        cls._fields = names

        def __repr__(self):
            return f"{type(self).__name__}(" + ", ".join(
                f"{n}={getattr(self, n)!r}" for n in names if n != "extent") + ")"
        cls.__repr__ = __repr__
        return cls
    return wrap

