"""Parameter binding, as PowerShell does it (spec §8.14, about_Parameter_Binding): named, then
positional, then pipeline input per object; parameter sets; conversion and validation; mandatory
parameters prompted for or reported. Cmdlets and script functions share this code: a script's
param() block is turned into the same Parameter declarations cmdlets use."""
from __future__ import annotations


from spshell.cmdlet import ALL_SETS, Parameter
from spshell.language import ast as A
from spshell.runtime import errors as E
from spshell.runtime.objects import AutomationNull, SwitchParameter

ACTION_VALUES = ("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break")

COMMON = {
    "Verbose": Parameter(SwitchParameter, aliases=("vb",)),
    "Debug": Parameter(SwitchParameter, aliases=("db",)),
    "ErrorAction": Parameter("System.Management.Automation.ActionPreference", aliases=("ea",),
                             validate_set=ACTION_VALUES),
    "WarningAction": Parameter("System.Management.Automation.ActionPreference", aliases=("wa",),
                               validate_set=ACTION_VALUES),
    "InformationAction": Parameter("System.Management.Automation.ActionPreference",
                                   aliases=("infa",), validate_set=ACTION_VALUES),
    "ProgressAction": Parameter("System.Management.Automation.ActionPreference",
                                aliases=("proga",), validate_set=ACTION_VALUES),
    "ErrorVariable": Parameter(str, aliases=("ev",)),
    "WarningVariable": Parameter(str, aliases=("wv",)),
    "InformationVariable": Parameter(str, aliases=("iv",)),
    "OutVariable": Parameter(str, aliases=("ov",)),
    "OutBuffer": Parameter(int, aliases=("ob",)),
    "PipelineVariable": Parameter(str, aliases=("pv",)),
}
SHOULD_PROCESS = {
    "WhatIf": Parameter(SwitchParameter, aliases=("wi",)),
    "Confirm": Parameter(SwitchParameter, aliases=("cf",)),
}
for _n, _p in list(COMMON.items()) + list(SHOULD_PROCESS.items()):
    _p.name = _n
COMMON_NAMES = frozenset(n.lower() for n in list(COMMON) + list(SHOULD_PROCESS))


class CommandMetadata:
    def __init__(self, name, parameters, default_set=None, positional_binding=True,
                 supports_should_process=False, confirm_impact="Medium", advanced=True,
                 simple_positional=False):
        self.name = name
        self.parameters = dict(parameters)  # name -> Parameter (declaration order)
        self.default_set = default_set
        self.positional_binding = positional_binding
        self.supports_should_process = supports_should_process
        self.confirm_impact = confirm_impact
        self.advanced = advanced  # cmdlets and [CmdletBinding()] functions
        self.simple_positional = simple_positional
        self.all_parameters = dict(self.parameters)
        if advanced:
            for n, p in COMMON.items():
                self.all_parameters.setdefault(n, p)
            if supports_should_process:
                for n, p in SHOULD_PROCESS.items():
                    self.all_parameters.setdefault(n, p)
        self.lookup = {}
        for n, p in self.all_parameters.items():
            self.lookup[n.lower()] = n
        for n, p in self.all_parameters.items():
            for a in p.aliases:
                self.lookup.setdefault(a.lower(), n)
        self._pipe_cache = {}
        self._mandatory_cache = {}
        sets = set()
        for p in self.parameters.values():
            if p.sets:
                sets.update(p.sets)
        self.sets = sorted(sets) if sets else [ALL_SETS]
        if default_set and default_set not in self.sets and sets:
            self.sets.append(default_set)

    def pipeline_params(self, s):
        """(by value, by property name) parameters of one set, computed once."""
        got = self._pipe_cache.get(s)
        if got is None:
            ins = [p for p in self.parameters.values() if s == ALL_SETS or p.in_set(s)]
            got = ([p for p in ins if p.setting(s, "pipeline")],
                   [p for p in ins if p.setting(s, "by_property")])
            self._pipe_cache[s] = got
        return got

    def mandatory_in(self, s):
        got = self._mandatory_cache.get(s)
        if got is None:
            got = [p for p in self.parameters.values()
                   if p.in_set(s) and p.setting(s, "mandatory")]
            self._mandatory_cache[s] = got
        return got

    def find(self, prefix):
        """Exact name/alias, else unique prefix. -> canonical name, or raises."""
        low = prefix.lower()
        if low in self.lookup:
            return self.lookup[low]
        matches = sorted({self.lookup[k] for k in self.lookup if k.startswith(low)})
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise _binding_error(
                f"Parameter cannot be processed because the parameter name '{prefix}' is "
                f"ambiguous. Possible matches include: "
                + " ".join("-" + m for m in matches) + ".",
                "AmbiguousParameter", self.name, E.ParameterBindingException)
        return None


