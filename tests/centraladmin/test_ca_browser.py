"""Central Administration in a real browser: headless Chromium (Debian's) driven by Selenium.

The whole workflow of the seed article without PowerShell: configure authenticated outgoing
mail, see the Health Analyzer alert for the server without the application credential key, clear
it after the key is set, and send a test mail to the lab server. Every page visited is saved as a
screenshot under $SPSHELL_TEST_ARTIFACTS/centraladmin/<test> (default: the system temporary
folder's spshell-test-artifacts/).

Needs: chromium and chromium-driver (apt), selenium (pip) -- .ci/browser-deps.sh installs them.
"""
from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import KEY

from cmdlets.sharepoint import farm as F

pytestmark = [pytest.mark.browser, pytest.mark.smtp]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SPSHELL_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SPSHELL_CHROMEDRIVER", "/usr/bin/chromedriver")
LAB_USER, LAB_PASSWORD = "LAB\\alice", "Alice-Lab-Pass-7"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1000")


def _artifacts() -> Path:
    # outside the repository by default, so screenshots never end up in a commit
    base = Path(os.environ.get("SPSHELL_TEST_ARTIFACTS")
                or Path(tempfile.gettempdir()) / "spshell-test-artifacts")
    d = base / "centraladmin"
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed "
                                    "(run .ci/browser-deps.sh)")
    from selenium.webdriver.chrome.service import Service
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip("chromium / chromium-driver are not installed (run .ci/browser-deps.sh)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for f in FLAGS:
        opts.add_argument(f)
    profile = tmp_path / "chromium-profile"
    opts.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def lab(farm2):
    from cmdlets.mail.labserver import manage
    state = manage.start(farm2.home, profiles=["Exchange"], ports=[0],
                         credentials=[(LAB_USER, LAB_PASSWORD)])
    yield {lst["standsFor"]: lst["port"] for lst in state["listeners"]}
    manage.stop(farm2.home)


@pytest.fixture
def central_admin(farm2):
    from cmdlets.sharepoint.centraladmin import server
    running = server.start(farm2.home, "SP1", 0)
    yield running
    server.stop(farm2.home, "SP1")


class Pages:
    """Small page-object helpers: every navigation ends with a screenshot and a secret check."""

    def __init__(self, driver, base, secrets, folder):
        from selenium.webdriver.common.by import By
        self.folder = _artifacts() / folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.d = driver
        self.base = base
        self.by = By
        self.secrets = secrets
        self.shots = []

    def shot(self, name):
        path = self.folder / f"{len(self.shots) + 1:02d}-{name}.png"
        self.d.save_screenshot(str(path))
        self.shots.append(path)
        source = self.d.page_source
        for s in self.secrets:
            assert s not in source, f"a secret is in the page {self.d.current_url}"
        assert "token=" not in self.d.current_url

    def _navigate(self, element):
        """Click something that loads a new page, and wait until the new page is there (a
        click returns before the navigation it starts has finished)."""
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait
        old = self.d.find_element(self.by.TAG_NAME, "html")
        element.click()
        WebDriverWait(self.d, 30).until(EC.staleness_of(old))
        WebDriverWait(self.d, 30).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def click_link(self, text):
        self._navigate(self.d.find_element(self.by.LINK_TEXT, text))

    def submit(self, css):
        self._navigate(self.el(css))

    def el(self, css):
        return self.d.find_element(self.by.CSS_SELECTOR, css)

    def text(self, css):
        return self.el(css).text

    def type(self, css, value):
        e = self.el(css)
        e.clear()
        e.send_keys(value)

    def has(self, css):
        return bool(self.d.find_elements(self.by.CSS_SELECTOR, css))


def _shell(home, host, script):
    env = dict(os.environ, SPSHELL_HOME=str(home), SPSHELL_KEYSTORE="file",
               PYTHONPATH=str(ROOT))
    env.pop("SPSHELL_COMPUTERNAME", None)
    p = subprocess.run([sys.executable, "-m", "spshell", "-NoProfile", "-NonInteractive",
                        "-ComputerName", host, "-Command", script], capture_output=True,
                       text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    return p.stdout


def test_outgoing_mail_health_and_test_mail_in_the_browser(farm2, lab, central_admin, browser):
    port587 = lab[587]
    b64 = base64.b64encode(LAB_PASSWORD.encode()).decode()
    p = Pages(browser, central_admin.url, [LAB_PASSWORD, KEY, b64], "workflow")
    token_url = central_admin.url_with_token()
    browser.get(token_url)
    assert p.text("#pageTitle") == "Central Administration"
    p.shot("home")

    # a second browser (or the same link again later) gets nothing
    assert central_admin.guard.token is None

    # System Settings > Configure outgoing e-mail settings
    p.click_link("System Settings")
    p.shot("system-settings")
    p.click_link("Configure outgoing e-mail settings")
    assert p.text("#pageTitle") == "Outgoing E-Mail Settings"
    p.shot("outgoing-email-settings")

    # bad input: a message next to the field, nothing saved
    p.type("#server", "127.0.0.1")
    p.type("#from_address", "sharepoint@contoso.com")
    p.type("#reply_to", "helpdesk@contoso.com")
    p.type("#port", "not-a-port")
    p.el("#use_tls_yes").click()
    p.el("#auth_credentials").click()
    p.type("#user", LAB_USER)
    p.type("#password", LAB_PASSWORD)
    p.submit("#ok")
    assert "whole number" in p.text("#err-port")
    assert p.el("#password").get_attribute("value") == ""
    p.shot("outgoing-email-bad-port")
    assert F.open_session(farm2.home, "SP1").central_admin_row()["smtp_server"] is None

    # correct it and save authenticated settings
    p.type("#port", str(port587))
    p.type("#password", LAB_PASSWORD)
    p.submit("#ok")
    assert p.text("#flash") == "Your changes have been saved."
    assert p.has("#passwordStored")
    p.shot("outgoing-email-saved")

    # the shell sees it at once
    out = _shell(farm2.home, "SP1", "$ca = Get-SPWebApplication -IncludeCentralAdministration |"
                 " ? { $_.IsAdministrationWebApplication }; "
                 "'{0}|{1}|{2}|{3}' -f $ca.OutboundMailServiceInstance.Server.Name, "
                 "$ca.OutboundMailPort, $ca.OutboundMailUserName, $ca.OutboundMailEnableSsl")
    assert out.strip() == f"127.0.0.1|{port587}|{LAB_USER}|True"

    # Monitoring > Review rule definitions > the credentials rule > Run Now
    p.click_link("Monitoring")
    p.shot("monitoring")
    p.click_link("Review rule definitions")
    p.shot("rule-definitions")
    p.click_link("One or more servers can't retrieve the outgoing email credentials.")
    p.shot("rule-definition")
    p.submit("#runNow")
    assert "still fails for: SP2" in p.text("#flash")
    assert p.has("#healthStatus")
    p.shot("rule-run-now")

    # Review problems and solutions: SP2 fails
    p.click_link("View these issues.")
    assert "SP2" in p.text("#healthReports")
    p.shot("review-problems")
    p.click_link("One or more servers can't retrieve the outgoing email credentials.")
    assert p.text("#failingServers") == "SP2"
    assert "Set-SPApplicationCredentialKey" in p.text("#remedy")
    item_url = browser.current_url
    p.shot("problem-item")

    # Servers in Farm shows who lacks the key
    browser.get(central_admin.url + "_admin/FarmServers.aspx")
    row = p.el('tr[data-server="SP2"]').text
    assert "Not set" in row
    p.shot("servers-in-farm")

    # the key is set on SP2 in its own shell; Reanalyze Now clears the alert
    _shell(farm2.home, "SP2", "$k = ConvertTo-SecureString -String '" + KEY +
           "' -AsPlainText -Force; Set-SPApplicationCredentialKey -Password $k")
    browser.get(item_url)
    p.submit("#reanalyze")
    assert "found no problem" in p.text("#flash")
    assert p.has("#noProblems") and not p.has("#healthStatus")
    p.shot("problems-cleared")

    # Send a test e-mail to the lab server with the farm's settings
    browser.get(central_admin.url + "_admin/SendTestEmail.aspx")
    p.shot("send-test-email")
    p.type("#to", "bob@contoso.com")
    p.type("#subject", "Central Administration test")
    p.submit("#send")
    assert p.text("#sendResult") == "The message was accepted by the server."
    transcript = p.text("#transcript")
    assert "AUTH" in transcript and LAB_PASSWORD not in transcript
    assert re.search(r"as .*alice", p.text("#mechanism"), re.I)
    p.shot("send-test-email-result")

    from cmdlets.mail.labserver import manage
    got = [m for m in manage.list_messages(farm2.home)
           if m.Subject == "Central Administration test"]
    assert len(got) == 1 and got[0].To == ["bob@contoso.com"]
    assert "alice" in (got[0].AuthenticatedAs or "").lower() and got[0].Tls
    assert len(p.shots) >= 14 and all(s.stat().st_size > 1000 for s in p.shots)


def test_browser_without_the_link_sees_nothing(farm2, central_admin, browser):
    p = Pages(browser, central_admin.url, [], "signed-out")
    browser.get(central_admin.url + "_admin/globalemailconfig.aspx")
    assert "Sign in required" in browser.page_source
    assert not p.has("#server")
    p.shot("signed-out")
    browser.get(central_admin.url + "?token=not-the-token")
    assert "already been used or is not valid" in p.text("#deniedReason")
    assert central_admin.guard.token is not None


def test_web_application_pages_and_rule_editing(farm2, central_admin, browser):
    wa = farm2.sp1.create_web_application(name="Contoso Intranet", application_pool="AP",
                                          account="CONTOSO\\ap", port=8081)
    p = Pages(browser, central_admin.url, [KEY], "web-applications-and-rules")
    browser.get(central_admin.url_with_token())
    p.click_link("Application Management")
    p.shot("application-management")
    p.click_link("Manage web applications")
    assert "Contoso Intranet" in p.text("#webApplications")
    p.shot("web-applications")
    p.click_link("Outgoing E-mail")
    assert p.text("#pageTitle") == "Web Application Outgoing E-Mail Settings"
    p.type("#server", "mail.fabrikam.com")
    p.type("#from_address", "intranet@fabrikam.com")
    p.type("#reply_to", "helpdesk@fabrikam.com")
    p.el("#auth_credentials").click()
    p.type("#user", "FABRIKAM\\smtp")
    p.submit("#ok")
    assert "Type the password" in p.text("#err-password")  # no stored password to keep
    p.shot("web-application-email-error")
    p.el("#auth_anonymous").click()
    p.submit("#ok")
    assert p.text("#flash") == "Your changes have been saved."
    p.shot("web-application-email-saved")
    assert F.open_session(farm2.home, "SP1").webapp_row(wa["id"])["smtp_server"] == \
        "mail.fabrikam.com"

    browser.get(central_admin.url + "Lists/HealthRuleDefinitions/AllItems.aspx")
    p.click_link("One or more servers can't retrieve the outgoing email credentials.")
    p.click_link("Edit Item")
    p.shot("rule-edit")
    from selenium.webdriver.support.ui import Select
    Select(p.el("#schedule")).select_by_visible_text("Hourly")
    p.submit("#save")
    assert p.text("#flash") == "Your changes have been saved."
    assert "Hourly" in p.text("#ruleItem")
    p.shot("rule-saved")

    browser.get(central_admin.url + "Lists/HealthReports/DispForm.aspx?ID=no-such-item")
    assert "not found" in p.text("#errorMessage")
    p.shot("not-found")


def test_saving_credentials_without_the_key_shows_the_cmdlets_error(farm2, browser):
    from cmdlets.sharepoint import messages as M
    from cmdlets.sharepoint.centraladmin import server
    running = server.start(farm2.home, "SP2", 0)  # SP2 has no application credential key
    try:
        p = Pages(browser, running.url, [LAB_PASSWORD], "missing-key")
        browser.get(running.url_with_token())
        browser.get(running.url + "_admin/globalemailconfig.aspx")
        p.type("#server", "mail.contoso.com")
        p.type("#from_address", "sharepoint@contoso.com")
        p.type("#reply_to", "sharepoint@contoso.com")
        p.el("#auth_credentials").click()
        p.type("#user", LAB_USER)
        p.type("#password", LAB_PASSWORD)
        p.submit("#ok")
        assert p.text("#err-password") == M.NO_CREDENTIAL_KEY_FOR_SAVE.format("SP2")
        assert p.el("#password").get_attribute("value") == ""
        p.shot("missing-key-error")
        row = F.open_session(farm2.home, "SP2").central_admin_row()
        assert row["smtp_server"] is None and row["smtp_user"] is None
    finally:
        server.stop(farm2.home, "SP2")
