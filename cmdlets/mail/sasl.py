"""SASL mechanisms for the SMTP client: PLAIN, LOGIN, CRAM-MD5, NTLM, GSSAPI, XOAUTH2.

Each mechanism is driven through aiosmtplib's ``execute_command`` so the exchange is ours to
shape and to record. Two rules decide which mechanism runs (``choose``):

* ``Auto`` walks .NET SmtpClient's order (GSSAPI, NTLM, LOGIN, PLAIN; XOAUTH2 only when a token
  and no password was given), restricted to what the server advertises, and skips a mechanism
  this client cannot start (no Kerberos library or credentials) *before* sending anything;
* once an AUTH command was sent and refused, nothing else is tried: each refused attempt counts
  against the account's lockout threshold.
"""
from __future__ import annotations

import base64

from .errors import MailError

AUTO_ORDER = ("GSSAPI", "NTLM", "LOGIN", "PLAIN")
ALL_MECHANISMS = ("GSSAPI", "NTLM", "LOGIN", "PLAIN", "CRAM-MD5", "XOAUTH2")


class Credentials:
    """What the user gave us. ``password``/``token`` are SecureStrings (or None) and are revealed
    only inside the mechanism that sends them."""

    def __init__(self, user=None, password=None, token=None, authzid="", kerberos_ccache=None):
        self.user = user or None
        self.password = password
        self.token = token
        self.authzid = authzid or ""
        self.kerberos_ccache = kerberos_ccache

    @property
    def has_password(self):
        return self.user is not None and self.password is not None

    @property
    def has_token(self):
        return self.user is not None and self.token is not None

    def reveal_password(self):
        p = self.password
        return p.reveal() if hasattr(p, "reveal") else (p or "")

    def reveal_token(self):
        t = self.token
        return t.reveal() if hasattr(t, "reveal") else (t or "")


class AuthOutcome:
    def __init__(self, mechanism, user, details=""):
        self.mechanism, self.user, self.details = mechanism, user, details


def b64(data: bytes) -> bytes:
    return base64.b64encode(data)


def b64text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _decode_challenge(message: str) -> bytes:
    try:
        return base64.b64decode(message.strip(), validate=True)
    except (ValueError, base64.binascii.Error):
        return b""


# ---- choosing --------------------------------------------------------------------------------

def kerberos_unavailable_reason():
    """None when GSSAPI can be attempted at all, else why not."""
    try:
        import gssapi  # noqa: F401
    except Exception:
        return ("the Kerberos library is not installed (pip install 'spshell[kerberos]', which "
                "needs libkrb5-dev: apt-get install libkrb5-dev)")
    return None


def choose(requested, advertised, creds, host, skipped):
    """The mechanism to run, or None for anonymous. ``skipped`` collects (mech, reason)."""
    offered = [m.upper() for m in advertised]
    requested = (requested or "Auto").upper()
    if requested == "ANONYMOUS":
        return None
    if requested != "AUTO":
        if requested not in offered:
            raise MailError(
                "AUTH", f"The server does not offer AUTH {requested} at this point "
                f"(it offers: {' '.join(offered) or 'no AUTH mechanisms'}); nothing was sent.",
                category="AuthenticationError")
        reason = cannot_start(requested, creds, host)
        if reason:
            raise MailError("AUTH", f"AUTH {requested} cannot be started: {reason}",
                            category="AuthenticationError")
        return requested
    if not creds.has_password and not creds.has_token and not creds.kerberos_ccache:
        return None
    order = list(AUTO_ORDER)
    if creds.has_token and not creds.has_password:
        order = ["XOAUTH2"]
    for mech in order:
        if mech not in offered:
            continue
        reason = cannot_start(mech, creds, host)
        if reason:
            skipped.append((mech, reason))
            continue
        return mech
    return None


def cannot_start(mech, creds, host):
    if mech == "GSSAPI":
        reason = kerberos_unavailable_reason()
        if reason:
            return reason
        if creds.has_password:
            try:
                import krb5  # noqa: F401
            except Exception:
                return ("a password was given but getting a Kerberos ticket from it needs the "
                        "'krb5' Python package (pip install 'spshell[kerberos]')")
        return None
    if mech == "XOAUTH2":
        return None if creds.has_token else "no OAuth token (-OAuthToken) was given"
    if not creds.has_password:
        return "no credentials were given"
    return None


# ---- the exchanges -----------------------------------------------------------------------------

async def _cmd(smtp, *args, timeout=None):
    return await smtp.execute_command(*args, timeout=timeout)


def _fail(mech, resp, transcript, extra=""):
    text = f"{resp.code} {resp.message}".replace("\n", " ")
    return MailError("AUTH", f"The server refused AUTH {mech}: {text}{extra}", code=resp.code,
                     reply=text, transcript=transcript, attempted_auth=True)


