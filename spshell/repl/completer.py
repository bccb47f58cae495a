"""Tab completion as a pure function: ``complete(text, cursor, view) -> Completions``.

The completer reads the engine only through a small *view* (:class:`ContextView` over a live
session, or any object with the same methods in tests), so it runs with no event loop and no
terminal. It follows TabExpansion2 (CompletionCompleters.cs): command names (cmdlets, functions,
aliases, then applications on PATH) with `Verb-Noun` as one word and wildcards allowed; parameter
names of the command under the cursor, common ones included, limited to the parameter sets the
parameters already typed leave open; parameter values (ValidateSet, enums, booleans, and values
modules supply through :mod:`spshell.repl.completion_providers`); variables after ``$`` (``@`` for
splatting, ``$env:`` for environment variables, scope prefixes kept); members after ``.`` when the
variable's value is known; file paths, quoted when they need it. Matching is case-insensitive and
replaces the typed word with the canonical spelling.

prompt_toolkit is not imported here; spshell.repl.session adapts this to its Completer API.
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from spshell.repl import completion_providers

MISSING = object()
ALL_SETS = "__AllParameterSets"
_WILDCARD = re.compile(r"[*?\[]")
_NEEDS_QUOTES = re.compile(r"[\s'\"`$;,|&(){}@#<>]")
_SEPARATORS = "|;\n"
_MEMBER = re.compile(r"^([$@])(?:(global|script|local|private):)?(\w+)((?:\.\w+)*)\.(\w*)$",
                     re.IGNORECASE)
_STATIC = re.compile(r"^\[([\w.`\[\],]+)\]::(\w*)$")
_VARIABLE = re.compile(r"^([$@])(?:(\w+):)?([\w?^]*)$")
_SCOPES = ("global", "script", "local", "private", "env", "variable", "function", "alias")
_MAX_CANDIDATES = 2000


@dataclass
class Candidate:
    text: str  # the replacement for the typed word
    display: str  # what a completion menu shows
    meta: str = ""  # the menu's description column
    kind: str = ""  # command | parameter | value | variable | member | path


@dataclass
class Completions:
    start: int  # text[start:cursor] is replaced by a candidate's text
    cursor: int
    candidates: list = field(default_factory=list)

    @property
    def texts(self):
        return [c.text for c in self.candidates]


@dataclass
class _Word:
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- scanning

def _skip_single(text, i):
    """i at an opening ' -> index after the closing quote, or None when unterminated."""
    n = len(text)
    i += 1
    while i < n:
        if text[i] in "'\u2018\u2019":
            if i + 1 < n and text[i + 1] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return None


def _skip_double(text, i):
    n = len(text)
    i += 1
    while i < n:
        c = text[i]
        if c == "`":
            i += 2
            continue
        if c == '"':
            if i + 1 < n and text[i + 1] == '"':
                i += 2
                continue
            return i + 1
        i += 1
    return None


def _skip_here(text, i):
    """i at @' or @" -> index after the closing '@ / "@ at a line start, or None."""
    quote = text[i + 1]
    close = "\n" + quote + "@"
    j = text.find(close, i + 2)
    return None if j < 0 else j + len(close)


class _Scan:
    """Where the cursor's command element starts, and whether the cursor sits in a string or a
    comment. Brackets open a new element inside them; `|`, `;`, newline, `&&` and `||` end one."""

    def __init__(self, text):
        self.element_start = 0
        self.quote_start = None  # index of an unterminated quote that holds the cursor
        self.in_comment = False
        stack = [0]
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c == "'" or c in "\u2018\u2019":
                j = _skip_single(text, i)
                if j is None:
                    self.quote_start = i
                    break
                i = j
                continue
            if c == '"':
                j = _skip_double(text, i)
                if j is None:
                    self.quote_start = i
                    break
                i = j
                continue
            if c == "@" and i + 1 < n and text[i + 1] in "'\"" and \
                    text[i + 2:i + 3] in ("\n", "\r", ""):
                j = _skip_here(text, i)
                if j is None:
                    self.quote_start = i
                    break
                i = j
                continue
            if c == "`":
                i += 2
                continue
            if c == "#" and (i == 0 or text[i - 1].isspace() or text[i - 1] in "|;({"):
                j = text.find("\n", i)
                if j < 0:
                    self.in_comment = True
                    break
                i = j
                continue
            if c == "<" and text[i:i + 2] == "<#":
                j = text.find("#>", i + 2)
                if j < 0:
                    self.in_comment = True
                    break
                i = j + 2
                continue
            if c in "({[":
                stack.append(i + 1)
            elif c in ")}]":
                if len(stack) > 1:
                    stack.pop()
            elif c in _SEPARATORS:
                stack[-1] = i + 1
            elif c == "&" and text[i + 1:i + 2] == "&":
                stack[-1] = i + 2
                i += 2
                continue
            i += 1
        self.element_start = stack[-1]


