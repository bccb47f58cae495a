"""The SMTP client against the lab server (a real background process, real TLS, real NTLM)."""
from __future__ import annotations

import json

import pytest

from mailtesthelp import PASSWORD, message, settings


def send(st, subject="test", to="bob@lab.test"):
    from cmdlets.mail.client import send_mail
    return send_mail(st, message(subject, to))


def fails(st, subject="fail"):
    from cmdlets.mail.client import send_mail
    from cmdlets.mail.errors import MailError
    with pytest.raises(MailError) as info:
        send_mail(st, message(subject))
    return info.value


def captured(lab, subject):
    from cmdlets.mail.labserver import manage
    found = [m for m in manage.list_messages(lab.home) if m.Subject == subject]
    assert len(found) == 1, [m.Subject for m in manage.list_messages(lab.home)]
    return found[0]


def auth_lines(transcript):
    return [ln for ln in transcript.Lines if "AUTH " in ln and ("->" in ln or "~>" in ln)]


CASES = [
    # listener, encryption, mechanism, expected "authenticated as" fragment
    ("Exchange:25", "None", "NTLM", "alice"),
    ("Exchange:25", "StartTls", "NTLM", "alice"),
    ("Exchange:25", "StartTls", "LOGIN", "alice"),
    ("Exchange:587", "None", "NTLM", "alice"),
    ("Exchange:587", "StartTls", "LOGIN", "alice"),
    ("Exchange:465", "Tls", "PLAIN", "alice"),
    ("Exchange:465", "Tls", "LOGIN", "alice"),
    ("Exchange:465", "Tls", "NTLM", "alice"),
    ("ExchangeOnline:587", "StartTls", "LOGIN", "alice"),
]


@pytest.mark.parametrize("listener,encryption,mechanism,who", CASES)
def test_mechanism_succeeds_and_is_captured(lab, listener, encryption, mechanism, who):
    subject = f"ok {listener} {encryption} {mechanism}"
    r = send(settings(lab, listener, encryption, mechanism), subject)
    assert r.Mechanism == mechanism
    assert who in r.AuthenticatedAs.lower()
    assert r.Accepted == ["bob@lab.test"]
    assert r.ServerReply.startswith("250 2.6.0")
    assert r.QueueId
    if encryption == "None":
        assert r.Encryption == "None"
    else:
        assert r.Encryption.Mode == encryption and r.Encryption.Protocol in ("TLSv1.2", "TLSv1.3")
    m = captured(lab, subject)
    assert m.Mechanism == mechanism
    assert who in m.AuthenticatedAs.lower()
    assert m.Listener == listener
    assert (m.Tls is None) == (encryption == "None")
    assert m.QueueId == r.QueueId
    text = str(r.Transcript)
    assert PASSWORD not in text
    if encryption == "StartTls":
        assert " ~> EHLO" in text and "=== TLS started with cipher" in text


@pytest.mark.parametrize("listener,mechanism", [("Exchange:465", "CRAM-MD5"),
                                                ("Exchange:587", "PLAIN"),
                                                ("Exchange:25", "CRAM-MD5")])
def test_extra_mechanisms(lab_extra, listener, mechanism):
    enc = "Tls" if listener.endswith("465") else "StartTls"
    r = send(settings(lab_extra, listener, enc, mechanism, user="alice"), f"x {mechanism}")
    assert r.Mechanism == mechanism and r.AuthenticatedAs == "alice"


def test_xoauth2_with_lab_token(lab):
    from cmdlets.mail.labserver import users
    from spshell.runtime.objects import SecureString
    token = users.issue_token(lab.home, "alice")
    st = settings(lab, "ExchangeOnline:587", "StartTls", "XOAUTH2", user="alice@lab.test",
                  password=None, oauth_token=SecureString(token))
    r = send(st, "xoauth2 ok")
    assert r.Mechanism == "XOAUTH2" and r.AuthenticatedAs == "alice@lab.test"
    text = str(r.Transcript)
    assert token not in text and token[:40] not in text
    assert "bearer token of" in text
    assert captured(lab, "xoauth2 ok").Mechanism == "XOAUTH2"


