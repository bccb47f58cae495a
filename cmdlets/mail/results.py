"""Result objects of the mail cmdlets, with their default views (``__ps_default_display__``)."""
from __future__ import annotations


class TlsInfo:
    """The negotiated TLS session, e.g. ``TLSv1.3 TLS_AES_256_GCM_SHA384 (256 bits)``."""

    __ps_type__ = "spshell.Mail.TlsInfo"
    __ps_default_display__ = ("Mode", "Protocol", "Cipher", "Bits")

    def __init__(self, mode, protocol, cipher, bits, certificate=None):
        self.Mode = mode  # StartTls | Tls
        self.Protocol = protocol
        self.Cipher = cipher
        self.Bits = bits
        self.Certificate = certificate

    def ToString(self):
        return f"{self.Mode}: {self.Protocol} {self.Cipher} ({self.Bits} bits)"

    def __str__(self):
        return self.ToString()

    def __repr__(self):
        return f"TlsInfo({self.ToString()})"


class CertificateInfo:
    __ps_type__ = "spshell.Mail.CertificateInfo"
    __ps_default_display__ = ("Subject", "Issuer", "NotBefore", "NotAfter", "MatchesName",
                              "Trusted")

    def __init__(self, subject, issuer, not_before, not_after, names, matches_name, trusted,
                 verify_error=None):
        self.Subject = subject
        self.Issuer = issuer
        self.NotBefore = not_before
        self.NotAfter = not_after
        self.DnsNames = list(names)
        self.MatchesName = matches_name
        self.Trusted = trusted
        self.VerifyError = verify_error

    def ToString(self):
        return self.Subject

    def __str__(self):
        return self.Subject


class SendResult:
    """What Send-TestMail / send_mail return."""

    __ps_type__ = "spshell.Mail.SendResult"
    __ps_default_display__ = ("Server", "Port", "Encryption", "Mechanism", "AuthenticatedAs",
                              "Accepted", "QueueId", "Elapsed", "Lab")

    def __init__(self):
        self.Server = None
        self.Port = None
        self.Encryption = "None"
        self.Mechanism = "Anonymous"
        self.AuthenticatedAs = None
        self.AuthDetails = None
        self.Accepted = []
        self.Rejected = []
        self.ServerReply = None
        self.QueueId = None
        self.Elapsed = None
        self.Transcript = None
        self.Lab = None  # description of the lab listener when the lab took the connection
        self.Warnings = []
        self.AuthSkipped = []  # mechanisms Auto passed over before sending anything, and why
        self.From = None
        self.Subject = None
        self.SettingsSource = None  # "explicit" | "farm (Central Administration)" | web app URL

    @property
    def Sent(self):
        return bool(self.Accepted) and self.ServerReply is not None

    def __repr__(self):
        return (f"SendResult({self.Server}:{self.Port} {self.Mechanism} "
                f"accepted={self.Accepted})")


class SmtpServerInfo:
    """One port of Test-SmtpServer."""

    __ps_type__ = "spshell.Mail.SmtpServerInfo"
    __ps_default_display__ = ("Server", "Port", "Summary")
    # several ports side by side, one line each
    __ps_view__ = "table"
    __ps_table_columns__ = [("Server", "Server"), ("Port", "Port", None, "right"),
                            ("Summary", "Summary")]

    def __init__(self, server, port):
        self.Server = server
        self.Port = port
        self.Banner = None
        self.Extensions = []
        self.AuthBeforeTls = []
        self.AuthAfterTls = []
        self.StartTlsOffered = False
        self.ImplicitTls = False
        self.Tls = None
        self.Certificate = None
        self.AnonymousAccepted = None  # None = not tested
        self.AnonymousReply = None
        self.Lab = None
        self.Error = None
        self.Transcript = None
        self.Elapsed = None

    @property
    def AuthMechanisms(self):
        return self.AuthAfterTls if (self.Tls is not None) else self.AuthBeforeTls

    @property
    def Summary(self):
        if self.Error:
            return f"error: {self.Error}"
        parts = []
        if self.ImplicitTls:
            parts.append(f"implicit TLS {self.Tls.Protocol}" if self.Tls else "implicit TLS")
        elif self.Tls is not None:
            parts.append(f"STARTTLS {self.Tls.Protocol}")
        elif self.StartTlsOffered:
            parts.append("STARTTLS offered")
        else:
            parts.append("no TLS")
        before = " ".join(self.AuthBeforeTls)
        after = " ".join(self.AuthAfterTls)
        if self.ImplicitTls:
            parts.append(f"AUTH {after or '(none)'}")
        else:
            parts.append(f"AUTH {before or '(none)'}")
            if self.Tls is not None and after != before:
                parts.append(f"after TLS {after or '(none)'}")
        if self.AnonymousAccepted is True:
            parts.append("anonymous")
        elif self.AnonymousAccepted is False:
            parts.append("auth required")
        if self.Certificate is not None and not (self.Certificate.Trusted
                                                 and self.Certificate.MatchesName):
            parts.append("certificate NOT trusted" if not self.Certificate.Trusted
                         else "certificate name mismatch")
        return "; ".join(parts)

    def ToString(self):
        return f"port {self.Port}: {self.Summary}"

    def __str__(self):
        return self.ToString()


