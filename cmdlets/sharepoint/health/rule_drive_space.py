"""SharePoint's rule "Drives are at risk of running out of free space."
(AppServerDrivesAreNearlyFullWarning).

Texts verbatim from MicrosoftDocs/OfficeDocs-SharePoint, technical-reference/
drives-are-at-risk-of-running-out-of-free-space.md, which also gives the threshold: a warning
when a drive's free space is less than five times the server's RAM (16 GB of RAM: 80 GB free).

Each server checks itself (scope All Servers): the drives that hold its state -- its folder under
the spshell home (its registry and key store) and, for an embedded farm store, the folder of the
configuration database -- measured with shutil.disk_usage; RAM is the host's physical memory.
Another server's drives cannot be seen from here, so peers are judged only by their own runs.

For labs and tests, SPSHELL_LAB_SERVER_MEMORY (bytes, or a number with KB/MB/GB/TB) stands in for
the physical memory, so the rule can be made to fail or pass on any disk.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from cmdlets.sharepoint.paths import host_dir

from .rules import ALL_SERVERS, Finding, HealthRule

RULE_NAME = "Drives are at risk of running out of free space."
SUMMARY = ("This rule checks disk space as a proportion of the RAM that is installed on the "
           "SharePoint Server. Servers with large amounts of RAM are more likely to experience a "
           "failure of this rule.")
CAUSE = ("When disk space is less than five times the RAM on the server, this health rule "
         "triggers a warning. For example, if your SharePoint Server has 16GB of RAM installed, "
         "the rule checks for 80GB of free space on the disk.")
RESOLUTION = (
    "Free disk space on the server\n"
    "1. Verify that the user account that is performing this procedure is a member of the Farm "
    "Administrators group.\n"
    "2. On Server Manager, click Tools, and then click Disk Cleanup.\n"
    "Decrease the number of days to store log files\n"
    "1. Verify that the user account that is performing this procedure is a member of the Farm "
    "Administrators group.\n"
    "2. On the SharePoint Central Administration website, click Monitoring, in the Reporting "
    "section, click Configure diagnostic logging.\n"
    "3. On the Diagnostic Logging page, in the Trace Log section, in the Number of days to store "
    "log files box, type a smaller number.\n"
    "4. Click OK.")

RAM_FACTOR = 5
MEMORY_VARIABLE = "SPSHELL_LAB_SERVER_MEMORY"

# spshell's wording for one finding
LOW = ("The drive holding {0} has {1} free, less than five times the {2} of RAM on this server "
       "({3}).")
_UNITS = {"": 1, "B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3, "TB": 1024 ** 4}


def parse_size(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*", (text or "").upper())
    if not m:
        raise ValueError(f"{MEMORY_VARIABLE} must be a size such as 16GB or 17179869184, "
                         f"not '{text}'.")
    return int(float(m.group(1)) * _UNITS[m.group(2)])


def physical_memory(environ) -> int:
    override = environ.get(MEMORY_VARIABLE)
    if override:
        return parse_size(override)
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def state_folders(session) -> list:
    """The folders holding this server's state, one per drive."""
    folders = [host_dir(session.home, session.host)]
    location = Path(session.store.location)
    if session.store.dialect == "sqlite" and location.parent.is_dir():
        folders.append(location.parent)
    seen, out = set(), []
    for f in folders:
        dev = os.stat(f).st_dev
        if dev not in seen:
            seen.add(dev)
            out.append(f)
    return out


def _gb(n):
    return f"{n / 1024 ** 3:.1f} GB"


class DriveSpaceRule(HealthRule):
    name = "AppServerDrivesAreNearlyFullWarning"
    summary = RULE_NAME
    explanation = SUMMARY
    cause = CAUSE
    remedy = RESOLUTION
    category = "Availability"          # the rules reference lists it under Availability
    error_level = "Warning"            # "this health rule triggers a warning"
    scope = ALL_SERVERS                # as SharePointDsc's example for this rule sets it (the
    schedule = "Daily"                 # defaults themselves: not verified)

    def check_server(self, ctx):
        environ = ctx.session.environ if ctx.session.environ is not None else os.environ
        memory = physical_memory(environ)
        needed = RAM_FACTOR * memory
        low = []
        for folder in state_folders(ctx.session):
            free = shutil.disk_usage(folder).free
            if free < needed:
                low.append(LOW.format(folder, _gb(free), _gb(memory), _gb(needed) + " needed"))
        if not low:
            return Finding(True)
        return Finding(False, "LowDiskSpace", " ".join(low))
