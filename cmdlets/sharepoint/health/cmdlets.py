"""Health Analyzer cmdlets: Get-/Enable-/Disable-SPHealthAnalysisRule, Get-SPTimerJob,
Start-SPTimerJob, and spshell's Get-/Clear-SPHealthReport for the "Review problems and solutions"
list (SharePoint has no cmdlet for it)."""
from __future__ import annotations

from cmdlets.sharepoint.base import SPCmdlet
from cmdlets.sharepoint.errors import SPCmdletPipeBindException, raise_error
from cmdlets.sharepoint.resolve import resolve_web_applications
from spshell.cmdlet import Example, Help, Parameter
from spshell.runtime.errors import DotNetException

from . import reports, timerjobs
from .ruleobjects import all_rules, resolve_rules, set_definition

_PERMS = ("For permissions and the most current information about Windows PowerShell for "
          "SharePoint Products, see the online documentation at SharePoint Server Cmdlets "
          "(https://learn.microsoft.com/powershell/sharepoint/sharepoint-server/"
          "sharepoint-server-cmdlets).")
_CU = ("The SPHealthAnalysisRule cmdlets were first introduced in the February 2011 Cumulative "
       "Update.")
_RULE_ID_HELP = ("Specifies the name or GUID of the health analyzer rule to {0}. The type must be "
                 "a valid name, an instance of a valid SPHealthAnalysisRule object, or a valid "
                 "GUID (for example, 12345678-90ab-cdef-1234-567890bcdefgh).")
# [not verified] SharePoint's text for an unknown timer job identity was not found
JOB_NOT_FOUND = "Cannot find an SPJobDefinition object with Id or Name: {0}."
PROGRESS_MIN_SERVERS = 10  # runs that judge at least this many servers show progress


class _HealthCmdlet(SPCmdlet):
    def session(self):
        sess = super().session()
        from .schema import ensure
        ensure(sess)
        return sess

    def rules_or_error(self, sess, identity):
        try:
            return resolve_rules(sess, identity)
        except DotNetException as exc:
            self.write_error(exc)
            return []


class GetSPHealthAnalysisRule(_HealthCmdlet):
    name = "Get-SPHealthAnalysisRule"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletGetHealthAnalysisRule"
    output_type = "Microsoft.SharePoint.PowerShell.SPHealthAnalysisRuleInstance"
    default_parameter_set = "Default"
    help = Help(
        synopsis="Gets a health analyzer rule.",
        description="Use the Get-SPHealthAnalysisRule cmdlet to return a list of a health "
                    "analyzer rules. To return a specify health analyzer rule, use the Identity "
                    "parameter; otherwise, all health analyzer rules will be returned.\n\n"
                    + _CU + "\n\n" + _PERMS,
        examples=[Example('Get-SPHealthAnalysisRule -Identity "CustomRule"',
                          "This example returns the health analyzer rule named CustomRule.")])
    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPHealthAnalysisRuleInstancePipeBind", mandatory=True, position=0, pipeline=True,
                         sets={"SpecificRule": {}}, help=_RULE_ID_HELP.format("get"))

    def process(self):
        sess = self.session()
        if self.parameter_set_name != "SpecificRule":
            for r in all_rules(sess):
                self.write_object(r)
            return
        for r in self.rules_or_error(sess, self.Identity):
            self.write_object(r)


