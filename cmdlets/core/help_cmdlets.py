"""Get-Help and Get-Command."""
from __future__ import annotations

import os
from pathlib import Path

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.cmdlet import Parameter as _Param
from spshell.runtime.errors import (CommandNotFoundException, PSArgumentException,
                                    PSInvalidOperationException, define_exception, ps_error)
from spshell.runtime.objects import SwitchParameter

from . import _help
from ._util import as_list, has_wildcard, like, matches_any, to_str

HelpNotFoundException = define_exception("Microsoft.PowerShell.Commands.HelpNotFoundException",
                                         define_exception("System.SystemException"))

_COMMAND_ORDER = {"Alias": 0, "Function": 1, "Filter": 2, "Cmdlet": 3, "ExternalScript": 4,
                  "Application": 5}


# ------------------------------------------------------------------------------ metadata
def command_metadata(ctx, info):
    """(parameters dict, default set, advanced, should_process, simple_positional)."""
    from spshell.runtime import binding
    kind = getattr(info, "CommandType", "")
    if kind == "Cmdlet":
        meta = binding.metadata_for_cmdlet(info.cls)
    elif kind in ("Function", "Filter"):
        meta = binding.metadata_for_script(info.ScriptBlock, _session(ctx))
    elif kind == "ExternalScript":
        sb = _session(ctx).load_script_file(info.Path)
        meta = binding.metadata_for_script(sb, _session(ctx))
    else:
        return None
    return meta


def find_command(ctx, name):
    """A command by exact name without side effects: looking a command up through the
    session marks its module as in use (autoload), which asking for help must not do."""
    low = name.lower()
    seen = set()
    while low not in seen:
        seen.add(low)
        hit = None
        for c in ctx.commands():
            if c.Name.lower() == low:
                hit = c
                break
        if hit is None:
            from . import _providers
            hit = next((a for a in _providers.all_aliases(ctx) if a.Name.lower() == low), None)
        if hit is None:
            return ctx.get_command(name)
        if getattr(hit, "CommandType", "") != "Alias":
            return hit
        low = str(hit.Definition).lower()
        name = str(hit.Definition)
    return None


def _session(ctx):
    return getattr(ctx, "_ctx", ctx)


def syntax_for(ctx, info):
    kind = getattr(info, "CommandType", "")
    if kind == "Alias":
        target = find_command(ctx, info.Definition)
        return syntax_for(ctx, target) if target is not None else [info.Definition]
    if kind == "Application":
        return [f"{info.Name} [<arguments>]" if False else info.Name]
    meta = command_metadata(ctx, info)
    name = info.Path if kind == "ExternalScript" else info.Name
    if meta is None:
        return [name]
    return _help.syntax_lines(name, meta.parameters, meta.default_set, meta.advanced,
                              meta.supports_should_process,
                              getattr(meta, "simple_positional", False))


# ------------------------------------------------------------------------------ pages
def _aliases_of(ctx, name):
    from . import _providers
    return [a.Name for a in _providers.all_aliases(ctx)
            if str(a.Definition).lower() == name.lower()]


def _script_block_of(ctx, info):
    kind = getattr(info, "CommandType", "")
    if kind in ("Function", "Filter"):
        return info.ScriptBlock
    if kind == "ExternalScript":
        return _session(ctx).load_script_file(info.Path)
    return None


