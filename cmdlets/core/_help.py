"""Help text: syntax lines from parameter metadata, comment-based help parsing, and the
Get-Help page layouts (NAME/SYNOPSIS/SYNTAX/DESCRIPTION/PARAMETERS/EXAMPLES/REMARKS)."""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

ALL_SETS = "__AllParameterSets"

# short type names as PowerShell prints them in syntax lines
_TYPE_NAMES = {
    "str": "string", "string": "string", "system.string": "string",
    "int": "int", "int32": "int", "system.int32": "int",
    "long": "long", "int64": "long", "system.int64": "long",
    "bool": "bool", "boolean": "bool", "system.boolean": "bool",
    "float": "double", "double": "double", "system.double": "double",
    "decimal": "decimal", "char": "char", "system.char": "char", "byte": "byte",
    "uint": "uint", "uint32": "uint",
    "object": "Object", "system.object": "Object", "psobject": "psobject",
    "system.management.automation.psobject": "psobject",
    "scriptblock": "scriptblock", "system.management.automation.scriptblock": "scriptblock",
    "hashtable": "hashtable", "system.collections.hashtable": "hashtable",
    "system.collections.idictionary": "IDictionary",
    "datetime": "datetime", "system.datetime": "datetime",
    "timespan": "timespan", "system.timespan": "timespan",
    "securestring": "securestring", "system.security.securestring": "securestring",
    "pscredential": "pscredential",
    "system.management.automation.pscredential": "pscredential",
    "guid": "guid", "system.guid": "guid", "uri": "uri", "system.uri": "uri",
    "version": "version", "system.version": "version",
}


def type_display(t) -> str:
    """A Parameter.type -> the short name shown in syntax (string, Object[], scriptblock...)."""
    if t is None:
        return "Object"
    if isinstance(t, type):
        name = getattr(t, "__ps_type__", None) or t.__name__
    else:
        name = str(getattr(t, "FullName", None) or getattr(t, "full_name", None) or t)
    suffix = ""
    while name.endswith("[]"):
        suffix += "[]"
        name = name[:-2]
    low = name.lower()
    if low in _TYPE_NAMES:
        return _TYPE_NAMES[low] + suffix
    return name.rsplit(".", 1)[-1] + suffix


def is_switch(p) -> bool:
    return getattr(p, "is_switch", False)


def set_names(parameters, default_set=None):
    names = []
    for p in parameters.values():
        if p.sets:
            for s in p.sets:
                if s not in names:
                    names.append(s)
    if not names:
        return [ALL_SETS]
    names.sort()
    if default_set in names:
        names.remove(default_set)
        names.insert(0, default_set)
    return names


def syntax_line(name, parameters, set_name, advanced=True, should_process=False,
                simple_positional=False) -> str:
    params = [p for p in parameters.values() if p.in_set(set_name) and not p.dont_show]
    positional = []
    named = []
    for idx, p in enumerate(params):
        pos = p.setting(set_name, "position")
        if pos is None and simple_positional and not is_switch(p):
            pos = idx
        (positional if pos is not None else named).append((pos, idx, p))
    positional.sort(key=lambda t: (t[0], t[1]))
    parts = [name]
    for pos, _, p in positional + named:
        mandatory = bool(p.setting(set_name, "mandatory"))
        if is_switch(p):
            text = f"-{p.name}"
            parts.append(text if mandatory else f"[{text}]")
            continue
        tname = f"<{type_display(p.type_name or p.type)}>"
        if pos is not None:
            text = f"[-{p.name}] {tname}"
            parts.append(text if mandatory else f"[{text}]")
        else:
            text = f"-{p.name} {tname}"
            parts.append(text if mandatory else f"[{text}]")
    if should_process:
        parts += ["[-WhatIf]", "[-Confirm]"]
    if advanced:
        parts.append("[<CommonParameters>]")
    return " ".join(parts)


def syntax_lines(name, parameters, default_set=None, advanced=True, should_process=False,
                 simple_positional=False):
    return [syntax_line(name, parameters, s, advanced, should_process, simple_positional)
            for s in set_names(parameters, default_set)]


# ------------------------------------------------------------------------------ comment help
@dataclass
class HelpData:
    synopsis: str = ""
    description: str = ""
    parameters: dict = field(default_factory=dict)  # lower name -> text
    examples: list = field(default_factory=list)  # (code_and_output_text)
    inputs: str = ""
    outputs: str = ""
    notes: str = ""
    links: list = field(default_factory=list)
    component: str = ""
    role: str = ""
    functionality: str = ""


_KEYWORD_RE = re.compile(r"^\s*\.([A-Za-z]+)\s*(.*?)\s*$")
_KEYWORDS = {"synopsis", "description", "parameter", "example", "inputs", "outputs", "notes",
             "link", "component", "role", "functionality", "forwardhelptargetname",
             "forwardhelpcategory", "remotehelprunspace", "externalhelp"}


