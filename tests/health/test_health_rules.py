"""The outgoing-email-credentials rule and the rule framework, through the domain API."""
from __future__ import annotations

import pytest

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint.health import evaluate, reports, rules, timerjobs
from cmdlets.sharepoint.health.rule_outgoing_email import (CAUSE, RESOLUTION, RULE_NAME,
                                                           SUMMARY, OutgoingEmailCredentialsRule)
from cmdlets.sharepoint.health.rule_outbound_email import OutboundEmailNotConfiguredRule

CRED_RULE = "OutgoingEmailCredentialsNotRetrievable"


def save_credentials(sess):
    ca = sess.central_admin_row()
    sess.update_mail_settings(ca["id"], "mail.contoso.com", "sp@contoso.com", "sp@contoso.com",
                              credentials=("CONTOSO\\smtp", "Smtp-Secret-1"))


def run_all_servers(sess):
    job = next(r for r in timerjobs.job_rows(sess)
               if r["name"] == "daily-all-sptimerservice-health-analysis-job")
    return timerjobs.run_job(sess, job)


def cred_item(sess):
    items = [i for i in reports.items(sess) if i.RuleName == CRED_RULE]
    assert len(items) <= 1
    return items[0] if items else None


def test_rule_definitions_are_created_once(farm3):
    s = farm3["WFE1"]
    defs = rules.definitions(s)
    names = [c.name for c, _ in defs]
    assert CRED_RULE in names and "OutboundEmailNotConfigured" in names
    cls, row = next(p for p in defs if p[0].name == CRED_RULE)
    assert row["title"] == RULE_NAME and row["scope"] == "All Servers"
    assert row["schedule"] == "Daily" and row["enabled"] == 1
    assert cls.category == "Configuration" and cls.error_level == "Error"
    assert len(rules.definitions(farm3["WFE2"])) == len(defs)  # not duplicated per host


def test_seed_scenario_missing_then_different_then_right_key(home, farm3):
    s1 = farm3["WFE1"]
    F.set_credential_key(home, "WFE1", "Key-A")
    save_credentials(s1)
    F.set_credential_key(home, "WFE2", "Key-A")
    assert run_all_servers(s1)["status"] == "Succeeded"
    item = cred_item(s1)
    assert item is not None and item.FailingServers == "WFE3"
    assert item.Title == RULE_NAME and item.Severity == "1 - Error"
    assert item.Category == "Configuration"
    assert SUMMARY in item.Explanation and CAUSE in item.Explanation
    assert "WFE3: The application credential key wasn't found" in item.Explanation
    assert "WFE1" not in item.Explanation.split("Failing servers:")[1]
    assert item.Remedy == RESOLUTION

    F.set_credential_key(home, "WFE3", "Key-B")  # a different passphrase
    run_all_servers(s1)
    item = cred_item(s1)
    assert item.FailingServers == "WFE3"
    assert "different application credential key" in item.Explanation
    assert "wasn't found" not in item.Explanation.split("Failing servers:")[1]

    F.set_credential_key(home, "WFE3", "Key-A")
    run_all_servers(s1)
    assert cred_item(s1) is None


def test_server_checks_itself_by_decrypting(home, farm3):
    s1, s3 = farm3["WFE1"], farm3["WFE3"]
    for h in ("WFE1", "WFE2", "WFE3"):
        F.set_credential_key(home, h, "Key-A")
    save_credentials(s1)
    run_all_servers(s3)
    assert cred_item(s3) is None
    # WFE3's key store changes behind the farm's back: its own run notices and republishes
    F.keystore_for(home).set("WFE3", "Key-Z")
    run_all_servers(s3)
    item = cred_item(s3)
    assert item.FailingServers == "WFE3" and "different application credential key" \
        in item.Explanation
    with s3.store.read() as tx:
        row = tx.one("SELECT basis, checked_by FROM health_results r JOIN servers s "
                     "ON s.id = r.server_id WHERE s.name = 'WFE3' AND r.rule_id = ?",
                     (OutgoingEmailCredentialsRule.rule_id(),))
    assert row == {"basis": "self", "checked_by": "WFE3"}
    # another host's run keeps WFE3's own finding: nothing it published has changed since
    run_all_servers(s1)
    assert cred_item(s1).FailingServers == "WFE3"


