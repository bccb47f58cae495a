"""Member access semantics: properties, member enumeration, hashtables, PSCustomObject, the
Python-class member rule, ETS members, PSObject view, method errors and overloads."""
import pytest

from spshell.runtime import errors as E
from spshell.runtime import types as T
from spshell.runtime.conversion import convert_to
from spshell.runtime.objects import (Hashtable, OrderedDictionary, PSCustomObject, PSReference,
                                     NetworkCredential)


def ref(initial=None):
    cell = [initial]
    return PSReference(lambda: cell[0], lambda v: cell.__setitem__(0, v))


class Server:
    __ps_type__ = "Contoso.Server"
    __ps_default_display__ = ("Name", "Role")
    Kind = "physical"

    def __init__(self, name):
        self.Name = name
        self.Role = "Application"
        self._secret = "hidden"
        self.port = 25

    @property
    def Address(self):
        return self.Name + ".contoso.com"

    @property
    def Port(self):
        return self.port

    @Port.setter
    def Port(self, v):
        self.port = v

    def Ping(self, count=1):
        return [self.Name] * count

    def Fail(self):
        raise E.InvalidOperationException("server is down")

    def helper(self):  # lower-case: not a PowerShell member
        return 1


def test_missing_property_is_null_and_intrinsics():
    assert T.get_property("abc", "NoSuch") is None
    assert T.get_property(5, "Count") == 1 and T.get_property(5, "Length") == 1
    assert T.get_property(None, "Count") == 0 and T.get_property(None, "Foo") is None
    assert T.get_property("abc", "LENGTH") == 3


def test_member_enumeration():
    lst = convert_to(["a", "bb", "ccc"], T.resolve_type("System.Collections.Generic.List[string]"))
    assert T.get_property(lst, "Count") == 3
    assert T.get_property(lst, "Length") == [1, 2, 3]  # List has no Length: enumerate
    assert T.invoke_method(lst, "ToUpper", []) == ["A", "BB", "CCC"]
    assert T.get_property(["ab", "c"], "Length") == 2  # arrays have Length themselves
    objs = [PSCustomObject({"Name": "a"}), PSCustomObject({"Name": "b"}), 5]
    assert T.get_property(objs, "Name") == ["a", "b"]
    assert T.get_property([PSCustomObject({"Name": "only"})], "Name") == "only"
    assert T.get_property([1, 2], "NoSuch") is None
    nested = [PSCustomObject({"Tags": ["x", "y"]}), PSCustomObject({"Tags": ["z"]})]
    assert T.get_property(nested, "Tags") == ["x", "y", "z"]


def test_hashtable_dot_access():
    h = Hashtable({"key": "value", "Name": "PowerShell"})
    assert T.get_property(h, "KEY") == "value"
    assert T.get_property(h, "Count") == 2
    assert T.get_property(h, "Keys") == ["key", "Name"]
    assert T.get_property(h, "Values") == ["value", "PowerShell"]
    assert T.get_property(h, "missing") is None
    h2 = Hashtable({"Count": 99})
    assert T.get_property(h2, "Count") == 99  # keys win over members, as in PowerShell
    T.set_property(h, "new", 1)
    assert h["NEW"] == 1
    T.invoke_method(h, "Remove", ["Key"])
    assert "key" not in h
    assert T.invoke_method(h, "ContainsKey", ["name"]) is True
    assert T.invoke_method(h, "ContainsValue", ["PowerShell"]) is True


def test_hashtable_add_duplicate_message():
    h = Hashtable()
    T.invoke_method(h, "Add", ["a", 1])
    with pytest.raises(E.MethodInvocationException) as ei:
        T.invoke_method(h, "Add", ["A", 2])
    assert str(ei.value) == ('Exception calling "Add" with "2" argument(s): "Item has already '
                             "been added. Key in dictionary: 'a'  Key being added: 'A'\"")
    assert isinstance(ei.value.InnerException, E.ArgumentException)
    assert ei.value.error_record.error_id == "ArgumentException"


