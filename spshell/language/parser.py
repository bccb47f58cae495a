"""Recursive-descent PowerShell parser, modelled on PowerShell's Parser.cs.

The parser pulls tokens from the tokenizer one at a time and says in which mode to scan each one
(``EXPR``/``CMD``/``TYPE`` plus flags). It keeps one token of lookahead together with the mode it
was scanned in; asking for the same position in another mode rescans it (Parser.cs
``SetTokenizerMode``/``Resync``).

Errors stop the parse at the first problem and raise ``ParseError`` with PowerShell's error id and
message (ParserStrings.resx). ``incomplete`` is set when the problem is that the text ended too
early (open brace, open string, trailing pipe or operator...), which is what makes the REPL show
its ``>>`` continuation prompt.
"""
from __future__ import annotations

import bisect
import gc
import re
import sys

from spshell.language import ast as A
from spshell.language._lazy_re import lazy
from spshell.language.ast import Extent
from spshell.language.tokenizer import (
    AMP, ANDAND, ATCURLY, ATPAREN, CMD, COLONCOLON, COMMA, DOLLARPAREN, DOT, EOF, EXPR,
    GENERIC, IDENT, INREDIR, KEYWORD, LABEL, LBRACKET, LCURLY, LPAREN, MINUSMINUS_ARG,
    MODE_FREE, NEWLINE, NUMBER, OP, OROR, PARAM, PIPE, RBRACKET, RCURLY, REDIR, RPAREN, SEMI,
    SIGNED, SIMPLE, STRING, TERN, TYPE, UNKNOWN, VARIABLE, XSTRING, Token, Tokenizer,
    TokenizerError, is_ident_start, is_ws,
)
from spshell.runtime.errors import IncompleteParseException, ParseException

__all__ = ["parse", "ParseError", "ParseErrorItem", "Parser"]

NOCOMMA = 32  # flag for expression rules: a comma separates arguments here

_MODE_FREE = MODE_FREE | {AMP}
_CMD_REUSABLE = frozenset({VARIABLE, NUMBER})
_EXPR_STABLE = frozenset({VARIABLE, IDENT, LBRACKET, DOT, COLONCOLON, REDIR, INREDIR, PARAM})

ASSIGN_OPS = frozenset({"=", "+=", "-=", "*=", "/=", "%=", "??="})
UNARY_OPS = frozenset({"!", "-not", "-bnot", "+", "-", "++", "--", "-split", "-isplit",
                       "-csplit", "-join"})

_COMPARISON = """eq ne ge gt lt le like notlike match notmatch replace contains notcontains in
notin split""".split()
PRECEDENCE = {"-and": 1, "-or": 1, "-xor": 1, "-band": 2, "-bor": 2, "-bxor": 2,
              "-join": 5, "-is": 5, "-isnot": 5, "-as": 5, "-shl": 5, "-shr": 5,
              "??": 7, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "-f": 12, "..": 13}
for _o in _COMPARISON:
    PRECEDENCE["-" + _o] = 5
    PRECEDENCE["-i" + _o] = 5
    PRECEDENCE["-c" + _o] = 5

# errors that count as "the input ended too early" when they are detected at the end of input
# (Parser.cs reports these through ReportIncompleteInput)
_INCOMPLETE_IDS = frozenset("""MissingEndCurlyBrace MissingEndParenthesisInExpression
MissingEndParenthesisInSubexpression
TerminatorExpectedAtEndOfString IncompleteString EmptyPipeElement
MissingExpressionAfterOperator ExpectedValueExpression MissingTerminatorMultiLineComment
MissingStatementBlock MissingStatementBlockAfterElse MissingEndSquareBracket
MissingEndParenthesisInMethodCall MissingExpression MissingExpressionAfterToken
IfStatementMissingCondition MissingOpenParenthesisInIfStatement
MissingEndParenthesisAfterStatement MissingCurlyBraceInSwitchStatement
MissingSwitchStatementClause MissingEndParenthesisInSwitchStatement
MissingVariableNameAfterForeach MissingInInForeach MissingForeachExpression
MissingEndParenthesisAfterForeach MissingForeachStatement MissingOpenParenthesisAfterKeyword
MissingExpressionAfterKeyword MissingLoopStatement MissingWhileOrUntilInDoWhile
MissingNameAfterKeyword MissingFunctionBody MissingEndParenthesisInFunctionParameterList
MissingTryStatementBlock MissingCatchOrFinally MissingCatchHandlerBlock
MissingFinallyStatementBlock MissingTrapStatement MissingStatementBlockForDataSection
EmptyPipelineChainElement MissingTypename EndSquareBracketExpectedAtEndOfAttribute
EndSquareBracketExpectedAtEndOfType IncompleteDollarVariableReference
WhitespaceBeforeHereStringFooter MissingColonInTernaryExpression MissingPropertyName
MissingArrayIndexExpression ExpectedExpression MissingStatementInHashLiteral
MissingEqualsInHashLiteral MissingNamedStatementBlock MissingExpressionInNamedArgument
UnexpectedAttribute ParameterRequiresArgument MissingStatementAfterKeyword
PipelineValueRequired MissingFilenameOption MissingArgument MissingSwitchConditionExpression
MissingUnicodeEscapeSequenceTerminator""".split())

_HELP_KEYWORD = lazy(
    globals(), "_HELP_KEYWORD",
    r"^\s*\.(SYNOPSIS|DESCRIPTION|PARAMETER|EXAMPLE|INPUTS|OUTPUTS|NOTES|LINK|COMPONENT|ROLE|"
    r"FUNCTIONALITY|FORWARDHELPTARGETNAME|FORWARDHELPCATEGORY|REMOTEHELPRUNSPACE|"
    r"EXTERNALHELP)\b", re.I | re.M)

_MAX_DEPTH = 4000

# token-kind sets for membership tests in the hot paths (frozensets: one hash lookup)
_STATEMENT_END = frozenset({EOF, NEWLINE, SEMI})
_PIPELINE_END = frozenset({AMP, ANDAND, EOF, NEWLINE, OROR, RCURLY, RPAREN, SEMI})
_NO_ITEM_AFTER_COMMA = frozenset({AMP, ANDAND, COMMA, EOF, INREDIR, MINUSMINUS_ARG, NEWLINE, OROR,
                                  PIPE, RCURLY, REDIR, RPAREN, SEMI})
_COMMAND_END = frozenset({AMP, ANDAND, EOF, NEWLINE, OROR, PIPE, RCURLY, RPAREN, SEMI})
_NO_PARAMETER_VALUE = frozenset({AMP, ANDAND, EOF, INREDIR, MINUSMINUS_ARG, NEWLINE, OROR, PIPE,
                                 RCURLY, REDIR, RPAREN, SEMI})
_PRIMARY_START = frozenset({ATCURLY, ATPAREN, DOLLARPAREN, LCURLY, LPAREN, NUMBER, STRING,
                            VARIABLE, XSTRING})
_HASH_ENTRY_END = frozenset({NEWLINE, RCURLY, SEMI})
_FOR_PART_END = frozenset({RPAREN, SEMI})
_NOT_A_FUNCTION_NAME = frozenset({AMP, ANDAND, COMMA, EOF, LCURLY, LPAREN, NEWLINE, OROR, PIPE,
                                  RCURLY, RPAREN, SEMI})
_STRING_ONLY = frozenset({STRING})
_FLOW_END = frozenset({EOF, NEWLINE, RCURLY, RPAREN, SEMI})
_DATA_NAME_END = frozenset({EOF, LCURLY, NEWLINE, SEMI})
_WORDS = frozenset({GENERIC, IDENT})

# cheap look-ahead in the raw text: is an `else`/`elseif` (or `catch`/`finally`) coming after
# blank lines and comments? Saves scanning and rewinding the newlines after every block.
_TRIVIA = r"(?:[ \t\r\n\f\v\xa0\x85]|`\r?\n|#[^\n]*|<#(?:[^#]|#(?!>))*#>)*"
_PIPE_CONTINUATION = lazy(
    globals(), "_PIPE_CONTINUATION",
    r"(?:[ \t\f\v\xa0\x85]|<#(?:[^#]|#(?!>))*#>)*(?:#[^\r\n]*\r?\n(?:[ \t\f\v\xa0\x85]|"
    r"<#(?:[^#]|#(?!>))*#>)*)*\|(?!\|)")
_ELSE_AHEAD = lazy(globals(), "_ELSE_AHEAD", _TRIVIA + r"(?:else|elseif)(?![\w-])", re.I | re.S)
_CATCH_AHEAD = lazy(globals(), "_CATCH_AHEAD", _TRIVIA + r"(?:catch|finally)(?![\w-])",
                    re.I | re.S)


def _message(error_id, args):
    from spshell.language.messages import MESSAGES  # only on errors: keeps start-up light
    msg = MESSAGES.get(error_id)
    if msg is None:
        msg = _EXTRA_MESSAGES.get(error_id, error_id)
    if args:
        try:
            return msg.format(*args)
        except (IndexError, KeyError, ValueError):
            return msg
    return msg.replace("{{", "{").replace("}}", "}") if "{{" in msg else msg


# ids spshell adds for things PowerShell parses but spshell does not run
_EXTRA_MESSAGES = {
    "ClassesNotSupported": "Class and enum definitions are not supported by spshell.",
    "InternalParserError": "The parser failed on this text ({0}: {1}). Please report this as "
                           "a bug in spshell.",
}


class ParseErrorItem:
    """One parse error: where, PowerShell's error id, the message, and whether more input could
    complete the text."""

    __slots__ = ("extent", "error_id", "message", "incomplete")

    def __init__(self, extent, error_id, message, incomplete=False):
        self.extent = extent
        self.error_id = error_id
        self.message = message
        self.incomplete = incomplete

    def __repr__(self):
        return f"ParseErrorItem({self.error_id!r}, {self.extent!r}, {self.message!r})"

    def __str__(self):
        return self.message


