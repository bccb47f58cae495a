"""Per-object pipeline paths: ForEach-Object/Where-Object/Measure-Object take objects after the
first through their stream functions, one-expression blocks are evaluated directly, and
`<expr> op <int constant>` has an inline int case. Each test pins a PowerShell rule those fast
paths must keep."""


def lines(text):
    return text.splitlines()


def test_foreach_output_reaches_the_next_command_as_it_is_written(sh):
    # PowerShell streams: the downstream block sees 'a' before the upstream block goes on
    out = sh("1..2 | ForEach-Object { 'a'; Write-Host \"h$_\" } | "
             "ForEach-Object { Write-Host \"got $_\" }")
    assert lines(out) == ["got a", "h1", "got a", "h2"]


def test_dollar_underscore_is_restored_after_downstream_blocks_run(sh):
    out = sh("1..2 | ForEach-Object { $_; \"after $_\" } | ForEach-Object { \"[$_]\" }")
    assert lines(out) == ["[1]", "[after 1]", "[2]", "[after 2]"]
    assert lines(sh("$_ = 'outer'; 1..3 | Where-Object { $_ -gt 1 } | Out-Null; $_")) == \
        ["outer"]


def test_one_expression_filter_error_is_per_object_and_the_pipeline_goes_on(sh):
    out = sh("1..3 | Where-Object { 1 / ($_ - 2) }; 'next'")
    assert lines(out) == ["1", "3", "next"]
    assert "Attempted to divide by zero." in sh.err
    out = sh("try { 1..3 | Where-Object { 1 / ($_ - 2) } -ErrorAction Stop } "
             "catch { 'caught' }; $x = 1..3 | ForEach-Object { [int]'no' + $_ }; $x.Count")
    # -ErrorAction Stop on the cmdlet turns the block's error into a terminating one
    assert lines(out) == ["1", "caught", "0"]


def test_terminating_error_in_a_filter_reaches_try(sh):
    out = sh("try { 1..5 | Where-Object { if ($_ -eq 3) { throw 'three' }; $true } } "
             "catch { \"caught $_\" }")
    assert lines(out) == ["1", "2", "caught three"]
    out = sh("try { 1..5 | ForEach-Object { $_ * 2; if ($_ -eq 2) { throw 'two' } } } "
             "catch { \"caught $_\" }")
    assert lines(out) == ["2", "4", "caught two"]


def test_filter_truth_of_collections_and_nulls(sh):
    out = sh("1..4 | Where-Object { @($_ % 2) }; 'x'; "
             "1..3 | Where-Object { $null }; 'y'; "
             "1..3 | Where-Object { ,@() }; 'z'; "
             "'', 'a', 0, 1 | Where-Object { $_ } ")
    assert lines(out) == ["1", "3", "x", "y", "z", "a", "1"]


def test_input_is_the_current_object_in_per_object_blocks(sh):
    assert lines(sh("1..3 | ForEach-Object { \"in:$input\" }")) == ["in:1", "in:2", "in:3"]
    assert lines(sh("1..4 | Where-Object { $input -ge 3 }")) == ["3", "4"]


def test_return_in_a_foreach_block_goes_to_the_next_object(sh):
    assert lines(sh("1..3 | ForEach-Object { if ($_ -eq 2) { return 'r' }; $_ }")) == \
        ["1", "r", "3"]


def test_outvariable_still_sees_streamed_objects(sh):
    out = sh("1..5 | Where-Object { $_ -gt 2 } -OutVariable ov | Out-Null; $ov.Count; "
             "1..3 | ForEach-Object { $_ * 10 } -OutVariable fv | Out-Null; $fv -join ','")
    assert lines(out) == ["3", "10,20,30"]


def test_measure_object_after_the_first_object(sh):
    out = sh("(1, '2', 3.5, $true | Measure-Object -Sum).Sum; "
             "(1, $null, 2 | Measure-Object).Count; "
             "(5, 1, 9 | Measure-Object -Sum -Maximum -Minimum) | ForEach-Object { "
             "\"$($_.Sum) $($_.Maximum) $($_.Minimum)\" }; "
             "'a', 'b' | Measure-Object -Sum -ErrorAction SilentlyContinue | "
             "ForEach-Object Sum")
    assert lines(out) == ["7.5", "2", "15 9 1", "0"]


def test_select_first_stops_a_streaming_foreach(sh):
    out = sh("$n = 0; 1..100 | ForEach-Object { $n++; $_ } | Select-Object -First 2; $n")
    assert lines(out) == ["1", "2", "2"]
    assert "Traceback" not in sh.err


def test_int_constant_operators_keep_dotnet_rules(sh):
    out = sh("$x = 2147483647; ($x + 1).GetType().Name; ($x * 2).GetType().Name; "
             "$m = -7; $m % 3; $f = 7.5; $f % 2; $s = 'ab'; $s * 2; $t = '5'; $t -eq 5; "
             "$b = $true; $b -eq 1; $l = 10L; ($l - 1).GetType().Name; $n = $null; $n -lt 1; "
             "$a = 1, 2, 3; $a -gt 1")
    # Int32 overflow widens to Double, as PowerShell does
    assert lines(out) == ["Double", "Double", "-1", "1.5", "abab", "True", "True", "Int64",
                          "True", "2", "3"]
