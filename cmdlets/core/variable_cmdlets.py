"""Get-Variable, New-Variable, Set-Variable, Remove-Variable, Clear-Variable.

They work on the caller's scope chain (``context.current_scope``): reads see the nearest
definition; -Scope picks Local, Script, Global, Private or a number of levels up.
"""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (ItemNotFoundException, PSArgumentException,
                                    SessionStateException,
                                    SessionStateUnauthorizedAccessException, ps_error)
from spshell.runtime.objects import SwitchParameter

from ._util import as_list, has_wildcard, like, matches_any, to_str

OPTIONS = ("None", "ReadOnly", "Constant", "Private", "AllScope", "Unspecified")


def _current_scope(cmdlet):
    ctx = cmdlet.context
    scope = getattr(ctx, "scope", None)
    return scope if scope is not None else ctx.global_scope


def resolve_scope(cmdlet, scope_arg):
    """-Scope text -> a Scope object (PowerShell's error text for bad values)."""
    cur = _current_scope(cmdlet)
    if scope_arg is None or scope_arg == "":
        return cur
    s = str(scope_arg).strip().lower()
    if s in ("local", "private"):
        return cur
    if s == "global":
        return cmdlet.context.global_scope
    if s == "script":
        return cur.script_scope
    try:
        n = int(s)
    except ValueError:
        raise ps_error(PSArgumentException,
                       f"The scope \"{scope_arg}\" could not be found.", "ArgumentException",
                       "InvalidArgument", scope_arg)
    scope = cur
    for _ in range(n):
        if scope.parent is None:
            raise ps_error(PSArgumentException,
                           f"The scope number '{n}' exceeds the number of active scopes.",
                           "ArgumentOutOfRange", "InvalidArgument", n)
        scope = scope.parent
    return scope


def _norm_options(opts):
    names = []
    for o in as_list(opts):
        for part in to_str(o).split(","):
            part = part.strip()
            if not part:
                continue
            canon = next((x for x in OPTIONS if x.lower() == part.lower()), None)
            if canon is None:
                raise ps_error(PSArgumentException,
                               f'Cannot convert value "{part}" to type '
                               '"System.Management.Automation.ScopedItemOptions". Error: '
                               '"Unable to match the identifier name ' + part +
                               ' to a valid enumerator name. Specify one of the following '
                               'enumerator names and try again:\n' + ", ".join(OPTIONS) + '"',
                               "InvalidArgument", "InvalidArgument", part)
            if canon != "None":
                names.append(canon)
    return ", ".join(names) if names else "None"


def _visible(scope, local_only=False):
    """name(lower) -> (scope, display name), nearest definition wins."""
    seen = {}
    s = scope
    first = True
    while s is not None:
        for low in s.vars:
            if low not in seen:
                meta = s.get_meta(low)
                if meta is not None and "Private" in str(meta.options) and not first:
                    continue
                seen[low] = (s, s.display_name(low))
        if local_only:
            break
        first = False
        s = s.parent
    return seen


def _psvariable(scope, low, display):
    from spshell.runtime.scopes import PSVariable
    meta = scope.get_meta(low)
    return PSVariable(display, scope.vars.get(low),
                      meta.description if meta else "",
                      meta.options if meta else "None", scope)


def _not_found(name):
    return ps_error(ItemNotFoundException, f"Cannot find a variable with the name '{name}'.",
                    "VariableNotFound", "ObjectNotFound", name)


def _read_only_error(name):
    return ps_error(SessionStateUnauthorizedAccessException,
                    f"Cannot overwrite variable {name} because it is read-only or constant.",
                    "VariableNotWritable", "WriteError", name)


class _VariableCmdlet(Cmdlet):
    Include = Parameter("string[]", help="Only variables whose names match.")
    Exclude = Parameter("string[]", help="Leaves out variables whose names match.")
    Scope = Parameter(str, help="Local, Script, Global, or a number of scopes up.")

    def _filter_ok(self, display):
        inc = as_list(self.Include)
        exc = as_list(self.Exclude)
        if inc and not matches_any(display, inc):
            return False
        if exc and matches_any(display, exc):
            return False
        return True

    def _matches(self, names, local_only=False):
        """Yield (scope, low, display) for each name pattern; report missing literal names."""
        scope = resolve_scope(self, self.Scope)
        vis = _visible(scope, local_only=local_only or self.Scope is not None)
        out = []
        for pattern in names:
            pattern = to_str(pattern)
            found = False
            if has_wildcard(pattern):
                for low, (s, display) in sorted(vis.items()):
                    if like(display, pattern) and self._filter_ok(display):
                        out.append((s, low, display))
                        found = True
                continue
            low = pattern.lower()
            if low == "psitem":
                low = "_"
            if low in vis and self._filter_ok(vis[low][1]):
                out.append((vis[low][0], low, vis[low][1]))
                found = True
            if not found:
                self.write_error(_not_found(pattern))
        return out


