"""System.Net.Mail.SmtpClient and MailMessage, as SMTP test scripts use them, against the lab
server: STARTTLS with EnableSsl, NetworkCredential authentication, MailMessage collections and
headers, and .NET's exceptions."""
from __future__ import annotations

import io

import pytest

from mailtesthelp import PASSWORD

pytestmark = pytest.mark.smtp


@pytest.fixture
def ps(lab):
    from spshell.host import ConsoleHost
    from spshell.runtime.session import Session
    out, err = io.StringIO(), io.StringIO()
    session = Session(ConsoleHost(interactive=False, stdout=out, stderr=err), "APP1", lab.home)
    session.run_text(f"$p587 = {lab.port('Exchange:587')}; $p25 = {lab.port('Exchange:25')}; "
                     f"$pw = '{PASSWORD}'")

    def run(text):
        out.seek(0)
        out.truncate()
        err.seek(0)
        err.truncate()
        session.run_text(text)
        run.err = err.getvalue()
        assert "Traceback" not in run.err, run.err
        return out.getvalue().splitlines()
    return run


def test_smtpclient_send_four_strings_with_starttls_and_network_credential(ps):
    out = ps("$c = New-Object Net.Mail.SmtpClient('127.0.0.1', $p587)\n"
             "$c.EnableSsl = $true\n"
             "$c.Credentials = New-Object System.Net.NetworkCredential('alice', $pw, 'LAB')\n"
             "$c.Send('alice@lab.test', 'bob@lab.test', 'netmail four', 'plain body')\n"
             "$m = Get-LabMail -Subject 'netmail four' -Last 1\n"
             "\"$($m.Mechanism) | $($m.AuthenticatedAs) | $($m.Listener) | $($m.Tls -ne $null)\"\n"
             "$m.Body.Trim()")
    assert out == ["NTLM | LAB\\alice | Exchange:587 | True", "plain body"], ps.err


def test_mailmessage_collections_priority_headers_and_attachment(ps, tmp_path):
    (tmp_path / "report.csv").write_text("a,b\n1,2\n")
    out = ps(f"$a = New-Object System.Net.Mail.Attachment('{tmp_path / 'report.csv'}')\n"
             "$msg = New-Object System.Net.Mail.MailMessage\n"
             "$msg.From = 'Alice <alice@lab.test>'\n"
             "$msg.To.Add('bob@lab.test, \"Carol, C\" <carol@lab.test>')\n"
             "$msg.CC.Add([System.Net.Mail.MailAddress]'dave@lab.test')\n"
             "$msg.Bcc.Add('eve@lab.test')\n"
             "$msg.ReplyToList.Add('replies@lab.test')\n"
             "$msg.Subject = 'netmail message'; $msg.Body = '<b>bold</b>'; $msg.IsBodyHtml = $true\n"
             "$msg.Priority = 'High'\n"
             "$msg.Headers.Add('X-Lab-Run', '42')\n"
             "$msg.Attachments.Add($a)\n"
             "\"$($msg.To.Count) $($msg.Priority) $($msg.To[1].DisplayName)\"\n"
             "$c = New-Object Net.Mail.SmtpClient '127.0.0.1'\n"
             "$c.Port = $p587; $c.EnableSsl = $true\n"
             "$c.Credentials = (New-Object System.Management.Automation.PSCredential("
             "'LAB\\alice', (ConvertTo-SecureString $pw -AsPlainText -Force)))"
             ".GetNetworkCredential()\n"
             "$c.Send($msg)\n"
             "$m = Get-LabMail -Subject 'netmail message' -Last 1\n"
             "$m.To -join ';'\n"
             "\"$($m.Headers['X-Priority']) $($m.Headers['X-Lab-Run']) $($m.Headers['Reply-To'])\"\n"
             "$m.Attachments\n"
             "$m.Raw -match 'Content-Type: text/html'")
    assert out[0] == "2 High Carol, C", ps.err
    assert out[1] == "bob@lab.test;carol@lab.test;dave@lab.test;eve@lab.test"
    assert out[2] == "1 42 replies@lab.test"
    assert out[3:] == ["report.csv", "True"]


