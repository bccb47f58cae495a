"""End to end through `python -m spshell`: several hosts of one farm in one home, the alert
appearing and clearing as keys change, and the published health scripts run unmodified."""
from __future__ import annotations

import os

import pytest

from health_shell import REF, Shell

DOCS, REAL = REF / "docs-examples", REF / "realworld-scripts"
PG_DSN = os.environ.get("SPSHELL_TEST_PG_DSN")
RUN_ALL = 'Get-SPTimerJob | ? { $_.Name -like "*health-analysis*" } | Start-SPTimerJob'
REPORT = ('$r = Get-SPHealthReport | ? { $_.Title -like "*outgoing email credentials*" }\n'
          'if ($r) { "FAILING=" + $r.FailingServers; $r.Explanation; "REMEDY=" + $r.Remedy }'
          ' else { "CLEAR" }')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def sh(request, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    if request.param == "sqlite":
        return Shell(home)
    if not PG_DSN:
        pytest.skip("SPSHELL_TEST_PG_DSN is not set (start one with .ci/postgres.sh)")
    import uuid
    sh = Shell(home, {"SPSHELL_SQL_SERVERS": f"SQL-01={PG_DSN}"})
    sh.db = "HealthCfg_" + uuid.uuid4().hex[:8]
    return sh


def farm(sh):
    sh.farm(db=getattr(sh, "db", "SharePoint_Config"))


def test_seed_scenario_three_servers(sh):
    farm(sh)
    sh.set_key("WFE1", "Key-A")
    sh.save_credentials("WFE1")
    sh.set_key("WFE2", "Key-A")
    p = sh.ok("WFE1", RUN_ALL + "\n" + REPORT)
    assert "FAILING=WFE3" in p.stdout, p.all
    assert "There are one or more servers in this farm that can't retrieve the credentials" \
        in p.stdout
    assert "The application credential key wasn't found on these servers" in p.stdout
    assert "WFE3: The application credential key wasn't found on this server." in p.stdout
    assert "REMEDY=Use the Set-SPApplicationCredentialKey cmdlet on each failing server" \
        in p.stdout

    sh.set_key("WFE3", "Key-B")  # a different passphrase
    p = sh.ok("WFE2", RUN_ALL + "\n" + REPORT)
    assert "FAILING=WFE3" in p.stdout and "different application credential key" in p.stdout

    sh.set_key("WFE3", "Key-A")
    p = sh.ok("WFE3", RUN_ALL + "\n" + REPORT)
    assert "CLEAR" in p.stdout, p.all


def test_report_default_view_and_clear(sh):
    farm(sh)
    sh.set_key("WFE1", "Key-A")
    sh.save_credentials("WFE1")
    p = sh.ok("WFE1", RUN_ALL + "\nGet-SPHealthReport")
    for label in ("Severity", "Category", "Title", "Explanation", "Remedy", "Failing Servers",
                  "Failing Services", "Modified"):
        assert f"\n{label}" in p.stdout, p.stdout
    assert "WFE2, WFE3" in p.stdout and "1 - Error" in p.stdout
    p = sh.ok("WFE1", "(Get-SPHealthReport -Severity Error).Count; "
                      "(Get-SPHealthReport -Category Security).Count; "
                      "Clear-SPHealthReport; (Get-SPHealthReport).Count")
    assert p.stdout.split() == ["1", "0", "0"], p.all
    p = sh.ok("WFE1", "Start-SPTimerJob daily-all-sptimerservice-health-analysis-job\n" + REPORT)
    assert "FAILING=WFE2, WFE3" in p.stdout  # still failing: the next run brings it back


def test_rule_cmdlets(sh):
    farm(sh)
    p = sh.ok("WFE1", "Get-SPHealthAnalysisRule")
    assert "Name" in p.stdout and "Enabled" in p.stdout and "Summary" in p.stdout
    assert "One or more servers can't retrieve the outgoing email credentials." in p.stdout
    p = sh.ok("WFE1", "$r = Get-SPHealthAnalysisRule OutgoingEmailCredentialsNotRetrievable\n"
                      "$r.Category; $r.ErrorLevel; $r.Scope; $r.Schedule; $r.Enabled\n"
                      "(Get-SPHealthAnalysisRule -Identity $r.Id).Name\n"
                      "($r | Get-SPHealthAnalysisRule).Name")
    assert p.stdout.split("\n")[:7] == ["Configuration", "Error", "All Servers", "Daily",
                                        "True", "OutgoingEmailCredentialsNotRetrievable",
                                        "OutgoingEmailCredentialsNotRetrievable"], p.all
    p = sh.run("WFE1", "Disable-SPHealthAnalysisRule OutgoingEmailCredentialsNotRetrievable "
                       "-Confirm:$false; (Get-SPHealthAnalysisRule | ? { !$_.Enabled }).Name")
    assert p.stdout.strip() == "OutgoingEmailCredentialsNotRetrievable", p.all
    p = sh.run("WFE1", "Enable-SPHealthAnalysisRule OutgoingEmailCredentialsNotRetrievable; "
                       "(Get-SPHealthAnalysisRule | ? { !$_.Enabled }).Count")
    assert p.stdout.strip() == "0", p.all
    p = sh.ok("WFE1", "Get-Help about_SharePoint_Health_Analyzer")
    assert "THE OUTGOING EMAIL CREDENTIALS RULE" in p.stdout
    p = sh.run("WFE1", "Get-SPHealthAnalysisRule NoSuchRule")
    assert "Cannot find an SPHealthAnalysisRule object with Name or Id: NoSuchRule." in p.stderr


def test_disable_asks_for_confirmation(sh):
    farm(sh)
    name = "OutboundEmailNotConfigured"
    p = sh.run("WFE1", f"Disable-SPHealthAnalysisRule {name}", stdin="n\n", interactive=True)
    assert "Are you sure you want to perform this action?" in p.all
    assert f'Performing the operation "Disable-SPHealthAnalysisRule" on target "{name}"' in p.all
    assert sh.ok("WFE1", f"(Get-SPHealthAnalysisRule {name}).Enabled").stdout.strip() == "True"
    sh.run("WFE1", f"Disable-SPHealthAnalysisRule {name}", stdin="y\n", interactive=True)
    assert sh.ok("WFE1", f"(Get-SPHealthAnalysisRule {name}).Enabled").stdout.strip() == "False"


def test_timer_job_cmdlets(sh):
    farm(sh)
    p = sh.ok("WFE1", "$j = Get-SPTimerJob | ? { $_.Name -like '*-health-analysis-job' }\n"
                      "$j.Count; ($j | ? { $_.Title -like 'Health Analysis Job*' }).Count\n"
                      "(Get-SPTimerJob hourly-all-sptimerservice-health-analysis-job).Title\n"
                      "(Get-SPTimerJob -Type SPHealthAnalyzerJobDefinition).Count\n"
                      "$ca = Get-SPWebApplication -IncludeCentralAdministration\n"
                      "(Get-SPTimerJob -WebApplication $ca | select Name, DisplayName).Name")
    lines = p.stdout.split("\n")
    assert lines[:5] == ["8", "8", "Health Analysis Job (Hourly, Microsoft SharePoint Foundation "
                                   "Timer, All Servers)", "8", "job-recycle-bin-cleanup"], p.all
    p = sh.ok("WFE2", "Get-SPTimerJob job-recycle-bin-cleanup | Start-SPTimerJob\n"
                      "Get-SPTimerJob | select -ExpandProperty HistoryEntries | "
                      "% { $_.ServerName + ' ' + $_.Status + ' ' + $_.JobDefinitionTitle }\n"
                      "(Get-SPTimerJob job-recycle-bin-cleanup).LastRunTime.Year")
    assert p.stdout.split("\n")[:2] == ["WFE2 Succeeded Recycle Bin",
                                        str(__import__("datetime").date.today().year)], p.all
    p = sh.run("WFE1", "Get-SPTimerJob no-such-job")
    assert "Cannot find an SPJobDefinition object with Id or Name: no-such-job." in p.stderr
    p = sh.ok("WFE1", "$j = Get-SPTimerJob job-delete-job-history\n"
                      "$j.Schedule = 'daily at 03:30:00'; $j.Update()\n"
                      "(Get-SPTimerJob job-delete-job-history).Schedule.ToString()\n"
                      "[Microsoft.SharePoint.SPSchedule]::FromString('every 5 minutes between 0 "
                      "and 59').Interval")
    assert p.stdout.split("\n")[:2] == ["daily at 03:30:00", "5"], p.all


def test_run_now_asks_other_servers(sh):
    farm(sh)
    sh.ok("WFE1", "(Get-SPTimerJob daily-all-sptimerservice-health-analysis-job).RunNow()")
    import sqlite3
    if getattr(sh, "db", None):
        return  # the request table is checked on SQLite; PostgreSQL runs the same SQL
    con = sqlite3.connect(sh.home / "databases" / "sql-01" / "sharepoint_config.sqlite3")
    rows = con.execute("SELECT s.name, r.requested_by FROM timer_job_requests r JOIN servers s "
                       "ON s.id = r.server_id ORDER BY s.name").fetchall()
    assert rows == [("WFE2", "WFE1"), ("WFE3", "WFE1")]


# ---- the published scripts, unmodified --------------------------------------------------

def test_docs_examples(sh, tmp_path):
    farm(sh)
    p = sh.ok("WFE1", None, file=DOCS / "Get-SPHealthAnalysisRule-sqldocs-1.ps1")
    assert p.stdout.strip() == ""  # no Power Pivot rules in this farm
    p = sh.run("WFE1", file=DOCS / "Enable-SPHealthAnalysisRule-1.ps1")
    assert "Cannot find an SPHealthAnalysisRule object with Name or Id: CustomRule." in p.stderr
    p = sh.ok("WFE1", None, file=DOCS / "Start-SPTimerJob-1.ps1")
    p = sh.ok("WFE1", "(Get-SPTimerJob job-recycle-bin-cleanup).HistoryEntries.Count")
    assert p.stdout.strip() == "1"


CUSTOM_RULE = '''
from cmdlets.sharepoint.health.rules import Finding, HealthRule


class CustomRule(HealthRule):
    name = "CustomRule"
    summary = "The farm has a custom rule."
    explanation = "A rule added by a package."
    remedy = "Nothing to do."
    category = "Custom"
    error_level = "Information"

    def check_farm(self, ctx):
        return Finding(len(ctx.servers) < 2, "TooMany", f"{len(ctx.servers)} servers")
'''


def test_custom_rule_from_a_package_and_its_docs_examples(tmp_path):
    pkg = tmp_path / "site"
    (pkg / "customrules").mkdir(parents=True)
    (pkg / "customrules" / "__init__.py").write_text(CUSTOM_RULE)
    dist = pkg / "customrules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: customrules\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[spshell.health_rules]\n"
                                           "CustomRule = customrules:CustomRule\n")
    home = tmp_path / "home"
    home.mkdir()
    sh = Shell(home, pythonpath=[pkg])
    sh.farm(hosts=("WFE1", "WFE2"))
    p = sh.ok("WFE1", None, file=DOCS / "Disable-SPHealthAnalysisRule-1.ps1", stdin="y\n",
              interactive=True)
    assert sh.ok("WFE1", "(Get-SPHealthAnalysisRule CustomRule).Enabled").stdout.strip() \
        == "False"
    sh.ok("WFE1", None, file=DOCS / "Enable-SPHealthAnalysisRule-1.ps1")
    p = sh.ok("WFE1", "(Get-SPHealthAnalysisRule -Identity 'CustomRule').Enabled\n" + RUN_ALL +
              "\n(Get-SPHealthReport -Rule CustomRule).Explanation")
    assert p.stdout.split("\n")[:2] == ["True", "A rule added by a package."], p.all
    assert "2 servers" in p.stdout


