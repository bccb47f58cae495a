"""Tokenizer/parser rules from the language brief: argument vs expression mode, literals,
strings, variables, operators, and the shape of the tree the compiler relies on."""
from decimal import Decimal

import pytest

from spshell.language import ast as A
from spshell.language import parse
from spshell.language.parser import ParseError
from spshell.language.tokenizer import parse_number


def stmt(text, index=0):
    return parse(text).end.statements[index]


def element(text):
    """The single pipeline element of the first statement."""
    s = stmt(text)
    assert isinstance(s, A.Pipeline) and len(s.elements) == 1
    return s.elements[0]


def expr(text):
    e = element(text)
    assert isinstance(e, A.CommandExpression), e
    return e.expression


def command(text):
    e = element(text)
    assert isinstance(e, A.Command), e
    return e


def args(text):
    return command(text).elements[1:]


def error(text):
    with pytest.raises(ParseError) as info:
        parse(text)
    return info.value


# ----------------------------------------------------------------------- argument mode

def test_arithmetic_in_argument_mode_is_one_bareword():
    (a,) = args("Write-Output 2+2")
    assert isinstance(a, A.StringConstant) and a.kind == "bareword" and a.value == "2+2"


def test_expression_mode_when_the_element_starts_with_a_number():
    e = expr("2+2")
    assert isinstance(e, A.BinaryExpression) and e.operator == "+"


def test_command_with_parenthesised_argument_without_space():
    c = command("Write-Output(2+2)")
    assert c.elements[0].value == "Write-Output"
    assert isinstance(c.elements[1], A.ParenExpression)


def test_variable_glued_to_text_is_one_expandable_argument():
    (a,) = args("Write-Output $a+2")
    assert isinstance(a, A.ExpandableString) and a.kind == "bareword"
    assert isinstance(a.parts[0], A.VariableExpression) and a.parts[0].name == "a"
    assert a.parts[1] == "+2"


@pytest.mark.parametrize("text,parts", [
    ('a$a', ["a", "$a"]),
    ('a"$a"', ["a", "$a"]),
    ('a$(2)', ["a", "$()"]),
])
def test_expandable_barewords(text, parts):
    (a,) = args("Write-Output " + text)
    assert isinstance(a, A.ExpandableString)
    kinds = [p if isinstance(p, str) else ("$a" if isinstance(p, A.VariableExpression) else "$()")
             for p in a.parts]
    assert kinds == parts


def test_single_quotes_inside_a_bareword_are_literal():
    (a,) = args("Write-Output a'$a'")
    assert isinstance(a, A.StringConstant) and a.value == "a$a"


def test_member_access_argument_then_new_argument():
    a = args("Write-Output $a.Length+2")
    assert isinstance(a[0], A.MemberExpression)
    assert isinstance(a[1], A.StringConstant) and a[1].value == "+2"


def test_exclamation_bareword_and_expression():
    (a,) = args("Write-Output !1")
    assert a.value == "!1"
    e = expr("!1")
    assert isinstance(e, A.UnaryExpression) and e.operator == "!"


def test_negative_number_argument_is_not_a_parameter():
    (a,) = args("Write-Output -5")
    assert isinstance(a, A.StringConstant) and a.value == "-5"
    e = expr("-5")
    assert isinstance(e, A.Constant) and e.value == -5


def test_parameters_colon_form_and_separate_value():
    c = command("Get-Item -Path:$p -Force -Name x")
    p, f, n, x = c.elements[1:]
    assert isinstance(p, A.CommandParameter) and p.name == "Path" and p.colon
    assert isinstance(p.argument, A.VariableExpression)
    assert f.name == "Force" and f.argument is None and not f.colon
    assert n.name == "Name" and n.argument is None
    assert x.value == "x"


def test_colon_parameter_value_across_whitespace():
    p = command("f -Confirm: $false").elements[1]
    assert p.colon and isinstance(p.argument, A.VariableExpression)


def test_quoted_text_is_never_a_parameter():
    (a,) = args('f -"x"')
    assert not isinstance(a, A.CommandParameter)


def test_double_dash_ends_parameters_once():
    a = args("f -- -b --")
    assert [x.value for x in a] == ["-b", "--"]
    assert all(isinstance(x, A.StringConstant) for x in a)


def test_stop_parsing_token_takes_rest_of_line():
    pipe = stmt("icacls X:\\VMS --% /grant Dom\\HVAdmin:(CI)(OI)F | Out-Null")
    assert len(pipe.elements) == 2
    c = pipe.elements[0]
    assert c.elements[-2].value == "--%"
    last = c.elements[-1]
    assert last.kind == "verbatim" and last.value == "/grant Dom\\HVAdmin:(CI)(OI)F"


