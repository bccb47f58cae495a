"""Faults: each gives one clear MailError naming the step and quoting the server."""
from __future__ import annotations

import socket
import ssl
import time

import pytest

from mailtesthelp import read_line


def send(server, port, encryption="None", timeout=5, **kw):
    from cmdlets.mail.client import MailMessage, SmtpSettings, send_mail
    st = SmtpSettings(server, port, encryption, "Anonymous", timeout=timeout, **kw)
    return send_mail(st, MailMessage("a@lab.test", "b@lab.test", "s", "b"))


def error_of(*args, **kw):
    from cmdlets.mail.errors import MailError
    with pytest.raises(MailError) as info:
        send(*args, **kw)
    err = info.value
    assert "Traceback" not in err.message
    return err


def smtp_until(conn, stop_after):
    """A minimal well-behaved SMTP dialogue up to (and excluding) the command ``stop_after``."""
    conn.sendall(b"220 fake ESMTP\r\n")
    while True:
        line = read_line(conn)
        if not line:
            return None
        cmd = line.split(b" ")[0].strip().upper()
        if cmd == stop_after:
            return line
        if cmd == b"EHLO":
            conn.sendall(b"250-fake\r\n250 OK\r\n")
        elif cmd == b"QUIT":
            conn.sendall(b"221 bye\r\n")
            return None
        else:
            conn.sendall(b"250 OK\r\n")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused():
    port = free_port()
    err = error_of("127.0.0.1", port)
    assert err.step == "connect" and "connection refused" in err.message
    assert err.category == "ConnectionError"


def test_dns_failure():
    err = error_of("no-such-host.spshell.invalid", 25)
    assert err.step == "DNS" and "could not be resolved" in err.message


def test_stalled_banner_timeout_honoured(scripted):
    srv = scripted(lambda conn: time.sleep(5))
    t0 = time.monotonic()
    err = error_of("127.0.0.1", srv.port, timeout=1)
    assert time.monotonic() - t0 < 3
    assert err.category == "OperationTimeout"
    assert "1 s" in err.message


def test_stall_after_ehlo(scripted):
    def behaviour(conn):
        conn.sendall(b"220 fake\r\n")
        read_line(conn)
        time.sleep(5)
    srv = scripted(behaviour)
    err = error_of("127.0.0.1", srv.port, timeout=1)
    assert err.step == "EHLO" and err.category == "OperationTimeout"


def test_drop_in_the_middle_of_data(scripted):
    def behaviour(conn):
        if smtp_until(conn, b"DATA"):
            conn.sendall(b"354 go ahead\r\n")
            conn.recv(10)
            conn.shutdown(socket.SHUT_RDWR)
            conn.close()
    srv = scripted(behaviour)
    err = error_of("127.0.0.1", srv.port)
    assert err.step == "DATA"
    assert "closed the connection" in err.message


def test_garbage_reply(scripted):
    def behaviour(conn):
        conn.sendall(b"HELLO I AM NOT SMTP\r\n")
        time.sleep(1)
    srv = scripted(behaviour)
    err = error_of("127.0.0.1", srv.port)
    assert "invalid reply" in err.message and "HELLO I AM NOT SMTP" in err.message


def test_over_long_line(scripted):
    def behaviour(conn):
        conn.sendall(b"220 " + b"x" * 20000 + b"\r\n")
        time.sleep(1)
    srv = scripted(behaviour)
    err = error_of("127.0.0.1", srv.port)
    assert "too long" in err.message.lower()
    # the transcript keeps evidence, shortened
    assert all(len(line) < 1200 for line in err.transcript.Lines)


def test_rejected_banner(scripted):
    srv = scripted(lambda conn: (conn.sendall(b"554 5.7.1 go away\r\n"), time.sleep(1)))
    err = error_of("127.0.0.1", srv.port)
    assert err.step == "banner" and err.code == 554 and "5.7.1 go away" in err.message


