"""Exact-text tests of Out-Default's layouts (tables, lists, scalars, views)."""
import datetime
import decimal
import uuid
from pathlib import Path

import pytest

from spshell.formatting import OutputFormatter, render, render_stream
from spshell.formatting.outputter import LineOutput
from spshell.formatting.packets import FormatEntryData
from spshell.formatting.table import compute_widths, fit_field
from spshell.formatting.text import generate_lines
from spshell.runtime.numbers import Single
from spshell.runtime.objects import Hashtable, OrderedDictionary, PSCustomObject

CONFORMANCE = Path("/work/shared/reference/conformance")


def P(**kw):
    return PSCustomObject(kw)


def P_ordered(pairs):
    return PSCustomObject(dict(pairs))


# ------------------------------------------------------------------ conformance corpus cases
def _expected(name):
    path = CONFORMANCE / f"{name}.out"
    if not path.exists():
        pytest.skip("conformance corpus not available")
    return path.read_text(encoding="utf-8")


def test_five_properties_is_list():
    assert render([P(A=1, B=2, C=3, D=4, E=5)]) == _expected("format_five_properties_is_list")


def test_nested_object_in_table():
    obj = P(name="USA", children=P(name="Southwest"))
    assert render([obj]) == _expected("format_nested_object_in_table")


def test_numeric_column_right_aligned():
    assert render([P(foo=1)]) == _expected("format_pscustomobject_table_numeric")


def test_ordered_dictionary_display():
    d = OrderedDictionary()
    d[1] = "one"
    d[2] = "two"
    d["three"] = 3
    assert render([d]) == _expected("hash_ordered_display")


def test_list_numbers_keep_full_precision():
    obj = P_ordered([("double", 1234.56789), ("float", Single(9876.543)),
                     ("decimal", decimal.Decimal("4567.123456789"))])
    from spshell.formatting.formatter import Formatter
    from spshell.formatting.outputter import LineOutput
    lines = []
    out = LineOutput(lines.append, 120)
    f = Formatter("list")
    for p in f.process(obj) + f.end():
        out.add(p)
    out.flush()
    assert "".join(l + "\n" for l in lines) == _expected("format_list_numbers")


# ------------------------------------------------------------------ scalars
def test_scalars_one_per_line_without_blank_lines():
    assert render([1, "two", 2.5, True, None, decimal.Decimal("1.10")]) == \
        "1\ntwo\n2.5\nTrue\n1.10\n"


def test_double_uses_15_significant_digits():
    assert render([1 / 3]) == "0.333333333333333\n"


def test_multiline_string_prints_as_is():
    assert render(["a\nb", "c"]) == "a\nb\nc\n"


def test_array_written_as_one_object_prints_each_element():
    assert render([[1, 2, [3, 4]]]) == "1\n2\n3\n4\n"


def test_empty_hashtable_prints_nothing():
    assert render([Hashtable()]) == ""


# ------------------------------------------------------------------ tables
def test_table_header_dashes_match_labels_and_strings_left():
    objs = [P(Name="SP-APP1", Status="Online", Id=3),
            P(Name="SP-WFE-LONGNAME", Status="Offline", Id=12)]
    assert render(objs) == (
        "\n"
        "Name            Status  Id\n"
        "----            ------  --\n"
        "SP-APP1         Online   3\n"
        "SP-WFE-LONGNAME Offline 12\n"
        "\n")


def test_first_object_decides_columns():
    objs = [P(a=1), P(a=2, b=3), P(b=4)]
    assert render(objs) == "\na\n-\n1\n2\n \n\n"


def test_scalar_inside_table_prints_out_of_band():
    assert render([P(a=1), "hello", P(a=22)]) == "\n a\n -\n 1\nhello\n22\n\n"


def test_long_cell_is_cut_with_ellipsis_to_width():
    objs = [P(Name="x", Description="y" * 50)]
    text = render(objs, width=30)
    lines = text.split("\n")
    assert lines[1] == "Name Description"
    assert lines[3] == "x    " + "y" * 24 + "\u2026"
    assert all(len(l) <= 30 for l in lines)


