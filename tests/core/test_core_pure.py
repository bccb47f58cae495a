"""Unit tests of the core cmdlets' pure logic: formats, comparison, parsing, help rendering."""
import datetime as dt

import pytest

from cmdlets.core import _csv, _dates, _help, _json, _securestring
from cmdlets.core._util import compare_values, like, values_equal, wildcard_regex
from cmdlets.core.location_cmdlets import join_paths
from spshell.cmdlet import Parameter
from spshell.runtime.objects import OrderedDictionary, PSCustomObject, SwitchParameter


# ---------------------------------------------------------------- wildcards and comparison
def test_wildcards():
    assert like("Get-Date", "get-*")
    assert like("abc", "a?c")
    assert like("b1", "[a-c]1")
    assert not like("d1", "[a-c]1")
    assert like("a*b", "a`*b")
    assert not like("axb", "a`*b")
    assert wildcard_regex("X*", True).match("Xy")
    assert not wildcard_regex("X*", True).match("xy")


def test_compare_values_rules():
    assert compare_values(None, 1) < 0
    assert compare_values(2, 10) < 0
    assert compare_values("b", "A") > 0  # case-insensitive
    assert compare_values("a", "A") == 0
    assert compare_values("a", "A", case_sensitive=True) < 0  # lower before upper (en-US)
    assert compare_values(2, "10") < 0  # string converted to the number's type
    assert values_equal("ABC", "abc")
    assert not values_equal("ABC", "abc", case_sensitive=True)
    assert values_equal(1, "1")


# ---------------------------------------------------------------- JSON
def test_json_layout_and_depth():
    w = _json.JsonWriter(depth=2)
    value = OrderedDictionary({"a": 1, "b": [1, 2.5], "c": OrderedDictionary(
        {"d": OrderedDictionary({"e": OrderedDictionary({"f": 1})})})})
    text = w.to_text(value)
    assert text.splitlines()[:4] == ["{", '  "a": 1,', '  "b": [', "    1,"]
    assert '"e": "System.Collections.Specialized.OrderedDictionary"' in text or w.truncated
    assert w.truncated


def test_json_compress_and_escapes():
    w = _json.JsonWriter(compress=True)
    assert w.to_text([1, None, True, "a\"b\n", []]) == '[1,null,true,"a\\"b\\n",[]]'
    assert _json.JsonWriter(compress=True).to_text(1.0) == "1.0"


