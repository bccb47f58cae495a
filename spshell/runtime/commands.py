"""Script blocks, functions and the CommandInfo objects Get-Command returns."""
from __future__ import annotations

from spshell.language import ast as A
from spshell.runtime import errors as E
from spshell.runtime.objects import AutomationNull


class CompiledScriptBlock:
    """The compiled form of a ScriptBlockAst (shared by every ScriptBlock made from it)."""

    __slots__ = ("ast", "parameters", "attributes", "begin", "process", "end", "_meta")

    def __init__(self, ast):
        self.ast = ast
        self.parameters = []
        self.attributes = []
        self.begin = self.process = self.end = None
        self._meta = None

    @property
    def cmdlet_binding(self):
        """True for advanced functions: [CmdletBinding()] or any [Parameter()] attribute."""
        if any(_attr_name(a) == "cmdletbinding" for a in self.attributes):
            return True
        return any(p.is_advanced_marker for p in self.parameters)

    def binding_attribute(self, name):
        """-> (present, expression); a bare named argument (`SupportsShouldProcess`) has
        expression None, meaning $true."""
        for a in self.attributes:
            if _attr_name(a) == "cmdletbinding":
                for k, v in a.named_args:
                    if k.lower() == name.lower():
                        return True, v
        return False, None


def _attr_name(a):
    n = a.type_name.name.lower() if isinstance(a, A.AttributeAst) else ""
    if n.endswith("attribute"):
        n = n[: -len("attribute")]
    return n


class ScriptParameter:
    """One `param()` entry: attributes interpreted lazily at bind time (they may need types
    registered by modules loaded later)."""

    def __init__(self, ast: A.ParameterAst, default_fn):
        self.ast = ast
        self.name = ast.name
        self.default_fn = default_fn
        self.is_advanced_marker = any(
            isinstance(a, A.AttributeAst) and _attr_name(a) == "parameter" for a in ast.attributes)


class ScriptBlock:
    """System.Management.Automation.ScriptBlock."""

    __ps_type__ = "System.Management.Automation.ScriptBlock"
    __slots__ = ("ast", "compiled", "ctx", "closure_scope", "module", "_param_meta",
                 "__weakref__")

    def __init__(self, ast, compiled, ctx, closure_scope=None):
        self.ast = ast
        self.compiled = compiled
        self.ctx = ctx
        self.closure_scope = closure_scope
        self._param_meta = None

    # ---- .NET-visible members
    def Invoke(self, *args):
        out = self.ctx.invoke_scriptblock(self, args=list(args))
        return out

    def InvokeReturnAsIs(self, *args):
        out = self.ctx.invoke_scriptblock(self, args=list(args))
        if not out:
            return None
        return out[0] if len(out) == 1 else out

    def GetNewClosure(self):
        return self.ctx.make_closure(self, None)

    def InvokeWithContext(self, functions, variables, *args):
        return self.ctx.invoke_scriptblock(self, args=list(args), variables=variables)

    @property
    def Ast(self):
        return self.ast

    @property
    def File(self):
        return self.ast.extent.file if self.ast and self.ast.extent else None

    @property
    def StartPosition(self):
        return self.ast.extent

    @property
    def IsFilter(self):
        return bool(self.ast.is_filter)

    @property
    def Module(self):
        return None

    def ToString(self):
        return self.text

    @property
    def text(self):
        t = self.ast.extent.text
        # a { } literal's string form is the text between its braces
        if t.startswith("{") and t.endswith("}"):
            return t[1:-1]
        return t

    def __str__(self):
        return self.text

    def __repr__(self):
        return "{" + self.text + "}"


class CommandInfo:
    __ps_type__ = "System.Management.Automation.CommandInfo"
    command_type = "Cmdlet"

    @property
    def CommandType(self):
        return self.command_type

    @property
    def Name(self):
        return self.name

    @property
    def DisplayName(self):
        return self.name

    @property
    def ModuleName(self):
        return getattr(self, "module_name", "") or ""

    @property
    def Source(self):
        return self.ModuleName

    @property
    def Version(self):
        return getattr(self, "version", "") or ""

    @property
    def Definition(self):
        return self.name

    def ToString(self):
        return self.name

    def __str__(self):
        return self.name


