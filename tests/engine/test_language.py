"""Language semantics through the whole engine (parse -> compile -> run -> Out-Default)."""
import pytest


def lines(text):
    return text.splitlines()


def test_scopes_dynamic_read_local_write(sh):
    out = sh("$x = 1; function f { $x; $x = 5; $x }; f; $x")
    assert lines(out) == ["1", "5", "1"]


def test_scope_modifiers(sh):
    out = sh("function g { $global:y = 3; $script:z = 4 }; g; $y; $z")
    assert lines(out) == ["3", "4"]


def test_compound_assignment_in_child_scope_is_local(sh):
    assert lines(sh("$x = 1; & { $x += 1; $x }; $x")) == ["1", "1"]


def test_functions_param_defaults_and_args(sh):
    out = sh("function f($a, $b = $a * 2) { \"$a $b $($args.Count)\" }; f 1; f 1 3 4 5")
    assert lines(out) == ["1 2 0", "1 3 2"]


def test_advanced_function_binding_errors(sh):
    sh("function t { [CmdletBinding()] param([Parameter(Mandatory)][int]$N) $N }; t -Q 1")
    assert "A parameter cannot be found that matches parameter name 'Q'." in sh.err
    sh("t -N abc")
    assert "Cannot process argument transformation on parameter 'N'" in sh.err
    sh("t")
    assert "missing mandatory parameters: N" in sh.err


def test_ambiguous_prefix(sh):
    sh("function t { [CmdletBinding()] param($Name, $Namespace) $Name }; t -Nam x")
    assert "ambiguous" in sh.err and "-Name -Namespace" in sh.err


def test_validate_set_message(sh):
    sh("function t { param([ValidateSet('a','b')]$V) $V }; t c")
    assert 'The argument "c" does not belong to the set "a,b"' in sh.err


def test_pipeline_process_block_and_input(sh):
    out = sh("function dbl { process { $_ * 2 } }; 1,2,3 | dbl")
    assert lines(out) == ["2", "4", "6"]
    out = sh("function cnt { $input | ForEach-Object -Begin { $n = 0 } -Process { $n++ } "
             "-End { $n } }; 1,2,3 | cnt")
    assert lines(out) == ["3"]


def test_value_from_pipeline_by_property_name(sh):
    out = sh("function t { param([Parameter(ValueFromPipelineByPropertyName)]$Name) "
             "process { \"n=$Name\" } }; [pscustomobject]@{Name='a'}, [pscustomobject]@{Name='b'} | t")
    assert lines(out) == ["n=a", "n=b"]


def test_try_catch_finally_and_types(sh):
    out = sh("try { 1/0 } catch [System.DivideByZeroException] { 'div' } finally { 'fin' }")
    assert lines(out) == ["div", "fin"]
    out = sh("try { throw 'boom' } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }")
    assert lines(out) == ["boom", "boom"]


def test_rethrow_bare_throw(sh):
    out = sh("try { try { throw 'inner' } catch { throw } } catch { 'outer: ' + $_ }")
    assert out.strip() == "outer: inner"


def test_statement_terminating_error_continues(sh):
    out = sh("'a'; 1/0; 'b'")
    assert lines(out) == ["a", "b"]
    assert "Attempted to divide by zero." in sh.err
    assert "At line:1 char:" in sh.err


def test_script_terminating_throw_stops(sh):
    out = sh("'a'; throw 'stop here'; 'b'")
    assert lines(out) == ["a"]
    assert "stop here" in sh.err


def test_erroractionpreference_stop_makes_errors_catchable(sh):
    out = sh("$ErrorActionPreference = 'Stop'; try { Write-Error 'x'; 'not here' } "
             "catch { 'caught ' + $_ }")
    assert out.strip() == "caught x"


def test_trap_continue(sh):
    out = sh("function f { trap { 'trapped'; continue }; 1/0; 'after' }; f")
    assert lines(out) == ["trapped", "after"]


