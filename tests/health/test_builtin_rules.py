"""SharePoint's own rules that published scripts manage by name: each fails and passes again on a
real farm, and the community farm-configuration script's lines run unmodified."""
from __future__ import annotations

import sqlite3

import pytest

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint.health import reports, rules, timerjobs
from cmdlets.sharepoint.health.rule_admin_accounts import local_administrators
from cmdlets.sharepoint.health.rule_builtin_accounts import kind_of
from cmdlets.sharepoint.health.rule_database_unused_space import MARGIN_BYTES, too_much_unused
from cmdlets.sharepoint.health.rule_databases_on_app_servers import database_host
from cmdlets.sharepoint.health.rule_drive_space import MEMORY_VARIABLE, parse_size
from health_shell import Shell

EXPECTED = {  # name: (title, category, error level, scope, schedule)
    "FarmAccountIsSharedWithUserServices": (
        "The server farm account should not be used for other services.", "Security", "Error",
        "Any Server", "Weekly"),
    "BuiltInAccountsUsedAsProcessIdentities": (
        "Built-in accounts are used as application pool or service identities.",
        "Configuration", "Warning", "Any Server", "Weekly"),
    "AdminAccountsUsedAsProcessIdentities": (
        "Accounts used by application pools or service identities are in the local machine "
        "Administrators group.", "Security", "Warning", "All Servers", "Daily"),
    "DatabasesAreOnAppServers": (
        "Databases exist on servers running SharePoint Foundation.", "Performance", "Warning",
        "Any Server", "Weekly"),
    "DatabaseCanBeShrinked": (
        "Database has large amounts of unused space.", "Availability", "Warning", "Any Server",
        "Weekly"),
    "AppServerDrivesAreNearlyFullWarning": (
        "Drives are at risk of running out of free space.", "Availability", "Warning",
        "All Servers", "Daily"),
}


def run_everything(sess):
    for row in timerjobs.job_rows(sess):
        if row["name"].endswith("-health-analysis-job"):
            entry = timerjobs.run_job(sess, row)
            assert entry["status"] == "Succeeded", entry["error_message"]


def item(sess, name):
    found = [i for i in reports.items(sess) if i.RuleName == name]
    assert len(found) <= 1
    return found[0] if found else None


def set_pool_account(sess, pool, account):
    """What Configure service accounts does to an application pool."""
    with sess.store.write() as tx:
        tx.execute("UPDATE application_pools SET account = ? WHERE name_key = ?",
                   (account, pool.lower()))


@pytest.fixture
def roomy(monkeypatch):
    """Enough free disk for the drive rule whatever the test machine has."""
    monkeypatch.setenv(MEMORY_VARIABLE, "1KB")


def test_definitions_carry_sharepoints_texts(farm3):
    defs = {c.name: (c, row) for c, row in rules.definitions(farm3["WFE1"])}
    for name, (title, category, level, scope, schedule) in EXPECTED.items():
        cls, row = defs[name]
        assert (row["title"], cls.summary) == (title, title)
        assert (cls.category, cls.error_level, row["scope"], row["schedule"]) == \
            (category, level, scope, schedule)
        assert cls.explanation and cls.remedy and row["enabled"] == 1
    assert {"OutgoingEmailCredentialsNotRetrievable", "OutboundEmailNotConfigured"} <= set(defs)
    assert len(defs) == 8


# ---- FarmAccountIsSharedWithUserServices ----------------------------------------------------

def test_farm_account_used_by_a_content_web_application(home, db, roomy):
    s = F.create_farm(home, "APP1", db.server, db.name, "pp", farm_account="CONTOSO\\spfarm")
    run_everything(s)
    assert item(s, "FarmAccountIsSharedWithUserServices") is None  # CA's own pool is fine
    s.create_web_application(name="Contoso", application_pool="Content", account="contoso\\SPFARM",
                             url="http://www.contoso.com")
    run_everything(s)
    it = item(s, "FarmAccountIsSharedWithUserServices")
    assert it.Severity == "1 - Error" and it.Category == "Security" and it.FailingServers == ""
    assert "The application pool Content of http://www.contoso.com/ runs as the farm account " \
           "contoso\\SPFARM." in it.Explanation
    assert "Services in the farm were found to use this account." in it.Explanation
    assert it.Remedy.startswith("Change the account that is used for other services.")
    set_pool_account(s, "Content", "CONTOSO\\sp_content")
    run_everything(s)
    assert item(s, "FarmAccountIsSharedWithUserServices") is None


