"""New-SPSite, Get-SPSite and Get-SPWeb."""
from __future__ import annotations

from spshell.cmdlet import Example, Help, Parameter
from spshell.runtime.errors import DotNetException, ErrorRecord, ParameterBindingException
from spshell.runtime.objects import SwitchParameter

from ..base import SPCmdlet
from ..resolve import resolve_web_applications
from . import messages as M
from . import sites as S
from .objects import SPSite, SPWeb
from .resolve import resolve_sites, resolve_webs

_LIMIT_HELP = ("Limits the maximum number of objects to return; \"All\" returns every one. The "
               "default is 20.")


def _limit(cmdlet, value, default=20):
    """-Limit: "All" or a positive number (a string parameter in SharePoint)."""
    if value is None:
        return default
    text = str(value).strip()
    if text.lower() == "all":
        return None
    if text.isdigit() and int(text) > 0:
        return int(text)
    exc = ParameterBindingException(M.LIMIT_INVALID.format(text))
    ErrorRecord(exc, "ParameterArgumentValidationError", "InvalidData", text)
    cmdlet.throw_terminating_error(exc)


def _filter(cmdlet, items):
    if cmdlet.Filter is None:
        return items
    out = []
    for item in items:
        result = cmdlet.context.invoke(cmdlet.Filter, dollar_under=item)
        from spshell.runtime.conversion import to_bool
        if to_bool(result[0] if len(result) == 1 else result):
            out.append(item)
    return out


class NewSPSite(SPCmdlet):
    name = "New-SPSite"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletNewSite"
    supports_should_process = True
    confirm_impact = "Medium"
    help = Help(
        synopsis="Creates a new site collection at the specified URL.",
        description=(
            "The New-SPSite cmdlet creates a new site collection with the URL and owner that "
            "are provided by the Url and OwnerAlias parameters. A site collection is created at "
            "the root of a web application (/) or below its wildcard managed path /sites/.\n\n"
            "spshell: every web application also gets its root site collection lazily, the "
            "first time a URL under it is resolved (New-Object Microsoft.SharePoint.SPSite, "
            "Get-SPSite, Get-SPWeb); New-SPSite at the root URL before that creates it with "
            "the options given here."),
        examples=[
            Example('New-SPSite ((Get-SPWebApplication)[0].Url + "sites/test") -OwnerAlias '
                    '"CONTOSO\\jdoe" -Name "Test"',
                    "Creates a site collection below /sites/ of the farm's first web "
                    "application."),
            Example('New-SPSite http://webApp/sites/test -OwnerAlias "DOMAIN\\jdow" -Language '
                    '1033 -Template STS#3 -Name "Test"',
                    "This example creates an English site collection at "
                    "http://webApp/sites/test that is owned by user DOMAIN\\Jdow."),
        ])
    Url = Parameter(str, mandatory=True, position=0, help="Specifies the URL that the new site "
                                                          "collection uses.")
    OwnerAlias = Parameter(str, mandatory=True, help="Specifies the user name of the site "
                                                     "collection's primary owner.")
    Name = Parameter(str, help="Specifies the title of the new site collection.")
    Description = Parameter(str, help="Describes the new site collection.")
    Template = Parameter(str, help="Specifies the web template for the root web of the new "
                                   "site collection (default STS#3).")
    Language = Parameter(int, default=1033, help="Specifies the language ID for the new site "
                                                 "collection.")
    SecondaryOwnerAlias = Parameter(str, help="Specifies the secondary site collection "
                                              "administrator.")
    OwnerEmail = Parameter(str, help="Specifies the primary site collection owner's e-mail.")
    ContentDatabase = Parameter(str, help="Specifies the name of the content database.")

    def process(self):
        sess = self.session()
        if not self.should_process(self.Url, "New-SPSite"):
            return
        try:
            row = S.create_site(sess, self.Url, self.OwnerAlias,
                                secondary_owner=self.SecondaryOwnerAlias,
                                owner_email=self.OwnerEmail, template=self.Template,
                                language=self.Language or 1033, title=self.Name or "",
                                description=self.Description or "",
                                content_database=self.ContentDatabase)
        except DotNetException as exc:
            self.fail(exc)
        self.write_object(SPSite._from_row(sess, S.site_row(sess, row["id"])))