def help_page(ctx, info):
    kind = getattr(info, "CommandType", "")
    if kind == "Alias":
        target = find_command(ctx, info.Definition)
        if target is not None and getattr(target, "CommandType", "") != "Alias":
            return help_page(ctx, target)
    page = _help.HelpPage(info.Path if kind == "ExternalScript" else info.Name,
                          category=kind or "Cmdlet")
    page.module = getattr(info, "ModuleName", "") or ""
    meta = command_metadata(ctx, info)
    page.syntax = syntax_for(ctx, info)
    page.aliases = _aliases_of(ctx, info.Name)
    if kind == "Cmdlet":
        h = info.cls.help
        page.advanced = True
        if h is None or not h.synopsis:
            page.has_help = False
        else:
            page.synopsis = h.synopsis
            page.description = h.description
            page.examples = [(e.title, e.code, e.remarks) for e in h.examples]
            page.inputs = h.inputs
            page.outputs = h.outputs
            page.notes = h.notes
            page.links = list(h.links)
        page.parameters = _help.param_help(meta.parameters, meta.default_set)
        if meta.supports_should_process:
            page.parameters += _help.should_process_help()
        return page
    sb = _script_block_of(ctx, info)
    if sb is None or meta is None:
        page.has_help = False
        page.advanced = False
        return page
    page.advanced = meta.advanced
    data = _help.parse_comment_help(getattr(sb.ast, "help_comment", None))
    simple = getattr(meta, "simple_positional", False)
    if data is None:
        page.has_help = False
        page.parameters = _help.param_help(meta.parameters, meta.default_set,
                                           simple_positional=simple)
        return page
    page.synopsis = data.synopsis or " ".join(page.syntax)
    page.description = data.description
    page.parameters = _help.param_help(meta.parameters, meta.default_set, data.parameters,
                                       simple_positional=simple)
    if meta.supports_should_process:
        page.parameters += _help.should_process_help()
    page.examples = [("", text) for text in data.examples]
    page.inputs = data.inputs
    page.outputs = data.outputs
    page.notes = data.notes
    page.links = data.links
    return page


class HelpText(str):
    """Get-Help's output: the formatted page as text (what the console shows), with the
    main help fields reachable as properties."""
    __ps_type__ = "System.String"

    def __new__(cls, text, page=None):
        obj = super().__new__(cls, text)
        obj._page = page
        return obj

    @property
    def Name(self):
        return self._page.name if self._page else ""

    @property
    def Synopsis(self):
        return self._page.synopsis if self._page else ""

    @property
    def Category(self):
        return self._page.category if self._page else "HelpFile"

    @property
    def ModuleName(self):
        return self._page.module if self._page else ""


class HelpInfoShort:
    __ps_type__ = "HelpInfoShort"
    __ps_default_display__ = ("Name", "Category", "Module", "Synopsis")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Name", "Name", 33, "left"), ("Category", "Category", 9, "left"),
                            ("Module", "Module", 25, "left"), ("Synopsis", "Synopsis")]

    def __init__(self, name, category, module, synopsis):
        self.Name = name
        self.Category = category
        self.Module = module
        self.Synopsis = synopsis

    def __str__(self):
        return self.Name


# ------------------------------------------------------------------------------ about topics
def about_topics(ctx):
    """topic name -> (module name, text loader)."""
    topics = {}
    modules = getattr(ctx, "modules", None)
    mods = modules.available() if modules is not None else []
    for m in mods:
        for topic, ref in (getattr(m, "about", None) or {}).items():
            topics.setdefault(topic, (m.name, ref))
    return topics


def read_about(ref) -> str:
    """'package:relative/path.txt' or a file path -> the topic text."""
    if ":" in ref and not os.path.isabs(ref):
        pkg, _, rel = ref.partition(":")
        from importlib import resources
        return resources.files(pkg).joinpath(rel).read_text(encoding="utf-8")
    return Path(ref).read_text(encoding="utf-8")


def _about_synopsis(text):
    lines = text.splitlines()
    for i, ln in enumerate(lines):
        if ln.strip().upper() in ("SHORT DESCRIPTION", "SYNOPSIS"):
            for nxt in lines[i + 1:]:
                if nxt.strip():
                    return nxt.strip()
    return ""


DEFAULT_HELP = """
TOPIC
    spshell Help System

SHORT DESCRIPTION
    Displays help about spshell cmdlets, functions and concepts.

LONG DESCRIPTION

  SYNTAX
    Get-Help <CmdletName> | <TopicName>
    help <CmdletName> | <TopicName>
    <CmdletName> -?

  EXAMPLES
      Get-Help Get-Process      :  Displays help about the Get-Process cmdlet.
      Get-Help about_spshell    :  Displays the overview of this shell.
      Get-Help *SPWebApplication* : Lists the commands whose names contain SPWebApplication.
      Get-Help Get-Date -Examples : Displays the examples of Get-Date.
      Get-Help Get-Date -Full   :  Displays all the help of Get-Date.

    The help shown comes with the commands: there is nothing to download.
    To list the conceptual topics, type: Get-Help about_*
"""


