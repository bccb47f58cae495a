"""Constructors ([T]::new / New-Object) and the emulated objects: collections, StringDictionary,
StringBuilder, MailAddress, credentials, Uri, Version, Assembly, [xml]."""
import datetime

import pytest

from spshell.runtime import errors as E
from spshell.runtime import types as T
from spshell.runtime.conversion import convert_to
from spshell.runtime.objects import (Hashtable, PSCustomObject, SecureString, PSCredential,
                                     NetworkCredential)


def new(type_name, *args):
    return T.new_object(T.resolve_type(type_name), list(args))


def test_arraylist():
    al = new("System.Collections.ArrayList")
    assert T.invoke_method(al, "Add", ["a"]) == 0
    assert T.invoke_method(al, "Add", ["b"]) == 1
    T.invoke_method(al, "AddRange", [["c", "d"]])
    T.invoke_method(al, "Insert", [0, "z"])
    T.invoke_method(al, "Remove", ["b"])
    T.invoke_method(al, "RemoveAt", [0])
    assert list(al) == ["a", "c", "d"] and T.get_property(al, "Count") == 3
    assert T.type_name_of(al) == "System.Collections.ArrayList"
    with pytest.raises(E.MethodInvocationException) as ei:
        T.invoke_method(al, "RemoveAt", [10])
    assert "Index was out of range" in str(ei.value)
    T.invoke_method(al, "Reverse", [])
    assert list(al) == ["d", "c", "a"]
    T.invoke_method(al, "Sort", [])
    assert list(al) == ["a", "c", "d"]
    assert T.invoke_method(al, "ToArray", []) == ["a", "c", "d"]
    assert T.get_property(al, "Length") == [1, 1, 1]  # no Length member: enumerated
    assert T.invoke_method(al, "Contains", ["c"]) is True
    assert T.invoke_method(al, "IndexOf", ["d"]) == 2


def test_generic_list_converts_on_add():
    lst = new("System.Collections.Generic.List[int]")
    assert T.invoke_method(lst, "Add", ["5"]) is None
    assert lst == [5] and type(lst[0]) is int
    with pytest.raises(E.MethodException) as ei:
        T.invoke_method(lst, "Add", ["abc"])
    assert 'Cannot convert argument "item", with value: "abc", for "Add" to type ' \
           '"System.Int32"' in str(ei.value)
    lst[0] = "7"  # what the engine's index assignment does
    assert lst[0] == 7
    arr = T.invoke_method(lst, "ToArray", [])
    assert T.type_name_of(arr) == "System.Int32[]"
    strings = convert_to([1, 2], T.resolve_type("System.Collections.Generic.List[string]"))
    assert strings == ["1", "2"]
    assert T.type_names_of(strings)[0].startswith("System.Collections.Generic.List`1[[System."
                                                  "String")


def test_generic_dictionary():
    d = new("System.Collections.Generic.Dictionary[string,int]")
    T.invoke_method(d, "Add", ["a", "1"])
    assert d["a"] == 1
    with pytest.raises(E.MethodInvocationException) as ei:
        T.invoke_method(d, "Add", ["a", 2])
    assert str(ei.value).endswith('"An item with the same key has already been added. Key: a"')
    assert T.invoke_method(d, "ContainsKey", ["A"]) is False  # ordinal comparer
    assert T.get_property(d, "a") == 1 and T.get_property(d, "Count") == 1
    cell = [None]
    from spshell.runtime.objects import PSReference
    ref = PSReference(lambda: cell[0], lambda v: cell.__setitem__(0, v))
    assert T.invoke_method(d, "TryGetValue", ["a", ref]) is True and cell[0] == 1
    assert T.invoke_method(d, "TryGetValue", ["zz", ref]) is False and cell[0] == 0
    assert [(kv.Key, kv.Value) for kv in T.invoke_method(d, "GetEnumerator", [])] == [("a", 1)]
    assert T.invoke_method(d, "Remove", ["a"]) is True and len(d) == 0


