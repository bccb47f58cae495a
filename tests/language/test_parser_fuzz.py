"""Property tests: whatever the text, the parser either returns a tree or raises ParseError
(never another exception), and the highlighter and is_incomplete never raise."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spshell.language import is_incomplete, parse, tokenize_for_highlight
from spshell.language.parser import ParseError

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


def _corpus():
    texts = []
    for sub in ("conformance", "realworld-scripts", "docs-examples"):
        d = REFERENCE / sub
        if d.is_dir():
            for f in sorted(d.glob("*.ps1")):
                texts.append(f.read_text(encoding="utf-8-sig", errors="replace"))
    return texts or ["Get-Item -Path x | % { $_.Name }"]


CORPUS = _corpus()

# characters that matter to the PowerShell lexer, so random text hits the interesting paths
ALPHABET = st.sampled_from(list(
    "abcXYZ019_$@#-+*/%=!?:;,.()[]{}<>|&`'\"\n\r\t \xa0\u2013\u2018\u201c\ufeff"
) + ["<#", "#>", "@\"\n", "\n\"@", "@'\n", "\n'@", "$(", "${", "-eq", "--%", "2>&1",
     "0x", "1kb", "if", "else", "function", "param", "switch", "foreach", "try", "catch",
     "::", "..", "?.", "??", "&&", "||", "`u{", "[int]", "-f"])


def _check(text):
    try:
        parse(text)
    except ParseError as e:
        assert e.errors and e.errors[0].message
        assert e.error_id != "InternalParserError", e.errors[0].message
        assert isinstance(e.incomplete, bool)
        ext = e.errors[0].extent
        body = text[1:] if text.startswith("\ufeff") else text
        assert 0 <= ext.start <= ext.end <= len(body)
        assert ext.source.text == body
    spans = tokenize_for_highlight(text)
    assert all(s <= e for s, e, _ in spans)
    assert isinstance(is_incomplete(text), bool)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_random_token_soup_only_raises_parse_error(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CORPUS), st.integers(min_value=0), st.integers(min_value=0, max_value=40),
       st.text(max_size=8))
def test_mutated_corpus_only_raises_parse_error(base, pos, cut, insert):
    pos = pos % (len(base) + 1)
    _check(base[:pos] + insert + base[pos + cut:])


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(CORPUS), st.integers(min_value=1))
def test_every_prefix_of_corpus_text_is_ok_or_parse_error(base, cut):
    _check(base[: cut % (len(base) + 1)])


@pytest.mark.parametrize("depth", [1000])
@pytest.mark.parametrize("template", [
    "({0}1{1})", "{{{0}{1}}}", "$({0}1{1})", "@({0}1{1})", "if ($x) {{{0}{1}}}",
    "\"$({0}x{1})\"", "[int]{0}1{1}",
])
def test_deep_nesting_parses_or_reports_parse_error(template, depth):
    openers = {"({0}1{1})": ("(", ")"), "{{{0}{1}}}": ("{", "}"), "$({0}1{1})": ("$(", ")"),
               "@({0}1{1})": ("@(", ")"), "if ($x) {{{0}{1}}}": ("if ($x) {", "}"),
               "\"$({0}x{1})\"": ("\"$(", ")\""), "[int]{0}1{1}": ("[int]", "")}
    o, c = openers[template]
    text = o * depth + "1" + c * depth
    try:
        parse(text)
    except ParseError as e:
        assert e.error_id == "ScriptTooComplicated"


def test_absurd_nesting_is_a_parse_error_not_a_crash():
    with pytest.raises(ParseError) as info:
        parse("(" * 50000 + "1" + ")" * 50000)
    assert info.value.error_id == "ScriptTooComplicated"
    assert info.value.errors[0].message == \
        "Processing was stopped because the script is too complex."
