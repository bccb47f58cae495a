"""File-system items (FileInfo / DirectoryInfo), PowerShell paths and the small non-file drives
(env:, variable:, function:, alias:) the item cmdlets understand."""
from __future__ import annotations

import datetime as _dt
import os
import re
import stat
from pathlib import Path

from spshell.runtime.errors import (DriveNotFoundException, ItemNotFoundException,
                                    PSArgumentException, ps_error)

from ._util import has_wildcard, unescape_wildcard, wildcard_regex

# ------------------------------------------------------------------------------ encodings
_ENCODINGS = {
    "ascii": ("ascii", False), "bigendianunicode": ("utf-16-be", True),
    "bigendianutf32": ("utf-32-be", True), "oem": ("utf-8", False),
    "unicode": ("utf-16-le", True), "utf7": ("utf-7", False), "utf8": ("utf-8", False),
    "utf8bom": ("utf-8", True), "utf8nobom": ("utf-8", False), "utf32": ("utf-32-le", True),
    "default": ("utf-8", False), "string": ("utf-16-le", True), "unknown": ("utf-16-le", True),
    "byte": ("latin-1", False), "latin1": ("latin-1", False),
}
ENCODING_NAMES = ("ascii", "bigendianunicode", "bigendianutf32", "oem", "unicode", "utf7",
                  "utf8", "utf8BOM", "utf8NoBOM", "utf32", "default", "byte", "string",
                  "unknown", "latin1")
_BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00",
         "utf-32-be": b"\x00\x00\xfe\xff", "utf-8": b"\xef\xbb\xbf"}


def encoding_for(name):
    """-Encoding value -> (python codec, write a BOM)."""
    if name is None or name == "":
        return "utf-8", False
    key = str(name).replace("-", "").lower()
    if key in _ENCODINGS:
        return _ENCODINGS[key]
    try:
        cp = int(name)
        import codecs
        return codecs.lookup(f"cp{cp}").name, False
    except (ValueError, LookupError):
        pass
    try:
        import codecs
        return codecs.lookup(str(name)).name, False
    except LookupError:
        raise ps_error(PSArgumentException,
                       f"'{name}' is not a supported encoding name. For information on defining "
                       "a custom encoding, see the documentation for the "
                       "Encoding.RegisterProvider method. (Parameter 'name')",
                       "ArgumentException", "InvalidArgument", name)


def read_text(path: Path, encoding=None) -> str:
    """Reads a file honouring a BOM (PowerShell detects it whatever -Encoding says)."""
    data = path.read_bytes()
    if encoding is not None and str(encoding).lower() not in ("default", "utf8", "utf8nobom",
                                                                "utf8bom"):
        codec, _ = encoding_for(encoding)
        bom = _BOMS.get(codec)
        if bom and data.startswith(bom):
            data = data[len(bom):]
        return data.decode(codec, errors="replace")
    for codec in ("utf-32-le", "utf-32-be", "utf-8", "utf-16-le", "utf-16-be"):
        bom = _BOMS[codec]
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    return data.decode("utf-8", errors="replace")


def write_text(path: Path, text: str, encoding=None, append=False):
    codec, bom = encoding_for(encoding)
    existing = append and path.exists() and path.stat().st_size > 0
    with open(path, "ab" if append else "wb") as fh:
        if bom and not existing and codec in _BOMS:
            fh.write(_BOMS[codec])
        fh.write(text.encode(codec, errors="replace"))


# ------------------------------------------------------------------------------ items
def _mtime(st):
    return _dt.datetime.fromtimestamp(st.st_mtime)


def _mode(path: Path, st, is_dir):
    hidden = path.name.startswith(".") and path.name not in (".", "..")
    link = stat.S_ISLNK(os.lstat(path).st_mode) if path.exists() or path.is_symlink() else False
    readonly = not os.access(path, os.W_OK) if not is_dir else False
    return ("d" if is_dir else "-") + ("-" if is_dir else "a") + ("r" if readonly else "-") + \
        ("h" if hidden else "-") + ("l" if link else "-")


def _listing_time(item):
    """FileSystem.format.ps1xml: '{0,10}  {1,8}' of the date ('d') and time ('t')."""
    from ._dates import format_datetime
    d = item.LastWriteTime
    return f"{format_datetime(d, 'd'):>10}  {format_datetime(d, 't'):>8}"


def _listing_name(item):
    target = item.Target if item.LinkType else None
    return f"{item.Name} -> {target}" if target else item.Name


