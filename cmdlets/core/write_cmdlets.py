"""Write-Output, Write-Host, Write-Warning/Verbose/Debug/Information/Error/Progress."""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (ErrorCategory, ErrorCategoryInfo,
                                    ErrorDetails, ErrorRecord, WriteErrorException)
from spshell.runtime.objects import AutomationNull, SwitchParameter

from ._util import as_list, enumerate_value, to_str

CONSOLE_COLORS = ("Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta",
                  "DarkYellow", "Gray", "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta",
                  "Yellow", "White")


class WriteOutput(Cmdlet):
    name = "Write-Output"
    implementing_type = "Microsoft.PowerShell.Commands.WriteOutputCommand"
    help = Help(
        synopsis="Writes objects to the success stream (the pipeline).",
        description="Sends each input object down the pipeline. When it is the last command the "
                    "objects are shown in the console. Collections are sent element by element "
                    "unless -NoEnumerate is given.",
        examples=[Example("Write-Output 'hello'", "Writes the string to the pipeline."),
                  Example("Write-Output @(1,2,3) -NoEnumerate | Measure-Object",
                          "Sends the array as a single object, so Count is 1.")],
        inputs="System.Management.Automation.PSObject", outputs="System.Management.Automation.PSObject")
    InputObject = Parameter("psobject[]", mandatory=True, position=0, pipeline=True,
                            value_from_remaining=True, allow_null=True, allow_empty=True,
                            help="The objects to send down the pipeline.")
    NoEnumerate = Parameter(SwitchParameter, help="Sends a collection as one object.")

    def begin(self):
        # arguments are bound before begin(); pipeline input only afterwards
        self._from_args = "InputObject" in (self.bound or {})

    def process(self):
        value = self.InputObject
        if self.NoEnumerate:
            if not self._from_args and isinstance(value, list) and len(value) == 1:
                value = value[0]  # the engine wrapped one pipeline object in the array type
            self.write_object(value, False)
            return
        if value is None:
            self.write_object(None)
            return
        self.write_object(value, True)


class WriteHost(Cmdlet):
    name = "Write-Host"
    implementing_type = "Microsoft.PowerShell.Commands.WriteHostCommand"
    help = Help(
        synopsis="Writes text to the host (console), not to the pipeline.",
        description="Converts each object to text and shows it. Collections are joined with a "
                    "space (or -Separator). The text goes to the information stream, so it "
                    "cannot be captured by assignment but can be redirected with 6>.",
        examples=[Example("Write-Host 'Done' -ForegroundColor Green",
                          "Shows 'Done' in green."),
                  Example("Write-Host (1,2,3) -Separator ', '", "Shows '1, 2, 3'."),
                  Example("Write-Host 'no newline' -NoNewline", "Does not end the line.")])
    Object = Parameter(object, position=0, pipeline=True, value_from_remaining=True,
                       allow_null=True, allow_empty=True, help="Objects to display.")
    NoNewline = Parameter(SwitchParameter, help="Does not add a newline after the output.")
    Separator = Parameter(object, default=" ", help="Text placed between displayed objects.")
    ForegroundColor = Parameter(str, validate_set=CONSOLE_COLORS, help="Text colour.")
    BackgroundColor = Parameter(str, validate_set=CONSOLE_COLORS, help="Background colour.")

    def process(self):
        sep = to_str(self.Separator) if self.Separator is not None else ""
        text = self._render(self.Object, sep, top=True)
        self.write_host(text, _canon_color(self.ForegroundColor),
                        _canon_color(self.BackgroundColor), bool(self.NoNewline))

    def _render(self, obj, sep, top=False):
        if obj is None or obj is AutomationNull:
            return ""
        if isinstance(obj, str):
            return obj
        items = enumerate_value(obj)
        if items is not None:
            return sep.join(self._render(i, sep) for i in items)
        return to_str(obj)


def _canon_color(name):
    if not name:
        return None
    for c in CONSOLE_COLORS:
        if c.lower() == str(name).lower():
            return c
    return name


class _MessageCmdlet(Cmdlet):
    Message = Parameter(str, mandatory=True, position=0, pipeline=True, aliases=("Msg",),
                        allow_empty=True, help="The message text.")


class WriteWarning(_MessageCmdlet):
    name = "Write-Warning"
    implementing_type = "Microsoft.PowerShell.Commands.WriteWarningCommand"
    help = Help(synopsis="Writes a warning message.",
                description="Writes the message to the warning stream; the console shows it as "
                            "'WARNING: message'. $WarningPreference and -WarningAction decide "
                            "whether it is shown.",
                examples=[Example("Write-Warning 'Disk almost full'",
                                  "Shows: WARNING: Disk almost full")])

    def process(self):
        self.write_warning(self.Message or "")


