""".NET-style exceptions, ErrorRecord, and the engine's control-flow signals.

Every exception a script can see is a ``DotNetException`` subclass named after its .NET type, so
``catch [System.ArgumentException]`` is an ``isinstance`` test (``find_exception_type``). Domain
code raises these (or ``ps_error(...)``); any other Python exception escaping a cmdlet becomes an
internal-error ErrorRecord that says so, never a traceback.
"""
from __future__ import annotations


class DotNetException(Exception):
    """System.Exception. ``Message``/``InnerException`` as in .NET; ``error_record`` is attached
    when the engine (or a cmdlet) wraps it in an ErrorRecord."""

    __ps_type__ = "System.Exception"
    _default_message = "Exception of type '{type}' was thrown."

    def __init__(self, message=None, inner=None, error_record=None):
        if message is None:
            message = self._default_message.format(type=type(self).__ps_type__)
        super().__init__(message)
        self.Message = str(message)
        self.InnerException = inner
        self.error_record = error_record
        # set by `throw` / escalation: unwinds the whole script, not just the statement
        self.script_terminating = False

    @property
    def ErrorRecord(self):
        return self.error_record

    @property
    def HResult(self):
        return -2146233088

    def GetType(self):
        from spshell.runtime import types
        return types.type_of(self)

    def ToString(self):
        return f"{type(self).__ps_type__}: {self.Message}"

    def GetBaseException(self):
        e = self
        while getattr(e, "InnerException", None) is not None:
            e = e.InnerException
        return e

    def __str__(self):
        return self.Message


_EXCEPTIONS: dict[str, type] = {}


def _register(cls):
    full = cls.__ps_type__
    _EXCEPTIONS[full.lower()] = cls
    _EXCEPTIONS[full.rsplit(".", 1)[-1].lower()] = cls
    return cls


def _define(full_name, base, default_message=None):
    short = full_name.rsplit(".", 1)[-1]
    attrs = {"__ps_type__": full_name}
    if default_message:
        attrs["_default_message"] = default_message
    cls = type(short, (base,), attrs)
    return _register(cls)


_register(DotNetException)
SystemException = _define("System.SystemException", DotNetException)
ApplicationException = _define("System.ApplicationException", DotNetException)
ArgumentException = _define("System.ArgumentException", SystemException,
                            "Value does not fall within the expected range.")
ArgumentNullException = _define("System.ArgumentNullException", ArgumentException,
                                "Value cannot be null.")
ArgumentOutOfRangeException = _define("System.ArgumentOutOfRangeException", ArgumentException,
                                      "Specified argument was out of the range of valid values.")
ArithmeticException = _define("System.ArithmeticException", SystemException)
DivideByZeroException = _define("System.DivideByZeroException", ArithmeticException,
                                "Attempted to divide by zero.")
OverflowException = _define("System.OverflowException", ArithmeticException,
                            "Arithmetic operation resulted in an overflow.")
FormatException = _define("System.FormatException", SystemException)
InvalidCastException = _define("System.InvalidCastException", SystemException)
InvalidOperationException = _define("System.InvalidOperationException", SystemException)
NotSupportedException = _define("System.NotSupportedException", SystemException)
NullReferenceException = _define("System.NullReferenceException", SystemException,
                                 "Object reference not set to an instance of an object.")
IndexOutOfRangeException = _define("System.IndexOutOfRangeException", SystemException,
                                   "Index was outside the bounds of the array.")
KeyNotFoundException = _define("System.Collections.Generic.KeyNotFoundException", SystemException)
TimeoutException = _define("System.TimeoutException", SystemException)
UnauthorizedAccessException = _define("System.UnauthorizedAccessException", SystemException)
OperationCanceledException = _define("System.OperationCanceledException", SystemException,
                                     "The operation was canceled.")
IOException = _define("System.IO.IOException", SystemException)
FileNotFoundException = _define("System.IO.FileNotFoundException", IOException)
DirectoryNotFoundException = _define("System.IO.DirectoryNotFoundException", IOException)
SecurityException = _define("System.Security.SecurityException", SystemException)
CryptographicException = _define("System.Security.Cryptography.CryptographicException",
                                 SystemException)
SmtpException = _define("System.Net.Mail.SmtpException", InvalidOperationException,
                        "Failure sending mail.")
SocketException = _define("System.Net.Sockets.SocketException", SystemException)
AuthenticationException = _define("System.Security.Authentication.AuthenticationException",
                                  SystemException)
SqlException = _define("System.Data.SqlClient.SqlException", SystemException)

RuntimeException = _define("System.Management.Automation.RuntimeException", SystemException)
ParseException = _define("System.Management.Automation.ParseException", RuntimeException)
IncompleteParseException = _define("System.Management.Automation.IncompleteParseException",
                                   ParseException)
PSInvalidCastException = _define("System.Management.Automation.PSInvalidCastException",
                                 InvalidCastException)
PSArgumentException = _define("System.Management.Automation.PSArgumentException",
                              ArgumentException)
