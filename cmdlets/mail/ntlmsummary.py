"""What a network trace shows of NTLM and Kerberos tokens, without the secrets.

NTLM messages are parsed from their fixed layout (MS-NLMP 2.2.1); a Kerberos AP-REQ inside a
GSSAPI token (RFC 4121 4.1, RFC 4120 5.5.1) is walked with a minimal DER reader to find the
ticket's realm, service principal and encryption type, which travel in clear.
"""
from __future__ import annotations

import struct

NTLM_FLAGS = [
    (0x00000001, "UNICODE"), (0x00000002, "OEM"), (0x00000004, "REQUEST_TARGET"),
    (0x00000010, "SIGN"), (0x00000020, "SEAL"), (0x00000080, "LM_KEY"), (0x00000200, "NTLM"),
    (0x00000800, "ANONYMOUS"), (0x00001000, "OEM_DOMAIN_SUPPLIED"),
    (0x00002000, "OEM_WORKSTATION_SUPPLIED"), (0x00008000, "ALWAYS_SIGN"),
    (0x00010000, "TARGET_TYPE_DOMAIN"), (0x00020000, "TARGET_TYPE_SERVER"),
    (0x00080000, "EXTENDED_SESSIONSECURITY"), (0x00100000, "IDENTIFY"),
    (0x00800000, "TARGET_INFO"), (0x02000000, "VERSION"), (0x20000000, "128"),
    (0x40000000, "KEY_EXCH"), (0x80000000, "56"),
]

ETYPES = {1: "des-cbc-crc", 3: "des-cbc-md5", 17: "aes128-cts-hmac-sha1-96",
          18: "aes256-cts-hmac-sha1-96", 19: "aes128-cts-hmac-sha256-128",
          20: "aes256-cts-hmac-sha384-192", 23: "rc4-hmac", 24: "rc4-hmac-exp"}


def flag_names(flags: int) -> str:
    return "|".join(name for bit, name in NTLM_FLAGS if flags & bit) or "0"


class NtlmInfo:
    def __init__(self, kind, flags, domain="", user="", workstation="", target="", version=""):
        self.kind, self.flags = kind, flags
        self.domain, self.user, self.workstation = domain, user, workstation
        self.target, self.version = target, version

    def summary(self):
        if self.kind == "NEGOTIATE":
            return f"NTLM NEGOTIATE flags {flag_names(self.flags)}"
        if self.kind == "CHALLENGE":
            return f"NTLM CHALLENGE target {self.target or '(none)'}, flags {flag_names(self.flags)}"
        return (f"NTLM AUTHENTICATE ({self.version}) domain {self.domain or '(none)'}, user "
                f"{self.user or '(anonymous)'}, workstation {self.workstation or '(none)'}, "
                f"flags {flag_names(self.flags)}")


def parse_ntlm(token: bytes):
    """Return NtlmInfo, or None when ``token`` is not an NTLM message."""
    if len(token) < 12 or not token.startswith(b"NTLMSSP\x00"):
        return None
    (mtype,) = struct.unpack_from("<I", token, 8)

    def field(off):
        if len(token) < off + 8:
            return b""
        length, _max, start = struct.unpack_from("<HHI", token, off)
        return token[start:start + length]

    def text(raw, flags):
        return raw.decode("utf-16-le", "replace") if flags & 1 else raw.decode("latin-1")

    try:
        if mtype == 1:
            flags = struct.unpack_from("<I", token, 12)[0]
            return NtlmInfo("NEGOTIATE", flags)
        if mtype == 2:
            flags = struct.unpack_from("<I", token, 20)[0]
            return NtlmInfo("CHALLENGE", flags, target=text(field(12), flags))
        if mtype == 3:
            flags = struct.unpack_from("<I", token, 60)[0] if len(token) >= 64 else 0
            nt = field(20)
            version = "NTLMv2" if len(nt) > 24 else ("NTLMv1" if nt else "anonymous")
            return NtlmInfo("AUTHENTICATE", flags, domain=text(field(28), flags),
                            user=text(field(36), flags), workstation=text(field(44), flags),
                            version=version)
    except struct.error:
        return None
    return None


# ---- Kerberos (DER) ------------------------------------------------------------------------

def _der(data, pos):
    """(tag, content_start, content_end) of the element at ``pos``."""
    tag = data[pos]
    pos += 1
    length = data[pos]
    pos += 1
    if length & 0x80:
        n = length & 0x7F
        length = int.from_bytes(data[pos:pos + n], "big")
        pos += n
    return tag, pos, pos + length


def _children(data, start, end):
    out = {}
    pos = start
    while pos < end:
        tag, cs, ce = _der(data, pos)
        out[tag] = (cs, ce)
        pos = ce
    return out


class KerberosInfo:
    def __init__(self, realm="", service="", etype=None, mech=""):
        self.realm, self.service, self.etype, self.mech = realm, service, etype, mech

    @property
    def etype_name(self):
        return ETYPES.get(self.etype, f"etype {self.etype}") if self.etype is not None else "?"

    def summary(self):
        return (f"Kerberos AP-REQ service {self.service}@{self.realm}, ticket encryption "
                f"{self.etype_name}")


def parse_krb5_apreq(token: bytes):
    """Parse a GSSAPI Kerberos initial token; None when it is something else."""
    try:
        tag, cs, ce = _der(token, 0)
        if tag != 0x60:
            return None
        # mech OID, then the 2-byte token id (01 00 = AP-REQ), then the AP-REQ
        otag, os_, oe = _der(token, cs)
        if otag != 0x06:
            return None
        pos = oe
        if token[pos:pos + 2] != b"\x01\x00":
            return None
        pos += 2
        atag, as_, ae = _der(token, pos)  # [APPLICATION 14]
        if atag != 0x6E:
            return None
        _stag, ss, se = _der(token, as_)  # SEQUENCE
        fields = _children(token, ss, se)
        tcs, _tce = fields[0xA3]  # ticket
        _t, tks, _tke = _der(token, tcs)  # [APPLICATION 1]
        _s, tss, tse = _der(token, tks)  # SEQUENCE
        tfields = _children(token, tss, tse)
        rs, _re = tfields[0xA1]
        _g, gs, ge = _der(token, rs)
        realm = token[gs:ge].decode("utf-8", "replace")
        ns, _ne = tfields[0xA2]
        _q, qs, qe = _der(token, ns)
        pn = _children(token, qs, qe)
        names = []
        ls, _le = pn[0xA1]
        _sq, sqs, sqe = _der(token, ls)
        p = sqs
        while p < sqe:
            _g2, g2s, g2e = _der(token, p)
            names.append(token[g2s:g2e].decode("utf-8", "replace"))
            p = g2e
        es, _ee = tfields[0xA3]
        _q2, e2s, e2e = _der(token, es)
        efields = _children(token, e2s, e2e)
        ets, _ete = efields[0xA0]
        _i, is_, ie = _der(token, ets)
        etype = int.from_bytes(token[is_:ie], "big", signed=True)
        return KerberosInfo(realm, "/".join(names), etype)
    except (IndexError, KeyError, ValueError):
        return None
