"""System.IO.Path, File, Directory, FileInfo, DirectoryInfo.

Relative paths resolve against the session's current location when the engine provides it
(``types.current_directory_hook``), else against the process working directory.
"""
from __future__ import annotations

import datetime as _dt
import fnmatch
import os
import random
import shutil
import string
import tempfile

from spshell.runtime import errors as E
from spshell.runtime.dotnet.base import sig, static_prop


def _cwd():
    from spshell.runtime import types
    hook = getattr(types, "current_directory_hook", None)
    if hook is not None:
        try:
            return str(hook())
        except Exception:  # noqa: BLE001 - no session location: use the process directory
            pass
    return os.getcwd()


def full_path(path):
    if path is None:
        raise E.ArgumentNullException("Value cannot be null. (Parameter 'path')")
    path = str(path)
    if path == "":
        raise E.ArgumentException("The value cannot be an empty string. (Parameter 'path')")
    if "\0" in path:
        raise E.ArgumentException("Null character in path. (Parameter 'path')")
    p = os.path.expanduser(path) if path.startswith("~") else path
    if not os.path.isabs(p):
        p = os.path.join(_cwd(), p)
    trailing = p.endswith(os.sep) and len(p) > 1
    p = os.path.normpath(p)
    return p + os.sep if trailing and not p.endswith(os.sep) else p


def _not_found(path):
    full = full_path(path)
    if not os.path.isdir(os.path.dirname(full) or os.sep):
        return E.DirectoryNotFoundException(f"Could not find a part of the path '{full}'.")
    return E.FileNotFoundException(f"Could not find file '{full}'.")


def _io_error(exc, path):
    full = full_path(path)
    if isinstance(exc, FileNotFoundError):
        return _not_found(path)
    if isinstance(exc, PermissionError):
        return E.UnauthorizedAccessException(f"Access to the path '{full}' is denied.")
    if isinstance(exc, IsADirectoryError):
        return E.UnauthorizedAccessException(f"Access to the path '{full}' is denied.")
    if isinstance(exc, NotADirectoryError):
        return E.DirectoryNotFoundException(f"Could not find a part of the path '{full}'.")
    return E.IOException(exc.strerror or str(exc))


def _encoding(enc):
    from spshell.runtime.dotnet.text import Encoding, get_encoding
    if enc is None:
        return None
    return enc if isinstance(enc, Encoding) else get_encoding(enc)


def _decode(data, enc):
    if enc is not None:
        text = enc.decode(data)
        return text[1:] if text.startswith("\ufeff") else text
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    return data.decode("utf-8", errors="replace")