def test_comma_in_argument_mode_builds_an_array():
    (a,) = args("f a,b, c")
    assert isinstance(a, A.ArrayLiteral) and [x.value for x in a.elements] == ["a", "b", "c"]


def test_dot_backslash_is_a_command():
    c = command(".\\x.ps1 -a")
    assert c.invocation_operator is None and c.elements[0].value == ".\\x.ps1"


def test_dot_source_and_call_operator():
    c = command(". .\\lib.ps1")
    assert c.invocation_operator == "." and c.elements[0].value == ".\\lib.ps1"
    c = command("& $cmd -x 1")
    assert c.invocation_operator == "&" and isinstance(c.elements[0], A.VariableExpression)
    c = command("& 'C:\\Program Files\\x.exe' a")
    assert c.invocation_operator == "&" and c.elements[0].value == "C:\\Program Files\\x.exe"


@pytest.mark.parametrize("word", ["download", "Exit-test", "iffy", "555Write-Host", "key=value",
                                  "/user:x", "C:\\path\\*.txt"])
def test_generic_tokens(word):
    c = command(word + " toto")
    assert c.elements[0].value == word


def test_keyword_only_as_a_whole_token():
    assert isinstance(stmt("function while {}"), A.FunctionDefinition)
    assert stmt("function while {}").name == "while"


def test_splatting_in_arguments():
    (a,) = args("f @params")
    assert isinstance(a, A.VariableExpression) and a.splatted and a.name == "params"


def test_splatting_in_expression_is_an_error():
    e = error("@params")
    assert e.error_id == "SplattingNotPermitted"


# --------------------------------------------------------------------------- literals

@pytest.mark.parametrize("text,value", [
    ("0x1e2D", 7725), ("0x1F", 31), ("0xFFFFFFFF", -1), ("0b101", 5), ("0b11111111", -1),
    ("1kb", 1024), ("2MB", 2 * 1024 ** 2), ("1gb", 1024 ** 3), ("1.5", 1.5), (".5", 0.5),
    ("1e3", 1000.0), ("1.5e-2", 0.015), ("42", 42),
])
def test_number_values(text, value):
    e = expr(text)
    assert isinstance(e, A.Constant) and e.value == value


@pytest.mark.parametrize("text,type_name", [
    ("2147483647", "int"), ("2147483648", "Int64"), ("10l", "Int64"), ("10u", "UInt32"),
    ("10ul", "UInt64"), ("10us", "UInt16"), ("10uy", "Byte"), ("10y", "SByte"),
    ("10s", "Int16"), ("10d", "Decimal"), ("10n", "BigInteger"), ("1.5", "float"),
    ("99999999999999999999", "Decimal"), ("0x7FFFFFFFFFFFFFFF", "Int64"),
])
def test_number_types_and_widening(text, type_name):
    v = expr(text).value
    name = type(v).__name__
    if type_name == "int":
        assert type(v) is int
    else:
        assert name == type_name, (text, name)


def test_decimal_literal_keeps_precision():
    assert expr("1.1d").value == Decimal("1.1")


def test_number_with_bad_suffix_is_a_command():
    c = command("16p")
    assert c.elements[0].value == "16p"


def test_number_out_of_range_with_suffix_is_an_error():
    e = error("300y")
    assert e.error_id == "BadNumericConstant"
    assert e.errors[0].message == "The numeric constant 300y is not valid."


def test_parse_number_helper():
    assert parse_number(" 0x10 ") == 16
    assert parse_number("1kb") == 1024
    assert parse_number("-5") == -5
    assert parse_number("abc") is None
    assert parse_number("") is None


def test_single_quoted_string_doubling_and_no_escapes():
    e = expr("'it''s `n $x'")
    assert isinstance(e, A.StringConstant) and e.kind == "single" and e.value == "it's `n $x"


def test_double_quoted_escapes():
    e = expr('"a`tb`n`"q`" ""d"" `$x `e `u{1F600} `0"')
    assert isinstance(e, A.StringConstant)
    assert e.value == 'a\tb\n"q" "d" $x \x1b \U0001F600 \0'