class WriteVerbose(_MessageCmdlet):
    name = "Write-Verbose"
    implementing_type = "Microsoft.PowerShell.Commands.WriteVerboseCommand"
    help = Help(synopsis="Writes a message to the verbose stream.",
                description="Verbose messages are shown (as 'VERBOSE: message') only when "
                            "$VerbosePreference is Continue or the command was run with -Verbose.",
                examples=[Example("Write-Verbose 'Connecting' -Verbose",
                                  "Shows: VERBOSE: Connecting")])

    def process(self):
        self.write_verbose(self.Message or "")


class WriteDebug(_MessageCmdlet):
    name = "Write-Debug"
    implementing_type = "Microsoft.PowerShell.Commands.WriteDebugCommand"
    help = Help(synopsis="Writes a message to the debug stream.",
                description="Debug messages are shown (as 'DEBUG: message') only when "
                            "$DebugPreference is not SilentlyContinue or -Debug is used.",
                examples=[Example("Write-Debug 'x is 3' -Debug", "Shows: DEBUG: x is 3")])

    def process(self):
        self.write_debug(self.Message or "")


class WriteInformation(Cmdlet):
    name = "Write-Information"
    implementing_type = "Microsoft.PowerShell.Commands.WriteInformationCommand"
    help = Help(synopsis="Writes a message to the information stream.",
                description="Writes structured data to stream 6. It is shown when "
                            "$InformationPreference (or -InformationAction) is Continue.",
                examples=[Example("Write-Information 'Started' -InformationAction Continue",
                                  "Shows 'Started'.")])
    MessageData = Parameter(object, mandatory=True, position=0, aliases=("Msg", "Message"),
                            help="The data to write.")
    Tags = Parameter("string[]", position=1, help="Tags to attach to the record.")

    def process(self):
        self.write_information(self.MessageData, tuple(as_list(self.Tags)))


class _WriteErrorRecord(ErrorRecord):
    """An ErrorRecord whose category fields were overridden by Write-Error's parameters."""

    def __init__(self, *args, reason=None, target_name=None, target_type=None, **kw):
        super().__init__(*args, **kw)
        self._reason = reason
        self._target_name = target_name
        self._target_type = target_type

    @property
    def CategoryInfo(self):
        return _OverriddenCategoryInfo(self)


class _OverriddenCategoryInfo(ErrorCategoryInfo):
    @property
    def Reason(self):
        return self._r._reason or super().Reason

    @property
    def TargetName(self):
        return self._r._target_name if self._r._target_name else super().TargetName

    @property
    def TargetType(self):
        return self._r._target_type if self._r._target_type else super().TargetType


