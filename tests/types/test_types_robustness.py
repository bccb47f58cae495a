"""Bad input to the emulated .NET members gives .NET-style exceptions, never Python errors:
every method and constructor is called with awkward argument combinations."""
import copy
import datetime
import decimal
import itertools
import uuid

import pytest

from spshell.runtime import errors as E
from spshell.runtime import types as T
from spshell.runtime.objects import Hashtable, PSCustomObject, PSReference

R = T.resolve_type
SAMPLES = [None, "x", "", 1, -1, 0, 2.5, [1, 2], ["a"], True,
           PSReference(lambda: 0, lambda v: None), "a,b", "%", "(", "2020-01-01"]
# members with real side effects outside the process state under test
SKIP = {"sleep", "readline", "setcurrentdirectory", "delete", "move", "copy",
        "setenvironmentvariable", "writeline", "write", "beep", "gethostentry",
        "gethostaddresses", "writealltext", "appendalltext", "writealllines", "appendalllines",
        "writeallbytes", "createdirectory", "clear"}
STATIC_TYPES = ["math", "string", "char", "int", "long", "double", "decimal", "bool", "datetime",
                "timespan", "guid", "regex", "convert", "System.IO.Path", "System.IO.File",
                "System.IO.Directory", "environment", "System.Text.Encoding",
                "System.Reflection.Assembly", "version", "uri", "ipaddress", "enum", "array",
                "System.BitConverter", "cultureinfo", "mailaddress", "pscredential",
                "System.Net.NetworkCredential", "System.Text.StringBuilder",
                "System.Collections.ArrayList", "System.Collections.Generic.List[int]",
                "System.Collections.Generic.Dictionary[string,int]", "System.Random"]


def _targets():
    return ["abc", [1, 2, 3], Hashtable({"a": 1}), datetime.datetime(2020, 1, 2),
            datetime.timedelta(1), uuid.uuid4(), 5, 2.5, decimal.Decimal("1.5"), True,
            T.new_object(R("System.Collections.ArrayList"), []),
            T.new_object(R("System.Collections.Generic.List[int]"), []),
            T.new_object(R("System.Collections.Generic.Dictionary[string,int]"), []),
            T.new_object(R("System.Collections.Specialized.StringDictionary"), []),
            T.new_object(R("System.Text.StringBuilder"), ["abc"]),
            T.new_object(R("version"), ["1.2.3"]), T.new_object(R("uri"), ["http://x/y"]),
            T.new_object(R("mailaddress"), ["a@b.c"]),
            T.invoke_static_method(R("regex"), "Match", ["abc", "b"]),
            T.new_object(R("regex"), ["a"]),
            T.get_static_property(R("System.Text.Encoding"), "UTF8"),
            PSCustomObject({"a": 1}), R("int")]


def _counts(m):
    sigs = m.sigs or []
    return sorted({s.min_args for s in sigs} | {len(s.params) for s in sigs}) or [0, 1, 2]


def _call(fn, failures, desc):
    try:
        fn()
    except (E.DotNetException, E.FlowSignal):
        pass
    except Exception as exc:  # noqa: BLE001 - what the test looks for
        failures.append(f"{desc}: {type(exc).__name__}: {exc}")


def test_instance_methods_raise_only_dotnet_exceptions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    failures = []
    for obj in _targets():
        for low, m in list(T._info(obj.__class__).members.items()):
            if m.kind not in (T.METHOD, T.PYMETHOD) or low in SKIP:
                continue
            for n in _counts(m)[:4]:
                for args in itertools.islice(itertools.product(SAMPLES, repeat=n), 60):
                    try:
                        target = copy.copy(obj)
                    except TypeError:
                        target = obj
                    _call(lambda: T.invoke_method(target, m.name, list(args)), failures,
                          f"{T.type_name_of(obj)}.{m.name}{args}")
    assert failures == [], failures[:10]


def test_static_members_and_constructors_raise_only_dotnet_exceptions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    failures = []
    for tn in STATIC_TYPES:
        t = R(tn)
        for low, m in T._static_members(t).items():
            if m.kind == T.PROP:
                _call(lambda: T.get_static_property(t, m.name), failures, f"[{tn}]::{m.name}")
                continue
            if low in SKIP:
                continue
            for n in _counts(m)[:4]:
                for args in itertools.islice(itertools.product(SAMPLES, repeat=n), 80):
                    _call(lambda: T.invoke_static_method(t, m.name, list(args)), failures,
                          f"[{tn}]::{m.name}{args}")
        for n in range(4):
            for args in itertools.islice(itertools.product(SAMPLES, repeat=n), 40):
                _call(lambda: T.new_object(t, list(args)), failures, f"[{tn}]::new{args}")
    assert failures == [], failures[:10]


def test_null_argument_becomes_argument_null_exception():
    with pytest.raises(E.MethodInvocationException) as ei:
        T.invoke_static_method(R("char"), "IsDigit", [None, 0])
    assert isinstance(ei.value.InnerException, E.ArgumentNullException)
    assert "(Parameter 's')" in ei.value.InnerException.Message
