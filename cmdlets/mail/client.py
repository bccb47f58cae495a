"""The SMTP client: one session over aiosmtplib, recorded on the wire.

``send_mail(settings, message)`` is the plain function Send-TestMail, Send-MailMessage and
SPUtility.SendEmail call; ``probe(...)`` is Test-SmtpServer's conversation. Both drive the
session step by step (connect, banner, EHLO, STARTTLS, EHLO, AUTH, MAIL, RCPT, DATA, QUIT) so
a failure names the step and quotes the server, and both return the transcript.

aiosmtplib has no transcript hook: ``_create_connection`` is replaced in a subclass so each
session gets its own recording protocol (no process-global monkeypatch), which keeps seeing the
decrypted stream after STARTTLS because asyncio re-attaches the same protocol object.
"""
from __future__ import annotations

import asyncio
import datetime as _dt
import os
import re
import socket
import ssl
import time

from . import sasl
from .errors import MailError
from .results import CertificateInfo, SendResult, SmtpServerInfo, TlsInfo
from .transcript import Transcript

ENCRYPTIONS = ("None", "StartTls", "Tls")
DEFAULT_TIMEOUT = 100.0  # .NET SmtpClient.Timeout: 100 000 ms


class SmtpSettings:
    """How to reach and authenticate to the server. ``password``/``oauth_token`` are
    SecureStrings (or None)."""

    def __init__(self, server, port=25, encryption="StartTls", mechanism="Auto", user=None,
                 password=None, oauth_token=None, ca_file=None, skip_certificate_check=False,
                 timeout=DEFAULT_TIMEOUT, local_hostname=None, redact=True, home=None,
                 authzid=""):
        if encryption not in ENCRYPTIONS:
            raise ValueError(f"encryption must be one of {ENCRYPTIONS}")
        self.server = server
        self.port = int(port)
        self.encryption = encryption
        self.mechanism = mechanism or "Auto"
        self.user = user
        self.password = password
        self.oauth_token = oauth_token
        self.ca_file = ca_file
        self.skip_certificate_check = skip_certificate_check
        self.timeout = float(timeout) if timeout else DEFAULT_TIMEOUT
        self.local_hostname = local_hostname
        self.redact = redact
        self.home = home
        self.authzid = authzid

    def credentials(self):
        return sasl.Credentials(self.user, self.password, self.oauth_token, self.authzid)

    def __repr__(self):  # never show secrets
        return (f"SmtpSettings({self.server}:{self.port}, {self.encryption}, {self.mechanism}, "
                f"user={self.user!r})")


class MailMessage:
    """The message to send; ``build()`` gives the RFC 5322 bytes."""

    def __init__(self, sender, to, subject="", body="", cc=(), bcc=(), reply_to=None,
                 html=False, attachments=(), priority="Normal", encoding="utf-8",
                 notify=None, headers=None):
        self.sender = sender
        self.to = _addresses(to)
        self.cc = _addresses(cc)
        self.bcc = _addresses(bcc)
        self.subject = subject or ""
        self.body = body or ""
        self.reply_to = reply_to
        self.html = html
        self.attachments = list(attachments or ())
        self.priority = priority or "Normal"
        self.encoding = encoding or "utf-8"
        self.notify = notify  # None or list like ["SUCCESS", "FAILURE"] / ["NEVER"]
        self.headers = headers or {}

    @property
    def recipients(self):
        return self.to + self.cc + self.bcc

    def build(self, local_hostname="localhost") -> bytes:
        from email.message import EmailMessage
        from email.utils import formatdate, make_msgid

        msg = EmailMessage()
        msg["From"] = self.sender
        if self.to:
            msg["To"] = ", ".join(self.to)
        if self.cc:
            msg["Cc"] = ", ".join(self.cc)
        if self.reply_to:
            msg["Reply-To"] = self.reply_to
        msg["Subject"] = self.subject
        msg["Date"] = formatdate(localtime=True)
        msg["Message-ID"] = make_msgid(domain=local_hostname)
        if self.priority.lower() == "high":
            msg["X-Priority"] = "1"
            msg["Priority"] = "urgent"
            msg["Importance"] = "high"
        elif self.priority.lower() == "low":
            msg["X-Priority"] = "5"
            msg["Priority"] = "non-urgent"
            msg["Importance"] = "low"
        for k, v in self.headers.items():
            msg[k] = v
        msg.set_content(self.body, subtype="html" if self.html else "plain",
                        charset=self.encoding)
        if self.attachments:
            self._attach(msg)
        return msg.as_bytes()

    def _attach(self, msg):
        import mimetypes

        for path in self.attachments:
            ctype, enc = mimetypes.guess_type(str(path))
            if ctype is None or enc is not None:
                ctype = "application/octet-stream"
            maintype, subtype = ctype.split("/", 1)
            with open(path, "rb") as f:
                data = f.read()
            msg.add_attachment(data, maintype=maintype, subtype=subtype,
                               filename=os.path.basename(str(path)))


