"""Type resolution: accelerators, full names, generics, arrays, exceptions, registration."""
import datetime
import decimal
import uuid

import pytest

from spshell.language.ast import TypeName
from spshell.runtime import errors as E
from spshell.runtime import types as T
from spshell.runtime.objects import Hashtable, OrderedDictionary, PSCustomObject


@pytest.mark.parametrize("name,full", [
    ("int", "System.Int32"), ("INT32", "System.Int32"), ("long", "System.Int64"),
    ("int64", "System.Int64"), ("string", "System.String"), ("char", "System.Char"),
    ("double", "System.Double"), ("float", "System.Single"), ("single", "System.Single"),
    ("decimal", "System.Decimal"), ("bool", "System.Boolean"), ("byte", "System.Byte"),
    ("sbyte", "System.SByte"), ("int16", "System.Int16"), ("uint16", "System.UInt16"),
    ("uint32", "System.UInt32"), ("uint64", "System.UInt64"),
    ("bigint", "System.Numerics.BigInteger"), ("datetime", "System.DateTime"),
    ("timespan", "System.TimeSpan"), ("guid", "System.Guid"),
    ("regex", "System.Text.RegularExpressions.Regex"), ("array", "System.Array"),
    ("object", "System.Object"), ("hashtable", "System.Collections.Hashtable"),
    ("ordered", "System.Collections.Specialized.OrderedDictionary"),
    ("pscustomobject", "System.Management.Automation.PSCustomObject"),
    ("psobject", "System.Management.Automation.PSObject"),
    ("scriptblock", "System.Management.Automation.ScriptBlock"),
    ("math", "System.Math"), ("convert", "System.Convert"),
    ("System.IO.Path", "System.IO.Path"), ("IO.File", "System.IO.File"),
    ("environment", "System.Environment"), ("System.Text.Encoding", "System.Text.Encoding"),
    ("securestring", "System.Security.SecureString"),
    ("pscredential", "System.Management.Automation.PSCredential"),
    ("mailaddress", "System.Net.Mail.MailAddress"),
    ("System.Net.NetworkCredential", "System.Net.NetworkCredential"),
    ("System.Collections.ArrayList", "System.Collections.ArrayList"),
    ("System.Collections.Specialized.StringDictionary",
     "System.Collections.Specialized.StringDictionary"),
    ("System.Reflection.Assembly", "System.Reflection.Assembly"),
    ("System.Text.StringBuilder", "System.Text.StringBuilder"), ("uri", "System.Uri"),
    ("version", "System.Version"), ("ipaddress", "System.Net.IPAddress"),
    ("xml", "System.Xml.XmlDocument"), ("void", "System.Void"),
    ("ref", "System.Management.Automation.PSReference"),
    ("switch", "System.Management.Automation.SwitchParameter"), ("type", "System.Type"),
    ("enum", "System.Enum"), ("cultureinfo", "System.Globalization.CultureInfo"),
    ("console", "System.Console"), ("Text.StringBuilder", "System.Text.StringBuilder"),
])
def test_accelerators_and_full_names(name, full):
    t = T.resolve_type(name)
    assert t is not None, name
    assert t.FullName == full
    assert T.resolve_type(full) is t


def test_unknown_type_is_none():
    assert T.resolve_type("NoSuch.Type") is None
    assert T.resolve_type("List[NoSuchType]") is None
    assert T.resolve_type("int[") is None


def test_array_types():
    t = T.resolve_type("int[]")
    assert t.FullName == "System.Int32[]" and t.Name == "Int32[]"
    assert t.is_array and t.IsArray and t.element_type is T.resolve_type("int")
    assert T.resolve_type("object[]").cls is list
    assert T.resolve_type("string[][]").element_type is T.resolve_type("string[]")
    assert T.resolve_type("char[]").BaseType.FullName == "System.Array"
    assert T.resolve_type("byte[]") is T.resolve_type("System.Byte[]")


