"""A prepared lab farm for running published scripts unmodified: spshell processes acting as
farm servers in a temporary SPSHELL_HOME, with the web applications and mail names the scripts
use, a lab mail server answering for those names, and outgoing mail configured."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REF = Path(os.environ.get("SPSHELL_REFERENCE", ROOT.parent / "shared" / "reference"))
DOCS = REF / "docs-examples"
REAL = REF / "realworld-scripts"

# Names the published scripts use, answered by the lab instead of the Internet.
MAIL_NAMES = ("mail.contoso.com", "mail.cobaltatom.com", "mail.example.com")
WEB_APPS = (  # (name, url) the scripts open
    ("Dev Inside", "https://devinside.npe.theglobalfund.org"),
    ("Test Dev", "http://test.dev.local"),
    ("Site Name", "https://sitename"),
)
SS = ("function SS($t) { ConvertTo-SecureString $t -AsPlainText -Force }\n"
      "function Cred($u, $p) { New-Object System.Management.Automation.PSCredential $u, (SS $p) }\n")


class LabShell:
    def __init__(self, home):
        self.home = Path(home)
        self.env = dict(os.environ, SPSHELL_HOME=str(home), SPSHELL_KEYSTORE="file",
                        PYTHONPATH=str(ROOT), NO_COLOR="1")
        self.env.pop("SPSHELL_COMPUTERNAME", None)

    def run(self, host="APP1", script=None, file=None, args=(), stdin="", interactive=False,
            timeout=180, cwd=None):
        argv = [sys.executable, "-m", "spshell", "-NoProfile"]
        if not interactive:
            argv.append("-NonInteractive")
        argv += ["-ComputerName", host]
        argv += ["-File", str(file), *args] if file else ["-Command", script]
        p = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=self.env,
                           cwd=str(cwd or self.home), timeout=timeout)
        p.all = p.stdout + p.stderr
        return p

    def ok(self, host, script, **kw):
        p = self.run(host, SS + script, **kw)
        assert p.returncode == 0 and not p.stderr.strip(), p.all
        return p

    def copy(self, dest):
        """A copy of this lab's home (farm databases, host state); the lab mail server stays the
        original's, and keeps answering processes of the copy."""
        shutil.copytree(self.home, dest, ignore=shutil.ignore_patterns("*.sqlite3-shm"))
        return LabShell(dest)


def prepare(home) -> LabShell:
    Path(home).mkdir(parents=True, exist_ok=True)
    sh = LabShell(home)
    sh.ok("APP1", 'New-SPConfigurationDatabase -DatabaseName SharePoint_Config -DatabaseServer '
                  'SQL01 -Passphrase (SS "Farm pass 1") -FarmCredentials (Cred "CONTOSO\\spfarm" '
                  '"x") | Out-Null')
    sh.ok("WFE1", 'Connect-SPConfigurationDatabase -DatabaseName SharePoint_Config '
                  '-DatabaseServer SQL01 -Passphrase (SS "Farm pass 1")')
    apps = "\n".join(
        f'New-SPWebApplication -Name "{name}" -Url "{url}" -Port {443 if url.startswith("https") else 80} '
        f'{"-SecureSocketsLayer " if url.startswith("https") else ""}-ApplicationPool "Pool {i}" '
        f'-ApplicationPoolAccount (Get-SPManagedAccount "CONTOSO\\spfarm") | Out-Null'
        for i, (name, url) in enumerate(WEB_APPS))
    sh.ok("APP1", apps)
    sh.ok("APP1", 'Start-LabMailServer -Port 0 -HostName ' + ",".join(MAIL_NAMES) +
          ' -Credential (Cred "LAB\\spmail" "Mail pass 1") | Out-Null')
    sh.ok("APP1", '$ca = Get-SPWebApplication -IncludeCentralAdministration | '
                  '? IsAdministrationWebApplication\n'
                  'Set-SPWebApplication -Identity $ca -SMTPServer mail.contoso.com '
                  '-OutgoingEmailAddress sharepoint@contoso.com -ReplyToEmailAddress '
                  'sharepoint@contoso.com')
    return sh


def stop(sh: LabShell):
    sh.run("APP1", "Stop-LabMailServer")
