"""Microsoft.PowerShell.* equivalents: the core cmdlets, loaded without Import-Module.

``MODULES`` holds one manifest per PowerShell source module (Core, Utility, Management,
Security, Host), so Get-Command shows the Source PowerShell shows; ``MODULE`` merges them for
loaders that take a single manifest. Command classes are referenced lazily ("pkg.mod:Class").
"""
from __future__ import annotations

from spshell.cmdlet import Module

_P = "cmdlets.core."


def _refs(module, names):
    return {name: f"{_P}{module}:{cls}" for name, cls in names}


_CORE = {}
_CORE.update(_refs("pipeline_cmdlets", [("ForEach-Object", "ForEachObject"),
                                        ("Where-Object", "WhereObject")]))
_CORE.update(_refs("help_cmdlets", [("Get-Help", "GetHelp"), ("Get-Command", "GetCommand")]))
_CORE.update(_refs("module_cmdlets", [
    ("Get-Module", "GetModule"), ("Import-Module", "ImportModule"),
    ("Remove-Module", "RemoveModule"), ("Add-PSSnapin", "AddPSSnapin"),
    ("Get-PSSnapin", "GetPSSnapin"), ("Remove-PSSnapin", "RemovePSSnapin")]))
_CORE.update(_refs("utility_cmdlets", [("Invoke-Command", "InvokeCommand"),
                                       ("Set-StrictMode", "SetStrictMode")]))
_CORE.update(_refs("host_cmdlets", [
    ("Get-History", "GetHistory"), ("Add-History", "AddHistory"),
    ("Clear-History", "ClearHistory"), ("Invoke-History", "InvokeHistory"),
    ("Clear-Host", "ClearHost")]))
_CORE.update(_refs("formatting_cmdlets", [("Out-Default", "OutDefault"), ("Out-Host", "OutHost"),
                                          ("Out-Null", "OutNull")]))

_UTILITY = {}
_UTILITY.update(_refs("write_cmdlets", [
    ("Write-Output", "WriteOutput"), ("Write-Host", "WriteHost"),
    ("Write-Warning", "WriteWarning"), ("Write-Verbose", "WriteVerbose"),
    ("Write-Debug", "WriteDebug"), ("Write-Information", "WriteInformation"),
    ("Write-Error", "WriteError"), ("Write-Progress", "WriteProgress")]))
_UTILITY.update(_refs("data_cmdlets", [
    ("Select-Object", "SelectObject"), ("Sort-Object", "SortObject"),
    ("Group-Object", "GroupObject"), ("Measure-Object", "MeasureObject"),
    ("Compare-Object", "CompareObject")]))
_UTILITY.update(_refs("pipeline_cmdlets", [("Tee-Object", "TeeObject"),
                                           ("Get-Unique", "GetUnique")]))
_UTILITY.update(_refs("object_cmdlets", [("Get-Member", "GetMember"), ("New-Object", "NewObject"),
                                         ("Add-Member", "AddMember")]))
_UTILITY.update(_refs("variable_cmdlets", [
    ("Get-Variable", "GetVariable"), ("Set-Variable", "SetVariable"),
    ("New-Variable", "NewVariable"), ("Remove-Variable", "RemoveVariable"),
    ("Clear-Variable", "ClearVariable")]))
_UTILITY.update(_refs("utility_cmdlets", [
    ("Get-Date", "GetDate"), ("Start-Sleep", "StartSleep"), ("Get-Random", "GetRandom"),
    ("New-Guid", "NewGuid"), ("Get-Culture", "GetCulture"),
    ("Measure-Command", "MeasureCommand"), ("Invoke-Expression", "InvokeExpression"),
    ("Select-String", "SelectString")]))
_UTILITY.update(_refs("host_cmdlets", [("Read-Host", "ReadHost"), ("Get-Host", "GetHost")]))
_UTILITY.update(_refs("json_cmdlets", [("ConvertTo-Json", "ConvertToJson"),
                                       ("ConvertFrom-Json", "ConvertFromJson")]))