def _binding_error(message, error_id, command, cls=E.ParameterBindingException,
                   category="InvalidArgument", target=None):
    exc = cls(message)
    rec = E.ErrorRecord(exc, error_id, category, target)
    rec.command_name_for_id = command
    return exc


_CMDLET_META = {}


def metadata_for_cmdlet(cls):
    meta = _CMDLET_META.get(cls)
    if meta is None:
        meta = CommandMetadata(cls.name, cls.parameters, cls.default_parameter_set,
                               cls.positional_binding, cls.supports_should_process,
                               cls.confirm_impact, advanced=True)
        _CMDLET_META[cls] = meta
    return meta


# ---------------------------------------------------------------------------- script params

def _eval_attr_arg(ctx, expr):
    from spshell.runtime.compiler import compile_expression
    if expr is None:
        return True
    fn = compile_expression(expr)
    from spshell.runtime.frame import Frame
    v = fn(Frame(ctx, ctx.global_scope, lambda o: None))
    return None if v is AutomationNull else v


def _attr(a):
    n = a.type_name.name.lower()
    return n[:-9] if n.endswith("attribute") else n


def metadata_for_script(sb, ctx):
    """Parameter metadata from a script block's param() block (cached on the ScriptBlock)."""
    if sb._param_meta is not None:
        return sb._param_meta
    from spshell.runtime import validation
    compiled = sb.compiled
    advanced = compiled.cmdlet_binding
    params = {}
    for sp in compiled.parameters:
        ptype = object
        kw = {}
        sets = {}
        aliases = []
        validators = []
        for a in sp.ast.attributes:
            if isinstance(a, A.TypeConstraintAst):
                ptype = a.type_name.full_text()
                continue
            name = _attr(a)
            pos_args = [_eval_attr_arg(ctx, x) for x in a.positional_args]
            named = {k.lower(): _eval_attr_arg(ctx, v) for k, v in a.named_args}
            if name == "parameter":
                set_name = named.get("parametersetname") or ALL_SETS
                entry = {}
                from spshell.runtime.conversion import to_bool
                if "mandatory" in named:
                    entry["mandatory"] = to_bool(named["mandatory"])
                if "position" in named:
                    entry["position"] = int(named["position"])
                if "valuefrompipeline" in named:
                    entry["pipeline"] = to_bool(named["valuefrompipeline"])
                if "valuefrompipelinebypropertyname" in named:
                    entry["by_property"] = to_bool(named["valuefrompipelinebypropertyname"])
                if "valuefromremainingarguments" in named:
                    kw["value_from_remaining"] = to_bool(named["valuefromremainingarguments"])
                if "helpmessage" in named:
                    kw["help"] = str(named["helpmessage"])
                if "dontshow" in named:
                    kw["dont_show"] = to_bool(named["dontshow"])
                sets[set_name] = entry
            elif name == "alias":
                aliases.extend(str(x) for x in _flatten(pos_args))
            else:
                v = validation.from_attribute(name, pos_args, named, ctx)
                if v is not None:
                    validators.append(v)
        all_sets = sets.pop(ALL_SETS, None)
        base = all_sets or {}
        if sets:
            if all_sets is not None:
                # a parameter in all sets plus named sets: named entries override
                pass
            param_sets = {k: dict(v) for k, v in sets.items()}
        else:
            param_sets = None
        p = Parameter(ptype, mandatory=base.get("mandatory", False),
                      position=base.get("position"), sets=param_sets,
                      pipeline=base.get("pipeline", False),
                      by_property=base.get("by_property", False), aliases=aliases, **kw)
        if param_sets:
            # a single [Parameter(ParameterSetName=...)] carries mandatory/position for that set
            for sname, entry in param_sets.items():
                for key in ("mandatory", "position", "pipeline", "by_property"):
                    entry.setdefault(key, getattr(p, key))
        p.name = sp.name
        p.validators = validators
        p.default_fn = sp.default_fn
        params[sp.name] = p
    def setting(name, default):
        present, expr = compiled.binding_attribute(name)
        return _eval_attr_arg(ctx, expr) if present else default
    default_set = setting("DefaultParameterSetName", None)
    from spshell.runtime.conversion import to_bool
    sps = to_bool(setting("SupportsShouldProcess", False))
    impact = str(setting("ConfirmImpact", "Medium"))
    posb = to_bool(setting("PositionalBinding", True))
    explicit_positions = any(p.position is not None or
                             (p.sets and any("position" in e and e["position"] is not None
                                             for e in p.sets.values()))
                             for p in params.values())
    if posb and not explicit_positions:
        # without explicit positions every parameter is positional in declaration order
        i = 0
        for p in params.values():
            if not p.is_switch:
                p.position = i
                if p.sets:
                    for e in p.sets.values():
                        if e.get("position") is None:
                            e["position"] = i
                i += 1
    meta = CommandMetadata("<ScriptBlock>", params, default_set, posb, sps, impact,
                           advanced=advanced)
    sb._param_meta = meta
    return meta


