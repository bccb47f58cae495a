"""Command processors: a cmdlet, a script function/script block, or a native program as one
element of a pipeline; and the CommandRuntime a cmdlet writes through."""
from __future__ import annotations

import os

from spshell.runtime import errors as E
from spshell.runtime.binding import (bind_command_line, bind_pipeline_object, finish_mandatory,
                                     metadata_for_cmdlet, metadata_for_script, COMMON_NAMES)
from spshell.runtime.frame import Frame
from spshell.runtime.objects import AutomationNull, SwitchParameter, Hashtable
from spshell.runtime.pipeline import NO_INPUT, Processor, Redirector
from spshell.runtime import values as V
from spshell.runtime.enumerator import ListEnumerator
from spshell.runtime.scopes import MISSING as _MISSING


class InvocationInfo(E.InvocationInfo):
    def __init__(self, command_name, extent, position=1, command_type_name=None,
                 bound=None, unbound=None, invocation_name=None):
        super().__init__(command_name, extent, invocation_name=invocation_name)
        self.pipeline_position = position
        self.command_type_name = command_type_name
        self.bound = bound
        self.unbound = unbound
        self.command_info = None  # the CommandInfo, when the command is a known one

    @property
    def MyCommand(self):
        return self.command_info if self.command_info is not None else self.command_name

    @property
    def BoundParameters(self):
        return self.bound if self.bound is not None else Hashtable()

    @property
    def UnboundArguments(self):
        return self.unbound or []

    @property
    def PipelinePosition(self):
        return self.pipeline_position

    @property
    def PSScriptRoot(self):
        file = self.extent.file if self.extent else None
        return os.path.dirname(file) if file else ""

    @property
    def PSCommandPath(self):
        return self.extent.file if self.extent and self.extent.file else ""


def _implementing_type(cls):
    if cls.implementing_type:
        return cls.implementing_type
    verb, _, noun = cls.name.partition("-")
    mod = cls.module_name or "spshell"
    ns = "Microsoft.PowerShell.Commands" if mod.startswith("Microsoft.PowerShell") else mod
    return f"{ns}.{verb}{noun}Command"