def _addresses(value):
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    out = []
    for v in value:
        # "a@x, b@x" is two addresses; a comma inside quotes ("Doe, Jane" <j@x>) is not
        for part in re.findall(r'(?:"[^"]*"|<[^>]*>|[^,])+', str(v)):
            part = part.strip()
            if part:
                out.append(part)
    return out


def envelope_address(addr):
    """'Name <a@b>' -> 'a@b'."""
    from email.utils import parseaddr
    return parseaddr(addr)[1] or addr


_ADDR = re.compile(r"^[^\s@<>()\[\],;:\\\"]+@[^\s@<>()\[\],;:\\\"]+$")


def check_address(addr, role):
    """System.Net.Mail.MailAddress's refusal, before anything is sent."""
    from email.utils import parseaddr
    display, bare = parseaddr(addr or "")
    if not bare or not _ADDR.match(bare) or (
            not display and addr.strip() not in (bare, f"<{bare}>")):
        raise MailError("message", f"The specified string is not in the form required for an "
                        f"e-mail address: {role} '{addr}'.", category="InvalidArgument")
    return bare


# ---- the recording connection -----------------------------------------------------------------

_SMTP_CLASS = None


def _smtp_class():
    """aiosmtplib.SMTP with a per-session recording protocol (built on first use)."""
    global _SMTP_CLASS
    if _SMTP_CLASS is not None:
        return _SMTP_CLASS
    import aiosmtplib
    from aiosmtplib.errors import (SMTPConnectError, SMTPConnectResponseError,
                                   SMTPConnectTimeoutError, SMTPServerDisconnected,
                                   SMTPTimeoutError)
    from aiosmtplib.protocol import SMTPProtocol

    class RecordingProtocol(SMTPProtocol):
        transcript = None

        def write(self, data):
            super().write(data)
            if self.transcript is not None:
                self.transcript.sent(data, self._over_ssl)

        def connection_made(self, transport):
            super().connection_made(transport)
            if self.transcript is not None:
                peer = transport.get_extra_info("peername")
                self.transcript.note(f"Connected to {peer[0] if peer else '?'}.")
                if transport.get_extra_info("sslcontext") is not None:
                    _note_tls(self.transcript, transport)

        def data_received(self, data):
            if self.transcript is not None:
                self.transcript.received(data, self._over_ssl)
            super().data_received(data)

    class RecordingSMTP(aiosmtplib.SMTP):
        transcript = None
        connect_host = None  # where to connect when it differs from the TLS name (the lab)
        connect_port = None

        async def _create_connection(self, timeout):
            protocol = RecordingProtocol(loop=self.loop,
                                         connection_lost_callback=self._on_connection_lost)
            protocol.transcript = self.transcript
            tls_context = None
            server_hostname = None
            if self.use_tls:
                tls_context = await self._get_tls_context()
                server_hostname = tls_server_name(self.hostname)
            host = self.connect_host or self.hostname
            port = self.connect_port or self.port
            try:
                transport, _ = await asyncio.wait_for(self.loop.create_connection(
                    lambda: protocol, host=host, port=port, ssl=tls_context,
                    server_hostname=server_hostname,
                    ssl_handshake_timeout=timeout if self.use_tls else None), timeout=timeout)
            except (TimeoutError, asyncio.TimeoutError) as exc:
                raise SMTPConnectTimeoutError(
                    f"Timed out connecting to {host} on port {port}") from exc
            except (ssl.SSLError, ssl.CertificateError):
                raise
            except OSError as exc:
                raise SMTPConnectError(f"Error connecting to {host} on port {port}: {exc}") \
                    from exc
            self.protocol = protocol
            self.transport = transport
            try:
                response = await protocol.read_response(timeout=timeout)
            except SMTPServerDisconnected as exc:
                raise SMTPConnectError(f"The server at {host}:{port} closed the connection "
                                       "before its greeting") from exc
            except SMTPTimeoutError as exc:
                raise SMTPConnectTimeoutError("Timed out waiting for the server's greeting") \
                    from exc
            if response.code != 220:
                raise SMTPConnectResponseError(response.code, response.message)
            return response

    _SMTP_CLASS = RecordingSMTP
    return RecordingSMTP


