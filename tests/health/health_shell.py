"""Running `python -m spshell` as one host of a farm in a temporary spshell home."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REF = Path(os.environ.get("SPSHELL_REFERENCE", "/work/shared/reference"))

SS = ("function SS($t) { $s = [System.Security.SecureString]::new(); "
      "foreach ($c in $t.ToCharArray()) { [void]$s.AppendChar($c) }; $s }\n"
      "function Cred($u, $p) { [System.Management.Automation.PSCredential]::new($u, (SS $p)) }\n")


class Shell:
    def __init__(self, home, extra_env=None, pythonpath=()):
        self.home = Path(home)
        path = os.pathsep.join([str(ROOT), *map(str, pythonpath)])
        self.env = dict(os.environ, SPSHELL_HOME=str(home), SPSHELL_KEYSTORE="file",
                        PYTHONPATH=path, **(extra_env or {}))
        self.env.pop("SPSHELL_COMPUTERNAME", None)

    def run(self, host, script=None, file=None, stdin="", interactive=False, timeout=120,
            args=()):
        argv = [sys.executable, "-m", "spshell", "-NoProfile"]
        if not interactive:
            argv.append("-NonInteractive")
        argv += ["-ComputerName", host]
        argv += ["-File", str(file), *args] if file else ["-Command", script]
        p = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=self.env,
                           cwd=str(self.home), timeout=timeout)
        p.all = p.stdout + p.stderr
        return p

    def ok(self, host, script, **kw):
        p = self.run(host, script, **kw)
        assert p.returncode == 0 and "Exception" not in p.stderr, p.all
        return p

    def farm(self, hosts=("WFE1", "WFE2", "WFE3"), server="SQL-01", db="SharePoint_Config"):
        self.ok(hosts[0], SS + f'New-SPConfigurationDatabase -DatabaseName "{db}" '
                               f'-DatabaseServer "{server}" -Passphrase (SS "Farm pass 1") '
                               f'-FarmCredentials (Cred "CONTOSO\\farm" "x")')
        for h in hosts[1:]:
            self.ok(h, SS + f'Connect-SPConfigurationDatabase -DatabaseName "{db}" '
                            f'-DatabaseServer "{server}" -Passphrase (SS "Farm pass 1")')

    def set_key(self, host, key):
        self.ok(host, SS + f'Set-SPApplicationCredentialKey -Password (SS "{key}")')

    def save_credentials(self, host):
        self.ok(host, SS + '$ca = Get-SPWebApplication -IncludeCentralAdministration | '
                           '? { $_.IsAdministrationWebApplication }\n'
                           'Set-SPWebApplication -Identity $ca -SMTPServer mail.contoso.com '
                           '-OutgoingEmailAddress sp@contoso.com -ReplyToEmailAddress '
                           'sp@contoso.com -SMTPCredentials (Cred "CONTOSO\\smtp" "S-1")')
