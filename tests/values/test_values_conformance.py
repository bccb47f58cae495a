"""Value-level expectations taken from the conformance corpus (arith_*, num_*, cmp_*, split_*,
join_*, fmt_*, regex_*, logic_*, null_*, bool_*, str_*, type_*), expressed on the runtime's
operator and conversion functions."""
import decimal

from spshell.runtime import numbers as n
from spshell.runtime import operators as op
from spshell.runtime.conversion import convert_to, to_bool, to_string
from spshell.runtime.objects import Hashtable, PSCustomObject

D = decimal.Decimal


def out(v):
    """What the console prints for one output object (enumerated, one line each)."""
    if isinstance(v, list):
        return [to_string(x) for x in v]
    return [to_string(v)]


# arith_* -----------------------------------------------------------------------------------

def test_arith_lhs_type_wins():
    assert op.add("file", 3) == "file3"
    assert op.add(6, "3") == 9
    c = convert_to(27, str)
    assert op.add(c, 3) == "273"


def test_arith_precedence_values():
    assert op.add(3, op.mul(op.div(6, 3), 4)) == 11
    assert op.add(3, op.div(6, op.mul(3, 4))) == 3.5
    assert op.mul(op.div(op.add(3, 6), 3), 4) == 12


def test_arith_string_coercion():
    assert op.sub("10", "2") == 8
    assert op.div("10", "2") == 5 and type(op.div("10", "2")) is int
    assert op.add("10", "2") == "102"
    assert op.mul("10", "2") == "1010"
    assert op.sub(10, " 9 ") == 1
    assert op.sub(False, True) == -1


def test_arith_typed_variable_conversion():
    words = convert_to(2, str)
    words = op.add(words, 10)
    assert words == "210"


# num_* -------------------------------------------------------------------------------------

def test_num_bankers_rounding():
    assert convert_to(21.5, n.Byte) == 22
    assert convert_to(22.5, n.Byte) == 22
    assert convert_to(op.div(5, 2), int) == 2
    assert convert_to(op.div(7, 2), int) == 4


def test_num_decimal_suffix_precision():
    r = op.add(n.Int64(2 ** 63 - 1), n.parse_number("1D"))
    assert isinstance(r, D)
    assert to_string(r) == "9223372036854775808"


def test_num_hex_literals():
    assert [n.parse_number(s) for s in ("0x12", "0xFF", "0x7fffffff", "0xFFFFFFFF")] == \
        [18, 255, 2147483647, -1]


def test_num_int_division():
    r = op.div(1, 2)
    assert r == 0.5 and type(r) is float


def test_num_int_plus_double():
    r = op.add(2, 3.1)
    assert to_string(r) == "5.1" and type(r) is float


def test_num_literal_table():
    assert n.parse_number("0x1e2") == 482
    v = n.parse_number("0x1e2D")
    assert v == 7725 and type(v) is int
    assert to_string(n.parse_number("1.e2")) == "100"
    v = n.parse_number("482gb")
    assert v == 517543559168 and type(v) is n.Int64
    assert n.parse_number("-0xFFFFFFFF") == 1
    v = n.parse_number("0xFFFFFFFFu")
    assert v == 4294967295 and type(v) is n.UInt32
    v = n.parse_number("0xFFFFs")
    assert v == -1 and type(v) is n.Int16


def test_num_maxvalue_plus_one():
    r = op.add(2147483647, 1)
    assert r == 2147483648 and type(r) is float
    assert to_string(r) == "2147483648"


def test_num_overflow_to_double():
    mb512 = n.parse_number("512MB")
    assert type(mb512) is int
    assert type(op.mul(mb512, mb512)) is float


def test_num_suffix_rounding():
    assert [to_string(n.parse_number(s)) for s in ("2.5l", "3.72y", "-3.72s")] == ["2", "4", "-4"]


def test_num_type_suffixes():
    assert type(n.parse_number("10l")) is n.Int64
    assert isinstance(n.parse_number("1.5d"), D)
    assert to_string(n.parse_number("1.5d")) == "1.5"
    assert to_string(n.parse_number("-100d")) == "-100"


# cmp_* -------------------------------------------------------------------------------------

def test_cmp_case_variants():
    assert op.binary("-ieq", "aaa", "AAA") is True
    assert op.binary("-eq", "aaa", "AAA") is True
    assert op.binary("-ne", "aaa", "AAA") is False
    assert op.binary("-cne", "aaa", "AAA") is True
    assert op.binary("-clt", "aaa", "AAA") is True
    assert op.binary("-cgt", "AAA", "aaa") is True


def test_cmp_collection_relational():
    a = [5, 6, 7, 8, 9]
    assert op.gt(a, 7) == [8, 9]
    assert op.ge(a, 7) == [7, 8, 9]
    assert op.lt(a, 7) == [5, 6]
    assert op.le(a, 7) == [5, 6, 7]


