"""Transcript notation, NTLM/Kerberos summaries and mechanism choice, without a server."""
from __future__ import annotations

import pytest

import mailtesthelp  # noqa: F401  (puts the repository on sys.path)


def test_transcript_notation():
    from cmdlets.mail.transcript import Transcript
    t = Transcript()
    t.note("Trying 127.0.0.1:25...")
    t.received(b"220 hi\r\n250-a", False)
    t.received(b"\r\n", False)
    t.sent(b"EHLO x\r\n", False)
    t.received(b"530 5.7.1 no\r\n", False)
    t.sent(b"EHLO x\r\n", True)
    t.received(b"250 ok\r\n554 no\r\n", True)
    t.error("boom")
    assert t.Lines == ["=== Trying 127.0.0.1:25...", "<-  220 hi", "<-  250-a", " -> EHLO x",
                       "<** 530 5.7.1 no", " ~> EHLO x", "<~  250 ok", "<~* 554 no",
                       "*** boom"]


def test_transcript_redaction_and_reveal():
    from cmdlets.mail.transcript import Transcript
    for redact in (True, False):
        t = Transcript(redact=redact)
        t.redact_next("<password redacted>")
        t.sent(b"c2VjcmV0\r\n", True)
        t.sent(b"NEXT\r\n", True)
        assert t.Lines[1] == " ~> NEXT"
        assert (t.Lines[0] == " ~> <password redacted>") == redact
        assert ("c2VjcmV0" in str(t)) == (not redact)


def test_transcript_data_is_capped():
    from cmdlets.mail import transcript as tr
    t = tr.Transcript()
    t.begin_data()
    body = b"".join(b"line %d\r\n" % i for i in range(tr.MAX_DATA_LINES + 50)) + b".\r\n"
    t.sent(body, False)
    lines = t.Lines
    assert lines[-1] == " -> ."
    assert "(50 more lines of message data not shown)" in lines[-2]
    t.sent(b"QUIT\r\n", False)
    assert t.Lines[-1] == " -> QUIT"


def test_transcript_control_characters_escaped():
    from cmdlets.mail.transcript import Transcript
    t = Transcript()
    t.received(b"334 VXNlciBOYW1l\x00\x1b[31m\r\n", False)
    assert t.Lines[0] == "<-  334 VXNlciBOYW1l\\x00\\x1b[31m"


def test_ntlm_messages_parsed():
    import spnego
    from cmdlets.mail.ntlmsummary import parse_ntlm
    import os
    import tempfile
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write("LAB:alice:pw\n")
    os.environ["NTLM_USER_FILE"] = f.name
    c = spnego.client("LAB\\alice", "pw", hostname="h", service="SMTP", protocol="ntlm")
    s = spnego.server(protocol="ntlm")
    neg = c.step()
    chal = s.step(neg)
    auth = c.step(chal)
    s.step(auth)
    n, ch, a = parse_ntlm(neg), parse_ntlm(chal), parse_ntlm(auth)
    assert n.kind == "NEGOTIATE" and "NTLM" in n.summary()
    assert ch.kind == "CHALLENGE" and ch.target
    assert a.kind == "AUTHENTICATE" and a.domain == "LAB" and a.user == "alice"
    assert a.version == "NTLMv2"
    assert "pw" not in a.summary().replace("NTLM", "")
    assert parse_ntlm(b"garbage") is None


def test_krb5_parse_rejects_non_kerberos():
    from cmdlets.mail.ntlmsummary import parse_krb5_apreq
    assert parse_krb5_apreq(b"NTLMSSP\x00\x01\x00\x00\x00") is None
    assert parse_krb5_apreq(b"\x60\x03\x06\x01\x00") is None




def test_choose_order_and_restrictions():
    from cmdlets.mail import sasl
    creds = sasl.Credentials("u", "p")
    skipped = []
    real = sasl.kerberos_unavailable_reason
    sasl.kerberos_unavailable_reason = lambda: "none"
    try:
        assert sasl.choose("Auto", ["GSSAPI", "NTLM", "LOGIN"], creds, "h", skipped) == "NTLM"
        assert skipped == [("GSSAPI", "none")]
    finally:
        sasl.kerberos_unavailable_reason = real
    assert sasl.choose("Auto", ["PLAIN", "LOGIN"], creds, "h", []) == "LOGIN"
    assert sasl.choose("Auto", ["CRAM-MD5"], creds, "h", []) is None  # not in SmtpClient's set
    assert sasl.choose("Auto", ["LOGIN"], sasl.Credentials(), "h", []) is None
    assert sasl.choose("Anonymous", ["LOGIN"], creds, "h", []) is None
    assert sasl.choose("cram-md5", ["CRAM-MD5"], creds, "h", []) == "CRAM-MD5"
    tok = sasl.Credentials("u", None, "t")
    assert sasl.choose("Auto", ["LOGIN", "XOAUTH2"], tok, "h", []) == "XOAUTH2"
    from cmdlets.mail.errors import MailError
    with pytest.raises(MailError, match="does not offer AUTH NTLM"):
        sasl.choose("NTLM", ["LOGIN"], creds, "h", [])
    with pytest.raises(MailError, match="no OAuth token"):
        sasl.choose("XOAUTH2", ["XOAUTH2"], creds, "h", [])


def test_settings_repr_has_no_secret():
    from cmdlets.mail.client import SmtpSettings
    from spshell.runtime.objects import SecureString
    s = SmtpSettings("h", 25, password=SecureString("TopSecret"), user="u")
    assert "TopSecret" not in repr(s)


def test_message_build_headers(tmp_path):
    from cmdlets.mail.client import MailMessage
    att = tmp_path / "r.csv"
    att.write_text("a,b\n1,2\n")
    m = MailMessage("A <a@x.test>", ["b@x.test", "c@x.test"], "Sübject", "<b>hi</b>",
                    cc=["d@x.test"], bcc=["e@x.test"], reply_to="r@x.test", html=True,
                    attachments=[att], priority="High")
    raw = m.build("host").decode()
    assert "To: b@x.test, c@x.test" in raw and "Cc: d@x.test" in raw
    assert "e@x.test" not in raw  # Bcc only in the envelope
    assert "X-Priority: 1" in raw and "Reply-To: r@x.test" in raw
    assert "text/html" in raw and 'filename="r.csv"' in raw
    assert m.recipients == ["b@x.test", "c@x.test", "d@x.test", "e@x.test"]


def test_addresses_split_and_checked():
    from cmdlets.mail.client import _addresses, check_address
    from cmdlets.mail.errors import MailError
    assert _addresses(["a@x.test, b@x.test", '"Doe, Jane" <j@x.test>']) == [
        "a@x.test", "b@x.test", '"Doe, Jane" <j@x.test>']
    assert check_address("Alice <a@x.test>", "From") == "a@x.test"
    assert check_address("<a@x.test>", "From") == "a@x.test"
    for bad in ("bad address", "x", "a@b c", ""):
        with pytest.raises(MailError, match="not in the form required for an e-mail address"):
            check_address(bad, "To")