def test_double_quoted_expansion_parts():
    e = expr('"Hello $name, ${weird name} $env:USER $(1+1) $($x.Prop)!"')
    assert isinstance(e, A.ExpandableString)
    vars_ = [p for p in e.parts if isinstance(p, A.VariableExpression)]
    assert [v.name for v in vars_] == ["name", "weird name", "USER"]
    assert vars_[2].scope == "env"
    subs = [p for p in e.parts if isinstance(p, A.SubExpression)]
    assert len(subs) == 2
    assert e.parts[0] == "Hello " and e.parts[-1] == "!"


def test_member_access_in_string_expands_only_the_variable():
    e = expr('"$x.Length"')
    assert isinstance(e.parts[0], A.VariableExpression) and e.parts[1] == ".Length"


def test_lone_dollar_is_literal():
    e = expr('"$w$ is valid $"')
    assert e.parts[-1] == "$ is valid $"


def test_scope_colon_in_string_is_an_error():
    e = error('"$HOME:"')
    assert e.error_id == "InvalidVariableReferenceWithDrive"
    assert e.errors[0].message.startswith("Variable reference is not valid. ':' was not")
    assert expr('"${HOME}:"').parts[1] == ":"


def test_curly_quotes_are_quotes():
    assert expr("\u201cabc\u201d").value == "abc"
    # the first of two quotes escapes the second, which is kept
    assert expr("\u2018it\u2019\u2019s\u2019").value == "it\u2019s"
    assert expr("'it''s'").value == "it's"


def test_here_strings():
    e = expr("@'\nline1\n  '@ not end\n'@")
    assert e.kind == "single_here" and e.value == "line1\n  '@ not end"
    e = expr('@"\nA $x\n"@')
    assert isinstance(e, A.ExpandableString) and e.kind == "double_here"
    assert expr("@'\n'@").value == ""
    assert expr("@'\r\na\r\nb\r\n'@").value == "a\r\nb"


def test_here_string_header_must_end_the_line():
    assert error("@'abc'@").error_id == "UnexpectedCharactersAfterHereStringHeader"
    assert error('@""@').error_id == "UnexpectedCharactersAfterHereStringHeader"


def test_here_string_footer_must_start_the_line():
    e = error("@'\nabc\n  '@")
    assert e.error_id == "WhitespaceBeforeHereStringFooter" and e.incomplete


def test_variables():
    assert expr("$x").name == "x"
    v = expr("$script:count")
    assert (v.scope, v.name) == ("script", "count")
    v = expr("${C:\\path}")
    assert (v.scope, v.name) == ("C", "\\path")
    assert [expr(s).name for s in ("$$", "$?", "$^", "$_", "$true?")] == ["$", "?", "^", "_",
                                                                           "true?"]
    u = expr("$using:x")
    assert isinstance(u, A.UsingExpression) and u.child.name == "x"


def test_braced_variable_names_with_special_characters():
    sb = parse("${Simple}\n${More-interestin'}\n${\n  Really &&\n}")
    names = [s.elements[0].expression.name for s in sb.end.statements]
    assert names == ["Simple", "More-interestin'", "\n  Really &&\n"]


# --------------------------------------------------------------------------- operators

def _shape(e):
    if isinstance(e, A.BinaryExpression):
        return f"({_shape(e.left)} {e.operator} {_shape(e.right)})"
    if isinstance(e, A.UnaryExpression):
        return f"({e.operator} {_shape(e.operand)})"
    if isinstance(e, A.ArrayLiteral):
        return "[" + ", ".join(_shape(x) for x in e.elements) + "]"
    if isinstance(e, A.Constant):
        return str(e.value)
    if isinstance(e, A.VariableExpression):
        return "$" + e.name
    if isinstance(e, A.StringConstant):
        return repr(e.value)
    if isinstance(e, A.TernaryExpression):
        return f"({_shape(e.condition)} ? {_shape(e.if_true)} : {_shape(e.if_false)})"
    return type(e).__name__


