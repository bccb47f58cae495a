"""ForEach-Object, Where-Object, Tee-Object, Get-Unique."""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import PSArgumentException, ps_error
from spshell.runtime.objects import AutomationNull, PSCustomObject, SwitchParameter

from . import _operators
from ._util import (as_list, get_prop, has_prop, has_wildcard, like, prop_names, to_bool,
                    to_str, type_name)


class ForEachObject(Cmdlet):
    name = "ForEach-Object"
    implementing_type = "Microsoft.PowerShell.Commands.ForEachObjectCommand"
    default_parameter_set = "ScriptBlockSet"
    help = Help(
        synopsis="Runs a script block, or reads a member, for each object in the pipeline.",
        description="With script blocks, -Begin runs once before any input, -Process runs for "
                    "every input object (available as $_ or $PSItem) and -End runs once after "
                    "the last one. Several positional script blocks are taken as begin, "
                    "process (one or more) and end blocks. With -MemberName the cmdlet returns "
                    "the value of a property or calls a method of each input object.",
        examples=[Example("1..3 | ForEach-Object { $_ * 2 }", "Doubles each number."),
                  Example("'a.b','c.d' | ForEach-Object -MemberName Split -ArgumentList '.'",
                          "Calls String.Split('.') on each string."),
                  Example("1..2 | ForEach-Object { 'begin' } { 'process' } { 'end' }",
                          "Positional blocks: begin, process, end.")])
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to process.")
    Begin = Parameter("scriptblock", sets={"ScriptBlockSet": {}},
                      help="A script block run before the first input object.")
    Process = Parameter("scriptblock[]", sets={"ScriptBlockSet": {"mandatory": True,
                                                                  "position": 0}},
                        allow_null=True, allow_empty=True,
                        help="The script block(s) run for each input object.")
    End = Parameter("scriptblock", sets={"ScriptBlockSet": {}},
                    help="A script block run after the last input object.")
    RemainingScripts = Parameter("scriptblock[]", sets={"ScriptBlockSet": {}},
                                 value_from_remaining=True, allow_null=True, allow_empty=True,
                                 help="Further positional script blocks.")
    MemberName = Parameter(str, sets={"PropertyAndMethodSet": {"mandatory": True,
                                                               "position": 0}},
                           help="The property to read or method to call.")
    ArgumentList = Parameter("object[]", sets={"PropertyAndMethodSet": {}}, aliases=("Args",),
                             value_from_remaining=True, help="Arguments of the method call.")

    def begin(self):
        self._member_mode = self.parameter_set_name == "PropertyAndMethodSet"
        if self._member_mode:
            return
        scripts = list(as_list(self.Process)) + list(as_list(self.RemainingScripts))
        begin, end = self.Begin, self.End
        start, stop = 0, len(scripts)
        # PowerShell's positional rule: with several blocks and no explicit -Begin the first is
        # the begin block; with three or more and no explicit -End the last is the end block
        if len(scripts) > 1 and "Begin" not in self.bound:
            begin = scripts[0]
            start = 1
        if len(scripts) > 2 and "End" not in self.bound:
            end = scripts[-1]
            stop = len(scripts) - 1
        self._process_blocks = [b for b in scripts[start:stop] if b is not None]
        self._process_runners = [self.context.invoker(b, self.write_object)
                                 for b in self._process_blocks]
        self._end = end
        if begin is not None:
            self._emit(self.context.invoke(begin, dot_source=True))

    def _emit(self, results):
        for r in results:
            if r is not AutomationNull:
                self.write_object(r)

    def process(self):
        obj = self.InputObject
        if self._member_mode:
            self._member(obj)
            return
        for run in self._process_runners:
            run(obj)

    def stream(self, emit):
        if self._member_mode:
            return None
        runners = [self.context.invoker(b, emit) for b in self._process_blocks]
        if len(runners) == 1:
            return runners[0]

        def run_all(obj):
            for run in runners:
                run(obj)
        return run_all

    def end(self):
        if not self._member_mode and self._end is not None:
            self._emit(self.context.invoke(self._end, dot_source=True))

    def _member(self, obj):
        from spshell.runtime import types
        name = self.MemberName
        args = as_list(self.ArgumentList)
        if obj is None:
            return
        if has_wildcard(name):
            members = [m for m in types.get_members(obj) if like(getattr(m, "Name", ""), name)]
            if len(members) > 1:
                self.write_error(ps_error(PSArgumentException,
                                          f'Input name "{name}" is ambiguous. It can be resolved '
                                          f'to multiple matched members. The matched members '
                                          f'are: {", ".join(m.Name for m in members)}.',
                                          "AmbiguousPropertyOrMethodName", "InvalidArgument",
                                          obj))
                return
            if members:
                name = members[0].Name
        method = self._find_method(obj, name)
        if args or (method and not has_prop(obj, name)):
            if not method:
                self.write_error(ps_error(PSArgumentException,
                                          f'Input name "{name}" cannot be resolved to a method.',
                                          "MethodNotFound", "InvalidArgument", obj))
                return
            result = types.invoke_method(obj, name, args)
            if result is not AutomationNull:
                self.write_object(result, True)
            return
        if has_prop(obj, name) or isinstance(obj, PSCustomObject) is False and \
                get_prop(obj, name) is not None:
            self.write_object(get_prop(obj, name), True)
            return
        self.write_error(ps_error(PSArgumentException,
                                  f'Input name "{name}" cannot be resolved to a member.',
                                  "PropertyOrMethodNotFound", "InvalidArgument", obj))

    @staticmethod
    def _find_method(obj, name):
        from spshell.runtime import types
        low = name.lower()
        for m in types.get_members(obj):
            mt = str(getattr(m, "MemberType", ""))
            if getattr(m, "Name", "").lower() == low and "Method" in mt:
                return True
        return False


