"""The syntax tree, modelled on PowerShell's System.Management.Automation.Language AST.

Every node carries an ``Extent`` so errors can point at the source. The parser builds these; the
compiler (spshell.runtime.compiler) turns them into closures. Field names are the contract between
the two: change them in both.
"""
from __future__ import annotations

from typing import Any, Optional

from spshell._records import dataclass as _records_dataclass, field


def dataclass(eq=False):
    """``spshell._records.dataclass`` with the ``__init__`` generated when the class is first
    instantiated: generating the ~60 initialisers costs milliseconds of start-up, and a short
    command line builds only a few kinds of node. ``_fields`` is known at once."""
    def wrap(cls):
        fields = []
        for klass in reversed(cls.__mro__):
            for name in klass.__dict__.get("__annotations__", {}):
                if name not in fields:
                    fields.append(name)
        cls._fields = tuple(fields)

        def __init__(self, *args, **kwargs):
            if cls.__dict__.get("__init__") is __init__:
                _records_dataclass(eq=eq)(cls)  # replaces this placeholder on the class
            cls.__init__(self, *args, **kwargs)

        cls.__init__ = __init__
        cls.__repr__ = _first_repr
        return cls
    return wrap


def _first_repr(self):
    # reached only by an instance made without __init__ (copy.copy) before its class made one
    for klass in type(self).__mro__:
        if klass.__dict__.get("__repr__") is _first_repr:
            _records_dataclass()(klass)
            break
    return type(self).__repr__(self)


class Source:
    """One piece of script text (a file, a -Command string, a REPL entry)."""

    __slots__ = ("text", "file", "_line_starts")

    def __init__(self, text: str, file: Optional[str] = None):
        self.text = text
        self.file = file
        self._line_starts = None

    def line_starts(self):
        if self._line_starts is None:
            starts = [0]
            t = self.text
            i = t.find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = t.find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int):
        """offset -> (line, column), both 1-based."""
        import bisect
        starts = self.line_starts()
        idx = bisect.bisect_right(starts, offset) - 1
        return idx + 1, offset - starts[idx] + 1

    def line(self, number: int) -> str:
        starts = self.line_starts()
        if number < 1 or number > len(starts):
            return ""
        start = starts[number - 1]
        end = starts[number] - 1 if number < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


class Extent:
    """A span of source: offsets are 0-based, lines and columns 1-based (as PowerShell shows)."""

    __slots__ = ("source", "start", "end")

    def __init__(self, source: Source, start: int, end: int):
        self.source = source
        self.start = start
        self.end = end

    @property
    def text(self) -> str:
        return self.source.text[self.start:self.end]

    @property
    def file(self):
        return self.source.file

    @property
    def start_line(self):
        return self.source.position(self.start)[0]

    @property
    def start_column(self):
        return self.source.position(self.start)[1]

    @property
    def end_line(self):
        return self.source.position(self.end)[0]

    @property
    def end_column(self):
        return self.source.position(self.end)[1]

    def line_text(self) -> str:
        return self.source.line(self.start_line)

    def __repr__(self):
        return f"Extent({self.start_line}:{self.start_column}-{self.end_line}:{self.end_column})"


def merge(a: Extent, b: Extent) -> Extent:
    return Extent(a.source, a.start, b.end)


@dataclass(eq=False)
class Node:
    extent: Extent = field(repr=False, compare=False)


# ------------------------------------------------------------------------------------- types

@dataclass(eq=False)
class TypeName(Node):
    """`[System.Collections.Generic.List[string]]`, `[int[]]`: name without brackets, generic
    arguments, array rank (0 = not an array)."""
    name: str = ""
    generic_args: list["TypeName"] = field(default_factory=list)
    array_rank: int = 0

    def full_text(self) -> str:
        s = self.name
        if self.generic_args:
            s += "[" + ",".join(g.full_text() for g in self.generic_args) + "]"
        if self.array_rank:
            s += "[" + "," * (self.array_rank - 1) + "]"
        return s