class CommandRuntime:
    """Streams and ShouldProcess for one command instance (cmdlet or advanced function)."""

    def __init__(self, ctx, frame, name, common, supports_should_process, confirm_impact,
                 invocation):
        self.ctx = ctx
        self.frame = frame
        self.name = name
        self.common = common
        self.supports_should_process = supports_should_process
        self.confirm_impact = confirm_impact
        self.invocation = invocation
        self.downstream = None
        self.had_error = False
        self.yes_to_all = False
        self.no_to_all = False
        self.out_variable = [] if common.get("OutVariable") else None
        # -OutBuffer N: hand objects on in batches of N+1 (about_CommonParameters)
        self.out_buffer = int(common.get("OutBuffer") or 0)
        self.buffer = []

    @property
    def stopping(self):
        return self.ctx.stopping

    # ---- streams
    def write_object(self, obj, enumerate_collection=False):
        if self.ctx.stopping:
            self.ctx.check_stop()
        if enumerate_collection:
            items = V.enumerate_object(obj)
            if items is not None:
                for it in items:
                    self._emit(it)
                return
        self._emit(obj)

    def _emit(self, obj):
        if self.out_variable is not None:
            self.out_variable.append(obj)
        if self.out_buffer:
            self.buffer.append(obj)
            if len(self.buffer) > self.out_buffer:
                self._flush()
            return
        self.downstream(obj)

    def stream_emit(self):
        """Where a cmdlet's stream function writes: straight to the next command unless
        -OutVariable or -OutBuffer need to see each object."""
        if self.out_variable is None and not self.out_buffer:
            return self.downstream
        return self._emit

    def _flush(self):
        batch, self.buffer = self.buffer, []
        for item in batch:
            self.downstream(item)

    def _action(self, key, pref_var):
        v = self.common.get(key)
        if v is None:
            v = self.frame.ctx.preference(self.frame, pref_var)
        return str(v)

    def write_error(self, record):
        self.had_error = True
        if record.invocation_info is None:
            record.invocation_info = self.invocation
        action = self._action("ErrorAction", "ErrorActionPreference")
        ev = self.common.get("ErrorVariable")
        if ev:
            self.ctx.append_to_variable(self.frame, ev, record)
        self.ctx.write_error_record(self.frame, record, action)

    def throw_terminating_error(self, record):
        if record.invocation_info is None:
            record.invocation_info = self.invocation
        self.had_error = True
        raise record.exception

    def write_warning(self, message):
        action = self._action("WarningAction", "WarningPreference")
        wv = self.common.get("WarningVariable")
        if wv:
            self.ctx.append_to_variable(self.frame, wv, message)
        self.ctx.write_informational(self.frame, "warning", message, action)

    def write_verbose(self, message):
        if self.common.get("Verbose") is not None:
            action = "Continue" if self.common["Verbose"] else "SilentlyContinue"
        else:
            action = str(self.frame.ctx.preference(self.frame, "VerbosePreference"))
        self.ctx.write_informational(self.frame, "verbose", message, action)

    def write_debug(self, message):
        if self.common.get("Debug") is not None:
            action = "Continue" if self.common["Debug"] else "SilentlyContinue"
        else:
            action = str(self.frame.ctx.preference(self.frame, "DebugPreference"))
        self.ctx.write_informational(self.frame, "debug", message, action)

    def write_information(self, data, tags=()):
        action = self._action("InformationAction", "InformationPreference")
        self.ctx.write_information(self.frame, data, tags, action, host_output=False)

    def write_host(self, text, fg=None, bg=None, no_newline=False):
        action = self._action("InformationAction", "InformationPreference")
        if action == "Ignore":
            return
        self.ctx.write_host_text(self.frame, text, fg, bg, no_newline, action)

    def write_progress(self, activity, status, percent, completed, activity_id=0,
                       current_operation="", seconds_remaining=-1, parent_id=-1):
        pref = str(self.frame.ctx.preference(self.frame, "ProgressPreference"))
        if pref in ("SilentlyContinue", "Ignore"):
            return
        self.ctx.host.write_progress(activity, status, percent, completed, activity_id)

    # ---- ShouldProcess
    def _whatif(self):
        w = self.common.get("WhatIf")
        if w is not None:
            return bool(w)
        return bool(V.to_bool(self.frame.ctx.preference(self.frame, "WhatIfPreference")))

    def _confirm_needed(self):
        c = self.common.get("Confirm")
        if c is not None:
            return bool(c)
        pref = str(self.frame.ctx.preference(self.frame, "ConfirmPreference"))
        order = {"none": 0, "low": 1, "medium": 2, "high": 3}
        if pref.lower() == "none":
            return False
        return order.get(str(self.confirm_impact).lower(), 2) >= order.get(pref.lower(), 3)

    def should_process(self, target, action=None):
        message = f'Performing the operation "{action or self.name}" on target "{target}".'
        return self._should(message, message)

    def should_process_message(self, description, warning, caption):
        return self._should(description, warning, caption)

    def _should(self, whatif_text, confirm_text, caption="Confirm"):
        if not self.supports_should_process:
            return True
        if self._whatif():
            self.ctx.host.write_line("What if: " + str(whatif_text))
            return False
        if self.no_to_all:
            return False
        if self._confirm_needed() and not self.yes_to_all:
            choices = [("&Yes", "Continue with only the next step of the operation."),
                       ("Yes to &All", "Continue with all the steps of the operation."),
                       ("&No", "Skip this operation and proceed with the next operation."),
                       ("No to A&ll", "Skip this operation and all subsequent operations."),
                       ("&Suspend", 'Pause the current pipeline and return to the command '
                                    'prompt. Type "exit" to resume the pipeline.')]
            answer = self.ctx.host.prompt_for_choice(
                caption or "Confirm", "Are you sure you want to perform this action?\n"
                + str(confirm_text), choices, 0)
            if answer == 1:
                self.yes_to_all = True
            elif answer == 2:
                return False
            elif answer == 3:
                self.no_to_all = True
                return False
            elif answer == 4:
                exc = E.PipelineStoppedException()
                E.ErrorRecord(exc, "PipelineStopped", "OperationStopped")
                raise exc
            return True
        if self.common.get("Verbose"):
            self.ctx.write_informational(self.frame, "verbose", str(whatif_text), "Continue")
        return True

    def should_continue(self, query, caption):
        if self.yes_to_all:
            return True
        choices = [("&Yes", "Continue with only the next step of the operation."),
                   ("Yes to &All", "Continue with all the steps of the operation."),
                   ("&No", "Skip this operation and proceed with the next operation."),
                   ("No to A&ll", "Skip this operation and all subsequent operations.")]
        answer = self.ctx.host.prompt_for_choice(caption, query, choices, 0)
        if answer == 1:
            self.yes_to_all = True
        return answer in (0, 1)

    def finish(self):
        if self.buffer:
            self._flush()
        if self.out_variable is not None:
            name = self.common["OutVariable"]
            value = self.out_variable
            self.ctx.set_out_variable(self.frame, name, value)


