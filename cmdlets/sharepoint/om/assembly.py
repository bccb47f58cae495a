"""``[System.Reflection.Assembly]::LoadWithPartialName("Microsoft.SharePoint")`` (and
"Microsoft.SharePoint.PowerShell"): the SharePoint 2019 assemblies as the GAC holds them.

Loading one returns the Assembly object (PowerShell prints it as the GAC / Version / Location
table) and loads the SharePoint snap-in into this process's session.
"""
from __future__ import annotations

_TOKEN = "71e9bce111e9429c"
ASSEMBLIES = {
    "microsoft.sharepoint": "Microsoft.SharePoint",
    "microsoft.sharepoint.powershell": "Microsoft.SharePoint.PowerShell",
}
SNAPIN = "Microsoft.SharePoint.PowerShell"


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
    from spshell.runtime.context import current
    ctx = current()
    if ctx is not None and not ctx.modules.is_loaded(SNAPIN):
        ctx.modules.import_module(SNAPIN)
    return result


def register():
    from spshell.runtime import types
    for low in ASSEMBLIES:
        types.assembly_load_hooks[low] = load


def setup(context=None):
    """Module setup hook: make the object model's Python modules ready."""
    from .. import bridge
    bridge.remember(context)
    register()
