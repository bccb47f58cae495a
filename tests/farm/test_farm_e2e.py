"""End to end through `python -m spshell`: the published examples for the farm cmdlets, run
unmodified in a fresh home (on SQLite, and on PostgreSQL by mapping the examples' server names
with SPSHELL_SQL_SERVERS), and the real-world scripts that configure outgoing mail."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REF = Path(os.environ.get("SPSHELL_REFERENCE", "/work/shared/reference"))
CORPUS = Path(__file__).resolve().parent / "corpus"  # byte-identical copies (see its README)
DOCS = CORPUS / "docs-examples"
REAL = CORPUS / "realworld-scripts"
ROOT = Path(__file__).resolve().parents[2]
PG_DSN = os.environ.get("SPSHELL_TEST_PG_DSN")


# Built without core cmdlets on purpose: these tests are about the farm, not ConvertTo-*.
SS = ("function SS($t) { $s = [System.Security.SecureString]::new(); "
      "foreach ($c in $t.ToCharArray()) { [void]$s.AppendChar($c) }; $s }\n"
      "function Cred($u, $p) { [System.Management.Automation.PSCredential]::new($u, (SS $p)) }\n")
NEW_FARM = (SS + '$fc = Cred "DOMAIN\\farm" "FarmPw-1"\nNew-SPConfigurationDatabase -DatabaseName "{db}" -DatabaseServer '
            '"{server}" -Passphrase (SS "{pp}") -FarmCredentials $fc\n')


class Shell:
    def __init__(self, home, extra_env):
        self.home = home
        self.env = dict(os.environ, SPSHELL_HOME=str(home), SPSHELL_KEYSTORE="file",
                        PYTHONPATH=str(ROOT), **extra_env)
        self.env.pop("SPSHELL_COMPUTERNAME", None)

    def run(self, host, script=None, file=None, stdin="", interactive=False, timeout=120):
        args = [sys.executable, "-m", "spshell", "-NoProfile"]
        if not interactive:
            args.append("-NonInteractive")
        args += ["-ComputerName", host]
        args += ["-File", str(file)] if file else ["-Command", script]
        p = subprocess.run(args, input=stdin, capture_output=True, text=True, env=self.env,
                           cwd=str(self.home), timeout=timeout)
        p.all = p.stdout + p.stderr
        return p

    def farm(self, host="SP-APP1", db="SharePointConfigDB1", server="SQL-01", pp="MyPassword"):
        script = NEW_FARM.replace("{db}", db).replace("{server}", server).replace("{pp}", pp)
        p = self.run(host, script)
        assert p.returncode == 0 and "Exception" not in p.stderr, p.all
        return p


@contextmanager
def _fresh_pg_database():
    """A database of its own per test: the examples use fixed configuration database names,
    and other test runs may share the server."""
    import psycopg
    name = "spe2e_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_DSN, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(PG_DSN)
    try:
        yield urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))
    finally:
        from cmdlets.sharepoint.store import forget_open_stores
        forget_open_stores()
        with psycopg.connect(PG_DSN, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def sh(request, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    if request.param == "sqlite":
        yield Shell(home, {})
        return
    if not PG_DSN:
        pytest.skip("SPSHELL_TEST_PG_DSN is not set (start one with .ci/postgres.sh)")
    with _fresh_pg_database() as dsn:
        mapping = ";".join(f"{s}={dsn}" for s in ("SQL-01", "ServerName\\InstanceName"))
        yield Shell(home, {"SPSHELL_SQL_SERVERS": mapping})


def doc(name):
    return DOCS / name


@pytest.mark.skipif(not REF.is_dir(), reason="shared reference folder not present")
def test_corpus_copies_are_unmodified():
    for sub in ("docs-examples", "realworld-scripts"):
        for f in (CORPUS / sub).glob("*.ps1"):
            assert f.read_bytes() == (REF / sub / f.name).read_bytes(), f.name


# ---- farm lifecycle examples ------------------------------------------------------------

@pytest.mark.parametrize("example", ["New-SPConfigurationDatabase-1.ps1",
                                     "New-SPConfigurationDatabase-2.ps1",
                                     "New-SPConfigurationDatabase-3.ps1"])
def test_new_configuration_database_examples(sh, example):
    # Get-Credential prompts: answer it on stdin, as a user at the console would.
    p = sh.run("SP-APP1", file=doc(example), stdin="DOMAIN\\farm\nFarmPw-1\n", interactive=True)
    assert p.returncode == 0, p.all
    q = sh.run("SP-APP1", "(Get-SPFarm).Name; (Get-SPServer).Role; "
                          "(Get-SPWebApplication -IncludeCentralAdministration).DisplayName")
    assert q.stdout.split("\n")[:3] == ["SharePointConfigDB1", "Custom",
                                        "SharePoint Central Administration v4"], q.all
    again = sh.run("SP-APP1", file=doc(example), stdin="DOMAIN\\farm\nFarmPw-1\n",
                   interactive=True)
    assert "This machine is already connected to a SharePoint farm." in again.stderr


def test_connect_and_disconnect_examples(sh):
    sh.farm(db="SharePointConfigurationDatabaseName", server="ServerName\\InstanceName",
            pp="MyP@ssw0rd")
    p = sh.run("SP-WFE1", file=doc("Connect-SPConfigurationDatabase-1.ps1"))
    # line 2 (Start-Service SPTimerv4) is a Windows service; the join on line 1 must succeed
    assert "SharePoint farm" not in p.stderr and "passphrase" not in p.stderr, p.all
    names = sh.run("sp-app1", "(Get-SPServer).Name").stdout.split()
    assert names == ["SP-APP1", "SP-WFE1"]
    again = sh.run("SP-WFE1", file=doc("Connect-SPConfigurationDatabase-1.ps1"))
    assert "This machine is already connected to a SharePoint farm." in again.stderr
    p = sh.run("SP-WFE1", file=doc("Disconnect-SPConfigurationDatabase-1.ps1"))
    assert p.returncode == 0, p.all
    names = sh.run("SP-APP1", "(Get-SPServer).Name").stdout.split()
    assert names == ["SP-APP1"]
    gone = sh.run("SP-WFE1", "Get-SPFarm")
    assert "The local farm is not accessible." in gone.stderr and gone.returncode != 0


def test_wrong_passphrase_is_refused(sh):
    sh.farm()
    p = sh.run("SP-WFE1", SS + 'Connect-SPConfigurationDatabase -DatabaseServer SQL-01 '
                               '-DatabaseName SharePointConfigDB1 -Passphrase (SS "nope")')
    assert "passphrase supplied is not correct" in p.stderr


def test_get_server_and_farm_examples(sh):
    sh.farm()
    p = sh.run("SP-APP1", file=doc("Get-SPServer-1.ps1"))
    assert p.returncode == 0 and "SP-APP1" in p.stdout and "Online" in p.stdout, p.all
    p = sh.run("SP-APP1", file=doc("Get-SPServer-2.ps1"))
    assert p.returncode == 0 and p.stdout.strip() == "", p.all
    p = sh.run("SP-APP1", file=doc("Get-SPFarm-1.ps1"))  # "C:\PS>" prefix: not valid
    assert "C:\\PS" in p.stderr and "is not recognized" in p.stderr


def test_get_web_application_examples(sh):
    sh.farm()
    p = sh.run("SP-APP1", file=doc("Get-SPWebApplication-2.ps1"))
    assert p.returncode == 0, p.all
    assert "DefaultServerComment" in p.stdout and "SharePoint Central Administration v4" \
        in p.stdout and "IsAdministrationWebApplication" in p.stdout
    p = sh.run("SP-APP1", file=doc("Get-SPWebApplication-1.ps1"))
    assert "C:\\PS" in p.stderr
    p = sh.run("SP-APP1", file=doc("Get-SPWebApplication-concept-1.ps1"))
    assert p.returncode != 0 or p.stderr  # "<web application URL>" is redirection


def test_new_web_application_example(sh):
    sh.farm()
    p = sh.run("SP-APP1", file=doc("New-SPWebApplication-1.ps1"))
    assert "No matching accounts were found." in p.stderr
    sh.run("SP-APP1", SS + 'New-SPManagedAccount -Credential (Cred "DOMAIN\\wa" "x")')
    p = sh.run("SP-APP1", file=doc("New-SPWebApplication-1.ps1"))
    assert p.returncode == 0 and "http://www.contoso.com/" in p.stdout, p.all
    p = sh.run("SP-APP1", "(Get-SPWebApplication 'Contoso Internet Site').Url; "
                          "(Get-SPWebApplication http://www.contoso.com).DisplayName")
    assert p.stdout.split("\n")[:2] == ["http://www.contoso.com/", "Contoso Internet Site"]
    p = sh.run("SP-APP1", file=doc("New-SPWebApplication-3.ps1"))  # lines without backticks
    assert "missing mandatory parameters: ApplicationPool." in p.stderr, p.all
    assert "'-ApplicationPool' is not recognized" in p.stderr


# ---- application credential key and outgoing mail ---------------------------------------

@pytest.mark.parametrize("script", [DOCS / "Set-SPApplicationCredentialKey-1.ps1",
                                    DOCS / "Set-SPApplicationCredentialKey-concept-1.ps1",
                                    REAL / "Set-SPApplicationCredentialKey-MikeLee-blog.ps1"])
def test_set_key_examples(sh, script):
    sh.farm()
    p = sh.run("SP-APP1", file=script)
    assert p.returncode == 0, p.all
    key_file = sh.home / "hosts" / "sp-app1" / "keys" / "app-credential-key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    p = sh.run("SP-APP1", file=doc("Remove-SPApplicationCredentialKey-1.ps1"))
    assert p.returncode == 0 and not key_file.exists(), p.all


def test_remove_key_prompts_without_confirm_false(sh):
    sh.farm()
    sh.run("SP-APP1", file=doc("Set-SPApplicationCredentialKey-1.ps1"))
    p = sh.run("SP-APP1", "Remove-SPApplicationCredentialKey")  # -NonInteractive: cannot ask
    key_file = sh.home / "hosts" / "sp-app1" / "keys" / "app-credential-key"
    assert key_file.exists(), p.all
    p = sh.run("SP-APP1", "Remove-SPApplicationCredentialKey", stdin="n\n", interactive=True)
    assert "Are you sure you want to perform this action?" in p.stdout + p.stderr
    assert key_file.exists()
    p = sh.run("SP-APP1", "Remove-SPApplicationCredentialKey", stdin="y\n", interactive=True)
    assert not key_file.exists(), p.all


def test_farm_mail_workflow_concept_example(sh):
    sh.farm()
    creds = "user@example.com\nSmtp-Secret-4417\n"
    p = sh.run("SP-APP1", file=doc("Set-SPWebApplication-concept-1.ps1"), stdin=creds,
               interactive=True)
    assert "Run Set-SPApplicationCredentialKey with the same key on every server" in p.stderr
    sh.run("SP-APP1", file=doc("Set-SPApplicationCredentialKey-1.ps1"))
    p = sh.run("SP-APP1", file=doc("Set-SPWebApplication-concept-1.ps1"), stdin=creds,
               interactive=True)
    assert p.returncode == 0, p.all
    p = sh.run("SP-APP1", "$w = Get-SPWebApplication -IncludeCentralAdministration; "
                          "$w.OutboundMailServiceInstance.Server.Address; $w.OutboundMailPort; "
                          "$w.OutboundMailSenderAddress; $w.OutboundMailReplyToAddress; "
                          "$w.OutboundMailEnableSsl; $w.OutboundMailUserName")
    assert p.stdout.split("\n")[:6] == ["mail.example.com", "587", "user@example.com",
                                        "replyto@example.com", "True", "user@example.com"], p.all
    # nothing a script can print or the store holds reveals the password or the key
    everything = b""
    for f in sh.home.rglob("*"):
        if f.is_file() and "keys" not in f.parts:
            everything += f.read_bytes()
    assert b"Smtp-Secret-4417" not in everything and b"New Password" not in everything
    p = sh.run("SP-APP1", "Get-SPWebApplication -IncludeCentralAdministration | Format-List *; "
                          "Get-SPServer | Format-List *; Get-SPFarm | Format-List *")
    assert "Smtp-Secret-4417" not in p.all and "New Password" not in p.all


def test_other_server_cannot_read_without_the_same_key(sh):
    sh.farm()
    sh.run("SP-APP1", file=doc("Set-SPApplicationCredentialKey-1.ps1"))
    sh.run("SP-APP1", file=doc("Set-SPWebApplication-concept-1.ps1"),
           stdin="u@example.com\npw\n", interactive=True)
    sh.run("SP-WFE1", SS + 'Connect-SPConfigurationDatabase -DatabaseServer SQL-01 '
                           '-DatabaseName SharePointConfigDB1 -Passphrase (SS "MyPassword")')
    read = ('$w = Get-SPWebApplication -IncludeCentralAdministration; $w.OutboundMailUserName')
    p = sh.run("SP-WFE1", read)
    assert p.stdout.strip() == "u@example.com"
    p = sh.run("SP-WFE1", SS + "Set-SPWebApplication -Identity (Get-SPWebApplication "
                               "-IncludeCentralAdministration) -SMTPServer mail -SMTPCredentials "
                               "(Cred 'u' 'pw')")
    assert "application credential key has not been set on this server (SP-WFE1)" in p.stderr


@pytest.mark.parametrize("example,message", [
    ("Set-SPWebApplication-1.ps1", "A parameter cannot be found that matches parameter name "
                                   "'HostHeader'."),
    ("Set-SPWebApplication-SE-2.ps1", "A parameter cannot be found that matches parameter name "
                                      "'ReplyToAddress'."),
    ("Set-SPWebApplication-concept-4.ps1", "Missing an argument for parameter "
                                           "'ReplyToEmailAddress'."),
    ("Set-SPWebApplication-concept-5.ps1", "Missing an argument for parameter "
                                           "'ReplyToEmailAddress'."),
])
def test_invalid_set_web_application_examples_fail_like_windows(sh, example, message):
    sh.farm()
    sh.run("SP-APP1", "New-SPWebApplication -Name somesite -ApplicationPool P "
                      "-ApplicationPoolAccount DOMAIN\\farm -Url http://somesite")
    p = sh.run("SP-APP1", file=doc(example))
    assert message in p.stderr, p.all


def test_encryption_examples(sh):
    sh.farm()
    p = sh.run("SP-APP1", file=doc("Set-SPWebApplication-concept-3.ps1"))
    assert p.returncode == 0, p.all
    p = sh.run("SP-APP1", "$w = Get-SPWebApplication -IncludeCentralAdministration; "
                          "$w.OutboundMailEnableSsl; $w.OutboundMailPort; "
                          "$w.OutboundMailServiceInstance.Server.Name")
    assert p.stdout.split("\n")[:3] == ["True", "25", "smtp.internal.contoso.com"], p.all


def test_autospinstaller_global_admin(sh):
    sh.farm()
    script = (REAL / "AutoSPInstaller-ConfigureOutgoingEmail.ps1").read_text()
    driver = script + """
