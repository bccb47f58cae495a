"""One error type for everything that can go wrong in an SMTP session.

It names the step (connect, banner, EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA, QUIT) and
quotes the server's reply, and carries the transcript up to the failure, so the cmdlet can
report one clear line and the caller can still look at the conversation.
"""
from __future__ import annotations

from spshell.runtime.errors import SmtpException, define_exception

SmtpFailedRecipientException = define_exception(
    "System.Net.Mail.SmtpFailedRecipientException", SmtpException)


class MailError(Exception):
    """Raised by the client; ``to_dotnet()`` gives the script-visible exception."""

    def __init__(self, step, message, code=None, reply=None, transcript=None, category=None,
                 attempted_auth=False):
        super().__init__(message)
        self.step = step
        self.message = message
        self.code = code
        self.reply = reply
        self.transcript = transcript
        self.category = category or _category(step, code)
        self.attempted_auth = attempted_auth

    def __str__(self):
        return self.message

    def to_dotnet(self):
        cls = SmtpFailedRecipientException if self.step == "RCPT TO" else SmtpException
        exc = cls(self.message)
        exc.StatusCode = self.code
        exc.Step = self.step
        exc.ServerReply = self.reply
        exc.Transcript = self.transcript
        return exc


def _category(step, code):
    if step in ("connect", "DNS"):
        return "ConnectionError"
    if step == "AUTH":
        return "AuthenticationError"
    if step in ("STARTTLS", "TLS"):
        return "SecurityError"
    if step == "timeout":
        return "OperationTimeout"
    if code is not None and 500 <= code < 600 and step in ("MAIL FROM", "RCPT TO"):
        return "PermissionDenied"
    return "ProtocolError"
