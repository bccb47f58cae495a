"""The cmdlet classes driven directly (the engine's binder is stood in for by conftest.run_cmdlet)."""
from __future__ import annotations

import pytest

from cmdlets.sharepoint import messages as M
from cmdlets.sharepoint.account_cmdlets import GetSPManagedAccount, NewSPManagedAccount
from cmdlets.sharepoint.farm_cmdlets import (ConnectSPConfigurationDatabase,
                                             DisconnectSPConfigurationDatabase, GetSPFarm,
                                             GetSPServer, NewSPConfigurationDatabase)
from cmdlets.sharepoint.key_cmdlets import (RemoveSPApplicationCredentialKey,
                                            SetSPApplicationCredentialKey)
from cmdlets.sharepoint.mailsettings import read_smtp_settings
from cmdlets.sharepoint.model import (SPGlobalAdmin, SPWebApplication, SPWebApplicationPipeBind)
from cmdlets.sharepoint.webapp_cmdlets import (GetSPWebApplication, NewSPAuthenticationProvider,
                                               NewSPWebApplication, SetSPWebApplication)
from spshell.runtime.errors import MethodException, SecurityException, SPException
from spshell.runtime.objects import PSCredential, SecureString, SwitchParameter


def cred(user, pw):
    return PSCredential(user, SecureString(pw))


@pytest.fixture
def farm(home, db, run):
    run(NewSPConfigurationDatabase, "SP-APP1", home, DatabaseName=db.name,
        DatabaseServer=db.server, Passphrase=SecureString("MyPassword"),
        FarmCredentials=cred("DOMAIN\\farm", "x"), LocalServerRole="singleserverfarm")
    return db


def ca_of(run, home, host="SP-APP1"):
    out = run(GetSPWebApplication, host, home,
              IncludeCentralAdministration=SwitchParameter(True)).output
    return [w for w in out if w.IsAdministrationWebApplication][0]


def test_new_farm_objects(farm, home, run):
    f = run(GetSPFarm, "SP-APP1", home).output[0]
    assert f.Name == farm.name and f.Status == "Online" and str(f) == f"SPFarm Name={farm.name}"
    servers = run(GetSPServer, "sp-app1", home).output
    assert [(s.Name, s.Role, s.NeedsUpgrade) for s in servers] == [("SP-APP1", "SingleServerFarm",
                                                                   False)]
    assert run(GetSPServer, "SP-APP1", home, Identity="sp-app1").output[0].Address == "SP-APP1"
    rt = run(GetSPServer, "SP-APP1", home, Identity="nope")
    assert rt.output == [] and "Cannot find an SPServer object" in str(rt.errors[0].exception)
    ca = ca_of(run, home)
    assert ca.DefaultServerComment == "SharePoint Central Administration v4"
    assert ca.OutboundMailServiceInstance is None and ca.OutboundMailPort == 25
    assert run(GetSPWebApplication, "SP-APP1", home).output == []
    # exact identity returns Central Administration without the switch
    assert run(GetSPWebApplication, "SP-APP1", home, Identity=ca.Url).output[0].Id == ca.Id


def test_no_farm_is_terminating(home, run):
    with pytest.raises(Exception) as e:
        run(GetSPFarm, "SP-LONE", home)
    assert str(e.value) == M.LOCAL_FARM_NOT_ACCESSIBLE


def test_join_and_leave(farm, home, run):
    with pytest.raises(SPException) as e:
        run(ConnectSPConfigurationDatabase, "SP-APP1", home, DatabaseName=farm.name,
            DatabaseServer=farm.server, Passphrase=SecureString("MyPassword"))
    assert str(e.value) == M.ALREADY_IN_FARM
    run(ConnectSPConfigurationDatabase, "SP-WFE1", home, DatabaseName=farm.name,
        DatabaseServer=farm.server, Passphrase=SecureString("MyPassword"),
        LocalServerRole="WebFrontEnd")
    names = [s.Name for s in run(GetSPServer, "SP-WFE1", home).output]
    assert names == ["SP-APP1", "SP-WFE1"]
    rt = run(DisconnectSPConfigurationDatabase, "SP-WFE1", home, confirm=False)
    assert rt.asked == [("SP-WFE1", "Disconnect-SPConfigurationDatabase")]
    assert len(run(GetSPServer, "SP-APP1", home).output) == 2  # declined: still joined
    run(DisconnectSPConfigurationDatabase, "SP-WFE1", home)
    assert len(run(GetSPServer, "SP-APP1", home).output) == 1


