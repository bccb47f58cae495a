"""Small helpers the mail cmdlets share."""
from __future__ import annotations

import os
from pathlib import Path

from spshell.runtime.errors import ErrorRecord


def home_of(cmdlet) -> Path:
    return home_of_context(cmdlet.context)


def home_of_context(ctx) -> Path:
    home = getattr(ctx, "home", None) if ctx is not None else None
    if home is None:
        env = os.environ.get("SPSHELL_HOME")
        if env:
            return Path(env)
        base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"),
                                                               ".local", "share")
        return Path(base) / "spshell"
    return Path(home)


def mail_error_record(exc, target=None, error_id=None):
    dotnet = exc.to_dotnet()
    return ErrorRecord(dotnet, error_id or ("SmtpFailedRecipientException"
                                            if exc.step == "RCPT TO" else "SmtpException"),
                       exc.category, target)


def show_transcript(cmdlet, transcript):
    if transcript is None:
        return
    for line in transcript.Lines:
        cmdlet.write_host(line)


def secure_text(value):
    """A SecureString or plain text parameter value -> SecureString (never logged)."""
    from spshell.runtime.objects import SecureString
    if value is None or isinstance(value, SecureString):
        return value
    return SecureString(str(value))


def resolve_file(cmdlet, path):
    ctx = cmdlet.context
    if ctx is not None and hasattr(ctx, "resolve_path"):
        try:
            return Path(ctx.resolve_path(str(path)))
        except Exception:
            pass
    return Path(path).expanduser().resolve()
