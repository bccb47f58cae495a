"""conversion.py: to_string, to_bool, convert_to, as_type, enumerate_object."""
import datetime
import decimal
import enum
import uuid

import pytest

from spshell.runtime import conversion as C
from spshell.runtime import numbers as n
from spshell.runtime.conversion import as_type, convert_to, enumerate_object, to_bool, to_string
from spshell.runtime.errors import PSInvalidCastException
from spshell.runtime.objects import (AutomationNull, Hashtable, OrderedDictionary,
                                     PSCustomObject, PSReference, SecureString, SwitchParameter)

D = decimal.Decimal


# to_string -----------------------------------------------------------------------------------

def test_to_string_scalars():
    assert to_string(None) == ""
    assert to_string(AutomationNull) == ""
    assert to_string(True) == "True" and to_string(False) == "False"
    assert to_string(42) == "42" and to_string(1 / 3) == "0.333333333333333"
    assert to_string(D("1.10")) == "1.10"
    assert to_string(n.Char("x")) == "x"


def test_to_string_collections_use_ofs():
    assert to_string([1, 2, 3]) == "1 2 3"
    assert to_string([1, 2, 3], ofs="+") == "1+2+3"
    assert to_string((1, "a")) == "1 a"
    # nested collections are not flattened: the inner array shows its type name
    assert to_string([1, [2, 3]]) == "1 System.Object[]"
    assert to_string([1, None, 2]) == "1  2"


def test_to_string_ofs_provider():
    old = C.ofs_provider
    try:
        C.ofs_provider = lambda: "-"
        assert to_string([1, 2]) == "1-2"
        assert convert_to([1, 2], str) == "1-2"
    finally:
        C.ofs_provider = old


def test_to_string_objects():
    assert to_string(Hashtable({"a": 1})) == "System.Collections.Hashtable"
    assert to_string(OrderedDictionary()) == "System.Collections.Specialized.OrderedDictionary"
    o = PSCustomObject({"a": 1, "b": [1, 2], "c": PSCustomObject({"x": 1}), "d": None})
    assert to_string(o) == "@{a=1; b=System.Object[]; c=; d=}"
    assert to_string(PSCustomObject()) == ""
    assert to_string(SecureString("secret")) == "System.Security.SecureString"
    assert to_string(SwitchParameter(True)) == "True"


def test_to_string_dates_and_spans():
    assert to_string(datetime.datetime(2020, 1, 10, 13, 45, 0)) == "01/10/2020 13:45:00"
    assert to_string(datetime.timedelta(hours=1, minutes=2, seconds=3)) == "01:02:03"
    assert to_string(datetime.timedelta(days=2, seconds=5)) == "2.00:00:05"
    assert to_string(datetime.timedelta(milliseconds=1.5)) == "00:00:00.0015000"
    assert to_string(-datetime.timedelta(minutes=1)) == "-00:01:00"
    assert to_string(uuid.UUID(int=1)) == "00000000-0000-0000-0000-000000000001"


class _WithToString:
    def ToString(self):
        return "custom text"


class _Named:
    __ps_type__ = "Contoso.Widget"


class _Color(enum.Enum):
    Red = 1
    Green = 2


def test_to_string_class_rules():
    assert to_string(_WithToString()) == "custom text"
    assert to_string(_Named()) == "Contoso.Widget"
    assert to_string(_Color.Green) == "Green"


# to_bool -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    (None, False), (AutomationNull, False), ("", False), (" ", True), ("False", True),
    (0, False), (1, True), (-1, True), (0.0, False), (D(0), False), (n.Int64(0), False),
    ([], False), ([0], False), ([1], True), ([0, 0], True), ([[]], False), ([[0]], True),
    (Hashtable(), True), (PSCustomObject(), True), (SwitchParameter(False), False),
    (SwitchParameter(True), True), (n.Char("\0"), True), (object(), True),
])
def test_to_bool(value, expected):
    assert to_bool(value) is expected


