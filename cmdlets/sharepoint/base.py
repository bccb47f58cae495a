"""What every SharePoint cmdlet shares: the host identity and home from the execution context,
the farm session, and turning domain exceptions into PowerShell errors."""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Parameter
from spshell.runtime.errors import DotNetException

from . import bridge
from .farm import open_session

ASSIGNMENT_HELP = ("Manages objects for the purpose of proper disposal. Use of objects, such as "
                   "SPWeb or SPSite, can use large amounts of memory and use of these objects in "
                   "Windows PowerShell scripts requires proper memory management. Using the "
                   "SPAssignment object, you can assign objects to a variable and dispose of the "
                   "objects after they are needed to free up memory.")


class SPCmdlet(Cmdlet):
    # Accepted for compatibility; spshell objects need no disposal.
    AssignmentCollection = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPAssignmentCollection",
                                      help=ASSIGNMENT_HELP)

    @property
    def host_name(self) -> str:
        return bridge.host_and_home(self.context)[0]

    @property
    def home(self):
        return bridge.host_and_home(self.context)[1]

    @property
    def environ(self):
        return None  # the process environment

    def begin(self):
        bridge.remember(self.context)

    def session(self):
        """The farm session; the documented terminating error when the host has no farm."""
        try:
            return open_session(self.home, self.host_name, self.environ)
        except DotNetException as exc:
            self.throw_terminating_error(exc)

    def is_bound(self, name: str) -> bool:
        low = name.lower()
        return any(k.lower() == low for k in (self.bound or {}))

    def fail(self, exc):
        """Terminating error from a domain exception."""
        self.throw_terminating_error(exc)

    def reveal(self, secure) -> str:
        return secure.reveal() if hasattr(secure, "reveal") else str(secure)
