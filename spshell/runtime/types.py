""".NET-style type registry and member access.

* ``resolve_type(name)`` maps .NET full names and accelerators (case-insensitive, with generic and
  array syntax) to ``PSType`` objects - what ``[int]`` evaluates to.
* ``get_property`` / ``set_property`` / ``invoke_method`` (and the static variants) implement
  PowerShell's member access over plain Python values: a per-class table ``lower name -> member``
  built once from the emulated .NET adapters (``spshell.runtime.dotnet``) and the class's own
  upper-case attributes (the objects.py member rule), so a lookup on the hot path is a dict hit.
* ``type_name_of`` / ``type_names_of`` / ``type_of`` / ``is_instance`` answer what PowerShell's
  ``GetType()``, ``PSTypeNames``, ``-is`` and ``catch [T]`` need.

What a Python class may declare (all optional; see objects.py for the member rule):
``__ps_type__`` / ``__ps_type_names__`` / ``__ps_default_display__``; ``__ps_new__`` (a
classmethod constructor for ``[T]::new`` / New-Object, with ``@sig`` overloads from
``spshell.runtime.dotnet.base``); ``@sig`` on methods (overloads, argument conversion, Get-Member
definitions); ``__ps_convert__`` (classmethod used by ``[T]$value``); ``__ps_collection__``
(member enumeration over the object); ``__ps_dictionary__`` (``$obj.key`` reads keys);
``__ps_get_member__(name) -> (found, value)`` / ``__ps_set_member__(name, value) -> bool`` /
``__ps_property_names__()`` for objects whose members are data ([xml]). Static members are the
class's upper-case ``@staticmethod``/``@classmethod`` functions, or a separate statics class
given to ``register_type(..., statics="pkg.mod:Statics")``.

Hooks the engine sets (module attributes): ``console_writer(text)`` for [Console]::Write*,
``computer_name_hook()`` for [Environment]::MachineName, ``script_invoker(scriptblock, this,
args)`` for ScriptProperty/ScriptMethod members, ``assembly_load_hooks`` (name -> callable or
Assembly) consulted by [System.Reflection.Assembly]::LoadWithPartialName,
``current_directory_hook()`` (the session location) for relative paths in [System.IO.*].
"""
from __future__ import annotations

import importlib
import enum as _enum
import sys
import weakref
from types import FunctionType, BuiltinFunctionType

from spshell.runtime import errors as _err
from spshell.runtime.objects import (PSCustomObject, Hashtable, OrderedDictionary,
                                     AutomationNull)

_MISSING = object()

# ---- engine hooks --------------------------------------------------------------------------
console_writer = None         # callable(text) for [Console]::Write/WriteLine; None -> sys.stdout
computer_name_hook = None     # callable() -> the session's computer name
script_invoker = None         # callable(scriptblock, this, args) -> value
assembly_load_hooks: dict = {}  # lower assembly name -> callable(name) -> Assembly | Assembly
current_directory_hook = None  # callable() -> the session's current file-system location


def load_ref(ref):
    """'pkg.mod:Name.Attr' -> the object. Refs starting with '.' are relative to dotnet/."""
    mod, _, attr = ref.partition(":")
    if mod.startswith("."):
        mod = "spshell.runtime.dotnet" + mod
    obj = importlib.import_module(mod)
    for part in attr.split("."):
        if part:
            obj = getattr(obj, part)
    return obj


def _conversion():
    from spshell.runtime import conversion
    return conversion


# =============================================================================================
# PSType


class PSType:
    """A .NET type as scripts see it (System.RuntimeType)."""

    __ps_type__ = "System.RuntimeType"
    __ps_type_names__ = ("System.RuntimeType", "System.Reflection.TypeInfo", "System.Type",
                         "System.Reflection.MemberInfo", "System.Object")
    __ps_default_display__ = ("IsPublic", "IsSerial", "Name", "BaseType")

    def __init__(self, full_name, cls=None, *, ref=None, base="System.Object", value_type=False,
                 statics=None, element_type=None, generic_args=(), generic_def=None,
                 interface=False, abstract=False, serializable=True, enum=False,
                 interfaces=(), name=None, display_name=None):
        self.full_name = full_name
        self._cls = cls
        self._ref = ref
        self._base = base  # full name (str) or PSType or None
        self.value_type = value_type
        self._statics = statics  # class or ref string
        self.element_type = element_type
        self.generic_args = tuple(generic_args)
        self.generic_def = generic_def
        self.interface = interface
        self.abstract = abstract
        self.serializable = serializable
        self.enum = enum
        self.interfaces = tuple(interfaces)
        self._name = name
        self.display_name = display_name  # .NET ToString() form for generics

    # -- attributes other engine modules rely on
    @property
    def cls(self):
        if self._cls is None and self._ref:
            try:
                if self._ref == "@array":
                    self._cls = load_ref(".arrays:TypedArray").construct(self.element_type)
                else:
                    self._cls = load_ref(self._ref)
            except (ImportError, AttributeError):
                self._ref = None
                return None
            _BY_CLASS.setdefault(self._cls, self)
        return self._cls

    @property
    def statics(self):
        s = self._statics
        if isinstance(s, str):
            s = self._statics = load_ref(s)
        if s is None and self.enum:
            return self.cls
        if s is None and self._ref and self.cls is not None:
            # a module type may name its static adapter on the class (`[SPFarm]::Local`)
            s = getattr(self.cls, "__ps_statics__", None)
        return s

    @property
    def is_array(self):
        return self.element_type is not None

    @property
    def FullName(self):
        return self.full_name

    @property
    def Name(self):
        if self._name:
            return self._name
        return self.full_name.split("[", 1)[0].rsplit(".", 1)[-1]

    @property
    def Namespace(self):
        head = self.full_name.split("[", 1)[0]
        return head.rsplit(".", 1)[0] if "." in head else None

    @property
    def BaseType(self):
        b = self._base
        if isinstance(b, str):
            b = resolve_type(b)
        return b

    @property
    def IsArray(self):
        return self.is_array

    @property
    def IsValueType(self):
        return self.value_type

    @property
    def IsEnum(self):
        return self.enum

    @property
    def IsClass(self):
        return not self.value_type and not self.interface

    @property
    def IsInterface(self):
        return self.interface

    @property
    def IsAbstract(self):
        return self.abstract or self.interface

    @property
    def IsPublic(self):
        return True

    @property
    def IsSerializable(self):
        return self.serializable

    IsSerial = IsSerializable

    @property
    def IsGenericType(self):
        return bool(self.generic_args) or self.generic_def == "definition"

    @property
    def GenericTypeArguments(self):
        return list(self.generic_args)

    @property
    def AssemblyQualifiedName(self):
        return f"{self.full_name}, {_assembly_of(self.full_name)}"

    @property
    def UnderlyingSystemType(self):
        return self

    @property
    def TypeHandle(self):
        return id(self)

    def GetElementType(self):
        return self.element_type

    def GetGenericArguments(self):
        return list(self.generic_args)

    def MakeArrayType(self):
        return array_type(self)

    def IsSubclassOf(self, other):
        other = _as_pstype(other)
        t = self.BaseType
        while t is not None:
            if t is other:
                return True
            t = t.BaseType
        return False

    def IsAssignableFrom(self, other):
        other = _as_pstype(other)
        if other is None:
            return False
        if other is self or self.full_name == "System.Object":
            return True
        names = _type_chain_names(other)
        return self.full_name in names

    def IsInstanceOfType(self, obj):
        return is_instance(obj, self)

    def GetEnumNames(self):
        if not self.enum:
            raise _err.ArgumentException("Type provided must be an Enum.")
        return list(self.cls.__members__)

    def GetEnumValues(self):
        if not self.enum:
            raise _err.ArgumentException("Type provided must be an Enum.")
        return list(self.cls.__members__.values())

    def GetMethods(self):
        return [m for m in _static_and_instance_members(self) if m.MemberType == "Method"]

    def GetProperties(self):
        return [m for m in _static_and_instance_members(self) if m.MemberType == "Property"]

    def GetMembers(self):
        return _static_and_instance_members(self)

    def GetMethod(self, name):
        for m in self.GetMethods():
            if m.Name.lower() == str(name).lower():
                return m
        return None

    def GetProperty(self, name):
        for m in self.GetProperties():
            if m.Name.lower() == str(name).lower():
                return m
        return None

    def ToString(self):
        return self.display_name or self.full_name

    @classmethod
    def __ps_convert__(cls, value):
        """[type]'int' / [type]'System.String'."""
        if isinstance(value, str):
            t = resolve_type(value)
            if t is None:
                raise _err.PSInvalidCastException(
                    f'Cannot convert the "{value}" value of type "System.String" to type '
                    f'"System.Type".')
            return t
        return NotImplemented

    def __str__(self):
        return self.display_name or self.full_name

    def __repr__(self):
        return f"[{self.display_name or self.full_name}]"

    def Equals(self, other):
        return self is other

    def GetHashCode(self):
        return hash(self.full_name) & 0x7FFFFFFF

    def GetType(self):
        return resolve_type("System.RuntimeType")


def _as_pstype(t):
    if isinstance(t, PSType):
        return t
    if isinstance(t, str):
        return resolve_type(t)
    return None


_CORELIB = "System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e"
_SMA = ("System.Management.Automation, Version=7.4.0.0, Culture=neutral, "
        "PublicKeyToken=31bf3856ad364e35")


def _assembly_of(full):
    if full.startswith("System.Management.Automation"):
        return _SMA
    return _CORELIB


# =============================================================================================
# The registry

_TYPES: dict = {}      # lower full name -> PSType
_ACCEL: dict = {}      # lower accelerator -> PSType
_BY_CLASS: dict = {}   # Python class -> PSType
_ready = False

_V = {"value_type": True, "base": "System.ValueType"}

