"""Get-/New-/Set-SPWebApplication and New-SPAuthenticationProvider."""
from __future__ import annotations

from spshell.cmdlet import Example, Help, Parameter
from spshell.runtime.errors import DotNetException
from spshell.runtime.objects import PSCredential, SwitchParameter

from . import farm as F
from .base import SPCmdlet
from .errors import SPException, raise_error
from .farm_cmdlets import _PERMS
from .model import SPManagedAccount, web_application
from .resolve import resolve_web_applications


class GetSPWebApplication(SPCmdlet):
    name = "Get-SPWebApplication"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletGetWebApplication"
    output_type = "Microsoft.SharePoint.Administration.SPWebApplication"
    help = Help(
        synopsis="Returns all Web applications that match the given criteria.",
        description="The Get-SPWebApplication cmdlet returns all Web applications that match the "
                    "scope given by the Identity parameter.\nThe Identity can be the name of the "
                    "name, URL, or GUID of the Web application.\nIf no Identity is specified, "
                    "all Web applications are returned.\n\nThe Central Administration Web "
                    "application is only returned if its exact identity is provided or the "
                    "IncludeCentralAdministration flag is provided.\n\n" + _PERMS,
        examples=[
            Example("$w = Get-SPWebApplication https://sitename",
                    "This example gets the Web application for https://sitename and stores it "
                    "in a variable."),
            Example('Get-SPWebApplication -IncludeCentralAdministration | Where { '
                    '$_.DefaultServerComment -eq "SharePoint Central Administration v4"} | '
                    'Format-List *',
                    "This example displays all public properties on the SharePoint Central "
                    "Administration Web application in list format.")])

    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPWebApplicationPipeBind", position=0, pipeline=True,
                         help="Specifies the name, URL, or GUID of the Web application. The type "
                              "must be a valid URL, in the form https://server_name; a GUID, in "
                              "the form 1234-5678-9876-0987; or a valid name, in the form "
                              "SPWebApplication - 1212.")
    IncludeCentralAdministration = Parameter(
        SwitchParameter, help="Includes the Central Administration Web application in the "
                              "collection of Web applications that can be returned. The "
                              "IncludeCentral Administration parameter must still meet any other "
                              "filters provided.")

    def process(self):
        sess = self.session()
        if self.Identity is None:
            for row in sess.web_applications(bool(self.IncludeCentralAdministration)):
                self.write_object(web_application(sess, row))
            return
        try:
            for wa in resolve_web_applications(sess, self.Identity):
                self.write_object(wa)
        except DotNetException as exc:
            self.write_error(exc)


def _account_name(value, sess):
    """SPProcessAccountPipeBind: a managed account object, or the name of a managed account."""
    if value is None:
        return None
    if isinstance(value, SPManagedAccount):
        return value.UserName
    if isinstance(value, PSCredential):
        value = value.UserName
    name = str(getattr(value, "Value", value))
    if not sess.find_managed_accounts(name):
        from . import messages as M
        raise_error(SPException, M.MANAGED_ACCOUNT_NOT_FOUND, "ManagedAccountNotFound",
                    "ObjectNotFound", name)
    return sess.find_managed_accounts(name)[0]["user_name"]