def _bind(meta, args, ctx, expect_input, invocation):
    """Command-line binding; its errors name the command (`Get-Item : A parameter cannot be
    found...`, FullyQualifiedErrorId `NamedParameterNotFound,<command type>`)."""
    try:
        return bind_command_line(meta, args, ctx, expect_input, invocation=invocation)
    except E.DotNetException as exc:
        rec = exc.error_record or E.ErrorRecord(exc, type(exc).__name__, "InvalidArgument")
        if rec.invocation_info is None or rec.invocation_info.command_name is None:
            rec.invocation_info = invocation
        raise


def split_common(values, meta):
    common = {}
    for k in list(values):
        if k.lower() in COMMON_NAMES and k not in meta.parameters:
            common[k] = values.pop(k)
    return common


class CmdletContext:
    """What `self.context` is for a cmdlet: the session, seen from the pipeline's scope."""

    def __init__(self, ctx, frame):
        self._ctx = ctx
        self._frame = frame

    def __getattr__(self, name):
        return getattr(self._ctx, name)

    @property
    def scope(self):
        return self._frame.scope

    @property
    def frame(self):
        return self._frame

    def get_variable(self, name, default=None, scope=None):
        return self._ctx.get_variable(name, default, self._frame.scope, scope)

    def set_variable(self, name, value, scope=None):
        return self._ctx.set_variable(name, value, self._frame.scope, scope)

    def remove_variable(self, name, scope=None):
        return self._ctx.remove_variable(name, self._frame.scope, scope)

    def variables(self, scope=None):
        return self._ctx.list_variables(self._frame.scope, scope)

    def invoke(self, sb, args=(), dollar_under=NO_INPUT, input=(), dot_source=False,
               variables=None):
        return self._ctx.invoke_scriptblock(sb, args=args, dollar_under=dollar_under,
                                            input=input, dot_source=dot_source,
                                            scope=self._frame.scope, variables=variables,
                                            streams=self._frame.streams)

    def invoker(self, sb, emit=None):
        """A prepared runner of `sb` for cmdlets that call one block per input object
        (ForEach-Object, Where-Object): dot-sourced, $_ set to the object. With `emit` the
        block's output streams there as it is written (PowerShell hands each object on at once)
        and the runner returns None; without, it returns the output as a list."""
        c = sb.compiled
        if c.parameters or c.begin is not None or c.process is not None:
            if emit is None:
                return lambda obj: self.invoke(sb, dollar_under=obj, input=(obj,),
                                               dot_source=True)

            def run_general(obj):
                for r in self.invoke(sb, dollar_under=obj, input=(obj,), dot_source=True):
                    if r is not AutomationNull:
                        emit(r)
            return run_general
        if emit is None:
            body = _BlockBody(self, sb, None)

            def run_collecting(obj):
                out = []
                body.run(obj, Frame(body.ctx, body.scope, out.append, body.streams, sb))
                return out
            return run_collecting
        body = _BlockBody(self, sb, _skip_null(emit))
        if body.expr is None:
            return lambda obj: body.run(obj, body.frame)
        from spshell.runtime.compiler import emit_value
        value = body.value

        def run_expression(obj):
            v = value(obj)
            if v.__class__ in _SCALARS or v is None:
                emit(v)
            else:
                emit_value(emit, v)
        return run_expression

    def tester(self, sb, emit=None):
        """fn(obj) -> bool: whether `sb` run on obj (as `invoker` runs it) yields true, judged as
        Where-Object and .Where() judge it: one output by its own truth, several as an array.
        With `emit`, fn(obj) writes obj there when it passes instead (a filter)."""
        c = sb.compiled
        if getattr(c.end, "expr", None) is None or c.parameters or c.begin is not None or \
                c.process is not None:
            run = self.invoker(sb)

            def test_output(obj):
                return _output_truth([r for r in run(obj) if r is not AutomationNull])
            if emit is None:
                return test_output

            def filter_output(obj):
                if test_output(obj):
                    emit(obj)
            return filter_output
        value = _BlockBody(self, sb, None).value
        if emit is None:
            def test_expression(obj):
                v = value(obj)
                return v if v.__class__ is bool else _value_truth(v)
            return test_expression

        def filter_expression(obj):
            v = value(obj)
            if v if v.__class__ is bool else _value_truth(v):
                emit(obj)
        return filter_expression

    def invoke_text(self, text, dot_source=True):
        return self._ctx.invoke_text(text, self._frame, dot_source)

    def get_command(self, name):
        return self._ctx.get_command(name, self._frame.scope)

    def commands(self):
        return self._ctx.all_commands(self._frame.scope)


