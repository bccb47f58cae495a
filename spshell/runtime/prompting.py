"""Prompting for missing mandatory parameters, as the console host does."""
from __future__ import annotations

from spshell.runtime.objects import SecureString


def _is_secure(p):
    t = p.type
    return t is SecureString or (isinstance(t, str) and t.lower() in (
        "securestring", "system.security.securestring"))


def _is_array(p):
    t = p.type
    return isinstance(t, str) and t.endswith("[]")


def prompt_for_parameters(host, meta, missing, invocation=None):
    position = getattr(invocation, "pipeline_position", 1) if invocation else 1
    kind = "cmdlet" if meta.advanced else "function"
    host.write_line(f"{kind} {meta.name} at command pipeline position {position}")
    host.write_line("Supply values for the following parameters:")
    values = []
    for p in missing:
        if _is_secure(p):
            values.append(SecureString(host.read_line_secure(f"{p.name}: ")))
            continue
        if _is_array(p):
            items = []
            i = 0
            while True:
                line = host.read_line(f"{p.name}[{i}]: ")
                if line == "!?" and p.help:
                    host.write_line(p.help)
                    continue
                if line == "":
                    break
                items.append(line)
                i += 1
            values.append(items)
            continue
        while True:
            line = host.read_line(f"{p.name}: ")
            if line == "!?":
                host.write_line(p.help or f"No help is available for {p.name}.")
                continue
            break
        values.append(line)
    return values