class FileSystemInfo:
    __ps_type_names__ = ("System.IO.FileSystemInfo", "System.MarshalByRefObject",
                         "System.Object")
    # the directory listing view of PowerShell's FileSystem.format.ps1xml; the listing is
    # grouped under "    Directory: <parent>" headers (group label and key below)
    __ps_view__ = "table"
    __ps_table_columns__ = [("Mode", "Mode", 7, "left"),
                            ("LastWriteTime", _listing_time, 26, "right"),
                            ("Length", "Length", 14, "right"),
                            ("Name", _listing_name, None, "left")]
    __ps_group_label__ = "Directory"
    __ps_group_by__ = staticmethod(lambda item: str(item._path.parent))

    def __init__(self, path):
        self._path = Path(path)

    @property
    def Name(self):
        return self._path.name or str(self._path)

    @property
    def FullName(self):
        return str(self._path)

    @property
    def Extension(self):
        return self._path.suffix

    @property
    def Exists(self):
        return self._path.exists()

    @property
    def LastWriteTime(self):
        return _mtime(self._path.stat())

    @LastWriteTime.setter
    def LastWriteTime(self, value):
        ts = value.timestamp()
        st = self._path.stat()
        os.utime(self._path, (st.st_atime, ts))

    @property
    def LastWriteTimeUtc(self):
        return _dt.datetime.utcfromtimestamp(self._path.stat().st_mtime)

    @property
    def LastAccessTime(self):
        return _dt.datetime.fromtimestamp(self._path.stat().st_atime)

    @property
    def CreationTime(self):
        st = self._path.stat()
        return _dt.datetime.fromtimestamp(getattr(st, "st_birthtime", st.st_ctime))

    @property
    def Attributes(self):
        parts = []
        if self._path.is_dir():
            parts.append("Directory")
        if self._path.name.startswith("."):
            parts.append("Hidden")
        if not self._path.is_dir():
            if not os.access(self._path, os.W_OK):
                parts.append("ReadOnly")
            parts.append("Archive")
        if self._path.is_symlink():
            parts.append("ReparsePoint")
        return ", ".join(parts) if parts else "Normal"

    @property
    def Mode(self):
        return _mode(self._path, None, self._path.is_dir())

    @property
    def UnixMode(self):
        return stat.filemode(os.lstat(self._path).st_mode)

    @property
    def LinkType(self):
        return "SymbolicLink" if self._path.is_symlink() else None

    @property
    def Target(self):
        return os.readlink(self._path) if self._path.is_symlink() else None

    @property
    def PSPath(self):
        return "Microsoft.PowerShell.Core\\FileSystem::" + str(self._path)

    @property
    def PSParentPath(self):
        return "Microsoft.PowerShell.Core\\FileSystem::" + str(self._path.parent)

    @property
    def PSChildName(self):
        return self._path.name

    @property
    def PSIsContainer(self):
        return self._path.is_dir()

    @property
    def PSProvider(self):
        return "Microsoft.PowerShell.Core\\FileSystem"

    def Delete(self):
        if self._path.is_dir():
            self._path.rmdir()
        else:
            self._path.unlink()

    def Refresh(self):
        pass

    def ToString(self):
        return str(self._path)

    def __str__(self):
        return str(self._path)

    def __repr__(self):
        return f"{type(self).__name__}({str(self._path)!r})"

    def __eq__(self, other):
        return isinstance(other, FileSystemInfo) and other._path == self._path

    def __hash__(self):
        return hash(self._path)

    @property
    def path(self):
        return self._path


class FileInfo(FileSystemInfo):
    __ps_type__ = "System.IO.FileInfo"
    __ps_type_names__ = ("System.IO.FileInfo",) + FileSystemInfo.__ps_type_names__
    __ps_default_display__ = ("Mode", "LastWriteTime", "Length", "Name")

    @property
    def Length(self):
        return self._path.stat().st_size

    @property
    def BaseName(self):
        return self._path.stem if self._path.suffix else self._path.name

    @property
    def DirectoryName(self):
        return str(self._path.parent)

    @property
    def Directory(self):
        return DirectoryInfo(self._path.parent)

    @property
    def IsReadOnly(self):
        return not os.access(self._path, os.W_OK)

    @property
    def VersionInfo(self):
        return None

    def OpenText(self):
        return open(self._path, encoding="utf-8")

    def CopyTo(self, dest, overwrite=False):
        import shutil
        d = Path(str(dest))
        if d.exists() and not overwrite:
            from spshell.runtime.errors import IOException
            raise IOException(f"The file '{d}' already exists.")
        shutil.copy2(self._path, d)
        return FileInfo(d)

    def MoveTo(self, dest):
        d = Path(str(dest))
        os.replace(self._path, d)
        self._path = d


class DirectoryInfo(FileSystemInfo):
    __ps_type__ = "System.IO.DirectoryInfo"
    __ps_type_names__ = ("System.IO.DirectoryInfo",) + FileSystemInfo.__ps_type_names__
    __ps_default_display__ = ("Mode", "LastWriteTime", "Length", "Name")

    @property
    def Length(self):
        # directories have no Length in .NET; the listing shows an empty cell
        return None

    @property
    def BaseName(self):
        return self._path.name

    @property
    def Parent(self):
        return DirectoryInfo(self._path.parent) if self._path.parent != self._path else None

    @property
    def Root(self):
        return DirectoryInfo(Path(self._path.anchor or "/"))

    def GetFiles(self, pattern="*"):
        rx = wildcard_regex(pattern)
        return [FileInfo(p) for p in sorted(self._path.iterdir())
                if p.is_file() and rx.match(p.name)]

    def GetDirectories(self, pattern="*"):
        rx = wildcard_regex(pattern)
        return [DirectoryInfo(p) for p in sorted(self._path.iterdir())
                if p.is_dir() and rx.match(p.name)]

    def Create(self):
        self._path.mkdir(parents=True, exist_ok=True)


