"""Statements, script blocks, functions, help comments, error messages and extents."""
import pytest

from spshell.language import ast as A
from spshell.language import is_incomplete, parse, tokenize_for_highlight
from spshell.language.parser import IncompleteParseError, ParseError
from spshell.runtime.errors import IncompleteParseException, ParseException


def stmts(text):
    return parse(text).end.statements


def error(text):
    with pytest.raises(ParseError) as info:
        parse(text)
    return info.value


def test_if_elseif_else_with_newlines_and_capitalised_keywords():
    s = stmts("If ($a) { 1 }\nElseIf ($b)\n{ 2 }\n# note\nelse\n{\n 3\n}\n$after")
    assert isinstance(s[0], A.IfStatement)
    assert len(s[0].clauses) == 2 and s[0].else_body is not None
    assert isinstance(s[1], A.Pipeline)


def test_if_without_else_keeps_following_statement():
    s = stmts("if ($a) { 1 }\n\nelsewhere-command")
    assert len(s) == 2 and s[1].elements[0].elements[0].value == "elsewhere-command"


def test_switch_statement_forms():
    s = stmts("switch -Regex -CaseSensitive ($x) {\n 'a.*' { 1 }\n bold { 2 };\n 15 { 3 }\n"
              " {$_ -gt 5} { 4 }\n default { 5 }\n}")[0]
    assert isinstance(s, A.SwitchStatement)
    assert s.flags == ["regex", "casesensitive"]
    pats = [c.pattern for c in s.clauses]
    assert pats[0].value == "a.*" and pats[1].value == "bold" and pats[2].value == 15
    assert isinstance(pats[3], A.ScriptBlockExpression)
    assert s.default is not None
    f = stmts("switch -wildcard -file $path { 'x*' { 1 } }")[0]
    assert f.flags == ["wildcard", "file"] and f.condition is None
    assert isinstance(f.file, A.VariableExpression)


def test_switch_errors():
    assert error("switch -foo ($x) {}").error_id == "InvalidSwitchFlag"
    assert error("switch ($x) { default {1} default {2} }").error_id == \
        "MultipleSwitchDefaultClauses"
    assert error("switch -file").error_id == "MissingFilenameOption"
    assert error("switch -file { }").error_id == "MissingCurlyBraceInSwitchStatement"


def test_loops():
    s = stmts("foreach ($i in 1..3) { $i }")[0]
    assert isinstance(s, A.ForEachStatement) and s.variable.name == "i"
    s = stmts("for ($i = 0; $i -lt 10; $i++) { }")[0]
    assert isinstance(s, A.ForStatement) and s.initializer and s.condition and s.iterator
    s = stmts("for ($i = 0\n  $i -lt 10\n  $i++){\n  $i\n}")[0]
    assert s.initializer and s.condition and s.iterator
    s = stmts("for (;;) { break }")[0]
    assert s.initializer is None and s.condition is None and s.iterator is None
    s = stmts("for (($i = 0), ($j = 0); $i -lt 10; $i++) {}")[0]
    assert isinstance(s.initializer.elements[0].expression, A.ArrayLiteral)
    s = stmts("while ($true) { continue }")[0]
    assert isinstance(s, A.WhileStatement)
    s = stmts("do { $x++ } while ($x -lt 5)")[0]
    assert isinstance(s, A.DoWhileStatement)
    s = stmts("do { $x++ }\nuntil ($x -ge 5)")[0]
    assert isinstance(s, A.DoUntilStatement)


def test_labels_break_continue():
    s = stmts(":outer foreach ($a in $b) { foreach ($c in $d) { break outer; continue } }")[0]
    assert isinstance(s, A.ForEachStatement) and s.label == "outer"
    inner = s.body.statements[0].body.statements
    assert isinstance(inner[0], A.BreakStatement) and inner[0].label.value == "outer"
    assert isinstance(inner[1], A.ContinueStatement) and inner[1].label is None
    s = stmts(":lbl while (1) { break $name }")[0]
    assert s.label == "lbl"
    assert isinstance(s.body.statements[0].label, A.VariableExpression)


def test_flow_statements():
    s = stmts("return\nreturn 5\nthrow 'x'\nthrow\nexit 3\nexit")
    assert s[0].pipeline is None and s[1].pipeline is not None
    assert isinstance(s[2], A.ThrowStatement) and s[2].pipeline is not None
    assert s[3].pipeline is None
    assert isinstance(s[4], A.ExitStatement) and s[5].pipeline is None


