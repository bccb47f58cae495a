"""ConvertTo-Csv, ConvertFrom-Csv, Export-Csv, Import-Csv (PowerShell 7 defaults: no #TYPE
line, every field quoted)."""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (IOException, InvalidOperationException, PSArgumentException,
                                    ps_error)
from spshell.runtime.objects import SwitchParameter

from . import _csv
from ._filesystem import expand, not_found, read_text, resolve, write_text
from ._util import as_list, to_str


def _culture_delimiter():
    return ","  # en-US list separator


class _CsvWriterMixin:
    """Turns objects into CSV lines with the cmdlet's quoting options."""

    def _init_writer(self):
        self._names = None
        self._lines = []
        delim = self.Delimiter
        if self.UseCulture:
            delim = _culture_delimiter()
        self._delim = str(delim) if delim else ","
        mode = self.UseQuotes or "Always"
        self._mode = mode
        self._quote_fields = [to_str(q) for q in as_list(self.QuoteFields)] \
            if self.QuoteFields is not None else None

    def _object_lines(self, obj, existing_names=None):
        lines = []
        if self._names is None:
            self._names = existing_names if existing_names is not None else \
                _csv.row_names(obj)
            if existing_names is None:
                if self.IncludeTypeInformation and not self.NoTypeInformation:
                    lines.append(_csv.type_line(obj))
                if not getattr(self, "NoHeader", False):
                    lines.append(_csv.format_row(self._names, self._delim, self._mode,
                                                 self._quote_fields, self._names))
        values = [_csv.value_text(_csv.row_value(obj, n)) for n in self._names]
        lines.append(_csv.format_row(values, self._delim, self._mode, self._quote_fields,
                                     self._names))
        return lines


_QUOTE_MODES = ("Never", "Always", "AsNeeded")


class ConvertToCsv(_CsvWriterMixin, Cmdlet):
    name = "ConvertTo-Csv"
    implementing_type = "Microsoft.PowerShell.Commands.ConvertToCsvCommand"
    default_parameter_set = "Delimiter"
    help = Help(
        synopsis="Converts objects to lines of comma-separated values.",
        description="The first object's property names form the header line; each object "
                    "becomes one line of its property values. Fields are quoted (-UseQuotes "
                    "AsNeeded or Never changes that; -QuoteFields quotes only the named "
                    "columns). -IncludeTypeInformation adds a #TYPE line; -NoTypeInformation "
                    "is accepted for compatibility.",
        examples=[Example("Get-Process | Select-Object Name, Id | ConvertTo-Csv",
                          "CSV text of two columns."),
                  Example("$data | ConvertTo-Csv -Delimiter ';' -UseQuotes AsNeeded",
                          "Semicolon separated, quoting only where needed.")])
    InputObject = Parameter(object, mandatory=True, position=0, pipeline=True,
                            help="The objects to convert.")
    Delimiter = Parameter("char", sets={"Delimiter": {"position": 1}},
                          help="The field separator.")
    UseCulture = Parameter(SwitchParameter, sets={"UseCulture": {"mandatory": True}},
                           help="Uses the culture's list separator.")
    IncludeTypeInformation = Parameter(SwitchParameter, aliases=("ITI",),
                                       help="Writes a #TYPE line first.")
    NoTypeInformation = Parameter(SwitchParameter, aliases=("NTI",),
                                  help="Writes no #TYPE line (the default).")
    QuoteFields = Parameter("string[]", aliases=("QF",), help="Columns to quote.")
    UseQuotes = Parameter(str, aliases=("UQ",), validate_set=_QUOTE_MODES,
                          help="When to quote fields: Never, Always, AsNeeded.")
    NoHeader = Parameter(SwitchParameter, help="Writes no header line.")

    def begin(self):
        self._init_writer()

    def process(self):
        if self.InputObject is None:
            return
        for line in self._object_lines(self.InputObject):
            self.write_object(line)


