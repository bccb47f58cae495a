"""Set-/Remove-SPApplicationCredentialKey: the key lives on the local host only; each change
publishes the host's key fingerprint (never the key) to the farm store."""
from __future__ import annotations

from spshell.cmdlet import Example, Help, Parameter
from spshell.runtime.errors import DotNetException
from spshell.runtime.objects import SecureString

from . import farm as F
from .base import SPCmdlet


class SetSPApplicationCredentialKey(SPCmdlet):
    name = "Set-SPApplicationCredentialKey"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletSetApplicationCredentialKey"
    supports_should_process = True
    confirm_impact = "Medium"
    help = Help(
        synopsis="Sets the application credential key on the local server.",
        description="Use the Set-SPApplicationCredentialKey cmdlet to set the application "
                    "credential key on the local server, which is used by certain features to "
                    "encrypt and decrypt passwords.\n\nThe application credential key must be "
                    "identical on each server in the farm where it is set.\n\nspshell keeps the "
                    "key in the OS keyring when one is available, otherwise in a file readable "
                    "only by you under the spshell home (SPSHELL_KEYSTORE=auto|keyring|file).",
        examples=[
            Example(' $key = ConvertTo-SecureString -String "New Password" -AsPlainText -Force\n'
                    'Set-SPApplicationCredentialKey -Password $key',
                    'This example sets the application credential key on the local server to '
                    '"New Password".')])

    Password = Parameter(SecureString, mandatory=True, position=0, pipeline=True, not_null=True,
                         help="Specifies the application credential key. Avoid reusing the farm "
                              "passphrase or service account passwords for the application "
                              "credential key.")

    def process(self):
        if not self.should_process(self.host_name):
            return
        try:
            fp, notices = F.set_credential_key(self.home, self.host_name,
                                               self.reveal(self.Password), self.environ)
        except DotNetException as exc:
            self.fail(exc)
            return
        for n in notices:
            self.write_warning(n)
        if fp:
            self.write_verbose(f"Published the application credential key fingerprint of "
                               f"{self.host_name} to the farm.")


class RemoveSPApplicationCredentialKey(SPCmdlet):
    name = "Remove-SPApplicationCredentialKey"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletRemoveApplicationCredentialKey"
    supports_should_process = True
    confirm_impact = "High"
    help = Help(
        synopsis="Removes the application credential key from the local server.",
        description="Use the Remove-SPApplicationCredentialKey cmdlet to remove the application "
                    "credential key from the local server. The application credential key is "
                    "used by certain features to encrypt and decrypt passwords.\n\nThe impact "
                    "level of this cmdlet is set to high, as removing the application credential "
                    "key from the local server may degrade or block the functionality of "
                    "features if they're configured to use the application credential key.  For "
                    "example, the SharePoint People Picker or SMTP authentication.",
        examples=[Example(" Remove-SPApplicationCredentialKey -Confirm:$false",
                          "This example removes the application credential key from the local "
                          "server without prompting for user confirmation.")])

    def process(self):
        if not self.should_process(self.host_name):
            return
        try:
            removed = F.remove_credential_key(self.home, self.host_name, self.environ)
        except DotNetException as exc:
            self.fail(exc)
            return
        if not removed:
            self.write_verbose(f"No application credential key was set on {self.host_name}.")
