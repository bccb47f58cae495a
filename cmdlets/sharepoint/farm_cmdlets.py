"""New-/Connect-/Disconnect-SPConfigurationDatabase, Get-SPFarm, Get-SPServer."""
from __future__ import annotations

from spshell.cmdlet import Example, Help, Parameter
from spshell.runtime.errors import DotNetException
from spshell.runtime.objects import PSCredential, SecureString, SwitchParameter

from . import farm as F
from .base import SPCmdlet
from .model import SPFarm, SPServer
from .resolve import resolve_servers

_PERMS = ("For permissions and the most current information about Windows PowerShell for "
          "SharePoint Products, see the online documentation at SharePoint Server Cmdlets "
          "(https://learn.microsoft.com/powershell/sharepoint/sharepoint-server/"
          "sharepoint-server-cmdlets).")
_ROLE_HELP = ("Specifies the Server Role. Valid options for all versions of SharePoint Server "
              "2016, SharePoint Server 2019 are: Custom, SingleServerFarm, Application, "
              "WebFrontEnd, DistributedCache, Search With the addition of Feature Pack 1, new "
              "options include: ApplicationWithSearch, WebFrontEndWithDistributedCache")
_SKIP_HELP = ("By default all the servers in the farm are registered as a cache host (that is, "
              "DistributedCacheService is running by default). Use this parameter to not register "
              "the server computer as a distributed cache host. If you want to have a dedicated "
              "cache host, then use this parameter to make sure that caching service is not "
              "installed on the computer.")