_SCALARS = (str, int, float, bool)


def _output_truth(out):
    """A block's output list as a condition: nothing is false, one item by its own truth,
    several as an array."""
    return bool(out) and V.to_bool(out[0] if len(out) == 1 else out)


def _value_truth(v):
    """_output_truth of what a one-expression block writes for value v."""
    if v.__class__ in _SCALARS or v is None:
        return V.to_bool(v)
    if v is AutomationNull:
        return False
    items = V.enumerate_object(v)
    return _output_truth([v] if items is None else
                         [i for i in items if i is not AutomationNull])


def _skip_null(emit):
    def emit_value_only(v):
        if v is not AutomationNull:
            emit(v)
    return emit_value_only


class _BlockBody:
    """The end block of a plain script block, run dot-sourced once per input object with $_
    set; $input is set only when the block's text names it (it costs an object per call).
    A one-expression block (`{ $_.Enabled }`, `{ $_ * 2 }`) is evaluated directly: no
    statement wrapper, pipeline or output list per object."""

    __slots__ = ("ctx", "scope", "streams", "vars", "end", "frame", "set_input", "expr", "ext")

    def __init__(self, cctx, sb, emit):
        frame = cctx.frame
        self.ctx, self.scope, self.streams = cctx._ctx, frame.scope, frame.streams
        self.vars = self.scope.vars
        end = self.end = sb.compiled.end
        self.expr = getattr(end, "expr", None)
        self.ext = getattr(end, "ext", None)
        # one frame serves every call when output goes to a fixed place
        self.frame = Frame(self.ctx, self.scope, emit, self.streams, sb)
        self.set_input = self._set_input if "input" in sb.ast.extent.text.lower() else None

    def _set_input(self, obj):
        saved = self.vars.get("input", _MISSING)
        self.vars["input"] = _InputEnumerator((obj,))
        return saved

    def _restore(self, saved, saved_input):
        vars_ = self.vars
        if saved is _MISSING:
            vars_.pop("_", None)
        else:
            vars_["_"] = saved
        if self.set_input is not None:
            if saved_input is _MISSING:
                vars_.pop("input", None)
            else:
                vars_["input"] = saved_input

    def run(self, obj, frame):
        end = self.end
        if end is None:
            return
        vars_ = self.vars
        saved = vars_.get("_", _MISSING)
        vars_["_"] = obj
        set_input = self.set_input
        saved_input = set_input(obj) if set_input is not None else None
        try:
            end(frame)
        except E.ReturnSignal:
            pass
        finally:
            self._restore(saved, saved_input)

    def value(self, obj):
        """The one expression's value for obj; AutomationNull when it failed (its error went
        where a statement's error goes, as the block's own statement wrapper would send it)."""
        vars_ = self.vars
        saved = vars_.get("_", _MISSING)
        vars_["_"] = obj
        set_input = self.set_input
        saved_input = set_input(obj) if set_input is not None else None
        ctx, frame = self.ctx, self.frame
        try:
            v = self.expr(frame)
        except E.DotNetException as exc:
            ctx.statement_error(frame, exc, self.ext)
            return AutomationNull
        except E.FlowSignal:
            raise
        except Exception as exc:  # noqa: BLE001 - becomes an ErrorRecord
            ctx.statement_error(frame, ctx.internal_error(exc), self.ext)
            return AutomationNull
        finally:
            if set_input is not None:
                self._restore(saved, saved_input)
            elif saved is _MISSING:
                vars_.pop("_", None)
            else:
                vars_["_"] = saved
        ctx.last_success = True
        return v


