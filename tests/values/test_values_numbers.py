"""numbers.py: widths, literal scanning, display."""
import decimal

import pytest

from spshell.runtime import numbers as n
from spshell.runtime.errors import OverflowException

D = decimal.Decimal


@pytest.mark.parametrize("text,value,cls", [
    ("42", 42, int), (" 42 ", 42, int), ("+3", 3, int), ("-7", -7, int),
    ("0x12", 18, int), ("0xFF", 255, int), ("0xFFFFFFFF", -1, int), ("0x7fffffff", 2147483647, int),
    ("0x1FFFFFFFF", 8589934591, n.Int64), ("0xFFFFFFFFFFFFFFFF", -1, n.Int64),
    ("0xFFFFFFFFu", 4294967295, n.UInt32), ("0xFFFFs", -1, n.Int16), ("0xFFy", -1, n.SByte),
    ("0xFFuy", 255, n.Byte), ("0b101", 5, int), ("0b11111111", -1, int), ("0b0111", 7, int),
    ("10l", 10, n.Int64), ("10ul", 10, n.UInt64), ("10us", 10, n.UInt16), ("5u", 5, n.UInt32),
    ("10n", 10, n.BigInteger), ("2.5l", 2, n.Int64), ("3.5l", 4, n.Int64),
    ("1kb", 1024, int), ("1KB", 1024, int), ("1mb", 1048576, int), ("482gb", 517543559168, n.Int64),
    ("2147483648", 2147483648, n.Int64), ("9223372036854775808", D("9223372036854775808"), D),
    ("", 0, int), ("   ", 0, int),
])
def test_parse_number_integers(text, value, cls):
    v = n.parse_number(text)
    assert v == value
    assert type(v) is cls


@pytest.mark.parametrize("text,value", [
    ("1.5", 1.5), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("1E-5", 1e-5), ("1.e2", 100.0),
    ("1.5kb", 1536.0), ("-0.0", -0.0), ("1e400", float("inf")),
])
def test_parse_number_reals(text, value):
    v = n.parse_number(text)
    assert type(v) is float and v == value


def test_parse_number_decimal_suffix_keeps_scale():
    assert str(n.parse_number("1.50d")) == "1.50"
    assert type(n.parse_number("100d")) is D


@pytest.mark.parametrize("text", ["abc", "12abc", "0x", "1..2", "-", "1e", "0xZZ", "1.5q",
                                  "10ls", "0b102"])
def test_parse_number_rejects(text):
    assert n.parse_number(text) is None


def test_hex_too_big_without_suffix_is_not_a_number():
    assert n.parse_number("0x1FFFFFFFFFFFFFFFF") is None


def test_fixed_width_range_checked():
    assert n.Byte(255) == 255
    with pytest.raises(OverflowException) as e:
        n.Byte(256)
    assert e.value.Message == "Value was either too large or too small for an unsigned byte."
    with pytest.raises(OverflowException):
        n.Int16(40000)


def test_type_codes_order():
    assert n.type_code(True) < n.type_code(n.Byte(1)) < n.type_code(1) < n.type_code(n.Int64(1))
    assert n.type_code(1.0) == n.TC_DOUBLE and n.type_code(D(1)) == n.TC_DECIMAL
    assert n.type_code("x") is None and n.type_code(n.Char("x")) == n.TC_CHAR


def test_overflow_messages():
    assert n.overflow_message(n.TC_INT32) == \
        "Value was either too large or too small for an Int32."
    assert n.overflow_message(n.TC_UINT32) == \
        "Value was either too large or too small for a UInt32."
    assert n.overflow_message(n.TC_DECIMAL) == \
        "Value was either too large or too small for a Decimal."
    assert n.overflow_message(n.TC_SBYTE) == \
        "Value was either too large or too small for a signed byte."


def test_round_half_even():
    assert [n.round_half_even(x) for x in (0.5, 1.5, 2.5, -2.5, 2.6)] == [0, 2, 2, -2, 3]
    assert n.round_half_even(D("2.5")) == 2


@pytest.mark.parametrize("value,text", [
    (1 / 3, "0.333333333333333"), (1e20, "1E+20"), (1.0, "1"), (-0.0, "-0"), (0.1 + 0.2, "0.3"),
    (1e15, "1E+15"), (123456789012345.0, "123456789012345"), (1e-5, "1E-05"),
    (0.0001, "0.0001"), (2.0 ** 31, "2147483648"), (float("nan"), "NaN"),
    (float("inf"), "Infinity"), (float("-inf"), "-Infinity"), (1234.56789, "1234.56789"),
])
def test_format_double(value, text):
    assert n.format_number(value) == text


def test_format_single_decimal_ints():
    assert n.format_number(n.Single(9876.543)) == "9876.543"
    assert n.format_number(n.Single(0.1)) == "0.1"
    assert n.format_number(D("4567.123456789")) == "4567.123456789"
    assert n.format_number(D("1.10")) == "1.10"
    assert n.format_number(D("1E+2")) == "100"
    assert n.format_number(n.Int64(5)) == "5"
    assert n.format_number(n.UInt64(2 ** 64 - 1)) == "18446744073709551615"
    assert n.format_number(True) == "True"


def test_fit_decimal():
    assert str(n.fit_decimal(D(1) / D(3))) == "0.3333333333333333333333333333"
    with pytest.raises(OverflowException):
        n.fit_decimal(D("79228162514264337593543950336"))
    assert n.fit_decimal(D("79228162514264337593543950335")) == n.DECIMAL_MAX


def test_char():
    c = n.Char(65)
    assert c == "A" and isinstance(c, str) and type(c) is n.Char
    with pytest.raises(Exception):
        n.Char("ab")


def test_subclass_str_is_plain_number():
    assert str(n.Int64(12)) == "12" and f"{n.Int64(12):>4}" == "  12"
    assert repr(n.Byte(3)) == "Byte(3)"
