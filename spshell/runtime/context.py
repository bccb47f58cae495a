"""The session: scopes, command lookup, stream routing, error handling and script invocation."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from spshell.runtime import errors as E
from spshell.runtime.frame import Frame, collect
from spshell.runtime.objects import AutomationNull
from spshell.runtime.scopes import MISSING, Scope
from spshell.runtime import values as V
from spshell.runtime.processors import _InputEnumerator

_UNSET = object()
_current = None



def current():
    """The session of this process (for .NET-style static members such as
    [Assembly]::LoadWithPartialName that have no other way to reach it)."""
    return _current


def default_home() -> Path:
    env = os.environ.get("SPSHELL_HOME")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local",
                                                           "share")
    return Path(base) / "spshell"


def default_computer_name() -> str:
    return os.environ.get("SPSHELL_COMPUTERNAME") or os.uname().nodename.split(".")[0]


class ErrorList(list):
    """$Error: newest first, capped at $MaximumErrorCount."""

    __ps_type__ = "System.Collections.ArrayList"

    def add(self, record, limit=256):
        self.insert(0, record)
        del self[limit:]

    @property
    def Count(self):
        return len(self)

    def Clear(self):
        del self[:]


class ExecutionContext:
    def __init__(self, host, computer_name=None, home=None, interactive=False):
        self.host = host
        self.computer_name = computer_name or default_computer_name()
        self.home = Path(home) if home else default_home()
        self.interactive = interactive
        self.global_scope = Scope(None, "global")
        self.last_success = True
        self.try_depth = 0
        self.trap_depth = 0
        self.stopping = False
        self.history = []
        self.errors = ErrorList()
        self.location = Path.cwd()
        self.location_stack = {}
        self.script_stack = []
        self.caught = []  # ErrorRecords of the catch blocks running, for a bare `throw`
        self._command_cache = {}
        from spshell.modules import ModuleManager
        self.modules = ModuleManager(self)
        self._init_variables()
        os.environ["COMPUTERNAME"] = self.computer_name
        from spshell.runtime import types
        types.computer_name_hook = lambda: self.computer_name
        global _current
        _current = self

    # ---- set-up
    def _init_variables(self):
        g = self.global_scope
        from spshell import __version__
        from spshell.runtime.hostinfo import HostInfo, PSVersionTable
        defaults = {
            "Error": self.errors, "ErrorActionPreference": "Continue",
            "WarningPreference": "Continue", "VerbosePreference": "SilentlyContinue",
            "DebugPreference": "SilentlyContinue", "InformationPreference": "SilentlyContinue",
            "ProgressPreference": "Continue", "ConfirmPreference": "High",
            "WhatIfPreference": False, "ErrorView": "NormalView", "OFS": " ",
            "FormatEnumerationLimit": 4, "MaximumErrorCount": 256, "MaximumHistoryCount": 4096, "LASTEXITCODE": 0,
            "PSVersionTable": PSVersionTable(), "Host": HostInfo(self.host, __version__),
            "PID": os.getpid(), "HOME": os.path.expanduser("~"), "PSHOME": str(
                Path(__file__).resolve().parents[1]),
            "PSEdition": "Core", "IsLinux": sys.platform.startswith("linux"),
            "IsWindows": False, "IsMacOS": sys.platform == "darwin", "IsCoreCLR": True,
            "NestedPromptLevel": 0, "ShellId": "Microsoft.PowerShell", "PSCulture": "en-US",
            "PSUICulture": "en-US", "ExecutionContext": self,
            "PROFILE": str(self.profile_path()),
        }
        for k, v in defaults.items():
            g.set_local(k.lower(), v, k)

    def profile_path(self):
        base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"),
                                                                 ".config")
        return Path(base) / "spshell" / "Microsoft.PowerShell_profile.ps1"

    # ---- variables
    def scope_for(self, qualifier, scope):
        if qualifier == "global":
            return self.global_scope
        if qualifier == "script":
            return scope.script_scope
        return scope

    strict_mode = None

    def set_strict_mode(self, version):
        self.strict_mode = version if version and version > 0 else None

    def missing_variable(self, name):
        if self.strict_mode:
            exc = E.RuntimeException(
                f"The variable '${name}' cannot be retrieved because it has not been set.")
            E.ErrorRecord(exc, "VariableIsUndefined", "InvalidOperation", name)
            raise exc
        return None

    def get_variable(self, name, default=None, scope=None, scope_name=None):
        s = self._pick_scope(scope or self.global_scope, scope_name)
        if name.lower().startswith("env:"):
            from spshell.runtime.variables import env_get
            v = env_get(name[4:])
            return default if v is None else v
        v = s.lookup(name.lower()) if not scope_name or scope_name.lower() not in (
            "local", "0") else s.vars.get(name.lower(), MISSING)
        return default if v is MISSING else v

    def set_variable(self, name, value, scope=None, scope_name=None):
        s = self._pick_scope(scope or self.global_scope, scope_name)
        if value is AutomationNull:
            value = None
        s.set_local(name.lower(), value, name)

    def remove_variable(self, name, scope=None, scope_name=None):
        s = self._pick_scope(scope or self.global_scope, scope_name)
        holder = s if scope_name else s.find_scope(name.lower())
        if holder is None or name.lower() not in holder.vars:
            return False
        holder.remove(name.lower())
        return True

    def list_variables(self, scope=None, scope_name=None):
        from spshell.runtime.scopes import PSVariable
        s = self._pick_scope(scope or self.global_scope, scope_name)
        seen = {}
        chain = [s] if scope_name and scope_name.lower() in ("local", "0") else []
        if not chain:
            cur = s
            while cur is not None:
                chain.append(cur)
                cur = cur.parent
        for sc in chain:
            for low, value in sc.vars.items():
                if low in seen:
                    continue
                meta = sc.get_meta(low)
                seen[low] = PSVariable(sc.display_name(low), value,
                                       meta.description if meta else "",
                                       meta.options if meta else "None", sc)
        return sorted(seen.values(), key=lambda v: v.Name.lower())

    def _pick_scope(self, scope, scope_name):
        if not scope_name:
            return scope
        n = str(scope_name).lower()
        if n == "global":
            return self.global_scope
        if n == "script":
            return scope.script_scope
        if n in ("local", "0"):
            return scope
        if n.isdigit():
            s = scope
            for _ in range(int(n)):
                if s.parent is not None:
                    s = s.parent
            return s
        exc = E.PSArgumentException(
            "The scope number '" + str(scope_name) + "' exceeds the number of active scopes.")
        E.ErrorRecord(exc, "ArgumentOutOfRange", "InvalidArgument", scope_name)
        raise exc

    def preference(self, frame, name):
        v = frame.scope.lookup(name.lower())
        if v is MISSING or v is None:
            return {"erroractionpreference": "Continue", "warningpreference": "Continue",
                    "verbosepreference": "SilentlyContinue",
                    "debugpreference": "SilentlyContinue",
                    "informationpreference": "SilentlyContinue",
                    "progresspreference": "Continue", "confirmpreference": "High",
                    "whatifpreference": False}.get(name.lower(), "Continue")
        return v

    def append_to_variable(self, frame, spec, value):
        name = str(spec)
        append = name.startswith("+")
        name = name.lstrip("+")
        scope = frame.scope
        current = scope.lookup(name.lower()) if append else MISSING
        if current is MISSING or current is None or not isinstance(current, list):
            current = []
            # -ErrorVariable lands in the caller's scope
            scope.set_local(name.lower(), current, name)
        current.append(value)

    def set_out_variable(self, frame, spec, values):
        name = str(spec)
        append = name.startswith("+")
        name = name.lstrip("+")
        if append:
            cur = frame.scope.lookup(name.lower())
            if isinstance(cur, list):
                cur.extend(values)
                return
        frame.scope.set_local(name.lower(), collect(list(values)) if len(values) == 1
                              else list(values), name)

    # ---- functions and commands
    def find_function(self, name, scope):
        return scope.lookup_function(name.lower())

    def define_function_from_value(self, name, value, scope):
        from spshell.runtime.commands import FunctionInfo, ScriptBlock
        if value is None:
            s = scope
            while s is not None:
                if s.functions and name.lower() in s.functions:
                    del s.functions[name.lower()]
                    return
                s = s.parent
            return
        if not isinstance(value, ScriptBlock):
            from spshell.language.parser import parse
            from spshell.runtime.compiler import compile_script
            ast = parse(V.to_string(value))
            value = ScriptBlock(ast, compile_script(ast), self)
        scope.set_function(name.lower(), FunctionInfo(name, value))

    def resolve_command(self, name, scope):
        """alias -> function -> cmdlet -> script file/application, as about_Command_Precedence."""
        from spshell.runtime.commands import AliasInfo, ApplicationInfo, ExternalScriptInfo
        low = name.lower()
        seen = set()
        while True:
            alias = scope.lookup_alias(low) or self.modules.alias(low)
            if alias is None or low in seen:
                break
            seen.add(low)
            name = alias.definition if isinstance(alias, AliasInfo) else alias
            low = name.lower()
        fn = scope.lookup_function(low)
        if fn is not None:
            return fn
        cmd = self.modules.command(low)
        if cmd is not None:
            return cmd
        if "/" in name or "\\" in name or name.endswith(".ps1"):
            path = self.resolve_path(name.replace("\\", "/"))
            if path.suffix.lower() == ".ps1" and path.is_file():
                return ExternalScriptInfo(path.name, str(path))
            if path.is_file() and os.access(path, os.X_OK):
                return ApplicationInfo(path.name, str(path))
            return None
        found = shutil.which(name)
        if found:
            return ApplicationInfo(name, found)
        return None

    def get_command(self, name, scope=None):
        return self.resolve_command(name, scope or self.global_scope)

    def all_commands(self, scope=None):
        out = []
        s = scope or self.global_scope
        seen = set()
        while s is not None:
            if s.functions:
                for low, info in s.functions.items():
                    if low not in seen:
                        seen.add(low)
                        out.append(info)
            s = s.parent
        out.extend(self.modules.all_aliases())
        out.extend(self.modules.all_commands())
        return out

    def command_not_found(self, name, extent):
        exc = E.CommandNotFoundException(
            f"The term '{name}' is not recognized as the name of a cmdlet, function, script "
            "file, or operable program. Check the spelling of the name, or if a path was "
            "included, verify that the path is correct and try again.")
        rec = E.ErrorRecord(exc, "CommandNotFoundException", "ObjectNotFound", name)
        from spshell.runtime.processors import InvocationInfo
        rec.invocation_info = InvocationInfo(None, extent, invocation_name=name)
        return exc

    def make_processor(self, f, target, args, op, extent, position, expect_input, redirs):
        from spshell.runtime.commands import (ScriptBlock, FunctionInfo, CmdletInfo,
                                              ExternalScriptInfo, ApplicationInfo, AliasInfo)
        from spshell.runtime import processors as P
        dot = op == "."
        info = target
        if isinstance(target, str):
            info = self.resolve_command(target, f.scope)
            if info is None and "-" not in target and "/" not in target and "\\" not in target:
                info = self.resolve_command("Get-" + target, f.scope)
            if info is None:
                raise self.command_not_found(target, extent)
        if isinstance(info, AliasInfo):
            info = self.resolve_command(info.definition, f.scope)
        if isinstance(info, ScriptBlock):
            return P.ScriptProcessor(self, f, info, args, extent, position, expect_input, redirs,
                                     "<ScriptBlock>" if not dot else ".", dot_source=dot)
        if isinstance(info, FunctionInfo):
            return P.ScriptProcessor(self, f, info.script_block, args, extent, position,
                                     expect_input, redirs, info.name, dot_source=dot,
                                     command_info=info)
        if isinstance(info, CmdletInfo):
            return P.CmdletProcessor(self, f, info, args, extent, position, expect_input, redirs)
        if isinstance(info, ExternalScriptInfo):
            sb = self.load_script_file(info.path)
            return P.ScriptProcessor(self, f, sb, args, extent, position, expect_input, redirs,
                                     info.path, dot_source=dot, script_file=info.path,
                                     command_info=info)
        if isinstance(info, ApplicationInfo):
            return P.NativeProcessor(self, f, info.path, args, extent, position, expect_input,
                                     redirs)
        if info is None or info is AutomationNull:
            exc = E.RuntimeException(
                "The expression after '&' in a pipeline element produced an object that was not "
                "valid. It must result in a command name, a script block, or a CommandInfo "
                "object.")
            E.ErrorRecord(exc, "BadExpression", "InvalidOperation")
            raise exc
        return self.make_processor(f, V.to_string(info), args, None, extent, position,
                                   expect_input, redirs)

    def load_script_file(self, path):
        from spshell.language.parser import parse
        from spshell.runtime.compiler import compile_script
        from spshell.runtime.commands import ScriptBlock
        text = read_script_text(path)
        ast = parse(text, str(path))
        return ScriptBlock(ast, compile_script(ast), self)

    # ---- script block invocation (ForEach-Object, .Invoke(), validation scripts...)
    def invoke_scriptblock(self, sb, args=(), dollar_under=_UNSET, input=(), dot_source=False,
                           scope=None, variables=None, streams=None, emit=None):
        from spshell.runtime.pipeline import NO_INPUT
        out = [] if emit is None else None
        sink = out.append if emit is None else emit
        parent = scope or self.global_scope
        compiled = sb.compiled
        if dollar_under is NO_INPUT:
            dollar_under = _UNSET
        simple = not compiled.parameters and compiled.begin is None and \
            compiled.process is None
        if simple and dot_source and not args and not variables:
            # ForEach-Object / Where-Object: run the block in the caller's scope with $_ set
            vars_ = parent.vars
            saved = vars_.get("_", MISSING)
            if dollar_under is not _UNSET:
                vars_["_"] = dollar_under
            if input:
                vars_["input"] = _InputEnumerator(input)
            end = compiled.end
            try:
                if end is not None:
                    end(Frame(self, parent, sink, streams, sb))
            except E.ReturnSignal:
                pass
            finally:
                if saved is MISSING:
                    vars_.pop("_", None)
                else:
                    vars_["_"] = saved
            return out
        if simple:
            if dot_source:
                run_scope = parent
            else:
                run_scope = Scope(sb.closure_scope or parent, "function")
            vars_ = run_scope.vars
            saved = {}
            if dot_source:
                for k in ("_", "args"):
                    saved[k] = vars_.get(k, MISSING)
            if dollar_under is not _UNSET:
                vars_["_"] = dollar_under
            vars_["args"] = list(args)
            if input:
                vars_["input"] = _InputEnumerator(list(input))
            if variables:
                for k, v in variables.items():
                    vars_[str(k).lower()] = v
            f = Frame(self, run_scope, sink, streams, sb)
            try:
                if compiled.end is not None:
                    compiled.end(f)
            except E.ReturnSignal:
                pass
            finally:
                if dot_source:
                    for k, v in saved.items():
                        if v is MISSING:
                            vars_.pop(k, None)
                        else:
                            vars_[k] = v
            return out
        # a block with param() or named blocks: run it as a command with positional args
        from spshell.runtime.binding import Arg
        from spshell.runtime.processors import ScriptProcessor
        f = Frame(self, parent, sink, streams, sb)
        arg_objs = [Arg(None, a, True, None) for a in args]
        items = list(input) if input else ([dollar_under] if dollar_under is not _UNSET else [])
        proc = ScriptProcessor(self, f, sb, arg_objs, sb.ast.extent, 1, bool(items), [],
                               "<ScriptBlock>", dot_source=dot_source)
        proc.set_downstream(sink)
        if dollar_under is not _UNSET:
            proc.scope.vars["_"] = dollar_under
        if variables:
            for k, v in variables.items():
                proc.scope.vars[str(k).lower()] = v
        proc.begin()
        if items:
            for it in items:
                proc.process_input(it)
        else:
            proc.process_input(NO_INPUT)
        proc.end()
        return out

    def make_closure(self, sb, scope=None):
        from spshell.runtime.commands import ScriptBlock
        captured = Scope(self.global_scope, "module")
        # GetNewClosure snapshots the variables visible at this moment; later changes to the
        # originals do not reach the closure
        s = scope or self.global_scope
        chain = []
        while s is not None:
            chain.append(s)
            s = s.parent
        for sc in reversed(chain):
            captured.vars.update(sc.vars)
        return ScriptBlock(sb.ast, sb.compiled, self, captured)

    def invoke_text(self, text, frame, dot_source=True):
        from spshell.language.parser import parse
        from spshell.runtime.compiler import compile_script
        from spshell.runtime.commands import ScriptBlock
        ast = parse(text)
        sb = ScriptBlock(ast, compile_script(ast), self)
        return self.invoke_scriptblock(sb, dot_source=dot_source, scope=frame.scope,
                                       streams=frame.streams)

    def invoke_method(self, obj, name, values, extent=None, frame=None):
        from spshell.runtime.commands import ScriptBlock
        from spshell.runtime import types
        if isinstance(obj, ScriptBlock):
            low = name.lower()
            scope = frame.scope if frame is not None else self.global_scope
            if low in ("invoke", "invokereturnasis"):
                out = self.invoke_scriptblock(obj, args=values, scope=scope)
                if low == "invoke":
                    return out
                return collect(out) if out else None
            if low == "getnewclosure":
                return self.make_closure(obj, scope)
        return types.invoke_method(obj, name, values)

    # ---- streams
    def write_error_record(self, frame, record, action="Continue"):
        action = str(action)
        if action == "Ignore":
            return
        self.errors.add(record)
        if action == "SilentlyContinue":
            return
        if action == "Stop":
            exc = record.exception
            exc.script_terminating = True
            if exc.error_record is None:
                exc.error_record = record
            raise exc
        if action == "Inquire":
            if not self._inquire():
                return
        self.display_error(frame, record)

    def _inquire(self):
        choices = [("&Yes", "Continue with only the next step of the operation."),
                   ("Yes to &All", "Continue with all the steps of the operation."),
                   ("&Halt Command", "Stop this command."),
                   ("&Suspend", "Pause the current pipeline and return to the command prompt.")]
        answer = self.host.prompt_for_choice("Confirm", "Continue with this operation?",
                                             choices, 0)
        if answer == 2:
            raise E.ps_error(E.ActionPreferenceStopException,
                             "The running command stopped because the user selected the Stop "
                             "option.", "ActionPreferenceStop", "OperationStopped")
        return True

    def display_error(self, frame, record):
        target = frame.streams.target("error") if frame is not None and frame.streams else None
        if target is not None:
            target(record)
            return
        self.host.write_error_line(self.format_error(record, frame))

    def format_error(self, record, frame=None):
        from spshell.formatting import format_error
        view = self.global_scope.vars.get("errorview", "NormalView")
        if frame is not None:
            v = frame.scope.lookup("errorview")
            if v is not MISSING and v is not None:
                view = v
        try:
            return format_error(record, str(view), width=self.host.width)
        except TypeError:
            return format_error(record, str(view))

    def write_informational(self, frame, kind, message, action):
        action = str(action)
        if action in ("SilentlyContinue", "Ignore"):
            return
        if action == "Inquire" and not self._inquire():
            return
        target = frame.streams.target(kind) if frame.streams else None
        if target is not None:
            from spshell.runtime.records import record_for
            target(record_for(kind, message))
        else:
            getattr(self.host, f"write_{kind}_line")(str(message))
        if action == "Stop":
            pref = {"warning": "WarningPreference", "verbose": "VerbosePreference",
                    "debug": "DebugPreference"}[kind]
            exc = E.ActionPreferenceStopException(
                f'The running command stopped because the preference variable "{pref}" or '
                f"common parameter is set to Stop: {message}")
            E.ErrorRecord(exc, "ActionPreferenceStop", "OperationStopped")
            exc.script_terminating = True
            raise exc

    def write_information(self, frame, data, tags, action, host_output=False):
        action = str(action)
        if action == "Ignore":
            return
        target = frame.streams.target("information") if frame.streams else None
        from spshell.runtime.records import InformationRecord
        rec = InformationRecord(data, tags)
        if target is not None:
            target(rec)
            return
        if action in ("Continue", "Stop", "Inquire") or host_output:
            self.host.write_line(V.to_string(data))

    def write_host_text(self, frame, text, fg, bg, no_newline, action):
        target = frame.streams.target("information") if frame.streams else None
        if target is not None:
            from spshell.runtime.records import InformationRecord
            target(InformationRecord(text, ("PSHOST",)))
            return
        if no_newline:
            self.host.write(text, fg, bg)
        else:
            self.host.write(text, fg, bg)
            self.host.write("\n")

    # ---- errors
    def internal_error(self, exc, command=None):
        """A Python failure below the language: map the obvious ones to their .NET meaning,
        everything else to an error that says it is internal (never a traceback)."""
        if isinstance(exc, E.DotNetException):
            return exc
        if isinstance(exc, ZeroDivisionError):
            return E.ps_error(E.DivideByZeroException, "Attempted to divide by zero.",
                              "RuntimeException", "NotSpecified")
        if isinstance(exc, RecursionError):
            return E.ps_error(E.RuntimeException,
                              "The script failed due to call depth overflow.",
                              "CallDepthOverflow", "InvalidOperation")
        if isinstance(exc, OverflowError):
            return E.ps_error(E.OverflowException, "Arithmetic operation resulted in an "
                              "overflow.", "RuntimeException", "NotSpecified")
        if isinstance(exc, MemoryError):
            return E.ps_error(E.RuntimeException, "Insufficient memory to continue the "
                              "execution of the program.", "OutOfMemory", "NotSpecified")
        if isinstance(exc, PermissionError):
            return E.ps_error(E.UnauthorizedAccessException,
                              f"Access to the path '{exc.filename}' is denied.",
                              "UnauthorizedAccess", "PermissionDenied", exc.filename)
        if isinstance(exc, FileNotFoundError):
            return E.ps_error(E.ItemNotFoundException,
                              f"Cannot find path '{exc.filename}' because it does not exist.",
                              "PathNotFound", "ObjectNotFound", exc.filename)
        if isinstance(exc, OSError):
            return E.ps_error(E.IOException, exc.strerror or str(exc), "IOException",
                              "WriteError")
        where = f" in {command}" if command else ""
        return E.ps_error(E.RuntimeException,
                          f"Internal error{where}: {type(exc).__name__}: {exc}. This is a bug "
                          "in spshell.", "InternalError", "NotSpecified")

    def ensure_record(self, exc, extent):
        rec = exc.error_record
        if rec is None:
            rec = E.ErrorRecord(exc, type(exc).__name__, "NotSpecified")
            exc.error_record = rec
        if rec.invocation_info is None:
            from spshell.runtime.processors import InvocationInfo
            rec.invocation_info = InvocationInfo(None, extent)
        elif rec.invocation_info.extent is None and extent is not None:
            rec.invocation_info.extent = extent
        return rec

    def statement_error(self, f, exc, extent):
        """A statement-terminating error reached the statement: propagate it to an enclosing
        try/trap (or when it terminates the script), else report it and go on."""
        if self.stopping:
            raise exc
        if exc.script_terminating or self.try_depth > 0 or self.trap_depth > 0:
            self.ensure_record(exc, extent)
            raise exc
        rec = self.ensure_record(exc, extent)
        pref = str(self.preference(f, "ErrorActionPreference"))
        self.last_success = False
        if pref == "Stop":
            exc.script_terminating = True
            raise exc
        if pref == "Ignore":
            return
        self.errors.add(rec)
        if pref == "SilentlyContinue":
            return
        self.display_error(f, rec)

    def run_trap(self, f, traps, exc, extent):
        from spshell.runtime import types
        rec = self.ensure_record(exc, extent)
        chosen = None
        for type_name, body in traps:
            if type_name is None:
                if chosen is None:
                    chosen = body
                continue
            t = types.resolve_type(type_name)
            if t is not None and _exception_matches(exc, t):
                chosen = body
                break
        if chosen is None:
            self.statement_error(f, exc, extent)
            return
        scope = Scope(f.scope, "local")
        scope.vars["_"] = rec
        tf = f.with_scope(scope)
        try:
            chosen(tf)
        except E.ContinueSignal:
            self.errors.add(rec)
            return
        except E.BreakSignal:
            self.errors.add(rec)
            exc.script_terminating = True
            raise exc
        self.errors.add(rec)
        self.display_error(f, rec)

    def make_throw(self, value, extent):
        from spshell.runtime.processors import InvocationInfo
        if isinstance(value, E.ErrorRecord):
            exc = value.exception
            exc.script_terminating = True
            if value.invocation_info is None:
                value.invocation_info = InvocationInfo(None, extent)
            return exc
        if isinstance(value, E.DotNetException):
            value.script_terminating = True
            rec = value.error_record or E.ErrorRecord(value, type(value).__name__,
                                                      "OperationStopped", None)
            rec.from_throw = True
            if rec.invocation_info is None:
                rec.invocation_info = InvocationInfo(None, extent)
            return value
        if value is AutomationNull and self.caught:
            rec = self.caught[-1]
            rec.exception.script_terminating = True
            return rec.exception
        if value is AutomationNull or value is None:
            message = "ScriptHalted"
            target = None
        else:
            message = V.to_string(value)
            target = value
        exc = E.RuntimeException(message)
        rec = E.ErrorRecord(exc, message, "OperationStopped", target)
        rec.from_throw = True
        rec.invocation_info = InvocationInfo(None, extent)
        exc.script_terminating = True
        return exc

    def check_stop(self):
        if self.stopping:
            raise E.PipelineStoppedException()

    # ---- paths
    def resolve_path(self, path):
        p = Path(os.path.expanduser(str(path)))
        if not p.is_absolute():
            p = self.location / p
        return p

    def set_location(self, path):
        self.location = Path(path)
        try:
            os.chdir(self.location)
        except OSError:
            pass


def _exception_matches(exc, pstype):
    from spshell.runtime import types
    if types.is_instance(exc, pstype):
        return True
    inner = getattr(exc, "InnerException", None)
    return inner is not None and types.is_instance(inner, pstype)


def read_script_text(path):
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


exception_matches = _exception_matches
