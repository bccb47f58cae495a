"""SharePoint's rule "The server farm account should not be used for other services."
(FarmAccountIsSharedWithUserServices).

Texts verbatim from MicrosoftDocs/OfficeDocs-SharePoint, technical-reference/
the-server-farm-account-should-not-be-used-for-other-services.md. That page's "Rule Name" line
reads "...for the other services."; the title the farm shows is the page title's wording, which
published scripts select the rule by (AutoSPInstaller's DisableHealthRule "The server farm account
should not be used for other services.").

The check: the farm account (the farm's own row) is the account of the application pool of a
content web application. Central Administration's pool runs as the farm account by design and is
not counted.
"""
from __future__ import annotations

from .identities import farm_account, pool_identities, same_account
from .rules import ANY_SERVER, Finding, HealthRule

RULE_NAME = "The server farm account should not be used for other services."
SUMMARY = ("The account that is used to run the SharePoint Server Timer service and other system "
           "services in the SharePoint farm should not be used for other services in the farm.")
CAUSE = ("The farm account, which is used for the SharePoint Server Timer service and the "
         "SharePoint Central Administration website, is highly privileged and should not be used "
         "for other services on any computers in the server farm. Services in the farm were found "
         "to use this account.")
NOTE = ("You can ignore this event if using the User Profile Synchronization service. The User "
        "Profile Synchronization service must run as the farm account in SharePoint Server.")
RESOLUTION = (
    "Change the account that is used for other services.\n"
    "1. Verify that the user account that is performing this procedure is a member of the Farm "
    "Administrators group.\n"
    "2. In Central Administration, in the Security section, click Configure service accounts.\n"
    "3. On the Service Accounts page, in the Credential Management section, in the drop-down "
    "list, click the service that you want to update credentials.\n"
    "4. In the Select an account for this component list, click the domain account that you want "
    "to associate with this service.\n"
    "5. If you want to register the account that you selected on the SharePoint Server farm, "
    "click Register new managed account.\n"
    "6. Click OK.")

# spshell's wording for one finding (SharePoint lists no detail)
USES_FARM_ACCOUNT = "{0} runs as the farm account {1}."


class FarmAccountSharedRule(HealthRule):
    name = "FarmAccountIsSharedWithUserServices"
    summary = RULE_NAME
    explanation = SUMMARY
    cause = CAUSE + "\n\n" + NOTE
    remedy = RESOLUTION
    category = "Security"              # the rules reference lists it under Security
    error_level = "Error"              # not verified
    scope = ANY_SERVER                 # not verified
    schedule = "Weekly"                # SharePoint 2010's default ("...from the default value of
                                       # Weekly", SharePoint 2010 administration guides)

    def check_farm(self, ctx):
        fa = farm_account(ctx)
        if not fa:
            return Finding(True)
        shared = [i for i in pool_identities(ctx, include_admin=False)
                  if same_account(i.account, fa)]
        if not shared:
            return Finding(True)
        return Finding(False, "FarmAccountShared",
                       " ".join(USES_FARM_ACCOUNT.format(i.use[0].upper() + i.use[1:], i.account)
                                for i in shared))