class CmdletProcessor(Processor):
    def __init__(self, ctx, f, info, args, extent, position, expect_input, redirs):
        self.ctx = ctx
        self.info = info
        cls = info.cls
        self.meta = metadata_for_cmdlet(cls)
        self.invocation = InvocationInfo(info.name, extent, position, _implementing_type(cls),
                                         invocation_name=info.name)
        self.invocation.command_info = info
        self.f = f
        self.redirs = redirs
        self.redirect = None
        self.expect_input = expect_input
        self.st = _bind(self.meta, args, ctx, expect_input, self.invocation)
        common = split_common(self.st.values, self.meta)
        common.update(self.st.common)
        self.common = common
        self.cmdlet = cls()
        self.cmdlet.bound = Hashtable(self.st.values)
        for k, v in common.items():
            self.cmdlet.bound[k] = v
        self.invocation.bound = self.cmdlet.bound
        self.cmdlet.parameter_set_name = self.st.set_name
        self.cmdlet.__dict__.update(self.st.values)
        self.received_input = False
        self.fast_input = None
        self.stream = None

    def set_downstream(self, downstream):
        if self.redirs:
            self.redirect = Redirector(self.f, self.redirs, downstream)
            downstream = self.redirect.output
            frame = self.redirect.frame
        else:
            frame = self.f
        self.frame = frame
        self.runtime = CommandRuntime(self.ctx, frame, self.info.name, self.common,
                                      self.meta.supports_should_process,
                                      self.meta.confirm_impact, self.invocation)
        self.runtime.downstream = downstream
        self.cmdlet.runtime = self.runtime
        self.cmdlet.context = CmdletContext(self.ctx, frame)

    @property
    def had_error(self):
        return self.runtime.had_error

    def _call(self, method):
        try:
            method()
        except (Exception, E.FlowSignal) as exc:  # noqa: BLE001 - sorted out by _failure
            raise self._failure(exc)

    def _failure(self, exc):
        """What to raise for an exception out of the cmdlet: engine signals and .NET-style
        exceptions go on (marked with this command), anything else is a cmdlet bug and becomes
        an error record that says so."""
        if isinstance(exc, E.StopUpstream):
            if exc.token is None:
                exc.token = (self.pipeline_token, self.index)
            return exc
        if isinstance(exc, E.DotNetException):
            rec = exc.error_record
            if rec is None:
                rec = E.ErrorRecord(exc, type(exc).__name__, "NotSpecified")
            if rec.invocation_info is None or rec.invocation_info.command_name is None:
                rec.invocation_info = self.invocation
            return exc
        if isinstance(exc, E.FlowSignal):
            return exc
        err = self.ctx.internal_error(exc, self.info.name)
        err.error_record.invocation_info = self.invocation
        return err

    def begin(self):
        self._call(self.cmdlet.begin)

    def process_input(self, obj):
        c = self.cmdlet
        if obj is NO_INPUT:
            if self.expect_input:
                return
            self._call(c.process)
            return
        self.received_input = True
        stream = self.stream
        if stream is not None:
            if self.ctx.stopping:
                self.ctx.check_stop()
            try:
                stream(obj)
            except (Exception, E.FlowSignal) as exc:  # noqa: BLE001 - sorted out by _failure
                raise self._failure(exc)
            return
        fast = self.fast_input
        if fast is not None:
            # same shape as the last object: it goes straight to the one InputObject-like
            # parameter (no conversion, no validation, nothing else to bind)
            c.__dict__[fast] = obj
            c.bound.set_existing(fast, obj)
            self._call(c.process)
            return
        st = self.st
        previous = st.pipeline_bound
        try:
            took = bind_pipeline_object(st, obj, self.ctx)
        except E.DotNetException as exc:
            self.runtime.write_error(self._input_record(exc, obj))
            return
        if not took:
            exc = E.ParameterBindingException(
                "The input object cannot be bound to any parameters for the command either "
                "because the command does not take pipeline input or the input and its "
                "properties do not match any of the parameters that take pipeline input.")
            self.runtime.write_error(self._input_record(exc, obj, "InputObjectNotBound"))
            return
        values = c.__dict__
        for name in previous:
            if name not in st.pipeline_bound:
                # bound from the previous object, not from this one
                values.pop(name, None)
                if name in c.bound:
                    del c.bound[name]
        for k, v in st.pipeline_bound.items():
            values[k] = v
            c.bound[k] = v
        c.parameter_set_name = st.set_name
        try:
            finish_mandatory(st, self.ctx, prompt_missing=False, invocation=self.invocation)
        except E.DotNetException as exc:
            self.runtime.write_error(self._input_record(exc, obj))
            return
        self.fast_input = _fast_input_parameter(self.meta, st)
        self._call(c.process)
        if self.fast_input is not None:
            # later objects bind the same way: the cmdlet may take them from here on through
            # its per-object function, without binding or process()
            self.stream = c.stream(self.runtime.stream_emit())

    def _input_record(self, exc, obj, error_id=None):
        rec = exc.error_record or E.ErrorRecord(exc, error_id or type(exc).__name__,
                                                "InvalidArgument", obj)
        rec.error_id = error_id or rec.error_id
        rec.target_object = obj
        rec.invocation_info = self.invocation
        return rec

    def end(self):
        if self.expect_input and not self.received_input:
            # nothing arrived: PowerShell still runs ProcessRecord once when the mandatory
            # parameters are satisfied without pipeline input
            try:
                finish_mandatory(self.st, self.ctx, prompt_missing=False,
                                 invocation=self.invocation)
                needs = False
            except E.DotNetException:
                needs = True
            if not needs and not _takes_pipeline(self.meta):
                self._call(self.cmdlet.process)
        self._call(self.cmdlet.end)
        self.runtime.finish()

    def dispose(self):
        if self.redirect is not None:
            self.redirect.close()


