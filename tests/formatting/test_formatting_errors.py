"""Error views: NormalView (5.1 look), CategoryView, ConciseView, parse errors, positions."""
from types import SimpleNamespace

from spshell.formatting import (format_error, format_parse_errors, host_message,
                                position_message, render, warning_line)
from spshell.formatting.text import wrap
from spshell.language.ast import Extent, Source
from spshell.runtime.errors import (CommandNotFoundException, ErrorDetails, ErrorRecord,
                                    InvocationInfo, ItemNotFoundException, RuntimeException,
                                    WriteErrorException)

NOT_RECOGNIZED = ("The term 'nonsenseString' is not recognized as the name of a cmdlet, function, "
                  "script file, or operable program. Check the spelling of the name, or if a "
                  "path was included, verify that the path is correct and try again.")


def _extent(text, start, end, file=None):
    return Extent(Source(text, file), start, end)


def _throw_record(text, start, end, message, file=None):
    inv = InvocationInfo(None, _extent(text, start, end, file))
    rec = ErrorRecord(RuntimeException(message), message, "OperationStopped", message, inv)
    rec.from_throw = True
    return rec


def test_normalview_write_error_from_interactive_line():
    line = "Write-Error -Message 'Test Error' ; Write-Host 'Hello World'"
    inv = InvocationInfo("Write-Error", _extent(line, 0, 33))
    inv.command_type = "Script"
    inv.script_text = line
    rec = ErrorRecord(WriteErrorException("Test Error"),
                      "Microsoft.PowerShell.Commands.WriteErrorException", "NotSpecified",
                      None, inv)
    assert format_error(rec) == (
        "Write-Error -Message 'Test Error' ; Write-Host 'Hello World' : Test Error\n"
        "At line:1 char:1\n"
        "+ Write-Error -Message 'Test Error' ; Write-Host 'Hello World'\n"
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException\n"
        "    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException")


def test_normalview_command_not_found():
    inv = InvocationInfo(None, _extent("nonsenseString", 0, 14),
                         invocation_name="nonsenseString")
    rec = ErrorRecord(CommandNotFoundException(NOT_RECOGNIZED), "CommandNotFoundException",
                      "ObjectNotFound", "nonsenseString", inv)
    assert format_error(rec) == (
        "nonsenseString : " + NOT_RECOGNIZED + "\n"
        "At line:1 char:1\n"
        "+ nonsenseString\n"
        "+ ~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (nonsenseString:String) [], "
        "CommandNotFoundException\n"
        "    + FullyQualifiedErrorId : CommandNotFoundException")


def test_normalview_throw_has_no_prefix():
    text = 'throw "This is an error."'
    rec = _throw_record(text, 0, len(text), "This is an error.")
    assert format_error(rec) == (
        "This is an error.\n"
        "At line:1 char:1\n"
        '+ throw "This is an error."\n'
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : OperationStopped: (This is an error.:String) [], "
        "RuntimeException\n"
        "    + FullyQualifiedErrorId : This is an error.")


def test_normalview_cmdlet_prefix_and_details_message():
    inv = InvocationInfo("Get-SPWeb", _extent("Get-SPWeb http://x", 0, 18))
    rec = ErrorRecord(RuntimeException("inner"), "X", "InvalidData", None, inv)
    rec.ErrorDetails = ErrorDetails("Cannot find an SPWeb object.")
    assert format_error(rec).split("\n")[0] == "Get-SPWeb : Cannot find an SPWeb object."


def test_normalview_seven_style_without_indent():
    text = 'throw "x"'
    rec = _throw_record(text, 0, len(text), "x")
    assert "\n+ CategoryInfo          : " in format_error(rec, indent_category=False)


def test_categoryview():
    inv = InvocationInfo("Get-ChildItem", _extent("Get-ChildItem C:\\nofile.txt", 0, 27))
    rec = ErrorRecord(ItemNotFoundException("Cannot find path."), "PathNotFound",
                      "ObjectNotFound", "C:\\nofile.txt", inv)
    assert format_error(rec, "CategoryView") == \
        "ObjectNotFound: (C:\\nofile.txt:String) [Get-ChildItem], ItemNotFoundException"