def test_hashtable_enumerator_entries():
    h = OrderedDictionary()
    h["b"] = 2
    h["a"] = 1
    entries = list(T.invoke_method(h, "GetEnumerator", []))
    assert [(e.Key, e.Value, e.Name) for e in entries] == [("b", 2, "b"), ("a", 1, "a")]
    assert T.type_name_of(entries[0]) == "System.Collections.DictionaryEntry"
    T.invoke_method(h, "Insert", [0, "z", 26])
    assert list(h.keys()) == ["z", "b", "a"]


def test_pscustomobject_members():
    o = PSCustomObject({"Name": "x", "Size": 3})
    assert T.get_property(o, "name") == "x"
    T.set_property(o, "SIZE", 4)
    assert o.get("Size") == 4
    with pytest.raises(E.PropertyNotFoundException) as ei:
        T.set_property(o, "Nope", 1)
    assert str(ei.value) == ("The property 'Nope' cannot be found on this object. Verify that "
                             "the property exists and can be set.")
    assert T.get_property(o, "Count") == 1
    assert T.invoke_method(o, "ToString", []) == ""
    assert T.property_names(o) == ["Name", "Size"]
    with pytest.raises(E.MethodException) as ei:
        T.invoke_method(o, "Name", [])
    assert "does not contain a method named 'Name'" in str(ei.value)


def test_python_class_member_rule():
    s = Server("sp01")
    assert T.get_property(s, "name") == "sp01"
    assert T.get_property(s, "ADDRESS") == "sp01.contoso.com"
    assert T.get_property(s, "kind") == "physical"
    assert T.get_property(s, "_secret") is None and T.get_property(s, "helper") is None
    assert T.get_property(s, "port") == 25
    assert T.invoke_method(s, "ping", [2]) == ["sp01", "sp01"]
    with pytest.raises(E.MethodException):
        T.invoke_method(s, "helper", [])
    # declared order: class attributes base->derived, then instance attributes
    assert T.property_names(s) == ["Kind", "Address", "Port", "Name", "Role"]
    assert T.default_display_properties(s) == ["Name", "Role"]
    T.set_property(s, "Port", "587")  # converted to the current value's type
    assert s.port == 587
    with pytest.raises(E.SetValueInvocationException) as ei:
        T.set_property(s, "Address", "x")
    assert str(ei.value) == "'Address' is a ReadOnly property."
    T.set_property(s, "role", "Web")
    assert s.Role == "Web"
    with pytest.raises(E.PropertyNotFoundException):
        T.set_property(s, "Missing", 1)


def test_method_errors():
    with pytest.raises(E.MethodException) as ei:
        T.invoke_method("abc", "Foo", [])
    assert str(ei.value) == ("Method invocation failed because [System.String] does not "
                             "contain a method named 'Foo'.")
    assert ei.value.error_record.error_id == "MethodNotFound"
    with pytest.raises(E.MethodException) as ei:
        T.invoke_method("abc", "Substring", [1, 2, 3])
    assert str(ei.value) == ('Cannot find an overload for "Substring" and the argument count: '
                             '"3".')
    with pytest.raises(E.MethodInvocationException) as ei:
        T.invoke_method("abc", "Substring", [5])
    assert str(ei.value) == ('Exception calling "Substring" with "1" argument(s): "startIndex '
                             "cannot be larger than length of string. (Parameter 'startIndex')\"")
    assert isinstance(ei.value.InnerException, E.ArgumentOutOfRangeException)
    with pytest.raises(E.MethodInvocationException) as ei:
        T.invoke_method(Server("a"), "Fail", [])
    assert str(ei.value) == 'Exception calling "Fail" with "0" argument(s): "server is down"'
    with pytest.raises(E.MethodException) as ei:
        T.invoke_method(Server("a"), "Ping", [1, 2])
    assert "argument count: \"2\"" in str(ei.value)
    with pytest.raises(E.RuntimeException) as ei:
        T.invoke_method(None, "Foo", [])
    assert str(ei.value) == "You cannot call a method on a null-valued expression."