class EnableSPHealthAnalysisRule(_HealthCmdlet):
    name = "Enable-SPHealthAnalysisRule"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletEnableHealthAnalysisRule"
    help = Help(
        synopsis="Enables a health analyzer rule.",
        description="Use the Enable-SPHealthAnalysisRule cmdlet to enable a health analyzer "
                    "rule.\n\n" + _CU + "\n\n" + _PERMS,
        examples=[Example('Enable-SPHealthAnalysisRule -Identity "CustomRule"',
                          "This example enables the health analyzer rule named CustomRule.")])
    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPHealthAnalysisRuleInstancePipeBind", mandatory=True, position=0, pipeline=True,
                         help=_RULE_ID_HELP.format("enable"))
    enabled = True

    def process(self):
        sess = self.session()
        for r in self.rules_or_error(sess, self.Identity):
            if not self.allowed(r):
                continue
            if r.Enabled != self.enabled:
                set_definition(sess, str(r.Id), {"enabled": int(self.enabled)})
            self.write_verbose(f"The health analyzer rule {r.Name} is "
                               f"{'enabled' if self.enabled else 'disabled'}.")

    def allowed(self, rule):
        return True


class DisableSPHealthAnalysisRule(EnableSPHealthAnalysisRule):
    name = "Disable-SPHealthAnalysisRule"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletDisableHealthAnalysisRule"
    supports_should_process = True
    confirm_impact = "High"
    help = Help(
        synopsis="Disables health analyzer rules.",
        description="Use the Disable-SPHealthAnalysisRule cmdlet to disable a health analyzer "
                    "rule.\n\n" + _CU + "\n\n" + _PERMS,
        examples=[Example('Disable-SPHealthAnalysisRule -Identity "CustomRule"',
                          "This example disables the health analyzer rule named CustomRule.")])
    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPHealthAnalysisRuleInstancePipeBind", mandatory=True, position=0, pipeline=True,
                         help=_RULE_ID_HELP.format("disable"))
    enabled = False

    def allowed(self, rule):
        return self.should_process(rule.Name)


# ---------------------------------------------------------------------------------- timer jobs

def _jobs_for(sess, identity):
    """SPTimerJobPipeBind: a job object, a GUID or a job name (several web applications may
    each have a job of that name)."""
    value = identity
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if hasattr(value, "Value") and type(value).__name__.endswith("PipeBind"):
        value = value.Value
    if isinstance(value, timerjobs.SPJobDefinition):
        value = str(value.Id)
    text = "" if value is None else str(value).strip()
    low = text.lower()
    rows = [r for r in timerjobs.job_rows(sess) if low and (r["name_key"] == low
                                                            or r["id"] == low)]
    if not rows:
        raise_error(SPCmdletPipeBindException, JOB_NOT_FOUND.format(text),
                    "Microsoft.SharePoint.PowerShell.SPCmdletGetTimerJob", "InvalidData", text)
    return rows


def _type_matches(job, wanted):
    low = wanted.strip().lower()
    names = [n.lower() for n in type(job).__ps_type_names__ if n != "System.Object"]
    return any(n == low or n.rsplit(".", 1)[-1] == low for n in names)


class GetSPTimerJob(_HealthCmdlet):
    name = "Get-SPTimerJob"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletGetTimerJob"
    output_type = "Microsoft.SharePoint.Administration.SPJobDefinition"
    help = Help(
        synopsis="Returns timer jobs.",
        description="The Get-SPTimerJob cmdlet reads a specified timer job, timer jobs of a "
                    "specified type, or timer jobs defined for a specified scope.\n\nIf no "
                    "parameters are specified, this cmdlet returns all timer job definitions "
                    "for the farm.\n\n" + _PERMS,
        examples=[Example('Get-SPTimerJob -WebApplication "https://servername" | select Name, '
                          'DisplayName',
                          "This example displays all timer jobs for a specified Web "
                          "application."),
                  Example("Get-SPTimerJob | select -ExpandProperty HistoryEntries",
                          "The above example will show you timer job run history")])
    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPTimerJobPipeBind", position=0,
                         help="Specifies the timer job to get. The type must be a valid GUID, in "
                              "the form 12345678-90ab-cdef-1234-567890bcdefgh; a valid name of a "
                              "timer job (for example, TimerJob1); or an instance of a valid "
                              "SPTimerJob object.")
    Type = Parameter(str, not_null_or_empty=True,
                     help="Filters to return timer jobs of a specified type. The type must be a "
                          "name of a valid timer job type; for example, TimerJob1.")
    WebApplication = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPWebApplicationPipeBind", pipeline=True,
                               help="Filters to return timer jobs defined for the scope of a "
                                    "specified SharePoint Web application. The type must be a "
                                    "valid GUID, in the form 12345678-90ab-cdef-1234-"
                                    "567890bcdefgh; a valid name of a SharePoint Web application "
                                    "(for example, MyOfficeApp1); or an instance of a valid "
                                    "SPWebApplication object.")

    def process(self):
        sess = self.session()
        try:
            rows = _jobs_for(sess, self.Identity) if self.Identity is not None \
                else timerjobs.job_rows(sess)
            if self.WebApplication is not None:
                ids = {str(w.Id) for w in resolve_web_applications(sess, self.WebApplication)}
                rows = [r for r in rows if r["scope_id"] in ids]
        except DotNetException as exc:
            self.write_error(exc)
            return
        for row in rows:
            job = timerjobs.make_job(sess, row)
            if self.Type and not _type_matches(job, self.Type):
                continue
            self.write_object(job)


