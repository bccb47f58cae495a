"""operators.py: arithmetic, comparison, pattern, split/join, bitwise, range, type tests."""
import datetime
import decimal

import pytest

from spshell.runtime import numbers as n
from spshell.runtime import operators as op
from spshell.runtime.errors import (ArgumentException, DivideByZeroException, ParseException,
                                    PSInvalidCastException, RuntimeException,
                                    WildcardPatternException)
from spshell.runtime.objects import Hashtable, OrderedDictionary, PSCustomObject

D = decimal.Decimal


# arithmetic ----------------------------------------------------------------------------------

@pytest.mark.parametrize("fn,a,b,expected,typ", [
    (op.add, 1, 2, 3, int), (op.add, 2147483647, 1, 2147483648.0, float),
    (op.sub, -2147483648, 1, -2147483649.0, float), (op.mul, 65536, 65536, 4294967296.0, float),
    (op.div, 6, 3, 2, int), (op.div, 7, 2, 3.5, float), (op.div, -6, 3, -2, int),
    (op.mod, 7, 3, 1, int), (op.mod, -7, 3, -1, int), (op.mod, 7, -3, 1, int),
    (op.add, 2, 3.1, 5.1, float), (op.add, n.Int64(1), 1, 2, n.Int64),
    (op.add, n.Int64(2 ** 63 - 1), 1, 9.223372036854776e18, float),
    (op.add, n.Byte(200), n.Byte(100), 300, int), (op.add, n.UInt32(5), 1, 6, n.UInt32),
    (op.add, n.UInt32(5), -10, -5, n.Int64), (op.add, n.Single(1.5), 1, 2.5, float),
    (op.add, True, 1, 2, int), (op.sub, False, True, -1, int), (op.div, n.Int64(6), 3, 2, n.Int64),
    (op.add, D("1.10"), 1, D("2.10"), D), (op.add, 1.5, D(1), D("2.5"), D),
    (op.div, D(1), 3, D("0.3333333333333333333333333333"), D), (op.mul, D("1.5"), 2, D("3.0"), D),
])
def test_numeric_results(fn, a, b, expected, typ):
    r = fn(a, b)
    assert r == expected
    assert type(r) is typ


def test_decimal_keeps_scale_in_text():
    from spshell.runtime.conversion import to_string
    assert to_string(op.add(D("1.10"), 1)) == "2.10"
    assert to_string(op.div(D(10), 3)) == "3.3333333333333333333333333333"


def test_divide_by_zero():
    for a, b in ((1, 0), (n.Int64(1), 0), (D(1), 0), (1, D(0))):
        with pytest.raises(RuntimeException) as e:
            op.div(a, b)
        assert e.value.Message == "Attempted to divide by zero."
        assert isinstance(e.value.InnerException, DivideByZeroException)
    with pytest.raises(RuntimeException):
        op.mod(5, 0)
    assert op.div(1.0, 0) == float("inf")


def test_decimal_overflow():
    with pytest.raises(RuntimeException) as e:
        op.mul(n.DECIMAL_MAX, 2)
    assert e.value.Message == "Value was either too large or too small for a Decimal."


def test_string_and_collection_addition():
    assert op.add("a", 1) == "a1"
    assert op.add("a", None) == "a"
    assert op.add("a", [1, 2]) == "a1 2"
    assert op.add(n.Char("a"), 1) == "a1"
    assert op.add([1, 2], 3) == [1, 2, 3]
    assert op.add([1, 2], [3, 4]) == [1, 2, 3, 4]
    assert op.add([1], "ab") == [1, "ab"]
    assert op.add(None, 5) == 5
    assert op.add(None, "x") == "x"
    left = [1]
    op.add(left, 2)
    assert left == [1]  # a new array each time


def test_hashtable_addition():
    r = op.add(Hashtable({"a": 1}), Hashtable({"b": 2}))
    assert isinstance(r, Hashtable) and dict(r.items()) == {"a": 1, "b": 2}
    r = op.add(OrderedDictionary({"a": 1}), Hashtable({"b": 2}))
    assert isinstance(r, OrderedDictionary)
    with pytest.raises(ArgumentException) as e:
        op.add(Hashtable({"a": 1}), Hashtable({"A": 2}))
    assert e.value.Message == ("Item has already been added. Key in dictionary: 'a'  Key being "
                               "added: 'A'")
    with pytest.raises(RuntimeException) as e:
        op.add(Hashtable(), 5)
    assert e.value.Message == "A hash table can only be added to another hash table."


