"""SharePoint's rule "Accounts used by application pools or service identities are in the local
machine Administrators group." (AdminAccountsUsedAsProcessIdentities).

Texts verbatim from MicrosoftDocs/OfficeDocs-SharePoint, technical-reference/
accounts-used-by-application-pools-or-service-identities-are-in-the-local-machin.md.

The check, on each server for itself (scope All Servers: the Administrators group is local to a
computer): is a process identity (the farm account, the account of an application pool) a member
of this host's administrators? spshell runs on a POSIX host, whose equivalent of the local
Administrators group is the superuser and the administrative groups sudo, wheel and admin; a
farm account maps to the host account with the same user name (CONTOSO\\root -> root), the way
a domain account is matched to its local profile. So an account fails when its user part names
an account with uid 0, or a member of one of those groups (listed in the group, or having it as
its primary group), as the pwd and grp databases say. Another server's group membership cannot
be seen from here, so peers are judged only by their own runs.
"""
from __future__ import annotations

from .identities import process_identities, split_account
from .rules import ALL_SERVERS, Finding, HealthRule

RULE_NAME = ("Accounts used by application pools or service identities are in the local machine "
             "Administrators group.")
SUMMARY = ("A user account that is used by application pools or services must have permissions "
           "of a domain user account and must not be a member of the Farm Administrators group or "
           "a member of the Administrators group on the local computer. Using highly privileged "
           "accounts for application pools or services poses a security risk to the farm, and "
           "could allow malicious code to execute.")
CAUSE = ("Accounts that are used by application pools or services are members of the "
         "Administrators group on the local computer.")
RESOLUTION = (
    "Change the user account to a predefined account, or to a domain user account that is not a "
    "member of the Administrators group.\n"
    "1. Verify that the user account that is performing this procedure is a member of the Farm "
    "Administrators group.\n"
    "2. On the Central Administration home page, in the Security section, click Configure "
    "service accounts.\n"
    "3. On the Service Accounts page, in the Select the component to update list, click the "
    "application pool or service that uses the credentials of a member of the Administrators "
    "group on the local computer as its security account.\n"
    "4. In the Select an account list, click an appropriate account for this component \u2014 for "
    "example, the predefined account Network Service \u2014 or click Register new managed "
    "account, and then on the Register Managed Account page, specify the credentials and the "
    "password change settings that you want.\n"
    "5. Click OK.")

ADMIN_GROUPS = ("sudo", "wheel", "admin")

# spshell's wording for one finding
IS_ADMIN = "{0} runs as {1}, a member of this computer's administrators ({2})."


def local_administrators() -> dict:
    """{user name (folded): why} for this host's administrators; {} where the host has no
    POSIX account database."""
    try:
        import grp
        import pwd
    except ImportError:
        return {}
    users = pwd.getpwall()
    admins = {p.pw_name.lower(): "uid 0" for p in users if p.pw_uid == 0}
    gids = {}
    for name in ADMIN_GROUPS:
        try:
            g = grp.getgrnam(name)
        except KeyError:
            continue
        gids[g.gr_gid] = name
        for member in g.gr_mem:
            admins.setdefault(member.lower(), f"group {name}")
    for p in users:
        if p.pw_gid in gids:
            admins.setdefault(p.pw_name.lower(), f"group {gids[p.pw_gid]}")
    return admins


class AdminAccountsRule(HealthRule):
    name = "AdminAccountsUsedAsProcessIdentities"
    summary = RULE_NAME
    explanation = SUMMARY
    cause = CAUSE
    remedy = RESOLUTION
    category = "Security"              # the rules reference lists it under Security
    error_level = "Warning"            # not verified
    scope = ALL_SERVERS                # not verified; the group it checks is per computer
    schedule = "Daily"                 # not verified

    def check_server(self, ctx):
        admins = local_administrators()
        problems = []
        for ident in process_identities(ctx):
            why = admins.get(split_account(ident.account)[1])
            if why:
                problems.append(IS_ADMIN.format(ident.use[0].upper() + ident.use[1:],
                                                ident.account, why))
        if not problems:
            return Finding(True)
        return Finding(False, "LocalAdministrator", " ".join(problems))
