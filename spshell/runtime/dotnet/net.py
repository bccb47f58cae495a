"""System.Net.Mail.MailAddress, System.Uri, System.Net.IPAddress, System.Net.Dns."""
from __future__ import annotations

import ipaddress
import re
import socket
import urllib.parse

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig, static_prop
from spshell.runtime.dotnet.common import try_parse
from spshell.runtime.dotnet.enums import make_enum

UriFormatException = E.define_exception("System.UriFormatException", E.FormatException)
UriKind = make_enum("System.UriKind", [("RelativeOrAbsolute", 0), ("Absolute", 1),
                                       ("Relative", 2)])

# ---- MailAddress -----------------------------------------------------------------------------

_ATEXT = r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]"
_DOT_ATOM = rf"{_ATEXT}+(?:\.{_ATEXT}+)*"
_QUOTED = r'"(?:[^"\\\r\n]|\\.)*"'
_LOCAL = re.compile(rf"(?:{_DOT_ATOM}|{_QUOTED})\Z")
_DOMAIN = re.compile(rf"(?:{_DOT_ATOM}|\[[^\[\]\\\r\n]*\])\Z")
_BAD_ADDRESS = "The specified string is not in the form required for an e-mail address."


def _split_address(text):
    """'Display <user@host>' / '"Display" <user@host>' / 'user@host' ->
    (display or None, local, domain); FormatException when malformed."""
    s = text.strip()
    display = None
    if s.endswith(">"):
        lt = s.rfind("<")
        if lt < 0:
            raise E.FormatException(_BAD_ADDRESS)
        display = s[:lt].strip()
        s = s[lt + 1:-1].strip()
        if display.startswith('"'):
            if len(display) < 2 or not display.endswith('"'):
                raise E.FormatException(_BAD_ADDRESS)
            display = display[1:-1].replace('\\"', '"')
    elif "<" in s or ">" in s:
        raise E.FormatException(_BAD_ADDRESS)
    at = s.rfind("@")
    if at <= 0 or at == len(s) - 1:
        raise E.FormatException(_BAD_ADDRESS)
    local, domain = s[:at], s[at + 1:]
    if not _LOCAL.match(local) or not _DOMAIN.match(domain):
        raise E.FormatException(_BAD_ADDRESS)
    return display, local, domain


class MailAddress:
    """System.Net.Mail.MailAddress."""

    __ps_type__ = "System.Net.Mail.MailAddress"
    __ps_default_display__ = ("DisplayName", "User", "Host", "Address")

    def __init__(self, address, display_name=None, encoding=None):
        if address is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'address')")
        if not isinstance(address, str):
            from spshell.runtime.conversion import to_string
            address = to_string(address)
        if address == "":
            raise E.ArgumentException("The parameter 'address' cannot be an empty string. "
                                      "(Parameter 'address')")
        parsed_display, local, domain = _split_address(address)
        if display_name is None:
            display_name = parsed_display or ""
        self._display = display_name
        self._user = local
        self._host = domain

    @classmethod
    @sig("mailaddress new(string address)",
         "mailaddress new(string address, string displayName)",
         "mailaddress new(string address, string displayName, System.Text.Encoding "
         "displayNameEncoding)")
    def __ps_new__(cls, address, display_name=None, encoding=None):
        return cls(address, display_name, encoding)

    @property
    def DisplayName(self):
        return self._display

    @property
    def User(self):
        return self._user

    @property
    def Host(self):
        return self._host

    @property
    def Address(self):
        return f"{self._user}@{self._host}"

    def ToString(self):
        if self._display:
            return f'"{self._display}" <{self.Address}>'
        return self.Address

    def Equals(self, other):
        return isinstance(other, MailAddress) and self.ToString().lower() == \
            other.ToString().lower()

    def __eq__(self, other):
        return self.Equals(other)

    def __hash__(self):
        return hash(self.ToString().lower())

    def __str__(self):
        return self.ToString()

    def __repr__(self):
        return f"MailAddress({self.ToString()!r})"

    @staticmethod
    def TryCreate(address, ref):
        return try_parse(lambda: MailAddress(address), ref, None, E.DotNetException)


# ---- Uri -------------------------------------------------------------------------------------

_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21, "ldap": 389, "net.tcp": 808,
                  "smtp": 25, "mailto": 25, "file": -1, "ws": 80, "wss": 443, "gopher": 70,
                  "nntp": 119, "news": -1, "telnet": 23}