# (full name, class ref or None, accelerators, extra PSType arguments)
_BUILTINS = [
    ("System.Object", "builtins:object", ("object",), {"base": None}),
    ("System.ValueType", None, (), {"abstract": True}),
    ("System.Enum", None, ("enum",), {"abstract": True, "base": "System.ValueType",
                                       "statics": ".enums:EnumStatics"}),
    ("System.Array", "builtins:list", ("array",), {"abstract": True,
                                                   "statics": ".collections:ArrayStatics",
                                                   "interfaces": ("System.Collections.IList",
                                                                  "System.Collections.ICollection",
                                                                  "System.Collections.IEnumerable")}),
    ("System.String", "builtins:str", ("string",),
     {"statics": ".strings:StringStatics",
      "interfaces": ("System.IComparable", "System.Collections.IEnumerable", "System.ICloneable",
                     "System.IEquatable`1")}),
    ("System.Char", "spshell.runtime.numbers:Char", ("char",), dict(_V, statics=".strings:CharStatics",
                                                     interfaces=("System.IComparable",))),
    ("System.Boolean", "builtins:bool", ("bool",), dict(_V, statics=".numeric:BooleanStatics",
                                                        interfaces=("System.IComparable",))),
    ("System.Int32", "builtins:int", ("int", "int32"), dict(_V, statics=".numeric:Int32Statics")),
    ("System.Int64", "spshell.runtime.numbers:Int64", ("long", "int64"),
     dict(_V, statics=".numeric:Int64Statics")),
    ("System.Int16", "spshell.runtime.numbers:Int16", ("short", "int16"),
     dict(_V, statics=".numeric:Int16Statics")),
    ("System.Byte", "spshell.runtime.numbers:Byte", ("byte",),
     dict(_V, statics=".numeric:ByteStatics")),
    ("System.SByte", "spshell.runtime.numbers:SByte", ("sbyte",),
     dict(_V, statics=".numeric:SByteStatics")),
    ("System.UInt16", "spshell.runtime.numbers:UInt16", ("ushort", "uint16"),
     dict(_V, statics=".numeric:UInt16Statics")),
    ("System.UInt32", "spshell.runtime.numbers:UInt32", ("uint", "uint32"),
     dict(_V, statics=".numeric:UInt32Statics")),
    ("System.UInt64", "spshell.runtime.numbers:UInt64", ("ulong", "uint64"),
     dict(_V, statics=".numeric:UInt64Statics")),
    ("System.Numerics.BigInteger", "spshell.runtime.numbers:BigInteger", ("bigint",),
     dict(_V, statics=".numeric:BigIntegerStatics")),
    ("System.Double", "builtins:float", ("double",), dict(_V, statics=".numeric:DoubleStatics")),
    ("System.Single", "spshell.runtime.numbers:Single", ("float", "single"),
     dict(_V, statics=".numeric:SingleStatics")),
    ("System.Decimal", "decimal:Decimal", ("decimal",), dict(_V, statics=".numeric:DecimalStatics")),
    ("System.DateTime", "datetime:datetime", ("datetime",),
     dict(_V, statics=".datetime:DateTimeStatics")),
    ("System.TimeSpan", "datetime:timedelta", ("timespan",),
     dict(_V, statics=".datetime:TimeSpanStatics")),
    ("System.DateTimeKind", ".datetime:DateTimeKind", (), {"enum": True, "value_type": True,
                                                           "base": "System.Enum"}),
    ("System.DayOfWeek", ".datetime:DayOfWeek", (), {"enum": True, "value_type": True,
                                                     "base": "System.Enum"}),
    ("System.StringSplitOptions", ".strings:StringSplitOptions", (),
     {"enum": True, "value_type": True, "base": "System.Enum"}),
    ("System.StringComparison", ".strings:StringComparison", (),
     {"enum": True, "value_type": True, "base": "System.Enum"}),
    ("System.MidpointRounding", ".numeric:MidpointRounding", (),
     {"enum": True, "value_type": True, "base": "System.Enum"}),
    ("System.Text.RegularExpressions.RegexOptions", ".text:RegexOptions", (),
     {"enum": True, "value_type": True, "base": "System.Enum"}),
    ("System.Guid", "uuid:UUID", ("guid",), dict(_V, statics=".misc:GuidStatics")),
    ("System.Globalization.NumberStyles", ".numeric:NumberStyles", (),
     {"enum": True, "value_type": True, "base": "System.Enum"}),
    ("System.UriKind", ".net:UriKind", (), {"enum": True, "value_type": True,
                                           "base": "System.Enum"}),
    ("System.Net.IPHostEntry", ".net:IPHostEntry", (), {}),
    ("System.Text.RegularExpressions.MatchCollection", ".text:MatchCollection", (), {}),
    ("System.Text.RegularExpressions.GroupCollection", ".text:GroupCollection", (), {}),
    ("System.Collections.Generic.KeyValuePair`2", ".collections:KeyValuePair", (), dict(_V)),
    ("System.Reflection.RuntimeAssembly", ".reflection:Assembly", (),
     {"base": "System.Reflection.Assembly"}),
    ("System.Reflection.AssemblyName", ".reflection:AssemblyName", (), {}),
    ("System.Management.Automation.PSMethod", "spshell.runtime.types:PSMethodInfo", (), {}),
    ("Microsoft.PowerShell.Commands.MemberDefinition", "spshell.runtime.types:MemberDefinition",
     (), {}),
    ("System.Text.RegularExpressions.Regex", ".text:Regex", ("regex",),
     {"statics": ".text:RegexStatics"}),
    ("System.Text.RegularExpressions.Match", ".text:Match", (), {"base":
                                                                 "System.Text.RegularExpressions.Group"}),
    ("System.Text.RegularExpressions.Group", ".text:Group", (),
     {"base": "System.Text.RegularExpressions.Capture"}),
    ("System.Text.RegularExpressions.Capture", ".text:Capture", (), {}),
    ("System.Collections.Hashtable", "spshell.runtime.objects:Hashtable", ("hashtable",),
     {"interfaces": ("System.Collections.IDictionary", "System.Collections.ICollection",
                     "System.Collections.IEnumerable", "System.ICloneable")}),
    ("System.Collections.Specialized.OrderedDictionary",
     "spshell.runtime.objects:OrderedDictionary", ("ordered",),
     {"interfaces": ("System.Collections.Specialized.IOrderedDictionary",
                     "System.Collections.IDictionary", "System.Collections.ICollection",
                     "System.Collections.IEnumerable")}),
    ("System.Collections.DictionaryEntry", ".collections:DictionaryEntry", (), dict(_V)),
    ("System.Collections.ArrayList", ".collections:ArrayList", ("arraylist",),
     {"interfaces": ("System.Collections.IList", "System.Collections.ICollection",
                     "System.Collections.IEnumerable", "System.ICloneable")}),
    ("System.Collections.Generic.List`1", ".collections:GenericList", (),
     {"generic_def": "definition"}),
    ("System.Collections.Generic.Dictionary`2", ".collections:GenericDictionary", (),
     {"generic_def": "definition"}),
    ("System.Collections.Generic.HashSet`1", ".collections:GenericHashSet", (),
     {"generic_def": "definition"}),
    ("System.Collections.Generic.Queue`1", ".collections:GenericQueue", (),
     {"generic_def": "definition"}),
    ("System.Collections.Generic.Stack`1", ".collections:GenericStack", (),
     {"generic_def": "definition"}),
    ("System.Collections.Specialized.StringDictionary", ".collections:StringDictionary", (),
     {"interfaces": ("System.Collections.IEnumerable",)}),
    ("System.Collections.IDictionary", None, (), {"interface": True, "base": None}),
    ("System.Collections.IList", None, (), {"interface": True, "base": None}),
    ("System.Collections.ICollection", None, (), {"interface": True, "base": None}),
    ("System.Collections.IEnumerable", None, (), {"interface": True, "base": None}),
    ("System.IComparable", None, (), {"interface": True, "base": None}),
    ("System.IFormattable", None, (), {"interface": True, "base": None}),
    ("System.ICloneable", None, (), {"interface": True, "base": None}),
    ("System.IDisposable", None, (), {"interface": True, "base": None}),
    ("System.Management.Automation.PSCustomObject", "spshell.runtime.objects:PSCustomObject",
     ("pscustomobject",), {}),
    ("System.Management.Automation.PSObject", "builtins:object", ("psobject",),
     {"statics": ".psobject:PSObjectStatics"}),
    ("System.Management.Automation.PSNoteProperty", "spshell.runtime.objects:PSNoteProperty",
     ("psnoteproperty",), {"base": "System.Management.Automation.PSPropertyInfo"}),
    ("System.Management.Automation.PSPropertyInfo", None, (), {"abstract": True}),
    ("System.Management.Automation.ScriptBlock", "spshell.runtime.commands:ScriptBlock",
     ("scriptblock",), {}),
    ("System.Management.Automation.PSReference", "spshell.runtime.objects:PSReference", ("ref",),
     {}),
    ("System.Management.Automation.SwitchParameter", "spshell.runtime.objects:SwitchParameter",
     ("switch",), dict(_V)),
    ("System.Management.Automation.PSCredential", "spshell.runtime.objects:PSCredential",
     ("pscredential",), {"statics": ".security:PSCredentialStatics"}),
    ("System.Security.SecureString", "spshell.runtime.objects:SecureString", ("securestring",),
     {"interfaces": ("System.IDisposable",), "statics": ".security:SecureStringStatics"}),
    ("System.Net.NetworkCredential", "spshell.runtime.objects:NetworkCredential", (),
     {"statics": ".security:NetworkCredentialStatics"}),
    ("System.Management.Automation.ErrorRecord", "spshell.runtime.errors:ErrorRecord", (), {}),
    ("System.Management.Automation.InvocationInfo", "spshell.runtime.errors:InvocationInfo", (),
     {}),
    ("System.Type", "spshell.runtime.types:PSType", ("type",), {"abstract": True,
                                      "base": "System.Reflection.MemberInfo"}),
    ("System.Reflection.MemberInfo", None, (), {"abstract": True}),
    ("System.Reflection.TypeInfo", None, (), {"abstract": True, "base": "System.Type"}),
    ("System.RuntimeType", "spshell.runtime.types:PSType", (), {"base":
                                                                "System.Reflection.TypeInfo"}),
    ("System.Void", None, ("void",), dict(_V)),
    ("System.Math", None, ("math",), {"statics": ".numeric:MathStatics", "abstract": True}),
    ("System.Convert", None, ("convert",), {"statics": ".convert:ConvertStatics",
                                            "abstract": True}),
    ("System.BitConverter", None, (), {"statics": ".convert:BitConverterStatics",
                                       "abstract": True}),
    ("System.IO.Path", None, (), {"statics": ".io:PathStatics", "abstract": True}),
    ("System.IO.File", None, (), {"statics": ".io:FileStatics", "abstract": True}),
    ("System.IO.Directory", None, (), {"statics": ".io:DirectoryStatics", "abstract": True}),
    ("System.IO.FileInfo", ".io:FileInfo", (), {"base": "System.IO.FileSystemInfo"}),
    ("System.IO.DirectoryInfo", ".io:DirectoryInfo", (), {"base": "System.IO.FileSystemInfo"}),
    ("System.IO.FileSystemInfo", None, (), {"abstract": True}),
    ("System.Environment", None, ("environment",), {"statics": ".env:EnvironmentStatics",
                                                   "abstract": True}),
    ("System.OperatingSystem", ".env:OperatingSystem", (), {}),
    ("System.Console", None, ("console",), {"statics": ".env:ConsoleStatics", "abstract": True}),
    ("System.Threading.Thread", None, (), {"statics": ".env:ThreadStatics"}),
    ("System.Diagnostics.Stopwatch", ".env:Stopwatch", (), {"statics": ".env:StopwatchStatics"}),
    ("System.Text.Encoding", ".text:Encoding", (), {"statics": ".text:EncodingStatics",
                                                    "abstract": True}),
    ("System.Text.StringBuilder", ".strings:StringBuilder", (), {}),
    ("System.Net.Mail.MailAddress", ".net:MailAddress", ("mailaddress",), {}),
    ("System.Uri", ".net:Uri", ("uri",), {"statics": ".net:UriStatics"}),
    ("System.Net.IPAddress", ".net:IPAddress", ("ipaddress",), {"statics": ".net:IPAddressStatics"}),
    ("System.Net.Dns", None, (), {"statics": ".net:DnsStatics", "abstract": True}),
    ("System.Net.ServicePointManager", None, (), {"statics": ".net:ServicePointManagerStatics",
                                                  "abstract": True}),
    ("System.Net.SecurityProtocolType", ".net:SecurityProtocolType", (),
     {"enum": True, "value_type": True, "base": "System.Enum"}),
    ("System.Version", ".misc:Version", ("version",), {"statics": ".misc:VersionStatics"}),
    ("System.Random", ".misc:Random", (), {}),
    ("System.Globalization.CultureInfo", ".misc:CultureInfo", ("cultureinfo",),
     {"statics": ".misc:CultureInfoStatics"}),
    ("System.Reflection.Assembly", None, (),
     {"statics": ".reflection:AssemblyStatics", "abstract": True}),
    ("System.Xml.XmlDocument", ".xml:XmlDocument", ("xml",), {"base": "System.Xml.XmlNode"}),
    ("System.Xml.XmlElement", ".xml:XmlElement", (), {"base": "System.Xml.XmlNode"}),
    ("System.Xml.XmlNode", None, (), {"abstract": True}),
]

