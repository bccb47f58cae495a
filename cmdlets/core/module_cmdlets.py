"""Aliases (Get/Set/New/Remove-Alias), modules (Get/Import/Remove-Module) and Windows
PowerShell snap-ins (Add/Get/Remove-PSSnapin)."""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (FileNotFoundException, InvalidOperationException,
                                    ItemNotFoundException, PSArgumentException,
                                    SessionStateException,
                                    SessionStateUnauthorizedAccessException, ps_error)
from spshell.runtime.objects import SwitchParameter

from . import _providers
from ._util import as_list, has_wildcard, like, matches_any, to_str
from .variable_cmdlets import _norm_options, resolve_scope


# ================================================================= aliases
class GetAlias(Cmdlet):
    name = "Get-Alias"
    implementing_type = "Microsoft.PowerShell.Commands.GetAliasCommand"
    default_parameter_set = "Default"
    help = Help(
        synopsis="Gets the aliases of this session.",
        description="Lists aliases by name (wildcards allowed) or, with -Definition, the aliases "
                    "of a command.",
        examples=[Example("Get-Alias", "All aliases."),
                  Example("Get-Alias -Definition Get-ChildItem", "dir, gci, ls.")])
    Name = Parameter("string[]", sets={"Default": {"position": 0}}, pipeline=True,
                     by_property=True, wildcards=True, help="Alias names.")
    Exclude = Parameter("string[]", help="Aliases to leave out.")
    Scope = Parameter(str, help="The scope to look in.")
    Definition = Parameter("string[]", sets={"Definition": {}},
                           help="Commands whose aliases to get.")

    def process(self):
        aliases = _providers.all_aliases(self.context)
        exclude = [to_str(x) for x in as_list(self.Exclude)]
        if self.parameter_set_name == "Definition" or self.Definition is not None:
            for d in as_list(self.Definition):
                found = [a for a in aliases if like(str(a.Definition), to_str(d))
                         and not matches_any(a.Name, exclude)]
                if not found and not has_wildcard(to_str(d)):
                    self.write_error(ps_error(
                        ItemNotFoundException, "This command cannot find a matching alias "
                        f"because an alias with the definition '{d}' does not exist.",
                        "ItemNotFoundException", "ObjectNotFound", d))
                for a in found:
                    self.write_object(a)
            return
        for n in as_list(self.Name) or ["*"]:
            n = to_str(n)
            found = [a for a in aliases if like(a.Name, n) and not matches_any(a.Name, exclude)]
            if not found and not has_wildcard(n):
                self.write_error(ps_error(
                    ItemNotFoundException, "This command cannot find a matching alias because "
                    f"an alias with the name '{n}' does not exist.", "ItemNotFoundException",
                    "ObjectNotFound", n))
            for a in found:
                self.write_object(a)


class _AliasWriter(Cmdlet):
    Name = Parameter(str, mandatory=True, position=0, by_property=True,
                     help="The alias name.")
    Value = Parameter(str, mandatory=True, position=1, by_property=True,
                      help="The command the alias runs.")
    Description = Parameter(str, by_property=True, help="A description.")
    Option = Parameter(object, by_property=True, default="None",
                       help="None, ReadOnly, Constant, Private, AllScope.")
    PassThru = Parameter(SwitchParameter, help="Returns the alias.")
    Scope = Parameter(str, by_property=True, help="The scope for the alias.")
    Force = Parameter(SwitchParameter, help="Replaces a read-only alias.")
    _is_new = False

    def process(self):
        name = self.Name
        scope = resolve_scope(self, self.Scope)
        existing_scope = _providers.find_alias_scope(self.context, name)
        existing = existing_scope.aliases[name.lower()] if existing_scope is scope and \
            existing_scope is not None else None
        if existing is not None:
            opts = str(getattr(existing, "Options", "None"))
            if "Constant" in opts or ("ReadOnly" in opts and not self.Force):
                self.write_error(ps_error(
                    SessionStateUnauthorizedAccessException,
                    f"Alias is not writeable because alias {name} is read-only or constant and "
                    "cannot be written to.", "AliasNotWritable", "WriteError", name))
                return
            if self._is_new and not self.Force:
                self.write_error(ps_error(
                    SessionStateException, "The alias is not allowed, because an alias with "
                    f"the name '{name}' already exists.", "AliasAlreadyExists",
                    "ResourceExists", name))
                return
        if not self.should_process(f"Name: {name} Value: {self.Value}",
                                   "New alias" if self._is_new else "Set alias"):
            return
        info = _providers.define_alias(scope, name, self.Value, self.Description or "",
                                       _norm_options(self.Option))
        if self.PassThru:
            self.write_object(info)


