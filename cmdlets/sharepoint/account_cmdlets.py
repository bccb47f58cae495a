"""Get-/New-SPManagedAccount. spshell records the account name only: the password is not
needed by anything the shell does, so it is never stored."""
from __future__ import annotations

from spshell.cmdlet import Example, Help, Parameter
from spshell.runtime.errors import DotNetException
from spshell.runtime.objects import PSCredential

from . import messages as M
from .base import SPCmdlet
from .errors import SPException
from .model import SPManagedAccount, SPWebApplication
from .resolve import resolve_web_applications
from spshell.runtime.errors import ErrorRecord


class GetSPManagedAccount(SPCmdlet):
    name = "Get-SPManagedAccount"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletGetManagedAccount"
    output_type = "Microsoft.SharePoint.Administration.SPManagedAccount"
    default_parameter_set = "Default"
    help = Help(
        synopsis="Retrieves accounts registered in the configuration database.",
        description="The Get-SPManagedAccount cmdlet returns the managed accounts that match the "
                    "given Identity, or the account that the application pool of the given web "
                    "application runs as. Without parameters it returns every managed account.",
        examples=[Example('Get-SPManagedAccount "DOMAIN\\wa"',
                          "This example returns the managed account DOMAIN\\wa."),
                  Example("Get-SPManagedAccount -WebApplication http://sitename",
                          "This example returns the account used by the application pool of "
                          "the web application http://sitename.")])

    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPManagedAccountPipeBind", position=0, pipeline=True,
                         sets={"Default": {}, "WebApplication": {}},
                         help="Specifies the full name or partial name of the managed accounts "
                              "to retrieve.")
    WebApplication = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPWebApplicationPipeBind", sets={"WebApplication": {"mandatory": True}},
                               help="Returns the managed account used by the application pool of "
                                    "the specified web application.")

    def process(self):
        sess = self.session()
        if self.is_bound("WebApplication"):
            try:
                was = resolve_web_applications(sess, self.WebApplication)
            except DotNetException as exc:
                self.write_error(exc)
                return
            for wa in was:
                pool = wa.ApplicationPool
                rows = sess.find_managed_accounts(pool.Username) if pool else []
                for r in rows:
                    self.write_object(SPManagedAccount(sess, r))
            return
        if self.Identity is None:
            for r in sess.managed_accounts():
                self.write_object(SPManagedAccount(sess, r))
            return
        ident = self.Identity
        name = ident.UserName if isinstance(ident, (SPManagedAccount, PSCredential)) \
            else str(getattr(ident, "Value", ident))
        rows = sess.find_managed_accounts(name)
        if not rows:
            exc = SPException(M.MANAGED_ACCOUNT_NOT_FOUND)
            ErrorRecord(exc, "Microsoft.SharePoint.PowerShell.SPCmdletGetManagedAccount",
                        "InvalidData", name)
            self.write_error(exc)
            return
        for r in rows:
            self.write_object(SPManagedAccount(sess, r))


class NewSPManagedAccount(SPCmdlet):
    name = "New-SPManagedAccount"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletNewManagedAccount"
    output_type = "Microsoft.SharePoint.Administration.SPManagedAccount"
    help = Help(
        synopsis="Registers a new managed account.",
        description="The New-SPManagedAccount cmdlet registers a new managed account from the "
                    "given credential, so web applications and services can run as it "
                    "(New-SPWebApplication -ApplicationPoolAccount).",
        examples=[Example("$cred = Get-Credential\nNew-SPManagedAccount -Credential $cred",
                          "This example registers the account entered at the prompt.")])

    Credential = Parameter(PSCredential, mandatory=True, position=0, pipeline=True,
                           help="Specifies the credential of the account to register.")

    def process(self):
        sess = self.session()
        try:
            row = sess.add_managed_account(self.Credential.UserName or "")
        except DotNetException as exc:
            self.fail(exc)
            return
        self.write_object(SPManagedAccount(sess, row))


__all__ = ["GetSPManagedAccount", "NewSPManagedAccount", "SPWebApplication"]