# ---- BuiltInAccountsUsedAsProcessIdentities --------------------------------------------------

@pytest.mark.parametrize("account,kind", [
    ("NT AUTHORITY\\NETWORK SERVICE", "built-in"), ("NT AUTHORITY\\LOCAL SERVICE", "built-in"),
    ("NT AUTHORITY\\SYSTEM", "built-in"), ("LocalSystem", "built-in"),
    ("NetworkService", "built-in"), ("IIS APPPOOL\\Contoso", "built-in"),
    ("APP1\\localuser", "local"), (".\\localuser", "local"), ("app1.contoso.com\\x", "local"),
    ("CONTOSO\\sp_pool", ""), ("sp_pool@contoso.com", ""), ("CONTOSO\\system", "")])
def test_built_in_and_local_accounts_are_recognised(account, kind):
    assert kind_of(account, {"app1", "app1.contoso.com"}) == kind


def test_built_in_account_as_application_pool_and_managed_account(home, db, roomy):
    s = F.create_farm(home, "APP1", db.server, db.name, "pp", farm_account="CONTOSO\\spfarm")
    F.connect_farm(home, "APP2", db.server, db.name, "pp")
    run_everything(s)
    assert item(s, "BuiltInAccountsUsedAsProcessIdentities") is None
    s.create_web_application(name="Contoso", application_pool="Content",
                             account="NT AUTHORITY\\NETWORK SERVICE", url="http://www.contoso.com")
    s.add_managed_account("APP2\\svc_local")
    run_everything(s)
    it = item(s, "BuiltInAccountsUsedAsProcessIdentities")
    assert it.Category == "Configuration" and it.Severity == "2 - Warning"
    assert "The application pool Content of http://www.contoso.com/ runs as the built-in account " \
           "NT AUTHORITY\\NETWORK SERVICE." in it.Explanation
    assert "The managed account APP2\\svc_local is a local computer account." in it.Explanation
    set_pool_account(s, "Content", "CONTOSO\\sp_content")
    with s.store.write() as tx:
        tx.execute("DELETE FROM managed_accounts WHERE user_key = 'app2\\svc_local'")
    run_everything(s)
    assert item(s, "BuiltInAccountsUsedAsProcessIdentities") is None


# ---- AdminAccountsUsedAsProcessIdentities ----------------------------------------------------

def test_local_administrators_include_the_superuser():
    admins = local_administrators()
    assert admins.get("root") == "uid 0"


def test_process_identity_that_is_a_host_administrator(home, db, roomy):
    # CONTOSO\root maps to this host's root (uid 0), which every POSIX host has
    s1 = F.create_farm(home, "APP1", db.server, db.name, "pp", farm_account="CONTOSO\\spfarm")
    s2 = F.connect_farm(home, "APP2", db.server, db.name, "pp")
    run_everything(s1)
    assert item(s1, "AdminAccountsUsedAsProcessIdentities") is None
    s1.create_web_application(name="Contoso", application_pool="Content",
                              account="CONTOSO\\root", url="http://www.contoso.com")
    run_everything(s1)
    it = item(s1, "AdminAccountsUsedAsProcessIdentities")
    assert it.FailingServers == "APP1"  # APP2's groups are APP2's to check
    assert "APP1: The application pool Content of http://www.contoso.com/ runs as " \
           "CONTOSO\\root, a member of this computer's administrators (uid 0)." in it.Explanation
    run_everything(s2)
    assert item(s1, "AdminAccountsUsedAsProcessIdentities").FailingServers == "APP1, APP2"
    set_pool_account(s1, "Content", "CONTOSO\\sp_content")
    run_everything(s1)
    assert item(s1, "AdminAccountsUsedAsProcessIdentities").FailingServers == "APP2"
    run_everything(s2)
    assert item(s1, "AdminAccountsUsedAsProcessIdentities") is None


# ---- DatabasesAreOnAppServers -----------------------------------------------------------------

@pytest.mark.parametrize("server,host", [
    ("SQL-01", "sql-01"), ("APP1\\SHAREPOINT", "app1"), ("tcp:app1.contoso.com,1433",
                                                        "app1.contoso.com"),
    ("postgresql://sp:secret@db.contoso.com:5432/farm", "db.contoso.com")])
def test_database_server_names(server, host):
    assert database_host(server) == host