class ParseError(ParseException):
    """System.Management.Automation.ParseException raised for script text that does not parse."""

    def __init__(self, errors):
        self.errors = list(errors)
        self.incomplete = bool(self.errors) and all(e.incomplete for e in self.errors)
        super().__init__(self.errors[0].message if self.errors else "Parse error.")

    @property
    def error_id(self):
        return self.errors[0].error_id if self.errors else "ParseError"

    @property
    def extent(self):
        return self.errors[0].extent if self.errors else None


class IncompleteParseError(ParseError, IncompleteParseException):
    """The text ended while more was expected (IncompleteParseException)."""


def _ext(source, start, end):
    return A.Extent(source, start, end)


class Parser:
    def __init__(self, source: A.Source, start: int = 0, depth: int = 0, comments=None,
                 record=None):
        self.source = source
        self.text = source.text
        self.tok = Tokenizer(source, self._sub_parse, start)
        self._scan = self.tok.next
        self.tok.comments = comments if comments is not None else []
        self.la = None
        self.la_mode = 0
        self.depth = depth
        self.rec = record
        if record is not None:
            self.take = self._take_recording  # highlighting: remember every token taken
        self.n = len(self.text)
        self.memo = {}
        self.tok.memo = self.memo

    # ------------------------------------------------------------------------- token access

    def peek(self, mode):
        la = self.la
        if la is not None:
            if self.la_mode == mode:
                return la
            k = la.kind
            if k in _MODE_FREE:
                return la
            if k == VARIABLE and not mode & 3:
                # the commonest case of _same_in_mode: a variable read again for an expression
                return la
            if self._same_in_mode(la, self.la_mode, mode):
                return la
            self.tok.pos = la.start
        la = self.la = self._scan(mode)
        self.la_mode = mode
        return la

    def _same_in_mode(self, la, lm, mode):
        """Would rescanning ``la`` (scanned in mode ``lm``) in ``mode`` give the same token?
        Avoids most rescans; anything doubtful is rescanned."""
        k = la.kind
        base = mode & 3
        lbase = lm & 3
        if lbase == base:
            if base == EXPR:
                if k in _EXPR_STABLE:
                    return True
                if k == NUMBER:
                    return not ((lm ^ mode) & TERN) and not (
                        lm & SIGNED and self.text[la.start] in "+-\u2013\u2014\u2015")
            return False
        if lbase == CMD and base == EXPR:
            # a variable or number that ended where a command-mode word would end scans the
            # same way in expression mode
            return k in _CMD_REUSABLE
        if lbase == EXPR and base == CMD and k == VARIABLE:
            e = la.end
            return e >= len(self.text) or self.text[e] in " \t\r\n&(),;{}|.[="
        return False

    def take(self):
        la = self.la
        self.la = None
        return la

    def _take_recording(self, la=None):
        la = self.la
        self.la = None
        self._record_token(la)
        return la

    def next(self, mode):
        self.peek(mode)
        return self.take()

    def resync(self, pos):
        self.la = None
        self.tok.pos = pos

    def pos(self):
        """Offset of the next unread character (start of the lookahead token if any)."""
        return self.la.start if self.la is not None else self.tok.pos

    # NEWLINE and SEMI tokens are never recorded for highlighting, so these loops drop them
    # without going through take()
    def skip_newlines(self):
        la = self.la
        if la is None:
            la = self.la = self._scan(EXPR)
            self.la_mode = EXPR
        elif la.kind != NEWLINE:
            return
        while la.kind == NEWLINE:
            la = self.la = self._scan(EXPR)
            self.la_mode = EXPR

    def skip_newlines_and_semis(self, mode=EXPR):
        la = self.la
        if la is None:
            la = self.la = self._scan(mode)
            self.la_mode = mode
        k = la.kind
        while k == NEWLINE or k == SEMI:
            la = self.la = self._scan(mode)
            self.la_mode = mode
            k = la.kind

    # ---------------------------------------------------------------------------- errors

    def _error(self, start, end, error_id, args):
        err = TokenizerError(start, end, error_id, args)
        # the problem was found because the input ended: more text could complete it
        err.at_eof = self.la is not None and self.la.kind == EOF
        return err

    def fail(self, start, end, error_id, *args):
        raise self._error(start, end, error_id, args)

    def fail_after(self, tok_or_node, error_id, *args):
        end = tok_or_node.end if isinstance(tok_or_node, Token) else tok_or_node.extent.end
        raise self._error(end, end, error_id, args)

    def fail_at(self, tok, error_id, *args):
        raise self._error(tok.start, tok.end, error_id, args)

    def unexpected(self, tok):
        if tok.kind == EOF:
            raise self._error(tok.start, tok.end, "IncompleteString", ())
        raise TokenizerError(tok.start, tok.end, "UnexpectedToken",
                             (self.text[tok.start:tok.end],))

    def ext(self, start, end):
        return Extent(self.source, start, end)

    # ---------------------------------------------------------------------------- entry

    def parse_script(self):
        body = self.script_block_body(None, 0)
        t = self.peek(EXPR)
        if t.kind != EOF:
            self.unexpected(t)
        return body

    def _sub_parse(self, dollar_pos):
        """`$( ... )` inside a string or generic token, starting at the `$`."""
        if self.depth > _MAX_DEPTH:
            raise TokenizerError(dollar_pos, dollar_pos + 2, "ScriptTooComplicated", ())
        p = Parser(self.source, dollar_pos + 2, self.depth + 1, self.tok.comments, self.rec)
        p.memo = self.memo
        p.tok.memo = self.memo
        stmts, traps = p.statement_list()
        t = p.peek(EXPR)
        if t.kind != RPAREN:
            raise p._error(t.start, t.end, "MissingEndParenthesisInSubexpression", ())
        p.take()
        ext = Extent(self.source, dollar_pos, t.end)
        body = A.StatementBlock(Extent(self.source, dollar_pos + 2, t.start), stmts, traps)
        return A.SubExpression(ext, body=body), t.end

    # ------------------------------------------------------------------- script blocks

    def script_block_body(self, lcurly, start):
        """ScriptBlockBodyRule: [using...] [attributes param(...)] then named blocks or a
        statement list. ``lcurly`` is the `{` token (None at the top of a file)."""
        self.skip_newlines_and_semis()
        using = []
        if lcurly is None:
            using = self.using_statements()
        param_block = self.param_block_opt()
        self.skip_newlines_and_semis()
        sb = A.ScriptBlockAst(None, param_block=param_block, using_statements=using)
        t = self.peek(CMD)
        if t.kind == KEYWORD and t.value in ("begin", "process", "end", "dynamicparam", "clean"):
            self.named_blocks(sb, lcurly)
        else:
            body_start = self.pos()
            stmts, traps = self.statement_list()
            end = stmts[-1].extent.end if stmts else body_start
            if traps and traps[-1].extent.end > end:
                end = traps[-1].extent.end
            sb.end = A.StatementBlock(Extent(self.source, body_start, end), stmts, traps)
        end = self.pos() if lcurly is None else None
        if lcurly is not None:
            t = self.peek(EXPR)
            if t.kind != RCURLY:
                raise self._error(lcurly.start, lcurly.end, "MissingEndCurlyBrace", ())
            self.take()
            sb.extent = Extent(self.source, lcurly.start, t.end)
        else:
            sb.extent = Extent(self.source, start, len(self.text))
        return sb

    def using_statements(self):
        out = []
        while True:
            t = self.peek(CMD)
            if t.kind != KEYWORD or t.value != "using":
                return out
            self.take()
            kind_tok = self.next(CMD)
            kind = self.text[kind_tok.start:kind_tok.end].lower()
            if kind not in ("namespace", "module", "assembly"):
                self.fail(kind_tok.start, kind_tok.end, "MissingUsingStatementDirective")
            name_tok = self.next(CMD)
            if name_tok.kind in _STATEMENT_END:
                self.fail_after(kind_tok, "MissingUsingItemName")
            name = name_tok.value if isinstance(name_tok.value, str) else \
                self.text[name_tok.start:name_tok.end]
            out.append((kind, name))
            self.skip_newlines_and_semis()

    def named_blocks(self, sb, lcurly):
        while True:
            self.skip_newlines_and_semis()
            t = self.peek(CMD)
            if t.kind == RCURLY or t.kind == EOF:
                return
            if t.kind != KEYWORD or t.value not in ("begin", "process", "end", "dynamicparam",
                                                     "clean"):
                self.fail(t.start, t.end, "MissingNamedBlocks", self.text[t.start:t.end])
            self.take()
            self.skip_newlines()
            lc = self.peek(EXPR)
            if lc.kind != LCURLY:
                self.fail_after(t, "MissingNamedStatementBlock", t.value)
            self.take()
            block = self.statement_block_after(lc)
            name = t.value
            if name == "clean":
                name = "end" if sb.end is None else "clean"
                if name == "clean":
                    continue
            setattr(sb, name, block)

    def statement_block_after(self, lcurly):
        """The rest of a `{ statements }` block after its `{`."""
        stmts, traps = self.statement_list()
        t = self.peek(EXPR)
        if t.kind != RCURLY:
            raise self._error(lcurly.start, lcurly.end, "MissingEndCurlyBrace", ())
        self.take()
        return A.StatementBlock(Extent(self.source, lcurly.start, t.end), stmts, traps)

    def statement_block(self, error_tok, error_id, *args):
        """Skip newlines, require `{`, parse the block."""
        self.skip_newlines()
        t = self.peek(EXPR)
        if t.kind != LCURLY:
            if error_tok is None:
                self.fail(t.start, t.start, error_id, *args)
            self.fail_after(error_tok, error_id, *args)
        self.take()
        return self.statement_block_after(t)

    # ---------------------------------------------------------------------- param blocks

    def param_block_opt(self):
        start = self.pos()
        t = self.peek(EXPR)
        attrs = []
        if t.kind == LBRACKET:
            try:
                attrs = self.attribute_list(skip_newlines=True)
            except TokenizerError:
                self.resync(start)
                return None
            self.skip_newlines()
            t = self.peek(CMD)
            if not (t.kind == KEYWORD and t.value == "param"):
                self.resync(start)
                return None
        else:
            t = self.peek(CMD)
            if not (t.kind == KEYWORD and t.value == "param"):
                return None
        kw = self.take()
        self.skip_newlines()
        lp = self.peek(EXPR)
        if lp.kind != LPAREN:
            # `param` not followed by `(`: a command named param
            self.resync(start)
            return None
        self.take()
        params, rp = self.parameter_list(lp, "MissingEndParenthesisInFunctionParameterList")
        for a in attrs:
            if isinstance(a, A.TypeConstraintAst):
                self.fail(a.extent.start, a.extent.end, "TypeNotAllowedBeforeStatement",
                          a.type_name.full_text())
        start = attrs[0].extent.start if attrs else kw.start
        return A.ParamBlockAst(Extent(self.source, start, rp.end), attributes=attrs,
                               parameters=params)

    def parameter_list(self, lparen, missing_end_id):
        """Parameters up to and including `)`; returns (parameters, rparen token)."""
        params = []
        self.skip_newlines()
        t = self.peek(EXPR)
        if t.kind == RPAREN:
            return params, self.take()
        while True:
            self.skip_newlines()
            p_start = self.pos()
            attrs = self.attribute_list(skip_newlines=True) if self.peek(EXPR).kind == LBRACKET \
                else []
            self.skip_newlines()
            v = self.peek(EXPR)
            if v.kind != VARIABLE or v.extra[2]:
                if v.kind == EOF:
                    self.fail(lparen.start, lparen.end, missing_end_id)
                self.fail(v.start, v.end, "InvalidFunctionParameter")
            self.take()
            scope, name = v.extra[0], v.extra[1]
            pname = name if scope is None else scope + ":" + name
            default = None
            end = v.end
            t = self.peek(EXPR)
            if t.kind == OP and t.value == "=":
                self.take()
                self.skip_newlines()
                default = self.expression(NOCOMMA)
                if default is None:
                    self.fail_after(t, "MissingExpressionAfterToken", "=")
                end = default.extent.end
            start = attrs[0].extent.start if attrs else p_start
            params.append(A.ParameterAst(Extent(self.source, start, end), name=pname,
                                         attributes=attrs, default=default))
            self.skip_newlines()
            t = self.peek(EXPR)
            if t.kind == COMMA:
                self.take()
                continue
            if t.kind == RPAREN:
                return params, self.take()
            if t.kind == EOF:
                self.fail(lparen.start, lparen.end, missing_end_id)
            self.unexpected(t)

    # ------------------------------------------------------------------------ attributes

    def attribute_list(self, skip_newlines=False):
        """One or more `[Attribute(...)]` / `[type]`, starting at a `[`. In an expression only
        a `[` on the same line continues the list, and the text right after the last `]` is
        left unscanned so that `[T]::Member` / `[T].Member` can be seen."""
        out = []
        text = self.text
        while True:
            t = self.peek(EXPR)
            if t.kind != LBRACKET:
                return out
            self.take()
            out.append(self.attribute_after_bracket(t))
            if skip_newlines:
                self.skip_newlines()
                continue
            i = self.tok.pos
            while i < len(text) and (text[i] == " " or text[i] == "\t"):
                i += 1
            if i >= len(text) or text[i] != "[":
                return out

    def attribute_after_bracket(self, lb):
        tname = self.type_name(lb)
        t = self.peek(TYPE)
        if t.kind == RBRACKET:
            self.take()
            return A.TypeConstraintAst(Extent(self.source, lb.start, t.end), type_name=tname)
        if t.kind == LPAREN and t.start == tname.extent.end:
            self.take()
            pos_args, named = self.attribute_arguments(t)
            t = self.peek(TYPE)
            if t.kind != RBRACKET:
                self.fail(lb.start, t.start, "EndSquareBracketExpectedAtEndOfAttribute")
            self.take()
            return A.AttributeAst(Extent(self.source, lb.start, t.end), type_name=tname,
                                  positional_args=pos_args, named_args=named)
        self.fail(lb.start, t.start, "EndSquareBracketExpectedAtEndOfAttribute")

    def attribute_arguments(self, lparen):
        pos_args = []
        named = []
        self.skip_newlines()
        t = self.peek(EXPR)
        if t.kind == RPAREN:
            self.take()
            return pos_args, named
        while True:
            self.skip_newlines()
            t = self.peek(EXPR | SIMPLE)
            if t.kind == IDENT:
                self.take()
                eq = self.peek(EXPR)
                if eq.kind == OP and eq.value == "=":
                    self.take()
                    self.skip_newlines()
                    val = self.expression(NOCOMMA)
                    if val is None:
                        self.fail_after(eq, "MissingExpressionInNamedArgument")
                    named.append((t.value, val))
                else:
                    named.append((t.value, None))
            else:
                e = self.expression(NOCOMMA)
                if e is None:
                    t = self.peek(EXPR)
                    if t.kind == EOF:
                        self.fail(lparen.start, lparen.end, "MissingEndParenthesisInExpression")
                    self.unexpected(t)
                pos_args.append(e)
            self.skip_newlines()
            t = self.peek(EXPR)
            if t.kind == COMMA:
                self.take()
                continue
            if t.kind == RPAREN:
                self.take()
                return pos_args, named
            if t.kind == EOF:
                self.fail(lparen.start, lparen.end, "MissingEndParenthesisInExpression")
            self.unexpected(t)

    def type_name(self, lb):
        """A type name after `[` (TypeNameRule): dotted name, generic arguments, array rank."""
        t = self.peek(TYPE)
        if t.kind != IDENT:
            if t.kind == EOF or t.kind == NEWLINE:
                self.fail(lb.start, lb.end, "MissingTypename")
            self.fail(t.start, t.end, "MissingTypename")
        self.take()
        self._rec(t.start, t.end, "type")
        name = t.value
        start = t.start
        end = t.end
        generic = []
        rank = 0
        text = self.text
        while self.la is None and self.tok.pos < len(text) and text[self.tok.pos] == "[":
            i = self.tok.pos + 1
            while i < len(text) and is_ws(text[i]):
                i += 1
            c = text[i] if i < len(text) else ""
            if c == "]" or c == ",":
                # array rank `[]` / `[,]`
                r = 1
                while c == ",":
                    r += 1
                    i += 1
                    while i < len(text) and is_ws(text[i]):
                        i += 1
                    c = text[i] if i < len(text) else ""
                if c != "]":
                    self.fail(start, i, "EndSquareBracketExpectedAtEndOfType")
                if rank:
                    # jagged arrays: keep the innermost rank, PowerShell resolves them alike
                    pass
                rank = r
                self.tok.pos = i + 1
                end = i + 1
                continue
            if rank or generic:
                break
            lb2 = self.next(TYPE)
            while True:
                self.skip_type_newlines()
                g = self.peek(TYPE)
                if g.kind == LBRACKET:
                    self.take()
                    inner = self.type_name(g)
                    self.skip_type_newlines()
                    rb = self.peek(TYPE)
                    if rb.kind != RBRACKET:
                        self.fail(g.start, rb.start, "EndSquareBracketExpectedAtEndOfType")
                    self.take()
                    generic.append(inner)
                else:
                    generic.append(self.type_name(lb2))
                self.skip_type_newlines()
                sep = self.peek(TYPE)
                if sep.kind == COMMA:
                    self.take()
                    continue
                if sep.kind == RBRACKET:
                    self.take()
                    end = sep.end
                    break
                self.fail(lb.start, sep.start, "EndSquareBracketExpectedAtEndOfType")
        return A.TypeName(Extent(self.source, start, end),
                          name=name, generic_args=generic, array_rank=rank)

    def skip_type_newlines(self):
        while True:
            t = self.peek(TYPE)
            if t.kind == NEWLINE:
                self.take()
            else:
                return

    # -------------------------------------------------------------------------- statements

    def statement_list(self):
        """StatementListRule: statements until `)`/`}`/end of input."""
        stmts = []
        traps = []
        self.skip_newlines_and_semis(CMD)
        while True:
            s = self.statement()
            if s is None:
                break
            if isinstance(s, A.TrapStatement):
                traps.append(s)
            else:
                stmts.append(s)
            self.skip_newlines_and_semis(CMD)
            t = self.la if self.la is not None else self.peek(CMD)
            k = t.kind
            if k == RPAREN or k == RCURLY or k == EOF:
                break
        return stmts, traps

    def statement(self):
        # nesting depth is bounded by Python's recursion limit (RecursionError becomes
        # ScriptTooComplicated in parse())
        t = self.peek(CMD)
        k = t.kind
        if k == KEYWORD:
            fn = _STATEMENTS.get(t.value)
            if fn is not None:
                return fn(self, t, None)
            return self.pipeline_chain()
        if k == LABEL:
            return self.labeled_statement(t)
        if k == EOF or k == RPAREN or k == RCURLY:
            return None
        if k == IDENT or (k == GENERIC and is_ident_start(self.text[t.start])):
            # a word: this can only be a command, skip the expression attempt
            return self.pipeline_chain(command_first=True)
        return self.pipeline_chain()

    def labeled_statement(self, label):
        start = label.start
        self.take()
        self.skip_newlines()
        t = self.peek(CMD)
        if t.kind == KEYWORD and t.value in ("foreach", "for", "while", "do", "switch"):
            return _STATEMENTS[t.value](self, t, label)
        self.resync(start)
        return self.pipeline_chain()

    # -- pipelines

    def pipeline_chain(self, command_first=False):
        expr = None if command_first else self.expression(0)
        if expr is not None:
            _m = EXPR
            t = self.la if (self.la is not None and self.la_mode == _m) else self.peek(_m)
            if t.kind == OP and t.value in ASSIGN_OPS:
                self.take()
                self.skip_newlines()
                value = self.statement()
                if value is None:
                    self.fail_after(t, "ExpectedValueExpression", t.value)
                return A.Assignment(Extent(self.source, expr.extent.start, value.extent.end),
                                    expr, t.value, value)
        left = self.pipeline(expr, command_first)
        if left is None:
            return None
        while True:
            _m = EXPR
            t = self.la if (self.la is not None and self.la_mode == _m) else self.peek(_m)
            if t.kind == ANDAND or t.kind == OROR:
                self.take()
                self.skip_newlines()
                _m = EXPR
                first = self.la if (self.la is not None and self.la_mode == _m) else self.peek(_m)
                right = self.pipeline(None)
                if right is None:
                    if first.kind == EOF:
                        self.fail_after(t, "EmptyPipelineChainElement")
                    self.fail(t.start, first.end, "EmptyPipelineChainElement")
                left = A.PipelineChain(Extent(self.source, left.extent.start, right.extent.end),
                                       left=left,
                                       operator=t.value if t.kind == OP else t.kind,
                                       right=right)
                continue
            if t.kind == AMP:
                self.take()
                _m = EXPR
                n = self.la if (self.la is not None and self.la_mode == _m) else self.peek(_m)
                if n.kind == ANDAND or n.kind == OROR:
                    self.fail_at(n, "BackgroundOperatorInPipelineChain")
                left.background = True
                left.extent = Extent(self.source, left.extent.start, t.end)
            return left

    def pipeline(self, expr, command_first=False):
        elements = []
        while True:
            if expr is None and not command_first:
                expr = self.expression(0)
            command_first = False
            if expr is not None:
                if elements:
                    self.fail(expr.extent.start, expr.extent.end,
                              "ExpressionsMustBeFirstInPipeline")
                redirs = []
                end = expr.extent.end
                while True:
                    _m = EXPR
                    t = self.la if (self.la is not None and self.la_mode == _m) else self.peek(_m)
                    if t.kind != REDIR and t.kind != INREDIR:
                        break
                    self.take()
                    r = self.redirection(t, redirs)
                    end = r.extent.end if r is not None else end
                elements.append(A.CommandExpression(Extent(self.source, expr.extent.start, end),
                                                    expr, redirs))
            else:
                cmd = self.command()
                if cmd is not None:
                    elements.append(cmd)
                else:
                    _m = EXPR
                    t = self.la if (self.la is not None and self.la_mode == _m) else self.peek(_m)
                    if elements or t.kind == PIPE:
                        if t.kind == EOF:
                            self.fail(t.start, t.start, "EmptyPipeElement")
                        self.fail(t.start, t.end, "EmptyPipeElement")
            expr = None
            _m = EXPR
            t = self.la if (self.la is not None and self.la_mode == _m) else self.peek(_m)
            k = t.kind
            if k == NEWLINE and elements and self._pipe_continuation(t.end):
                self.skip_newlines()
                _m = EXPR
                t = self.la if (self.la is not None and self.la_mode == _m) else self.peek(_m)
                k = t.kind
            if k == PIPE:
                self.take()
                self.skip_newlines()
                _m = EXPR
                n = self.la if (self.la is not None and self.la_mode == _m) else self.peek(_m)
                if n.kind == EOF:
                    self.fail(t.end, t.end, "EmptyPipeElement")
                continue
            if k in _PIPELINE_END:
                break
            self.unexpected(t)
        if not elements:
            return None
        return A.Pipeline(Extent(self.source, elements[0].extent.start, elements[-1].extent.end),
                          elements)

    def _pipe_continuation(self, i):
        """A line whose first non-blank character is `|` continues the pipeline (PS 7);
        comment lines may come between, blank lines may not."""
        return _PIPE_CONTINUATION.match(self.text, i) is not None

    def redirection(self, t, redirs):
        if t.kind == REDIR and t.extra[1] is not None:
            frm, to, _ = t.extra
            if to != "1" or frm == to:
                self.fail_at(t, "RedirectionNotSupported", self.text[t.start:t.end])
            r = A.Redirection(Extent(self.source, t.start, t.end), from_stream=frm, to_stream=to)
        else:
            target = self.single_command_argument()
            if target is None:
                self.fail_after(t, "MissingFileSpecification")
            if t.kind == INREDIR:
                self.fail_at(t, "RedirectionNotSupported", "<")
            frm, _, append = t.extra
            r = A.Redirection(Extent(self.source, t.start, target.extent.end), from_stream=frm,
                              target=target, append=append)
        for other in redirs:
            if other.from_stream == r.from_stream:
                name = {"*": "AllStream", "1": "OutputStream", "2": "ErrorStream",
                        "3": "WarningStream", "4": "VerboseStream", "5": "DebugStream",
                        "6": "InformationStream"}[r.from_stream]
                self.fail(r.extent.start, r.extent.end, "StreamAlreadyRedirected",
                          _message(name, ()))
        redirs.append(r)
        return r

    def single_command_argument(self):
        t = self.peek(CMD)
        if t.kind in _NO_ITEM_AFTER_COMMA:
            return None
        self.take()
        return self.command_argument(t, "file")

    # -- commands

    def command(self):
        t = self.peek(CMD)
        first = t
        inv = None
        ctx = "name"
        if t.kind == DOT or t.kind == AMP:
            self.take()
            inv = "." if t.kind == DOT else "&"
            ctx = "name_inv"
            t = self.peek(CMD)
        elements = []
        redirs = []
        saw_dashdash = False
        end = first.end
        while True:
            k = t.kind
            if k in _COMMAND_END:
                break
            self.take()
            if k == MINUSMINUS_ARG:
                if saw_dashdash:
                    elements.append(A.StringConstant(Extent(self.source, t.start, t.end),
                                                     "--", "bareword"))
                saw_dashdash = True
                end = t.end
            elif k == COMMA:
                self.fail_at(t, "MissingArgument")
            elif k == PARAM:
                if ctx != "arg" or saw_dashdash:
                    node = A.StringConstant(Extent(self.source, t.start, t.end),
                                            self.text[t.start:t.end], "bareword")
                    elements.append(node)
                    if ctx != "arg":
                        self._rec(t.start, t.end, "command")
                else:
                    arg = None
                    pend = t.end
                    if t.extra:
                        n = self.peek(CMD)
                        if n.kind != COMMA:
                            if n.kind in _NO_PARAMETER_VALUE:
                                self.fail_after(t, "ParameterRequiresArgument",
                                                self.text[t.start:t.end])
                            self.take()
                            arg = self.command_argument(n, "arg")
                            pend = arg.extent.end
                    elements.append(A.CommandParameter(Extent(self.source, t.start, pend), t.value,
                                                       arg, bool(t.extra)))
                end = elements[-1].extent.end
            elif k == REDIR or k == INREDIR:
                if ctx != "arg":
                    elements.append(A.StringConstant(Extent(self.source, t.start, t.end),
                                                     self.text[t.start:t.end], "bareword"))
                    end = t.end
                else:
                    r = self.redirection(t, redirs)
                    end = r.extent.end
            else:
                node = self.command_argument(t, ctx)
                elements.append(node)
                end = node.extent.end
                if ctx != "arg" and self.rec is not None:
                    self._rec(node.extent.start, node.extent.end, "command")
                if k == GENERIC and t.value == "--%" and ctx == "arg":
                    if self.la is not None:
                        self.resync(self.la.start)
                    v = self.tok.verbatim_argument()
                    self.la = None
                    elements.append(A.StringConstant(Extent(self.source, v.start, v.end),
                                                     v.value, "verbatim"))
                    end = v.end
                    ctx = "arg"
                    t = self.peek(CMD)
                    continue
            ctx = "arg"
            t = self.peek(CMD)
        if not elements:
            if inv is not None:
                self.fail_at(first, "MissingExpression", inv)
            return None
        return A.Command(Extent(self.source, first.start, end), inv, elements, redirs)

    def command_argument(self, t, ctx):
        """GetCommandArgument for an already-taken token ``t``; in argument context a comma
        builds an array."""
        items = None
        while True:
            k = t.kind
            if k in _PRIMARY_START:
                node = self.primary_from(t, CMD)
                node = self.postfix(node)
            elif k == GENERIC:
                ext = Extent(self.source, t.start, t.end)
                if t.extra is not None and ctx != "name":
                    node = A.ExpandableString(ext, t.extra, "bareword")
                else:
                    node = A.StringConstant(ext, value=t.value, kind="bareword")
            elif k == UNKNOWN:
                self.fail_at(t, "UnrecognizedToken")
            else:
                node = A.StringConstant(Extent(self.source, t.start, t.end),
                                        self.text[t.start:t.end], "bareword")
            if ctx != "arg":
                return node
            n = self.peek(CMD)
            if n.kind != COMMA:
                if items is None:
                    return node
                items.append(node)
                return A.ArrayLiteral(Extent(self.source, items[0].extent.start, node.extent.end),
                                      items)
            if items is None:
                items = []
            items.append(node)
            comma = self.take()
            self.skip_newlines()
            t = self.peek(CMD)
            if t.kind in _NO_ITEM_AFTER_COMMA:
                self.fail_after(comma, "MissingExpression", ",")
            self.take()

    # ------------------------------------------------------------------------- expressions

    def expression(self, flags):
        """ExpressionRule: binary expression (BinaryExpressionRule over ArrayLiteralRule over
        UnaryExpressionRule, folded into one loop here for speed), then an optional ternary.
        None when the next token cannot start an expression (it starts a command)."""
        lhs = self.unary(flags)
        if lhs is None:
            return None
        m = EXPR | (flags & TERN)
        la = self.la
        t = la if (la is not None and self.la_mode == m) else self.peek(m)
        if t.kind == COMMA and not flags & NOCOMMA:
            lhs = self._array_rest(lhs, flags)
            t = self.peek(m)
        if t.kind == OP:
            if t.value in PRECEDENCE:
                lhs = self._binary_rest(lhs, t, flags)
                t = self.peek(m)
            if t.kind == OP and t.value == "?":
                return self._ternary_rest(lhs, t, flags)
        return lhs

    def _ternary_rest(self, cond, t, flags):
        self.take()
        self.skip_newlines()
        yes = self.expression(flags | TERN)
        if yes is None:
            self.fail_after(t, "ExpectedValueExpression", "?")
        self.skip_newlines()
        c = self.peek(EXPR | TERN)
        if not (c.kind == OP and c.value == ":"):
            if c.kind == EOF:
                self.fail(c.start, c.start, "MissingColonInTernaryExpression")
            self.fail_at(c, "MissingColonInTernaryExpression")
        self.take()
        self.skip_newlines()
        no = self.expression(flags | TERN)
        if no is None:
            self.fail_after(c, "ExpectedValueExpression", ":")
        return A.TernaryExpression(Extent(self.source, cond.extent.start, no.extent.end),
                                   condition=cond, if_true=yes, if_false=no)

    def _operand(self, flags):
        """ArrayLiteralRule: a unary expression, or several joined by commas."""
        first = self.unary(flags)
        if first is None or flags & NOCOMMA:
            return first
        m = EXPR | (flags & TERN)
        t = self.la if (self.la is not None and self.la_mode == m) else self.peek(m)
        if t.kind != COMMA:
            return first
        return self._array_rest(first, flags)

    def _array_rest(self, first, flags):
        items = [first]
        m = EXPR | (flags & TERN)
        t = self.peek(m)
        while t.kind == COMMA:
            self.take()
            self.skip_newlines()
            e = self.unary(flags)
            if e is None:
                self.fail_after(t, "MissingExpressionAfterToken", ",")
            items.append(e)
            t = self.peek(m)
        return A.ArrayLiteral(Extent(self.source, first.extent.start, items[-1].extent.end), items)

    def _binary_rest(self, lhs, t, flags):
        """Operator-precedence loop (all binary operators are left-associative)."""
        src = self.source
        operands = [lhs]
        ops = []
        m = EXPR | (flags & TERN)
        while t.kind == OP:
            prec = PRECEDENCE.get(t.value)
            if prec is None:
                break
            self.take()
            self.skip_newlines()
            rhs = self._operand(flags)
            if rhs is None:
                n = self.peek(EXPR)
                if n.kind == EOF:
                    self.fail_after(t, "ExpectedValueExpression", self.text[t.start:t.end])
                self.fail(n.start, n.end, "ExpectedValueExpression", self.text[t.start:t.end])
            while ops and PRECEDENCE[ops[-1]] >= prec:
                r = operands.pop()
                l = operands.pop()
                operands.append(A.BinaryExpression(Extent(src, l.extent.start, r.extent.end),
                                                   ops.pop(), l, r))
            ops.append(t.value)
            operands.append(rhs)
            la = self.la
            t = la if (la is not None and self.la_mode == m) else self.peek(m)
        while ops:
            r = operands.pop()
            l = operands.pop()
            operands.append(A.BinaryExpression(Extent(src, l.extent.start, r.extent.end),
                                               ops.pop(), l, r))
        return operands[0]

    def unary(self, flags):
        mode = EXPR | SIGNED | (flags & TERN)
        t = self.la
        if t is None:
            t = self.la = self._scan(mode)
            self.la_mode = mode
        elif self.la_mode != mode:
            if t.kind == GENERIC:
                self.resync(t.start)
            t = self.peek(mode)
        k = t.kind
        if k == VARIABLE or k == NUMBER or k == STRING:
            # the common operands, without the general primary-expression machinery
            self.la = None  # take(), inlined
            if self.rec is not None:
                self._record_token(t)
            if k == VARIABLE:
                extra = t.extra
                if extra[2]:
                    self.fail(t.start, t.end, "SplattingNotPermitted", t.value, t.value)
                if extra[0] is None:
                    expr = A.VariableExpression(Extent(self.source, t.start, t.end), extra[1],
                                                None, False)
                else:
                    expr = self.tok.variable_node(t)
            elif k == NUMBER:
                expr = A.Constant(Extent(self.source, t.start, t.end), t.value)
            else:
                expr = A.StringConstant(Extent(self.source, t.start, t.end), t.value, t.extra)
            i = self.tok.pos
            if i < self.n and self.text[i] in ".[:?":
                expr = self.postfix(expr)
        elif k == OP and t.value in UNARY_OPS or (k == COMMA and not flags & NOCOMMA):
            self.take()
            self.skip_newlines()
            child = self.unary(TERN | (flags & NOCOMMA))
            if child is None:
                n = self.peek(EXPR)
                op = self.text[t.start:t.end]
                if n.kind == EOF:
                    self.fail_after(t, "MissingExpressionAfterOperator", op)
                self.fail(n.start, n.end, "MissingExpressionAfterOperator", op)
            ext = Extent(self.source, t.start, child.extent.end)
            if k == COMMA:
                expr = A.ArrayLiteral(ext, [child])
            else:
                expr = A.UnaryExpression(ext, t.value, child)
        elif k == LBRACKET:
            expr = self.type_or_attribute_expression(t, flags)
        else:
            expr = self.primary(t, mode)
            if expr is None:
                return None
        m = EXPR | (flags & TERN)
        t = self.la
        if t is None:
            t = self.la = self._scan(m)
            self.la_mode = m
        elif self.la_mode != m:
            t = self.peek(m)
        if t.kind == OP and (t.value == "++" or t.value == "--"):
            self.take()
            expr = A.UnaryExpression(Extent(self.source, expr.extent.start, t.end),
                                     "post" + t.value, expr)
        return expr

    def type_or_attribute_expression(self, lb, flags):
        attrs = self.attribute_list()
        last = attrs[-1]
        if isinstance(last, A.AttributeAst):
            self.skip_newlines()
            child = self.unary(TERN)
            if child is None:
                self.fail(last.extent.start, last.extent.end, "UnexpectedAttribute",
                          last.type_name.full_text())
            expr = A.AttributedExpression(Extent(self.source, last.extent.start, child.extent.end),
                                          attribute=last, child=child)
        else:
            expr = None
            text = self.text
            i = self.tok.pos
            if self.la is None and i < len(text) and (
                    text[i] == "." or text.startswith("::", i) or text[i] == "["):
                expr = self.postfix(A.TypeExpression(last.extent, type_name=last.type_name))
            else:
                n = self.peek(EXPR | SIGNED | TERN)
                if n.kind != NEWLINE and n.kind != COMMA:
                    child = self.unary(TERN)
                    if child is not None:
                        expr = A.ConvertExpression(
                            Extent(self.source, last.extent.start, child.extent.end),
                            type_name=last.type_name, child=child)
            if expr is None:
                expr = A.TypeExpression(last.extent, type_name=last.type_name)
        for a in reversed(attrs[:-1]):
            ext = Extent(self.source, a.extent.start, expr.extent.end)
            if isinstance(a, A.TypeConstraintAst):
                expr = A.ConvertExpression(ext, type_name=a.type_name, child=expr)
            else:
                expr = A.AttributedExpression(ext, attribute=a, child=expr)
        return expr

    def primary(self, t, mode):
        k = t.kind
        if k in _PRIMARY_START:
            self.take()
            if k == VARIABLE and t.extra[2]:
                name = t.value
                self.fail(t.start, t.end, "SplattingNotPermitted", name, name)
            return self.postfix(self.primary_from(t, mode))
        return None

    def primary_from(self, t, mode):
        """The expression for an already-taken primary token."""
        k = t.kind
        if k == VARIABLE:
            return self.tok.variable_node(t)
        if k == NUMBER:
            return A.Constant(Extent(self.source, t.start, t.end), t.value)
        if k == STRING:
            return A.StringConstant(Extent(self.source, t.start, t.end), t.value, t.extra)
        if k == XSTRING:
            return A.ExpandableString(Extent(self.source, t.start, t.end), t.extra[1], t.extra[0])
        if k == LPAREN:
            return self.paren_expression(t)
        if k == DOLLARPAREN or k == ATPAREN:
            stmts, traps = self.statement_list()
            r = self.peek(EXPR)
            if r.kind != RPAREN:
                self.fail(r.start, r.end, "MissingEndParenthesisInSubexpression")
            self.take()
            body = A.StatementBlock(Extent(self.source, t.end, r.start), stmts, traps)
            ext = Extent(self.source, t.start, r.end)
            if k == DOLLARPAREN:
                return A.SubExpression(ext, body=body)
            return A.ArrayExpression(ext, body=body)
        if k == ATCURLY:
            return self.hash_literal(t)
        if k == LCURLY:
            return self.script_block_expression(t)
        raise AssertionError(k)

    def paren_expression(self, lp):
        self.skip_newlines()
        s = self.pipeline_chain()
        if s is None:
            r = self.peek(EXPR)
            if r.kind == EOF:
                self.fail_after(lp, "ExpectedExpression")
            if r.kind == RPAREN:
                self.fail(r.start, r.start, "ExpectedExpression")
            self.unexpected(r)
        self.skip_newlines()
        r = self.peek(EXPR)
        if r.kind != RPAREN:
            self.fail_after(s, "MissingEndParenthesisInExpression")
        self.take()
        return A.ParenExpression(Extent(self.source, lp.start, r.end), s)

    def hash_literal(self, at):
        pairs = []
        while True:
            self.skip_newlines_and_semis()
            t = self.peek(EXPR | SIMPLE)
            if t.kind == RCURLY:
                self.take()
                return A.HashtableLiteral(Extent(self.source, at.start, t.end), pairs=pairs)
            if t.kind == EOF:
                self.fail(at.start, at.end, "MissingEndCurlyBrace")
            if t.kind == IDENT:
                self.take()
                key = A.StringConstant(Extent(self.source, t.start, t.end), t.value, "bareword")
                self._rec(t.start, t.end, "member")
            else:
                key = self.unary(NOCOMMA)
                if key is None:
                    self.unexpected(self.peek(EXPR))
            eq = self.peek(EXPR)
            if not (eq.kind == OP and eq.value == "="):
                if eq.kind == EOF:
                    self.fail_after(key, "MissingEqualsInHashLiteral")
                self.fail(eq.start, eq.end, "MissingEqualsInHashLiteral")
            self.take()
            self.skip_newlines()
            value = self.statement()
            if value is None:
                self.fail_after(eq, "MissingStatementInHashLiteral")
            pairs.append((key, value))
            t = self.peek(EXPR)
            if t.kind not in _HASH_ENTRY_END:
                self.fail(at.start, at.end, "MissingEndCurlyBrace")

    def script_block_expression(self, lc):
        body = self.script_block_body(lc, lc.start)
        return A.ScriptBlockExpression(body.extent, body)

    # -- member access, invocation, indexing

    def postfix(self, expr):
        text = self.text
        n = len(text)
        while self.la is None:
            i = self.tok.pos
            if i >= n:
                return expr
            c = text[i]
            if c == ".":
                if i + 1 < n and text[i + 1] == ".":
                    return expr
                self.tok.pos = i + 1
                expr = self.member(expr, i, False, False)
            elif c == ":":
                if i + 1 < n and text[i + 1] == ":":
                    self.tok.pos = i + 2
                    expr = self.member(expr, i, True, False)
                else:
                    return expr
            elif c == "[":
                self.tok.pos = i + 1
                expr = self.index(expr, i, False)
            elif c == "?" and i + 1 < n and text[i + 1] in ".[":
                if text[i + 1] == ".":
                    self.tok.pos = i + 2
                    expr = self.member(expr, i, False, True)
                else:
                    self.tok.pos = i + 2
                    expr = self.index(expr, i, True)
            else:
                return expr
        return expr

    def member(self, target, op_pos, static, nullcond):
        name_tok = self.tok.member_name()
        if name_tok is not None:
            self._rec(name_tok.start, name_tok.end, "member")
            member = A.StringConstant(Extent(self.source, name_tok.start, name_tok.end),
                                      name_tok.value, "bareword")
        else:
            t = self.peek(EXPR)
            if t.start != op_pos + (2 if static or nullcond else 1) or t.kind not in (
                    VARIABLE, STRING, XSTRING, LPAREN, DOLLARPAREN, ATPAREN, NUMBER, GENERIC):
                if t.kind == EOF:
                    self.fail(t.start, t.start, "MissingPropertyName")
                self.fail(op_pos + 1, op_pos + 1, "MissingPropertyName")
            self.take()
            if t.kind == VARIABLE and t.extra[2]:
                self.fail_at(t, "SplattingNotPermitted", t.value, t.value)
            if t.kind == GENERIC:
                # `$x.0Count`: a word that is not an identifier still names the member
                member = A.StringConstant(Extent(self.source, t.start, t.end), t.value, "bareword")
            else:
                member = self.primary_from(t, EXPR)
        text = self.text
        i = self.tok.pos
        if self.la is None and i < len(text):
            c = text[i]
            if c == "(":
                self.tok.pos = i + 1
                args, end = self.method_arguments(i)
                return A.InvokeMemberExpression(Extent(self.source, target.extent.start, end),
                                                target=target,
                                                member=member, arguments=args, static=static,
                                                null_conditional=nullcond)
            if c == "{":
                self.tok.pos = i + 1
                lc = Token(LCURLY, i, i + 1)
                sb = self.script_block_expression(lc)
                return A.InvokeMemberExpression(
                    Extent(self.source, target.extent.start, sb.extent.end), target=target,
                    member=member, arguments=[sb], static=static, null_conditional=nullcond)
        return A.MemberExpression(Extent(self.source, target.extent.start, member.extent.end),
                                  target, member, static, nullcond)

    def method_arguments(self, lparen_pos):
        args = []
        self.skip_newlines()
        t = self.peek(EXPR)
        if t.kind == RPAREN:
            self.take()
            return args, t.end
        comma = None
        while True:
            self.skip_newlines()
            e = self.expression(NOCOMMA)
            if e is None:
                self.peek(EXPR)
                if comma is not None:
                    self.fail_after(comma, "MissingExpressionAfterToken", ",")
                self.fail(lparen_pos + 1, lparen_pos + 1, "MissingEndParenthesisInMethodCall")
            args.append(e)
            self.skip_newlines()
            t = self.peek(EXPR)
            if t.kind == COMMA:
                comma = self.take()
                continue
            if t.kind == RPAREN:
                self.take()
                return args, t.end
            self.fail_after(args[-1], "MissingEndParenthesisInMethodCall")

    def index(self, target, lb_pos, nullcond):
        self.skip_newlines()
        e = self.expression(0)
        if e is None:
            t = self.peek(EXPR)
            if t.kind == EOF:
                self.fail(lb_pos, lb_pos + 1, "MissingArrayIndexExpression")
            self.fail(lb_pos + 1, lb_pos + 1, "MissingArrayIndexExpression")
        self.skip_newlines()
        t = self.peek(EXPR)
        if t.kind != RBRACKET:
            self.fail_after(e, "MissingEndSquareBracket")
        self.take()
        return A.IndexExpression(Extent(self.source, target.extent.start, t.end), target, e,
                                 nullcond)

    # -------------------------------------------------------------------- keyword statements

    def if_statement(self, kw, label):
        self.take()
        clauses = []
        else_body = None
        word = kw
        while True:
            self.skip_newlines()
            lp = self.peek(EXPR)
            if lp.kind != LPAREN:
                self.fail_after(word, "MissingOpenParenthesisInIfStatement", word.value)
            self.take()
            self.skip_newlines()
            cond = self.pipeline_chain()
            if cond is None:
                self.fail_after(lp, "IfStatementMissingCondition", word.value)
            self.skip_newlines()
            rp = self.peek(EXPR)
            if rp.kind != RPAREN:
                if rp.kind == EOF:
                    self.fail_after(cond, "MissingEndParenthesisAfterStatement", word.value)
                self.fail(rp.start, rp.end, "MissingEndParenthesisAfterStatement", word.value)
            self.take()
            body = self.statement_block(rp, "MissingStatementBlock", word.value)
            clauses.append((cond, body))
            end = body.extent.end
            if self.la is None and not _ELSE_AHEAD.match(self.text, self.tok.pos):
                break
            restore = self.pos()
            self.skip_newlines()
            t = self.peek(CMD)
            if t.kind == KEYWORD and t.value == "elseif":
                word = self.take()
                continue
            if t.kind == KEYWORD and t.value == "else":
                self.take()
                else_body = self.statement_block(t, "MissingStatementBlockAfterElse")
                end = else_body.extent.end
            else:
                self.resync(restore)
            break
        return A.IfStatement(Extent(self.source, kw.start, end),
                             clauses=clauses, else_body=else_body)

    def _loop_label(self, label):
        return label.value if label is not None else None

    def _start(self, kw, label):
        return label.start if label is not None else kw.start

    def switch_statement(self, kw, label):
        self.take()
        flags = []
        file_expr = None
        while True:
            self.skip_newlines()
            t = self.peek(CMD)
            if t.kind != PARAM:
                break
            self.take()
            name = t.value.lower()
            matched = None
            for f in ("regex", "wildcard", "exact", "casesensitive", "parallel", "file"):
                if f.startswith(name):
                    matched = f
                    break
            if matched is None:
                self.fail_at(t, "InvalidSwitchFlag", self.text[t.start:t.end])
            if matched == "file":
                file_expr = self.single_command_argument()
                if file_expr is None:
                    self.fail_after(t, "MissingFilenameOption")
            if matched not in flags:
                flags.append(matched)
        cond = None
        if file_expr is None:
            self.skip_newlines()
            lp = self.peek(EXPR)
            if lp.kind != LPAREN:
                self.fail_after(kw, "PipelineValueRequired")
            self.take()
            self.skip_newlines()
            cond = self.pipeline_chain()
            if cond is None:
                self.fail_after(lp, "PipelineValueRequired")
            self.skip_newlines()
            rp = self.peek(EXPR)
            if rp.kind != RPAREN:
                if rp.kind == EOF:
                    self.fail_after(cond, "MissingEndParenthesisInSwitchStatement")
                self.fail_at(rp, "MissingEndParenthesisInSwitchStatement")
            self.take()
        self.skip_newlines()
        lc = self.peek(EXPR)
        if lc.kind != LCURLY:
            if lc.kind == EOF:
                self.fail(lc.start, lc.start, "MissingCurlyBraceInSwitchStatement")
            self.fail_at(lc, "MissingCurlyBraceInSwitchStatement")
        self.take()
        clauses = []
        default = None
        while True:
            self.skip_newlines_and_semis()
            t = self.peek(CMD)
            if t.kind == RCURLY:
                self.take()
                break
            if t.kind == EOF:
                self.fail(lc.start, lc.end, "MissingEndCurlyBrace")
            self.take()
            pattern = self.command_argument(t, "switch")
            self.skip_newlines()
            b = self.peek(EXPR)
            if b.kind != LCURLY:
                if b.kind == EOF:
                    self.fail_after(pattern, "MissingSwitchStatementClause")
                self.fail_at(b, "MissingSwitchStatementClause")
            self.take()
            body = self.statement_block_after(b)
            if isinstance(pattern, A.StringConstant) and pattern.kind == "bareword" and \
                    pattern.value.lower() == "default":
                if default is not None:
                    self.fail(pattern.extent.start, pattern.extent.end,
                              "MultipleSwitchDefaultClauses")
                default = body
            else:
                clauses.append(A.SwitchClause(
                    Extent(self.source, pattern.extent.start, body.extent.end), pattern=pattern,
                    body=body))
        return A.SwitchStatement(Extent(self.source, self._start(kw, label), t.end),
                                 label=self._loop_label(label), flags=flags, condition=cond,
                                 file=file_expr, clauses=clauses, default=default)

    def foreach_statement(self, kw, label):
        self.take()
        self.skip_newlines()
        t = self.peek(CMD)
        while t.kind == PARAM:
            # -Parallel / -ThrottleLimit n (workflow forms)
            self.take()
            if "throttlelimit".startswith(t.value.lower()):
                if self.single_command_argument() is None:
                    self.fail_after(t, "MissingThrottleLimit")
            self.skip_newlines()
            t = self.peek(CMD)
        lp = self.peek(EXPR)
        if lp.kind != LPAREN:
            self.fail_after(kw, "MissingOpenParenthesisAfterKeyword", kw.value)
        self.take()
        self.skip_newlines()
        v = self.peek(EXPR)
        if v.kind != VARIABLE or v.extra[2]:
            self.fail_after(lp, "MissingVariableNameAfterForeach")
        self.take()
        var = self.tok.variable_node(v)
        self.skip_newlines()
        i = self.peek(CMD)
        if not (i.kind == KEYWORD and i.value == "in"):
            self.fail_after(v, "MissingInInForeach")
        self.take()
        self.skip_newlines()
        it = self.pipeline_chain()
        if it is None:
            self.fail_after(i, "MissingForeachExpression")
        self.skip_newlines()
        rp = self.peek(EXPR)
        if rp.kind != RPAREN:
            if rp.kind == EOF:
                self.fail_after(it, "MissingEndParenthesisAfterForeach")
            self.fail_at(rp, "MissingEndParenthesisAfterForeach")
        self.take()
        body = self.statement_block(rp, "MissingForeachStatement")
        return A.ForEachStatement(Extent(self.source, self._start(kw, label), body.extent.end),
                                  label=self._loop_label(label), variable=var, iterable=it,
                                  body=body)

    def for_statement(self, kw, label):
        self.take()
        self.skip_newlines()
        lp = self.peek(EXPR)
        if lp.kind != LPAREN:
            self.fail_after(kw, "MissingOpenParenthesisAfterKeyword", kw.value)
        self.take()
        self.skip_newlines()
        parts = []
        for n in range(3):
            t = self.peek(EXPR)
            s = None
            if t.kind not in _FOR_PART_END:
                s = self.pipeline_chain()
            parts.append(s)
            t = self.peek(EXPR)
            if n < 2 and (t.kind == SEMI or t.kind == NEWLINE):
                self.take()
            self.skip_newlines()
        rp = self.peek(EXPR)
        if rp.kind != RPAREN:
            if rp.kind == EOF:
                self.fail(rp.start, rp.start, "MissingEndParenthesisAfterStatement", kw.value)
            self.fail_at(rp, "MissingEndParenthesisAfterStatement", kw.value)
        self.take()
        body = self.statement_block(rp, "MissingLoopStatement", kw.value)
        return A.ForStatement(Extent(self.source, self._start(kw, label), body.extent.end),
                              label=self._loop_label(label), initializer=parts[0],
                              condition=parts[1], iterator=parts[2], body=body)

    def _paren_condition(self, kw):
        self.skip_newlines()
        lp = self.peek(EXPR)
        if lp.kind != LPAREN:
            self.fail_after(kw, "MissingOpenParenthesisAfterKeyword", kw.value)
        self.take()
        self.skip_newlines()
        cond = self.pipeline_chain()
        if cond is None:
            self.fail_after(lp, "MissingExpressionAfterKeyword", kw.value)
        self.skip_newlines()
        rp = self.peek(EXPR)
        if rp.kind != RPAREN:
            if rp.kind == EOF:
                self.fail_after(cond, "MissingEndParenthesisAfterStatement", kw.value)
            self.fail_at(rp, "MissingEndParenthesisAfterStatement", kw.value)
        self.take()
        return cond, rp

    def while_statement(self, kw, label):
        self.take()
        cond, rp = self._paren_condition(kw)
        body = self.statement_block(rp, "MissingLoopStatement", kw.value)
        return A.WhileStatement(Extent(self.source, self._start(kw, label), body.extent.end),
                                label=self._loop_label(label), condition=cond, body=body)

    def do_statement(self, kw, label):
        self.take()
        body = self.statement_block(kw, "MissingLoopStatement", kw.value)
        self.skip_newlines()
        t = self.peek(CMD)
        if not (t.kind == KEYWORD and t.value in ("while", "until")):
            self.fail_after(body, "MissingWhileOrUntilInDoWhile")
        self.take()
        cond, rp = self._paren_condition(t)
        cls = A.DoWhileStatement if t.value == "while" else A.DoUntilStatement
        return cls(Extent(self.source, self._start(kw, label),
                   rp.end), label=self._loop_label(label),
                   body=body, condition=cond)

    def function_statement(self, kw, label):
        self.take()
        self.skip_newlines()
        t = self.peek(CMD)
        if t.kind in _NOT_A_FUNCTION_NAME:
            self.fail_after(kw, "MissingNameAfterKeyword", kw.value)
        self.take()
        if t.kind == GENERIC:
            name = t.value
        elif t.kind in _STRING_ONLY:
            name = t.value
        else:
            name = self.text[t.start:t.end]
        self._rec(t.start, t.end, "command")
        self.skip_newlines()
        params = []
        lp = self.peek(EXPR)
        if lp.kind == LPAREN:
            self.take()
            params, _ = self.parameter_list(lp, "MissingEndParenthesisInFunctionParameterList")
            self.skip_newlines()
        lc = self.peek(EXPR)
        if lc.kind != LCURLY:
            if lc.kind == EOF:
                self.fail_after(t, "MissingFunctionBody")
            self.fail_at(lc, "MissingFunctionBody")
        self.take()
        body = self.script_block_body(lc, lc.start)
        is_filter = kw.value == "filter"
        if is_filter and body.process is None and body.begin is None and \
                body.dynamicparam is None:
            body.process, body.end = body.end, None
        body.is_filter = is_filter
        body.help_comment = self._function_help(kw.start, lc, body)
        return A.FunctionDefinition(Extent(self.source, kw.start, body.extent.end), name=name,
                                    is_filter=is_filter, is_workflow=kw.value == "workflow",
                                    parameters=params, body=body)

    def _flow(self, kw, cls):
        self.take()
        t = self.peek(EXPR)
        if t.kind in _COMMAND_END:
            return cls(Extent(self.source, kw.start, kw.end))
        p = self.pipeline_chain()
        if p is None:
            return cls(Extent(self.source, kw.start, kw.end))
        return cls(Extent(self.source, kw.start, p.extent.end), pipeline=p)

    def return_statement(self, kw, label):
        return self._flow(kw, A.ReturnStatement)

    def throw_statement(self, kw, label):
        return self._flow(kw, A.ThrowStatement)

    def exit_statement(self, kw, label):
        return self._flow(kw, A.ExitStatement)

    def _break_like(self, kw, cls):
        self.take()
        t = self.peek(EXPR | SIMPLE)
        if t.kind == IDENT:
            self.take()
            lab = A.StringConstant(Extent(self.source, t.start, t.end), t.value, "bareword")
            return cls(Extent(self.source, kw.start, t.end), label=lab)
        if t.kind in _FLOW_END:
            return cls(Extent(self.source, kw.start, kw.end))
        e = self.unary(NOCOMMA)
        if e is None:
            return cls(Extent(self.source, kw.start, kw.end))
        return cls(Extent(self.source, kw.start, e.extent.end), label=e)

    def break_statement(self, kw, label):
        return self._break_like(kw, A.BreakStatement)

    def continue_statement(self, kw, label):
        return self._break_like(kw, A.ContinueStatement)

    def trap_statement(self, kw, label):
        self.take()
        self.skip_newlines()
        t = self.peek(EXPR)
        tname = None
        if t.kind == LBRACKET:
            self.take()
            tname = self.type_name(t)
            rb = self.peek(TYPE)
            if rb.kind != RBRACKET:
                self.fail(t.start, rb.start, "EndSquareBracketExpectedAtEndOfType")
            self.take()
        body = self.statement_block(kw if tname is None else None, "MissingTrapStatement")
        return A.TrapStatement(Extent(self.source, kw.start, body.extent.end),
                               type_name=tname, body=body)

    def try_statement(self, kw, label):
        self.take()
        body = self.statement_block(kw, "MissingTryStatementBlock")
        catches = []
        fin = None
        end = body.extent.end
        while True:
            if self.la is None and not _CATCH_AHEAD.match(self.text, self.tok.pos):
                break
            restore = self.pos()
            self.skip_newlines()
            t = self.peek(CMD)
            if t.kind == KEYWORD and t.value == "catch" and fin is None:
                self.take()
                types = []
                self.skip_newlines()
                while True:
                    b = self.peek(EXPR)
                    if b.kind != LBRACKET:
                        break
                    self.take()
                    tn = self.type_name(b)
                    rb = self.peek(TYPE)
                    if rb.kind != RBRACKET:
                        self.fail(b.start, rb.start, "EndSquareBracketExpectedAtEndOfType")
                    self.take()
                    types.append(tn)
                    self.skip_newlines()
                    c = self.peek(EXPR)
                    if c.kind == COMMA:
                        self.take()
                        self.skip_newlines()
                        continue
                    break
                cb = self.statement_block(t, "MissingCatchHandlerBlock")
                catches.append(A.CatchClause(Extent(self.source, t.start, cb.extent.end),
                                             types=types,
                                             body=cb))
                end = cb.extent.end
                continue
            if t.kind == KEYWORD and t.value == "finally" and fin is None:
                self.take()
                fin = self.statement_block(t, "MissingFinallyStatementBlock")
                end = fin.extent.end
                continue
            self.resync(restore)
            break
        if not catches and fin is None:
            self.fail_after(body, "MissingCatchOrFinally")
        return A.TryStatement(Extent(self.source, kw.start, end), body=body, catches=catches,
                              finally_body=fin)

    def data_statement(self, kw, label):
        self.take()
        var = None
        allowed = []
        while True:
            self.skip_newlines()
            t = self.peek(CMD)
            if t.kind == PARAM and "supportedcommand".startswith(t.value.lower()):
                self.take()
                arg = self.peek(CMD)
                if arg.kind in _DATA_NAME_END:
                    self.fail_after(t, "MissingValueForSupportedCommandInDataSectionStatement")
                self.take()
                a = self.command_argument(arg, "arg")
                allowed.extend(a.elements if isinstance(a, A.ArrayLiteral) else [a])
                continue
            if t.kind in _WORDS and var is None:
                self.take()
                var = t.value
                continue
            break
        body = self.statement_block(kw, "MissingStatementBlockForDataSection")
        return A.DataStatement(Extent(self.source, kw.start, body.extent.end), variable=var,
                               commands_allowed=allowed, body=body)

    def block_statement(self, kw, label):
        self.take()
        body = self.statement_block(kw, "MissingStatementAfterKeyword", kw.value)
        return A.BlockStatement(Extent(self.source, kw.start, body.extent.end),
                                keyword=kw.value, body=body)

    def reserved_keyword(self, kw, label):
        self.fail_at(kw, "ReservedKeywordNotAllowed", kw.value)

    def class_statement(self, kw, label):
        self.fail_at(kw, "ClassesNotSupported")

    def using_misplaced(self, kw, label):
        self.fail_at(kw, "UsingMustBeAtStartOfScript")

    # ---------------------------------------------------------------------- help comments

    def _comment_text(self, start, end):
        c = self.text[start:end]
        if c.startswith("<#"):
            return c[2:-2]
        return c[1:]

    def _help_block_before(self, pos):
        """The comment block that ends right before ``pos`` (at most one blank line between),
        as text, or None."""
        comments = self.tok.comments
        idx = bisect.bisect_left(comments, (pos, -1)) - 1
        if idx < 0:
            return None
        text = self.text
        s, e = comments[idx]
        gap = text[e:pos]
        if gap.strip() or gap.count("\n") > 2:
            return None
        if text.startswith("<#", s):
            return self._comment_text(s, e)
        # consecutive `#` line comments
        lines = [self._comment_text(s, e)]
        while idx > 0:
            ps, pe = comments[idx - 1]
            between = text[pe:s]
            if between.strip() or between.count("\n") != 1 or text.startswith("<#", ps):
                break
            lines.append(self._comment_text(ps, pe))
            idx -= 1
            s = ps
        return "\n".join(reversed(lines))

    def _help_block_after(self, pos, limit):
        comments = self.tok.comments
        idx = bisect.bisect_left(comments, (pos, -1))
        if idx >= len(comments):
            return None
        s, e = comments[idx]
        if s >= limit or self.text[pos:s].strip():
            return None
        if self.text.startswith("<#", s):
            return self._comment_text(s, e)
        lines = [self._comment_text(s, e)]
        while idx + 1 < len(comments):
            ns, ne = comments[idx + 1]
            between = self.text[e:ns]
            if ns >= limit or between.strip() or between.count("\n") != 1 or \
                    self.text.startswith("<#", ns):
                break
            lines.append(self._comment_text(ns, ne))
            idx += 1
            e = ne
        return "\n".join(lines)

    def _function_help(self, kw_start, lc, body):
        for cand in (self._help_block_after(lc.end, body.extent.end),
                     self._help_block_before(kw_start),
                     self._help_block_end(body)):
            if cand and _HELP_KEYWORD.search(cand):
                return cand
        return None

    def _script_help(self, sb):
        """Help for a script: the first comment block (a `<# #>` comment or a run of `#` lines)
        holding help keywords, among the comments before the first statement."""
        limit = len(self.text)
        for node in (sb.param_block, sb.end, sb.process, sb.begin):
            if node is not None and (node.extent.end > node.extent.start or
                                     node is sb.param_block):
                first = node.extent.start
                if isinstance(node, A.StatementBlock) and node.statements:
                    first = node.statements[0].extent.start
                limit = min(limit, first)
        pos = 0
        comments = self.tok.comments
        idx = 0
        while idx < len(comments) and comments[idx][0] < limit:
            block = self._help_block_after(pos, limit)
            if block is None:
                # skip to the next comment
                pos = comments[idx][1]
                idx += 1
                continue
            if _HELP_KEYWORD.search(block):
                return block
            # move past this block (one `<# #>` or a run of line comments)
            s0, e0 = comments[idx]
            idx += 1
            if not self.text.startswith("<#", s0):
                while idx < len(comments) and self.text[e0:comments[idx][0]].count("\n") == 1 \
                        and not self.text[e0:comments[idx][0]].strip() and \
                        not self.text.startswith("<#", comments[idx][0]):
                    e0 = comments[idx][1]
                    idx += 1
            pos = e0
        return None

    def _help_block_end(self, body):
        close = body.extent.end - 1
        comments = self.tok.comments
        idx = bisect.bisect_left(comments, (close, -1)) - 1
        if idx < 0:
            return None
        s, e = comments[idx]
        if s < body.extent.start or self.text[e:close].strip():
            return None
        return self._help_block_before(close)

    # ----------------------------------------------------------------------- highlighting

    def _rec(self, start, end, kind):
        if self.rec is not None:
            self.rec.append((start, end, kind))

    def _record_token(self, t):
        kind = _HIGHLIGHT_KIND.get(t.kind)
        if kind is not None:
            self.rec.append((t.start, t.end, kind))