class CmdletInfo(CommandInfo):
    __ps_type__ = "System.Management.Automation.CmdletInfo"
    __ps_type_names__ = ("System.Management.Automation.CmdletInfo",
                         "System.Management.Automation.CommandInfo", "System.Object")
    command_type = "Cmdlet"

    def __init__(self, name, ref, module):
        self.name = name
        self._ref = ref
        self._cls = None
        self.module = module
        self.module_name = module.name if module else ""
        self.version = module.version if module else ""

    @property
    def cls(self):
        if self._cls is None:
            from spshell.cmdlet import load_object
            self._cls = load_object(self._ref)
            if not self._cls.module_name and self.module is not None:
                self._cls.module_name = self.module.name
        return self._cls

    @property
    def Verb(self):
        return self.name.split("-", 1)[0]

    @property
    def Noun(self):
        return self.name.split("-", 1)[1] if "-" in self.name else ""

    @property
    def Parameters(self):
        from spshell.runtime.binding import metadata_for_cmdlet
        return {n: p for n, p in metadata_for_cmdlet(self.cls).parameters.items()}

    @property
    def HelpUri(self):
        return ""

    @property
    def Definition(self):
        from cmdlets.core._help import syntax_lines
        from spshell.runtime.binding import metadata_for_cmdlet
        meta = metadata_for_cmdlet(self.cls)
        return "\n".join(syntax_lines(self.name, meta.parameters, meta.default_set,
                                      meta.advanced, meta.supports_should_process,
                                      meta.simple_positional)) + "\n"


class FunctionInfo(CommandInfo):
    __ps_type__ = "System.Management.Automation.FunctionInfo"
    __ps_type_names__ = ("System.Management.Automation.FunctionInfo",
                         "System.Management.Automation.CommandInfo", "System.Object")
    command_type = "Function"

    def __init__(self, name, script_block, is_filter=False, module_name=""):
        self.name = name
        self.script_block = script_block
        self.is_filter = is_filter
        self.module_name = module_name
        if is_filter:
            self.command_type = "Filter"

    @property
    def ScriptBlock(self):
        return self.script_block

    @property
    def Definition(self):
        return self.script_block.text

    @property
    def CmdletBinding(self):
        return self.script_block.compiled.cmdlet_binding

    @property
    def Parameters(self):
        from spshell.runtime.binding import metadata_for_script
        return dict(metadata_for_script(self.script_block, self.script_block.ctx).parameters)


class AliasInfo(CommandInfo):
    __ps_type__ = "System.Management.Automation.AliasInfo"
    __ps_type_names__ = ("System.Management.Automation.AliasInfo",
                         "System.Management.Automation.CommandInfo", "System.Object")
    command_type = "Alias"

    def __init__(self, name, definition, module_name="", description="", options="None"):
        self.name = name
        self.definition = definition
        self.module_name = module_name
        self.Description = description
        self.Options = options

    @property
    def Definition(self):
        return self.definition

    @property
    def ReferencedCommand(self):
        return self.definition

    @property
    def ResolvedCommandName(self):
        return self.definition

    @property
    def DisplayName(self):
        return f"{self.name} -> {self.definition}"


class ApplicationInfo(CommandInfo):
    __ps_type__ = "System.Management.Automation.ApplicationInfo"
    command_type = "Application"

    def __init__(self, name, path):
        self.name = name
        self.path = path

    @property
    def Path(self):
        return self.path

    @property
    def Source(self):
        return self.path

    @property
    def Definition(self):
        return self.path


class ExternalScriptInfo(CommandInfo):
    __ps_type__ = "System.Management.Automation.ExternalScriptInfo"
    command_type = "ExternalScript"

    def __init__(self, name, path):
        self.name = name
        self.path = path

    @property
    def Path(self):
        return self.path

    @property
    def Source(self):
        return self.path

    @property
    def Definition(self):
        return self.path


def is_null(v):
    return v is None or v is AutomationNull


__all__ = ["CompiledScriptBlock", "ScriptParameter", "ScriptBlock", "CommandInfo", "CmdletInfo",
           "FunctionInfo", "AliasInfo", "ApplicationInfo", "ExternalScriptInfo", "E"]