def _split_words(text, base):
    """Words of one command element (quotes and balanced brackets stay inside a word)."""
    words = []
    i, n = 0, len(text)
    start = None
    depth = 0
    while i < n:
        c = text[i]
        if start is None:
            if c.isspace() or c == "`" and text[i + 1:i + 2] in ("\n", "\r"):
                i += 2 if c == "`" else 1
                continue
            start = i
        if c == "'" or c in "\u2018\u2019":
            j = _skip_single(text, i)
            i = n if j is None else j
            continue
        if c == '"':
            j = _skip_double(text, i)
            i = n if j is None else j
            continue
        if c == "`":
            i += 2
            continue
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth = max(0, depth - 1)
        elif c.isspace() and depth == 0:
            words.append(_Word(base + start, base + i, text[start:i]))
            start = None
        i += 1
    if start is not None:
        words.append(_Word(base + start, base + n, text[start:n]))
    return words


def _unquote(word):
    """-> (quote_char or '', inner text)."""
    if word[:1] in ("'", '"'):
        q = word[0]
        inner = word[1:]
        if inner.endswith(q) and len(inner) >= 1:
            inner = inner[:-1]
        if q == "'":
            inner = inner.replace("''", "'")
        return q, inner
    return "", word.replace("`", "") if "`" in word else word


def _quote(value, quote=""):
    if quote == '"':
        return '"' + value.replace("`", "``").replace('"', '`"').replace("$", "`$") + '"'
    if quote == "'" or _NEEDS_QUOTES.search(value):
        return "'" + value.replace("'", "''") + "'"
    return value


def _matcher(typed):
    """Case-insensitive prefix match; a typed wildcard turns it into a wildcard match."""
    low = typed.lower()
    if _WILDCARD.search(low):
        pattern = low if low.endswith("*") else low + "*"
        return lambda s: fnmatch.fnmatchcase(s.lower(), pattern)
    return lambda s: s.lower().startswith(low)


def _is_number(word):
    try:
        float(word)
        return True
    except ValueError:
        return False


def _is_parameter_word(word):
    return len(word) > 1 and word[0] in "-\u2013\u2014" and not _is_number(word) and \
        (word[1].isalpha() or word[1] in "_?")


# --------------------------------------------------------------------------- entry point

def complete(text, cursor, view):
    """Completions for ``text`` with the cursor at ``cursor`` (an index into text)."""
    before = text[:cursor]
    scan = _Scan(before)
    if scan.in_comment:
        return Completions(cursor, cursor, [])
    if scan.quote_start is not None and before[scan.quote_start] == '"':
        # a variable inside an expandable string: "Hello $na<Tab>
        m = re.search(r"\$(?:\w+:)?\w*$", before[scan.quote_start:])
        if m:
            start = scan.quote_start + m.start()
            try:
                cands = _complete_variables(before[start:], view)
            except Exception:  # noqa: BLE001
                cands = []
            return Completions(start, cursor, cands[:_MAX_CANDIDATES])
    if scan.quote_start is not None and scan.quote_start < scan.element_start:
        scan.element_start = scan.quote_start
    element = before[scan.element_start:]
    words = _split_words(element, scan.element_start)
    if before and not before[-1].isspace() and words and words[-1].end == cursor:
        current = words.pop()
    else:
        current = _Word(cursor, cursor, "")
    # `$x = Get-...`, `@{ Name = $va...`: the command starts after the last `=`
    for idx in range(len(words) - 1, -1, -1):
        w = words[idx].text
        if w == "=" or (len(w) == 2 and w[1] == "=" and w[0] in "+-*/%?"):
            words = words[idx + 1:]
            break
    while words and words[0].text in ("&", "."):
        words = words[1:]
    try:
        cands = _dispatch(current, words, view, cursor)
    except Exception:  # noqa: BLE001 - completion never breaks the prompt
        cands = []
    return Completions(current.start, cursor, cands[:_MAX_CANDIDATES])


