"""What each lab listener imitates (smtp.md §6, swaks-transcripts/).

Exchange Server: a "port 25" receive connector that takes anonymous mail and offers NTLM in the
clear and LOGIN only after STARTTLS ("Offer Basic authentication only after starting TLS");
a "port 587" Client Frontend that requires authentication and offers GSSAPI NTLM (+LOGIN after
TLS); an implicit-TLS "465". Exchange Online: nothing but STARTTLS before TLS, then LOGIN and
XOAUTH2; 530 5.7.57 without authentication; with Basic authentication disabled LOGIN gets
550 5.7.30.
"""
from __future__ import annotations

EXCHANGE_FAIL = "535 5.7.3 Authentication unsuccessful"
EXO_FAIL = ("535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. "
            "[lab.test]")
EXO_TOKEN_FAIL = "535 5.7.3 Authentication unsuccessful [lab.test]"
EXO_BASIC_DISABLED = "550 5.7.30 Basic authentication is not supported for Client Submission."


def listeners(profiles, extra_mechanisms=()):
    out = []
    extra = [m.upper() for m in extra_mechanisms or ()]

    def add(**kw):
        kw["tls_mechs"] = kw["tls_mechs"] + [m for m in extra if m not in kw["tls_mechs"]]
        out.append(kw)

    for profile in profiles:
        if profile == "Exchange":
            add(name="Exchange:25", profile="Exchange", standsFor=25, tls="StartTls",
                clear_mechs=["NTLM"], tls_mechs=["NTLM", "LOGIN"], auth_required=False,
                require_starttls=False, auth_required_reply=None, fail_reply=EXCHANGE_FAIL)
            add(name="Exchange:587", profile="Exchange", standsFor=587, tls="StartTls",
                clear_mechs=["GSSAPI", "NTLM"], tls_mechs=["GSSAPI", "NTLM", "LOGIN"],
                auth_required=True, require_starttls=False,
                auth_required_reply="530 5.7.1 Client was not authenticated",
                fail_reply=EXCHANGE_FAIL)
            add(name="Exchange:465", profile="Exchange", standsFor=465, tls="Tls",
                clear_mechs=[], tls_mechs=["LOGIN", "PLAIN", "NTLM"], auth_required=True,
                require_starttls=False,
                auth_required_reply="530 5.7.1 Client was not authenticated",
                fail_reply=EXCHANGE_FAIL)
        elif profile == "ExchangeOnline":
            add(name="ExchangeOnline:587", profile="ExchangeOnline", standsFor=587,
                tls="StartTls", clear_mechs=[], tls_mechs=["LOGIN", "XOAUTH2"],
                auth_required=True, require_starttls=True,
                auth_required_reply="530 5.7.57 Client not authenticated to send mail during "
                                    "MAIL FROM [lab.test]",
                fail_reply=EXO_FAIL)
        else:
            raise ValueError(f"unknown lab profile {profile!r}")
    return out


def auth_summary(lst):
    clear = " ".join(lst["clear_mechs"]) or "none"
    tls = " ".join(lst["tls_mechs"]) or "none"
    req = "auth required" if lst["auth_required"] else "anonymous allowed"
    if lst["tls"] == "Tls":
        return f"implicit TLS; AUTH {tls}; {req}"
    return f"AUTH {clear}; after STARTTLS {tls}; {req}"