def test_hashset_queue_stack():
    hs = new("System.Collections.Generic.HashSet[string]")
    assert T.invoke_method(hs, "Add", ["a"]) is True
    assert T.invoke_method(hs, "Add", ["a"]) is False
    assert T.get_property(hs, "Count") == 1
    q = new("System.Collections.Generic.Queue[int]")
    T.invoke_method(q, "Enqueue", [1])
    T.invoke_method(q, "Enqueue", [2])
    assert T.invoke_method(q, "Dequeue", []) == 1
    st = new("System.Collections.Generic.Stack[int]")
    T.invoke_method(st, "Push", [1])
    T.invoke_method(st, "Push", [2])
    assert list(st) == [2, 1] and T.invoke_method(st, "Pop", []) == 2
    T.invoke_method(st, "Pop", [])
    with pytest.raises(E.MethodInvocationException) as ei:
        T.invoke_method(st, "Pop", [])
    assert '"Stack empty."' in str(ei.value)


def test_string_dictionary():
    sd = new("System.Collections.Specialized.StringDictionary")
    T.invoke_method(sd, "Add", ["To", "user@contoso.com"])
    T.invoke_method(sd, "Add", ["Content-Type", "text/html"])
    assert T.get_property(sd, "Keys") == ["to", "content-type"]  # lower-cased, as .NET
    assert sd["TO"] == "user@contoso.com" and T.get_index(sd, "content-TYPE") == "text/html"
    assert T.invoke_method(sd, "ContainsKey", ["CONTENT-TYPE"]) is True
    with pytest.raises(E.MethodInvocationException) as ei:
        T.invoke_method(sd, "Add", ["TO", "x"])
    assert str(ei.value) == ('Exception calling "Add" with "2" argument(s): "Item has already '
                             "been added. Key in dictionary: 'to'  Key being added: 'to'\"")
    sd["count"] = 5
    assert sd["Count"] == "5"  # values are strings
    assert T.get_property(sd, "Count") == 3
    T.invoke_method(sd, "Remove", ["COUNT"])
    assert len(sd) == 2
    with pytest.raises(E.MethodInvocationException):
        T.invoke_method(sd, "Add", [None, "x"])


def test_string_builder():
    sb = new("System.Text.StringBuilder")
    T.invoke_method(sb, "Append", ["a"])
    T.invoke_method(T.invoke_method(sb, "Append", [1]), "AppendLine", ["b"])
    assert T.invoke_method(sb, "ToString", []) == "a1b\n"
    assert T.get_property(sb, "Length") == 4
    T.invoke_method(sb, "Insert", [0, "<"])
    T.invoke_method(sb, "Replace", ["b", "B"])
    assert str(sb) == "<a1B\n"
    T.invoke_method(sb, "Clear", [])
    assert T.get_property(sb, "Length") == 0
    assert str(new("System.Text.StringBuilder", "init")) == "init"
    assert str(new("System.Text.StringBuilder", 100)) == ""


@pytest.mark.parametrize("text,display,user,host", [
    ("user@contoso.com", "", "user", "contoso.com"),
    ("SharePoint <sharepoint@contoso.com>", "SharePoint", "sharepoint", "contoso.com"),
    ('"Help Desk" <help.desk@contoso.com>', "Help Desk", "help.desk", "contoso.com"),
    ("<x@y.org>", "", "x", "y.org"),
    ("first.o'brien+tag@sub.example.co.uk", "", "first.o'brien+tag", "sub.example.co.uk"),
])
def test_mail_address_valid(text, display, user, host):
    m = new("mailaddress", text)
    assert (m.DisplayName, m.User, m.Host) == (display, user, host)
    assert m.Address == f"{user}@{host}"
    assert T.get_property(m, "address") == m.Address
    assert convert_to(text, T.resolve_type("System.Net.Mail.MailAddress")).Address == m.Address


@pytest.mark.parametrize("text", ["plainaddress", "@contoso.com", "user@", "user@@x.com",
                                  "user name@x.com", "user@x .com", "a..b@x.com", ".a@x.com",
                                  "Display <user@x.com", "user@x.com>"])
