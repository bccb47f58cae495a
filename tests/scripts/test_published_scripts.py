"""Every published script (realworld-scripts/) and documentation example (docs-examples/) runs
unmodified in a prepared lab farm; prompts are answered through stdin. Scripts that need a
helper they do not define, or Windows, fail at that line with PowerShell's own error and nothing
else."""
from __future__ import annotations

import re

import pytest

from lab_farm import DOCS, REAL, WEB_APPS, prepare, stop

pytestmark = [pytest.mark.smtp,
              pytest.mark.skipif(not REAL.is_dir(), reason="the shared reference is not here")]

CRED = "CONTOSO\\spfarm\nfarm password\n"

# file -> (stdin, extra arguments, exit code, texts the output must contain, host)
EXPECT = {
    # realworld-scripts
    "AutoSPInstaller-ConfigureOutgoingEmail.ps1": ("", (), 0, [], "APP1"),
    "Run-All-HealthAnalyzer-Rules.ps1": ("", (), 0, ["Loading SharePoint Powershell Snapin"],
                                         "APP1"),
    "Run-HealthAnalyzerTimerJobs.ps1": ("", (), 0, [
        "Found 8 timer jobs. Calling RunNow on all of them...",
        "Health Analysis Job (Hourly, Microsoft SharePoint Foundation Timer, All Servers)",
        "finished - timer jobs are probably still planned or running right now"], "APP1"),
    "SP2013TestEmailFunctionality.ps1": ("", (), 0, ["True"], "APP1"),
    "Send-SPMail.ps1": ("http://test.dev.local\ntest@dev.local\nspadmin@dev.local\n", (), 0,
                        ["WebUrl: ", "RecipientMail: ", "FromMail: ", "True"], "APP1"),
    "Set-SPApplicationCredentialKey-MikeLee-blog.ps1": ("", (), 0, [], "APP1"),
    "SharePointDsc-SPOutgoingEmailSettings-Set-TargetResource.ps1": ("", (), 0, [], "APP1"),
    "UpdateMailSettings-TLS587-and-test.ps1": ("", (), 0, [
        "PositionalParameterNotFound",
        "Cannot find an SPSite object with Id or Url: http://centralAdministrationUrl.",
        "You cannot call a method on a null-valued expression.",
        "The SMTP server requires a secure connection or the client was not authenticated."],
        "APP1"),
    # docs-examples
    "Connect-SPConfigurationDatabase-1.ps1": ("", (), 0, [
        "This machine is already connected to a SharePoint farm."], "APP1"),
    "Disable-SPHealthAnalysisRule-1.ps1": ("", (), 0, [
        "Cannot find an SPHealthAnalysisRule object with Name or Id: CustomRule."], "APP1"),
    "Enable-SPHealthAnalysisRule-1.ps1": ("", (), 0, [
        "Cannot find an SPHealthAnalysisRule object with Name or Id: CustomRule."], "APP1"),
    "Disconnect-SPConfigurationDatabase-1.ps1": ("", (), 0, [], "WFE1"),
    "Get-SPFarm-1.ps1": ("", (), 0, ["The term 'C:\\PS>$f' is not recognized"], "APP1"),
    "Get-SPHealthAnalysisRule-sqldocs-1.ps1": ("", (), 0, [], "APP1"),
    "Get-SPServer-1.ps1": ("", (), 0, ["APP1", "WFE1", "Online"], "APP1"),
    "Get-SPServer-2.ps1": ("", (), 0, [], "APP1"),
    "Get-SPWebApplication-1.ps1": ("", (), 0, ["The term 'C:\\PS>$w' is not recognized"],
                                   "APP1"),
    "Get-SPWebApplication-2.ps1": ("", (), 0, ["IsAdministrationWebApplication     : True",
                                               "OutboundMailSenderAddress          : "
                                               "sharepoint@contoso.com"], "APP1"),
    "Get-SPWebApplication-concept-1.ps1": ("", (), 1, [
        "The '<' operator is reserved for future use."], "APP1"),
    "New-SPConfigurationDatabase-1.ps1": (CRED, (), 0, [
        "This machine is already connected to a SharePoint farm."], "APP1"),
    "New-SPConfigurationDatabase-2.ps1": (CRED, (), 0, [
        "This machine is already connected to a SharePoint farm."], "APP1"),
    "New-SPConfigurationDatabase-3.ps1": (CRED, (), 0, [
        "This machine is already connected to a SharePoint farm."], "APP1"),
    "New-SPWebApplication-1.ps1": ("", (), 0, ["No matching accounts were found."], "APP1"),
    "New-SPWebApplication-3.ps1": ("", (), 0, [
        "The term '-ApplicationPool' is not recognized"], "APP1"),
    "Remove-SPApplicationCredentialKey-1.ps1": ("", (), 0, [], "APP1"),
    "Set-SPApplicationCredentialKey-1.ps1": ("", (), 0, [], "APP1"),
    "Set-SPApplicationCredentialKey-concept-1.ps1": ("", (), 0, [], "APP1"),
    "Set-SPWebApplication-1.ps1": ("", (), 0, [
        "A parameter cannot be found that matches parameter name 'HostHeader'."], "APP1"),
    "Set-SPWebApplication-SE-1.ps1": (CRED, (), 0, [
        "A parameter cannot be found that matches parameter name 'ReplyToAddress'."], "APP1"),
    "Set-SPWebApplication-SE-2.ps1": ("", (), 0, [
        "A parameter cannot be found that matches parameter name 'ReplyToAddress'."], "APP1"),
    "Set-SPWebApplication-concept-1.ps1": (CRED, (), 0, [
        "The application credential key has not been set on this server (APP1)."], "APP1"),
    "Set-SPWebApplication-concept-2.ps1": ("", (), 0, ["The term 'lt' is not recognized"],
                                           "APP1"),
    "Set-SPWebApplication-concept-3.ps1": ("", (), 0, [], "APP1"),
    "Set-SPWebApplication-concept-4.ps1": ("", (), 0, [
        "Missing an argument for parameter 'ReplyToEmailAddress'."], "APP1"),
    "Set-SPWebApplication-concept-5.ps1": ("", (), 0, [
        "Missing an argument for parameter 'ReplyToEmailAddress'."], "APP1"),
    "Start-SPTimerJob-1.ps1": ("", (), 0, [], "APP1"),
}
# Scripts that must run without any error record at all.
CLEAN = {"AutoSPInstaller-ConfigureOutgoingEmail.ps1", "Run-All-HealthAnalyzer-Rules.ps1",
         "Run-HealthAnalyzerTimerJobs.ps1", "SP2013TestEmailFunctionality.ps1",
         "Send-SPMail.ps1", "Set-SPApplicationCredentialKey-MikeLee-blog.ps1",
         "SharePointDsc-SPOutgoingEmailSettings-Set-TargetResource.ps1",
         "Disconnect-SPConfigurationDatabase-1.ps1", "Get-SPHealthAnalysisRule-sqldocs-1.ps1",
         "Get-SPServer-1.ps1", "Get-SPServer-2.ps1", "Get-SPWebApplication-2.ps1",
         "Remove-SPApplicationCredentialKey-1.ps1", "Set-SPApplicationCredentialKey-1.ps1",
         "Set-SPApplicationCredentialKey-concept-1.ps1", "Set-SPWebApplication-concept-3.ps1",
         "Start-SPTimerJob-1.ps1"}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    sh = prepare(tmp_path_factory.mktemp("lab") / "home")
    yield sh
    stop(sh)


