"""Argument-value completion hooks: how a module teaches Tab the values only it knows.

A module (the SharePoint module for web application URLs, server names and health rule names)
registers a provider for a command-name pattern and a parameter name::

    from spshell.repl import completion_providers
    completion_providers.register("*-SPWebApplication", "Identity",
                                  "cmdlets.sharepoint.completion:web_application_urls")
    completion_providers.register("Get-SPServer", "Identity", server_names)
    completion_providers.register("*-SPHealthAnalysisRule", "Identity",
                                  "cmdlets.sharepoint.completion:health_rule_names")

The natural place is the module's ``setup`` function (``Module.setup``): the engine runs it the
first time one of the module's commands is resolved, and the completer resolves the command
under the cursor before it asks for parameter values, so the providers are there exactly when
they are first needed and `spshell -Command` never pays for them.

``command_glob`` is a wildcard pattern (``*``, ``?``, ``[...]``) matched case-insensitively against
the canonical command name (aliases are resolved first). ``parameter_name`` is the declared
name (not an alias), case-insensitive; ``"*"`` matches every parameter. ``provider`` is a callable
or a lazy ``"package.module:function"`` reference, imported the first time Tab needs it, so
registering costs nothing at start-up.

The provider is called as ``provider(context)`` with a :class:`ProviderContext` and returns an
iterable of strings (or ``(value, description)`` pairs). It should return every value it knows;
the completer filters by what the user typed (prefix or wildcard, case-insensitive), keeps the
provider's order (ValidateSet and enum values come first), and quotes values that need it. A provider that raises is ignored for that Tab press (completion
never breaks the prompt), so providers need not guard against a farm that is not there yet.

This module never imports prompt_toolkit: modules may import it from any run mode.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any, Callable, Union

Provider = Union[Callable[["ProviderContext"], Any], str]


@dataclass
class ProviderContext:
    command_name: str  # canonical name of the command under the cursor
    parameter_name: str  # declared name of the parameter whose value is being completed
    word: str  # what the user typed so far for the value (quotes removed)
    bound: dict = field(default_factory=dict)  # other parameters on the line: name -> text
    session: Any = None  # the engine's ExecutionContext (.home, .computer_name, .location...);
    # None in unit tests without one


_providers: list = []  # [(command_glob_lower, parameter_lower, provider)]


def register(command_glob: str, parameter_name: str, provider: Provider) -> None:
    """Adds a value provider. Registering the same (pattern, parameter) again replaces it."""
    key = (command_glob.lower(), parameter_name.lower())
    _providers[:] = [p for p in _providers if (p[0], p[1]) != key]
    _providers.append((key[0], key[1], provider))


def unregister(command_glob: str, parameter_name: str) -> bool:
    key = (command_glob.lower(), parameter_name.lower())
    before = len(_providers)
    _providers[:] = [p for p in _providers if (p[0], p[1]) != key]
    return len(_providers) != before


def providers_for(command_name: str, parameter_name: str) -> list:
    """The providers matching a command and parameter, most recently registered first."""
    cmd = command_name.lower()
    param = parameter_name.lower()
    out = []
    for glob, pname, provider in reversed(_providers):
        if pname not in ("*", param):
            continue
        if fnmatch.fnmatchcase(cmd, glob):
            out.append(provider)
    return out


def _resolve(provider: Provider):
    if isinstance(provider, str):
        from spshell.cmdlet import load_object
        return load_object(provider)
    return provider


def values_for(context: ProviderContext) -> list:
    """[(value, description)] from every matching provider; failures are skipped."""
    out = []
    seen = set()
    for provider in providers_for(context.command_name, context.parameter_name):
        try:
            fn = _resolve(provider)
            produced = fn(context)
            for item in produced or ():
                if isinstance(item, tuple):
                    value, desc = str(item[0]), str(item[1]) if len(item) > 1 else ""
                else:
                    value, desc = str(item), ""
                if value.lower() not in seen:
                    seen.add(value.lower())
                    out.append((value, desc))
        except Exception:  # noqa: BLE001 - a provider bug must not break the prompt
            continue
    return out


def clear() -> None:
    """Removes every provider (tests)."""
    del _providers[:]
