"""The SharePoint server object model the published scripts touch, as part of the
Microsoft.SharePoint.PowerShell snap-in (the engine merges this manifest with the others):
SPSite, SPWeb, SPUtility (SendEmail), SPSecurity and New-SPSite / Get-SPSite / Get-SPWeb; plus the
``LoadWithPartialName("Microsoft.SharePoint")`` assemblies.

Importing this package only registers the manifest and the assembly-load hook (a dict entry):
commands and types are lazy "package.module:Name" references.
"""
from spshell.cmdlet import Module

from .assembly import register as _register_assemblies

_P = "cmdlets.sharepoint.om."

MODULE = Module(
    name="Microsoft.SharePoint.PowerShell",
    kind="PSSnapin",
    version="16.0.10337.12109",
    description="SharePoint Server 2019 cmdlets: site collections, webs and SPUtility.",
    autoload=True,
    setup=_P + "assembly:setup",
    commands={
        "New-SPSite": _P + "cmdlets:NewSPSite",
        "Get-SPSite": _P + "cmdlets:GetSPSite",
        "Get-SPWeb": _P + "cmdlets:GetSPWeb",
    },
    types={
        "Microsoft.SharePoint.SPSite": _P + "objects:SPSite",
        "Microsoft.SharePoint.SPWeb": _P + "objects:SPWeb",
        "Microsoft.SharePoint.Utilities.SPUtility": _P + "utility:SPUtility",
        "Microsoft.SharePoint.SPSecurity": _P + "utility:SPSecurity",
        "Microsoft.SharePoint.PowerShell.SPSitePipeBind": _P + "objects:SPSitePipeBind",
        "Microsoft.SharePoint.PowerShell.SPWebPipeBind": _P + "objects:SPWebPipeBind",
    },
)

_register_assemblies()