def test_realworld_scripts(sh):
    farm(sh)
    sh.set_key("WFE1", "Key-A")
    sh.save_credentials("WFE1")
    p = sh.ok("WFE1", None, file=REAL / "Run-All-HealthAnalyzer-Rules.ps1")
    p = sh.ok("WFE1", "(Get-SPHealthReport).Title")
    assert "One or more servers can't retrieve the outgoing email credentials." in p.stdout
    sh.ok("WFE1", "Clear-SPHealthReport")
    p = sh.ok("WFE2", None, file=REAL / "Run-HealthAnalyzerTimerJobs.ps1")
    assert "Found 8 timer jobs. Calling RunNow on all of them..." in p.stdout
    assert "Health Analysis Job (Daily, Microsoft SharePoint Foundation Timer, All Servers)" \
        in p.stdout
    assert p.stdout.rstrip().endswith("finished - timer jobs are probably still planned or "
                                      "running right now")
    p = sh.ok("WFE2", "(Get-SPHealthReport | ? Title -like '*credentials*').FailingServers")
    assert p.stdout.strip() == "WFE2, WFE3"


def test_get_service_errors_and_status(sh):
    p = sh.run("WFE1", "Get-Service NoSuchService")
    assert "Cannot find any service with service name 'NoSuchService'." in p.stderr
    assert "NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand" \
        in p.stderr
    p = sh.run("WFE1", "Start-Service W3SVC")
    assert "Cannot find any service with service name 'W3SVC'." in p.stderr
    p = sh.ok("WFE1", "Get-Service SPTimerv4")
    assert "Stopped" in p.stdout and "SPTimerV4" in p.stdout and "SharePoint Timer Service" \
        in p.stdout
    assert sh.ok("WFE1", "(Get-Service SP*).Count").stdout.strip() == "1"


def test_outside_a_farm_and_whatif(sh):
    p = sh.run("LONE1", "Get-SPTimerJob")
    assert "The local farm is not accessible." in p.stderr and p.returncode != 0
    p = sh.run("LONE1", "Get-SPHealthAnalysisRule")
    assert "The local farm is not accessible." in p.stderr
    farm(sh)
    p = sh.ok("WFE1", "Start-SPTimerJob job-delete-job-history -WhatIf; "
                      "(Get-SPTimerJob job-delete-job-history).HistoryEntries.Count")
    assert 'What if: Performing the operation "Start-SPTimerJob" on target "Delete Job ' \
           'History".' in p.stdout
    assert p.stdout.strip().endswith("0")
    p = sh.ok("WFE1", "Start-SPTimerJob daily-any-sptimerservice-health-analysis-job; "
                      "Clear-SPHealthReport -WhatIf; (Get-SPHealthReport).Title")
    assert "What if:" in p.stdout and "Outbound email hasn't been configured." in p.stdout
