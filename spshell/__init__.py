"""spshell: a PowerShell-compatible shell carrying the SharePoint Server 2019 outgoing-mail
toolkit as its cmdlets."""
__version__ = "0.1.0"