class NewSPConfigurationDatabase(SPCmdlet):
    name = "New-SPConfigurationDatabase"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletNewSPConfigurationDatabase"
    output_type = "Microsoft.SharePoint.Administration.SPFarm"
    help = Help(
        synopsis="Creates a new configuration database.",
        description="The New-SPConfigurationDatabase cmdlet creates a new configuration database "
                    "on the specified database server.\nThis is the central database for a new "
                    "SharePoint farm.\n\nIn spshell a database server name maps to an embedded "
                    "SQLite database under the spshell home, or to PostgreSQL when it is a "
                    "postgresql:// address or is mapped to one (SPSHELL_SQL_SERVERS or "
                    "sql-servers.json in the home). The farm's Central Administration web "
                    "application is created with it, and the local server joins the farm.\n\n"
                    + _PERMS,
        examples=[
            Example('New-SPConfigurationDatabase -DatabaseName "SharePointConfigDB1" '
                    '-DatabaseServer "SQL-01" -Passphrase (ConvertTo-SecureString "MyPassword" '
                    '-AsPlainText -force) -FarmCredentials (Get-Credential)',
                    "This example prompts the user to provide user credentials for the default "
                    "Farm Administrator account."),
            Example('New-SPConfigurationDatabase -DatabaseName "SharePointConfigDB1" '
                    '-DatabaseServer "SQL-01" -Passphrase (ConvertTo-SecureString "MyPassword" '
                    '-AsPlainText -force) -FarmCredentials (Get-Credential) '
                    '-SkipRegisterAsDistributedCacheHost',
                    "This example prompts the user to provide user credentials for the default "
                    "Farm Administrator account and skips registering the server as Distributed "
                    "Cache host. Applies to SharePoint Server 2013 and SharePoint Server 2016, "
                    "SharePoint Server 2019 only."),
            Example('New-SPConfigurationDatabase -DatabaseName "SharePointConfigDB1" '
                    '-DatabaseServer "SQL-01" -Passphrase (ConvertTo-SecureString "MyPassword" '
                    '-AsPlainText -force) -FarmCredentials (Get-Credential) -LocalServerRole '
                    'Custom',
                    "This example prompts the user to provide user credentials for the default "
                    "Farm Administrator account and sets the Server Role to Custom. Applies to "
                    "SharePoint Server 2016, SharePoint Server 2019 only."),
        ])

    DatabaseName = Parameter(str, mandatory=True, position=0, by_property=True,
                             not_null_or_empty=True,
                             help="Specifies the name of the new configuration database.")
    DatabaseServer = Parameter(str, mandatory=True, position=1, by_property=True,
                               not_null_or_empty=True,
                               help="Specifies the database server on which to create the "
                                    "configuration database. If no value is specified, the "
                                    "default value is used.")
    DirectoryDomain = Parameter(str, position=2, by_property=True,
                                help="Specifies the directory domain for the new farm. If no "
                                     "domain is specified, the domain in which the local "
                                     "computer is located is used.")
    DirectoryOrganizationUnit = Parameter(str, position=3, by_property=True,
                                          help="Specifies the directory organizational unit for "
                                               "the new configuration database.")
    AdministrationContentDatabaseName = Parameter(
        str, position=4, by_property=True, not_null_or_empty=True,
        help="Specifies the name for the Central Administration content database for the new "
             "farm. If no name is specified, a default name is used.")
    DatabaseCredentials = Parameter(PSCredential, position=5, by_property=True,
                                    help="Specifies the Credential object for the database user. "
                                         "Use this parameter if you use SQL Server "
                                         "Authentication. If no database credentials are "
                                         "provided, Windows authentication is used.")
    FarmCredentials = Parameter(PSCredential, mandatory=True, position=6, by_property=True,
                                help="Specifies credentials for the Farm Administrator account.")
    Passphrase = Parameter(SecureString, mandatory=True, position=7, by_property=True,
                           help="Specifies the secure password phrase for the new farm. This "
                                "passphrase is used to join other machines to this farm.")
    SkipRegisterAsDistributedCacheHost = Parameter(SwitchParameter, by_property=True,
                                                   help=_SKIP_HELP)
    DatabaseFailOverServer = Parameter(str, by_property=True,
                                       help="Specifies the SQL Server Database Mirror partner "
                                            "server for the Configuration and Central "
                                            "Administration database.")
    LocalServerRole = Parameter(str, validate_set=F.SERVER_ROLES, help=_ROLE_HELP)
    ServerRoleOptional = Parameter(SwitchParameter,
                                   help="Configures the farm to not require a server role to be "
                                        "specified. If no server role is specified, the server "
                                        "defaults to the Custom role.")

    def process(self):
        role = _canonical_role(self.LocalServerRole) or "Custom"
        props = {
            "DirectoryDomain": self.DirectoryDomain or "",
            "DirectoryOrganizationUnit": self.DirectoryOrganizationUnit or "",
            "AdministrationContentDatabaseName": self.AdministrationContentDatabaseName or "",
            "DatabaseFailOverServer": self.DatabaseFailOverServer or "",
            "DatabaseUserName": self.DatabaseCredentials.UserName
            if self.DatabaseCredentials else "",
            "ServerRoleOptional": bool(self.ServerRoleOptional),
        }
        try:
            sess = F.create_farm(self.home, self.host_name, self.DatabaseServer,
                                 self.DatabaseName, self.reveal(self.Passphrase),
                                 farm_account=self.FarmCredentials.UserName or "",
                                 role=role,
                                 skip_cache=bool(self.SkipRegisterAsDistributedCacheHost),
                                 properties=props, environ=self.environ)
        except DotNetException as exc:
            self.fail(exc)
        self.write_verbose(f"Created farm configuration database {self.DatabaseName} at "
                           f"{sess.store.location}.")


def _canonical_role(value):
    if not value:
        return None
    for r in F.SERVER_ROLES:
        if r.lower() == str(value).lower():
            return r
    return str(value)


