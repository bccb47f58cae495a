"""The process identities of a farm, as the account rules see them, and how account names compare.

A process identity is an account a SharePoint process runs as: the account of each application
pool (Central Administration's included) and the farm account, which runs the SharePoint Timer
Service and Central Administration. Names are Windows account names: ``DOMAIN\\user``,
``user@domain.tld`` or a bare ``user``; Windows compares them case-insensitively.
"""
from __future__ import annotations

from dataclasses import dataclass

from cmdlets.sharepoint.paths import normalize_host


@dataclass(frozen=True)
class Identity:
    account: str          # as stored
    use: str              # what runs as it, for the report ("application pool X (url)")


def split_account(name: str):
    """(domain, user), both folded; a UPN's domain is reduced to its first label (its NetBIOS
    name in the usual setup), so CONTOSO\\farm and farm@contoso.com compare equal."""
    text = (name or "").strip().lower()
    if "\\" in text:
        domain, _, user = text.partition("\\")
        return domain.strip(), user.strip()
    if "@" in text:
        user, _, domain = text.partition("@")
        return domain.split(".", 1)[0].strip(), user.strip()
    return "", text


def same_account(a: str, b: str) -> bool:
    return bool((a or "").strip()) and split_account(a) == split_account(b)


def farm_account(ctx) -> str:
    key = "identities:farm-account"
    if key not in ctx.cache:
        with ctx.session.store.read() as tx:
            ctx.cache[key] = (tx.scalar("SELECT farm_account FROM farm") or "").strip()
    return ctx.cache[key]


def application_pools(ctx) -> dict:
    """{pool name (folded): account} of every application pool in the farm."""
    key = "identities:pools"
    if key not in ctx.cache:
        with ctx.session.store.read() as tx:
            ctx.cache[key] = {r["name_key"]: (r["account"] or "").strip()
                              for r in tx.all("SELECT name_key, account FROM application_pools")}
    return ctx.cache[key]


def pool_identities(ctx, include_admin=True) -> list:
    """One Identity per web application: the account of its application pool."""
    pools = application_pools(ctx)
    out = []
    for w in ctx.web_applications:
        if w.get("is_admin") and not include_admin:
            continue
        pool = (w.get("application_pool") or "").strip()
        account = pools.get(pool.lower(), "")
        if account:
            out.append(Identity(account, f"the application pool {pool} of {w['url']}"))
    return out


def process_identities(ctx) -> list:
    """Every account a SharePoint process of this farm runs as, the farm account first."""
    out = []
    fa = farm_account(ctx)
    if fa:
        # Central Administration's pool, which also runs as it, comes with the pools
        out.append(Identity(fa, "the SharePoint Timer Service"))
    out.extend(pool_identities(ctx))
    return out


def managed_accounts(ctx) -> list:
    with ctx.session.store.read() as tx:
        return [r["user_name"] for r in tx.all(
            "SELECT user_name FROM managed_accounts ORDER BY user_key")]


def server_names(ctx) -> set:
    """The farm's server names and addresses, folded, with the short name of each FQDN."""
    names = set()
    for s in ctx.servers:
        for n in (s.get("name"), s.get("address")):
            n = normalize_host(n or "")
            if n:
                names.add(n)
                names.add(n.split(".", 1)[0])
    return names
