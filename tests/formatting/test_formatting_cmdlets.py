"""Format-Table/List/Wide and Out-* run through the engine (skipped if the engine is absent)."""
import io

import pytest

session_mod = pytest.importorskip("spshell.runtime.session")

from spshell.cmdlet import Module  # noqa: E402
from spshell.host import ConsoleHost  # noqa: E402

import cmdlets.core.formatting_cmdlets as fc  # noqa: E402

OBJS = ("$o = [pscustomobject]@{Name='SP-APP1'; Role='Application'; Id=3}, "
        "[pscustomobject]@{Name='SP-WFE1'; Role='WebFrontEnd'; Id=12}\n")


class Shell:
    def __init__(self, tmp_path):
        self.out, self.err = io.StringIO(), io.StringIO()
        self.host = ConsoleHost(interactive=False, stdout=self.out, stderr=self.err)
        self.session = session_mod.Session(self.host)
        self.session.ctx.set_location(tmp_path) if hasattr(self.session.ctx, "set_location") \
            else None
        self.session.ctx.modules.register(Module("FormattingUnderTest",
                                                 commands=dict(fc.COMMANDS),
                                                 aliases=dict(fc.ALIASES)))

    def run(self, text):
        self.out.seek(0)
        self.out.truncate()
        self.err.seek(0)
        self.err.truncate()
        self.session.run_text(text)
        return self.out.getvalue()


@pytest.fixture
def sh(tmp_path):
    return Shell(tmp_path)


def test_format_table_calculated_property_and_autosize(sh):
    text = sh.run(OBJS + "$o | Format-Table Name, @{L='Ident'; E={$_.Id * 2}; A='Left'} "
                         "-AutoSize")
    assert text == ("\nName    Ident\n----    -----\nSP-APP1 6\nSP-WFE1 24\n\n")


def test_format_table_width_and_format_string(sh):
    # a declared first width turns off sizing from the data: the other column takes the rest
    text = sh.run(OBJS + "$o | Format-Table @{N='Name'; E='Name'; Width=5}, "
                         "@{N='Half'; E={$_.Id / 2}; FormatString='N2'; Alignment='right'} "
                         "| Out-String -Width 20")
    assert text == ("\nName" + " " * 12 + "Half\n----" + " " * 12 + "----\n"
                    "SP-A\u2026" + " " * 11 + "1.50\nSP-W\u2026" + " " * 11 + "6.00\n\n\n")


def test_format_table_wildcards_and_exclude(sh):
    text = sh.run(OBJS + "$o | Format-Table *e* -ExcludeProperty Role")
    assert text == "\nName\n----\nSP-APP1\nSP-WFE1\n\n"


def test_format_table_hide_headers(sh):
    text = sh.run(OBJS + "$o | Format-Table -HideTableHeaders")
    assert text == "\nSP-APP1 Application  3\nSP-WFE1 WebFrontEnd 12\n\n"


def test_format_table_group_by(sh):
    text = sh.run(OBJS + "$o | Format-Table Name -GroupBy Role")
    assert text == ("\n   Role: Application\n\nName\n----\nSP-APP1\n\n"
                    "   Role: WebFrontEnd\n\nName\n----\nSP-WFE1\n\n")


def test_format_table_scalars_stay_text_unless_force(sh):
    assert sh.run("'abc' | Format-Table") == "abc\n"
    assert sh.run("'abc' | Format-Table Length -Force") == "\nLength\n------\n     3\n\n"


def test_format_table_bad_key_is_terminating_error(sh):
    text = sh.run(OBJS + "$o | Format-Table @{Foo=1}\n'after'")
    assert text == "after\n"
    assert "The Foo key is not valid." in sh.err.getvalue()
    assert "DictionaryKeyIllegal" in sh.err.getvalue()


def test_format_list_star_and_calculated(sh):
    text = sh.run(OBJS + "$o[0] | Format-List *, @{N='Twice'; E={$_.Id * 2}}")
    assert text == ("\nName  : SP-APP1\nRole  : Application\nId    : 3\nTwice : 6\n\n")


def test_format_list_selected_properties(sh):
    text = sh.run(OBJS + "$o | fl Name")
    assert text == "\nName : SP-APP1\n\nName : SP-WFE1\n\n"


