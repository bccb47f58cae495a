"""Central Administration in the browser (spshell extension of Microsoft.SharePoint.PowerShell):
Start-/Stop-/Get-SPCentralAdministration. The engine merges this manifest with the snap-in's.

Nothing heavy is imported here: the web stack (starlette, jinja2, uvicorn) loads only when
Central Administration starts.
"""
from spshell.cmdlet import Module

_P = "cmdlets.sharepoint.centraladmin."

MODULE = Module(
    name="Microsoft.SharePoint.PowerShell",
    kind="PSSnapin",
    version="16.0.10337.12109",
    description="SharePoint Server 2019 Central Administration in a web browser.",
    autoload=True,
    commands={
        "Start-SPCentralAdministration": _P + "cmdlets:StartSPCentralAdministration",
        "Stop-SPCentralAdministration": _P + "cmdlets:StopSPCentralAdministration",
        "Get-SPCentralAdministration": _P + "cmdlets:GetSPCentralAdministration",
    },
    types={
        "Spshell.SharePoint.SPCentralAdministrationServer":
            _P + "cmdlets:SPCentralAdministrationServer",
    },
)