def test_try_catch_finally_and_trap():
    s = stmts("try { 1 }\ncatch [System.IO.IOException], [System.Net.WebException] { 2 }\n"
              "catch { 3 }\nfinally { 4 }")[0]
    assert isinstance(s, A.TryStatement)
    assert [t.name for t in s.catches[0].types] == ["System.IO.IOException",
                                                    "System.Net.WebException"]
    assert s.catches[1].types == [] and s.finally_body is not None
    sb = parse("trap [System.Exception] { continue }\n1/0\ntrap { 'x' }")
    assert len(sb.end.traps) == 2 and len(sb.end.statements) == 1
    assert sb.end.traps[0].type_name.name == "System.Exception"
    e = error("try { 1 }")
    assert e.error_id == "MissingCatchOrFinally"
    assert e.errors[0].message == "The Try statement is missing its Catch or Finally block."


def test_functions():
    f = stmts("function Get-Thing([string]$Name = 'x', $Count) { $Name }")[0]
    assert isinstance(f, A.FunctionDefinition) and f.name == "Get-Thing"
    assert [p.name for p in f.parameters] == ["Name", "Count"]
    assert f.parameters[0].attributes[0].type_name.name == "string"
    assert f.parameters[0].default.value == "x"
    f = stmts("function 1+1{\n param(\n $Name\n )\n}")[0]
    assert f.name == "1+1" and f.body.param_block.parameters[0].name == "Name"
    f = stmts("filter Only-Even { if ($_ % 2 -eq 0) { $_ } }")[0]
    assert f.is_filter and f.body.process is not None and f.body.end is None
    f = stmts("function global:Do-It { }")[0]
    assert f.name == "global:Do-It"
    f = stmts("function Test\n{\n [OutputType([Hashtable])]\n param(\n"
              "  [Parameter(Mandatory = $True, ValueFromPipelineByPropertyName = $True)]\n"
              "  [String]\n  $Name\n )\n}")[0]
    pb = f.body.param_block
    assert pb.attributes[0].type_name.name == "OutputType"
    p = pb.parameters[0]
    assert [a.type_name.name for a in p.attributes] == ["Parameter", "String"]


def test_advanced_function_blocks():
    f = stmts("function F {\n [CmdletBinding()]\n param([Parameter(ValueFromPipeline)]$In)\n"
              " begin { $n = 0 }\n process { $n++ }\n end { $n }\n}")[0]
    b = f.body
    assert b.param_block.attributes[0].type_name.name == "CmdletBinding"
    assert b.begin and b.process and b.end
    e = error("function F { begin {} 5 }")
    assert e.error_id == "MissingNamedBlocks"


def test_comment_based_help():
    sb = parse("<#\n.SYNOPSIS\n  Top.\n#>\nparam($x)\n\n# helper\nfunction A {\n"
               "  <#\n  .SYNOPSIS\n  Inside A.\n  #>\n  param()\n}\n\n"
               "# .SYNOPSIS\n# Before B.\n# .DESCRIPTION\n# Long.\nfunction B { }\n"
               "function C { 1 }\n")
    assert ".SYNOPSIS" in sb.help_comment and "Top." in sb.help_comment
    a, b, c = sb.end.statements
    assert "Inside A." in a.body.help_comment
    assert "Before B." in b.body.help_comment and "Long." in b.body.help_comment
    assert c.body.help_comment is None


def test_requires_and_using():
    sb = parse("#Requires -Version 5.1\n#requires -Modules Foo\nusing namespace System.Text\n"
               "$x = 1")
    assert sb.requires == ["-Version 5.1", "-Modules Foo"]
    assert sb.using_statements == [("namespace", "System.Text")]


def test_data_section():
    s = stmts("data Messages -SupportedCommand ConvertFrom-StringData { 'a' }")[0]
    assert isinstance(s, A.DataStatement) and s.variable == "Messages"
    assert s.commands_allowed[0].value == "ConvertFrom-StringData"


def test_script_param_block_with_attributes():
    sb = parse("[CmdletBinding()]\nparam(\n [Parameter(Mandatory = $true)]\n"
               " [ValidateNotNullOrEmpty()]\n [string] $WebUrl,\n [switch]$Force\n)\n"
               "Write-Host $WebUrl")
    assert sb.param_block.attributes[0].type_name.name == "CmdletBinding"
    assert [p.name for p in sb.param_block.parameters] == ["WebUrl", "Force"]
    assert len(sb.end.statements) == 1


def test_keywords_as_command_arguments_and_names():
    c = stmts("Write-Output if else function")[0].elements[0]
    assert [e.value for e in c.elements[1:]] == ["if", "else", "function"]


