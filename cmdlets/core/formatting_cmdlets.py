"""Format-Table, Format-List, Format-Wide and the Out-* cmdlets (Out-Default, Out-Host,
Out-String, Out-File, Out-Null).

Format-* write format objects (spshell.formatting.packets), not text: the Out-* cmdlets and the
host's Out-Default lay them out for their own width, so ``... | Format-Table | Out-String -Width
200`` and ``... | Format-List | Out-File x.txt`` work as in PowerShell.
"""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (DirectoryNotFoundException, ErrorDetails, ErrorRecord,
                                    IOException, NotSupportedException, ps_error)
from spshell.runtime.objects import AutomationNull, Hashtable, SwitchParameter

_SCRIPTBLOCK = "System.Management.Automation.ScriptBlock"
_ALIGNMENTS = ("left", "center", "right")
_EXPAND = {"coreonly": "CoreOnly", "enumonly": "EnumOnly", "both": "Both"}
_EXPAND_HELP = ("How to show a collection: EnumOnly (its elements, the default), CoreOnly (the "
                "collection object itself) or Both.")


# ------------------------------------------------------------------------------ helpers
def _fmt():
    import spshell.formatting as f
    return f


def _is_scriptblock(v) -> bool:
    if v is None or isinstance(v, (str, int, float, list, Hashtable)):
        return False
    from spshell.formatting import _access
    return _SCRIPTBLOCK in _access.type_names(v)


def _items(v) -> list:
    if v is None or v is AutomationNull:
        return []
    if isinstance(v, (list, tuple)):
        return list(v)
    return [v]


def _key_error(error_id, message):
    exc = NotSupportedException()
    rec = ErrorRecord(exc, error_id, "InvalidArgument")
    rec.ErrorDetails = ErrorDetails(message)
    return exc


def _match_key(key, allowed):
    """Hashtable keys may be abbreviated (``N``, ``E``, ``W``...); Name and Label are one key."""
    k = str(key).lower()
    hits = []
    for canon, spellings in allowed:
        if any(s.startswith(k) for s in spellings):
            hits.append(canon)
    if not hits:
        raise _key_error("DictionaryKeyIllegal", f"The {key} key is not valid.")
    if len(hits) > 1:
        raise _key_error("DictionaryKeyAmbiguous",
                         f"The {key} key is ambiguous; {hits[0]} and {hits[1]} conflict.")
    return hits[0]


_TABLE_KEYS = (("Name", ("name", "label")), ("Expression", ("expression",)),
               ("FormatString", ("formatstring",)), ("Width", ("width",)),
               ("Alignment", ("alignment",)))
_LIST_KEYS = (("Name", ("name", "label")), ("Expression", ("expression",)),
              ("FormatString", ("formatstring",)))
_WIDE_KEYS = (("Expression", ("expression",)), ("FormatString", ("formatstring",)))


def field_specs(values, allowed, context=None) -> list:
    """-Property / -GroupBy arguments -> FieldSpec list (names, script blocks, hashtables)."""
    from spshell.formatting.formatter import FieldSpec
    from spshell.formatting import _access
    specs = []
    for v in _items(values):
        if v is None:
            continue
        if isinstance(v, str):
            specs.append(FieldSpec(v))
        elif _is_scriptblock(v):
            specs.append(FieldSpec(v, is_script=True))
        elif isinstance(v, (Hashtable, dict)):
            entries = {}
            for key, value in v.items():
                if key is None:
                    raise _key_error("DictionaryKeyNull", "The value of a key cannot be null.")
                if not isinstance(key, str):
                    raise _key_error("DictionaryKeyNonString",
                                     f"The {type(key).__name__} key type is not valid. The key "
                                     "must be a string.")
                canon = _match_key(key, allowed)
                if canon in entries:
                    raise _key_error("DictionaryKeyDuplicate",
                                     f'The duplicated key "{key}" conflicts with "{canon}".')
                entries[canon] = (key, value)
            if "Expression" not in entries:
                raise _key_error("DictionaryKeyMandatoryEntry",
                                 "A mandatory entry for Expression is missing.")
            expr = entries["Expression"][1]
            spec = FieldSpec(expr, is_script=_is_scriptblock(expr))
            if not spec.is_script:
                spec.source = _access.to_string(expr)
            if "Name" in entries:
                spec.label = _access.to_string(entries["Name"][1])
            if "FormatString" in entries:
                spec.format_string = _access.to_string(entries["FormatString"][1])
            if "Width" in entries:
                key, w = entries["Width"]
                try:
                    w = int(w)
                except (TypeError, ValueError):
                    w = 0
                if w <= 0:
                    raise _key_error("WidthIllegalValue",
                                     f'The value "{entries["Width"][1]}" for key "{key}" should '
                                     "be greater than 0.")
                spec.width = w
            if "Alignment" in entries:
                key, a = entries["Alignment"]
                a_low = _access.to_string(a).lower()
                match = [x for x in _ALIGNMENTS if a_low and x.startswith(a_low)]
                if len(match) != 1:
                    raise _key_error("AlignmentIllegalValue",
                                     f'The value "{a}" for key "{key}" is not valid; valid '
                                     "values are left, center, right.")
                spec.alignment = match[0]
            specs.append(spec)
        else:
            specs.append(FieldSpec(_access.to_string(v)))
    return specs


