<#
.SYNOPSIS
    Sets the application credential key on this server.
.DESCRIPTION
    SharePoint Server 2019 encrypts the SMTP password of outgoing e-mail with the application
    credential key. Every server of the farm needs the same key: push this script to each one.
        spshell -NonInteractive -ComputerName WFE1 -File Set-CredentialKey.ps1 -Key $key
    The key is asked for (twice) when it is not given; under -NonInteractive that is a failure.
    Exit codes: 0 set, 1 failure.
.PARAMETER Key
    The application credential key (SecureString).
.EXAMPLE
    spshell -ComputerName WFE1 -File Set-CredentialKey.ps1
    Prompts for the key and sets it on WFE1.
#>
param(
    [System.Security.SecureString] $Key
)

$ErrorActionPreference = 'Stop'
$server = $env:SPSHELL_COMPUTERNAME
try {
    if (-not $Key) {
        $Key = Read-Host -AsSecureString -Prompt 'Application credential key'
        $again = Read-Host -AsSecureString -Prompt 'Type it again'
        $a = (New-Object System.Management.Automation.PSCredential 'k', $Key).GetNetworkCredential().Password
        $b = (New-Object System.Management.Automation.PSCredential 'k', $again).GetNetworkCredential().Password
        if ($a -ne $b) { Write-Error 'The two keys differ; nothing was changed.' }
    }
    Set-SPApplicationCredentialKey -Password $Key -WarningAction SilentlyContinue
    Write-Output "The application credential key is set on $server."
}
catch {
    Write-Host "FAILED on ${server}: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
exit 0
