"""System.Reflection.Assembly and assembly loading.

``[System.Reflection.Assembly]::LoadWithPartialName(name)`` consults
``types.assembly_load_hooks`` first (lower-case simple name -> Assembly, or a callable taking the
requested name and returning an Assembly or None); modules register their assemblies there
(the SharePoint module registers Microsoft.SharePoint). The .NET Framework assemblies scripts
commonly load are known here; any other name gives $null, as the real method does.
"""
from __future__ import annotations

import os

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig

_FRAMEWORK_TOKENS = {
    "mscorlib": "b77a5c561934e089", "system": "b77a5c561934e089",
    "system.core": "b77a5c561934e089", "system.data": "b77a5c561934e089",
    "system.xml": "b77a5c561934e089", "system.xml.linq": "b77a5c561934e089",
    "system.windows.forms": "b77a5c561934e089", "system.configuration": "b03f5f7f11d50a3a",
    "system.web": "b03f5f7f11d50a3a", "system.drawing": "b03f5f7f11d50a3a",
    "system.net.http": "b03f5f7f11d50a3a", "system.security": "b03f5f7f11d50a3a",
    "system.directoryservices": "b03f5f7f11d50a3a", "microsoft.visualbasic": "b03f5f7f11d50a3a",
    "system.web.extensions": "31bf3856ad364e35", "system.management": "b03f5f7f11d50a3a",
    "system.management.automation": "31bf3856ad364e35",
    "system.servicemodel": "b77a5c561934e089", "system.transactions": "b77a5c561934e089",
}
_CANONICAL = {
    "mscorlib": "mscorlib", "system": "System", "system.core": "System.Core",
    "system.data": "System.Data", "system.xml": "System.Xml", "system.xml.linq": "System.Xml.Linq",
    "system.windows.forms": "System.Windows.Forms", "system.configuration":
    "System.Configuration", "system.web": "System.Web", "system.drawing": "System.Drawing",
    "system.net.http": "System.Net.Http", "system.security": "System.Security",
    "system.directoryservices": "System.DirectoryServices",
    "microsoft.visualbasic": "Microsoft.VisualBasic",
    "system.web.extensions": "System.Web.Extensions", "system.management": "System.Management",
    "system.management.automation": "System.Management.Automation",
    "system.servicemodel": "System.ServiceModel", "system.transactions": "System.Transactions",
}
_ARCH = {"mscorlib": "GAC_64", "system.data": "GAC_64", "system.web": "GAC_64",
         "system.transactions": "GAC_64"}


class Assembly:
    """System.Reflection.Assembly (PowerShell's table view: GAC, Version, Location)."""

    __ps_type__ = "System.Reflection.RuntimeAssembly"
    __ps_type_names__ = ("System.Reflection.RuntimeAssembly", "System.Reflection.Assembly",
                         "System.Object")
    __ps_default_display__ = ("GAC", "Version", "Location")

    def __init__(self, full_name, location="", gac=True, runtime_version="v4.0.30319",
                 types=()):
        self._full_name = full_name
        self._location = location
        self._gac = gac
        self._runtime = runtime_version
        self._types = list(types)

    @property
    def GAC(self):
        return self._gac

    @property
    def GlobalAssemblyCache(self):
        return self._gac

    @property
    def Version(self):
        return self._runtime

    @property
    def ImageRuntimeVersion(self):
        return self._runtime

    @property
    def Location(self):
        return self._location

    @property
    def CodeBase(self):
        return "file:///" + self._location.replace("\\", "/") if self._location else None

    @property
    def FullName(self):
        return self._full_name

    @property
    def IsDynamic(self):
        return False

    @property
    def ManifestModule(self):
        return os.path.basename(self._location.replace("\\", "/")) if self._location else ""

    def GetName(self):
        return AssemblyName(self._full_name)

    def GetTypes(self):
        from spshell.runtime.types import resolve_type
        return [t for t in (resolve_type(n) for n in self._types) if t is not None]

    GetExportedTypes = GetTypes

    def GetType(self, name=None, throw_on_error=False, ignore_case=False):
        from spshell.runtime.types import resolve_type, type_of
        if name is None:
            return type_of(self)
        t = resolve_type(name)
        if t is None and throw_on_error:
            raise TypeLoadException(f"Could not load type '{name}' from assembly "
                                      f"'{self._full_name}'.")
        return t

    def ToString(self):
        return self._full_name

    def __str__(self):
        return self._full_name

    def __repr__(self):
        return f"Assembly({self._full_name!r})"


