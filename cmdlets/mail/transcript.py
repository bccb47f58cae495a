"""Wire transcripts in swaks' notation, with credentials redacted.

The recorder sits under the SMTP protocol object, so it sees exactly the bytes that crossed the
socket (decrypted once TLS is on). Secrets are never stored: the SASL code announces, before it
writes a secret line, what to show instead, and the recorder keeps only that replacement. So a
transcript can be printed, logged or saved without a second redaction pass.

Notation (swaks): `` -> `` sent, ``<-  `` received, `` ~> ``/``<~  `` the same under TLS,
``<** ``/``<~* `` an error reply, ``=== `` a note, ``*** `` a client-side error.
"""
from __future__ import annotations

import time

SENT, RECEIVED, NOTE, ERROR = "sent", "received", "note", "error"

# Longest message body shown line by line; beyond that the transcript says how much it left out
# (an attachment would otherwise put megabytes of base64 into every result object).
MAX_DATA_LINES = 200


class TranscriptLine:
    __ps_type__ = "spshell.Mail.TranscriptLine"
    __slots__ = ("kind", "tls", "text", "time")

    def __init__(self, kind, tls, text, t):
        self.kind, self.tls, self.text, self.time = kind, tls, text, t

    def render(self):
        if self.kind == NOTE:
            return "=== " + self.text
        if self.kind == ERROR:
            return "*** " + self.text
        if self.kind == SENT:
            return (" ~> " if self.tls else " -> ") + self.text
        error = self.text[:1] in ("4", "5")
        if self.tls:
            return ("<~* " if error else "<~  ") + self.text
        return ("<** " if error else "<-  ") + self.text


class Transcript:
    """The recorded conversation. ``str()`` gives the swaks-style text."""

    __ps_type__ = "spshell.Mail.Transcript"

    def __init__(self, redact=True):
        self.redact = redact
        self.lines: list[TranscriptLine] = []
        self._rx = bytearray()
        self._pending_redactions: list[str] = []
        self._in_data = False
        self._data_lines = 0
        self._data_skipped = 0
        self._start = time.perf_counter()
        self.lab = None  # set when the peer was a lab listener

    # ---- recording (called by the protocol and the client)
    def note(self, text):
        self.lines.append(TranscriptLine(NOTE, False, text, self._now()))

    def error(self, text):
        self.lines.append(TranscriptLine(ERROR, False, text, self._now()))

    def redact_next(self, replacement):
        """The next line written is a secret; show ``replacement`` instead (when redacting)."""
        self._pending_redactions.append(replacement)

    def begin_data(self):
        self._in_data = True
        self._data_lines = 0
        self._data_skipped = 0

    def sent(self, data: bytes, tls: bool):
        t = self._now()
        text = data.decode("utf-8", "replace")
        parts = text.split("\r\n")
        if parts and parts[-1] == "":
            parts.pop()
        for part in parts:
            if self._pending_redactions:
                replacement = self._pending_redactions.pop(0)
                if self.redact:
                    part = replacement
            if self._in_data:
                if part == "." or self._data_lines < MAX_DATA_LINES:
                    if part == ".":
                        if self._data_skipped:
                            self.lines.append(TranscriptLine(
                                NOTE, False, f"({self._data_skipped} more lines of message "
                                             "data not shown)", t))
                        self._in_data = False
                    self._data_lines += 1
                    self.lines.append(TranscriptLine(SENT, tls, part, t))
                else:
                    self._data_skipped += 1
                continue
            self.lines.append(TranscriptLine(SENT, tls, part, t))

    def received(self, data: bytes, tls: bool):
        t = self._now()
        self._rx.extend(data)
        while True:
            i = self._rx.find(b"\n")
            if i < 0:
                break
            line = bytes(self._rx[:i]).rstrip(b"\r")
            del self._rx[:i + 1]
            self.lines.append(TranscriptLine(RECEIVED, tls, _printable(line), t))
        if len(self._rx) > 8192:  # a peer sending no line ends: keep the evidence short
            self.lines.append(TranscriptLine(RECEIVED, tls, _printable(bytes(self._rx[:200]))
                                             + " ...(no line end)", t))
            self._rx.clear()

    def flush(self, tls=False):
        if self._rx:
            self.lines.append(TranscriptLine(RECEIVED, tls, _printable(bytes(self._rx))
                                             + " (no line end)", self._now()))
            self._rx.clear()

    def _now(self):
        return time.perf_counter() - self._start

    # ---- reading
    @property
    def Lines(self):
        return [line.render() for line in self.lines]

    def ToString(self):
        return "\n".join(self.Lines)

    def __str__(self):
        return self.ToString()

    def __repr__(self):
        return f"<Transcript {len(self.lines)} lines>"


def _printable(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    if len(text) > 1000:
        text = text[:1000] + f"...({len(text) - 1000} more characters)"
    return "".join(c if (c >= " " or c == "\t") else f"\\x{ord(c):02x}" for c in text)