class SetAlias(_AliasWriter):
    name = "Set-Alias"
    implementing_type = "Microsoft.PowerShell.Commands.SetAliasCommand"
    supports_should_process = True
    confirm_impact = "Low"
    help = Help(synopsis="Creates or changes an alias.",
                description="Makes the name an alias of the command in the current scope (or "
                            "-Scope).",
                examples=[Example("Set-Alias np notepad", "np runs notepad."),
                          Example("Set-Alias -Name list -Value Get-ChildItem -Option ReadOnly",
                                  "A read-only alias.")])


class NewAlias(_AliasWriter):
    name = "New-Alias"
    implementing_type = "Microsoft.PowerShell.Commands.NewAliasCommand"
    supports_should_process = True
    confirm_impact = "Low"
    _is_new = True
    help = Help(synopsis="Creates a new alias.",
                description="Like Set-Alias, but an existing alias of the name is an error "
                            "unless -Force.",
                examples=[Example("New-Alias gh Get-Help", "gh runs Get-Help.")])


class RemoveAlias(Cmdlet):
    name = "Remove-Alias"
    implementing_type = "Microsoft.PowerShell.Commands.RemoveAliasCommand"
    help = Help(synopsis="Removes aliases.",
                description="Deletes the named aliases from the current scope (or -Scope).",
                examples=[Example("Remove-Alias np", "Deletes the np alias.")])
    Name = Parameter("string[]", mandatory=True, position=0, pipeline=True, by_property=True,
                     help="Alias names.")
    Scope = Parameter(str, help="The scope to remove from.")
    Force = Parameter(SwitchParameter, help="Removes read-only aliases too.")

    def process(self):
        for n in as_list(self.Name):
            n = to_str(n)
            s = _providers.find_alias_scope(self.context, n)
            if s is not None:
                entry = s.aliases[n.lower()]
                opts = str(getattr(entry, "Options", "None"))
                if "Constant" in opts or ("ReadOnly" in opts and not self.Force):
                    self.write_error(ps_error(
                        SessionStateUnauthorizedAccessException,
                        f"Alias was not removed because alias {n} is constant or read-only.",
                        "AliasNotRemovable", "WriteError", n))
                    continue
            if not _providers.remove_alias(self.context, n):
                self.write_error(ps_error(
                    ItemNotFoundException, f"Unable to find an alias with the name '{n}'.",
                    "ItemNotFoundException", "ObjectNotFound", n))


# ================================================================= modules
def _modules(cmdlet):
    return cmdlet.context.modules


class GetModule(Cmdlet):
    name = "Get-Module"
    implementing_type = "Microsoft.PowerShell.Commands.GetModuleCommand"
    default_parameter_set = "Loaded"
    help = Help(synopsis="Gets the modules loaded in this session, or those available.",
                description="Without -ListAvailable lists the modules that are in use (imported "
                            "or autoloaded); with it, every module spshell knows.",
                examples=[Example("Get-Module", "Loaded modules."),
                          Example("Get-Module -ListAvailable", "All available modules.")])
    Name = Parameter("string[]", position=0, pipeline=True, wildcards=True,
                     help="Module names.")
    ListAvailable = Parameter(SwitchParameter, sets={"Available": {"mandatory": True}},
                              help="Lists every available module.")
    All = Parameter(SwitchParameter, help="Includes nested modules.")
    Refresh = Parameter(SwitchParameter, sets={"Available": {}}, help="Refreshes the cache.")

    def process(self):
        mm = _modules(self)
        mods = mm.available() if self.ListAvailable else mm.loaded()
        names = [to_str(n) for n in as_list(self.Name)] or ["*"]
        for m in sorted(mods, key=lambda m: m.name.lower()):
            if matches_any(m.name, names):
                self.write_object(mm.module_info(m))


