"""The SharePoint Health Analyzer and the timer service, as part of the Microsoft.SharePoint.PowerShell
snap-in (the engine merges this manifest with cmdlets.sharepoint's): health rules and their farm
definitions, the "Review problems and solutions" list, timer jobs, and the SPTimerV4 service.

Nothing heavy is imported here: commands and types are lazy "package.module:Name" references.
"""
from spshell.cmdlet import Module

_P = "cmdlets.sharepoint.health."

MODULE = Module(
    name="Microsoft.SharePoint.PowerShell",
    kind="PSSnapin",
    version="16.0.10337.12109",
    description="SharePoint Server 2019 cmdlets: health analyzer rules, timer jobs and the "
                "SharePoint Timer Service.",
    autoload=True,
    commands={
        "Get-SPHealthAnalysisRule": _P + "cmdlets:GetSPHealthAnalysisRule",
        "Enable-SPHealthAnalysisRule": _P + "cmdlets:EnableSPHealthAnalysisRule",
        "Disable-SPHealthAnalysisRule": _P + "cmdlets:DisableSPHealthAnalysisRule",
        "Get-SPTimerJob": _P + "cmdlets:GetSPTimerJob",
        "Start-SPTimerJob": _P + "cmdlets:StartSPTimerJob",
        "Get-SPHealthReport": _P + "cmdlets:GetSPHealthReport",
        "Clear-SPHealthReport": _P + "cmdlets:ClearSPHealthReport",
        "Get-Service": _P + "service_cmdlets:GetService",
        "Start-Service": _P + "service_cmdlets:StartService",
        "Stop-Service": _P + "service_cmdlets:StopService",
        "Restart-Service": _P + "service_cmdlets:RestartService",
    },
    about={"about_SharePoint_Health_Analyzer":
           "cmdlets.sharepoint.health:about/about_SharePoint_Health_Analyzer.txt"},
    aliases={"gsv": "Get-Service", "sasv": "Start-Service", "spsv": "Stop-Service"},
    types={
        "Microsoft.SharePoint.PowerShell.SPHealthAnalysisRuleInstance":
            _P + "ruleobjects:SPHealthAnalysisRuleInstance",
        "Microsoft.SharePoint.Administration.Health.SPHealthReportItem":
            _P + "reports:SPHealthReportItem",
        "Microsoft.SharePoint.Administration.SPJobDefinition": _P + "timerjobs:SPJobDefinition",
        "Microsoft.SharePoint.Administration.SPJobHistory": _P + "timerjobs:SPJobHistory",
        "Microsoft.SharePoint.Administration.Health.SPHealthAnalyzerJobDefinition":
            _P + "timerjobs:SPHealthAnalyzerJobDefinition",
        "Microsoft.SharePoint.SPSchedule": _P + "schedules:SPSchedule",
        "Microsoft.SharePoint.SPMinuteSchedule": _P + "schedules:SPMinuteSchedule",
        "Microsoft.SharePoint.SPHourlySchedule": _P + "schedules:SPHourlySchedule",
        "Microsoft.SharePoint.SPDailySchedule": _P + "schedules:SPDailySchedule",
        "Microsoft.SharePoint.SPWeeklySchedule": _P + "schedules:SPWeeklySchedule",
        "Microsoft.SharePoint.SPMonthlySchedule": _P + "schedules:SPMonthlySchedule",
        "System.ServiceProcess.ServiceController": _P + "service_cmdlets:ServiceController",
    },
)
