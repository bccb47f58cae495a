"""SharePoint's rule "Outbound email hasn't been configured." (texts verbatim from
sharepoint-reference.md §3.2, typo "SMPT" included). The farm-wide outgoing e-mail settings are
Central Administration's, so one check on any server answers for the farm."""
from __future__ import annotations

from .rules import ANY_SERVER, Finding, HealthRule

RULE_NAME = "Outbound email hasn't been configured."
SUMMARY = ("An outgoing email server hasn't been configured on this SharePoint Server "
           "deployment. With no SMPT server configured for outgoing email, SharePoint Server "
           "can't send email messages, including alert email, confirmation email, invitation "
           "email, and email about exceeding quotas.")
CAUSE = "An SMPT email server hasn't yet been configured in the farm."
RESOLUTION = (
    "Configure outgoing email settings in Central Administration\n"
    "1. Verify that the user account that is performing this procedure is a member of the Farm "
    "Administrators group.\n"
    "2. On the SharePoint Central Administration website, select System Settings.\n"
    "3. On the System Settings page, in the E-Mail and Text Messages (SMS) section, select "
    "Configure outgoing e-mail settings.\n"
    "4. On the Outgoing E-Mail Settings page, type the SMTP server information in the Outbound "
    "SMTP server box, and then specify the addresses and the character set that you want to "
    "use.\n"
    "5. Select OK.")


class OutboundEmailNotConfiguredRule(HealthRule):
    name = "OutboundEmailNotConfigured"  # spshell's identity; SharePoint's is not published
    summary = RULE_NAME
    explanation = SUMMARY
    remedy = RESOLUTION
    category = "Configuration"
    error_level = "Warning"
    scope = ANY_SERVER
    schedule = "Daily"

    def check_farm(self, ctx):
        ca = next((w for w in ctx.web_applications if w.get("is_admin")), None)
        if ca is not None and (ca.get("smtp_server") or "").strip():
            return Finding(True)
        return Finding(False, "NotConfigured", CAUSE)

    def report_explanation(self, failing):
        return SUMMARY + "\n\n" + CAUSE
