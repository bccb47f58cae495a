"""The lab mail server process: ``python -m cmdlets.mail.labserver.server --home DIR``.

Reads ``config.json`` from the lab folder, binds every listener on 127.0.0.1, then writes
``state.json`` (so a client never sees a half-started lab) and serves until SIGTERM/SIGINT,
when it removes the state file. aiosmtpd does the protocol; this module shapes it like Exchange
(banner, EHLO lists per TLS state, reply texts) and implements every SASL mechanism against the
lab users.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import collections
import datetime
import hashlib
import hmac
import json
import logging
import os
import secrets
import signal
import ssl
import sys
import time
import warnings
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

from aiosmtpd.smtp import MISSING, SMTP, AuthResult

from . import profiles, users
from .certs import ensure_certificates
from .state import lab_dir, mailbox_dir, state_path, write_json_atomic

BANNER_IDENT = "Microsoft ESMTP MAIL Service ready (lab)"
SERVER_NAME = "lab.test"
BASIC = ("LOGIN", "PLAIN", "CRAM-MD5")


class LabAuth:
    def __init__(self, login, mechanism):
        self.login = login
        self.mechanism = mechanism


class LabSMTP(SMTP):
    # RFC 4954 §4 wants 12288-octet AUTH lines; Kerberos tickets and OAuth tokens need them.
    # The class value sizes the StreamReader at construction; the instance value is put back to
    # 1001 afterwards because DATA lines are checked against it.
    line_length_limit = 12290

    def __init__(self, handler, **kw):
        super().__init__(handler, **kw)
        self.line_length_limit = 1001
        self.command_size_limits = collections.defaultdict(lambda: 512, {"AUTH": 12288})

    async def push(self, status):
        # aiosmtpd words this reply itself; Exchange (Online) adds the enhanced status code
        if status == "530 Must issue a STARTTLS command first":
            status = "530 5.7.0 Must issue a STARTTLS command first"
        await super().push(status)

    async def check_auth_needed(self, caller_method):
        lst = self.event_handler.listener
        if lst["auth_required"] and not self.session.authenticated:
            await self.push(lst["auth_required_reply"])
            return True
        return False

    async def smtp_STARTTLS(self, arg):
        if self._tls_protocol:  # Exchange: a second STARTTLS is a sequence error
            await self.push("503 5.5.2 Send hello first")
            return
        await super().smtp_STARTTLS(arg)


class LabHandler:
    def __init__(self, lab, listener):
        self.lab = lab
        self.listener = listener

    # ---- helpers
    @staticmethod
    def _tls(server):
        t = server.transport
        return server._tls_protocol is not None or (
            t is not None and t.get_extra_info("sslcontext") is not None)

    def _offered(self, server):
        lst = self.listener
        return lst["tls_mechs"] if self._tls(server) else lst["clear_mechs"]

    def _gate(self, server, mech):
        if mech not in self._offered(server):
            return AuthResult(success=False, handled=False,
                              message="504 5.7.4 Unrecognized authentication type")
        return None

    def _fail(self, reply=None):
        return AuthResult(success=False, handled=False,
                          message=reply or self.listener["fail_reply"])

    def _ok(self, login, mech):
        return AuthResult(success=True, auth_data=LabAuth(login, mech))

    def _basic_refused(self, server, mech):
        if mech in BASIC and self.listener["profile"] == "ExchangeOnline" and \
                self.lab.basic_auth_disabled:
            return self._fail(profiles.EXO_BASIC_DISABLED)
        return None

    # ---- EHLO
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname  # aiosmtpd leaves this to a 5-argument hook
        peer = session.peer[0] if session.peer else "127.0.0.1"
        out = [f"250-{SERVER_NAME} Hello [{peer}]", "250-SIZE 33554432", "250-8BITMIME"]
        if server.tls_context and not self._tls(server):
            out.append("250-STARTTLS")
        mechs = self._offered(server)
        if mechs:
            out.append("250-AUTH " + " ".join(mechs))
        out.append("250 OK")
        return out

    async def handle_DATA(self, server, session, envelope):
        return self.lab.capture(server, session, envelope, self.listener)

    # ---- mechanisms
    async def auth_PLAIN(self, server, args):
        gate = self._gate(server, "PLAIN")
        if gate:
            return gate
        if len(args) == 1:
            blob = await server.challenge_auth("")
            if blob is MISSING:
                return AuthResult(success=False, handled=True)
        else:
            try:
                blob = base64.b64decode(args[1], validate=True)
            except ValueError:
                return self._fail("501 5.5.2 Cannot Decode base64 data")
        try:
            _authz, login, password = blob.decode("utf-8").split("\x00")
        except ValueError:
            return self._fail("501 5.5.2 Cannot Decode base64 data")
        refused = self._basic_refused(server, "PLAIN")
        if refused:
            return refused
        if users.check_password(self.lab.users(), login, password):
            return self._ok(login, "PLAIN")
        return self._fail()

    async def auth_LOGIN(self, server, args):
        gate = self._gate(server, "LOGIN")
        if gate:
            return gate
        if len(args) == 1:
            # Exchange's challenges are the plain words, base64 encoded ("VXNlcm5hbWU6")
            login = await server.challenge_auth("Username:")
            if login is MISSING:
                return AuthResult(success=False, handled=True)
        else:
            try:
                login = base64.b64decode(args[1], validate=True)
            except ValueError:
                return self._fail("501 5.5.2 Cannot Decode base64 data")
        password = await server.challenge_auth("Password:")
        if password is MISSING:
            return AuthResult(success=False, handled=True)
        refused = self._basic_refused(server, "LOGIN")
        if refused:
            return refused
        login = login.decode("utf-8", "replace")
        if users.check_password(self.lab.users(), login, password.decode("utf-8", "replace")):
            return self._ok(login, "LOGIN")
        return self._fail()

    async def auth_CRAM__MD5(self, server, args):
        gate = self._gate(server, "CRAM-MD5")
        if gate:
            return gate
        challenge = f"<{secrets.randbelow(10**10)}.{int(time.time())}@{SERVER_NAME}>".encode()
        reply = await server.challenge_auth(challenge)
        if reply is MISSING:
            return AuthResult(success=False, handled=True)
        try:
            login, digest = reply.decode("utf-8").rsplit(" ", 1)
        except ValueError:
            return self._fail("501 5.5.2 Cannot Decode base64 data")
        refused = self._basic_refused(server, "CRAM-MD5")
        if refused:
            return refused
        entry = users.find(self.lab.users(), login)
        if entry is not None:
            want = hmac.new(entry["password"].encode(), challenge, hashlib.md5).hexdigest()
            if hmac.compare_digest(want, digest.lower()):
                return self._ok(login, "CRAM-MD5")
        return self._fail()

    async def auth_XOAUTH2(self, server, args):
        gate = self._gate(server, "XOAUTH2")
        if gate:
            return gate
        if len(args) == 1:
            blob = await server.challenge_auth("")
            if blob is MISSING:
                return AuthResult(success=False, handled=True)
        else:
            try:
                blob = base64.b64decode(args[1], validate=True)
            except ValueError:
                return self._fail("501 5.5.2 Cannot Decode base64 data")
        fields = {}
        for part in blob.decode("utf-8", "replace").split("\x01"):
            if "=" in part:
                k, v = part.split("=", 1)
                fields[k.lower()] = v
        user = fields.get("user", "")
        auth = fields.get("auth", "")
        token = auth[7:] if auth.lower().startswith("bearer ") else ""
        problem = users.verify_token(self.lab.users(), user, token) if token else "no token"
        if problem is None:
            return self._ok(user, "XOAUTH2")
        return self._fail(profiles.EXO_TOKEN_FAIL)

    async def auth_NTLM(self, server, args):
        gate = self._gate(server, "NTLM")
        if gate:
            return gate
        import spnego
        from spnego.exceptions import SpnegoError

        self.lab.refresh_ntlm()
        if len(args) == 2:
            try:
                negotiate = base64.b64decode(args[1], validate=True)
            except ValueError:
                return self._fail("501 5.5.2 Cannot Decode base64 data")
        else:
            # MS-SMTPNTLM 2.2.1.2: the first challenge is text, not base64
            negotiate = await server.challenge_auth("ntlm supported", encode_to_b64=False)
            if negotiate is MISSING:
                return AuthResult(success=False, handled=True)
        try:
            ctx = spnego.server(protocol="ntlm")
            challenge = ctx.step(negotiate)
        except (SpnegoError, ValueError, Exception):
            return self._fail("501 5.5.2 Cannot Decode base64 data")
        authenticate = await server.challenge_auth(challenge)
        if authenticate is MISSING:
            return AuthResult(success=False, handled=True)
        try:
            ctx.step(authenticate)
        except Exception:
            return self._fail()
        return self._ok(ctx.client_principal or "?", "NTLM")

    async def auth_GSSAPI(self, server, args):
        gate = self._gate(server, "GSSAPI")
        if gate:
            return gate
        if not self.lab.keytab:
            return self._fail()
        try:
            import spnego
        except ImportError:
            return self._fail()
        if len(args) == 2:
            try:
                token = base64.b64decode(args[1], validate=True)
            except ValueError:
                return self._fail("501 5.5.2 Cannot Decode base64 data")
        else:
            token = await server.challenge_auth(b"")
            if token is MISSING:
                return AuthResult(success=False, handled=True)
        try:
            ctx = spnego.server(service="smtp", protocol="kerberos")
            out = ctx.step(token)
            while not ctx.complete:
                token = await server.challenge_auth(out or b"")
                if token is MISSING:
                    return AuthResult(success=False, handled=True)
                out = ctx.step(token)
            # RFC 4752 3.1: send the last token, get the empty reply, then the layer offer
            empty = await server.challenge_auth(out or b"")
            if empty is MISSING:
                return AuthResult(success=False, handled=True)
            offer = ctx.wrap(b"\x01\x00\x10\x00", encrypt=False).data
            reply = await server.challenge_auth(offer)
            if reply is MISSING:
                return AuthResult(success=False, handled=True)
            choice = ctx.unwrap(reply).data
            if not choice or not choice[0] & 0x01:
                return self._fail("535 5.7.3 Authentication unsuccessful (security layer)")
            principal = ctx.client_principal
        except Exception:
            return self._fail()
        return self._ok(principal or "?", "GSSAPI")


class Lab:
    def __init__(self, home: Path, config):
        self.home = Path(home)
        self.dir = lab_dir(home)
        self.config = config
        self.basic_auth_disabled = bool(config.get("basicAuthDisabled"))
        self.mailbox = mailbox_dir(home)
        self.mailbox.mkdir(parents=True, exist_ok=True)
        self._users = None
        self._users_mtime = None
        self.ntlm_file = self.dir / "ntlm-users"
        self.keytab = config.get("keytab")
        self._counter = 0
        self.extra_domains = [h.split(".")[-2].upper() for h in config.get("hostNames", {})
                              if h.count(".") >= 1 and not h[0].isdigit()]
        os.environ["NTLM_USER_FILE"] = str(self.ntlm_file)
        self.refresh_ntlm()

    def users(self):
        path = users.users_path(self.home)
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            mtime = None
        if self._users is None or mtime != self._users_mtime:
            self._users = users.load(self.home)
            self._users_mtime = mtime
            users.write_ntlm_file(self.ntlm_file, self._users, self.extra_domains)
        return self._users

    def refresh_ntlm(self):
        self.users()

    def capture(self, server, session, envelope, listener):
        """Write the message (.eml) and its metadata (.json); the .json is written last, so a
        reader never sees a message whose file is incomplete."""
        self._counter += 1
        now = datetime.datetime.now(datetime.timezone.utc)
        msg_id = f"{now:%Y%m%d%H%M%S%f}-{os.getpid()}-{self._counter:06d}"
        internal = int(time.time() * 1000) % 10**10 * 100 + self._counter % 100
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        try:
            subject = str(message_from_bytes(raw, policy=default_policy).get("Subject", ""))
        except Exception:
            subject = ""
        tls = None
        obj = server.transport.get_extra_info("ssl_object") if server.transport else None
        if obj is not None:
            name, _p, bits = obj.cipher()
            tls = f"{obj.version()} {name} ({bits} bits)"
        auth = session.auth_data if session.authenticated else None
        meta = {"id": msg_id, "received": now.isoformat(), "mailFrom": envelope.mail_from,
                "rcptTos": list(envelope.rcpt_tos), "subject": subject,
                "authenticatedAs": getattr(auth, "login", None),
                "mechanism": getattr(auth, "mechanism", None), "tls": tls,
                "listener": listener["name"], "standsFor": listener["standsFor"],
                "peer": f"{session.peer[0]}:{session.peer[1]}" if session.peer else None,
                "helo": session.host_name, "size": len(raw), "queueId": str(internal)}
        eml = self.mailbox / f"{msg_id}.eml"
        tmp = self.mailbox / f".{msg_id}.eml.tmp"
        with open(tmp, "wb") as f:
            f.write(raw)
        os.replace(tmp, eml)
        write_json_atomic(self.mailbox / f"{msg_id}.json", meta, 0o644)
        return (f"250 2.6.0 <{msg_id}@{SERVER_NAME}> [InternalId={internal}, "
                f"Hostname={SERVER_NAME}] Queued mail for delivery")


async def serve(home: Path):
    config = json.loads((lab_dir(home) / "config.json").read_text())
    lab = Lab(home, config)
    names = ["localhost", "127.0.0.1", SERVER_NAME, *config.get("hostNames", {})]
    ca_file, cert_file, key_file = ensure_certificates(lab_dir(home) / "tls", names)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    server_ctx.load_cert_chain(cert_file, key_file)
    loop = asyncio.get_running_loop()
    servers, described = [], []
    for lst, port in zip(profiles.listeners(config["profiles"], config.get("extraMechanisms")),
                         config["ports"]):
        handler = LabHandler(lab, lst)
        implicit = lst["tls"] == "Tls"

        def factory(handler=handler, implicit=implicit, lst=lst):
            return LabSMTP(handler, hostname=SERVER_NAME, ident=BANNER_IDENT,
                           tls_context=None if implicit else server_ctx,
                           require_starttls=lst["require_starttls"],
                           auth_require_tls=False, auth_required=False,
                           data_size_limit=33554432, loop=loop)

        srv = await loop.create_server(factory, host="127.0.0.1", port=port,
                                       ssl=server_ctx if implicit else None)
        real_port = srv.sockets[0].getsockname()[1]
        servers.append(srv)
        described.append({"name": lst["name"], "profile": lst["profile"],
                          "standsFor": lst["standsFor"], "port": real_port, "tls": lst["tls"],
                          "auth": profiles.auth_summary(lst)})
    state = {"pid": os.getpid(), "listeners": described, "hostNames": config.get("hostNames", {}),
             "caFile": ca_file, "started": datetime.datetime.now(datetime.timezone.utc).isoformat(),
             "basicAuthDisabled": lab.basic_auth_disabled, "kerberos": config.get("kerberos")}
    write_json_atomic(state_path(home), state, 0o644)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        try:
            cur = json.loads(state_path(home).read_text())
            if cur.get("pid") == os.getpid():
                state_path(home).unlink()
        except (OSError, ValueError):
            pass
        for srv in servers:
            srv.close()


def main(argv=None):
    p = argparse.ArgumentParser(prog="spshell-labmail")
    p.add_argument("--home", required=True)
    a = p.parse_args(argv)
    warnings.simplefilter("ignore")  # aiosmtpd's per-AUTH login_data deprecation notice
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    try:
        asyncio.run(serve(Path(a.home)))
    except OSError as exc:
        print(f"lab mail server: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
