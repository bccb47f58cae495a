"""The interactive loop: banner, profile, prompt, run, repeat.

On a terminal the prompt is prompt_toolkit's (spshell.repl.session). To show it as early as
possible the engine is built in a background thread while the first prompt is drawn (the
interpreter, the parser and the module manifests cost about as much as prompt_toolkit itself);
anything that needs it (Enter, Tab, colouring) waits for it or does without until it is there.
With a profile script the engine is loaded first, because the profile may define `prompt`.

When stdin or stdout is not a terminal, or the terminal is dumb, the loop reads entries line by
line from stdin (entries continue over lines while the parse is incomplete), which is what
tests and provisioning pipelines drive.
"""
from __future__ import annotations

import importlib
import io
import os
import signal
import sys
import threading
import time

BANNER = "spshell {version} (PowerShell 7.4 language, SharePoint Server 2019 outgoing-mail toolkit)"


# --------------------------------------------------------------------------- helpers

def home_dir():
    """The spshell home, decided as ExecutionContext.default_home decides it (repeated here so
    the history file can be opened before the engine has loaded)."""
    env = os.environ.get("SPSHELL_HOME")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local",
                                                           "share")
    return os.path.join(base, "spshell")


def profile_guess():
    """$PROFILE as ExecutionContext.profile_path computes it (checked again once loaded)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "spshell", "Microsoft.PowerShell_profile.ps1")


def default_prompt(location):
    return f"PS {location}> "


def evaluate_prompt(session):
    """The user's `prompt` function's output (host output it writes is part of the prompt),
    else `PS <location>> `. A failing or empty prompt function gives `PS> `, as pwsh does."""
    ctx = session.ctx
    fn = ctx.global_scope.lookup_function("prompt")
    if fn is None:
        return default_prompt(ctx.location)
    from spshell.runtime.conversion import to_string
    host = session.host
    captured = io.StringIO()
    saved_out, saved_at = host.stdout, host.at_line_start
    saved_transcripts = host.transcripts
    host.stdout = captured
    host.transcripts = []
    try:
        out = ctx.invoke_scriptblock(fn.script_block, scope=ctx.global_scope)
        text = captured.getvalue() + "".join(to_string(o) for o in out)
    except KeyboardInterrupt:
        raise
    except BaseException:  # noqa: BLE001 - a broken prompt function falls back, as pwsh does
        text = ""
    finally:
        host.stdout = saved_out
        host.at_line_start = saved_at
        host.transcripts = saved_transcripts
    return text if text else "PS> "


def dot_source_profile(session, path):
    """pwsh dot-sources $PROFILE into the global scope, so its functions (a `prompt`), aliases
    and variables stay defined for the session."""
    quoted = "'" + str(path).replace("'", "''") + "'"
    return session.run_text(". " + quoted)


def add_history_entry(ctx, line, start, status):
    """Adds a finished entry to the session history (Get-History). As in pwsh an entry is added
    once it has run, so `Get-History` does not list itself."""
    import datetime
    try:
        from cmdlets.core.host_cmdlets import HistoryInfo
    except ImportError:
        ctx.history.append(line)
        return None
    hist = ctx.history
    ids = [e.Id if not isinstance(e, str) else i + 1 for i, e in enumerate(hist)]
    next_id = max(ids) + 1 if ids else 1
    # ids keep growing after Clear-History, as pwsh's do
    next_id = max(next_id, getattr(ctx, "_repl_last_history_id", 0) + 1)
    ctx._repl_last_history_id = next_id
    entry = HistoryInfo(next_id, line, status=status, start=start,
                        end=datetime.datetime.now())
    hist.append(entry)
    limit = _maximum_history_count(ctx)
    if len(hist) > limit:
        del hist[:len(hist) - limit]
    return entry


def _maximum_history_count(ctx):
    """$MaximumHistoryCount (default 4096, as in pwsh)."""
    value = ctx.global_scope.vars.get("maximumhistorycount", 4096)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 4096


def read_entry(prompt_for, reader):
    """Reads one entry with ``reader(prompt)``; continuation lines while the parse is
    incomplete. None at end of input."""
    from spshell.language.parser import ParseError, parse
    lines = []
    while True:
        text = reader(prompt_for() if not lines else ">> ")
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


# --------------------------------------------------------------------------- running entries

class Runner:
    """Runs entries on an engine session: session history, Ctrl+C, progress clean-up."""

    def __init__(self, session, progress=None):
        self.session = session
        self.progress = progress
        self.interrupted = False

    def _on_sigint(self, signum, frame):
        # PowerShell's StopProcessing: mark the pipeline as stopping (cmdlets that poll
        # `self.stopping` and the engine's check points see it) and unwind now, running the
        # script's finally blocks on the way out.
        self.session.ctx.stopping = True
        self.interrupted = True
        raise KeyboardInterrupt

    def run(self, text):
        import datetime
        ctx = self.session.ctx
        start = datetime.datetime.now()
        self.interrupted = False
        status = "Completed"
        previous = None
        in_main = threading.current_thread() is threading.main_thread()
        if in_main:
            previous = signal.signal(signal.SIGINT, self._on_sigint)
        code = None
        try:
            try:
                code = self.session.run_text(text)
            except KeyboardInterrupt:
                self.interrupted = True
                self.session.host.write_line("")
        finally:
            if in_main:
                signal.signal(signal.SIGINT, previous if previous is not None
                              else signal.default_int_handler)
            ctx.stopping = False
            if self.progress is not None:
                self.progress.finish()
            self.session.host.flush()
        if self.interrupted:
            status = "Stopped"
        elif not ctx.last_success:
            status = "Failed"
        add_history_entry(ctx, text, start, status)
        return code


# --------------------------------------------------------------------------- plain loop

def run_plain(opts):
    from spshell import __version__
    from spshell.cli import make_session
    session = make_session(opts, interactive=True)
    host = session.host
    if not opts.get("nologo"):
        host.write_line(BANNER.format(version=__version__))
    if not opts.get("noprofile"):
        path = session.ctx.profile_path()
        if path.is_file():
            dot_source_profile(session, path)
    code = _run_startup_command(session, opts)
    if code is not None:
        return code
    runner = Runner(session)

    def reader(prompt):
        host.write(prompt)
        host.flush()
        line = sys.stdin.readline()
        if not line:
            return None
        return line.rstrip("\r\n")

    while True:
        try:
            entry = read_entry(lambda: evaluate_prompt(session), reader)
        except KeyboardInterrupt:
            host.write_line("")
            continue
        if entry is None:
            host.flush()
            return 0
        if not entry.strip():
            continue
        code = runner.run(entry)
        if code is not None:
            return code


def _run_startup_command(session, opts):
    """-NoExit with -Command/-File: run it first, then stay at the prompt."""
    if opts.get("file"):
        # its exit status cannot be told from a failure here; the shell stays either way
        session.run_file(os.path.abspath(opts["file"]), opts.get("args") or [])
        return None
    if opts.get("command") and opts["command"] != "-":
        return session.run_text(opts["command"])
    return None


# --------------------------------------------------------------------------- the terminal shell

class Shell:
    def __init__(self, opts, input=None, output=None):
        self.opts = opts
        self.input = input
        self.output = output
        self.engine = None
        self._ready = threading.Event()
        self._load_error = None
        self._view = None
        self._hooks_done = False
        self._profile_done = False
        self.progress = None
        self.runner = None
        self.session = None  # the PromptSession (set by build_session)
        self.completer = None
        self._prompt_text = ""
        self.pre_run = None  # called as each prompt starts (tests feed keys from here)
        from spshell.repl.session import colour_enabled
        self.colour = colour_enabled()

    # ---- the engine
    def _load(self):
        try:
            from spshell.cli import make_session
            engine = make_session(self.opts, interactive=True)
            # the parser is what Enter and colouring need first
            importlib.import_module("spshell.language.highlight")
            self.engine = engine
        except BaseException as exc:  # noqa: BLE001 - reported by wait_engine
            self._load_error = exc
        finally:
            self._ready.set()
            session = self.session
            if session is not None and session.lexer is not None:
                # text typed meanwhile is still plain: colour it (a new lexer object, since
                # prompt_toolkit caches fragments per lexer identity) and redraw
                from spshell.repl.lexer import make_lexer
                session.lexer = make_lexer(self.engine_ready)
                if session.app.is_running:
                    session.app.invalidate()

    def start_engine(self, background=True):
        if background:
            threading.Thread(target=self._load, name="spshell-engine", daemon=True).start()
        else:
            self._load()

    def engine_ready(self):
        return self._ready.is_set() and self.engine is not None

    def wait_engine(self):
        self._ready.wait()
        if self._load_error is not None:
            raise self._load_error
        if not self._hooks_done:
            self._hooks_done = True
            from spshell.repl.host import install
            self.progress = install(self.engine.host, self.input, self.output)
            self.runner = Runner(self.engine, self.progress)
        return self.engine

    def view(self):
        engine = self.wait_engine()
        if self._view is None:
            from spshell.repl.completer import ContextView
            self._view = ContextView(engine.ctx)
        return self._view

    def is_incomplete(self, text):
        self.wait_engine()
        from spshell.language.highlight import is_incomplete
        return is_incomplete(text)

    # ---- the prompt
    def current_prompt(self):
        if not self.engine_ready():
            return default_prompt(os.getcwd())
        return evaluate_prompt(self.engine)

    def prompt_fragments(self):
        from spshell.repl.session import prompt_formatted
        error = False
        if self.colour and self.engine_ready() and self.session is not None:
            from spshell.repl.lexer import has_real_error
            error = has_real_error(self.session.default_buffer.text)
        return prompt_formatted(self._prompt_text, error, self.colour)

    # ---- start-up
    def run_profile(self):
        if self._profile_done or self.opts.get("noprofile"):
            return
        self._profile_done = True
        engine = self.wait_engine()
        path = engine.ctx.profile_path()
        if not path.is_file():
            return
        t0 = time.monotonic()
        try:
            dot_source_profile(engine, path)
        except KeyboardInterrupt:
            engine.host.write_line("")
        took = (time.monotonic() - t0) * 1000
        if took > 500:
            engine.host.write_line(f"Loading personal and system profiles took {int(took)}ms.")

    def run(self):
        from spshell import __version__
        opts = self.opts
        if not opts.get("nologo"):
            out = sys.stdout if self.output is None else self.output
            out.write(BANNER.format(version=__version__) + "\n")
            out.flush()
        needs_engine_now = bool(opts.get("command") or opts.get("file")) or (
            not opts.get("noprofile") and os.path.isfile(profile_guess()))
        if needs_engine_now:
            self.start_engine(background=False)
            self.run_profile()
            code = _run_startup_command(self.wait_engine(), opts)
            if code is not None:
                return code
        from spshell.repl.history import history_path, make_history
        from spshell.repl.session import build_session
        history = make_history(history_path(home_dir()))
        build_session(self, history, self.input, self.output)
        if not needs_engine_now:
            # build the engine once the first prompt is on the screen: both are CPU-bound
            # imports, and the user should see the prompt first
            app = self.session.app

            def on_first_render(_app):
                app.after_render -= on_first_render
                self.start_engine(background=True)
            app.after_render += on_first_render
        return self.loop()

    def read(self):
        """One entry from the user; None at Ctrl+D on an empty line."""
        try:
            self._prompt_text = self.current_prompt()
        except KeyboardInterrupt:
            self._prompt_text = "PS> "
        while True:
            try:
                return self.session.prompt(self.prompt_fragments, pre_run=self.pre_run)
            except KeyboardInterrupt:
                # Ctrl+C cancels the line being typed and gives a fresh prompt
                continue
            except EOFError:
                return None

    def loop(self):
        while True:
            text = self.read()
            if text is None:
                return 0
            if not text.strip():
                continue
            try:
                self.wait_engine()
            except Exception as exc:  # noqa: BLE001 - nothing can run without the engine
                sys.stderr.write(f"spshell: the engine failed to start: "
                                 f"{type(exc).__name__}: {exc}\n")
                return 1
            self.run_profile()
            try:
                code = self.execute(text)
            except KeyboardInterrupt:
                # Ctrl+C in the instant between the command's end and the prompt
                continue
            except Exception as exc:  # noqa: BLE001 - a bug below must not end the session
                self.engine.host.write_error_line(
                    f"Internal error: {type(exc).__name__}: {exc}. This is a bug in spshell.")
                continue
            if code is not None:
                return code

    def execute(self, text):
        engine = self.wait_engine()
        code = self.runner.run(text)
        host = engine.host
        if not host.at_line_start:
            # output that did not end its line (Write-Host -NoNewline): the prompt starts fresh
            host.write("\n")
            host.flush()
        return code


def stdio_are_terminals():
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def run(opts):
    # a dumb terminal (Emacs shell-mode, a serial console) gets the line-by-line loop: it
    # cannot redraw a line, and its own line editing does the rest
    if not stdio_are_terminals() or os.environ.get("TERM") == "dumb":
        return run_plain(opts)
    return Shell(opts).run()
