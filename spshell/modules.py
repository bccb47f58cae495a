"""Module discovery and loading.

Built-in modules (cmdlets.core, cmdlets.sharepoint, cmdlets.mail) are known without any lookup;
third-party modules come from the `spshell.modules` entry-point group, read only when a name is
not found among what is already known (reading entry points costs start-up time). A manifest
lists its commands lazily, so nothing of a module is imported until one of its commands runs.
"""
from __future__ import annotations

from spshell.cmdlet import Module, load_object

BUILTIN = ("cmdlets.core:MODULES", "cmdlets.sharepoint:MODULE", "cmdlets.sharepoint.health:MODULE",
           "cmdlets.sharepoint.om:MODULE", "cmdlets.sharepoint.uls:MODULE", "cmdlets.mail:MODULE",
           "cmdlets.sharepoint.centraladmin:MODULE")


class ModuleInfo:
    __ps_type__ = "System.Management.Automation.PSModuleInfo"
    __ps_default_display__ = ("ModuleType", "Version", "Name", "ExportedCommands")

    def __init__(self, module: Module):
        self._m = module
        self.Name = module.name
        self.Version = module.version
        self.ModuleType = "Binary" if module.kind == "Module" else "Snapin"
        self.Description = module.description

    @property
    def ExportedCommands(self):
        return sorted(self._m.commands)

    def ToString(self):
        return self.Name


class PSSnapInInfo:
    __ps_type__ = "System.Management.Automation.PSSnapInInfo"
    __ps_default_display__ = ("Name", "PSVersion", "Description")

    def __init__(self, module: Module):
        self.Name = module.name
        self.PSVersion = "5.1"
        self.Version = module.version
        self.Description = module.description
        self.IsDefault = False

    def ToString(self):
        return self.Name


class ModuleManager:
    def __init__(self, ctx):
        self.ctx = ctx
        self.modules = {}  # lower name -> Module
        self.loaded_names = set()  # lower names imported / added (or autoloaded on use)
        self._commands = {}  # lower command name -> CmdletInfo
        self._aliases = {}  # lower alias -> AliasInfo
        self._entry_points_read = False
        self._setup_done = set()
        self._extra_setup = {}
        for ref in BUILTIN:
            try:
                loaded = load_object(ref)
            except (ImportError, AttributeError):
                continue  # a built-in module package that is not installed
            for module in (loaded if isinstance(loaded, (list, tuple)) else [loaded]):
                self.register(module)

    # ---- registration
    def register(self, module: Module):
        """Add a manifest. A second manifest with the same name adds to the first (the
        SharePoint snap-in is written as several packages)."""
        from spshell.runtime.commands import AliasInfo, CmdletInfo
        existing = self.modules.get(module.name.lower())
        if existing is not None and existing is not module:
            for k, v in module.commands.items():
                existing.commands.setdefault(k, v)
            for k, v in module.aliases.items():
                existing.aliases.setdefault(k, v)
            for k, v in module.types.items():
                existing.types.setdefault(k, v)
            for k, v in module.about.items():
                existing.about.setdefault(k, v)
            if module.setup:
                self._extra_setup.setdefault(existing.name.lower(), []).append(module.setup)
            target = existing
        else:
            self.modules[module.name.lower()] = module
            target = module
        for name, ref in module.commands.items():
            self._commands.setdefault(name.lower(), CmdletInfo(name, ref, target))
        for name, ref in module.commands.items():
            self._commands.setdefault(name.lower(), CmdletInfo(name, ref, module))
        for alias, aliased in module.aliases.items():
            self._aliases.setdefault(alias.lower(), AliasInfo(alias, aliased, module.name))
        if module.types:
            from spshell.runtime import types
            for full_name, ref in module.types.items():
                # "pkg.mod:Class", or ("pkg.mod:Class", {"enum": True, ...}) for PSType options
                ref, options = (ref, {}) if isinstance(ref, str) else ref
                types.register_type(full_name, ref, **options)

    def _read_entry_points(self):
        if self._entry_points_read:
            return
        self._entry_points_read = True
        from importlib.metadata import entry_points
        for ep in entry_points(group="spshell.modules"):
            if ep.value in BUILTIN:
                continue
            try:
                module = ep.load()
            except Exception:  # noqa: BLE001 - a broken third-party module must not stop us
                continue
            if isinstance(module, Module) and module.name.lower() not in self.modules:
                self.register(module)

    # ---- lookup
    def command(self, low):
        info = self._commands.get(low)
        if info is None and not self._entry_points_read:
            self._read_entry_points()
            info = self._commands.get(low)
        if info is not None:
            self._on_use(info.module)
        return info

    def alias(self, low):
        a = self._aliases.get(low)
        return a

    def set_alias(self, name, definition, description="", options="None"):
        from spshell.runtime.commands import AliasInfo
        self._aliases[name.lower()] = AliasInfo(name, definition, "", description, options)

    def remove_alias(self, name):
        return self._aliases.pop(name.lower(), None) is not None

    def all_commands(self):
        self._read_entry_points()
        return list(self._commands.values())

    def all_aliases(self):
        return list(self._aliases.values())

    def _on_use(self, module):
        if module is None:
            return
        low = module.name.lower()
        if low not in self.loaded_names:
            self.loaded_names.add(low)
        if low not in self._setup_done:
            self._setup_done.add(low)
            for ref in ([module.setup] if module.setup else []) + self._extra_setup.get(low, []):
                load_object(ref)(self.ctx)

    # ---- Import-Module / Add-PSSnapin
    def find(self, name):
        low = name.lower()
        m = self.modules.get(low)
        if m is None:
            self._read_entry_points()
            m = self.modules.get(low)
        return m

    def is_loaded(self, name):
        return name.lower() in self.loaded_names

    def import_module(self, name):
        m = self.find(name)
        if m is None:
            return None
        self._on_use(m)
        return m

    def remove(self, name):
        self.loaded_names.discard(name.lower())

    def loaded(self):
        return [self.modules[n] for n in sorted(self.loaded_names) if n in self.modules]

    def available(self):
        self._read_entry_points()
        return list(self.modules.values())

    def module_info(self, module):
        return ModuleInfo(module)

    def snapin_info(self, module):
        return PSSnapInInfo(module)
