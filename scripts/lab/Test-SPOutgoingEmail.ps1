<#
.SYNOPSIS
    Sends a test e-mail through SharePoint and, if it fails, shows the ULS "E-Mail" entries.
.DESCRIPTION
    The classic outgoing e-mail test: open the web, call
    [Microsoft.SharePoint.Utilities.SPUtility]::SendEmail, and when it returns $false read the
    trace log around the attempt. Parameters that are not given are asked for, as the original
    script does with Read-Host.
.EXAMPLE
    spshell -ComputerName WFE1 -File Test-SPOutgoingEmail.ps1 -WebUrl http://sp.contoso.com -To me@contoso.com
#>
param(
    [string] $WebUrl,
    [string] $To,
    [string] $Subject,
    [string] $Body
)

$snapin = Get-PSSnapin | Where-Object { $_.Name -eq 'Microsoft.SharePoint.PowerShell' }
if ($snapin -eq $null) {
    Add-PSSnapin Microsoft.SharePoint.PowerShell
}

$web = $null
while ($web -eq $null) {
    if (-not $WebUrl) { $WebUrl = Read-Host 'Input SPWeb URL using http://' }
    $web = Get-SPWeb $WebUrl
    if ($web -eq $null) { $WebUrl = $null }
}
if (-not $To) { $To = Read-Host 'Input E-mail recipient' }
if (-not $Subject) { $Subject = Read-Host 'Input E-mail Subject' }
if (-not $Body) { $Body = Read-Host 'Input E-mail Body' }

$startTime = (Get-Date).AddMinutes(-1)
$send = [Microsoft.SharePoint.Utilities.SPUtility]::SendEmail($web, 0, 0, $To, $Subject, $Body)

if ($send -eq $false -and $web -ne $null) {
    Write-Host "It didn't work, checking ULS for errors. Please stand by..." -ForegroundColor Red -BackgroundColor Yellow
    $endTime = (Get-Date).AddMinutes(1)
    Get-SPLogEvent -StartTime $startTime -EndTime $endTime |
        Where-Object { $_.Category -eq 'E-Mail' } |
        Format-List Timestamp, Level, EventID, Message
    $web.Dispose()
    exit 1
}
elseif ($send -eq $true -and $web -ne $null) {
    Write-Host 'It Worked..Congrats!' -ForegroundColor DarkGreen -BackgroundColor White
}
$web.Dispose()
