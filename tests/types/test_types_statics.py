"""Static members of the emulated .NET library: [math], [int], [string], [datetime], [convert],
[System.IO.*], [Environment], [Console], [System.Text.Encoding], [regex], [guid]."""
import datetime
import math

import pytest

from spshell.runtime import errors as E
from spshell.runtime import types as T
from spshell.runtime.objects import PSReference


def S(type_name, name, *args):
    return T.invoke_static_method(T.resolve_type(type_name), name, list(args))


def G(type_name, name):
    return T.get_static_property(T.resolve_type(type_name), name)


def ref(initial=None):
    cell = [initial]
    return PSReference(lambda: cell[0], lambda v: cell.__setitem__(0, v))


def test_math():
    assert S("math", "Round", 2.5) == 2.0 and S("math", "Round", 3.5) == 4.0
    assert S("math", "Round", -2.5) == -2.0
    assert S("math", "Round", 1.2345, 2) == 1.23
    away = G("System.MidpointRounding", "AwayFromZero")
    assert S("math", "Round", 2.5, away) == 3.0
    assert S("math", "Pow", 2, 10) == 1024.0 and isinstance(S("math", "Pow", 2, 10), float)
    assert S("math", "Sqrt", 16) == 4.0 and math.isnan(S("math", "Sqrt", -1))
    assert S("math", "Abs", -5) == 5 and type(S("math", "Abs", -5)) is int
    assert S("math", "Floor", 2.7) == 2.0 and S("math", "Ceiling", 2.1) == 3.0
    assert S("math", "Max", 1, 2) == 2 and type(S("math", "Max", 1, 2)) is int
    assert S("math", "Max", 1, 2.5) == 2.5 and S("math", "Min", 3, 1) == 1
    assert S("math", "Truncate", -2.7) == -2.0
    assert S("math", "Log10", 1000) == pytest.approx(3.0) and S("math", "Log", 8, 2) == 3.0
    assert G("math", "PI") == math.pi and G("math", "E") == math.e
    import decimal
    assert S("math", "Round", decimal.Decimal("2.345"), 2) == decimal.Decimal("2.34")
    with pytest.raises(E.MethodInvocationException):
        S("math", "Abs", -2147483648)


def test_integer_statics():
    assert G("int", "MaxValue") == 2147483647 and G("int", "MinValue") == -2147483648
    assert T.type_name_of(G("long", "MaxValue")) == "System.Int64"
    assert G("byte", "MaxValue") == 255
    assert S("int", "Parse", " 42 ") == 42
    with pytest.raises(E.MethodInvocationException) as ei:
        S("int", "Parse", "abc")
    assert ei.value.InnerException.Message == "The input string 'abc' was not in a correct " \
                                              "format."
    with pytest.raises(E.MethodInvocationException) as ei:
        S("int", "Parse", "99999999999")
    assert "too large or too small for an Int32" in str(ei.value)
    assert S("int", "Parse", "ff", "HexNumber") == 255
    r = ref(0)
    assert S("int", "TryParse", "12", r) is True and r.Value == 12
    assert S("double", "Parse", "1,234.5") == 1234.5
    assert math.isnan(G("double", "NaN"))
    assert S("bool", "Parse", "false") is False and S("bool", "Parse", " TRUE ") is True
    with pytest.raises(E.MethodInvocationException) as ei:
        S("bool", "Parse", "yes")
    assert "String 'yes' was not recognized as a valid Boolean." in str(ei.value)


def test_string_statics():
    assert S("string", "IsNullOrEmpty", "") and S("string", "IsNullOrEmpty", None)
    assert not S("string", "IsNullOrEmpty", "x")
    assert S("string", "IsNullOrWhiteSpace", " \t")
    assert S("string", "Join", ",", [1, 2, 3]) == "1,2,3"
    assert S("string", "Join", "-", "a", "b") == "a-b"
    assert S("string", "Concat", "a", 1, None) == "a1"
    assert S("string", "Format", "{0}-{1}", "a", 2) == "a-2"
    assert G("string", "Empty") == ""
    assert S("string", "Compare", "a", "B") == -1
    assert S("string", "Compare", "a", "A", True) == 0
    assert S("string", "Equals", "a", "a") is True
    assert S("string", "new", "x", 3) == "xxx"