def test_generic_types():
    t = T.resolve_type("System.Collections.Generic.List[string]")
    assert t.Name == "List`1"
    assert t.FullName.startswith("System.Collections.Generic.List`1[[System.String, ")
    assert t.ToString() == "System.Collections.Generic.List`1[System.String]"
    assert t.generic_args == (T.resolve_type("string"),)
    assert T.resolve_type("Collections.Generic.List[string]") is t
    assert T.resolve_type("System.Collections.Generic.List`1[System.String]") is t
    assert T.resolve_type(
        "System.Collections.Generic.List`1[[System.String, mscorlib, Version=4.0.0.0]]") is t
    d = T.resolve_type("System.Collections.Generic.Dictionary[string, int]")
    assert [a.FullName for a in d.generic_args] == ["System.String", "System.Int32"]
    nested = T.resolve_type("System.Collections.Generic.Dictionary[string,List[int]]")
    assert nested.generic_args[1].generic_args[0].FullName == "System.Int32"
    arr = T.resolve_type("System.Collections.Generic.List[int][]")
    assert arr.is_array and arr.element_type.generic_args[0].FullName == "System.Int32"


def test_ast_type_names():
    tn = TypeName(None, name="System.Collections.Generic.List",
                  generic_args=[TypeName(None, name="string")])
    assert T.resolve_type(tn) is T.resolve_type("System.Collections.Generic.List[string]")
    assert T.resolve_type(TypeName(None, name="int", array_rank=1)) is T.resolve_type("int[]")
    assert T.resolve_type(TypeName(None, name="Int32")) is T.resolve_type("int")


def test_exception_types_resolve_by_short_and_full_name():
    assert T.resolve_type("ArgumentNullException").cls is E.ArgumentNullException
    assert T.resolve_type("System.ArgumentNullException").cls is E.ArgumentNullException
    assert T.resolve_type("DivideByZeroException").BaseType.FullName == \
        "System.ArithmeticException"
    assert T.resolve_type("Exception").FullName == "System.Exception"
    assert T.resolve_type("System.Management.Automation.RuntimeException").cls is \
        E.RuntimeException


def test_pstype_properties_and_display():
    t = T.resolve_type("int")
    assert (t.Name, t.FullName, t.Namespace) == ("Int32", "System.Int32", "System")
    assert t.BaseType.FullName == "System.ValueType"
    assert t.IsValueType and t.IsPublic and t.IsSerializable
    assert str(t) == "System.Int32" and t.ToString() == "System.Int32"
    assert t.__ps_default_display__ == ("IsPublic", "IsSerial", "Name", "BaseType")
    assert T.type_name_of(t) == "System.RuntimeType"
    assert T.resolve_type("string").IsValueType is False
    assert T.resolve_type("object").BaseType is None
    assert t.IsAssignableFrom(T.resolve_type("int"))
    assert T.resolve_type("ValueType").IsAssignableFrom(t)
    assert not T.resolve_type("string").IsAssignableFrom(t)
    assert T.get_property(t, "FullName") == "System.Int32"
    assert T.invoke_method(t, "GetType", []).FullName == "System.RuntimeType"


def test_enum_types():
    t = T.resolve_type("System.DayOfWeek")
    assert t.enum and t.IsEnum
    assert t.GetEnumNames()[:2] == ["Sunday", "Monday"]
    v = T.get_static_property(t, "Friday")
    assert str(v) == "Friday" and T.type_name_of(v) == "System.DayOfWeek"
    assert T.invoke_static_method(T.resolve_type("enum"), "GetNames", [t])[-1] == "Saturday"


def test_register_type_lazily():
    t = T.register_type("Contoso.Widget", "collections:OrderedDict", accelerators=("widget",))
    assert T.resolve_type("widget") is t
    assert t._cls is None  # not imported until used
    import collections
    assert t.cls is collections.OrderedDict

    class Gadget:
        __ps_type__ = "Contoso.Gadget"

    g = T.register_type("Contoso.Gadget", Gadget)
    assert T.type_of(Gadget()) is g
    assert T.resolve_type("Contoso.Gadget") is g


def test_type_of_builtin_values():
    assert T.type_name_of("x") == "System.String"
    assert T.type_name_of(1) == "System.Int32"
    assert T.type_name_of(2 ** 40) == "System.Int64"
    assert T.type_name_of(True) == "System.Boolean"
    assert T.type_name_of(1.5) == "System.Double"
    assert T.type_name_of(decimal.Decimal("1.5")) == "System.Decimal"
    assert T.type_name_of([1, 2]) == "System.Object[]"
    assert T.type_name_of(datetime.datetime.now()) == "System.DateTime"
    assert T.type_name_of(datetime.timedelta(1)) == "System.TimeSpan"
    assert T.type_name_of(uuid.uuid4()) == "System.Guid"
    assert T.type_name_of(Hashtable()) == "System.Collections.Hashtable"
    assert T.type_name_of(OrderedDictionary()) == \
        "System.Collections.Specialized.OrderedDictionary"
    assert T.type_name_of(None) == ""
    assert T.type_of(None) is None
    from spshell.runtime.numbers import Int64, Char
    assert T.type_name_of(Int64(5)) == "System.Int64"
    assert T.type_name_of(Char("a")) == "System.Char"