def test_number_plus_bad_string_and_objects():
    with pytest.raises(PSInvalidCastException) as e:
        op.add(1, "abc")
    assert e.value.Message == ('Cannot convert value "abc" to type "System.Int32". Error: '
                               '"Input string was not in a correct format."')
    with pytest.raises(RuntimeException) as e:
        op.add(1, [2])
    assert e.value.Message == ("Method invocation failed because [System.Object[]] does not "
                               "contain a method named 'op_Addition'.")
    with pytest.raises(RuntimeException) as e:
        op.add(PSCustomObject({"a": 1}), 1)
    assert "[System.Management.Automation.PSCustomObject] does not contain a method named " \
           "'op_Addition'" in e.value.Message


def test_multiplication():
    assert op.mul("ab", 3) == "ababab"
    assert op.mul("ab", "2") == "abab"
    assert op.mul("ab", 0) == ""
    assert op.mul([1, 2], 2) == [1, 2, 1, 2]
    assert op.mul(None, 5) is None
    assert op.mul(5, None) == 0
    assert op.mul(3, "4") == 12


def test_subtraction_and_strings():
    assert op.sub("10", "2") == 8
    assert op.sub(None, 5) == -5
    assert op.sub(10, "") == 10
    assert op.div("10", "4") == 2.5
    with pytest.raises(PSInvalidCastException):
        op.sub("abc", 1)


def test_dates():
    a, b = datetime.datetime(2020, 1, 2), datetime.datetime(2020, 1, 1)
    assert op.sub(a, b) == datetime.timedelta(days=1)
    assert op.add(b, datetime.timedelta(days=1)) == a
    assert op.sub(a, datetime.timedelta(days=1)) == b


def test_unary():
    assert op.negate("5") == -5
    assert op.negate(5) == -5
    assert op.negate(-2147483648) == 2147483648.0
    assert op.unary_plus("7") == 7
    assert op.negate(None) == 0
    with pytest.raises(RuntimeException) as e:
        op.negate(PSCustomObject())
    assert e.value.Message == ("The '-' operator works only on numbers. The operand is a "
                               "'System.Management.Automation.PSCustomObject'.")


# comparison ----------------------------------------------------------------------------------

def test_equality_conversions():
    assert op.eq(1, "1.0") is True
    assert op.eq("1.0", 1) is False
    assert op.eq(5, "abc") is False
    assert op.eq(True, "false") is True
    assert op.eq(n.Char("a"), "A") is True
    assert op.eq(n.Char("a"), "A", True) is False
    assert op.eq(datetime.datetime(2020, 1, 10), "2020-01-10") is True
    assert op.eq(None, None) is True and op.eq(None, 0) is False and op.eq(0, None) is False
    assert op.eq(1, 1.0) is True and op.eq(n.Int64(3), 3) is True
    assert op.eq(D("1.0"), 1) is True
    h = Hashtable()
    assert op.eq(h, h) is True and op.eq(h, Hashtable()) is False


def test_relational():
    assert op.lt("a", "B") is True  # case-insensitive order
    assert op.lt("10", 9) is True   # string compare when the left side is a string
    assert op.gt(10, "9") is True
    assert op.lt(None, 5) is True and op.gt(5, None) is True
    assert op.gt(-1, None) is False
    assert op.ge(2.5, 2) is True
    with pytest.raises(ArgumentException) as e:
        op.gt(5, "abc")
    assert e.value.Message.startswith('Could not compare "5" to "abc". Error: "Cannot convert '
                                      'value "abc" to type "System.Int32".')


def test_compare_entry_point_and_filter():
    assert op.compare("-eq", [1, 2, 1], 1) == [1, 1]
    assert op.compare("-ceq", ["a", "A"], "a") == ["a"]
    assert op.compare("-ine", ["a", "A", "b"], "a") == ["b"]
    assert op.compare("-gt", (1, 5), 2) == [5]
    assert op.eq([1, None], None) == [None]


def test_compare_values_for_sorting():
    assert op.compare_values("a", "B") < 0
    assert op.compare_values("b", "B", ignore_case=False) < 0
    assert op.compare_values(2, 10) < 0
    assert op.compare_values(None, 1) < 0 and op.compare_values(-1, None) < 0


def test_contains_in():
    assert op.contains([1, 2, 3], "2") is True
    assert op.contains("abc", "ABC") is True
    assert op.contains(["A"], "a", True) is False
    assert op.in_(2, [1, 2]) is True and op.not_in(4, [1, 2]) is True


# wildcards and regex -------------------------------------------------------------------------