def _files():
    if not REAL.is_dir():
        return []
    return sorted(REAL.glob("*.ps1")) + sorted(DOCS.glob("*.ps1"))


def test_every_corpus_file_has_an_expectation():
    names = {f.name for f in _files()}
    assert names, "no corpus files found"
    assert names == set(EXPECT), names ^ set(EXPECT)


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_corpus_file_runs_unmodified(lab, tmp_path, path):
    stdin, args, code, texts, host = EXPECT[path.name]
    sh = lab.copy(tmp_path / "home")
    p = sh.run(host, file=path, args=args, stdin=stdin, interactive=bool(stdin), cwd=tmp_path)
    assert p.returncode == code, p.all
    for text in texts:
        assert text in p.all, (text, p.all)
    assert "Traceback" not in p.all and "internal error" not in p.all.lower(), p.all
    if path.name in CLEAN:
        assert "FullyQualifiedErrorId" not in p.all, p.all


def _error_lines(output, path):
    return [int(n) for n in re.findall(re.escape(path.name) + r":(\d+) char:", output)]


def test_tls587_script_errors_exactly_where_powershell_would(lab, tmp_path):
    path = REAL / "UpdateMailSettings-TLS587-and-test.ps1"
    sh = lab.copy(tmp_path / "home")
    p = sh.run("APP1", file=path, cwd=tmp_path)
    # line 2: extra positional arguments to ?{...}; 5: $ca is $null; 11: the placeholder URL;
    # 12: $site is $null; 13: SendEmail without a web; 15: anonymous mail to port 587
    assert _error_lines(p.all, path) == [2, 5, 11, 12, 13, 15], p.all