@dataclass(eq=False)
class AttributeAst(Node):
    """`[Parameter(Mandatory, Position=0)]`, `[ValidateSet('a','b')]`, `[CmdletBinding()]`.
    named_args values are expressions; a bare `Mandatory` is stored with value None (= $true)."""
    type_name: TypeName = None
    positional_args: list["Expression"] = field(default_factory=list)
    named_args: list[tuple[str, Optional["Expression"]]] = field(default_factory=list)


@dataclass(eq=False)
class TypeConstraintAst(Node):
    """`[int]` in front of a parameter or variable."""
    type_name: TypeName = None


# ------------------------------------------------------------------------------ script blocks

@dataclass(eq=False)
class ParameterAst(Node):
    name: str = ""  # without `$`
    attributes: list = field(default_factory=list)  # AttributeAst | TypeConstraintAst, in order
    default: Optional["Expression"] = None


@dataclass(eq=False)
class ParamBlockAst(Node):
    attributes: list[AttributeAst] = field(default_factory=list)  # [CmdletBinding()] etc.
    parameters: list[ParameterAst] = field(default_factory=list)


@dataclass(eq=False)
class StatementBlock(Node):
    statements: list["Statement"] = field(default_factory=list)
    traps: list["TrapStatement"] = field(default_factory=list)


@dataclass(eq=False)
class ScriptBlockAst(Node):
    """A script file, a `{ }` literal, a function body. When no named block is written, the
    statements are the `end` block (PowerShell's rule); `process` is set for filters."""
    param_block: Optional[ParamBlockAst] = None
    begin: Optional[StatementBlock] = None
    process: Optional[StatementBlock] = None
    end: Optional[StatementBlock] = None
    dynamicparam: Optional[StatementBlock] = None
    using_statements: list = field(default_factory=list)
    requires: list[str] = field(default_factory=list)
    help_comment: Optional[str] = None  # comment-based help text, if any
    is_filter: bool = False


# ---------------------------------------------------------------------------------- statements

class Statement(Node):
    pass


@dataclass(eq=False)
class Redirection(Node):
    """`2>&1` (merge: to_stream set), `> file`, `>> file`, `*> $null`. Streams: '1'..'6', '*'."""
    from_stream: str = "1"
    to_stream: Optional[str] = None
    target: Optional["Expression"] = None
    append: bool = False


@dataclass(eq=False)
class CommandParameter(Node):
    """`-Name`, `-Name:value` (argument set, colon=True). `name` has no dash."""
    name: str = ""
    argument: Optional["Expression"] = None
    colon: bool = False


@dataclass(eq=False)
class Command(Statement):
    """A command invocation. elements[0] is the command name (a StringConstant for barewords or any
    expression after `&`/`.`); the rest are CommandParameter or argument expressions.
    `--%` stop-parsing text arrives as one StringConstant argument with kind 'verbatim'."""
    invocation_operator: Optional[str] = None  # '&', '.', or None
    elements: list[Node] = field(default_factory=list)
    redirections: list[Redirection] = field(default_factory=list)


@dataclass(eq=False)
class CommandExpression(Statement):
    """An expression used as a pipeline element (only the first element can be one)."""
    expression: "Expression" = None
    redirections: list[Redirection] = field(default_factory=list)


@dataclass(eq=False)
class Pipeline(Statement):
    elements: list[Statement] = field(default_factory=list)  # Command | CommandExpression
    background: bool = False  # trailing `&`


@dataclass(eq=False)
class PipelineChain(Statement):
    """`a && b || c` (left-associative)."""
    left: Statement = None
    operator: str = "&&"
    right: Statement = None
    background: bool = False  # trailing `&` after the whole chain


@dataclass(eq=False)
class Assignment(Statement):
    """`target op value`; op is one of = += -= *= /= %= ??=. target is a VariableExpression,
    MemberExpression, IndexExpression, ConvertExpression over a variable (`[int]$x = ...`) or an
    ArrayLiteral of those (multiple assignment). value is a Statement (pipeline, another
    assignment, or a flow statement such as `if`)."""
    target: "Expression" = None
    operator: str = "="
    value: Statement = None


