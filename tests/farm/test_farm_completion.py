"""The farm's Tab-completion values: registered when the snap-in loads, read from the store."""
import io

from spshell.host import ConsoleHost
from spshell.runtime.session import Session


def test_completion_providers_offer_farm_values(tmp_path, monkeypatch):
    monkeypatch.setenv("SPSHELL_KEYSTORE", "file")
    out = io.StringIO()
    s = Session(ConsoleHost(interactive=False, stdout=out, stderr=out), "APP1", tmp_path)
    s.run_text("$p = ConvertTo-SecureString 'Farm-Passphrase-1' -AsPlainText -Force; "
               "New-SPConfigurationDatabase -DatabaseName Config -DatabaseServer SQL1 "
               "-Passphrase $p "
               "-FarmCredentials (New-Object PSCredential 'CONTOSO\\sp_farm', $p) | Out-Null")
    from spshell.repl import completion_providers as cp
    from cmdlets.sharepoint import completion
    ctx = cp.ProviderContext("Get-SPServer", "Identity", "", {}, s.ctx)
    assert "APP1" in [n.upper() for n in completion.server_names(ctx)], out.getvalue()
    urls = completion.web_application_urls(ctx)
    assert any(":" in u for u in urls), urls  # Central Administration at least
    assert "One or more servers can't retrieve the outgoing email credentials." in \
        completion.health_rule_names(ctx) or completion.health_rule_names(ctx)
    # the snap-in registered them with the completer when it loaded
    keys = {(g, p) for g, p, _ in cp._providers}
    assert ("*-spserver", "identity") in keys and ("*-spwebapplication", "identity") in keys
