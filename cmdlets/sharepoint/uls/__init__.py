"""The Unified Logging Service (ULS) of each host, as part of the Microsoft.SharePoint.PowerShell
snap-in (the engine merges this manifest with the other SharePoint manifests): the trace log
SharePoint code writes to (log.py) and Get-SPLogEvent, which reads it.

Nothing heavy is imported here: commands and types are lazy "package.module:Name" references.
"""
from spshell.cmdlet import Module

_P = "cmdlets.sharepoint.uls."

MODULE = Module(
    name="Microsoft.SharePoint.PowerShell",
    kind="PSSnapin",
    version="16.0.10337.12109",
    description="SharePoint Server 2019 cmdlets: the ULS trace log.",
    autoload=True,
    commands={
        "Get-SPLogEvent": _P + "cmdlets:GetSPLogEvent",
    },
    types={
        "Microsoft.SharePoint.Diagnostics.SPLogEvent": _P + "log:SPLogEvent",
    },
)