# Python classes whose type is fixed by the mapping in objects.py (not by __ps_type__)
_PY_BUILTIN_TYPES = {
    "builtins:str": "System.String", "builtins:bool": "System.Boolean",
    "builtins:int": "System.Int32", "builtins:float": "System.Double",
    "decimal:Decimal": "System.Decimal", "datetime:datetime": "System.DateTime",
    "datetime:timedelta": "System.TimeSpan", "uuid:UUID": "System.Guid",
}


# Built-in value classes from modules the engine does not import at start-up (uuid brings
# platform with it: about a millisecond). Until something imports the module no value of the
# class can exist; the first class lookup after that binds it (_bind_imported_classes).
_LAZY_PY_BUILTINS = ("uuid:UUID",)
_UNBOUND: dict = {}  # ref -> PSType whose class is not bound in _BY_CLASS yet


def _bind_imported_classes():
    for ref, t in list(_UNBOUND.items()):
        if ref.partition(":")[0] in sys.modules:
            del _UNBOUND[ref]
            t.cls  # loads the class and registers it in _BY_CLASS


def _ensure():
    global _ready
    if _ready:
        return
    _ready = True
    import datetime as _dt
    import decimal as _dec
    _uuid = sys.modules.get("uuid")
    py = {"builtins:object": object, "builtins:str": str, "builtins:bool": bool,
          "builtins:int": int, "builtins:float": float, "builtins:list": list,
          "decimal:Decimal": _dec.Decimal, "datetime:datetime": _dt.datetime,
          "datetime:timedelta": _dt.timedelta,
          "uuid:UUID": _uuid.UUID if _uuid is not None else None,
          "spshell.runtime.objects:Hashtable": Hashtable,
          "spshell.runtime.objects:OrderedDictionary": OrderedDictionary,
          "spshell.runtime.objects:PSCustomObject": PSCustomObject,
          "spshell.runtime.types:PSType": PSType}
    for full, ref, accels, kw in _BUILTINS:
        cls = py.get(ref)
        t = PSType(full, cls, ref=None if cls is not None else ref, **kw)
        _add(t, accels)
        if cls is not None and full not in ("System.Management.Automation.PSObject",
                                            "System.Array"):
            _BY_CLASS[cls] = t
        elif cls is None and ref in _LAZY_PY_BUILTINS:
            _UNBOUND[ref] = t
    for name in ("Int32", "Int64", "Int16", "Byte", "SByte", "UInt16", "UInt32", "UInt64",
                 "Double", "Single", "Decimal", "DateTime", "TimeSpan", "Guid", "Boolean",
                 "Char", "String", "Numerics.BigInteger"):
        t = _TYPES["system." + name.lower()]
        extra = ["System.IComparable", "System.IEquatable`1"]
        if name not in ("Boolean", "Char", "String"):
            extra.append("System.IFormattable")
        if name not in ("TimeSpan", "Guid", "Numerics.BigInteger"):
            extra.append("System.IConvertible")
        t.interfaces = tuple(dict.fromkeys(t.interfaces + tuple(extra)))
    _add(PSType("System.IConvertible", None, interface=True, base=None), ())
    _add(PSType("System.IEquatable`1", None, interface=True, base=None), ())
    obj_t = _TYPES["system.object"]
    _BY_CLASS[object] = obj_t
    arr = array_type(obj_t)
    _BY_CLASS[list] = arr
    _BY_CLASS[tuple] = arr
    _BY_CLASS[type(None)] = None
    for lname, cls in _err.exception_types().items():
        full = cls.__ps_type__
        if full.lower() not in _TYPES:
            base = next((b.__dict__["__ps_type__"] for b in cls.__mro__[1:]
                         if "__ps_type__" in b.__dict__), "System.Object")
            t = PSType(full, cls, base=base)
            _add(t, ())
            _BY_CLASS[cls] = t
        if "." not in lname:
            _ACCEL.setdefault(lname, _TYPES[full.lower()])
    _TYPES["system.exception"]._base = "System.Object"


def _add(t, accels):
    _TYPES[t.full_name.lower()] = t
    for a in accels:
        _ACCEL[a.lower()] = t


def register_type(full_name, cls_or_ref, accelerators=(), **kwargs):
    """Make a module's type known by name: ``register_type('Microsoft.SharePoint.SPSite',
    'cmdlets.sharepoint.om:SPSite', accelerators=())``. The class is imported on first use."""
    _ensure()
    if isinstance(cls_or_ref, str):
        t = PSType(full_name, ref=cls_or_ref, **kwargs)
    else:
        cls = cls_or_ref
        if "base" not in kwargs and cls is not None:
            kwargs["base"] = next((b.__dict__["__ps_type__"] for b in cls.__mro__[1:]
                                   if "__ps_type__" in b.__dict__), "System.Object")
        t = PSType(full_name, cls, **kwargs)
        if cls is not None:
            _BY_CLASS[cls] = t
            _INFO.pop(cls, None)
    old = _TYPES.get(full_name.lower())
    if old is not None and old.cls is not None and t._cls is None and t._ref is None:
        return old
    for cache in (_STATIC_INFO, _CHAIN_CACHE, _IMPL_CACHE):
        cache.pop(full_name, None)
    _RESOLVED.clear()
    _add(t, accelerators)
    return t


# ---- name parsing ---------------------------------------------------------------------------


class _TypeSpec:
    __slots__ = ("name", "args", "ranks")

    def __init__(self, name, args, ranks):
        self.name, self.args, self.ranks = name, args, ranks


def _parse_type_name(text):
    """'Dictionary[string,List[int]][]' -> _TypeSpec. Accepts assembly-qualified arguments
    ('[[System.String, mscorlib, ...]]') and the backtick arity form ('List`1[string]')."""
    pos = 0
    n = len(text)

    def parse(stop_at_comma):
        nonlocal pos
        start = pos
        while pos < n and text[pos] not in "[],":
            pos += 1
        name = text[start:pos].strip()
        args, ranks = [], []
        while pos < n and text[pos] == "[":
            # '[]' or '[,]' = array; otherwise generic arguments
            j = pos + 1
            while j < n and text[j] in " ,":
                j += 1
            if j < n and text[j] == "]":
                ranks.append(text[pos + 1:j].count(",") + 1)
                pos = j + 1
                continue
            if args or ranks:
                break
            pos += 1
            while True:
                while pos < n and text[pos] == " ":
                    pos += 1
                if pos < n and text[pos] == "[":
                    pos += 1
                    arg = parse(True)
                    # skip assembly qualification up to the matching ']'
                    depth = 0
                    while pos < n and not (text[pos] == "]" and depth == 0):
                        if text[pos] == "[":
                            depth += 1
                        elif text[pos] == "]":
                            depth -= 1
                        pos += 1
                    pos += 1
                else:
                    arg = parse(True)
                args.append(arg)
                while pos < n and text[pos] == " ":
                    pos += 1
                if pos < n and text[pos] == ",":
                    pos += 1
                    continue
                if pos < n and text[pos] == "]":
                    pos += 1
                break
        return _TypeSpec(name, args, ranks)

    spec = parse(False)
    while pos < n and text[pos] == " ":
        pos += 1
    if pos != n or not spec.name:
        return None
    return spec


def _spec_from_ast(tn):
    args = [_spec_from_ast(a) for a in (tn.generic_args or [])]
    name = tn.name
    ranks = []
    if "[" in name:  # a name that still carries brackets: parse the text instead
        spec = _parse_type_name(name)
        if spec is None:
            return None
        if args:
            spec.args = args
        name, ranks, args = spec.name, spec.ranks, spec.args or args
    if tn.array_rank:
        ranks = ranks + [tn.array_rank]
    return _TypeSpec(name, args, ranks)


def resolve_type(name):
    """A type name (string, ast.TypeName or PSType) -> PSType, or None when unknown."""
    if isinstance(name, PSType):
        return name
    _ensure()
    if isinstance(name, str):
        key = name.strip().lower()
        t = _ACCEL.get(key) or _TYPES.get(key)
        if t is not None:
            return t
        if "[" not in key:
            return _lookup_simple(name.strip())
        cached = _RESOLVED.get(key)
        if cached is not None:
            return cached
        spec = _parse_type_name(name.strip())
        t = _resolve_spec(spec) if spec else None
        if t is not None:
            _RESOLVED[key] = t
        return t
    if hasattr(name, "generic_args") and hasattr(name, "name"):
        if not name.generic_args and not name.array_rank:
            return resolve_type(name.name)
        spec = _spec_from_ast(name)
        return _resolve_spec(spec) if spec else None
    return None


_RESOLVED: dict = {}


def _lookup_simple(name, arity=0):
    key = name.lower()
    if arity:
        key = f"{key.split('`')[0]}`{arity}"
        t = _TYPES.get(key) or _TYPES.get("system." + key) or \
            _TYPES.get("system.collections.generic." + key)
        return t
    t = _ACCEL.get(key) or _TYPES.get(key) or _TYPES.get("system." + key)
    if t is None:
        # exception types modules define after start-up (errors.define_exception)
        found = _err.find_exception_type(name)
        if found is not None:
            t = _BY_CLASS.get(found) or _type_for_class(found)
    return t


