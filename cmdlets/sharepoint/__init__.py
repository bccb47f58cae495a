"""Microsoft.SharePoint.PowerShell: farm and servers, the per-host application credential key,
web applications and their outgoing e-mail settings.

Nothing heavy is imported here: commands and types are lazy "package.module:Name" references.
"""
from spshell.cmdlet import Module

_P = "cmdlets.sharepoint."

MODULE = Module(
    name="Microsoft.SharePoint.PowerShell",
    kind="PSSnapin",
    version="16.0.10337.12109",
    description="SharePoint Server 2019 cmdlets: farm, servers, application credential key, "
                "web applications and outgoing e-mail settings.",
    autoload=True,
    setup=_P + "bridge:setup",
    commands={
        "New-SPConfigurationDatabase": _P + "farm_cmdlets:NewSPConfigurationDatabase",
        "Connect-SPConfigurationDatabase": _P + "farm_cmdlets:ConnectSPConfigurationDatabase",
        "Disconnect-SPConfigurationDatabase": _P + "farm_cmdlets:DisconnectSPConfigurationDatabase",
        "Get-SPFarm": _P + "farm_cmdlets:GetSPFarm",
        "Get-SPServer": _P + "farm_cmdlets:GetSPServer",
        "Get-SPWebApplication": _P + "webapp_cmdlets:GetSPWebApplication",
        "New-SPWebApplication": _P + "webapp_cmdlets:NewSPWebApplication",
        "Set-SPWebApplication": _P + "webapp_cmdlets:SetSPWebApplication",
        "New-SPAuthenticationProvider": _P + "webapp_cmdlets:NewSPAuthenticationProvider",
        "Set-SPApplicationCredentialKey": _P + "key_cmdlets:SetSPApplicationCredentialKey",
        "Remove-SPApplicationCredentialKey": _P + "key_cmdlets:RemoveSPApplicationCredentialKey",
        "Get-SPManagedAccount": _P + "account_cmdlets:GetSPManagedAccount",
        "New-SPManagedAccount": _P + "account_cmdlets:NewSPManagedAccount",
    },
    types={
        "Microsoft.SharePoint.Administration.SPFarm": _P + "model:SPFarm",
        "Microsoft.SharePoint.Administration.SPServer": _P + "model:SPServer",
        "Microsoft.SharePoint.Administration.SPWebApplication": _P + "model:SPWebApplication",
        "Microsoft.SharePoint.Administration.SPAdministrationWebApplication":
            _P + "model:SPAdministrationWebApplication",
        "Microsoft.SharePoint.Administration.SPWebService": _P + "model:SPWebService",
        "Microsoft.SharePoint.Administration.SPOutboundMailServiceInstance":
            _P + "model:SPOutboundMailServiceInstance",
        "Microsoft.SharePoint.Administration.SPManagedAccount": _P + "model:SPManagedAccount",
        "Microsoft.SharePoint.Administration.SPApplicationPool": _P + "model:SPApplicationPool",
        "Microsoft.SharePoint.Administration.SPGlobalAdmin": _P + "model:SPGlobalAdmin",
        "Microsoft.SharePoint.PowerShell.SPWebApplicationPipeBind":
            _P + "model:SPWebApplicationPipeBind",
        "Microsoft.SharePoint.PowerShell.SPServerPipeBind": _P + "model:SPServerPipeBind",
        "Microsoft.SharePoint.PowerShell.SPManagedAccountPipeBind":
            _P + "model:SPManagedAccountPipeBind",
        "Microsoft.SharePoint.Administration.SPWindowsAuthenticationProvider":
            _P + "webapp_cmdlets:SPAuthenticationProvider",
        "Microsoft.SharePoint.PowerShell.SPCmdletException": _P + "errors:SPCmdletException",
        "Microsoft.SharePoint.PowerShell.SPCmdletPipeBindException":
            _P + "errors:SPCmdletPipeBindException",
    },
)