def _fast_input_parameter(meta, st):
    from spshell.runtime.binding import _has_checks
    if len(st.pipeline_bound) != 1:
        return None
    by_value, by_prop = meta.pipeline_params(st.set_name)
    if len(by_value) != 1 or by_prop:
        return None
    p = by_value[0]
    if p.name not in st.pipeline_bound or p.type not in (object, None) or _has_checks(p):
        return None
    return p.name


def _takes_pipeline(meta):
    return any(p.pipeline or p.by_property for p in meta.parameters.values()) or any(
        p.sets and any(e.get("pipeline") or e.get("by_property") for e in p.sets.values())
        for p in meta.parameters.values())


class PSCmdletFacade:
    """$PSCmdlet inside an advanced function."""

    __ps_type__ = "System.Management.Automation.PSScriptCmdlet"

    def __init__(self, runtime, st, invocation):
        self._rt = runtime
        self._st = st
        self._inv = invocation

    @property
    def ParameterSetName(self):
        return self._st.set_name

    @property
    def MyInvocation(self):
        return self._inv

    @property
    def CommandRuntime(self):
        return self._rt

    def ShouldProcess(self, *args):
        if len(args) == 1:
            return self._rt.should_process(args[0], None)
        if len(args) == 2:
            return self._rt.should_process(args[0], args[1])
        return self._rt.should_process_message(args[0], args[1], args[2])

    def ShouldContinue(self, query, caption, *rest):
        return self._rt.should_continue(query, caption)

    def WriteObject(self, obj, enumerate_collection=False):
        self._rt.write_object(obj, bool(enumerate_collection))

    def WriteError(self, record):
        self._rt.write_error(record)

    def WriteWarning(self, text):
        self._rt.write_warning(str(text))

    def WriteVerbose(self, text):
        self._rt.write_verbose(str(text))

    def WriteDebug(self, text):
        self._rt.write_debug(str(text))

    def ThrowTerminatingError(self, record):
        self._rt.throw_terminating_error(record)