function WriteLine { }
[xml]$cfg = '<Configuration><Farm><Services><OutgoingEmail Configure="true"><SMTPServer>smtp.contoso.com</SMTPServer><EmailAddress>sp@contoso.com</EmailAddress><ReplyToEmail>noreply@contoso.com</ReplyToEmail></OutgoingEmail></Services></Farm></Configuration>'
ConfigureOutgoingEmail $cfg
$w = Get-SPWebApplication -IncludeCentralAdministration
$w.OutboundMailServiceInstance.Server.Name; $w.OutboundMailSenderAddress; $w.OutboundMailCodePage
"""
    f = sh.home / "auto.ps1"
    f.write_text(driver)
    p = sh.run("SP-APP1", file=f)
    assert p.stdout.split("\n")[-4:-1] == ["smtp.contoso.com", "sp@contoso.com", "65001"], p.all


def test_sharepointdsc_set_target_resource(sh):
    sh.farm()
    script = (REAL / "SharePointDsc-SPOutgoingEmailSettings-Set-TargetResource.ps1").read_text()
    driver = script + """
function Get-SPDscInstalledProductVersion { [pscustomobject]@{ FileMajorPart = 16 } }
function Add-SPDscEvent { param($Message, $EntryType, $EventID, $Source) }
function Invoke-SPDscCommand { param($Arguments, $ScriptBlock) Invoke-Command -ScriptBlock $ScriptBlock -ArgumentList $Arguments }
$ca = Get-SPWebApplication -IncludeCentralAdministration
Set-TargetResource -WebAppUrl $ca.Url -SMTPServer smtp.contoso.com -FromAddress sp@contoso.com -ReplyToAddress help@contoso.com -CharacterSet 65001 -UseTLS $true -SMTPPort 587
$w = Get-SPWebApplication $ca.Url
"$($w.OutboundMailServiceInstance.Server.Name)|$($w.OutboundMailPort)|$($w.OutboundMailEnableSsl)|$($w.OutboundMailReplyToAddress)"
"""
    f = sh.home / "dsc.ps1"
    f.write_text(driver)
    p = sh.run("SP-APP1", file=f)
    assert "smtp.contoso.com|587|True|help@contoso.com" in p.stdout, p.all


def test_tls587_script_fails_on_its_first_line_like_windows(sh):
    sh.farm()
    p = sh.run("SP-APP1", file=REAL / "UpdateMailSettings-TLS587-and-test.ps1")
    assert "You cannot call a method on a null-valued expression." in p.stderr, p.all
    w = sh.run("SP-APP1", "(Get-SPWebApplication -IncludeCentralAdministration)"
                          ".OutboundMailServiceInstance")
    assert w.stdout.strip() == ""


def test_override_envelope_sender_and_update(sh):
    sh.farm()
    p = sh.run("SP-APP1", "$webapp = Get-SPWebApplication -IncludeCentralAdministration; "
                          "$webapp.OutboundMailOverrideEnvelopeSender = $true; $webapp.Update(); "
                          "(Get-SPWebApplication -IncludeCentralAdministration)"
                          ".OutboundMailOverrideEnvelopeSender")
    assert p.stdout.strip() == "True", p.all


def test_get_help(sh):
    p = sh.run("SP-APP1", "Get-Help Set-SPApplicationCredentialKey -Full")
    assert "Sets the application credential key on the local server." in p.stdout, p.all


def test_secrets_never_reach_errors_transcripts_or_history(sh):
    sh.farm()
    transcript = sh.home / "transcript.txt"
    script = SS + f"""