def test_configuration_database_on_a_farm_server(home, roomy):
    s = F.create_farm(home, "APP1", "APP1\\SHAREPOINT", "Cfg", "pp")
    run_everything(s)
    it = item(s, "DatabasesAreOnAppServers")
    assert it.Category == "Performance" and it.Severity == "2 - Warning"
    assert "The configuration database Cfg is on APP1, a server of this farm." in it.Explanation
    assert "Databases share servers with other applications." in it.Explanation
    # once APP1 leaves and another server carries the farm, the database has a server to itself
    F.connect_farm(home, "APP2", "APP1\\SHAREPOINT", "Cfg", "pp")
    F.disconnect_farm(home, "APP1")
    s2 = F.open_session(home, "APP2")
    run_everything(s2)
    assert item(s2, "DatabasesAreOnAppServers") is None


def test_content_database_on_a_farm_server(home, db, roomy):
    s = F.create_farm(home, "APP1", db.server, db.name, "pp")
    F.connect_farm(home, "WFE2", db.server, db.name, "pp")
    run_everything(s)
    assert item(s, "DatabasesAreOnAppServers") is None
    w = s.create_web_application(name="Contoso", application_pool="Content", account="C\\p",
                                 url="http://www.contoso.com", database_name="WSS_Content",
                                 database_server="wfe2.contoso.com")
    run_everything(s)
    assert "The content database WSS_Content is on WFE2, a server of this farm." in \
        item(s, "DatabasesAreOnAppServers").Explanation
    with s.store.write() as tx:  # Move-SPContentDatabase to the database server
        tx.execute("UPDATE web_applications SET database_server = 'SQL-02' WHERE id = ?",
                   (w["id"],))
    run_everything(s)
    assert item(s, "DatabasesAreOnAppServers") is None


# ---- DatabaseCanBeShrinked ----------------------------------------------------------------------

