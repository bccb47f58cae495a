"""Central Administration's pages through Starlette's TestClient: access control, CSRF, the
outgoing e-mail forms (same validation and errors as Set-SPWebApplication), the health pages and
the shared state with the shell's object model."""
from __future__ import annotations

import re

import pytest
from conftest import KEY, csrf_of, field_error

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint import messages as M
from cmdlets.sharepoint.centraladmin.security import AccessGuard
from cmdlets.sharepoint.model import SPWebApplication

MAIL = "/_admin/globalemailconfig.aspx"
SECRET = "Sm7p-Passw0rd!x"


def ca_row(home, host="SP1"):
    return F.open_session(home, host).central_admin_row()


def post_mail(client, url=MAIL, **fields):
    page = client.get(url)
    data = {"csrf_token": csrf_of(page.text), "server": "mail.contoso.com", "port": "587",
            "from_address": "sharepoint@contoso.com", "reply_to": "helpdesk@contoso.com",
            "code_page": "65001", "use_tls": "yes", "auth": "anonymous", "user": "",
            "password": ""}
    data.update(fields)
    return client.post(url, data=data)


# ---------------------------------------------------------------------------------- access

def test_token_is_exchanged_once_for_a_session(farm2):
    from starlette.testclient import TestClient

    from cmdlets.sharepoint.centraladmin.app import create_app
    guard = AccessGuard("127.0.0.1", 0)
    app = create_app(farm2.home, "SP1", guard)
    token = guard.token
    anon = TestClient(app, base_url="http://127.0.0.1:8080")
    r = anon.get("/_admin/globalemailconfig.aspx")
    assert r.status_code == 403 and "Outbound SMTP server" not in r.text
    assert anon.get("/?token=wrong", follow_redirects=False).status_code == 403
    assert guard.token == token  # a wrong guess does not burn the real token
    first = TestClient(app, base_url="http://127.0.0.1:8080")
    r = first.get(f"/monitoring.aspx?token={token}&x=1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/monitoring.aspx?x=1"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert first.get("/monitoring.aspx").status_code == 200
    second = TestClient(app, base_url="http://127.0.0.1:8080")
    r = second.get(f"/?token={token}")
    assert r.status_code == 403 and "already been used" in r.text
    assert guard.token is None


def test_unknown_host_header_is_refused(ca):
    r = ca.client.get("/default.aspx", headers={"host": "attacker.example:8080"})
    assert r.status_code == 400


def test_security_headers_on_every_page(ca):
    r = ca.client.get(MAIL)
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["referrer-policy"] == "same-origin"


def _post_routes(app):
    out = []
    for route in app.routes:
        methods = getattr(route, "methods", None) or set()
        if "POST" in methods:
            out.append(route.path)
    return out


def test_every_form_needs_the_csrf_token(ca):
    routes = _post_routes(ca.app)
    assert MAIL in routes and "/_admin/SendTestEmail.aspx" in routes and len(routes) >= 7
    before = ca_row(ca.farm.home)
    for path in routes:
        r = ca.client.post(path, data={"server": "evil.example", "auth": "anonymous",
                                       "action": "runnow", "to": "x@y.z"})
        assert r.status_code in (403, 404), (path, r.status_code)
        r = ca.client.post(path, data={"csrf_token": "forged", "server": "evil.example"})
        assert r.status_code in (403, 404), (path, r.status_code)
    assert ca_row(ca.farm.home)["smtp_server"] == before["smtp_server"]


def test_cross_origin_post_is_refused(ca):
    page = ca.client.get(MAIL)
    r = ca.client.post(MAIL, data={"csrf_token": csrf_of(page.text), "server": "x"},
                       headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    assert ca_row(ca.farm.home)["smtp_server"] is None


def test_sign_out_ends_the_session(ca):
    page = ca.client.get("/")
    r = ca.client.post("/_layouts/15/SignOut.aspx", data={"csrf_token": csrf_of(page.text)},
                       follow_redirects=False)
    assert r.status_code == 303
    assert ca.client.get(MAIL).status_code == 403
    assert ca.guard.session_count() == 0


# ---------------------------------------------------------------------------------- e-mail

def test_anonymous_settings_saved_are_the_shells(ca):
    r = post_mail(ca.client, use_tls="no", port="")
    assert r.status_code == 200 and "Your changes have been saved." in r.text
    sess = F.open_session(ca.farm.home, "SP1")
    wa = SPWebApplication(sess, sess.central_admin_row())
    assert wa.OutboundMailServiceInstance.Server.Name == "mail.contoso.com"
    assert wa.OutboundMailSenderAddress == "sharepoint@contoso.com"
    assert wa.OutboundMailReplyToAddress == "helpdesk@contoso.com"
    assert wa.OutboundMailPort == 25  # no port: SharePoint's default
    assert wa.OutboundMailEnableSsl is False
    assert wa.OutboundMailUserName == ""


def test_shell_changes_show_in_the_browser(ca):
    sess = F.open_session(ca.farm.home, "SP1")
    wid = sess.central_admin_row()["id"]
    sess.update_mail_settings(wid, "smtp.fabrikam.com", "a@fabrikam.com", "b@fabrikam.com",
                              code_page=1252, enable_ssl=True, port=2525)
    html = ca.client.get(MAIL).text
    assert 'value="smtp.fabrikam.com"' in html and 'value="2525"' in html
    assert re.search(r'value="1252"\s+selected', html)
    assert re.search(r'id="use_tls_yes" value="yes" checked', html)


def test_credentials_are_sealed_and_never_sent_back(ca):
    r = post_mail(ca.client, auth="credentials", user="CONTOSO\\smtp", password=SECRET)
    assert "Your changes have been saved." in r.text
    assert SECRET not in r.text
    row = ca_row(ca.farm.home)
    assert row["smtp_user"] == "CONTOSO\\smtp" and SECRET not in (row["smtp_password"] or "")
    status, plain, _ = F.open_session(ca.farm.home, "SP1").credential_status(row)
    assert status == "Ok" and plain == SECRET
    html = ca.client.get(MAIL).text
    assert SECRET not in html
    assert re.search(r'id="password" name="password" value=""', html)
    assert 'id="passwordStored"' in html


def test_empty_password_keeps_the_stored_one_for_the_same_user(ca):
    post_mail(ca.client, auth="credentials", user="CONTOSO\\smtp", password=SECRET)
    r = post_mail(ca.client, auth="credentials", user="CONTOSO\\smtp", password="",
                  server="mail2.contoso.com")
    assert "Your changes have been saved." in r.text
    row = ca_row(ca.farm.home)
    assert row["smtp_server"] == "mail2.contoso.com"
    assert F.open_session(ca.farm.home, "SP1").credential_status(row)[1] == SECRET
    r = post_mail(ca.client, auth="credentials", user="CONTOSO\\other", password="",
                  server="mail3.contoso.com")
    assert field_error(r.text, "password")
    assert ca_row(ca.farm.home)["smtp_server"] == "mail2.contoso.com"


def test_missing_key_gives_the_cmdlets_error_and_changes_nothing(farm2):
    from starlette.testclient import TestClient

    from cmdlets.sharepoint.centraladmin.app import create_app
    guard = AccessGuard("127.0.0.1", 0)
    client = TestClient(create_app(farm2.home, "SP2", guard), base_url="http://127.0.0.1:80")
    client.get("/?token=" + guard.token)
    r = post_mail(client, auth="credentials", user="CONTOSO\\smtp", password=SECRET)
    expected = M.NO_CREDENTIAL_KEY_FOR_SAVE.format("SP2")
    assert field_error(r.text, "password") == expected
    assert SECRET not in r.text
    row = ca_row(farm2.home, "SP2")
    assert row["smtp_server"] is None and row["smtp_user"] is None


@pytest.mark.parametrize("fields, name, message", [
    ({"from_address": "not an address"}, "from_address", M.INVALID_MAIL_ADDRESS),
    ({"reply_to": "a@@b"}, "reply_to", M.INVALID_MAIL_ADDRESS),
    ({"from_address": ""}, "from_address", "You must specify a value for this required field."),
    ({"port": "70000"}, "port", M.INVALID_PORT.format("SMTPServerPort").split("\n")[0]),
    ({"port": "abc"}, "port", "The SMTP server port must be a whole number"),
    ({"server": "mail contoso"}, "server", "The server name must be a host name"),
    ({"server": "mail.contoso.com:587"}, "server", "The server name must be a host name"),
    ({"server": "smtp://mail.contoso.com"}, "server", "The server name must be a host name"),
    ({"code_page": "12345"}, "code_page", "Select one of the listed values."),
    ({"auth": "credentials", "user": "", "password": "x"}, "user",
     "You must specify a value for this required field."),
    ({"auth": "kerberos"}, "auth", "Select one of the listed values."),
])
def test_bad_input_is_marked_by_its_field_and_saves_nothing(ca, fields, name, message):
    r = post_mail(ca.client, **fields)
    assert r.status_code == 200
    err = field_error(r.text, name)
    assert err is not None and err.startswith(message.replace("\n", " ")[:40]), err
    assert 'id="formError"' in r.text
    row = ca_row(ca.farm.home)
    assert row["smtp_server"] is None and row["mail_from"] is None


@pytest.mark.parametrize("server", ["::1", "192.0.2.7", "mail-01.contoso.com"])
def test_addresses_and_names_are_accepted(ca, server):
    r = post_mail(ca.client, server=server)
    assert "Your changes have been saved." in r.text
    assert ca_row(ca.farm.home)["smtp_server"] == server


def test_posted_values_are_shown_again_after_an_error_but_not_the_password(ca):
    r = post_mail(ca.client, from_address="bad", auth="credentials", user="u", password=SECRET)
    assert 'value="bad"' in r.text and SECRET not in r.text


def test_web_application_settings_page(ca):
    sess = F.open_session(ca.farm.home, "SP1")
    row = sess.create_web_application(name="Contoso", application_pool="AP", account="C\\ap",
                                      port=8081)
    html = ca.client.get("/_admin/WebApplicationList.aspx").text
    assert "Contoso" in html and f"WebApplicationId={row['id']}" in html
    url = f"/_admin/WebApplicationOutgoingEmailSettings.aspx?WebApplicationId={row['id']}"
    r = post_mail(ca.client, url=url, server="mail.fabrikam.com")
    assert "Your changes have been saved." in r.text
    assert sess.webapp_row(row["id"])["smtp_server"] == "mail.fabrikam.com"
    assert ca_row(ca.farm.home)["smtp_server"] is None  # the farm's settings are untouched
    assert ca.client.get("/_admin/WebApplicationOutgoingEmailSettings.aspx?"
                         "WebApplicationId=nope").status_code == 404


# ---------------------------------------------------------------------------------- health

def _run_rule(client, rule_id):
    page = client.get(f"/Lists/HealthRuleDefinitions/DispForm.aspx?ID={rule_id}")
    return client.post(f"/Lists/HealthRuleDefinitions/DispForm.aspx?ID={rule_id}",
                       data={"csrf_token": csrf_of(page.text), "action": "runnow"})


def _credentials_rule(client):
    html = client.get("/Lists/HealthRuleDefinitions/AllItems.aspx").text
    m = re.search(r'DispForm\.aspx\?ID=([0-9a-f-]+)">One or more servers can(?:&#39;|\')t '
                  r'retrieve the outgoing email credentials', html)
    assert m, html
    return m.group(1)


def test_health_alert_appears_for_a_server_without_the_key_and_clears(ca):
    post_mail(ca.client, auth="credentials", user="CONTOSO\\smtp", password=SECRET)
    rid = _credentials_rule(ca.client)
    r = _run_rule(ca.client, rid)
    assert "still fails for: SP2" in r.text
    listing = ca.client.get("/Lists/HealthReports/AllItems.aspx").text
    assert "outgoing email credentials" in listing and "SP2" in listing
    home = ca.client.get("/").text
    assert 'id="healthStatus"' in home and "critical issues" in home
    item = re.search(r'HealthReports/DispForm\.aspx\?ID=([0-9a-f-]+)', listing).group(1)
    page = ca.client.get(f"/Lists/HealthReports/DispForm.aspx?ID={item}").text
    assert "Set-SPApplicationCredentialKey" in page  # the Remedy
    assert re.search(r'id="failingServers">SP2<', page)
    F.set_credential_key(ca.farm.home, "SP2", KEY)
    r = ca.client.post(f"/Lists/HealthReports/DispForm.aspx?ID={item}",
                       data={"csrf_token": csrf_of(page), "action": "reanalyze"})
    assert r.url.path == "/Lists/HealthReports/AllItems.aspx"
    assert "found no problem" in r.text and 'id="noProblems"' in r.text
    assert 'id="healthStatus"' not in ca.client.get("/").text


def test_rule_edit_validates_and_saves(ca):
    rid = _credentials_rule(ca.client)
    url = f"/Lists/HealthRuleDefinitions/EditForm.aspx?ID={rid}"
    page = ca.client.get(url).text
    r = ca.client.post(url, data={"csrf_token": csrf_of(page), "title": "",
                                  "scope": "All Servers", "schedule": "Daily", "enabled": "on"})
    assert field_error(r.text, "title") == "You must specify a value for this required field."
    r = ca.client.post(url, data={"csrf_token": csrf_of(page), "title": "Mail credentials",
                                  "scope": "Everywhere", "schedule": "Daily"})
    assert field_error(r.text, "scope")
    r = ca.client.post(url, data={"csrf_token": csrf_of(page), "title": "Mail credentials",
                                  "scope": "All Servers", "schedule": "Hourly"})
    assert "Your changes have been saved." in r.text and re.search(r'id="enabled">No<', r.text)
    from cmdlets.sharepoint.health.ruleobjects import resolve_rules
    rule = resolve_rules(F.open_session(ca.farm.home, "SP1"), rid)[0]
    assert (rule.Title, rule.Schedule, rule.Enabled) == ("Mail credentials", "Hourly", False)
    assert "disabled" in _run_rule(ca.client, rid).text
    page = ca.client.get(f"/Lists/HealthRuleDefinitions/DispForm.aspx?ID={rid}").text
    r = ca.client.post(f"/Lists/HealthRuleDefinitions/DispForm.aspx?ID={rid}",
                       data={"csrf_token": csrf_of(page), "action": "enable"})
    assert re.search(r'id="enabled">Yes<', r.text)


def test_farm_servers_lists_key_state_without_secrets(ca):
    post_mail(ca.client, auth="credentials", user="CONTOSO\\smtp", password=SECRET)
    html = ca.client.get("/_admin/FarmServers.aspx").text
    assert 'data-server="SP1"' in html and 'data-server="SP2"' in html
    sp2 = html[html.index('data-server="SP2"'):]
    assert "Not set" in sp2[:600] and "(no key)" in sp2[:900]
    fp = F.open_session(ca.farm.home, "SP1").servers()[0]["key_fingerprint"]
    assert fp and fp not in html and KEY not in html


# ---------------------------------------------------------------------------------- test mail

def test_send_test_mail_checks_the_address(ca):
    page = ca.client.get("/_admin/SendTestEmail.aspx").text
    r = ca.client.post("/_admin/SendTestEmail.aspx",
                       data={"csrf_token": csrf_of(page), "to": "nobody", "subject": "s",
                             "body": "b", "webapp": ""})
    assert field_error(r.text, "to") == M.INVALID_MAIL_ADDRESS
    assert 'id="sendResult"' not in r.text


def test_send_test_mail_without_settings_explains(ca):
    page = ca.client.get("/_admin/SendTestEmail.aspx").text
    r = ca.client.post("/_admin/SendTestEmail.aspx",
                       data={"csrf_token": csrf_of(page), "to": "a@contoso.com",
                             "subject": "s", "body": "b", "webapp": ""})
    assert 'id="sendResult"' in r.text and "not configured" in r.text


def test_farm_that_is_gone_is_a_page_not_a_crash(ca):
    F.disconnect_farm(ca.farm.home, "SP1")
    r = ca.client.get(MAIL)
    assert r.status_code == 503 and M.LOCAL_FARM_NOT_ACCESSIBLE in r.text
