"""SPHealthAnalysisRuleInstance: a rule with its farm definition (Get-SPHealthAnalysisRule)."""
from __future__ import annotations

import uuid

from cmdlets.sharepoint.errors import SPCmdletPipeBindException, raise_error
from cmdlets.sharepoint.farm import now
from spshell.runtime.errors import ArgumentException, ErrorRecord

from .reports import _local
from .rules import SCHEDULES, SCOPES, definitions

# [not verified] same pattern as the farm module's "Cannot find an SP... object" messages
RULE_NOT_FOUND = "Cannot find an SPHealthAnalysisRule object with Name or Id: {0}."


class SPHealthAnalysisRuleInstance:
    __ps_type__ = "Microsoft.SharePoint.PowerShell.SPHealthAnalysisRuleInstance"
    __ps_type_names__ = (__ps_type__, "System.Object")
    __ps_default_display__ = ("Name", "Enabled", "Summary")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Name", "Name"), ("Enabled", "Enabled"), ("Summary", "Summary")]

    def __init__(self, session, cls, row):
        self._s = session
        self._cls = cls
        self._row = dict(row)
        self._dirty = {}

    Name = property(lambda self: self._row["name"])
    Id = property(lambda self: uuid.UUID(self._row["id"]))
    Summary = property(lambda self: self._cls.summary)
    Title = property(lambda self: self._row["title"])
    Explanation = property(lambda self: self._cls.explanation)
    Remedy = property(lambda self: self._cls.remedy)
    Category = property(lambda self: self._cls.category)
    ErrorLevel = property(lambda self: self._cls.error_level)
    Version = property(lambda self: int(self._row["version"]))
    Created = property(lambda self: _local(self._row["created"]))
    Modified = property(lambda self: _local(self._row["modified"]))
    ModifiedBy = property(lambda self: self._row["modified_by"])
    CanRepair = property(lambda self: bool(self._cls.can_repair))

    def _get(self, col):
        return self._dirty.get(col, self._row[col])

    @property
    def Enabled(self):
        return bool(self._get("enabled"))

    @Enabled.setter
    def Enabled(self, value):
        self._dirty["enabled"] = int(bool(value))

    @property
    def Scope(self):
        return self._get("scope")

    @Scope.setter
    def Scope(self, value):
        self._dirty["scope"] = _choice(value, SCOPES, "Scope")

    @property
    def Schedule(self):
        return self._get("schedule")

    @Schedule.setter
    def Schedule(self, value):
        self._dirty["schedule"] = _choice(value, SCHEDULES, "Schedule")

    @property
    def RepairAutomatically(self):
        return bool(self._get("repair_automatically"))

    @RepairAutomatically.setter
    def RepairAutomatically(self, value):
        self._dirty["repair_automatically"] = int(bool(value))

    def Update(self, *args):
        if self._dirty:
            set_definition(self._s, self._row["id"], self._dirty)
            self._dirty = {}
        self.Refresh()

    def Refresh(self, *args):
        with self._s.store.read() as tx:
            row = tx.one("SELECT * FROM health_rules WHERE id = ?", (self._row["id"],))
        if row:
            self._row = row

    def ToString(self):
        return self.Name

    def __str__(self):
        return self.Name

    def __repr__(self):
        return f"<SPHealthAnalysisRuleInstance {self.Name!r}>"


def _choice(value, allowed, what):
    text = str(value).strip()
    for a in allowed:
        if a.lower() == text.lower() or a.replace(" ", "").lower() == text.lower():
            return a
    exc = ArgumentException(f"'{text}' is not a valid {what}. Valid values: "
                            + ", ".join(allowed) + ".")
    ErrorRecord(exc, "InvalidArgument", "InvalidArgument", text)
    raise exc


def set_definition(session, rule_id, changes: dict):
    sets = ", ".join(f"{k} = ?" for k in changes)
    with session.store.write() as tx:
        tx.execute(f"UPDATE health_rules SET {sets}, version = version + 1, modified = ?, "
                   f"modified_by = ? WHERE id = ?",
                   (*changes.values(), now(), session.host, rule_id))


def all_rules(session):
    return [SPHealthAnalysisRuleInstance(session, cls, row) for cls, row in definitions(session)]


def resolve_rules(session, identity):
    """SPHealthAnalysisRuleInstancePipeBind: an instance, a GUID, a rule name (or its title)."""
    value = identity
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if hasattr(value, "Value") and type(value).__name__.endswith("PipeBind"):
        value = value.Value
    rules = all_rules(session)
    if isinstance(value, SPHealthAnalysisRuleInstance):
        value = str(value.Id)
    text = "" if value is None else str(value).strip()
    low = text.lower()
    found = [r for r in rules if low and (r.Name.lower() == low or str(r.Id) == low
                                          or r.Title.lower() == low
                                          or r.Summary.lower() == low)]
    if not found:
        raise_error(SPCmdletPipeBindException, RULE_NOT_FOUND.format(text),
                    "Microsoft.SharePoint.PowerShell.SPCmdletGetHealthAnalysisRule",
                    "InvalidData", text)
    return found