class ConnectSPConfigurationDatabase(SPCmdlet):
    name = "Connect-SPConfigurationDatabase"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletConnectConfigurationDatabase"
    help = Help(
        synopsis="Connects the local server computer to a farm.",
        description="The Connect-SPConfigurationDatabase cmdlet connects the current server to "
                    "the specified configuration database.\n\nEssentially, this cmdlet connects "
                    "the server to the farm.\nIf the current computer cannot be connected to a "
                    "farm, the following error message is displayed:\n\n\"This machine is already "
                    "connected to a SharePoint farm.\nSee: Dismount-SPConfigurationDatabase\"\n\n"
                    "The passphrase must be the one given to New-SPConfigurationDatabase.\n\n"
                    + _PERMS,
        examples=[Example(
            'Connect-SPConfigurationDatabase -DatabaseServer "ServerName\\InstanceName" '
            '-DatabaseName "SharePointConfigurationDatabaseName" -Passphrase '
            '(ConvertTo-SecureString "MyP@ssw0rd" -AsPlainText -Force)\nStart-Service SPTimerv4',
            "This example joins the local server computer to a farm that is configured to use "
            "the database SharePointConfigurationDatabase on an instance of SQL Server by using "
            "the name ServerName\\InstanceName with the passphrase MyP@ssw0rd.")])

    DatabaseName = Parameter(str, mandatory=True, position=0, pipeline=True,
                             help="Specifies the name of the configuration database to which to "
                                  "connect the server. The type must be a valid database name; "
                                  "for example, DB1.")
    DatabaseServer = Parameter(str, mandatory=True, by_property=True, not_null_or_empty=True,
                               help="Specifies the server on which to create the configuration "
                                    "database. The default value is the local computer name.")
    Passphrase = Parameter(SecureString, mandatory=True, position=8, by_property=True,
                           help="Specifies the secure password phrase for connecting the current "
                                "server to the configuration database.")
    SkipRegisterAsDistributedCacheHost = Parameter(SwitchParameter, by_property=True,
                                                   help=_SKIP_HELP)
    DatabaseCredentials = Parameter(PSCredential, by_property=True,
                                    help="Specifies the PSCredential object that contains the "
                                         "user name and password to be used for database SQL "
                                         "authentication.")
    DatabaseFailOverPartner = Parameter(str, help="Specifies the Database Mirroring partner for "
                                                  "a SQL Server instance.")
    LocalServerRole = Parameter(str, validate_set=F.SERVER_ROLES,
                                help="Specifies the MinRole assigned to the local server.")

    def process(self):
        try:
            F.connect_farm(self.home, self.host_name, self.DatabaseServer, self.DatabaseName,
                           self.reveal(self.Passphrase),
                           role=_canonical_role(self.LocalServerRole) or "Custom",
                           skip_cache=bool(self.SkipRegisterAsDistributedCacheHost),
                           environ=self.environ)
        except DotNetException as exc:
            self.fail(exc)


class DisconnectSPConfigurationDatabase(SPCmdlet):
    name = "Disconnect-SPConfigurationDatabase"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletDisconnectConfigurationDatabase"
    supports_should_process = True
    confirm_impact = "High"
    help = Help(
        synopsis="Disconnects the local server computer from the farm.",
        description="The Disconnect-SPConfigurationDatabase cmdlet disconnects the active server "
                    "computer from the SharePoint configuration database.\nThis operation "
                    "removes the server computer from the farm.\nThe configuration database must "
                    "be disconnected before the database can be removed.\n\n" + _PERMS,
        examples=[Example("Disconnect-SPConfigurationDatabase -Confirm:$false",
                          "This example removes the local server computer from a farm without "
                          "prompting for user confirmation.")])

    def process(self):
        if not self.should_process(self.host_name):
            return
        try:
            F.disconnect_farm(self.home, self.host_name, self.environ)
        except DotNetException as exc:
            self.fail(exc)


class GetSPFarm(SPCmdlet):
    name = "Get-SPFarm"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletGetFarm"
    output_type = "Microsoft.SharePoint.Administration.SPFarm"
    help = Help(
        synopsis="Returns the local SharePoint farm.",
        description="The Get-SPFarm cmdlet returns the local SharePoint farm.\nNo parameters are "
                    "used.\n\n" + _PERMS,
        examples=[Example("$f = Get-SPFarm",
                          "This example stores the local farm in a variable.")])

    def process(self):
        self.write_object(SPFarm(self.session()))


class GetSPServer(SPCmdlet):
    name = "Get-SPServer"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletGetServer"
    output_type = "Microsoft.SharePoint.Administration.SPServer"
    help = Help(
        synopsis="Returns the server or servers in the farm that match the given identity.",
        description="The Get-SPServer cmdlet returns the SPServer object for the given identity "
                    "(if it exists in the farm).\nIf no parameters are specified, the cmdlet "
                    "returns all servers in the farm.\n\n" + _PERMS,
        examples=[Example("Get-SPServer", "This example returns all servers in the local farm "
                                          "in a list."),
                  Example("Get-SPServer | Where{ $_.NeedsUpgrade -eq $TRUE}",
                          "This example returns a list of all servers in the farm that need an "
                          "upgrade.")])

    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPServerPipeBind", position=0, pipeline=True, aliases=("Address",),
                         help="Specifies the address of the server to return.")

    def process(self):
        sess = self.session()
        if self.Identity is None:
            for row in sess.servers():
                self.write_object(SPServer(sess, row))
            return
        try:
            for s in resolve_servers(sess, self.Identity):
                self.write_object(s)
        except DotNetException as exc:
            self.write_error(exc)
