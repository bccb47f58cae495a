"""The lab mail server cmdlets (spshell extensions)."""
from __future__ import annotations

import fnmatch

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import ErrorRecord, InvalidOperationException
from spshell.runtime.objects import PSCredential, SecureString, SwitchParameter

from ._common import home_of

MECHS = ("PLAIN", "LOGIN", "CRAM-MD5", "NTLM", "GSSAPI", "XOAUTH2")


def _lab_error(cmdlet, exc, terminating=True):
    rec = ErrorRecord(InvalidOperationException(str(exc)), "LabMailServer",
                      getattr(exc, "category", "InvalidOperation"), None)
    if terminating:
        cmdlet.throw_terminating_error(rec)
    cmdlet.write_error(rec)


def _info(home):
    from .labserver import manage, state
    from .results import LabServerInfo
    s = state.read_state(home)
    return LabServerInfo(s, manage.user_names(home), len(manage.list_messages(home)), home,
                         (s or {}).get("kerberos"))


class LabUser:
    __ps_type__ = "spshell.Mail.LabUser"
    __ps_default_display__ = ("Name", "Domain", "UserPrincipalName")

    def __init__(self, name, domain, upn, token):
        self.Name = name
        self.Domain = domain
        self.UserPrincipalName = upn
        self.OAuthToken = token  # SecureString: a lab-issued XOAUTH2 bearer token

    @property
    def NtAccount(self):
        return f"{self.Domain}\\{self.Name}"


class StartLabMailServer(Cmdlet):
    name = "Start-LabMailServer"
    implementing_type = "spshell.Mail.StartLabMailServerCommand"
    supports_should_process = True
    confirm_impact = "Low"
    help = Help(
        synopsis="Starts the lab mail server (aiosmtpd on 127.0.0.1) in the background.",
        description=(
            "Profiles: Exchange (a 'port 25' listener taking anonymous mail with AUTH NTLM and "
            "LOGIN only after STARTTLS; a 'port 587' listener requiring authentication with "
            "AUTH GSSAPI NTLM and LOGIN after STARTTLS; an implicit-TLS '465') and "
            "ExchangeOnline (nothing before STARTTLS; AUTH LOGIN XOAUTH2 after; 530 5.7.57 "
            "without authentication; -BasicAuthDisabled answers LOGIN with 550 5.7.30). Real "
            "ports are high (default 2525, 5587, 4465, 5588; -Port gives one per listener, or "
            "a single 0 for free ports). -HostName lets the lab answer for names such as "
            "smtp.office365.com (Exchange Online profile) or mail.contoso.com (Exchange) for "
            "spshell processes using this home; results and transcripts of such connections "
            "say LAB. -Credential creates lab users, accepted by every mechanism. -Kerberos "
            "also starts an MIT KDC for realm LAB.TEST (needs the krb5-kdc packages). The "
            "server keeps running after this shell exits; Stop-LabMailServer stops it."),
        examples=[
            Example("Start-LabMailServer -Credential (Get-Credential LAB\\alice) -HostName "
                    "mail.contoso.com,smtp.office365.com",
                    "Starts both profiles with one user, answering for two names."),
            Example("Start-LabMailServer -Profile ExchangeOnline -BasicAuthDisabled",
                    "Exchange Online after Basic authentication was switched off."),
        ])

    Profile = Parameter("string[]", validate_set=("Exchange", "ExchangeOnline"),
                        help="Which server(s) to imitate (default both).")
    Port = Parameter("int[]", help="Real port for each listener (in the order shown by "
                                   "Get-LabMailServer), or a single 0 for free ports.")
    HostName = Parameter("string[]", help="Names the lab answers for ('name' or "
                                          "'name=Profile').")
    Credential = Parameter("System.Management.Automation.PSCredential[]",
                           help="Lab users to create.")
    BasicAuthDisabled = Parameter(SwitchParameter, help="Exchange Online refuses LOGIN.")
    ExtraMechanism = Parameter("string[]", validate_set=MECHS,
                               help="Mechanisms to add to every listener (after TLS).")
    Kerberos = Parameter(SwitchParameter, help="Start a lab KDC (realm LAB.TEST).")

    def process(self):
        from .labserver import manage
        home = home_of(self)
        if not self.should_process(str(home), "Start lab mail server"):
            return
        creds = []
        for c in self.Credential or []:
            if not isinstance(c, PSCredential):
                _lab_error(self, ValueError("-Credential needs PSCredential objects."))
            creds.append((c.UserName, c.Password.reveal()))
        try:
            manage.start(home, profiles=list(self.Profile or manage.PROFILES),
                         ports=list(self.Port or []), host_names=list(self.HostName or []),
                         credentials=creds, basic_auth_disabled=bool(self.BasicAuthDisabled),
                         extra_mechanisms=list(self.ExtraMechanism or []),
                         kerberos=bool(self.Kerberos))
        except manage.LabError as exc:
            _lab_error(self, exc)
        except OSError as exc:
            _lab_error(self, manage.LabError(f"The lab mail server could not start: {exc}"))
        self.write_object(_info(home))


class StopLabMailServer(Cmdlet):
    name = "Stop-LabMailServer"
    implementing_type = "spshell.Mail.StopLabMailServerCommand"
    supports_should_process = True
    confirm_impact = "Low"
    help = Help(
        synopsis="Stops the lab mail server of this spshell home (and its KDC).",
        description="Captured messages stay on disk; Clear-LabMail removes them.",
        examples=[Example("Stop-LabMailServer", "Stops the lab.")])
    PassThru = Parameter(SwitchParameter, help="Output the stopped server's description.")

    def process(self):
        from .labserver import manage
        home = home_of(self)
        if not self.should_process(str(home), "Stop lab mail server"):
            return
        before = _info(home)
        stopped = manage.stop(home)
        if stopped is None:
            self.write_verbose("The lab mail server was not running.")
        elif self.PassThru:
            before.Running = False
            self.write_object(before)