def test_mail_address_invalid(text):
    with pytest.raises(E.MethodInvocationException) as ei:
        new("mailaddress", text)
    assert str(ei.value) == ('Exception calling ".ctor" with "1" argument(s): "The specified '
                             'string is not in the form required for an e-mail address."')
    assert isinstance(ei.value.InnerException, E.FormatException)
    with pytest.raises(E.PSInvalidCastException):
        convert_to(text, T.resolve_type("mailaddress"))


def test_mail_address_empty_and_display_override():
    with pytest.raises(E.MethodInvocationException) as ei:
        new("mailaddress", "")
    assert "The parameter 'address' cannot be an empty string." in str(ei.value)
    m = new("mailaddress", "a@b.com", "Alice")
    assert m.DisplayName == "Alice" and m.ToString() == '"Alice" <a@b.com>'


def test_credentials():
    ss = SecureString("p@ss")
    cred = new("pscredential", "CONTOSO\\svc", ss)
    assert isinstance(cred, PSCredential) and cred.UserName == "CONTOSO\\svc"
    nc = T.invoke_method(cred, "GetNetworkCredential", [])
    assert (nc.UserName, nc.Domain, nc.Password) == ("svc", "CONTOSO", "p@ss")
    nc2 = new("System.Net.NetworkCredential", "u", "pw")
    assert isinstance(nc2, NetworkCredential) and nc2.Password == "pw"
    assert "pw" not in repr(nc2) and "p@ss" not in repr(cred)


def test_value_type_constructors():
    assert new("datetime", 2020, 1, 2, 3, 4, 5) == datetime.datetime(2020, 1, 2, 3, 4, 5)
    assert new("timespan", 0, 1, 30) == datetime.timedelta(minutes=1, seconds=30)
    with pytest.raises(E.MethodException) as ei:
        new("datetime", 1, 2, 3, 4)
    assert 'Cannot find an overload for "new" and the argument count: "4".' == str(ei.value)
    with pytest.raises(E.MethodException) as ei:
        T.new_object(T.resolve_type("datetime"), [1, 2, 3, 4], method_name="DateTime")
    assert '"DateTime"' in str(ei.value)


def test_uri_version_random():
    u = new("uri", "https://Contoso.com:8443/sites/a?x=1#f")
    assert (u.Scheme, u.Host, u.Port, u.AbsolutePath, u.Query, u.Fragment) == \
        ("https", "contoso.com", 8443, "/sites/a", "?x=1", "#f")
    assert u.IsDefaultPort is False and u.Authority == "contoso.com:8443"
    assert new("uri", "http://sp").AbsoluteUri == "http://sp/"
    with pytest.raises(E.MethodInvocationException) as ei:
        new("uri", "not a uri")
    assert "Invalid URI: The format of the URI could not be determined." in str(ei.value)
    v = convert_to("16.0.10337.12109", T.resolve_type("version"))
    assert (v.Major, v.Minor, v.Build, v.Revision) == (16, 0, 10337, 12109)
    assert v > new("version", 16, 0) and str(new("version", 1, 2)) == "1.2"
    assert new("version", "1.2").Build == -1
    rnd = new("System.Random", 42)
    values = [T.invoke_method(rnd, "Next", [1, 3]) for _ in range(20)]
    assert set(values) <= {1, 2}


def test_misc_constructors():
    exc = T.invoke_static_method(T.resolve_type("ArgumentNullException"), "new", ["bad"])
    assert isinstance(exc, E.ArgumentNullException) and exc.Message == "bad"
    assert isinstance(new("hashtable"), Hashtable)
    assert isinstance(new("System.Object"), PSCustomObject)
    assert isinstance(new("psobject"), PSCustomObject)
    with pytest.raises(E.MethodException):
        T.invoke_static_method(T.resolve_type("math"), "new", [])
    ip = convert_to("10.0.0.1", T.resolve_type("ipaddress"))
    assert str(ip) == "10.0.0.1" and ip.AddressFamily == "InterNetwork"


