"""Error display: PositionMessage (Position.cs VerboseMessage) and the ErrorRecord views.

* ``NormalView`` — the default, as the Windows PowerShell 5.1 SharePoint Management Shell shows
  errors: ``[command : ]message``, the position block, then the indented ``+ CategoryInfo`` /
  ``+ FullyQualifiedErrorId`` lines. ``throw`` has no command prefix; a parse error shows its
  position block first and the message under the squiggle.
* ``CategoryView`` — ``Category: (Target:Type) [Activity], Reason``.
* ``ConciseView`` — PowerShell 7: ``Reason: message`` for single-line interactive input, else the
  ``Line |`` block with the message wrapped to the window width.

The texts follow PowerShellCore_format_ps1xml.cs (ErrorInstance view) and Position.cs.

What NormalView puts before the message comes from the record's InvocationInfo (the 5.1 view's
``$myinv.MyCommand.CommandType`` switch). Besides ``command_name``/``invocation_name``/``extent``
it reads two optional attributes the engine may set:

* ``command_type = "Script"`` with ``script_text``: the error was written by a script block (for
  example Write-Error typed at the prompt, whose MyCommand is the prompt's script block); the
  prefix is that text: ``Write-Error -Message 'x' ; Write-Host 'y' : x``;
* ``command_type = "ExternalScript"`` with ``script_path``: written by a .ps1 file; the prefix is
  its path.

``record.from_throw`` (``throw``) and parse errors have no prefix.
"""
from __future__ import annotations

from typing import Optional

from .styles import style
from .text import wrap

MAX_POSITION_LINE = 69
PARSER_CATEGORY_REASON = "ParentContainsErrorRecordException"
TOO_MANY_ERRORS = ("Not all parse errors were reported.  Correct the reported errors and try "
                   "again.")
_NATIVE_IDS = ("NativeCommandErrorMessage", "NativeCommandError")


# ------------------------------------------------------------------------------ positions
def position_message(extent) -> str:
    """``At line:1 char:5`` / ``At FILE:3 char:1``, the source line and a ``~`` squiggle under
    the extent; lines longer than 69 characters are cut around the error with ``…``."""
    if extent is None:
        return ""
    file = getattr(extent, "file", None) or "line"
    start_line, start_col = extent.start_line, extent.start_column
    end_line, end_col = extent.end_line, extent.end_column
    source_line = (extent.line_text() or "").rstrip()
    message = ""
    if source_line:
        spaces = start_col - 1
        if start_line == end_line and end_col <= len(source_line) + 1:
            err_len = end_col - start_col
        else:
            err_len = len(source_line) - start_col + 1
        spaces = max(0, min(spaces, len(source_line)))
        err_len = max(0, err_len)
        if "\t" in source_line:
            before = source_line[:spaces].replace("\t", "    ")
            err = source_line[spaces:spaces + err_len].replace("\t", "    ")
            rest = source_line[spaces + err_len:].replace("\t", "    ")
            spaces, err_len = len(before), len(err)
            source_line = before + err + rest
        prefix_dots = suffix_dots = False
        line_len = len(source_line)
        if line_len > MAX_POSITION_LINE:
            total_prefix = spaces
            prefix = min(total_prefix, 12)
            total_suffix = line_len - err_len - spaces
            suffix = min(total_suffix, 8)
            candidate = prefix + err_len + suffix
            if candidate >= MAX_POSITION_LINE:
                if prefix + err_len >= MAX_POSITION_LINE:
                    err_len = MAX_POSITION_LINE - prefix
                suffix_dots = True
            else:
                available = total_prefix - prefix
                if available > 0:
                    prefix += min(available, MAX_POSITION_LINE - candidate)
                    candidate = prefix + err_len + suffix
                if candidate < MAX_POSITION_LINE and total_suffix > 0:
                    suffix += min(total_suffix, MAX_POSITION_LINE - candidate)
                suffix_dots = suffix < total_suffix
            prefix_dots = prefix < total_prefix
            start = max(spaces - prefix, 0)
            source_line = source_line[start:start + MAX_POSITION_LINE]
            spaces = min(spaces, prefix)
            err_len = min(err_len, MAX_POSITION_LINE - spaces)
        parts = []
        if prefix_dots:
            parts.append("\u2026 ")
        parts.append(source_line)
        if suffix_dots:
            parts.append(" \u2026")
        parts.append("\n+ ")
        parts.append(" " * (spaces + (2 if prefix_dots else 0)))
        parts.append("~" * (err_len if err_len > 0 else 1))
        message = "".join(parts)
    return f"At {file}:{start_line} char:{start_col}\n+ {message}"