def test_bool_parameter_accepts_only_bools_and_numbers():
    assert C.to_bool_parameter(0) is False and C.to_bool_parameter(True) is True
    with pytest.raises(PSInvalidCastException) as e:
        C.to_bool_parameter("true")
    assert "Boolean parameters accept only Boolean values and numbers" in e.value.Message


# enumerate_object ----------------------------------------------------------------------------

def test_enumerate_object_rules():
    assert list(enumerate_object([1, 2])) == [1, 2]
    assert list(enumerate_object((1,))) == [1]
    assert list(enumerate_object(x for x in (1, 2))) == [1, 2]
    assert sorted(enumerate_object({1, 2})) == [1, 2]
    for single in ("abc", 5, None, Hashtable({"a": 1}), {"a": 1}, PSCustomObject({"a": 1}),
                   datetime.datetime.now()):
        assert enumerate_object(single) is None

    class NotEnumerated:
        __ps_enumerable__ = False

        def __iter__(self):
            return iter([1])

    assert enumerate_object(NotEnumerated()) is None


# convert_to: numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize("value,target,expected", [
    ("42", int, 42), (" 42 ", int, 42), ("0x10", int, 16), ("#ff", int, 255), ("&hff", int, 255),
    ("1e3", int, 1000), ("1,000", int, 1000), ("", int, 0), (" ", int, 0), (None, int, 0),
    (True, int, 1), (2.5, int, 2), (3.5, int, 4), (-2.5, int, -2), (D("2.5"), int, 2),
    ("2.5", int, 2), (n.Char("a"), int, 97), (21.5, n.Byte, 22), (22.5, n.Byte, 22),
    ("0xFFFFFFFF", int, -1), (2.5, n.Int64, 2), ("18446744073709551615", n.UInt64, 2 ** 64 - 1),
    ("1.5", float, 1.5), ("1,234.5", float, 1234.5), (None, float, 0.0), (3, float, 3.0),
    ("Infinity", float, float("inf")),
])
def test_convert_numbers(value, target, expected):
    r = convert_to(value, target)
    assert r == expected
    assert type(r) is target


def test_convert_decimal():
    assert convert_to(1.5, D) == D("1.5") and type(convert_to(1, D)) is D
    assert str(convert_to(0.1, D)) == "0.1"
    assert str(convert_to("1.5d", D)) == "1.5"
    assert convert_to(True, D) == 1


@pytest.mark.parametrize("value,target,message", [
    ("abc", int, 'Cannot convert value "abc" to type "System.Int32". Error: "Input string was not '
                 'in a correct format."'),
    ("99999999999", int, 'Cannot convert value "99999999999" to type "System.Int32". Error: '
                         '"Value was either too large or too small for an Int32."'),
    (300, n.Byte, 'Cannot convert value "300" to type "System.Byte". Error: "Value was either too '
                  'large or too small for an unsigned byte."'),
    (-1, n.UInt32, 'Cannot convert value "-1" to type "System.UInt32". Error: "Value was either '
                   'too large or too small for a UInt32."'),
    (1e10, int, 'Cannot convert value "10000000000" to type "System.Int32". Error: "Value was '
                'either too large or too small for an Int32."'),
    ("abc", float, 'Cannot convert value "abc" to type "System.Double". Error: "Input string was '
                   'not in a correct format."'),
    ([1, 2], int, 'Cannot convert the "System.Object[]" value of type "System.Object[]" to type '
                  '"System.Int32".'),
    ("ab", n.Char, 'Cannot convert value "ab" to type "System.Char". Error: "String must be '
                   'exactly one character long."'),
    ("junk", datetime.datetime, 'Cannot convert value "junk" to type "System.DateTime". Error: '
                                '"String was not recognized as a valid DateTime."'),
    (None, datetime.datetime, 'Cannot convert null to type "System.DateTime".'),
    ("x", SecureString, 'Cannot convert the "x" value of type "System.String" to type '
                        '"System.Security.SecureString".'),
])
def test_convert_errors(value, target, message):
    with pytest.raises(PSInvalidCastException) as e:
        convert_to(value, target)
    assert e.value.Message == message