def _resolve_spec(spec):
    if spec.args:
        base_name = spec.name.split("`")[0]
        defn = _lookup_simple(base_name, len(spec.args))
        if defn is None or defn.generic_def != "definition":
            return None
        args = [_resolve_spec(a) for a in spec.args]
        if any(a is None for a in args):
            return None
        t = generic_type(defn, args)
    else:
        t = _lookup_simple(spec.name)
    if t is None:
        return None
    for rank in spec.ranks:
        t = array_type(t, rank)
    return t


_ARRAYS: dict = {}
_GENERICS: dict = {}


def array_type(element, rank=1):
    """The PSType for element[] (cached, one object per element type)."""
    key = (element.full_name, rank)
    t = _ARRAYS.get(key)
    if t is None:
        suffix = "[" + "," * (rank - 1) + "]"
        t = PSType(element.full_name + suffix, None,
                   ref="@array" if element.full_name != "System.Object"
                   else None, base="System.Array", element_type=element,
                   name=element.Name + suffix,
                   interfaces=("System.Collections.IList", "System.Collections.ICollection",
                               "System.Collections.IEnumerable", "System.ICloneable"))
        if element.full_name == "System.Object":
            t._cls = list
        t.rank = rank
        _ARRAYS[key] = t
        _TYPES.setdefault(t.full_name.lower(), t)
    return t


def generic_type(defn, args):
    """List`1 + [string] -> the constructed PSType (its cls is a per-type subclass built by the
    definition's class, so conversions and instances know their type arguments)."""
    key = (defn.full_name, tuple(a.full_name for a in args))
    t = _GENERICS.get(key)
    if t is None:
        base_cls = defn.cls
        sub = base_cls.construct(tuple(args))
        inner = ",".join(f"[{a.full_name}, {_assembly_of(a.full_name)}]" for a in args)
        full = f"{defn.full_name}[{inner}]"
        short = ",".join(a.full_name for a in args)
        t = PSType(full, sub, base=getattr(base_cls, "__ps_base__", "System.Object"),
                   generic_args=args, generic_def=defn, name=defn.Name,
                   display_name=f"{defn.full_name}[{short}]",
                   interfaces=getattr(base_cls, "__ps_interfaces__", ()))
        _GENERICS[key] = t
        _BY_CLASS[sub] = t
    return t


# =============================================================================================
# Type of a value


def type_of(obj):
    """What obj.GetType() returns (None for $null)."""
    _ensure()
    cls = obj.__class__
    t = _BY_CLASS.get(cls)
    if t is not None:
        if cls is int:
            return _int_type(obj)
        return t
    if obj is None or obj is AutomationNull:
        return None
    return _type_for_class(cls, obj)


def _int_type(v):
    if -2147483648 <= v <= 2147483647:
        return _BY_CLASS[int]
    if -9223372036854775808 <= v <= 9223372036854775807:
        return resolve_type("System.Int64")
    return resolve_type("System.Numerics.BigInteger")


def _type_for_class(cls, obj=None):
    if _UNBOUND:
        _bind_imported_classes()
        t = _BY_CLASS.get(cls)
        if t is not None:
            return t
    elem = getattr(obj, "element_type", None) if obj is not None else None
    if elem is not None and isinstance(obj, list):
        return array_type(elem)
    full = getattr(cls, "__ps_type__", None)
    if full is None:
        # an undeclared Python class: nearest declared base, else Object
        for b in cls.__mro__[1:]:
            t = _BY_CLASS.get(b)
            if t is not None:
                return t
        return _TYPES["system.object"]
    t = _TYPES.get(full.lower())
    if t is None:
        names = getattr(cls, "__ps_type_names__", None)
        base = names[1] if names and len(names) > 1 else next(
            (b.__dict__["__ps_type__"] for b in cls.__mro__[1:]
             if "__ps_type__" in b.__dict__), "System.Object")
        t = PSType(full, cls, base=base)
        _add(t, ())
    _BY_CLASS[cls] = t
    return t


def type_name_of(obj):
    """Full .NET type name of a value ('System.String'); '' for $null."""
    if obj is None:
        return ""
    t = type_of(obj)
    return t.full_name if t is not None else ""


_CHAIN_CACHE: dict = {}


def _type_chain_names(t):
    names = _CHAIN_CACHE.get(t.full_name)
    if names is None:
        names = []
        x = t
        while x is not None and x.full_name not in names:
            names.append(x.full_name)
            x = x.BaseType
        if "System.Object" not in names:
            names.append("System.Object")
        _CHAIN_CACHE[t.full_name] = names
    return names


def type_names_of(obj):
    """$obj.PSObject.TypeNames: most derived first, ending with System.Object."""
    if obj is None:
        return []
    if obj.__class__ is PSCustomObject:
        base = ["System.Management.Automation.PSCustomObject", "System.Object"]
        extra = []
        tn = obj.get("PSTypeName")
        if tn is not None and isinstance(tn, str):
            extra.append(tn)
        if obj.type_names:
            if "System.Object" in obj.type_names:
                return list(obj.type_names)
            extra = list(obj.type_names) + [x for x in extra if x not in obj.type_names]
        return extra + [b for b in base if b not in extra]
    ets = _ets_get(obj)
    if ets is not None and ets.type_names is not None:
        return list(ets.type_names)
    cls = obj.__class__
    declared = cls.__dict__.get("__ps_type_names__")
    bt = _BY_CLASS.get(cls)
    if bt is not None and (bt.generic_args or bt.is_array):
        return list(_type_chain_names(bt))
    if declared:
        names = list(declared)
    else:
        t = type_of(obj)
        if t is None:
            return []
        names = []
        if getattr(cls, "__ps_type__", None) and not isinstance(obj, list):
            # declared chain of the class hierarchy, then the registered chain of its root
            for b in cls.__mro__:
                n = b.__dict__.get("__ps_type__")
                if n and n not in names:
                    names.append(n)
            root = resolve_type(names[-1]) if names else None
            for n in _type_chain_names(root or t)[1:]:
                if n not in names:
                    names.append(n)
        else:
            names = list(_type_chain_names(t))
    if not names or names[-1] != "System.Object":
        names.append("System.Object")
    return names


def _implemented(t):
    """Every type name and interface a PSType satisfies (cached)."""
    s = _IMPL_CACHE.get(t.full_name)
    if s is None:
        s = set()
        x = t
        while x is not None:
            s.add(x.full_name.lower())
            for i in x.interfaces:
                s.add(i.lower())
            x = x.BaseType
        s.add("system.object")
        _IMPL_CACHE[t.full_name] = s
    return s


_IMPL_CACHE: dict = {}


def is_instance(obj, pstype):
    """-is / catch [T]: does the value satisfy the type?"""
    if obj is None or obj is AutomationNull:
        return False
    t = _as_pstype(pstype)
    if t is None:
        return False
    want = t.full_name.lower()
    if want == "system.object":
        return True
    if want == "system.management.automation.psobject":
        return isinstance(obj, PSCustomObject) or _ets_get(obj) is not None
    # declared chains (exceptions, domain classes, PSCustomObject with PSTypeNames)
    names = type_names_of(obj)
    for n in names:
        if n.lower() == want:
            return True
    # Python subclassing is an implementation detail ([ordered] is not a [hashtable] in .NET),
    # so only declared type names and interfaces count
    ot = type_of(obj)
    if ot is None:
        return False
    if want in _implemented(ot):
        return True
    # declared names may correspond to registered types with interfaces
    for n in names[1:]:
        nt = _TYPES.get(n.lower())
        if nt is not None and want in _implemented(nt):
            return True
    return False


# =============================================================================================
# Member tables

PROP, PYPROP, METHOD, PYMETHOD = 1, 2, 3, 4


class Member:
    __slots__ = ("name", "kind", "getter", "setter", "fn", "sigs", "type_name", "static")

    def __init__(self, name, kind, getter=None, setter=None, fn=None, sigs=None,
                 type_name=None, static=False):
        self.name = name
        self.kind = kind
        self.getter = getter
        self.setter = setter
        self.fn = fn
        self.sigs = sigs
        self.type_name = type_name
        self.static = static


class _ClassInfo:
    __slots__ = ("members", "is_dict", "is_collection", "scan_dict", "prop_order", "dynamic")

    def __init__(self):
        self.members = {}
        self.dynamic = False  # the class answers some members itself (__ps_get_member__)
        self.is_dict = False
        self.is_collection = False
        self.scan_dict = False
        self.prop_order = []


_INFO: dict = {}

# Python class -> adapter class ref (instance members of built-in values)
_ADAPTERS = {
    object: ".common:ObjectAdapter",
    str: ".strings:StringAdapter",
    int: ".numeric:IntegerAdapter",
    float: ".numeric:DoubleAdapter",
    bool: ".numeric:BooleanAdapter",
    list: ".collections:ArrayAdapter",
    tuple: ".collections:ArrayAdapter",
    dict: ".collections:DictAdapter",
    Hashtable: ".collections:HashtableAdapter",
    OrderedDictionary: ".collections:OrderedDictionaryAdapter",
    PSCustomObject: ".psobject:PSCustomObjectAdapter",
    BaseException: ".common:ExceptionAdapter",
}
_ADAPTERS_BY_NAME = {
    "decimal.Decimal": ".numeric:DecimalAdapter",
    "datetime.datetime": ".datetime:DateTimeAdapter",
    "datetime.timedelta": ".datetime:TimeSpanAdapter",
    "uuid.UUID": ".misc:GuidAdapter",
    "spshell.runtime.numbers.Char": ".strings:CharAdapter",
    "enum.Enum": ".enums:EnumAdapter",
    "re.Pattern": ".text:PatternAdapter",
    "spshell.runtime.dotnet.collections.ArrayList": ".collections:ArrayListAdapter",
}
_NO_SCAN = (object, str, int, float, bool, list, tuple, dict, BaseException, Exception)


def register_adapter(py_cls, adapter_or_ref):
    """Give a Python class (that cannot carry the members itself) an adapter."""
    _ADAPTERS[py_cls] = adapter_or_ref
    for c in list(_INFO):
        if issubclass(c, py_cls):
            del _INFO[c]


def _adapter_for(k):
    a = _ADAPTERS.get(k, _MISSING)
    if a is _MISSING:
        ref = _ADAPTERS_BY_NAME.get(f"{k.__module__}.{k.__qualname__}")
        a = _ADAPTERS[k] = ref
    if isinstance(a, str):
        a = _ADAPTERS[k] = load_ref(a)
    return a


def _is_method_value(v):
    return isinstance(v, (FunctionType, staticmethod, classmethod, BuiltinFunctionType))