_HIGHLIGHT_KIND = {
    VARIABLE: "variable", NUMBER: "number", STRING: "string", XSTRING: "string",
    PARAM: "parameter", KEYWORD: "keyword", OP: "operator", REDIR: "operator",
    INREDIR: "operator", PIPE: "operator", ANDAND: "operator", OROR: "operator",
    AMP: "operator", COMMA: "operator", DOT: "operator", COLONCOLON: "operator",
    GENERIC: "text", IDENT: "text", LABEL: "text", MINUSMINUS_ARG: "operator",
}

_STATEMENTS = {
    "if": Parser.if_statement,
    "switch": Parser.switch_statement,
    "foreach": Parser.foreach_statement,
    "for": Parser.for_statement,
    "while": Parser.while_statement,
    "do": Parser.do_statement,
    "function": Parser.function_statement,
    "filter": Parser.function_statement,
    "workflow": Parser.function_statement,
    "return": Parser.return_statement,
    "throw": Parser.throw_statement,
    "exit": Parser.exit_statement,
    "break": Parser.break_statement,
    "continue": Parser.continue_statement,
    "trap": Parser.trap_statement,
    "try": Parser.try_statement,
    "data": Parser.data_statement,
    "parallel": Parser.block_statement,
    "sequence": Parser.block_statement,
    "define": Parser.reserved_keyword,
    "from": Parser.reserved_keyword,
    "var": Parser.reserved_keyword,
    "class": Parser.class_statement,
    "enum": Parser.class_statement,
    "using": Parser.using_misplaced,
}



