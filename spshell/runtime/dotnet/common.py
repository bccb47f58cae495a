"""Members every value has (System.Object) and those of exceptions."""
from __future__ import annotations

from spshell.runtime.dotnet.base import sig, prop


def to_string(v):
    from spshell.runtime.conversion import to_string as ts
    return ts(v)


def dotnet_equals(a, b):
    """Object.Equals: value equality for values of the same type, identity otherwise."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    from spshell.runtime.types import type_of
    if isinstance(a, (int, float, str)) or type(a).__eq__ is not object.__eq__:
        return type_of(a) is type_of(b) and a == b
    return False


def set_ref(ref, v):
    """Store v in a [ref] argument (an out/ref parameter of a .NET method)."""
    if ref is None or not hasattr(ref, "Value"):
        from spshell.runtime.errors import ArgumentException
        raise ArgumentException("The argument must be a [ref].")
    ref.Value = v


def try_parse(parse, ref, default, errors=None):
    """The .NET TryParse/TryCreate pattern: parse()'s value into ref (default when it raises
    one of errors, FormatException/ArgumentNullException unless told) and whether it worked."""
    from spshell.runtime import errors as E
    try:
        v, ok = parse(), True
    except errors or (E.FormatException, E.ArgumentNullException):
        v, ok = default, False
    set_ref(ref, v)
    return ok


class ObjectAdapter:
    @sig("type GetType()")
    def GetType(o):
        from spshell.runtime.types import type_of
        return type_of(o)

    @sig("string ToString()")
    def ToString(o):
        return to_string(o)

    @sig("bool Equals(System.Object obj)")
    def Equals(o, other):
        return dotnet_equals(o, other)

    @sig("int GetHashCode()")
    def GetHashCode(o):
        try:
            return hash(o) & 0x7FFFFFFF
        except TypeError:
            return id(o) & 0x7FFFFFFF


class ExceptionAdapter(ObjectAdapter):
    """System.Exception members beyond Message/InnerException (which the exception carries)."""

    @prop("string")
    def Message(e):
        m = getattr(e, "Message", None)
        return m if m is not None else str(e)

    @prop("System.Collections.IDictionary")
    def Data(e):
        d = e.__dict__.get("_ps_data")
        if d is None:
            from spshell.runtime.objects import Hashtable
            d = e.__dict__["_ps_data"] = Hashtable()
        return d

    @prop("System.Exception")
    def InnerException(e):
        return getattr(e, "InnerException", None) or e.__cause__

    @prop("System.Reflection.MethodBase")
    def TargetSite(e):
        return None

    @prop("string")
    def StackTrace(e):
        return None

    @prop("string")
    def HelpLink(e):
        return e.__dict__.get("_ps_helplink")

    @HelpLink.setter
    def HelpLink(e, v):
        e.__dict__["_ps_helplink"] = v

    @prop("string")
    def Source(e):
        return e.__dict__.get("_ps_source")

    @Source.setter
    def Source(e, v):
        e.__dict__["_ps_source"] = v

    @prop("int")
    def HResult(e):
        return -2146233088

    @sig("System.Exception GetBaseException()")
    def GetBaseException(e):
        while getattr(e, "InnerException", None) is not None:
            e = e.InnerException
        return e

    @sig("string ToString()")
    def ToString(e):
        t = getattr(type(e), "__ps_type__", "System.Exception")
        return f"{t}: {ExceptionAdapter.Message.getter(e)}"
