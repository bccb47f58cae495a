"""Running script text at the top level: parse, compile, Out-Default, uncaught errors, exit codes."""
from __future__ import annotations

import os

from spshell.runtime import errors as E
from spshell.runtime.context import ExecutionContext, read_script_text
from spshell.runtime.frame import Frame


class Session:
    def __init__(self, host, computer_name=None, home=None, interactive=False):
        self.host = host
        self.ctx = ExecutionContext(host, computer_name, home, interactive)
        self.exit_code = None

    # ---- parsing
    def parse(self, text, file=None):
        from spshell.language.parser import parse
        return parse(text, file)

    def report_parse_error(self, err):
        from spshell.formatting import format_parse_errors
        self.host.write_error_line(format_parse_errors(err))
        self.ctx.last_success = False
        rec = getattr(err, "error_record", None)
        if rec is not None:
            self.ctx.errors.add(rec)

    # ---- running
    def _formatter(self):
        from spshell.formatting import OutputFormatter
        width = self.host.width
        try:
            if self.host.stdout.isatty():
                width -= 1  # the console never writes its last column
        except (AttributeError, ValueError):
            pass
        return OutputFormatter(self.host.write_output_line, width, colour=self.host.colour_out,
                               context=self.ctx)

    def run_text(self, text, file=None, script_args=None, as_file=False):
        """Run one unit of script text (a -Command string, a REPL entry, a script file).
        Returns the exit code requested by `exit`, else None."""
        from spshell.language.parser import ParseError
        for t in getattr(self.ctx, "transcripts", None) or ():
            started = getattr(t, "command_started", None)
            if started is not None:
                started(text)
        try:
            ast = self.parse(text, file)
        except ParseError as err:
            self.report_parse_error(err)
            return None if not as_file else 1
        return self.run_ast(ast, file, script_args, as_file)

    def run_ast(self, ast, file=None, script_args=None, as_file=False):
        from spshell.runtime.compiler import compile_script
        from spshell.runtime.commands import ScriptBlock
        from spshell.runtime.pipeline import run_pipeline
        ctx = self.ctx
        formatter = self._formatter()
        frame = Frame(ctx, ctx.global_scope, formatter.write)
        try:
            try:
                compiled = compile_script(ast)
                sb = ScriptBlock(ast, compiled, ctx)
                if as_file:
                    args = script_args or []

                    def factory(f, position, expect_input):
                        from spshell.runtime.processors import ScriptProcessor
                        from spshell.runtime.commands import ExternalScriptInfo
                        info = ExternalScriptInfo(os.path.basename(file), file) if file else None
                        return ScriptProcessor(ctx, f, sb, args, ast.extent, position,
                                               expect_input, [], file or "<script>",
                                               script_file=file, command_info=info,
                                               top_level=True)
                    run_pipeline(frame, [factory], ast.extent)
                else:
                    self._run_in_global(sb, frame)
            finally:
                formatter.close()
        except E.ExitSignal as ex:
            self.host.flush()
            return ex.code
        except E.DotNetException as exc:
            formatter_close_quietly(formatter)
            rec = ctx.ensure_record(exc, None)
            ctx.last_success = False
            if exc.error_record is not None and not getattr(exc, "_reported", False):
                ctx.errors.add(rec) if rec not in ctx.errors[:1] else None
                ctx.display_error(None, rec)
            return 1 if as_file or self._script_mode else None
        except (E.BreakSignal, E.ContinueSignal):
            # break/continue outside a loop stops the script, silently, as in PowerShell
            return None
        except E.ReturnSignal:
            return None
        except KeyboardInterrupt:
            self.host.write_line("")
            ctx.stopping = False
            return None if not as_file else 1
        except RecursionError:
            err = ctx.internal_error(RecursionError())
            ctx.display_error(None, ctx.ensure_record(err, None))
            return 1
        self.host.flush()
        return None

    _script_mode = False

    def _run_in_global(self, sb, frame):
        compiled = sb.compiled
        # -Command text and REPL entries run in the global scope (dot-sourced, as pwsh does)
        for block in (compiled.begin, compiled.process, compiled.end):
            if block is not None:
                try:
                    block(frame)
                except E.ReturnSignal:
                    pass

    def run_file(self, path, args):
        from spshell.language.parser import ParseError
        try:
            text = read_script_text(path)
        except OSError:
            self.host.write_error_line(
                f"The argument '{path}' is not recognized as the name of a script file. Check "
                "the spelling of the name, or if a path was included, verify that the path is "
                "correct and try again.")
            return 64
        try:
            ast = self.parse(text, str(path))
        except ParseError as err:
            self.report_parse_error(err)
            return 1
        return self.run_ast(ast, str(path), file_args(args), as_file=True)


def formatter_close_quietly(formatter):
    try:
        formatter.close()
    except Exception:  # noqa: BLE001 - already reporting a failure
        pass


def file_args(argv):
    """pwsh -File script.ps1 a -Name b: strings, with -Name recognised as parameter names."""
    from spshell.runtime.binding import Arg
    out = []
    for a in argv:
        if a.startswith("-") and len(a) > 1 and not _is_number(a):
            name, sep, value = a[1:].partition(":")
            if sep:
                v = {"$true": True, "$false": False}.get(value.lower(), value)
                out.append(Arg(name, v, True, None, True, a))
            else:
                out.append(Arg(name, None, False, None, False, a))
        else:
            out.append(Arg(None, a, True, None))
    return out


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False