def item_for(path: Path):
    return DirectoryInfo(path) if path.is_dir() else FileInfo(path)


# ------------------------------------------------------------------------------ paths
_PROVIDER_DRIVES = {"env": "Environment", "variable": "Variable", "function": "Function",
                    "alias": "Alias"}
_DRIVE_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*):(.*)$", re.DOTALL)
_PROVIDER_PREFIX_RE = re.compile(r"^(?:Microsoft\.PowerShell\.Core\\)?FileSystem::", re.I)


def split_drive(path: str):
    """'env:PATH' -> ('Environment', 'PATH'); file paths -> (None, path)."""
    path = _PROVIDER_PREFIX_RE.sub("", path)
    m = _DRIVE_RE.match(path)
    if m and m.group(1).lower() in _PROVIDER_DRIVES:
        rest = m.group(2)
        return _PROVIDER_DRIVES[m.group(1).lower()], rest.lstrip("\\/")
    return None, path


def check_drive(path: str):
    """Windows-style drive letters and unknown drives: PowerShell's DriveNotFound error."""
    m = _DRIVE_RE.match(path)
    if m and len(path) > 1 and not path.startswith("/"):
        drive = m.group(1)
        if drive.lower() not in _PROVIDER_DRIVES and drive.lower() not in ("temp",):
            raise ps_error(DriveNotFoundException,
                           f"Cannot find drive. A drive with the name '{drive}' does not exist.",
                           "DriveNotFound", "ObjectNotFound", drive)


def resolve(ctx, path) -> Path:
    """A PowerShell path (relative to the current location, ~ expanded) -> absolute Path."""
    p = _PROVIDER_PREFIX_RE.sub("", str(path))
    m = _DRIVE_RE.match(p)
    if m and m.group(1).lower() == "temp":
        import tempfile
        return Path(tempfile.gettempdir()) / m.group(2).lstrip("\\/")
    check_drive(p)
    if p == "~" or p.startswith("~/") or p.startswith("~\\"):
        p = str(Path.home()) + p[1:]
    resolver = getattr(ctx, "resolve_path", None)
    if resolver is not None:
        return Path(os.path.normpath(str(resolver(p))))
    base = Path(getattr(ctx, "location", os.getcwd()))
    return Path(os.path.normpath(str(base / p)))


def not_found(path, error_id="PathNotFound"):
    return ps_error(ItemNotFoundException,
                    f"Cannot find path '{path}' because it does not exist.", error_id,
                    "ObjectNotFound", str(path))


def expand(ctx, pattern, literal=False, include_hidden=True):
    """Paths matching a PowerShell path pattern (wildcards per component), sorted."""
    if literal or not has_wildcard(str(pattern)):
        p = resolve(ctx, unescape_wildcard(str(pattern)) if not literal else str(pattern))
        return [p] if (p.exists() or p.is_symlink()) else []
    full = resolve(ctx, str(pattern))
    parts = full.parts
    current = [Path(parts[0])]
    for comp in parts[1:]:
        nxt = []
        if has_wildcard(comp):
            rx = wildcard_regex(comp)
            for base in current:
                if not base.is_dir():
                    continue
                try:
                    for child in sorted(base.iterdir(), key=lambda c: c.name.lower()):
                        if rx.match(child.name) and (include_hidden
                                                     or not child.name.startswith(".")):
                            nxt.append(child)
                except PermissionError:
                    continue
        else:
            for base in current:
                c = base / unescape_wildcard(comp)
                if c.exists() or c.is_symlink():
                    nxt.append(c)
        current = nxt
    return current


def shown_path(ctx, text) -> str:
    """The path a "Cannot find path" error names: the full path, or the text as typed when it
    does not resolve (e.g. an unknown drive)."""
    try:
        return str(resolve(ctx, text))
    except Exception:
        return text


def expand_or_report(cmdlet, text, literal=False, must_exist=True):
    """expand() for a cmdlet's -Path/-LiteralPath: the matching paths, or None after writing
    the non-terminating error (a drive that does not exist; with must_exist, no match)."""
    try:
        paths = expand(cmdlet.context, text, literal=literal)
    except Exception as e:  # DriveNotFoundException
        cmdlet.write_error(e)
        return None
    if not paths and must_exist:
        cmdlet.write_error(not_found(shown_path(cmdlet.context, text)))
        return None
    return paths


def display_path(p: Path) -> str:
    return str(p)