# ---- Where-Object ---------------------------------------------------------------------------
# (switch name, operator, case sensitive, aliases)
_WHERE_OPERATORS = [
    ("EQ", "eq", False, ("IEQ",)), ("CEQ", "eq", True, ()),
    ("NE", "ne", False, ("INE",)), ("CNE", "ne", True, ()),
    ("GT", "gt", False, ("IGT",)), ("CGT", "gt", True, ()),
    ("LT", "lt", False, ("ILT",)), ("CLT", "lt", True, ()),
    ("GE", "ge", False, ("IGE",)), ("CGE", "ge", True, ()),
    ("LE", "le", False, ("ILE",)), ("CLE", "le", True, ()),
    ("Like", "like", False, ("ILike",)), ("CLike", "like", True, ()),
    ("NotLike", "notlike", False, ("INotLike",)), ("CNotLike", "notlike", True, ()),
    ("Match", "match", False, ("IMatch",)), ("CMatch", "match", True, ()),
    ("NotMatch", "notmatch", False, ("INotMatch",)), ("CNotMatch", "notmatch", True, ()),
    ("Contains", "contains", False, ("IContains",)), ("CContains", "contains", True, ()),
    ("NotContains", "notcontains", False, ("INotContains",)),
    ("CNotContains", "notcontains", True, ()),
    ("In", "in", False, ("IIn",)), ("CIn", "in", True, ()),
    ("NotIn", "notin", False, ("INotIn",)), ("CNotIn", "notin", True, ()),
    ("Is", "is", False, ()), ("IsNot", "isnot", False, ()),
]


def _set_name(switch):
    return {"EQ": "EqualSet", "Not": "NotSet"}.get(switch, switch + "Set")


_COMPARISON_SETS = [_set_name(op[0]) for op in _WHERE_OPERATORS] + ["NotSet"]


class WhereObject(Cmdlet):
    name = "Where-Object"
    implementing_type = "Microsoft.PowerShell.Commands.WhereObjectCommand"
    default_parameter_set = "EqualSet"
    help = Help(
        synopsis="Selects the objects of the pipeline that satisfy a condition.",
        description="With -FilterScript, passes on each input object for which the script "
                    "block returns a true value ($_ is the current object). The simplified "
                    "syntax names a property and an operator: 'Where-Object Name -like a*', "
                    "'Where-Object Count -gt 3', or just 'Where-Object Enabled' (the property "
                    "value is true). Operators prefixed with C are case-sensitive; -Not keeps "
                    "objects whose property is false or missing.",
        examples=[Example("1..10 | Where-Object { $_ % 2 -eq 0 }", "Even numbers."),
                  Example("Get-ChildItem | Where-Object Length -gt 1kb",
                          "Files larger than 1 KB."),
                  Example("$items | Where-Object -Not Enabled",
                          "Objects whose Enabled property is false or missing.")])
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to filter.")
    FilterScript = Parameter("scriptblock", sets={"ScriptBlockSet": {"mandatory": True,
                                                                     "position": 0}},
                             help="The condition, as a script block.")
    Property = Parameter(str, sets={s: {"mandatory": True, "position": 0}
                                    for s in _COMPARISON_SETS},
                         help="The name of the property to test.")
    Value = Parameter(object, sets={s: {"position": 1} for s in _COMPARISON_SETS
                                    if s != "NotSet"},
                      allow_null=True, help="The value to compare the property with.")
    Not = Parameter(SwitchParameter, sets={"NotSet": {"mandatory": True}},
                    help="Keeps objects whose property is false or does not exist.")

    _filter = None

    def begin(self):
        psn = self.parameter_set_name
        self._op = None
        self._cs = False
        for switch, op, cs, _ in _WHERE_OPERATORS:
            if _set_name(switch) == psn:
                self._op, self._cs = op, cs
        if psn == "EqualSet" and not self.bound.get("EQ") and "Value" not in self.bound:
            self._op = None  # `Where-Object Enabled`: truthiness of the property

    def stream(self, emit):
        if self._filter is None:
            return None
        return self.context.tester(self.FilterScript, emit)

    def process(self):
        obj = self.InputObject
        psn = self.parameter_set_name
        if psn == "ScriptBlockSet":
            test = self._filter
            if test is None:
                test = self._filter = self.context.tester(self.FilterScript)
            if test(obj):
                self.write_object(obj)
            return
        name = self.Property
        value = self._property_value(obj, name)
        if psn == "NotSet":
            if not to_bool(value):
                self.write_object(obj)
            return
        if self._op is None:
            if to_bool(value):
                self.write_object(obj)
            return
        if _operators.evaluate(self._op, value, self.Value, self._cs):
            self.write_object(obj)

    @staticmethod
    def _property_value(obj, name):
        if obj is None:
            return None
        if has_wildcard(name):
            for n in prop_names(obj):
                if like(n, name):
                    return get_prop(obj, n)
            return None
        return get_prop(obj, name)