class ScriptProcessor(Processor):
    """A function, filter, script file or script block as a pipeline element."""

    def __init__(self, ctx, f, sb, args, extent, position, expect_input, redirs, name,
                 dot_source=False, script_file=None, command_info=None, top_level=False):
        self.ctx = ctx
        self.sb = sb
        self.f = f
        self.name = name
        self.dot_source = dot_source
        self.script_file = script_file
        self.redirs = redirs
        self.redirect = None
        self.expect_input = expect_input
        self.meta = metadata_for_script(sb, ctx)
        self.meta.name = name
        self.invocation = InvocationInfo(name, extent, position,
                                         name if not name.startswith("<") else None,
                                         invocation_name=name)
        self.invocation.command_info = command_info
        # `exit` in a script file ends that script (setting $LASTEXITCODE), not the session;
        # only the script spshell was started with passes its code to the process
        self.catches_exit = bool(script_file) and not top_level
        self.st = _bind(self.meta, args, ctx, expect_input, self.invocation)
        self.common = split_common(self.st.values, self.meta)
        self.common.update(self.st.common)
        self.input = []
        self.runtime = None
        self.scope = None
        self.bound = None

    @property
    def had_error(self):
        return self.runtime.had_error if self.runtime else False

    def set_downstream(self, downstream):
        if self.redirs:
            self.redirect = Redirector(self.f, self.redirs, downstream)
            downstream = self.redirect.output
            parent = self.redirect.frame
        else:
            parent = self.f
        self.downstream = downstream
        ctx = self.ctx
        parent_scope = self.sb.closure_scope or parent.scope
        if self.dot_source:
            scope = parent.scope
        else:
            from spshell.runtime.scopes import Scope
            scope = Scope(parent_scope, "script" if self.script_file else "function")
        self.scope = scope
        self.frame = Frame(ctx, scope, downstream, parent.streams, self.sb, self.invocation)
        self.runtime = CommandRuntime(ctx, self.frame, self.name, self.common,
                                      self.meta.supports_should_process,
                                      self.meta.confirm_impact, self.invocation)
        self.runtime.downstream = downstream

    def begin(self):
        scope = self.scope
        vars_ = scope.vars
        st = self.st
        bound = Hashtable()
        for k, v in st.values.items():
            bound[k] = v
        for k, v in self.common.items():
            bound[k] = v
        self.bound = bound
        self.invocation.bound = bound
        # defaults are evaluated in the new scope, after the bound values exist
        for name, p in self.meta.parameters.items():
            low = name.lower()
            if name in st.values:
                value = st.values[name]
            elif p.is_switch:
                value = SwitchParameter(False)
            elif getattr(p, "default_fn", None) is not None:
                value = p.default_fn(self.frame)
                if value is AutomationNull:
                    value = None
            else:
                value = _default_for_type(p)
            scope.set_local(low, value, name)
            if p.type is not object and p.type is not None and not p.is_switch:
                from spshell.runtime.scopes import VariableMeta
                try:
                    t = V.resolve_type_or_throw(p.type)
                    scope.set_meta(low, VariableMeta(name, t))
                except E.DotNetException:
                    pass
        vars_["args"] = [a.value for a in st.unbound]
        vars_["psboundparameters"] = bound
        scope.set_local("psboundparameters", bound, "PSBoundParameters")
        vars_["myinvocation"] = self.invocation
        if self.meta.advanced:
            vars_["pscmdlet"] = PSCmdletFacade(self.runtime, st, self.invocation)
            if self.common.get("Verbose"):
                vars_["verbosepreference"] = "Continue"
            if self.common.get("Debug"):
                vars_["debugpreference"] = "Continue"
            if self.common.get("ErrorAction"):
                vars_["erroractionpreference"] = self.common["ErrorAction"]
            if self.common.get("WarningAction"):
                vars_["warningpreference"] = self.common["WarningAction"]
            if self.common.get("WhatIf") is not None:
                vars_["whatifpreference"] = bool(self.common["WhatIf"])
        if self.script_file:
            vars_["psscriptroot"] = os.path.dirname(self.script_file)
            vars_["pscommandpath"] = self.script_file
        begin = self.sb.compiled.begin
        if begin is not None:
            self._run(begin)

    def _run(self, block):
        try:
            block(self.frame)
        except E.ReturnSignal:
            pass
        except E.ExitSignal as ex:
            if not self.catches_exit:
                raise
            self.ctx.global_scope.set_local("lastexitcode", ex.code, "LASTEXITCODE")
            self.ctx.last_success = ex.code == 0
            self.exited = True

    exited = False

    def process_input(self, obj):
        if self.exited:
            return
        process = self.sb.compiled.process
        if obj is NO_INPUT:
            if process is not None and not self.expect_input:
                self.scope.vars["_"] = None
                self._run(process)
            return
        st = self.st
        if process is None:
            self.input.append(obj)
            if self.meta.advanced and bind_pipeline_object(st, obj, self.ctx):
                for k, v in st.pipeline_bound.items():
                    self.scope.set_local(k.lower(), v, k)
                    self.bound[k] = v
            return
        self.scope.vars["_"] = obj
        if self.meta.advanced:
            took = bind_pipeline_object(st, obj, self.ctx)
            if took:
                for k, v in st.pipeline_bound.items():
                    self.scope.set_local(k.lower(), v, k)
                    self.bound[k] = v
        self.received = True
        self._run(process)

    def end(self):
        end = self.sb.compiled.end
        if end is not None and not self.exited:
            self.scope.vars["input"] = _InputEnumerator(self.input)
            self._run(end)
        self.runtime.finish()

    def dispose(self):
        if self.redirect is not None:
            self.redirect.close()