# ------------------------------------------------------------------------------ helpers
def _inv(record):
    return getattr(record, "invocation_info", None)


def _extent(record):
    inv = _inv(record)
    return getattr(inv, "extent", None) if inv is not None else None


def _category(record) -> str:
    return str(getattr(record, "category", "") or "")


def _message(record) -> str:
    details = getattr(record, "details", None)
    if details is not None and getattr(details, "Message", None):
        return str(details.Message)
    exc = getattr(record, "exception", None)
    if exc is not None:
        return str(getattr(exc, "Message", None) or exc)
    return str(record)


def _parse_errors(record):
    exc = getattr(record, "exception", None)
    errs = getattr(exc, "errors", None) if exc is not None else None
    return list(errs) if errs else None


def _command_prefix(record) -> str:
    """NormalView's ``name : `` before the message (empty for throw and parse errors)."""
    if getattr(record, "from_throw", False):
        return ""
    if getattr(record, "error_id", None) in _NATIVE_IDS:
        return ""
    inv = _inv(record)
    if inv is None:
        return ""
    kind = getattr(inv, "command_type", None)
    if kind == "ExternalScript":
        path = getattr(inv, "script_path", None) or getattr(inv, "command_name", None)
        return f"{path} : " if path else ""
    if kind == "Script":
        text = getattr(inv, "script_text", None)
        return f"{text} : " if text else ""
    name = getattr(inv, "command_name", None)
    invocation = getattr(inv, "invocation_name", None)
    if name:
        if invocation is None or invocation in ("", "&", "."):
            return f"{name} : "
        return f"{invocation} : "
    if invocation:
        return f"{invocation} : "
    return ""


# ------------------------------------------------------------------------------ views
def format_error(record, view: str = "NormalView", interactive_single_line: bool = False,
                 width: int = 120, colour: bool = False, indent_category: bool = True) -> str:
    """The text of an ErrorRecord in ``$ErrorView`` (no trailing newline).

    ``indent_category``: the 5.1 host indents the ``+ CategoryInfo`` lines by four spaces
    (PowerShell 7's NormalView does not)."""
    if not hasattr(record, "exception") and getattr(record, "errors", None):
        record = _ParseRecord(record)
    elif isinstance(record, BaseException):
        record = _as_record(record)
    v = (view or "NormalView").lower()
    if getattr(record, "error_id", None) in _NATIVE_IDS:
        text = _message(record)
    elif v == "categoryview":
        text = str(record.CategoryInfo)
    elif v == "conciseview":
        text = _concise(record, interactive_single_line, width, colour)
        return text  # already coloured piecewise
    elif v == "detailedview":
        text = detailed_view(record)
    else:
        text = _normal(record, indent_category)
    return style(text, "error", colour)


def _as_record(exc):
    """An exception handed over without its ErrorRecord gets the one PowerShell would make."""
    rec = getattr(exc, "error_record", None)
    if rec is not None:
        return rec
    from spshell.runtime.errors import ErrorRecord, RuntimeException
    if not hasattr(exc, "Message"):
        exc = RuntimeException(str(exc))
    return ErrorRecord(exc, type(exc).__name__, "NotSpecified")


class _ParseRecord:
    """A parser's ParseError seen as the ErrorRecord PowerShell would build for it."""

    category = "ParserError"
    from_throw = False
    details = None
    invocation_info = None

    def __init__(self, parse_error):
        self.exception = parse_error
        errs = list(parse_error.errors)
        self.error_id = getattr(errs[0], "error_id", None) or "ParseException"
        self.FullyQualifiedErrorId = self.error_id
        self.CategoryInfo = f"ParserError: (:) [], {PARSER_CATEGORY_REASON}"

    def __str__(self):
        return parse_errors_message(list(self.exception.errors))


def _normal(record, indent_category=True) -> str:
    errs = _parse_errors(record) if _category(record) == "ParserError" else None
    if errs:
        return _parse_errors_text(errs, indent_category, reason=_reason_for_parse(errs))
    pad = "    " if indent_category else ""
    inv = _inv(record)
    posmsg = ""
    if inv is not None and (getattr(inv, "command_name", None) or
                            _category(record) != "ParserError"):
        pm = position_message(getattr(inv, "extent", None))
        if pm:
            posmsg = "\n" + pm
    posmsg += f"\n{pad}+ CategoryInfo          : {record.CategoryInfo}"
    posmsg += f"\n{pad}+ FullyQualifiedErrorId : {record.FullyQualifiedErrorId}"
    return _command_prefix(record) + _message(record) + posmsg