def test_confirm_impacts():
    assert RemoveSPApplicationCredentialKey.confirm_impact == "High"
    assert RemoveSPApplicationCredentialKey.supports_should_process
    assert DisconnectSPConfigurationDatabase.confirm_impact == "High"
    assert SetSPApplicationCredentialKey.confirm_impact == "Medium"
    assert SetSPWebApplication.confirm_impact == "Medium"
    assert SetSPWebApplication.default_parameter_set == "UpdateGeneralSettings"
    assert not GetSPFarm.supports_should_process


def test_set_webapp_mail_workflow(farm, home, run):
    ca = ca_of(run, home)
    creds = cred("user@example.com", "Sm7p-Secret")
    with pytest.raises(SPException) as e:
        run(SetSPWebApplication, "SP-APP1", home, "UpdateMailSettings", Identity=ca,
            SMTPServer="mail.example.com", SMTPServerPort=587,
            OutgoingEmailAddress="user@example.com", ReplyToEmailAddress="replyto@example.com",
            SMTPCredentials=creds)
    assert "Run Set-SPApplicationCredentialKey with the same key on every server" in str(e.value)
    rt = run(SetSPApplicationCredentialKey, "SP-APP1", home, Password=SecureString("New Password"))
    assert any("No OS keyring" in w for w in rt.warnings)
    run(SetSPWebApplication, "SP-APP1", home, "UpdateMailSettings", Identity=ca,
        SMTPServer="mail.example.com", SMTPServerPort=587,
        OutgoingEmailAddress="user@example.com", ReplyToEmailAddress="replyto@example.com",
        SMTPCredentials=creds)
    ca = ca_of(run, home)
    assert ca.OutboundMailServiceInstance.Server.Address == "mail.example.com"
    assert (ca.OutboundMailPort, ca.OutboundMailEnableSsl, ca.OutboundMailSenderAddress,
            ca.OutboundMailReplyToAddress, ca.OutboundMailUserName, ca.OutboundMailCodePage) == \
        (587, True, "user@example.com", "replyto@example.com", "user@example.com", 65001)
    # omitting -SMTPCredentials keeps them; port defaults to 25; -DisableSMTPEncryption
    run(SetSPWebApplication, "SP-APP1", home, "UpdateMailSettings", Identity=ca.Url,
        SMTPServer="smtp.internal.contoso.com", DisableSMTPEncryption=SwitchParameter(True))
    s = read_smtp_settings(type("C", (), {"computer_name": "SP-APP1", "home": home})())
    assert (s.server, s.port, s.enable_ssl, s.user_name) == ("smtp.internal.contoso.com", 25,
                                                            False, "user@example.com")
    assert s.password.reveal() == "Sm7p-Secret" and "Sm7p" not in repr(s)
    # -SMTPCredentials $null = anonymous
    run(SetSPWebApplication, "SP-APP1", home, "UpdateMailSettings", Identity=ca,
        SMTPServer="mail.example.com", SMTPCredentials=None)
    s = read_smtp_settings(type("C", (), {"computer_name": "SP-APP1", "home": home})())
    assert s.credential_status == "Anonymous" and s.password is None and not s.authenticated