def test_wildcards():
    assert op.like("file.txt", "*.TXT") is True
    assert op.like("file.txt", "*.TXT", True) is False
    assert op.like("a*b", "a`*b") is True and op.like("axb", "a`*b") is False
    assert op.like("b", "[abc]") is True and op.like("d", "[a-c]") is False
    assert op.like("", "*") is True and op.like(None, "") is True
    assert op.like(5, "5") is True
    assert op.like([1, 22, 3], "?") == ["1", "3"]
    assert op.has_wildcard("a*") and not op.has_wildcard("a`*") and op.has_wildcard("[a]")
    with pytest.raises(WildcardPatternException):
        op.like("x", "[")


def test_match_sets_matches_only_for_scalars():
    ok, m = op.match("abc123", r"(?<letters>[a-z]+)(\d+)")
    assert ok is True
    assert m[0] == "abc123" and m[1] == "123" and m["letters"] == "abc"
    assert list(m.keys())[-1] == 0
    ok, m = op.match("abc", "x")
    assert ok is False and m is None
    r, m = op.match(["a1", "b", "c3"], r"\d")
    assert r == ["a1", "c3"] and m is None
    r, m = op.not_match(["a1", "b"], r"\d")
    assert r == ["b"] and m is None
    assert op.match("ABC", "abc")[0] is True
    assert op.match("ABC", "abc", True)[0] is False


def test_match_unsuccessful_groups_left_out():
    ok, m = op.match("ac", "a(b)?c")
    assert ok and 1 not in m


def test_invalid_regex():
    with pytest.raises(RuntimeException) as e:
        op.match("abc", "(")
    assert e.value.Message == "The regular expression pattern ( is not valid."


def test_regex_translation():
    assert op.match("ab", r"\Aab\z")[0] is True
    assert op.match("ab\n", r"ab\z")[0] is False
    assert op.match("ab\n", r"ab\Z")[0] is True
    assert op.replace("aa", [r"(?<x>a)\k<x>", "${x}!"]) == "a!"
    assert op.match("Hello", "(?i)hello", True)[0] is True
    assert op.match("x1", r"\p{L}\d")[0] is True


def test_replace_forms():
    assert op.replace("abc", "b") == "ac"
    assert op.replace("aBc", ["b", "X"]) == "aXc"
    assert op.replace("aBc", ["b", "X"], True) == "aBc"
    assert op.replace(["a1", "b2"], [r"\d", "#"]) == ["a#", "b#"]
    assert op.replace("abc", ["b", lambda m: m.Value.upper() * 2]) == "aBBc"
    assert op.replace("abc", ["(b)", "[$1]"]) == "a[b]c"
    assert op.replace("abc", ["b", "$0$0"]) == "abbc"
    assert op.replace("abc", ["b", "<$`|$'>"]) == "a<a|c>c"
    assert op.replace("abc", ["(?<n>b)", "${n}${n}"]) == "abbc"
    assert op.replace("abc", ["(b)", "$10"]) == "ab0c"
    assert op.replace(5, ["5", "6"]) == "6"
    with pytest.raises(RuntimeException) as e:
        op.replace("a", ["a", "b", "c"])
    assert "allows only two elements to follow it, not 3" in e.value.Message


def test_regex_match_object():
    captured = []

    def cb(m):
        captured.append((m.Value, m.Index, m.Length, m.Groups[1].Value, m.Groups["w"].Value))
        return "-"

    assert op.replace("x ab y", [r"(?<w>a)(b)", cb]) == "x - y"
    assert captured == [("ab", 2, 2, "b", "a")]


# split / join --------------------------------------------------------------------------------

def test_split_variants():
    assert op.split("a,b,,c", ",") == ["a", "b", "", "c"]
    assert op.split("aXbxc", "x") == ["a", "b", "c"]
    assert op.split("aXbxc", "x", True) == ["aXb", "c"]
    assert op.split("a1b2c", r"(\d)") == ["a", "1", "b", "2", "c"]
    assert op.split("a.b", [".", 0, "SimpleMatch"]) == ["a", "b"]
    assert op.split("a.b", [".", 0, "simplematch,ignorecase"]) == ["a", "b"]
    assert op.split("a,b,c", [",", 1]) == ["a,b,c"]
    assert op.split("abc", "") == ["", "a", "b", "c", ""]
    assert op.split(None, ",") == [""]
    assert op.split(12345, "3") == ["12", "45"]
    with pytest.raises(ParseException):
        op.split("a", [",", 0, "SimpleMatch,Multiline"])
    with pytest.raises(ParseException):
        op.split("a", [lambda c: False, 0, "SimpleMatch"])
    with pytest.raises(PSInvalidCastException):
        op.split("a", [",", 0, "Bogus"])


def test_split_predicate_negative_limit():
    assert op.split("a,b,c", [lambda c: c == ",", -2]) == ["a,b", "c"]
    assert op.split("a,b,c", [lambda c: c == ",", 2]) == ["a", "b,c"]