def test_conciseview_single_line():
    inv = InvocationInfo("Write-Error", _extent("Write-Error 'Test Error'", 0, 24))
    rec = ErrorRecord(WriteErrorException("Test Error"), "X", "NotSpecified", None, inv)
    assert format_error(rec, "ConciseView", interactive_single_line=True) == \
        "Write-Error: Test Error"
    text = 'throw "This is an error."'
    assert format_error(_throw_record(text, 0, len(text), "This is an error."),
                        "ConciseView") == "Exception: This is an error."


def test_conciseview_script_block():
    text = "\n\nthrow \"boom\""
    rec = _throw_record(text, 2, len(text), "boom", file="C:\\temp\\test.ps1")
    assert format_error(rec, "ConciseView") == (
        "Exception: C:\\temp\\test.ps1:3\n"
        "Line |\n"
        "   3 |  throw \"boom\"\n"
        "     |  ~~~~~~~~~~~~\n"
        "     | boom")


def test_conciseview_multiline_interactive_has_no_file_header():
    text = "1\n  nonsenseString"
    inv = InvocationInfo(None, _extent(text, 4, 18), invocation_name="nonsenseString")
    rec = ErrorRecord(CommandNotFoundException("The term 'nonsenseString' is not "
                                               "recognized."), "CommandNotFoundException",
                      "ObjectNotFound", "nonsenseString", inv)
    assert format_error(rec, "ConciseView") == (
        "nonsenseString: \n"
        "Line |\n"
        "   2 |    nonsenseString\n"
        "     |    ~~~~~~~~~~~~~~\n"
        "     | The term 'nonsenseString' is not recognized.")


def test_conciseview_wraps_message_to_width():
    text = "throw 'x'"
    msg = "word " * 30
    rec = _throw_record(text, 0, len(text), msg.strip(), file="/s.ps1")
    lines = format_error(rec, "ConciseView", width=40).split("\n")
    body = lines[4:]
    assert all(len(l) <= 40 for l in body)
    assert all(l.startswith("     | ") for l in body)
    assert " ".join(l[7:] for l in body).split() == msg.split()


def test_conciseview_recommendation():
    text = "throw 'x'"
    rec = _throw_record(text, 0, len(text), "x")
    rec.ErrorDetails = ErrorDetails("x", "Try again.")
    assert format_error(rec, "ConciseView") == "Exception: x\n  Recommendation: Try again."


def test_position_message_basic_and_file():
    assert position_message(_extent("$a = 1 +", 7, 8)) == \
        "At line:1 char:8\n+ $a = 1 +\n+        ~"
    assert position_message(_extent("x\ny", 2, 3, file="/tmp/a.ps1")) == \
        "At /tmp/a.ps1:2 char:1\n+ y\n+ ~"


def test_position_message_long_line_is_cut():
    line = "Write-Host " + "a" * 80 + " -Bogus " + "b" * 40
    start = line.index("-Bogus")
    pm = position_message(_extent(line, start, start + 6))
    src, squiggle = pm.split("\n")[1:]
    assert src.startswith("+ \u2026 ") and src.endswith(" \u2026")
    body = src[4:-2]
    assert len(body) == 69 and "-Bogus" in body
    assert squiggle.index("~") == src.index("-Bogus")
    assert squiggle.count("~") == 6


def test_position_message_multiline_extent_underlines_to_end_of_line():
    pm = position_message(_extent("if ($x) {\n}", 8, 11))
    assert pm == "At line:1 char:9\n+ if ($x) {\n+         ~"