def _reason_for_parse(errs) -> str:
    """5.1 reports ParseException for a script file, ParentContainsErrorRecordException for
    typed input."""
    extent = getattr(errs[0], "extent", None) if errs else None
    return "ParseException" if extent is not None and getattr(extent, "file", None) \
        else PARSER_CATEGORY_REASON


def format_parse_errors(parse_error, indent_category: bool = True, colour: bool = False) -> str:
    """A ParseError (all of its errors, at most 10) the way Windows PowerShell 5.1 shows it:
    position block, message, blank line between errors, then the category lines of the first."""
    errs = list(getattr(parse_error, "errors", None) or [])
    if not errs:
        return style(str(parse_error), "error", colour)
    return style(_parse_errors_text(errs, indent_category, _reason_for_parse(errs)), "error",
                 colour)


def parse_errors_message(errs) -> str:
    """ParseException.Message: each error's position block and message."""
    blocks = []
    for e in errs[:10]:
        pm = position_message(getattr(e, "extent", None))
        blocks.append((pm + "\n" if pm else "") + str(getattr(e, "message", e)))
    if len(errs) > 10:
        blocks.append(TOO_MANY_ERRORS)
    return "\n\n".join(blocks)


def _parse_errors_text(errs, indent_category, reason) -> str:
    pad = "    " if indent_category else ""
    error_id = getattr(errs[0], "error_id", None) or "ParseException"
    return (parse_errors_message(errs)
            + f"\n{pad}+ CategoryInfo          : ParserError: (:) [], {reason}"
            + f"\n{pad}+ FullyQualifiedErrorId : {error_id}")


def _truncated(s: str, length: int) -> str:
    """Get-TruncatedString: cut at ``length``, then back to the last whitespace."""
    if len(s) <= length:
        return s
    cut = s[:length]
    for i in range(len(cut) - 1, -1, -1):
        if cut[i].isspace():
            return cut[:i]
    return cut


def _concise_reason(record) -> str:
    if getattr(record, "from_throw", False):
        return "Exception"
    inv = _inv(record)
    name = getattr(inv, "command_name", None) if inv is not None else None
    if name:
        return str(name)
    try:
        activity = record.CategoryInfo.Activity
    except Exception:
        activity = None
    if activity:
        return str(activity)
    invocation = getattr(inv, "invocation_name", None) if inv is not None else None
    if invocation:
        return str(invocation)
    # the view tests `$err.CategoryInfo.Category`: NotSpecified is enum value 0, i.e. $false,
    # so a plain runtime error falls through to the exception type (RuntimeException: ...)
    cat = _category(record)
    if cat and cat != "NotSpecified":
        return cat
    try:
        reason = record.CategoryInfo.Reason
    except Exception:
        reason = None
    if reason:
        return str(reason)
    return "Error"


def _concise(record, interactive_single_line, width, colour) -> str:
    def c(text, kind):
        return style(text, kind, colour)

    errs = _parse_errors(record) if _category(record) == "ParserError" else None
    is_parse = _category(record) == "ParserError"
    inv = _inv(record)
    extent = getattr(errs[0], "extent", None) if errs else _extent(record)
    script_name = getattr(extent, "file", None) if extent is not None else None
    if not script_name and inv is not None:
        script_name = getattr(inv, "script_name", None)
    line_no = extent.start_line if extent is not None else 0
    multi = bool(script_name) or line_no > 1
    show_detail = extent is not None and (is_parse or multi) and not (
        interactive_single_line and not is_parse) and not (
        script_name and str(script_name).lower().endswith(".psm1"))
    if errs:
        msg = str(getattr(errs[0], "message", "")) if not (
            getattr(record, "details", None) and record.details.Message) else _message(record)
    else:
        msg = _message(record)
    reason = _concise_reason(record)
    if not show_detail:
        text = f"{reason}: {msg}"
        out = c(text, "error")
    else:
        posmsg = f"{script_name}:{line_no}\n" if script_name else "\n"
        n = len(str(line_no))
        header_ws = " " * (n - 4) if n > 4 else ""
        line_ws = " " * (4 - n) if n < 4 else ""
        pm = position_message(extent).split("\n")
        src = pm[1][1:] if len(pm) > 1 else ""
        highlight = pm[-1][1:] if len(pm) > 2 else ""
        posmsg += c(f"{header_ws}Line |", "error_accent") + "\n"
        posmsg += c(f"{line_ws}{line_no} |", "error_accent") + f" {src}\n"
        prefix = f"{header_ws}     | "
        if highlight.strip():
            posmsg += c(prefix, "error_accent") + c(highlight, "error") + "\n"
        message = prefix + msg
        if script_name or is_parse:
            message = message.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
            if width > 0 and len(message) > width:
                pieces = []
                sub = _truncated(message, width)
                pieces.append(sub)
                remaining = message[len(sub):].strip()
                while len(remaining) + len(prefix) > width:
                    sub = _truncated(prefix + remaining, width)
                    if len(sub) - len(prefix) > 0:
                        pieces.append(sub)
                        remaining = remaining[len(sub) - len(prefix):].strip()
                    else:
                        break
                pieces.append(prefix + remaining.strip())
                message = "\n".join(pieces)
        lines = message.split("\n")
        coloured = []
        for ln in lines:
            if ln.startswith(prefix):
                coloured.append(c(prefix, "error_accent") + c(ln[len(prefix):], "error"))
            else:
                coloured.append(c(ln, "error"))
        out = c(f"{reason}: ", "error") + posmsg + "\n".join(coloured)
    details = getattr(record, "details", None)
    action = getattr(details, "RecommendedAction", "") if details is not None else ""
    if action and str(action).strip():
        out += "\n" + c("  Recommendation: " + str(action), "error")
    return out