def test_sp2013_test_script_delivers_through_the_farm_settings(lab, tmp_path):
    sh = lab.copy(tmp_path / "home")
    lab.ok("APP1", "Clear-LabMail -Confirm:$false")
    p = sh.run("APP1", file=REAL / "SP2013TestEmailFunctionality.ps1", cwd=tmp_path)
    assert p.stdout.strip() == "True", p.all
    # the lab mail server belongs to the original home: read its mailbox there
    q = lab.ok("APP1", '$m = Get-LabMail -Subject "SharePoint SendMail Test" -Last 1\n'
                      '"$($m.To) | $($m.From) | $($m.Listener) | $($m.Mechanism)"\n$m.Body')
    assert "yourname@youremail.com | sharepoint@contoso.com | Exchange:25 | Anonymous" in q.stdout
    assert "Email sent via SharePoint site https://devinside.npe.theglobalfund.org" in q.stdout


def test_send_spmail_with_parameters_sends_html_from_the_given_sender(lab, tmp_path):
    sh = lab.copy(tmp_path / "home")
    p = sh.run("WFE1", file=REAL / "Send-SPMail.ps1", cwd=tmp_path,
               args=("-WebUrl", "http://test.dev.local", "-RecipientMail", "a@dev.local",
                     "-FromMail", "spadmin@dev.local", "-Subject", "Hi there", "-Body",
                     "<b>bold</b>"))
    assert p.stdout.strip() == "True" and not p.stderr, p.all
    q = lab.ok("APP1", '$m = Get-LabMail -Subject "Hi there" -Last 1\n'
                      '"$($m.From) | $($m.Headers["Content-Type"])"')
    assert "spadmin@dev.local | text/html" in q.stdout, q.all


def test_health_script_opening_internet_explorer_fails_at_that_line(lab, tmp_path):
    path = REAL / "Run-HealthAnalyzerTimerJobs.ps1"
    sh = lab.copy(tmp_path / "home")
    p = sh.run("APP1", file=path, args=("-OpenCentralAdministration",), cwd=tmp_path)
    assert p.returncode == 0, p.all
    assert "80040154 Class not registered" in p.stderr, p.all
    # 66: the COM object; 67 and 68: PowerShell's own consequences of $ie being $null
    assert _error_lines(p.all, path) == [66, 67, 68], p.all
    assert "finished - timer jobs are probably still planned" in p.stdout