class NewSPWebApplication(SPCmdlet):
    name = "New-SPWebApplication"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletNewSPWebApplication"
    supports_should_process = True
    confirm_impact = "Medium"
    output_type = "Microsoft.SharePoint.Administration.SPWebApplication"
    help = Help(
        synopsis="Creates a new Web application within the local farm.",
        description="Creates a new Web application specified by the Name parameter.\nThe user "
                    "specified by the DatabaseCredentials parameter must be a member of the "
                    "dbcreator fixed server role on the database server.\n\n" + _PERMS,
        examples=[
            Example('New-SPWebApplication -Name "Contoso Internet Site" -Port 80 -HostHeader '
                    'sharepoint.contoso.com -URL "http://www.contoso.com" -ApplicationPool '
                    '"ContosoAppPool" -ApplicationPoolAccount (Get-SPManagedAccount "DOMAIN\\wa")',
                    "This example creates a new Web application by using an internal host header "
                    "of sharepoint.contoso.com and a public URL of http://www.contoso.com."),
            Example('New-SPWebApplication -Name "Contoso Internet Site" -Port 443 '
                    '-SecureSocketsLayer -HostHeader sharepoint.contoso.com -URL '
                    '"https://www.contoso.com:443" -ApplicationPool "ContosoAppPool" '
                    '-ApplicationPoolAccount (Get-SPManagedAccount "DOMAIN\\wa")',
                    "This example creates a new SSL enabled Web application by using an internal "
                    "host header of sharepoint.contoso.com and a public URL of "
                    "https://www.contoso.com."),
            Example('$ap = New-SPAuthenticationProvider\nNew-SPWebApplication -Name "Contoso '
                    'Internet Site" -URL "https://www.contoso.com"  -Port 443\n-ApplicationPool '
                    '"ContosoAppPool"\n-ApplicationPoolAccount (Get-SPManagedAccount '
                    '"DOMAIN\\wa")\n-AuthenticationProvider $ap -SecureSocketsLayer',
                    "Creates a Windows Claims web application at the URL https://www.contoso.com "
                    "using the domain account domain\\wa.")])

    Name = Parameter(str, mandatory=True, pipeline=True,
                     help="Specifies the name of the new Web application.")
    ApplicationPool = Parameter(str, mandatory=True,
                                help="Specifies the name of an application pool to use; for "
                                     "example, SharePoint - 1213. If an application pool with the "
                                     "name provided does not exist, the ApplicationPoolAccount "
                                     "parameter must be provided and a new application pool will "
                                     "be created.")
    ApplicationPoolAccount = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPProcessAccountPipeBind", help="Specifies the user account that this "
                                                    "application pool will run as.")
    ServiceApplicationProxyGroup = Parameter(object, aliases=("ProxyGroup",),
                                             help="Specifies a custom service application proxy "
                                                  "group for the Web application to use.")
    SecureSocketsLayer = Parameter(SwitchParameter, help="Enables Secure Sockets Layer (SSL) "
                                                         "encryption for this Web application.")
    HostHeader = Parameter(str, help="Specifies a valid URL assigned to the Web application that "
                                     "must correlate to the alternate access mapping "
                                     "configuration, in the form server_name.")
    Port = Parameter(int, validate_range=(0, 4294967295),
                     help="Specifies the port on which this Web application can be accessed. If "
                          "no port is specified, a nonconflicting port number is automatically "
                          "generated.")
    AllowAnonymousAccess = Parameter(SwitchParameter, help="Allows anonymous access to the Web "
                                                           "application.")
    Path = Parameter(str, help="Specifies the physical directory for the new Web application in "
                               "the virtual directories folder.")
    Url = Parameter(str, help="Specifies the load-balanced URL for the Web application.")
    AuthenticationMethod = Parameter(str, validate_set=("Kerberos", "NTLM"),
                                     help="Uses Kerberos or NTLM to specify the authentication "
                                          "method. If no value is specified, the default NTLM is "
                                          "applied.")
    AuthenticationProvider = Parameter(object, help="Specifies the authentication provider or "
                                                    "providers that apply to a Web application.")
    AdditionalClaimProvider = Parameter(object, help="Adds a specific claim provider to the "
                                                     "defined Web application.")
    SignInRedirectURL = Parameter(str, help="Specifies the sign-in redirect URL for the Web "
                                            "application.")
    SignInRedirectProvider = Parameter(object, help="Sets the sign-in redirect URL to point to "
                                                    "the URL that is defined in the specified "
                                                    "authentication provider.")
    UserSettingsProvider = Parameter(object, help="Provides access to external user settings "
                                                  "provider.")
    DatabaseCredentials = Parameter(PSCredential, help="Specifies the Windows PowerShell "
                                                       "Credential object for the database user "
                                                       "account.")
    DatabaseServer = Parameter(str, help="Specifies the database server name.")
    DatabaseName = Parameter(str, help="Specifies the name of the initial content database for "
                                       "the new Web application. If no value is specified, a "
                                       "value in the format WSS_Content_<GUID> is auto-generated.")

    def process(self):
        sess = self.session()
        try:
            account = _account_name(self.ApplicationPoolAccount, sess)
        except DotNetException as exc:
            self.fail(exc)
            return
        target = self.Url or self.Name
        if not self.should_process(target):
            return
        providers = self.AuthenticationProvider
        if providers is not None and not isinstance(providers, list):
            providers = [providers]
        settings = {"claims": {"Default": {
            "AuthenticationProvider": [str(p) for p in providers or []],
            "AdditionalClaimProvider": [str(p) for p in _as_list(self.AdditionalClaimProvider)],
            "SignInRedirectURL": self.SignInRedirectURL or "",
            "SignInRedirectProvider": "" if self.SignInRedirectProvider is None
            else str(self.SignInRedirectProvider)}},
            "general": {"ServiceApplicationProxyGroup": None if
                        self.ServiceApplicationProxyGroup is None
                        else str(self.ServiceApplicationProxyGroup)},
            "UserSettingsProvider": None if self.UserSettingsProvider is None
            else str(self.UserSettingsProvider)}
        anonymous = bool(self.AllowAnonymousAccess) or any(
            getattr(p, "AllowAnonymous", False) for p in providers or [])
        try:
            row = sess.create_web_application(
                name=self.Name, application_pool=self.ApplicationPool, account=account,
                url=self.Url, port=self.Port, host_header=self.HostHeader or "",
                ssl=bool(self.SecureSocketsLayer), allow_anonymous=anonymous,
                path=self.Path or "", authentication_method=self.AuthenticationMethod or "NTLM",
                database_name=self.DatabaseName, database_server=self.DatabaseServer,
                settings=settings)
        except DotNetException as exc:
            self.fail(exc)
            return
        self.write_object(web_application(sess, row))