def test_argument_conversion_error():
    with pytest.raises(E.MethodException) as ei:
        T.invoke_method("abc", "Substring", ["x"])
    msg = str(ei.value)
    assert msg.startswith('Cannot convert argument "startIndex", with value: "x", for '
                          '"Substring" to type "System.Int32": ')


def test_array_fixed_size_and_clear():
    with pytest.raises(E.MethodInvocationException) as ei:
        T.invoke_method([1, 2], "Add", [3])
    assert str(ei.value) == ('Exception calling "Add" with "1" argument(s): "Collection was of '
                             'a fixed size."')
    a = [1, 2, 3]
    T.invoke_method(a, "Clear", [])
    assert a == [None, None, None]
    ints = convert_to([1, 2, 3], T.resolve_type("int[]"))
    T.invoke_method(ints, "Clear", [])
    assert ints == [0, 0, 0]
    assert T.invoke_method([1, "1"], "IndexOf", ["1"]) == 1
    assert T.invoke_method([1, 2], "Contains", [2]) is True


def test_string_members():
    I = T.invoke_method
    assert I("a,b,,c", "Split", [","]) == ["a", "b", "", "c"]
    rem = T.get_static_property(T.resolve_type("StringSplitOptions"), "RemoveEmptyEntries")
    assert I("a,b,,c", "Split", [",", rem]) == ["a", "b", "c"]
    assert I("a,b;c", "Split", [",", ";"]) == ["a", "b", "c"]  # params char[]
    assert I("1ab2ab3", "Split", ["ab"]) == ["1", "2", "3"]  # string separator (.NET Core)
    assert I("a b  c", "Split", []) == ["a", "b", "", "c"]
    assert I("a,b,c,d", "Split", [",", 2]) == ["a", "b,c,d"]
    assert T.type_name_of(I("a,b", "Split", [","])) == "System.String[]"
    assert I("xxhixx", "Trim", ["x"]) == "hi" and I("  hi ", "TrimEnd", []) == "  hi"
    assert I("abcabc", "TrimStart", ["ab"]) == "cabc"
    assert I("Hello", "IndexOf", ["l"]) == 2 and I("Hello", "LastIndexOf", ["l"]) == 3
    assert I("Hello", "Contains", ["ell"]) and not I("Hello", "Contains", ["ELL"])
    assert I("Hello", "StartsWith", ["He"]) and not I("Hello", "StartsWith", ["he"])
    ic = T.get_static_property(T.resolve_type("System.StringComparison"), "OrdinalIgnoreCase")
    assert I("Hello", "StartsWith", ["he", ic])
    assert I("aaa", "Replace", ["a", "bb"]) == "bbbbbb"
    assert I("7", "PadLeft", [3, "0"]) == "007" and I("7", "PadRight", [3]) == "7  "
    assert I("abc", "Insert", [1, "X"]) == "aXbc" and I("abcdef", "Remove", [1, 2]) == "adef"
    chars = I("ab", "ToCharArray", [])
    assert chars == ["a", "b"] and T.type_name_of(chars) == "System.Char[]"
    assert I("abc", "Equals", ["abc"]) and not I("abc", "Equals", ["ABC"])
    assert I("a", "CompareTo", ["b"]) == -1
    assert I("abc", "Chars", [1]) == "b"
    assert I("Hello", "Substring", [1, 3]) == "ell"
    with pytest.raises(E.MethodInvocationException):
        I("abc", "Replace", ["", "x"])


def test_char_values_have_char_members_only():
    from spshell.runtime.numbers import Char
    c = Char("a")
    assert T.get_property(c, "Length") == 1  # intrinsic, not String.Length
    assert T.invoke_method(c, "CompareTo", [Char("b")]) == -1
    with pytest.raises(E.MethodException):
        T.invoke_method(c, "ToUpper", [])
    assert T.invoke_static_method(T.resolve_type("char"), "IsDigit", ["7"]) is True
    assert T.invoke_static_method(T.resolve_type("char"), "ToUpper", ["q"]) == "Q"