def _strip_comment_markers(text):
    text = text.strip()
    if text.startswith("<#"):
        text = text[2:]
    if text.endswith("#>"):
        text = text[:-2]
    lines = text.splitlines()
    # single-line comment blocks: every line starts with '#'
    if lines and all(ln.lstrip().startswith("#") or not ln.strip() for ln in lines):
        lines = [ln.lstrip()[1:] if ln.lstrip().startswith("#") else ln for ln in lines]
    return lines


def _dedent(lines):
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return textwrap.dedent("\n".join(lines)).strip("\n")


def parse_comment_help(text) -> HelpData | None:
    if not text:
        return None
    lines = _strip_comment_markers(text)
    data = HelpData()
    current = None
    arg = ""
    buf = []
    found = False

    def flush():
        if current is None:
            return
        body = _dedent(list(buf))
        if current == "synopsis":
            data.synopsis = body
        elif current == "description":
            data.description = body
        elif current == "parameter":
            data.parameters[arg.lower()] = body
        elif current == "example":
            data.examples.append(body)
        elif current == "inputs":
            data.inputs = (data.inputs + "\n" + body).strip("\n")
        elif current == "outputs":
            data.outputs = (data.outputs + "\n" + body).strip("\n")
        elif current == "notes":
            data.notes = body
        elif current == "link":
            data.links.extend(ln.strip() for ln in (arg + "\n" + body).splitlines()
                              if ln.strip())
        elif current == "component":
            data.component = body
        elif current == "role":
            data.role = body
        elif current == "functionality":
            data.functionality = body

    for ln in lines:
        m = _KEYWORD_RE.match(ln)
        if m and m.group(1).lower() in _KEYWORDS:
            flush()
            current = m.group(1).lower()
            arg = m.group(2)
            buf = []
            found = True
            continue
        buf.append(ln)
    flush()
    return data if found else None


# ------------------------------------------------------------------------------ page model
@dataclass
class ParamHelp:
    name: str
    type_name: str
    description: str
    required: bool
    position: str
    default: str
    pipeline: str
    wildcards: bool
    aliases: list
    is_switch: bool


@dataclass
class HelpPage:
    name: str
    category: str = "Cmdlet"
    synopsis: str = ""
    syntax: list = field(default_factory=list)
    description: str = ""
    parameters: list = field(default_factory=list)
    examples: list = field(default_factory=list)  # (title, code, remarks) or (title, text)
    inputs: str = ""
    outputs: str = ""
    notes: str = ""
    links: list = field(default_factory=list)
    aliases: list = field(default_factory=list)
    has_help: bool = True
    advanced: bool = True
    module: str = ""


_SHOULD_PROCESS_HELP = [
    ("WhatIf", "Shows what would happen if the cmdlet runs. The cmdlet is not run.", ["wi"]),
    ("Confirm", "Prompts you for confirmation before running the cmdlet.", ["cf"]),
]


def should_process_help():
    """The -WhatIf and -Confirm entries help pages list for ShouldProcess commands."""
    return [ParamHelp(name, "SwitchParameter", text, False, "named", "False", "false", False,
                      aliases, True) for name, text, aliases in _SHOULD_PROCESS_HELP]


def param_help(parameters, default_set=None, descriptions=None, simple_positional=False):
    out = []
    sets = set_names(parameters, default_set)
    for idx, (name, p) in enumerate(parameters.items()):
        if p.dont_show:
            continue
        req = any(p.setting(s, "mandatory") for s in sets if p.in_set(s))
        positions = [p.setting(s, "position") for s in sets if p.in_set(s)]
        pos = next((x for x in positions if x is not None), None)
        if pos is None and simple_positional and not is_switch(p):
            pos = idx
        by_value = any(p.setting(s, "pipeline") for s in sets if p.in_set(s))
        by_prop = any(p.setting(s, "by_property") for s in sets if p.in_set(s))
        kinds = [k for k, on in (("ByPropertyName", by_prop), ("ByValue", by_value)) if on]
        pipeline = f"True ({', '.join(kinds)})" if kinds else "false"
        default = p.default
        if default is None:
            default_text = "False" if is_switch(p) else "None"
        else:
            default_text = str(default)
        desc = (descriptions or {}).get(name.lower()) if descriptions else None
        out.append(ParamHelp(name, type_display(p.type_name or p.type), desc if desc is not None else
                             (p.help or ""), req, "named" if pos is None else str(pos),
                             default_text, pipeline, bool(p.wildcards), list(p.aliases),
                             is_switch(p)))
    return out


# ------------------------------------------------------------------------------ rendering
_INDENT = "    "
_COMMON_TEXT = ("This cmdlet supports the common parameters: Verbose, Debug,\n"
                "ErrorAction, ErrorVariable, WarningAction, WarningVariable,\n"
                "OutBuffer, PipelineVariable, and OutVariable. For more information, see\n"
                "about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216).")