def test_type_names_chains():
    assert T.type_names_of(1) == ["System.Int32", "System.ValueType", "System.Object"]
    assert T.type_names_of("s") == ["System.String", "System.Object"]
    assert T.type_names_of([1]) == ["System.Object[]", "System.Array", "System.Object"]
    assert T.type_names_of(PSCustomObject({"a": 1})) == \
        ["System.Management.Automation.PSCustomObject", "System.Object"]
    o = PSCustomObject({"PSTypeName": "Contoso.Thing", "a": 1})
    assert T.type_names_of(o)[0] == "Contoso.Thing"
    o2 = PSCustomObject({"a": 1}, type_names=["My.Type"])
    assert T.type_names_of(o2) == ["My.Type", "System.Management.Automation.PSCustomObject",
                                   "System.Object"]
    exc = E.ArgumentNullException("x")
    assert T.type_names_of(exc) == ["System.ArgumentNullException", "System.ArgumentException",
                                    "System.SystemException", "System.Exception",
                                    "System.Object"]


def test_is_instance_rules():
    R = T.resolve_type
    assert T.is_instance(1, R("int")) and T.is_instance(1, R("ValueType"))
    assert not T.is_instance(True, R("int"))
    assert not T.is_instance("1", R("int"))
    assert T.is_instance("1", R("object")) and not T.is_instance(None, R("object"))
    assert T.is_instance([1], R("array")) and T.is_instance([1], R("object[]"))
    assert not T.is_instance([1], R("int[]"))
    from spshell.runtime.conversion import convert_to
    assert T.is_instance(convert_to([1, 2], R("int[]")), R("int[]"))
    assert T.is_instance(Hashtable(), R("System.Collections.IDictionary"))
    assert T.is_instance([1], R("System.Collections.IEnumerable"))
    assert T.is_instance(E.ArgumentNullException("x"), R("ArgumentException"))
    assert not T.is_instance(E.ArgumentNullException("x"), R("DivideByZeroException"))
    assert T.is_instance(PSCustomObject(), R("psobject"))
    assert T.is_instance(R("int"), R("type"))
    from spshell.runtime.numbers import Int64
    assert not T.is_instance(Int64(5), R("int")) and T.is_instance(Int64(5), R("long"))
    o = PSCustomObject({"PSTypeName": "Contoso.Thing"})
    T.register_type("Contoso.Thing", None)
    assert T.is_instance(o, R("Contoso.Thing"))


def test_python_subclassing_is_not_dotnet_inheritance():
    R = T.resolve_type
    assert not T.is_instance(OrderedDictionary(), R("hashtable"))
    assert T.is_instance(OrderedDictionary(), R("System.Collections.IDictionary"))
    lst = T.new_object(R("System.Collections.Generic.List[string]"), [])
    assert not T.is_instance(lst, R("System.Collections.ArrayList"))
    assert T.is_instance(lst, R("System.Collections.Generic.List[string]"))
    assert T.is_instance(lst, R("System.Collections.IList"))
    assert not T.is_instance(lst, R("System.Collections.Generic.List[int]"))


def test_exception_types_defined_later_resolve():
    cls = E.define_exception("Contoso.Mail.QuotaException", E.InvalidOperationException)
    t = T.resolve_type("Contoso.Mail.QuotaException")
    assert t is not None and t.cls is cls
    assert T.resolve_type("QuotaException") is t
    assert T.is_instance(cls("full"), T.resolve_type("InvalidOperationException"))


def test_common_interfaces_of_primitives():
    R = T.resolve_type
    assert T.is_instance(5, R("IComparable")) and T.is_instance(5, R("IFormattable"))
    assert T.is_instance("x", R("IComparable")) and not T.is_instance("x", R("IFormattable"))
    assert T.is_instance(True, R("IConvertible")) and not T.is_instance([1], R("IComparable"))
