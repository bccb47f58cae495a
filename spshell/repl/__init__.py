"""The interactive shell. Imported only when a prompt is needed.

Nothing here imports prompt_toolkit at module level: `spshell.repl.completion_providers` (the
hook modules use to offer argument values to Tab) is importable from any run mode.

Layout: app.py (the loop, engine loading, Ctrl+C), session.py (the PromptSession), keys.py (key
bindings), completer.py (pure Tab completion), completion_providers.py (value hooks), lexer.py
(colouring from spshell's parser), history.py (PSReadLine-style history file), host.py (Read-Host
and friends through prompt_toolkit, progress bars, Clear-Host).
"""
from __future__ import annotations


def run_repl(opts):
    from spshell.repl.app import run
    return run(opts)