def test_numbers_and_datetime_members():
    assert T.invoke_method(5, "ToString", []) == "5"
    assert T.invoke_method(5, "ToString", ["D3"]) == "005"
    assert T.invoke_method(5, "CompareTo", [3]) == 1
    assert T.invoke_method(5, "Equals", [5]) and not T.invoke_method(5, "Equals", ["5"])
    assert T.invoke_method(5, "GetType", []).Name == "Int32"
    assert T.invoke_method(True, "ToString", []) == "True"
    import datetime
    d = datetime.datetime(2024, 2, 29, 10, 30, 15, 250000)
    P = T.get_property
    assert (P(d, "Year"), P(d, "Month"), P(d, "Day"), P(d, "Hour"), P(d, "Minute"),
            P(d, "Second"), P(d, "Millisecond")) == (2024, 2, 29, 10, 30, 15, 250)
    assert str(P(d, "DayOfWeek")) == "Thursday" and P(d, "DayOfYear") == 60
    assert T.invoke_method(d, "AddYears", [1]) == datetime.datetime(2025, 2, 28, 10, 30, 15,
                                                                      250000)
    assert T.invoke_method(d, "AddDays", [1.5]) == datetime.datetime(2024, 3, 1, 22, 30, 15,
                                                                       250000)
    assert T.invoke_method(d, "ToString", ["yyyy-MM-dd HH:mm"]) == "2024-02-29 10:30"
    span = T.invoke_method(d, "Subtract", [datetime.datetime(2024, 2, 28)])
    assert T.get_property(span, "TotalHours") == pytest.approx(34.504236, rel=1e-6)
    ts = datetime.timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=5)
    assert (P(ts, "Days"), P(ts, "Hours"), P(ts, "Minutes"), P(ts, "Seconds"),
            P(ts, "Milliseconds")) == (1, 2, 3, 4, 5)
    assert P(-ts, "Hours") == -2
    assert P(ts, "Ticks") == 937840050000
    assert T.invoke_method(ts, "ToString", []) == "1.02:03:04.0050000"


def test_guid_and_regex_objects():
    import uuid
    g = uuid.UUID("0f8fad5b-d9cb-469f-a165-70867728950e")
    assert T.invoke_method(g, "ToString", ["N"]) == "0f8fad5bd9cb469fa16570867728950e"
    assert T.invoke_method(g, "ToString", ["B"]) == "{0f8fad5b-d9cb-469f-a165-70867728950e}"
    rx = convert_to(r"(?<user>\w+)@(\w+)", T.resolve_type("regex"))
    m = T.invoke_method(rx, "Match", ["mail: joe@contoso now"])
    assert T.get_property(m, "Success") and T.get_property(m, "Value") == "joe@contoso"
    assert T.get_property(m, "Index") == 6 and T.get_property(m, "Length") == 11
    groups = T.get_property(m, "Groups")
    assert T.get_property(T.get_index(groups, "user"), "Value") == "joe"
    assert T.get_property(T.get_index(groups, 1), "Value") == "contoso"  # unnamed first
    assert T.get_property(T.get_index(groups, 2), "Value") == "joe"
    assert T.get_property(groups, "Count") == 3
    none = T.invoke_method(rx, "Match", ["nothing"])
    assert T.get_property(none, "Success") is False and T.get_property(none, "Value") == ""
    ms = T.invoke_method(rx, "Matches", ["a@b c@d"])
    assert T.get_property(ms, "Count") == 2 and T.get_property(ms, "Value") == ["a@b", "c@d"]
    assert T.invoke_method(rx, "Replace", ["a@b", "${user} at $2"]) == "a at b"