class StartSPTimerJob(_HealthCmdlet):
    name = "Start-SPTimerJob"
    implementing_type = "Microsoft.SharePoint.PowerShell.SPCmdletStartTimerJob"
    supports_should_process = True
    confirm_impact = "Medium"
    help = Help(
        synopsis="Runs a timer job once.",
        description="The Start-SPTimerJob cmdlet runs a timer job once on each front-end Web "
                    "server where the parent service is provisioned.\n\nspshell runs the job on "
                    "this server before the cmdlet returns, and asks the timer service "
                    "(SPTimerV4) of every other server to run jobs that run on all servers.\n\n"
                    + _PERMS,
        examples=[Example("Get-SPTimerJob job-recycle-bin-cleanup | Start-SPTimerJob",
                          "This example starts the timer job named, job-recycle-bin-cleanup.")])
    Identity = Parameter(object, type_name="Microsoft.SharePoint.PowerShell.SPTimerJobPipeBind", mandatory=True, position=0, pipeline=True,
                         help="Specifies the timer job to run. The type must be a valid GUID, in "
                              "the form 12345678-90ab-cdef-1234-567890bcdefgh; a valid name of a "
                              "timer job (for example, TimerJob1); or an instance of a valid "
                              "SPTimerJob object.")

    def process(self):
        sess = self.session()
        try:
            rows = _jobs_for(sess, self.Identity)
        except DotNetException as exc:
            self.write_error(exc)
            return
        for row in rows:
            if not self.should_process(row["title"] or row["name"]):
                continue
            self._run(sess, row)

    def _run(self, sess, row):
        title = row["title"]
        shown = []

        def progress(done, total, server):
            if total < PROGRESS_MIN_SERVERS:
                return
            shown.append(True)
            self.write_progress(title, f"Checked {done} of {total} servers ({server})",
                                percent=int(done * 100 / total), activity_id=1)

        entry = timerjobs.run_job(sess, row, progress)
        if shown:
            self.write_progress(title, "Completed", completed=True, activity_id=1)
        asked = timerjobs.request_run(sess, row)
        if entry["status"] != "Succeeded":
            self.write_warning(f"{title} failed on {sess.host}: {entry['error_message']}")
        elif asked:
            self.write_verbose(f"{title} ran on {sess.host}; the timer service of {asked} other "
                               f"server(s) will run it too.")


# ---------------------------------------------------------------------------------- reports

