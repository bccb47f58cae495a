"""An alternate Postfix instance with Cyrus SASL (sasldb) on loopback high ports (smtp.md §5).

Traps handled: Postfix fails silently without syslog (we log to a file via postlogd and check
``postfix check`` output); Cyrus reads ``$config_directory/sasl/smtpd.conf``; smtpd runs as
``postfix``, so every directory on the path must be traversable; chroot is off everywhere.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

MASTER = """\
{p587} inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
{p465} inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


def available():
    return all(shutil.which(t) or os.path.exists(f"/usr/sbin/{t}")
               for t in ("postfix", "saslpasswd2"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostfixLab:
    def __init__(self, base: Path, cert, key, users, relay_port, mechs, kerberos_env=None,
                 keytab=None):
        self.dir = Path(base)
        self.p587, self.p465 = free_port(), free_port()
        self.cert, self.key = cert, key
        self.users = users
        self.relay_port = relay_port
        self.mechs = mechs
        self.kerberos_env = kerberos_env or {}
        self.keytab = keytab

    def _sbin(self, name):
        return shutil.which(name) or f"/usr/sbin/{name}"

    def start(self):
        d = self.dir
        for sub in ("etc/sasl", "spool", "data", "sasl"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        # smtpd (user postfix) must traverse every parent directory
        p = d
        while p != p.parent:
            try:
                os.chmod(p, os.stat(p).st_mode | 0o011)
            except PermissionError:
                pass
            p = p.parent
        os.chmod(d, 0o755)
        shutil.chown(d / "data", "postfix", "postfix")
        shutil.copy(self.cert, d / "etc/cert.pem")
        shutil.copy(self.key, d / "etc/key.pem")
        os.chmod(d / "etc/key.pem", 0o600)
        env_import = ""
        if self.kerberos_env:
            env_import = "import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG " + \
                " ".join(f"{k}={v}" for k, v in self.kerberos_env.items()) + "\n"
        (d / "etc/main.cf").write_text(f"""\
compatibility_level = 3.6
queue_directory = {d}/spool
data_directory = {d}/data
mail_owner = postfix
setgid_group = postdrop
myhostname = localhost
mydomain = localdomain
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:{self.relay_port}
smtp_dns_support_level = disabled
smtp_tls_security_level = none
smtpd_banner = $myhostname ESMTP lab-postfix
smtpd_tls_cert_file = {d}/etc/cert.pem
smtpd_tls_key_file = {d}/etc/key.pem
smtpd_tls_security_level = may
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
smtpd_sasl_security_options = noanonymous
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
maillog_file = {d}/maillog
maillog_file_prefixes = {d}
{env_import}""")
        (d / "etc/master.cf").write_text(MASTER.format(p587=f"127.0.0.1:{self.p587}",
                                                       p465=f"127.0.0.1:{self.p465}"))
        sasldb = d / "sasl/sasldb2"
        for user, password in self.users:
            subprocess.run([self._sbin("saslpasswd2"), "-p", "-c", "-f", str(sasldb), "-u",
                            "localhost", user], input=password.encode(), check=True,
                           capture_output=True)
        shutil.chown(sasldb, "root", "postfix")
        os.chmod(sasldb, 0o640)
        (d / "etc/sasl/smtpd.conf").write_text(
            f"pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: {sasldb}\n"
            f"mech_list: {' '.join(self.mechs)}\n")
        if self.keytab:
            shutil.chown(self.keytab, "root", "postfix")
            os.chmod(self.keytab, 0o640)
        env = dict(os.environ, **self.kerberos_env)
        check = subprocess.run(["script", "-qec", f"{self._sbin('postfix')} -c {d}/etc check",
                                "/dev/null"], capture_output=True, text=True, env=env)
        if check.returncode != 0:
            raise RuntimeError("postfix check failed: " + check.stdout + check.stderr)
        start = subprocess.run(["script", "-qec", f"{self._sbin('postfix')} -c {d}/etc start",
                                "/dev/null"], capture_output=True, text=True, env=env)
        if start.returncode != 0:
            raise RuntimeError("postfix start failed: " + start.stdout + start.stderr
                               + self.log())
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.p587), timeout=0.5) as s:
                    s.settimeout(2)
                    if s.recv(100).startswith(b"220"):
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("postfix did not answer: " + self.log())

    def log(self):
        try:
            return (self.dir / "maillog").read_text()[-2000:]
        except OSError:
            return "(no maillog)"

    def stop(self):
        subprocess.run(["script", "-qec", f"{self._sbin('postfix')} -c {self.dir}/etc stop",
                        "/dev/null"], capture_output=True)