def _limit(context):
    if context is None:
        return 4
    try:
        v = context.get_variable("FormatEnumerationLimit", 4)
        return int(v) if v is not None else 4
    except Exception:
        return 4


def _error_view(context):
    if context is None:
        return "NormalView"
    try:
        return str(context.get_variable("ErrorView", "NormalView") or "NormalView")
    except Exception:
        return "NormalView"


def _host(context):
    return getattr(context, "host", None) if context is not None else None


def _host_width(context, console=False) -> int:
    host = _host(context)
    w = getattr(host, "width", None) if host is not None else None
    try:
        w = int(w) if w else 120
    except (TypeError, ValueError):
        w = 120
    if console and host is not None:
        # PowerShell never writes the console's last column (ConsoleLineOutput.ColumnNumber)
        out = getattr(host, "stdout", None)
        try:
            if out is not None and out.isatty():
                w -= 1
        except (AttributeError, ValueError):
            pass
    return max(w, 1)


class _FormatCmdlet(Cmdlet):
    """Shared body of Format-Table/List/Wide."""

    shape = "table"
    property_keys = _TABLE_KEYS

    def _params(self):
        from spshell.formatting.formatter import FormatParams
        p = FormatParams()
        prop = getattr(self, "Property", None)
        if prop is not None:
            p.properties = field_specs(prop, self.property_keys, self.context) or None
        excl = getattr(self, "ExcludeProperty", None)
        if excl:
            p.exclude = [str(x) for x in _items(excl)]
        group = getattr(self, "GroupBy", None)
        if group is not None:
            specs = field_specs(group, _LIST_KEYS, self.context)
            p.group_by = specs[0] if specs else None
        p.force = bool(getattr(self, "Force", False))
        expand = getattr(self, "Expand", None)
        if expand:
            p.expand = _EXPAND[str(expand).lower()]
        return p

    def begin(self):
        from spshell.formatting.formatter import Formatter
        from spshell.formatting import format_error
        view = _error_view(self.context)
        width = _host_width(self.context)

        def error_text(record):
            return format_error(record, view, width=width)

        try:
            params = self._params()
        except NotSupportedException as exc:
            self.throw_terminating_error(exc.error_record or exc)
            return
        self._formatter = Formatter(self.shape, params, _limit(self.context), self.context,
                                    error_text)

    def process(self):
        obj = self.InputObject
        if obj is None or obj is AutomationNull:
            return
        for packet in self._formatter.process(obj):
            self.write_object(packet)

    def end(self):
        for packet in self._formatter.end():
            self.write_object(packet)


_FORMAT_NOTES = ("The output is a set of format objects, not text: pipe it only to an Out-* "
                 "command (Out-String, Out-File, Out-Host) or let the console show it.")