def test_ets_members_on_any_object():
    s = "text"
    T.add_member(s, "NoteProperty", "Origin", "file")
    assert T.get_property(s, "origin") == "file"
    assert "Origin" in T.property_names(s)
    with pytest.raises(E.InvalidOperationException):
        T.add_member(s, "NoteProperty", "Origin", "again")
    T.add_member(s, "NoteProperty", "Origin", "again", force=True)
    assert T.get_property(s, "Origin") == "again"
    T.set_property(s, "Origin", "set")
    assert T.get_property(s, "Origin") == "set"
    srv = Server("x")
    T.add_member(srv, "AliasProperty", "HostName", "Name")
    assert T.get_property(srv, "HostName") == "x"
    o = PSCustomObject({"a": 1})
    T.add_member(o, "NoteProperty", "b", 2)
    assert o.get("b") == 2 and T.property_names(o) == ["a", "b"]
    defs = {m.Name: m for m in T.get_members(o)}
    assert defs["b"].MemberType == "NoteProperty" and defs["b"].Definition == "int b=2"


def test_script_members_use_the_engine_hook(monkeypatch):
    calls = []

    def invoker(block, this, args):
        calls.append((block, this, args))
        return f"{block}:{T.get_property(this, 'Name')}:{args}"

    monkeypatch.setattr(T, "script_invoker", invoker)
    o = PSCustomObject({"Name": "n"})
    T.add_member(o, "ScriptProperty", "Upper", "GETTER")
    T.add_member(o, "ScriptMethod", "Greet", "METHOD")
    assert T.get_property(o, "Upper") == "GETTER:n:[]"
    assert T.invoke_method(o, "greet", [1]) == "METHOD:n:[1]"
    assert calls[0][1] is o


def test_psobject_view_and_type_names():
    o = PSCustomObject({"Name": "x", "Size": 3})
    view = T.get_property(o, "PSObject")
    props = list(T.get_property(view, "Properties"))
    assert [p.Name for p in props] == ["Name", "Size"]
    assert [p.MemberType for p in props] == ["NoteProperty", "NoteProperty"]
    assert props[1].Value == 3 and props[1].TypeNameOfValue == "System.Int32"
    assert T.get_property(T.get_property(view, "Properties"), "Name") == ["Name", "Size"]
    assert T.get_index(T.get_property(view, "Properties"), "size").Value == 3
    copy = T.invoke_method(view, "Copy", [])
    copy.set("Name", "y")
    assert o.get("Name") == "x"
    names = T.get_property(o, "PSTypeNames")
    T.invoke_method(names, "Insert", [0, "Contoso.Item"])
    assert T.type_names_of(o)[0] == "Contoso.Item"
    props_view = T.get_property(view, "Properties")
    from spshell.runtime.objects import PSNoteProperty
    T.invoke_method(props_view, "Add", [PSNoteProperty("Extra", 1)])
    assert o.get("Extra") == 1
    cred = NetworkCredential("u", "p", "d")
    cprops = {p.Name: p for p in T.get_property(T.get_property(cred, "PSObject"), "Properties")}
    assert cprops["UserName"].MemberType == "Property" and cprops["UserName"].Value == "u"


def test_get_members_definitions():
    defs = {m.Name: m for m in T.get_members("abc")}
    assert defs["Length"].MemberType == "Property"
    assert defs["Length"].Definition == "int Length {get;}"
    assert defs["ToUpper"].MemberType == "Method"
    assert defs["ToUpper"].Definition.startswith("string ToUpper()")
    assert defs["Split"].Definition.count("string[] Split(") >= 5
    assert defs["Length"].TypeName == "System.String"
    sdefs = {m.Name: m for m in T.get_members(Server("x"))}
    assert sdefs["Ping"].Definition == "System.Object Ping(System.Object count)"
    assert sdefs["Address"].Definition == "string Address {get;}"
    assert sdefs["Port"].Definition == "int Port {get;set;}"
    static = {m.Name: m for m in T.get_members(T.resolve_type("math"), static=True)}
    assert static["PI"].Definition == "static double PI {get;}"
    assert "static double Round(double a)" in static["Round"].Definition
    meth = T.get_property("abc", "ToUpper")
    assert T.type_name_of(meth) == "System.Management.Automation.PSMethod"
    assert meth.OverloadDefinitions[0] == "string ToUpper()"
    assert meth.Invoke() == "ABC"