async def authenticate(smtp, mech, creds, host, transcript, timeout=None):
    fn = {"PLAIN": _plain, "LOGIN": _login, "CRAM-MD5": _cram_md5, "NTLM": _ntlm,
          "GSSAPI": _gssapi, "XOAUTH2": _xoauth2}[mech]
    return await fn(smtp, creds, host, transcript, timeout)


async def _plain(smtp, creds, host, transcript, timeout):
    blob = b64(f"{creds.authzid}\x00{creds.user}\x00{creds.reveal_password()}".encode())
    transcript.redact_next(f"AUTH PLAIN <credentials of {creds.user}, redacted>")
    resp = await _cmd(smtp, b"AUTH", b"PLAIN", blob, timeout=timeout)
    if resp.code == 334:  # server wanted the two-step form after all
        transcript.redact_next(f"<credentials of {creds.user}, redacted>")
        resp = await _cmd(smtp, blob, timeout=timeout)
    if resp.code != 235:
        raise _fail("PLAIN", resp, transcript)
    return AuthOutcome("PLAIN", creds.user, "user name and password in one base64 message")


async def _login(smtp, creds, host, transcript, timeout):
    resp = await _cmd(smtp, b"AUTH", b"LOGIN", timeout=timeout)
    if resp.code != 334:
        raise _fail("LOGIN", resp, transcript)
    resp = await _cmd(smtp, b64(creds.user.encode()), timeout=timeout)
    if resp.code != 334:
        raise _fail("LOGIN", resp, transcript)
    transcript.redact_next("<password redacted>")
    resp = await _cmd(smtp, b64(creds.reveal_password().encode()), timeout=timeout)
    if resp.code != 235:
        raise _fail("LOGIN", resp, transcript)
    return AuthOutcome("LOGIN", creds.user, "user name and password, base64 encoded")


async def _cram_md5(smtp, creds, host, transcript, timeout):
    import hashlib
    import hmac

    resp = await _cmd(smtp, b"AUTH", b"CRAM-MD5", timeout=timeout)
    if resp.code != 334:
        raise _fail("CRAM-MD5", resp, transcript)
    challenge = _decode_challenge(resp.message)
    digest = hmac.new(creds.reveal_password().encode(), challenge, hashlib.md5).hexdigest()
    transcript.redact_next(f"<{creds.user} and HMAC-MD5 digest, redacted>")
    resp = await _cmd(smtp, b64(f"{creds.user} {digest}".encode()), timeout=timeout)
    if resp.code != 235:
        raise _fail("CRAM-MD5", resp, transcript)
    return AuthOutcome("CRAM-MD5", creds.user, "challenge-response (HMAC-MD5)")


async def _xoauth2(smtp, creds, host, transcript, timeout):
    token = creds.reveal_token()
    blob = b64(f"user={creds.user}\x01auth=Bearer {token}\x01\x01".encode())
    transcript.redact_next(f"AUTH XOAUTH2 <user {creds.user}, bearer token of {len(token)} "
                           "characters, redacted>")
    resp = await _cmd(smtp, b"AUTH", b"XOAUTH2", blob, timeout=timeout)
    if resp.code == 334:
        # RFC 7628-style error details; the client answers with an empty line (Google, EXO)
        detail = _decode_challenge(resp.message).decode("utf-8", "replace")
        if detail:
            transcript.note(f"XOAUTH2 error details: {detail}")
        resp = await _cmd(smtp, b"", timeout=timeout)
    if resp.code != 235:
        raise _fail("XOAUTH2", resp, transcript)
    return AuthOutcome("XOAUTH2", creds.user, "OAuth 2.0 bearer token")


async def _ntlm(smtp, creds, host, transcript, timeout):
    import spnego

    from .ntlmsummary import parse_ntlm

    ctx = spnego.client(creds.user, creds.reveal_password(), hostname=host,
                        service="SMTP", protocol="ntlm")
    negotiate = ctx.step()
    resp = await _cmd(smtp, b"AUTH", b"NTLM", timeout=timeout)
    if resp.code != 334:
        raise _fail("NTLM", resp, transcript)
    # MS-SMTPNTLM: the first 334 carries text ("ntlm supported"); Cyrus sends it empty. Neither
    # is base64 to decode.
    info = parse_ntlm(negotiate)
    if info:
        transcript.note(info.summary())
    resp = await _cmd(smtp, b64(negotiate), timeout=timeout)
    if resp.code != 334:
        raise _fail("NTLM", resp, transcript)
    challenge = _decode_challenge(resp.message)
    cinfo = parse_ntlm(challenge)
    if cinfo is None:
        raise MailError("AUTH", "The server's NTLM challenge could not be read: "
                        f"{resp.code} {resp.message[:80]}", code=resp.code,
                        transcript=transcript, attempted_auth=True)
    transcript.note(cinfo.summary())
    try:
        authenticate_msg = ctx.step(challenge)
    except Exception as exc:  # pyspnego rejects malformed challenges
        raise MailError("AUTH", f"NTLM could not answer the server's challenge: {exc}",
                        transcript=transcript, attempted_auth=True) from None
    ainfo = parse_ntlm(authenticate_msg)
    transcript.redact_next(f"<{ainfo.summary() if ainfo else 'NTLM AUTHENTICATE'}; "
                           "response redacted>")
    resp = await _cmd(smtp, b64(authenticate_msg), timeout=timeout)
    if resp.code != 235:
        raise _fail("NTLM", resp, transcript)
    details = ainfo.summary() if ainfo else "NTLM"
    who = f"{ainfo.domain}\\{ainfo.user}" if ainfo and ainfo.domain else creds.user
    return AuthOutcome("NTLM", who, details)


