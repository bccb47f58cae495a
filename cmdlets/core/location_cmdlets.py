"""Get-Location, Set-Location, Push-Location, Pop-Location, Resolve-Path, Join-Path,
Split-Path."""
from __future__ import annotations

import os
import re
from pathlib import Path

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (ItemNotFoundException, PSArgumentException,
                                    PSInvalidOperationException, ps_error)
from spshell.runtime.objects import SwitchParameter

from ._filesystem import expand_or_report, not_found, resolve, shown_path, split_drive
from ._util import as_list, session, to_str


class PathInfo:
    __ps_type__ = "System.Management.Automation.PathInfo"
    __ps_default_display__ = ("Path",)

    def __init__(self, path, drive="/", provider="Microsoft.PowerShell.Core\\FileSystem"):
        self.Path = str(path)
        self.Drive = drive
        self.Provider = provider
        self.ProviderPath = str(path)

    def ToString(self):
        return self.Path

    def __str__(self):
        return self.Path

    def __repr__(self):
        return f"PathInfo({self.Path!r})"


class PathInfoStack:
    __ps_type__ = "System.Management.Automation.PathInfoStack"

    def __init__(self, name, items):
        self.Name = name
        self._items = items

    @property
    def Count(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)


# ---- location state on the context
def get_location(ctx) -> Path:
    loc = getattr(ctx, "location", None)
    return Path(loc) if loc is not None else Path(os.getcwd())


def set_location(ctx, path: Path):
    session(ctx).set_location(path)


def _stacks(ctx):
    s = session(ctx)
    stacks = getattr(s, "location_stack", None)
    if stacks is None:
        stacks = {}
        s.location_stack = stacks
    return stacks


def _history(ctx):
    s = session(ctx)
    h = getattr(s, "location_history", None)
    if h is None:
        h = {"back": [], "forward": []}
        s.location_history = h
    return h


class GetLocation(Cmdlet):
    name = "Get-Location"
    implementing_type = "Microsoft.PowerShell.Commands.GetLocationCommand"
    default_parameter_set = "Location"
    help = Help(
        synopsis="Gets the current working location.",
        description="Returns a PathInfo object for the current directory. -Stack returns the "
                    "locations saved by Push-Location.",
        examples=[Example("Get-Location", "The current directory."),
                  Example("(Get-Location).Path", "Its path as a string.")])
    PSProvider = Parameter("string[]", sets={"Location": {}}, help="A provider name.")
    PSDrive = Parameter("string[]", sets={"Location": {}}, help="A drive name.")
    Stack = Parameter(SwitchParameter, sets={"Stack": {}}, help="Lists the location stack.")
    StackName = Parameter("string[]", sets={"Stack": {}}, help="A named location stack.")

    def end(self):
        if self.parameter_set_name == "Stack" or self.Stack or self.StackName:
            names = as_list(self.StackName) or ["default"]
            stacks = _stacks(self.context)
            for n in names:
                n = to_str(n)
                if n not in stacks and n != "default":
                    self.write_error(ps_error(
                        ItemNotFoundException, f"Cannot find location stack '{n}'. It does "
                        "not exist or it is not a container.", "Argument", "InvalidArgument",
                        n))
                    continue
                for p in reversed(stacks.get(n, [])):
                    self.write_object(PathInfo(p))
            return
        self.write_object(PathInfo(get_location(self.context)))


def _change(cmdlet, text, literal=False):
    """Resolve a Set-Location target; returns a Path or writes the error and returns None."""
    if text is None or text == "":
        return Path.home()
    provider, rest = split_drive(text)
    if provider:
        cmdlet.write_error(ps_error(PSInvalidOperationException,
                                    f"Cannot set the location to '{text}': this drive has no "
                                    "containers.", "SetLocationNotSupported",
                                    "InvalidOperation", text))
        return None
    matches = expand_or_report(cmdlet, text, literal, must_exist=False)
    if matches is None:
        return None
    matches = [m for m in matches if m.is_dir()]
    if not matches:
        cmdlet.write_error(not_found(shown_path(cmdlet.context, text)))
        return None
    if len(matches) > 1:
        cmdlet.write_error(ps_error(PSArgumentException,
                                    "Cannot set the location because path "
                                    f"'{text}' resolved to multiple containers. You can only "
                                    "set the same location to a single container at a time.",
                                    "Argument", "InvalidArgument", text))
        return None
    return matches[0]