class Uri:
    """System.Uri (absolute URIs; a relative one only through the (base, relative) form or
    UriKind.Relative)."""

    __ps_type__ = "System.Uri"
    __ps_default_display__ = ("AbsolutePath", "AbsoluteUri", "LocalPath", "Authority",
                              "HostNameType", "IsDefaultPort", "IsFile", "IsLoopback",
                              "PathAndQuery", "Segments", "IsUnc", "Host", "Port", "Query",
                              "Fragment", "Scheme", "OriginalString", "DnsSafeHost",
                              "IdnHost", "IsAbsoluteUri", "UserEscaped", "UserInfo")

    def __init__(self, text, kind=None):
        if text is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'uriString')")
        if isinstance(text, Uri):
            text = text.OriginalString
        self._orig = str(text)
        k = int(getattr(kind, "value", kind) or 0)
        s = self._orig.strip()
        if s.startswith("/") and k != 2:
            s = "file://" + s
        m = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):(.*)$", s)
        if k == 2 or (not m and k == 0 and s and k != 1):
            if k == 0 and not m:
                raise UriFormatException("Invalid URI: The format of the URI could not be "
                                         "determined.")
            if m and k == 2:
                raise UriFormatException("Invalid URI: The format of the URI could not be "
                                         "determined.")
            self._absolute = False
            self._parts = None
            return
        if not m:
            raise UriFormatException("Invalid URI: The URI is empty." if not s else
                                     "Invalid URI: The format of the URI could not be "
                                     "determined.")
        self._absolute = True
        p = urllib.parse.urlsplit(s)
        scheme = p.scheme.lower()
        if scheme in ("http", "https", "ftp", "ws", "wss") and not p.netloc:
            raise UriFormatException("Invalid URI: The hostname could not be parsed.")
        try:
            port = p.port
        except ValueError:
            raise UriFormatException("Invalid URI: Invalid port specified.")
        self._parts = p
        self._scheme = scheme
        self._port = port if port is not None else _DEFAULT_PORTS.get(scheme, -1)
        self._default_port = port is None or port == _DEFAULT_PORTS.get(scheme)

    @classmethod
    @sig("uri new(string uriString)", "uri new(string uriString, System.UriKind uriKind)",
         "uri new(uri baseUri, string relativeUri)")
    def __ps_new__(cls, a, b=None):
        if isinstance(a, Uri) or (b is not None and not isinstance(b, UriKind)):
            base = a if isinstance(a, Uri) else cls(a)
            return cls(urllib.parse.urljoin(base.AbsoluteUri, str(b)))
        return cls(a, b)

    def _need_abs(self):
        if not self._absolute:
            raise E.InvalidOperationException("This operation is not supported for a relative "
                                              "URI.")

    @property
    def OriginalString(self):
        return self._orig

    @property
    def IsAbsoluteUri(self):
        return self._absolute

    @property
    def Scheme(self):
        self._need_abs()
        return self._scheme

    @property
    def Host(self):
        self._need_abs()
        return (self._parts.hostname or "").lower()

    @property
    def DnsSafeHost(self):
        return self.Host

    @property
    def IdnHost(self):
        return self.Host

    @property
    def Port(self):
        self._need_abs()
        return self._port

    @property
    def IsDefaultPort(self):
        self._need_abs()
        return self._default_port

    @property
    def UserInfo(self):
        self._need_abs()
        n = self._parts.netloc
        return n.rsplit("@", 1)[0] if "@" in n else ""

    @property
    def Authority(self):
        self._need_abs()
        host = self.Host
        return host if self._default_port else f"{host}:{self._port}"

    @property
    def AbsolutePath(self):
        self._need_abs()
        path = self._parts.path or ("/" if self._parts.netloc else "")
        return urllib.parse.quote(path, safe="/%:@!$&'()*+,;=-._~")

    @property
    def LocalPath(self):
        self._need_abs()
        if self._scheme == "file":
            return urllib.parse.unquote(self._parts.path)
        return urllib.parse.unquote(self.AbsolutePath)

    @property
    def Query(self):
        self._need_abs()
        return "?" + self._parts.query if self._parts.query else ""

    @property
    def Fragment(self):
        self._need_abs()
        return "#" + self._parts.fragment if self._parts.fragment else ""

    @property
    def PathAndQuery(self):
        return self.AbsolutePath + self.Query

    @property
    def Segments(self):
        path = self.AbsolutePath
        segs = re.findall(r"[^/]*/|[^/]+$", path)
        return [s for s in segs if s]

    @property
    def AbsoluteUri(self):
        self._need_abs()
        if self._scheme == "file":
            return "file://" + urllib.parse.quote(self._parts.path)
        ui = self.UserInfo
        auth = (ui + "@" if ui else "") + self.Authority
        if self._parts.netloc or self._scheme in ("http", "https"):
            return f"{self._scheme}://{auth}{self.PathAndQuery}{self.Fragment}"
        return f"{self._scheme}:{self._parts.path}{self.Query}{self.Fragment}"

    @property
    def IsFile(self):
        return self._absolute and self._scheme == "file"

    @property
    def IsUnc(self):
        return False

    @property
    def IsLoopback(self):
        self._need_abs()
        h = self.Host
        if h == "localhost" or h == "":
            return True
        try:
            return ipaddress.ip_address(h.strip("[]")).is_loopback
        except ValueError:
            return False

    @property
    def HostNameType(self):
        h = self.Host
        try:
            ip = ipaddress.ip_address(h.strip("[]"))
            return "IPv4" if ip.version == 4 else "IPv6"
        except ValueError:
            return "Dns" if h else "Basic"

    @property
    def UserEscaped(self):
        return False

    def GetLeftPart(self, part):
        name = str(getattr(part, "name", part)).lower()
        if name == "scheme":
            return f"{self._scheme}://"
        if name == "authority":
            return f"{self._scheme}://{self.Authority}"
        if name == "path":
            return f"{self._scheme}://{self.Authority}{self.AbsolutePath}"
        return f"{self._scheme}://{self.Authority}{self.PathAndQuery}"

    def ToString(self):
        if not self._absolute:
            return self._orig
        s = self.AbsoluteUri
        return urllib.parse.unquote(s) if "%" in s else s

    def __str__(self):
        return self.ToString()

    def __eq__(self, other):
        if isinstance(other, str):
            try:
                other = Uri(other)
            except E.DotNetException:
                return False
        return isinstance(other, Uri) and (self.AbsoluteUri.lower() == other.AbsoluteUri.lower()
                                           if self._absolute and other._absolute
                                           else self._orig == other._orig)

    def __hash__(self):
        return hash(self._orig)

    def Equals(self, other):
        return self == other

    def __repr__(self):
        return f"Uri({self._orig!r})"


