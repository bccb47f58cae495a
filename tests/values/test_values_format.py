"""dotnet_format.py: composite formatting, numeric/date/timespan format strings (en-US)."""
import datetime
import decimal
import enum
import uuid

import pytest

from spshell.runtime import numbers as n
from spshell.runtime.dotnet_format import format_string, format_value
from spshell.runtime.errors import FormatException

D = decimal.Decimal


def test_composite_basics():
    assert format_string("{0} vs. {{0}}", ["foo"]) == "foo vs. {0}"
    assert format_string("{0:00} {1:000} {2:000000}", [7, 24, 365]) == "07 024 000365"
    assert format_string("[{0,5}|{1,-5}]", [1, 2]) == "[    1|2    ]"
    assert format_string("{0,-8:N1}|", [3.14159]) == "3.1     |"
    assert format_string("{0}{0}", ["x"]) == "xx"
    assert format_string("{0}", [None]) == ""
    assert format_string("{0}", [True]) == "True"
    assert format_string("}}{{", []) == "}{"


@pytest.mark.parametrize("fmt,args,message", [
    ("{1}", [1], "Index (zero based) must be greater than or equal to zero and less than the "
                 "size of the argument list."),
    ("{0", [1], "Input string was not in a correct format."),
    ("{a}", [1], "Input string was not in a correct format."),
    ("}", [], "Input string was not in a correct format."),
    ("{0,x}", [1], "Input string was not in a correct format."),
])
def test_composite_errors(fmt, args, message):
    with pytest.raises(FormatException) as e:
        format_string(fmt, args)
    assert e.value.Message == message


@pytest.mark.parametrize("value,fmt,text", [
    (1234.5678, "N2", "1,234.57"), (1234.5678, "N", "1,234.57"), (1234, "N0", "1,234"),
    (-1234.5, "N1", "-1,234.5"), (1234.5678, "C", "$1,234.57"), (-5, "C0", "-$5"),
    (0.1234, "P", "12.34%"), (0.5, "P0", "50%"), (1234.5678, "F", "1234.57"), (2.5, "F0", "3"),
    (0.125, "F2", "0.13"), (1.005, "F2", "1.00"), (42, "D5", "00042"), (-42, "D5", "-00042"),
    (255, "X", "FF"), (255, "x4", "00ff"), (-1, "X", "FFFFFFFF"), (n.Int64(-1), "X",
                                                                   "FFFFFFFFFFFFFFFF"),
    (n.Byte(10), "X2", "0A"), (1234.5678, "E", "1.234568E+003"), (1234.5678, "e2", "1.23e+003"),
    (0, "E2", "0.00E+000"), (1 / 3, "G", "0.3333333333333333"), (1e20, "G", "1E+20"),
    (123456789, "G3", "1.23E+08"), (0.5, "G", "0.5"), (1 / 3, "R", "0.3333333333333333"),
    (D("1.50"), "G", "1.50"), (D("1234.5"), "N2", "1,234.50"), (D("2.5"), "F0", "3"),
    (float("nan"), "N2", "NaN"), (12, "G", "12"),
])
def test_standard_numeric(value, fmt, text):
    assert format_value(value, fmt) == text


def test_d_and_x_need_integers():
    with pytest.raises(FormatException):
        format_value(1.5, "D")
    with pytest.raises(FormatException):
        format_value(1.5, "X")