def _block(text, indent=_INDENT, width=None):
    lines = []
    for para in str(text).split("\n"):
        if width and len(indent + para) > width and para.strip():
            lines.extend(textwrap.wrap(para, width=width - len(indent),
                                       initial_indent="", subsequent_indent="",
                                       break_long_words=False, break_on_hyphens=False)
                         or [""])
        else:
            lines.append(para)
    return "\n".join((indent + ln).rstrip() for ln in lines)


def render_page(page: HelpPage, view="default", width=120) -> str:
    """view: default | detailed | full | examples."""
    out = [""]
    out.append("NAME")
    out.append(_INDENT + page.name)
    out.append("")
    if view == "examples":
        if page.synopsis:
            out += ["SYNOPSIS", _block(page.synopsis, width=width), ""]
        out += _examples(page, width)
        return "\n".join(out) + "\n"
    if page.has_help and page.synopsis:
        out += ["SYNOPSIS", _block(page.synopsis, width=width), "", ""]
    out.append("SYNTAX")
    for i, line in enumerate(page.syntax):
        out.append(_INDENT + line)
        out.append("")
    out.append("")
    if page.has_help and page.description:
        out += ["DESCRIPTION", _block(page.description, width=width), "", ""]
    if view in ("detailed", "full") and (page.parameters or page.advanced):
        out.append("PARAMETERS")
        for ph in page.parameters:
            head = f"-{ph.name}" if ph.is_switch else f"-{ph.name} <{ph.type_name}>"
            out.append(_INDENT + head)
            if ph.description:
                out.append(_block(ph.description, _INDENT * 2, width))
            out.append("")
            if view == "full":
                rows = [("Required?", str(ph.required).lower()),
                        ("Position?", ph.position),
                        ("Default value", ph.default),
                        ("Accept pipeline input?", ph.pipeline)]
                if ph.aliases:
                    rows.append(("Aliases", ", ".join(ph.aliases)))
                rows.append(("Accept wildcard characters?", str(ph.wildcards).lower()))
                for label, value in rows:
                    out.append((_INDENT * 2 + f"{label:<29}" + value).rstrip())
                out.append("")
        if page.advanced:
            out.append(_INDENT + "<CommonParameters>")
            out.append(_block(_COMMON_TEXT, _INDENT * 2))
            out.append("")
        out.append("")
    if view == "full":
        out += ["INPUTS", _block(page.inputs or "None", width=width), "", ""]
        out += ["OUTPUTS", _block(page.outputs or "None", width=width), "", ""]
        if page.notes:
            out += ["NOTES", "", _block(page.notes, _INDENT * 2, width), "", ""]
    if view in ("detailed", "full") and page.examples:
        out += _examples(page, width)
    if page.links or (view == "default" and page.has_help and page.category == "Cmdlet"):
        if page.links:
            out.append("RELATED LINKS")
            for link in page.links:
                out.append(_INDENT + link)
            out.append("")
    if not page.has_help:
        out.append("ALIASES")
        out.append(_INDENT + (("\n" + _INDENT).join(page.aliases) if page.aliases else "None"))
        out.append("")
        out.append("")
    if view != "full":
        out.append("REMARKS")
        if page.has_help:
            n = page.name
            out.append(_INDENT + f'To see the examples, type: "Get-Help {n} -Examples".')
            out.append(_INDENT + f'For more information, type: "Get-Help {n} -Detailed".')
            out.append(_INDENT + f'For technical information, type: "Get-Help {n} -Full".')
        else:
            out.append(_INDENT + "None")
        out.append("")
    return "\n".join(out) + "\n"


def _examples(page, width):
    out = []
    for i, ex in enumerate(page.examples, 1):
        title = ex[0] or f"-------------------------- EXAMPLE {i} --------------------------"
        out.append(_INDENT + title)
        out.append("")
        if len(ex) == 2:
            out.append(_block(ex[1]))
        else:
            _, code, remarks = ex
            out.append(_block("PS> " + code))
            if remarks:
                out.append("")
                out.append(_block(remarks, width=width))
        out.append("")
        out.append("")
    return out


def render_parameter(ph: ParamHelp, width=120) -> str:
    head = f"-{ph.name}" if ph.is_switch else f"-{ph.name} <{ph.type_name}>"
    out = ["", _INDENT + head]
    if ph.description:
        out.append(_block(ph.description, _INDENT * 2, width))
    out.append("")
    rows = [("Required?", str(ph.required).lower()), ("Position?", ph.position),
            ("Default value", ph.default), ("Accept pipeline input?", ph.pipeline)]
    if ph.aliases:
        rows.append(("Aliases", ", ".join(ph.aliases)))
    rows.append(("Accept wildcard characters?", str(ph.wildcards).lower()))
    for label, value in rows:
        out.append((_INDENT * 2 + f"{label:<29}" + value).rstrip())
    out.append("")
    return "\n".join(out) + "\n"
