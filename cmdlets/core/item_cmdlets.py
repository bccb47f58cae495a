"""Items and content: Get-ChildItem, Get-Item, New-Item, Remove-Item, Copy-Item, Move-Item,
Rename-Item, Test-Path, Get-Content, Set-Content, Add-Content, Clear-Content."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (DirectoryNotFoundException, IOException,
                                    PSArgumentException, PSInvalidOperationException,
                                    UnauthorizedAccessException, ps_error)
from spshell.runtime.objects import AutomationNull, SwitchParameter

from . import _providers
from ._filesystem import (DirectoryInfo, FileInfo, expand, expand_or_report, item_for, not_found,
                          read_text, resolve, split_drive, write_text)
from ._util import as_list, enumerate_value, has_wildcard, like, matches_any, to_str

_PATH_HELP = "The path of the item (wildcards allowed)."
_LITERAL_HELP = "The path of the item, used exactly as typed."


class _PathCmdlet(Cmdlet):
    """-Path / -LiteralPath handling shared by the item cmdlets."""

    def _targets(self, default=None, must_exist=True):
        """Yield (provider, name_or_Path, original text). Missing paths produce errors."""
        literal = getattr(self, "LiteralPath", None) is not None
        raw = as_list(self.LiteralPath if literal else self.Path)
        if not raw and default is not None:
            raw = [default]
        for text in raw:
            text = to_str(text)
            provider, rest = split_drive(text)
            if provider:
                yield provider, rest, text
                continue
            paths = expand_or_report(self, text, literal, must_exist)
            if paths is None:
                continue
            if not paths:
                yield None, resolve(self.context, text), text
                continue
            for p in paths:
                yield None, p, text

    def _filtered(self, path: Path):
        """Whether the name passes this cmdlet's -Filter, -Include and -Exclude."""
        name = path.name
        filter_ = getattr(self, "Filter", None)
        include = as_list(getattr(self, "Include", None))
        exclude = as_list(getattr(self, "Exclude", None))
        if filter_ and not like(name, filter_):
            return False
        if include and not matches_any(name, include):
            return False
        if exclude and matches_any(name, exclude):
            return False
        return True