def test_convert_to_bool_and_string():
    assert convert_to("false", bool) is True
    assert convert_to("", bool) is False
    assert convert_to(0, bool) is False
    assert convert_to([], bool) is False
    assert convert_to(None, str) == ""
    assert convert_to(27, str) == "27"
    assert convert_to([1, 2, 3, 4], str) == "1 2 3 4"
    assert convert_to(n.Char("c"), str) == "c" and type(convert_to(n.Char("c"), str)) is str


def test_convert_char():
    assert convert_to(65, n.Char) == "A"
    assert convert_to("7", n.Char) == "7"
    assert convert_to(None, n.Char) == "\0"


# convert_to: dates, spans, guids ---------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2020-01-10", datetime.datetime(2020, 1, 10)),
    ("1/10/2020", datetime.datetime(2020, 1, 10)),
    ("01/10/2020 13:45:00", datetime.datetime(2020, 1, 10, 13, 45)),
    ("1/10/2020 1:02:03 PM", datetime.datetime(2020, 1, 10, 13, 2, 3)),
    ("2020-01-10T10:20:30", datetime.datetime(2020, 1, 10, 10, 20, 30)),
    ("2020-01-10 10:20:30.5", datetime.datetime(2020, 1, 10, 10, 20, 30, 500000)),
    ("January 10, 2020", datetime.datetime(2020, 1, 10)),
    ("10 Jan 2020 10:00", datetime.datetime(2020, 1, 10, 10, 0)),
    ("2020/01/10", datetime.datetime(2020, 1, 10)),
])
def test_convert_datetime(text, expected):
    assert convert_to(text, datetime.datetime) == expected


def test_convert_datetime_with_zone_is_local():
    d = convert_to("2020-01-10T10:00:00Z", datetime.datetime)
    utc = datetime.datetime(2020, 1, 10, 10, 0, tzinfo=datetime.timezone.utc)
    assert d == utc.astimezone().replace(tzinfo=None)


@pytest.mark.parametrize("text,expected", [
    ("10:30", datetime.timedelta(hours=10, minutes=30)),
    ("1.02:03:04", datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)),
    ("00:00:01.5", datetime.timedelta(seconds=1.5)),
    ("3", datetime.timedelta(days=3)),
    ("-01:00:00", -datetime.timedelta(hours=1)),
])
def test_convert_timespan(text, expected):
    assert convert_to(text, datetime.timedelta) == expected


def test_convert_timespan_error():
    with pytest.raises(PSInvalidCastException) as e:
        convert_to("25:00", datetime.timedelta)
    assert "String was not recognized as a valid TimeSpan." in e.value.Message


def test_convert_guid():
    g = convert_to("{00000000-0000-0000-0000-000000000001}", uuid.UUID)
    assert g == uuid.UUID(int=1)
    with pytest.raises(PSInvalidCastException) as e:
        convert_to("zz", uuid.UUID)
    assert "Guid should contain 32 digits with 4 dashes" in e.value.Message


# convert_to: collections, objects ------------------------------------------------------------

def test_convert_object_array():
    assert convert_to(5, list) == [5]
    assert convert_to([1, 2], list) == [1, 2]
    assert convert_to(None, list) is None


class _Elem:
    """A minimal PSType-like target for typed arrays."""

    def __init__(self, cls, full, elem=None):
        self.cls, self.FullName, self.element_type, self.generic_args = cls, full, elem, ()


def test_convert_typed_arrays():
    int_arr = _Elem(list, "System.Int32[]", _Elem(int, "System.Int32"))
    assert convert_to("1", int_arr) == [1]
    assert convert_to(["1", 2.5], int_arr) == [1, 2]
    char_arr = _Elem(list, "System.Char[]", _Elem(n.Char, "System.Char"))
    assert convert_to("abc", char_arr) == ["a", "b", "c"]
    with pytest.raises(PSInvalidCastException) as e:
        convert_to(["1", "x"], int_arr)
    assert e.value.Message == ('Cannot convert value "System.Object[]" to type "System.Int32[]". '
                               'Error: "Cannot convert value "x" to type "System.Int32". Error: '
                               '"Input string was not in a correct format.""')


