"""SharePoint's rule "Database has large amounts of unused space." (DatabaseCanBeShrinked).

Texts verbatim from MicrosoftDocs/OfficeDocs-SharePoint, technical-reference/
database-has-large-amounts-of-unused-space.md (the page notes that Microsoft removed the rule
from SharePoint Server 2013 and 2016 in later updates; farms that still have it are what the
community scripts disabling it by name expect).

The threshold is the one that page documents: the unused space is more than 20% of the
database's space and greater than the auto-growth size plus 50 MB. What "unused" means here:
- SQLite: pages on the free list (PRAGMA freelist_count x page_size) out of the file's pages;
  SQLite grows a file a page at a time, so its auto-growth size is one page. VACUUM gives them
  back.
- PostgreSQL: the farm's schema, table by table: the share of dead row versions
  (pg_stat_user_tables) applied to the table's size on disk (pg_table_size). An estimate from the
  statistics collector, which lags a little; VACUUM FULL gives the space back. PostgreSQL
  extends a relation by one 8 kB block, so the auto-growth size is one block.
"""
from __future__ import annotations

from .rules import ANY_SERVER, Finding, HealthRule

RULE_NAME = "Database has large amounts of unused space."
SUMMARY = ("The database has large amounts of unused space allocated on the disk. This database "
           "uses a large amount of space on the file system unless it is shrunk down to a small "
           "size. This event occurs if the unused space is more than 20% of the disk space and "
           "the unused space is greater than the auto-growth size plus 50 megabytes (MB).")
CAUSE = ("Many activities can create unused space in the database. These activities include "
         "running the Windows PowerShell Move-SPSite command, and deleting documents, document "
         "libraries, lists, list items, and sites.")
RESOLUTION = (
    "Ignore this event, or shrink the database if you have to.\n"
    "Normally you can safely ignore this event. You shrink a database only if it proves "
    "absolutely necessary \u2014 for example, when you have performed an operation that removes "
    "a very large quantity of data from a database, and the free space is not expected to be used "
    "again. You can shrink the database by using the DBCC ShrinkDatabase command or SQL Server "
    "Management Studio. For more information, see DBCC SHRINKDATABASE (Transact-SQL) "
    "(https://go.microsoft.com/fwlink/p/?LinkID=110852) and Shrink a Database "
    "(https://go.microsoft.com/fwlink/p/?LinkID=224904).\n"
    "The white paper Database maintenance for SharePoint "
    "(https://go.microsoft.com/fwlink/p/?LinkID=229104) provides very important guidelines for "
    "shrinking a database. We strongly recommend that you read this white paper before you "
    "shrink a database.")

UNUSED_SHARE = 0.20
MARGIN_BYTES = 50 * 1024 * 1024

# spshell's wording for the finding
TOO_MUCH = ("The configuration database {0} has {1} of unused space out of {2} ({3:.0%}); "
            "shrink it with {4}.")

_PG_TABLES = ("SELECT pg_table_size(c.oid) AS size, COALESCE(s.n_live_tup, 0) AS live, "
              "COALESCE(s.n_dead_tup, 0) AS dead FROM pg_class c "
              "JOIN pg_namespace n ON n.oid = c.relnamespace "
              "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid "
              "WHERE n.nspname = current_schema() AND c.relkind = 'r'")


def measure(tx):
    """(unused bytes, allocated bytes, auto-growth bytes, how to shrink) of the farm store."""
    if tx.dialect == "postgresql":
        allocated = unused = 0
        for r in tx.all(_PG_TABLES):
            size, live, dead = int(r["size"]), int(r["live"]), int(r["dead"])
            allocated += size
            if live + dead:
                unused += size * dead // (live + dead)
        return unused, allocated, 8192, "VACUUM FULL"
    page = int(tx.scalar("PRAGMA page_size"))
    pages = int(tx.scalar("PRAGMA page_count"))
    free = int(tx.scalar("PRAGMA freelist_count"))
    return free * page, pages * page, page, "VACUUM"


def too_much_unused(unused, allocated, growth) -> bool:
    return allocated > 0 and unused > UNUSED_SHARE * allocated and unused > growth + MARGIN_BYTES


def _mb(n):
    return f"{n / (1024 * 1024):.1f} MB"


class DatabaseUnusedSpaceRule(HealthRule):
    name = "DatabaseCanBeShrinked"
    summary = RULE_NAME
    explanation = SUMMARY
    cause = CAUSE
    remedy = RESOLUTION
    category = "Availability"          # the rules reference lists it under Availability
    error_level = "Warning"            # not verified
    scope = ANY_SERVER                 # not verified
    schedule = "Weekly"                # not verified

    def check_farm(self, ctx):
        store = ctx.session.store
        with store.read() as tx:
            unused, allocated, growth, how = measure(tx)
        if not too_much_unused(unused, allocated, growth):
            return Finding(True)
        return Finding(False, "UnusedSpace", TOO_MUCH.format(
            store.database, _mb(unused), _mb(allocated), unused / allocated, how))