class FormatTable(_FormatCmdlet):
    name = "Format-Table"
    implementing_type = "Microsoft.PowerShell.Commands.FormatTableCommand"
    shape = "table"
    property_keys = _TABLE_KEYS
    help = Help(
        synopsis="Shows objects as a table, one row per object.",
        description=(
            "Lays the input objects out as a table. Without -Property the object's display "
            "properties are used (or the table view declared for its type). The columns are "
            "fixed by the first object; their widths come from the objects that arrive during "
            "the first moments (or from all objects with -AutoSize). Values that do not fit "
            "are cut and end with an ellipsis; -Wrap shows them on several lines instead. "
            "A -Property entry can be a property name (wildcards allowed), a script block, or a "
            "hashtable @{Name/Label=...; Expression=...; Width=...; Alignment=...; "
            "FormatString=...} that computes a column."),
        examples=[
            Example("Get-SPServer | Format-Table Name, Role -AutoSize",
                    "Two columns, each as wide as its longest value."),
            Example("Get-ChildItem | Format-Table Name, @{Label='KB'; Expression={$_.Length/1KB};"
                    " FormatString='N1'; Alignment='Right'}",
                    "A calculated column with its own header, number format and alignment."),
            Example("Get-SPWebApplication | Format-Table -GroupBy Status",
                    "One table per value of Status, each under a '   Status: value' line."),
        ],
        notes=_FORMAT_NOTES,
        inputs="System.Management.Automation.PSObject",
        outputs="Microsoft.PowerShell.Commands.Internal.Format")
    Property = Parameter("object[]", position=0,
                         help="The properties (names, wildcards, script blocks or calculated "
                              "property hashtables) to show as columns.")
    AutoSize = Parameter(SwitchParameter,
                         help="Sizes every column from all the objects (waits for the end).")
    HideTableHeaders = Parameter(SwitchParameter, help="Leaves out the header and dash lines.")
    Wrap = Parameter(SwitchParameter,
                     help="Shows long values on several lines instead of cutting them.")
    GroupBy = Parameter(object,
                        help="Starts a new table whenever this property (or expression) "
                             "changes value.")
    ExcludeProperty = Parameter("string[]", help="Properties (wildcards allowed) to leave out.")
    Force = Parameter(SwitchParameter,
                      help="Formats objects that are otherwise shown as plain text (strings, "
                           "numbers, error records).")
    Expand = Parameter(str, validate_set=("CoreOnly", "EnumOnly", "Both"), help=_EXPAND_HELP)
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to format.")

    def _params(self):
        p = super()._params()
        p.autosize = bool(self.AutoSize)
        p.hide_header = bool(self.HideTableHeaders)
        p.wrap = bool(self.Wrap)
        return p


class FormatList(_FormatCmdlet):
    name = "Format-List"
    implementing_type = "Microsoft.PowerShell.Commands.FormatListCommand"
    shape = "list"
    property_keys = _LIST_KEYS
    help = Help(
        synopsis="Shows each object as a list of 'Name : value' lines.",
        description=(
            "Writes every object as a block of lines, one per property, with the names padded "
            "so the values line up. Use -Property * to see all properties, or name the ones "
            "you want; script blocks and @{Name=...; Expression=...} hashtables compute "
            "values. Long values wrap under the value column."),
        examples=[
            Example("Get-SPFarm | Format-List *", "Every property of the farm object."),
            Example("Get-SPWebApplication | Format-List DisplayName, Url, "
                    "@{N='Sender'; E={$_.OutboundMailSenderAddress}}",
                    "Three lines per web application, the last one computed."),
        ],
        notes=_FORMAT_NOTES,
        inputs="System.Management.Automation.PSObject",
        outputs="Microsoft.PowerShell.Commands.Internal.Format")
    Property = Parameter("object[]", position=0,
                         help="The properties (names, wildcards, script blocks or calculated "
                              "property hashtables) to show.")
    GroupBy = Parameter(object, help="Starts a new group whenever this value changes.")
    ExcludeProperty = Parameter("string[]", help="Properties (wildcards allowed) to leave out.")
    Force = Parameter(SwitchParameter,
                      help="Formats objects that are otherwise shown as plain text.")
    Expand = Parameter(str, validate_set=("CoreOnly", "EnumOnly", "Both"), help=_EXPAND_HELP)
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to format.")