def _note_tls(transcript, transport):
    obj = transport.get_extra_info("ssl_object")
    if obj is None:
        return
    name, _proto, bits = obj.cipher()
    transcript.note(f"TLS started with cipher {obj.version()}:{name}:{bits}")
    transcript.note("TLS no local certificate set")
    cert = obj.getpeercert()
    if cert:
        dn = "".join(f"/{_DN_SHORT.get(k, k)}={v}" for rdn in cert.get("subject", ())
                     for k, v in rdn)
        transcript.note(f'TLS peer DN="{dn}"')
    else:
        transcript.note("TLS peer certificate not verified (-SkipCertificateCheck)")


_DN_SHORT = {"commonName": "CN", "organizationName": "O", "organizationalUnitName": "OU",
             "countryName": "C", "stateOrProvinceName": "ST", "localityName": "L"}


def _tls_info(transport, mode):
    obj = transport.get_extra_info("ssl_object")
    if obj is None:
        return None
    name, _proto, bits = obj.cipher()
    return TlsInfo(mode, obj.version(), name, bits)


def tls_server_name(name):
    """``name`` as ssl would pass it to OpenSSL. ssl runs every str through the idna codec,
    whose first use imports it with stringprep and unicodedata (about 1 ms); an ASCII name that
    passes the codec's label checks comes out unchanged, so hand it over already encoded."""
    if not isinstance(name, str) or not name.isascii():
        return name
    labels = name.split(".")
    if all(0 < len(label) < 64 for label in labels[:-1]) and len(labels[-1]) < 64:
        return name.encode("ascii")
    return name


