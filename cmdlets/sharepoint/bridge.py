"""Where objects created outside a cmdlet (``New-Object ...SPGlobalAdmin``, ``PipeBind.Read()``)
find the session's host and home: the execution context the module was loaded into, else the
environment (SPSHELL_HOME, SPSHELL_COMPUTERNAME, the machine's host name)."""
from __future__ import annotations

import os
import socket
import weakref
from pathlib import Path

from .paths import default_home

_context_ref = None


def setup(context=None):
    """Module setup hook (Module.setup): remember the context the module serves and teach the
    REPL's Tab the farm's values (server names, web application URLs, health rules)."""
    remember(context)
    from .completion import register
    register()


def remember(context):
    global _context_ref
    if context is None:
        return
    try:
        _context_ref = weakref.ref(context)
    except TypeError:
        _context_ref = lambda: context  # noqa: E731  (objects without weakref support)


def host_and_home(context=None):
    ctx = context or (_context_ref() if _context_ref else None)
    host = getattr(ctx, "computer_name", None) if ctx is not None else None
    home = getattr(ctx, "home", None) if ctx is not None else None
    if not host:
        host = os.environ.get("SPSHELL_COMPUTERNAME") or socket.gethostname()
    if not home:
        home = default_home()
    return str(host), Path(home)


def current_session(context=None):
    from .farm import open_session
    host, home = host_and_home(context)
    return open_session(home, host)