def _add_operator_switches():
    for switch, _op, _cs, aliases in _WHERE_OPERATORS:
        set_name = _set_name(switch)
        mandatory = switch != "EQ"  # -EQ may be omitted: `Where-Object Name Value`
        p = Parameter(SwitchParameter, sets={set_name: {"mandatory": mandatory}},
                      aliases=aliases, help=f"Uses the -{switch.lower()} comparison.")
        p.__set_name__(WhereObject, switch)
        setattr(WhereObject, switch, p)
        WhereObject.parameters[switch] = p
        WhereObject._own_parameters[switch] = p


_add_operator_switches()


class TeeObject(Cmdlet):
    name = "Tee-Object"
    implementing_type = "Microsoft.PowerShell.Commands.TeeObjectCommand"
    default_parameter_set = "File"
    help = Help(
        synopsis="Saves command output in a file or variable and also sends it down the pipeline.",
        description="Passes every input object on unchanged and also stores it: in a variable "
                    "(-Variable, which receives all objects at the end) or in a file "
                    "(-FilePath, written as the console would show the objects).",
        examples=[Example("Get-Process | Tee-Object -FilePath procs.txt | Sort-Object CPU",
                          "Saves the list in procs.txt and sorts it."),
                  Example("1..3 | Tee-Object -Variable nums", "Shows 1..3 and sets $nums.")])
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The object to save and pass on.")
    FilePath = Parameter(str, sets={"File": {"mandatory": True, "position": 0}},
                         aliases=("Path",), help="The file to write.")
    LiteralPath = Parameter(str, sets={"LiteralFile": {"mandatory": True}},
                            aliases=("PSPath", "LP"), help="The file to write, taken literally.")
    Append = Parameter(SwitchParameter, sets={"File": {}, "LiteralFile": {}},
                       help="Adds to the end of the file instead of replacing it.")
    Encoding = Parameter(str, sets={"File": {}, "LiteralFile": {}}, default="utf8NoBOM",
                         help="The file encoding.")
    Variable = Parameter(str, sets={"Variable": {"mandatory": True}},
                         help="The variable that receives the objects.")

    def begin(self):
        self._items = []

    def process(self):
        self._items.append(self.InputObject)
        self.write_object(self.InputObject)

    def end(self):
        if self.parameter_set_name == "Variable":
            items = self._items
            value = items[0] if len(items) == 1 else list(items)
            if not items:
                value = None
            self.context.set_variable(self.Variable, value)
            return
        from spshell.formatting import render
        from ._filesystem import encoding_for
        path = self.context.resolve_path(self.FilePath or self.LiteralPath)
        width = getattr(self.context.host, "width", 120) or 120
        text = render([i for i in self._items if i is not None], width) if self._items else ""
        enc, bom = encoding_for(self.Encoding)
        mode = "a" if self.Append else "w"
        with open(path, mode, encoding=enc, newline="") as fh:
            if bom and mode == "w":
                fh.write("\ufeff")
            fh.write(text)


class GetUnique(Cmdlet):
    name = "Get-Unique"
    implementing_type = "Microsoft.PowerShell.Commands.GetUniqueCommand"
    default_parameter_set = "AsString"
    help = Help(
        synopsis="Returns the unique items of a sorted list.",
        description="Drops each object that equals the one just before it, so the input "
                    "should be sorted first. Comparison is by string value (case-sensitive "
                    "unless -CaseInsensitive) or, with -OnType, by type name.",
        examples=[Example("1,1,2,3,3 | Get-Unique", "Returns 1, 2, 3."),
                  Example("'a','A','b' | Get-Unique -CaseInsensitive", "Returns a, b.")])
    InputObject = Parameter(object, pipeline=True, allow_null=True, help="The input objects.")
    AsString = Parameter(SwitchParameter, sets={"AsString": {}},
                         help="Compares the objects as strings.")
    OnType = Parameter(SwitchParameter, sets={"UniqueByType": {}},
                       help="Returns one object of each type.")
    CaseInsensitive = Parameter(SwitchParameter, help="Ignores case when comparing strings.")

    _unset = object()

    def begin(self):
        self._last = self._unset

    def process(self):
        obj = self.InputObject
        if self.OnType:
            key = type_name(obj) if obj is not None else None
        else:
            key = to_str(obj)
            if self.CaseInsensitive:
                key = key.casefold()
        if self._last is self._unset or key != self._last:
            self._last = key
            self.write_object(obj)

