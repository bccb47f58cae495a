"""Colouring spans (no event loop) and the PSReadLine-format history file."""
import pytest

from spshell.repl import history as H
from spshell.repl.lexer import analyse, fragments_by_line, has_real_error


def kinds(text):
    spans, _ = analyse(text)
    return [(text[s:e], k) for s, e, k in spans]


def test_command_mode_words_are_coloured_by_role():
    got = kinds("Get-ChildItem -Path $HOME | Where-Object { $_.Length -gt 10 } # big")
    assert ("Get-ChildItem", "command") in got
    assert ("-Path", "parameter") in got
    assert ("$HOME", "variable") in got
    assert ("Where-Object", "command") in got
    assert ("Length", "member") in got
    assert ("-gt", "operator") in got
    assert ("10", "number") in got
    assert ("# big", "comment") in got


def test_incomplete_input_is_coloured_not_flagged():
    text = 'foreach ($i in 1..3) {"x$i"'
    spans, error = analyse(text)
    assert error is False
    got = [(text[s:e], k) for s, e, k in spans]
    assert ("foreach", "keyword") in got and ('"x$i"', "string") in got
    assert all(k != "error" for _, k in got)
    for t in ('Get-Item -Path "abc', "Get-Process |", "$x = @(1,", "Get-Item `"):
        assert analyse(t)[1] is False, t
        assert all(k != "error" for _, _, k in analyse(t)[0]), t


def test_real_syntax_error_marks_the_failing_token_and_keeps_colours_after_it():
    # (an unclosed `{` would be reported at the brace, as Parser.cs does, not at the `)`)
    text = "Write-Output 1 ) Get-Item"
    spans, error = analyse(text)
    assert error is True
    got = [(text[s:e], k) for s, e, k in spans]
    assert (")", "error") in got
    assert got[-1][1] != "error"
    assert has_real_error(text) and not has_real_error("Get-Item {")


def test_fragments_split_per_line_with_style_classes():
    lines = fragments_by_line('foreach ($i in 1..2) {\n  "x"\n}')
    assert len(lines) == 3
    assert lines[0][0] == ("class:ps.keyword", "foreach")
    assert ("class:ps.string", '"x"') in lines[1]
    assert "".join(t for _, t in lines[2]) == "}"


def test_lexer_adapter_returns_plain_text_until_the_engine_is_ready():
    pytest.importorskip("prompt_toolkit")
    from prompt_toolkit.document import Document
    from spshell.repl.lexer import make_lexer
    ready = {"v": False}
    lexer = make_lexer(lambda: ready["v"])
    doc = Document("Get-Item -Path x")
    assert lexer.lex_document(doc)(0) == [("", "Get-Item -Path x")]
    ready["v"] = True
    assert lexer.lex_document(doc)(0)[0] == ("class:ps.command", "Get-Item")


# ------------------------------------------------------------------------------- history

@pytest.mark.parametrize("line", [
    "$cred = Get-Credential; $cred.Password",
    "ConvertTo-SecureString 'x' -AsPlainText -Force",
    "$env:GITHUB_TOKEN = 'abc'", "Set-Config -ApiKey 1", "Get-Secret db",
])
def test_sensitive_lines(line):
    assert H.is_sensitive(line)


def test_ordinary_lines_are_not_sensitive():
    assert not H.is_sensitive("Get-SPFarm | Format-List")


def test_file_format_multiline_entries_and_sensitive_skip(tmp_path):
    path = H.history_path(tmp_path)
    assert path == tmp_path / "PSReadLine" / "ConsoleHost_history.txt"
    assert H.append_entry(path, "Get-SPFarm")
    assert H.append_entry(path, "foreach ($i in 1..2) {\n  $i\n}")
    assert not H.append_entry(path, "Read-Host -AsSecureString | ConvertFrom-SecureString "
                                    "-AsPlainText")
    assert not H.append_entry(path, "   ")
    raw = path.read_text()
    assert raw == "Get-SPFarm\nforeach ($i in 1..2) {`\n  $i`\n}\n"
    assert "AsPlainText" not in raw
    assert H.read_entries(path) == ["Get-SPFarm", "foreach ($i in 1..2) {\n  $i\n}"]
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_file_is_trimmed_to_maximum_history_count(tmp_path, monkeypatch):
    path = H.history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("".join(f"Write-Output {i:06d} padding-padding-padding\n"
                            for i in range(5000)))
    H.append_entry(path, "Write-Output last")
    entries = H.read_entries(path, limit=None)
    assert len(entries) == H.MAXIMUM_HISTORY_COUNT
    assert entries[-1] == "Write-Output last"
    assert entries[0].startswith("Write-Output 000905")


def test_prompt_toolkit_history_dedupes_and_skips_secrets(tmp_path):
    pytest.importorskip("prompt_toolkit")
    import asyncio
    path = H.history_path(tmp_path)
    for line in ("a", "b", "a"):
        H.append_entry(path, line)
    hist = H.make_history(path)

    async def load():
        return [s async for s in hist.load()]

    assert asyncio.run(load()) == ["a", "b"]
    hist.append_string("b")
    hist.append_string("$password = 1")
    assert hist.get_strings()[-2:] == ["b", "$password = 1"]
    assert hist.get_strings().count("b") == 1
    assert "$password" not in path.read_text()


def test_prompt_text_end_turns_red_on_a_syntax_error():
    pytest.importorskip("prompt_toolkit")
    from prompt_toolkit.formatted_text import to_formatted_text
    from spshell.repl.session import prompt_formatted
    frags = to_formatted_text(prompt_formatted("PS /srv> ", error=True))
    assert frags[-1] == ("class:prompt.error", "> ")
    assert "".join(t for _, t in frags) == "PS /srv> "
    plain = to_formatted_text(prompt_formatted("PS /srv> ", error=False))
    assert all("prompt.error" not in s for s, _ in plain)
    assert "".join(t for _, t in plain) == "PS /srv> "
    # a prompt function's own colours (ANSI) are kept
    coloured = to_formatted_text(prompt_formatted("\x1b[32mgreen\x1b[0m> "))
    assert "".join(t for _, t in coloured) == "green> "