def _class_info(cls):
    from spshell.runtime.dotnet.base import prop
    info = _ClassInfo()
    members = info.members
    order = info.prop_order
    for k in reversed(cls.__mro__):
        ad = _adapter_for(k)
        if ad is not None:
            if getattr(ad, "__ps_exclusive__", False):
                # e.g. Char is a str subclass but has none of String's members
                members.clear()
                del order[:]
            for name, v in _adapter_items(ad):
                low = name.lower()
                if isinstance(v, prop):
                    members[low] = Member(name, PROP, getter=v.getter, setter=v.setter_fn,
                                          type_name=v.type_name)
                    if low not in order:
                        order.append(low)
                elif isinstance(v, FunctionType):
                    members[low] = Member(name, METHOD, fn=v,
                                          sigs=getattr(v, "__ps_sigs__", None))
            if getattr(ad, "__ps_dictionary__", False):
                info.is_dict = True
            if getattr(ad, "__ps_collection__", False):
                info.is_collection = True
        if k in _NO_SCAN:
            continue
        if k.__dict__.get("__ps_dictionary__"):
            info.is_dict = True
        if k.__dict__.get("__ps_collection__"):
            info.is_collection = True
        for name, v in k.__dict__.items():
            if not name[:1].isupper():
                continue
            low = name.lower()
            if isinstance(v, (type, _enum.Enum)):
                continue
            if _is_method_value(v):
                members[low] = Member(name, PYMETHOD, fn=v,
                                      sigs=getattr(v, "__ps_sigs__", None) or getattr(
                                          getattr(v, "__func__", None), "__ps_sigs__", None))
            else:
                if isinstance(v, prop):
                    members[low] = Member(name, PROP, getter=v.getter, setter=v.setter_fn,
                                          type_name=v.type_name)
                else:
                    members[low] = Member(name, PYPROP)
                if low not in order:
                    order.append(low)
    for k in cls.__mro__:
        ad = _ADAPTERS.get(k)
        wanted = getattr(ad, "__ps_order__", None) if ad is not None and not isinstance(
            ad, str) else None
        if wanted:
            # .NET's own property order, where it differs from the adapter's layout
            rank = {n.lower(): i for i, n in enumerate(wanted)}
            order.sort(key=lambda low: rank.get(low, len(rank)))
            break
    # instance attributes (set in __init__) are members too; builtins have none
    info.scan_dict = cls not in _NO_SCAN and not issubclass(cls, (str, int, float))
    # a property overridden by a method is no longer a property
    order[:] = [low for low in order if members[low].kind in (PROP, PYPROP)]
    if issubclass(cls, (list, tuple)):
        info.is_collection = True
    if issubclass(cls, (dict, Hashtable)):
        info.is_dict = True
    info.dynamic = hasattr(cls, "__ps_get_member__")
    _INFO[cls] = info
    return info


def _adapter_items(ad):
    """Adapter members, base adapter classes first (adapters may inherit from each other)."""
    seen = {}
    for k in reversed(ad.__mro__):
        if k is object:
            continue
        for name, v in k.__dict__.items():
            if name[:1].isupper() or name in ("new", "value__"):  # .NET lower-case names
                seen[name] = v
    return seen.items()


def _info(cls):
    i = _INFO.get(cls)
    return i if i is not None else _class_info(cls)


# ---- ETS: members added to single objects ---------------------------------------------------


class _Ets:
    __slots__ = ("members", "type_names", "ref", "__weakref__")

    def __init__(self):
        self.members = {}  # lower -> (kind, name, value, second)
        self.type_names = None
        self.ref = None


_ETS: dict = {}  # id(obj) -> _Ets


def _ets_get(obj):
    if not _ETS:
        return None
    e = _ETS.get(id(obj))
    if e is None:
        return None
    r = e.ref
    if r is not None and (r() if isinstance(r, weakref.ref) else r) is not obj:
        return None
    return e


_STRONG: dict = {}  # ids of entries holding their object strongly, oldest first
_STRONG_LIMIT = 50000


def _ets_for(obj, create=True):
    e = _ets_get(obj)
    if e is None and create:
        e = _Ets()
        key = id(obj)
        try:
            e.ref = weakref.ref(obj, lambda _r, k=key: _ETS.pop(k, None))
        except TypeError:
            # cannot be weakly referenced (str, int, datetime...): keep it alive while it has
            # members, bounded so that e.g. a Get-Date in a long loop cannot grow without end
            e.ref = obj
            _STRONG[key] = None
            if len(_STRONG) > _STRONG_LIMIT:
                old = next(iter(_STRONG))
                del _STRONG[old]
                _ETS.pop(old, None)
        _ETS[key] = e
    return e


def add_member(obj, member_type, name, value=None, second_value=None, force=False):
    """Add-Member: NoteProperty, ScriptProperty (value=getter block, second=setter block),
    ScriptMethod, AliasProperty (value=target name), CodeProperty (value=callable(obj)).
    Existing members need ``force``; otherwise the .NET-style error is raised."""
    mt = str(member_type)
    low = name.lower()
    if not force and has_member(obj, name):
        e = _err.InvalidOperationException(
            f'Cannot add a member with the name "{name}" because a member with that name already '
            f'exists. To overwrite the member anyway, add the Force parameter to your command.')
        _err.ErrorRecord(e, "MemberAlreadyExists,Microsoft.PowerShell.Commands.AddMemberCommand",
                         "InvalidOperation", obj)
        raise e
    if isinstance(obj, PSCustomObject) and mt.lower() == "noteproperty":
        obj.set(name, value)
        e = _ets_get(obj)
        if e is not None:
            e.members.pop(low, None)
        return
    e = _ets_for(obj)
    e.members[low] = (mt.lower(), name, value, second_value)


def has_member(obj, name):
    if obj is None:
        return False
    if isinstance(obj, PSCustomObject) and obj.has(name):
        return True
    e = _ets_get(obj)
    if e is not None and name.lower() in e.members:
        return True
    info = _info(obj.__class__)
    if name.lower() in info.members:
        return True
    if info.scan_dict:
        return _dict_attr_name(obj, name) is not None
    return False


def set_type_names(obj, names):
    """Replace the PSTypeNames of a value (PSCustomObject keeps them on the object)."""
    if isinstance(obj, PSCustomObject):
        obj.type_names = list(names)
    else:
        _ets_for(obj).type_names = list(names)


def _run_script(block, this, args=()):
    if script_invoker is not None:
        return script_invoker(block, this, list(args))
    ctx = getattr(block, "ctx", None)
    if ctx is not None:
        out = ctx.invoke_scriptblock(block, args=list(args), variables={"this": this})
        if not out:
            return None
        return out[0] if len(out) == 1 else out
    return block.InvokeReturnAsIs(*args)


def _ets_value(obj, entry):
    kind, name, value, second = entry
    if kind == "noteproperty":
        return value
    if kind == "scriptproperty":
        return _run_script(value, obj) if value is not None else None
    if kind == "aliasproperty":
        return get_property(obj, value)
    if kind == "codeproperty":
        return value(obj)
    return PSMethodInfo(obj, Member(name, METHOD, fn=None), ets=entry)


# =============================================================================================
# Property access


def _dict_attr_name(obj, name):
    d = getattr(obj, "__dict__", None)
    if not d:
        return None
    if name in d and name[:1].isupper():
        return name
    low = name.lower()
    for k in d:
        if k.lower() == low and k[:1].isupper():
            return k
    return None


def get_property(obj, name):
    """$obj.Name with PowerShell semantics (missing -> None, member enumeration, hashtable keys,
    intrinsic members)."""
    cls = obj.__class__
    if cls is PSCustomObject:
        v = obj._props.get(name.lower(), _MISSING)
        if v is not _MISSING:
            return v
    elif obj is None or obj is AutomationNull:
        low = name.lower()
        return 0 if low in ("count", "length") else None
    if _ETS:
        e = _ets_get(obj)
        if e is not None:
            entry = e.members.get(name.lower())
            if entry is not None:
                return _ets_value(obj, entry)
    info = _INFO.get(cls)
    if info is None:
        info = _class_info(cls)
    if info.is_dict:
        try:
            if name in obj:
                return obj[name]
        except TypeError:
            pass
    if info.dynamic:
        found, v = obj.__ps_get_member__(name)
        if found:
            return v
    low = name.lower()
    m = info.members.get(low)
    if m is not None:
        k = m.kind
        try:
            if k == PROP:
                return m.getter(obj)
            if k == PYPROP:
                return getattr(obj, m.name)
        except _err.DotNetException as exc:
            raise _getter_error(m.name, exc)
        return PSMethodInfo(obj, m)
    if info.scan_dict:
        real = _dict_attr_name(obj, name)
        if real is not None:
            return obj.__dict__[real]
    if info.is_collection:
        return _enumerate_member(obj, name, low)
    return _intrinsic(obj, low)


def _getter_error(name, exc):
    e = _err.GetValueInvocationException(f'Exception getting "{name}": "{exc.Message}"', inner=exc)
    _err.ErrorRecord(e, type(exc).__name__, "NotSpecified")
    return e


def _intrinsic(obj, low):
    if low == "psobject":
        from spshell.runtime.dotnet.psobject import PSObjectView
        return PSObjectView(obj)
    if low == "pstypenames":
        from spshell.runtime.dotnet.psobject import TypeNameList
        return TypeNameList(obj)
    if low == "psbase":
        return obj
    if low in ("count", "length"):
        return 1
    return None


def _enumerate_member(coll, name, low):
    if low in ("psobject", "pstypenames", "psbase"):
        return _intrinsic(coll, low)
    out = []
    for item in coll:
        if item is None:
            continue
        if has_member(item, name) or isinstance(item, (list, tuple)):
            v = get_property(item, name)
        elif _info(item.__class__).is_dict:
            try:
                if name not in item:
                    continue
            except TypeError:
                continue
            v = item[name]
        else:
            continue
        if isinstance(v, (list, tuple)) and not isinstance(item, (list, tuple)):
            out.extend(v)
        elif isinstance(v, (list, tuple)):
            out.extend(v)
        else:
            out.append(v)
    if not out:
        return None
    if len(out) == 1:
        return out[0]
    return out


def _property_not_found(name):
    e = _err.PropertyNotFoundException(
        f"The property '{name}' cannot be found on this object. Verify that the property exists "
        f"and can be set.")
    _err.ErrorRecord(e, "PropertyNotFound", "InvalidOperation")
    return e


def _read_only(name):
    e = _err.SetValueInvocationException(f"'{name}' is a ReadOnly property.")
    _err.ErrorRecord(e, "PropertyAssignmentException", "InvalidOperation")
    return e


def _setter_error(name, exc):
    e = _err.SetValueInvocationException(f'Exception setting "{name}": "{exc.Message}"',
                                         inner=exc)
    _err.ErrorRecord(e, type(exc).__name__ if not isinstance(exc, _err.MethodException)
                     else "ExceptionWhenSetting", "NotSpecified")
    return e


