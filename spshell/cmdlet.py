"""The one API every cmdlet is written against.

A cmdlet is a class::

    class SetSPApplicationCredentialKey(Cmdlet):
        name = "Set-SPApplicationCredentialKey"
        help = Help(synopsis="...", description="...", examples=[Example("...", "...")])
        Password = Parameter(SecureString, mandatory=True, position=0, help="...")
        def process(self):
            ...self.Password...        # the bound value (or default / None)
            self.write_object(result)

Parameters are class attributes (``Parameter``), named as PowerShell shows them. ``type`` is a
Python class (``str``, ``int``, ``bool``, ``SwitchParameter``, ``SecureString``...), a .NET type
name string (``"string[]"``, ``"System.Net.Mail.MailAddress"``) or ``object`` (no conversion);
``spshell.runtime.conversion.convert_to`` applies PowerShell's conversion rules when binding.
Parameter sets: ``sets=None`` means every set; otherwise a dict ``{"SetName": {"mandatory": True,
"position": 0}, ...}`` whose per-set values override the parameter's own.

At run time the engine gives each instance:
``self.context`` (the ExecutionContext: variables, host, computer name, home folder, script block
invocation), ``self.bound`` ($PSBoundParameters: a dict of bound names to values),
``self.parameter_set_name``, and the write/should methods below. Binding, common parameters,
ShouldProcess and the streams live in the engine (spshell.runtime); a cmdlet never prints.
"""
from __future__ import annotations

from spshell._records import dataclass, field
from typing import Any, Optional

from spshell.runtime.errors import ErrorRecord, DotNetException, RuntimeException
from spshell.runtime.objects import SwitchParameter

ALL_SETS = "__AllParameterSets"


@dataclass()
class Example:
    code: str
    remarks: str = ""
    title: str = ""  # defaults to "-------------------------- EXAMPLE n --------------------------"


@dataclass()
class Help:
    synopsis: str = ""
    description: str = ""
    examples: list[Example] = field(default_factory=list)
    notes: str = ""
    inputs: str = ""
    outputs: str = ""
    links: list[str] = field(default_factory=list)


class Parameter:
    """A declared parameter; also a descriptor returning the bound value on instances."""

    def __init__(self, type: Any = object, *, mandatory=False, position=None, sets=None,
                 pipeline=False, by_property=False, aliases=(), help="", default=None,
                 validate_set=None, ignore_case=True, validate_range=None, validate_pattern=None,
                 validate_length=None, validate_count=None, validate_script=None,
                 not_null=False, not_null_or_empty=False, allow_null=False, allow_empty=False,
                 wildcards=False, dont_show=False, value_from_remaining=False, type_name=None):
        self.type = type
        # the .NET type syntax, help and binding errors name when `type` is a looser Python
        # one (a SharePoint PipeBind taking a URL, a name, a GUID or the object itself)
        self.type_name = type_name
        self.mandatory = mandatory
        self.position = position
        self.sets = sets  # None = all sets, else {set_name: {overrides}}
        self.pipeline = pipeline
        self.by_property = by_property
        self.aliases = tuple(aliases)
        self.help = help
        self.default = default
        self.validate_set = tuple(validate_set) if validate_set else None
        self.ignore_case = ignore_case
        self.validate_range = validate_range
        self.validate_pattern = validate_pattern
        self.validate_length = validate_length
        self.validate_count = validate_count
        self.validate_script = validate_script  # callable(value) -> bool
        self.not_null = not_null
        self.not_null_or_empty = not_null_or_empty
        self.allow_null = allow_null
        self.allow_empty = allow_empty
        self.wildcards = wildcards
        self.dont_show = dont_show
        self.value_from_remaining = value_from_remaining
        self.name = None  # set by __set_name__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner):
        # A non-data descriptor: a bound value lives in the instance's __dict__ under the
        # parameter's name and shadows this, so reading it costs a plain attribute lookup; only
        # unbound parameters come here for their default.
        if instance is None:
            return self
        if self.is_switch:
            return SwitchParameter(False) if self.default is None else self.default
        return self.default

    @property
    def is_switch(self):
        return self.type is SwitchParameter or (isinstance(self.type, str)
                                                and self.type.lower() in ("switch",
                                                                          "switchparameter"))

    def in_set(self, set_name):
        return self.sets is None or set_name in self.sets

    def setting(self, set_name, key):
        """mandatory/position/pipeline/by_property for one parameter set."""
        if self.sets and set_name in self.sets and key in self.sets[set_name]:
            return self.sets[set_name][key]
        return getattr(self, key)


class CmdletMeta(type):
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        params = {}
        for base in reversed(cls.__mro__[1:]):
            params.update(getattr(base, "_own_parameters", {}))
        own = {k: v for k, v in ns.items() if isinstance(v, Parameter)}
        cls._own_parameters = own
        params.update(own)
        cls.parameters = params  # declaration order: base first


