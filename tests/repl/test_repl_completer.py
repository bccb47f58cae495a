"""The completer as a pure function: a fake engine view, then a real session's view."""

import pytest

from spshell.cmdlet import Parameter
from spshell.repl import completion_providers
from spshell.repl.completer import MISSING, ContextView, complete
from spshell.runtime.binding import CommandMetadata
from spshell.runtime.objects import SwitchParameter


def _meta(name, params, default_set=None, advanced=True):
    for n, p in params.items():
        p.name = n
    return CommandMetadata(name, params, default_set, advanced=advanced)


class FakeView:
    session = None

    def __init__(self, tmp_path=None):
        self.cmds = [("Get-SPFarm", "Cmdlet"), ("Get-SPServer", "Cmdlet"),
                     ("Get-SPWebApplication", "Cmdlet"), ("Set-SPWebApplication", "Cmdlet"),
                     ("Get-ChildItem", "Cmdlet"), ("gci", "Alias"), ("prompt", "Function"),
                     ("Send-TestMail", "Cmdlet")]
        self.meta = {
            "get-spserver": _meta("Get-SPServer", {
                "Identity": Parameter(str, position=0),
                "Role": Parameter("string", validate_set=("Application", "WebFrontEnd",
                                                          "SingleServerFarm"))}),
            "set-spwebapplication": _meta("Set-SPWebApplication", {
                "Identity": Parameter(str, position=0, mandatory=True),
                "SMTPServer": Parameter(str, sets={"UpdateMailSettings": {}}),
                "OutgoingEmailAddress": Parameter(str, sets={"UpdateMailSettings": {}}),
                "SMTPServerPort": Parameter(int, sets={"UpdateMailSettings": {}}),
                "Zone": Parameter(str, sets={"UpdateResourceSettings": {}},
                                  validate_set=("Default", "Intranet", "Internet")),
                "Force": Parameter(SwitchParameter),
            }),
            "get-childitem": _meta("Get-ChildItem", {
                "Path": Parameter("string[]", position=0),
                "Recurse": Parameter(SwitchParameter),
                "Hidden": Parameter(SwitchParameter, dont_show=True)}),
            "send-testmail": _meta("Send-TestMail", {
                "UseSsl": Parameter(bool)}),
        }
        self.meta["gci"] = self.meta["get-childitem"]
        self.vars = {"farm": {"Name": "x"}, "Error": [], "PSVersionTable": None,
                     "my var": 1}
        self.loc = tmp_path

    def commands(self):
        return iter(self.cmds)

    def applications(self):
        return ["getent", "git"]

    def metadata(self, name):
        m = self.meta.get(name.lower())
        return None if m is None else (m.name, m)

    def variables(self):
        return list(self.vars)

    def variable_value(self, name, scope=None):
        for k, v in self.vars.items():
            if k.lower() == name.lower():
                return v
        return MISSING

    def get_property(self, obj, name):
        return obj.get(name, MISSING) if isinstance(obj, dict) else MISSING

    def members(self, obj):
        if isinstance(obj, dict):
            return [(k, "NoteProperty", "") for k in obj] + [
                ("ContainsKey", "Method", "bool ContainsKey(System.Object key)"),
                ("Clear", "Method", "void Clear()")]
        return []

    def environment_names(self):
        return ["HOME", "PATH", "SPSHELL_HOME"]

    def location(self):
        return self.loc


def texts(text, view, cursor=None):
    r = complete(text, len(text) if cursor is None else cursor, view)
    return r.texts


def test_command_names_verb_noun_is_one_word_and_case_is_fixed():
    v = FakeView()
    r = complete("get-spw", 7, v)
    assert r.start == 0
    assert r.texts == ["Get-SPWebApplication"]
    assert texts("Get-SP", v) == ["Get-SPFarm", "Get-SPServer", "Get-SPWebApplication"]


def test_command_wildcard_and_applications_after_commands():
    v = FakeView()
    assert texts("*-SPWeb", v) == ["Get-SPWebApplication", "Set-SPWebApplication"]
    assert texts("g", v)[-2:] == ["getent", "git"]
    assert "gci" in texts("g", v)


def test_command_after_pipe_semicolon_brace_and_assignment():
    v = FakeView()
    assert texts("Get-SPFarm | Get-SPS", v) == ["Get-SPServer"]
    assert texts("$x = 1; get-spf", v) == ["Get-SPFarm"]
    assert texts("foreach ($s in $list) { Get-SPS", v) == ["Get-SPServer"]
    assert texts("$servers = Get-SPS", v) == ["Get-SPServer"]
    r = complete("$servers = Get-SPS", 18, v)
    assert r.start == len("$servers = ")


def test_parameter_names_include_common_and_exclude_bound_and_hidden():
    v = FakeView()
    got = texts("Get-ChildItem -", v)
    assert got[:2] == ["-Path", "-Recurse"]
    assert "-Hidden" not in got  # DontShow
    assert "-ErrorAction" in got and "-Verbose" in got
    assert "-Recurse" not in texts("gci -Recurse -", v)
    assert texts("gci -r", v) == ["-Recurse"]