@dataclass(eq=False)
class IfStatement(Statement):
    clauses: list[tuple[Statement, StatementBlock]] = field(default_factory=list)
    else_body: Optional[StatementBlock] = None


@dataclass(eq=False)
class SwitchClause(Node):
    pattern: "Expression" = None  # bareword patterns are StringConstant; `{...}` ScriptBlockExpr
    body: StatementBlock = None


@dataclass(eq=False)
class SwitchStatement(Statement):
    label: Optional[str] = None
    flags: list[str] = field(default_factory=list)  # lower-case: regex wildcard exact casesensitive file parallel
    condition: Optional[Statement] = None  # the (pipeline) in parentheses
    file: Optional["Expression"] = None  # -File path
    clauses: list[SwitchClause] = field(default_factory=list)
    default: Optional[StatementBlock] = None


@dataclass(eq=False)
class ForEachStatement(Statement):
    label: Optional[str] = None
    variable: "VariableExpression" = None
    iterable: Statement = None
    body: StatementBlock = None


@dataclass(eq=False)
class ForStatement(Statement):
    label: Optional[str] = None
    initializer: Optional[Statement] = None
    condition: Optional[Statement] = None
    iterator: Optional[Statement] = None
    body: StatementBlock = None


@dataclass(eq=False)
class WhileStatement(Statement):
    label: Optional[str] = None
    condition: Statement = None
    body: StatementBlock = None


@dataclass(eq=False)
class DoWhileStatement(Statement):
    label: Optional[str] = None
    body: StatementBlock = None
    condition: Statement = None


@dataclass(eq=False)
class DoUntilStatement(Statement):
    label: Optional[str] = None
    body: StatementBlock = None
    condition: Statement = None


@dataclass(eq=False)
class FunctionDefinition(Statement):
    """`function Name(params) { body }` or `filter`. `parameters` holds the parenthesised form;
    body.param_block holds the `param()` form."""
    name: str = ""
    is_filter: bool = False
    is_workflow: bool = False
    parameters: list[ParameterAst] = field(default_factory=list)
    body: ScriptBlockAst = None


@dataclass(eq=False)
class CatchClause(Node):
    types: list[TypeName] = field(default_factory=list)  # empty = catch all
    body: StatementBlock = None


@dataclass(eq=False)
class TryStatement(Statement):
    body: StatementBlock = None
    catches: list[CatchClause] = field(default_factory=list)
    finally_body: Optional[StatementBlock] = None


@dataclass(eq=False)
class TrapStatement(Statement):
    type_name: Optional[TypeName] = None
    body: StatementBlock = None


@dataclass(eq=False)
class BreakStatement(Statement):
    label: Optional["Expression"] = None


@dataclass(eq=False)
class ContinueStatement(Statement):
    label: Optional["Expression"] = None


@dataclass(eq=False)
class ReturnStatement(Statement):
    pipeline: Optional[Statement] = None


@dataclass(eq=False)
class ThrowStatement(Statement):
    pipeline: Optional[Statement] = None


@dataclass(eq=False)
class ExitStatement(Statement):
    pipeline: Optional[Statement] = None


@dataclass(eq=False)
class DataStatement(Statement):
    variable: Optional[str] = None
    commands_allowed: list["Expression"] = field(default_factory=list)
    body: StatementBlock = None


@dataclass(eq=False)
class BlockStatement(Statement):
    """A bare `{ }` statement in some contexts is a script block expression; this is only used for
    parallel/sequence keywords which spshell reports as unsupported."""
    keyword: str = ""
    body: StatementBlock = None


# --------------------------------------------------------------------------------- expressions

class Expression(Node):
    pass


@dataclass(eq=False)
class Constant(Expression):
    """Numbers and other constants; value already typed (int/Int64/float/Decimal...)."""
    value: Any = None


@dataclass(eq=False)
class StringConstant(Expression):
    """kind: 'bareword' (argument-mode generic token or command name), 'single', 'double' (no
    expansion needed), 'single_here', 'double_here', 'verbatim' (--% text)."""
    value: str = ""
    kind: str = "bareword"