def test_cmp_contains_and_in():
    assert op.contains(["abc", "def"], "def") is True
    assert op.not_contains(["abc", "def"], "def") is False
    assert op.contains(["Windows", "PowerShell"], "Shell") is False
    assert op.not_contains(["Windows", "PowerShell"], "Shell") is True
    assert op.contains(["abc", "def", "ghi"], ["abc", "def"]) is False
    assert op.not_contains(["abc", "def", "ghi"], ["abc", "def"]) is True
    assert op.in_("def", ["abc", "def"]) is True
    assert op.not_in("def", ["abc", "def"]) is False
    assert op.in_("Shell", ["Windows", "PowerShell"]) is False
    assert op.in_(["abc", "def"], ["abc", "def", "ghi"]) is False
    assert op.not_in(["abc", "def"], ["abc", "def", "ghi"]) is True
    servers = ['ContosoDC1', 'ContosoDC2', 'ContosoFileServer']
    assert op.contains(servers, "ContosoDC2") and op.in_("ContosoDC2", servers)


def test_cmp_equality_scalar():
    assert op.eq(2, 2) is True and op.eq(2, 3) is False
    assert op.eq("abc", "abc") is True
    assert op.eq("abc", ["abc", "def"]) is False
    assert op.ne("abc", "def") is True and op.ne("abc", "abc") is False
    assert op.ne("abc", ["abc", "def"]) is True


def test_cmp_is_isnot():
    assert op.is_type(1, int) is True
    assert op.is_type(1, str) is False
    assert op.is_not_type("1", int) is True
    assert op.is_not_type(1, str) is True
    assert op.is_type(True, int) is False
    assert op.is_type(n.Int64(1), int) is False


def test_cmp_is_pscustomobject():
    o = PSCustomObject({"foo": 1})
    assert op.is_type(o, PSCustomObject) is True
    assert op.is_type(o, str) is False
    assert op.is_type("hello", PSCustomObject) is False


def test_cmp_like_wildcards():
    assert op.like("PowerShell", "*shell") is True
    assert op.not_like("PowerShell", "*shell") is False
    assert op.like("PowerShell", "Power?hell") is True
    assert op.like("PowerShell", "Power[p-w]hell") is True
    assert op.not_like("PowerShell", "Power[p-w]hell") is False
    assert op.like(["PowerShell", "Server"], "*shell") == ["PowerShell"]
    assert op.not_like(["PowerShell", "Server"], "*shell") == ["Server"]


def test_cmp_match_named_captures():
    ok, m = op.match('The last logged on user was CONTOSO\\jsmith',
                     'was (?<domain>.+)\\\\(?<user>.+)')
    assert ok is True
    assert m["domain"] == "CONTOSO" and m["user"] == "jsmith"
    assert m["DOMAIN"] == "CONTOSO"


def test_cmp_match_vs_like():
    assert op.match("PowerShell", "shell")[0] is True
    assert op.like("PowerShell", "shell") is False
    assert op.match("PowerShell", r"^Power\w+")[0] is True
    assert op.not_match("bag", "b[iou]g")[0] is True


def test_cmp_null_placement():
    a = [1, 2, None, 4, None, 6]
    assert op.ne(None, a) is True
    assert op.ne(a, None) == [1, 2, 4, 6]


def test_cmp_relational():
    assert op.gt(8, 6) and op.ge(8, 8) and op.lt(6, 8) and op.le(8, 8)


def test_cmp_replace_dollar_escapes():
    assert op.replace("5.72", ["(.+)", "$ $1"]) == "$ 5.72"
    assert op.replace("5.72", ["(.+)", "$$$1"]) == "$5.72"
    assert op.replace("5.72", ["(.+)", "$$1"]) == "$1"


def test_cmp_replace_quote_kind():
    assert op.replace("Hello World", [r"(\w+) \w+", "Goodbye Universe"]) == "Goodbye Universe"
    assert op.replace("Hello World", [r"(\w+) \w+", "$1 Universe"]) == "Hello Universe"


def test_cmp_rhs_converted_to_lhs_type():
    assert op.eq(1, "1.0") is True
    assert op.eq("1.0", 1) is False
    assert op.eq(10, " 10") is True
    assert op.eq(10, "0xa") is True


def test_cmp_string_ordering_case():
    import datetime
    assert op.lt(convert_to("2001-11-12", datetime.datetime),
                 convert_to("2020-08-01", datetime.datetime)) is True
    assert op.lt("a", "z") is True
    assert op.binary("-ilt", "macOS", "MacOS") is False
    assert op.binary("-ilt", "MacOS", "macOS") is False
    assert op.binary("-clt", "macOS", "MacOS") is True


# split_* / join_* --------------------------------------------------------------------------

PLANETS = "Mercury,Venus,Earth,Mars,Jupiter,Saturn,Uranus,Neptune"