class UriStatics:
    UriSchemeHttp = "http"
    UriSchemeHttps = "https"
    UriSchemeFile = "file"
    UriSchemeMailto = "mailto"
    UriSchemeFtp = "ftp"

    @sig("static bool TryCreate(string uriString, System.UriKind uriKind, ref uri result)")
    def TryCreate(text, kind, ref):
        return try_parse(lambda: Uri(text, kind), ref, None, E.DotNetException)

    @sig("static bool IsWellFormedUriString(string uriString, System.UriKind uriKind)")
    def IsWellFormedUriString(text, kind):
        if text is None or " " in text:
            return False
        try:
            Uri(text, kind)
            return True
        except E.DotNetException:
            return False

    @sig("static string EscapeDataString(string stringToEscape)")
    def EscapeDataString(s):
        if s is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'stringToEscape')")
        return urllib.parse.quote(s, safe="-_.~")

    @sig("static string EscapeUriString(string stringToEscape)")
    def EscapeUriString(s):
        return urllib.parse.quote(s, safe="!#$&'()*+,/:;=?@[]-_.~%")

    @sig("static string UnescapeDataString(string stringToUnescape)")
    def UnescapeDataString(s):
        if s is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter "
                                          "'stringToUnescape')")
        return urllib.parse.unquote(s)

    @sig("static System.UriHostNameType CheckHostName(string name)")
    def CheckHostName(name):
        if not name:
            return "Unknown"
        try:
            ip = ipaddress.ip_address(name)
            return "IPv4" if ip.version == 4 else "IPv6"
        except ValueError:
            pass
        if re.fullmatch(r"(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)*"
                        r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?", name):
            return "Dns"
        return "Unknown"


# ---- IPAddress / Dns -------------------------------------------------------------------------


class IPAddress:
    """System.Net.IPAddress."""

    __ps_type__ = "System.Net.IPAddress"
    __ps_default_display__ = ("AddressFamily", "ScopeId", "IsIPv6Multicast", "IsIPv6LinkLocal",
                              "IsIPv6SiteLocal", "IsIPv6Teredo", "IsIPv4MappedToIPv6",
                              "IPAddressToString")

    def __init__(self, value):
        if isinstance(value, IPAddress):
            self._ip = value._ip
        elif isinstance(value, (list, tuple, bytes)):
            self._ip = ipaddress.ip_address(bytes(int(b) for b in value))
        elif isinstance(value, int):
            # .NET's long constructor is little-endian
            self._ip = ipaddress.IPv4Address(int.from_bytes(
                (value & 0xFFFFFFFF).to_bytes(4, "little"), "big"))
        else:
            self._ip = _parse_ip(str(value))

    @classmethod
    def Parse(cls, s):
        if s is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'ipString')")
        return cls(_parse_ip(s))

    @classmethod
    def __ps_convert__(cls, value):
        if isinstance(value, str):
            return cls.Parse(value)
        return NotImplemented

    @property
    def AddressFamily(self):
        return "InterNetwork" if self._ip.version == 4 else "InterNetworkV6"

    @property
    def ScopeId(self):
        if self._ip.version == 4:
            raise E.SocketException("The attempted operation is not supported for the type of "
                                    "object referenced.")
        return 0

    @property
    def IsIPv6Multicast(self):
        return self._ip.version == 6 and self._ip.is_multicast

    @property
    def IsIPv6LinkLocal(self):
        return self._ip.version == 6 and self._ip.is_link_local

    @property
    def IsIPv6SiteLocal(self):
        return self._ip.version == 6 and self._ip.is_site_local

    @property
    def IsIPv6Teredo(self):
        return self._ip.version == 6 and self._ip.teredo is not None

    @property
    def IsIPv4MappedToIPv6(self):
        return self._ip.version == 6 and self._ip.ipv4_mapped is not None

    @property
    def IPAddressToString(self):
        return str(self._ip)

    def GetAddressBytes(self):
        from spshell.runtime.dotnet.text import _bytes_array
        return _bytes_array(self._ip.packed)

    def MapToIPv6(self):
        if self._ip.version == 6:
            return self
        return IPAddress(ipaddress.IPv6Address("::ffff:" + str(self._ip)))

    def MapToIPv4(self):
        if self._ip.version == 4:
            return self
        return IPAddress(self._ip.ipv4_mapped or ipaddress.IPv4Address(0))

    def ToString(self):
        return str(self._ip)

    def __str__(self):
        return str(self._ip)

    def __eq__(self, other):
        return isinstance(other, IPAddress) and self._ip == other._ip

    def __hash__(self):
        return hash(self._ip)

    def Equals(self, other):
        return self == other

    def __repr__(self):
        return f"IPAddress({str(self._ip)!r})"