class SetLocation(Cmdlet):
    name = "Set-Location"
    implementing_type = "Microsoft.PowerShell.Commands.SetLocationCommand"
    default_parameter_set = "Path"
    help = Help(
        synopsis="Changes the current working location.",
        description="Makes the directory the current location (relative paths are resolved "
                    "against it). Without a path it goes to the home directory; '-' and '+' "
                    "move back and forward through the location history.",
        examples=[Example("Set-Location /var/log", "Changes to /var/log."),
                  Example("cd ..", "Goes up one level."),
                  Example("cd -", "Returns to the previous location.")])
    Path = Parameter(str, sets={"Path": {"position": 0}}, pipeline=True, by_property=True,
                     help="The new location.")
    LiteralPath = Parameter(str, sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"),
                            help="The new location, taken literally.")
    PassThru = Parameter(SwitchParameter, help="Returns the new location.")
    StackName = Parameter(str, sets={"Stack": {"position": 0}}, pipeline=True,
                          by_property=True, help="Makes this location stack the default.")

    def process(self):
        if self.parameter_set_name == "Stack":
            stacks = _stacks(self.context)
            if self.StackName not in stacks:
                stacks[self.StackName] = []
            session(self.context).default_stack_name = self.StackName
            return
        hist = _history(self.context)
        current = get_location(self.context)
        text = self.LiteralPath if self.LiteralPath is not None else self.Path
        if text == "-" and self.LiteralPath is None:
            if not hist["back"]:
                self.write_error(ps_error(PSInvalidOperationException,
                                          "There is no location history left to navigate "
                                          "backwards.", "LocationHistoryEmpty",
                                          "InvalidOperation", text))
                return
            target = hist["back"].pop()
            hist["forward"].append(current)
        elif text == "+" and self.LiteralPath is None:
            if not hist["forward"]:
                self.write_error(ps_error(PSInvalidOperationException,
                                          "There is no location history left to navigate "
                                          "forwards.", "LocationHistoryEmpty",
                                          "InvalidOperation", text))
                return
            target = hist["forward"].pop()
            hist["back"].append(current)
        else:
            target = _change(self, text, self.LiteralPath is not None)
            if target is None:
                return
            hist["back"].append(current)
            hist["forward"].clear()
        set_location(self.context, target)
        if self.PassThru:
            self.write_object(PathInfo(target))


class PushLocation(Cmdlet):
    name = "Push-Location"
    implementing_type = "Microsoft.PowerShell.Commands.PushLocationCommand"
    default_parameter_set = "Path"
    help = Help(
        synopsis="Saves the current location on a stack and optionally changes it.",
        description="Pushes the current location onto the location stack (or a named one), "
                    "then changes to -Path when given. Pop-Location returns.",
        examples=[Example("Push-Location /tmp; ...; Pop-Location",
                          "Works in /tmp, then returns.")])
    Path = Parameter(str, sets={"Path": {"position": 0}}, pipeline=True, by_property=True,
                     help="The location to change to.")
    LiteralPath = Parameter(str, sets={"LiteralPath": {}}, by_property=True,
                            aliases=("PSPath", "LP"), help="The location, taken literally.")
    PassThru = Parameter(SwitchParameter, help="Returns the new location.")
    StackName = Parameter(str, by_property=True, help="The location stack to use.")

    def process(self):
        name = self.StackName or getattr(session(self.context), "default_stack_name", "default")
        current = get_location(self.context)
        text = self.LiteralPath if self.LiteralPath is not None else self.Path
        target = None
        if text is not None:
            target = _change(self, text, self.LiteralPath is not None)
            if target is None:
                return
        _stacks(self.context).setdefault(name, []).append(current)
        if target is not None:
            set_location(self.context, target)
        if self.PassThru:
            self.write_object(PathInfo(get_location(self.context)))


class PopLocation(Cmdlet):
    name = "Pop-Location"
    implementing_type = "Microsoft.PowerShell.Commands.PopLocationCommand"
    help = Help(
        synopsis="Returns to the location last saved by Push-Location.",
        description="Pops the top of the location stack (or a named one) and makes it the "
                    "current location.",
        examples=[Example("Pop-Location", "Back to the pushed location.")])
    PassThru = Parameter(SwitchParameter, help="Returns the new location.")
    StackName = Parameter(str, by_property=True, help="The location stack to use.")

    def end(self):
        name = self.StackName or getattr(session(self.context), "default_stack_name", "default")
        stacks = _stacks(self.context)
        if self.StackName and self.StackName not in stacks:
            self.write_error(ps_error(
                ItemNotFoundException, f"Cannot find location stack '{self.StackName}'. It "
                "does not exist or it is not a container.", "Argument", "InvalidArgument",
                self.StackName))
            return
        stack = stacks.get(name, [])
        if not stack:
            return
        target = stack.pop()
        set_location(self.context, target)
        if self.PassThru:
            self.write_object(PathInfo(target))


