# Step 01 - Build a three-server farm: APP1, WFE1, WFE2.
#
# APP1 creates the configuration database (embedded SQLite on "SQL01"; map SQL01 to a
# postgresql:// address to share the farm between machines), then WFE1 and WFE2 join it with the
# farm passphrase. Each server runs the provisioning script an administrator would push to it.
# A web application for the sites and Central Administration (created with the farm) follow.
#
# Run:  spshell -File scripts/lab/01-build-farm.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep 'Step 01 - Build the farm: APP1 creates it, WFE1 and WFE2 join'

Invoke-LabServer -ComputerName APP1 -ScriptBlock {
    & "$LabRoot/../provisioning/Join-SPFarm.ps1" -DatabaseServer $LabDatabaseServer `
        -DatabaseName $LabConfigDatabase -Passphrase (New-LabSecureString $LabFarmPassphrase) `
        -CreateFarm -FarmCredentials (New-LabCredential $LabFarmAccount 'farm account password')
}
foreach ($server in 'WFE1', 'WFE2') {
    Invoke-LabServer -ComputerName $server -ScriptBlock {
        & "$LabRoot/../provisioning/Join-SPFarm.ps1" -DatabaseServer $LabDatabaseServer `
            -DatabaseName $LabConfigDatabase -Passphrase (New-LabSecureString $LabFarmPassphrase)
    }
}

Invoke-LabServer -ComputerName APP1 -ScriptBlock {
    $pool = 'SharePoint - 80'
    $null = New-SPWebApplication -Name 'Contoso' -Url $LabWebAppUrl -Port 80 -ApplicationPool $pool `
        -ApplicationPoolAccount (Get-SPManagedAccount $LabFarmAccount)
    Write-LabNote 'three servers in one farm, every one Online'
    Get-SPServer | Format-Table -AutoSize
    Write-LabNote 'Central Administration and Contoso, each with its root site collection'
    Get-SPWebApplication -IncludeCentralAdministration | Format-Table DisplayName, Url -AutoSize
    Get-SPSite -Limit All | Format-Table Url, Owner -AutoSize
}