# ================================================================ Get-ChildItem / Get-Item
class GetChildItem(_PathCmdlet):
    name = "Get-ChildItem"
    implementing_type = "Microsoft.PowerShell.Commands.GetChildItemCommand"
    default_parameter_set = "Items"
    help = Help(
        synopsis="Lists the items in one or more locations.",
        description="Lists the files and directories of the given paths (the current "
                    "location by default) as FileInfo and DirectoryInfo objects, shown grouped "
                    "by directory. -Recurse descends into subdirectories (-Depth limits it), "
                    "-File and -Directory filter by kind, -Filter/-Include/-Exclude by name, "
                    "-Name returns only names. Hidden items (names starting with a dot) need "
                    "-Force. Also lists the env:, variable:, function: and alias: drives.",
        examples=[Example("Get-ChildItem", "The current directory."),
                  Example("Get-ChildItem -Path /var/log -Filter *.log -Recurse",
                          "Log files below /var/log."),
                  Example("Get-ChildItem env:", "Environment variables.")])
    Path = Parameter("string[]", sets={"Items": {"position": 0}}, pipeline=True,
                     by_property=True, wildcards=True, help=_PATH_HELP)
    LiteralPath = Parameter("string[]", sets={"LiteralItems": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    Filter = Parameter(str, position=1, help="A name filter, e.g. *.txt.")
    Include = Parameter("string[]", wildcards=True, help="Only names that match.")
    Exclude = Parameter("string[]", wildcards=True, help="Leaves out names that match.")
    Recurse = Parameter(SwitchParameter, aliases=("s", "r"), help="Includes subdirectories.")
    Depth = Parameter(int, help="How many levels to descend with -Recurse.")
    Force = Parameter(SwitchParameter, help="Includes hidden items.")
    Name = Parameter(SwitchParameter, help="Returns only the names.")
    Attributes = Parameter("string[]", help="File attributes to match.")
    FollowSymlink = Parameter(SwitchParameter, help="Follows directory links with -Recurse.")
    Directory = Parameter(SwitchParameter, aliases=("ad",), help="Only directories.")
    File = Parameter(SwitchParameter, aliases=("af",), help="Only files.")
    Hidden = Parameter(SwitchParameter, aliases=("ah", "h"), help="Only hidden items.")
    ReadOnly = Parameter(SwitchParameter, aliases=("ar",), help="Only read-only items.")
    System = Parameter(SwitchParameter, aliases=("as",), help="Only system items.")

    def process(self):
        max_depth = self.Depth if self.Depth is not None else (None if self.Recurse else 0)
        if self.Depth is not None:
            max_depth = self.Depth
        recurse = bool(self.Recurse) or self.Depth is not None
        for provider, target, text in self._targets(default="."):
            if provider:
                for item in _providers.items(self.context, provider, target or "*"):
                    if self.Name:
                        self.write_object(getattr(item, "Name", None) or to_str(item))
                    else:
                        self.write_object(item)
                continue
            wildcard = self.LiteralPath is None and has_wildcard(text)
            if target.is_dir() and not wildcard:
                self._list(target, target, recurse, max_depth, 0)
                continue
            # a wildcard names the items themselves, as does a file path
            if self._want(target):
                self._emit(target, target.parent)
            if wildcard and recurse and target.is_dir():
                self._list(target, target.parent, recurse, max_depth, 0)

    def _want(self, p: Path):
        is_dir = p.is_dir()
        hidden = p.name.startswith(".")
        if self.Hidden and not hidden:
            return False
        if hidden and not (self.Force or self.Hidden):
            return False
        if self.Directory and not is_dir:
            return False
        if self.File and is_dir:
            return False
        if self.ReadOnly and (is_dir or os.access(p, os.W_OK)):
            return False
        if self.System:
            return False
        if self.Attributes and not self._attributes_match(p):
            return False
        return self._filtered(p)

    def _attributes_match(self, p: Path):
        """-Attributes 'Directory,!Hidden' style: every listed flag present, every '!' flag
        absent ('+' joins flags the same way as ',')."""
        text = ",".join(to_str(x) for x in as_list(self.Attributes)).replace("+", ",")
        have = {a.strip().lower() for a in item_for(p).Attributes.split(",")}
        for flag in (f.strip().lower() for f in text.split(",") if f.strip()):
            if flag.startswith("!"):
                if flag[1:] in have:
                    return False
            elif flag not in have:
                return False
        return True

    def _emit(self, p: Path, base: Path):
        if self.Name:
            try:
                self.write_object(str(p.relative_to(base)))
            except ValueError:
                self.write_object(p.name)
        else:
            self.write_object(item_for(p))

    def _list(self, directory: Path, base: Path, recurse, max_depth, level):
        try:
            children = list(directory.iterdir())
        except PermissionError:
            self.write_error(ps_error(UnauthorizedAccessException,
                                      f"Access to the path '{directory}' is denied.",
                                      "DirUnauthorizedAccessError", "PermissionDenied",
                                      str(directory)))
            return
        dirs = sorted((c for c in children if c.is_dir()), key=lambda c: c.name.lower())
        files = sorted((c for c in children if not c.is_dir()), key=lambda c: c.name.lower())
        for c in dirs + files:
            if self._want(c):
                self._emit(c, base)
        if recurse and (max_depth is None or level < max_depth):
            for d in dirs:
                if d.name.startswith(".") and not (self.Force or self.Hidden):
                    continue
                if d.is_symlink() and not self.FollowSymlink:
                    continue
                self._list(d, base, recurse, max_depth, level + 1)


class GetItem(_PathCmdlet):
    name = "Get-Item"
    implementing_type = "Microsoft.PowerShell.Commands.GetItemCommand"
    default_parameter_set = "Path"
    help = Help(
        synopsis="Gets the item at a location.",
        description="Returns the file, directory, or drive item (environment variable, "
                    "variable, function, alias) at each path. Wildcards return every match.",
        examples=[Example("Get-Item ./notes.txt", "The FileInfo of a file."),
                  Example("Get-Item env:PATH", "The PATH environment entry.")])
    Path = Parameter("string[]", sets={"Path": {"mandatory": True, "position": 0}},
                     pipeline=True, by_property=True, wildcards=True, help=_PATH_HELP)
    LiteralPath = Parameter("string[]", sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    Filter = Parameter(str, help="A name filter.")
    Include = Parameter("string[]", help="Only names that match.")
    Exclude = Parameter("string[]", help="Leaves out names that match.")
    Force = Parameter(SwitchParameter, help="Gets hidden items too.")

    def process(self):
        for provider, target, text in self._targets():
            if provider:
                found = _providers.items(self.context, provider, target or "*")
                if not target:
                    self.write_object(_drive_info(provider))
                    continue
                if not found:
                    self.write_error(not_found(text))
                for item in found:
                    self.write_object(item)
                continue
            if not self._filtered(target):
                continue
            self.write_object(item_for(target))


class PSDriveInfo:
    __ps_type__ = "System.Management.Automation.PSDriveInfo"
    __ps_default_display__ = ("Name", "Provider", "Root")

    def __init__(self, name, provider, root=""):
        self.Name = name
        self.Provider = provider
        self.Root = root
        self.CurrentLocation = ""
        self.Description = ""

    def __str__(self):
        return self.Name


def _drive_info(provider):
    return PSDriveInfo(_providers.DRIVE_ROOTS.get(provider, provider), provider)


# ================================================================ New/Remove/Copy/Move/Rename
_ITEM_TYPES = ("File", "Directory", "SymbolicLink", "Junction", "HardLink")


class NewItem(_PathCmdlet):
    name = "New-Item"
    implementing_type = "Microsoft.PowerShell.Commands.NewItemCommand"
    default_parameter_set = "pathSet"
    supports_should_process = True
    help = Help(
        synopsis="Creates a new file, directory, link, or drive item.",
        description="Creates the item at -Path (or -Name inside -Path) and returns it. "
                    "-ItemType is File (the default), Directory, SymbolicLink or HardLink; "
                    "-Value is the file's content or the link's target. An existing item is an "
                    "error unless -Force, which also creates missing parent directories. "
                    "'New-Item env:NAME -Value x' sets an environment variable.",
        examples=[Example("New-Item -Path ./logs -ItemType Directory", "Creates a directory."),
                  Example("New-Item notes.txt -Value 'first line'",
                          "Creates a file with content."),
                  Example("New-Item -Path . -Name a.txt -ItemType File -Force",
                          "Creates or truncates a.txt.")])
    Path = Parameter("string[]", sets={"pathSet": {"mandatory": True, "position": 0},
                                       "nameSet": {"position": 0}},
                     by_property=True, help="The location of the new item.")
    Name = Parameter(str, sets={"nameSet": {"mandatory": True}}, by_property=True,
                     allow_empty=True, allow_null=True, help="The name of the new item.")
    ItemType = Parameter(str, aliases=("Type",), by_property=True,
                         help="File, Directory, SymbolicLink, Junction or HardLink.")
    Value = Parameter(object, pipeline=True, by_property=True, aliases=("Target",),
                      help="The content of a new file or the target of a link.")
    Force = Parameter(SwitchParameter, help="Overwrites files and creates parent folders.")

    def process(self):
        paths = as_list(self.Path) or ["."]
        for text in paths:
            text = to_str(text)
            if self.Name:
                text = os.path.join(text, self.Name) if text else self.Name
            provider, rest = split_drive(text)
            if provider:
                self._new_drive_item(provider, rest, text)
                continue
            try:
                path = resolve(self.context, text)
            except Exception as e:
                self.write_error(e)
                continue
            kind = _canon_type(self.ItemType) or "File"
            if kind not in _ITEM_TYPES:
                self.write_error(ps_error(
                    PSArgumentException,
                    "The type is not a known type for the file system. Only \"file\",\"directory"
                    "\",\"symboliclink\",\"junction\",\"hardlink\" can be specified.",
                    "Argument", "InvalidArgument", self.ItemType))
                continue
            action = "Create Directory" if kind == "Directory" else "Create File"
            if not self.should_process(f"Destination: {path}", action):
                continue
            try:
                self._create(path, kind)
            except FileNotFoundError:
                self.write_error(ps_error(DirectoryNotFoundException,
                                          f"Could not find a part of the path '{path}'.",
                                          "NewItemIOError", "WriteError", str(path)))
            except PermissionError:
                self.write_error(ps_error(UnauthorizedAccessException,
                                          f"Access to the path '{path}' is denied.",
                                          "NewItemUnauthorizedAccessError", "PermissionDenied",
                                          str(path)))

    def _create(self, path: Path, kind):
        if kind == "Directory":
            if path.exists() and not self.Force:
                self.write_error(ps_error(IOException,
                                          f"An item with the specified name {path} already "
                                          "exists.", "DirectoryExist", "ResourceExists",
                                          str(path)))
                return
            if path.exists() and not path.is_dir():
                self.write_error(ps_error(IOException,
                                          f"An item with the specified name {path} already "
                                          "exists.", "DirectoryExist", "ResourceExists",
                                          str(path)))
                return
            path.mkdir(parents=True, exist_ok=True)
            self.write_object(DirectoryInfo(path))
            return
        if kind in ("SymbolicLink", "Junction", "HardLink"):
            if self.Value is None:
                self.write_error(ps_error(PSArgumentException,
                                          "Value cannot be null. (Parameter 'value')",
                                          "ArgumentNull", "InvalidArgument", None))
                return
            target = resolve(self.context, to_str(self.Value))
            if path.exists() or path.is_symlink():
                if not self.Force:
                    self.write_error(ps_error(IOException,
                                              f"An item with the specified name {path} already "
                                              "exists.", "SymLinkExists", "ResourceExists",
                                              str(path)))
                    return
                path.unlink()
            if kind == "HardLink":
                os.link(target, path)
            else:
                os.symlink(to_str(self.Value), path)
            self.write_object(item_for(path))
            return
        if path.exists():
            if path.is_dir():
                self.write_error(ps_error(UnauthorizedAccessException,
                                          f"Access to the path '{path}' is denied.",
                                          "NewItemUnauthorizedAccessError", "PermissionDenied",
                                          str(path)))
                return
            if not self.Force:
                self.write_error(ps_error(IOException, f"The file '{path}' already exists.",
                                          "NewItemIOError", "WriteError", str(path)))
                return
        if self.Force:
            path.parent.mkdir(parents=True, exist_ok=True)
        text = "" if self.Value is None else _content_text(self.Value, no_newline=True)
        write_text(path, text, None)
        self.write_object(FileInfo(path))

    def _new_drive_item(self, provider, name, text):
        if provider == "Variable":
            existing = _providers.items(self.context, provider, name)
            if existing and not self.Force:
                self.write_error(ps_error(IOException,
                                          f"A variable with name '{name}' already exists.",
                                          "VariableAlreadyExists", "ResourceExists", name))
                return
        if provider == "Environment" and _providers.env_find(name) and not self.Force:
            self.write_error(ps_error(IOException,
                                      f"The environment variable '{name}' already exists.",
                                      "EnvironmentVariableAlreadyExists", "ResourceExists",
                                      name))
            return
        if not self.should_process(f"Item: {name} Value: {to_str(self.Value)}",
                                   "New Item"):
            return
        if _providers.set_content(self.context, provider, name, self.Value):
            for item in _providers.items(self.context, provider, name):
                self.write_object(item)


def _canon_type(t):
    if t is None:
        return None
    s = str(t).lower()
    for k in _ITEM_TYPES:
        if k.lower() == s:
            return k
    if s in ("dir", "container"):
        return "Directory"
    return str(t)


class RemoveItem(_PathCmdlet):
    name = "Remove-Item"
    implementing_type = "Microsoft.PowerShell.Commands.RemoveItemCommand"
    default_parameter_set = "Path"
    supports_should_process = True
    help = Help(
        synopsis="Deletes files, directories, and drive items.",
        description="Deletes the items at the given paths. A directory that is not empty "
                    "needs -Recurse (otherwise you are asked to confirm). -Include, -Exclude "
                    "and -Filter choose which items are deleted; -WhatIf shows what would be "
                    "deleted.",
        examples=[Example("Remove-Item ./old.txt", "Deletes a file."),
                  Example("Remove-Item ./build -Recurse -Force",
                          "Deletes a directory tree."),
                  Example("Remove-Item env:TEMP_FLAG", "Deletes an environment variable.")])
    Path = Parameter("string[]", sets={"Path": {"mandatory": True, "position": 0}},
                     pipeline=True, by_property=True, wildcards=True, help=_PATH_HELP)
    LiteralPath = Parameter("string[]", sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    Filter = Parameter(str, help="A name filter.")
    Include = Parameter("string[]", help="Only names that match.")
    Exclude = Parameter("string[]", help="Leaves out names that match.")
    Recurse = Parameter(SwitchParameter, aliases=("r",), help="Deletes directory contents too.")
    Force = Parameter(SwitchParameter, help="Deletes hidden and read-only items too.")

    def process(self):
        for provider, target, text in self._targets():
            if provider:
                if not self.should_process(f"Item: {target}", "Remove Item"):
                    continue
                if not _providers.remove(self.context, provider, target):
                    self.write_error(not_found(text))
                continue
            if not self._filtered(target):
                if target.is_dir() and (self.Include or self.Filter) and self.Recurse:
                    self._remove_matching(target)
                continue
            self._remove(target)

    def _remove_matching(self, directory: Path):
        for child in sorted(directory.rglob("*"), reverse=True):
            if self._filtered(child):
                self._remove(child)

    def _remove(self, path: Path):
        is_dir = path.is_dir() and not path.is_symlink()
        action = "Remove Directory" if is_dir else "Remove File"
        if not self.should_process(str(path), action):
            return
        try:
            if is_dir:
                has_children = any(path.iterdir())
                if has_children and not self.Recurse:
                    if not self.should_continue(
                            f"The item at {path} has children and the Recurse parameter was "
                            "not specified. If you continue, all children will be removed with "
                            "the item. Are you sure you want to continue?", "Confirm"):
                        return
                shutil.rmtree(path)
            else:
                if not os.access(path, os.W_OK) and not self.Force and not path.is_symlink():
                    self.write_error(ps_error(
                        IOException, "You do not have sufficient access rights to perform "
                        "this operation or the item is hidden, system, or read only.",
                        "RemoveFileSystemItemUnAuthorizedAccess", "PermissionDenied",
                        str(path)))
                    return
                path.unlink()
        except PermissionError:
            self.write_error(ps_error(UnauthorizedAccessException,
                                      f"Access to the path '{path}' is denied.",
                                      "RemoveItemUnauthorizedAccessError", "PermissionDenied",
                                      str(path)))
        except OSError as e:
            self.write_error(ps_error(IOException, e.strerror or str(e),
                                      "RemoveItemIOError", "WriteError", str(path)))


class CopyItem(_PathCmdlet):
    name = "Copy-Item"
    implementing_type = "Microsoft.PowerShell.Commands.CopyItemCommand"
    default_parameter_set = "Path"
    supports_should_process = True
    help = Help(
        synopsis="Copies files and directories.",
        description="Copies each item to -Destination. Copying into an existing directory "
                    "keeps the item's name; directories need -Recurse to copy their contents. "
                    "An existing destination file is replaced only with -Force.",
        examples=[Example("Copy-Item a.txt b.txt", "Copies a file."),
                  Example("Copy-Item ./src ./backup -Recurse", "Copies a directory tree.")])
    Path = Parameter("string[]", sets={"Path": {"mandatory": True, "position": 0}},
                     pipeline=True, by_property=True, wildcards=True, help=_PATH_HELP)
    LiteralPath = Parameter("string[]", sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    Destination = Parameter(str, position=1, by_property=True, help="Where to copy to.")
    Container = Parameter(SwitchParameter, help="Keeps the directory structure.")
    Force = Parameter(SwitchParameter, help="Overwrites read-only or existing items.")
    Filter = Parameter(str, help="A name filter.")
    Include = Parameter("string[]", help="Only names that match.")
    Exclude = Parameter("string[]", help="Leaves out names that match.")
    Recurse = Parameter(SwitchParameter, help="Copies directory contents.")
    PassThru = Parameter(SwitchParameter, help="Returns the copies.")

    def process(self):
        dest_text = self.Destination if self.Destination is not None else "."
        dest = resolve(self.context, dest_text)
        for provider, src, text in self._targets():
            if provider:
                value, ok = _providers.content(self.context, provider, src)
                dprov, dname = split_drive(dest_text)
                if ok and dprov and self.should_process(f"Item: {src} Destination: {dname}",
                                                        "Copy Item"):
                    _providers.set_content(self.context, dprov, dname, value)
                continue
            if not self._filtered(src):
                continue
            target = dest / src.name if dest.is_dir() else dest
            if not self.should_process(f"Item: {src} Destination: {target}",
                                       "Copy Directory" if src.is_dir() else "Copy File"):
                continue
            try:
                if src.is_dir():
                    if self.Recurse:
                        shutil.copytree(src, target, dirs_exist_ok=True)
                    else:
                        target.mkdir(exist_ok=True)
                else:
                    if target.exists() and not os.access(target, os.W_OK) and not self.Force:
                        self.write_error(ps_error(
                            UnauthorizedAccessException,
                            f"Access to the path '{target}' is denied.",
                            "CopyFileInfoItemUnauthorizedAccessError", "PermissionDenied",
                            str(target)))
                        continue
                    if not target.parent.exists():
                        self.write_error(ps_error(
                            DirectoryNotFoundException,
                            f"Could not find a part of the path '{target}'.",
                            "CopyDirectoryInfoItemIOError", "WriteError", str(target)))
                        continue
                    shutil.copy2(src, target)
            except OSError as e:
                self.write_error(ps_error(IOException, e.strerror or str(e),
                                          "CopyItemIOError", "WriteError", str(src)))
                continue
            if self.PassThru:
                self.write_object(item_for(target))


class MoveItem(_PathCmdlet):
    name = "Move-Item"
    implementing_type = "Microsoft.PowerShell.Commands.MoveItemCommand"
    default_parameter_set = "Path"
    supports_should_process = True
    help = Help(
        synopsis="Moves files and directories.",
        description="Moves each item to -Destination (into it, when it is a directory). An "
                    "existing destination file is replaced only with -Force.",
        examples=[Example("Move-Item a.txt ./archive/", "Moves a file into a directory.")])
    Path = Parameter("string[]", sets={"Path": {"mandatory": True, "position": 0}},
                     pipeline=True, by_property=True, wildcards=True, help=_PATH_HELP)
    LiteralPath = Parameter("string[]", sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    Destination = Parameter(str, position=1, by_property=True, help="Where to move to.")
    Force = Parameter(SwitchParameter, help="Replaces an existing file.")
    Filter = Parameter(str, help="A name filter.")
    Include = Parameter("string[]", help="Only names that match.")
    Exclude = Parameter("string[]", help="Leaves out names that match.")
    PassThru = Parameter(SwitchParameter, help="Returns the moved items.")

    def process(self):
        dest = resolve(self.context, self.Destination if self.Destination is not None else ".")
        for provider, src, text in self._targets():
            if provider:
                self.write_error(ps_error(PSInvalidOperationException,
                                          "Move-Item is not supported for this drive.",
                                          "MoveItemNotSupported", "InvalidOperation", text))
                continue
            if not self._filtered(src):
                continue
            target = dest / src.name if dest.is_dir() else dest
            if not self.should_process(f"Item: {src} Destination: {target}",
                                       "Move Directory" if src.is_dir() else "Move File"):
                continue
            if target.exists() and not self.Force:
                self.write_error(ps_error(IOException,
                                          "Cannot create a file when that file already exists.",
                                          "MoveFileInfoItemIOError", "WriteError", str(src)))
                continue
            try:
                shutil.move(str(src), str(target))
            except OSError as e:
                self.write_error(ps_error(IOException, e.strerror or str(e),
                                          "MoveItemIOError", "WriteError", str(src)))
                continue
            if self.PassThru:
                self.write_object(item_for(target))


class RenameItem(_PathCmdlet):
    name = "Rename-Item"
    implementing_type = "Microsoft.PowerShell.Commands.RenameItemCommand"
    default_parameter_set = "ByPath"
    supports_should_process = True
    help = Help(
        synopsis="Renames an item.",
        description="Gives the item a new name in the same directory. -NewName must be a name, "
                    "not a path.",
        examples=[Example("Rename-Item notes.txt notes.old", "Renames a file.")])
    Path = Parameter(str, sets={"ByPath": {"mandatory": True, "position": 0}}, pipeline=True,
                     by_property=True, help="The item to rename.")
    LiteralPath = Parameter(str, sets={"ByLiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    NewName = Parameter(str, mandatory=True, position=1, by_property=True,
                        help="The new name.")
    Force = Parameter(SwitchParameter, help="Renames hidden or read-only items too.")
    PassThru = Parameter(SwitchParameter, help="Returns the renamed item.")

    def process(self):
        new = self.NewName
        for provider, src, text in self._targets():
            if provider:
                value, ok = _providers.content(self.context, provider, src)
                if ok and self.should_process(f"Item: {src} Destination: {new}",
                                              "Rename Item"):
                    _providers.set_content(self.context, provider, new, value)
                    _providers.remove(self.context, provider, src)
                continue
            if "/" in new or (os.sep in new):
                parent = resolve(self.context, new).parent
                if parent != src.parent:
                    self.write_error(ps_error(
                        PSArgumentException,
                        "Cannot rename the specified target, because it represents a path or "
                        "device name.", "Argument", "InvalidArgument", new))
                    continue
                new = Path(new).name
            target = src.parent / new
            if not self.should_process(f"Item: {src} Destination: {target}",
                                       "Rename Directory" if src.is_dir() else "Rename File"):
                continue
            if target.exists():
                self.write_error(ps_error(IOException,
                                          "Cannot create a file when that file already exists.",
                                          "RenameItemIOError", "WriteError", str(src)))
                continue
            os.rename(src, target)
            if self.PassThru:
                self.write_object(item_for(target))


# ================================================================ Test-Path
class TestPath(_PathCmdlet):
    name = "Test-Path"
    implementing_type = "Microsoft.PowerShell.Commands.TestPathCommand"
    default_parameter_set = "Path"
    help = Help(
        synopsis="Tells whether a path exists.",
        description="Returns $true when every element of the path exists (and, with "
                    "-PathType, is a Leaf (file) or Container (directory)), else $false. "
                    "-IsValid only checks the syntax. Works for env:, variable:, function: "
                    "and alias: paths too.",
        examples=[Example("Test-Path ./config.json", "True when the file exists."),
                  Example("Test-Path env:SPSHELL_HOME", "True when the variable is set."),
                  Example("Test-Path /tmp -PathType Container", "True for a directory.")])
    Path = Parameter("string[]", sets={"Path": {"mandatory": True, "position": 0}},
                     pipeline=True, by_property=True, allow_empty=True, allow_null=True,
                     help=_PATH_HELP)
    LiteralPath = Parameter("string[]", sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    Filter = Parameter(str, help="A name filter.")
    Include = Parameter("string[]", help="Only names that match.")
    Exclude = Parameter("string[]", help="Leaves out names that match.")
    PathType = Parameter(str, aliases=("Type",), default="Any",
                         validate_set=("Any", "Container", "Leaf"),
                         help="Any, Container (directory) or Leaf (file).")
    IsValid = Parameter(SwitchParameter, help="Checks only that the path is well formed.")
    OlderThan = Parameter("datetime", help="Only items older than this.")
    NewerThan = Parameter("datetime", help="Only items newer than this.")

    def process(self):
        literal = self.LiteralPath is not None
        for text in as_list(self.LiteralPath if literal else self.Path):
            if text is None or to_str(text) == "":
                self.write_object(False)
                continue
            self.write_object(self._test(to_str(text), literal))

    def _test(self, text, literal):
        provider, rest = split_drive(text)
        if self.IsValid:
            return "\0" not in text
        if provider:
            if not rest:
                return self.PathType != "Leaf"
            found = _providers.items(self.context, provider, rest)
            return bool(found) and self.PathType != "Container"
        try:
            paths = expand(self.context, text, literal=literal)
        except Exception:
            return False
        kind = (self.PathType or "Any").lower()
        for p in paths:
            if kind == "container" and not p.is_dir():
                continue
            if kind == "leaf" and p.is_dir():
                continue
            if not self._filtered(p):
                continue
            if self.OlderThan is not None or self.NewerThan is not None:
                import datetime as _dt
                mt = _dt.datetime.fromtimestamp(p.stat().st_mtime)
                if self.OlderThan is not None and not mt < self.OlderThan.replace(tzinfo=None):
                    continue
                if self.NewerThan is not None and not mt > self.NewerThan.replace(tzinfo=None):
                    continue
            return True
        return False


# ================================================================ content
def _content_text(value, no_newline=False, newline="\n"):
    """Set-Content/Add-Content: each element on its own line (or run together)."""
    items = value if isinstance(value, list) else (enumerate_value(value) or [value])
    parts = ["" if v is None or v is AutomationNull else to_str(v) for v in items]
    if no_newline:
        return "".join(parts)
    return "".join(p + newline for p in parts)


class GetContent(_PathCmdlet):
    name = "Get-Content"
    implementing_type = "Microsoft.PowerShell.Commands.GetContentCommand"
    default_parameter_set = "Path"
    help = Help(
        synopsis="Gets the content of a file, line by line.",
        description="Writes each line of the file as a string (without its line ending). "
                    "-Raw returns the whole text as one string, -TotalCount/-Head the first N "
                    "lines, -Tail the last N, -ReadCount sends lines in arrays of N (0 = all at "
                    "once), -Delimiter splits on another string. Also reads env:, variable: "
                    "and function: items.",
        examples=[Example("Get-Content ./notes.txt", "The lines of a file."),
                  Example("Get-Content ./app.log -Tail 20", "The last 20 lines."),
                  Example("$json = Get-Content config.json -Raw", "The file as one string.")])
    Path = Parameter("string[]", sets={"Path": {"mandatory": True, "position": 0}},
                     by_property=True, wildcards=True, help=_PATH_HELP)
    LiteralPath = Parameter("string[]", sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    ReadCount = Parameter("long", default=1, by_property=True,
                          help="Lines sent through the pipeline at a time.")
    TotalCount = Parameter("long", default=-1, by_property=True, aliases=("First", "Head"),
                           help="Number of lines from the start.")
    Tail = Parameter(int, default=-1, aliases=("Last",), help="Number of lines from the end.")
    Filter = Parameter(str, help="A name filter.")
    Include = Parameter("string[]", help="Only names that match.")
    Exclude = Parameter("string[]", help="Leaves out names that match.")
    Force = Parameter(SwitchParameter, help="Reads hidden files too.")
    Delimiter = Parameter(str, help="Splits the content at this string instead of lines.")
    Wait = Parameter(SwitchParameter, help="Keeps reading lines added to the file until Ctrl+C.")
    Raw = Parameter(SwitchParameter, help="Returns the content as one string.")
    Encoding = Parameter(str, help="The file encoding.")
    AsByteStream = Parameter(SwitchParameter, help="Returns bytes.")

    def process(self):
        for provider, target, text in self._targets():
            if provider:
                value, ok = _providers.content(self.context, provider, target)
                if not ok:
                    self.write_error(not_found(text))
                    continue
                self.write_object(value)
                continue
            if not self._filtered(target):
                continue
            if target.is_dir():
                self.write_error(ps_error(
                    UnauthorizedAccessException,
                    f"Unable to get content because it is a directory: '{target}'. Please use "
                    "'Get-ChildItem' instead.", "GetContentReaderUnauthorizedAccessError",
                    "PermissionDenied", str(target)))
                continue
            try:
                self._read(target)
                if self.Wait:
                    self._follow(target)
            except PermissionError:
                self.write_error(ps_error(UnauthorizedAccessException,
                                          f"Access to the path '{target}' is denied.",
                                          "GetContentReaderUnauthorizedAccessError",
                                          "PermissionDenied", str(target)))

    def _read(self, path: Path):
        if self.AsByteStream:
            data = path.read_bytes()
            if self.Raw:
                self.write_object(list(data))
                return
            chunks = list(data)
            self._send(chunks)
            return
        text = read_text(path, self.Encoding)
        if self.Raw:
            self.write_object(text)
            return
        if self.Delimiter:
            d = self.Delimiter
            pieces = []
            start = 0
            while True:
                i = text.find(d, start)
                if i < 0:
                    if start < len(text):
                        pieces.append(text[start:])
                    break
                pieces.append(text[start:i + len(d)])
                start = i + len(d)
            lines = pieces
        else:
            lines = text.splitlines()
        self._send(lines)

    def _follow(self, path: Path):
        """-Wait: keep sending lines appended to the file until the pipeline is stopped
        (Ctrl+C), polling as PowerShell does."""
        import time
        pos = path.stat().st_size
        pending = ""
        while not self.stopping:
            time.sleep(0.1)
            try:
                size = path.stat().st_size
            except FileNotFoundError:
                continue
            if size < pos:  # truncated: start again from the top
                pos = 0
            if size == pos:
                continue
            with open(path, "rb") as fh:
                fh.seek(pos)
                data = fh.read()
            pos += len(data)
            pending += data.decode("utf-8", errors="replace")
            *complete, pending = pending.split("\n")
            for line in complete:
                self.write_object(line.rstrip("\r"))

    def _send(self, lines):
        total = self.TotalCount if self.TotalCount is not None else -1
        if total is not None and total >= 0:
            lines = lines[:total]
        if self.Tail is not None and self.Tail >= 0:
            lines = lines[len(lines) - self.Tail:] if self.Tail else []
        rc = self.ReadCount if self.ReadCount is not None else 1
        if rc == 1 or rc < 0:
            for ln in lines:
                if self.stopping:
                    return
                self.write_object(ln)
        elif rc == 0:
            if lines:
                self.write_object(list(lines))
        else:
            for i in range(0, len(lines), rc):
                self.write_object(list(lines[i:i + rc]))


class _WriteContentCmdlet(_PathCmdlet):
    append = False
    Path = Parameter("string[]", sets={"Path": {"mandatory": True, "position": 0}},
                     by_property=True, wildcards=True, help=_PATH_HELP)
    LiteralPath = Parameter("string[]", sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    Value = Parameter("object[]", mandatory=True, position=1, pipeline=True, by_property=True,
                      allow_null=True, allow_empty=True, help="The content to write.")
    PassThru = Parameter(SwitchParameter, help="Returns the content written.")
    Filter = Parameter(str, help="A name filter.")
    Include = Parameter("string[]", help="Only names that match.")
    Exclude = Parameter("string[]", help="Leaves out names that match.")
    Force = Parameter(SwitchParameter, help="Writes read-only files too.")
    NoNewline = Parameter(SwitchParameter, help="Writes no line endings.")
    Encoding = Parameter(str, default="utf8NoBOM", help="The file encoding.")
    AsByteStream = Parameter(SwitchParameter, help="Writes bytes.")

    def begin(self):
        self._collected = []

    def process(self):
        v = self.Value
        self._collected.extend(v if isinstance(v, list) else as_list(v) if v is not None
                            else [None])

    def end(self):
        values = self._collected
        for provider, target, text in self._targets(must_exist=False):
            if provider:
                val = values[0] if len(values) == 1 else list(values)
                if self.append:
                    old, ok = _providers.content(self.context, provider, target)
                    val = (to_str(old) if ok and old is not None else "") + to_str(val)
                if self.should_process(f"Item: {target}", "Set Content" if not self.append
                                       else "Add Content"):
                    _providers.set_content(self.context, provider, target, val)
                continue
            if target.is_dir():
                self.write_error(ps_error(
                    UnauthorizedAccessException, f"Access to the path '{target}' is denied.",
                    "GetContentWriterUnauthorizedAccessError", "PermissionDenied",
                    str(target)))
                continue
            if not self.should_process(f"Path: {target}", "Add Content" if self.append
                                       else "Set Content"):
                continue
            try:
                if self.AsByteStream:
                    data = bytes(int(b) & 0xFF for b in values if b is not None)
                    with open(target, "ab" if self.append else "wb") as fh:
                        fh.write(data)
                else:
                    write_text(target, _content_text(values, bool(self.NoNewline)),
                               self.Encoding, append=self.append)
            except FileNotFoundError:
                self.write_error(ps_error(DirectoryNotFoundException,
                                          f"Could not find a part of the path '{target}'.",
                                          "GetContentWriterDirectoryNotFoundError",
                                          "ObjectNotFound", str(target)))
                continue
            except PermissionError:
                self.write_error(ps_error(UnauthorizedAccessException,
                                          f"Access to the path '{target}' is denied.",
                                          "GetContentWriterUnauthorizedAccessError",
                                          "PermissionDenied", str(target)))
                continue
            if self.PassThru:
                for v in values:
                    self.write_object(v)


class SetContent(_WriteContentCmdlet):
    name = "Set-Content"
    implementing_type = "Microsoft.PowerShell.Commands.SetContentCommand"
    default_parameter_set = "Path"
    supports_should_process = True
    help = Help(
        synopsis="Writes content to a file, replacing what was there.",
        description="Writes each value as a line (UTF-8 without BOM by default) and creates the "
                    "file if needed. -NoNewline writes the values run together. Also sets env: "
                    "and variable: items.",
        examples=[Example("Set-Content ./notes.txt 'first line'", "Replaces the file's text."),
                  Example("1..3 | Set-Content numbers.txt", "Writes three lines.")])


class AddContent(_WriteContentCmdlet):
    name = "Add-Content"
    implementing_type = "Microsoft.PowerShell.Commands.AddContentCommand"
    default_parameter_set = "Path"
    supports_should_process = True
    append = True
    help = Help(
        synopsis="Appends content to a file.",
        description="Adds each value as a line at the end of the file, creating it if needed.",
        examples=[Example("Add-Content ./log.txt \"$(Get-Date) started\"", "Appends a line.")])


class ClearContent(_PathCmdlet):
    name = "Clear-Content"
    implementing_type = "Microsoft.PowerShell.Commands.ClearContentCommand"
    default_parameter_set = "Path"
    supports_should_process = True
    help = Help(synopsis="Empties a file, keeping the file.",
                description="Deletes the content of each file; the file itself remains.",
                examples=[Example("Clear-Content ./log.txt", "The file becomes empty.")])
    Path = Parameter("string[]", sets={"Path": {"mandatory": True, "position": 0}},
                     by_property=True, wildcards=True, help=_PATH_HELP)
    LiteralPath = Parameter("string[]", sets={"LiteralPath": {"mandatory": True}},
                            by_property=True, aliases=("PSPath", "LP"), help=_LITERAL_HELP)
    Filter = Parameter(str, help="A name filter.")
    Include = Parameter("string[]", help="Only names that match.")
    Exclude = Parameter("string[]", help="Leaves out names that match.")
    Force = Parameter(SwitchParameter, help="Clears read-only files too.")

    def process(self):
        for provider, target, text in self._targets():
            if provider:
                if self.should_process(f"Item: {target}", "Clear Content"):
                    _providers.set_content(self.context, provider, target, None)
                continue
            if self.should_process(f"Path: {target}", "Clear Content"):
                target.write_bytes(b"")