def make_tls_context(ca_files=(), skip_check=False, check_hostname=True, system_store=True):
    if system_store:
        ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    else:
        # a lab listener's certificate can only come from the lab CA: skip loading the
        # system store (~40 ms of every lab send)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    # the lab's CA often arrives twice (-CertificateAuthorityFile and the lab route)
    for ca in dict.fromkeys(os.path.normpath(str(ca)) for ca in ca_files if ca):
        ctx.load_verify_locations(cafile=ca)
    if skip_check or not check_hostname:
        ctx.check_hostname = False
    if skip_check:
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def certificate_info(transport, server_name, verified, verify_error=None):
    """Subject, issuer, validity and name match of the peer's certificate."""
    obj = transport.get_extra_info("ssl_object")
    if obj is None:
        return None
    der = obj.getpeercert(binary_form=True)
    if not der:
        return None
    from cryptography import x509
    cert = x509.load_der_x509_certificate(der)
    try:
        names = cert.extensions.get_extension_for_class(
            x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        names = []
    try:
        ips = [str(i) for i in cert.extensions.get_extension_for_class(
            x509.SubjectAlternativeName).value.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        ips = []
    matches = _name_matches(server_name, names, ips)
    nb = getattr(cert, "not_valid_before_utc", None) or cert.not_valid_before
    na = getattr(cert, "not_valid_after_utc", None) or cert.not_valid_after
    return CertificateInfo(cert.subject.rfc4514_string(), cert.issuer.rfc4514_string(), nb, na,
                           list(names) + ips, matches, verified, verify_error)


def _name_matches(name, dns_names, ips):
    name = (name or "").lower().rstrip(".")
    if name in ips:
        return True
    for pattern in dns_names:
        p = pattern.lower()
        if p == name:
            return True
        if p.startswith("*.") and "." in name and name.split(".", 1)[1] == p[2:]:
            return True
    return False


# ---- the session --------------------------------------------------------------------------------

class _Session:
    def __init__(self, settings: SmtpSettings, transcript: Transcript):
        self.s = settings
        self.t = transcript
        self.step = "connect"
        self.smtp = None
        self.route = None
        self.tls = None
        self.auth = None

    def fail(self, message, code=None, reply=None, category=None):
        self.t.error(message)
        return MailError(self.step, message, code, reply, self.t, category)

    def _reply_error(self, what, resp, advice=""):
        text = f"{resp.code} {resp.message}".replace("\n", " ")
        return self.fail(f"{what}: the server answered \"{text}\"{advice}", resp.code, text)

    async def open(self):
        from aiosmtplib.errors import (SMTPConnectError, SMTPConnectResponseError,
                                       SMTPConnectTimeoutError)
        from .labserver import state as labstate

        s = self.s
        self.step = "connect"
        self.route = labstate.resolve(s.home, s.server, s.port)
        ca_files = [s.ca_file] if s.ca_file else []
        connect_host, connect_port = s.server, s.port
        if self.route:
            connect_host, connect_port = self.route.host, self.route.port
            ca_files.append(self.route.ca_file)
            self.t.lab = self.route.description
            self.t.note(f"LAB: {s.server}:{s.port} is answered by the {self.route.description}")
        tls_ctx = make_tls_context(ca_files, s.skip_certificate_check,
                                   getattr(s, "check_hostname", True),
                                   system_store=self.route is None)
        self.tls_ctx = tls_ctx
        # DNS first, so "no such host" is its own step and not a generic socket error
        if not _is_ip(connect_host):
            self.step = "DNS"
            try:
                loop = asyncio.get_running_loop()
                await asyncio.wait_for(loop.getaddrinfo(connect_host, connect_port,
                                                        type=socket.SOCK_STREAM), s.timeout)
            except (socket.gaierror, UnicodeError) as exc:
                raise self.fail(f"The SMTP server name {connect_host} could not be resolved "
                                f"({getattr(exc, 'strerror', None) or exc}).",
                                category="ConnectionError") from None
            except asyncio.TimeoutError:
                raise self.fail(f"Resolving {connect_host} took longer than {s.timeout:g} s.",
                                category="OperationTimeout") from None
            self.step = "connect"
        cls = _smtp_class()
        smtp = cls(hostname=s.server, port=s.port, use_tls=(s.encryption == "Tls"),
                   start_tls=False, tls_context=tls_ctx, timeout=s.timeout,
                   local_hostname=s.local_hostname or _local_hostname())
        smtp.transcript = self.t
        smtp.connect_host, smtp.connect_port = connect_host, connect_port
        self.smtp = smtp
        self.t.note(f"Trying {connect_host}:{connect_port}...")
        self.step = "TLS" if s.encryption == "Tls" else "connect"
        t0 = time.perf_counter()
        try:
            await smtp.connect()
        except SMTPConnectResponseError as exc:
            self.step = "banner"
            raise self._reply_error("The server refused the connection", exc) from None
        except SMTPConnectTimeoutError as exc:
            raise self.fail(f"{exc} (timeout {s.timeout:g} s).", category="OperationTimeout") \
                from None
        except ssl.SSLCertVerificationError as exc:
            raise self._cert_error(exc) from None
        except ssl.SSLError as exc:
            raise self.fail(f"The TLS handshake with {s.server}:{s.port} failed: "
                            f"{exc.reason or exc}.") from None
        except SMTPConnectError as exc:
            cause = exc.__cause__
            if isinstance(cause, ConnectionRefusedError):
                raise self.fail(f"No SMTP server is listening on {connect_host}:{connect_port} "
                                "(connection refused).", category="ConnectionError") from None
            if isinstance(cause, (ssl.SSLCertVerificationError,)):
                raise self._cert_error(cause) from None
            raise self.fail(str(exc) + ".", category="ConnectionError") from None
        except Exception as exc:
            raise self._unexpected(exc) from None
        self.connect_time = time.perf_counter() - t0
        if s.encryption == "Tls":
            self.tls = _tls_info(smtp.transport, "Tls")
        return smtp

    def _cert_error(self, exc):
        msg = getattr(exc, "verify_message", None) or str(exc)
        return self.fail(f"The certificate of {self.s.server} was not accepted: {msg}. Trust "
                         "its issuer with -CertificateAuthorityFile, or use "
                         "-SkipCertificateCheck for a test.", category="SecurityError")

    def _unexpected(self, exc):
        from aiosmtplib.errors import (SMTPResponseException, SMTPServerDisconnected,
                                       SMTPTimeoutError)
        if isinstance(exc, MailError):
            return exc
        if isinstance(exc, SMTPTimeoutError):
            return self.fail(f"The server did not answer within {self.s.timeout:g} s during "
                             f"{self.step}.", category="OperationTimeout")
        if isinstance(exc, SMTPServerDisconnected):
            return self.fail(f"The server closed the connection during {self.step}.",
                             category="ConnectionError")
        if isinstance(exc, SMTPResponseException):
            return self.fail(f"The server sent an invalid reply during {self.step}: "
                             f"{exc.message}", exc.code if exc.code >= 0 else None)
        if isinstance(exc, ssl.SSLCertVerificationError):
            return self._cert_error(exc)
        if isinstance(exc, (ssl.SSLError, ConnectionError, OSError)):
            return self.fail(f"The connection failed during {self.step}: {exc}.",
                             category="ConnectionError")
        if isinstance(exc, ValueError):
            return self.fail(f"{self.step}: {exc}.", category="InvalidArgument")
        return self.fail(f"{self.step} failed: {type(exc).__name__}: {exc}")

    async def ehlo(self):
        from aiosmtplib.errors import SMTPHeloError
        self.step = "EHLO"
        try:
            await self.smtp.ehlo()
        except SMTPHeloError as exc:
            raise self._reply_error("EHLO was refused", exc) from None
        return self.smtp.last_ehlo_response

    async def starttls(self):
        from aiosmtplib.errors import SMTPResponseException
        self.step = "STARTTLS"
        smtp = self.smtp
        if not smtp.supports_extension("starttls"):
            raise self.fail(f"STARTTLS is required (Use TLS connection encryption = Yes) but "
                            f"{self.s.server}:{self.s.port} does not offer it; nothing was "
                            "sent.", category="SecurityError")
        try:
            await smtp.starttls(server_hostname=tls_server_name(self.s.server),
                                tls_context=self.tls_ctx)
        except SMTPResponseException as exc:
            raise self._reply_error("STARTTLS was refused", exc) from None
        except ssl.SSLCertVerificationError as exc:
            raise self._cert_error(exc) from None
        except ssl.SSLError as exc:
            raise self.fail(f"The TLS handshake with {self.s.server}:{self.s.port} failed: "
                            f"{exc.reason or exc}.", category="SecurityError") from None
        except Exception as exc:
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, ssl.SSLCertVerificationError):
                raise self._cert_error(cause) from None
            if isinstance(cause, ssl.SSLError):
                raise self.fail(f"The TLS handshake with {self.s.server}:{self.s.port} failed: "
                                f"{cause.reason or cause}.", category="SecurityError") from None
            raise self._unexpected(exc) from None
        _note_tls(self.t, smtp.transport)
        self.tls = _tls_info(smtp.transport, "StartTls")
        await self.ehlo()

    async def authenticate(self):
        s = self.s
        self.step = "AUTH"
        creds = s.credentials()
        advertised = list(self.smtp.server_auth_methods or [])
        advertised = [m.upper() for m in advertised]
        skipped = []
        host = self.route.requested_host if self.route else s.server
        if self.route and "GSSAPI" in advertised:
            _use_lab_kerberos(s.home, creds)
        tried_gss = set()
        while True:
            mech = sasl.choose(s.mechanism, [m for m in advertised if m not in tried_gss],
                               creds, host, skipped)
            prepared = None
            if mech == "GSSAPI":
                try:
                    prepared = sasl.gssapi_context(creds, host)
                except MailError as exc:
                    if s.mechanism.upper() != "AUTO":
                        exc.transcript = self.t
                        self.t.error(exc.message)
                        raise
                    skipped.append(("GSSAPI", exc.message))
                    tried_gss.add("GSSAPI")
                    continue
            break
        for m, why in skipped:
            self.t.note(f"AUTH {m} skipped: {why}")
        self.skipped = skipped
        if mech is None:
            if (creds.has_password or creds.has_token) and s.mechanism.upper() == "AUTO":
                why = ("the server offers no AUTH" if not advertised else
                       f"the server offers AUTH {' '.join(advertised)}, none usable")
                self.t.note(f"credentials given but {why}; continuing anonymously as "
                            "SmtpClient does")
                self.anonymous_reason = why
            return None
        self.t.note(f"AUTH mechanism {mech}" + (" (Auto: .NET SmtpClient order GSSAPI, NTLM, "
                                                "LOGIN, PLAIN)" if s.mechanism.upper() == "AUTO"
                                                else ""))
        try:
            if mech == "GSSAPI":
                outcome = await sasl._gssapi(self.smtp, creds, host, self.t, s.timeout, prepared)
            else:
                outcome = await sasl.authenticate(self.smtp, mech, creds, host, self.t,
                                                  s.timeout)
        except MailError as exc:
            exc.transcript = self.t
            exc.step = "AUTH"
            self.t.error(exc.message + " (no other mechanism is tried after a refusal)")
            raise
        self.auth = outcome
        return outcome

    async def quit(self):
        smtp = self.smtp
        if smtp is None or not smtp.is_connected:
            return
        self.step = "QUIT"
        try:
            await smtp.quit(timeout=min(self.s.timeout, 10))
        except Exception:
            smtp.close()

    def close(self):
        if self.smtp is not None:
            try:
                self.smtp.close()
            except Exception:
                pass
        self.t.flush()
        if any(ln.kind == "note" and ln.text.startswith("Connected to") for ln in self.t.lines):
            self.t.note("Connection closed with remote host.")


def _use_lab_kerberos(home, creds):
    """Point the Kerberos library at the lab realm (only for connections the lab answers,
    and only when the lab runs a KDC); 'LAB\\alice' becomes the principal 'alice'."""
    import os
    from .labserver import state as labstate
    st = labstate.read_state(home) or {}
    kerb = st.get("kerberos")
    if not kerb:
        return
    for k, v in kerb.get("env", {}).items():
        os.environ[k] = v
    if creds.user and "\\" in creds.user:
        creds.kerberos_user = creds.user.split("\\", 1)[1]


def _is_ip(host):
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)
        return True
    except (OSError, ValueError):
        return False