def test_rows_after_300ms_are_cut_to_first_rows_widths():
    clock = [0.0]
    lines = []
    fmt = OutputFormatter(lines.append, 120, clock=lambda: clock[0])
    fmt.write(P(Name="ab"))
    clock[0] = 1.0
    # the object whose arrival ends the 300 ms window still counts (OutputGroupQueue.Add)
    fmt.write(P(Name="abcde"))
    assert lines == ["", "Name", "----", "ab", "abcde"]
    clock[0] = 1.1
    fmt.write(P(Name="abcdefgh"))
    fmt.close()
    assert lines == ["", "Name", "----", "ab", "abcde", "abcd\u2026", ""]


def test_rows_within_300ms_all_size_the_columns():
    clock = [0.0]
    lines = []
    fmt = OutputFormatter(lines.append, 120, clock=lambda: clock[0])
    fmt.write(P(Name="ab"))
    clock[0] = 0.1
    fmt.write(P(Name="abcdefgh"))
    fmt.close()
    assert lines == ["", "Name", "----", "ab", "abcdefgh", ""]


def test_collection_cell_respects_enumeration_limit():
    assert render([P(a=[1, 2, 3, 4, 5])]) == "\na\n-\n{1, 2, 3, 4\u2026}\n\n"
    assert render([P(a=[1, 2, 3, 4])]) == "\na\n-\n{1, 2, 3, 4}\n\n"
    assert render([P(a=[1, 2, 3, 4, 5, 6])], enumeration_limit=-1) == \
        "\na\n-\n{1, 2, 3, 4, 5, 6}\n\n"
    assert render([P(a=[None, "x"])]) == "\na\n-\n{$null, x}\n\n"


def test_table_doubles_use_fixed_two_decimals():
    assert render([P(x=1234.56789, n=2)]) == "\n      x n\n      - -\n1234.57 2\n\n"


def test_bool_column_right_aligned():
    assert render([P(Enabled=True)]) == "\nEnabled\n-------\n   True\n\n"


def test_datetime_cell_uses_en_us_general_format():
    d = datetime.datetime(2023, 1, 10, 15, 4, 5)
    assert render([P(When=d)]) == \
        "\nWhen\n----\n1/10/2023 3:04:05 PM\n\n"


def test_hashtable_table_name_column_is_30_wide_and_cuts():
    h = Hashtable()
    h["k" * 40] = "v"
    text = render([h])
    assert text.split("\n")[3] == "k" * 29 + "\u2026 v"


def test_hashtable_in_cell_shows_entries():
    # PowerShell 7 (about_Hash_Tables): Hash2    {[a, 1], [b, 2], [c, 3]}
    h = Hashtable()
    h["x"] = 1
    h["y"] = 2
    assert render([P(h=h)]) == "\nh\n-\n{[x, 1], [y, 2]}\n\n"


# ------------------------------------------------------------------ lists
def test_list_labels_padded_and_multiline_values_indented():
    obj = P_ordered([("A", 1), ("Long", "line1\nline2"), ("C", None), ("D", 4), ("E", 5)])
    assert render([obj]) == (
        "\n"
        "A    : 1\n"
        "Long : line1\n"
        "       line2\n"
        "C    : \n"
        "D    : 4\n"
        "E    : 5\n"
        "\n")


def test_list_entries_separated_by_one_blank_line():
    a = P(A=1, B=2, C=3, D=4, E=5)
    b = P(A=6, B=7, C=8, D=9, E=10)
    assert render([a, b]) == (
        "\nA : 1\nB : 2\nC : 3\nD : 4\nE : 5\n\n"
        "A : 6\nB : 7\nC : 8\nD : 9\nE : 10\n\n")