def test_credentials_saved_again_under_new_key_everywhere(home, farm3):
    s1 = farm3["WFE1"]
    for h in ("WFE1", "WFE2"):
        F.set_credential_key(home, h, "Key-A")
    save_credentials(s1)
    F.set_credential_key(home, "WFE3", "Key-B")
    run_all_servers(s1)
    assert cred_item(s1).FailingServers == "WFE3"
    for h in ("WFE1", "WFE2"):
        F.set_credential_key(home, h, "Key-B")
    run_all_servers(s1)
    assert cred_item(s1).FailingServers == "WFE1, WFE2, WFE3"  # the password is under Key-A
    save_credentials(s1)
    run_all_servers(s1)
    assert cred_item(s1) is None


def test_no_credentials_means_pass_and_removal_fails_again(home, farm3):
    s1 = farm3["WFE1"]
    run_all_servers(s1)
    assert cred_item(s1) is None  # anonymous mail: nothing to retrieve
    for h in ("WFE1", "WFE2", "WFE3"):
        F.set_credential_key(home, h, "Key-A")
    save_credentials(s1)
    run_all_servers(s1)
    assert cred_item(s1) is None
    F.remove_credential_key(home, "WFE2")
    run_all_servers(s1)
    assert cred_item(s1).FailingServers == "WFE2"


def test_servers_that_never_published_are_reported(home, farm3):
    s1 = farm3["WFE1"]
    F.set_credential_key(home, "WFE1", "Key-A")
    save_credentials(s1)
    with s1.store.write() as tx:  # a server that joined with an old build: nothing published
        tx.execute("UPDATE servers SET key_fingerprint = NULL, key_updated = NULL "
                   "WHERE name = 'WFE2'")
    run_all_servers(s1)
    item = cred_item(s1)
    assert item.FailingServers == "WFE2, WFE3"
    assert "WFE2: The application credential key wasn't found on this server: it has never " \
           "published" in item.Explanation


def test_server_leaving_the_farm_leaves_the_report(home, farm3):
    s1 = farm3["WFE1"]
    F.set_credential_key(home, "WFE1", "Key-A")
    F.set_credential_key(home, "WFE2", "Key-A")
    save_credentials(s1)
    run_all_servers(s1)
    assert cred_item(s1).FailingServers == "WFE3"
    F.disconnect_farm(home, "WFE3")
    run_all_servers(s1)
    assert cred_item(s1) is None


def test_disabled_rule_is_not_run(home, farm3):
    from cmdlets.sharepoint.health.ruleobjects import resolve_rules, set_definition
    s1 = farm3["WFE1"]
    F.set_credential_key(home, "WFE1", "Key-A")
    save_credentials(s1)
    rule = resolve_rules(s1, RULE_NAME)[0]  # by its title, too
    set_definition(s1, str(rule.Id), {"enabled": 0})
    run_all_servers(s1)
    assert cred_item(s1) is None
    set_definition(s1, str(rule.Id), {"enabled": 1})
    run_all_servers(s1)
    assert cred_item(s1) is not None


def test_outbound_email_not_configured_rule(home, farm3):
    s1 = farm3["WFE1"]
    job = next(r for r in timerjobs.job_rows(s1)
               if r["name"] == "daily-any-sptimerservice-health-analysis-job")
    timerjobs.run_job(s1, job)
    items = [i for i in reports.items(s1) if i.RuleName == "OutboundEmailNotConfigured"]
    assert len(items) == 1 and items[0].Severity == "2 - Warning"
    assert "SMPT" in items[0].Explanation and items[0].FailingServers == ""
    ca = s1.central_admin_row()
    s1.update_mail_settings(ca["id"], "mail.contoso.com", "a@contoso.com", "a@contoso.com")
    timerjobs.run_job(s1, job)
    assert not [i for i in reports.items(s1) if i.RuleName == "OutboundEmailNotConfigured"]