_LOCAL = None


def _local_hostname():
    # socket.getfqdn() can block on odd resolvers; the short name is what EHLO needs here
    global _LOCAL
    if _LOCAL is None:
        name = socket.gethostname() or "localhost"
        _LOCAL = re.sub(r"[^A-Za-z0-9.-]", "-", name)
    return _LOCAL


def _queue_id(reply):
    m = re.search(r"queued as ([A-Za-z0-9]+)", reply or "")
    if m:
        return m.group(1)
    m = re.search(r"InternalId=(\d+)", reply or "")
    if m:
        return m.group(1)
    m = re.search(r"<([^>]+)>", reply or "")
    return m.group(1) if m else None


async def send_mail_async(settings: SmtpSettings, message: MailMessage, transcript=True):
    t = Transcript(redact=settings.redact)
    result = SendResult()
    result.Server, result.Port = settings.server, settings.port
    result.From, result.Subject = message.sender, message.subject
    result.Transcript = t
    sess = _Session(settings, t)
    sess.anonymous_reason = None
    start = time.perf_counter()
    if not message.recipients:
        raise MailError("RCPT TO", "A recipient must be specified.", category="InvalidArgument")
    check_address(message.sender, "From")
    for rcpt in message.recipients:
        check_address(rcpt, "recipient")
    try:
        await sess.open()
        result.Lab = t.lab
        await sess.ehlo()
        if settings.encryption == "StartTls":
            await sess.starttls()
        outcome = await sess.authenticate()
        if outcome:
            result.Mechanism = outcome.mechanism
            result.AuthenticatedAs = outcome.user
            result.AuthDetails = outcome.details
        if sess.anonymous_reason:
            result.Warnings.append("Credentials were given but not used: "
                                   f"{sess.anonymous_reason}; the mail was sent anonymously.")
        result.AuthSkipped = [f"{mech}: {why}" for mech, why in getattr(sess, "skipped", [])]
        raw = message.build(settings.local_hostname or _local_hostname())
        smtp = sess.smtp
        sess.step = "MAIL FROM"
        mail_opts = []
        if smtp.supports_extension("size"):
            mail_opts.append(f"SIZE={len(raw)}")
        if smtp.supports_extension("8bitmime") and any(b > 127 for b in raw):
            mail_opts.append("BODY=8BITMIME")
        resp = await smtp.execute_command(
            b"MAIL", f"FROM:<{envelope_address(message.sender)}>".encode(),
            *[o.encode() for o in mail_opts])
        if resp.code != 250:
            advice = ""
            if resp.code == 530:
                advice = (" (the server wants authentication: give -Credential, or check the "
                          "farm's SMTP credentials)")
            raise sess._reply_error("The sender was refused", resp, advice)
        sess.step = "RCPT TO"
        rcpt_opts = []
        if message.notify and smtp.supports_extension("dsn"):
            rcpt_opts.append("NOTIFY=" + ",".join(message.notify))
        for rcpt in message.recipients:
            addr = envelope_address(rcpt)
            resp = await smtp.execute_command(b"RCPT", f"TO:<{addr}>".encode(),
                                              *[o.encode() for o in rcpt_opts])
            if resp.code in (250, 251):
                result.Accepted.append(addr)
            else:
                result.Rejected.append(f"{addr}: {resp.code} {resp.message}".replace("\n", " "))
        if not result.Accepted:
            resp_text = result.Rejected[0].split(": ", 1)[1] if result.Rejected else ""
            code = int(resp_text[:3]) if resp_text[:3].isdigit() else None
            raise sess.fail(f"Every recipient was refused: {'; '.join(result.Rejected)}", code,
                            resp_text)
        sess.step = "DATA"
        t.begin_data()
        from aiosmtplib.errors import SMTPDataError
        try:
            resp = await smtp.data(raw)
        except SMTPDataError as exc:
            t._in_data = False
            raise sess._reply_error("The message was refused", exc) from None
        result.ServerReply = f"{resp.code} {resp.message}".replace("\n", " ")
        result.QueueId = _queue_id(resp.message)
        await sess.quit()
    except MailError as exc:
        if exc.transcript is None:
            exc.transcript = t
        sess.close()
        result.Elapsed = _dt.timedelta(seconds=time.perf_counter() - start)
        exc.result = result
        raise
    except Exception as exc:  # anything aiosmtplib raised mid-step
        err = sess._unexpected(exc)
        sess.close()
        result.Elapsed = _dt.timedelta(seconds=time.perf_counter() - start)
        err.result = result
        raise err from None
    sess.close()
    result.Encryption = sess.tls if sess.tls is not None else "None"
    result.Elapsed = _dt.timedelta(seconds=time.perf_counter() - start)
    if not transcript:
        result.Transcript = None
    return result


