"""System.Net.Mail as scripts use it: ``New-Object Net.Mail.SmtpClient($server, 587)``,
``EnableSsl``, ``Credentials = New-Object System.Net.NetworkCredential(...)``, ``Send(...)``,
and ``MailMessage`` with its address collections, attachments and headers.

Sending goes through the same client as Send-MailMessage (client.send_mail), so the rules are
SmtpClient's: EnableSsl means STARTTLS is required, credentials pick the mechanism as .NET does
(GSSAPI, NTLM, LOGIN, PLAIN among what the server offers), and failures are SmtpException with
.NET's texts.
"""
from __future__ import annotations

from spshell.runtime.dotnet.base import sig
from spshell.runtime.dotnet.enums import make_enum
from spshell.runtime.dotnet.net import MailAddress
from spshell.runtime.errors import (ArgumentException, ArgumentNullException, ErrorRecord,
                                    PSInvalidCastException, PSInvalidOperationException)
from spshell.runtime.objects import NetworkCredential

from .errors import MailError

MailPriority = make_enum("System.Net.Mail.MailPriority", [("Normal", 0), ("Low", 1), ("High", 2)])
DeliveryNotificationOptions = make_enum(
    "System.Net.Mail.DeliveryNotificationOptions",
    [("None", 0), ("OnSuccess", 1), ("OnFailure", 2), ("Delay", 4), ("Never", 134217728)],
    flags=True)
SmtpDeliveryMethod = make_enum("System.Net.Mail.SmtpDeliveryMethod",
                               [("Network", 0), ("SpecifiedPickupDirectory", 1),
                                ("PickupDirectoryFromIis", 2)])


def _enum_value(enum_cls, value):
    """A property set from a script: the enum itself, its name(s) or its number."""
    if isinstance(value, enum_cls):
        return value
    from spshell.runtime.conversion import convert_to
    try:
        return convert_to(value, enum_cls.__ps_type__)
    except Exception:  # noqa: BLE001 - reported as the property's conversion error
        raise _cast_error(value, enum_cls.__ps_type__)


def _cast_error(value, type_name):
    """The conversion error; the engine names the property (`Exception setting "From"`)."""
    from spshell.runtime.types import type_name_of
    exc = PSInvalidCastException(
        f'Cannot convert value "{value}" to type "{type_name}".' if value is not None else
        f'Cannot convert null to type "{type_name}".')
    ErrorRecord(exc, "InvalidCastFromStringToType" if isinstance(value, str) else
                "ConvertToFinalInvalidCastException", "InvalidArgument", type_name_of(value))
    return exc


def _address(value):
    if value is None or isinstance(value, MailAddress):
        return value
    if isinstance(value, str):
        return MailAddress(value)
    raise _cast_error(value, "System.Net.Mail.MailAddress")


def _split_addresses(text):
    """'a@x, B <b@y>' -> MailAddress objects (commas inside quotes or <> do not split)."""
    parts, buf, quote, angle = [], [], False, False
    for ch in str(text):
        if ch == '"':
            quote = not quote
        elif ch == "<" and not quote:
            angle = True
        elif ch == ">" and not quote:
            angle = False
        if ch == "," and not quote and not angle:
            parts.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    parts.append("".join(buf))
    return [MailAddress(p.strip()) for p in parts if p.strip()]


class MailAddressCollection:
    __ps_type__ = "System.Net.Mail.MailAddressCollection"
    __ps_type_names__ = ("System.Net.Mail.MailAddressCollection",
                         "System.Collections.ObjectModel.Collection`1[[System.Net.Mail."
                         "MailAddress]]", "System.Object")

    def __init__(self):
        self._items = []

    @sig("void Add(string addresses)", "void Add(System.Net.Mail.MailAddress item)")
    def Add(self, addresses):
        if addresses is None:
            exc = ArgumentNullException("Value cannot be null. (Parameter 'addresses')")
            ErrorRecord(exc, "ArgumentNullException", "InvalidArgument")
            raise exc
        if isinstance(addresses, MailAddress):
            self._items.append(addresses)
            return
        if str(addresses) == "":
            exc = ArgumentException("The parameter 'addresses' cannot be an empty string. "
                                    "(Parameter 'addresses')")
            ErrorRecord(exc, "ArgumentException", "InvalidArgument")
            raise exc
        self._items.extend(_split_addresses(addresses))

    def Clear(self):
        self._items.clear()

    def Remove(self, item):
        try:
            self._items.remove(item)
            return True
        except ValueError:
            return False

    @property
    def Count(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, index):
        return self._items[index]

    def ToString(self):
        return ", ".join(str(a) for a in self._items)

    def __str__(self):
        return self.ToString()