class GetHelp(Cmdlet):
    name = "Get-Help"
    implementing_type = "Microsoft.PowerShell.Commands.GetHelpCommand"
    default_parameter_set = "AllUsersView"
    help = Help(
        synopsis="Displays information about commands and concepts.",
        description="Shows the help of a cmdlet or function (NAME, SYNOPSIS, SYNTAX, "
                    "DESCRIPTION; -Detailed adds parameters and examples, -Full everything, "
                    "-Examples only the examples, -Parameter one parameter's details), or the "
                    "text of an about_ topic. A name with wildcards lists the matching "
                    "commands and topics. Script functions get their help from comment-based "
                    "help (.SYNOPSIS, .DESCRIPTION, .PARAMETER, .EXAMPLE ...).",
        examples=[Example("Get-Help Get-Date", "The help of Get-Date."),
                  Example("Get-Help Set-SPWebApplication -Examples", "Only the examples."),
                  Example("Get-Help about_SharePoint_Outgoing_Mail", "A conceptual topic."),
                  Example("Get-Help *-SPWebApplication", "Lists matching commands.")])
    Name = _Param(str, position=0, by_property=True, help="A command or topic name.")
    Path = _Param(str, help="A provider path (not used).")
    Category = _Param("string[]", help="Alias, Cmdlet, Function, HelpFile, ...")
    Component = _Param("string[]", help="Component filter.")
    Functionality = _Param("string[]", help="Functionality filter.")
    Role = _Param("string[]", help="Role filter.")
    Full = _Param(SwitchParameter, sets={"AllUsersView": {}}, help="The whole help.")
    Detailed = _Param(SwitchParameter, sets={"DetailedView": {"mandatory": True}},
                         help="Adds parameter descriptions and examples.")
    Examples = _Param(SwitchParameter, sets={"Examples": {"mandatory": True}},
                         help="Only the examples.")
    Parameter = _Param("string[]", sets={"Parameters": {"mandatory": True}},
                          help="Only the named parameters.")
    Online = _Param(SwitchParameter, sets={"Online": {"mandatory": True}},
                       help="Opens the online help.")
    ShowWindow = _Param(SwitchParameter, sets={"ShowWindow": {"mandatory": True}},
                           help="Shows the help in a window.")

    def end(self):
        name = self.Name
        if not name:
            self.write_object(HelpText(DEFAULT_HELP))
            return
        if self.Online or self.ShowWindow:
            self.throw_terminating_error(ps_error(
                PSInvalidOperationException,
                "The online version of this Help topic cannot be displayed because the Internet "
                "address (URI) of the Help topic is not specified in the command code or in the "
                "help file for the command.", "InvalidOperation", "InvalidOperation", name))
            return
        categories = [to_str(c).lower() for c in as_list(self.Category)]
        topics = about_topics(self.context)
        commands = self._matching_commands(name)
        about = [t for t in topics if like(t, name)] if name.lower().startswith("about") or \
            has_wildcard(name) else [t for t in topics if t.lower() == name.lower()]
        if categories:
            commands = [c for c in commands if c.CommandType.lower() in categories]
            if "helpfile" not in categories:
                about = []
        if len(commands) + len(about) == 1:
            if about:
                self._show_about(about[0], topics)
            else:
                self._show_command(commands[0])
            return
        if not commands and not about:
            found = self._search(name, topics)
            if found:
                for f in found:
                    self.write_object(f)
                return
            self.throw_terminating_error(ps_error(
                HelpNotFoundException,
                f"Get-Help could not find {name} in a help file in this session. To download "
                'updated help topics type: "Update-Help". To get help online, search for the '
                "help topic in the TechNet library at "
                "https:/go.microsoft.com/fwlink/?LinkID=107116.", "HelpNotFound",
                "ResourceUnavailable", name))
            return
        for c in commands:
            page = help_page(self.context, c)
            self.write_object(HelpInfoShort(c.Name, c.CommandType, page.module,
                                            page.synopsis if page.has_help else ""))
        for t in sorted(about, key=str.lower):
            mod, ref = topics[t]
            try:
                syn = _about_synopsis(read_about(ref))
            except OSError:
                syn = ""
            self.write_object(HelpInfoShort(t, "HelpFile", "", syn))

    def _matching_commands(self, name):
        cmds = [c for c in self.context.commands()
                if getattr(c, "CommandType", "") in ("Alias", "Function", "Filter", "Cmdlet")]
        if has_wildcard(name):
            out = [c for c in cmds if like(c.Name, name)]
            return sorted(out, key=lambda c: (_COMMAND_ORDER.get(c.CommandType, 9),
                                              c.Name.lower()))
        info = find_command(self.context, name)
        if info is None:
            return []
        if getattr(info, "CommandType", "") == "Application":
            return []
        return [info]

    def _search(self, term, topics):
        """No name matched: look for the term in synopses and descriptions, as PowerShell's
        full-text help search does."""
        low = term.lower().strip("*")
        if not low:
            return []
        out = []
        for c in self.context.commands():
            if getattr(c, "CommandType", "") != "Cmdlet":
                continue
            h = getattr(c.cls, "help", None)
            if h and (low in (h.synopsis or "").lower() or low in (h.description or "").lower()):
                out.append(HelpInfoShort(c.Name, "Cmdlet", c.ModuleName, h.synopsis))
        return sorted(out, key=lambda x: x.Name.lower())

    def _show_about(self, topic, topics):
        mod, ref = topics[topic]
        try:
            text = read_about(ref)
        except OSError:
            text = ""
        self.write_object(HelpText(text.rstrip("\n") + "\n", _help.HelpPage(
            topic, category="HelpFile", synopsis=_about_synopsis(text), module=mod)))

    def _show_command(self, info):
        page = help_page(self.context, info)
        width = getattr(self.context.host, "width", 120) or 120
        if self.Parameter is not None:
            patterns = [to_str(p) for p in as_list(self.Parameter)]
            chosen = [ph for ph in page.parameters if matches_any(ph.name, patterns)]
            if not chosen:
                self.throw_terminating_error(ps_error(
                    PSArgumentException, f"No parameter matches criteria {', '.join(patterns)}.",
                    "NoParmsFound", "InvalidArgument", patterns[0]))
                return
            self.write_object(HelpText("".join(_help.render_parameter(ph, width)
                                               for ph in chosen), page))
            return
        view = "full" if self.Full else "detailed" if self.Detailed else \
            "examples" if self.Examples else "default"
        text = _help.render_page(page, view, width)
        if not page.has_help and page.category == "Cmdlet":
            text = text.replace(
                "REMARKS\n    None\n",
                "REMARKS\n    Get-Help cannot find the Help files for this cmdlet on this "
                "computer. It is displaying only partial help.\n        -- To download and "
                "install Help files for the module that includes this cmdlet, use "
                "Update-Help.\n")
        self.write_object(HelpText(text, page))