def test_list_wraps_long_values_at_words():
    obj = P(A="alpha beta gamma", B=2, C=3, D=4, E=5)
    lines = render([obj], width=14).split("\n")
    assert lines[1:3] == ["A : alpha ", "    beta gamma"]


# ------------------------------------------------------------------ views
class _Server:
    __ps_type__ = "Test.SPServer"
    __ps_view__ = "table"
    __ps_table_columns__ = [("Name", "Name"), ("Role", "Role", 12), ("Id", lambda o: o.Id, None,
                                                                      "right")]

    def __init__(self, name, role, id_):
        self.Name, self.Role, self.Id = name, role, id_


class _Other:
    __ps_type__ = "Test.Other"

    def __init__(self):
        self.Alpha = 1
        self.Beta = "b"


def test_declared_table_view_with_widths_and_callable():
    # the first column has no width, so every column is sized from the data (PowerShell only
    # honours declared widths when the first column declares one)
    text = render([_Server("SP1", "Application", 1), _Server("SP-LONG", "WebFrontEnd", 10)])
    assert text == (
        "\n"
        "Name    Role        Id\n"
        "----    ----        --\n"
        "SP1     Application  1\n"
        "SP-LONG WebFrontEnd 10\n"
        "\n")


class _Fixed:
    __ps_type__ = "Test.Fixed"
    __ps_table_columns__ = [("Name", "Name", 8), ("State", "State", 6, "right"), ("Note", "Note")]

    def __init__(self, name, state, note):
        self.Name, self.State, self.Note = name, state, note


def test_declared_widths_when_first_column_has_one():
    text = render([_Fixed("a", "On", "x" * 40)], width=30)
    assert text == (
        "\n"
        "Name      State Note\n"
        "----      ----- ----\n"
        "a            On " + "x" * 13 + "\u2026\n"
        "\n")


def test_object_of_another_type_in_declared_view_is_listed_out_of_band():
    text = render([_Server("SP1", "Application", 1), _Other()])
    assert text == (
        "\n"
        "Name Role        Id\n"
        "---- ----        --\n"
        "SP1  Application  1\n"
        "\n"
        "Alpha : 1\n"
        "Beta  : b\n"
        "\n"
        "\n")


class _Listed:
    __ps_type__ = "Test.Listed"
    __ps_view__ = "list"
    __ps_list_properties__ = ["Name", ("Upper", lambda o: o.Name.upper())]

    def __init__(self, n):
        self.Name = n


def test_declared_list_view():
    assert render([_Listed("a")]) == "\nName  : a\nUpper : A\n\n"


class _Defaults:
    __ps_type__ = "Test.Defaults"
    __ps_default_display__ = ("B", "A")

    def __init__(self):
        self.A, self.B, self.C, self.D, self.E = 1, 2, 3, 4, 5


def test_default_display_set_picks_table_and_columns():
    assert render([_Defaults()]) == "\nB A\n- -\n2 1\n\n"


def test_datetime_view():
    d = datetime.datetime(2023, 1, 10, 15, 4, 5)
    assert render([d]) == "\nTuesday, January 10, 2023 3:04:05 PM\n\n"


def test_guid_view():
    g = uuid.UUID("6f0e8b34-0000-4000-8000-000000000001")
    assert render([g]) == "\nGuid\n----\n6f0e8b34-0000-4000-8000-000000000001\n\n"


def test_timespan_view_is_list():
    text = render([datetime.timedelta(minutes=90)])
    assert text.startswith("\nDays              : 0\nHours             : 1\nMinutes           : 30\n")


# ------------------------------------------------------------------ misc
def test_render_stream_lines():
    assert render_stream([P(a=1)]) == ["", "a", "-", "1", ""]


def test_column_width_manager_spreads_and_trims():
    assert compute_widths([0, 0], 10) == [5, 4]
    assert compute_widths([30, 0], 40) == [30, 9]
    assert compute_widths([10, 10, 10], 25) == [10, 10, 3]
    assert compute_widths([10, 10, 10], 21) == [10, 10, -1]