def _dispatch(current, words, view, cursor):
    token = current.text
    m = _STATIC.match(token)
    if m:
        return _complete_static_members(m.group(1), m.group(2), view)
    if token[:1] in ("$", "@") and not token.startswith(("@(", "@{", "$(", "@'", '@"')):
        m = _MEMBER.match(token)
        if m:
            return _complete_members(m, view)
        if _VARIABLE.match(token):
            return _complete_variables(token, view)
        return []
    if not words:
        # command position
        if token[:1] in ("(", "[", "{", "'", '"') or _is_number(token):
            if token[:1] in ("'", '"'):
                return _complete_paths(token, view)
            return []
        if token.startswith((".", "/", "~", "\\")) or "/" in token or "\\" in token:
            return _complete_paths(token, view)
        out = _complete_commands(token, view)
        if not out and token:
            out = _complete_paths(token, view)
        return out
    command_word = words[0].text
    if command_word[:1] in ("$", "(", "[", "'", '"', "@") or _is_number(command_word):
        # an expression statement: only files make sense as bare words here
        return _complete_paths(token, view) if token and token[0] not in "-" else []
    found = view.metadata(command_word)
    if found is None:
        return _complete_paths(token, view)
    name, meta = found
    args = words[1:]
    bound, positional_count, pending = _bound_parameters(meta, args)
    if _is_parameter_word(token) or token == "-":
        pname, colon, value = token[1:].partition(":")
        if colon:
            param = _resolve_parameter(meta, pname)
            if param is None:
                return []
            prefix = "-" + pname + ":"
            cands = _complete_values(view, name, meta, param, value, bound)
            return [Candidate(prefix + c.text, c.display, c.meta, c.kind) for c in cands]
        return _complete_parameter_names(meta, pname, bound)
    if pending is not None:
        values = _complete_values(view, name, meta, pending, token, bound)
        if values or _has_fixed_values(pending):
            return values
        return _complete_paths(token, view)
    param = _positional_parameter(meta, bound, positional_count)
    if param is not None:
        values = _complete_values(view, name, meta, param, token, bound)
        if values or _has_fixed_values(param):
            return values
    return _complete_paths(token, view)


# --------------------------------------------------------------------------- commands

def _complete_commands(token, view):
    match = _matcher(token)
    seen = set()
    out = []
    for name, kind in view.commands():
        low = name.lower()
        if low in seen or not match(name):
            continue
        seen.add(low)
        out.append(Candidate(name, name, kind, "command"))
    out.sort(key=lambda c: c.text.lower())
    if token:
        apps = []
        for name in view.applications():
            low = name.lower()
            if low in seen or not match(name):
                continue
            seen.add(low)
            apps.append(Candidate(name, name, "Application", "command"))
        apps.sort(key=lambda c: c.text.lower())
        out.extend(apps)
    return out


# --------------------------------------------------------------------------- parameters

def _resolve_parameter(meta, typed):
    """Exact name or alias, else a unique prefix (declared parameters win over common ones)."""
    low = typed.lower()
    if not low:
        return None
    canonical = meta.lookup.get(low)
    if canonical is None:
        names = {meta.lookup[k] for k in meta.lookup if k.startswith(low)}
        if len(names) > 1:
            declared = {n for n in names if n in meta.parameters}
            names = declared if len(declared) == 1 else names
        if len(names) != 1:
            return None
        canonical = names.pop()
    return meta.all_parameters.get(canonical)


