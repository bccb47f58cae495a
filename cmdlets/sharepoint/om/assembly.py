"""``[System.Reflection.Assembly]::LoadWithPartialName("Microsoft.SharePoint")`` (and
"Microsoft.SharePoint.PowerShell"): the SharePoint 2019 assemblies as the GAC holds them.

Loading one returns the Assembly object (PowerShell prints it as the GAC / Version / Location
table) and loads the SharePoint snap-in into the session that asked, when that session is known
(the snap-in's setup remembers it); the object-model types are registered with the snap-in's
manifest, so ``New-Object Microsoft.SharePoint.SPSite`` works right after the call either way.
"""
from __future__ import annotations

_TOKEN = "71e9bce111e9429c"
ASSEMBLIES = {
    "microsoft.sharepoint": "Microsoft.SharePoint",
    "microsoft.sharepoint.powershell": "Microsoft.SharePoint.PowerShell",
}
SNAPIN = "Microsoft.SharePoint.PowerShell"
_sessions = []  # weak references to the contexts the snap-in was set up in


def assembly(simple_name):
    from spshell.runtime.dotnet.reflection import Assembly
    canon = ASSEMBLIES[simple_name.lower()]
    full = f"{canon}, Version=16.0.0.0, Culture=neutral, PublicKeyToken={_TOKEN}"
    location = (rf"C:\Windows\Microsoft.Net\assembly\GAC_MSIL\{canon}\v4.0_16.0.0.0__{_TOKEN}"
                rf"\{canon}.dll")
    return Assembly(full, location, gac=True)


def load(requested: str):
    """The hook registered in spshell.runtime.types.assembly_load_hooks."""
    simple = str(requested).split(",")[0].strip()
    result = assembly(simple)
    for ref in list(_sessions):
        ctx = ref()
        if ctx is None:
            _sessions.remove(ref)
            continue
        modules = getattr(ctx, "modules", None)
        if modules is not None and not modules.is_loaded(SNAPIN):
            modules.import_module(SNAPIN)
    return result


def register():
    from spshell.runtime import types
    for low in ASSEMBLIES:
        types.assembly_load_hooks[low] = load


def setup(context=None):
    """Module setup hook: remember the session so a later LoadWithPartialName loads the snap-in
    there, and make the object model's Python modules ready."""
    import weakref
    from .. import bridge
    bridge.remember(context)
    if context is not None:
        try:
            _sessions.append(weakref.ref(context))
        except TypeError:
            pass
    register()
