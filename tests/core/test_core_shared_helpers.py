"""The helpers that now serve several modules each: one .NET regex translator and replacement
expander, one .NET date formatter, one -Path expansion with errors, one TryParse, one PipeBind."""
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from cmdlets.core import _dates, _filesystem
from spshell.runtime import dotnet_format, dotnet_regex
from spshell.runtime.dotnet.common import try_parse
from spshell.runtime.errors import FormatException

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- regex
def test_translator_handles_dotnet_only_syntax():
    rx = re.compile(dotnet_regex.translate_regex(r"(?<user>\w+)@(?'host'\w+)\k<user>\z"))
    m = rx.search("joe@hostjoe")
    assert m and m.group("user") == "joe" and m.group("host") == "host"
    # a numeric group name is legal in .NET, not in re
    rx = re.compile(dotnet_regex.translate_regex(r"(?<1>ab)\1"))
    assert rx.fullmatch("abab")
    assert [dotnet_regex.public_group_name(n) for n in rx.groupindex] == ["1"]
    # ExplicitCapture: plain parentheses do not capture
    assert re.compile(dotnet_regex.translate_regex("(a)(?<n>b)", True)).groups == 1


def test_net_group_numbers_put_unnamed_groups_first():
    rx = re.compile(dotnet_regex.translate_regex(r"(?<x>a)(b)(c)"))
    assert dotnet_regex.net_group_numbers(rx) == {0: 0, 1: 2, 2: 3, 3: 1}


def test_replacement_uses_dotnet_numbers():
    rx = re.compile(dotnet_regex.translate_regex(r"(?<x>a)(b)"))
    m = rx.search("ab")
    segs = dotnet_regex.parse_replacement("[$1|${x}|$2|$+|$$|$&|$9]")
    out = dotnet_regex.expand_replacement(segs, m, dotnet_regex.net_group_numbers(rx))
    assert out == "[b|a|a|a|$|ab|$9]"


def test_invalid_pattern_message_is_dotnet_shaped():
    with pytest.raises(re.error) as exc:
        re.compile("(")
    text = dotnet_regex.invalid_pattern_message("(", exc.value)
    assert text.startswith("Invalid pattern '(' at offset 1. ") and text.endswith(".")


def test_operator_and_regex_type_share_the_translator():
    from spshell.runtime import operators
    from spshell.runtime.dotnet import text
    assert operators.translate_regex is dotnet_regex.translate_regex
    assert text.compile_regex(r"\p{Lu}+").search("abCDe").group(0) == "CD"
    assert operators.compile_regex(r"\p{Lu}+").regex.search("abCDe").group(0) == "CD"


# ---------------------------------------------------------------- dates
def test_get_date_format_is_the_runtime_formatter():
    assert _dates.format_datetime is dotnet_format.format_datetime
    d = dt.datetime(2026, 11, 27, 23, 5, 7, 123000, tzinfo=dt.timezone.utc)
    assert _dates.format_datetime(d, "o") == "2026-11-27T23:05:07.1230000Z"
    with pytest.raises(FormatException):
        _dates.format_datetime(d, "ffffffff")


def test_uformat_zone_offset():
    tz = dt.timezone(dt.timedelta(hours=-7))
    assert _dates.format_uformat(dt.datetime(2026, 1, 2, tzinfo=tz), "%Z %d") == "-07 02"


# ---------------------------------------------------------------- paths
class _Recorder:
    def __init__(self, location):
        self.context = SimpleNamespace(location=location)
        self.errors = []

    def write_error(self, e):
        self.errors.append(e)


def test_expand_or_report(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    c = _Recorder(tmp_path)
    assert _filesystem.expand_or_report(c, "*.txt") == [tmp_path / "a.txt"]
    assert _filesystem.expand_or_report(c, "nope") is None
    assert "Cannot find path" in str(c.errors[-1]) and str(tmp_path / "nope") in str(c.errors[-1])
    assert _filesystem.expand_or_report(c, "nope", must_exist=False) == []
    assert len(c.errors) == 1
    assert _filesystem.shown_path(c.context, "b") == str(tmp_path / "b")


# ---------------------------------------------------------------- TryParse / PipeBind
def test_try_parse_sets_the_ref():
    ref = SimpleNamespace(Value=None)

    def bad():
        raise FormatException("no")
    assert try_parse(lambda: 5, ref, 0) is True and ref.Value == 5
    assert try_parse(bad, ref, 0) is False and ref.Value == 0


def test_one_pipebind_base():
    from cmdlets.sharepoint import model, resolve
    from cmdlets.sharepoint.om import objects
    inner = model.SPWebApplicationPipeBind("http://sp")
    site = objects.SPSitePipeBind(inner)
    assert isinstance(site, model.PipeBind) and site.Value == "http://sp"
    assert resolve.pipebind_value([site]) == "http://sp"


# ---------------------------------------------------------------- through the shell
def _run(command, cwd):
    env = dict(os.environ, PYTHONPATH=str(ROOT), SPSHELL_HOME=str(Path(cwd) / ".home"))
    p = subprocess.run([sys.executable, "-m", "spshell", "-NoProfile", "-NonInteractive",
                        "-Command", command], cwd=cwd, capture_output=True, text=True,
                       timeout=60, env=env)
    return p.stdout.splitlines(), p.stderr


def test_select_string_reads_dotnet_patterns(tmp_path):
    (tmp_path / "s.txt").write_text("id=42 x\nnone\n")
    out, err = _run("$r = Select-String -Path s.txt -Pattern 'id=(?<n>\\d+)'; "
                    "$r.Matches[0].Groups['n'].Value; $r.Pattern; "
                    "Copy-Item s.txt t.txt -Exclude 's*'; Test-Path t.txt", tmp_path)
    assert out == ["42", "id=(?<n>\\d+)", "False"], err