_UTILITY.update(_refs("csv_cmdlets", [
    ("ConvertTo-Csv", "ConvertToCsv"), ("ConvertFrom-Csv", "ConvertFromCsv"),
    ("Export-Csv", "ExportCsv"), ("Import-Csv", "ImportCsv")]))
_UTILITY.update(_refs("module_cmdlets", [
    ("Get-Alias", "GetAlias"), ("Set-Alias", "SetAlias"), ("New-Alias", "NewAlias"),
    ("Remove-Alias", "RemoveAlias")]))
_UTILITY.update(_refs("formatting_cmdlets", [
    ("Format-Table", "FormatTable"), ("Format-List", "FormatList"),
    ("Format-Wide", "FormatWide"), ("Out-String", "OutString"), ("Out-File", "OutFile")]))

_MANAGEMENT = {}
_MANAGEMENT.update(_refs("process_cmdlets", [("Start-Process", "StartProcess")]))
_MANAGEMENT.update(_refs("item_cmdlets", [
    ("Get-ChildItem", "GetChildItem"), ("Get-Item", "GetItem"), ("New-Item", "NewItem"),
    ("Remove-Item", "RemoveItem"), ("Copy-Item", "CopyItem"), ("Move-Item", "MoveItem"),
    ("Rename-Item", "RenameItem"), ("Test-Path", "TestPath"), ("Get-Content", "GetContent"),
    ("Set-Content", "SetContent"), ("Add-Content", "AddContent"),
    ("Clear-Content", "ClearContent")]))
_MANAGEMENT.update(_refs("location_cmdlets", [
    ("Get-Location", "GetLocation"), ("Set-Location", "SetLocation"),
    ("Push-Location", "PushLocation"), ("Pop-Location", "PopLocation"),
    ("Resolve-Path", "ResolvePath"), ("Join-Path", "JoinPath"), ("Split-Path", "SplitPath")]))

_SECURITY = _refs("security_cmdlets", [
    ("ConvertTo-SecureString", "ConvertToSecureString"),
    ("ConvertFrom-SecureString", "ConvertFromSecureString"),
    ("Get-Credential", "GetCredential")])

_HOST = _refs("host_cmdlets", [("Start-Transcript", "StartTranscript"),
                               ("Stop-Transcript", "StopTranscript")])

ALIASES = {
    "?": "Where-Object", "where": "Where-Object", "%": "ForEach-Object",
    "foreach": "ForEach-Object", "select": "Select-Object", "sort": "Sort-Object",
    "group": "Group-Object", "measure": "Measure-Object", "compare": "Compare-Object",
    "diff": "Compare-Object", "ft": "Format-Table", "fl": "Format-List", "fw": "Format-Wide",
    "gm": "Get-Member", "echo": "Write-Output", "write": "Write-Output", "cls": "Clear-Host",
    "clear": "Clear-Host", "gc": "Get-Content", "cat": "Get-Content", "type": "Get-Content",
    "sc": "Set-Content", "ac": "Add-Content", "clc": "Clear-Content", "ni": "New-Item",
    "gci": "Get-ChildItem", "ls": "Get-ChildItem", "dir": "Get-ChildItem", "gi": "Get-Item",
    "cd": "Set-Location", "chdir": "Set-Location", "sl": "Set-Location",
    "pwd": "Get-Location", "gl": "Get-Location", "pushd": "Push-Location",
    "popd": "Pop-Location", "rvpa": "Resolve-Path", "iex": "Invoke-Expression",
    "icm": "Invoke-Command", "rm": "Remove-Item", "del": "Remove-Item", "ri": "Remove-Item",
    "rmdir": "Remove-Item", "rd": "Remove-Item", "erase": "Remove-Item", "mv": "Move-Item",
    "mi": "Move-Item", "move": "Move-Item", "cp": "Copy-Item", "cpi": "Copy-Item",
    "copy": "Copy-Item", "ren": "Rename-Item", "rni": "Rename-Item", "gal": "Get-Alias",
    "sal": "Set-Alias", "nal": "New-Alias", "gv": "Get-Variable", "sv": "Set-Variable",
    "set": "Set-Variable", "nv": "New-Variable", "rv": "Remove-Variable",
    "clv": "Clear-Variable", "gcm": "Get-Command", "ghy": "Get-History", "h": "Get-History",
    "history": "Get-History", "r": "Invoke-History", "ihy": "Invoke-History",
    "clhy": "Clear-History", "man": "Get-Help", "help": "Get-Help", "tee": "Tee-Object",
    "sls": "Select-String", "sleep": "Start-Sleep", "gmo": "Get-Module",
    "ipmo": "Import-Module", "rmo": "Remove-Module", "gsnp": "Get-PSSnapin",
    "asnp": "Add-PSSnapin", "rsnp": "Remove-PSSnapin", "gu": "Get-Unique",
    "start": "Start-Process", "saps": "Start-Process", "epcsv": "Export-Csv", "ipcsv": "Import-Csv", "oh": "Out-Host",
}

