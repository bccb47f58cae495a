"""SharePoint's rule "Databases exist on servers running SharePoint Foundation."
(DatabasesAreOnAppServers).

Texts verbatim from MicrosoftDocs/OfficeDocs-SharePoint, technical-reference/
databases-exist-on-servers-running-sharepoint-foundation.md. That page's "Rule Name" line ends
"..., for SharePoint Server." (its description's wording); the title the farm shows is the one
published scripts list (AutoSPInstaller's <disablehealthrules>): "Databases exist on servers
running SharePoint Foundation."

The check: the database server of the configuration database (the name the farm was created
with, kept by every member) or of a content database is one of the farm's SharePoint servers.
A SQL Server name is compared without its instance (SP1\\SHAREPOINT) and port (SP1,1433); a
PostgreSQL address by its host; an FQDN also by its first label.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from cmdlets.sharepoint.paths import is_postgres_dsn, normalize_host

from .identities import server_names
from .rules import ANY_SERVER, Finding, HealthRule

RULE_NAME = "Databases exist on servers running SharePoint Foundation."
SUMMARY = "For optimal performance, databases should not share servers with other applications."
CAUSE = "Databases share servers with other applications."
RESOLUTION = (
    "Move the databases to a separate server.\n"
    "To resolve this issue, you must move the databases to a separate server. For more "
    "information, see Move content databases in SharePoint Server and Move all databases in "
    "SharePoint Server.")

# spshell's wording for one finding
ON_FARM_SERVER = "The {0} database {1} is on {2}, a server of this farm."


def database_host(server: str) -> str:
    """The computer a database server name stands for, folded."""
    text = (server or "").strip()
    if is_postgres_dsn(text):
        return normalize_host(urlsplit(text).hostname or "")
    text = text.lower()
    if text.startswith(("tcp:", "np:", "lpc:")):
        text = text.split(":", 1)[1]
    for sep in ("\\", ","):
        text = text.split(sep, 1)[0]
    return normalize_host(text)


def _databases(ctx):
    """[(kind, database name, database server)] of the farm."""
    store = ctx.session.store
    out = [("configuration", store.database, store.server)]
    for w in ctx.web_applications:
        if w.get("database_name"):
            # a content database created without a server lives with the configuration database
            out.append(("content", w["database_name"], w.get("database_server") or store.server))
    return out


def _display(ctx, host):
    short = host.split(".", 1)[0]
    for s in ctx.servers:
        for n in (s.get("name"), s.get("address")):
            n = normalize_host(n or "")
            if n and (n == host or n.split(".", 1)[0] == short):
                return s["name"]
    return host


class DatabasesOnAppServersRule(HealthRule):
    name = "DatabasesAreOnAppServers"
    summary = RULE_NAME
    explanation = SUMMARY
    cause = CAUSE
    remedy = RESOLUTION
    category = "Performance"           # the rules reference lists it under Performance
    error_level = "Warning"            # not verified
    scope = ANY_SERVER                 # not verified
    schedule = "Weekly"                # not verified

    def check_farm(self, ctx):
        farm_servers = server_names(ctx)
        problems = []
        for kind, name, server in _databases(ctx):
            host = database_host(server)
            if host and (host in farm_servers or host.split(".", 1)[0] in farm_servers):
                # the server's own name: a PostgreSQL address may carry a password
                problems.append(ON_FARM_SERVER.format(kind, name, _display(ctx, host)))
        if not problems:
            return Finding(True)
        return Finding(False, "DatabaseOnFarmServer", " ".join(problems))