def test_anonymous_send_to_587_is_the_dotnet_smtpexception(ps):
    out = ps("$c = New-Object Net.Mail.SmtpClient('127.0.0.1', $p587)\n"
             "try { $c.Send('a@lab.test', 'b@lab.test', 's', 'b') }\n"
             "catch { $_.Exception.GetType().Name; $_.Exception.InnerException.GetType().FullName;"
             " $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert out[:3] == ["MethodInvocationException", "System.Net.Mail.SmtpException",
                       "SmtpException"], ps.err
    assert out[3].startswith('Exception calling "Send" with "4" argument(s): "The SMTP server '
                             'requires a secure connection or the client was not authenticated.'
                             ' The server response was: '), out


def test_port_25_without_ssl_sends_anonymously(ps):
    out = ps("$c = New-Object Net.Mail.SmtpClient('127.0.0.1', $p25)\n"
             "$c.Send((New-Object System.Net.Mail.MailMessage('a@lab.test', 'b@lab.test', "
             "'netmail anon', 'x')))\n"
             "(Get-LabMail -Subject 'netmail anon' -Last 1).Mechanism")
    assert out == ["Anonymous"], ps.err


def test_wrong_password_names_the_server_reply_and_hides_the_secret(ps):
    out = ps("$c = New-Object Net.Mail.SmtpClient('127.0.0.1', $p587)\n"
             "$c.EnableSsl = $true\n"
             "$c.Credentials = New-Object System.Net.NetworkCredential('LAB\\alice', 'Wr0ng-Secret')\n"
             "$c.Send('a@lab.test', 'b@lab.test', 's', 'b')\n"
             "'next'\n"
             "$c | Format-List * | Out-String\n"
             "\"$c\"")
    assert "535" in ps.err and 'Exception calling "Send"' in ps.err, ps.err
    assert "next" in out
    text = "\n".join(out) + ps.err
    assert "Wr0ng-Secret" not in text
    assert out[-1] == "System.Net.Mail.SmtpClient"


def test_property_rules(ps):
    out = ps("$c = New-Object Net.Mail.SmtpClient\n"
             "\"$($c.Port) $($c.Timeout) $($c.EnableSsl) $($c.DeliveryMethod)\"\n"
             "$c.Host = 'mail.contoso.com'; $c.TargetName\n"
             "try { $c.Credentials = New-Object System.Management.Automation.PSCredential('u', "
             "(ConvertTo-SecureString 'p' -AsPlainText -Force)) } catch { 'cred: ' + $_ }\n"
             "try { $c.Port = 0 } catch { 'port refused' }\n"
             "try { $c.Send($null) } catch { 'null: ' + $_.Exception.InnerException.Message }\n"
             "try { $c.Send((New-Object System.Net.Mail.MailMessage)) } catch { 'empty: ' + "
             "$_.Exception.InnerException.Message }\n"
             "$m = New-Object System.Net.Mail.MailMessage\n"
             "try { $m.Priority = 'Urgent' } catch { 'priority refused' }\n"
             "$m.Priority = [System.Net.Mail.MailPriority]::Low; $m.Priority\n"
             "$m.DeliveryNotificationOptions = 'OnSuccess, OnFailure'; $m.DeliveryNotificationOptions")
    assert out[0] == "25 100000 False Network"
    assert out[1] == "SMTPSVC/mail.contoso.com"
    assert out[2].startswith('cred: Exception setting "Credentials": ') and \
        "System.Net.ICredentialsByHost" in out[2], out
    assert out[3:] == ["port refused", "null: Value cannot be null. (Parameter 'message')",
                       "empty: A from address must be specified.",
                       "priority refused", "Low", "OnSuccess, OnFailure"]