ABOUT = {
    "about_spshell": "cmdlets.core:about/about_spshell.txt",
    "about_SharePoint_Outgoing_Mail": "cmdlets.core:about/about_SharePoint_Outgoing_Mail.txt",
    "about_Application_Credential_Key":
        "cmdlets.core:about/about_Application_Credential_Key.txt",
}

_VERSION = "7.0.0.0"


def _module(name, commands, description, aliases=None, about=None, setup=None):
    targets = {c.lower() for c in commands}
    return Module(name=name, commands=commands,
                  aliases={a: t for a, t in (aliases or {}).items() if t.lower() in targets},
                  about=about or {}, version=_VERSION, kind="Module", description=description,
                  autoload=True, setup=setup)


MODULES = [
    _module("Microsoft.PowerShell.Core", _CORE, "The pipeline, help and session cmdlets.",
            ALIASES, ABOUT, "cmdlets.core:setup"),
    _module("Microsoft.PowerShell.Utility", _UTILITY,
            "Objects, text, data conversion and output cmdlets.", ALIASES),
    _module("Microsoft.PowerShell.Management", _MANAGEMENT,
            "Items, content and locations.", ALIASES),
    _module("Microsoft.PowerShell.Security", _SECURITY, "Secure strings and credentials."),
    _module("Microsoft.PowerShell.Host", _HOST, "Transcripts."),
]

# One manifest for loaders that register a single module per entry point.
MODULE = Module(name="Microsoft.PowerShell.Core",
                commands={k: v for m in MODULES for k, v in m.commands.items()},
                aliases=dict(ALIASES), about=dict(ABOUT), version=_VERSION, kind="Module",
                description="The core cmdlets of spshell (Microsoft.PowerShell.*).",
                autoload=True, setup="cmdlets.core:setup")


def setup(ctx):
    """Runs when the core module is first used: the default views of engine types the core
    cmdlets return (CommandInfo, MemberDefinition, PSVariable), as PowerShell's
    *.format.ps1xml declare them."""
    from spshell.formatting import Column, View, register_view
    register_view("System.Management.Automation.CommandInfo", View(kind="table", columns=[
        Column("CommandType", "CommandType", 15), Column("Name", "DisplayName", 50),
        Column("Version", "Version", 10), Column("Source", "Source")]))
    register_view("Microsoft.PowerShell.Commands.MemberDefinition", View(kind="table", columns=[
        Column("Name", "Name"), Column("MemberType", "MemberType"),
        Column("Definition", "Definition")]))
    register_view("System.Management.Automation.PSVariable", View(kind="table", columns=[
        Column("Name", "Name", 30), Column("Value", "Value")]))