def _parse_ip(s):
    if isinstance(s, (ipaddress.IPv4Address, ipaddress.IPv6Address)):
        return s
    t = s.strip()
    if t.startswith("[") and "]" in t:
        t = t[1:t.index("]")]
    try:
        return ipaddress.ip_address(t.split("%")[0])
    except ValueError:
        pass
    # .NET also accepts the short IPv4 forms (a, a.b, a.b.c) and hex/octal parts
    parts = t.split(".")
    if 1 <= len(parts) <= 4:
        try:
            nums = [int(p, 0) if not re.fullmatch(r"0\d+", p) else int(p, 8) for p in parts]
            value = 0
            for n in nums[:-1]:
                if not 0 <= n <= 255:
                    raise ValueError
                value = value * 256 + n
            last_bits = 8 * (5 - len(parts))
            if not 0 <= nums[-1] < (1 << last_bits):
                raise ValueError
            value = (value << last_bits) | nums[-1]
            return ipaddress.IPv4Address(value)
        except ValueError:
            pass
    raise E.FormatException("An invalid IP address was specified.")


class IPAddressStatics:
    Any = static_prop("ipaddress", getter=lambda: IPAddress("0.0.0.0"))
    Loopback = static_prop("ipaddress", getter=lambda: IPAddress("127.0.0.1"))
    Broadcast = static_prop("ipaddress", getter=lambda: IPAddress("255.255.255.255"))
    # static "None" cannot be a Python attribute name; it is added below
    IPv6Any = static_prop("ipaddress", getter=lambda: IPAddress("::"))
    IPv6Loopback = static_prop("ipaddress", getter=lambda: IPAddress("::1"))
    IPv6None = static_prop("ipaddress", getter=lambda: IPAddress("::"))

    @sig("static ipaddress Parse(string ipString)")
    def Parse(s):
        return IPAddress.Parse(s)

    @sig("static bool TryParse(string ipString, ref ipaddress address)")
    def TryParse(s, ref):
        return try_parse(lambda: IPAddress.Parse(s), ref, None, E.DotNetException)

    @sig("static bool IsLoopback(ipaddress address)")
    def IsLoopback(a):
        return a._ip.is_loopback

    @sig("static ipaddress new(string address)", "static ipaddress new(byte[] address)",
         "static ipaddress new(long newAddress)")
    def new(v):
        return IPAddress(v)


