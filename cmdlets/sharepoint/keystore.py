"""Per-host store of the application credential key (SharePoint keeps it in each server's registry).

Backends:
  FileKeyStore    home/hosts/<host>/keys/app-credential-key, folder 0700, file 0600, written by
                  atomic replace; a file readable by others is refused, as ssh does.
  OsKeyringStore  the OS keyring through `keyring` (imported lazily: it costs 80-150 ms), used only
                  when keyring has a real backend (Poetry's rule: not fail/null/plaintext/chainer
                  without a real backend behind it).
Selection: SPSHELL_KEYSTORE=auto (default) | keyring | file. `auto` falls back to the file store
with a one-time notice per host; `keyring` without a usable backend fails closed.
Host names are folded to lower case before any backend sees them, so all backends agree.
"""
from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from . import messages
from .paths import atomic_write, ensure_private_dir, host_dir, normalize_host

_KEY_FILE = "app-credential-key"
_NOTICE_MARK = ".file-store-notice-shown"
_KEYRING_TIMEOUT = 30.0


class KeyStoreError(Exception):
    pass


class FileKeyStore:
    backend = "file"

    def __init__(self, home: Path):
        self.home = Path(home)

    def _folder(self, host: str) -> Path:
        return ensure_private_dir(host_dir(self.home, host) / "keys")

    def path(self, host: str) -> Path:
        return self._folder(host) / _KEY_FILE

    def get(self, host: str):
        p = self.path(host)
        try:
            st = p.stat()
        except FileNotFoundError:
            return None
        if st.st_mode & 0o077 or st.st_uid != os.getuid():
            raise KeyStoreError(messages.KEYSTORE_BAD_PERMISSIONS.format(
                p, stat.S_IMODE(st.st_mode)))
        text = p.read_text(encoding="utf-8")
        return text if text else None

    def set(self, host: str, key: str) -> None:
        atomic_write(self.path(host), key.encode("utf-8"), 0o600)

    def remove(self, host: str) -> bool:
        try:
            self.path(host).unlink()
            return True
        except FileNotFoundError:
            return False

    def location(self, host: str) -> str:
        return str(self.path(host))


def _with_timeout(fn, *args):
    """A locked keyring can block on an unlock prompt; never hang a script on it (gh does this)."""
    box = {}

    def run():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(_KEYRING_TIMEOUT)
    if t.is_alive():
        raise KeyStoreError("the OS keyring did not answer within "
                            f"{int(_KEYRING_TIMEOUT)} seconds")
    if "error" in box:
        raise KeyStoreError(f"OS keyring error: {box['error']}") from box["error"]
    return box.get("value")


class OsKeyringStore:
    backend = "keyring"

    def __init__(self, home: Path, keyring_module):
        self.home = Path(home)
        self._kr = keyring_module
        # one keyring serves every spshell home on the machine: keep homes apart
        self.service = f"spshell/app-credential-key@{self.home.resolve()}"

    def get(self, host: str):
        return _with_timeout(self._kr.get_password, self.service, normalize_host(host))

    def set(self, host: str, key: str) -> None:
        _with_timeout(self._kr.set_password, self.service, normalize_host(host), key)

    def remove(self, host: str) -> bool:
        if self.get(host) is None:
            return False
        _with_timeout(self._kr.delete_password, self.service, normalize_host(host))
        return True

    def location(self, host: str) -> str:
        return f"OS keyring ({type(self._kr.get_keyring()).__name__}), service {self.service}"


def _real_keyring():
    """The keyring module if it has a real backend, else (None, reason)."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except Exception as exc:  # not installed or broken install
        return None, f"keyring cannot be imported: {exc}"
    try:
        kr = keyring.get_keyring()
    except Exception as exc:
        return None, f"keyring backend detection failed: {exc}"

    def real(b):
        name = type(b).__module__ + "." + type(b).__name__
        low = name.lower()
        if isinstance(b, fail.Keyring) or ".null" in low or "plaintext" in low:
            return False
        if isinstance(b, chainer.ChainerBackend):
            return any(real(x) for x in b.backends)
        return True

    if not real(kr):
        return None, f"backend {type(kr).__module__}.{type(kr).__name__} is not a real keyring"
    return keyring, ""


def select_keystore(home: Path, environ=None):
    env = os.environ if environ is None else environ
    choice = (env.get("SPSHELL_KEYSTORE") or "auto").strip().lower()
    if choice == "file":
        return FileKeyStore(home)
    if choice in ("keyring", "os"):
        kr, reason = _real_keyring()
        if kr is None:
            raise KeyStoreError(messages.KEYSTORE_UNAVAILABLE.format(reason))
        return OsKeyringStore(home, kr)
    if choice != "auto":
        raise KeyStoreError(f"SPSHELL_KEYSTORE must be auto, keyring or file, not '{choice}'.")
    kr, _ = _real_keyring()
    return OsKeyringStore(home, kr) if kr is not None else FileKeyStore(home)


def file_store_notice(store, home: Path, host: str):
    """The one-time notice that the file fallback is in use (None after the first time)."""
    if not isinstance(store, FileKeyStore):
        return None
    mark = host_dir(home, host) / _NOTICE_MARK
    if mark.exists():
        return None
    atomic_write(mark, b"", 0o600, durable=False)  # losing it only repeats the notice
    return messages.KEYSTORE_FILE_NOTICE.format(normalize_host(host), store.location(host))
