"""PipeBind resolution: what a cmdlet's -Identity may be (object, GUID, URL, name, PipeBind)."""
from __future__ import annotations

import uuid

from . import model


def pipebind_value(value):
    """The identity inside a pipe-bind argument (om/resolve.py uses it too)."""
    if isinstance(value, (list, tuple)) and len(value) == 1:  # @($webApp) binds as one object
        value = value[0]
    if isinstance(value, model.PipeBind):
        value = value.Value
    return value


def resolve_web_applications(session, identity, include_admin=True):
    """SPWebApplication objects for an identity; raises SPCmdletPipeBindException if none."""
    value = pipebind_value(identity)
    if isinstance(value, model.SPWebApplication):
        row = session.webapp_row(value._row["id"])
        if row is None:
            return session.find_web_applications(str(value.Id))  # raises "cannot find"
        return [model.web_application(session, row)]
    if isinstance(value, uuid.UUID):
        value = str(value)
    text = "" if value is None else str(value)
    rows = session.find_web_applications(text, include_admin=include_admin)
    return [model.web_application(session, r) for r in rows]


def resolve_servers(session, identity):
    value = pipebind_value(identity)
    if isinstance(value, model.SPServer):
        value = value._row["id"]
    elif isinstance(value, uuid.UUID):
        value = str(value)
    rows = session.find_servers("" if value is None else str(value))
    return [model.SPServer(session, r) for r in rows]