def detailed_view(record) -> str:
    """$ErrorView = 'DetailedView' (Get-Error's Show-ErrorRecord): every non-empty property,
    names padded, nested exceptions and InvocationInfo indented by four spaces."""
    return "\n" + _show_record(record, 0, 1, {id(record)})


_EXPAND_TYPES = ("System.Management.Automation.InvocationInfo",)
_MAX_DEPTH = 10


def _show_record(obj, indent, depth, seen) -> str:
    from . import _access as acc
    from spshell.runtime.errors import ErrorRecord
    props = []
    if isinstance(obj, BaseException):
        props.append(("Type", getattr(type(obj), "__ps_type__", type(obj).__name__)))
    for name in acc.property_names(obj):
        if name in ("PSErrorIndex",):
            continue
        try:
            value = acc.get_property(obj, name)
        except Exception:
            continue
        props.append((name, value))
    shown = [(n, v) for n, v in props if v is not None and v != "" and not (
        (isinstance(v, (list, tuple)) or acc.is_dictionary(v)) and len(v) == 0)]
    if not shown:
        return ""
    width = max(len(n) for n, _ in shown)
    prefix = " " * indent
    out = []
    for name, value in shown:
        head = prefix + name.ljust(width) + " : "
        nested = isinstance(value, (BaseException, ErrorRecord)) or \
            acc.type_name(value) in _EXPAND_TYPES
        if nested:
            if id(value) in seen:
                continue
            if depth >= _MAX_DEPTH:
                out.append(head + "\u2026")
            else:
                inner = _show_record(value, indent + 4, depth + 1, seen | {id(value)})
                out.append(head + ("\n" + inner if inner else ""))
            continue
        if acc.is_dictionary(value):
            keys = sorted(value.keys(), key=lambda k: acc.to_string(k).lower())
            out.append(head + "".join(f"\n{prefix}    {acc.to_string(k)} : "
                                      f"{acc.to_string(value[k])}" for k in keys))
            continue
        text = acc.to_string(value) if not isinstance(value, str) else value
        if "\n" in text:
            pad = prefix + " " * (width + 3)
            lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
            out.append(head + lines[0] + "".join("\n" + pad + ln for ln in lines[1:]))
        else:
            out.append(head + text)
    return "\n".join(out)


# ------------------------------------------------------------------------------ host lines
PREFIXES = {"warning": "WARNING: ", "verbose": "VERBOSE: ", "debug": "DEBUG: "}


def host_message(kind: str, message: str, colour: bool = False,
                 width: Optional[int] = None) -> str:
    """``WARNING: text`` / ``VERBOSE: text`` / ``DEBUG: text`` (one string, maybe multi-line).

    With ``width`` the text is word-wrapped as the console host does for these messages."""
    prefix = PREFIXES.get(kind, "")
    text = prefix + str(message)
    if width:
        text = "\n".join(wrap(text, width))
    return style(text, kind, colour)


def warning_line(message, colour=False, width=None) -> str:
    return host_message("warning", message, colour, width)


def verbose_line(message, colour=False, width=None) -> str:
    return host_message("verbose", message, colour, width)


def debug_line(message, colour=False, width=None) -> str:
    return host_message("debug", message, colour, width)