def set_property(obj, name, value):
    """$obj.Name = value."""
    if obj is None or obj is AutomationNull:
        raise _property_not_found(name)
    cls = obj.__class__
    if cls is PSCustomObject:
        if obj.has(name):
            obj.set(name, value)
            return
    if _ETS:
        e = _ets_get(obj)
        if e is not None:
            entry = e.members.get(name.lower())
            if entry is not None:
                kind, real, v, second = entry
                if kind == "noteproperty":
                    e.members[name.lower()] = (kind, real, value, second)
                    return
                if kind == "scriptproperty" and second is not None:
                    _run_script(second, obj, [value])
                    return
                if kind == "aliasproperty":
                    set_property(obj, v, value)
                    return
                raise _read_only(real)
    if cls is PSCustomObject:
        raise _property_not_found(name)
    info = _info(cls)
    if info.dynamic and obj.__ps_set_member__(name, value):
        return
    if info.is_dict and not info.members.get(name.lower()):
        obj[name] = value
        return
    m = info.members.get(name.lower())
    if m is not None:
        if m.kind == PROP:
            if m.setter is None:
                raise _read_only(m.name)
            try:
                m.setter(obj, value)
            except _err.DotNetException as exc:
                raise _setter_error(m.name, exc)
            return
        if m.kind == PYPROP:
            desc = _class_attr(cls, m.name)
            if isinstance(desc, property) and desc.fset is None:
                raise _read_only(m.name)
            value = _convert_for_attr(obj, cls, m.name, value)
            try:
                setattr(obj, m.name, value)
            except _err.DotNetException as exc:
                raise _setter_error(m.name, exc)
            except AttributeError:
                raise _read_only(m.name)
            return
        raise _property_not_found(name)
    if info.scan_dict:
        real = _dict_attr_name(obj, name)
        if real is not None:
            setattr(obj, real, _convert_for_attr(obj, cls, real, value))
            return
    raise _property_not_found(name)


def _class_attr(cls, name):
    for k in cls.__mro__:
        if name in k.__dict__:
            return k.__dict__[name]
    return None


_SIMPLE_ANN = {"str": "System.String", "int": "System.Int32", "bool": "System.Boolean",
               "float": "System.Double"}


def _convert_for_attr(obj, cls, name, value):
    """Assignments convert to the attribute's declared type (class annotation), else to the type
    of its current scalar value, as .NET property setters would demand."""
    target = None
    for k in cls.__mro__:
        ann = k.__dict__.get("__annotations__")
        if ann and name in ann:
            a = ann[name]
            if isinstance(a, str):
                a = _SIMPLE_ANN.get(a.strip())
                target = resolve_type(a) if a else None
            elif isinstance(a, type):
                if _UNBOUND:
                    _bind_imported_classes()
                target = _BY_CLASS.get(a)
            break
    if target is None:
        try:
            cur = getattr(obj, name)
        except Exception:
            cur = None
        if cur is not None and cur.__class__ in (str, int, bool, float) and \
                value.__class__ is not cur.__class__ and value is not None:
            target = _BY_CLASS.get(cur.__class__)
    if target is None or value is None:
        return value
    return _conversion().convert_to(value, target)


# =============================================================================================
# Methods


class PSMethodInfo:
    """`$s.ToUpper` without parentheses: the method group (PSMethod)."""

    __ps_type__ = "System.Management.Automation.PSMethod"
    __ps_default_display__ = ("OverloadDefinitions",)

    def __init__(self, target, member, static_type=None, ets=None):
        self._target = target
        self._member = member
        self._static_type = static_type
        self._ets = ets

    @property
    def Name(self):
        return self._member.name

    @property
    def MemberType(self):
        return "ScriptMethod" if self._ets else "Method"

    @property
    def TypeNameOfValue(self):
        return "System.Management.Automation.PSMethod"

    @property
    def IsInstance(self):
        return self._static_type is None

    @property
    def Value(self):
        return self

    @property
    def OverloadDefinitions(self):
        if self._ets:
            return [f"System.Object {self._member.name}();"]
        return _method_definitions(self._member, self._target, self._static_type)

    def Invoke(self, *args):
        if self._ets:
            return _run_script(self._ets[2], self._target, list(args))
        if self._static_type is not None:
            return invoke_static_method(self._static_type, self._member.name, list(args))
        return invoke_method(self._target, self._member.name, list(args))

    def __str__(self):
        return "\n".join(self.OverloadDefinitions)

    ToString = __str__


def _method_not_found(obj_type_name, name):
    e = _err.MethodException(f"Method invocation failed because [{obj_type_name}] does not "
                             f"contain a method named '{name}'.")
    _err.ErrorRecord(e, "MethodNotFound", "InvalidOperation")
    return e


def _bad_count(name, n):
    e = _err.MethodException(f'Cannot find an overload for "{name}" and the argument count: '
                             f'"{n}".')
    _err.ErrorRecord(e, "MethodCountCouldNotFindBest", "NotSpecified")
    return e


_PY_TO_DOTNET_EXC = {
    ZeroDivisionError: "DivideByZeroException",
    OverflowError: "OverflowException",
}


def _wrap_invocation(name, nargs, exc):
    """An exception thrown by a .NET method: MethodInvocationException around it."""
    if isinstance(exc, _err.MethodInvocationException) and exc.InnerException is not None \
            and getattr(exc, "_ps_wrapped_for", None) == name:
        return exc
    msg = exc.Message if isinstance(exc, _err.DotNetException) else str(exc)
    plural = "argument(s)"
    e = _err.MethodInvocationException(
        f'Exception calling "{name}" with "{nargs}" {plural}: "{msg}"', inner=exc)
    e._ps_wrapped_for = name
    rec = getattr(exc, "error_record", None)
    err_id = type(exc).__name__
    if rec is not None and isinstance(exc, _err.RuntimeException) and rec.error_id:
        err_id = rec.error_id
    _err.ErrorRecord(e, err_id, "NotSpecified")
    return e


def _py_exception(exc):
    """Map Python arithmetic failures in emulated members to their .NET exceptions."""
    for pycls, name in _PY_TO_DOTNET_EXC.items():
        if isinstance(exc, pycls):
            return getattr(_err, name)()
    return None


def _generic_map(obj):
    """Type arguments of a constructed generic collection, for parameters typed T/TKey/TValue."""
    if obj is None:
        return None
    t, k, v = getattr(obj, "_T", None), getattr(obj, "_K", None), getattr(obj, "_V", None)
    if t is None and k is None and v is None:
        return None
    return {"t": t, "tkey": k, "tvalue": v}


def _select_overload(name, sigs, args, generic=None):
    """Pick the overload for the argument count and convert the arguments to its parameter
    types; returns the converted argument list."""
    n = len(args)
    cands = [s for s in sigs if s.accepts(n)]
    if not cands:
        raise _bad_count(name, n)
    best, best_cost, best_sig, first_err = None, None, None, None
    for s in cands:
        try:
            conv, cost = _convert_args(s, args, generic)
        except _ConvError as ce:
            if first_err is None:
                first_err = ce
            continue
        if best_cost is None or cost < best_cost:
            best, best_cost, best_sig = conv, cost, s
            if cost == 0:
                break
    if best is None:
        ce = first_err
        value_text, detail, inner = _arg_text(ce.value), ce.message, ce.inner
        if ce.type_name in _SECRET_TYPES:
            # a plain-text value offered where a secret belongs is itself a secret: never echo
            value_text = "********"
            detail = (f'Cannot convert the value of type "{type_name_of(ce.value)}" to type '
                      f'"{ce.type_name}".')
            inner = None
        e = _err.MethodException(
            f'Cannot convert argument "{ce.param}", with value: "{value_text}", for '
            f'"{name}" to type "{ce.type_name}": "{detail}"', inner=inner)
        _err.ErrorRecord(e, "MethodArgumentConversionInvalidCastArgument", "NotSpecified")
        raise e
    return best_sig, best


_SECRET_TYPES = ("System.Security.SecureString",
                 "System.Management.Automation.PSCredential")


def _arg_text(v):
    try:
        return _conversion().to_string(v)
    except Exception:
        return str(v)


class _ConvError(Exception):
    def __init__(self, param, value, type_name, message, inner):
        self.param, self.value, self.type_name = param, value, type_name
        self.message, self.inner = message, inner


_NO_CONVERT = {"object", "system.object", "psobject", "t", "tkey", "tvalue"}


def _param_type(type_name):
    key = type_name.lower()
    if key in _NO_CONVERT:
        return None
    t = _PARAM_TYPES.get(key, _MISSING)
    if t is _MISSING:
        t = _PARAM_TYPES[key] = resolve_type(type_name)
    return t


_PARAM_TYPES: dict = {}
_NUMERIC_RANK = {"System.Char": 4, "System.SByte": 5, "System.Byte": 6, "System.Int16": 7,
                 "System.UInt16": 8, "System.Int32": 9, "System.UInt32": 10, "System.Int64": 11,
                 "System.UInt64": 12, "System.Single": 13, "System.Double": 14,
                 "System.Decimal": 15}


def _convert_args(sig, args, generic=None):
    out, cost = [], 0
    params = sig.params
    for i, p in enumerate(params):
        if p.is_params:
            rest = list(args[i:])
            if len(rest) == 1 and isinstance(rest[0], (list, tuple)):
                rest = list(rest[0])
            elif len(rest) == 1 and isinstance(rest[0], str) and \
                    p.type_name.lower() == "char[]" and len(rest[0]) != 1:
                rest = list(rest[0])  # "xy" binds to char[] as its characters
                cost += 1
            et = _param_type(p.type_name[:-2]) if p.type_name.endswith("[]") else None
            conv = []
            pcost = 0
            for v in rest:
                c, k = _convert_one(p, v, et)
                conv.append(c)
                pcost = max(pcost, k)
            out.append(conv)
            return out, cost + pcost + 1  # a params expansion loses to a direct match
        if i >= len(args):
            break
        pt = generic.get(p.type_name.lower()) if generic and p.type_name.lower() in generic \
            else _param_type(p.type_name)
        c, k = _convert_one(p, args[i], pt)
        out.append(c)
        cost += k
    return out, cost


def _convert_one(p, v, t):
    if t is None:
        return v, 0
    if v is None and not t.value_type:
        return None, 0  # $null reaches a reference-type parameter as null
    if v is not None and _exact(v, t):
        return v, 0
    cost = 3 if isinstance(v, (list, tuple)) and not t.is_array else 1
    tc = _NUMERIC_RANK.get(t.full_name)
    if tc is not None:
        from spshell.runtime.numbers import type_code
        vc = type_code(v)
        if vc is not None:
            cost = 1 if tc >= vc else 5  # narrowing a number loses to widening it
        elif isinstance(v, str):
            cost = 2
    try:
        return _conversion().convert_to(v, t), cost
    except _err.DotNetException as exc:
        raise _ConvError(p.name, v, t.full_name, exc.Message, exc)
    except (ValueError, TypeError) as exc:
        raise _ConvError(p.name, v, t.full_name, str(exc), None)