def _as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


class SPAuthenticationProvider:
    __ps_type__ = "Microsoft.SharePoint.Administration.SPWindowsAuthenticationProvider"
    __ps_default_display__ = ("DisplayName", "ClaimProviderName", "AllowAnonymous")

    def __init__(self, allow_anonymous=False, disable_kerberos=False, basic=False,
                 integrated=True):
        self.DisplayName = "Windows Authentication"
        self.ClaimProviderName = "AD"
        self.AllowAnonymous = bool(allow_anonymous)
        self.DisableKerberos = bool(disable_kerberos)
        self.UseBasicAuthentication = bool(basic)
        self.UseWindowsIntegratedAuthentication = bool(integrated)

    def __str__(self):
        return "Windows Authentication"


class NewSPAuthenticationProvider(SPCmdlet):
    name = "New-SPAuthenticationProvider"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletNewSPAuthenticationProvider"
    output_type = "Microsoft.SharePoint.Administration.SPAuthenticationProvider"
    help = Help(
        synopsis="Creates a new authentication provider in the farm.",
        description="Creates a Windows authentication provider object to pass to "
                    "New-SPWebApplication or Set-SPWebApplication -AuthenticationProvider.",
        examples=[Example("$ap = New-SPAuthenticationProvider",
                          "Creates a Windows Claims authentication provider.")])

    AllowAnonymous = Parameter(SwitchParameter, help="Allows anonymous access.")
    DisableKerberos = Parameter(SwitchParameter, help="Disables Kerberos (NTLM only).")
    UseBasicAuthentication = Parameter(SwitchParameter, help="Uses Basic authentication.")
    UseWindowsIntegratedAuthentication = Parameter(
        SwitchParameter, help="Uses Windows integrated authentication (the default).")

    def process(self):
        integrated = True if not self.is_bound("UseWindowsIntegratedAuthentication") \
            else bool(self.UseWindowsIntegratedAuthentication)
        self.write_object(SPAuthenticationProvider(self.AllowAnonymous, self.DisableKerberos,
                                                   self.UseBasicAuthentication, integrated))


_MAIL = "UpdateMailSettings"
_CLAIM = "UpdateClaimSettings"
_GENERAL = "UpdateGeneralSettings"


