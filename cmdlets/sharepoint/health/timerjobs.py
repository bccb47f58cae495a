"""Timer job definitions, their run history, and running a job on this host.

The farm has SharePoint's standard jobs that scripts name: the health analysis jobs (one per
schedule and scope, named ``<schedule>-<all|any>-sptimerservice-health-analysis-job`` and titled
``Health Analysis Job (<Schedule>, Microsoft SharePoint Foundation Timer, <All Servers|Any
Server>)``), ``job-delete-job-history`` (farm) and ``job-recycle-bin-cleanup`` (one per web
application). Definitions are created in the farm store the first time a farm is looked at, and
per web application as web applications appear.

Where a job runs: an "All Servers" job runs on every server (each server's timer service, or
RunNow on that server); other jobs run once per run for the farm or web application. RunNow /
Start-SPTimerJob runs the job on this host at once -- so a script sees the result when the call
returns -- and asks the timer service of every other server to run an "All Servers" job too.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from cmdlets.sharepoint.farm import now
from cmdlets.sharepoint.model import _parse_time, web_application

from . import evaluate, schedules
from .rules import ALL_SERVERS, ANY_SERVER
from .schema import ensure

NEVER = datetime(1, 1, 1)  # DateTime.MinValue: LastRunTime of a job that never ran
DAYS_TO_KEEP_HISTORY = 7

HEALTH_TYPE = "Microsoft.SharePoint.Administration.Health.SPHealthAnalyzerJobDefinition"
# [not verified] the .NET type names of the two housekeeping jobs
RECYCLE_TYPE = "Microsoft.SharePoint.Administration.SPRecycleBinCleanupJobDefinition"
HISTORY_TYPE = "Microsoft.SharePoint.Administration.SPDeleteJobHistoryJobDefinition"


@dataclass(frozen=True)
class JobSpec:
    name: str
    title: str
    type_name: str
    kind: str                 # "health" | "recycle-bin" | "delete-job-history"
    web_application: bool     # one job per web application
    schedule: str             # SPSchedule text
    all_servers: bool
    description: str
    health_schedule: str = ""
    lock_type: str = "None"


def _health_specs():
    windows = {"Hourly": "hourly between 0 and 59",
               "Daily": "daily between 00:00:00 and 06:00:00",
               "Weekly": "weekly between Sun 00:00:00 and Sun 06:00:00",
               "Monthly": "monthly between 1 00:00:00 and 1 06:00:00"}
    for sched, window in windows.items():
        for scope in (ALL_SERVERS, ANY_SERVER):
            word = "all" if scope == ALL_SERVERS else "any"
            yield JobSpec(
                name=f"{sched.lower()}-{word}-sptimerservice-health-analysis-job",
                title=f"Health Analysis Job ({sched}, Microsoft SharePoint Foundation Timer, "
                      f"{scope})",
                type_name=HEALTH_TYPE, kind="health", web_application=False, schedule=window,
                all_servers=scope == ALL_SERVERS,
                description=f"Runs the SharePoint Health Analyzer rules scheduled {sched.lower()}"
                            f" with scope {scope} on "
                            + ("every server of the farm." if scope == ALL_SERVERS
                               else "one server of the farm."),
                health_schedule=sched,
                lock_type="None" if scope == ALL_SERVERS else "Job")


SPECS = tuple(_health_specs()) + (
    JobSpec("job-delete-job-history", "Delete Job History", HISTORY_TYPE, "delete-job-history",
            False, "weekly at Sun 05:00:00", False,
            f"Deletes timer job history entries older than {DAYS_TO_KEEP_HISTORY} days.",
            lock_type="Job"),
    JobSpec("job-recycle-bin-cleanup", "Recycle Bin", RECYCLE_TYPE, "recycle-bin", True,
            "daily at 01:00:00", False,
            "Deletes recycle bin items of the web application that are older than its "
            "retention period.", lock_type="ContentDatabase"),
)
SPEC_BY_NAME = {s.name: s for s in SPECS}


def spec_for(name: str) -> JobSpec:
    return SPEC_BY_NAME[name]


# ---------------------------------------------------------------------------------- the store

def ensure_jobs(session) -> None:
    """Create missing job rows (new farm, new web application); drop rows of web applications
    that are gone. One read when nothing changed."""
    ensure(session)
    webapps = [w["id"] for w in session.web_applications(include_admin=True)]
    wanted = set()
    for spec in SPECS:
        for scope_id in (webapps if spec.web_application else [""]):
            wanted.add((spec.name, scope_id))
    with session.store.read() as tx:
        have = {(r["name_key"], r["scope_id"]) for r in
                tx.all("SELECT name_key, scope_id FROM timer_jobs")}
    missing, extra = wanted - have, {h for h in have if h[1] and h not in wanted}
    if not missing and not extra:
        return
    ts = now()
    with session.store.write() as tx:
        for name, scope_id in sorted(missing):
            spec = spec_for(name)
            tx.execute("INSERT INTO timer_jobs (id, name, name_key, scope_id, title, type_name, "
                       "kind, service, schedule, lock_type, is_disabled, created, version) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, 'SPTimerService', ?, ?, 0, ?, 1) "
                       "ON CONFLICT (name_key, scope_id) DO NOTHING",
                       (str(uuid.uuid4()), spec.name, spec.name, scope_id, spec.title,
                        spec.type_name, spec.kind, spec.schedule, spec.lock_type, ts))
        for name, scope_id in extra:
            ids = [r["id"] for r in tx.all("SELECT id FROM timer_jobs WHERE name_key = ? AND "
                                           "scope_id = ?", (name, scope_id))]
            for jid in ids:
                tx.execute("DELETE FROM timer_job_history WHERE job_id = ?", (jid,))
                tx.execute("DELETE FROM timer_job_requests WHERE job_id = ?", (jid,))
                tx.execute("DELETE FROM timer_jobs WHERE id = ?", (jid,))


def job_rows(session):
    ensure_jobs(session)
    with session.store.read() as tx:
        return tx.all("SELECT * FROM timer_jobs ORDER BY title, name_key, scope_id")


def job_row(session, job_id):
    with session.store.read() as tx:
        return tx.one("SELECT * FROM timer_jobs WHERE id = ?", (job_id,))


def make_job(session, row):
    cls = {"health": SPHealthAnalyzerJobDefinition, "recycle-bin": SPRecycleBinCleanupJob,
           "delete-job-history": SPDeleteJobHistoryJob}.get(row["kind"], SPJobDefinition)
    return cls(session, row)


# ---------------------------------------------------------------------------------- running

def _utc(text):
    t = _parse_time(text)
    if t is not None and t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t


def run_job(session, row, progress=None, requested_by=None) -> dict:
    """Run one job on this host now and record it in the history. Returns the history row."""
    spec = spec_for(row["name_key"])
    start = now()
    status, error = "Succeeded", ""
    webapp_name = ""
    try:
        if spec.kind == "health":
            selected = evaluate.select_rules(
                session, schedule=spec.health_schedule,
                scope=ALL_SERVERS if spec.all_servers else ANY_SERVER, service="SPTimerService")
            runs = evaluate.run_rules(session, selected, progress)
            broken = [r for r in runs if r.error]
            if broken:
                status = "Failed"
                error = "; ".join(f"{r.rule.summary} {r.error}" for r in broken)
        elif spec.kind == "delete-job-history":
            cutoff = (datetime.now(timezone.utc) - timedelta(days=DAYS_TO_KEEP_HISTORY))
            with session.store.write() as tx:
                tx.execute("DELETE FROM timer_job_history WHERE end_time < ?",
                           (cutoff.isoformat(timespec="seconds"),))
        elif spec.kind == "recycle-bin":
            # spshell's web applications hold no site content, so there is never an expired
            # recycle bin item to purge; the run is still recorded like any other.
            wa = session.webapp_row(row["scope_id"])
            webapp_name = wa["display_name"] if wa else ""
    except Exception as exc:
        status, error = "Failed", f"{type(exc).__name__}: {exc}"
    end = now()
    if spec.web_application and not webapp_name:
        wa = session.webapp_row(row["scope_id"])
        webapp_name = wa["display_name"] if wa else ""
    entry = {"id": str(uuid.uuid4()), "job_id": row["id"], "server_id": session.server_id,
             "server_name": session.host, "web_application": webapp_name, "start_time": start,
             "end_time": end, "status": status, "error_message": error}
    with session.store.write() as tx:
        tx.execute("INSERT INTO timer_job_history (id, job_id, server_id, server_name, "
                   "web_application, start_time, end_time, status, error_message) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", tuple(entry.values()))
        tx.execute("UPDATE timer_jobs SET last_run = ? WHERE id = ?", (start, row["id"]))
        tx.execute("DELETE FROM timer_job_requests WHERE job_id = ? AND server_id = ?",
                   (row["id"], session.server_id))
    return entry


def request_run(session, row) -> int:
    """Ask every other server's timer service to run an All Servers job. Returns how many."""
    spec = spec_for(row["name_key"])
    if not spec.all_servers:
        return 0
    ts = now()
    with session.store.write() as tx:
        others = [r["id"] for r in tx.all("SELECT id FROM servers WHERE id <> ?",
                                          (session.server_id,))]
        for sid in others:
            tx.execute("INSERT INTO timer_job_requests (job_id, server_id, requested, "
                       "requested_by) VALUES (?, ?, ?, ?) ON CONFLICT (job_id, server_id) "
                       "DO UPDATE SET requested = excluded.requested, "
                       "requested_by = excluded.requested_by",
                       (row["id"], sid, ts, session.host))
    return len(others)