class ImportModule(Cmdlet):
    name = "Import-Module"
    implementing_type = "Microsoft.PowerShell.Commands.ImportModuleCommand"
    default_parameter_set = "Name"
    help = Help(synopsis="Adds modules to the session.",
                description="Makes the commands of the named modules available. A .ps1/.psm1 "
                            "path is run as a script module: its functions become available "
                            "in the session.",
                examples=[Example("Import-Module Microsoft.SharePoint.PowerShell",
                                  "Loads the SharePoint module."),
                          Example("Import-Module ./tools.psm1", "Loads a script module.")])
    Name = Parameter("string[]", sets={"Name": {"mandatory": True, "position": 0}},
                     pipeline=True, by_property=True, help="Module names or paths.")
    Force = Parameter(SwitchParameter, help="Reloads an already loaded module.")
    PassThru = Parameter(SwitchParameter, help="Returns the module.")
    Global = Parameter(SwitchParameter, help="Imports into the global scope.")
    Prefix = Parameter(str, help="A noun prefix (not supported for built-in modules).")
    DisableNameChecking = Parameter(SwitchParameter, help="No unapproved-verb warning.")
    Scope = Parameter(str, validate_set=("Local", "Global"), help="Local or Global.")
    MinimumVersion = Parameter("version", help="The lowest acceptable version.")
    RequiredVersion = Parameter("version", help="The exact version.")
    ArgumentList = Parameter("object[]", aliases=("Args",), help="Arguments for the module.")

    def process(self):
        mm = _modules(self)
        for n in as_list(self.Name):
            n = to_str(n)
            if n.lower().endswith((".ps1", ".psm1")):
                self._script_module(n)
                continue
            m = mm.import_module(n)
            if m is None:
                self.write_error(ps_error(
                    FileNotFoundException, f"The specified module '{n}' was not loaded because "
                    "no valid module file was found in any module directory.",
                    "Modules_ModuleNotFound", "ResourceUnavailable", n))
                continue
            if self.PassThru:
                self.write_object(mm.module_info(m))

    def _script_module(self, text):
        from ._filesystem import resolve
        path = resolve(self.context, text)
        if not path.is_file():
            self.write_error(ps_error(
                FileNotFoundException, f"The specified module '{text}' was not loaded because no "
                "valid module file was found in any module directory.",
                "Modules_ModuleNotFound", "ResourceUnavailable", text))
            return
        session = getattr(self.context, "_ctx", self.context)
        sb = session.load_script_file(path)
        session.invoke_scriptblock(sb, dot_source=True, scope=session.global_scope)


class RemoveModule(Cmdlet):
    name = "Remove-Module"
    implementing_type = "Microsoft.PowerShell.Commands.RemoveModuleCommand"
    supports_should_process = True
    help = Help(synopsis="Removes modules from the session.",
                description="Marks the modules as no longer loaded.",
                examples=[Example("Remove-Module Microsoft.SharePoint.PowerShell",
                                  "Unloads the module.")])
    Name = Parameter("string[]", mandatory=True, position=0, pipeline=True, wildcards=True,
                     help="Module names.")
    Force = Parameter(SwitchParameter, help="Removes read-only modules too.")

    def process(self):
        mm = _modules(self)
        removed = False
        for n in as_list(self.Name):
            for m in list(mm.loaded()):
                if like(m.name, to_str(n)) and self.should_process(m.name, "Remove-Module"):
                    mm.remove(m.name)
                    removed = True
        if not removed:
            self.write_error(ps_error(
                InvalidOperationException, "No modules were removed. Verify that the "
                "specification of modules to remove is correct and those modules exist in the "
                "runspace.", "Modules_NoModulesRemoved", "ResourceUnavailable",
                to_str(as_list(self.Name)[0]) if as_list(self.Name) else None))


# ================================================================= snap-ins
def _is_snapin(m):
    return getattr(m, "kind", "") == "PSSnapin"


