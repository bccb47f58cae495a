"""Start-/Stop-/Get-SPCentralAdministration (spshell extensions): Central Administration in a
browser, served by this shell process for the farm this host joined."""
from __future__ import annotations

from spshell.cmdlet import Example, Help, Parameter
from spshell.runtime.errors import ErrorRecord, InvalidOperationException
from spshell.runtime.objects import SwitchParameter

from ..base import SPCmdlet
from . import server as S


class SPCentralAdministrationServer:
    """What Get-SPCentralAdministration shows. Never carries the access token."""
    __ps_type__ = "Spshell.SharePoint.SPCentralAdministrationServer"
    __ps_default_display__ = ("Server", "Url", "Status")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Server", "Server"), ("Url", "Url"), ("Status", "Status")]

    def __init__(self, running: S.RunningServer):
        self._r = running
        self.Server = running.host
        self.Url = running.url
        self.Address = running.address
        self.Port = running.port
        self.Started = running.started

    @property
    def Status(self):
        return "Online" if self._r.running else "Stopped"

    @property
    def Sessions(self):
        return self._r.guard.session_count()

    @property
    def TokenUsed(self):
        return self._r.guard.token is None

    def ToString(self):
        return self.Url


def _error(cmdlet, exc):
    rec = ErrorRecord(InvalidOperationException(str(exc)), "CentralAdministration",
                      getattr(exc, "category", "InvalidOperation"), None)
    cmdlet.throw_terminating_error(rec)


def announce(write, running: S.RunningServer,
             stop_hint="Stop it with Stop-SPCentralAdministration."):
    """The Jupyter-style lines with the one-time link (the only place the token appears)."""
    write(f"Central Administration for server {running.host} is running at {running.url}")
    write("Open this link in a browser to sign in (it works once):")
    write(f"    {running.url_with_token()}")
    write(stop_hint)


class StartSPCentralAdministration(SPCmdlet):
    name = "Start-SPCentralAdministration"
    implementing_type = "Spshell.SharePoint.Commands.StartSPCentralAdministrationCommand"
    output_type = "Spshell.SharePoint.SPCentralAdministrationServer"
    help = Help(
        synopsis="Serves SharePoint Central Administration for this server's farm in a web "
                 "browser.",
        description="An spshell cmdlet. Starts Central Administration (Outgoing E-Mail "
                    "Settings, web application e-mail settings, Servers in Farm, Review "
                    "problems and solutions, Review rule definitions, Send test e-mail) on "
                    "127.0.0.1 in the background of this shell, and prints a link carrying a "
                    "one-time access token, as Jupyter does; it opens nothing itself. The first "
                    "browser to open the link is signed in with a session cookie and the token "
                    "dies. Changes made in the browser are the farm's: Get-SPWebApplication sees "
                    "them at once, and the pages show changes made in the shell. The server "
                    "stops with Stop-SPCentralAdministration or when the shell exits.\n\nBy "
                    "default it listens on the port of the farm's Central Administration web "
                    "application, or a free port if that one is taken. Run it again while it "
                    "runs to get a new one-time link (for another browser); the parameters "
                    "are then ignored.",
        examples=[
            Example("Start-SPCentralAdministration",
                    "Starts Central Administration and prints the link to open."),
            Example("Start-SPCentralAdministration -Port 2019",
                    "Listens on http://127.0.0.1:2019/.")])
    Port = Parameter(int, position=0, validate_range=(0, 65535),
                     help="The TCP port to listen on (0: any free port).")
    ListenAddress = Parameter(str, help="The address to listen on (default 127.0.0.1). A "
                                        "non-loopback address also needs -AllowRemoteAccess.")
    AllowRemoteAccess = Parameter(SwitchParameter,
                                  help="Allows a non-loopback -ListenAddress. The traffic is not "
                                       "encrypted; use it only on a trusted network.")

    def process(self):
        sess = self.session()  # the documented error when this host is not in a farm
        address = self.ListenAddress or S.DEFAULT_ADDRESS
        running = S.get(self.home, self.host_name)
        if running is not None:
            # Already serving: a new one-time link signs in another browser (the old link,
            # if unused, stops working).
            running.guard.new_token()
            self.write_verbose(f"Central Administration is already running at {running.url}; "
                               "a new sign-in link was issued.")
            announce(self.write_host, running)
            self.write_object(SPCentralAdministrationServer(running))
            return
        try:
            if self.is_bound("Port"):
                running = S.start(self.home, self.host_name, self.Port, address,
                                  bool(self.AllowRemoteAccess))
            else:
                ca = sess.central_admin_row()
                preferred = int(ca["port"]) if ca and ca.get("port") else 0
                try:
                    running = S.start(self.home, self.host_name, preferred, address,
                                      bool(self.AllowRemoteAccess))
                except S.CentralAdminError as exc:
                    if exc.category != "ResourceUnavailable" or not preferred:
                        raise
                    running = S.start(self.home, self.host_name, 0, address,
                                      bool(self.AllowRemoteAccess))
                    self.write_verbose(f"Port {preferred} is in use; using {running.port}.")
        except S.CentralAdminError as exc:
            _error(self, exc)
            return
        if not S.is_loopback(address):
            self.write_warning(f"Central Administration listens on {address}, reachable from "
                               "other computers, without encryption.")
        announce(self.write_host, running)
        self.write_object(SPCentralAdministrationServer(running))


class StopSPCentralAdministration(SPCmdlet):
    name = "Stop-SPCentralAdministration"
    implementing_type = "Spshell.SharePoint.Commands.StopSPCentralAdministrationCommand"
    supports_should_process = True
    confirm_impact = "Low"
    help = Help(
        synopsis="Stops the Central Administration started by Start-SPCentralAdministration.",
        description="An spshell cmdlet. Stops serving Central Administration for this server; "
                    "browser sessions end with it.",
        examples=[Example("Stop-SPCentralAdministration", "Stops Central Administration.")])

    def process(self):
        running = S.get(self.home, self.host_name)
        if running is None:
            _error(self, S.CentralAdminError(
                f"Central Administration is not running for server {self.host_name} in this "
                "session.", "ObjectNotFound"))
            return
        if not self.should_process(running.url):
            return
        S.stop(self.home, self.host_name)


class GetSPCentralAdministration(SPCmdlet):
    name = "Get-SPCentralAdministration"
    implementing_type = "Spshell.SharePoint.Commands.GetSPCentralAdministrationCommand"
    output_type = "Spshell.SharePoint.SPCentralAdministrationServer"
    help = Help(
        synopsis="Shows the Central Administration this shell serves, if any.",
        description="An spshell cmdlet. Returns the address and state of the Central "
                    "Administration started by Start-SPCentralAdministration in this session "
                    "(never the access token).",
        examples=[Example("Get-SPCentralAdministration | Format-List *",
                          "Shows the URL, port, start time and number of browser sessions.")])

    def process(self):
        for running in S.all_running():
            self.write_object(SPCentralAdministrationServer(running))


__all__ = ["StartSPCentralAdministration", "StopSPCentralAdministration",
           "GetSPCentralAdministration", "SPCentralAdministrationServer"]