def due_jobs(session, at=None):
    """Jobs this server's timer service should run now: requested ones, and those whose next
    scheduled time (after their last run -- on this server for All Servers jobs, anywhere
    otherwise) has come."""
    at = at or datetime.now(timezone.utc)
    rows = job_rows(session)
    with session.store.read() as tx:
        mine = {r["job_id"]: r["last"] for r in tx.all(
            "SELECT job_id, MAX(start_time) AS last FROM timer_job_history WHERE server_id = ? "
            "GROUP BY job_id", (session.server_id,))}
        requested = {r["job_id"] for r in tx.all(
            "SELECT job_id FROM timer_job_requests WHERE server_id = ?", (session.server_id,))}
    local = at.astimezone()
    due = []
    for row in rows:
        if row["is_disabled"]:
            continue
        if row["id"] in requested:
            due.append(row)
            continue
        spec = spec_for(row["name_key"])
        last = _utc(mine.get(row["id"]) if spec.all_servers else row["last_run"]) \
            or _utc(row["last_run"]) or _utc(row["created"])
        sched = schedules.parse(row["schedule"])
        if sched.next_after(last.astimezone()) <= local:
            due.append(row)
    return due


def claim(session, row, at=None) -> bool:
    """For a job that runs once per farm/web application: take it, unless another server started
    it since we looked (compare-and-set on last_run)."""
    if spec_for(row["name_key"]).all_servers:
        return True
    ts = (at or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    with session.store.write() as tx:
        cur = tx.one("SELECT last_run FROM timer_jobs WHERE id = ?", (row["id"],))
        if cur is None or cur["last_run"] != row["last_run"]:
            return False
        tx.execute("UPDATE timer_jobs SET last_run = ? WHERE id = ?", (ts, row["id"]))
    return True


# ---------------------------------------------------------------------------------- objects

class SPJobHistory:
    __ps_type__ = "Microsoft.SharePoint.Administration.SPJobHistory"
    __ps_type_names__ = (__ps_type__, "System.Object")
    __ps_view__ = "table"
    __ps_table_columns__ = [("ServerName", "ServerName"), ("StartTime", "StartTime"),
                            ("EndTime", "EndTime"), ("Status", "Status"),
                            ("JobDefinitionTitle", "JobDefinitionTitle")]

    def __init__(self, row, title):
        self._row = dict(row)
        self._title = title

    Id = property(lambda self: uuid.UUID(self._row["id"]))
    JobDefinitionId = property(lambda self: uuid.UUID(self._row["job_id"]))
    JobDefinitionTitle = property(lambda self: self._title)
    ServerName = property(lambda self: self._row["server_name"])
    ServerId = property(lambda self: uuid.UUID(self._row["server_id"]))
    WebApplicationName = property(lambda self: self._row["web_application"])
    StartTime = property(lambda self: _local(self._row["start_time"]))
    EndTime = property(lambda self: _local(self._row["end_time"]))
    Status = property(lambda self: self._row["status"])
    ErrorMessage = property(lambda self: self._row["error_message"] or None)

    def ToString(self):
        return f"{self._title} {self.Status}"


def _local(text):
    t = _utc(text)
    return t.astimezone().replace(tzinfo=None) if t is not None else NEVER


class SPJobDefinition:
    __ps_type__ = "Microsoft.SharePoint.Administration.SPJobDefinition"
    __ps_type_names__ = (__ps_type__, "Microsoft.SharePoint.Administration.SPPersistedObject",
                         "System.Object")
    __ps_default_display__ = ("Name", "Schedule", "LastRunTime")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Name", "Name", 32), ("Schedule", "Schedule", 32),
                            ("Last Run", "LastRunTime")]

    def __init__(self, session, row):
        self._s = session
        self._row = dict(row)
        self._dirty = {}

    @property
    def _spec(self):
        return spec_for(self._row["name_key"])

    Id = property(lambda self: uuid.UUID(self._row["id"]))
    Name = property(lambda self: self._row["name"])
    Title = property(lambda self: self._row["title"])
    DisplayName = property(lambda self: self._row["title"])
    TypeName = property(lambda self: self._row["type_name"])
    Description = property(lambda self: self._spec.description)
    LockType = property(lambda self: self._row["lock_type"])
    Version = property(lambda self: int(self._row["version"]))
    Status = property(lambda self: "Online")

    @property
    def Schedule(self):
        return schedules.parse(self._dirty.get("schedule", self._row["schedule"]))

    @Schedule.setter
    def Schedule(self, value):
        sched = value if isinstance(value, schedules.SPSchedule) else schedules.parse(str(value))
        self._dirty["schedule"] = str(sched)

    @property
    def IsDisabled(self):
        return bool(self._dirty.get("is_disabled", self._row["is_disabled"]))

    @IsDisabled.setter
    def IsDisabled(self, value):
        self._dirty["is_disabled"] = int(bool(value))

    @property
    def LastRunTime(self):
        return _local(self._row.get("last_run"))

    @property
    def WebApplication(self):
        if not self._row["scope_id"]:
            return None
        wa = self._s.webapp_row(self._row["scope_id"])
        return web_application(self._s, wa) if wa else None

    @property
    def Server(self):
        return None  # no standard job is bound to a single server

    @property
    def Service(self):
        return "SPTimerService"

    @property
    def HistoryEntries(self):
        with self._s.store.read() as tx:
            rows = tx.all("SELECT * FROM timer_job_history WHERE job_id = ? "
                          "ORDER BY start_time DESC, end_time DESC", (self._row["id"],))
        return [SPJobHistory(r, self.Title) for r in rows]

    def RunNow(self, *args):
        run_job(self._s, self._row)
        request_run(self._s, self._row)
        self.Refresh()

    def Refresh(self, *args):
        self._row = job_row(self._s, self._row["id"]) or self._row

    def Update(self, *args):
        if self._dirty:
            sets = ", ".join(f"{k} = ?" for k in self._dirty)
            with self._s.store.write() as tx:
                tx.execute(f"UPDATE timer_jobs SET {sets}, version = version + 1 WHERE id = ?",
                           (*self._dirty.values(), self._row["id"]))
            self._dirty = {}
        self.Refresh()

    def ToString(self):
        return self.Name

    def __str__(self):
        return self.Name

    def __repr__(self):
        return f"<{type(self).__name__} {self.Name!r}>"