class GetSPHealthReport(_HealthCmdlet):
    name = "Get-SPHealthReport"
    implementing_type = "Spshell.SharePoint.Commands.GetSPHealthReportCommand"
    output_type = "Microsoft.SharePoint.Administration.Health.SPHealthReportItem"
    help = Help(
        synopsis="Gets the items of the Health Analyzer's \"Review problems and solutions\" "
                 "list.",
        description="An spshell cmdlet (SharePoint shows this list only in Central "
                    "Administration, Monitoring > Review problems and solutions). Each item is a "
                    "rule that failed at its last run: Severity, Category, Title, Explanation "
                    "(naming the failing servers), Remedy, Failing Servers, Failing Services and "
                    "Modified. An item disappears when its rule passes again. Run the rules now "
                    "with Get-SPTimerJob | ? { $_.Name -like \"*health-analysis*\" } | "
                    "Start-SPTimerJob.",
        examples=[Example("Get-SPHealthReport", "Lists the problems the Health Analyzer found."),
                  Example("Get-SPHealthReport -Severity Error | Select Title, FailingServers",
                          "Lists the errors and the servers that fail.")])
    Rule = Parameter(object, position=0, pipeline=True,
                     help="Only the item of this rule (name, GUID, title or rule object).")
    Severity = Parameter(str, help="Only items of this severity (Error, Warning, Information, or "
                                   "a wildcard pattern of the Severity column).")
    Category = Parameter(str, help="Only items of this category (Security, Performance, "
                                   "Configuration, Availability, Custom).")

    def process(self):
        import fnmatch
        sess = self.session()
        rule_ids = None
        if self.Rule is not None:
            rules = self.rules_or_error(sess, self.Rule)
            if not rules:
                return
            rule_ids = {str(r.Id) for r in rules}
        for item in reports.items(sess):
            if rule_ids is not None and str(item.RuleId) not in rule_ids:
                continue
            if self.Severity:
                pat = self.Severity.lower()
                sev = item.Severity.lower()
                if not (fnmatch.fnmatchcase(sev, pat) or sev.split(" - ", 1)[-1] == pat
                        or sev.split(" - ", 1)[0] == pat):
                    continue
            if self.Category and not fnmatch.fnmatchcase(item.Category.lower(),
                                                         self.Category.lower()):
                continue
            self.write_object(item)


class ClearSPHealthReport(_HealthCmdlet):
    name = "Clear-SPHealthReport"
    implementing_type = "Spshell.SharePoint.Commands.ClearSPHealthReportCommand"
    supports_should_process = True
    confirm_impact = "Medium"
    help = Help(
        synopsis="Removes items from the Health Analyzer's \"Review problems and solutions\" "
                 "list.",
        description="An spshell cmdlet. Without -Identity every item is removed. A rule that "
                    "still fails adds its item again at its next run.",
        examples=[Example("Clear-SPHealthReport", "Empties the list."),
                  Example("Get-SPHealthReport -Category Configuration | Clear-SPHealthReport",
                          "Removes the configuration items.")])
    Identity = Parameter(object, position=0, pipeline=True,
                         help="The item to remove: a report item, its GUID, or a rule (name, "
                              "GUID, title or rule object).")

    def process(self):
        sess = self.session()
        items = reports.items(sess)
        if self.Identity is None:
            chosen = items
        else:
            value = self.Identity
            if isinstance(value, (list, tuple)) and len(value) == 1:
                value = value[0]
            if isinstance(value, reports.SPHealthReportItem):
                chosen = [i for i in items if i.Id == value.Id]
            else:
                text = str(value).strip().lower()
                chosen = [i for i in items if str(i.Id) == text]
                if not chosen:
                    rules = self.rules_or_error(sess, value)
                    ids = {r.Id for r in rules}
                    chosen = [i for i in items if i.RuleId in ids]
        gone = [i for i in chosen if self.should_process(i.Title)]
        reports.delete_items(sess, [str(i.Id) for i in gone])


__all__ = ["GetSPHealthAnalysisRule", "EnableSPHealthAnalysisRule",
           "DisableSPHealthAnalysisRule", "GetSPTimerJob", "StartSPTimerJob",
           "GetSPHealthReport", "ClearSPHealthReport"]