class Attachment:
    __ps_type__ = "System.Net.Mail.Attachment"

    def __init__(self, file_name):
        from pathlib import Path
        from spshell.runtime.context import current
        if file_name is None:
            exc = ArgumentNullException("Value cannot be null. (Parameter 'fileName')")
            ErrorRecord(exc, "ArgumentNullException", "InvalidArgument")
            raise exc
        path = Path(str(file_name))
        ctx = current()
        if not path.is_absolute() and ctx is not None:
            path = Path(ctx.location) / path
        if not path.is_file():
            from spshell.runtime.errors import FileNotFoundException
            exc = FileNotFoundException(f"Could not find file '{path}'.")
            ErrorRecord(exc, "FileNotFoundException", "ObjectNotFound", str(path))
            raise exc
        self._path = path

    @classmethod
    @sig("System.Net.Mail.Attachment new(string fileName)")
    def __ps_new__(cls, file_name):
        return cls(file_name)

    @property
    def Name(self):
        return self._path.name

    def Dispose(self):
        pass


class AttachmentCollection(list):
    __ps_type__ = "System.Net.Mail.AttachmentCollection"

    @sig("void Add(System.Net.Mail.Attachment item)")
    def Add(self, item):
        if not isinstance(item, Attachment):
            raise _cast_error(item, "System.Net.Mail.Attachment")
        self.append(item)

    @property
    def Count(self):
        return len(self)

    def Dispose(self):
        pass


class HeaderCollection:
    """MailMessage.Headers (a NameValueCollection): names are case-insensitive."""

    __ps_type__ = "System.Collections.Specialized.NameValueCollection"

    def __init__(self):
        self._items = {}  # lower name -> (name, [values])

    @sig("void Add(string name, string value)")
    def Add(self, name, value):
        key = str(name)
        self._items.setdefault(key.lower(), (key, []))[1].append("" if value is None
                                                                   else str(value))

    def Set(self, name, value):
        self._items[str(name).lower()] = (str(name), ["" if value is None else str(value)])

    def Remove(self, name):
        self._items.pop(str(name).lower(), None)

    def Get(self, name):
        entry = self._items.get(str(name).lower())
        return ",".join(entry[1]) if entry else None

    def __getitem__(self, name):
        return self.Get(name)

    @property
    def Count(self):
        return len(self._items)

    @property
    def AllKeys(self):
        return [name for name, _ in self._items.values()]

    def pairs(self):
        return [(name, ",".join(values)) for name, values in self._items.values()]


class MailMessage:
    """System.Net.Mail.MailMessage."""

    __ps_type__ = "System.Net.Mail.MailMessage"
    __ps_default_display__ = ("From", "To", "Subject", "IsBodyHtml", "Priority")

    def __init__(self, sender=None, to=None, subject=None, body=None):
        self._from = _address(sender)
        self._sender = None
        self.To = MailAddressCollection()
        self.CC = MailAddressCollection()
        self.Bcc = MailAddressCollection()
        self.ReplyToList = MailAddressCollection()
        if to is not None:
            self.To.Add(to)
        self.Subject = "" if subject is None else str(subject)
        self.Body = "" if body is None else str(body)
        self.IsBodyHtml = False
        self._priority = MailPriority.Normal
        self._notify = DeliveryNotificationOptions["None"]
        self.Attachments = AttachmentCollection()
        self.Headers = HeaderCollection()
        self.BodyEncoding = None
        self.SubjectEncoding = None

    @classmethod
    @sig("System.Net.Mail.MailMessage new()",
         "System.Net.Mail.MailMessage new(string from, string to)",
         "System.Net.Mail.MailMessage new(System.Net.Mail.MailAddress from, "
         "System.Net.Mail.MailAddress to)",
         "System.Net.Mail.MailMessage new(string from, string to, string subject, string body)")
    def __ps_new__(cls, sender=None, to=None, subject=None, body=None):
        return cls(sender, to, subject, body)

    @property
    def From(self):
        return self._from

    @From.setter
    def From(self, value):
        self._from = _address(value)

    @property
    def Sender(self):
        return self._sender

    @Sender.setter
    def Sender(self, value):
        self._sender = _address(value)

    @property
    def Priority(self):
        return self._priority

    @Priority.setter
    def Priority(self, value):
        self._priority = _enum_value(MailPriority, value)

    @property
    def DeliveryNotificationOptions(self):
        return self._notify

    @DeliveryNotificationOptions.setter
    def DeliveryNotificationOptions(self, value):
        self._notify = _enum_value(DeliveryNotificationOptions, value)

    def Dispose(self):
        pass

    def ToString(self):
        return "System.Net.Mail.MailMessage"

    def __str__(self):
        return self.ToString()

    # ---- for SmtpClient (lower-case: not script-visible)
    def envelope(self):
        """-> the client's MailMessage for this one."""
        from .client import MailMessage as Outgoing
        if self._from is None:
            exc = PSInvalidOperationException(
                "A from address must be specified.")
            ErrorRecord(exc, "InvalidOperationException", "InvalidOperation")
            raise exc
        if not (len(self.To) or len(self.CC) or len(self.Bcc)):
            exc = PSInvalidOperationException("A recipient must be specified.")
            ErrorRecord(exc, "InvalidOperationException", "InvalidOperation")
            raise exc
        notify = _notify_keywords(self._notify)
        headers = dict(self.Headers.pairs())
        if self._sender is not None:
            headers.setdefault("Sender", str(self._sender))
        encoding = getattr(self.BodyEncoding, "WebName", None) or "utf-8"
        return Outgoing(str(self._from), [str(a) for a in self.To], self.Subject, self.Body,
                        cc=[str(a) for a in self.CC], bcc=[str(a) for a in self.Bcc],
                        reply_to=self.ReplyToList.ToString() or None, html=bool(self.IsBodyHtml),
                        attachments=[a._path for a in self.Attachments],
                        priority=str(self._priority), encoding=encoding, notify=notify,
                        headers=headers or None)


