"""Interactive loop: read an entry (continuing on `>> ` while the parse is incomplete), run it,
print its output."""
from __future__ import annotations

import os
import sys


def prompt_text(session):
    from spshell.runtime.frame import Frame
    ctx = session.ctx
    fn = ctx.global_scope.lookup_function("prompt")
    if fn is not None:
        try:
            out = ctx.invoke_scriptblock(fn.script_block, scope=ctx.global_scope)
            from spshell.runtime.conversion import to_string
            return "".join(to_string(o) for o in out)
        except Exception:  # noqa: BLE001 - a broken prompt function falls back, as pwsh does
            return "PS> "
    return f"PS {ctx.location}> "


def read_entry(session, reader):
    from spshell.language.parser import ParseError, parse
    lines = []
    while True:
        text = reader(prompt_text(session) if not lines else ">> ")
        if text is None:
            return None if not lines else "\n".join(lines)
        lines.append(text)
        entry = "\n".join(lines)
        try:
            parse(entry)
        except ParseError as err:
            if getattr(err, "incomplete", False) and text.strip() != "":
                continue
        return entry


def run(opts):
    from spshell.cli import make_session, run_profile
    from spshell import __version__
    session = make_session(opts, interactive=True)
    host = session.host
    if not opts.get("nologo"):
        host.write_line(f"spshell {__version__} (PowerShell 7.4 language, SharePoint Server 2019 "
                        "outgoing-mail toolkit)")
    if not opts["noprofile"]:
        run_profile(session)

    def reader(prompt):
        host.write(prompt)
        host.flush()
        line = sys.stdin.readline()
        if not line:
            return None
        return line.rstrip("\r\n")

    while True:
        try:
            entry = read_entry(session, reader)
        except KeyboardInterrupt:
            host.write_line("")
            continue
        if entry is None:
            return 0
        if not entry.strip():
            continue
        session.ctx.history.append(entry)
        code = session.run_text(entry)
        if code is not None:
            return code