def test_fit_field_alignments():
    assert fit_field("abc", 5, "left", True) == "abc  "
    assert fit_field("abc", 5, "left", False) == "abc"
    assert fit_field("abc", 5, "right", False) == "  abc"
    assert fit_field("abcdef", 4, "left", True) == "abc\u2026"
    assert fit_field("abcdef", 4, "right", True) == "\u2026def"
    assert fit_field("a\nb", 5, "left", False) == "a\u2026"


def test_wide_characters_count_two_cells():
    text = render([P(n="\u65e5\u672c"), P(n="ab")])
    assert text == "\nn\n-\n\u65e5\u672c\nab\n\n"


def test_generate_lines_word_wrap():
    assert generate_lines("aaa bbb ccc", 7) == ["aaa ", "bbb ccc"]
    assert generate_lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_out_of_sequence_format_entry_raises():
    from spshell.runtime.errors import InvalidOperationException
    out = LineOutput(lambda s: None, 80)
    with pytest.raises(InvalidOperationException):
        out.add(FormatEntryData("row", values=["x"]))


def test_format_packets_end_the_current_block_and_pass_through():
    from spshell.formatting.formatter import Formatter
    f = Formatter("list")
    packets = f.process(P(x=1)) + f.end()
    text = render([P(a=1)] + packets + [P(a=2)])
    assert text == "\na\n-\n1\n\n\nx : 1\n\n\na\n-\n2\n\n"


def test_warning_record_in_output_prints_with_prefix():
    class WarningRecord:
        __ps_type__ = "System.Management.Automation.WarningRecord"

        def __init__(self, m):
            self.Message = m
    assert render([WarningRecord("careful")]) == "WARNING: careful\n"


def test_colour_styles_table_header_only_when_enabled():
    plain = render([P(a=1)])
    coloured = render([P(a=1)], colour=True)
    assert "\x1b" not in plain
    assert "\x1b[32;1ma\x1b[0m" in coloured


def test_output_formatter_reads_session_preferences():
    class Ctx:
        vars = {"FormatEnumerationLimit": 2, "ErrorView": "CategoryView"}

        def get_variable(self, name, default=None):
            return self.vars.get(name, default)

    from spshell.language.ast import Extent, Source
    from spshell.runtime.errors import ErrorRecord, InvocationInfo, RuntimeException
    rec = ErrorRecord(RuntimeException("x"), "x", "OperationStopped", "x",
                      InvocationInfo(None, Extent(Source("throw 'x'"), 0, 9)))
    lines = []
    fmt = OutputFormatter(lines.append, 80, context=Ctx())
    fmt.write(rec)
    fmt.write(P(a=[1, 2, 3]))
    fmt.close()
    assert lines == ["OperationStopped: (x:String) [], RuntimeException", "", "a", "-",
                     "{1, 2\u2026}", ""]


class _File:
    __ps_type__ = "Test.File"
    __ps_table_columns__ = [("Name", "Name")]
    __ps_group_by__ = "Dir"
    __ps_group_header__ = staticmethod(lambda d: f"    Directory: {d}")

    def __init__(self, d, n):
        self.Dir, self.Name = d, n


class _Job:
    __ps_type__ = "Test.Job"
    __ps_table_columns__ = [("Name", "Name")]
    __ps_group_by__ = "State"
    __ps_group_label__ = "Status"

    def __init__(self, s, n):
        self.State, self.Name = s, n


def test_view_grouping_with_custom_header():
    text = render([_File("/a", "x"), _File("/a", "y"), _File("/b", "z")])
    assert text == ("\n    Directory: /a\n\nName\n----\nx\ny\n\n"
                    "    Directory: /b\n\nName\n----\nz\n\n")


def test_view_grouping_with_label():
    text = render([_Job("Online", "a")])
    assert text == "\n   Status: Online\n\nName\n----\na\n\n"