class AddPSSnapin(Cmdlet):
    name = "Add-PSSnapin"
    implementing_type = "Microsoft.PowerShell.Commands.AddPSSnapinCommand"
    help = Help(
        synopsis="Adds Windows PowerShell snap-ins to the session.",
        description="Loads the snap-in so its cmdlets can be used, as in the SharePoint "
                    "Management Shell: Add-PSSnapin Microsoft.SharePoint.PowerShell. Adding a "
                    "snap-in that is already added is a non-terminating error, so scripts "
                    "write '-ErrorAction SilentlyContinue'.",
        examples=[Example("Add-PSSnapin Microsoft.SharePoint.PowerShell -ErrorAction "
                          "SilentlyContinue", "Loads the SharePoint cmdlets once.")])
    Name = Parameter("string[]", mandatory=True, position=0, pipeline=True, by_property=True,
                     help="Snap-in names.")
    PassThru = Parameter(SwitchParameter, help="Returns the snap-in.")

    def process(self):
        mm = _modules(self)
        for n in as_list(self.Name):
            n = to_str(n)
            m = mm.find(n)
            if m is None or not _is_snapin(m):
                self.write_error(ps_error(
                    PSArgumentException, f"The Windows PowerShell snap-in '{n}' is not "
                    "installed on this computer.", "AddPSSnapInRead", "InvalidArgument", n))
                continue
            if mm.is_loaded(m.name):
                self.write_error(ps_error(
                    PSArgumentException, f"Cannot add Windows PowerShell snap-in {m.name} "
                    "because it is already added. Verify the name of the snap-in, and then try "
                    "again.", "AddPSSnapInRead", "InvalidArgument", n))
                continue
            mm.import_module(m.name)
            if self.PassThru:
                self.write_object(mm.snapin_info(m))


def _no_snapins(pattern):
    return ps_error(PSArgumentException, "No Windows PowerShell snap-ins matching the pattern "
                    f"'{pattern}' were found. Check the pattern and then try the command again.",
                    "NoPSSnapInsFound", "InvalidArgument", pattern)


class GetPSSnapin(Cmdlet):
    name = "Get-PSSnapin"
    implementing_type = "Microsoft.PowerShell.Commands.GetPSSnapinCommand"
    help = Help(synopsis="Gets the Windows PowerShell snap-ins of the session.",
                description="Lists the added snap-ins, or with -Registered those that can be "
                            "added.",
                examples=[Example("Get-PSSnapin -Registered", "Snap-ins that can be added.")])
    Name = Parameter("string[]", position=0, wildcards=True, help="Snap-in names.")
    Registered = Parameter(SwitchParameter, help="Lists the snap-ins that can be added.")

    def process(self):
        mm = _modules(self)
        mods = mm.available() if self.Registered else mm.loaded()
        snapins = sorted((m for m in mods if _is_snapin(m)), key=lambda m: m.name.lower())
        for n in as_list(self.Name) or ["*"]:
            n = to_str(n)
            found = [m for m in snapins if like(m.name, n)]
            if not found and not has_wildcard(n):
                self.write_error(_no_snapins(n))
            for m in found:
                self.write_object(mm.snapin_info(m))


class RemovePSSnapin(Cmdlet):
    name = "Remove-PSSnapin"
    implementing_type = "Microsoft.PowerShell.Commands.RemovePSSnapinCommand"
    supports_should_process = True
    help = Help(synopsis="Removes snap-ins from the session.",
                description="Unloads the named snap-ins; their cmdlets are no longer available.",
                examples=[Example("Remove-PSSnapin Microsoft.SharePoint.PowerShell",
                                  "Unloads the SharePoint cmdlets.")])
    Name = Parameter("string[]", mandatory=True, position=0, pipeline=True, by_property=True,
                     help="Snap-in names.")
    PassThru = Parameter(SwitchParameter, help="Returns the removed snap-ins.")

    def process(self):
        mm = _modules(self)
        for n in as_list(self.Name):
            n = to_str(n)
            found = [m for m in mm.loaded() if _is_snapin(m) and like(m.name, n)]
            if not found:
                self.write_error(_no_snapins(n))
                continue
            for m in found:
                if self.should_process(m.name, "Remove-PSSnapin"):
                    mm.remove(m.name)
                    if self.PassThru:
                        self.write_object(mm.snapin_info(m))