def test_split_char_class_with_max():
    assert op.split(PLANETS, ["[er]", 6]) == [
        "M", "", "cu", "y,V", "nus,", "arth,Mars,Jupiter,Saturn,Uranus,Neptune"]


def test_split_multiline_option():
    a = "1The first line.\n2The second line.\n3The third of three lines."
    assert op.split(a, [r"^\d", 0, "Multiline"]) == [
        "", "The first line.\n", "The second line.\n", "The third of three lines."]


def test_split_multiple_inputs():
    assert op.split("a,b,c,d,e,f,g,h", [",", 3]) == ["a", "b", "c,d,e,f,g,h"]
    assert op.split("a,b,c,d,e,f,g,h", [",", -3]) == ["a,b,c,d,e,f", "g", "h"]
    assert op.split(["a,b,c,d", "e,f,g,h"], [",", 3]) == ["a", "b", "c,d", "e", "f", "g,h"]


def test_split_negative_max():
    assert op.split(PLANETS, [",", -5]) == [
        "Mercury,Venus,Earth,Mars", "Jupiter", "Saturn", "Uranus", "Neptune"]


def test_split_scriptblock_delimiter():
    r = op.split(PLANETS, lambda ch: op.eq(ch, "e") or op.eq(ch, "p"))
    assert r == ["M", "rcury,V", "nus,", "arth,Mars,Ju", "it", "r,Saturn,Uranus,N", "", "tun",
                 ""]


def test_split_simplematch_option():
    assert op.split("This.is.a.test", r"\.") == ["This", "is", "a", "test"]
    assert op.split("This.is.a.test", [".", 0, "SimpleMatch"]) == ["This", "is", "a", "test"]


def test_join_unary_split():
    assert op.join(op.unary_split("a\nb\nc"), " ") == "a b c"


# fmt_* -------------------------------------------------------------------------------------

def test_fmt_operator_array_rhs():
    ht = Hashtable({"a": 1, "b": 2})
    assert op.format_operator("[{0}, {1}] [{2}, {3}]", ["a", ht["a"], "b", ht["b"]]) == \
        "[a, 1] [b, 2]"


def test_fmt_operator_brace_escape():
    assert op.format_operator("{0} vs. {{0}}", "foo") == "foo vs. {0}"


def test_fmt_operator_zero_padding():
    assert op.format_operator("{0:00} {1:000} {2:000000}", [7, 24, 365]) == "07 024 000365"


# regex_* -----------------------------------------------------------------------------------

def test_regex_match_numbered_groups():
    ok, m = op.match('The last logged on user was CONTOSO\\jsmith', '(.+was )(.+)')
    assert ok
    assert m[0] == "The last logged on user was CONTOSO\\jsmith"
    assert m[1] == "The last logged on user was "
    assert m[2] == "CONTOSO\\jsmith"


def test_regex_replace_backreferences():
    assert op.replace("John D. Smith", [r"(\w+) (\w+)\. (\w+)", "$1.$2.$3@contoso.com"]) == \
        "John.D.Smith@contoso.com"
    assert op.replace("CONTOSO\\Administrator", [r"\w+\\(?<user>\w+)", "FABRIKAM\\${user}"]) \
        == "FABRIKAM\\Administrator"
    assert op.replace("Gobble", ["Gobble", "$& $&"]) == "Gobble Gobble"


# logic_* / null_* / bool_* -----------------------------------------------------------------

def test_logic_numeric_operands():
    assert op.logical_and(1, 0) is False
    assert op.logical_or(0, 1) is True
    assert op.logical_or(0, 0) is False
    assert op.logical_not(0) is True
    assert op.logical_not(1) is False


def test_null_arithmetic():
    assert op.mul(None, 5) is None
    assert op.eq(None, op.mul(None, 5)) is True
    assert op.mul(5, None) == 0
    assert op.eq(None, op.mul(5, None)) is False


def test_null_in_expandable_string():
    assert "'The value is " + to_string(None) + "'" == "'The value is '"


def test_null_typed_defaults():
    assert convert_to(None, int) == 0
    assert convert_to(None, bool) is False
    assert op.eq(convert_to(None, str), "") is True


def test_bool_if_conditions():
    assert to_bool("A") is True
    assert to_bool(" ") is True
    assert to_bool(0) is False


# str_* / type_* ----------------------------------------------------------------------------

def test_str_array_in_string():
    assert "Hello " + to_string(["a", "b"]) == "Hello a b"


def test_str_concat_and_multiply_assign():
    assert op.add("Windows", " PowerShell") == "Windows PowerShell"
    assert op.mul("file", 4) == "filefilefilefile"


def test_str_ofs_array_to_string():
    assert convert_to([1, 2, 3, 4], str) == "1 2 3 4"
    assert to_string([1, 2, 3, 4], "+") == "1+2+3+4"


def test_str_hashtable_in_string():
    assert to_string(Hashtable({"key": "value"})) == "System.Collections.Hashtable"