def _bound_parameters(meta, args):
    """-> ({canonical name: value text}, positional argument count, parameter awaiting a value
    (the last word was `-Name` of a non-switch parameter), or None)."""
    bound = {}
    positional = 0
    pending = None
    for w in args:
        t = w.text
        if pending is not None:
            bound[pending.name] = t
            pending = None
            continue
        if _is_parameter_word(t):
            pname, colon, value = t[1:].partition(":")
            param = _resolve_parameter(meta, pname)
            if param is None:
                continue
            if colon:
                bound[param.name] = value
            elif param.is_switch:
                bound[param.name] = "$true"
            else:
                bound[param.name] = None
                pending = param
            continue
        positional += 1
    if pending is not None:
        del bound[pending.name]
    # positional arguments bind to the lowest free positions in order, as the binder does
    return bound, positional, pending


def _open_sets(meta, bound):
    """Parameter sets still possible given the declared parameters already bound."""
    if meta.sets == [ALL_SETS]:
        return None
    sets = set(meta.sets)
    for name in bound:
        p = meta.parameters.get(name)
        if p is not None and p.sets:
            narrowed = sets & set(p.sets)
            if narrowed:
                sets = narrowed
    return sets


def _param_type_text(p):
    if p.is_switch:
        return "[switch]"
    t = p.type
    if t is object or t is None:
        return "[Object]"
    if isinstance(t, str):
        return "[" + t.rsplit(".", 1)[-1] + "]"
    return "[" + getattr(t, "__ps_type__", getattr(t, "__name__", str(t))).rsplit(".", 1)[-1] \
        + "]"


def _complete_parameter_names(meta, typed, bound):
    sets = _open_sets(meta, bound)
    match = _matcher(typed)
    out = []
    for name, p in meta.all_parameters.items():
        if name in bound or getattr(p, "dont_show", False):
            continue
        if sets is not None and p.sets and not (set(p.sets) & sets):
            continue
        if not match(name):
            continue
        out.append(Candidate("-" + name, "-" + name, _param_type_text(p), "parameter"))
    return out


def _positional_parameter(meta, bound, index):
    """The parameter the next positional argument binds to, in the open sets."""
    sets = _open_sets(meta, bound)
    candidates = []
    for name, p in meta.parameters.items():
        if name in bound or p.is_switch:
            continue
        positions = []
        if p.sets:
            for s in p.sets:
                if sets is None or s in sets:
                    pos = p.setting(s, "position")
                    if pos is not None:
                        positions.append(pos)
        elif p.position is not None:
            positions.append(p.position)
        if positions:
            candidates.append((min(positions), p))
    candidates.sort(key=lambda c: c[0])
    return candidates[index][1] if index < len(candidates) else None


# --------------------------------------------------------------------------- values

def _validate_set(param):
    """A cmdlet's declared ValidateSet, or the one a script's [ValidateSet()] attribute made."""
    if param.validate_set:
        return list(param.validate_set)
    for v in getattr(param, "validators", None) or ():
        allowed = getattr(v, "allowed", None)
        if allowed:
            return list(allowed)
    return []


def _has_fixed_values(param):
    return bool(_validate_set(param)) or bool(_enum_names(param.type)) or _is_bool(param.type)


def _is_bool(t):
    return t is bool or (isinstance(t, str) and t.lower() in ("bool", "boolean",
                                                                "system.boolean"))


def _enum_names(t):
    import enum
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return [m.name for m in t]
    if isinstance(t, str):
        name = t[:-2] if t.endswith("[]") else t
        if name.lower() in ("string", "object", "int", "bool", "switch", "securestring",
                            "double", "long", "psobject", "scriptblock", "hashtable"):
            return []
        try:
            from spshell.runtime import types
            pstype = types.resolve_type(name)
        except Exception:  # noqa: BLE001 - an unknown type simply offers no values
            return []
        if pstype is not None and getattr(pstype, "enum", False):
            try:
                return [str(n) for n in pstype.GetEnumNames()]
            except Exception:  # noqa: BLE001
                return []
    return []