def test_indexing_helpers():
    from spshell.runtime.dotnet.collections import StringDictionary
    sd = StringDictionary()
    sd["To"] = "a@b"
    assert T.get_index(sd, "TO") == "a@b" and T.get_index(sd, "missing") is None
    assert T.get_index(5, 0) == 5
    with pytest.raises(E.RuntimeException):
        T.get_index(5, "x")
    T.set_index(sd, "Cc", "c@d")
    assert sd["cc"] == "c@d"
    assert T.has_property(PSCustomObject({"a": 1}), "A")
    assert not T.has_property(PSCustomObject({"a": 1}), "b")
    assert T.has_property(Hashtable({"k": 1}), "k")
    assert T.has_property("s", "Length") and not T.has_property("s", "ToUpper")


def test_tryparse_with_ref():
    r = ref(0)
    assert T.invoke_static_method(T.resolve_type("int"), "TryParse", ["42", r]) is True
    assert r.Value == 42
    assert T.invoke_static_method(T.resolve_type("int"), "TryParse", ["x", r]) is False
    assert r.Value == 0


def test_ets_style_properties_and_dotnet_property_order():
    import datetime
    import uuid
    d = datetime.datetime(2020, 1, 2, 3, 4, 5)
    assert T.get_property(d, "DateTime") == "Thursday, January 2, 2020 3:04:05 AM"
    assert T.property_names(d)[:3] == ["DateTime", "Date", "Day"]
    assert T.property_names(datetime.timedelta(1))[:3] == ["Ticks", "Days", "Hours"]
    assert T.get_property(uuid.UUID(int=1), "Guid") == "00000000-0000-0000-0000-000000000001"


def test_enum_values_convert_to_their_names():
    from spshell.runtime.conversion import to_string
    opts = convert_to("RemoveEmptyEntries, TrimEntries",
                      T.resolve_type("System.StringSplitOptions"))
    assert to_string(opts) == "RemoveEmptyEntries, TrimEntries"
    assert T.invoke_method(opts, "ToString", ["D"]) == "3"
    assert T.invoke_method(opts, "HasFlag", [T.get_static_property(
        T.resolve_type("System.StringSplitOptions"), "TrimEntries")]) is True
    monday = T.get_static_property(T.resolve_type("System.DayOfWeek"), "Monday")
    assert to_string(monday) == "Monday" and T.get_property(monday, "value__") == 1


class SPUtilityLike:
    """A domain class with overloaded static methods, as SharePoint's object model needs."""

    __ps_type__ = "Contoso.Utilities.Mailer"
    sent = []

    @staticmethod
    @__import__("spshell.runtime.dotnet.base", fromlist=["sig"]).sig(
        "static bool SendEmail(System.Object web, System.Collections.Specialized.StringDictionary"
        " headers, string body)",
        "static bool SendEmail(System.Object web, bool appendHtmlTag, bool htmlEncode, "
        "string to, string subject, string htmlBody)")
    def SendEmail(web, *rest):
        SPUtilityLike.sent.append(rest)
        return True


def test_registered_domain_type_static_overloads():
    t = T.register_type("Contoso.Utilities.Mailer", SPUtilityLike)
    assert T.invoke_static_method(t, "sendemail", [None, 0, 0, "a@b.c", "s", "b"]) is True
    assert SPUtilityLike.sent[-1] == (False, False, "a@b.c", "s", "b")  # 0 -> bool
    sd = T.new_object(T.resolve_type("System.Collections.Specialized.StringDictionary"), [])
    assert T.invoke_static_method(t, "SendEmail", [None, sd, 5]) is True
    assert SPUtilityLike.sent[-1] == (sd, "5")
    with pytest.raises(E.MethodException) as ei:
        T.invoke_static_method(t, "SendEmail", [None, 1])
    assert str(ei.value) == 'Cannot find an overload for "SendEmail" and the argument count: "2".'
    defs = {m.Name: m.Definition for m in T.get_members(t, static=True)}
    assert defs["SendEmail"].startswith("static bool SendEmail(System.Object web, ")