def test_read_settings_on_other_hosts(farm, home, run):
    run(SetSPApplicationCredentialKey, "SP-APP1", home, Password=SecureString("k1"))
    ca = ca_of(run, home)
    run(SetSPWebApplication, "SP-APP1", home, "UpdateMailSettings", Identity=ca,
        SMTPServer="mail", SMTPCredentials=cred("u", "pw"))
    run(ConnectSPConfigurationDatabase, "SP-WFE1", home, DatabaseName=farm.name,
        DatabaseServer=farm.server, Passphrase=SecureString("MyPassword"))
    ctx = type("C", (), {"computer_name": "SP-WFE1", "home": home})()
    s = read_smtp_settings(ctx)
    assert s.credential_status == "MissingKey" and s.password is None
    with pytest.raises(SecurityException) as e:
        s.require_password()
    assert "wasn't found on this server" in str(e.value)
    run(SetSPApplicationCredentialKey, "SP-WFE1", home, Password=SecureString("k2"))
    s = read_smtp_settings(ctx)
    assert s.credential_status == "DifferentKey"
    run(RemoveSPApplicationCredentialKey, "SP-WFE1", home)
    assert read_smtp_settings(ctx).credential_status == "MissingKey"
    run(SetSPApplicationCredentialKey, "SP-WFE1", home, Password=SecureString("k1"))
    assert read_smtp_settings(ctx).password.reveal() == "pw"


def test_invalid_address_is_reported(farm, home, run):
    ca = ca_of(run, home)
    with pytest.raises(Exception) as e:
        run(SetSPWebApplication, "SP-APP1", home, "UpdateMailSettings", Identity=ca,
            SMTPServer="mail", OutgoingEmailAddress="nobody")
    assert str(e.value) == M.INVALID_MAIL_ADDRESS


def test_object_model_update_mail_settings(farm, home, run):
    ca = ca_of(run, home)
    ca.UpdateMailsettings = None  # scripts call it case-insensitively; the engine resolves names
    ca = ca_of(run, home)
    ca.UpdateMailSettings("mail.cobaltatom.com", "sharepoint@cobaltatom.com",
                          "sharepoint@cobaltatom.com", 65001, True, 587)
    assert (ca.OutboundMailPort, ca.OutboundMailEnableSsl) == (587, True)
    ca.UpdateMailSettings("mail2", "a@b.c", "d@e.f", "1252")
    ca = ca_of(run, home)
    assert ca.OutboundMailCodePage == 1252 and ca.OutboundMailPort == 587
    with pytest.raises(MethodException) as e:
        ca.UpdateMailSettings("x", "y")
    assert 'argument count: "2"' in str(e.value)
    ca.OutboundMailOverrideEnvelopeSender = True
    assert not ca_of(run, home).OutboundMailOverrideEnvelopeSender
    ca.Update()
    assert ca_of(run, home).OutboundMailOverrideEnvelopeSender
    ca.Properties["k"] = "v"
    ca.Update()
    assert ca_of(run, home).Properties["K"] == "v"


def test_global_admin_and_pipebind(farm, home, run, monkeypatch):
    from cmdlets.sharepoint import bridge
    ctx = type("C", (), {"computer_name": "SP-APP1", "home": home})()
    bridge.remember(ctx)  # the engine keeps its context alive; so must the test
    ga = SPGlobalAdmin()
    ga.UpdateMailSettings("smtp.contoso.com", "sp@contoso.com", "help@contoso.com", 65001)
    assert ga.OutboundSmtpServer == "smtp.contoso.com" and ga.MailCodePage == 65001
    ca = ca_of(run, home)
    assert ca.OutboundMailSenderAddress == "sp@contoso.com"
    pb = SPWebApplicationPipeBind(ca.Url)
    assert pb.Read().Id == ca.Id
    out = run(GetSPWebApplication, "SP-APP1", home, Identity=SPWebApplicationPipeBind(str(ca.Id)))
    assert out.output[0].Url == ca.Url