def test_parameter_names_limited_to_open_parameter_sets():
    v = FakeView()
    got = texts("Set-SPWebApplication -Identity x -SMTPServer mail -", v)
    assert "-OutgoingEmailAddress" in got and "-SMTPServerPort" in got
    assert "-Zone" not in got
    assert "-Force" in got
    got = texts("Set-SPWebApplication x -Zone Default -", v)
    assert "-SMTPServer" not in got


def test_validate_set_values_and_colon_form():
    v = FakeView()
    assert texts("Get-SPServer -Role ", v) == ["Application", "WebFrontEnd", "SingleServerFarm"]
    assert texts("Get-SPServer -Role w", v) == ["WebFrontEnd"]
    assert texts("Get-SPServer -Role:s", v) == ["-Role:SingleServerFarm"]


def test_error_action_values_from_common_parameters():
    v = FakeView()
    assert texts("Get-SPServer -ErrorAction s", v) == ["SilentlyContinue", "Stop", "Suspend"]
    assert texts("Get-SPServer -ea Ig", v) == ["Ignore"]


def test_bool_parameter_values():
    v = FakeView()
    assert texts("Send-TestMail -UseSsl:$t", v) == ["-UseSsl:$true"]


def test_provider_hook_supplies_farm_values_filtered_and_quoted():
    v = FakeView()
    seen = {}

    def urls(ctx):
        seen["ctx"] = ctx
        return ["http://sp2019", "http://portal.contoso.com", ("http://my site", "My sites")]

    completion_providers.register("*-SPWebApplication", "Identity", urls)
    try:
        got = texts("Set-SPWebApplication -Identity http://p", v)
        assert got == ["http://portal.contoso.com"]
        assert seen["ctx"].command_name == "Set-SPWebApplication"
        assert seen["ctx"].parameter_name == "Identity"
        assert seen["ctx"].word == "http://p"
        # positional: the first positional parameter is Identity
        assert texts("Set-SPWebApplication http://m", v) == ["'http://my site'"]
        # a value typed inside quotes keeps its quotes
        assert texts("Set-SPWebApplication -Identity 'http://s", v) == ["'http://sp2019'"]
    finally:
        completion_providers.unregister("*-SPWebApplication", "Identity")
    assert texts("Set-SPWebApplication -Identity http://p", v) != ["http://portal.contoso.com"]


def test_provider_failures_and_lazy_references(monkeypatch, tmp_path):
    # a folder of our own: the fallback lists the current folder's files, quoted when they
    # have spaces, and the repository's folder changes while other tests run
    (tmp_path / "notes.txt").write_text("")
    v = FakeView(tmp_path)

    def broken(ctx):
        raise RuntimeError("farm is down")

    completion_providers.register("Get-SPServer", "Identity", broken)
    completion_providers.register("Get-SPSer*", "*", "os.path:basename")  # wrong signature
    try:
        # no values from the failing providers; the completer falls back to file names
        got = texts("Get-SPServer -Identity ", v)
        assert got == ["./notes.txt"]
    finally:
        completion_providers.unregister("Get-SPServer", "Identity")
        completion_providers.unregister("Get-SPSer*", "*")


def test_variables_scopes_env_and_splatting():
    v = FakeView()
    assert texts("$fa", v) == ["$farm"]
    assert texts("Write-Output $global:fa", v) == ["$global:farm"]
    assert texts("$env:SP", v) == ["$env:SPSHELL_HOME"]
    assert texts("Get-SPServer @fa", v) == ["@farm"]
    assert texts("$my", v) == ["${my var}"]


def test_members_after_dot_when_value_known():
    v = FakeView()
    got = texts("$farm.", v)
    assert got[0] == "$farm.Name"
    assert "$farm.Clear()" in got and "$farm.ContainsKey(" in got
    assert texts("$nothing.", v) == []


def test_paths_relative_quoted_and_directories(tmp_path):
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "lab setup.ps1").write_text("")
    (tmp_path / "Script.txt").write_text("")
    (tmp_path / ".hidden").write_text("")
    v = FakeView(tmp_path)
    assert texts("Get-ChildItem scr", v) == ["./Script.txt", "./scripts/"]
    assert texts("Get-ChildItem ./scripts/la", v) == ["'./scripts/lab setup.ps1'"]
    assert texts("Get-ChildItem .h", v) == ["./.hidden"]
    assert texts("Get-ChildItem -Path " + str(tmp_path) + "/Scr", v) == [
        str(tmp_path) + "/Script.txt", str(tmp_path) + "/scripts/"]
    # command position with a path: script files
    assert texts("./scripts/", v) == ["'./scripts/lab setup.ps1'"]


