"""PSReadLine-style command history: one file per user, saved as each entry is accepted.

File: ``$SPSHELL_HOME/PSReadLine/ConsoleHost_history.txt`` (the spshell home defaults to
``$XDG_DATA_HOME/spshell``, i.e. ``~/.local/share/spshell``, mirroring PSReadLine's
``~/.local/share/powershell/PSReadLine/ConsoleHost_history.txt``). The format is PSReadLine's: one
entry per line; a multi-line entry has every line but its last ending in a backtick. The file
keeps at most MaximumHistoryCount (4096) entries. HistorySaveStyle is SaveIncrementally, so a
second shell sees what the first one saved.

Sensitive lines (PSReadLine's default AddToHistoryHandler: anything matching password,
asplaintext, token, apikey or secret) stay in this session's memory, so Up-arrow still finds
them, but never reach the file.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

MAXIMUM_HISTORY_COUNT = 4096
SENSITIVE = re.compile(r"password|asplaintext|token|apikey|secret", re.IGNORECASE)


def is_sensitive(line: str) -> bool:
    return bool(SENSITIVE.search(line))


def history_path(home) -> Path:
    return Path(home) / "PSReadLine" / "ConsoleHost_history.txt"


def encode_entry(entry: str) -> str:
    """One entry as file text: continuation lines joined by a trailing backtick."""
    lines = entry.replace("\r\n", "\n").split("\n")
    return "`\n".join(lines) + "\n"


def read_entries(path, limit=MAXIMUM_HISTORY_COUNT) -> list:
    """Entries in the file, oldest first (the newest ``limit``)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            raw = f.read()
    except OSError:
        return []
    entries = []
    current = []
    for line in raw.split("\n"):
        if line.endswith("\r"):
            line = line[:-1]
        if line.endswith("`") and not line.endswith("``"):
            current.append(line[:-1])
            continue
        current.append(line)
        entry = "\n".join(current)
        current = []
        if entry.strip():
            entries.append(entry)
    if current:
        entry = "\n".join(current)
        if entry.strip():
            entries.append(entry)
    return entries[-limit:] if limit else entries


def append_entry(path, entry: str) -> bool:
    """Appends one accepted entry to the file unless it is sensitive. -> True when written."""
    if not entry.strip() or is_sensitive(entry):
        return False
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(encode_entry(entry))
    except OSError:
        return False
    _trim(path)
    return True


def _trim(path):
    """Keeps the file within MaximumHistoryCount entries (rewritten atomically when over)."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size < 64 * 1024:  # cheap check first: short files cannot hold too many entries
        return
    entries = read_entries(path, limit=None)
    if len(entries) <= MAXIMUM_HISTORY_COUNT:
        return
    keep = entries[-MAXIMUM_HISTORY_COUNT:]
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for e in keep:
                f.write(encode_entry(e))
        os.replace(tmp, path)
    except OSError:
        pass


def make_history(path):
    """A prompt_toolkit History over the file, loaded in a background thread (ThreadedHistory)
    so the first prompt does not wait for it. Duplicates are recalled once (HistoryNoDuplicates)."""
    from prompt_toolkit.history import History, ThreadedHistory

    class PSReadLineHistory(History):
        def __init__(self):
            super().__init__()
            self.path = Path(path)

        def load_history_strings(self):
            seen = set()
            for entry in reversed(read_entries(self.path)):
                if entry in seen:
                    continue
                seen.add(entry)
                yield entry

        def store_string(self, string):
            append_entry(self.path, string)

    class NoDuplicatesHistory(ThreadedHistory):
        def append_string(self, string):
            # HistoryNoDuplicates: an entry run again moves to the newest place
            with self._lock:
                if self._loaded and string in self._loaded_strings:
                    self._loaded_strings.remove(string)
            super().append_string(string)

    return NoDuplicatesHistory(PSReadLineHistory())