class FormatWide(_FormatCmdlet):
    name = "Format-Wide"
    implementing_type = "Microsoft.PowerShell.Commands.FormatWideCommand"
    shape = "wide"
    property_keys = _WIDE_KEYS
    help = Help(
        synopsis="Shows one property of each object, several objects per line.",
        description=(
            "Writes one value per object (the object's name by default, or -Property) in "
            "columns across the screen: two columns by default, -Column N for N columns, or "
            "-AutoSize to fit as many as the longest value allows."),
        examples=[
            Example("Get-Command -Module Microsoft.SharePoint.PowerShell | Format-Wide -Column 3",
                    "Command names in three columns."),
            Example("Get-SPServer | Format-Wide Address -AutoSize",
                    "As many server addresses per line as fit."),
        ],
        notes=_FORMAT_NOTES,
        inputs="System.Management.Automation.PSObject",
        outputs="Microsoft.PowerShell.Commands.Internal.Format")
    Property = Parameter(object, position=0, help="The property (or expression) to show.")
    AutoSize = Parameter(SwitchParameter, sets={"AutoSize": {}},
                         help="Fits as many columns as the longest value allows.")
    Column = Parameter(int, sets={"Column": {}}, validate_range=(1, 2147483647),
                       help="The number of columns.")
    GroupBy = Parameter(object, help="Starts a new group whenever this value changes.")
    Force = Parameter(SwitchParameter,
                      help="Formats objects that are otherwise shown as plain text.")
    Expand = Parameter(str, validate_set=("CoreOnly", "EnumOnly", "Both"), help=_EXPAND_HELP)
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to format.")

    def _params(self):
        p = super()._params()
        if p.properties:
            p.properties = p.properties[:1]
        p.autosize = bool(self.AutoSize)
        p.wide_columns = int(self.Column or 0)
        return p


_CUSTOM_KEYS = (("Expression", ("expression",)), ("Depth", ("depth",)))


class FormatCustom(_FormatCmdlet):
    name = "Format-Custom"
    implementing_type = "Microsoft.PowerShell.Commands.FormatCustomCommand"
    shape = "custom"
    property_keys = _CUSTOM_KEYS
    help = Help(
        synopsis="Shows objects as an indented tree of their properties.",
        description=(
            "Writes each object as 'class TypeName { Property = value ... }', expanding "
            "properties that hold other objects or collections into nested blocks, down to "
            "-Depth levels (5 by default). Types with a custom view (such as DateTime) use it."),
        examples=[
            Example("Get-SPFarm | Format-Custom -Depth 2",
                    "The farm and the objects it refers to, two levels deep."),
            Example("[pscustomobject]@{Name='x'; Tags=@('a','b')} | Format-Custom",
                    "Shows the Tags array as a bracketed list under 'Tags ='."),
        ],
        notes=_FORMAT_NOTES,
        inputs="System.Management.Automation.PSObject",
        outputs="Microsoft.PowerShell.Commands.Internal.Format")
    Property = Parameter("object[]", position=0,
                         help="The properties (names, wildcards, script blocks or "
                              "@{Expression=...} hashtables) to show.")
    Depth = Parameter(int, default=5, validate_range=(1, 2147483647),
                      help="How many levels of nested objects to expand.")
    GroupBy = Parameter(object, help="Starts a new group whenever this value changes.")
    ExcludeProperty = Parameter("string[]", help="Properties (wildcards allowed) to leave out.")
    Force = Parameter(SwitchParameter,
                      help="Formats objects that are otherwise shown as plain text.")
    Expand = Parameter(str, validate_set=("CoreOnly", "EnumOnly", "Both"), help=_EXPAND_HELP)
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to format.")

    def _params(self):
        p = super()._params()
        p.depth = int(self.Depth or 5)
        return p


# ------------------------------------------------------------------------------ Out-*
class _OutCmdlet(Cmdlet):
    def _formatter(self, write_line, width, colour=False):
        f = _fmt()
        return f.OutputFormatter(write_line, width, enumeration_limit=_limit(self.context),
                                 context=self.context, error_view=_error_view(self.context),
                                 colour=colour)


class OutDefault(_OutCmdlet):
    name = "Out-Default"
    implementing_type = "Microsoft.PowerShell.Commands.OutDefaultCommand"
    help = Help(
        synopsis="Sends objects to the default formatter and the console.",
        description=(
            "The command the shell adds at the end of every pipeline typed at the prompt or "
            "run from a script: objects are formatted (table, list, or one line of text each) "
            "and shown. Calling it yourself makes the output appear at that point."),
        examples=[Example("Get-SPServer | Out-Default", "Shows the servers as the console would.")],
        inputs="System.Management.Automation.PSObject", outputs="None")
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to show.")

    def _write_line(self, text):
        host = _host(self.context)
        if host is None:
            return
        writer = getattr(host, "write_output_line", None) or host.write_line
        writer(text)

    def begin(self):
        host = _host(self.context)
        colour = bool(getattr(host, "colour_out", False)) if host is not None else False
        self._out = self._formatter(self._write_line, _host_width(self.context, console=True),
                                    colour)

    def process(self):
        obj = self.InputObject
        if obj is None or obj is AutomationNull:
            return
        self._out.write(obj)

    def end(self):
        self._out.close()