def _lines(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def _str_array(items):
    from spshell.runtime import types
    return types.array_type(types.resolve_type("string")).cls(items)


class PathStatics:
    DirectorySeparatorChar = static_prop("char", getter=lambda: _char(os.sep))
    AltDirectorySeparatorChar = static_prop("char", getter=lambda: _char(os.altsep or "/"))
    PathSeparator = static_prop("char", getter=lambda: _char(os.pathsep))
    VolumeSeparatorChar = static_prop("char", getter=lambda: _char("/" if os.sep == "/"
                                                                    else ":"))

    @sig("static string Combine(params string[] paths)")
    def Combine(parts):
        out = ""
        for i, p in enumerate(parts):
            if p is None:
                raise E.ArgumentNullException("Value cannot be null. (Parameter 'paths')")
            if p == "":
                continue
            if os.path.isabs(p) or not out:
                out = p
            elif out.endswith(os.sep) or out.endswith("/"):
                out += p
            else:
                out += os.sep + p
        return out

    @sig("static string Join(params string[] paths)")
    def Join(parts):
        out = ""
        for p in parts:
            if not p:
                continue
            if out and not out.endswith(("/", os.sep)) and not p.startswith(("/", os.sep)):
                out += os.sep
            out += p
        return out

    @sig("static string GetFileName(string path)")
    def GetFileName(path):
        if path is None:
            return None
        return path.replace("\\", "/").rsplit("/", 1)[-1] if os.sep == "/" else \
            os.path.basename(path)

    @sig("static string GetFileNameWithoutExtension(string path)")
    def GetFileNameWithoutExtension(path):
        if path is None:
            return None
        name = PathStatics.GetFileName(path)
        i = name.rfind(".")
        return name[:i] if i >= 0 else name

    @sig("static string GetExtension(string path)")
    def GetExtension(path):
        if path is None:
            return None
        name = PathStatics.GetFileName(path)
        i = name.rfind(".")
        if i < 0 or i == len(name) - 1:
            return ""
        return name[i:]

    @sig("static bool HasExtension(string path)")
    def HasExtension(path):
        return bool(PathStatics.GetExtension(path))

    @sig("static string ChangeExtension(string path, string extension)")
    def ChangeExtension(path, ext):
        if path is None:
            return None
        name_start = max(path.rfind("/"), path.rfind(os.sep)) + 1
        i = path.rfind(".")
        base = path[:i] if i >= name_start else path
        if ext is None:
            return base
        if ext == "":
            return base + "." if i >= name_start else base + "."
        return base + (ext if ext.startswith(".") else "." + ext)

    @sig("static string GetDirectoryName(string path)")
    def GetDirectoryName(path):
        if path is None or path == "":
            return None
        p = path.rstrip("/") if path != "/" else path
        if p in ("/", "") or p == os.sep:
            return None
        head = os.path.dirname(path)
        if head == "" :
            return ""
        if head != "/" and head.endswith("/"):
            head = head.rstrip("/") or "/"
        return head

    @sig("static string GetPathRoot(string path)")
    def GetPathRoot(path):
        if path is None:
            return None
        return os.sep if os.path.isabs(path) else ""

    @sig("static bool IsPathRooted(string path)")
    def IsPathRooted(path):
        return bool(path) and os.path.isabs(path)

    @sig("static bool IsPathFullyQualified(string path)")
    def IsPathFullyQualified(path):
        return bool(path) and os.path.isabs(path)

    @sig("static string GetFullPath(string path)",
         "static string GetFullPath(string path, string basePath)")
    def GetFullPath(path, base=None):
        if base is not None and not os.path.isabs(path):
            return os.path.normpath(os.path.join(base, path))
        return full_path(path)

    @sig("static string GetTempPath()")
    def GetTempPath():
        t = tempfile.gettempdir()
        return t if t.endswith(os.sep) else t + os.sep

    @sig("static string GetTempFileName()")
    def GetTempFileName():
        fd, name = tempfile.mkstemp(suffix=".tmp", prefix="tmp")
        os.close(fd)
        return name

    @sig("static string GetRandomFileName()")
    def GetRandomFileName():
        chars = string.ascii_lowercase + string.digits
        r = random.SystemRandom()
        return "".join(r.choice(chars) for _ in range(8)) + "." + \
            "".join(r.choice(chars) for _ in range(3))

    @sig("static char[] GetInvalidFileNameChars()")
    def GetInvalidFileNameChars():
        from spshell.runtime import types
        return types.array_type(types.resolve_type("char")).cls([_char("\0"), _char("/")])

    @sig("static char[] GetInvalidPathChars()")
    def GetInvalidPathChars():
        from spshell.runtime import types
        return types.array_type(types.resolve_type("char")).cls([_char("\0")])

    @sig("static string GetRelativePath(string relativeTo, string path)")
    def GetRelativePath(rel, path):
        return os.path.relpath(full_path(path), full_path(rel))


def _char(c):
    from spshell.runtime.numbers import Char
    return Char(c)


class FileStatics:
    @sig("static bool Exists(string path)")
    def Exists(path):
        if not path:
            return False
        try:
            return os.path.isfile(full_path(path))
        except E.DotNetException:
            return False

    @sig("static string ReadAllText(string path)",
         "static string ReadAllText(string path, System.Text.Encoding encoding)")
    def ReadAllText(path, enc=None):
        full = full_path(path)
        try:
            with open(full, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise _io_error(exc, path)
        return _decode(data, _encoding(enc))

    @sig("static string[] ReadAllLines(string path)",
         "static string[] ReadAllLines(string path, System.Text.Encoding encoding)")
    def ReadAllLines(path, enc=None):
        return _str_array(_lines(FileStatics.ReadAllText(path, enc)))

    @sig("static byte[] ReadAllBytes(string path)")
    def ReadAllBytes(path):
        full = full_path(path)
        try:
            with open(full, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise _io_error(exc, path)
        from spshell.runtime.dotnet.text import _bytes_array
        return _bytes_array(data)

    @sig("static void WriteAllText(string path, string contents)",
         "static void WriteAllText(string path, string contents, System.Text.Encoding encoding)")
    def WriteAllText(path, text, enc=None):
        _write(path, "" if text is None else text, _encoding(enc), "wb")

    @sig("static void AppendAllText(string path, string contents)",
         "static void AppendAllText(string path, string contents, System.Text.Encoding "
         "encoding)")
    def AppendAllText(path, text, enc=None):
        _write(path, "" if text is None else text, _encoding(enc), "ab")

    @sig("static void WriteAllLines(string path, string[] contents)",
         "static void WriteAllLines(string path, string[] contents, System.Text.Encoding "
         "encoding)")
    def WriteAllLines(path, lines, enc=None):
        _write(path, "".join(("" if x is None else x) + os.linesep for x in lines),
               _encoding(enc), "wb")

    @sig("static void AppendAllLines(string path, string[] contents)")
    def AppendAllLines(path, lines):
        _write(path, "".join(("" if x is None else x) + os.linesep for x in lines), None, "ab")

    @sig("static void WriteAllBytes(string path, byte[] bytes)")
    def WriteAllBytes(path, data):
        from spshell.runtime.dotnet.text import _to_bytes
        full = full_path(path)
        try:
            with open(full, "wb") as fh:
                fh.write(_to_bytes(data))
        except OSError as exc:
            raise _io_error(exc, path)

    @sig("static void Delete(string path)")
    def Delete(path):
        full = full_path(path)
        if os.path.isdir(full):
            raise E.UnauthorizedAccessException(f"Access to the path '{full}' is denied.")
        if not os.path.isdir(os.path.dirname(full)):
            raise E.DirectoryNotFoundException(f"Could not find a part of the path '{full}'.")
        try:
            os.remove(full)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise _io_error(exc, path)

    @sig("static void Copy(string sourceFileName, string destFileName)",
         "static void Copy(string sourceFileName, string destFileName, bool overwrite)")
    def Copy(src, dst, overwrite=False):
        s, d = full_path(src), full_path(dst)
        if not os.path.isfile(s):
            raise _not_found(src)
        if os.path.exists(d) and not overwrite:
            raise E.IOException(f"The file '{d}' already exists.")
        try:
            shutil.copyfile(s, d)
        except OSError as exc:
            raise _io_error(exc, dst)

    @sig("static void Move(string sourceFileName, string destFileName)",
         "static void Move(string sourceFileName, string destFileName, bool overwrite)")
    def Move(src, dst, overwrite=False):
        s, d = full_path(src), full_path(dst)
        if not os.path.isfile(s):
            raise _not_found(src)
        if os.path.exists(d) and not overwrite:
            raise E.IOException("Cannot create a file when that file already exists.")
        try:
            os.replace(s, d)
        except OSError as exc:
            raise _io_error(exc, dst)

    @sig("static datetime GetLastWriteTime(string path)")
    def GetLastWriteTime(path):
        full = full_path(path)
        if not os.path.exists(full):
            return _dt.datetime(1601, 1, 1)
        return _dt.datetime.fromtimestamp(os.path.getmtime(full))

    @sig("static datetime GetCreationTime(string path)")
    def GetCreationTime(path):
        full = full_path(path)
        if not os.path.exists(full):
            return _dt.datetime(1601, 1, 1)
        return _dt.datetime.fromtimestamp(os.path.getctime(full))


def _write(path, text, enc, mode):
    full = full_path(path)
    data = text.encode("utf-8") if enc is None else enc.encode(text)
    if enc is not None and mode == "wb" and enc._web != "us-ascii":
        data = enc._preamble + data  # .NET writes the preamble of an explicit encoding
    try:
        with open(full, mode) as fh:
            fh.write(data)
    except OSError as exc:
        raise _io_error(exc, path)


def _search(path, pattern, recursive, want_dirs):
    full = full_path(path)
    if not os.path.isdir(full):
        raise E.DirectoryNotFoundException(f"Could not find a part of the path '{full}'.")
    out = []
    for root, dirs, files in os.walk(full):
        names = dirs if want_dirs else files
        for n in sorted(names):
            if fnmatch.fnmatch(n, pattern or "*"):
                out.append(os.path.join(root, n))
        if not recursive:
            break
    return _str_array(out)


def _recursive(opt):
    return opt is not None and (str(opt).lower() == "alldirectories" or
                                getattr(opt, "value", opt) == 1)


class DirectoryStatics:
    @sig("static bool Exists(string path)")
    def Exists(path):
        if not path:
            return False
        try:
            return os.path.isdir(full_path(path))
        except E.DotNetException:
            return False

    @sig("static System.IO.DirectoryInfo CreateDirectory(string path)")
    def CreateDirectory(path):
        full = full_path(path)
        try:
            os.makedirs(full, exist_ok=True)
        except FileExistsError:
            raise E.IOException(f"The file '{full}' already exists.")
        except OSError as exc:
            raise _io_error(exc, path)
        return DirectoryInfo(full)

    @sig("static string[] GetFiles(string path)",
         "static string[] GetFiles(string path, string searchPattern)",
         "static string[] GetFiles(string path, string searchPattern, "
         "System.IO.SearchOption searchOption)")
    def GetFiles(path, pattern="*", option=None):
        return _search(path, pattern, _recursive(option), False)

    @sig("static string[] GetDirectories(string path)",
         "static string[] GetDirectories(string path, string searchPattern)",
         "static string[] GetDirectories(string path, string searchPattern, "
         "System.IO.SearchOption searchOption)")
    def GetDirectories(path, pattern="*", option=None):
        return _search(path, pattern, _recursive(option), True)

    @sig("static string[] EnumerateFiles(string path)",
         "static string[] EnumerateFiles(string path, string searchPattern)")
    def EnumerateFiles(path, pattern="*"):
        return _search(path, pattern, False, False)

    @sig("static void Delete(string path)", "static void Delete(string path, bool recursive)")
    def Delete(path, recursive=False):
        full = full_path(path)
        if not os.path.isdir(full):
            raise E.DirectoryNotFoundException(f"Could not find a part of the path '{full}'.")
        try:
            if recursive:
                shutil.rmtree(full)
            else:
                os.rmdir(full)
        except OSError as exc:
            if not recursive and os.listdir(full):
                raise E.IOException(f"Directory not empty : '{full}'")
            raise _io_error(exc, path)

    @sig("static void Move(string sourceDirName, string destDirName)")
    def Move(src, dst):
        try:
            os.rename(full_path(src), full_path(dst))
        except OSError as exc:
            raise _io_error(exc, src)

    @sig("static string GetCurrentDirectory()")
    def GetCurrentDirectory():
        return os.getcwd()

    @sig("static void SetCurrentDirectory(string path)")
    def SetCurrentDirectory(path):
        try:
            os.chdir(full_path(path))
        except OSError as exc:
            raise _io_error(exc, path)

    @sig("static System.IO.DirectoryInfo GetParent(string path)")
    def GetParent(path):
        full = full_path(path).rstrip(os.sep) or os.sep
        parent = os.path.dirname(full)
        return DirectoryInfo(parent) if parent and parent != full else None


class _FsInfo:
    __ps_type__ = "System.IO.FileSystemInfo"

    def __init__(self, path):
        self._original = str(path)
        self._full = full_path(path)

    @property
    def FullName(self):
        return self._full

    @property
    def Name(self):
        return os.path.basename(self._full.rstrip(os.sep)) or self._full

    @property
    def Extension(self):
        return PathStatics.GetExtension(self._full)

    @property
    def LastWriteTime(self):
        return FileStatics.GetLastWriteTime(self._full)

    @property
    def CreationTime(self):
        return FileStatics.GetCreationTime(self._full)

    def ToString(self):
        return self._original

    def __str__(self):
        return self._original


class FileInfo(_FsInfo):
    """System.IO.FileInfo."""

    __ps_type__ = "System.IO.FileInfo"
    __ps_default_display__ = ("Name", "Length", "LastWriteTime")

    @property
    def Exists(self):
        return os.path.isfile(self._full)

    @property
    def Length(self):
        if not os.path.isfile(self._full):
            raise E.FileNotFoundException(f"Could not find file '{self._full}'.")
        return os.path.getsize(self._full)

    @property
    def DirectoryName(self):
        return os.path.dirname(self._full)

    @property
    def Directory(self):
        return DirectoryInfo(os.path.dirname(self._full))

    def Delete(self):
        FileStatics.Delete(self._full)


class DirectoryInfo(_FsInfo):
    """System.IO.DirectoryInfo."""

    __ps_type__ = "System.IO.DirectoryInfo"
    __ps_default_display__ = ("Name", "LastWriteTime")

    @property
    def Exists(self):
        return os.path.isdir(self._full)

    @property
    def Parent(self):
        return DirectoryStatics.GetParent(self._full)

    def Create(self):
        DirectoryStatics.CreateDirectory(self._full)

    def Delete(self, recursive=False):
        DirectoryStatics.Delete(self._full, recursive)

    def GetFiles(self, pattern="*"):
        return [FileInfo(p) for p in _search(self._full, pattern, False, False)]

    def GetDirectories(self, pattern="*"):
        return [DirectoryInfo(p) for p in _search(self._full, pattern, False, True)]