def test_autospinstaller_function_fails_only_at_its_undefined_helper(lab, tmp_path):
    sh = lab.copy(tmp_path / "home")
    path = REAL / "AutoSPInstaller-ConfigureOutgoingEmail.ps1"
    xml = ("<Configuration><Farm><Services><OutgoingEmail Configure='true'>"
           "<SMTPServer>mail.contoso.com</SMTPServer><EmailAddress>sp@contoso.com</EmailAddress>"
           "<ReplyToEmail>sp@contoso.com</ReplyToEmail></OutgoingEmail></Services></Farm>"
           "</Configuration>")
    p = sh.run("APP1", f". '{path}'\nConfigureOutgoingEmail ([xml]\"{xml}\")\n"
                       "(New-Object Microsoft.SharePoint.Administration.SPGlobalAdmin)"
                       ".MailFromAddress")
    assert p.all.count("The term 'WriteLine' is not recognized") == 2, p.all
    assert " - Configuring Outgoing Email..." in p.stdout
    assert p.stdout.strip().endswith("sp@contoso.com"), p.all


def test_object_model_entry_points_community_scripts_use(lab, tmp_path):
    """The static entry points outgoing-mail scripts open the object model with."""
    sh = lab.copy(tmp_path / "home")
    p = sh.run("APP1", script=(
        "Add-PSSnapin Microsoft.SharePoint.PowerShell -ErrorAction SilentlyContinue\n"
        "$farm = [Microsoft.SharePoint.Administration.SPFarm]::Local\n"
        "\"farm: $($farm.Name) $($farm.Servers.Count)\"\n"
        "$ca = [Microsoft.SharePoint.Administration.SPAdministrationWebApplication]::Local\n"
        "$ca.UpdateMailSettings('mail.contoso.com', 'sp@contoso.com', 'sp@contoso.com', 65001)\n"
        "\"ca: $($ca.GetType().Name) $($ca.IsAdministrationWebApplication)\"\n"
        "$wa = Get-SPWebApplication -IncludeCentralAdministration | "
        "? { $_.IsAdministrationWebApplication }\n"
        "\"mail: $($wa.OutboundMailServiceInstance.Server.Address) $($wa.OutboundMailSenderAddress)\"\n"
        "$content = [Microsoft.SharePoint.Administration.SPWebService]::ContentService\n"
        "\"content: $(($content.WebApplications | % { $_.Url }) -join ',')\"\n"
        "$admin = [Microsoft.SharePoint.Administration.SPWebService]::AdministrationService\n"
        "\"admin: $($admin.WebApplications.Count)\"\n"
        "$found = [Microsoft.SharePoint.Administration.SPWebApplication]::Lookup("
        "[uri]'http://test.dev.local')\n"
        "\"lookup: $($found.Url) $($null -eq [Microsoft.SharePoint.Administration."
        "SPWebApplication]::Lookup('http://nowhere.invalid'))\"\n"
        "$x = 'outer'\n"
        "[Microsoft.SharePoint.SPSecurity]::RunWithElevatedPrivileges({\n"
        "    $x = 'inner'; Write-Host \"elevated $x\"; 'dropped'\n"
        "})\n"
        "\"after: $x\"\n"), cwd=tmp_path)
    assert p.returncode == 0 and not p.stderr, p.all
    out = p.stdout.splitlines()
    servers = lab.ok("APP1", "(Get-SPServer).Count").stdout.strip()
    assert out[0] == f"farm: SharePoint_Config {servers}", p.all
    assert set(out[3].removeprefix("content: ").split(",")) == {u + "/" for _, u in WEB_APPS}
    assert out[1:3] + out[4:] == [
        "ca: SPAdministrationWebApplication True",
        "mail: mail.contoso.com sp@contoso.com",
        "admin: 1",
        "lookup: http://test.dev.local/ True",
        "elevated inner",
        "after: outer"], p.all
    nofarm = sh.run("NEWSERVER", script="$null -eq [Microsoft.SharePoint.Administration.SPFarm]::Local",
                    cwd=tmp_path)
    assert nofarm.stdout.strip() == "True", nofarm.all