def test_assembly_load_with_partial_name(monkeypatch):
    A = T.resolve_type("System.Reflection.Assembly")
    asm = T.invoke_static_method(A, "LoadWithPartialName", ["System.Web"])
    assert asm.GAC is True and asm.Version == "v4.0.30319"
    assert asm.Location.endswith("System.Web.dll")
    assert asm.FullName.startswith("System.Web, Version=4.0.0.0")
    assert T.default_display_properties(asm) == ["GAC", "Version", "Location"]
    assert T.is_instance(asm, A)
    assert T.invoke_static_method(A, "LoadWithPartialName", ["No.Such.Assembly"]) is None
    from spshell.runtime.dotnet.reflection import Assembly
    sp = Assembly("Microsoft.SharePoint, Version=16.0.0.0, Culture=neutral, "
                  "PublicKeyToken=71e9bce111e9429c", r"C:\GAC\Microsoft.SharePoint.dll")
    seen = []
    monkeypatch.setitem(T.assembly_load_hooks, "microsoft.sharepoint",
                        lambda name: seen.append(name) or sp)
    assert T.invoke_static_method(A, "LoadWithPartialName", ["Microsoft.SharePoint"]) is sp
    assert seen == ["Microsoft.SharePoint"]
    with pytest.raises(E.MethodInvocationException):
        T.invoke_static_method(A, "Load", ["No.Such"])


def test_xml_adapter():
    x = convert_to('<?xml version="1.0"?><Configuration Version="3"><Farm><Services>'
                   '<OutgoingEmail Configure="true"><SMTPServer>mail.contoso.com</SMTPServer>'
                   '</OutgoingEmail></Services><Server Name="a"/><Server Name="b"/></Farm>'
                   '</Configuration>', T.resolve_type("xml"))
    cfg = T.get_property(x, "Configuration")
    assert T.get_property(cfg, "Version") == "3"
    farm = T.get_property(cfg, "Farm")
    oe = T.get_property(T.get_property(farm, "Services"), "OutgoingEmail")
    assert T.get_property(oe, "Configure") == "true"
    assert T.get_property(oe, "SMTPServer") == "mail.contoso.com"
    assert T.get_property(T.get_property(farm, "Server"), "Name") == ["a", "b"]
    assert T.property_names(oe) == ["Configure", "SMTPServer"]
    T.set_property(oe, "SMTPServer", "other")
    assert T.get_property(oe, "SMTPServer") == "other"
    assert T.get_property(farm, "Missing") is None
    with pytest.raises(E.PSInvalidCastException):
        convert_to("<unclosed>", T.resolve_type("xml"))


def test_credential_constructor_argument_errors():
    with pytest.raises(E.MethodException) as ei:
        new("pscredential", "u", "pl4in-secret")
    assert str(ei.value).startswith('Cannot convert argument "password", with value: '
                                    '"********", for "PSCredential" to type '
                                    '"System.Security.SecureString"')
    assert "pl4in-secret" not in str(ei.value) and ei.value.InnerException is None
    nc = new("System.Net.NetworkCredential", "u", SecureString("s"), "D")
    assert (nc.UserName, nc.Password, nc.Domain) == ("u", "s", "D")


def test_non_weakrefable_ets_entries_are_bounded(monkeypatch):
    monkeypatch.setattr(T, "_STRONG_LIMIT", 3)
    values = [datetime.datetime(2020, 1, i + 1) for i in range(5)]
    for v in values:
        T.add_member(v, "NoteProperty", "Hint", "Date")
    assert T.get_property(values[-1], "Hint") == "Date"
    assert T.get_property(values[0], "Hint") is None  # oldest entry evicted


def test_xml_text_of_elements_with_attributes():
    x = convert_to('<a><b c="1">t</b></a>', T.resolve_type("xml"))
    b = T.get_property(T.get_property(x, "a"), "b")
    assert T.get_property(b, "c") == "1" and T.get_property(b, "#text") == "t"
    assert T.property_names(b) == ["c", "#text"]