class GetVariable(_VariableCmdlet):
    name = "Get-Variable"
    implementing_type = "Microsoft.PowerShell.Commands.GetVariableCommand"
    help = Help(
        synopsis="Gets the variables in the current scope.",
        description="Returns PSVariable objects (Name, Value, Description, Options) for the "
                    "named variables, or all visible variables. -ValueOnly returns just the "
                    "values.",
        examples=[Example("Get-Variable", "All variables."),
                  Example("Get-Variable -Name Error* ", "Variables whose names start with Error."),
                  Example("Get-Variable HOME -ValueOnly", "The value of $HOME.")])
    Name = Parameter("string[]", position=0, pipeline=True, by_property=True, wildcards=True,
                     help="Names of variables (wildcards allowed).")
    ValueOnly = Parameter(SwitchParameter, help="Returns the values only.")

    def process(self):
        names = as_list(self.Name) or ["*"]
        for scope, low, display in self._matches(names):
            if self.ValueOnly:
                self.write_object(scope.vars.get(low))
            else:
                self.write_object(_psvariable(scope, low, display))


class NewVariable(Cmdlet):
    name = "New-Variable"
    implementing_type = "Microsoft.PowerShell.Commands.NewVariableCommand"
    supports_should_process = True
    confirm_impact = "Low"
    help = Help(
        synopsis="Creates a new variable.",
        description="Creates a variable with an optional value, description and options "
                    "(ReadOnly, Constant, Private, AllScope). It is an error if the variable "
                    "already exists in the target scope, unless -Force is given.",
        examples=[Example("New-Variable -Name days -Value 7", "Creates $days."),
                  Example("New-Variable max 10 -Option ReadOnly", "A read-only variable.")])
    Name = Parameter(str, mandatory=True, position=0, by_property=True,
                     help="The variable name.")
    Value = Parameter(object, position=1, pipeline=True, by_property=True, allow_null=True,
                      help="The initial value.")
    Description = Parameter(str, help="A description of the variable.")
    Option = Parameter(object, default="None", help="ReadOnly, Constant, Private, AllScope.")
    Visibility = Parameter(str, validate_set=("Public", "Private"), help="Visibility.")
    Force = Parameter(SwitchParameter, help="Overwrites an existing (non-constant) variable.")
    PassThru = Parameter(SwitchParameter, help="Returns the new variable.")
    Scope = Parameter(str, help="The scope in which to create the variable.")

    def process(self):
        from spshell.runtime.scopes import VariableMeta
        scope = resolve_scope(self, self.Scope)
        name = self.Name
        low = name.lower()
        options = _norm_options(self.Option)
        if low in scope.vars:
            meta = scope.get_meta(low)
            if not self.Force or (meta is not None and "Constant" in str(meta.options)):
                if self.Force:
                    self.write_error(_read_only_error(name))
                else:
                    self.write_error(ps_error(SessionStateException,
                                              f"A variable with name '{name}' already exists.",
                                              "VariableAlreadyExists", "ResourceExists", name))
                return
        if not self.should_process(f"Name: {name} Value: {to_str(self.Value)}",
                                   "New variable"):
            return
        if scope.meta:
            scope.meta.pop(low, None)
        scope.set_local(low, self.Value, name)
        if options != "None" or self.Description:
            scope.set_meta(low, VariableMeta(name, None, (), options, self.Description or ""))
        if self.PassThru:
            self.write_object(_psvariable(scope, low, name))