def test_nothing_inside_comments_and_quoted_commands_do_not_crash():
    v = FakeView()
    assert texts("Get-SPFarm # Get-SP", v) == []
    # after a pipe, an empty word in command position lists every command
    assert len(complete("Get-SPFarm | ", 13, v).candidates) == len(v.cmds)
    r = complete('"Hello $fa', 10, v)  # a variable inside an expandable string
    assert r.start == 7 and r.texts == ["$farm"]
    assert texts("'literal $fa", v) == []


def test_cursor_in_the_middle_completes_the_word_before_it():
    v = FakeView()
    text = "Get-SPS | Out-Null"
    r = complete(text, 7, v)
    assert r.start == 0 and r.texts == ["Get-SPServer"]


# ----------------------------------------------------------------- against a real session

@pytest.fixture(scope="module")
def live():
    from spshell.host import ConsoleHost
    from spshell.runtime.session import Session
    s = Session(ConsoleHost(interactive=False), "SP1", None, True)
    s.run_text("$abc = [pscustomobject]@{ Name = 'one'; Size = 2 }\n"
               "$ht = @{ Alpha = 1; Beta = 2 }\n"
               "function Get-Fruit { param([ValidateSet('Apple','Banana')][string]$Kind,"
               " [switch]$Ripe) $Kind }")
    return s


def test_live_cmdlet_and_parameter_names(live):
    v = ContextView(live.ctx)
    assert texts("Start-Sle", v) == ["Start-Sleep"]
    got = texts("Start-Sleep -", v)
    assert got[:3] == ["-Seconds", "-Milliseconds", "-Duration"]
    assert "-ErrorAction" in got
    # -Seconds chosen: the other sets' parameters are gone
    assert "-Milliseconds" not in texts("Start-Sleep -Seconds 1 -", v)


def test_live_function_validate_set_positional_and_alias(live):
    v = ContextView(live.ctx)
    assert texts("Get-Fruit ", v) == ["Apple", "Banana"]
    assert texts("Get-Fruit -Kind b", v) == ["Banana"]
    assert texts("Get-Fruit -R", v) == ["-Ripe"]
    assert "Get-Fruit" in texts("Get-Fr", v)
    assert texts("Get-ChildItem -Rec", v) == ["-Recurse"]
    # an alias resolves to its command's parameters
    assert texts("gci -Rec", v) == ["-Recurse"]


def test_live_variables_and_members(live):
    v = ContextView(live.ctx)
    assert texts("$ab", v) == ["$abc"]
    got = texts("$abc.", v)
    assert got[:2] == ["$abc.Name", "$abc.Size"]
    assert texts("$abc.Name.Len", v) == ["$abc.Name.Length"]
    assert texts("$ht.Al", v) == ["$ht.Alpha"]  # hashtable keys, as pwsh completes them
    assert "$ErrorActionPreference" in texts("$ErrorA", v)


def test_live_enum_values(live):
    v = ContextView(live.ctx)
    got = texts("Get-Command -CommandType ", v)
    assert "Cmdlet" in got and "Function" in got


def test_completion_is_fast_with_a_thousand_functions(live):
    import time
    live.run_text("\n".join(f"function Invoke-Thing{i} {{ 'x' }}" for i in range(1000)))
    v = ContextView(live.ctx)
    assert len(texts("Invoke-Thing", v)) == 1000
    t0 = time.perf_counter()
    for _ in range(20):
        complete("Invoke-Thing99", 14, v)
    assert (time.perf_counter() - t0) / 20 < 0.03


def test_live_static_members(live):
    v = ContextView(live.ctx)
    assert texts("[Math]::Ro", v) == ["[Math]::Round("]
    assert "[DateTime]::Now" in texts("$t = [DateTime]::N", v)
    assert texts("[No.Such.Type]::", v) == []


class _FarmCmdlet:
    pass


def farm_module_setup(context):
    """What a module's setup hook does: register its value providers (see the docs of
    spshell.repl.completion_providers)."""
    completion_providers.register("Get-LabFarmServer", "Identity",
                                  lambda ctx: [f"SP{i:02d}" for i in range(1, 13)]
                                  + [ctx.session.computer_name])


def test_module_setup_registers_providers_before_the_first_tab_on_its_command(live):
    from spshell.cmdlet import Cmdlet, Module

    class GetLabFarmServer(Cmdlet):
        name = "Get-LabFarmServer"
        Identity = Parameter(str, position=0)

    live.ctx.modules.register(Module("LabFarm", commands={"Get-LabFarmServer": GetLabFarmServer},
                                     setup="test_repl_completer:farm_module_setup"))
    v = ContextView(live.ctx)
    try:
        # in the provider's order; the provider sees the session (computer name SP1)
        assert texts("Get-LabFarmServer -Identity SP1", v) == ["SP10", "SP11", "SP12", "SP1"]
        assert texts("Get-LabFarmServer SP0", v)[:2] == ["SP01", "SP02"]
    finally:
        completion_providers.unregister("Get-LabFarmServer", "Identity")