class ResolvePath(Cmdlet):
    name = "Resolve-Path"
    implementing_type = "Microsoft.PowerShell.Commands.ResolvePathCommand"
    default_parameter_set = "Path"
    help = Help(
        synopsis="Resolves wildcards and relative parts of a path.",
        description="Returns a PathInfo for each existing item the path refers to (relative "
                    "paths against the current location, wildcards expanded). -Relative "
                    "returns paths relative to the current location. A missing path is an "
                    "error.",
        examples=[Example("Resolve-Path ./*.txt", "Full paths of the text files."),
                  Example("Resolve-Path ~/notes.txt -Relative", "A relative path.")])
    Path = Parameter("string[]", sets={"Path": {"mandatory": True, "position": 0}},
                     pipeline=True, by_property=True, wildcards=True,
                     help="The path to resolve.")
    LiteralPath = Parameter("string[]", sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"),
                            help="The path, taken literally.")
    Relative = Parameter(SwitchParameter, help="Returns relative paths.")
    RelativeBasePath = Parameter(str, help="The base for -Relative.")

    def process(self):
        literal = self.LiteralPath is not None
        for text in as_list(self.LiteralPath if literal else self.Path):
            text = to_str(text)
            provider, rest = split_drive(text)
            if provider:
                from . import _providers
                if _providers.items(self.context, provider, rest):
                    self.write_object(PathInfo(text, provider, provider))
                else:
                    self.write_error(not_found(text))
                continue
            found = expand_or_report(self, text, literal)
            if found is None:
                continue
            for p in found:
                if self.Relative:
                    base = resolve(self.context, self.RelativeBasePath) \
                        if self.RelativeBasePath else get_location(self.context)
                    rel = os.path.relpath(p, base)
                    if not rel.startswith(".."):
                        rel = "./" + rel if rel != "." else "."
                    self.write_object(rel)
                else:
                    self.write_object(PathInfo(p))


# ------------------------------------------------------------------------------ Join/Split
_DRIVE_QUALIFIER = re.compile(r"^([A-Za-z][A-Za-z0-9_]*):")


def join_paths(parent: str, child: str) -> str:
    """Join-Path: one separator between the parts; '/' on this platform; drive paths kept."""
    if not parent:
        return child
    if not child:
        return parent
    sep = "/"
    parent_n = parent.replace("\\", "/")
    child_n = child.replace("\\", "/")
    if parent_n.endswith(":"):
        return parent_n + child_n.lstrip("/")
    return parent_n.rstrip("/") + sep + child_n.lstrip("/") if parent_n.rstrip("/") else \
        sep + child_n.lstrip("/")


class JoinPath(Cmdlet):
    name = "Join-Path"
    implementing_type = "Microsoft.PowerShell.Commands.JoinPathCommand"
    help = Help(
        synopsis="Combines a path and child paths into one path.",
        description="Joins the parts with exactly one separator between them. With -Resolve "
                    "the result must exist and is resolved (wildcards expanded).",
        examples=[Example("Join-Path /etc ssh", "/etc/ssh"),
                  Example("Join-Path $HOME .config spshell settings.json",
                          "Several child parts.")])
    Path = Parameter("string[]", mandatory=True, position=0, pipeline=True, by_property=True,
                     aliases=("PSPath",), help="The base path.")
    ChildPath = Parameter(str, position=1, by_property=True, allow_null=True, allow_empty=True,
                          help="The path to append.")
    AdditionalChildPath = Parameter("string[]", position=2, value_from_remaining=True,
                                    help="More paths to append.")
    Resolve = Parameter(SwitchParameter, help="Resolves the joined path.")
    Credential = Parameter(object, help="Not used by the file system.")
    Extension = Parameter(str, help="Replaces the extension of the result.")

    def process(self):
        for base in as_list(self.Path):
            result = join_paths(to_str(base), to_str(self.ChildPath or ""))
            for extra in as_list(self.AdditionalChildPath):
                result = join_paths(result, to_str(extra))
            if self.Extension is not None:
                ext = self.Extension
                stem, _ = os.path.splitext(result)
                result = stem + ("" if not ext else (ext if ext.startswith(".") else "." + ext))
            if self.Resolve:
                provider, _ = split_drive(result)
                if not provider:
                    found = expand_or_report(self, result)
                    if found is None:
                        continue
                    for f in found:
                        self.write_object(str(f))
                    continue
            self.write_object(result)


