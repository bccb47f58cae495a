"""The Health Analyzer's tables in the farm store (component "health").

health_rules      the rule definitions list of Central Administration (one row per rule:
                  Enabled, Schedule, Scope, Repair Automatically, Version), created from the rule
                  classes the first time a farm sees them.
health_results    one row per (rule, server) -- server_id '' for farm-wide ("Any Server") rules --
                  written by the host that evaluated it. ``basis`` says whether the server checked
                  itself ('self') or was judged from what it published ('published'); ``inputs``
                  is a digest of the published facts the result was computed from, so a peer's
                  own check is kept for as long as those facts have not changed.
health_reports    the "Review problems and solutions" list: one item per failing rule.
timer_jobs        job definitions (farm-, service- or web-application-scoped).
timer_job_history HistoryEntries of every run on every server.
timer_job_requests "run now" requests waiting for another server's timer service.
"""
from __future__ import annotations

from cmdlets.sharepoint import store

store.register_migrations("health", [
    (1, [
        """CREATE TABLE health_rules (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            enabled INTEGER NOT NULL DEFAULT 1,
            schedule TEXT NOT NULL,
            scope TEXT NOT NULL,
            repair_automatically INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 1,
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            modified_by TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE health_results (
            rule_id TEXT NOT NULL,
            server_id TEXT NOT NULL,
            passed INTEGER NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            basis TEXT NOT NULL,
            inputs TEXT NOT NULL DEFAULT '',
            checked_by TEXT NOT NULL,
            checked TEXT NOT NULL,
            PRIMARY KEY (rule_id, server_id))""",
        """CREATE TABLE health_reports (
            id TEXT PRIMARY KEY,
            rule_id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            severity TEXT NOT NULL,
            category TEXT NOT NULL,
            explanation TEXT NOT NULL,
            remedy TEXT NOT NULL,
            failing_servers TEXT NOT NULL DEFAULT '',
            failing_services TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL)""",
        """CREATE TABLE timer_jobs (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            scope_id TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            type_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            service TEXT NOT NULL DEFAULT '',
            schedule TEXT NOT NULL,
            lock_type TEXT NOT NULL DEFAULT 'None',
            is_disabled INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,
            last_run TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (name_key, scope_id))""",
        """CREATE TABLE timer_job_history (
            id TEXT PRIMARY KEY,
            job_id TEXT NOT NULL,
            server_id TEXT NOT NULL,
            server_name TEXT NOT NULL,
            web_application TEXT NOT NULL DEFAULT '',
            start_time TEXT NOT NULL,
            end_time TEXT NOT NULL,
            status TEXT NOT NULL,
            error_message TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX timer_job_history_job ON timer_job_history (job_id, server_id, end_time)",
        """CREATE TABLE timer_job_requests (
            job_id TEXT NOT NULL,
            server_id TEXT NOT NULL,
            requested TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            PRIMARY KEY (job_id, server_id))""",
    ]),
])


def ensure(session) -> None:
    """Apply the health migrations to a farm opened before this module was imported."""
    session.store.migrate()