PSArgumentNullException = _define("System.Management.Automation.PSArgumentNullException",
                                  ArgumentNullException)
PSArgumentOutOfRangeException = _define(
    "System.Management.Automation.PSArgumentOutOfRangeException", ArgumentOutOfRangeException)
PSInvalidOperationException = _define("System.Management.Automation.PSInvalidOperationException",
                                      InvalidOperationException)
PSNotSupportedException = _define("System.Management.Automation.PSNotSupportedException",
                                  NotSupportedException)
PSSecurityException = _define("System.Management.Automation.PSSecurityException",
                              RuntimeException)
MethodInvocationException = _define("System.Management.Automation.MethodInvocationException",
                                     RuntimeException)
MethodException = _define("System.Management.Automation.MethodException", RuntimeException)
GetValueInvocationException = _define(
    "System.Management.Automation.GetValueInvocationException", RuntimeException)
SetValueInvocationException = _define(
    "System.Management.Automation.SetValueInvocationException", RuntimeException)
PropertyNotFoundException = _define("System.Management.Automation.PropertyNotFoundException",
                                    RuntimeException)
CommandNotFoundException = _define("System.Management.Automation.CommandNotFoundException",
                                   RuntimeException)
ParameterBindingException = _define("System.Management.Automation.ParameterBindingException",
                                    RuntimeException)
ParameterBindingValidationException = _define(
    "System.Management.Automation.ParameterBindingValidationException", ParameterBindingException)
ParameterBindingArgumentTransformationException = _define(
    "System.Management.Automation.ParameterBindingArgumentTransformationException",
    ParameterBindingException)
ValidationMetadataException = _define("System.Management.Automation.ValidationMetadataException",
                                      RuntimeException)
ActionPreferenceStopException = _define(
    "System.Management.Automation.ActionPreferenceStopException", RuntimeException)
PipelineStoppedException = _define("System.Management.Automation.PipelineStoppedException",
                                   RuntimeException, "The pipeline has been stopped.")
ItemNotFoundException = _define("System.Management.Automation.ItemNotFoundException",
                                SessionStateException := _define(
                                    "System.Management.Automation.SessionStateException",
                                    RuntimeException))
DriveNotFoundException = _define("System.Management.Automation.DriveNotFoundException",
                                 SessionStateException)
SessionStateUnauthorizedAccessException = _define(
    "System.Management.Automation.SessionStateUnauthorizedAccessException", SessionStateException)
WildcardPatternException = _define("System.Management.Automation.WildcardPatternException",
                                   RuntimeException)
HostException = _define("System.Management.Automation.Host.HostException", RuntimeException)
PSRemotingTransportException = _define(
    "System.Management.Automation.Remoting.PSRemotingTransportException", RuntimeException)
WriteErrorException = _define("Microsoft.PowerShell.Commands.WriteErrorException",
                              SystemException)
# SharePoint's own failures surface as SPException
SPException = _define("Microsoft.SharePoint.SPException", DotNetException)
SPUpdatedConcurrencyException = _define("Microsoft.SharePoint.Administration."
                                        "SPUpdatedConcurrencyException", SPException)


def exception_types():
    """name (full or short, lower case) -> class, for the type registry."""
    return _EXCEPTIONS


def find_exception_type(name: str):
    n = name.lower()
    if n.startswith("system.") is False and n in _EXCEPTIONS:
        return _EXCEPTIONS[n]
    return _EXCEPTIONS.get(n) or _EXCEPTIONS.get("system." + n)


def define_exception(full_name: str, base=DotNetException, default_message=None):
    """For modules that need their own exception type (kept idempotent)."""
    existing = _EXCEPTIONS.get(full_name.lower())
    return existing or _define(full_name, base, default_message)


def type_names_of_exception(exc) -> list[str]:
    names = []
    for cls in type(exc).__mro__:
        t = cls.__dict__.get("__ps_type__")
        if t:
            names.append(t)
    names.append("System.Object")
    return names


# ---------------------------------------------------------------------------------------------
# ErrorRecord

class ErrorCategory:
    """System.Management.Automation.ErrorCategory names, in .NET order."""

    NAMES = ["NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected",
             "InvalidArgument", "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType",
             "MetadataError", "NotImplemented", "NotInstalled", "ObjectNotFound",
             "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError",
             "PermissionDenied", "ResourceBusy", "ResourceExists", "ResourceUnavailable",
             "ReadError", "WriteError", "FromStdErr", "SecurityError", "ProtocolError",
             "ConnectionError", "AuthenticationError", "LimitsExceeded", "QuotaExceeded",
             "NotEnabled"]