def test_xoauth2_auto_when_only_a_token(lab):
    from cmdlets.mail.labserver import users
    from spshell.runtime.objects import SecureString
    token = users.issue_token(lab.home, "alice")
    st = settings(lab, "ExchangeOnline:587", "StartTls", "Auto", user="alice@lab.test",
                  password=None, oauth_token=SecureString(token))
    assert send(st, "xoauth2 auto").Mechanism == "XOAUTH2"


def test_xoauth2_foreign_token_refused(lab):
    from spshell.runtime.objects import SecureString
    st = settings(lab, "ExchangeOnline:587", "StartTls", "XOAUTH2", user="alice@lab.test",
                  password=None, oauth_token=SecureString("eyJhbGciOi.not-a-lab.token"))
    err = fails(st)
    assert err.step == "AUTH" and err.code == 535
    assert "not-a-lab" not in str(err.transcript)


@pytest.mark.parametrize("listener,encryption,mechanism,code", [
    ("Exchange:25", "StartTls", "NTLM", 535),
    ("Exchange:587", "StartTls", "LOGIN", 535),
    ("Exchange:465", "Tls", "PLAIN", 535),
    ("ExchangeOnline:587", "StartTls", "LOGIN", 535),
])
def test_wrong_password_one_attempt_only(lab, listener, encryption, mechanism, code):
    err = fails(settings(lab, listener, encryption, mechanism, password="wrong-pass"))
    assert err.step == "AUTH" and err.code == code
    assert len(auth_lines(err.transcript)) == 1  # no second mechanism after a refusal
    assert "wrong-pass" not in str(err.transcript) and "wrong-pass" not in err.message


def test_auto_does_not_retry_after_refusal(lab):
    # Auto on 587 after TLS would pick NTLM (GSSAPI skipped: no ticket); refused -> stop
    err = fails(settings(lab, "Exchange:587", "StartTls", "Auto", password="bad"))
    assert err.step == "AUTH"
    assert len(auth_lines(err.transcript)) == 1
    assert "AUTH NTLM" in auth_lines(err.transcript)[0]


def test_auto_follows_smtpclient_order(lab):
    # port 25 before TLS offers only NTLM; after TLS NTLM LOGIN: NTLM comes first either way
    assert send(settings(lab, "Exchange:25", "None", "Auto"), "auto25").Mechanism == "NTLM"
    assert send(settings(lab, "Exchange:25", "StartTls", "Auto"), "auto25t").Mechanism == "NTLM"
    # Exchange Online offers LOGIN XOAUTH2: with a password Auto takes LOGIN
    assert send(settings(lab, "ExchangeOnline:587", "StartTls", "Auto"),
                "autoexo").Mechanism == "LOGIN"


def test_auto_skips_gssapi_it_cannot_start(lab, monkeypatch):
    from cmdlets.mail import sasl
    monkeypatch.setattr(sasl, "kerberos_unavailable_reason", lambda: "no Kerberos here")
    r = send(settings(lab, "Exchange:587", "StartTls", "Auto"), "skipgss")
    assert r.Mechanism == "NTLM"
    assert r.AuthSkipped == ["GSSAPI: no Kerberos here"] and not r.Warnings
    assert "AUTH GSSAPI" not in "\n".join(auth_lines(r.Transcript))


def test_explicit_gssapi_unavailable_reports_reason(lab, monkeypatch):
    from cmdlets.mail import sasl
    monkeypatch.setattr(sasl, "kerberos_unavailable_reason", lambda: "no Kerberos here")
    err = fails(settings(lab, "Exchange:587", "StartTls", "GSSAPI"))
    assert err.step == "AUTH" and "no Kerberos here" in err.message
    assert not auth_lines(err.transcript)


def test_anonymous_on_port_25(lab):
    r = send(settings(lab, "Exchange:25", "StartTls", "Auto", user=None, password=None),
             "anon25")
    assert r.Mechanism == "Anonymous" and r.AuthenticatedAs is None
    assert captured(lab, "anon25").AuthenticatedAs is None