class GetSPSite(SPCmdlet):
    name = "Get-SPSite"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletGetSite"
    help = Help(
        synopsis="Returns all site collections that match the specified criteria.",
        description=(
            "The Get-SPSite cmdlet returns either a single site that matches the Identity "
            "parameter, or all the sites that match the Filter parameter for the specified "
            "scope. The scopes are the WebApplication, ContentDatabase, and SiteSubscription "
            "parameters. If none of these scopes is provided, the scope is the farm. If the "
            "scope is specified with no Filter parameter, all sites in that scope are "
            "returned. The Identity parameter supports providing a partial URL that ends in a "
            "wildcard character (*); all site collections that match it are returned, up to "
            "Limit."),
        examples=[
            Example("Get-SPSite -Limit All", "Returns every site collection of the farm."),
            Example("Get-SPSite http://sitename/sites/site1",
                    "This example gets the site collection http://sitename/sites/site1."),
            Example("Get-SPSite -WebApplication (Get-SPWebApplication -IncludeCentral"
                    "Administration | ? IsAdministrationWebApplication)",
                    "The site collections of Central Administration."),
        ])
    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPSitePipeBind", position=0, pipeline=True,
                         help="Specifies the URL or GUID of the site collection to get.")
    WebApplication = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPWebApplicationPipeBind", help="Specifies the URL, GUID, or name of the web "
                                            "application from which to list sites.")
    Limit = Parameter(str, help=_LIMIT_HELP)
    Filter = Parameter(object, help="A script block evaluated for each site ($_); only sites "
                                    "for which it is true are returned.")
    Regex = Parameter(SwitchParameter, help="The URL provided by Identity is treated as a "
                                            "regular expression.")

    def process(self):
        sess = self.session()
        limit = _limit(self, self.Limit)
        try:
            if self.Identity is not None:
                found = resolve_sites(sess, self.Identity, bool(self.Regex))
                pattern = len(found) != 1 or bool(self.Regex) or any(
                    c in str(self.Identity) for c in "*?[")
            else:
                webapp = None
                if self.WebApplication is not None:
                    webapp = resolve_web_applications(sess, self.WebApplication)[0]
                rows = S.site_rows(sess, webapp._row["id"] if webapp else None)
                found = [SPSite._from_row(sess, r) for r in rows]
                pattern = True
        except DotNetException as exc:
            self.fail(exc)
        found = _filter(self, found)
        if pattern and limit is not None and len(found) > limit:
            self.write_warning(M.LIMIT_WARNING.format(limit, len(found)))
            found = found[:limit]
        for site in found:
            self.write_object(site)


class GetSPWeb(SPCmdlet):
    name = "Get-SPWeb"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletGetWeb"
    help = Help(
        synopsis="Returns all subsites that match the given criteria.",
        description=(
            "The Get-SPWeb cmdlet returns all subsites that match the scope given by the "
            "Identity parameter. All subsites that meet the criteria are returned. The "
            "Identity can be either the full URL or a relative path. If you specify a relative "
            "path, you must also specify the Site parameter to identify the site collection "
            "from which to return the subsite."),
        examples=[
            Example("Get-SPSite -Limit All | Get-SPWeb -Limit All | Select-Object Url, Title",
                    "Every web of every site collection of the farm."),
            Example("Get-SPWeb -Site http://sitename/sites/site1",
                    "This example returns all the webs in a given site collection."),
            Example("$web = Get-SPWeb http://sitename; $web.Title; $web.Dispose()",
                    "Opens one web, reads its title and disposes of it."),
        ])
    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPWebPipeBind", position=0, pipeline=True,
                         help="Specifies the name or full or partial URL of the subsite.")
    Site = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPSitePipeBind", pipeline=True, help="Specifies the URL or GUID of the site "
                                                 "collection from which to list subsites.")
    Limit = Parameter(str, help=_LIMIT_HELP)
    Filter = Parameter(object, help="A script block evaluated for each web ($_).")
    Regex = Parameter(SwitchParameter, help="Identity is treated as a regular expression.")

    def process(self):
        sess = self.session()
        limit = _limit(self, self.Limit)
        identity = self.Identity
        if isinstance(identity, (list, tuple)) and len(identity) == 1:
            identity = identity[0]
        site_value = self.Site
        if isinstance(identity, SPSite):  # Get-SPSite ... | Get-SPWeb: the webs of that site
            site_value, identity = identity, None
        try:
            site = resolve_sites(sess, site_value)[0] if site_value is not None else None
            if identity is not None:
                found = resolve_webs(sess, identity, site, bool(self.Regex))
            elif site is not None:
                found = site.AllWebs
            else:
                exc = ParameterBindingException(M.WEB_PARAMETERS)
                ErrorRecord(exc, "AmbiguousParameterSet", "InvalidArgument")
                raise exc
        except DotNetException as exc:
            self.fail(exc)
        found = _filter(self, found)
        if limit is not None and len(found) > limit:
            self.write_warning(M.LIMIT_WARNING.format(limit, len(found)))
            found = found[:limit]
        for web in found:
            self.write_object(web)


__all__ = ["NewSPSite", "GetSPSite", "GetSPWeb", "SPWeb"]