def test_parse_errors_51_layout():
    src = Source("2.GetType().Name")
    err = SimpleNamespace(extent=Extent(src, 10, 11), error_id="ExpectedExpression",
                          message="An expression was expected after '('.")
    pe = SimpleNamespace(errors=[err])
    expected = ("At line:1 char:11\n"
                "+ 2.GetType().Name\n"
                "+           ~\n"
                "An expression was expected after '('.\n"
                "    + CategoryInfo          : ParserError: (:) [], "
                "ParentContainsErrorRecordException\n"
                "    + FullyQualifiedErrorId : ExpectedExpression")
    assert format_parse_errors(pe) == expected
    assert format_error(pe) == expected
    assert format_error(pe, "ConciseView") == (
        "ParserError: \n"
        "Line |\n"
        "   1 |  2.GetType().Name\n"
        "     |            ~\n"
        "     | An expression was expected after '('.")


def test_parse_errors_several_separated_by_blank_line():
    src = Source("a (\nb )", "/x.ps1")
    e1 = SimpleNamespace(extent=Extent(src, 2, 3), error_id="First", message="one")
    e2 = SimpleNamespace(extent=Extent(src, 6, 7), error_id="Second", message="two")
    text = format_parse_errors(SimpleNamespace(errors=[e1, e2]))
    assert text == ("At /x.ps1:1 char:3\n+ a (\n+   ~\none\n\n"
                    "At /x.ps1:2 char:3\n+ b )\n+   ~\ntwo\n"
                    "    + CategoryInfo          : ParserError: (:) [], ParseException\n"
                    "    + FullyQualifiedErrorId : First")


def test_real_parser_error_if_available():
    try:
        from spshell.language.parser import ParseError, parse
    except ImportError:
        return
    try:
        parse("2.GetType().Name")
    except ParseError as e:
        assert format_parse_errors(e).startswith("At line:1 char:11\n+ 2.GetType().Name\n")


def test_error_record_in_success_stream_prints_as_error():
    text = 'throw "x"'
    rec = _throw_record(text, 0, len(text), "x")
    out = render(["before", rec, "after"])
    assert out.startswith("before\nx\nAt line:1 char:1\n")
    assert out.endswith("FullyQualifiedErrorId : x\nafter\n")


def test_host_message_prefixes_and_wrap():
    assert warning_line("careful") == "WARNING: careful"
    assert host_message("verbose", "v") == "VERBOSE: v"
    assert host_message("debug", "d") == "DEBUG: d"
    assert host_message("warning", "aa bbb ccc", width=12) == "WARNING: aa\nbbb ccc"
    assert wrap("one two three", 8, indent="  ") == ["one two", "  three"]


def test_colour_only_when_asked():
    text = 'throw "x"'
    rec = _throw_record(text, 0, len(text), "x")
    assert "\x1b[" not in format_error(rec)
    assert format_error(rec, colour=True).startswith("\x1b[31;1m")


def test_conciseview_notspecified_category_falls_back_to_exception_type():
    inv = InvocationInfo(None, _extent("1/0", 0, 3))
    rec = ErrorRecord(RuntimeException("Attempted to divide by zero."), "RuntimeException",
                      "NotSpecified", None, inv)
    assert format_error(rec, "ConciseView") == \
        "RuntimeException: Attempted to divide by zero."


def test_format_error_accepts_a_bare_exception():
    from spshell.runtime.errors import ArgumentException
    assert format_error(ArgumentException("bad")) == (
        "bad\n    + CategoryInfo          : NotSpecified: (:) [], ArgumentException\n"
        "    + FullyQualifiedErrorId : ArgumentException")


def test_detailedview_lists_nested_members():
    text = 'throw "boom"'
    rec = _throw_record(text, 0, len(text), "boom")
    out = format_error(rec, "DetailedView")
    lines = out.split("\n")
    assert lines[0] == ""
    assert lines[1] == "Exception             : "
    assert "    Type        : System.Management.Automation.RuntimeException" in lines
    assert "    Message     : boom" in lines
    assert "CategoryInfo          : OperationStopped: (boom:String) [], RuntimeException" in lines
    i = lines.index("InvocationInfo        : ")
    assert any(l.startswith("    PositionMessage  : At line:1 char:1") for l in lines[i:])
    assert "                       + throw \"boom\"" in lines