@dataclass(eq=False)
class ExpandableString(Expression):
    """`"a $b $(c)"` / a double here-string / an expandable bareword (`a$b`). parts: str pieces
    (escapes already processed) and Expressions (VariableExpression or SubExpression)."""
    parts: list = field(default_factory=list)
    kind: str = "double"


@dataclass(eq=False)
class VariableExpression(Expression):
    """`$name`, `$scope:name` (scope 'global','script','local','private','env','function',
    'variable','using' ... or a drive name), `@name` when splatted."""
    name: str = ""
    scope: Optional[str] = None
    splatted: bool = False


@dataclass(eq=False)
class TypeExpression(Expression):
    """`[int]` alone (a type object)."""
    type_name: TypeName = None


@dataclass(eq=False)
class ConvertExpression(Expression):
    """`[int]$x`, `[pscustomobject]@{...}`, `[ordered]@{...}`, `[ref]$x`."""
    type_name: TypeName = None
    child: Expression = None


@dataclass(eq=False)
class AttributedExpression(Expression):
    """`[ValidateRange(1,5)][int]$x = ...` (attributes on a variable)."""
    attribute: AttributeAst = None
    child: Expression = None


@dataclass(eq=False)
class BinaryExpression(Expression):
    """operator: the lower-case canonical spelling, e.g. '+', '-eq', '-ceq', '-ieq', '-and', '..',
    '-f', '-join', '-split', '-replace', '-is', '-as', '??', '-band', '-shl'."""
    operator: str = ""
    left: Expression = None
    right: Expression = None


@dataclass(eq=False)
class UnaryExpression(Expression):
    """operator: '-' '+' '!' '-not' '-bnot' ',' (unary comma) '-split' '-join' '++' '--'
    (prefix) 'post++' 'post--' (postfix)."""
    operator: str = ""
    operand: Expression = None


@dataclass(eq=False)
class TernaryExpression(Expression):
    condition: Expression = None
    if_true: Expression = None
    if_false: Expression = None


@dataclass(eq=False)
class ArrayLiteral(Expression):
    """`1, 2, 3` (binary comma)."""
    elements: list[Expression] = field(default_factory=list)


@dataclass(eq=False)
class ArrayExpression(Expression):
    """`@( statements )`."""
    body: StatementBlock = None


@dataclass(eq=False)
class SubExpression(Expression):
    """`$( statements )`."""
    body: StatementBlock = None


@dataclass(eq=False)
class ParenExpression(Expression):
    """`( pipeline )`: one pipeline or assignment statement."""
    pipeline: Statement = None


@dataclass(eq=False)
class HashtableLiteral(Expression):
    """`@{ key = value; ... }`; keys are expressions (barewords become StringConstant), values are
    statements (usually pipelines)."""
    pairs: list[tuple[Expression, Statement]] = field(default_factory=list)


@dataclass(eq=False)
class ScriptBlockExpression(Expression):
    body: ScriptBlockAst = None


@dataclass(eq=False)
class MemberExpression(Expression):
    """`$x.Name`, `$x.$prop`, `[T]::Name`, `$x?.Name`. member is a StringConstant for plain
    names, else any expression."""
    target: Expression = None
    member: Expression = None
    static: bool = False
    null_conditional: bool = False


@dataclass(eq=False)
class InvokeMemberExpression(Expression):
    """`$x.Method(a, b)`, `[T]::Method()`, `$x?.Method()`, `$x.Where({...})` and the `.ForEach{}`
    form (a single ScriptBlockExpression argument)."""
    target: Expression = None
    member: Expression = None
    arguments: list[Expression] = field(default_factory=list)
    static: bool = False
    null_conditional: bool = False


@dataclass(eq=False)
class IndexExpression(Expression):
    """`$a[0]`, `$a[1..3]`, `$h['k']`, `$a?[0]`."""
    target: Expression = None
    index: Expression = None
    null_conditional: bool = False


@dataclass(eq=False)
class UsingExpression(Expression):
    """`$using:x`."""
    child: Expression = None