def test_classes_are_reported_not_crashed():
    assert error("class Foo { }").error_id == "ClassesNotSupported"


def test_reserved_keywords():
    e = error("var x")
    assert e.error_id == "ReservedKeywordNotAllowed"


# --------------------------------------------------------------------- errors & extents

@pytest.mark.parametrize("text,error_id,message", [
    ("if ($x) {", "MissingEndCurlyBrace",
     "Missing closing '}' in statement block or type definition."),
    ("(1 + 2", "MissingEndParenthesisInExpression", "Missing closing ')' in expression."),
    ("$(1", "MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression."),
    ("'abc", "TerminatorExpectedAtEndOfString", "The string is missing the terminator: '."),
    ('"abc', "TerminatorExpectedAtEndOfString", 'The string is missing the terminator: ".'),
    ("@'\nabc", "TerminatorExpectedAtEndOfString", "The string is missing the terminator: '@."),
    ("Get-Item |", "EmptyPipeElement", "An empty pipe element is not allowed."),
    ("1 +", "ExpectedValueExpression",
     "You must provide a value expression following the '+' operator."),
    ("$x = -not", "MissingExpressionAfterOperator",
     "Missing expression after unary operator '-not'."),
    ("$a[", "MissingArrayIndexExpression", "Array index expression is missing or not valid."),
    ("$a[1", "MissingEndSquareBracket", "Missing ']' after array index expression."),
    ("$a.", "MissingPropertyName", "Missing property name after reference operator."),
    ("$a.M(1", "MissingEndParenthesisInMethodCall", "Missing ')' in method call."),
    ("foo `", "IncompleteString", "Incomplete string token."),
    ("@{a=1", "MissingEndCurlyBrace",
     "Missing closing '}' in statement block or type definition."),
    ("function", "MissingNameAfterKeyword", "Missing name after function keyword."),
    ("function f", "MissingFunctionBody", "Missing function body in function declaration."),
    ("foreach ($a in $b)", "MissingForeachStatement",
     "Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {...}"),
    ("while ($x)", "MissingLoopStatement", "Missing statement body in while loop."),
    ("if ($x)", "MissingStatementBlock", "Missing statement block after if ( condition )."),
    ("if ($x) {} else", "MissingStatementBlockAfterElse",
     "Missing statement block after 'else' keyword."),
    ("[int", "EndSquareBracketExpectedAtEndOfAttribute",
     "Missing ] at end of attribute or type literal."),
    ("$a ? 1", "MissingColonInTernaryExpression", "Missing ':' in the ternary expression."),
    ("a &&", "EmptyPipelineChainElement", "A pipeline chain operator must be followed by a pipeline."),
    ("<# x", "MissingTerminatorMultiLineComment",
     "The terminator '#>' is missing from the multiline comment."),
])
def test_incomplete_input_errors(text, error_id, message):
    e = error(text)
    assert e.error_id == error_id
    assert e.errors[0].message == message
    assert e.incomplete, text
    assert isinstance(e, IncompleteParseError) and isinstance(e, IncompleteParseException)
    assert is_incomplete(text)


@pytest.mark.parametrize("text,error_id,message", [
    ("1 2", "UnexpectedToken", "Unexpected token '2' in expression or statement."),
    ("Get-Item x | 5", "ExpressionsMustBeFirstInPipeline",
     "Expressions are only allowed as the first element of a pipeline."),
    ("foo >", "MissingFileSpecification", "Missing file specification after redirection operator."),
    ("$x = ()", "ExpectedExpression", "An expression was expected after '('."),
    ("(1 }", "MissingEndParenthesisInExpression", "Missing closing ')' in expression."),
    ("{ (1 }", "MissingEndParenthesisInExpression", "Missing closing ')' in expression."),
    ("if ($x) { 1 )", "MissingEndCurlyBrace",
     "Missing closing '}' in statement block or type definition."),
    ("$(1 } 2", "MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression."),
    ("$a[1 }", "MissingEndSquareBracket", "Missing ']' after array index expression."),
    ("$a.M(1 }", "MissingEndParenthesisInMethodCall", "Missing ')' in method call."),
    ("$a.M(1, }", "MissingExpressionAfterToken", "Missing expression after ','."),
    ('"$env:"', "InvalidVariableReferenceWithDrive",
     "Variable reference is not valid. ':' was not followed by a valid variable name character. "
     "Consider using ${} to delimit the name."),
    ("$x = ${}", "EmptyVariableReference",
     "An empty ${} variable reference was found. A name is required inside the braces."),
])
def test_complete_but_wrong_input_errors(text, error_id, message):
    e = error(text)
    assert e.error_id == error_id
    assert e.errors[0].message == message
    assert not e.incomplete
    assert not is_incomplete(text)
    assert isinstance(e, ParseException)