def _flatten(values):
    out = []
    for v in values:
        if isinstance(v, list):
            out.extend(_flatten(v))
        else:
            out.append(v)
    return out


# -------------------------------------------------------------------------------- arguments

class Arg:
    """One command-line element after the command name."""

    __slots__ = ("name", "value", "has_value", "extent", "colon", "text", "splatted_name")

    def __init__(self, name=None, value=None, has_value=True, extent=None, colon=False,
                 text=None):
        self.name = name  # parameter name without '-' (None for positional values)
        self.value = value
        self.has_value = has_value
        self.extent = extent
        self.colon = colon
        self.text = text  # how a -name looked, for $args of simple functions
        self.splatted_name = False


class BindState:
    def __init__(self, meta):
        self.meta = meta
        self.values = {}  # canonical name -> converted value (command line)
        self.common = {}  # canonical common-parameter name -> value
        self.unbound = []  # leftover args for $args
        self.sets = None  # candidate set names
        self.set_name = ALL_SETS
        self.pipeline_bound = {}
        self.pipe_order = None  # set name -> order in which sets are tried for input


def bind_command_line(meta, args, ctx, expect_input=False, prompt_missing=True,
                      invocation=None):
    st = BindState(meta)
    candidate = set(meta.sets)
    positional = []
    i = 0
    n = len(args)
    while i < n:
        a = args[i]
        i += 1
        if a.name is None:
            positional.append(a)
            continue
        pname = meta.find(a.name)
        if pname is None:
            if not meta.advanced:
                st.unbound.append(Arg(None, a.text or ("-" + a.name), True, a.extent))
                if a.colon and a.has_value:
                    st.unbound.append(Arg(None, a.value, True, a.extent))
                continue
            raise _binding_error(
                f"A parameter cannot be found that matches parameter name '{a.name}'.",
                "NamedParameterNotFound", meta.name, target=a.name)
        p = meta.all_parameters[pname]
        if a.has_value:
            value = a.value
        elif p.is_switch:
            value = SwitchParameter(True)
        else:
            if i < n and args[i].name is None:
                value = args[i].value
                i += 1
            else:
                raise _binding_error(
                    f"Missing an argument for parameter '{pname}'. Specify a parameter of type "
                    f"'{_type_name_for_message(p)}' and try again.",
                    "MissingArgument", meta.name, target=pname)
        if pname in st.values or pname in st.common:
            raise _binding_error(
                f"Cannot bind parameter because parameter '{pname}' is specified more than "
                "once. To provide multiple values to parameters that can accept multiple values, "
                'use the array syntax. For example, "-parameter value1,value2,value3".',
                "ParameterAlreadyBound", meta.name, target=pname)
        if pname.lower() in COMMON_NAMES and pname not in meta.parameters:
            st.common[pname] = _convert_common(pname, p, value, meta)
            continue
        st.values[pname] = convert_and_validate(p, value, meta, ctx)
        if p.sets:
            candidate &= set(p.sets)
            if not candidate:
                raise _set_error(meta)
    # positional
    if positional:
        remaining = list(positional)
        if meta.positional_binding or not meta.advanced:
            while remaining:
                choices = _next_positional(meta, st, candidate, remaining[0].value)
                if not choices:
                    break
                first_error = None
                for p in choices:
                    try:
                        if p.value_from_remaining:
                            vals = [r.value for r in remaining]
                            value = convert_and_validate(
                                p, vals if len(vals) != 1 else vals[0], meta, ctx)
                        else:
                            value = convert_and_validate(p, remaining[0].value, meta, ctx)
                    except E.ParameterBindingException as exc:
                        first_error = first_error or exc
                        continue
                    break
                else:
                    raise first_error
                if p.value_from_remaining:
                    remaining = []
                else:
                    remaining.pop(0)
                st.values[p.name] = value
                if p.sets:
                    candidate &= set(p.sets)
        if remaining:
            # ValueFromRemainingArguments takes what is left even when named
            rest_p = next((p for p in meta.parameters.values()
                           if p.value_from_remaining and p.name not in st.values
                           and (not p.sets or set(p.sets) & candidate)), None)
            if rest_p is not None:
                vals = [r.value for r in remaining]
                st.values[rest_p.name] = convert_and_validate(rest_p, vals, meta, ctx)
                remaining = []
        if remaining:
            if meta.advanced:
                from spshell.runtime.conversion import to_string
                raise _binding_error(
                    "A positional parameter cannot be found that accepts argument "
                    f"'{to_string(remaining[0].value)}'.",
                    "PositionalParameterNotFound", meta.name, target=remaining[0].value)
            st.unbound.extend(remaining)
    st.sets = candidate
    _resolve_set(st, expect_input)
    if not expect_input:
        finish_mandatory(st, ctx, prompt_missing, invocation)
    return st


