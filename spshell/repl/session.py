"""Assembling the prompt_toolkit PromptSession (lexer, completer, history, keys, style)."""
from __future__ import annotations

import os

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.formatted_text import ANSI, FormattedText
from prompt_toolkit.layout.processors import BeforeInput
from prompt_toolkit.output import ColorDepth
from prompt_toolkit.shortcuts import CompleteStyle
from prompt_toolkit.styles import Style

from spshell.repl import completer as pure
from spshell.repl.lexer import STYLE

CONTINUATION_PROMPT = ">> "


class SpShellCompleter(Completer):
    """prompt_toolkit adapter over the pure completer; ``view()`` returns the engine view (it
    waits for the engine if it is still loading)."""

    def __init__(self, view):
        self._view = view

    def get_completions(self, document, complete_event):
        view = self._view()
        if view is None:
            return
        result = pure.complete(document.text, document.cursor_position, view)
        offset = result.start - document.cursor_position
        for c in result.candidates:
            yield Completion(c.text, start_position=offset, display=c.display,
                             display_meta=c.meta)


def colour_enabled():
    return not (os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb")


def build_style():
    rules = {k: v for k, v in STYLE.items() if v}
    rules.update({
        "search-toolbar.prompt": "",
        "completion-menu.completion.current": "reverse",
    })
    return Style.from_dict(rules)


def _psreadline_search_prompts(session):
    """PSReadLine labels incremental search `bck-i-search: ` / `fwd-i-search: `, prefixed with
    `failed-` while the text typed matches no history entry."""
    from prompt_toolkit.buffer import SearchDirection
    from prompt_toolkit.layout.controls import SearchBufferControl

    def walk(container, seen):
        if id(container) in seen:
            return
        seen.add(id(container))
        content = getattr(container, "content", None)
        if isinstance(content, SearchBufferControl):
            yield content
        for child in container.get_children():
            yield from walk(child, seen)

    for control in walk(session.layout.container, set()):
        for proc in control.input_processors or []:
            if isinstance(proc, BeforeInput):
                def label(control=control):
                    state = control.searcher_search_state
                    text = "bck-i-search: " if state.direction == SearchDirection.BACKWARD \
                        else "fwd-i-search: "
                    return ("failed-" + text) if _search_failed(control) else text
                proc.text = label


def _search_failed(control):
    from prompt_toolkit.application import get_app
    query = control.buffer.text
    if not query:
        return False
    try:
        target = get_app().layout.search_target_buffer_control
        if target is None:
            return False
        from prompt_toolkit.search import SearchState
        state = control.searcher_search_state
        # the preview is computed from the search buffer's text, as BufferControl does
        doc = target.buffer.document_for_search(
            SearchState(query, state.direction, state.ignore_case))
        return query.lower() not in doc.text.lower()
    except Exception:  # noqa: BLE001 - only a label
        return False


def build_session(shell, history, input=None, output=None):
    """The PromptSession the REPL reads entries with. ``shell`` supplies ``view()``,
    ``is_incomplete(text)``, ``engine_ready()`` and ``prompt_fragments()``."""
    from spshell.repl.keys import load_bindings
    from spshell.repl.lexer import make_lexer

    colour = colour_enabled()
    shell.completer = SpShellCompleter(shell.view)
    shell.session = None
    kwargs = {}
    if not colour:
        kwargs["color_depth"] = ColorDepth.DEPTH_1_BIT
    session = PromptSession(
        message=shell.prompt_fragments,
        multiline=True,
        # `>> ` begins each continuation line; a long line that merely wraps gets nothing
        prompt_continuation=lambda width, line_number, wrap_count:
            "" if wrap_count else CONTINUATION_PROMPT,
        lexer=make_lexer(shell.engine_ready) if colour else None,
        completer=shell.completer,
        complete_while_typing=False,
        complete_style=CompleteStyle.READLINE_LIKE,
        history=history,
        enable_history_search=False,
        search_ignore_case=True,
        key_bindings=load_bindings(shell),
        style=build_style(),
        include_default_pygments_style=False,
        enable_open_in_editor=False,
        # room for the MenuComplete grid; only taken while the menu style is active and a
        # completion is in progress (never while typing or Tab-cycling)
        reserve_space_for_menu=8,
        input=input,
        output=output,
        **kwargs,
    )
    shell.session = session
    # Escape is also the Meta prefix (Alt+B, Alt+F...): decide sooner that it came alone, so
    # RevertLine and cancelling a completion feel immediate
    session.app.timeoutlen = 0.5
    try:
        _psreadline_search_prompts(session)
    except Exception:  # noqa: BLE001 - only a label
        pass
    return session


def prompt_formatted(text, error=False, colour=True):
    """The prompt string as formatted text: ANSI escapes a prompt function wrote are kept; on a
    syntax error PSReadLine's PromptText (`> `) at its end turns red."""
    if error and colour and text.endswith("> "):
        return FormattedText(list(ANSI(text[:-2]).__pt_formatted_text__())
                             + [("class:prompt.error", "> ")])
    return ANSI(text)
