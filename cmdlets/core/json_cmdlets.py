"""ConvertTo-Json and ConvertFrom-Json (PowerShell 7 behaviour)."""
from __future__ import annotations

import json

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import ArgumentException, InvalidOperationException, ps_error
from spshell.runtime.objects import SwitchParameter

from ._json import JsonCaseError, JsonEmptyKeyError, JsonWriter, parse_json


class ConvertToJson(Cmdlet):
    name = "ConvertTo-Json"
    implementing_type = "Microsoft.PowerShell.Commands.ConvertToJsonCommand"
    help = Help(
        synopsis="Converts objects to JSON text.",
        description="Writes the properties of each object as a JSON object (hashtables and "
                    "custom objects by their keys/properties), arrays as JSON arrays, dates in "
                    "ISO 8601 form. Objects nested deeper than -Depth (default 2) are written "
                    "as their string form and a warning says the result was truncated. Several "
                    "pipeline objects become one JSON array. -Compress removes white space.",
        examples=[Example("@{Name='a'; Items=1,2} | ConvertTo-Json",
                          "An indented JSON object."),
                  Example("Get-Date | ConvertTo-Json -Compress", "A date as compact JSON."),
                  Example("$config | ConvertTo-Json -Depth 10", "Keeps deep nesting.")])
    InputObject = Parameter(object, mandatory=True, position=0, pipeline=True, allow_null=True,
                            allow_empty=True, help="The objects to convert.")
    Depth = Parameter(int, default=2, validate_range=(0, 100),
                      help="How many levels of nested objects to write.")
    Compress = Parameter(SwitchParameter, help="Omits white space and indentation.")
    EnumsAsStrings = Parameter(SwitchParameter, help="Writes enum values as their names.")
    AsArray = Parameter(SwitchParameter, help="Always writes a JSON array.")
    EscapeHandling = Parameter(str, default="Default",
                               validate_set=("Default", "EscapeNonAscii", "EscapeHtml"),
                               help="Which characters to escape.")

    def begin(self):
        self._items = []

    def process(self):
        self._items.append(self.InputObject)

    def end(self):
        if not self._items:
            return
        value = self._items[0] if len(self._items) == 1 and not self.AsArray else \
            list(self._items)
        writer = JsonWriter(self.Depth, bool(self.Compress), bool(self.EnumsAsStrings),
                            self.EscapeHandling, self.context)
        text = writer.to_text(value)
        if writer.truncated:
            self.write_warning("Resulting JSON is truncated as serialization has exceeded the "
                               f"set depth of {self.Depth}.")
        self.write_object(text)


class ConvertFromJson(Cmdlet):
    name = "ConvertFrom-Json"
    implementing_type = "Microsoft.PowerShell.Commands.ConvertFromJsonCommand"
    help = Help(
        synopsis="Converts JSON text to objects.",
        description="Parses the JSON text (all pipeline strings are joined first). JSON objects "
                    "become PSCustomObjects (or ordered hashtables with -AsHashtable), arrays "
                    "are written element by element unless -NoEnumerate, strings in ISO 8601 "
                    "date form become DateTime values, and integers become Int64.",
        examples=[Example("'{\"Name\":\"a\",\"Size\":1}' | ConvertFrom-Json",
                          "A custom object with Name and Size."),
                  Example("Get-Content config.json -Raw | ConvertFrom-Json -AsHashtable",
                          "An ordered hashtable.")])
    InputObject = Parameter(str, mandatory=True, position=0, pipeline=True, allow_empty=True,
                            help="The JSON text.")
    AsHashtable = Parameter(SwitchParameter, help="Returns hashtables instead of objects.")
    Depth = Parameter(int, default=1024, validate_range=(1, 2147483647),
                      help="The maximum nesting depth.")
    NoEnumerate = Parameter(SwitchParameter, help="Writes a top-level array as one object.")

    def begin(self):
        self._parts = []

    def process(self):
        if self.InputObject is not None:
            self._parts.append(self.InputObject)

    def end(self):
        text = "\n".join(self._parts)
        if not text.strip():
            return
        try:
            value = parse_json(text, bool(self.AsHashtable))
        except JsonCaseError as e:
            self.throw_terminating_error(ps_error(
                InvalidOperationException,
                "Cannot convert the JSON string because it contains keys with different "
                "casing. Please use the -AsHashTable switch instead. The key that was attempted "
                f"to be added to the existing key '{e.existing}' was '{e.new}'.",
                "DuplicateKeysInJsonString", "InvalidOperation", text))
            return
        except JsonEmptyKeyError:
            self.throw_terminating_error(ps_error(
                InvalidOperationException,
                "The provided JSON includes a property whose name is an empty string, this is "
                "only supported using the -AsHashTable switch.", "EmptyKeyInJsonString",
                "InvalidOperation", text))
            return
        except (json.JSONDecodeError, ValueError, RecursionError) as e:
            msg = e.msg if isinstance(e, json.JSONDecodeError) else str(e)
            where = f" Path '', line {e.lineno}, position {e.colno}." \
                if isinstance(e, json.JSONDecodeError) else ""
            self.throw_terminating_error(ps_error(
                ArgumentException, f"Conversion from JSON failed with error: {msg}.{where}",
                "System.ArgumentException", "NotSpecified", text))
            return
        if _too_deep(value, self.Depth):
            self.throw_terminating_error(ps_error(
                ArgumentException, "Conversion from JSON failed with error: The reader's "
                f"MaxDepth of {self.Depth} has been exceeded.", "System.ArgumentException",
                "NotSpecified", text))
            return
        if isinstance(value, list) and not self.NoEnumerate:
            for v in value:
                self.write_object(v)
        else:
            self.write_object(value)


def _too_deep(value, limit, level=0):
    from spshell.runtime.objects import Hashtable, PSCustomObject
    if isinstance(value, (list, Hashtable, PSCustomObject)):
        if level >= limit:
            return True
        items = value if isinstance(value, list) else (
            [value[k] for k in value] if isinstance(value, Hashtable) else
            [v for _, v in value.items()])
        return any(_too_deep(v, limit, level + 1) for v in items)
    return False