def test_starttls_required_but_not_offered(scripted):
    srv = scripted(lambda conn: smtp_until(conn, b"NEVER"))
    err = error_of("127.0.0.1", srv.port, encryption="StartTls")
    assert err.step == "STARTTLS" and "does not offer it" in err.message
    text = str(err.transcript)
    assert "MAIL FROM" not in text  # nothing was sent in the clear


def test_recipient_refused(scripted):
    def behaviour(conn):
        line = smtp_until(conn, b"RCPT")
        if line:
            conn.sendall(b"550 5.1.1 User unknown\r\n")
            smtp_until_quit(conn)
    srv = scripted(behaviour)
    err = error_of("127.0.0.1", srv.port)
    assert err.step == "RCPT TO" and err.code == 550 and "User unknown" in err.message


def smtp_until_quit(conn):
    while True:
        line = read_line(conn)
        if not line or line.upper().startswith(b"QUIT"):
            conn.sendall(b"221 bye\r\n")
            return
        conn.sendall(b"250 OK\r\n")


def test_bad_certificate(tmp_path, scripted):
    from cmdlets.mail.labserver.certs import make_self_signed
    cert, key = make_self_signed(tmp_path, "localhost")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)

    def behaviour(conn):
        conn.sendall(b"220 fake\r\n")
        read_line(conn)
        conn.sendall(b"250-fake\r\n250-STARTTLS\r\n250 OK\r\n")
        read_line(conn)
        conn.sendall(b"220 go ahead\r\n")
        try:
            tls = ctx.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError):
            return
        smtp_until_tls(tls)

    srv = scripted(behaviour)
    err = error_of("localhost", srv.port, encryption="StartTls")
    assert err.step == "STARTTLS" and err.category == "SecurityError"
    assert "certificate" in err.message and "-SkipCertificateCheck" in err.message
    # trusting it explicitly works
    r = send("localhost", srv.port, encryption="StartTls", ca_file=cert)
    assert r.Encryption.Mode == "StartTls"
    r = send("localhost", srv.port, encryption="StartTls", skip_certificate_check=True)
    assert r.Accepted == ["b@lab.test"]


def smtp_until_tls(tls):
    while True:
        line = read_line(tls)
        if not line:
            return
        cmd = line.split(b" ")[0].strip().upper()
        if cmd == b"EHLO":
            tls.sendall(b"250-fake\r\n250 OK\r\n")
        elif cmd == b"DATA":
            tls.sendall(b"354 go\r\n")
            buf = b""
            while not buf.endswith(b"\r\n.\r\n"):
                chunk = tls.recv(4096)
                if not chunk:
                    return
                buf += chunk
            tls.sendall(b"250 2.0.0 Ok: queued as ABC123\r\n")
        elif cmd == b"QUIT":
            tls.sendall(b"221 bye\r\n")
            return
        else:
            tls.sendall(b"250 OK\r\n")


def test_probe_reports_untrusted_certificate(tmp_path, scripted):
    from cmdlets.mail.client import probe
    from cmdlets.mail.labserver.certs import make_self_signed
    cert, key = make_self_signed(tmp_path, "localhost")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)

    def behaviour(conn):
        conn.sendall(b"220 fake\r\n")
        read_line(conn)
        conn.sendall(b"250-fake\r\n250-STARTTLS\r\n250-AUTH NTLM\r\n250 OK\r\n")
        read_line(conn)
        conn.sendall(b"220 go ahead\r\n")
        try:
            tls = ctx.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError):
            return
        smtp_until_tls(tls)

    srv = scripted(behaviour)
    info = probe("localhost", srv.port, timeout=5)
    assert info.Error is None
    assert info.Certificate is not None and info.Certificate.Trusted is False
    assert info.Certificate.MatchesName is True
    assert "CN=localhost" in info.Certificate.Subject
    assert info.AuthBeforeTls == ["NTLM"]
    assert "NOT trusted" in info.Summary