def _complete_values(view, command, meta, param, typed, bound):
    quote, inner = _unquote(typed)
    match = _matcher(inner)
    values = []
    fixed = _validate_set(param)
    if fixed:
        values.extend((str(v), "") for v in fixed)
    else:
        values.extend((n, "") for n in _enum_names(param.type))
    ctx = completion_providers.ProviderContext(command, param.name, inner, dict(bound),
                                               view.session)
    known = {v.lower() for v, _ in values}
    for v, desc in completion_providers.values_for(ctx):
        if v.lower() not in known:
            known.add(v.lower())
            values.append((v, desc))
    out = []
    for v, desc in values:
        if match(v):
            out.append(Candidate(_quote(v, quote), v, desc, "value"))
    if _is_bool(param.type):
        for v in ("$true", "$false"):
            if v.lower().startswith(typed.lower()):
                out.append(Candidate(v, v, "", "value"))
    return out


# --------------------------------------------------------------------------- variables

def _complete_variables(token, view):
    sigil = token[0]
    m = _VARIABLE.match(token)
    scope, name = m.group(2), m.group(3)
    out = []
    if scope is not None:
        low_scope = scope.lower()
        if low_scope == "env":
            match = _matcher(name)
            for env_name in sorted(view.environment_names(), key=str.lower):
                if match(env_name):
                    text = f"{sigil}env:{env_name}"
                    out.append(Candidate(text, text, "", "variable"))
            return out
        if low_scope not in _SCOPES:
            # `$drive:` paths and unknown prefixes: nothing sensible to offer
            return out
        prefix = f"{sigil}{scope}:"
    else:
        prefix = sigil
    match = _matcher(name)
    for var in view.variables():
        if match(var):
            text = prefix + (var if re.fullmatch(r"[\w?^]+", var) else "{" + var + "}")
            out.append(Candidate(text, text, "", "variable"))
    if scope is None and sigil == "$":
        for s in ("env", "global", "script", "local"):
            if match(s + ":") and name:
                text = f"${s}:"
                out.append(Candidate(text, text, "scope", "variable"))
    return out


# --------------------------------------------------------------------------- members

def _complete_members(m, view):
    sigil, scope, var, chain, typed = m.groups()
    if sigil != "$":
        return []
    obj = view.variable_value(var, scope)
    if obj is MISSING:
        return []
    for prop in [p for p in chain.split(".") if p]:
        obj = view.get_property(obj, prop)
        if obj is MISSING:
            return []
    head = "$" + (scope + ":" if scope else "") + var + chain + "."
    match = _matcher(typed)
    out = []
    seen = set()
    for name, kind, definition in view.members(obj):
        low = name.lower()
        if low in seen or not match(name):
            continue
        seen.add(low)
        if "method" in kind.lower():
            no_args = all(d.strip().endswith("()") for d in definition.split("),") if d) \
                if definition else False
            suffix = "()" if no_args else "("
            out.append(Candidate(head + name + suffix, name + suffix, kind, "member"))
        else:
            out.append(Candidate(head + name, name, kind, "member"))
    out.sort(key=lambda c: (c.meta.lower().endswith("method"), c.display.lower()))
    return out


def _complete_static_members(type_name, typed, view):
    members = view.static_members(type_name) if hasattr(view, "static_members") else None
    if not members:
        return []
    head = "[" + type_name + "]::"
    match = _matcher(typed)
    out = []
    seen = set()
    for name, kind, definition in members:
        if name.lower() in seen or not match(name):
            continue
        seen.add(name.lower())
        if "method" in kind.lower():
            out.append(Candidate(head + name + "(", name + "(", kind, "member"))
        else:
            out.append(Candidate(head + name, name, kind, "member"))
    out.sort(key=lambda c: (c.meta.lower().endswith("method"), c.display.lower()))
    return out


# --------------------------------------------------------------------------- paths

def _complete_paths(token, view):
    quote, inner = _unquote(token)
    inner = inner.replace("\\", "/")
    home = os.path.expanduser("~")
    if inner.startswith("~"):
        expanded = home + inner[1:]
    else:
        expanded = inner
    dir_part, _, name_part = expanded.rpartition("/")
    typed_dir, _, _ = inner.rpartition("/")
    if "/" in expanded:
        base = Path(dir_part or "/")
        if not base.is_absolute():
            base = view.location() / base
        shown_dir = typed_dir + "/"
    else:
        base = view.location()
        shown_dir = "./"
    match = _matcher(name_part)
    out = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return []
    show_hidden = name_part.startswith(".")
    for entry in entries:
        n = entry.name
        if n.startswith(".") and not show_hidden:
            continue
        if not match(n):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        full = shown_dir + n + ("/" if is_dir else "")
        out.append(Candidate(_quote(full, quote), n + ("/" if is_dir else ""),
                             "Directory" if is_dir else "File", "path"))
    out.sort(key=lambda c: c.display.lower())
    return out