def test_missing_closer_positions_follow_powershell():
    # PowerShell puts these errors just after the last thing parsed, or at the opening brace
    e = error("(1 + 2 }")
    assert (e.extent.start, e.extent.end) == (6, 6)
    e = error("if ($x) {\n  1\n)")
    assert e.extent.text == "{" and not e.incomplete
    e = error("$a.M(1")
    assert (e.extent.start, e.extent.end) == (6, 6) and e.incomplete


def test_error_extent_points_at_the_token():
    e = error("Get-Item x\n$y = 1 2 3")
    ext = e.errors[0].extent
    assert (ext.start_line, ext.start_column, ext.text) == (2, 8, "2")
    assert ext.line_text() == "$y = 1 2 3"


def test_node_extents_are_exact_source_text():
    text = "$total = ($jobs | Measure-Object).Count * 2 + 1kb\nGet-Item -Path 'x' | Out-Null"
    sb = parse(text, file="t.ps1")
    a, p = sb.end.statements
    assert a.extent.text == "$total = ($jobs | Measure-Object).Count * 2 + 1kb"
    assert a.target.extent.text == "$total"
    rhs = a.value.elements[0].expression
    assert rhs.extent.text == "($jobs | Measure-Object).Count * 2 + 1kb"
    assert rhs.left.left.extent.text == "($jobs | Measure-Object).Count"
    assert p.extent.text == "Get-Item -Path 'x' | Out-Null"
    assert p.elements[0].elements[1].extent.text == "-Path"
    assert p.elements[0].elements[2].extent.text == "'x'"
    assert p.extent.start_line == 2 and p.extent.file == "t.ps1"
    assert sb.extent.text == text


def test_highlight_spans():
    spans = tokenize_for_highlight("Get-Item -Path $p | % { $_.Name } # done")
    kinds = {(s, e): k for s, e, k in spans}
    assert kinds[(0, 8)] == "command"
    assert kinds[(9, 14)] == "parameter"
    assert kinds[(15, 17)] == "variable"
    assert kinds[(20, 21)] == "command"
    assert kinds[(27, 31)] == "member"
    assert kinds[(34, 40)] == "comment"
    spans = tokenize_for_highlight("if ($x) { 'a' } \"open")
    assert spans[0] == (0, 2, "keyword")
    assert spans[-1][2] == "error" and spans[-1][1] == len("if ($x) { 'a' } \"open")
    assert tokenize_for_highlight("") == []


def test_is_incomplete_for_plain_statements():
    assert not is_incomplete("Get-Item x")
    assert not is_incomplete("")
    assert is_incomplete("Get-Item x |\n")
    assert is_incomplete("function f {\n  1\n")


def test_ast_field_order_the_parser_relies_on():
    """The parser builds its hottest nodes with positional arguments (half the cost of
    keywords); this pins the field order of ast.py it assumes."""
    def fields_of(cls):
        names = getattr(cls, "_fields", None)  # ast.py's light dataclass stand-in
        if names is None:
            import dataclasses
            names = [f.name for f in dataclasses.fields(cls)]
        return list(names)

    expected = {
        A.VariableExpression: ["extent", "name", "scope", "splatted"],
        A.Constant: ["extent", "value"],
        A.StringConstant: ["extent", "value", "kind"],
        A.ExpandableString: ["extent", "parts", "kind"],
        A.CommandExpression: ["extent", "expression", "redirections"],
        A.Pipeline: ["extent", "elements", "background"],
        A.Command: ["extent", "invocation_operator", "elements", "redirections"],
        A.CommandParameter: ["extent", "name", "argument", "colon"],
        A.BinaryExpression: ["extent", "operator", "left", "right"],
        A.UnaryExpression: ["extent", "operator", "operand"],
        A.ArrayLiteral: ["extent", "elements"],
        A.ParenExpression: ["extent", "pipeline"],
        A.IndexExpression: ["extent", "target", "index", "null_conditional"],
        A.MemberExpression: ["extent", "target", "member", "static", "null_conditional"],
        A.Assignment: ["extent", "target", "operator", "value"],
        A.StatementBlock: ["extent", "statements", "traps"],
        A.ScriptBlockExpression: ["extent", "body"],
    }
    for cls, fields in expected.items():
        assert fields_of(cls)[:len(fields)] == fields, cls