class WriteError(Cmdlet):
    name = "Write-Error"
    implementing_type = "Microsoft.PowerShell.Commands.WriteErrorCommand"
    default_parameter_set = "NoException"
    help = Help(
        synopsis="Writes a non-terminating error.",
        description="Writes an error record to the error stream. Execution continues unless "
                    "-ErrorAction Stop (or $ErrorActionPreference = 'Stop') makes it terminating. "
                    "The error can be built from a message, an exception, or an existing "
                    "ErrorRecord, and its category, id and target can be set.",
        examples=[Example("Write-Error 'Cannot reach server'",
                          "Writes an error with the given message."),
                  Example("Write-Error -Message 'Bad input' -Category InvalidArgument "
                          "-ErrorId BadInput -TargetObject $x",
                          "Writes a categorized error with its own id.")])
    _sets_msg = {"NoException": {"mandatory": True, "position": 0, "pipeline": True},
                 "WithException": {}}
    Exception = Parameter(object, sets={"WithException": {"mandatory": True}},
                          help="An exception object describing the error.")
    Message = Parameter(str, sets=_sets_msg, aliases=("Msg",), allow_null=True, allow_empty=True,
                        help="The message text of the error.")
    ErrorRecord = Parameter(object, sets={"ErrorRecord": {"mandatory": True}},
                            help="An existing error record to write.")
    Category = Parameter(str, sets={"NoException": {}, "WithException": {}},
                         validate_set=ErrorCategory.NAMES, default="NotSpecified",
                         help="The error category.")
    ErrorId = Parameter(str, sets={"NoException": {}, "WithException": {}},
                        help="An identifier for the error.")
    TargetObject = Parameter(object, sets={"NoException": {}, "WithException": {}},
                             help="The object being processed when the error occurred.")
    RecommendedAction = Parameter(str, help="The action the user should take.")
    CategoryActivity = Parameter(str, aliases=("Activity",), help="The activity that failed.")
    CategoryReason = Parameter(str, aliases=("Reason",), help="Why the activity failed.")
    CategoryTargetName = Parameter(str, aliases=("TargetName",), help="Name of the target.")
    CategoryTargetType = Parameter(str, aliases=("TargetType",), help="Type of the target.")

    def process(self):
        rec = self._build()
        if rec.invocation_info is None:
            rec.invocation_info = self._caller_invocation()
        if rec.activity is None:
            rec.activity = "Write-Error"
        self.write_error(rec)

    def _caller_invocation(self):
        """The record belongs to the caller, as in PowerShell: inside function f it reads
        'f : message' with FullyQualifiedErrorId '<id>,f'; at top level there is no suffix."""
        import copy
        frame = getattr(self.context, "frame", None)
        caller = getattr(frame, "invocation", None) if frame is not None else None
        name = getattr(caller, "command_name", None) if caller is not None else None
        if name:
            mine = copy.copy(caller)
            # a script is named by its file name in the id (its path heads the message)
            mine.command_type_name = str(name).replace("\\", "/").rsplit("/", 1)[-1]
            return mine
        inv = getattr(self.runtime, "invocation", None)
        if inv is None:
            return None
        mine = copy.copy(inv)
        mine.command_type_name = None
        return mine

    def _build(self):
        psn = self.parameter_set_name
        if psn == "ErrorRecord" or (self.ErrorRecord is not None and self.Exception is None
                                     and self.Message is None):
            src = self.ErrorRecord
            if not isinstance(src, ErrorRecord):
                src = ErrorRecord(WriteErrorException(to_str(src)),
                                  "Microsoft.PowerShell.Commands.WriteErrorException")
            rec = _WriteErrorRecord(src.exception, src.error_id, src.category, src.target_object,
                                    activity=self.CategoryActivity or src.activity,
                                    details=src.details, reason=self.CategoryReason,
                                    target_name=self.CategoryTargetName,
                                    target_type=self.CategoryTargetType)
        else:
            exc = self.Exception
            message = self.Message
            if exc is not None and not isinstance(exc, BaseException):
                exc = WriteErrorException(to_str(exc))
            if exc is None:
                exc = WriteErrorException(message or "")
            error_id = self.ErrorId or "Microsoft.PowerShell.Commands.WriteErrorException"
            category = self.Category or "NotSpecified"
            rec = _WriteErrorRecord(exc, error_id, category, self.TargetObject,
                                    activity=self.CategoryActivity,
                                    reason=self.CategoryReason,
                                    target_name=self.CategoryTargetName,
                                    target_type=self.CategoryTargetType)
            if message is not None and self.Exception is not None:
                rec.details = ErrorDetails(message)
        if self.RecommendedAction:
            if rec.details is None:
                rec.details = ErrorDetails(str(rec.exception))
            rec.details.RecommendedAction = self.RecommendedAction
        return rec


class WriteProgress(Cmdlet):
    name = "Write-Progress"
    implementing_type = "Microsoft.PowerShell.Commands.WriteProgressCommand"
    help = Help(synopsis="Shows a progress bar.",
                description="Creates or updates a progress record. The console shows it while a "
                            "command runs; -Completed removes it. Nothing is written to the "
                            "pipeline.",
                examples=[Example("1..100 | ForEach-Object { Write-Progress -Activity 'Copy' "
                                  "-PercentComplete $_ }", "Shows a bar that fills up."),
                          Example("Write-Progress -Activity 'Copy' -Completed",
                                  "Removes the bar.")])
    Activity = Parameter(str, position=0, help="The first line of text in the heading.")
    Status = Parameter(str, position=1, not_null_or_empty=True, help="The second line of text.")
    Id = Parameter(int, position=2, default=0, help="Distinguishes progress bars.")
    PercentComplete = Parameter(int, default=-1, validate_range=(-1, 100),
                                help="Percentage of the activity that is done.")
    SecondsRemaining = Parameter(int, default=-1, help="Estimated seconds remaining.")
    CurrentOperation = Parameter(str, default="", help="The operation in progress.")
    ParentId = Parameter(int, default=-1, help="The parent activity of this one.")
    Completed = Parameter(SwitchParameter, help="Marks the activity as finished.")
    SourceId = Parameter(int, default=0, help="The source of the record.")

    def process(self):
        activity = self.Activity
        if activity is None or activity == "":
            # PowerShell 7 uses a placeholder activity when only -Status or -Completed is given
            activity = "Processing" if not self.Completed else (self.Status or "Processing")
        self.write_progress(activity, self.Status or "Processing", self.PercentComplete,
                            bool(self.Completed), self.Id, self.CurrentOperation or "",
                            self.SecondsRemaining, self.ParentId)