def test_datetime_and_timespan_statics():
    now = G("datetime", "Now")
    assert isinstance(now, datetime.datetime)
    assert G("datetime", "Today").hour == 0
    assert G("datetime", "UtcNow").tzinfo is not None
    d = S("datetime", "new", 2021, 5, 6)
    assert d == datetime.datetime(2021, 5, 6)
    assert S("datetime", "ParseExact", "06/05/2021 14:03", "dd/MM/yyyy HH:mm", None) == \
        datetime.datetime(2021, 5, 6, 14, 3)
    with pytest.raises(E.MethodInvocationException) as ei:
        S("datetime", "ParseExact", "garbage", "yyyy", None)
    assert "String 'garbage' was not recognized as a valid DateTime." in str(ei.value)
    assert S("datetime", "Parse", "2021-05-06") == datetime.datetime(2021, 5, 6)
    assert S("datetime", "DaysInMonth", 2024, 2) == 29 and S("datetime", "IsLeapYear", 2023) is False
    assert S("timespan", "FromMinutes", 90) == datetime.timedelta(minutes=90)
    assert S("timespan", "new", 1, 2, 3) == datetime.timedelta(hours=1, minutes=2, seconds=3)
    assert S("timespan", "new", 1, 2, 3, 4) == datetime.timedelta(days=1, hours=2, minutes=3,
                                                                  seconds=4)
    assert G("timespan", "Zero") == datetime.timedelta(0)


def test_guid_statics():
    g = S("guid", "NewGuid")
    assert T.type_name_of(g) == "System.Guid"
    assert str(G("guid", "Empty")) == "00000000-0000-0000-0000-000000000000"
    assert str(S("guid", "Parse", "{0F8FAD5B-D9CB-469F-A165-70867728950E}")) == \
        "0f8fad5b-d9cb-469f-a165-70867728950e"
    with pytest.raises(E.MethodInvocationException):
        S("guid", "Parse", "nope")


def test_regex_statics():
    m = S("regex", "Match", "abc123", r"\d+")
    assert T.get_property(m, "Value") == "123"
    assert S("regex", "IsMatch", "abc", "^A") is False
    ic = G("System.Text.RegularExpressions.RegexOptions", "IgnoreCase")
    assert S("regex", "IsMatch", "abc", "^A", ic) is True
    assert S("regex", "Replace", "a1b22", r"(\d+)", "<$1>") == "a<1>b<22>"
    assert S("regex", "Replace", "x", "x", "$$") == "$"
    assert S("regex", "Split", "a1b2c", r"\d") == ["a", "b", "c"]
    assert S("regex", "Escape", "a.b*c d[x]") == r"a\.b\*c\ d\[x]"
    assert [T.get_property(x, "Value") for x in S("regex", "Matches", "a1b2", r"\d")] == \
        ["1", "2"]
    with pytest.raises(E.MethodInvocationException) as ei:
        S("regex", "Match", "x", "(")
    assert isinstance(ei.value.InnerException, E.ArgumentException)


def test_convert_statics():
    data = T.invoke_method(G("System.Text.Encoding", "UTF8"), "GetBytes", ["hello"])
    assert T.type_name_of(data) == "System.Byte[]" and list(data) == list(b"hello")
    b64 = S("convert", "ToBase64String", data)
    assert b64 == "aGVsbG8="
    back = S("convert", "FromBase64String", b64)
    assert T.invoke_method(G("System.Text.Encoding", "UTF8"), "GetString", [back]) == "hello"
    with pytest.raises(E.MethodInvocationException) as ei:
        S("convert", "FromBase64String", "***")
    assert "not a valid Base-64 string" in str(ei.value)
    assert S("convert", "ToInt32", "ff", 16) == 255
    assert S("convert", "ToInt32", "FFFFFFFF", 16) == -1
    assert S("convert", "ToInt32", 2.5) == 2 and S("convert", "ToInt32", "12") == 12
    assert S("convert", "ToString", 255, 2) == "11111111"
    assert S("convert", "ToString", -1, 16) == "ffffffff"
    assert S("convert", "ToBoolean", "true") is True and S("convert", "ToBoolean", 0) is False
    assert S("convert", "ToDouble", "1.5") == 1.5
    unicode = T.invoke_method(G("System.Text.Encoding", "Unicode"), "GetBytes", ["A"])
    assert list(unicode) == [65, 0]
    ascii_ = T.invoke_method(G("System.Text.Encoding", "ASCII"), "GetBytes", ["é"])
    assert list(ascii_) == [63]


def test_path_statics():
    assert S("System.IO.Path", "Combine", "a", "b", "c.txt") == "a/b/c.txt"
    assert S("System.IO.Path", "Combine", "a", "/abs", "c") == "/abs/c"
    assert S("System.IO.Path", "GetFileName", "/x/y.txt") == "y.txt"
    assert S("System.IO.Path", "GetExtension", "/x/y.tar.gz") == ".gz"
    assert S("System.IO.Path", "GetExtension", "/x/y") == ""
    assert S("System.IO.Path", "GetDirectoryName", "/x/y.txt") == "/x"
    assert S("System.IO.Path", "GetFileNameWithoutExtension", "y.txt") == "y"
    assert S("System.IO.Path", "ChangeExtension", "a/b.txt", ".log") == "a/b.log"
    assert S("System.IO.Path", "IsPathRooted", "/x") and not S("System.IO.Path", "IsPathRooted",
                                                                "x")
    assert S("System.IO.Path", "GetTempPath").endswith("/")
    name = S("System.IO.Path", "GetRandomFileName")
    assert len(name) == 12 and name[8] == "."
    assert G("System.IO.Path", "DirectorySeparatorChar") == "/"


