"""Lab users: one password database every mechanism checks (like Cyrus' sasldb).

``users.json`` (0600) holds names and passwords because CRAM-MD5 and NTLM need the password (or
its hash) on the server side; it lives only in the lab folder of the home. XOAUTH2 tokens are
lab-issued: a JWT-shaped string signed (HMAC-SHA256) with a per-home key, so the lab can tell a
token it issued for a user from anything else, as Entra ID-signed tokens are told apart by EXO.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import socket
import time
from pathlib import Path

from .state import lab_dir, write_json_atomic

DEFAULT_DOMAIN = "LAB"
REALM = "LAB.TEST"


def users_path(home) -> Path:
    return lab_dir(home) / "users.json"


def load(home):
    try:
        with open(users_path(home)) as f:
            data = json.load(f)
    except (OSError, ValueError):
        data = {}
    data.setdefault("users", [])
    return data


def save(home, data):
    write_json_atomic(users_path(home), data, 0o600)


def split_user(name):
    """'LAB\\alice' / 'alice@lab.test' / 'alice' -> ('LAB'|'lab.test'|None, 'alice')."""
    name = name.strip()
    if "\\" in name:
        d, u = name.split("\\", 1)
        return d, u
    if "@" in name:
        u, d = name.rsplit("@", 1)
        return d, u
    return None, name


def add_user(home, name, password, domain=None):
    data = load(home)
    d, u = split_user(name)
    domain = domain or (d if d and "." not in d else DEFAULT_DOMAIN)
    if not data.get("tokenKey"):
        data["tokenKey"] = secrets.token_hex(32)
    alias = name.strip() if "@" in name else None
    for entry in data["users"]:
        if entry["name"].lower() == u.lower():
            entry["password"] = password
            entry["domain"] = domain
            break
    else:
        entry = {"name": u, "domain": domain, "password": password}
        data["users"].append(entry)
    if alias and alias.lower() not in [a.lower() for a in entry.get("aliases", [])]:
        entry.setdefault("aliases", []).append(alias)
    save(home, data)
    return {"name": u, "domain": domain}


def find(data, login):
    _d, u = split_user(login)
    for entry in data["users"]:
        if entry["name"].lower() == u.lower():
            return entry
    return None


def check_password(data, login, password):
    entry = find(data, login)
    return entry is not None and hmac.compare_digest(entry["password"].encode(),
                                                     password.encode())


def upn(entry):
    return f"{entry['name']}@{REALM.lower()}"


# ---- XOAUTH2 tokens ------------------------------------------------------------------------

def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def issue_token(home, name, lifetime=3600):
    """A lab bearer token for ``name`` (shaped and sized like an Entra ID access token)."""
    data = load(home)
    entry = find(data, name)
    if entry is None:
        raise KeyError(name)
    if not data.get("tokenKey"):
        data["tokenKey"] = secrets.token_hex(32)
        save(home, data)
    now = int(time.time())
    header = {"typ": "JWT", "alg": "HS256", "kid": "spshell-lab"}
    claims = {"aud": "https://outlook.office.com", "iss": "https://lab.test/spshell-lab/",
              "iat": now, "nbf": now, "exp": now + lifetime, "upn": upn(entry),
              "unique_name": upn(entry), "scp": "SMTP.Send", "appid": secrets.token_hex(16),
              # real tokens carry ~2 KB of claims; the lab's are as large so line limits matter
              "xms_lab_padding": secrets.token_urlsafe(1500)}
    signing_input = _b64url(json.dumps(header).encode()) + "." + \
        _b64url(json.dumps(claims).encode())
    sig = hmac.new(bytes.fromhex(data["tokenKey"]), signing_input.encode(),
                   hashlib.sha256).digest()
    return signing_input + "." + _b64url(sig)


def verify_token(data, user, token):
    """None when ``token`` is a valid lab token for ``user``, else the reason."""
    key = data.get("tokenKey")
    parts = token.split(".")
    if not key or len(parts) != 3:
        return "not a lab-issued token"
    sig = hmac.new(bytes.fromhex(key), (parts[0] + "." + parts[1]).encode(),
                   hashlib.sha256).digest()
    if not hmac.compare_digest(_b64url(sig), parts[2]):
        return "bad signature"
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return "unreadable claims"
    if claims.get("exp", 0) < time.time():
        return "token expired"
    entry = find(data, user)
    if entry is None or claims.get("upn", "").lower() != upn(entry).lower():
        return "token was issued for another user"
    return None


# ---- NTLM user file for pyspnego's acceptor ---------------------------------------------------

def write_ntlm_file(path: Path, data, extra_domains=()):
    """Heimdal-format lines for every domain spelling a client may send (pyspnego matches the
    domain exactly): the lab domain, none, the realm, this host's name (swaks/Authen::NTLM
    send the server's target name) and the domains of the names the lab answers for."""
    host = socket.gethostname().upper()
    lines = []
    for entry in data["users"]:
        domains = {entry["domain"], "", REALM, host, host.split(".")[0], *extra_domains}
        for d in sorted(domains):
            lines.append(f"{d}:{entry['name']}:{entry['password']}")
        for principal in {upn(entry), *entry.get("aliases", [])}:
            lines.append(f":{principal}:{entry['password']}")
    tmp = Path(str(path) + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)