setattr(IPAddressStatics, "None", static_prop("ipaddress",
                                              getter=lambda: IPAddress("255.255.255.255")))


class IPHostEntry:
    __ps_type__ = "System.Net.IPHostEntry"
    __ps_default_display__ = ("HostName", "Aliases", "AddressList")

    def __init__(self, host, aliases, addresses):
        self.HostName = host
        self.Aliases = aliases
        self.AddressList = addresses


def _no_host(name):
    return E.SocketException("No such host is known.") if name else \
        E.ArgumentException("The parameter 'hostNameOrAddress' cannot be an empty string. "
                            "(Parameter 'hostNameOrAddress')")


def _resolve(name):
    if not name:
        raise _no_host(name)
    from spshell.runtime.dotnet.env import machine_name
    lookup = name
    if name.lower() == machine_name().lower():
        lookup = socket.gethostname()  # the simulated host is this machine
    try:
        infos = socket.getaddrinfo(lookup, None)
    except (socket.gaierror, UnicodeError):
        raise _no_host(name)
    seen, out = set(), []
    for info in infos:
        addr = info[4][0]
        if addr not in seen:
            seen.add(addr)
            out.append(IPAddress(addr))
    return out


class DnsStatics:
    @sig("static string GetHostName()")
    def GetHostName():
        from spshell.runtime.dotnet.env import machine_name
        return machine_name()

    @sig("static System.Net.IPHostEntry GetHostEntry(string hostNameOrAddress)")
    def GetHostEntry(name):
        addrs = _resolve(str(name))
        host = str(name)
        try:
            ipaddress.ip_address(host)
            try:
                host = socket.gethostbyaddr(host)[0]
            except OSError:
                pass
        except ValueError:
            pass
        return IPHostEntry(host, [], addrs)

    @sig("static ipaddress[] GetHostAddresses(string hostNameOrAddress)")
    def GetHostAddresses(name):
        return _resolve(str(name))


# ---- ServicePointManager ---------------------------------------------------------------------

SecurityProtocolType = make_enum("System.Net.SecurityProtocolType",
                                 [("SystemDefault", 0), ("Ssl3", 48), ("Tls", 192),
                                  ("Tls11", 768), ("Tls12", 3072), ("Tls13", 12288)],
                                 flags=True)


class _ServicePointState:
    protocol = SecurityProtocolType.SystemDefault
    validation_callback = None
    expect_100 = True
    connection_limit = 2


class ServicePointManagerStatics:
    """[System.Net.ServicePointManager]: scripts set SecurityProtocol (TLS 1.2) and a
    certificate validation callback; the settings are kept for the mail client to consult."""

    @static_prop("System.Net.SecurityProtocolType")
    def SecurityProtocol():
        return _ServicePointState.protocol

    @SecurityProtocol.setter
    def SecurityProtocol(value):
        from spshell.runtime.conversion import convert_to
        from spshell.runtime.types import resolve_type
        _ServicePointState.protocol = convert_to(value, resolve_type(
            "System.Net.SecurityProtocolType"))

    @static_prop("System.Net.Security.RemoteCertificateValidationCallback")
    def ServerCertificateValidationCallback():
        return _ServicePointState.validation_callback

    @ServerCertificateValidationCallback.setter
    def ServerCertificateValidationCallback(value):
        _ServicePointState.validation_callback = value

    @static_prop("bool")
    def Expect100Continue():
        return _ServicePointState.expect_100

    @Expect100Continue.setter
    def Expect100Continue(value):
        from spshell.runtime.conversion import to_bool
        _ServicePointState.expect_100 = to_bool(value)

    @static_prop("int")
    def DefaultConnectionLimit():
        return _ServicePointState.connection_limit

    @DefaultConnectionLimit.setter
    def DefaultConnectionLimit(value):
        _ServicePointState.connection_limit = int(value)


def security_protocol():
    """The SecurityProtocol a script selected (SystemDefault unless set)."""
    return _ServicePointState.protocol


def certificate_validation_callback():
    return _ServicePointState.validation_callback
