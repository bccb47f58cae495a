"""Tab-completion values only the farm knows (registered with the REPL's completer when the
snap-in loads; nothing here runs on a non-interactive start)."""
from __future__ import annotations


def _session(pc):
    from .bridge import current_session
    return current_session(pc.session)


def server_names(pc):
    return [row["name"] for row in _session(pc).servers()]


def web_application_urls(pc):
    return [row["url"] for row in _session(pc).web_applications(include_admin=True)]


def health_rule_names(pc):
    from .health.rules import definitions
    return [row["name"] for _cls, row in definitions(_session(pc))]


def register():
    from spshell.repl import completion_providers as cp
    here = "cmdlets.sharepoint.completion:"
    cp.register("*-SPServer", "Identity", here + "server_names")
    cp.register("*-SPWebApplication", "Identity", here + "web_application_urls")
    cp.register("*-SPSite", "WebApplication", here + "web_application_urls")
    cp.register("Get-SPTimerJob", "WebApplication", here + "web_application_urls")
    cp.register("*-SPHealthAnalysisRule", "Identity", here + "health_rule_names")