def test_file_and_directory_statics(tmp_path, monkeypatch):
    monkeypatch.setattr(T, "current_directory_hook", lambda: tmp_path)
    S("System.IO.File", "WriteAllText", "a.txt", "line1\nline2\n")
    assert S("System.IO.File", "Exists", "a.txt")
    assert (tmp_path / "a.txt").read_text() == "line1\nline2\n"
    assert S("System.IO.File", "ReadAllText", str(tmp_path / "a.txt")) == "line1\nline2\n"
    assert list(S("System.IO.File", "ReadAllLines", "a.txt")) == ["line1", "line2"]
    S("System.IO.File", "AppendAllText", "a.txt", "3")
    assert S("System.IO.File", "ReadAllText", "a.txt").endswith("3")
    with pytest.raises(E.MethodInvocationException) as ei:
        S("System.IO.File", "ReadAllText", "missing.txt")
    assert isinstance(ei.value.InnerException, E.FileNotFoundException)
    assert f"Could not find file '{tmp_path}/missing.txt'." in str(ei.value)
    assert S("System.IO.Directory", "Exists", str(tmp_path))
    assert not S("System.IO.Directory", "Exists", "nope")
    S("System.IO.Directory", "CreateDirectory", "sub/dir")
    assert (tmp_path / "sub" / "dir").is_dir()
    assert S("System.IO.Path", "GetFullPath", "x.txt") == str(tmp_path / "x.txt")


def test_environment_follows_engine_hooks(monkeypatch):
    monkeypatch.setattr(T, "computer_name_hook", lambda: "SP-APP01")
    assert G("environment", "MachineName") == "SP-APP01"
    assert S("System.Net.Dns", "GetHostName") == "SP-APP01"
    monkeypatch.setattr(T, "computer_name_hook", None)
    import socket
    assert G("environment", "MachineName") == socket.gethostname().split(".")[0]
    assert G("environment", "NewLine") == "\n"
    S("environment", "SetEnvironmentVariable", "SPSHELL_TEST_VAR", "v1")
    assert S("environment", "GetEnvironmentVariable", "SPSHELL_TEST_VAR") == "v1"
    S("environment", "SetEnvironmentVariable", "SPSHELL_TEST_VAR", None)
    assert S("environment", "GetEnvironmentVariable", "SPSHELL_TEST_VAR") is None
    assert G("environment", "ProcessorCount") >= 1
    assert isinstance(G("environment", "Is64BitProcess"), bool)
    assert T.get_property(G("environment", "OSVersion"), "Platform") in ("Unix", "Win32NT",
                                                                          "MacOSX")
    assert isinstance(G("environment", "TickCount"), int)


def test_console_writes_through_hook(monkeypatch, capsys):
    out = []
    monkeypatch.setattr(T, "console_writer", out.append)
    S("console", "WriteLine", "hello")
    S("console", "Write", "a")
    S("console", "WriteLine", "{0}+{1}", 1, 2)
    S("console", "WriteLine")
    assert out == ["hello\n", "a", "1+2\n", "\n"]
    monkeypatch.setattr(T, "console_writer", None)
    S("console", "WriteLine", "direct")
    assert capsys.readouterr().out == "direct\n"


def test_missing_static_members():
    assert G("int", "NoSuch") is None
    with pytest.raises(E.MethodException) as ei:
        S("math", "NoSuch", 1)
    assert str(ei.value) == ("Method invocation failed because [System.Math] does not contain "
                             "a method named 'NoSuch'.")
    with pytest.raises(E.SetValueInvocationException):
        T.set_static_property(T.resolve_type("int"), "MaxValue", 1)


def test_service_point_manager_security_protocol():
    from spshell.runtime.dotnet import net
    spm = T.resolve_type("System.Net.ServicePointManager")
    before = T.get_static_property(spm, "SecurityProtocol")
    try:
        T.set_static_property(spm, "SecurityProtocol",
                              G("System.Net.SecurityProtocolType", "Tls12"))
        assert str(T.get_static_property(spm, "SecurityProtocol")) == "Tls12"
        T.set_static_property(spm, "SecurityProtocol", "Tls12, Tls13")
        assert str(net.security_protocol()) == "Tls12, Tls13"
    finally:
        T.set_static_property(spm, "SecurityProtocol", before)