def test_a_failing_rule_is_reported_not_raised(home, farm3, monkeypatch):
    s1 = farm3["WFE1"]

    def boom(self, ctx):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(OutboundEmailNotConfiguredRule, "check_farm", boom)
    job = next(r for r in timerjobs.job_rows(s1)
               if r["name"] == "daily-any-sptimerservice-health-analysis-job")
    entry = timerjobs.run_job(s1, job)
    assert entry["status"] == "Failed" and "disk on fire" in entry["error_message"]
    item = [i for i in reports.items(s1) if i.RuleName == "OutboundEmailNotConfigured"][0]
    assert item.Severity == "0 - Rule Execution Failure"


def test_progress_is_reported_per_server(home, farm3):
    s1 = farm3["WFE1"]
    seen = []
    sel = evaluate.select_rules(s1, schedule="Daily", scope="All Servers")
    evaluate.run_rules(s1, sel, progress=lambda d, t, n: seen.append((d, t)))
    assert seen[-1] == (3, 3) and [d for d, _ in seen] == sorted(d for d, _ in seen)


class _Runtime:
    def __init__(self):
        self.progress, self.output, self.errors, self.verbose = [], [], [], []
        self.stopping = False

    def write_progress(self, activity, status, percent, completed, activity_id, *rest):
        self.progress.append((activity, status, percent, completed))

    def write_object(self, obj, enumerate_collection=False):
        self.output.append(obj)

    def write_error(self, record):
        self.errors.append(record)

    def write_verbose(self, m):
        self.verbose.append(m)

    def write_warning(self, m):
        self.errors.append(m)

    def should_process(self, target, action):
        return True


@pytest.mark.parametrize("servers,expect_progress", [(3, False), (25, True)])
def test_start_timer_job_writes_progress_for_many_servers(home, db, servers, expect_progress):
    from types import SimpleNamespace
    from cmdlets.sharepoint.health.cmdlets import StartSPTimerJob
    F.create_farm(home, "APP00", db.server, db.name, "pp")
    for i in range(1, servers):
        F.connect_farm(home, f"APP{i:02d}", db.server, db.name, "pp")
    cmd = StartSPTimerJob()
    cmd.context = SimpleNamespace(computer_name="APP00", home=home)
    cmd.bound = {"Identity": "daily-all-sptimerservice-health-analysis-job"}
    cmd.parameter_set_name = "__AllParameterSets"
    cmd.runtime = _Runtime()
    cmd.Identity = "daily-all-sptimerservice-health-analysis-job"
    cmd.begin()
    cmd.process()
    prog = cmd.runtime.progress
    assert bool(prog) == expect_progress
    if expect_progress:
        title = "Health Analysis Job (Daily, Microsoft SharePoint Foundation Timer, All Servers)"
        assert all(p[0] == title for p in prog)
        assert prog[-2][2] == 100 and f"Checked {servers} of {servers} servers" in prog[-2][1]
        assert prog[-1][3] is True  # completed
        percents = [p[2] for p in prog[:-1]]
        assert percents == sorted(percents) and len(percents) > 5
    assert f"the timer service of {servers - 1} other server(s)" in cmd.runtime.verbose[-1]


def test_rule_definition_schedule_and_scope_choose_the_job(home, farm3):
    from cmdlets.sharepoint.health.ruleobjects import resolve_rules
    from spshell.runtime.errors import ArgumentException
    s1 = farm3["WFE1"]
    F.set_credential_key(home, "WFE1", "Key-A")
    save_credentials(s1)
    rule = resolve_rules(s1, CRED_RULE)[0]
    rule.Schedule = "Hourly"
    rule.Scope = "AnyServer"
    with pytest.raises(ArgumentException):
        rule.Schedule = "Fortnightly"
    rule.Update()
    assert (rule.Schedule, rule.Scope, rule.Version) == ("Hourly", "Any Server", 2)
    run_all_servers(s1)  # the daily job no longer runs it
    assert cred_item(s1) is None
    job = next(r for r in timerjobs.job_rows(s1)
               if r["name"] == "hourly-any-sptimerservice-health-analysis-job")
    timerjobs.run_job(s1, job)
    assert cred_item(s1).FailingServers == "WFE2, WFE3"  # still judged server by server