class LabListenerInfo:
    __ps_type__ = "spshell.Mail.LabListener"
    __ps_default_display__ = ("Name", "Profile", "StandsFor", "Port", "Tls", "Auth")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Name", "Name"), ("StandsFor", "StandsFor", None, "right"),
                            ("Port", "Port", None, "right"), ("Tls", "Tls"), ("Auth", "Auth")]

    def __init__(self, d):
        self.Name = d["name"]
        self.Profile = d["profile"]
        self.StandsFor = d["standsFor"]
        self.Port = d["port"]
        self.Tls = d["tls"]
        self.Auth = d.get("auth", "")

    def ToString(self):
        return f"{self.Name} -> 127.0.0.1:{self.Port}"


class LabServerInfo:
    __ps_type__ = "spshell.Mail.LabServer"
    __ps_default_display__ = ("Running", "ProcessId", "Listeners", "HostNames", "Users",
                              "Messages")

    def __init__(self, state, users, messages, home, kerberos=None):
        self.Running = state is not None
        self.ProcessId = state.get("pid") if state else None
        self.Listeners = [LabListenerInfo(d) for d in state.get("listeners", [])] if state else []
        self.HostNames = sorted(state.get("hostNames", {})) if state else []
        self.Users = users
        self.Messages = messages
        self.CertificateAuthorityFile = state.get("caFile") if state else None
        self.MailboxPath = str(home / "mail" / "lab" / "mailbox")
        self.StartTime = state.get("started") if state else None
        self.BasicAuthDisabled = bool(state.get("basicAuthDisabled")) if state else False
        # "realm LAB.TEST, KDC 127.0.0.1:<port>, services smtp/..." (None without -Kerberos)
        self.Kerberos = (f"realm {kerberos['realm']}, KDC 127.0.0.1:{kerberos['port']}, "
                         f"services {' '.join(kerberos.get('services', []))}"
                         if isinstance(kerberos, dict) else kerberos)

    def ToString(self):
        if not self.Running:
            return "lab mail server: not running"
        return "lab mail server: " + ", ".join(
            f"{lst.Name}=127.0.0.1:{lst.Port}" for lst in self.Listeners)


class LabMessage:
    """A captured message (Get-LabMail)."""

    __ps_type__ = "spshell.Mail.LabMessage"
    __ps_default_display__ = ("Received", "From", "To", "Subject", "AuthenticatedAs",
                              "Mechanism", "Listener")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Received", lambda m: m.Received.strftime("%H:%M:%S")
                             if hasattr(m.Received, "strftime") else m.Received),
                            ("From", "From"), ("To", lambda m: ", ".join(m.To)),
                            ("Subject", "Subject"), ("AuthenticatedAs", "AuthenticatedAs"),
                            ("Mechanism", "Mechanism"), ("Listener", "Listener")]

    def __init__(self, meta, path):
        self.Id = meta.get("id")
        self.Received = _parse_time(meta.get("received"))
        self.From = meta.get("mailFrom")
        self.To = meta.get("rcptTos", [])
        self.Subject = meta.get("subject")
        self.AuthenticatedAs = meta.get("authenticatedAs")
        self.Mechanism = meta.get("mechanism") or "Anonymous"
        self.Tls = meta.get("tls")
        self.Listener = meta.get("listener")
        self.StandsForPort = meta.get("standsFor")
        self.Peer = meta.get("peer")
        self.HeloName = meta.get("helo")
        self.Size = meta.get("size")
        self.QueueId = meta.get("queueId")
        self.Path = str(path)

    @property
    def Body(self):
        msg = self._parsed()
        part = msg.get_body(preferencelist=("plain", "html")) if msg.is_multipart() else msg
        try:
            return part.get_content() if part is not None else ""
        except (LookupError, KeyError):
            return part.get_payload(decode=True).decode("utf-8", "replace")

    @property
    def Headers(self):
        from spshell.runtime.objects import OrderedDictionary
        return OrderedDictionary((k, str(v)) for k, v in self._parsed().items())

    @property
    def Attachments(self):
        msg = self._parsed()
        return [p.get_filename() for p in msg.iter_attachments()] if msg.is_multipart() else []

    @property
    def Raw(self):
        with open(self.Path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def _parsed(self):
        import email
        import email.policy
        with open(self.Path, "rb") as f:
            return email.message_from_binary_file(f, policy=email.policy.default)

    def ToString(self):
        return f"{self.Subject} ({self.From} -> {', '.join(self.To)})"


def _parse_time(text):
    import datetime
    try:
        return datetime.datetime.fromisoformat(text).astimezone().replace(tzinfo=None)
    except (TypeError, ValueError):
        return text