class GetLabMailServer(Cmdlet):
    name = "Get-LabMailServer"
    implementing_type = "spshell.Mail.GetLabMailServerCommand"
    help = Help(
        synopsis="Shows the lab mail server of this spshell home: listeners, names, users.",
        examples=[Example("(Get-LabMailServer).Listeners",
                          "Each listener, the port it stands for and its real port.")])

    def process(self):
        self.write_object(_info(home_of(self)))


class GetLabMail(Cmdlet):
    name = "Get-LabMail"
    implementing_type = "spshell.Mail.GetLabMailCommand"
    help = Help(
        synopsis="Lists the messages the lab mail server captured, oldest first.",
        description="Each message shows who authenticated, with which mechanism, over what "
                    "TLS, on which listener; Body, Headers, Attachments and Raw read the .eml.",
        examples=[Example("Get-LabMail -Last 1 | Format-List *",
                          "The newest message with everything known about it."),
                  Example("Get-LabMail -Subject '*test*' -To bob@lab.test",
                          "Filters with wildcards.")])
    Subject = Parameter(str, position=0, wildcards=True, help="Subject (wildcards).")
    From = Parameter(str, wildcards=True, help="Envelope sender (wildcards).")
    To = Parameter(str, wildcards=True, help="A recipient (wildcards).")
    Id = Parameter("string[]", help="Message ids.")
    Last = Parameter(int, validate_range=(1, 1 << 30), help="Only the newest N.")

    def process(self):
        from .labserver import manage
        msgs = manage.list_messages(home_of(self))

        def like(value, pattern):
            return pattern is None or fnmatch.fnmatch(str(value or "").lower(), pattern.lower())

        out = [m for m in msgs
               if like(m.Subject, self.Subject) and like(m.From, self.From)
               and (self.To is None or any(like(t, self.To) for t in m.To))
               and (not self.Id or m.Id in self.Id)]
        if self.Last:
            out = out[-self.Last:]
        for m in out:
            self.write_object(m)


class ClearLabMail(Cmdlet):
    name = "Clear-LabMail"
    implementing_type = "spshell.Mail.ClearLabMailCommand"
    supports_should_process = True
    confirm_impact = "Medium"
    help = Help(synopsis="Deletes captured lab messages (all, or -Id).",
                examples=[Example("Clear-LabMail -Confirm:$false", "Empties the mailbox.")])
    Id = Parameter("string[]", position=0, pipeline=True, by_property=True,
                   help="Messages to delete.")

    def begin(self):
        self._ids = []
        self._any = False

    def process(self):
        if self.Id:
            self._ids.extend(self.Id)
        self._any = True

    def end(self):
        from .labserver import manage
        home = home_of(self)
        ids = self._ids or None
        target = f"{len(ids)} lab message(s)" if ids else "all lab messages"
        if self.should_process(target, "Clear-LabMail"):
            n = manage.clear_messages(home, ids)
            self.write_verbose(f"Removed {n} message(s).")


class NewLabMailUser(Cmdlet):
    name = "New-LabMailUser"
    implementing_type = "spshell.Mail.NewLabMailUserCommand"
    default_parameter_set = "Credential"
    help = Help(
        synopsis="Creates (or resets) a lab mail user, accepted by every mechanism.",
        description="The user can authenticate as NAME, DOMAIN\\NAME or NAME@lab.test with "
                    "PLAIN, LOGIN, CRAM-MD5 and NTLM; the result carries a lab-issued OAuth "
                    "token (OAuthToken, a SecureString) for XOAUTH2. With a running lab KDC the "
                    "Kerberos principal NAME@LAB.TEST is created too. A running server sees the "
                    "user at once.",
        examples=[Example("$u = New-LabMailUser -Credential (Get-Credential LAB\\bob)",
                          "Creates bob; $u.OAuthToken is his XOAUTH2 token."),
                  Example("New-LabMailUser -Name carol -Password (ConvertTo-SecureString "
                          "'P@ss1' -AsPlainText -Force)", "Creates carol.")])
    Credential = Parameter(PSCredential, sets={"Credential": {"mandatory": True,
                                                              "position": 0}})
    Name = Parameter(str, sets={"Name": {"mandatory": True, "position": 0}})
    Password = Parameter(SecureString, sets={"Name": {"mandatory": True, "position": 1}})
    Domain = Parameter(str, help="NT domain name (default LAB).")

    def process(self):
        from .labserver import users, state
        home = home_of(self)
        if self.Credential is not None:
            name, pw = self.Credential.UserName, self.Credential.Password
        else:
            name, pw = self.Name, self.Password
        if not name or pw is None or not pw.reveal():
            _lab_error(self, ValueError("A lab user needs a name and a non-empty password."))
        entry = users.add_user(home, name, pw.reveal(), self.Domain)
        s = state.read_state(home)
        if s and s.get("kerberos"):
            from .labserver import kdc
            try:
                kdc.add_principal(home, entry["name"], pw.reveal())
            except Exception as exc:
                self.write_warning(f"The Kerberos principal was not created: {exc}")
        token = SecureString(users.issue_token(home, entry["name"]))
        self.write_object(LabUser(entry["name"], entry["domain"],
                                  f"{entry['name']}@{users.REALM.lower()}", token))
