"""The "Review problems and solutions" list of Central Administration: one item per failing rule,
with the columns SharePoint's Health Reports list has (Severity, Category, Title, Explanation,
Remedy, Failing Servers, Failing Services, Modified). A run that finds the rule passing removes
its item; Clear-SPHealthReport removes items by hand (the next failing run brings them back).
"""
from __future__ import annotations

import uuid

from cmdlets.sharepoint.farm import now
from cmdlets.sharepoint.model import _parse_time

from .rules import ERROR_LEVELS

SERVICE_LABELS = {"sptimerservice": "SPTimerService (SPTimerV4)"}


def severity_text(level: str) -> str:
    n = ERROR_LEVELS.get(level, 1)
    words = {0: "Rule Execution Failure"}.get(n, level)
    return f"{n} - {words}"


def update_item(tx, rule, row, failing, ts, farm_wide=False):
    """Create, refresh or delete the report item of one rule inside the caller's transaction."""
    if not failing:
        tx.execute("DELETE FROM health_reports WHERE rule_id = ?", (row["id"],))
        return
    servers = "" if farm_wide else ", ".join(name for name, _ in failing)
    _upsert(tx, row["id"], title=row.get("title") or rule.summary,
            severity=severity_text(rule.error_level), category=rule.category,
            explanation=rule.report_explanation(failing), remedy=rule.report_remedy(failing),
            failing_servers=servers,
            failing_services=SERVICE_LABELS.get(rule.service.lower(), rule.service), ts=ts)


def record_execution_failure(session, rule, row, message):
    ts = now()
    with session.store.write() as tx:
        _upsert(tx, row["id"], title=row.get("title") or rule.summary,
                severity=severity_text("RuleExecutionFailure"), category=rule.category,
                explanation=f"The rule could not be run on {session.host}: {message}",
                remedy="Review the rule's definition and run it again.",
                failing_servers=session.host,
                failing_services=SERVICE_LABELS.get(rule.service.lower(), rule.service), ts=ts)


def _upsert(tx, rule_id, *, title, severity, category, explanation, remedy, failing_servers,
            failing_services, ts):
    tx.execute("INSERT INTO health_reports (id, rule_id, title, severity, category, explanation, "
               "remedy, failing_servers, failing_services, created, modified) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule_id) DO UPDATE SET "
               "title = excluded.title, severity = excluded.severity, "
               "category = excluded.category, explanation = excluded.explanation, "
               "remedy = excluded.remedy, failing_servers = excluded.failing_servers, "
               "failing_services = excluded.failing_services, modified = excluded.modified",
               (str(uuid.uuid4()), rule_id, title, severity, category, explanation, remedy,
                failing_servers, failing_services, ts, ts))


def items(session):
    from .schema import ensure
    ensure(session)
    with session.store.read() as tx:
        rows = tx.all("SELECT r.*, d.name AS rule_name FROM health_reports r "
                      "LEFT JOIN health_rules d ON d.id = r.rule_id "
                      "ORDER BY r.severity, r.category, r.title")
    return [SPHealthReportItem(r) for r in rows]


def delete_items(session, ids) -> int:
    with session.store.write() as tx:
        n = 0
        for i in ids:
            tx.execute("DELETE FROM health_reports WHERE id = ?", (i,))
            n += max(tx.rowcount, 0)
    return n


class SPHealthReportItem:
    """One item of the Health Reports list."""
    __ps_type__ = "Microsoft.SharePoint.Administration.Health.SPHealthReportItem"
    __ps_type_names__ = (__ps_type__, "System.Object")
    __ps_default_display__ = ("Severity", "Category", "Title", "FailingServers", "Modified")
    __ps_view__ = "list"
    __ps_list_properties__ = [("Severity", "Severity"), ("Category", "Category"),
                              ("Title", "Title"), ("Explanation", "Explanation"),
                              ("Remedy", "Remedy"), ("Failing Servers", "FailingServers"),
                              ("Failing Services", "FailingServices"),
                              ("Modified", "Modified")]

    def __init__(self, row):
        self._row = dict(row)

    @property
    def Id(self):
        return uuid.UUID(self._row["id"])

    @property
    def Title(self):
        return self._row["title"]

    @property
    def Severity(self):
        return self._row["severity"]

    @property
    def Category(self):
        return self._row["category"]

    @property
    def Explanation(self):
        return self._row["explanation"]

    @property
    def Remedy(self):
        return self._row["remedy"]

    @property
    def FailingServers(self):
        return self._row["failing_servers"]

    @property
    def FailingServices(self):
        return self._row["failing_services"]

    @property
    def RuleName(self):
        return self._row.get("rule_name") or ""

    @property
    def RuleId(self):
        return uuid.UUID(self._row["rule_id"])

    @property
    def Created(self):
        return _local(self._row["created"])

    @property
    def Modified(self):
        return _local(self._row["modified"])

    def ToString(self):
        return self.Title

    def __str__(self):
        return self.Title

    def __repr__(self):
        return f"<SPHealthReportItem {self.Title!r}>"


def _local(text):
    """Stored UTC times shown in local time, as a .NET DateTime of kind Local would be."""
    t = _parse_time(text)
    return t.astimezone().replace(tzinfo=None) if t is not None else None