class SPHealthAnalyzerJobDefinition(SPJobDefinition):
    __ps_type__ = HEALTH_TYPE
    __ps_type_names__ = (HEALTH_TYPE, "Microsoft.SharePoint.Administration.SPServiceJobDefinition",
                         SPJobDefinition.__ps_type__,
                         "Microsoft.SharePoint.Administration.SPPersistedObject", "System.Object")

    @property
    def Scope(self):
        return ALL_SERVERS if self._spec.all_servers else ANY_SERVER

    @property
    def HealthSchedule(self):
        return self._spec.health_schedule


class SPRecycleBinCleanupJob(SPJobDefinition):
    __ps_type__ = RECYCLE_TYPE
    __ps_type_names__ = (RECYCLE_TYPE, SPJobDefinition.__ps_type__,
                         "Microsoft.SharePoint.Administration.SPPersistedObject", "System.Object")


class SPDeleteJobHistoryJob(SPJobDefinition):
    __ps_type__ = HISTORY_TYPE
    __ps_type_names__ = (HISTORY_TYPE, SPJobDefinition.__ps_type__,
                         "Microsoft.SharePoint.Administration.SPPersistedObject", "System.Object")

    @property
    def DaysToKeepHistory(self):
        return DAYS_TO_KEEP_HISTORY


__all__ = ["SPJobDefinition", "SPJobHistory", "ensure_jobs", "job_rows", "make_job",
           "run_job", "request_run", "spec_for", "due_jobs", "claim", "SPECS"]