class ConvertFromCsv(Cmdlet):
    name = "ConvertFrom-Csv"
    implementing_type = "Microsoft.PowerShell.Commands.ConvertFromCsvCommand"
    default_parameter_set = "Delimiter"
    help = Help(
        synopsis="Converts comma-separated values to objects.",
        description="Reads CSV lines; the first line (or -Header) names the properties of the "
                    "objects made from the following lines. Quoted fields may contain the "
                    "delimiter, doubled quotes and line breaks. A #TYPE line gives the objects "
                    "the type name CSV:<type>.",
        examples=[Example("'a,b', '1,2' | ConvertFrom-Csv", "An object with a=1 and b=2."),
                  Example("Get-Content data.txt | ConvertFrom-Csv -Delimiter ';' -Header A,B",
                          "Semicolon-separated lines without a header.")])
    InputObject = Parameter("psobject[]", mandatory=True, position=0, pipeline=True,
                            help="The CSV lines.")
    Delimiter = Parameter("char", sets={"Delimiter": {"position": 1}},
                          help="The field separator.")
    UseCulture = Parameter(SwitchParameter, sets={"UseCulture": {"mandatory": True}},
                           help="Uses the culture's list separator.")
    Header = Parameter("string[]", help="Property names to use instead of the first line.")

    def begin(self):
        self._lines = []

    def process(self):
        for item in as_list(self.InputObject):
            self._lines.append(to_str(item))

    def end(self):
        delim = _culture_delimiter() if self.UseCulture else (str(self.Delimiter)
                                                              if self.Delimiter else ",")
        emit_csv(self, "\n".join(self._lines), delim, self.Header)


def emit_csv(cmdlet, text, delim, header):
    records = _csv.parse_records(text, delim)
    type_name, records = _csv.split_type_line(records)
    names = [to_str(h) for h in as_list(header)] if header is not None else None
    if names is not None:
        seen = set()
        for n in names:
            if n.lower() in seen:
                cmdlet.throw_terminating_error(ps_error(
                    PSArgumentException, f'The member "{n}" is already present.',
                    "ArgumentException", "InvalidArgument", n))
                return
            seen.add(n.lower())
    elif records:
        seen = set()
        for n in _csv.header_names(records[0]):
            if n.lower() in seen:
                cmdlet.throw_terminating_error(ps_error(
                    PSArgumentException, f'The member "{n}" is already present.',
                    "ArgumentException", "InvalidArgument", n))
                return
            seen.add(n.lower())
    _, objs = _csv.build_objects(records, names, type_name)
    for o in objs:
        cmdlet.write_object(o)


class ExportCsv(_CsvWriterMixin, Cmdlet):
    name = "Export-Csv"
    implementing_type = "Microsoft.PowerShell.Commands.ExportCsvCommand"
    default_parameter_set = "Delimiter"
    supports_should_process = True
    help = Help(
        synopsis="Writes objects to a CSV file.",
        description="Like ConvertTo-Csv, but writes the lines to a file (UTF-8 without BOM by "
                    "default). -Append adds rows under the existing header, -NoClobber refuses "
                    "to replace an existing file.",
        examples=[Example("Get-ChildItem | Select-Object Name, Length | Export-Csv files.csv",
                          "Saves two columns."),
                  Example("$new | Export-Csv files.csv -Append", "Adds rows.")])
    InputObject = Parameter(object, mandatory=True, pipeline=True, help="The objects to write.")
    Path = Parameter(str, position=0, help="The file to write.")
    LiteralPath = Parameter(str, aliases=("PSPath", "LP"), help="The file, taken literally.")
    Force = Parameter(SwitchParameter, help="Overwrites read-only files; appends mismatched "
                                           "columns.")
    NoClobber = Parameter(SwitchParameter, aliases=("NoOverwrite",),
                          help="Does not replace an existing file.")
    Encoding = Parameter(str, default="utf8NoBOM", help="The file encoding.")
    Append = Parameter(SwitchParameter, help="Adds to the end of the file.")
    Delimiter = Parameter("char", sets={"Delimiter": {"position": 1}},
                          help="The field separator.")
    UseCulture = Parameter(SwitchParameter, sets={"UseCulture": {"mandatory": True}},
                           help="Uses the culture's list separator.")
    IncludeTypeInformation = Parameter(SwitchParameter, aliases=("ITI",),
                                       help="Writes a #TYPE line first.")
    NoTypeInformation = Parameter(SwitchParameter, aliases=("NTI",),
                                  help="Writes no #TYPE line (the default).")
    QuoteFields = Parameter("string[]", aliases=("QF",), help="Columns to quote.")
    UseQuotes = Parameter(str, aliases=("UQ",), validate_set=_QUOTE_MODES,
                          help="When to quote fields.")
    NoHeader = Parameter(SwitchParameter, help="Writes no header line.")

    def begin(self):
        self._init_writer()
        target = self.LiteralPath or self.Path
        if not target or (self.LiteralPath and self.Path):
            self.throw_terminating_error(ps_error(
                PSArgumentException, "You must specify either the -Path or -LiteralPath "
                "parameters, but not both.", "CannotSpecifyPathAndLiteralPath", "InvalidData"))
            return
        self._file = resolve(self.context, target)
        self._existing = None
        self._rows = []
        if self._file.exists() and self.NoClobber and not self.Append:
            self.throw_terminating_error(ps_error(
                IOException, f"The file '{self._file}' already exists.", "NoClobber",
                "ResourceExists", str(self._file)))
            return
        if self.Append and self._file.exists():
            text = read_text(self._file, self.Encoding)
            records = _csv.parse_records(text, self._delim)
            _, records = _csv.split_type_line(records)
            if records:
                self._existing = records[0]

    def process(self):
        obj = self.InputObject
        if obj is None:
            return
        if self._existing is not None and self._names is None and not self.Force:
            have = {n.lower() for n in _csv.row_names(obj)}
            missing = [n for n in self._existing if n.lower() not in have]
            if missing:
                self.throw_terminating_error(ps_error(
                    InvalidOperationException,
                    f"Cannot append CSV content to the following file: {self._file.name}. The "
                    "appended object does not have a property that corresponds to the "
                    f"following column: {missing[0]}. To continue with mismatched properties, "
                    "add the -Force parameter, and then retry the command.",
                    "CannotAppendCsvWithMismatchedPropertyNames", "InvalidData", obj))
                return
        self._rows.extend(self._object_lines(obj, self._existing))

    def end(self):
        if not self.should_process(str(self._file)):
            return
        if not self._rows and self.Append:
            return
        text = "".join(line + "\n" for line in self._rows)
        write_text(self._file, text, self.Encoding, append=bool(self.Append))