def test_json_dates():
    aware = dt.datetime(2020, 1, 2, 3, 4, 5, 120000, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert _json.json_datetime(aware) == '"2020-01-02T03:04:05.12+02:00"'
    local = _json.json_datetime(dt.datetime(2020, 1, 2, 3, 4, 5))
    assert local.startswith('"2020-01-02T03:04:05') and local[-7] in "+-"


def test_json_parse_objects_ints_dates():
    v = _json.parse_json('{"Name": "a", "N": 5, "L": [1, {"x": "2020-01-01T00:00:00"}]}')
    assert isinstance(v, PSCustomObject)
    assert v.get("name") == "a"
    assert int(v.get("N")) == 5 and type(v.get("N")).__name__ == "Int64"
    assert v.get("L")[1].get("x") == dt.datetime(2020, 1, 1)


def test_json_parse_case_conflict_and_hashtable():
    with pytest.raises(_json.JsonCaseError):
        _json.parse_json('{"a": 1, "A": 2}')
    h = _json.parse_json('{"a": 1, "b": 2}', as_hashtable=True)
    assert list(h) == ["a", "b"]


def test_json_round_trip():
    src = OrderedDictionary({"s": "x", "n": 3, "l": ["a", "b"], "o": OrderedDictionary(
        {"k": False})})
    back = _json.parse_json(_json.JsonWriter(depth=5).to_text(src), as_hashtable=True)
    assert back["s"] == "x" and back["l"] == ["a", "b"] and back["o"]["k"] is False


# ---------------------------------------------------------------- CSV
def test_csv_quoting():
    assert _csv.format_row(["a", 'b"c', "d,e"], ",") == '"a","b""c","d,e"'
    assert _csv.format_row(["a", "d,e"], ",", "AsNeeded") == 'a,"d,e"'
    assert _csv.format_row(["a", "b"], ";", "Never") == "a;b"
    assert _csv.format_row(["1", "2"], ",", quote_fields=["B"], names=["A", "B"]) == '1,"2"'


def test_csv_parse_multiline_and_type_line():
    text = '#TYPE System.Foo\n"A","B"\n"1","x\ny"\n\n2,"q""z"\n'
    records = _csv.parse_records(text)
    type_name, records = _csv.split_type_line(records)
    assert type_name == "CSV:System.Foo"
    names, objs = _csv.build_objects(records, None, type_name)
    assert names == ["A", "B"]
    assert [o.get("B") for o in objs] == ["x\ny", 'q"z']
    assert objs[0].type_names[0] == "CSV:System.Foo"


def test_csv_missing_fields_are_null_and_empty_header_named():
    names, objs = _csv.build_objects(_csv.parse_records("A,,C\n1\n"))
    assert names == ["A", "H2", "C"]
    assert objs[0].get("C") is None


# ---------------------------------------------------------------- secure strings
def test_securestring_no_key_is_utf16_hex():
    assert _securestring.protect_without_key("ab") == "61006200"
    assert _securestring.unprotect_without_key("61006200") == "ab"
    with pytest.raises(_securestring.SecureStringFormatError):
        _securestring.unprotect_without_key("zz")


def test_securestring_key_round_trip_and_layout():
    key = bytes(range(1, 17))
    text = _securestring.encrypt_with_key("P@ss w0rd", key, iv=bytes(16))
    assert text.startswith(_securestring.MARKER)
    import base64
    inner = base64.b64decode(text[32:]).decode("utf-16-le")
    assert inner.startswith("2|" + base64.b64encode(bytes(16)).decode() + "|")
    assert _securestring.decrypt_with_key(text, key) == "P@ss w0rd"
    with pytest.raises(_securestring.SecureStringKeyError):
        _securestring.decrypt_with_key(text, bytes(range(2, 18)))
    with pytest.raises(_securestring.SecureStringKeyError):
        _securestring.encrypt_with_key("x", b"short")


# ---------------------------------------------------------------- dates
def test_dotnet_date_formats():
    d = dt.datetime(2026, 11, 27, 23, 5, 7, 123000)
    assert _dates.format_datetime(d, "yyyy-MM-dd HH:mm:ss.fff") == "2026-11-27 23:05:07.123"
    assert _dates.format_datetime(d, "G") == "11/27/2026 11:05:07 PM"
    assert _dates.format_datetime(d, "D") == "Friday, November 27, 2026"
    assert _dates.format_datetime(d, "s") == "2026-11-27T23:05:07"
    assert _dates.format_datetime(d, "'Day' d") == "Day 27"
    assert _dates.format_datetime(d, "%d") == "27"
    assert _dates.format_uformat(d, "%Y%m%d %H:%M %A %j") == "20261127 23:05 Friday 331"


# ---------------------------------------------------------------- help
def _params():
    return {
        "Name": Parameter(str, mandatory=True, position=0, help="The name."),
        "Count": Parameter(int, position=1),
        "Tag": Parameter("string[]"),
        "Force": Parameter(SwitchParameter),
        "Id": Parameter(int, sets={"ById": {"mandatory": True}}),
    }


def test_syntax_lines_per_set():
    params = _params()
    for n, p in params.items():
        p.__set_name__(None, n)
    lines = _help.syntax_lines("Get-Thing", params, default_set="ById",
                               should_process=True)
    assert lines == [
        "Get-Thing [-Name] <string> [[-Count] <int>] [-Tag <string[]>] [-Force] -Id <int> "
        "[-WhatIf] [-Confirm] [<CommonParameters>]"]


def test_syntax_simple_function():
    params = {"a": Parameter(object), "b": Parameter(object)}
    for n, p in params.items():
        p.__set_name__(None, n)
    assert _help.syntax_lines("f", params, advanced=False, simple_positional=True) == \
        ["f [[-a] <Object>] [[-b] <Object>]"]


def test_comment_help_parse_and_render():
    data = _help.parse_comment_help("""<#
    .SYNOPSIS
    Adds a file name extension.
    .PARAMETER Name
    Specifies the file name.
    .EXAMPLE
    PS> Add-Extension -Name File
    File.txt
    .LINK
    Set-Item
    #>""")
    assert data.synopsis == "Adds a file name extension."
    assert data.parameters["name"] == "Specifies the file name."
    assert data.examples == ["PS> Add-Extension -Name File\nFile.txt"]
    assert data.links == ["Set-Item"]
    page = _help.HelpPage("Add-Extension", synopsis=data.synopsis,
                          syntax=["Add-Extension [[-Name] <string>] [<CommonParameters>]"],
                          examples=[("", data.examples[0])], links=data.links)
    text = _help.render_page(page, "default")
    assert text.startswith("\nNAME\n    Add-Extension\n\nSYNOPSIS\n    Adds a file name")
    assert 'To see the examples, type: "Get-Help Add-Extension -Examples".' in text
    assert "RELATED LINKS\n    Set-Item" in text
    ex = _help.render_page(page, "examples")
    assert "EXAMPLE 1" in ex and "    PS> Add-Extension -Name File" in ex


def test_help_without_help_shows_aliases_and_remarks_none():
    page = _help.HelpPage("f", syntax=["f"], has_help=False, advanced=False)
    text = _help.render_page(page)
    assert "ALIASES\n    None" in text and "REMARKS\n    None" in text
    assert "SYNOPSIS" not in text


def test_param_full_table():
    p = Parameter("string[]", position=0, pipeline=True, by_property=True, aliases=("PSPath",),
                  wildcards=True, help="Paths.")
    p.__set_name__(None, "Path")
    (ph,) = _help.param_help({"Path": p})
    text = _help.render_parameter(ph)
    assert "        Required?                    false" in text
    assert "        Accept pipeline input?       True (ByPropertyName, ByValue)" in text
    assert "        Aliases                      PSPath" in text
    assert "        Accept wildcard characters?  true" in text


# ---------------------------------------------------------------- paths
def test_join_paths():
    assert join_paths("/a/", "/b") == "/a/b"
    assert join_paths("a", "b") == "a/b"
    assert join_paths("env:", "PATH") == "env:PATH"
    assert join_paths("/", "x") == "/x"
