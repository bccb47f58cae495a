<#
.SYNOPSIS
    Joins this server to a SharePoint farm (or creates the farm with -CreateFarm).
.DESCRIPTION
    The first step an administrator pushes to each server. Run it as the server it configures:
        spshell -NonInteractive -ComputerName WFE1 -File Join-SPFarm.ps1 -DatabaseServer SQL01 `
            -DatabaseName SharePoint_Config -Passphrase $pass
    A server that is already in this farm is left alone (exit 0), so the script can be pushed
    again safely. The passphrase is asked for when it is not given (and the script fails under
    -NonInteractive). Exit codes: 0 joined (or already joined), 1 failure.
.PARAMETER DatabaseServer
    The database server of the configuration database (a name, or a postgresql:// address).
.PARAMETER DatabaseName
    The configuration database.
.PARAMETER Passphrase
    The farm passphrase (SecureString).
.PARAMETER CreateFarm
    Create the farm (the first server only).
.PARAMETER FarmCredentials
    The farm account (with -CreateFarm).
.PARAMETER LocalServerRole
    The MinRole of this server (default Custom).
.EXAMPLE
    spshell -ComputerName APP1 -File Join-SPFarm.ps1 -DatabaseServer SQL01 -DatabaseName SharePoint_Config -CreateFarm -FarmCredentials (Get-Credential CONTOSO\spfarm)
#>
param(
    [Parameter(Mandatory = $true)] [ValidateNotNullOrEmpty()] [string] $DatabaseServer,
    [Parameter(Mandatory = $true)] [ValidateNotNullOrEmpty()] [string] $DatabaseName,
    [System.Security.SecureString] $Passphrase,
    [switch] $CreateFarm,
    [System.Management.Automation.PSCredential] $FarmCredentials,
    [string] $LocalServerRole = 'Custom'
)

$ErrorActionPreference = 'Stop'
$server = $env:SPSHELL_COMPUTERNAME
try {
    $farm = $null
    try { $farm = Get-SPFarm } catch { }   # not in a farm yet: "The local farm is not accessible."
    if ($farm) {
        if ($farm.Name -eq $DatabaseName) {
            Write-Output "$server is already in farm $($farm.Name); nothing to do."
            exit 0
        }
        Write-Error "$server is in another farm ($($farm.Name)). Run Disconnect-SPConfigurationDatabase first."
    }
    if (-not $Passphrase) {
        $Passphrase = Read-Host -AsSecureString -Prompt 'Farm passphrase'
    }
    if ($CreateFarm) {
        if (-not $FarmCredentials) {
            Write-Error 'Creating a farm needs -FarmCredentials (the farm account).'
        }
        $null = New-SPConfigurationDatabase -DatabaseServer $DatabaseServer -DatabaseName $DatabaseName `
            -Passphrase $Passphrase -FarmCredentials $FarmCredentials -LocalServerRole $LocalServerRole
        Write-Output "$server created farm $DatabaseName on $DatabaseServer."
    }
    else {
        Connect-SPConfigurationDatabase -DatabaseServer $DatabaseServer -DatabaseName $DatabaseName `
            -Passphrase $Passphrase -LocalServerRole $LocalServerRole
        Write-Output "$server joined farm $DatabaseName on $DatabaseServer."
    }
}
catch {
    Write-Host "FAILED on ${server}: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
exit 0
