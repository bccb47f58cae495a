"""Test-SmtpServer: what a server offers, port by port, before and after TLS."""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.objects import SwitchParameter

from ._common import home_of, resolve_file, show_transcript


class TestSmtpServer(Cmdlet):
    name = "Test-SmtpServer"
    implementing_type = "spshell.Mail.TestSmtpServerCommand"
    output_type = "spshell.Mail.SmtpServerInfo"
    help = Help(
        synopsis="Connects to an SMTP server and reports what it offers, before and after TLS.",
        description=(
            "For each port: connects, reads the banner, sends EHLO, starts TLS when offered "
            "(implicit TLS on port 465 or with -ImplicitTls), sends EHLO again, and reports "
            "the extensions, the AUTH mechanisms before and after TLS, the TLS version and "
            "cipher, and the certificate (subject, issuer, validity, whether it matches the "
            "name and is trusted). -TestAnonymous also tries MAIL FROM/RCPT TO without "
            "authentication. Several ports are tested side by side; the Summary column reads "
            "like 'AUTH NTLM; after TLS NTLM LOGIN; anonymous'. No credentials are sent."),
        examples=[
            Example("Test-SmtpServer mail.contoso.com -Port 25,587 -TestAnonymous",
                    "Compares the two ports: mechanisms, TLS and whether anonymous mail is "
                    "accepted."),
            Example("Test-SmtpServer smtp.office365.com -Port 587 | Format-List *",
                    "Everything about one port, including the certificate."),
        ])

    SmtpServer = Parameter(str, mandatory=True, position=0, aliases=("ComputerName", "Server"),
                           help="SMTP server name or address.")
    Port = Parameter("int[]", position=1, default=None, help="Ports to test (default 25).")
    ImplicitTls = Parameter(SwitchParameter, help="Start TLS on connect on every port (465 "
                                                  "always does).")
    TestAnonymous = Parameter(SwitchParameter, help="Try MAIL FROM/RCPT TO without AUTH.")
    From = Parameter(str, default="postmaster@spshell.test", help="Sender for -TestAnonymous.")
    To = Parameter(str, default="postmaster@spshell.test", help="Recipient for -TestAnonymous.")
    CertificateAuthorityFile = Parameter(str, help="PEM file of extra trusted CAs.")
    SkipCertificateCheck = Parameter(SwitchParameter, help="Do not judge the certificate.")
    TimeoutSec = Parameter(int, default=30, validate_range=(1, 3600), help="Seconds per step.")
    ShowTranscript = Parameter(SwitchParameter, help="Print each conversation.")

    def process(self):
        import asyncio

        from .client import probe_async, run
        from .labserver import state as labstate

        home = home_of(self)
        ports = list(self.Port or [25])
        ca = str(resolve_file(self, self.CertificateAuthorityFile)) \
            if self.CertificateAuthorityFile else None

        def implicit(port):
            if self.ImplicitTls or port == 465:
                return True
            try:
                route = labstate.resolve(home, self.SmtpServer, port)
            except Exception:
                route = None
            return bool(route and route.listener.get("tls") == "Tls")

        async def all_ports():
            return await asyncio.gather(*[
                probe_async(self.SmtpServer, p, implicit_tls=implicit(p), ca_file=ca,
                            skip_check=bool(self.SkipCertificateCheck),
                            timeout=self.TimeoutSec or 30,
                            test_anonymous=bool(self.TestAnonymous), sender=self.From,
                            recipient=self.To, home=home) for p in ports])

        for info in run(all_ports()):
            if self.ShowTranscript:
                show_transcript(self, info.Transcript)
            if info.Error:
                self.write_warning(f"{self.SmtpServer}:{info.Port}: {info.Error}")
            self.write_object(info)