def run(coro):
    """Run a coroutine from synchronous code, also when the caller already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def send_mail(settings: SmtpSettings, message: MailMessage, transcript=True) -> SendResult:
    """Send one message; returns a SendResult or raises MailError (with .transcript, .result)."""
    return run(send_mail_async(settings, message, transcript))


# ---- probing (Test-SmtpServer) --------------------------------------------------------------

async def probe_async(server, port, implicit_tls=False, ca_file=None, skip_check=False,
                      timeout=30.0, test_anonymous=False, sender="postmaster@spshell.test",
                      recipient="postmaster@spshell.test", home=None, redact=True):
    """Test-SmtpServer's conversation for one port. Never raises for server behaviour: the
    answer (including a failure) is in the returned SmtpServerInfo."""
    start = time.perf_counter()
    info = await _probe_once(server, port, implicit_tls, ca_file, skip_check, timeout,
                             test_anonymous, sender, recipient, home, redact, verify=True)
    if info.Error and getattr(info, "_cert_error", None) and not skip_check:
        # The certificate was refused: look again without validation so the report still
        # shows the extensions, AUTH lists and the certificate itself, marked untrusted.
        verify_error = info._cert_error
        first = info.Transcript
        info = await _probe_once(server, port, implicit_tls, ca_file, True, timeout,
                                 test_anonymous, sender, recipient, home, redact, verify=False)
        first.lines.extend(info.Transcript.lines)
        info.Transcript = first
        if info.Certificate is not None:
            info.Certificate.Trusted = False
            info.Certificate.VerifyError = verify_error
    info.Elapsed = _dt.timedelta(seconds=time.perf_counter() - start)
    return info


async def _probe_once(server, port, implicit_tls, ca_file, skip_check, timeout, test_anonymous,
                      sender, recipient, home, redact, verify):
    info = SmtpServerInfo(server, port)
    t = Transcript(redact=redact)
    info.Transcript = t
    info._cert_error = None
    settings = SmtpSettings(server, port, "Tls" if implicit_tls else "None", "Anonymous",
                            ca_file=ca_file, skip_certificate_check=skip_check or not verify,
                            timeout=timeout, home=home, redact=redact)
    # the name match is reported separately, so a mismatch must not stop the probe
    settings.check_hostname = False
    sess = _Session(settings, t)
    info.ImplicitTls = implicit_tls
    try:
        await sess.open()
        info.Lab = t.lab
        received = [ln.text for ln in t.lines if ln.kind == "received"]
        info.Banner = received[0] if received else None
        if implicit_tls:
            info.Tls = sess.tls
            info.Certificate = _cert_of(sess, server, not (skip_check or not verify))
        await sess.ehlo()
        info.Extensions = _extensions(sess.smtp)
        auth = [m.upper() for m in (sess.smtp.server_auth_methods or [])]
        if implicit_tls:
            info.AuthAfterTls = auth
        else:
            info.AuthBeforeTls = auth
            info.StartTlsOffered = sess.smtp.supports_extension("starttls")
            if info.StartTlsOffered:
                await sess.starttls()
                info.Tls = sess.tls
                info.Certificate = _cert_of(sess, server, not (skip_check or not verify))
                info.Extensions = _extensions(sess.smtp)
                info.AuthAfterTls = [m.upper() for m in (sess.smtp.server_auth_methods or [])]
        if test_anonymous:
            sess.step = "MAIL FROM"
            resp = await sess.smtp.execute_command(b"MAIL", f"FROM:<{sender}>".encode())
            if resp.code == 250:
                sess.step = "RCPT TO"
                resp = await sess.smtp.execute_command(b"RCPT", f"TO:<{recipient}>".encode())
            info.AnonymousAccepted = resp.code in (250, 251)
            info.AnonymousReply = f"{resp.code} {resp.message}".replace("\n", " ")
            if sess.smtp.is_connected:
                sess.step = "RSET"
                await sess.smtp.execute_command(b"RSET")
        await sess.quit()
    except MailError as exc:
        info.Error = f"{exc.step}: {exc.message}"
        if exc.category == "SecurityError" and "certificate" in exc.message:
            info._cert_error = exc.message
    except Exception as exc:
        err = sess._unexpected(exc)
        info.Error = f"{err.step}: {err.message}"
    sess.close()
    return info


def _extensions(smtp):
    resp = smtp.last_ehlo_response
    if resp is None:
        return []
    lines = resp.message.split("\n")[1:]
    return [ln.strip() for ln in lines if ln.strip()]


def _cert_of(sess, server, verified):
    name = sess.route.requested_host if sess.route else server
    return certificate_info(sess.smtp.transport, name, verified)


def probe(server, port, **kw):
    return run(probe_async(server, port, **kw))