def gssapi_context(creds, host, service="smtp"):
    """A Kerberos initiator for ``service/host``; raises MailError when none can be made."""
    import spnego

    user = (getattr(creds, "kerberos_user", None) or creds.user) if creds.has_password else None
    password = creds.reveal_password() if creds.has_password else None
    try:
        ctx = spnego.client(user, password, hostname=host, service=service,
                            protocol="kerberos")
        first = ctx.step()
    except Exception as exc:
        raise MailError("AUTH", f"GSSAPI could not start: no Kerberos ticket for "
                        f"{service}/{host} ({_short(exc)})", category="AuthenticationError") \
            from None
    return ctx, first


def _short(exc):
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]


async def _gssapi(smtp, creds, host, transcript, timeout, prepared=None):
    from .ntlmsummary import parse_krb5_apreq

    ctx, token = prepared or gssapi_context(creds, host)
    info = parse_krb5_apreq(token)
    summary = info.summary() if info else f"Kerberos token for smtp/{host}"
    transcript.redact_next(f"AUTH GSSAPI <{summary}; ticket and authenticator redacted>")
    resp = await _cmd(smtp, b"AUTH", b"GSSAPI", b64(token), timeout=timeout)
    layer_done = False
    while resp.code == 334:
        data = _decode_challenge(resp.message)
        if not ctx.complete:
            try:
                out = ctx.step(data)
            except Exception as exc:
                raise MailError("AUTH", f"GSSAPI: the server's Kerberos reply was not "
                                f"accepted ({_short(exc)})", transcript=transcript,
                                attempted_auth=True) from None
            if out:
                transcript.redact_next("<Kerberos token redacted>")
            resp = await _cmd(smtp, b64(out) if out else b"", timeout=timeout)
            continue
        if layer_done:
            break
        # RFC 4752 3.1: the server offers security layers and a buffer size, wrapped with
        # integrity only; we take "no security layer" (TLS does that job) and name no authzid.
        try:
            offer = ctx.unwrap(data).data
        except Exception as exc:
            raise MailError("AUTH", f"GSSAPI: the security-layer message could not be "
                            f"unwrapped ({_short(exc)})", transcript=transcript,
                            attempted_auth=True) from None
        if len(offer) != 4 or not offer[0] & 0x01:
            raise MailError("AUTH", "GSSAPI: the server does not offer the 'no security "
                            f"layer' option (offer {offer.hex()})", transcript=transcript,
                            attempted_auth=True)
        transcript.note(f"GSSAPI security layer offer 0x{offer[0]:02x}, max buffer "
                        f"{int.from_bytes(offer[1:], 'big')}; choosing none")
        reply = ctx.wrap(b"\x01\x00\x00\x00" + creds.authzid.encode(), encrypt=False).data
        layer_done = True
        resp = await _cmd(smtp, b64(reply), timeout=timeout)
    if resp.code != 235:
        raise _fail("GSSAPI", resp, transcript)
    principal = None
    try:
        principal = ctx.client_principal
        if not principal:  # an initiator knows its name from the underlying GSSAPI context
            inner = getattr(ctx, "_context", None)
            name = getattr(inner, "initiator_name", None)
            principal = str(name) if name is not None else None
    except Exception:
        principal = None
    realm = info.realm if info else ""
    kuser = getattr(creds, "kerberos_user", None) or creds.user
    if kuser and "@" not in kuser and "\\" not in kuser and realm:
        kuser = f"{kuser}@{realm}"
    who = principal or kuser or "(credential cache)"
    return AuthOutcome("GSSAPI", who, f"Kerberos, service {info.service if info else 'smtp/' + host}"
                       f"{'@' + realm if realm else ''}, ticket encryption "
                       f"{info.etype_name if info else '?'}")
