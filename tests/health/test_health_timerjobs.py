"""Schedules, job definitions and when the timer service considers a job due."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint.health import schedules, timerjobs
from spshell.runtime.errors import ArgumentException


@pytest.mark.parametrize("text,after,expected", [
    ("every 5 minutes between 0 and 59", datetime(2026, 3, 1, 10, 7, 30),
     datetime(2026, 3, 1, 10, 10)),
    ("every 5 minutes between 0 and 59", datetime(2026, 3, 1, 10, 58),
     datetime(2026, 3, 1, 11, 0)),
    ("hourly between 15 and 30", datetime(2026, 3, 1, 10, 20), datetime(2026, 3, 1, 11, 15)),
    ("hourly at 15", datetime(2026, 3, 1, 10, 5), datetime(2026, 3, 1, 10, 15)),
    ("daily at 02:00:00", datetime(2026, 3, 1, 10, 0), datetime(2026, 3, 2, 2, 0)),
    ("daily between 22:00:00 and 06:00:00", datetime(2026, 3, 1, 21, 0),
     datetime(2026, 3, 1, 22, 0)),
    ("weekly at Sun 02:00:00", datetime(2026, 3, 2, 0, 0), datetime(2026, 3, 8, 2, 0)),
    ("weekly between Sat 22:00:00 and Sun 06:00:00", datetime(2026, 3, 7, 23, 0),
     datetime(2026, 3, 14, 22, 0)),
    ("monthly at 31 03:00:00", datetime(2026, 2, 1), datetime(2026, 2, 28, 3, 0)),
    ("monthly between 1 00:00:00 and 1 06:00:00", datetime(2026, 12, 5),
     datetime(2027, 1, 1, 0, 0)),
])
def test_schedule_next_occurrence_and_round_trip(text, after, expected):
    s = schedules.parse(text)
    assert s.next_after(after) == expected
    assert schedules.parse(str(s)) == s
    assert str(schedules.parse(text.upper())) == str(s)


@pytest.mark.parametrize("bad", ["", "sometimes", "daily at 25:00:00", "weekly at Xyz 01:00:00",
                                 "hourly between 0 and 99"])
def test_bad_schedules_are_argument_errors(bad):
    with pytest.raises(ArgumentException) as e:
        schedules.parse(bad)
    assert "is not in a valid format" in str(e.value)


def test_standard_jobs_and_web_application_scope(home, db):
    s = F.create_farm(home, "APP1", db.server, db.name, "pp")
    rows = timerjobs.job_rows(s)
    names = sorted(r["name"] for r in rows)
    assert names.count("job-recycle-bin-cleanup") == 1  # Central Administration's
    assert len([n for n in names if n.endswith("-health-analysis-job")]) == 8
    s.create_web_application(name="Contoso", application_pool="Pool", account="D\\wa",
                             url="http://www.contoso.com")
    rows = timerjobs.job_rows(s)
    assert [r["name"] for r in rows].count("job-recycle-bin-cleanup") == 2
    assert len(timerjobs.job_rows(s)) == len(rows)  # idempotent


def test_due_jobs_follow_schedule_requests_and_claims(home, db):
    s1 = F.create_farm(home, "APP1", db.server, db.name, "pp")
    s2 = F.connect_farm(home, "APP2", db.server, db.name, "pp")
    rows = {r["name"]: r for r in timerjobs.job_rows(s1)}
    now = datetime.now(timezone.utc)
    # a new hourly job first runs at the next hour, not at once
    assert "hourly-all-sptimerservice-health-analysis-job" not in \
        {r["name"] for r in timerjobs.due_jobs(s1, now)}
    soon = now + timedelta(hours=1, minutes=1)
    due = {r["name"] for r in timerjobs.due_jobs(s1, soon)}
    assert "hourly-all-sptimerservice-health-analysis-job" in due
    assert "hourly-any-sptimerservice-health-analysis-job" in due

    # an Any Server job: once one server claimed it, the other sees it as not due
    any_row = rows["hourly-any-sptimerservice-health-analysis-job"]
    assert timerjobs.claim(s1, any_row, soon)
    assert not timerjobs.claim(s2, any_row, soon)  # its snapshot of last_run is stale
    due2 = {r["name"] for r in timerjobs.due_jobs(s2, soon)}
    assert "hourly-any-sptimerservice-health-analysis-job" not in due2
    assert "hourly-all-sptimerservice-health-analysis-job" in due2  # every server runs it

    # RunNow on APP1 asks APP2: due at once for APP2, and done once it ran
    all_row = rows["daily-all-sptimerservice-health-analysis-job"]
    timerjobs.run_job(s1, all_row)
    assert timerjobs.request_run(s1, all_row) == 1
    assert all_row["id"] in {r["id"] for r in timerjobs.due_jobs(s2, now)}
    assert all_row["id"] not in {r["id"] for r in timerjobs.due_jobs(s1, now)}
    timerjobs.run_job(s2, all_row)
    assert all_row["id"] not in {r["id"] for r in timerjobs.due_jobs(s2, now)}

    # a disabled job is never due
    job = timerjobs.make_job(s1, rows["hourly-all-sptimerservice-health-analysis-job"])
    job.IsDisabled = True
    job.Update()
    assert "hourly-all-sptimerservice-health-analysis-job" not in \
        {r["name"] for r in timerjobs.due_jobs(s1, soon)}


def test_delete_job_history_keeps_recent_entries(home, db):
    s = F.create_farm(home, "APP1", db.server, db.name, "pp")
    rows = {r["name"]: r for r in timerjobs.job_rows(s)}
    timerjobs.run_job(s, rows["job-recycle-bin-cleanup"])
    old = (datetime.now(timezone.utc) - timedelta(days=30)).isoformat(timespec="seconds")
    with s.store.write() as tx:
        tx.execute("INSERT INTO timer_job_history (id, job_id, server_id, server_name, "
                   "web_application, start_time, end_time, status, error_message) "
                   "VALUES ('old', ?, ?, 'APP1', '', ?, ?, 'Succeeded', '')",
                   (rows["job-recycle-bin-cleanup"]["id"], s.server_id, old, old))
    job = timerjobs.make_job(s, rows["job-recycle-bin-cleanup"])
    assert len(job.HistoryEntries) == 2
    timerjobs.run_job(s, rows["job-delete-job-history"])
    assert [h.ServerName for h in job.HistoryEntries] == ["APP1"]
    assert job.HistoryEntries[0].WebApplicationName == "SharePoint Central Administration v4"