@pytest.mark.parametrize("text,shape", [
    ("1 + 2 * 3", "(1 + (2 * 3))"),
    ("1 - 2 - 3", "((1 - 2) - 3)"),
    ("$a -and $b -or $c", "(($a -and $b) -or $c)"),
    ("$a -band 1 -eq 1", "($a -band (1 -eq 1))"),
    ("1 -eq 1 -and 2 -lt 3", "((1 -eq 1) -and (2 -lt 3))"),
    ("$x ?? 1 + 2", "($x ?? (1 + 2))"),
    ("$a -eq $null ?? 5", "($a -eq ($null ?? 5))"),
    ("'{0}' -f 1 + 2", "(('{0}' -f 1) + 2)"),
    ("2 * '{0}' -f 3", "(2 * ('{0}' -f 3))"),
    ("1..3 * 2", "((1 .. 3) * 2)"),
    ("1,2 + 3", "([1, 2] + 3)"),
    ("-join 'a','b'", "[(-join 'a'), 'b']"),
    ("-split 'a b' -join ','", "((-split 'a b') -join ',')"),
    ("-not $a -and $b", "((-not $a) -and $b)"),
    ("$a -CEQ 'x'", "($a -ceq 'x')"),
    ("$s -replace 'a', 'b'", "($s -replace ['a', 'b'])"),
    ("$a ? 1 : 2", "($a ? 1 : 2)"),
    ("$a ? $b ? 1 : 2 : 3", "($a ? ($b ? 1 : 2) : 3)"),
    ("- 5", "(- 5)"),
    ("--$i", "(-- $i)"),
    ("$i++", "(post++ $i)"),
    ("1 \u2013 2", "(1 - 2)"),
    ("$x -is [int]", "($x -is TypeExpression)"),
    ("!$true", "(! $true)"),
    ("-bnot 5", "(-bnot 5)"),
    (",1", "[1]"),
    ("1 -shl 2 + 1", "(1 -shl (2 + 1))"),
])
def test_operator_precedence(text, shape):
    assert _shape(expr(text)) == shape


def test_operator_continues_on_next_line():
    assert _shape(expr("1 +\n 2")) == "(1 + 2)"
    assert _shape(expr("1,\n2")) == "[1, 2]"


def test_assignment_forms():
    for op in ("=", "+=", "-=", "*=", "/=", "%=", "??="):
        s = stmt(f"$x {op} 1")
        assert isinstance(s, A.Assignment) and s.operator == op
    s = stmt("$a, $b = 1, 2")
    assert isinstance(s.target, A.ArrayLiteral) and len(s.target.elements) == 2
    s = stmt("[int]$x = '5'")
    assert isinstance(s.target, A.ConvertExpression)
    s = stmt("$x = if ($y) { 1 } else { 2 }")
    assert isinstance(s.value, A.IfStatement)
    s = stmt("$h.a.b[0] = Get-Item x")
    assert isinstance(s.target, A.IndexExpression)
    assert isinstance(s.value.elements[0], A.Command)


def test_casts_types_and_generics():
    e = expr("[System.Collections.Generic.List[string]]::new()")
    assert isinstance(e, A.InvokeMemberExpression) and e.static
    t = e.target.type_name
    assert t.name == "System.Collections.Generic.List" and t.generic_args[0].name == "string"
    t = expr("[System.Collections.Generic.Dictionary[int[], System.Collections.Generic.List"
             "[string[]]]]").type_name
    assert t.generic_args[0].array_rank == 1
    assert t.generic_args[1].generic_args[0].name == "string"
    assert t.full_text() == ("System.Collections.Generic.Dictionary[int[],"
                             "System.Collections.Generic.List[string[]]]")
    e = expr("[int[]]$x")
    assert isinstance(e, A.ConvertExpression) and e.type_name.array_rank == 1
    e = expr("[ordered]@{a=1}")
    assert e.type_name.name == "ordered" and isinstance(e.child, A.HashtableLiteral)
    e = expr("[int][string]5")
    assert isinstance(e.child, A.ConvertExpression)
    assert expr("[string[,]]").type_name.array_rank == 2


def test_attributes():
    e = expr("[Parameter(Mandatory, Position=0)][ValidateSet('a','b')][string]$x")
    assert isinstance(e, A.AttributedExpression)
    a = e.attribute
    assert a.type_name.name == "Parameter"
    assert a.named_args[0] == ("Mandatory", None)
    assert a.named_args[1][0] == "Position" and a.named_args[1][1].value == 0
    v = e.child.attribute
    assert [x.value for x in v.positional_args] == ["a", "b"]


def test_member_access_forms():
    e = expr("$x.Name")
    assert isinstance(e, A.MemberExpression) and e.member.value == "Name"
    e = expr("$x.$prop")
    assert isinstance(e.member, A.VariableExpression)
    e = expr("${x}?.Name")
    assert e.null_conditional
    e = expr("${x}?[0]")
    assert isinstance(e, A.IndexExpression) and e.null_conditional
    e = expr("[int]::MaxValue")
    assert isinstance(e, A.MemberExpression) and e.static
    e = expr("$x.M(1, 'a', $b)")
    assert isinstance(e, A.InvokeMemberExpression) and len(e.arguments) == 3
    e = expr("$x.M(\n 1,\n 2\n)")
    assert len(e.arguments) == 2
    e = expr("$a.ForEach{ $_ * 2 }")
    assert isinstance(e.arguments[0], A.ScriptBlockExpression)
    e = expr("$a.Where({ $_ }, 'First')")
    assert len(e.arguments) == 2
    e = expr("$a[1..3]")
    assert isinstance(e.index, A.BinaryExpression)
    e = expr("$a[0][1].b")
    assert isinstance(e, A.MemberExpression) and isinstance(e.target.target, A.IndexExpression)
    e = expr("$Matches.0")
    assert e.member.value == 0
    e = expr("(Get-Date).Year")
    assert isinstance(e.target, A.ParenExpression)


