# Step 04 - Set the same application credential key on every server.
#
# The key never leaves the server: each one stores it locally (OS keyring, else a 0600 file in
# its own folder) and publishes only a fingerprint to the farm, which is what the Health Analyzer
# compares. Then each server verifies itself.
#
# Run:  spshell -File scripts/lab/04-set-credential-key.ps1
. "$PSScriptRoot/LabCommon.ps1"

Write-LabStep 'Step 04 - Set the application credential key on APP1, WFE1 and WFE2'

foreach ($server in $LabServers) {
    Invoke-LabServer -ComputerName $server -ScriptBlock {
        & "$LabRoot/../provisioning/Set-CredentialKey.ps1" -Key (New-LabSecureString $LabCredentialKey)
    }
}