TypeLoadException = E.define_exception("System.TypeLoadException", E.SystemException)


class AssemblyName:
    __ps_type__ = "System.Reflection.AssemblyName"
    __ps_default_display__ = ("Version", "Name")

    def __init__(self, full_name):
        parts = [p.strip() for p in full_name.split(",")]
        self.Name = parts[0]
        self.FullName = full_name
        fields = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
        from spshell.runtime.dotnet.misc import Version
        try:
            self.Version = Version(fields.get("Version", "0.0.0.0"))
        except E.DotNetException:
            self.Version = Version(0, 0, 0, 0)
        self.CultureName = "" if fields.get("Culture", "neutral") == "neutral" else \
            fields.get("Culture")

    def ToString(self):
        return self.FullName


def framework_assembly(name):
    """One of the .NET Framework assemblies scripts load by partial name, or None."""
    key = name.strip().lower()
    token = _FRAMEWORK_TOKENS.get(key)
    if token is None:
        return None
    canon = _CANONICAL[key]
    full = f"{canon}, Version=4.0.0.0, Culture=neutral, PublicKeyToken={token}"
    if key == "mscorlib":
        loc = r"C:\Windows\Microsoft.NET\Framework64\v4.0.30319\mscorlib.dll"
        return Assembly(full, loc, gac=True)
    folder = _ARCH.get(key, "GAC_MSIL")
    loc = (rf"C:\Windows\Microsoft.Net\assembly\{folder}\{canon}\v4.0_4.0.0.0__{token}"
           rf"\{canon}.dll")
    return Assembly(full, loc, gac=True)


def load_assembly(name):
    """Resolve an assembly by (partial or full) name: registered hooks, then the framework
    assemblies; None when unknown."""
    if name is None:
        raise E.ArgumentNullException("Value cannot be null. (Parameter 'partialName')")
    from spshell.runtime import types
    simple = str(name).split(",")[0].strip()
    hook = types.assembly_load_hooks.get(simple.lower())
    if hook is not None:
        return hook(str(name)) if callable(hook) and not isinstance(hook, Assembly) else hook
    return framework_assembly(simple)


class AssemblyStatics:
    @sig("static System.Reflection.Assembly LoadWithPartialName(string partialName)")
    def LoadWithPartialName(name):
        return load_assembly(name)

    @sig("static System.Reflection.Assembly Load(string assemblyString)")
    def Load(name):
        a = load_assembly(name)
        if a is None:
            raise E.FileNotFoundException(
                f"Could not load file or assembly '{name}'. The system cannot find the file "
                f"specified.")
        return a

    @sig("static System.Reflection.Assembly LoadFrom(string assemblyFile)")
    def LoadFrom(path):
        return _load_file(path)

    @sig("static System.Reflection.Assembly LoadFile(string path)")
    def LoadFile(path):
        return _load_file(path)

    @sig("static System.Reflection.Assembly GetExecutingAssembly()")
    def GetExecutingAssembly():
        return framework_assembly("System.Management.Automation")

    @sig("static System.Reflection.Assembly GetAssembly(type type)")
    def GetAssembly(t):
        from spshell.runtime.types import _assembly_of
        return Assembly(_assembly_of(t.FullName), "", gac=False)


def _load_file(path):
    from spshell.runtime.dotnet.io import full_path
    full = full_path(path)
    base = os.path.splitext(os.path.basename(full))[0]
    hook = None
    from spshell.runtime import types
    hook = types.assembly_load_hooks.get(base.lower())
    if hook is not None:
        return hook(full) if callable(hook) and not isinstance(hook, Assembly) else hook
    if not os.path.isfile(full):
        raise E.FileNotFoundException(f"Could not load file or assembly '{full}'. The system "
                                      f"cannot find the file specified.")
    raise BadImageFormatException(f"Could not load file or assembly '{full}'. The module was "
                                    f"expected to contain an assembly manifest.")


BadImageFormatException = E.define_exception("System.BadImageFormatException",
                                             E.SystemException)
