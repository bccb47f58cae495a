"""Get-Service, Start-Service, Stop-Service, Restart-Service for the one Windows service a
SharePoint script manages here: the SharePoint Timer Service, SPTimerV4 (service.py). Any other
name gets PowerShell's own "Cannot find any service ..." error."""
from __future__ import annotations

import fnmatch

from cmdlets.sharepoint import bridge
from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import ErrorRecord, InvalidOperationException, define_exception
from spshell.runtime.objects import SwitchParameter

from . import service

ServiceCommandException = define_exception(
    "Microsoft.PowerShell.Commands.ServiceCommandException", InvalidOperationException)

NOT_FOUND_NAME = "Cannot find any service with service name '{0}'."
NOT_FOUND_DISPLAY = "Cannot find any service with display name '{0}'."
START_FAILED = "Service '{1} ({0})' cannot be started due to the following error: {2}"


class ServiceController:
    """System.ServiceProcess.ServiceController for SPTimerV4 on this host."""
    __ps_type__ = "System.ServiceProcess.ServiceController"
    __ps_type_names__ = (__ps_type__, "System.ComponentModel.Component",
                         "System.MarshalByRefObject", "System.Object")
    __ps_default_display__ = ("Status", "Name", "DisplayName")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Status", "Status", 8), ("Name", "Name", 18),
                            ("DisplayName", "DisplayName", 38)]

    def __init__(self, home, host, environ=None):
        self._home, self._host, self._environ = home, host, environ
        self._status = None
        self.Refresh()

    Name = property(lambda self: service.SERVICE_NAME)
    ServiceName = property(lambda self: service.SERVICE_NAME)
    DisplayName = property(lambda self: service.DISPLAY_NAME)
    MachineName = property(lambda self: self._host)
    ServiceType = property(lambda self: "Win32OwnProcess")
    StartType = property(lambda self: "Automatic")
    CanPauseAndContinue = property(lambda self: False)
    CanShutdown = property(lambda self: True)
    DependentServices = property(lambda self: [])
    ServicesDependedOn = property(lambda self: [])

    @property
    def Status(self):
        return self._status

    @property
    def CanStop(self):
        return self._status == "Running"

    @property
    def ProcessId(self):
        return service.running_pid(self._home, self._host) or 0

    def Refresh(self, *args):
        self._status = "Running" if service.running_pid(self._home, self._host) else "Stopped"

    def Start(self, *args):
        service.start(self._home, self._host, self._environ)
        self.Refresh()

    def Stop(self, *args):
        service.stop(self._home, self._host)
        self.Refresh()

    def WaitForStatus(self, status, *args):
        self.Refresh()

    def ToString(self):
        return self.Name

    def __str__(self):
        return self.Name


def _not_found(cmdlet, message, value):
    exc = ServiceCommandException(message)
    rec = ErrorRecord(exc, "NoServiceFoundForGivenName", "ObjectNotFound", value)
    cmdlet.write_error(rec)


class _ServiceCmdlet(Cmdlet):
    Name = Parameter("string[]", position=0, pipeline=True, by_property=True,
                     aliases=("ServiceName",), sets={"Default": {}},
                     help="Specifies the service names of the services.")
    DisplayName = Parameter("string[]", mandatory=True, sets={"DisplayName": {}},
                            help="Specifies the display names of the services.")
    InputObject = Parameter("System.ServiceProcess.ServiceController[]", mandatory=True,
                            position=0, pipeline=True, sets={"InputObject": {}},
                            help="Specifies ServiceController objects representing the "
                                 "services.")
    Include = Parameter("string[]", help="Services to include (wildcards permitted).")
    Exclude = Parameter("string[]", help="Services to omit (wildcards permitted).")
    default_parameter_set = "Default"

    def controller(self):
        host, home = bridge.host_and_home(self.context)
        return ServiceController(home, host)

    def selected(self):
        """The controllers this call names (errors written for names that match nothing)."""
        ctl = self.controller()
        found = []
        if self.parameter_set_name == "InputObject":
            for obj in self.InputObject or []:
                if isinstance(obj, ServiceController):
                    obj.Refresh()
                    found.append(obj)
        elif self.parameter_set_name == "DisplayName":
            for name in self.DisplayName or []:
                if _match(name, ctl.DisplayName):
                    found.append(ctl)
                elif not _has_wildcard(name):
                    _not_found(self, NOT_FOUND_DISPLAY.format(name), name)
        else:
            names = self.Name if self.Name else ["*"]
            for name in names:
                if _match(str(name), ctl.Name):
                    found.append(ctl)
                elif not _has_wildcard(str(name)):
                    _not_found(self, NOT_FOUND_NAME.format(name), name)
        out = []
        for c in found:
            if self.Include and not any(_match(p, c.Name) for p in self.Include):
                continue
            if self.Exclude and any(_match(p, c.Name) for p in self.Exclude):
                continue
            if c not in out:
                out.append(c)
        return out