def test_loops_labels_break_continue(sh):
    out = sh(":outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($j -eq 2) { continue outer }; "
             "\"$i$j\" } }")
    assert lines(out) == ["11", "21", "31"]
    out = sh("$i = 0; while ($true) { $i++; if ($i -gt 2) { break } }; $i")
    assert out.strip() == "3"
    out = sh("$i = 0; do { $i++ } until ($i -ge 4); $i; do { $i-- } while ($i -gt 1); $i")
    assert lines(out) == ["4", "1"]
    out = sh("for ($i = 0; $i -lt 3; $i++) { $i }")
    assert lines(out) == ["0", "1", "2"]


def test_switch_modes(sh):
    out = sh("switch -wildcard ('abc','xyz') { 'a*' { 'A' } 'x*' { 'X' } default { 'D' } }")
    assert lines(out) == ["A", "X"]
    out = sh("switch -regex ('k=v') { '^(\\w)=(\\w)$' { $Matches[2] } }")
    assert out.strip() == "v"
    out = sh("switch (3) { {$_ -gt 2} { 'big'; break } 3 { 'three' } }")
    assert out.strip() == "big"


def test_hashtables_splatting(sh):
    out = sh("function f($A, $B) { \"$A-$B\" }; $h = @{ B = 2; A = 1 }; f @h; $a = 3,4; f @a")
    assert lines(out) == ["1-2", "3-4"]


def test_redirection_merge_and_null(sh, tmp_path):
    out = sh("function w { Write-Warning 'ww'; 'out' }; $r = w 3>&1; $r.Count")
    assert out.strip() == "2"
    out = sh("Write-Error 'e1' 2>$null; 'after'")
    assert out.strip() == "after" and "e1" not in sh.err
    target = tmp_path / "o.txt"
    sh(f"'to file' > '{target}'")
    assert target.read_text() == "to file\n"


def test_closures(sh):
    out = sh("$x = 1; $sb = { $x }.GetNewClosure(); $x = 2; & $sb; & { $x }")
    assert lines(out) == ["1", "2"]


def test_dollar_question_and_chain(sh):
    out = sh("Write-Output a && Write-Output b; Write-Error e 2>$null || Write-Output c")
    assert lines(out) == ["a", "b", "c"]


def test_exit_code(sh):
    sh("exit 3")
    assert sh.code == 3


def test_no_python_traceback_on_deep_nesting(sh):
    text = "(" * 1000 + "1" + ")" * 1000
    out = sh(text)
    assert "Traceback" not in sh.err
    assert out.strip() == "1" or sh.err.strip()


def test_internal_errors_become_error_records(sh):
    # calling a method with a wrong count is a MethodException, never a traceback
    sh("'abc'.Substring(1, 2, 3, 4)")
    assert "Traceback" not in sh.err and sh.err.strip()


def test_assigning_to_null_discards(sh):
    assert sh("$null = 5; $null -eq $null").strip() == "True"
    sh("$true = 5")
    assert "Cannot overwrite variable true" in sh.err


def test_select_first_stops_only_its_own_pipeline(sh):
    out = sh("1..10 | ForEach-Object { 1..5 | Write-Output } | Select-Object -First 3; "
             "(Get-Help Get-Date | Out-String | Select-Object -First 1) -ne $null")
    assert lines(out) == ["1", "2", "3", "True"]
    assert "Traceback" not in sh.err


def test_exit_in_a_called_script_ends_only_that_script(sh, tmp_path):
    script = tmp_path / "child.ps1"
    script.write_text("param($a)\n\"child $a\"\nexit 3\n'not here'\n")
    out = sh(f"& '{script}' x; \"after: $LASTEXITCODE\"")
    assert lines(out) == ["child x", "after: 3"]
    assert sh.code is None


def test_myinvocation_mycommand(sh):
    out = sh("function f { $MyInvocation.MyCommand.Name; $MyInvocation.MyCommand.CommandType }; f")
    assert lines(out) == ["f", "Function"]
