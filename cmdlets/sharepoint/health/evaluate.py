"""Running rules on this host and recording what they found.

An "All Servers" rule: this host checks itself (``basis`` 'self'), then judges every other server
from what that server published ('published') -- unless the other server's own check is on record
and the published facts it was made from have not changed since, because a server's look at its
own key is better evidence than its fingerprint. An "Any Server" rule is one farm-wide result.
All results of one rule are written in one transaction, together with its report item, so the
"Review problems and solutions" list never shows a half-written run.

Cost: two reads (servers, web applications) per run, one read and one write transaction per rule;
linear in the number of servers.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field

from cmdlets.sharepoint.farm import now

from . import reports
from .rules import ALL_SERVERS, Finding, HealthRule, RuleContext, definitions

PROGRESS_EVERY = 0.02  # report progress every 2% of the servers

_UPSERT = ("INSERT INTO health_results (rule_id, server_id, passed, reason, detail, basis, "
           "inputs, checked_by, checked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
           "ON CONFLICT (rule_id, server_id) DO UPDATE SET passed = excluded.passed, "
           "reason = excluded.reason, detail = excluded.detail, basis = excluded.basis, "
           "inputs = excluded.inputs, checked_by = excluded.checked_by, "
           "checked = excluded.checked")


# A peer's own check is never replaced by a judgement from the facts it was made from, even if
# the peer wrote it after this run read the results (two servers running the job at once).
_UPSERT_PUBLISHED = _UPSERT + (" WHERE NOT (health_results.basis = 'self' AND "
                               "health_results.inputs = excluded.inputs)")


@dataclass
class RuleRun:
    rule: object
    failing: list = field(default_factory=list)   # [(server name, Finding)]
    checked: int = 0
    error: str = ""

    @property
    def passed(self):
        return not self.failing and not self.error


def build_context(session) -> RuleContext:
    with session.store.read() as tx:  # only the columns rules use: big farms read less
        servers = tx.all("SELECT id, name, name_key, address, role, status, key_fingerprint, "
                         "key_updated FROM servers ORDER BY name_key")
    me = next((s for s in servers if s["id"] == session.server_id), None)
    if me is None:  # the farm no longer lists this host: it still checks itself
        me = {"id": session.server_id, "name": session.host, "key_fingerprint": None}
    return RuleContext(session=session, local_server=me, servers=servers,
                       web_applications=session.web_applications(include_admin=True))


def select_rules(session, schedule=None, scope=None, service=None, enabled_only=True,
                 rule_ids=None):
    """Definitions matching a timer job's schedule/scope/service (or the given ids)."""
    out = []
    for cls, row in definitions(session):
        if enabled_only and not row["enabled"]:
            continue
        if rule_ids is not None and row["id"] not in rule_ids:
            continue
        if schedule is not None and row["schedule"].lower() != schedule.lower():
            continue
        if scope is not None and row["scope"].lower() != scope.lower():
            continue
        if service is not None and cls.service.lower() != service.lower():
            continue
        out.append((cls, row))
    return out


def run_rules(session, selected, progress=None) -> list:
    """Run the selected (class, definition row) pairs on this host. ``progress(done, total,
    text)`` is called as servers are judged. Returns a RuleRun per rule."""
    if not selected:
        return []
    ctx = build_context(session)
    runs = []
    # A run allocates a few objects per server; the cyclic GC would rescan them all again and
    # again and make big farms superlinear. Nothing here creates cycles.
    paused = gc.isenabled()
    gc.disable()
    try:
        _run_selected(session, ctx, selected, progress, runs)
    finally:
        if paused:
            gc.enable()
    return runs


def _run_selected(session, ctx, selected, progress, runs):
    for cls, row in selected:
        rule = cls()
        try:
            # the rule's own kind decides how it is evaluated; its definition's scope only
            # decides which job (All Servers / Any Server) runs it
            if rule.scope == ALL_SERVERS:
                runs.append(_run_all_servers(session, ctx, rule, row, progress))
            else:
                runs.append(_run_farm(session, ctx, rule, row))
        except Exception as exc:  # a broken rule is reported; the other rules still run
            run = RuleRun(rule, error=f"{type(exc).__name__}: {exc}")
            reports.record_execution_failure(session, rule, row, run.error)
            runs.append(run)


def _stored(old):
    return Finding(bool(old["passed"]), old["reason"], old["detail"], old["inputs"])


def judges_peers(rule) -> bool:
    return type(rule).check_peer is not HealthRule.check_peer


def _run_all_servers(session, ctx, rule, row, progress):
    rid = row["id"]
    ts = now()
    with session.store.read() as tx:
        existing = {r["server_id"]: r for r in tx.all(
            "SELECT server_id, basis, inputs, passed, reason, detail FROM health_results "
            "WHERE rule_id = ?", (rid,))}
    me = ctx.local_server["id"]
    mine = rule.check_server(ctx)
    writes = [(me, mine, "self")]
    total = len(ctx.servers)
    step = max(1, int(total * PROGRESS_EVERY))
    peer_inputs = getattr(rule, "peer_inputs", None)
    # A rule that cannot judge other servers (their disks, their local groups) has no per-server
    # work: it neither walks the servers nor reports progress for them.
    peers = ctx.servers if judges_peers(rule) else ()
    for i, server in enumerate(peers, 1):
        sid = server["id"]
        if sid != me:
            old = existing.get(sid)
            keep = old is not None and old["basis"] == "self" and peer_inputs is not None \
                and old["inputs"] == peer_inputs(ctx, server)
            if not keep:
                f = rule.check_peer(ctx, server)
                if f is not None:
                    old_same = old is not None and old["basis"] == "published" and \
                        old["inputs"] == f.inputs and bool(old["passed"]) == f.passed and \
                        old["detail"] == f.detail
                    if not old_same:  # unchanged rows are not rewritten: big farms stay cheap
                        writes.append((sid, f, "published"))
        if progress is not None and (i % step == 0 or i == total):
            progress(i, total, server["name"])
    names = {s["id"]: s["name"] for s in ctx.servers}
    with session.store.write() as tx:
        for sid, f, basis in writes:
            tx.execute(_UPSERT if basis == "self" else _UPSERT_PUBLISHED,
                       (rid, sid, int(f.passed), f.reason, f.detail, basis, f.inputs or "",
                        session.host, ts))
        for sid in [s for s in existing if s not in names]:  # servers that left the farm
            tx.execute("DELETE FROM health_results WHERE rule_id = ? AND server_id = ?",
                       (rid, sid))
        # the report shows what the farm store holds now, other servers' latest checks included
        failing = [(names[r["server_id"]], _stored(r)) for r in tx.all(
            "SELECT server_id, passed, reason, detail, inputs FROM health_results "
            "WHERE rule_id = ? AND passed = 0", (rid,)) if r["server_id"] in names]
        failing.sort(key=lambda p: p[0].lower())
        reports.update_item(tx, rule, row, failing, ts)
    return RuleRun(rule, failing=failing, checked=total)


def _run_farm(session, ctx, rule, row):
    ts = now()
    f = rule.check_farm(ctx)
    failing = [] if f.passed else [("", f)]
    with session.store.write() as tx:
        tx.execute(_UPSERT, (row["id"], "", int(f.passed), f.reason, f.detail, "self",
                             f.inputs or "", session.host, ts))
        reports.update_item(tx, rule, row, failing, ts, farm_wide=True)
    return RuleRun(rule, failing=failing, checked=1)
