"""The rule framework: what a health rule is, which rules a farm has, and the stored definitions.

A rule is one small module with a ``HealthRule`` subclass (see rule_outgoing_email.py):

    class MyRule(HealthRule):
        name = "MyRule"                       # Get-SPHealthAnalysisRule -Identity
        summary = "Something is wrong."       # the title shown in the lists
        explanation = "..."                   # why it matters
        cause = "..."                         # optional: what makes it fail
        remedy = "..."                        # what to do
        category = "Configuration"            # Security | Performance | Configuration |
                                              # Availability | Custom
        error_level = "Error"                 # Error | Warning | Information
        scope = "All Servers"                 # or "Any Server"
        schedule = "Daily"                    # Hourly | Daily | Weekly | Monthly | OnDemandOnly
        def check_server(self, ctx): ...      # All Servers: this host checks itself
        def check_peer(self, ctx, server): ...   # optional: judge another server by what it
                                                 # published (or None to leave it alone);
                                                 # without it, servers are judged only by
                                                 # their own runs
        def check_farm(self, ctx): ...        # Any Server rules

Built-in rules are listed in BUILTIN_RULES; other packages add rules through the entry-point
group ``spshell.health_rules`` (each entry point names a HealthRule subclass), the way SharePoint
registers a rule assembly. Entry points are read only when rules are needed, never at start-up.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from spshell.cmdlet import load_object

CATEGORIES = ("Security", "Performance", "Configuration", "Availability", "Custom", "System")
ERROR_LEVELS = {"RuleExecutionFailure": 0, "Error": 1, "Warning": 2, "Information": 3,
                "Success": 4}
SCHEDULES = ("Hourly", "Daily", "Weekly", "Monthly", "OnDemandOnly")
SCOPES = ("All Servers", "Any Server")
ALL_SERVERS, ANY_SERVER = SCOPES

BUILTIN_RULES = (
    "cmdlets.sharepoint.health.rule_outgoing_email:OutgoingEmailCredentialsRule",
    "cmdlets.sharepoint.health.rule_outbound_email:OutboundEmailNotConfiguredRule",
    # SharePoint's own rules that published scripts manage by name
    "cmdlets.sharepoint.health.rule_farm_account:FarmAccountSharedRule",
    "cmdlets.sharepoint.health.rule_builtin_accounts:BuiltInAccountsRule",
    "cmdlets.sharepoint.health.rule_admin_accounts:AdminAccountsRule",
    "cmdlets.sharepoint.health.rule_databases_on_app_servers:DatabasesOnAppServersRule",
    "cmdlets.sharepoint.health.rule_database_unused_space:DatabaseUnusedSpaceRule",
    "cmdlets.sharepoint.health.rule_drive_space:DriveSpaceRule",
)
ENTRY_POINT_GROUP = "spshell.health_rules"
_RULE_NS = uuid.UUID("6f0d3c52-8a44-4a55-9d1e-2b8f3e7c1a90")


@dataclass
class Finding:
    """One server's (or the farm's) result. ``reason`` is a short code, ``detail`` the sentence
    the report shows for it; ``inputs`` a digest of the published facts it was judged from."""
    passed: bool
    reason: str = ""
    detail: str = ""
    inputs: str = ""


@dataclass
class RuleContext:
    """What a rule sees during one run on one host."""
    session: object                      # cmdlets.sharepoint.farm.FarmSession
    local_server: dict                   # this host's servers row
    servers: list = field(default_factory=list)
    web_applications: list = field(default_factory=list)   # rows, Central Administration first
    cache: dict = field(default_factory=dict)              # per-run memo shared by rules

    @property
    def host(self):
        return self.session.host


class HealthRule:
    name = ""
    summary = ""
    explanation = ""
    cause = ""  # SharePoint's "Cause" paragraph, shown after the explanation in a report
    remedy = ""
    category = "Custom"
    error_level = "Error"
    scope = ANY_SERVER
    schedule = "Daily"
    service = "SPTimerService"
    repair_automatically = False
    can_repair = False

    @classmethod
    def rule_id(cls) -> str:
        return str(uuid.uuid5(_RULE_NS, cls.name.lower()))

    # All Servers rules
    def check_server(self, ctx: RuleContext) -> Finding:
        return Finding(True)

    def check_peer(self, ctx: RuleContext, server: dict):
        return None

    # Any Server rules
    def check_farm(self, ctx: RuleContext) -> Finding:
        return Finding(True)

    # report texts
    def report_explanation(self, failing: list) -> str:
        """failing: [(server name, Finding)] ('' for the farm): the explanation, the cause when
        the rule has one, then what each failing server (or the farm) was found to have."""
        lines = [self.explanation]
        if self.cause:
            lines += ["", self.cause]
        details = [f"{name}: {f.detail}" if name else f.detail for name, f in failing if f.detail]
        if details:
            lines.append("")
            lines.extend(details)
        return "\n".join(lines)

    def report_remedy(self, failing: list) -> str:
        return self.remedy


_rule_cache: list | None = None


def rule_classes() -> list:
    """Every known rule class: the built-ins, then those from entry points (names unique)."""
    global _rule_cache
    if _rule_cache is not None:
        return _rule_cache
    found, seen = [], set()
    for ref in BUILTIN_RULES:
        cls = load_object(ref)
        found.append(cls)
        seen.add(cls.name.lower())
    try:
        from importlib.metadata import entry_points
        eps = entry_points(group=ENTRY_POINT_GROUP)
    except Exception:  # a broken distribution must not take the built-in rules down
        eps = ()
    for ep in eps:
        try:
            cls = ep.load()
        except Exception:
            continue
        if isinstance(cls, type) and issubclass(cls, HealthRule) and cls.name \
                and cls.name.lower() not in seen:
            found.append(cls)
            seen.add(cls.name.lower())
    _rule_cache = found
    return found


def reset_rule_cache() -> None:
    global _rule_cache
    _rule_cache = None


def rules_by_id() -> dict:
    return {cls.rule_id(): cls for cls in rule_classes()}


def sync_definitions(session) -> None:
    """Create the definition rows of rules this farm has not seen yet (first use, or a rule
    package installed later). Cheap when nothing is missing: one read."""
    from .schema import ensure
    from cmdlets.sharepoint.farm import now
    ensure(session)
    classes = rule_classes()
    with session.store.read() as tx:
        have = {r["id"] for r in tx.all("SELECT id FROM health_rules")}
    missing = [c for c in classes if c.rule_id() not in have]
    if not missing:
        return
    ts = now()
    with session.store.write() as tx:
        for c in missing:
            tx.execute("INSERT INTO health_rules (id, name, name_key, title, enabled, schedule, "
                       "scope, repair_automatically, version, created, modified, modified_by) "
                       "VALUES (?, ?, ?, ?, 1, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                       (c.rule_id(), c.name, c.name.lower(), c.summary, c.schedule, c.scope,
                        int(c.repair_automatically), ts, ts, session.host))


def definitions(session) -> list:
    """[(rule class, definition row)] for every rule the farm knows and the code provides."""
    sync_definitions(session)
    classes = rules_by_id()
    with session.store.read() as tx:
        rows = tx.all("SELECT * FROM health_rules ORDER BY name_key")
    return [(classes[r["id"]], r) for r in rows if r["id"] in classes]