# --------------------------------------------------------------------------------- API

def _at_end(text, offset):
    """Only whitespace and comments after ``offset`` (Tokenizer.IsAtEndOfScript)."""
    i = offset
    n = len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n\f\v" or is_ws(c):
            i += 1
            continue
        if c == "#":
            j = text.find("\n", i)
            if j < 0:
                return True
            i = j + 1
            continue
        if c == "<" and text.startswith("<#", i):
            j = text.find("#>", i + 2)
            if j < 0:
                return True
            i = j + 2
            continue
        return False
    return True


def _make_error(source, err):
    text = source.text
    start = max(0, min(err.start, len(text)))
    end = max(start, min(err.end, len(text)))
    incomplete = err.error_id in _INCOMPLETE_IDS and (
        _at_end(text, end) or getattr(err, "at_eof", False))
    item = ParseErrorItem(A.Extent(source, start, end), err.error_id,
                          _message(err.error_id, err.args_), incomplete)
    cls = IncompleteParseError if incomplete else ParseError
    return cls([item])


def _prepare(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _requires(source, comments):
    out = []
    text = source.text
    for s, e in comments:
        c = text[s:e]
        if c[:9].lower() == "#requires":
            out.append(c[9:].strip())
    return out


def parse(text: str, file=None) -> A.ScriptBlockAst:
    """Parse script text into a ScriptBlockAst; raises ParseError."""
    text = _prepare(text)
    source = A.Source(text, file)
    return _parse_source(source)


def _parse_source(source, record=None):
    if sys.getrecursionlimit() < 25000:
        sys.setrecursionlimit(25000)
    parser = Parser(source, 0, 0, None, record)
    # the parse allocates many small objects and frees none: generational GC passes over the
    # growing tree would make parsing time grow faster than the script
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        sb = parser.parse_script()
    except TokenizerError as err:
        raise _make_error(source, err) from None
    except RecursionError:
        pos = parser.pos()
        raise _make_error(source, TokenizerError(pos, pos, "ScriptTooComplicated", ())) from None
    except (IndexError, AttributeError, TypeError, ValueError, KeyError, AssertionError) as exc:
        # a parser defect must not surface as a Python traceback in the shell
        pos = parser.pos()
        err = TokenizerError(pos, pos, "InternalParserError", (type(exc).__name__, exc))
        raise _make_error(source, err) from exc
    finally:
        if gc_was_enabled:
            if len(source.text) > 50_000:
                # a big script leaves a big young generation: promote it to the oldest one
                # directly instead of having the next young collection walk every new node
                # (only delays collection of whatever young garbage exists right now)
                gc.freeze()
                gc.unfreeze()
            gc.enable()
    comments = parser.tok.comments
    if comments:
        sb.requires = _requires(source, comments)
        sb.help_comment = parser._script_help(sb)
    return sb
