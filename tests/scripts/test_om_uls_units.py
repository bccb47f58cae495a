"""The object model (sites, webs, SPUtility) and the ULS log, driven without an interpreter."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint import store
from cmdlets.sharepoint.errors import SPException
from cmdlets.sharepoint.om import sites as S
from cmdlets.sharepoint.uls import log as L


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("SPSHELL_KEYSTORE", "file")
    monkeypatch.setenv("SPSHELL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SPSHELL_COMPUTERNAME", "APP1")
    yield
    store.forget_open_stores()
    F._keystores.clear()


@pytest.fixture
def sess(tmp_path, monkeypatch):
    # no session of an earlier in-process test may stand in for this one's host and home
    from cmdlets.sharepoint import bridge
    monkeypatch.setattr(bridge, "_context_ref", None)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    s = F.create_farm(home, "APP1", "SQL01", "Cfg_" + uuid.uuid4().hex[:8], "pass 1",
                      farm_account="CONTOSO\\spfarm")
    s.create_web_application(name="Contoso", application_pool="Pool", account="CONTOSO\\spfarm",
                             url="http://sp.contoso.com", port=80)
    return s


# ---- ULS ---------------------------------------------------------------------------------------

def test_uls_round_trip_and_filters(tmp_path):
    home = tmp_path / "h"
    t0 = datetime(2026, 1, 2, 10, 29, 59)
    corr = uuid.uuid4()
    L.write(home, "WFE1", "E-Mail", "ax1n7", "Monitorable", "Failed\tattempt\nline", corr,
            timestamp=t0, context={"UserName": "bob"})
    L.write(home, "WFE1", "E-Mail", "ajq6s", "Verbose", "Sending", timestamp=t0 + timedelta(
        minutes=1))
    files = L.log_files(L.log_dir(home, "WFE1"))
    assert [f.name for f in files] == ["WFE1-20260102-1000.log", "WFE1-20260102-1030.log"]
    events = list(L.read(files))
    assert [e.EventID for e in events] == ["ax1n7", "ajq6s"]
    first = events[0]
    assert first.Message == "Failed attempt line" and first.Correlation == corr
    assert first.Area == "SharePoint Foundation" and first.Category == "E-Mail"
    assert first.Timestamp == t0 and first._context == {"UserName": "bob"}
    assert [e.EventID for e in L.read(files, minimum="Warning")] == ["ax1n7"]
    assert [e.EventID for e in L.read(files, start=t0 + timedelta(seconds=30))] == ["ajq6s"]
    assert [e.EventID for e in L.read(files, end=t0)] == ["ax1n7"]
    assert [e.EventID for e in L.read(files, correlation=corr)] == ["ax1n7"]
    assert not (L.log_dir(home, "APP1")).exists() or not L.log_files(L.log_dir(home, "APP1"))


def test_uls_levels():
    assert L.level_rank("error") == L.level_rank("Unexpected") > L.level_rank("Warning")
    with pytest.raises(ValueError):
        L.level_rank("Loud")
    with pytest.raises(ValueError):
        L.write("/nonexistent", "X", "E-Mail", "t", "Loud", "m")


def test_uls_ignores_foreign_lines(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "X-20260101-0000.log").write_text(L.HEADER + "garbage line\n\n")
    assert list(L.read(L.log_files(folder))) == []


# ---- sites and webs ---------------------------------------------------------------------------

def test_root_sites_are_created_lazily_once(sess):
    rows = S.site_rows(sess)
    assert sorted(S.site_url(r) for r in rows)[-1] == "http://sp.contoso.com"
    assert len(rows) == 2  # Central Administration and Contoso
    assert len(S.site_rows(sess)) == 2
    ca = [r for r in rows if r["webapp_is_admin"]][0]
    assert ca["template"] == S.CA_TEMPLATE


def test_new_site_and_url_resolution(sess):
    S.create_site(sess, "http://sp.contoso.com/sites/HR", "CONTOSO\\admin", title="HR")
    row = S.site_for_url(sess, "http://SP.contoso.com:80/sites/hr/Shared%20Documents/x.docx")
    assert S.site_url(row) == "http://sp.contoso.com/sites/HR"
    assert S.site_at_url(sess, "http://sp.contoso.com/sites/hr/") is not None
    assert S.site_at_url(sess, "http://sp.contoso.com/sites/other") is None
    assert S.site_url(S.site_for_url(sess, "http://sp.contoso.com/sites/other")) == \
        "http://sp.contoso.com"
    assert S.site_for_url(sess, "http://unknown.contoso.com/") is None
    web = S.web_for_path(sess, row["id"], "/sites/HR/Lists")
    assert web["title"] == "HR"


def test_new_site_errors(sess):
    S.create_site(sess, "http://sp.contoso.com/sites/a", "CONTOSO\\admin")
    with pytest.raises(SPException, match="Another site already exists at"):
        S.create_site(sess, "http://sp.contoso.com/sites/a", "CONTOSO\\admin")
    with pytest.raises(Exception, match="managed path"):
        S.create_site(sess, "http://sp.contoso.com/teams/a", "CONTOSO\\admin")
    with pytest.raises(SPException, match="could not be found"):
        S.create_site(sess, "http://nowhere.contoso.com/", "CONTOSO\\admin")
    with pytest.raises(Exception, match="owner"):
        S.create_site(sess, "http://sp.contoso.com/sites/b", " ")


# ---- SPUtility ----------------------------------------------------------------------------------

def test_send_email_without_outgoing_mail_returns_false_and_logs(sess, tmp_path):
    from cmdlets.sharepoint.om.objects import SPSite
    from cmdlets.sharepoint.om.utility import SPUtility
    web = SPSite("http://sp.contoso.com").OpenWeb()
    assert web.Url == "http://sp.contoso.com"
    assert SPUtility.SendEmail(web, False, False, "a@contoso.com", "Subj", "Body") is False
    events = list(L.read(L.log_files(L.log_dir(tmp_path / "home", "APP1"))))
    assert events[-1].EventID == "ajq6v" and "no outbound SMTP server" in events[-1].Message
    assert events[-1].Category == "E-Mail" and events[-1].Level == "Unexpected"


def test_send_email_without_recipient_is_false(sess):
    from cmdlets.sharepoint.om.objects import SPSite
    from cmdlets.sharepoint.om.utility import SPUtility
    web = SPSite("http://sp.contoso.com").RootWeb
    assert SPUtility.SendEmail(web, False, False, " ; ", "Subj", "Body") is False