# --------------------------------------------------------------------------- the live view

class ContextView:
    """What the completer may know about a running session (an ExecutionContext)."""

    def __init__(self, ctx):
        self.session = ctx
        self._apps = None
        self._apps_path = None

    def commands(self):
        for info in self.session.all_commands():
            yield info.name, getattr(info, "command_type", "Cmdlet")

    def applications(self):
        path = os.environ.get("PATH", "")
        if self._apps is None or self._apps_path != path:
            names = set()
            for d in path.split(os.pathsep):
                try:
                    for entry in os.scandir(d or "."):
                        try:
                            if entry.is_file() and os.access(entry.path, os.X_OK):
                                names.add(entry.name)
                        except OSError:
                            continue
                except OSError:
                    continue
            self._apps = sorted(names, key=str.lower)
            self._apps_path = path
        return self._apps

    def metadata(self, name):
        """-> (canonical command name, CommandMetadata) or None."""
        from spshell.runtime.binding import metadata_for_cmdlet, metadata_for_script
        from spshell.runtime.commands import CmdletInfo, FunctionInfo
        ctx = self.session
        try:
            info = ctx.resolve_command(name, ctx.global_scope)
        except Exception:  # noqa: BLE001
            return None
        try:
            if isinstance(info, CmdletInfo):
                return info.name, metadata_for_cmdlet(info.cls)
            if isinstance(info, FunctionInfo):
                return info.name, metadata_for_script(info.script_block, ctx)
        except Exception:  # noqa: BLE001 - a module that fails to load offers no parameters
            return None
        return None

    def variables(self):
        return [v.Name for v in self.session.list_variables()]

    def variable_value(self, name, scope=None):
        from spshell.runtime.scopes import MISSING as ENGINE_MISSING
        ctx = self.session
        if scope and scope.lower() == "env":
            v = os.environ.get(name)
            return MISSING if v is None else v
        target = ctx.global_scope
        v = target.lookup(name.lower())
        return MISSING if v is ENGINE_MISSING else v

    def get_property(self, obj, name):
        from spshell.runtime import types
        try:
            return types.get_property(obj, name)
        except Exception:  # noqa: BLE001 - unknown member: nothing to complete
            return MISSING

    def members(self, obj):
        """[(name, member type, definition)]: the instance members Get-Member lists, with the
        keys of a dictionary first (PowerShell completes hashtable keys after `.`)."""
        from spshell.runtime import types
        from collections.abc import Mapping
        out = []
        if isinstance(obj, Mapping):
            for k in obj.keys():
                if isinstance(k, str):
                    out.append((k, "NoteProperty", ""))
        try:
            for m in types.get_members(obj):
                out.append((m.Name, m.MemberType, getattr(m, "Definition", "")))
        except Exception:  # noqa: BLE001
            pass
        if isinstance(obj, list) and obj:
            # member enumeration: the elements' members are reachable through the array too
            try:
                for m in types.get_members(obj[0]):
                    if "method" not in m.MemberType.lower():
                        out.append((m.Name, m.MemberType, getattr(m, "Definition", "")))
            except Exception:  # noqa: BLE001
                pass
        return out

    def static_members(self, type_name):
        """[(name, member type, definition)] of a type's static members, or None."""
        from spshell.runtime import types
        try:
            t = types.resolve_type(type_name)
            if t is None:
                return None
            return [(m.Name, m.MemberType, getattr(m, "Definition", ""))
                    for m in types.get_members(t, static=True)]
        except Exception:  # noqa: BLE001 - an unknown type offers nothing
            return None

    def environment_names(self):
        return list(os.environ)

    def location(self):
        return Path(self.session.location)