class SetVariable(_VariableCmdlet):
    name = "Set-Variable"
    implementing_type = "Microsoft.PowerShell.Commands.SetVariableCommand"
    supports_should_process = True
    confirm_impact = "Low"
    help = Help(
        synopsis="Sets the value of a variable, creating it if needed.",
        description="Assigns the value to each named variable (in the target scope, or the "
                    "nearest scope where it exists), and can change its description and "
                    "options. Read-only variables need -Force; constants cannot change.",
        examples=[Example("Set-Variable -Name desc -Value 'A description'", "Sets $desc."),
                  Example("Set-Variable limit 5 -Option ReadOnly -Scope Global",
                          "A global read-only variable.")])
    Name = Parameter("string[]", mandatory=True, position=0, by_property=True,
                     help="Names of the variables.")
    Value = Parameter(object, position=1, pipeline=True, by_property=True, allow_null=True,
                      help="The value to assign.")
    Description = Parameter(str, help="A description of the variable.")
    Option = Parameter(object, help="ReadOnly, Constant, Private, AllScope.")
    Force = Parameter(SwitchParameter, help="Allows changing a read-only variable.")
    Visibility = Parameter(str, validate_set=("Public", "Private"), help="Visibility.")
    PassThru = Parameter(SwitchParameter, help="Returns the variable.")

    def begin(self):
        self._collected = []
        self._given = False

    def process(self):
        if "Value" in (self.bound or {}):
            self._given = True
            self._collected.append(self.Value)

    def end(self):
        from spshell.runtime.scopes import VariableMeta
        # piped values are collected: several objects make an array, as PowerShell does
        value = self._collected[0] if len(self._collected) == 1 else list(self._collected)
        scope = resolve_scope(self, self.Scope)
        for name in as_list(self.Name):
            name = to_str(name)
            low = name.lower()
            target = scope if self.Scope is not None else (scope.find_scope(low) or scope)
            meta = target.get_meta(low)
            if meta is not None and low in target.vars:
                opts = str(meta.options)
                if "Constant" in opts or ("ReadOnly" in opts and not self.Force):
                    self.write_error(_read_only_error(name))
                    continue
            if not self.should_process(f"Name: {name} Value: {to_str(value)}",
                                       "Set variable"):
                continue
            if self._given:
                if meta is not None and "ReadOnly" in str(meta.options):
                    target.meta.pop(low, None)
                    target.set_local(low, value, name)
                    target.set_meta(low, meta)
                else:
                    target.set_local(low, value, name)
            elif low not in target.vars:
                target.set_local(low, None, name)
            if self.Option is not None or self.Description is not None:
                meta = target.get_meta(low) or VariableMeta(name)
                if self.Option is not None:
                    meta.options = _norm_options(self.Option)
                if self.Description is not None:
                    meta.description = self.Description
                target.set_meta(low, meta)
            if self.PassThru:
                self.write_object(_psvariable(target, low, name))


class RemoveVariable(_VariableCmdlet):
    name = "Remove-Variable"
    implementing_type = "Microsoft.PowerShell.Commands.RemoveVariableCommand"
    supports_should_process = True
    confirm_impact = "Medium"
    help = Help(
        synopsis="Deletes variables.",
        description="Removes the named variables from the scope where they are found (or the "
                    "-Scope given). Read-only variables need -Force; constants cannot be "
                    "removed.",
        examples=[Example("Remove-Variable -Name temp", "Deletes $temp."),
                  Example("Remove-Variable -Name tmp* ", "Deletes variables starting with tmp.")])
    Name = Parameter("string[]", mandatory=True, position=0, by_property=True, wildcards=True,
                     help="Names of the variables.")
    Force = Parameter(SwitchParameter, help="Removes read-only variables too.")

    def process(self):
        for scope, low, display in self._matches(as_list(self.Name)):
            meta = scope.get_meta(low)
            if meta is not None:
                opts = str(meta.options)
                if "Constant" in opts or ("ReadOnly" in opts and not self.Force):
                    self.write_error(ps_error(
                        SessionStateUnauthorizedAccessException,
                        f"Cannot remove variable {display} because it is constant or "
                        "read-only. If the variable is read-only, try the operation again "
                        "specifying the Force option.", "VariableNotRemovable", "WriteError",
                        display))
                    continue
            if self.should_process(f"Name: {display}", "Remove variable"):
                scope.remove(low)


class ClearVariable(_VariableCmdlet):
    name = "Clear-Variable"
    implementing_type = "Microsoft.PowerShell.Commands.ClearVariableCommand"
    supports_should_process = True
    confirm_impact = "Medium"
    help = Help(
        synopsis="Sets variables to $null, keeping them defined.",
        description="Clears the value of each named variable. Read-only variables need -Force.",
        examples=[Example("Clear-Variable -Name counter", "$counter becomes $null.")])
    Name = Parameter("string[]", mandatory=True, position=0, by_property=True, wildcards=True,
                     help="Names of the variables.")
    Force = Parameter(SwitchParameter, help="Clears read-only variables too.")
    PassThru = Parameter(SwitchParameter, help="Returns the cleared variables.")

    def process(self):
        for scope, low, display in self._matches(as_list(self.Name)):
            meta = scope.get_meta(low)
            if meta is not None:
                opts = str(meta.options)
                if "Constant" in opts or ("ReadOnly" in opts and not self.Force):
                    self.write_error(_read_only_error(display))
                    continue
            if not self.should_process(f"Name: {display}", "Clear variable"):
                continue
            if meta is not None and "ReadOnly" in str(meta.options):
                scope.meta.pop(low, None)
                scope.set_local(low, None, display)
                scope.set_meta(low, meta)
            else:
                scope.set_local(low, None, display)
            if self.PassThru:
                self.write_object(_psvariable(scope, low, display))