class ImportCsv(Cmdlet):
    name = "Import-Csv"
    implementing_type = "Microsoft.PowerShell.Commands.ImportCsvCommand"
    default_parameter_set = "DelimiterPath"
    help = Help(
        synopsis="Reads a CSV file into objects.",
        description="Reads each file and converts it as ConvertFrom-Csv does: one object per "
                    "data line, properties named by the header line or -Header.",
        examples=[Example("Import-Csv users.csv | Where-Object Department -eq 'IT'",
                          "Filters the rows of a file."),
                  Example("Import-Csv data.txt -Delimiter \"`t\"", "A tab-separated file.")])
    Path = Parameter("string[]", position=0, pipeline=True,
                     sets={"DelimiterPath": {"position": 0}, "CulturePath": {"position": 0}},
                     help="The files to read.")
    LiteralPath = Parameter("string[]", aliases=("PSPath", "LP"), by_property=True,
                            sets={"DelimiterLiteralPath": {"mandatory": True},
                                  "CultureLiteralPath": {"mandatory": True}},
                            help="The files, taken literally.")
    Delimiter = Parameter("char", sets={"DelimiterPath": {"position": 1},
                                        "DelimiterLiteralPath": {"position": 1}},
                          help="The field separator.")
    UseCulture = Parameter(SwitchParameter, sets={"CulturePath": {"mandatory": True},
                                                  "CultureLiteralPath": {"mandatory": True}},
                           help="Uses the culture's list separator.")
    Header = Parameter("string[]", help="Property names to use instead of the first line.")
    Encoding = Parameter(str, default="utf8NoBOM", help="The file encoding.")

    def process(self):
        literal = self.LiteralPath is not None
        paths = as_list(self.LiteralPath if literal else self.Path)
        delim = _culture_delimiter() if self.UseCulture else (str(self.Delimiter)
                                                              if self.Delimiter else ",")
        for p in paths:
            files = expand(self.context, to_str(p), literal=literal)
            if not files:
                self.write_error(not_found(resolve(self.context, to_str(p))))
                continue
            for f in files:
                if f.is_dir():
                    self.write_error(ps_error(
                        IOException, f"Access to the path '{f}' is denied.",
                        "FileOpenFailure", "OpenError", str(f)))
                    continue
                emit_csv(self, read_text(f, self.Encoding), delim, self.Header)