def test_login_not_offered_before_tls(lab):
    err = fails(settings(lab, "Exchange:587", "None", "LOGIN"))
    assert err.step == "AUTH" and "does not offer AUTH LOGIN" in err.message
    assert not auth_lines(err.transcript)  # nothing was sent


def test_auth_required_530(lab):
    err = fails(settings(lab, "Exchange:587", "StartTls", "Anonymous"))
    assert err.step == "MAIL FROM" and err.code == 530
    assert "5.7.1 Client was not authenticated" in err.message


def test_exchange_online_requires_starttls(lab):
    err = fails(settings(lab, "ExchangeOnline:587", "None", "Anonymous"))
    assert err.step == "MAIL FROM" and err.code == 530
    assert "5.7.0 Must issue a STARTTLS command first" in err.message


def test_exchange_online_530_5_7_57(lab):
    err = fails(settings(lab, "ExchangeOnline:587", "StartTls", "Anonymous"))
    assert err.code == 530 and "5.7.57" in err.message


def test_exchange_online_ehlo_lists(lab):
    from cmdlets.mail.client import probe
    info = probe("127.0.0.1", lab.port("ExchangeOnline:587"), home=lab.home, timeout=10)
    assert info.Error is None
    assert info.AuthBeforeTls == [] and info.AuthAfterTls == ["LOGIN", "XOAUTH2"]
    assert info.Certificate.Trusted and info.Certificate.MatchesName


def test_hostname_routing_marks_lab(lab):
    from cmdlets.mail.client import SmtpSettings, send_mail
    from spshell.runtime.objects import SecureString
    st = SmtpSettings("smtp.office365.com", 587, "StartTls", "Auto", user="alice@lab.test",
                      password=SecureString(PASSWORD), home=lab.home, timeout=10)
    r = send_mail(st, message("routed"))
    assert r.Lab and "ExchangeOnline:587" in r.Lab
    assert r.Server == "smtp.office365.com" and r.Port == 587
    text = str(r.Transcript)
    assert text.startswith("=== LAB: smtp.office365.com:587")
    # the certificate was verified against the name, with the lab CA trusted for lab routes
    assert 'TLS peer DN="/CN=' in text
    assert captured(lab, "routed").Listener == "ExchangeOnline:587"


def test_hostname_routing_picks_profile(lab):
    from cmdlets.mail.client import probe
    info = probe("mail.contoso.com", 587, home=lab.home, timeout=10)
    assert info.AuthBeforeTls == ["GSSAPI", "NTLM"]
    assert info.AuthAfterTls == ["GSSAPI", "NTLM", "LOGIN"]
    assert "Exchange:587" in info.Lab


def test_unrouted_name_without_lab_goes_to_dns(tmp_path):
    from cmdlets.mail.client import SmtpSettings, send_mail
    from cmdlets.mail.errors import MailError
    st = SmtpSettings("smtp.nonexistent-spshell.invalid", 587, "StartTls", home=tmp_path,
                      timeout=5)
    with pytest.raises(MailError) as info:
        send_mail(st, message())
    assert info.value.step == "DNS"


def test_secrets_never_leak(lab):
    from cmdlets.mail.labserver import state
    r = send(settings(lab, "Exchange:587", "StartTls", "LOGIN"), "leak-check")
    err = fails(settings(lab, "Exchange:587", "StartTls", "LOGIN", password="Wr0ng!pass"))
    blobs = [str(r.Transcript), repr(r), str(r.__dict__), str(err), str(err.transcript),
             repr(settings(lab, "Exchange:587", "StartTls"))]
    import base64
    for secret in (PASSWORD, "Wr0ng!pass"):
        b64 = base64.b64encode(secret.encode()).decode()
        for blob in blobs:
            assert secret not in blob and b64 not in blob
    for path in state.mailbox_dir(lab.home).iterdir():
        data = path.read_bytes()
        assert PASSWORD.encode() not in data and b"Wr0ng!pass" not in data
    log = (state.lab_dir(lab.home) / "server.log").read_bytes()
    assert PASSWORD.encode() not in log


