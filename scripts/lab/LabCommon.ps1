# LabCommon.ps1 - shared by every lab step (dot-sourced; not a step itself).
#
# The lab simulates a three-server SharePoint Server 2019 farm on one machine. Every spshell
# process acts as one server (-ComputerName); each server keeps its own state (the farm it
# joined, its application credential key) under $env:SPSHELL_HOME. A step therefore runs each
# server's part in a child spshell process started with that server's name: Invoke-LabServer.
#
# The names and secrets below are the lab's. They are deliberately visible: this is a training
# lab, not a farm. Never put real passwords in a script like this.

$LabServers        = @('APP1', 'WFE1', 'WFE2')       # APP1 creates the farm; WFE1, WFE2 join
$LabDatabaseServer = 'SQL01'                          # embedded SQLite unless mapped to PostgreSQL
$LabConfigDatabase = 'SharePoint_Config'
$LabFarmPassphrase = 'Lab farm passphrase 1!'
$LabFarmAccount    = 'CONTOSO\spfarm'
$LabCredentialKey  = 'Lab application credential key 1!'
$LabWrongKey       = 'Not the key the password was stored with'
$LabWebAppUrl      = 'http://sp.contoso.com'
$LabSmtpServer     = 'mail.contoso.com'               # answered by the lab's Exchange profile
$LabOnlineServer   = 'smtp.office365.com'             # answered by the lab's Exchange Online profile
$LabSmtpUser       = 'LAB\spmail'
$LabSmtpPassword   = 'Lab mail password 1!'
$LabOnlineUser     = 'spmail@lab.test'
$LabSender         = 'sharepoint@contoso.com'
$LabRecipient      = 'trainee@contoso.com'
$LabRoot           = $PSScriptRoot

function New-LabSecureString([string]$Text) {
    ConvertTo-SecureString -String $Text -AsPlainText -Force
}

function New-LabCredential([string]$UserName, [string]$Password) {
    New-Object System.Management.Automation.PSCredential $UserName, (New-LabSecureString $Password)
}

function Write-LabStep([string]$Title) {
    Write-Host ''
    Write-Host ('=' * 78) -ForegroundColor Yellow
    Write-Host $Title -ForegroundColor Yellow
    Write-Host ('=' * 78) -ForegroundColor Yellow
}

function Write-LabNote([string]$Text) {
    # What the trainee should look at in the output that follows.
    Write-Host "LOOK: $Text" -ForegroundColor Green
}

function Get-LabShell {
    # The spshell that runs this script: the installed command, else this checkout as a module.
    $cmd = Get-Command spshell -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if ($cmd) { return @($cmd.Source) }
    return @('python3', '-m', 'spshell')
}

function Invoke-LabServer {
    <#
    .SYNOPSIS
        Runs a script block as one farm server, in a child spshell process.
    .DESCRIPTION
        The block runs with LabCommon.ps1 loaded, as -ComputerName, under the same
        SPSHELL_HOME. Its output is shown under a "[SERVER]" header. A failure of the child
        (non-zero exit) stops the step unless -AllowFailure is given.
    #>
    param(
        [Parameter(Mandatory = $true)] [string] $ComputerName,
        [Parameter(Mandatory = $true)] [scriptblock] $ScriptBlock,
        [switch] $AllowFailure
    )
    $shell = @(Get-LabShell)
    $exe = $shell[0]
    $pre = @($shell | Select-Object -Skip 1)
    $common = Join-Path $LabRoot 'LabCommon.ps1'
    $text = ". '$common'`n" + $ScriptBlock.ToString()
    Write-Host ''
    Write-Host "[$ComputerName]" -ForegroundColor Cyan
    & $exe @pre -NoProfile -NonInteractive -ComputerName $ComputerName -Command $text
    $code = $LASTEXITCODE
    if ($code -ne 0 -and -not $AllowFailure) {
        throw "The step failed on $ComputerName (exit code $code)."
    }
}
