"""SharePoint's exception types and the helpers domain code uses to raise them with an
ErrorRecord attached (error id and category as the real cmdlets report them)."""
from __future__ import annotations

from spshell.runtime.errors import (ArgumentException, CryptographicException, DotNetException,
                                    ErrorRecord, FormatException, SPException, define_exception)

SPCmdletException = define_exception("Microsoft.SharePoint.PowerShell.SPCmdletException",
                                     DotNetException)
SPCmdletPipeBindException = define_exception(
    "Microsoft.SharePoint.PowerShell.SPCmdletPipeBindException", SPCmdletException)
SPDuplicateObjectException = define_exception(
    "Microsoft.SharePoint.Administration.SPDuplicateObjectException", SPException)
SqlException = define_exception("System.Data.SqlClient.SqlException")


def raise_error(cls, message, error_id, category="InvalidOperation", target=None):
    exc = cls(message)
    ErrorRecord(exc, error_id, category, target)
    raise exc


__all__ = ["SPCmdletException", "SPCmdletPipeBindException", "SPDuplicateObjectException",
           "SqlException", "SPException", "ArgumentException", "FormatException",
           "CryptographicException", "raise_error"]
