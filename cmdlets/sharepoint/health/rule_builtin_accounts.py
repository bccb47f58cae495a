"""SharePoint's rule "Built-in accounts are used as application pool or service identities."
(BuiltInAccountsUsedAsProcessIdentities).

Texts verbatim from MicrosoftDocs/OfficeDocs-SharePoint, technical-reference/
built-in-accounts-are-used-as-application-pool-or-service-identities.md ("Build-in" included).

The check looks at every process identity (application pool accounts, Central Administration's
included, and the farm account that runs the timer service) and at the registered managed
accounts, the accounts services are given. It fails for a built-in account -- Local System,
Local Service, Network Service, a virtual account (IIS APPPOOL\\..., NT SERVICE\\...) -- and for
a local computer account: one whose domain is a server of the farm, "." or localhost, which
exists on that one computer only.
"""
from __future__ import annotations

from .identities import managed_accounts, process_identities, server_names, split_account
from .rules import ANY_SERVER, Finding, HealthRule

RULE_NAME = "Built-in accounts are used as application pool or service identities."
SUMMARY = ("Built-in or local computer accounts are used as an application pool identity or "
           "service identity.")
CAUSE = ("Using built-in accounts as application pool identities or as service identities is not "
         "supported in a farm configuration. Build-in accounts include Network Service, Local "
         "Service, and Local System.")
RESOLUTION = (
    "Change the identity that is used for the service or application pool\n"
    "1. Verify that the user account that is performing this procedure is a member of the Farm "
    "Administrators group.\n"
    "2. On the SharePoint Central Administration website, click Security.\n"
    "3. On the Security page, in the General Security section, click Configure service "
    "accounts.\n"
    "4. On the Service Accounts page, in the Credential Management section, in the upper "
    "drop-down list, click the service or application pool for which you want to change the "
    "identity.\n"
    "5. In the Select an account for this component list, click the domain user account that you "
    "want to associate with the service or application pool.\n"
    "If you want to register the account that you selected on the SharePoint Server farm, click "
    "Register new managed account.\n"
    "6. Click OK.")

# spshell's wording for one finding
BUILT_IN = "{0} runs as the built-in account {1}."
LOCAL = "{0} runs as the local computer account {1}."
MANAGED_BUILT_IN = "The managed account {0} is a built-in account."
MANAGED_LOCAL = "The managed account {0} is a local computer account."

# the well-known service accounts, spaces dropped (NT AUTHORITY\NETWORK SERVICE, NetworkService)
_SERVICE_USERS = {"system", "localsystem", "localservice", "networkservice"}
_SERVICE_DOMAINS = {"", ".", "nt authority", "ntauthority"}
_VIRTUAL_DOMAINS = {"iis apppool", "nt service"}
_LOCAL_DOMAINS = {".", "localhost", "builtin"}


def kind_of(account: str, servers: set) -> str:
    """'built-in', 'local' or '' (a domain account)."""
    domain, user = split_account(account)
    if domain in _VIRTUAL_DOMAINS or (domain in _SERVICE_DOMAINS
                                      and user.replace(" ", "") in _SERVICE_USERS):
        return "built-in"
    if domain in _LOCAL_DOMAINS or domain in servers:
        return "local"
    return ""


class BuiltInAccountsRule(HealthRule):
    name = "BuiltInAccountsUsedAsProcessIdentities"
    summary = RULE_NAME
    explanation = SUMMARY
    cause = CAUSE
    remedy = RESOLUTION
    category = "Configuration"         # the rules reference lists it under Configuration
    error_level = "Warning"            # not verified
    scope = ANY_SERVER                 # not verified
    schedule = "Weekly"                # not verified

    def check_farm(self, ctx):
        servers = server_names(ctx)
        problems = []
        for ident in process_identities(ctx):
            kind = kind_of(ident.account, servers)
            if kind:
                text = BUILT_IN if kind == "built-in" else LOCAL
                problems.append(text.format(ident.use[0].upper() + ident.use[1:], ident.account))
        for account in managed_accounts(ctx):
            kind = kind_of(account, servers)
            if kind:
                problems.append((MANAGED_BUILT_IN if kind == "built-in" else MANAGED_LOCAL)
                                .format(account))
        if not problems:
            return Finding(True)
        return Finding(False, "BuiltInAccount", " ".join(problems))