def _type_name_for_message(p):
    if p.type_name:
        return p.type_name
    t = p.type
    if isinstance(t, str):
        return t if "." in t else {"string": "System.String", "string[]": "System.String[]",
                                   "int": "System.Int32", "object": "System.Object"}.get(
            t.lower(), t)
    if t is object:
        return "System.Object"
    if t is str:
        return "System.String"
    if t is int:
        return "System.Int32"
    if t is bool:
        return "System.Boolean"
    return getattr(t, "__ps_type__", "System.Object")


def _next_positional(meta, st, candidate, value=None):
    best = None
    best_pos = None
    default = meta.default_set
    tied = []
    for p in meta.parameters.values():
        if p.name in st.values:
            continue
        if p.sets:
            sets = [s for s in p.sets if s in candidate]
            if not sets:
                continue
            positions = [p.setting(s, "position") for s in sets]
            positions = [x for x in positions if x is not None]
            if not positions:
                continue
            if default in sets and p.setting(default, "position") is not None:
                pos = p.setting(default, "position")
            else:
                pos = min(positions)
        else:
            pos = p.position
            if pos is None:
                continue
        if best_pos is None or pos < best_pos:
            best, best_pos = p, pos
            tied = [p]
        elif pos == best_pos:
            tied.append(p)
            if default and p.sets and default in p.sets:
                best = p
    if best is None:
        return []
    # spec §8.14: among parameters at the same position (different sets), the one that takes
    # the argument without conversion wins, then the default set's, then any that converts
    ordered = [best] + [p for p in tied if p is not best]
    if len(tied) > 1 and value is not None:
        exact = [p for p in ordered if p.type is not object and _matches_type(value, p.type)]
        ordered = exact + [p for p in ordered if p not in exact]
    return ordered


def _set_error(meta):
    return _binding_error(
        "Parameter set cannot be resolved using the specified named parameters. One or more "
        "parameters issued cannot be used together or an insufficient number of parameters were "
        "provided.", "AmbiguousParameterSet", meta.name)