class OutHost(OutDefault):
    name = "Out-Host"
    implementing_type = "Microsoft.PowerShell.Commands.OutHostCommand"
    help = Help(
        synopsis="Shows objects in the console.",
        description=(
            "Formats the objects and writes them to the console, bypassing the pipeline. "
            "-Paging is accepted for compatibility; output is not paged."),
        examples=[Example("Get-SPServer | Out-Host", "Shows the servers."),
                  Example("$list | Out-Host -Paging", "Shows the list (not paged).")],
        inputs="System.Management.Automation.PSObject", outputs="None")
    Paging = Parameter(SwitchParameter, help="Accepted and ignored: output is not paged.")
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to show.")


class OutNull(Cmdlet):
    name = "Out-Null"
    implementing_type = "Microsoft.PowerShell.Commands.OutNullCommand"
    help = Help(
        synopsis="Discards its input.",
        description="Swallows every object it receives, so nothing is shown. Errors and "
                    "warnings are separate streams and still appear.",
        examples=[Example("New-Item x.txt | Out-Null", "Creates the file without showing it.")],
        inputs="System.Management.Automation.PSObject", outputs="None")
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to discard.")

    def process(self):
        pass


class OutString(_OutCmdlet):
    name = "Out-String"
    implementing_type = "Microsoft.PowerShell.Commands.OutStringCommand"
    help = Help(
        synopsis="Turns objects into the text the console would show.",
        description=(
            "Formats the input exactly as the console would (tables, lists, blank lines) and "
            "writes it as one string, or one string per line with -Stream. -Width sets the "
            "line width (default: the console width, or 120 when there is no console)."),
        examples=[
            Example("$text = Get-SPServer | Out-String", "The server table as one string."),
            Example("Get-SPFarm | Format-List * | Out-String -Width 200 -Stream | "
                    "Select-String Mail", "Searches the formatted lines."),
        ],
        inputs="System.Management.Automation.PSObject", outputs="System.String")
    Width = Parameter(int, validate_range=(2, 2147483647),
                      help="The number of characters in each line.")
    Stream = Parameter(SwitchParameter, help="Writes each line as a separate string.")
    NoNewline = Parameter(SwitchParameter,
                          help="Joins the lines without newline characters.")
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to convert.")

    def begin(self):
        self._lines = []
        width = int(self.Width) if self.Width else _host_width(self.context)
        if self.Stream:
            sink = self._stream_line
        else:
            sink = self._lines.append
        self._out = self._formatter(sink, width)

    def _stream_line(self, line):
        self.write_object(line)

    def process(self):
        obj = self.InputObject
        if obj is None or obj is AutomationNull:
            return
        self._out.write(obj)

    def end(self):
        self._out.close()
        if self.Stream:
            return
        if self.NoNewline:
            self.write_object("".join(self._lines))
        else:
            self.write_object("".join(line + "\n" for line in self._lines))