def test_unary_split_and_join():
    assert op.unary_split("  a  b \t c ") == ["a", "b", "c"]
    assert op.unary_split("") == [""]
    assert op.join([1, 2, 3], ",") == "1,2,3"
    assert op.join(5, ",") == "5"
    assert op.join([1, None, "x"], "-") == "1--x"
    assert op.unary_join(["a", "b"]) == "ab"
    assert op.join([1, [2, 3]], ",") == "1,System.Object[]"


# bitwise / logical / range -------------------------------------------------------------------

def test_bitwise():
    assert op.band(6, 3) == 2 and op.bor(6, 3) == 7 and op.bxor(6, 3) == 5
    assert op.bnot(5) == -6
    assert op.shl(1, 31) == -2147483648
    assert op.shl(1, 32) == 1
    assert op.shr(-8, 1) == -4
    assert op.bxor(5, "3") == 6
    r = op.bor(n.Int64(1), 2)
    assert r == 3 and type(r) is n.Int64
    assert op.band(0xFF, 2.5) == 2
    assert op.bnot(n.UInt32(0)) == 4294967295


def test_logical():
    assert op.logical_xor(1, 0) is True and op.logical_xor("a", "b") is False
    assert op.logical_and("a", [1]) is True
    assert op.logical_not([]) is True


def test_ranges():
    assert op.range_op(1, 5) == [1, 2, 3, 4, 5]
    assert op.range_op(5, 1) == [5, 4, 3, 2, 1]
    assert op.range_op(-1, 1) == [-1, 0, 1]
    assert op.range_op("a", "e") == ["a", "b", "c", "d", "e"]
    assert all(type(c) is n.Char for c in op.range_op("a", "c"))
    assert op.range_op("1", "3") == [1, 2, 3]
    assert op.range_op(1.5, 3) == [2, 3]
    assert list(op.range_iter(3, 1)) == [3, 2, 1]
    assert next(op.range_iter(1, 10 ** 9)) == 1


# -is / -as / dispatch ------------------------------------------------------------------------

def test_is_and_as():
    assert op.is_type(1, int) and not op.is_type(True, int) and not op.is_type(n.Int64(1), int)
    assert op.is_type("a", str) and not op.is_type(n.Char("a"), str)
    assert op.is_type(n.Char("a"), n.Char)
    assert op.is_type(1, object) and not op.is_type(None, object)
    assert op.is_type([1], list)
    assert op.is_type(1.5, float) and op.is_type(D(1), D)
    assert op.is_type(Hashtable(), Hashtable) and op.is_type(OrderedDictionary(), Hashtable)
    assert op.as_operator("12", int) == 12 and op.as_operator("x", int) is None
    with pytest.raises(RuntimeException):
        op.is_type(1, None)


def test_dispatch_tables():
    assert op.binary("-CEQ", "a", "A") is False
    assert op.binary("-like", "abc", "a*") is True
    assert op.binary("-cmatch", "abc", "B") == (False, None)
    assert op.binary_operator("-isplit")("aXb", "x") == ["a", "b"]
    assert op.unary_operator("-bnot")(0) == -1
    assert op.unary("-split", " a b ") == ["a", "b"]
    assert op.binary("..", 1, 3) == [1, 2, 3]
    assert op.binary("-f", "{0}-{1}", [1, 2]) == "1-2"
    with pytest.raises(RuntimeException):
        op.binary_operator("-bogus")


def test_format_operator_errors():
    with pytest.raises(RuntimeException) as e:
        op.format_operator("{1}", 1)
    assert e.value.Message == ("Error formatting a string: Index (zero based) must be greater "
                               "than or equal to zero and less than the size of the argument "
                               "list..")
    assert op.format_operator("{0}", None) == ""
    assert op.format_operator("{0}", [[1, 2]]) == "System.Object[]"
    assert op.format_operator("{0}", 1 / 3) == "0.333333333333333"


def test_datetime_kinds_are_ignored_like_dotnet():
    naive = datetime.datetime(2020, 1, 1, 12, 0)
    aware = datetime.datetime(2020, 1, 1, 11, 0, tzinfo=datetime.timezone.utc)
    assert op.sub(naive, aware) == datetime.timedelta(hours=1)
    assert op.gt(naive, aware) is True
    assert op.eq(naive.replace(hour=11), aware) is True


def test_runtime_errors_carry_error_ids():
    with pytest.raises(RuntimeException) as e:
        op.add(Hashtable(), 1)
    assert e.value.error_record.error_id == "AddHashTableToNonHashTable"
    with pytest.raises(RuntimeException) as e:
        op.div(1, 0)
    assert e.value.error_record is None  # the engine names it after the exception type