Start-Transcript -Path '{transcript}'
$c = Cred 'smtp@example.com' 'Leak-Canary-Pw-6251'
$ca = Get-SPWebApplication -IncludeCentralAdministration
Set-SPWebApplication -Identity $ca -SMTPServer mail.example.com -SMTPCredentials $c
Set-SPApplicationCredentialKey -Password (SS 'Leak-Canary-Key-3317')
Set-SPWebApplication -Identity $ca -SMTPServer mail.example.com -SMTPCredentials $c
Set-SPWebApplication -Identity $ca -SMTPServer mail.example.com -OutgoingEmailAddress 'bad' -SMTPCredentials $c
$c; $ca; Get-SPServer; Get-SPFarm
foreach ($e in $Error) {{ "$($e.Exception.Message) | $($e.TargetObject) | $($e.CategoryInfo)" }}
Stop-Transcript
"""
    p = sh.run("SP-APP1", script)
    assert "application credential key has not been set" in p.all, p.all
    assert "The specified string is not in the form required for an e-mail address." in p.all
    assert transcript.exists(), p.all
    blobs = [p.stdout.encode(), p.stderr.encode()]
    for f in sh.home.rglob("*"):
        if f.is_file() and "keys" not in f.parts:
            blobs.append(f.read_bytes())
    for secret in ("Leak-Canary-Pw-6251", "Leak-Canary-Key-3317"):
        for b in blobs:
            assert secret.encode() not in b and secret.encode("utf-16-le") not in b


def test_se_example_1_fails_on_reply_to_address_after_the_prompt(sh):
    sh.farm()
    p = sh.run("SP-APP1", file=doc("Set-SPWebApplication-SE-1.ps1"), stdin="u\npw\n",
               interactive=True)
    assert "A parameter cannot be found that matches parameter name 'ReplyToAddress'." \
        in p.stderr, p.all
    w = sh.run("SP-APP1", "(Get-SPWebApplication -IncludeCentralAdministration)"
                          ".OutboundMailServiceInstance")
    assert w.stdout.strip() == ""  # nothing was configured


def test_concept_2_html_entities_fail_and_change_nothing(sh):
    # "&lt;web application URL&gt;" as published. spshell follows PowerShell 7's grammar, where
    # `&` ends a pipeline (the background operator), so the script parses and fails when run:
    # Get-SPWebApplication has no -Identity value, `lt`/`web`/`gt` are not commands, and the
    # last line passes the undefined $CentralAdmin. (Windows PowerShell 5.1 rejects the file at
    # parse time with AmpersandNotAllowed instead.) Either way nothing is configured.
    sh.farm()
    p = sh.run("SP-APP1", file=doc("Set-SPWebApplication-concept-2.ps1"),
               stdin="u\npw\n", interactive=True)
    assert "Missing an argument for parameter 'Identity'." in p.stderr, p.all
    assert "Set-SPWebApplication-concept-2.ps1:2 char:11" in p.stderr, p.all
    assert "The term 'lt' is not recognized" in p.stderr, p.all
    assert "Cannot bind argument to parameter 'Identity' because it is null." in p.stderr, p.all
    q = sh.run("SP-APP1", "(Get-SPWebApplication -IncludeCentralAdministration | "
                          "? IsAdministrationWebApplication).OutboundMailServiceInstance -eq $null")
    assert q.stdout.strip() == "True", q.all


def test_smtp_credentials_null_means_anonymous(sh):
    sh.farm()
    sh.run("SP-APP1", file=doc("Set-SPApplicationCredentialKey-1.ps1"))
    p = sh.run("SP-APP1", SS + """
New-SPWebApplication -Name servername -ApplicationPool P -ApplicationPoolAccount DOMAIN\\farm -Url http://servername | Out-Null
Set-SPWebApplication -Identity http://servername -SMTPServer mail.example.com -SMTPServerPort 587 -OutgoingEmailAddress user@example.com -ReplyToEmailAddress replyto@example.com -SMTPCredentials (Cred 'user@example.com' 'pw')
$w = Get-SPWebApplication http://servername
"$($w.OutboundMailUserName)|$($w.OutboundMailPort)"
Set-SPWebApplication -Identity http://servername -SMTPServer mail.example.com -OutgoingEmailAddress user@example.com -ReplyToEmailAddress replyto@example.com -SMTPCredentials $null
$w = Get-SPWebApplication http://servername
"$($w.OutboundMailUserName)|$($w.OutboundMailPort)|$($w.OutboundMailEnableSsl)"
Set-SPWebApplication -Identity http://servername -SMTPServer mail.example.com -WhatIf
""")
    assert p.stdout.split("\n")[:2] == ["user@example.com|587", "|25|True"], p.all
    assert 'What if: Performing the operation "Set-SPWebApplication" on target "servername".' \
        in p.stdout, p.all