class SplitPath(Cmdlet):
    name = "Split-Path"
    implementing_type = "Microsoft.PowerShell.Commands.SplitPathCommand"
    default_parameter_set = "ParentSet"
    help = Help(
        synopsis="Returns a part of a path.",
        description="By default returns the parent (everything before the last separator). "
                    "-Leaf returns the last element, -LeafBase it without extension, "
                    "-Extension the extension, -Qualifier the drive (e.g. 'env:'), "
                    "-NoQualifier the rest; -IsAbsolute tells whether the path is absolute.",
        examples=[Example("Split-Path /var/log/syslog", "/var/log"),
                  Example("Split-Path /var/log/syslog -Leaf", "syslog"),
                  Example("Split-Path ./report.final.txt -Extension", ".txt")])
    Path = Parameter("string[]", mandatory=True, position=0, pipeline=True, by_property=True,
                     sets={s: {"mandatory": True, "position": 0}
                           for s in ("ParentSet", "LeafSet", "LeafBaseSet", "ExtensionSet",
                                     "QualifierSet", "NoQualifierSet", "IsAbsoluteSet")},
                     help="The path to split.")
    LiteralPath = Parameter("string[]", sets={"LiteralPathSet": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"),
                            help="The path, taken literally.")
    Parent = Parameter(SwitchParameter, sets={"ParentSet": {}}, help="The parent (default).")
    Leaf = Parameter(SwitchParameter, sets={"LeafSet": {"mandatory": True}},
                     help="The last element.")
    LeafBase = Parameter(SwitchParameter, sets={"LeafBaseSet": {"mandatory": True}},
                         help="The last element without its extension.")
    Extension = Parameter(SwitchParameter, sets={"ExtensionSet": {"mandatory": True}},
                          help="The extension of the last element.")
    Qualifier = Parameter(SwitchParameter, sets={"QualifierSet": {"mandatory": True}},
                          help="The drive qualifier.")
    NoQualifier = Parameter(SwitchParameter, sets={"NoQualifierSet": {"mandatory": True}},
                            help="The path without its drive qualifier.")
    IsAbsolute = Parameter(SwitchParameter, sets={"IsAbsoluteSet": {"mandatory": True}},
                           help="Whether the path is absolute.")
    Resolve = Parameter(SwitchParameter, help="Resolves the path first.")
    Credential = Parameter(object, help="Not used by the file system.")

    def process(self):
        texts = as_list(self.LiteralPath if self.LiteralPath is not None else self.Path)
        for text in texts:
            text = to_str(text)
            if self.Resolve:
                found = expand_or_report(self, text, self.LiteralPath is not None)
                if found is None:
                    continue
                for f in found:
                    self._one(str(f))
            else:
                self._one(text)

    def _one(self, text):
        norm = text.replace("\\", "/")
        m = _DRIVE_QUALIFIER.match(norm)
        if self.IsAbsolute:
            self.write_object(norm.startswith("/") or norm.startswith("~")
                              or bool(m and norm[m.end():].startswith("/"))
                              or bool(m and split_drive(norm)[0]))
            return
        if self.Qualifier:
            if not m:
                self.write_error(ps_error(
                    PSArgumentException,
                    f"Cannot parse path because path '{text}' does not have a qualifier "
                    "specified.", "ParsePathFormatError", "InvalidArgument", text))
                return
            self.write_object(m.group(0))
            return
        if self.NoQualifier:
            self.write_object(norm[m.end():] if m else norm)
            return
        body = norm[m.end():] if m else norm
        prefix = m.group(0) if m else ""
        stripped = body.rstrip("/") or body
        leaf = stripped.rsplit("/", 1)[-1] if "/" in stripped else stripped
        if self.Leaf:
            self.write_object(leaf)
            return
        if self.LeafBase:
            base, ext = os.path.splitext(leaf)
            self.write_object(base if base else leaf)
            return
        if self.Extension:
            self.write_object(os.path.splitext(leaf)[1])
            return
        # parent
        if "/" not in stripped:
            self.write_object(prefix if prefix else "")
            return
        parent = stripped.rsplit("/", 1)[0]
        if parent == "" and stripped.startswith("/"):
            parent = "/" if stripped != "/" else ""
        self.write_object(prefix + parent)
