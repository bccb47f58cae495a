"""An MIT Kerberos KDC for the lab (realm LAB.TEST), everything under ``<home>/mail/lab/kdc``.

Nothing outside the home is touched: the tools and libraries find the realm through
KRB5_CONFIG / KRB5_KDC_PROFILE, and the SMTP service key through KRB5_KTNAME (smtp.md §3).
The KDC listens on a free loopback port chosen at start; ``kdc.json`` records it and its pid.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from .state import lab_dir, pid_alive, write_json_atomic
from .users import REALM, load as load_users

TOOLS = ("krb5kdc", "kdb5_util", "kadmin.local")
INSTALL_HINT = ("The lab KDC needs MIT Kerberos: apt-get install krb5-kdc krb5-admin-server "
                "krb5-user libkrb5-dev, and pip install gssapi krb5 (or spshell[kerberos]).")


class KdcError(Exception):
    category = "NotInstalled"


def kdc_dir(home) -> Path:
    return lab_dir(home) / "kdc"


def _tool(name):
    path = shutil.which(name) or (f"/usr/sbin/{name}" if os.path.exists(f"/usr/sbin/{name}")
                                  else None)
    return path


def missing_tools():
    return [t for t in TOOLS if _tool(t) is None]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(home):
    d = kdc_dir(home)
    # KRB5RCACHEDIR: the acceptor's replay cache would otherwise go to /var/tmp
    return {"KRB5_CONFIG": str(d / "krb5.conf"), "KRB5_KDC_PROFILE": str(d / "kdc.conf"),
            "KRB5RCACHEDIR": str(d)}


def _run(args, env, stdin=None):
    proc = subprocess.run(args, env=env, input=stdin, capture_output=True, text=True,
                          timeout=60)
    if proc.returncode != 0:
        raise KdcError(f"{os.path.basename(args[0])} failed: "
                       f"{(proc.stderr or proc.stdout).strip()[:300]}")
    return proc.stdout


def service_hosts(host_names):
    return sorted({"localhost", "127.0.0.1", "lab.test", socket.gethostname().lower(),
                   *[h.lower() for h in host_names]})


def start(home, host_names=()):
    missing = missing_tools()
    if missing:
        raise KdcError(f"{', '.join(missing)} not found. {INSTALL_HINT}")
    try:
        import gssapi  # noqa: F401
    except ImportError:
        raise KdcError(f"The Python gssapi package is missing. {INSTALL_HINT}") from None
    stop(home)
    d = kdc_dir(home)
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    os.chmod(d, 0o700)
    port = _free_port()
    hosts = service_hosts(host_names)
    domain_realm = "\n".join(f" {h} = {REALM}" for h in hosts)
    (d / "krb5.conf").write_text(f"""[libdefaults]
 default_realm = {REALM}
 dns_lookup_kdc = false
 dns_lookup_realm = false
 dns_canonicalize_hostname = false
 rdns = false
 udp_preference_limit = 1
 default_ccache_name = FILE:{d}/ccache
[realms]
 {REALM} = {{
  kdc = 127.0.0.1:{port}
 }}
[domain_realm]
 .lab.test = {REALM}
{domain_realm}
""")
    (d / "kdc.conf").write_text(f"""[kdcdefaults]
 kdc_listen = 127.0.0.1:{port}
 kdc_tcp_listen = 127.0.0.1:{port}
[realms]
 {REALM} = {{
  database_name = {d}/principal
  key_stash_file = {d}/stash
  acl_file = {d}/kadm5.acl
  max_life = 10h
  supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
 }}
[logging]
 kdc = FILE:{d}/kdc.log
 default = FILE:{d}/kdc.log
""")
    (d / "kadm5.acl").write_text("")
    env = dict(os.environ, **env_for(home))
    _run([_tool("kdb5_util"), "create", "-s", "-r", REALM, "-P", secrets.token_urlsafe(24)],
         env)
    keytab = d / "smtp.keytab"
    queries = []
    for h in hosts:
        queries.append(f"addprinc -randkey smtp/{h}")
    for u in load_users(home)["users"]:
        queries.append(f"addprinc -pw {_quote(u['password'])} {u['name']}")
    queries.append(f"ktadd -k {keytab} " + " ".join(f"smtp/{h}" for h in hosts))
    for q in queries:
        _run([_tool("kadmin.local"), "-r", REALM, "-q", q], env)
    log = open(d / "krb5kdc.out", "ab")
    proc = subprocess.Popen([_tool("krb5kdc"), "-n", "-r", REALM], env=env,
                            stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                            start_new_session=True)
    log.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise KdcError("krb5kdc exited: " + (d / "krb5kdc.out").read_text()[-300:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.02)
    info = {"pid": proc.pid, "port": port, "realm": REALM, "keytab": str(keytab),
            "services": [f"smtp/{h}@{REALM}" for h in hosts], "env": env_for(home)}
    write_json_atomic(d / "kdc.json", info, 0o600)
    return info


def _quote(text):
    return "'" + text.replace("'", "'\\''") + "'" if any(c in text for c in " '\"\\") else text


def add_principal(home, name, password):
    env = dict(os.environ, **env_for(home))
    try:
        _run([_tool("kadmin.local"), "-r", REALM, "-q",
              f"addprinc -pw {_quote(password)} {name}"], env)
    except KdcError as exc:
        if "already exists" not in str(exc):
            raise
        _run([_tool("kadmin.local"), "-r", REALM, "-q",
              f"cpw -pw {_quote(password)} {name}"], env)


def info(home):
    try:
        data = json.loads((kdc_dir(home) / "kdc.json").read_text())
    except (OSError, ValueError):
        return None
    return data if pid_alive(data.get("pid")) else None


def stop(home):
    d = kdc_dir(home)
    try:
        data = json.loads((d / "kdc.json").read_text())
    except (OSError, ValueError):
        return
    pid = data.get("pid")
    if pid and pid_alive(pid):
        try:
            os.kill(int(pid), signal.SIGTERM)
        except ProcessLookupError:
            pass
        for _ in range(100):
            if not pid_alive(pid):
                break
            try:
                os.waitpid(int(pid), os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.02)
    (d / "kdc.json").unlink(missing_ok=True)
