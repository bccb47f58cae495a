"""The PSObject view of any value: ``$x.PSObject.Properties``, ``.TypeNames``, ``.Copy()``,
and ``$x.PSTypeNames``."""
from __future__ import annotations

import copy as _copy
import fnmatch

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig
from spshell.runtime.dotnet.common import ObjectAdapter
from spshell.runtime.objects import PSCustomObject, PSNoteProperty


def _types():
    from spshell.runtime import types
    return types


class _MemberInfo:
    """PSMemberInfo: Name, MemberType, Value, TypeNameOfValue, IsGettable/IsSettable."""

    __ps_type__ = "System.Management.Automation.PSMemberInfo"
    _member_type = "Property"

    def __init__(self, owner, name, settable=True):
        self._owner = owner
        self._name = name
        self._settable = settable

    @property
    def Name(self):
        return self._name

    @property
    def MemberType(self):
        return self._member_type

    @property
    def Value(self):
        return _types().get_property(self._owner, self._name)

    @Value.setter
    def Value(self, v):
        _types().set_property(self._owner, self._name, v)

    @property
    def TypeNameOfValue(self):
        v = self.Value
        return _types().type_name_of(v) if v is not None else "System.Object"

    @property
    def IsGettable(self):
        return True

    @property
    def IsSettable(self):
        return self._settable

    @property
    def IsInstance(self):
        return True

    def ToString(self):
        from spshell.runtime.types import _short
        return f"{_short(self.TypeNameOfValue)} {self._name}"

    def __str__(self):
        return self.ToString()

    def __repr__(self):
        return f"{type(self).__name__}({self._name!r})"


class NotePropertyInfo(_MemberInfo):
    __ps_type__ = "System.Management.Automation.PSNoteProperty"
    _member_type = "NoteProperty"

    def ToString(self):
        from spshell.runtime.types import _short, _arg_text
        return f"{_short(self.TypeNameOfValue)} {self._name}={_arg_text(self.Value)}"


class AdaptedPropertyInfo(_MemberInfo):
    __ps_type__ = "System.Management.Automation.PSProperty"
    _member_type = "Property"


class ScriptPropertyInfo(_MemberInfo):
    __ps_type__ = "System.Management.Automation.PSScriptProperty"
    _member_type = "ScriptProperty"


class AliasPropertyInfo(_MemberInfo):
    __ps_type__ = "System.Management.Automation.PSAliasProperty"
    _member_type = "AliasProperty"


class MethodInfo(_MemberInfo):
    __ps_type__ = "System.Management.Automation.PSMethod"
    _member_type = "Method"

    @property
    def Value(self):
        return _types().get_property(self._owner, self._name)

    @property
    def OverloadDefinitions(self):
        v = self.Value
        return getattr(v, "OverloadDefinitions", [])

    def Invoke(self, *args):
        return _types().invoke_method(self._owner, self._name, list(args))


class MemberCollection:
    """PSMemberInfoCollection: enumerable, indexable by name, Add/Remove/Match."""

    __ps_type__ = "System.Management.Automation.PSMemberInfoCollection`1"
    __ps_collection__ = True

    def __init__(self, owner, kinds):
        self._owner = owner
        self._kinds = kinds  # "properties" | "methods" | "members"

    def _items(self):
        t = _types()
        obj = self._owner
        out = []
        if self._kinds in ("properties", "members"):
            ets = t._ets_get(obj)
            ets_members = ets.members if ets is not None else {}
            for name in t.property_names(obj):
                low = name.lower()
                entry = ets_members.get(low)
                if isinstance(obj, PSCustomObject) and obj.has(name):
                    out.append(NotePropertyInfo(obj, name))
                elif entry is not None:
                    kind = entry[0]
                    cls = {"noteproperty": NotePropertyInfo, "scriptproperty": ScriptPropertyInfo,
                           "aliasproperty": AliasPropertyInfo}.get(kind, AdaptedPropertyInfo)
                    out.append(cls(obj, name, kind != "scriptproperty" or entry[3] is not None))
                else:
                    out.append(AdaptedPropertyInfo(obj, name, _settable(obj, name)))
        if self._kinds in ("methods", "members"):
            for m in t.get_members(obj):
                if "Method" in m.MemberType:
                    out.append(MethodInfo(obj, m.Name, False))
        return out

    def __iter__(self):
        return iter(self._items())

    def __len__(self):
        return len(self._items())

    def __getitem__(self, key):
        if isinstance(key, int):
            items = self._items()
            return items[key] if -len(items) <= key < len(items) else None
        low = str(key).lower()
        for m in self._items():
            if m.Name.lower() == low:
                return m
        return None

    @property
    def Count(self):
        return len(self._items())

    @sig("System.Management.Automation.PSMemberInfo Item(string name)")
    def Item(self, name):
        return self[name]

    @sig("System.Collections.ObjectModel.ReadOnlyPSMemberInfoCollection Match(string name)")
    def Match(self, pattern):
        return [m for m in self._items() if fnmatch.fnmatchcase(m.Name.lower(),
                                                                str(pattern).lower())]

    @sig("void Add(System.Management.Automation.PSMemberInfo member)",
         "void Add(System.Management.Automation.PSMemberInfo member, bool preValidated)")
    def Add(self, member, prevalidated=False):
        name = getattr(member, "Name", None)
        if name is None:
            raise E.ArgumentException("Cannot add a member that has no name.")
        kind = "NoteProperty"
        if isinstance(member, _MemberInfo):
            kind = member.MemberType
        value = getattr(member, "Value", None)
        _types().add_member(self._owner, kind, name, value)

    @sig("void Remove(string name)")
    def Remove(self, name):
        obj = self._owner
        t = _types()
        if isinstance(obj, PSCustomObject) and obj.has(name):
            obj.remove(name)
            return
        ets = t._ets_get(obj)
        if ets is not None:
            ets.members.pop(str(name).lower(), None)

    def ToString(self):
        return "System.Management.Automation.PSMemberInfoCollection`1"