def _default_for_type(p):
    t = p.type
    if isinstance(t, str):
        low = t.lower()
        if low in ("int", "int32", "long", "int64", "double", "float", "decimal", "byte",
                   "single", "system.int32"):
            return 0
        if low in ("bool", "boolean", "system.boolean"):
            return False
        if low in ("string", "system.string"):
            return ""
    return None


class _InputEnumerator(ListEnumerator):
    """$input: the pipeline input of a function without a process block."""

    __ps_type__ = "System.Collections.ArrayList+ArrayListEnumeratorSimple"


class NativeProcessor(Processor):
    """An executable found on PATH: arguments as strings, input as text lines, output lines."""

    def __init__(self, ctx, f, path, args, extent, position, expect_input, redirs):
        self.ctx = ctx
        self.f = f
        self.path = path
        self.argv = [path] + [_native_arg(a) for a in args]
        self.redirs = redirs
        self.redirect = None
        self.lines = []
        self.expect_input = expect_input
        self.failed = False

    def set_downstream(self, downstream):
        if self.redirs:
            self.redirect = Redirector(self.f, self.redirs, downstream)
            downstream = self.redirect.output
        self.downstream = downstream

    def process_input(self, obj):
        if obj is not NO_INPUT:
            self.lines.append(V.to_string(obj))

    @property
    def had_error(self):
        return self.failed

    def end(self):
        import subprocess
        stdin_data = ("\n".join(self.lines) + "\n") if self.lines else None
        try:
            proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE if stdin_data else None,
                                    stdout=subprocess.PIPE, cwd=str(self.ctx.location),
                                    text=True)
            out, _ = proc.communicate(stdin_data)
        except OSError as exc:
            raise E.ps_error(E.RuntimeException,
                             f"Program '{os.path.basename(self.path)}' failed to run: "
                             f"{exc.strerror}", "NativeCommandFailed", "ResourceUnavailable")
        for line in out.splitlines():
            self.downstream(line)
        self.ctx.global_scope.set_local("lastexitcode", proc.returncode, "LASTEXITCODE")
        self.failed = proc.returncode != 0

    def dispose(self):
        if self.redirect is not None:
            self.redirect.close()


def _native_arg(a):
    if a.name is not None:
        text = a.text or ("-" + a.name)
        if a.has_value:
            return text + V.to_string(a.value) if a.colon else text
        return text
    v = a.value
    if isinstance(v, list):
        return ",".join(V.to_string(x) for x in v)
    return V.to_string(v)