def _resolve_set(st, expect_input):
    meta = st.meta
    cand = st.sets
    if meta.sets == [ALL_SETS]:
        st.set_name = meta.default_set or ALL_SETS
        return
    if len(cand) == 1:
        st.set_name = next(iter(cand))
        return
    # prefer sets whose mandatory parameters are all bound (pipeline can supply one more)
    satisfied = []
    for s in sorted(cand):
        missing = [p for p in meta.parameters.values()
                   if p.in_set(s) and p.setting(s, "mandatory") and p.name not in st.values
                   and not (expect_input and (p.setting(s, "pipeline")
                                              or p.setting(s, "by_property")))]
        if not missing:
            satisfied.append(s)
    if meta.default_set in cand and (meta.default_set in satisfied or not satisfied):
        st.set_name = meta.default_set
    elif len(satisfied) == 1:
        st.set_name = satisfied[0]
    elif satisfied:
        # several complete sets: the one that uses the most bound parameters wins
        def score(s):
            return sum(1 for n in st.values if meta.parameters[n].sets and s in
                       meta.parameters[n].sets)
        best = sorted(satisfied, key=lambda s: (-score(s), s))
        if len(best) > 1 and score(best[0]) == score(best[1]) and not expect_input:
            raise _set_error(meta)
        st.set_name = best[0]
    else:
        st.set_name = meta.default_set if meta.default_set in cand else sorted(cand)[0]


def finish_mandatory(st, ctx, prompt_missing=True, invocation=None):
    meta = st.meta
    s = st.set_name
    missing = [p for p in meta.mandatory_in(s)
               if p.name not in st.values and p.name not in st.pipeline_bound]
    if not missing:
        return
    host = ctx.host if ctx is not None else None
    if prompt_missing and host is not None and host.is_interactive:
        from spshell.runtime.prompting import prompt_for_parameters
        values = prompt_for_parameters(host, meta, missing, invocation)
        for p, v in zip(missing, values):
            st.values[p.name] = convert_and_validate(p, v, meta, ctx)
        return
    names = " ".join(p.name for p in missing)
    raise _binding_error(
        f"Cannot process command because of one or more missing mandatory parameters: {names}.",
        "MissingMandatoryParameter", meta.name)


def _convert_common(name, p, value, meta):
    from spshell.runtime.conversion import to_string
    if p.is_switch:
        return _to_switch(value, name, meta)
    if p.validate_set:
        text = to_string(value)
        for v in p.validate_set:
            if v.lower() == text.lower():
                return v
        raise _binding_error(
            f"Cannot bind parameter '{name}'. Cannot convert value \"{text}\" to type "
            '"System.Management.Automation.ActionPreference". Error: "Unable to match the '
            f"identifier name {text} to a valid enumerator name. Specify one of the following "
            f'enumerator names and try again:\n{", ".join(ACTION_VALUES[:5])}"',
            "CannotConvertArgumentNoMessage", meta.name)
    if name == "OutBuffer":
        return int(value)
    return value if value is None else to_string(value)


def _to_switch(value, name, meta):
    if isinstance(value, SwitchParameter):
        return value
    if value is None or value is AutomationNull:
        return SwitchParameter(False)
    if isinstance(value, bool):
        return SwitchParameter(value)
    if isinstance(value, (int, float)):
        return SwitchParameter(value != 0)
    from spshell.runtime.conversion import to_string
    raise _binding_error(
        f"Cannot process argument transformation on parameter '{name}'. Cannot convert value "
        f'"{to_string(value)}" to type "System.Management.Automation.SwitchParameter". Boolean '
        "parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
        "ParameterArgumentTransformationError", meta.name,
        E.ParameterBindingArgumentTransformationException)


def convert_and_validate(p, value, meta, ctx):
    from spshell.runtime.conversion import convert_to, to_string
    from spshell.runtime import validation
    if value is AutomationNull:
        value = None
    if p.is_switch:
        return _to_switch(value, p.name, meta)
    t = p.type
    if t is not object and t is not None:
        if t is bool or (isinstance(t, str) and t.lower() in ("bool", "boolean",
                                                               "system.boolean")):
            if not isinstance(value, (bool, int, float, SwitchParameter)) and value is not None:
                raise _binding_error(
                    f"Cannot process argument transformation on parameter '{p.name}'. Cannot "
                    f'convert value "{to_string(value)}" to type "System.Boolean". Boolean '
                    "parameters accept only Boolean values and numbers, such as $True, $False, "
                    "1 or 0.", "ParameterArgumentTransformationError", meta.name,
                    E.ParameterBindingArgumentTransformationException)
        if value is not None or not _is_reference_type(t):
            try:
                value = convert_to(value, t)
            except E.DotNetException as exc:
                if not meta.advanced and isinstance(value, list) and _is_string_type(t):
                    value = to_string(value)
                else:
                    raise _binding_error(
                        f"Cannot process argument transformation on parameter '{p.name}'. "
                        f"{exc.Message}", "ParameterArgumentTransformationError", meta.name,
                        E.ParameterBindingArgumentTransformationException)
    validation.validate_parameter(p, value, meta)
    return value