def _settable(obj, name):
    t = _types()
    info = t._info(obj.__class__)
    m = info.members.get(name.lower())
    if m is None:
        return True
    if m.kind == t.PROP:
        return m.setter is not None
    desc = t._class_attr(obj.__class__, m.name)
    return not (isinstance(desc, property) and desc.fset is None)


class TypeNameList(list):
    """$x.PSTypeNames / $x.PSObject.TypeNames: a live list; Insert/Add/Remove write back."""

    __ps_type__ = "System.Collections.ObjectModel.Collection`1"

    def __init__(self, owner):
        list.__init__(self, _types().type_names_of(owner))
        self._owner = owner

    def _store(self):
        _types().set_type_names(self._owner, list(self))

    @property
    def Count(self):
        return len(self)

    def Insert(self, index, name):
        if not 0 <= index <= len(self):
            raise E.ArgumentOutOfRangeException(
                "Index must be within the bounds of the List. (Parameter 'index')")
        self.insert(index, str(name))
        self._store()

    def Add(self, name):
        self.append(str(name))
        self._store()

    def Remove(self, name):
        if name in self:
            self.remove(name)
            self._store()
            return True
        return False

    def RemoveAt(self, index):
        if not 0 <= index < len(self):
            raise E.ArgumentOutOfRangeException(
                "Index was out of range. Must be non-negative and less than the size of the "
                "collection. (Parameter 'index')")
        del self[index]
        self._store()

    def Clear(self):
        del self[:]
        self._store()

    def Contains(self, name):
        return name in self

    def IndexOf(self, name):
        return self.index(name) if name in self else -1


class PSObjectView:
    """System.Management.Automation.PSObject as reached through ``.PSObject``."""

    __ps_type__ = "System.Management.Automation.PSObject"

    def __init__(self, obj):
        self._obj = obj

    @property
    def Properties(self):
        return MemberCollection(self._obj, "properties")

    @property
    def Methods(self):
        return MemberCollection(self._obj, "methods")

    @property
    def Members(self):
        return MemberCollection(self._obj, "members")

    @property
    def TypeNames(self):
        return TypeNameList(self._obj)

    @property
    def BaseObject(self):
        return self._obj

    @property
    def ImmediateBaseObject(self):
        return self._obj

    def Copy(self):
        o = self._obj
        if isinstance(o, PSCustomObject):
            new = PSCustomObject(type_names=o.type_names)
            for k, v in o.items():
                new.add(k, v)
        else:
            try:
                new = _copy.copy(o)
            except TypeError:
                new = o
        t = _types()
        ets = t._ets_get(o)
        if ets is not None and new is not o:
            e2 = t._ets_for(new)
            e2.members = dict(ets.members)
            e2.type_names = list(ets.type_names) if ets.type_names is not None else None
        return new

    def ToString(self):
        from spshell.runtime.conversion import to_string
        return to_string(self._obj)

    def __str__(self):
        return self.ToString()

    def __repr__(self):
        return f"PSObject({self._obj!r})"


class PSCustomObjectAdapter(ObjectAdapter):
    @sig("string ToString()")
    def ToString(o):
        return ""  # PSCustomObject's base object has an empty ToString ("$o" differs)

    @sig("bool Equals(System.Object obj)")
    def Equals(o, other):
        return o is other


class PSObjectStatics:
    @sig("static psobject new()", "static psobject new(System.Object obj)")
    def new(obj=None):
        return PSCustomObject() if obj is None else obj

    @sig("static psobject AsPSObject(System.Object obj)")
    def AsPSObject(obj):
        if obj is None:
            raise E.PSArgumentNullException("Value cannot be null. (Parameter 'obj')")
        return obj


__all__ = ["PSObjectView", "TypeNameList", "MemberCollection", "PSNoteProperty"]