def _exact(v, t):
    cls = t.cls
    if cls is None:
        return False
    vc = v.__class__
    if vc is cls:
        return True
    if cls in (int, float, str, bool) or t.value_type:
        return False
    if t.is_array:
        return isinstance(v, list) and (t.element_type.full_name == "System.Object" or
                                        getattr(v, "element_type", None) is t.element_type)
    return isinstance(v, cls)


_ARITY: dict = {}


def _py_arity(fn):
    """(min, max or None) positional arguments of a Python callable, cached."""
    key = getattr(fn, "__func__", fn)
    r = _ARITY.get(key)
    if r is None:
        import inspect  # only when a Python method without declared signatures is first called
        try:
            sig = inspect.signature(fn)
        except (TypeError, ValueError):
            r = (0, None)
        else:
            lo, hi = 0, 0
            for p in sig.parameters.values():
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
                    hi += 1
                    if p.default is p.empty:
                        lo += 1
                elif p.kind == p.VAR_POSITIONAL:
                    hi = None
                    break
            r = (lo, hi)
        _ARITY[key] = r
    return r


def _emulated(fn):
    """Is this callable part of the emulated .NET library (not domain code)?"""
    f = getattr(fn, "__func__", fn)
    return getattr(f, "__module__", "").startswith("spshell.runtime.dotnet")


def _py_failure(exc, sig, args):
    """A Python error inside an emulated .NET member, as the .NET exception the real member
    throws for such input (null arguments above all); never a Python traceback."""
    mapped = _py_exception(exc)
    if mapped is not None:
        return mapped
    if sig is not None:
        for p, a in zip(sig.params, args):
            if a is None:
                return _err.ArgumentNullException(f"Value cannot be null. (Parameter "
                                                  f"'{p.name}')")
    elif any(a is None for a in args):
        return _err.ArgumentNullException("Value cannot be null.")
    if isinstance(exc, IndexError):
        return _err.ArgumentOutOfRangeException(
            "Index was out of range. Must be non-negative and less than the size of the "
            "collection.")
    if isinstance(exc, KeyError):
        return _err.ArgumentException(f"The value '{exc.args[0] if exc.args else ''}' is not "
                                      f"valid for this usage.")
    text = str(exc) or type(exc).__name__
    return _err.ArgumentException(text[:1].upper() + text[1:] + ("" if text.endswith(".")
                                                                 else "."))


def _invoke(name, call, fn, sig, args):
    try:
        return call()
    except (_err.FlowSignal, _err.MethodException):
        raise
    except _err.MethodInvocationException as exc:
        if getattr(exc, "_ps_wrapped_for", None) is not None:
            raise
        raise _wrap_invocation(name, len(args), exc)
    except _err.DotNetException as exc:
        raise _wrap_invocation(name, len(args), exc)
    except (ZeroDivisionError, OverflowError) as exc:
        raise _wrap_invocation(name, len(args), _py_exception(exc))
    except Exception as exc:  # noqa: BLE001 - only the emulated library's own failures
        if not _emulated(fn):
            raise
        raise _wrap_invocation(name, len(args), _py_failure(exc, sig, args))


def _call_python(name, bound, sigs, args, obj=None):
    sig = None
    if sigs:
        sig, args = _select_overload(name, sigs, args, _generic_map(obj))
    else:
        lo, hi = _py_arity(bound)
        if len(args) < lo or (hi is not None and len(args) > hi):
            raise _bad_count(name, len(args))
    return _invoke(name, lambda: bound(*args), bound, sig, args)


def _call_adapter(obj, m, args, static=False):
    name = m.name
    sig = None
    if m.sigs:
        sig, args = _select_overload(name, m.sigs, args)
    else:
        lo, hi = _py_arity(m.fn)
        if not static:
            lo, hi = lo - 1, (hi - 1 if hi is not None else None)
        if len(args) < lo or (hi is not None and len(args) > hi):
            raise _bad_count(name, len(args))
    fn = m.fn
    if static:
        return _invoke(name, lambda: fn(*args), fn, sig, args)
    return _invoke(name, lambda: fn(obj, *args), fn, sig, args)


def invoke_method(obj, name, args=()):
    """$obj.Name(args): case-insensitive, overloads by argument count, .NET exceptions wrapped
    as MethodInvocationException."""
    args = list(args)
    if obj is None or obj is AutomationNull:
        e = _err.RuntimeException("You cannot call a method on a null-valued expression.")
        _err.ErrorRecord(e, "InvokeMethodOnNull", "InvalidOperation")
        raise e
    if _ETS:
        ets = _ets_get(obj)
        if ets is not None:
            entry = ets.members.get(name.lower())
            if entry is not None and entry[0] == "scriptmethod":
                return _run_script(entry[2], obj, args)
    cls = obj.__class__
    info = _INFO.get(cls)
    if info is None:
        info = _class_info(cls)
    m = info.members.get(name.lower())
    if m is not None:
        if m.kind == METHOD:
            return _call_adapter(obj, m, args)
        if m.kind == PYMETHOD:
            return _call_python(m.name, getattr(obj, m.name), m.sigs, args, obj)
    elif info.is_collection:
        return _enumerate_method(obj, name, args)
    raise _method_not_found(type_name_of(obj), name)


def _enumerate_method(coll, name, args):
    out = []
    for item in coll:
        if item is None:
            continue
        v = invoke_method(item, name, args)
        if isinstance(v, (list, tuple)):
            out.extend(v)
        elif v is not None:
            out.append(v)
    if not out:
        return None
    return out[0] if len(out) == 1 else out


# ---- static members --------------------------------------------------------------------------


_STATIC_INFO: dict = {}


def _static_members(t):
    key = t.full_name
    tbl = _STATIC_INFO.get(key)
    if tbl is not None:
        return tbl
    from spshell.runtime.dotnet.base import prop, static_prop
    tbl = {}
    st = t.statics
    if st is not None:
        if t.enum:
            for n, v in st.__members__.items():
                tbl[n.lower()] = Member(n, PROP, getter=(lambda v=v: v), static=True,
                                        type_name=t.full_name)
            st = getattr(st, "__ps_enum_statics__", None)
        for name, v in (_adapter_items(st) if st is not None else ()):
            low = name.lower()
            if isinstance(v, static_prop):
                tbl[low] = Member(name, PROP, getter=v.getter, setter=v.setter_fn,
                                  type_name=v.type_name, static=True)
            elif isinstance(v, prop):
                continue
            elif isinstance(v, (FunctionType, staticmethod)):
                fn = v.__func__ if isinstance(v, staticmethod) else v
                tbl[low] = Member(name, METHOD, fn=fn, sigs=getattr(fn, "__ps_sigs__", None),
                                  static=True)
            elif isinstance(v, type):
                continue
            else:
                tbl[low] = Member(name, PROP, getter=(lambda v=v: v), static=True,
                                  type_name=type_name_of(v))
    # a class's own static methods (declared with @staticmethod / @classmethod, upper-case)
    cls = t.cls
    if cls is not None and cls not in _NO_SCAN and not t.enum:
        for k in reversed(cls.__mro__):
            if k in _NO_SCAN:
                continue
            for name, v in k.__dict__.items():
                if name[:1].isupper() and isinstance(v, (staticmethod, classmethod)):
                    tbl.setdefault(name.lower(), Member(name, PYMETHOD, fn=v, static=True,
                                                        sigs=getattr(v.__func__, "__ps_sigs__",
                                                                     None)))
    _STATIC_INFO[key] = tbl
    return tbl


def get_static_property(pstype, name):
    """[T]::Name - a missing static member is $null, as in PowerShell."""
    t = _as_pstype(pstype)
    m = _static_members(t).get(name.lower())
    if m is None:
        return None
    if m.kind == PROP:
        try:
            return m.getter()
        except _err.DotNetException as exc:
            raise _getter_error(m.name, exc)
    return PSMethodInfo(None, m, static_type=t)


def set_static_property(pstype, name, value):
    t = _as_pstype(pstype)
    m = _static_members(t).get(name.lower())
    if m is None:
        raise _property_not_found(name)
    if m.kind != PROP or m.setter is None:
        raise _read_only(m.name)
    try:
        m.setter(value)
    except _err.DotNetException as exc:
        raise _setter_error(m.name, exc)


def invoke_static_method(pstype, name, args=()):
    """[T]::Name(args); [T]::new(args) constructs."""
    t = _as_pstype(pstype)
    args = list(args)
    m = _static_members(t).get(name.lower())
    if m is not None and m.kind in (METHOD, PYMETHOD):
        if m.kind == METHOD:
            return _call_adapter(None, m, args, static=True)
        return _call_python(m.name, getattr(t.cls, m.name), m.sigs, args)
    if name.lower() == "new" and not t.abstract:
        return new_object(t, args)
    raise _method_not_found(t.full_name, name)


def _ctor_error(exc, t, method_name, n):
    """Constructor overload errors name the call ('new' or the type for New-Object) and
    argument conversion errors name the type, as PowerShell does."""
    if "Cannot find an overload" in exc.Message:
        return _bad_count(method_name, n)
    if exc.Message.startswith("Cannot convert argument"):
        e = _err.MethodException(exc.Message.replace('for ".ctor"', f'for "{t.Name}"', 1),
                                 inner=exc.InnerException)
        _err.ErrorRecord(e, "MethodArgumentConversionInvalidCastArgument", "NotSpecified")
        return e
    return exc


def new_object(pstype, args=(), method_name="new"):
    """[T]::new(args) / New-Object T args. Constructor failures are MethodInvocationException
    'Exception calling ".ctor" ...'; a wrong argument count names ``method_name``."""
    t = _as_pstype(pstype)
    args = list(args)
    st = _static_members(t).get("new")
    if st is not None and st.kind == METHOD:
        m = Member(".ctor", METHOD, fn=st.fn, sigs=st.sigs)
        try:
            return _call_adapter(None, m, args, static=True)
        except _err.MethodException as exc:
            raise _ctor_error(exc, t, method_name, len(args))
    cls = t.cls
    if cls is None or t.abstract or t.interface:
        if t.full_name == "System.Object":
            return PSCustomObject()
        e = _err.MethodException(
            f'A constructor was not found. Cannot find an appropriate constructor for type '
            f'{t.full_name}.')
        _err.ErrorRecord(e, "CannotFindAppropriateCtor", "ObjectNotFound")
        raise e
    if cls is object:
        return PSCustomObject()
    ctor = cls.__dict__.get("__ps_new__") and getattr(cls, "__ps_new__")
    if ctor is None:
        for k in cls.__mro__:
            if "__ps_new__" in k.__dict__:
                ctor = getattr(cls, "__ps_new__")
                break
    sigs = getattr(ctor, "__ps_sigs__", None) if ctor else None
    target = ctor or cls
    ctor_sig = None
    if sigs:
        try:
            ctor_sig, args = _select_overload(".ctor", sigs, args)
        except _err.MethodException as exc:
            raise _ctor_error(exc, t, method_name, len(args))
    elif ctor is None:
        if t.value_type and not args:
            from spshell.runtime.dotnet.collections import default_value
            return default_value(t)  # a struct's implicit parameterless constructor
        if t.value_type and getattr(cls, "__module__", "") in (
                "builtins", "decimal", "datetime", "uuid", "spshell.runtime.numbers"):
            raise _bad_count(method_name, len(args))  # primitives have no other constructor
        init = cls.__init__ if cls.__init__ is not object.__init__ else (
            cls.__new__ if cls.__new__ is not object.__new__ else None)
        lo, hi = _py_arity(init) if init is not None else (1, 1)
        lo, hi = lo - 1, (hi - 1 if hi is not None else None)
        if len(args) < lo or (hi is not None and len(args) > hi):
            raise _bad_count(method_name, len(args))
    return _invoke(".ctor", lambda: target(*args), target, ctor_sig, args)