def _has_wildcard(text):
    return any(ch in text for ch in "*?[")


def _match(pattern, name):
    return fnmatch.fnmatchcase(name.lower(), str(pattern).lower())


class GetService(_ServiceCmdlet):
    name = "Get-Service"
    implementing_type = "Microsoft.PowerShell.Commands.GetServiceCommand"
    output_type = "System.ServiceProcess.ServiceController"
    help = Help(synopsis="Gets the services on the computer.",
                description="Gets objects that represent the services on this server. The only "
                            "service spshell runs is the SharePoint Timer Service (SPTimerV4).",
                examples=[Example("Get-Service SPTimerV4", "Shows whether the timer service "
                                                          "of this server runs.")])

    def process(self):
        for c in self.selected():
            self.write_object(c)


class _ChangeService(_ServiceCmdlet):
    supports_should_process = True
    confirm_impact = "Medium"
    PassThru = Parameter(SwitchParameter, help="Returns an object representing the service.")

    def process(self):
        for c in self.selected():
            if not self.should_process(f"{c.DisplayName} ({c.Name})"):
                continue
            try:
                self._act(c)
            except (RuntimeError, OSError) as exc:
                err = ServiceCommandException(START_FAILED.format(c.Name, c.DisplayName, exc))
                self.write_error(ErrorRecord(err, "CouldNotStartService", "OpenError", c))
                continue
            if self.PassThru:
                self.write_object(c)


class StartService(_ChangeService):
    name = "Start-Service"
    implementing_type = "Microsoft.PowerShell.Commands.StartServiceCommand"
    help = Help(synopsis="Starts one or more stopped services.",
                description="Starts the SharePoint Timer Service (SPTimerV4) of this server: a "
                            "background process that runs the timer jobs due on this server.",
                examples=[Example("Start-Service SPTimerV4", "Starts the timer service.")])

    def _act(self, c):
        if c.Status != "Running":
            self.write_verbose(f"Starting service '{c.DisplayName} ({c.Name})'.")
            c.Start()


class StopService(_ChangeService):
    name = "Stop-Service"
    implementing_type = "Microsoft.PowerShell.Commands.StopServiceCommand"
    Force = Parameter(SwitchParameter, help="Stops the service even if it has dependent "
                                            "services.")
    NoWait = Parameter(SwitchParameter, help="Returns without waiting for the service to stop.")
    help = Help(synopsis="Stops one or more running services.",
                description="Stops the SharePoint Timer Service (SPTimerV4) of this server.",
                examples=[Example("Stop-Service SPTimerV4", "Stops the timer service.")])

    def _act(self, c):
        if c.Status == "Running":
            self.write_verbose(f"Stopping service '{c.DisplayName} ({c.Name})'.")
            c.Stop()


class RestartService(_ChangeService):
    name = "Restart-Service"
    implementing_type = "Microsoft.PowerShell.Commands.RestartServiceCommand"
    Force = Parameter(SwitchParameter, help="Restarts the service even if it has dependent "
                                            "services.")
    help = Help(synopsis="Stops and then starts one or more services.",
                description="Restarts the SharePoint Timer Service (SPTimerV4) of this server.",
                examples=[Example("Restart-Service SPTimerV4", "Restarts the timer service.")])

    def _act(self, c):
        if c.Status == "Running":
            c.Stop()
        c.Start()
