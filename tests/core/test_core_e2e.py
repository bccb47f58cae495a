"""End-to-end tests of the core cmdlets through `python -m spshell -Command`."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not (ROOT / "spshell" / "runtime" / "context.py").exists(),
                                reason="the engine is not there yet")


def run(command, cwd, stdin=None, interactive=False):
    args = [sys.executable, "-m", "spshell", "-NoProfile"]
    if not interactive:
        args.append("-NonInteractive")
    args += ["-Command", command]
    env = dict(os.environ, PYTHONPATH=str(ROOT), SPSHELL_HOME=str(Path(cwd) / ".home"))
    p = subprocess.run(args, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=60,
                       env=env)
    return p.stdout, p.stderr


def lines(command, tmp_path, **kw):
    out, err = run(command, tmp_path, **kw)
    return [ln for ln in out.splitlines()], err


def test_foreach_where_select_sort(tmp_path):
    out, _ = lines("1..6 | ForEach-Object { $_ * 2 } | Where-Object { $_ -gt 4 } | "
                   "Sort-Object -Descending | Select-Object -First 2", tmp_path)
    assert out == ["12", "10"]


def test_foreach_positional_blocks_and_membername(tmp_path):
    out, _ = lines("1..2 | ForEach-Object { 'b' } { \"p$_\" } { 'e' }; "
                   "'a.b' | ForEach-Object -MemberName Split -ArgumentList '.'", tmp_path)
    assert out == ["b", "p1", "p2", "e", "a", "b"]


def test_select_first_stops_upstream(tmp_path):
    out, _ = lines("$n = 0; 1..100000 | ForEach-Object { $n++; $_ } | Select-Object -First 2 "
                   "| Out-Null; $n", tmp_path)
    assert out == ["2"]


def test_where_simplified_syntax(tmp_path):
    cmd = ("$o = [pscustomobject]@{N='a';V=3;E=$true}, [pscustomobject]@{N='b';V=1;E=$false}; "
           "($o | Where-Object V -gt 2).N; ($o | Where-Object N -like 'B').N; "
           "($o | Where-Object E).N; ($o | Where-Object -Not E).N; "
           "($o | Where-Object N -CEQ 'B').Count")
    out, _ = lines(cmd, tmp_path)
    assert out == ["a", "b", "a", "b", "0"]


def test_select_calculated_and_expand(tmp_path):
    cmd = ("$o = [pscustomobject]@{Name='x';Size=2}; "
           "$s = $o | Select-Object Name, @{N='Double';E={$_.Size * 2}}; "
           "$s.Double; $s.pstypenames[0]; $o | Select-Object -ExpandProperty Name")
    out, _ = lines(cmd, tmp_path)
    assert out == ["4", "Selected.System.Management.Automation.PSCustomObject", "x"]


def test_group_measure_compare(tmp_path):
    cmd = ("$g = 1..10 | Group-Object { $_ % 2 }; $g.Count; $g[0].Name; $g[0].Count; "
           "$m = 1..4 | Measure-Object -Sum -Average -Maximum; \"$($m.Sum) $($m.Average) "
           "$($m.Maximum)\"; "
           "Compare-Object (1,2,3) (2,3,4) | ForEach-Object { \"$($_.InputObject)$($_.SideIndicator)\" }")
    out, _ = lines(cmd, tmp_path)
    assert out == ["2", "0", "5", "10 2.5 4", "4=>", "1<="]


def test_json_round_trip(tmp_path):
    cmd = ("$j = [ordered]@{a=1; b=@('x','y'); c=[ordered]@{d=$true}} | ConvertTo-Json; $j; "
           "$o = $j | ConvertFrom-Json; $o.b[1]; $o.c.d")
    out, _ = lines(cmd, tmp_path)
    assert out[:3] == ["{", '  "a": 1,', '  "b": [']
    assert out[-2:] == ["y", "True"]


def test_json_depth_warning(tmp_path):
    out, _ = lines("@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Compress", tmp_path)
    assert "WARNING: Resulting JSON is truncated as serialization has exceeded the set depth "\
           "of 2." in out
    assert '{"a":{"b":{"c":"System.Collections.Hashtable"}}}' in out


def test_csv_export_import(tmp_path):
    cmd = ("[pscustomobject]@{A=1;B='x,y'}, [pscustomobject]@{A=2;B='z'} | Export-Csv t.csv; "
           "Get-Content t.csv; (Import-Csv t.csv)[0].B")
    out, _ = lines(cmd, tmp_path)
    assert out == ['"A","B"', '"1","x,y"', '"2","z"', "x,y"]


def test_content_and_items(tmp_path):
    cmd = ("New-Item -ItemType Directory d | Out-Null; Set-Content d/a.txt 'l1','l2'; "
           "Add-Content d/a.txt 'l3'; Get-Content d/a.txt -Tail 2; "
           "Test-Path d/a.txt; Test-Path d -PathType Leaf; "
           "Copy-Item d/a.txt d/b.txt; Rename-Item d/b.txt c.txt; Get-ChildItem d -Name; "
           "(Get-Item d/a.txt).Length; Remove-Item d -Recurse; Test-Path d")
    out, _ = lines(cmd, tmp_path)
    assert out == ["l2", "l3", "True", "False", "a.txt", "c.txt", "9", "False"]
    assert (tmp_path / "d").exists() is False


def test_missing_path_error(tmp_path):
    out, err = run("Get-Content nope.txt; 'next'", tmp_path)
    assert "Cannot find path" in err and "because it does not exist." in err
    assert "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand" in err
    assert out.strip() == "next"


def test_locations(tmp_path):
    (tmp_path / "sub").mkdir()
    cmd = ("Push-Location sub; Split-Path (Get-Location).Path -Leaf; Pop-Location; "
           "Join-Path a b c; Split-Path /x/y.txt -Extension")
    out, _ = lines(cmd, tmp_path)
    assert out == ["sub", "a/b/c", ".txt"]


def test_env_drive(tmp_path):
    out, _ = lines("$env:SPS_T='v'; Get-Content env:SPS_T; Test-Path env:SPS_T; "
                   "Remove-Item env:SPS_T; Test-Path env:SPS_T", tmp_path)
    assert out == ["v", "True", "False"]


def test_variables(tmp_path):
    cmd = ("New-Variable k 5 -Option ReadOnly; Set-Variable k 6; $k; "
           "Set-Variable k 7 -Force; $k; Get-Variable k -ValueOnly; Remove-Variable k -Force; "
           "Test-Path variable:k")
    out, err = lines(cmd, tmp_path)
    assert out == ["5", "7", "7", "False"]
    assert "Cannot overwrite variable k because it is read-only or constant." in err


def test_secure_string_formats(tmp_path):
    cmd = ("$s = ConvertTo-SecureString 'ab' -AsPlainText -Force; $s | ConvertFrom-SecureString; "
           "$e = ConvertFrom-SecureString $s -Key (1..16); $e.Substring(0,32); "
           "ConvertTo-SecureString $e -Key (1..16) | ConvertFrom-SecureString -AsPlainText")
    out, _ = lines(cmd, tmp_path)
    assert out == ["61006200", "76492d1116743f0423413b16050a5345", "ab"]


def test_read_host_and_credential_from_stdin(tmp_path):
    out, _ = lines("$n = Read-Host 'Name'; \"[$n]\"; $c = Get-Credential; $c.UserName; "
                   "$c.GetNetworkCredential().Password", tmp_path, stdin="alice\nbob\npw\n",
                   interactive=True)
    assert "[alice]" in out[0]
    assert out[-2:] == ["bob", "pw"]


def test_snapin_idiom(tmp_path):
    cmd = ("Add-PSSnapin Microsoft.SharePoint.PowerShell; "
           "Add-PSSnapin Microsoft.SharePoint.PowerShell -ErrorAction SilentlyContinue; 'ok'; "
           "Add-PSSnapin Microsoft.SharePoint.PowerShell")
    out, err = run(cmd, tmp_path)
    assert out.strip() == "ok"
    assert err.count("because it is already added") == 1
    _, err = run("Add-PSSnapin No.Such", tmp_path)
    assert "The Windows PowerShell snap-in 'No.Such' is not installed on this computer." in err


def test_help_pages(tmp_path):
    out, _ = run("Get-Help Get-Date", tmp_path)
    assert "NAME\n    Get-Date\n" in out
    assert "Get-Date [[-Date] <datetime>]" in out
    assert 'For technical information, type: "Get-Help Get-Date -Full".' in out
    out, _ = run("Get-Help about_SharePoint_Outgoing_Mail", tmp_path)
    assert "Set-SPApplicationCredentialKey" in out
    cmd = ("function Test-It { <#\n.SYNOPSIS\nDoes it.\n.PARAMETER X\nThe x.\n#>\n"
           "param($X) }; Get-Help Test-It -Detailed")
    out, _ = run(cmd, tmp_path)
    assert "SYNOPSIS\n    Does it." in out and "    -X <Object>\n        The x." in out


def test_get_command(tmp_path):
    out, _ = lines("(Get-Command -Noun Location -Verb Get).Name; Get-Command Nope-Nothing",
                   tmp_path)
    assert out == ["Get-Location"]


def test_transcript(tmp_path):
    cmd = "Start-Transcript -Path t.log; 'inside'; Stop-Transcript; 'outside'"
    out, _ = run(cmd, tmp_path)
    text = (tmp_path / "t.log").read_text()
    assert text.startswith("**********************\nPowerShell transcript start\n")
    assert "inside" in text and "outside" not in text
    assert "PowerShell transcript end" in text
    assert f"Transcript started, output file is {tmp_path / 't.log'}" in out


def test_invoke_expression_and_command(tmp_path):
    cmd = ("Invoke-Expression '$q = 41'; $q + 1; "
           "Invoke-Command { param($a) $a * 2 } -ArgumentList 21; "
           "Invoke-Command -ComputerName far.example.com { 1 }")
    out, err = lines(cmd, tmp_path)
    assert out == ["42", "42"]
    assert "Connecting to remote server far.example.com failed" in err


def test_new_object_and_add_member(tmp_path):
    cmd = ("(New-Object PSObject -Property @{X=1}).X; "
           "$o = [pscustomobject]@{A=1} | Add-Member -NotePropertyName B -NotePropertyValue 2 "
           "-PassThru; $o.B; New-Object No.Such.Type")
    out, err = lines(cmd, tmp_path)
    assert out == ["1", "2"]
    assert "Cannot find type [No.Such.Type]: verify that the assembly containing this type is "\
           "loaded." in err


def test_write_error_fqid(tmp_path):
    _, err = run("Write-Error 'boom'", tmp_path)
    assert "FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException\n" in err


def test_get_date_formats(tmp_path):
    out, _ = lines("Get-Date -Date '2020-03-04 05:06:07' -Format 'yyyy-MM-dd HH:mm:ss'; "
                   "Get-Date -Date '2020-03-04' -UFormat '%Y/%m/%d'", tmp_path)
    assert out == ["2020-03-04 05:06:07", "2020/03/04"]


def test_sort_hashtable_keys_top_bottom_unique(tmp_path):
    cmd = ("$p = [pscustomobject]@{D='x';S=1},[pscustomobject]@{D='y';S=5},"
           "[pscustomobject]@{D='x';S=3}; "
           "$p | Sort-Object @{E='D'}, @{E='S'; Descending=$true} | % { \"$($_.D)$($_.S)\" }; "
           "(5,3,9,1 | Sort-Object -Top 2) -join ','; (5,3,9,1 | Sort-Object -Bottom 2) -join ','; "
           "('b','A','a' | Sort-Object -Unique) -join ','")
    out, _ = lines(cmd, tmp_path)
    assert out == ["x3", "x1", "y5", "1,3", "5,9", "A,b"]


def test_text_cmdlets(tmp_path):
    cmd = ("'x1','y2','x3' | Select-String 'X\\d' | % { \"$($_.LineNumber):$($_.Line)\" }; "
           "('x1','y2' | Select-String 'X' -CaseSensitive -Quiet); "
           "(1,1,2,1 | Get-Unique) -join ','; "
           "$m = 'one two','three' | Measure-Object -Line -Word -Character; "
           "\"$($m.Lines) $($m.Words) $($m.Characters)\"; "
           "1..3 | Tee-Object -Variable tv | Out-Null; $tv -join ','")
    out, _ = lines(cmd, tmp_path)
    assert out == ["1:x1", "3:x3", "False", "1,2,1", "2 3 12", "1,2,3"]


def test_aliases_and_script_modules(tmp_path):
    (tmp_path / "m.psm1").write_text('function Get-Hello { "hello" }\n')
    cmd = ("Set-Alias gd Get-Date; (gd -Format yyyy).Length; (Get-Alias gd).Definition; "
           "Remove-Alias gd; Import-Module ./m.psm1; Get-Hello; "
           "(Get-Alias -Definition Get-ChildItem).Name -contains 'gci'")
    out, _ = lines(cmd, tmp_path)
    assert out == ["4", "Get-Date", "hello", "True"]


def test_listing_and_group_views(tmp_path):
    (tmp_path / "a.txt").write_text("abc")
    out, _ = run("Get-ChildItem a.txt", tmp_path)
    assert "Mode                 LastWriteTime         Length Name" in out
    assert "-a---" in out and out.rstrip().endswith("3 a.txt")
    out, _ = run("1..4 | Group-Object { $_ % 2 }", tmp_path)
    assert "Count Name                      Group" in out
    assert "    2 1                         {1, 3}" in out


def test_help_parameter_and_listing(tmp_path):
    out, _ = run("Get-Help Remove-Item -Parameter Path", tmp_path)
    assert "    -Path <string[]>" in out
    assert "        Accept pipeline input?       True (ByPropertyName, ByValue)" in out
    out, _ = run("Get-Help about_*", tmp_path)
    assert "about_Application_Credential_Key" in out and "HelpFile" in out
    _, err = run("Get-Help No-SuchThing", tmp_path)
    assert "Get-Help could not find No-SuchThing in a help file in this session." in err


def test_get_member_and_command_views(tmp_path):
    out, _ = run("'x' | Get-Member -Name Length", tmp_path)
    assert "Length Property   int Length {get;}" in out
    out, _ = run("Get-Command Get-Date", tmp_path)
    assert out.splitlines()[1].startswith("CommandType     Name" + " " * 47 + "Version    Source")


def test_write_error_in_function_belongs_to_caller(tmp_path):
    _, err = run("function f { Write-Error 'in f' }; f", tmp_path)
    assert err.startswith("f : in f")
    assert "FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException,f" in err
    assert "[Write-Error], WriteErrorException" in err


def test_variable_scopes(tmp_path):
    cmd = ("$g = 1; function f { $l = 2; (Get-Variable l -Scope Local -ValueOnly); "
           "(Get-Variable g -ValueOnly); Set-Variable g 5 -Scope Global; "
           "New-Variable n 3 -Scope Script }; f; $g; $n; "
           "Get-Variable -Name l -ErrorAction SilentlyContinue | Measure-Object | % Count")
    out, _ = lines(cmd, tmp_path)
    assert out == ["2", "1", "5", "3", "0"]


def test_select_string_context_and_view(tmp_path):
    (tmp_path / "c.txt").write_text("l1\nl2\nmatch\nl4\nl5\n")
    out, _ = run("Select-String -Path c.txt -Pattern match -Context 1,1", tmp_path)
    assert "  c.txt:2:l2\n> c.txt:3:match\n  c.txt:4:l4" in out


def test_help_has_no_autoload_side_effect(tmp_path):
    out, err = run("Get-Help Get-SPFarm | Out-Null; Add-PSSnapin Microsoft.SharePoint.PowerShell; "
                   "'added'", tmp_path)
    assert "added" in out and "already added" not in err


def test_random_seed_sleep_and_timing(tmp_path):
    cmd = ("$a = Get-Random -SetSeed 7 -Maximum 1000; $b = Get-Random -SetSeed 7 -Maximum 1000; "
           "$a -eq $b; $t = Measure-Command { Start-Sleep -Milliseconds 150 }; "
           "$t.TotalMilliseconds -ge 140; $t.GetType().Name")
    out, _ = lines(cmd, tmp_path)
    assert out == ["True", "True", "TimeSpan"]


def test_content_delimiter_raw_and_encoding(tmp_path):
    cmd = ("'a-b-c' | Set-Content d.txt -NoNewline; (Get-Content d.txt -Delimiter '-') -join '|'; "
           "Set-Content u.txt 'é' -Encoding unicode; Get-Content u.txt; "
           "(Get-Content u.txt -Raw).Length")
    out, _ = lines(cmd, tmp_path)
    assert out == ["a-|b-|c", "é", "2"]
    assert (tmp_path / "u.txt").read_bytes().startswith(b"\xff\xfe")