# ------------------------------------------------------------------------------ Get-Command
_COMMAND_TYPES = ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application",
                  "Script", "Workflow", "Configuration", "All")


class GetCommand(Cmdlet):
    name = "Get-Command"
    implementing_type = "Microsoft.PowerShell.Commands.GetCommandCommand"
    default_parameter_set = "CmdletSet"
    help = Help(
        synopsis="Gets the commands that can be run.",
        description="Lists aliases, functions and cmdlets (and, for an exact name or with "
                    "-CommandType Application, programs on the PATH). -Name accepts wildcards; "
                    "-Verb, -Noun and -Module filter; -Syntax shows the syntax lines of each "
                    "command instead.",
        examples=[Example("Get-Command *-SPWebApplication", "Commands for web applications."),
                  Example("Get-Command -Module Microsoft.SharePoint.PowerShell",
                          "Everything a module provides."),
                  Example("Get-Command Set-SPWebApplication -Syntax", "Its syntax lines.")])
    Name = Parameter("string[]", sets={"AllCommandSet": {"position": 0}}, pipeline=True,
                     by_property=True, wildcards=True, help="Command names.")
    Verb = Parameter("string[]", sets={"CmdletSet": {}}, by_property=True,
                     help="Verbs of commands to get.")
    Noun = Parameter("string[]", sets={"CmdletSet": {}}, by_property=True,
                     help="Nouns of commands to get.")
    Module = Parameter("string[]", aliases=("PSSnapin",), by_property=True,
                       help="Modules whose commands to get.")
    CommandType = Parameter("string[]", sets={"AllCommandSet": {}}, aliases=("Type",),
                            by_property=True, validate_set=_COMMAND_TYPES,
                            help="Kinds of commands to get.")
    TotalCount = Parameter(int, help="The maximum number of commands.")
    Syntax = Parameter(SwitchParameter, help="Shows syntax lines.")
    ShowCommandInfo = Parameter(SwitchParameter, help="Shows command details.")
    ArgumentList = Parameter("object[]", position=1, aliases=("Args",),
                             value_from_remaining=True, help="Arguments (for dynamic params).")
    All = Parameter(SwitchParameter, help="Includes commands hidden by others of the same name.")
    ListImported = Parameter(SwitchParameter, help="Only commands of loaded modules.")
    ParameterName = Parameter("string[]", help="Commands that have these parameters.")
    ParameterType = Parameter("string[]", help="Commands with parameters of these types.")

    def process(self):
        names = [to_str(n) for n in as_list(self.Name)]
        types_wanted = {to_str(t).lower() for t in as_list(self.CommandType)}
        if "all" in types_wanted:
            types_wanted = {t.lower() for t in _COMMAND_TYPES}
        results = []
        seen = set()
        all_cmds = list(self.context.commands())
        from . import _providers
        scope_aliases = [a for a in _providers.all_aliases(self.context)
                         if a.Name.lower() not in {c.Name.lower() for c in all_cmds
                                                   if c.CommandType == "Alias"}]
        all_cmds.extend(scope_aliases)
        if not names:
            names_iter = [None]
        else:
            names_iter = names
        for pattern in names_iter:
            matched = []
            for c in all_cmds:
                if pattern is not None and not like(c.Name, pattern):
                    continue
                if not self._keep(c, types_wanted):
                    continue
                matched.append(c)
            if pattern is not None and not has_wildcard(pattern) and not matched:
                info = self.context.get_command(pattern)
                if info is not None and self._keep(info, types_wanted):
                    matched.append(info)
            if pattern is not None and not has_wildcard(pattern) and not matched:
                self.write_error(ps_error(
                    CommandNotFoundException,
                    f"The term '{pattern}' is not recognized as the name of a cmdlet, "
                    "function, script file, or operable program. Check the spelling of the "
                    "name, or if a path was included, verify that the path is correct and try "
                    "again.", "CommandNotFoundException", "ObjectNotFound", pattern))
                continue
            for c in matched:
                key = (c.CommandType, c.Name.lower())
                if key in seen:
                    continue
                seen.add(key)
                results.append(c)
        if not names or any(has_wildcard(n) for n in names):
            results.sort(key=lambda c: (_COMMAND_ORDER.get(c.CommandType, 9), c.Name.lower()))
        if self.TotalCount is not None and self.TotalCount >= 0:
            results = results[:self.TotalCount]
        for c in results:
            if self.Syntax:
                if c.CommandType == "Alias":
                    self.write_object(f"{c.Name} -> {c.Definition}")
                lines = syntax_for(self.context, c)
                self.write_object("\n" + "\n\n".join(lines) + "\n")
            else:
                self.write_object(c)

    def _keep(self, c, types_wanted):
        kind = getattr(c, "CommandType", "")
        if types_wanted:
            if kind.lower() not in types_wanted:
                return False
        elif kind not in ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript",
                          "Application"):
            return False
        if self.Verb is not None or self.Noun is not None:
            if kind not in ("Cmdlet", "Function", "Filter") or "-" not in c.Name:
                return False
            verb, noun = c.Name.split("-", 1)
            if self.Verb is not None and not matches_any(verb, [to_str(v) for v in
                                                                as_list(self.Verb)]):
                return False
            if self.Noun is not None and not matches_any(noun, [to_str(n) for n in
                                                                as_list(self.Noun)]):
                return False
        if self.Module is not None:
            mod = getattr(c, "ModuleName", "") or ""
            if not matches_any(mod, [to_str(m) for m in as_list(self.Module)]):
                return False
        if self.ListImported and kind == "Cmdlet":
            modules = getattr(self.context, "modules", None)
            if modules is not None and not modules.is_loaded(c.ModuleName):
                return False
        if self.ParameterName is not None:
            meta = command_metadata(self.context, c) if kind != "Alias" else None
            if meta is None:
                return False
            have = [n for n in meta.all_parameters]
            for wanted in as_list(self.ParameterName):
                if not any(like(h, to_str(wanted)) for h in have):
                    return False
        return True