def test_convert_hashtables_and_custom_objects():
    h = Hashtable({"a": 1})
    o = convert_to(h, PSCustomObject)
    assert isinstance(o, PSCustomObject) and o.get("a") == 1
    assert convert_to(h, Hashtable) is h
    od = convert_to(h, OrderedDictionary)
    assert isinstance(od, OrderedDictionary) and od["a"] == 1
    assert convert_to(5, object) == 5
    assert convert_to(5, SwitchParameter).IsPresent is True


class _MailLike:
    __ps_type__ = "Contoso.MailLike"

    def __init__(self, address):
        self.Address = address

    @classmethod
    def __ps_convert__(cls, value):
        if isinstance(value, str):
            if "@" not in value:
                from spshell.runtime.errors import FormatException
                raise FormatException("The specified string is not in the form required for an "
                                      "e-mail address.")
            return cls(value)
        return NotImplemented


class _Settable:
    __ps_type__ = "Contoso.Settable"

    def __init__(self):
        self.Name = None
        self.Port = 0


def test_convert_hook_and_errors():
    m = convert_to("a@b.c", _MailLike)
    assert isinstance(m, _MailLike) and m.Address == "a@b.c"
    with pytest.raises(PSInvalidCastException) as e:
        convert_to("nope", _MailLike)
    assert e.value.Message == ('Cannot convert value "nope" to type "Contoso.MailLike". Error: '
                               '"The specified string is not in the form required for an e-mail '
                               'address."')
    with pytest.raises(PSInvalidCastException):
        convert_to(5, _MailLike)


def test_convert_hashtable_to_class_sets_properties():
    pytest.importorskip("spshell.runtime.types")
    obj = convert_to(Hashtable({"Name": "x", "Port": "25"}), _Settable)
    assert obj.Name == "x"
    assert obj.Port in (25, "25")


def test_convert_enum():
    assert convert_to("green", _Color) is _Color.Green
    assert convert_to(1, _Color) is _Color.Red
    with pytest.raises(PSInvalidCastException) as e:
        convert_to("blue", _Color)
    assert e.value.Message == ('Cannot convert value "blue" to type "_Color" due to enumeration '
                               'values that are not valid. Specify one of the following '
                               'enumeration values and try again. The possible enumeration values '
                               'are "Red, Green".')
    with pytest.raises(PSInvalidCastException) as e:
        convert_to("Red,Green", _Color)
    assert "no commas are allowed" in e.value.Message


class _Flags(enum.Flag):
    A = 1
    B = 2


def test_convert_flags_enum_and_string():
    v = convert_to("A, B", _Flags)
    assert v == _Flags.A | _Flags.B
    assert to_string(v) == "A, B"


def test_convert_ref():
    r = convert_to(5, PSReference)
    assert r.Value == 5
    r.Value = 6
    assert r.Value == 6


def test_as_type():
    assert as_type("abc", int) is None
    assert as_type("12", int) == 12
    assert as_type("x", datetime.datetime) is None
    assert as_type(5, str) == "5"


def test_to_number():
    assert C.to_number("0x10") == 16
    assert C.to_number("1.5") == 1.5
    assert C.to_number("") == 0
    assert C.to_number(None) == 0
    assert C.to_number(True) == 1
    with pytest.raises(PSInvalidCastException):
        C.to_number("abc")


@pytest.mark.parametrize("value,target,error_id", [
    ("abc", int, "InvalidCastFromStringToInteger"),
    (300, n.Byte, "InvalidCastIConvertible"),
    ("abc", float, "InvalidCastFromStringToDoubleOrSingle"),
    ([1], int, "ConvertToFinalInvalidCastException"),
    (None, datetime.datetime, "nullToObjectInvalidCast"),
])
def test_cast_errors_carry_powershell_error_ids(value, target, error_id):
    with pytest.raises(PSInvalidCastException) as e:
        convert_to(value, target)
    rec = e.value.error_record
    assert rec is not None and rec.error_id == error_id and rec.category == "InvalidArgument"
    assert rec.target_object is None
