"""Against software we did not write: Postfix + Cyrus SASL, swaks, MIT Kerberos.

Marked smtp/slow; .ci/mail-deps.sh installs the Debian packages they need. A missing package is
a failure under CI (CI=true) and a skip on a developer machine without it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from mailtesthelp import PASSWORD

pytestmark = [pytest.mark.smtp, pytest.mark.slow]


def need(tool_ok, what):
    if not tool_ok:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is not installed (run .ci/mail-deps.sh)")
        pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def relay_lab(tmp_path_factory):
    from cmdlets.mail.labserver import manage
    home = tmp_path_factory.mktemp("peerlab")
    state = manage.start(home, profiles=["Exchange"], ports=[0],
                         credentials=[("alice", PASSWORD)])
    yield home, state
    manage.stop(home)


@pytest.fixture(scope="module")
def postfix(relay_lab):
    import postfix_lab
    need(postfix_lab.available(), "Postfix/Cyrus SASL")
    home, state = relay_lab
    tls = Path(state["caFile"]).parent
    base = Path(tempfile.mkdtemp(prefix="spshell-postfix-", dir="/tmp"))
    port25 = next(lst["port"] for lst in state["listeners"] if lst["name"] == "Exchange:25")
    pf = postfix_lab.PostfixLab(base, tls / "server.pem", tls / "server.key",
                                [("alice", PASSWORD)], port25,
                                ["PLAIN", "LOGIN", "CRAM-MD5", "NTLM"])
    pf.start()
    yield pf, state
    pf.stop()
    shutil.rmtree(base, ignore_errors=True)


def send(server, port, enc, mech, ca, user="alice", password=PASSWORD, subject="pf"):
    from cmdlets.mail.client import MailMessage, SmtpSettings, send_mail
    from spshell.runtime.objects import SecureString
    st = SmtpSettings(server, port, enc, mech, user=user,
                      password=SecureString(password) if password else None, ca_file=ca,
                      timeout=15)
    return send_mail(st, MailMessage("alice@lab.test", "bob@lab.test", subject, "via postfix"))


@pytest.mark.parametrize("mech", ["PLAIN", "LOGIN", "CRAM-MD5", "NTLM"])
def test_postfix_mechanisms_starttls(postfix, mech):
    pf, state = postfix
    r = send("localhost", pf.p587, "StartTls", mech, state["caFile"], subject=f"pf {mech}")
    assert r.Mechanism == mech
    assert r.QueueId and "queued as" in r.ServerReply
    # Cyrus answers the bare AUTH NTLM with an empty 334, which we must not decode
    if mech == "NTLM":
        assert "~  334 " in str(r.Transcript) or "<~  334" in str(r.Transcript)


def test_postfix_implicit_tls_login(postfix):
    pf, state = postfix
    r = send("localhost", pf.p465, "Tls", "Auto", state["caFile"])
    assert r.Mechanism in ("NTLM", "LOGIN", "PLAIN")
    assert r.Encryption.Mode == "Tls"


def test_postfix_wrong_password(postfix):
    from cmdlets.mail.errors import MailError
    pf, state = postfix
    with pytest.raises(MailError) as info:
        send("localhost", pf.p587, "StartTls", "LOGIN", state["caFile"], password="nope-nope")
    assert info.value.step == "AUTH" and info.value.code == 535


def test_postfix_no_auth_before_tls(postfix):
    from cmdlets.mail.client import probe
    pf, state = postfix
    info = probe("localhost", pf.p587, ca_file=state["caFile"], timeout=15,
                 test_anonymous=True, recipient="bob@lab.test")
    assert info.AuthBeforeTls == []
    assert "NTLM" in info.AuthAfterTls and "CRAM-MD5" in info.AuthAfterTls
    assert info.AnonymousAccepted is False  # relay refused without AUTH
    assert info.Certificate.Trusted


def test_postfix_relays_into_lab_capture(postfix, relay_lab):
    import time
    from cmdlets.mail.labserver import manage
    pf, state = postfix
    home, _ = relay_lab
    send("localhost", pf.p587, "StartTls", "LOGIN", state["caFile"], subject="relayed-by-pf")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if any(m.Subject == "relayed-by-pf" for m in manage.list_messages(home)):
            return
        time.sleep(0.2)
    pytest.fail("Postfix did not relay into the lab capture: " + pf.log())


# ---- swaks as a client of our lab ---------------------------------------------------------

def swaks(*args):
    need(shutil.which("swaks"), "swaks")
    return subprocess.run(["swaks", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("auth,listener,tls", [("LOGIN", "Exchange:587", "-tls"),
                                               ("PLAIN", "Exchange:465", "-tlsc"),
                                               ("NTLM", "Exchange:25", None)])
def test_swaks_against_lab(relay_lab, auth, listener, tls):
    from cmdlets.mail.labserver import manage
    home, state = relay_lab
    port = next(lst["port"] for lst in state["listeners"] if lst["name"] == listener)
    subject = f"swaks {auth}"
    args = ["--server", "127.0.0.1", "--port", str(port), "--auth", auth, "--auth-user",
            "alice", "--auth-password", PASSWORD, "--from", "alice@lab.test", "--to",
            "bob@lab.test", "--header", f"Subject: {subject}", "--tls-verify"
            if False else "--tls-ca-path", state["caFile"]]
    if tls:
        args.append(tls)
    proc = swaks(*args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "235 2.7.0 Authentication successful" in proc.stdout
    msgs = [m for m in manage.list_messages(home) if m.Subject == subject]
    assert msgs and msgs[-1].Mechanism == auth and msgs[-1].AuthenticatedAs


def test_swaks_wrong_password_ntlm(relay_lab):
    home, state = relay_lab
    port = next(lst["port"] for lst in state["listeners"] if lst["name"] == "Exchange:587")
    proc = swaks("--server", "127.0.0.1", "--port", str(port), "--auth", "NTLM",
                 "--auth-user", "alice", "--auth-password", "wrong", "--from", "a@lab.test",
                 "--to", "b@lab.test")
    assert proc.returncode == 28
    assert "535 5.7.3 Authentication unsuccessful" in proc.stdout


# ---- Kerberos (lab KDC) ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def kerberos_lab(tmp_path_factory):
    from cmdlets.mail.labserver import kdc, manage
    need(not kdc.missing_tools(), "MIT Kerberos (krb5-kdc, krb5-admin-server)")
    try:
        import gssapi  # noqa: F401
        import krb5  # noqa: F401
    except ImportError:
        need(False, "python gssapi/krb5")
    home = tmp_path_factory.mktemp("kdclab")
    state = manage.start(home, profiles=["Exchange"], ports=[0], kerberos=True,
                         credentials=[("LAB\\alice", PASSWORD)], host_names=["mail.contoso.com"])
    yield home, state
    manage.stop(home)


@pytest.mark.parametrize("enc", ["None", "StartTls"])
def test_gssapi_against_lab(kerberos_lab, enc):
    from cmdlets.mail.client import MailMessage, SmtpSettings, send_mail
    from spshell.runtime.objects import SecureString
    home, state = kerberos_lab
    st = SmtpSettings("mail.contoso.com", 587, enc, "Auto", user="LAB\\alice",
                      password=SecureString(PASSWORD), home=home, timeout=15)
    r = send_mail(st, MailMessage("alice@lab.test", "bob@lab.test", f"gss {enc}", "k"))
    assert r.Mechanism == "GSSAPI"
    assert r.AuthenticatedAs == "alice@LAB.TEST"
    text = str(r.Transcript)
    assert "service smtp/mail.contoso.com@LAB.TEST" in text
    assert "aes256-cts-hmac-sha1-96" in text
    assert "security layer offer" in text


def test_gssapi_wrong_password_skips_in_auto(kerberos_lab):
    """No ticket can be had: Auto skips GSSAPI before sending anything and uses NTLM, which
    the server then refuses once; nothing else is tried."""
    from cmdlets.mail.client import MailMessage, SmtpSettings, send_mail
    from cmdlets.mail.errors import MailError
    from spshell.runtime.objects import SecureString
    home, state = kerberos_lab
    st = SmtpSettings("mail.contoso.com", 587, "StartTls", "Auto", user="LAB\\alice",
                      password=SecureString("not-it"), home=home, timeout=15)
    with pytest.raises(MailError) as info:
        send_mail(st, MailMessage("alice@lab.test", "bob@lab.test", "gss bad", "k"))
    text = str(info.value.transcript)
    assert "AUTH GSSAPI skipped" in text
    assert text.count(" ~> AUTH ") == 1 and " ~> AUTH NTLM" in text


@pytest.fixture(scope="module")
def postfix_gssapi(kerberos_lab, tmp_path_factory):
    import postfix_lab
    need(postfix_lab.available(), "Postfix/Cyrus SASL")
    home, state = kerberos_lab
    k = state["kerberos"]
    tls = Path(state["caFile"]).parent
    base = Path(tempfile.mkdtemp(prefix="spshell-pfk-", dir="/tmp"))
    keytab = base / "smtp.keytab"
    base.mkdir(exist_ok=True)
    shutil.copy(k["keytab"], keytab)
    krb5conf = base / "krb5.conf"
    shutil.copy(k["env"]["KRB5_CONFIG"], krb5conf)
    os.chmod(krb5conf, 0o644)
    port25 = next(lst["port"] for lst in state["listeners"] if lst["name"] == "Exchange:25")
    pf = postfix_lab.PostfixLab(base, tls / "server.pem", tls / "server.key",
                                [("alice", PASSWORD)], port25, ["GSSAPI", "PLAIN"],
                                kerberos_env={"KRB5_KTNAME": f"FILE:{keytab}",
                                              "KRB5_CONFIG": str(krb5conf)}, keytab=keytab)
    pf.start()
    yield pf, state, home
    pf.stop()
    shutil.rmtree(base, ignore_errors=True)


def test_gssapi_against_postfix_cyrus(postfix_gssapi):
    from cmdlets.mail.client import MailMessage, SmtpSettings, send_mail
    from cmdlets.mail.labserver import kdc
    from spshell.runtime.objects import SecureString
    pf, state, home = postfix_gssapi
    os.environ.update(kdc.env_for(home))
    st = SmtpSettings("localhost", pf.p587, "StartTls", "GSSAPI", user="alice",
                      password=SecureString(PASSWORD), ca_file=state["caFile"], timeout=15)
    r = send_mail(st, MailMessage("alice@lab.test", "bob@lab.test", "gss pf", "k"))
    assert r.Mechanism == "GSSAPI"
    assert "service smtp/localhost@LAB.TEST" in str(r.Transcript)


def test_gssapi_from_credential_cache(kerberos_lab, tmp_path, monkeypatch):
    """Kerberos from an existing credential cache (kinit), no password given."""
    from cmdlets.mail.client import MailMessage, SmtpSettings, send_mail
    from cmdlets.mail.labserver import kdc
    home, state = kerberos_lab
    env = dict(os.environ, **kdc.env_for(home), KRB5CCNAME=f"FILE:{tmp_path}/cc")
    kinit = shutil.which("kinit") or "/usr/bin/kinit"
    need(os.path.exists(kinit), "kinit (krb5-user)")
    p = subprocess.run([kinit, "alice@LAB.TEST"], input=PASSWORD + "\n", text=True, env=env,
                       capture_output=True, timeout=30)
    assert p.returncode == 0, p.stderr
    monkeypatch.setenv("KRB5CCNAME", env["KRB5CCNAME"])
    st = SmtpSettings("mail.contoso.com", 587, "StartTls", "GSSAPI", home=home, timeout=15)
    r = send_mail(st, MailMessage("alice@lab.test", "bob@lab.test", "gss ccache", "k"))
    assert r.Mechanism == "GSSAPI" and "alice@LAB.TEST" in r.AuthenticatedAs


def test_gssapi_for_user_added_later(kerberos_lab):
    """New-LabMailUser on a running Kerberos lab creates the principal too."""
    from cmdlets.mail.client import MailMessage, SmtpSettings, send_mail
    from cmdlets.mail.labserver import kdc, users
    from spshell.runtime.objects import SecureString
    home, state = kerberos_lab
    users.add_user(home, "LAB\\dave", "Dave-Pw-9")
    kdc.add_principal(home, "dave", "Dave-Pw-9")
    st = SmtpSettings("mail.contoso.com", 587, "StartTls", "GSSAPI", user="LAB\\dave",
                      password=SecureString("Dave-Pw-9"), home=home, timeout=15)
    r = send_mail(st, MailMessage("dave@lab.test", "bob@lab.test", "gss dave", "k"))
    assert r.AuthenticatedAs == "dave@LAB.TEST"
    # and NTLM with the same user, seen by the running server without a restart
    st = SmtpSettings("mail.contoso.com", 587, "StartTls", "NTLM", user="LAB\\dave",
                      password=SecureString("Dave-Pw-9"), home=home, timeout=15)
    assert send_mail(st, MailMessage("dave@lab.test", "b@lab.test", "ntlm dave", "k")).Sent