def test_reveal_shows_credentials(lab):
    st = settings(lab, "Exchange:587", "StartTls", "LOGIN", redact=False)
    text = str(send(st, "revealed").Transcript)
    import base64
    assert base64.b64encode(PASSWORD.encode()).decode() in text


def test_ntlm_transcript_summaries(lab):
    r = send(settings(lab, "Exchange:25", "None", "NTLM"), "ntlm summary")
    text = str(r.Transcript)
    assert "<-  334 ntlm supported" in text
    assert "=== NTLM NEGOTIATE flags" in text
    assert "=== NTLM CHALLENGE target" in text
    assert "NTLM AUTHENTICATE (NTLMv2) domain LAB, user alice" in text


def test_capture_metadata_file(lab):
    from cmdlets.mail.labserver import state
    send(settings(lab, "Exchange:465", "Tls", "LOGIN"), "meta")
    m = captured(lab, "meta")
    meta = json.loads((state.mailbox_dir(lab.home) / f"{m.Id}.json").read_text())
    assert meta["standsFor"] == 465 and meta["mechanism"] == "LOGIN"
    assert meta["tls"].startswith("TLSv1.")
    assert "This is a test mailing" in m.Body


def _farm(lab, listener, ssl, user=None, password=None, problem=None):
    from cmdlets.mail.farmsettings import FarmMailSettings
    from spshell.runtime.objects import SecureString
    f = FarmMailSettings()
    f.server, f.port, f.enable_ssl = "127.0.0.1", lab.port(listener), ssl
    f.from_address, f.reply_to = "sharepoint@lab.test", "helpdesk@lab.test"
    f.user = user
    f.password = SecureString(password) if password else None
    f.credential_problem = problem
    f.source = "http://ca:2013/"
    return f


def test_send_with_farm_settings_authenticates(lab, monkeypatch):
    from cmdlets.mail import farmsettings
    monkeypatch.setattr(farmsettings, "read", lambda ctx, wa=None: _farm(
        lab, "Exchange:587", True, "LAB\\alice", PASSWORD))
    r = farmsettings.send_with_farm_settings(None, ["bob@lab.test"], "farm ok", "b",
                                             home=lab.home)
    assert r.Mechanism == "NTLM" and r.SettingsSource == "http://ca:2013/" and not r.Warnings
    m = captured(lab, "farm ok")
    assert m.From == "sharepoint@lab.test" and m.Headers["Reply-To"] == "helpdesk@lab.test"


def test_send_with_farm_settings_unreadable_credentials_go_anonymous(lab, monkeypatch):
    from cmdlets.mail import farmsettings
    monkeypatch.setattr(farmsettings, "read", lambda ctx, wa=None: _farm(
        lab, "Exchange:25", False, "LAB\\alice", None,
        problem="the application credential key wasn't found on this server."))
    r = farmsettings.send_with_farm_settings(None, ["bob@lab.test"], "farm anon", "b",
                                             home=lab.home)
    assert r.Mechanism == "Anonymous" and "cannot read the credentials" in r.Warnings[0]
    assert captured(lab, "farm anon").AuthenticatedAs is None


def test_client_dropping_mid_data_leaves_nothing(lab):
    import socket
    import time
    from cmdlets.mail.labserver import state
    before = sorted(p.name for p in state.mailbox_dir(lab.home).iterdir())
    with socket.create_connection(("127.0.0.1", lab.port("Exchange:25")), timeout=5) as s:
        f = s.makefile("rb")
        f.readline()
        for cmd in (b"EHLO drop\r\n", b"MAIL FROM:<a@lab.test>\r\n", b"RCPT TO:<b@lab.test>\r\n",
                    b"DATA\r\n"):
            s.sendall(cmd)
            line = f.readline()
            while line[3:4] == b"-":
                line = f.readline()
        s.sendall(b"Subject: half\r\n\r\nthe first half of a message")
    time.sleep(0.3)
    after = sorted(p.name for p in state.mailbox_dir(lab.home).iterdir())
    assert after == before
