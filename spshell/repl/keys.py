"""Key bindings: PSReadLine's Windows-mode completion keys on top of prompt_toolkit's Emacs keys.

- Enter: AcceptLine when the entry parses (or has a real syntax error, which is then reported);
  a newline and the `>> ` continuation prompt when the parser says more input is needed.
- Tab / Shift+Tab: TabCompleteNext / TabCompletePrevious, cycling candidates in place, no menu.
- Ctrl+Space: MenuComplete, a grid of candidates under the line; arrows move, Enter takes one.
- Escape: cancels a completion in progress (restoring the typed word), else RevertLine.
- Enter during Ctrl+R / Ctrl+S search runs the entry found.
- F8 / Shift+F8: HistorySearchBackward / Forward (entries starting with the text before the
  cursor). Up/Down, Ctrl+R / Ctrl+S (incremental search), Ctrl+C (cancel the line), Ctrl+D
  (exit on an empty line, else delete), Ctrl+L (clear screen) come from prompt_toolkit's Emacs
  bindings with the PSReadLine meaning.
"""
from __future__ import annotations

from prompt_toolkit.buffer import CompletionState
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit import search as pt_search
from prompt_toolkit.filters import Condition, has_completions, has_focus, is_searching
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.shortcuts import CompleteStyle


def _candidates(buffer, completer):
    document = buffer.document
    completions = list(completer.get_completions(document,
                                                 CompleteEvent(completion_requested=True)))
    if len(completions) == 1:
        c = completions[0]
        before = document.text_before_cursor
        if before[len(before) + c.start_position:] == c.text:
            return []
    return completions


def start_completion(buffer, completer, select="first"):
    """Computes candidates now (the completer is fast and pure) and starts cycling them. A
    single candidate is inserted outright and the completion ends, so the next Tab starts
    afresh from the new text (a directory's contents, say). -> number of candidates."""
    completions = _candidates(buffer, completer)
    if not completions:
        return 0
    if len(completions) == 1:
        buffer.apply_completion(completions[0])
        return 1
    buffer.complete_state = CompletionState(original_document=buffer.document,
                                            completions=completions)
    if select == "first":
        buffer.go_to_completion(0)
    elif select == "last":
        buffer.go_to_completion(len(completions) - 1)
    return len(completions)


def load_bindings(shell):
    """``shell`` gives: ``session`` (the PromptSession, whose complete_style switches between
    the in-place and menu styles), ``completer`` (a prompt_toolkit Completer) and
    ``is_incomplete(text)``."""
    kb = KeyBindings()
    default_focused = has_focus("DEFAULT_BUFFER")
    menu_shown = Condition(lambda: shell.session is not None and
                           shell.session.complete_style == CompleteStyle.MULTI_COLUMN)

    def set_style(style):
        if shell.session is not None:
            shell.session.complete_style = style

    # prompt_toolkit calls the last-added matching binding: the general one goes first
    @kb.add("enter", filter=default_focused, eager=True)
    def _accept(event):
        _accept_or_continue(event)

    @kb.add("enter", filter=default_focused & has_completions & menu_shown, eager=True)
    def _take_menu_item(event):
        b = event.current_buffer
        if b.complete_state.current_completion is not None:
            b.complete_state = None
            set_style(CompleteStyle.READLINE_LIKE)
        else:
            _accept_or_continue(event)

    def _accept_or_continue(event):
        b = event.current_buffer
        b.complete_state = None
        text = b.text
        if text.strip() and shell.is_incomplete(text):
            b.insert_text("\n")
            return
        b.validate_and_handle()

    @kb.add("enter", filter=is_searching, eager=True)
    def _accept_found_line(event):
        # PSReadLine: Enter during Ctrl+R search runs the line found, not just takes it
        pt_search.accept_search()
        _accept_or_continue(event)

    @kb.add("tab", filter=default_focused)
    def _tab_next(event):
        b = event.current_buffer
        if b.complete_state:
            b.complete_next()
            return
        set_style(CompleteStyle.READLINE_LIKE)
        start_completion(b, shell.completer, "first")

    @kb.add("s-tab", filter=default_focused)
    def _tab_previous(event):
        b = event.current_buffer
        if b.complete_state:
            b.complete_previous()
            return
        set_style(CompleteStyle.READLINE_LIKE)
        start_completion(b, shell.completer, "last")

    @kb.add("c-space", filter=default_focused)
    def _menu_complete(event):
        b = event.current_buffer
        if b.complete_state:
            set_style(CompleteStyle.MULTI_COLUMN)
            b.complete_next()
            return
        set_style(CompleteStyle.MULTI_COLUMN)
        start_completion(b, shell.completer, "first")

    @kb.add("escape", filter=default_focused & has_completions)
    def _cancel_completion(event):
        event.current_buffer.cancel_completion()
        set_style(CompleteStyle.READLINE_LIKE)

    @kb.add("escape", filter=default_focused & ~has_completions)
    def _revert_line(event):
        event.current_buffer.reset()

    def _prefix_search(event, backward):
        session = shell.session
        b = event.current_buffer
        previous = session.enable_history_search
        session.enable_history_search = True
        try:
            if backward:
                b.history_backward(count=event.arg)
            else:
                b.history_forward(count=event.arg)
        finally:
            session.enable_history_search = previous

    @kb.add("f8", filter=default_focused)
    def _history_search_backward(event):
        _prefix_search(event, True)

    @kb.add("f20", filter=default_focused)  # Shift+F8 arrives as F20 (xterm)
    def _history_search_forward(event):
        _prefix_search(event, False)

    @kb.add("c-l")
    def _clear_screen(event):
        event.app.renderer.clear()

    return kb
