"""SharePoint Server 2019's rule "One or more servers can't retrieve the outgoing email
credentials." (texts verbatim from sharepoint-reference.md §3).

Each server checks itself by really opening the stored SMTP password with its own application
credential key; a run on one host judges the other servers by the key fingerprint they published
(equal fingerprints mean equal keys), which also catches servers that never published one.
"""
from __future__ import annotations

import hashlib

from cmdlets.sharepoint.farm import CredentialStatus, FarmSession

from .rules import ALL_SERVERS, Finding, HealthRule

RULE_NAME = "One or more servers can't retrieve the outgoing email credentials."
SUMMARY = ("At least one web application is configured to use authentication when sending "
           "email. There are one or more servers in this farm that can't retrieve the "
           "credentials used to authenticate to the outgoing email server. Without credentials, "
           "these servers can only send email anonymously.")
CAUSE = ("The application credential key wasn't found on these servers or they don't have the "
         "same application credential key originally used to store the SMTP password. Every "
         "server in the farm must have an application credential key to store and retrieve the "
         "SMTP password. The application credential key must be identical on each server.")
RESOLUTION = ("Use the Set-SPApplicationCredentialKey cmdlet on each failing server to set the "
              "application credential key. If the current SMTP password was stored using a "
              "different application credential key, you must set the new application "
              "credential key on every server in the farm and then save the SMTP credentials "
              "again.")

# spshell's wording for one server's finding (SharePoint shows only the server names)
NO_KEY = "The application credential key wasn't found on this server."
NEVER_PUBLISHED = ("The application credential key wasn't found on this server: it has never "
                   "published an application credential key fingerprint to the farm.")
DIFFERENT_KEY = ("This server has a different application credential key from the one originally "
                 "used to store the SMTP password of {0}.")
TAMPERED = ("The stored SMTP password of {0} failed the integrity check on this server; save "
            "the SMTP credentials again.")


def credentialed(ctx):
    """Web applications with SMTP credentials stored (Central Administration's = the farm's)."""
    key = "outgoing-email:credentialed"
    if key not in ctx.cache:
        ctx.cache[key] = [w for w in ctx.web_applications
                          if w.get("smtp_user") or w.get("smtp_password")]
    return ctx.cache[key]


def _digest(server_fp, webapps) -> str:
    text = (server_fp or "-") + "|" + ",".join(
        f"{w['id']}:{w.get('smtp_key_fingerprint') or ''}" for w in webapps)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class _LocalKeySession:
    """FarmSession.credential_status with this run's derived key (scrypt runs once per run)."""

    def __init__(self, session, derived):
        self.farm_id = session.farm_id
        self.host = session.host
        self._dk = derived

    def local_derived_key(self):
        return self._dk


class OutgoingEmailCredentialsRule(HealthRule):
    name = "OutgoingEmailCredentialsNotRetrievable"  # not published by Microsoft (§1 item 10)
    summary = RULE_NAME
    explanation = SUMMARY
    remedy = RESOLUTION
    category = "Configuration"
    error_level = "Error"
    scope = ALL_SERVERS
    schedule = "Daily"

    def peer_inputs(self, ctx, server) -> str:
        # few distinct fingerprints in a farm: digest each once per run
        memo = ctx.cache.setdefault("outgoing-email:inputs", {})
        fp = server.get("key_fingerprint")
        if fp not in memo:
            memo[fp] = _digest(fp, credentialed(ctx))
        return memo[fp]

    def check_server(self, ctx):
        webapps = credentialed(ctx)
        sess = ctx.session
        dk = sess.local_derived_key()
        fp = dk.fingerprint if dk else None
        me = ctx.local_server
        if (me.get("key_fingerprint") or None) != fp:
            # The key changed without the farm hearing of it (the key store was edited by
            # hand): publish what this server really holds, so peers judge it correctly.
            sess.publish_fingerprint()
            me["key_fingerprint"] = fp
        inputs = _digest(fp, webapps)
        if not webapps:
            return Finding(True, inputs=inputs)
        if dk is None:
            return Finding(False, CredentialStatus.MISSING_KEY, NO_KEY, inputs)
        proxy = _LocalKeySession(sess, dk)
        problems = []
        for w in webapps:
            status, _plain, _msg = FarmSession.credential_status(proxy, w)
            if status == CredentialStatus.DIFFERENT_KEY:
                problems.append((status, DIFFERENT_KEY.format(w["url"])))
            elif status == CredentialStatus.TAMPERED:
                problems.append((status, TAMPERED.format(w["url"])))
            elif status == CredentialStatus.MISSING_KEY:
                problems.append((status, NO_KEY))
        if not problems:
            return Finding(True, inputs=inputs)
        return Finding(False, problems[0][0], " ".join(p[1] for p in problems), inputs)

    def check_peer(self, ctx, server):
        fp = server.get("key_fingerprint") or None
        key = (fp, bool(server.get("key_updated")))
        memo = ctx.cache.setdefault("outgoing-email:peer", {})
        if key not in memo:  # servers with the same published facts get the same finding
            memo[key] = self._judge(ctx, server, fp)
        return memo[key]

    def _judge(self, ctx, server, fp):
        webapps = credentialed(ctx)
        inputs = self.peer_inputs(ctx, server)
        if not webapps:
            return Finding(True, inputs=inputs)
        if fp is None:
            text = NEVER_PUBLISHED if not server.get("key_updated") else NO_KEY
            return Finding(False, CredentialStatus.MISSING_KEY, text, inputs)
        wrong = [w for w in webapps if (w.get("smtp_key_fingerprint") or "") != fp]
        if wrong:
            return Finding(False, CredentialStatus.DIFFERENT_KEY,
                           " ".join(DIFFERENT_KEY.format(w["url"]) for w in wrong), inputs)
        return Finding(True, inputs=inputs)

    def report_explanation(self, failing):
        lines = [SUMMARY, "", CAUSE, "", "Failing servers:"]
        lines += [f"{name}: {f.detail}" for name, f in failing]
        return "\n".join(lines)
