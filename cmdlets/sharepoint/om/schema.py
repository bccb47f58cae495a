"""The object model's tables in the configuration database (component "om").

Sites (site collections) belong to a web application; webs belong to a site. URLs are stored as
the web application's URL key (scheme://host:port, lower case) plus a server-relative path, so a
request URL maps to its site the way SharePoint maps it: web application first, then the longest
managed path prefix.
"""
from __future__ import annotations

from ..store import register_migrations

register_migrations("om", [
    (1, [
        """CREATE TABLE sites (
            id TEXT PRIMARY KEY,
            web_application_id TEXT NOT NULL,
            path TEXT NOT NULL,
            path_key TEXT NOT NULL,
            owner TEXT NOT NULL,
            secondary_owner TEXT,
            owner_email TEXT,
            template TEXT NOT NULL,
            language INTEGER NOT NULL DEFAULT 1033,
            content_database TEXT,
            created TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 0,
            UNIQUE (web_application_id, path_key))""",
        """CREATE TABLE webs (
            id TEXT PRIMARY KEY,
            site_id TEXT NOT NULL,
            parent_id TEXT,
            path TEXT NOT NULL,
            path_key TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            template TEXT NOT NULL,
            language INTEGER NOT NULL DEFAULT 1033,
            created TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 0,
            UNIQUE (site_id, path_key))""",
        "CREATE INDEX webs_site ON webs (site_id)",
    ]),
])