@pytest.mark.parametrize("value,fmt,text", [
    (7, "00", "07"), (123, "00000", "00123"), (1234567.891, "#,##0.00", "1,234,567.89"),
    (1234567.891, "#,##0", "1,234,568"), (0.5, "0.###", "0.5"), (1.23456, "0.###", "1.235"),
    (1234.5, "0.00", "1234.50"), (0.0, "#.##", ""), (0.5, "#.##", ".5"), (3.14159, "#.##", "3.14"),
    (0.256, "0%", "26%"), (-5, "0;(0)", "(5)"), (0, "0;(0);zero", "zero"), (5, "0;(0);zero", "5"),
    (12345, "0,0", "12,345"), (1500000, "#,##0,,M", "2M"), (12345.678, "0.00E+00", "1.23E+04"),
    (0.00012, "0.0e0", "1.2e-4"), (42, '"x"0', "x42"), (42, "'#'0", "#42"), (42, r"\#0", "#42"),
    (5551234567, "(###) ###-####", "(555) 123-4567"), (-12.5, "0.0", "-12.5"),
    (99.999, "0.00", "100.00"), (-0.001, "0.00", "0.00"), (1, "0.0", "1.0"),
])
def test_custom_numeric(value, fmt, text):
    assert format_value(value, fmt) == text


D1 = datetime.datetime(2020, 1, 10, 13, 5, 7, 123456)


@pytest.mark.parametrize("fmt,text", [
    ("d", "1/10/2020"), ("D", "Friday, January 10, 2020"),
    ("f", "Friday, January 10, 2020 1:05 PM"), ("F", "Friday, January 10, 2020 1:05:07 PM"),
    ("g", "1/10/2020 1:05 PM"), ("G", "1/10/2020 1:05:07 PM"), ("M", "January 10"),
    ("s", "2020-01-10T13:05:07"), ("t", "1:05 PM"), ("T", "1:05:07 PM"),
    ("u", "2020-01-10 13:05:07Z"), ("y", "January 2020"),
    ("yyyy-MM-dd HH:mm:ss", "2020-01-10 13:05:07"), ("dddd", "Friday"), ("ddd", "Fri"),
    ("MMMM", "January"), ("MMM", "Jan"), ("tt", "PM"), ("fff", "123"), ("ffffff", "123456"),
    ("hh:mm tt", "01:05 PM"), ("yyyyMMdd", "20200110"), ("%d", "10"), ("%M", "1"),
    ("yy", "20"), ("'Day' d", "Day 10"), (r"\d\a\y d", "day 10"), ("H:m:s", "13:5:7"),
    ("r", "Fri, 10 Jan 2020 13:05:07 GMT"),
])
def test_datetime_formats(fmt, text):
    assert format_value(D1, fmt) == text


def test_datetime_roundtrip_and_zone():
    aware = datetime.datetime(2020, 1, 10, 13, 5, 7, tzinfo=datetime.timezone.utc)
    assert format_value(aware, "o") == "2020-01-10T13:05:07.0000000Z"
    assert format_value(aware, "zzz") == "+00:00"
    local = format_value(datetime.datetime(2020, 1, 10), "o")
    assert local.startswith("2020-01-10T00:00:00.0000000") and local[27] in "+-"


TS = datetime.timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=500000)


@pytest.mark.parametrize("fmt,text", [
    ("c", "1.02:03:04.5000000"), ("g", "1:2:03:04.5"), ("G", "1:02:03:04.5000000"),
    (r"hh\:mm", "02:03"), (r"dd\.hh\:mm\:ss", "01.02:03:04"), ("%h", "2"), ("'x'ss", "x04"),
    ("fff", "500"), ("FFF", "5"),
])
def test_timespan_formats(fmt, text):
    assert format_value(TS, fmt) == text


def test_timespan_unescaped_literal_is_an_error():
    with pytest.raises(FormatException):
        format_value(TS, "hh:mm")


class _E(enum.Enum):
    One = 1


def test_enum_guid_and_misc():
    assert format_value(_E.One, "G") == "One"
    assert format_value(_E.One, "D") == "1"
    assert format_value(_E.One, "X") == "00000001"
    g = uuid.UUID(int=0x1234)
    assert format_value(g, "N") == "00000000000000000000000000001234"
    assert format_value(g, "B") == "{00000000-0000-0000-0000-000000001234}"
    assert format_value("text", "N2") == "text"
    assert format_value(None, "N2") == ""
    assert format_value(True, "N2") == "True"
