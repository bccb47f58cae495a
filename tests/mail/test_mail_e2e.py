"""End to end through `python -m spshell -NoProfile -NonInteractive -Command ...` with a temp
SPSHELL_HOME: the mail cmdlets, the lab server shared between processes, and Send-TestMail's
farm path (the documented settings, run unmodified against the lab answering for
mail.example.com)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REF = Path(os.environ.get("SPSHELL_REFERENCE", "/work/shared/reference"))
SECRET = "Smtp-Secret-4417"

pytestmark = pytest.mark.slow  # one spshell process per step (~0.5 s each)

# SecureStrings without depending on ConvertTo-SecureString (core) being loaded
SS = ("function SS($t) { [System.Net.NetworkCredential]::new('', $t).SecurePassword }\n"
      "function Cred($u, $p) { [System.Management.Automation.PSCredential]::new($u, (SS $p)) }\n")


class Shell:
    def __init__(self, home):
        self.home = home
        self.env = dict(os.environ, SPSHELL_HOME=str(home), SPSHELL_KEYSTORE="file",
                        PYTHONPATH=str(ROOT))
        self.env.pop("SPSHELL_COMPUTERNAME", None)

    def run(self, script, host="SP-APP1", timeout=120):
        p = subprocess.run([sys.executable, "-m", "spshell", "-NoProfile", "-NonInteractive",
                            "-ComputerName", host, "-Command", SS + script],
                           capture_output=True, text=True, env=self.env, cwd=str(self.home),
                           timeout=timeout)
        p.all = p.stdout + p.stderr
        assert "Traceback" not in p.all and "Internal error" not in p.all, p.all
        return p


@pytest.fixture
def sh(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    shell = Shell(home)
    yield shell
    shell.run("Stop-LabMailServer")


def test_lab_shared_between_processes(sh):
    p = sh.run("$discard = Start-LabMailServer -Port 0 -Credential (Cred 'LAB\\alice' 'Secret123!') "
               "-HostName mail.contoso.com,smtp.office365.com; "
               "foreach ($l in (Get-LabMailServer).Listeners) { $l.Name }")
    assert p.returncode == 0, p.all
    assert p.stdout.split() == ["Exchange:25", "Exchange:587", "Exchange:465",
                                "ExchangeOnline:587"]
    # a second process sees the same lab
    p = sh.run("foreach ($i in Test-SmtpServer mail.contoso.com -Port 25,587,465 "
               "-TestAnonymous) { $i.ToString() }")
    lines = p.stdout.strip().splitlines()
    assert lines[0] == ("port 25: STARTTLS TLSv1.3; AUTH NTLM; after TLS NTLM LOGIN; "
                        "anonymous"), p.all
    assert lines[1] == ("port 587: STARTTLS TLSv1.3; AUTH GSSAPI NTLM; after TLS GSSAPI NTLM "
                        "LOGIN; auth required")
    assert lines[2].startswith("port 465: implicit TLS TLSv1.3; AUTH LOGIN PLAIN NTLM")


def test_send_testmail_explicit_and_get_labmail(sh):
    sh.run("$discard = Start-LabMailServer -Port 0 -Credential (Cred 'LAB\\alice' 'Secret123!') "
           "-HostName mail.contoso.com")
    p = sh.run("$r = Send-TestMail -To bob@lab.test -SmtpServer mail.contoso.com -Port 587 "
               "-Credential (Cred 'LAB\\alice' 'Secret123!') -Subject 'e2e one' -ShowTranscript;"
               " '---'; $r.Mechanism; $r.AuthenticatedAs; $r.Encryption.Mode; $r.Lab -ne $null")
    assert p.returncode == 0, p.all
    head, _, tail = p.stdout.partition("---\n")
    assert tail.split("\n")[:4] == ["NTLM", "LAB\\alice", "StartTls", "True"], p.all
    assert "=== LAB: mail.contoso.com:587" in head
    assert " ~> AUTH NTLM" in head and "Secret123!" not in p.all
    p = sh.run("foreach ($m in Get-LabMail -Subject 'e2e*') { $m.Mechanism; "
               "$m.AuthenticatedAs; $m.Listener }")
    assert p.stdout.split() == ["NTLM", "LAB\\alice", "Exchange:587"], p.all


def test_send_testmail_failure_is_one_clear_error(sh):
    sh.run("$discard = Start-LabMailServer -Port 0 -HostName mail.contoso.com")
    p = sh.run("Send-TestMail -To bob@lab.test -SmtpServer mail.contoso.com -Port 587; "
               "'after'; $Error[0].FullyQualifiedErrorId; $Error[0].Exception.StatusCode")
    assert "5.7.1 Client was not authenticated" in p.stderr
    assert p.stdout.split() == ["after", "SmtpException,spshell.Mail.SendTestMailCommand",
                                "530"], p.all


def test_send_mailmessage_published_line(sh):
    # the published test line, with the lab answering for its server name
    sh.run("$discard = Start-LabMailServer -Port 0 -HostName mail.cobaltatom.com")
    script = (REF / "realworld-scripts" / "UpdateMailSettings-TLS587-and-test.ps1")
    line = next(ln for ln in script.read_text().splitlines()
                if ln.startswith("Send-MailMessage"))
    p = sh.run(line.replace("-Port 587", "-Port 25"))
    assert p.returncode == 0, p.all
    assert "The command 'Send-MailMessage' is obsolete." in p.all
    p = sh.run("foreach ($m in Get-LabMail -Subject 'Testing Smtp Mail') { $m.Listener; "
               "$m.Tls -ne $null; $m.Body.Trim() }")
    assert p.stdout.split("\n")[:3] == ["Exchange:25", "True", "Message Body"], p.all


def test_new_labmailuser_and_xoauth2(sh):
    sh.run("$discard = Start-LabMailServer -Port 0 -Profile ExchangeOnline "
           "-HostName smtp.office365.com")
    p = sh.run("$u = New-LabMailUser -Name carol -Password (SS 'Carol-Pw-1'); "
               "$r = Send-TestMail -To bob@contoso.com -SmtpServer smtp.office365.com -Port 587 "
               "-From carol@lab.test -AuthMechanism XOAUTH2 -OAuthToken $u.OAuthToken; "
               "$r.Mechanism; $r.AuthenticatedAs; $r.Transcript.ToString()")
    assert p.returncode == 0, p.all
    out = p.stdout.splitlines()
    assert out[:2] == ["XOAUTH2", "carol@lab.test"], p.all
    assert "AUTH XOAUTH2 <user carol@lab.test, bearer token of" in p.stdout


def test_basic_auth_disabled(sh):
    sh.run("$discard = Start-LabMailServer -Port 0 -Profile ExchangeOnline -BasicAuthDisabled "
           "-HostName smtp.office365.com -Credential (Cred 'alice@lab.test' 'Pw-12345')")
    p = sh.run("Send-TestMail -To b@contoso.com -SmtpServer smtp.office365.com -Port 587 "
               "-Credential (Cred 'alice@lab.test' 'Pw-12345')")
    assert "550 5.7.30 Basic authentication is not supported for Client Submission." in p.stderr


def test_clear_labmail(sh):
    sh.run("$discard = Start-LabMailServer -Port 0")
    port = sh.run("(Get-LabMailServer).Listeners[0].Port")
    p = sh.run(f"$discard = Send-TestMail -To a@lab.test -SmtpServer 127.0.0.1 "
               f"-Port {port.stdout.strip()}; @(Get-LabMail).Count; Clear-LabMail -Confirm:$false; "
               "@(Get-LabMail).Count")
    assert p.stdout.split() == ["1", "0"], p.all


FARM = (
    "$fc = Cred 'DOMAIN\\farm' 'FarmPw-1'\n"
    "New-SPConfigurationDatabase -DatabaseName Cfg -DatabaseServer SQL-01 "
    "-Passphrase (SS 'MyPassword') -FarmCredentials $fc\n"
    "Set-SPApplicationCredentialKey -Password (SS 'New Password')\n"
    "$CentralAdmin = Get-SPWebApplication -IncludeCentralAdministration\n"
    "Set-SPWebApplication -Identity $CentralAdmin -SMTPServer mail.example.com -SMTPServerPort 587"
    " -OutgoingEmailAddress user@example.com -ReplyToEmailAddress replyto@example.com "
    f"-SMTPCredentials (Cred 'user@example.com' '{SECRET}')\n")


def test_farm_path_and_other_host_without_key(sh):
    p = sh.run(f"$discard = Start-LabMailServer -Port 0 -HostName mail.example.com "
               f"-Credential (Cred 'user@example.com' '{SECRET}')")
    assert p.returncode == 0, p.all
    p = sh.run(FARM)
    assert p.returncode == 0, p.all
    p = sh.run("$r = Send-TestMail -To bob@example.com; $r.SettingsSource; $r.Mechanism; "
               "$r.AuthenticatedAs; $r.Encryption.Mode; $r.From")
    assert p.returncode == 0, p.all
    out = p.stdout.split()
    assert out[1:] == ["NTLM", "user@example.com", "StartTls", "user@example.com"], p.all
    assert SECRET not in p.all
    # a second server of the farm without the key: warns, sends anonymously, 587 refuses
    sh.run("Connect-SPConfigurationDatabase -DatabaseServer SQL-01 -DatabaseName Cfg "
           "-Passphrase (SS 'MyPassword')", host="SP-WFE1")
    p = sh.run("Send-TestMail -To bob@example.com", host="SP-WFE1")
    assert "cannot read the credentials" in p.all, p.all
    assert "530 5.7.1 Client was not authenticated" in p.stderr
    msgs = sh.run("foreach ($m in Get-LabMail) { $m.AuthenticatedAs }")
    assert msgs.stdout.split() == ["user@example.com"]
