"""The interactive shell. Imported only when a prompt is needed."""
from __future__ import annotations


def run_repl(opts):
    from spshell.repl.app import run
    return run(opts)