class ErrorCategoryInfo:
    __ps_type__ = "System.Management.Automation.ErrorCategoryInfo"

    def __init__(self, record):
        self._r = record

    @property
    def Category(self):
        return self._r.category

    @property
    def Activity(self):
        if self._r.activity is not None:
            return self._r.activity
        inv = self._r.invocation_info
        return inv.command_name if inv and inv.command_name else ""

    @property
    def Reason(self):
        return type(self._r.exception).__name__

    @property
    def TargetName(self):
        t = self._r.target_object
        if t is None:
            return ""
        from spshell.runtime.conversion import to_string
        return to_string(t)

    @property
    def TargetType(self):
        t = self._r.target_object
        if t is None:
            return ""
        from spshell.runtime.types import type_name_of
        return type_name_of(t).rsplit(".", 1)[-1]

    def GetMessage(self):
        return str(self)

    def __str__(self):
        def el(s):
            s = str(s)
            return s if len(s) <= 40 else s[:37] + "..."
        return (f"{self.Category}: ({el(self.TargetName)}:{el(self.TargetType)}) "
                f"[{el(self.Activity)}], {el(self.Reason)}")

    ToString = __str__


class InvocationInfo:
    """Where an error happened: the command and the source extent."""

    __ps_type__ = "System.Management.Automation.InvocationInfo"

    def __init__(self, command_name=None, extent=None, script_name=None, invocation_name=None):
        self.command_name = command_name
        self.extent = extent  # spshell.language.ast.Extent or None
        self.script_name = script_name
        self.invocation_name = invocation_name or command_name

    @property
    def MyCommand(self):
        return self.command_name

    @property
    def InvocationName(self):
        return self.invocation_name

    @property
    def ScriptName(self):
        return self.script_name or (self.extent.file if self.extent and self.extent.file else "")

    @property
    def ScriptLineNumber(self):
        return self.extent.start_line if self.extent else 0

    @property
    def OffsetInLine(self):
        return self.extent.start_column if self.extent else 0

    @property
    def Line(self):
        return self.extent.line_text() if self.extent else ""

    @property
    def PositionMessage(self):
        from spshell.formatting.errors import position_message
        return position_message(self.extent) if self.extent else ""


class ErrorDetails:
    __ps_type__ = "System.Management.Automation.ErrorDetails"

    def __init__(self, message, recommended_action=""):
        self.Message = message
        self.RecommendedAction = recommended_action

    def __str__(self):
        return self.Message


class ErrorRecord:
    """System.Management.Automation.ErrorRecord."""

    __ps_type__ = "System.Management.Automation.ErrorRecord"

    def __init__(self, exception, error_id, category="NotSpecified", target_object=None,
                 invocation_info=None, activity=None, details=None):
        self.exception = exception
        self.error_id = error_id or type(exception).__name__
        self.category = category
        self.target_object = target_object
        self.invocation_info = invocation_info
        self.activity = activity
        self.details = details  # ErrorDetails or None
        self.script_stack_trace = ""
        self.from_throw = False
        if isinstance(exception, DotNetException) and exception.error_record is None:
            exception.error_record = self

    @property
    def Exception(self):
        return self.exception

    @property
    def TargetObject(self):
        return self.target_object

    @property
    def CategoryInfo(self):
        return ErrorCategoryInfo(self)

    @property
    def FullyQualifiedErrorId(self):
        inv = self.invocation_info
        cmd_type = getattr(inv, "command_type_name", None) if inv else None
        if cmd_type:
            return f"{self.error_id},{cmd_type}"
        return self.error_id

    @property
    def InvocationInfo(self):
        return self.invocation_info

    @property
    def ErrorDetails(self):
        return self.details

    @ErrorDetails.setter
    def ErrorDetails(self, value):
        self.details = value if (value is None or isinstance(value, ErrorDetails)) \
            else ErrorDetails(str(value))

    @property
    def ScriptStackTrace(self):
        return self.script_stack_trace

    @property
    def message(self):
        if self.details is not None and self.details.Message:
            return self.details.Message
        return str(self.exception)

    def __str__(self):
        return self.message

    def ToString(self):
        return self.message

    def __repr__(self):
        return f"ErrorRecord({self.error_id!r}: {self.message!r})"


def ps_error(exception_cls, message, error_id=None, category="NotSpecified", target=None):
    """Build an exception with its ErrorRecord attached; ``raise ps_error(...)``."""
    exc = exception_cls(message)
    ErrorRecord(exc, error_id or exception_cls.__name__, category, target)
    return exc


# ---------------------------------------------------------------------------------------------
# Control flow inside the engine (never seen by scripts as exceptions)

class FlowSignal(BaseException):
    """Base for break/continue/return/exit: BaseException so `except Exception` in cmdlets and
    domain code never swallows them."""


class BreakSignal(FlowSignal):
    def __init__(self, label=None):
        self.label = label


class ContinueSignal(FlowSignal):
    def __init__(self, label=None):
        self.label = label


class ReturnSignal(FlowSignal):
    pass


class ExitSignal(FlowSignal):
    def __init__(self, code=0):
        self.code = code


class StopUpstream(FlowSignal):
    """Select-Object -First (and friends) tells the commands before it to stop producing."""

    def __init__(self, token=None):
        self.token = token