def test_format_wide_columns(sh):
    text = sh.run(OBJS + "$o | Format-Wide Name -Column 2 | Out-String -Width 20")
    assert text == "\nSP-APP1    SP-WFE1\n\n\n"


def test_format_output_is_relaid_for_out_string_width(sh):
    script = (OBJS + "$f = $o | Format-Table\n"
              "($f | Out-String -Width 14).TrimEnd()\n")
    text = sh.run(script)
    # Id no longer fits and is dropped; Role is narrowed
    assert text == ("\nName    Role\n----    ----  \nSP-APP1 Appli\u2026\n"
                    "SP-WFE1 WebFr\u2026\n")


def test_out_string_plain_and_stream(sh):
    assert sh.run("'a','b' | Out-String") == "a\nb\n\n"
    assert sh.run("$x = [pscustomobject]@{a=1} | Out-String -Stream; $x.Count; $x[1]") == \
        "5\na\n"
    assert sh.run("1,2 | Out-String -NoNewline") == "12\n"


def test_out_null_discards(sh):
    assert sh.run("1,2,3 | Out-Null; 'x'") == "x\n"


def test_out_file_write_append_encoding_noclobber(sh, tmp_path):
    target = tmp_path / "o.txt"
    p = str(target).replace("'", "''")
    sh.run(OBJS + f"$o | Out-File '{p}'")
    assert target.read_bytes() == (b"\nName    Role        Id\n----    ----        --\n"
                                   b"SP-APP1 Application  3\nSP-WFE1 WebFrontEnd 12\n\n")
    sh.run(f"'more' | Out-File -FilePath '{p}' -Append")
    assert target.read_text().endswith("\n\nmore\n")
    sh.run(f"'x' | Out-File '{p}' -NoClobber")
    assert "already exists" in sh.err.getvalue()
    assert target.read_text().endswith("more\n")
    sh.run(f"'h\u00e9' | Out-File '{p}' -Encoding unicode")
    assert target.read_bytes() == b"\xff\xfe" + "h\u00e9\n".encode("utf-16-le")
    sh.run(f"'a','b' | Out-File '{p}' -NoNewline")
    assert target.read_bytes() == b"ab"


def test_out_file_missing_directory_is_error(sh, tmp_path):
    p = str(tmp_path / "nope" / "x.txt").replace("'", "''")
    sh.run(f"'x' | Out-File '{p}'")
    assert "Could not find a part of the path" in sh.err.getvalue()


def test_out_file_width(sh, tmp_path):
    target = tmp_path / "w.txt"
    p = str(target).replace("'", "''")
    sh.run(f"[pscustomobject]@{{Text='{'y' * 50}'}} | Out-File '{p}' -Width 20")
    assert target.read_text().split("\n")[3] == "y" * 19 + "\u2026"


def test_out_host_and_out_default_print(sh):
    assert sh.run("[pscustomobject]@{a=1} | Out-Host; 'next'") == "\na\n-\n1\n\nnext\n"
    assert sh.run("'x' | Out-Default") == "x\n"


def test_help_is_present_for_every_cmdlet():
    for cls in fc.COMMANDS.values():
        assert cls.help.synopsis and cls.help.description and cls.help.examples


def test_format_custom_tree(sh):
    text = sh.run("[pscustomobject]@{a=1; b=@(1,2); c=[pscustomobject]@{d=2}} | Format-Custom")
    assert text == ("\nclass PSCustomObject\n{\n  a = 1\n  b = \n    [\n      1\n      2\n"
                    "    ]\n    \n  c = \n    class PSCustomObject\n    {\n      d = 2\n"
                    "    }\n}\n\n\n")


def test_format_custom_depth_limits_nesting(sh):
    text = sh.run("[pscustomobject]@{c=[pscustomobject]@{d=2}} | Format-Custom -Depth 1 c")
    assert "  c = \n    class PSCustomObject\n    {\n      d = 2\n" in text


def test_format_expand_modes(sh):
    assert sh.run(",(1,2) | Format-List -Expand EnumOnly") == "1\n2\n"
    core = sh.run(",(1,2) | Format-List -Expand CoreOnly")
    assert "Count " in core and "Length " in core
    both = sh.run(",(1,2) | Format-List -Expand Both")
    assert both.startswith("The following object supports IEnumerable:\n\n")
    assert both.endswith("The IEnumerable contains the following 2 objects:\n1\n2\n")