class Cmdlet(metaclass=CmdletMeta):
    name: str = ""  # Verb-Noun
    help: Help = Help()
    default_parameter_set: Optional[str] = None
    supports_should_process: bool = False
    confirm_impact: str = "Medium"  # None | Low | Medium | High
    positional_binding: bool = True
    output_type: str = ""
    module_name: str = ""  # filled in by the module loader
    # The type name used in FullyQualifiedErrorId (`ErrorId,Microsoft.PowerShell.Commands.X`)
    implementing_type: str = ""

    # ---- set by the engine before begin()
    context: Any = None
    bound: dict = None
    parameter_set_name: str = ALL_SETS
    runtime: Any = None  # spshell.runtime.commands.CommandRuntime

    def begin(self):
        pass

    def process(self):
        pass

    def end(self):
        pass

    def stream(self, emit):
        """Optional: a function fn(obj) doing for one pipeline object what binding it to the
        pipeline parameter and calling process() would, writing output objects with emit(obj).
        The engine asks once the first object has gone through process() and later objects
        bind to the same one untyped parameter; None keeps the bind-and-process path."""
        return None

    # ---- output and streams (delegated to the engine's command runtime)
    def write_object(self, obj, enumerate_collection=False):
        self.runtime.write_object(obj, enumerate_collection)

    def write_error(self, error, error_id=None, category="NotSpecified", target=None):
        """error: an ErrorRecord, an exception, or a message string."""
        self.runtime.write_error(self._record(error, error_id, category, target))

    def throw_terminating_error(self, error, error_id=None, category="NotSpecified", target=None):
        record = self._record(error, error_id, category, target)
        self.runtime.throw_terminating_error(record)

    def write_warning(self, message):
        self.runtime.write_warning(str(message))

    def write_verbose(self, message):
        self.runtime.write_verbose(str(message))

    def write_debug(self, message):
        self.runtime.write_debug(str(message))

    def write_information(self, message_data, tags=()):
        self.runtime.write_information(message_data, tags)

    def write_host(self, text, foreground=None, background=None, no_newline=False):
        self.runtime.write_host(text, foreground, background, no_newline)

    def write_progress(self, activity, status="Processing", percent=-1, completed=False,
                       activity_id=0, current_operation="", seconds_remaining=-1, parent_id=-1):
        self.runtime.write_progress(activity, status, percent, completed, activity_id,
                                    current_operation, seconds_remaining, parent_id)

    def should_process(self, target, action=None):
        """PowerShell's ShouldProcess(target[, action]): WhatIf/Confirm/Verbose handling."""
        return self.runtime.should_process(target, action or self.name)

    def should_process_message(self, description, warning, caption):
        """The three-argument overload."""
        return self.runtime.should_process_message(description, warning, caption)

    def should_continue(self, query, caption):
        return self.runtime.should_continue(query, caption)

    @property
    def stopping(self):
        return self.runtime.stopping

    # ---- helpers
    def _record(self, error, error_id, category, target):
        if isinstance(error, ErrorRecord):
            return error
        if isinstance(error, DotNetException):
            if error.error_record is not None and error_id is None:
                return error.error_record
            return ErrorRecord(error, error_id or type(error).__name__, category, target)
        exc = RuntimeException(str(error))
        return ErrorRecord(exc, error_id or "RuntimeException", category, target)

    @classmethod
    def parameter_sets(cls):
        names = set()
        for p in cls.parameters.values():
            if p.sets:
                names.update(p.sets)
        return sorted(names) if names else [ALL_SETS]


@dataclass()
class Module:
    """A module or snap-in. ``commands`` maps a command name to "package.module:ClassName" (or the
    class itself), imported only when the command is first used, so start-up stays cheap.
    ``types`` maps .NET full names (and accelerators) the module adds to "package.module:Name".
    ``about`` maps about_ topic names to text files in the package."""
    name: str
    commands: dict[str, Any] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    # full name -> "pkg.mod:Class", or ("pkg.mod:Class", PSType options such as {"enum": True})
    types: dict[str, Any] = field(default_factory=dict)
    about: dict[str, str] = field(default_factory=dict)
    version: str = "1.0.0.0"
    kind: str = "Module"  # "Module" | "PSSnapin"
    description: str = ""
    # loaded without Import-Module/Add-PSSnapin (Microsoft.PowerShell.* and module autoloading)
    autoload: bool = True
    setup: Optional[str] = None  # "package.module:function" run once when the module loads


def load_object(ref):
    """'package.module:Name' -> the object (classes pass through)."""
    if not isinstance(ref, str):
        return ref
    mod_name, _, attr = ref.partition(":")
    import importlib
    mod = importlib.import_module(mod_name)
    return getattr(mod, attr) if attr else mod