def _notify_keywords(options):
    value = int(options.value)
    if value & DeliveryNotificationOptions.Never.value:
        return ["NEVER"]
    words = [w for flag, w in ((1, "SUCCESS"), (2, "FAILURE"), (4, "DELAY")) if value & flag]
    return words or None


class SmtpClient:
    """System.Net.Mail.SmtpClient (network delivery)."""

    __ps_type__ = "System.Net.Mail.SmtpClient"
    __ps_default_display__ = ("Host", "Port", "EnableSsl", "UseDefaultCredentials", "Timeout",
                              "DeliveryMethod", "TargetName")

    def __init__(self, host=None, port=25):
        self.Host = host
        self._port = 25
        self.Port = port
        self.EnableSsl = False
        self._credentials = None
        self.UseDefaultCredentials = False
        self._timeout = 100000
        self.DeliveryMethod = SmtpDeliveryMethod.Network
        self._target = None

    @classmethod
    @sig("System.Net.Mail.SmtpClient new()", "System.Net.Mail.SmtpClient new(string host)",
         "System.Net.Mail.SmtpClient new(string host, int port)")
    def __ps_new__(cls, host=None, port=25):
        return cls(host, port)

    @property
    def Port(self):
        return self._port

    @Port.setter
    def Port(self, value):
        port = int(value)
        if port <= 0 or port > 65535:
            exc = ArgumentException(f"Specified argument was out of the range of valid values. "
                                    f"(Parameter 'value')")
            ErrorRecord(exc, "ArgumentOutOfRangeException", "InvalidArgument", value)
            raise exc
        self._port = port

    @property
    def Timeout(self):
        return self._timeout

    @Timeout.setter
    def Timeout(self, value):
        self._timeout = int(value)

    @property
    def Credentials(self):
        return self._credentials

    @Credentials.setter
    def Credentials(self, value):
        # SmtpClient takes ICredentialsByHost: a NetworkCredential, not a PSCredential
        if value is not None and not isinstance(value, NetworkCredential):
            raise _cast_error(value, "System.Net.ICredentialsByHost")
        self._credentials = value

    @property
    def TargetName(self):
        return self._target if self._target is not None else f"SMTPSVC/{self.Host or ''}"

    @TargetName.setter
    def TargetName(self, value):
        self._target = None if value is None else str(value)

    @sig("void Send(System.Net.Mail.MailMessage message)",
         "void Send(string from, string recipients, string subject, string body)")
    def Send(self, message, recipients=None, subject=None, body=None):
        if message is None and recipients is None:
            exc = ArgumentNullException("Value cannot be null. (Parameter 'message')")
            ErrorRecord(exc, "ArgumentNullException", "InvalidArgument")
            raise exc
        if not isinstance(message, MailMessage):
            message = MailMessage(message, recipients, subject, body)
        self._send(message)

    def Dispose(self):
        pass

    def ToString(self):
        return "System.Net.Mail.SmtpClient"

    def __str__(self):
        return self.ToString()

    def __repr__(self):  # never the password
        user = self._credentials.UserName if self._credentials is not None else None
        return f"SmtpClient({self.Host}:{self._port}, ssl={self.EnableSsl}, user={user!r})"

    def _send(self, message):
        from spshell.runtime.context import current
        from spshell.runtime.errors import SmtpException
        from ._common import home_of_context
        from .client import SmtpSettings, send_mail
        from .cmdlets_send import dotnet_message
        if not self.Host:
            exc = PSInvalidOperationException("The SMTP host was not specified.")
            ErrorRecord(exc, "InvalidOperationException", "InvalidOperation")
            raise exc
        outgoing = message.envelope()
        user = password = None
        cred = self._credentials
        if cred is not None and cred.UserName:
            user = f"{cred.Domain}\\{cred.UserName}" if cred.Domain else cred.UserName
            password = cred.SecurePassword
        settings = SmtpSettings(str(self.Host), self._port,
                                "StartTls" if self.EnableSsl else "None", "Auto", user=user,
                                password=password, timeout=max(self._timeout, 1) / 1000.0,
                                home=home_of_context(current()))
        try:
            result = send_mail(settings, outgoing)
        except MailError as err:
            err.message = dotnet_message(err)
            raise err.to_dotnet() from None
        if result.Rejected:
            exc = SmtpException("Mailbox unavailable. The server response was: "
                                + "; ".join(result.Rejected))
            ErrorRecord(exc, "SmtpFailedRecipientException", "InvalidOperation", str(self.Host))
            raise exc