def test_member_access_needs_no_space():
    assert error("$x. Name").error_id == "MissingPropertyName"


def test_sub_array_hash_and_script_block_expressions():
    assert isinstance(expr("$(1; 2)"), A.SubExpression)
    e = expr("@()")
    assert isinstance(e, A.ArrayExpression) and e.body.statements == []
    h = expr("@{\n Key1 = 'Hi'; Key2 = 2\n\n 'Key3' = 3\n 4 = 'four'; $k = $v\n}")
    keys = [k.value if not isinstance(k, A.VariableExpression) else "$" + k.name
            for k, _ in h.pairs]
    assert keys == ["Key1", "Key2", "Key3", 4, "$k"]
    sb = expr("{ param($a) begin { 1 } process { 2 } end { 3 } }").body
    assert sb.param_block.parameters[0].name == "a"
    assert sb.begin and sb.process and sb.end


# --------------------------------------------------------------------------- lexical

def test_whitespace_and_dashes_and_bom():
    c = command("\ufeffGet-Item\xa0\u2013Path x")
    assert c.elements[1].name == "Path"
    assert isinstance(parse("Get-Item x\r\nGet-Item y\r\n").end.statements[1], A.Pipeline)


def test_comments():
    sb = parse("<##>\n$a\n<###>\n# line\n$b <# inline #> + 1 # tail\n")
    assert len(sb.end.statements) == 2
    assert error("<# never closed").error_id == "MissingTerminatorMultiLineComment"


def test_line_continuation():
    c = command("Get-Item `\n  -Path x")
    assert c.elements[1].name == "Path"
    # backtick followed by a space then newline is not a continuation... it escapes the space
    sb = parse("Get-Item ` \n-Path x")
    assert len(sb.end.statements) == 2


def test_leading_pipe_continues_previous_pipeline():
    s = stmt("Get-Item x\n  # comment\n  | Select-Object Name")
    assert len(s.elements) == 2
    # a blank line ends the pipeline, so the `|` line has an empty element before it
    assert error("Get-Item x\n\n| Select-Object Name").error_id == "EmptyPipeElement"


def test_trailing_pipe_and_newline():
    s = stmt("Get-Item x |\n  Select-Object Name")
    assert len(s.elements) == 2


def test_redirections():
    c = command("foo 2>&1 > out.txt 3>> warn.log *> $null")
    r = c.redirections
    assert (r[0].from_stream, r[0].to_stream) == ("2", "1")
    assert (r[1].from_stream, r[1].append, r[1].target.value) == ("1", False, "out.txt")
    assert (r[2].from_stream, r[2].append) == ("3", True)
    assert r[3].from_stream == "*" and isinstance(r[3].target, A.VariableExpression)
    e = element("$x > file")
    assert isinstance(e, A.CommandExpression) and e.redirections[0].target.value == "file"


def test_redirection_errors():
    e = error("Get-SPWebApplication <web application URL>")
    assert e.error_id == "RedirectionNotSupported"
    assert e.errors[0].message == "The '<' operator is reserved for future use."
    assert error("foo >").error_id == "MissingFileSpecification"
    assert error("foo 2>&2").error_id == "RedirectionNotSupported"
    assert error("foo > a > b").error_id == "StreamAlreadyRedirected"


def test_background_and_chains():
    s = stmt("Start-Job x &")
    assert s.background
    s = stmt("a && b || c")
    assert isinstance(s, A.PipelineChain) and s.operator == "||"
    assert isinstance(s.left, A.PipelineChain) and s.left.operator == "&&"
    assert error("a &&").error_id == "EmptyPipelineChainElement"


def test_expressions_only_first_in_pipeline():
    e = error("Get-Item x | 5")
    assert e.error_id == "ExpressionsMustBeFirstInPipeline"
    assert e.errors[0].message == "Expressions are only allowed as the first element of a pipeline."