class OutFile(_OutCmdlet):
    name = "Out-File"
    implementing_type = "Microsoft.PowerShell.Commands.OutFileCommand"
    default_parameter_set = "ByPath"
    supports_should_process = True
    help = Help(
        synopsis="Writes the console form of objects to a file.",
        description=(
            "Formats the input as the console would and writes the text to a file (UTF-8 "
            "without a byte order mark unless -Encoding says otherwise). -Append adds to the "
            "end, -NoClobber refuses to replace an existing file, -Width sets the line width "
            "and -NoNewline leaves out the line breaks."),
        examples=[
            Example("Get-SPServer | Out-File servers.txt", "The server table in servers.txt."),
            Example("Get-Date | Out-File log.txt -Append -Encoding unicode",
                    "Adds a line to log.txt in UTF-16."),
        ],
        inputs="System.Management.Automation.PSObject", outputs="None")
    FilePath = Parameter(str, mandatory=True, position=0, aliases=("Path",),
                         sets={"ByPath": {}}, help="The file to write.")
    LiteralPath = Parameter(str, mandatory=True, aliases=("PSPath", "LP"),
                            sets={"ByLiteralPath": {}},
                            help="The file to write; no wildcard characters are interpreted.")
    Encoding = Parameter(str, position=1, default="utf8NoBOM",
                         help="The text encoding: utf8NoBOM (default), utf8, utf8BOM, ascii, "
                              "unicode, bigendianunicode, utf32, latin1, oem, default or a "
                              "code page number.")
    Append = Parameter(SwitchParameter, help="Adds the text to the end of the file.")
    Force = Parameter(SwitchParameter, help="Overwrites a read-only file.")
    NoClobber = Parameter(SwitchParameter, aliases=("NoOverwrite",),
                          help="Fails instead of replacing an existing file.")
    Width = Parameter(int, validate_range=(2, 2147483647),
                      help="The number of characters in each line.")
    NoNewline = Parameter(SwitchParameter, help="Writes no line breaks.")
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to write.")

    def begin(self):
        from cmdlets.core._filesystem import encoding_for
        raw = self.LiteralPath if self.parameter_set_name == "ByLiteralPath" else self.FilePath
        if raw is None:
            raw = self.FilePath or self.LiteralPath
        self._path = self.context.resolve_path(str(raw))
        self._codec, self._bom = encoding_for(self.Encoding)
        self._lines = []
        self._skip = False
        if not self.should_process(str(self._path)):
            self._skip = True
        width = int(self.Width) if self.Width else _host_width(self.context)
        self._out = self._formatter(self._lines.append, width)
        if self._skip:
            return
        if self._path.is_dir():
            self.throw_terminating_error(ps_error(
                UnauthorizedAccess(), f"Access to the path '{self._path}' is denied.",
                "FileOpenFailure", "OpenError", str(self._path)))
        if not self._path.parent.exists():
            self.throw_terminating_error(ps_error(
                DirectoryNotFoundException, f"Could not find a part of the path "
                f"'{self._path}'.", "FileOpenFailure", "OpenError", str(self._path)))
        if self.NoClobber and not self.Append and self._path.exists():
            self.throw_terminating_error(ps_error(
                IOException, f"The file '{self._path}' already exists.", "NoClobber",
                "ResourceExists", str(self._path)))
        if self._path.exists() and not self.Force:
            import os
            if not os.access(self._path, os.W_OK):
                self.throw_terminating_error(ps_error(
                    UnauthorizedAccess(), f"Access to the path '{self._path}' is denied.",
                    "FileOpenFailure", "OpenError", str(self._path)))
        self._open()

    def _open(self):
        import os
        path = self._path
        if self.Force and path.exists() and not os.access(path, os.W_OK):
            try:
                os.chmod(path, path.stat().st_mode | 0o200)
            except OSError:
                pass
        existing = self.Append and path.exists() and path.stat().st_size > 0
        try:
            self._fh = open(path, "ab" if self.Append else "wb")
        except OSError as exc:
            self.throw_terminating_error(ps_error(
                IOException, f"{exc.strerror}: '{path}'", "FileOpenFailure", "OpenError",
                str(path)))
        if self._bom and not existing:
            from cmdlets.core._filesystem import _BOMS
            bom = _BOMS.get(self._codec)
            if bom:
                self._fh.write(bom)

    def _flush_lines(self):
        if self._skip or not self._lines:
            self._lines.clear()
            return
        sep = "" if self.NoNewline else "\n"
        text = "".join(line + sep for line in self._lines)
        self._lines.clear()
        self._fh.write(text.encode(self._codec, errors="replace"))

    def process(self):
        obj = self.InputObject
        if obj is None or obj is AutomationNull:
            return
        self._out.write(obj)
        self._flush_lines()

    def end(self):
        self._out.close()
        self._flush_lines()
        fh = getattr(self, "_fh", None)
        if fh is not None:
            fh.close()
            self._fh = None


def UnauthorizedAccess():
    from spshell.runtime.errors import UnauthorizedAccessException
    return UnauthorizedAccessException


COMMANDS = {
    "Format-Table": FormatTable, "Format-List": FormatList, "Format-Wide": FormatWide,
    "Format-Custom": FormatCustom,
    "Out-Default": OutDefault, "Out-Host": OutHost, "Out-Null": OutNull,
    "Out-String": OutString, "Out-File": OutFile,
}
ALIASES = {"ft": "Format-Table", "fl": "Format-List", "fw": "Format-Wide", "fc": "Format-Custom",
           "oh": "Out-Host"}