class SetSPWebApplication(SPCmdlet):
    name = "Set-SPWebApplication"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletSetWebApplication"
    supports_should_process = True
    confirm_impact = "Medium"
    default_parameter_set = _GENERAL
    help = Help(
        synopsis="Configures the specified Web application.",
        description="This cmdlet contains more than one parameter set.\nYou may only use "
                    "parameters from one parameter set and you may not combine parameters from "
                    "different parameter sets.\n\nThe Set-SPWebApplication cmdlet configures the "
                    "Web application specified by the Identity parameter.\nFor any settings that "
                    "are zone-specific (for the Zone parameter set), the zone to configure must "
                    "be provided.\nThe provided zone must already exist.\n\nOutgoing e-mail "
                    "(UpdateMailSettings): the SMTP port defaults to 25; TLS is required unless "
                    "-DisableSMTPEncryption is given; -SMTPCredentials $null connects "
                    "anonymously and omitting -SMTPCredentials preserves the existing "
                    "authentication settings. You must use Set-SPApplicationCredentialKey to set "
                    "an identical application credential key on each server in the farm before "
                    "specifying credentials.\n\n" + _PERMS,
        examples=[
            Example('$ap = New-SPAuthenticationProvider -AllowAnonymous\nSet-SPWebApplication '
                    'http://somesite -Zone "Extranet" -HostHeader "http://www.contoso.com" '
                    '-AuthenticationProvider $ap',
                    "This example sets the HostHeader URL for the Extranet zone of the given "
                    "Web application as http://www.contoso.com and enables anonymous access."),
            Example('$CentralAdmin = Get-SPWebApplication -IncludeCentralAdministration | ? { '
                    '$_.IsAdministrationWebApplication -eq $true }\n$Credentials = '
                    'Get-Credential\nSet-SPWebApplication -Identity $CentralAdmin -SMTPServer '
                    'mail.example.com -SMTPServerPort 587 -OutgoingEmailAddress user@example.com '
                    '-ReplyToEmailAddress replyto@example.com -SMTPCredentials $Credentials',
                    "Configures the farm's outgoing e-mail settings (stored on the Central "
                    "Administration web application) with SMTP authentication on port 587."),
            Example('Set-SPWebApplication -Identity http://servername -SMTPServer '
                    'mail.example.com -OutgoingEmailAddress user@example.com '
                    '-ReplyToEmailAddress replyto@example.com -SMTPCredentials $null',
                    "Uses the SMTP server mail.example.com on the default port 25 and connects "
                    "to it anonymously.")])

    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPWebApplicationPipeBind", mandatory=True, position=0, pipeline=True,
                         help="Specifies the name or URL of the Web application. The type must be "
                              "a valid name, in the form WebApplication-1212, or URL, in the form "
                              "http://server_name/WebApplicaiton-1212.")
    # UpdateMailSettings
    SMTPServer = Parameter(str, sets={_MAIL: {"mandatory": True}},
                           help="Specifies the new outbound SMTP server that this Web "
                                "application will use.")
    SMTPServerPort = Parameter(int, sets={_MAIL: {}}, help="Specifies a SMTP port value.")
    OutgoingEmailAddress = Parameter(str, sets={_MAIL: {}},
                                     help="Specifies the new outgoing e-mail address for e-mail "
                                          "messages sent from this Web application. The type "
                                          "must be a valid address; for example, "
                                          "someone@example.com.")
    ReplyToEmailAddress = Parameter(str, sets={_MAIL: {}},
                                    help="Configures the reply e-mail address. The type must be "
                                         "a valid address; for example, someone@example.com.")
    DisableSMTPEncryption = Parameter(SwitchParameter, sets={_MAIL: {}},
                                      help="Specifies whether to turn on or off SMTP Encryption. "
                                           "The default value is false.")
    SMTPCredentials = Parameter(PSCredential, sets={_MAIL: {}}, allow_null=True,
                                help="Specifies credentials to authenticate to the SMTP server. "
                                     "Set the value to $null to connect to the SMTP server "
                                     "anonymously. If this parameter isn't specified, the "
                                     "existing authentication settings will be preserved. You "
                                     "must use the Set-SPApplicationCredentialKey PowerShell "
                                     "cmdlet to set an identical application credential key on "
                                     "each server in the farm before specifying credentials.")
    # UpdateClaimSettings
    Zone = Parameter(str, sets={_CLAIM: {"mandatory": True}}, validate_set=F.ZONES,
                     help="When configuring zone-specific settings, the zone to configure must "
                          "be specified. This zone must already exist. The type must be any one "
                          "of the following values: Default, Intranet, Internet, Extranet, or "
                          "Custom.")
    AuthenticationProvider = Parameter(object, sets={_CLAIM: {}},
                                       help="Defines the authentication provider(s) that applies "
                                            "to the Web application.")
    AdditionalClaimProvider = Parameter(object, sets={_CLAIM: {}},
                                        help="Adds a specific claim provider to the defined Web "
                                             "application.")
    SignInRedirectURL = Parameter(str, sets={_CLAIM: {}},
                                  help="Specifies the sign-in redirect URL for the Web "
                                       "application.")
    SignInRedirectProvider = Parameter(object, sets={_CLAIM: {}},
                                       help="Sets the sign-in redirect URL to point to the URL "
                                            "that is defined in the specified authentication "
                                            "provider.")
    AuthenticationMethod = Parameter(str, sets={_CLAIM: {}}, validate_set=("Kerberos", "NTLM"),
                                     help="Use to set a Web application to classic Windows "
                                          "authentication. The valid values are NTLM or "
                                          "Kerberos.")
    # UpdateGeneralSettings
    DefaultTimeZone = Parameter(int, sets={_GENERAL: {}},
                                help="Specifies the default time zone for new site collections "
                                     "in this Web application.")
    DefaultQuotaTemplate = Parameter(str, sets={_GENERAL: {}},
                                     help="Specifies the new default site quota template for this "
                                          "Web application.")
    ServiceApplicationProxyGroup = Parameter(object, sets={_GENERAL: {}}, aliases=("ProxyGroup",),
                                             help="Specifies a custom service application proxy "
                                                  "group for the Web application to use.")
    # all sets
    Force = Parameter(SwitchParameter, help="Suppresses confirmation messages involved in "
                                            "settings for a Web application.")
    NotProvisionGlobally = Parameter(SwitchParameter,
                                     help="Only provisions the web application on the local "
                                          "server with the changes specified by this cmdlet. Web "
                                          "applications on other servers in the farm will not be "
                                          "provisioned with these changes.")

    def process(self):
        sess = self.session()
        try:
            targets = resolve_web_applications(sess, self.Identity)
        except DotNetException as exc:
            self.write_error(exc)
            return
        for wa in targets:
            # -Force only suppresses SharePoint's own extra questions; -WhatIf/-Confirm still apply
            if not self.should_process(wa.DisplayName or wa.Url):
                continue
            try:
                self._apply(sess, wa)
            except DotNetException as exc:
                self.fail(exc)

    def _apply(self, sess, wa):
        set_name = self.parameter_set_name
        wid = wa._row["id"]
        if set_name == _MAIL or self.is_bound("SMTPServer"):
            kw = {"enable_ssl": not bool(self.DisableSMTPEncryption),
                  "port": self.SMTPServerPort if self.is_bound("SMTPServerPort") else 25}
            if self.is_bound("OutgoingEmailAddress"):
                kw["from_address"] = self.OutgoingEmailAddress
            if self.is_bound("ReplyToEmailAddress"):
                kw["reply_to"] = self.ReplyToEmailAddress
            if self.is_bound("SMTPCredentials"):
                cred = self.SMTPCredentials
                kw["credentials"] = None if cred is None else (
                    cred.UserName or "", self.reveal(cred.Password))
            sess.update_mail_settings(wid, self.SMTPServer, **kw)
        elif set_name == _CLAIM or self.is_bound("Zone"):
            zone = next(z for z in F.ZONES if z.lower() == str(self.Zone).lower())
            if zone != "Default":
                raise_error(SPException, F.M.ZONE_MISSING.format(wa.Url, zone), "ZoneNotFound",
                            "ObjectNotFound", zone)
            changes = {}
            for pname in ("AuthenticationProvider", "AdditionalClaimProvider"):
                if self.is_bound(pname):
                    changes[pname] = [str(p) for p in _as_list(getattr(self, pname))]
            for pname in ("SignInRedirectURL", "SignInRedirectProvider"):
                if self.is_bound(pname):
                    v = getattr(self, pname)
                    changes[pname] = "" if v is None else str(v)
            cols = {}
            if self.is_bound("AuthenticationMethod"):
                cols["authentication_method"] = self.AuthenticationMethod
            if self.is_bound("AuthenticationProvider"):
                cols["allow_anonymous"] = int(any(getattr(p, "AllowAnonymous", False)
                                                  for p in _as_list(self.AuthenticationProvider)))
            sess.update_web_application(wid, cols, settings={"claims": {zone: changes}})
        else:
            changes = {}
            if self.is_bound("DefaultTimeZone"):
                changes["DefaultTimeZone"] = int(self.DefaultTimeZone)
            if self.is_bound("DefaultQuotaTemplate"):
                changes["DefaultQuotaTemplate"] = self.DefaultQuotaTemplate
            if self.is_bound("ServiceApplicationProxyGroup"):
                v = self.ServiceApplicationProxyGroup
                changes["ServiceApplicationProxyGroup"] = None if v is None else str(v)
            if changes:
                sess.update_web_application(wid, settings={"general": changes})