def _is_string_type(t):
    return t is str or (isinstance(t, str) and t.lower() in ("string", "system.string"))


def _is_reference_type(t):
    if t is str or t is object:
        return True
    if isinstance(t, str):
        low = t.lower()
        return low.endswith("[]") or low not in (
            "int", "int32", "long", "int64", "double", "float", "single", "decimal", "byte",
            "bool", "boolean", "char", "datetime", "timespan", "guid", "system.int32",
            "system.int64", "system.double", "system.boolean", "system.datetime")
    return t not in (int, float, bool)


# ---------------------------------------------------------------------------- pipeline input

def bind_pipeline_object(st, obj, ctx):
    """Bind one input object; returns True when some parameter took it."""
    meta = st.meta
    st.pipeline_bound = {}
    key = st.set_name
    sets_order = st.pipe_order.get(key) if st.pipe_order is not None else None
    if sets_order is None:
        cand_sets = st.sets if st.sets else set(meta.sets)
        sets_order = [st.set_name] + [s for s in sorted(cand_sets) if s != st.set_name] \
            if st.set_name in cand_sets else sorted(cand_sets)
        if meta.sets == [ALL_SETS]:
            sets_order = [ALL_SETS]
        if st.pipe_order is None:
            st.pipe_order = {}
        st.pipe_order[key] = sets_order
    for convert in (False, True):
        for s in sets_order:
            bound = _try_bind_in_set(st, obj, s, convert, ctx)
            if bound:
                if s != ALL_SETS:
                    st.set_name = s
                return True
    return False


def _try_bind_in_set(st, obj, s, convert, ctx):
    meta = st.meta
    took = {}
    values = st.values
    by_value, by_prop = meta.pipeline_params(s)
    for p in by_value:
        if p.name in values:
            continue
        v = _pipe_convert(p, obj, convert, meta, ctx)
        if v is not _NO:
            took[p.name] = v
            break
    by_prop = [p for p in by_prop if p.name not in values and p.name not in took]
    if by_prop and obj is not None:
        from spshell.runtime import types
        for p in by_prop:
            for nm in (p.name,) + p.aliases:
                if types.has_property(obj, nm):
                    v = _pipe_convert(p, types.get_property(obj, nm), convert, meta, ctx)
                    if v is not _NO:
                        took[p.name] = v
                        break
    if not took:
        return False
    st.pipeline_bound = took
    return True


_NO = object()


def _pipe_convert(p, value, convert, meta, ctx):
    t = p.type
    if (t is object or t is None) and not _has_checks(p):
        return value  # InputObject of most cmdlets: nothing to convert or validate
    if not convert:
        if t is object or t is None or _matches_type(value, t):
            try:
                return convert_and_validate(p, value, meta, ctx) if t is not object else \
                    _validated(p, value, meta)
            except E.ParameterBindingException:
                return _NO
        return _NO
    try:
        return convert_and_validate(p, value, meta, ctx)
    except E.DotNetException:
        return _NO


def _has_checks(p):
    checks = p.__dict__.get("_has_checks")
    if checks is None:
        checks = bool(p.validate_set or p.validate_range or p.validate_pattern or
                      p.validate_length or p.validate_count or p.validate_script or
                      p.not_null or p.not_null_or_empty or getattr(p, "validators", None))
        p.__dict__["_has_checks"] = checks
    return checks


def _validated(p, value, meta):
    from spshell.runtime import validation
    validation.validate_parameter(p, value, meta)
    return value


def _matches_type(value, t):
    from spshell.runtime import types
    try:
        pst = types.resolve_type(t) if isinstance(t, str) else None
    except Exception:  # noqa: BLE001
        pst = None
    if isinstance(t, type):
        if t is int:
            return value.__class__ is int
        return isinstance(value, t)
    if pst is not None:
        if getattr(pst, "is_array", False) or str(t).endswith("[]"):
            elem = getattr(pst, "element_type", None)
            if elem is None:
                return True
            return types.is_instance(value, elem)
        return types.is_instance(value, pst)
    return False