# =============================================================================================
# Get-Member and display support


class MemberDefinition:
    """What Get-Member emits."""

    __ps_type__ = "Microsoft.PowerShell.Commands.MemberDefinition"
    __ps_default_display__ = ("Name", "MemberType", "Definition")

    def __init__(self, type_name, name, member_type, definition):
        self.TypeName = type_name
        self.Name = name
        self.MemberType = member_type
        self.Definition = definition

    def ToString(self):
        return self.Definition

    def __str__(self):
        return self.Definition

    def __repr__(self):
        return f"MemberDefinition({self.Name!r}, {self.MemberType!r})"


def _short(full):
    from spshell.runtime.dotnet.base import short_type_name
    return short_type_name(full)


def _value_type_name(v):
    return _short(type_name_of(v)) if v is not None else "System.Object"


def _method_definitions(m, target=None, static_type=None):
    pre = "static " if static_type is not None else ""
    if m.sigs:
        return [pre + s.definition() for s in m.sigs]
    fn = m.fn
    if fn is None and target is not None:
        fn = getattr(target, m.name, None)
    if isinstance(fn, (staticmethod, classmethod)):
        fn = fn.__func__
    params = []
    import inspect
    try:
        sig = inspect.signature(fn)
        skip_first = m.kind == METHOD and static_type is None or (
            m.kind == PYMETHOD and isinstance(fn, FunctionType) and static_type is None)
        ps = list(sig.parameters.values())
        if skip_first and ps:
            ps = ps[1:]
        if m.kind == PYMETHOD and static_type is not None and isinstance(
                _class_attr(static_type.cls, m.name), classmethod) and ps:
            ps = ps[1:]
        for p in ps:
            if p.kind == p.VAR_POSITIONAL:
                params.append(f"Params System.Object[] {p.name}")
            elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
                params.append(f"System.Object {p.name}")
    except (TypeError, ValueError):
        pass
    return [f"{pre}System.Object {m.name}({', '.join(params)})"]


_PARAMETERIZED = ("chars", "item")


def get_members(obj, static=False):
    """MemberDefinition objects for Get-Member (instance members, or static ones for a
    PSType with ``static=True``)."""
    if static:
        t = _as_pstype(obj)
        out = []
        for m in _static_members(t).values():
            if m.kind == PROP:
                acc = "{get;set;}" if m.setter else "{get;}"
                out.append(MemberDefinition(t.full_name, m.name, "Property",
                                            f"static {_short(m.type_name or 'System.Object')} "
                                            f"{m.name} {acc}"))
            else:
                out.append(MemberDefinition(t.full_name, m.name, "Method",
                                            ", ".join(_method_definitions(m, static_type=t))))
        return out
    tn = type_names_of(obj)[0] if obj is not None else ""
    out = []
    seen = set()
    ets = _ets_get(obj)
    if ets is not None:
        for low, (kind, name, value, second) in ets.members.items():
            seen.add(low)
            if kind == "noteproperty":
                out.append(MemberDefinition(tn, name, "NoteProperty",
                                            f"{_value_type_name(value)} {name}={_arg_text(value)}"))
            elif kind == "scriptproperty":
                d = f"System.Object {name} {{get={value};"
                d += f"set={second};}}" if second is not None else "}"
                out.append(MemberDefinition(tn, name, "ScriptProperty", d))
            elif kind == "scriptmethod":
                out.append(MemberDefinition(tn, name, "ScriptMethod",
                                            f"System.Object {name}();"))
            elif kind == "aliasproperty":
                out.append(MemberDefinition(tn, name, "AliasProperty", f"{name} = {value}"))
            else:
                out.append(MemberDefinition(tn, name, "CodeProperty", f"System.Object {name}"))
    if isinstance(obj, PSCustomObject):
        for name, value in obj.items():
            seen.add(name.lower())
            out.append(MemberDefinition(tn, name, "NoteProperty",
                                        f"{_value_type_name(value)} {name}={_arg_text(value)}"))
    info = _info(obj.__class__)
    for low, m in info.members.items():
        if low in seen:
            continue
        seen.add(low)
        if m.kind in (PROP, PYPROP):
            if m.kind == PROP:
                d = f"{_short(m.type_name or 'System.Object')} {m.name} " + \
                    ("{get;set;}" if m.setter else "{get;}")
            else:
                desc = _class_attr(obj.__class__, m.name)
                try:
                    cur = getattr(obj, m.name)
                except Exception:
                    cur = None
                settable = not (isinstance(desc, property) and desc.fset is None)
                d = f"{_value_type_name(cur)} {m.name} " + ("{get;set;}" if settable
                                                             else "{get;}")
            out.append(MemberDefinition(tn, m.name, "Property", d))
        elif low in _PARAMETERIZED and m.kind == METHOD:
            # indexers (String.Chars, Hashtable.Item) are parameterized properties in .NET
            acc = " {get;}" if low == "chars" else " {get;set;}"
            out.append(MemberDefinition(tn, m.name, "ParameterizedProperty",
                                        ", ".join(d + acc for d in
                                                  _method_definitions(m, obj))))
        else:
            out.append(MemberDefinition(tn, m.name, "Method",
                                        ", ".join(_method_definitions(m, obj))))
    if info.scan_dict:
        for k, v in getattr(obj, "__dict__", {}).items():
            if k[:1].isupper() and k.lower() not in seen:
                seen.add(k.lower())
                out.append(MemberDefinition(tn, k, "Property",
                                            f"{_value_type_name(v)} {k} {{get;set;}}"))
    return out


def property_names(obj):
    """Display order of an object's properties: PSCustomObject insertion order; Python classes in
    declaration order (base class first), then instance attributes; ETS note properties last."""
    if obj is None:
        return []
    if isinstance(obj, PSCustomObject):
        names = obj.names()
    elif hasattr(obj.__class__, "__ps_property_names__"):
        names = list(obj.__ps_property_names__())
    else:
        info = _info(obj.__class__)
        names = [info.members[low].name for low in info.prop_order]
        if info.scan_dict:
            have = set(info.prop_order)
            for k in getattr(obj, "__dict__", {}):
                if k[:1].isupper() and k.lower() not in have:
                    have.add(k.lower())
                    names.append(k)
    ets = _ets_get(obj)
    if ets is not None:
        have = {n.lower() for n in names}
        for low, (kind, name, _v, _s) in ets.members.items():
            if kind in ("noteproperty", "scriptproperty", "aliasproperty", "codeproperty") \
                    and low not in have:
                names.append(name)
    return names


def default_display_properties(obj):
    """The type's default display property set (``__ps_default_display__``) or None."""
    if obj is None:
        return None
    d = getattr(obj.__class__, "__ps_default_display__", None)
    return list(d) if d else None


def _static_and_instance_members(t):
    out = []
    for m in _static_members(t).values():
        out.append(MemberDefinition(t.full_name, m.name,
                                    "Property" if m.kind == PROP else "Method",
                                    m.name))
    cls = t.cls
    if cls is not None:
        for low, m in _info(cls).members.items():
            out.append(MemberDefinition(t.full_name, m.name,
                                        "Property" if m.kind in (PROP, PYPROP) else "Method",
                                        m.name))
    return out


# =============================================================================================
# Indexing of objects that are not arrays, strings or hashtables (the engine handles those)


def has_property(obj, name):
    """Does the value have a property (or key, for dictionaries) of that name?"""
    if obj is None or obj is AutomationNull:
        return False
    if isinstance(obj, PSCustomObject):
        if obj.has(name):
            return True
    e = _ets_get(obj)
    if e is not None:
        entry = e.members.get(name.lower())
        if entry is not None:
            return entry[0] != "scriptmethod"
    info = _info(obj.__class__)
    if info.is_dict:
        try:
            if name in obj:
                return True
        except TypeError:
            pass
    if info.dynamic and obj.__ps_get_member__(name)[0]:
        return True
    m = info.members.get(name.lower())
    if m is not None:
        return m.kind in (PROP, PYPROP)
    if info.scan_dict:
        return _dict_attr_name(obj, name) is not None
    return False


def _cannot_index(obj):
    e = _err.RuntimeException(f"Unable to index into an object of type {type_name_of(obj)}.")
    _err.ErrorRecord(e, "CannotIndex", "InvalidOperation")
    return e


def get_index(obj, index):
    """$obj[index] for collections, dictionaries and objects with an indexer (__getitem__ or a
    parameterized Item property); a scalar answers index 0 (and -1) with itself."""
    if isinstance(index, (list, tuple)) and not _info(obj.__class__).is_dict:
        return [get_index(obj, i) for i in index]
    getitem = getattr(obj.__class__, "__getitem__", None)
    if getitem is not None:
        try:
            return obj[index]
        except (KeyError, IndexError):
            return None
        except TypeError:
            if not isinstance(index, int):
                try:
                    return obj[_conversion().convert_to(index, int)]
                except (KeyError, IndexError, _err.DotNetException, TypeError):
                    return None
            raise _cannot_index(obj)
    m = _info(obj.__class__).members.get("item")
    if m is not None and m.kind in (METHOD, PYMETHOD):
        return invoke_method(obj, m.name, [index])
    if isinstance(index, int) and not isinstance(index, bool) and index in (0, -1):
        return obj
    if isinstance(index, int):
        return None
    raise _cannot_index(obj)


def set_index(obj, index, value):
    """$obj[index] = value for objects with an indexer."""
    setitem = getattr(obj.__class__, "__setitem__", None)
    if setitem is not None:
        try:
            obj[index] = value
            return
        except IndexError:
            e = _err.IndexOutOfRangeException("Index was outside the bounds of the array.")
            _err.ErrorRecord(e, "System.IndexOutOfRangeException", "OperationStopped")
            raise e
    m = _info(obj.__class__).members.get("set_item")
    if m is not None:
        invoke_method(obj, m.name, [index, value])
        return
    e = _err.RuntimeException(f"Unable to index into an object of type {type_name_of(obj)}.")
    _err.ErrorRecord(e, "CannotIndex", "InvalidOperation")
    raise e