def test_unused_space_threshold_is_sharepoints():
    growth = 4096
    assert not too_much_unused(0, 0, growth)
    big = 10 * MARGIN_BYTES
    assert too_much_unused(big // 5 + 1, big, growth)              # just over 20%
    assert not too_much_unused(big // 5, big, growth)              # 20% is not "more than"
    assert not too_much_unused(MARGIN_BYTES + growth, MARGIN_BYTES + growth + 1, growth)
    assert too_much_unused(MARGIN_BYTES + growth + 1, 2 * MARGIN_BYTES, growth)


def test_deleted_data_leaves_unused_space_until_vacuum(home, roomy):
    s = F.create_farm(home, "APP1", "SQL-01", "Cfg", "pp")
    run_everything(s)
    assert item(s, "DatabaseCanBeShrinked") is None
    with s.store.write() as tx:  # a large amount of data, then deleted
        tx.execute("CREATE TABLE scratch (b BLOB)")
        tx.execute("INSERT INTO scratch VALUES (zeroblob(?))", (MARGIN_BYTES + 8 * 2 ** 20,))
    with s.store.write() as tx:
        tx.execute("DROP TABLE scratch")
    run_everything(s)
    it = item(s, "DatabaseCanBeShrinked")
    assert it.Category == "Availability" and it.Severity == "2 - Warning"
    assert "The configuration database Cfg has 58." in it.Explanation
    assert "shrink it with VACUUM." in it.Explanation
    con = sqlite3.connect(s.store.location)
    con.execute("VACUUM")
    con.close()
    run_everything(s)
    assert item(s, "DatabaseCanBeShrinked") is None


# ---- AppServerDrivesAreNearlyFullWarning ---------------------------------------------------------

@pytest.mark.parametrize("text,size", [("1", 1), ("16GB", 16 * 2 ** 30), ("1.5 kb", 1536),
                                       ("2TB", 2 * 2 ** 40)])
def test_memory_sizes(text, size):
    assert parse_size(text) == size


def test_drive_with_less_than_five_times_the_ram_free(home, db, monkeypatch):
    s1 = F.create_farm(home, "APP1", db.server, db.name, "pp")
    F.connect_farm(home, "APP2", db.server, db.name, "pp")
    monkeypatch.setenv(MEMORY_VARIABLE, "1KB")
    run_everything(s1)
    assert item(s1, "AppServerDrivesAreNearlyFullWarning") is None
    monkeypatch.setenv(MEMORY_VARIABLE, "1000000TB")  # five exabytes are never free
    run_everything(s1)
    it = item(s1, "AppServerDrivesAreNearlyFullWarning")
    assert it.FailingServers == "APP1" and it.Severity == "2 - Warning"
    assert f"APP1: The drive holding {home / 'hosts' / 'app1'} has " in it.Explanation
    assert "less than five times the 1024000000.0 GB of RAM on this server" in it.Explanation
    assert "When disk space is less than five times the RAM on the server" in it.Explanation
    monkeypatch.setenv(MEMORY_VARIABLE, "1KB")
    run_everything(s1)
    assert item(s1, "AppServerDrivesAreNearlyFullWarning") is None


def test_a_bad_memory_override_is_a_rule_execution_failure(home, monkeypatch):
    s = F.create_farm(home, "APP1", "SQL-01", "Cfg", "pp")
    monkeypatch.setenv(MEMORY_VARIABLE, "lots")
    job = next(r for r in timerjobs.job_rows(s)
               if r["name"] == "daily-all-sptimerservice-health-analysis-job")
    entry = timerjobs.run_job(s, job)
    assert entry["status"] == "Failed" and "16GB" in entry["error_message"]
    assert item(s, "AppServerDrivesAreNearlyFullWarning").Severity == \
        "0 - Rule Execution Failure"


# ---- the community farm-configuration script ----------------------------------------------

COMMUNITY = """#Healt Roles Disablen
#--------------------
#The server farm account should not be used for other services
Disable-SPHealthAnalysisRule -Identity 'FarmAccountIsSharedWithUserServices' -Confirm:$false
#Databases exist on servers running SharePoint Foundation
Disable-SPHealthAnalysisRule -Identity 'DatabasesAreOnAppServers' -Confirm:$false
#Database has large amounts of unused space
Disable-SPHealthAnalysisRule -Identity 'DatabaseCanBeShrinked' -Confirm:$false
#Built-in accounts are used as application pool or service identities
Disable-SPHealthAnalysisRule -Identity 'BuiltInAccountsUsedAsProcessIdentities' -Confirm:$false
#Accounts used by application pools or services identities are in the local ma-chine Administrators group
Disable-SPHealthAnalysisRule -Identity 'AdminAccountsUsedAsProcessIdentities' -Confirm:$false
#Drives are at risk of running out of free space. 
Disable-SPHealthAnalysisRule -Identity 'AppServerDrivesAreNearlyFullWarning' -Confirm:$false

Get-SPHealthAnalysisRule | where {!$_.Enabled} | select Summary
"""


def test_community_script_disables_the_rules_by_name(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    sh = Shell(home, {MEMORY_VARIABLE: "1000000TB"})
    sh.farm(hosts=("WFE1", "WFE2"))
    script = tmp_path / "Disable-HealthRules.ps1"
    script.write_text(COMMUNITY, encoding="utf-8")
    p = sh.ok("WFE1", None, file=script)
    lines = [line.rstrip() for line in p.stdout.splitlines() if line.strip()]
    assert lines[:2] == ["Summary", "-------"], p.all
    assert sorted(lines[2:]) == sorted(t[0] for t in EXPECTED.values()), p.all
    # disabled rules do not run: the drive rule that would fail stays out of the report
    p = sh.ok("WFE2", 'Get-SPTimerJob | ? { $_.Name -like "*health-analysis*" } | '
                      'Start-SPTimerJob\n(Get-SPHealthReport).Title')
    assert "Drives are at risk of running out of free space." not in p.stdout, p.all
    p = sh.ok("WFE1", "foreach ($n in 'FarmAccountIsSharedWithUserServices', "
                      "'DatabasesAreOnAppServers', 'DatabaseCanBeShrinked', "
                      "'BuiltInAccountsUsedAsProcessIdentities', "
                      "'AdminAccountsUsedAsProcessIdentities', "
                      "'AppServerDrivesAreNearlyFullWarning') { Enable-SPHealthAnalysisRule "
                      "-Identity $n }\n(Get-SPHealthAnalysisRule | where {!$_.Enabled}).Count\n"
                      "$r = Get-SPHealthAnalysisRule 'AppServerDrivesAreNearlyFullWarning'\n"
                      "$r.Category; $r.ErrorLevel; $r.Scope; $r.Schedule\n"
                      "Start-SPTimerJob daily-all-sptimerservice-health-analysis-job\n"
                      "(Get-SPHealthReport -Rule AppServerDrivesAreNearlyFullWarning)"
                      ".FailingServers")
    assert p.stdout.split("\n")[:6] == ["0", "Availability", "Warning", "All Servers", "Daily",
                                        "WFE1"], p.all
