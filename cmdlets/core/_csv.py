"""CSV text as PowerShell writes and reads it (ConvertTo-Csv / ConvertFrom-Csv)."""
from __future__ import annotations

from spshell.runtime.objects import Hashtable, PSCustomObject


def row_names(obj):
    from ._util import prop_names
    if isinstance(obj, Hashtable):
        return [str(k) for k in obj]
    return prop_names(obj)


def row_value(obj, name):
    from ._util import get_prop
    if isinstance(obj, Hashtable):
        return obj.get(name)
    return get_prop(obj, name)


def type_line(obj):
    from ._util import type_names
    if isinstance(obj, PSCustomObject) and obj.type_names:
        return "#TYPE " + obj.type_names[0]
    return "#TYPE " + type_names(obj)[0]


def needs_quotes(text, delimiter):
    return (delimiter in text or '"' in text or "\n" in text or "\r" in text)


def quote_field(text, delimiter, mode="Always", quote_fields=None, name=None):
    """mode: Always | Never | AsNeeded; quote_fields: names always quoted (-QuoteFields)."""
    if quote_fields is not None:
        if name is not None and any(name.lower() == q.lower() for q in quote_fields):
            return '"' + text.replace('"', '""') + '"'
        return text
    m = mode.lower()
    if m == "never":
        return text
    if m == "asneeded" and not needs_quotes(text, delimiter):
        return text
    return '"' + text.replace('"', '""') + '"'


def format_row(values, delimiter, mode="Always", quote_fields=None, names=None):
    out = []
    for i, v in enumerate(values):
        name = names[i] if names else None
        out.append(quote_field(v, delimiter, mode, quote_fields, name))
    return delimiter.join(out)


def value_text(v):
    from ._util import to_str
    if v is None:
        return ""
    return to_str(v)


def parse_records(text, delimiter=","):
    """Split CSV text into records (lists of fields); quoted fields may span lines.
    Blank lines are skipped, as Import-Csv does."""
    records = []
    field = []
    row = []
    i, n = 0, len(text)
    in_quotes = False
    started = False  # the current row has content
    was_quoted = False
    while i < n:
        c = text[i]
        if in_quotes:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    field.append('"')
                    i += 2
                    continue
                in_quotes = False
                i += 1
                continue
            field.append(c)
            i += 1
            continue
        if c == '"' and not field and not was_quoted:
            in_quotes = True
            was_quoted = True
            started = True
            i += 1
            continue
        if c == delimiter:
            row.append("".join(field))
            field = []
            was_quoted = False
            started = True
            i += 1
            continue
        if c in "\r\n":
            if started or field:
                row.append("".join(field))
                records.append(row)
            row, field = [], []
            started = was_quoted = False
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            i += 1
            continue
        field.append(c)
        started = True
        i += 1
    if started or field or in_quotes:
        row.append("".join(field))
        records.append(row)
    return records


def header_names(fields):
    """Empty header cells get H1, H2... as PowerShell does."""
    out = []
    for i, f in enumerate(fields):
        out.append(f if f != "" else f"H{i + 1}")
    return out


def build_objects(records, header=None, type_name=None):
    """records after the header -> PSCustomObjects; missing fields are $null."""
    objs = []
    names = header
    for rec in records:
        if names is None:
            names = header_names(rec)
            continue
        obj = PSCustomObject(type_names=[type_name, "System.Management.Automation.PSCustomObject",
                                         "System.Object"] if type_name else None)
        for idx, name in enumerate(names):
            obj.add(name, rec[idx] if idx < len(rec) else None)
        objs.append(obj)
    return names, objs


def split_type_line(records):
    """A leading #TYPE record gives the objects the type name CSV:<type>."""
    type_name = None
    if records and records[0] and records[0][0].startswith("#TYPE"):
        t = records[0][0][5:].strip()
        if len(records[0]) > 1:
            t = ",".join([t] + records[0][1:])
        type_name = "CSV:" + t
        records = records[1:]
    return type_name, records