def test_new_web_application_examples(farm, home, run):
    rt = run(GetSPManagedAccount, "SP-APP1", home, Identity="DOMAIN\\wa")
    assert rt.output == [] and str(rt.errors[0].exception) == M.MANAGED_ACCOUNT_NOT_FOUND
    run(NewSPManagedAccount, "SP-APP1", home, Credential=cred("DOMAIN\\wa", "pw"))
    with pytest.raises(SPException):
        run(NewSPManagedAccount, "SP-APP1", home, Credential=cred("domain\\WA", "pw"))
    acct = run(GetSPManagedAccount, "SP-APP1", home, Identity="DOMAIN\\wa").output[0]
    wa = run(NewSPWebApplication, "SP-APP1", home, Name="Contoso Internet Site", Port=80,
             HostHeader="sharepoint.contoso.com", Url="http://www.contoso.com",
             ApplicationPool="ContosoAppPool", ApplicationPoolAccount=acct).output[0]
    assert isinstance(wa, SPWebApplication) and wa.Url == "http://www.contoso.com/"
    assert wa.ApplicationPool.Username == "DOMAIN\\wa"
    ap = run(NewSPAuthenticationProvider, "SP-APP1", home).output[0]
    wa2 = run(NewSPWebApplication, "SP-APP1", home, Name="Contoso SSL", Port=443,
              SecureSocketsLayer=SwitchParameter(True), Url="https://www.contoso.com:443",
              ApplicationPool="ContosoAppPool", AuthenticationProvider=ap).output[0]
    assert wa2.Url == "https://www.contoso.com/" and wa2.SecureSocketsLayer
    names = [w.DisplayName for w in run(GetSPWebApplication, "SP-APP1", home).output]
    assert names == ["Contoso Internet Site", "Contoso SSL"]
    assert run(GetSPManagedAccount, "SP-APP1", home,
               WebApplication=wa.Url).output[0].UserName == "DOMAIN\\wa"
    # pipeline: Get-SPWebApplication | Set-SPWebApplication (general settings)
    for w in run(GetSPWebApplication, "SP-APP1", home).output:
        run(SetSPWebApplication, "SP-APP1", home, Identity=w, DefaultTimeZone=13,
            DefaultQuotaTemplate="Team")
    assert [w.DefaultTimeZone for w in run(GetSPWebApplication, "SP-APP1", home).output] == [13, 13]
    # claim settings: Default zone exists, Extranet does not
    run(SetSPWebApplication, "SP-APP1", home, "UpdateClaimSettings", Identity=wa, Zone="Default",
        AuthenticationMethod="Kerberos")
    with pytest.raises(SPException) as e:
        run(SetSPWebApplication, "SP-APP1", home, "UpdateClaimSettings", Identity=wa,
            Zone="Extranet", AuthenticationProvider=ap)
    assert "Extranet zone" in str(e.value)


def test_help_is_present():
    for cls in (NewSPConfigurationDatabase, ConnectSPConfigurationDatabase,
                DisconnectSPConfigurationDatabase, GetSPFarm, GetSPServer, GetSPWebApplication,
                NewSPWebApplication, SetSPWebApplication, SetSPApplicationCredentialKey,
                RemoveSPApplicationCredentialKey, GetSPManagedAccount, NewSPManagedAccount):
        assert cls.help.synopsis and cls.help.examples, cls.name
        for p in cls.parameters.values():
            assert p.help, (cls.name, p.name)


def test_syntax_names_the_reference_pipebind_types():
    """Get-Command -Syntax / Get-Help show the types the reference documents, not <Object>."""
    from cmdlets.core._help import syntax_lines
    from spshell.runtime.binding import metadata_for_cmdlet
    from cmdlets.sharepoint.webapp_cmdlets import GetSPWebApplication
    meta = metadata_for_cmdlet(GetSPWebApplication)
    line = syntax_lines("Get-SPWebApplication", meta.parameters, meta.default_set)[0]
    assert line.startswith("Get-SPWebApplication [[-Identity] <SPWebApplicationPipeBind>] "
                           "[-AssignmentCollection <SPAssignmentCollection>] "
                           "[-IncludeCentralAdministration]"), line
