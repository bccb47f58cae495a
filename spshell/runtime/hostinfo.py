"""$Host and $PSVersionTable."""
from __future__ import annotations

from spshell.runtime.objects import OrderedDictionary


class HostUI:
    __ps_type__ = "System.Management.Automation.Internal.Host.InternalHostUserInterface"

    def __init__(self, host):
        self._host = host

    def WriteLine(self, *args):
        from spshell.runtime.conversion import to_string
        self._host.write_line(to_string(args[-1]) if args else "")

    def Write(self, *args):
        from spshell.runtime.conversion import to_string
        self._host.write(to_string(args[-1]) if args else "")

    def WriteErrorLine(self, text):
        self._host.write_error_line(str(text))

    def WriteWarningLine(self, text):
        self._host.write_warning_line(str(text))

    def WriteVerboseLine(self, text):
        self._host.write_verbose_line(str(text))

    def ReadLine(self):
        return self._host.read_line("")

    def ReadLineAsSecureString(self):
        from spshell.runtime.objects import SecureString
        return SecureString(self._host.read_line_secure(""))

    @property
    def RawUI(self):
        return RawUI(self._host)


class RawUI:
    __ps_type__ = "System.Management.Automation.Internal.Host.InternalHostRawUserInterface"

    def __init__(self, host):
        self._host = host
        self.WindowTitle = "spshell"
        self.ForegroundColor = "Gray"
        self.BackgroundColor = "Black"

    @property
    def WindowSize(self):
        return Size(self._host.width, 50)

    @property
    def BufferSize(self):
        return Size(self._host.width, 9001)


class Size:
    __ps_type__ = "System.Management.Automation.Host.Size"

    def __init__(self, w, h):
        self.Width = w
        self.Height = h

    def ToString(self):
        return f"{self.Width},{self.Height}"


class HostInfo:
    __ps_type__ = "System.Management.Automation.Internal.Host.InternalHost"
    __ps_default_display__ = ("Name", "Version", "InstanceId", "UI", "CurrentCulture",
                              "CurrentUICulture", "PrivateData", "DebuggerEnabled",
                              "IsRunspacePushed", "Runspace")

    def __init__(self, host, version):
        self._host = host
        self.Name = "ConsoleHost"
        from spshell.runtime.dotnet.misc import Version
        self.Version = Version(version)
        self._instance_id = None
        self.CurrentCulture = "en-US"
        self.CurrentUICulture = "en-US"
        self.PrivateData = None
        self.DebuggerEnabled = False
        self.IsRunspacePushed = False
        self.Runspace = None

    @property
    def InstanceId(self):
        if self._instance_id is None:
            import uuid
            self._instance_id = uuid.uuid4()
        return self._instance_id

    @property
    def UI(self):
        return HostUI(self._host)


def PSVersionTable():
    from spshell.runtime.dotnet.misc import Version
    from spshell import __version__
    t = OrderedDictionary()
    t["PSVersion"] = Version("7.4.0")
    t["PSEdition"] = "Core"
    t["GitCommitId"] = "7.4.0"
    t["OS"] = _os_text()
    t["Platform"] = "Unix"
    t["PSCompatibleVersions"] = [Version(v) for v in
                                 ("1.0", "2.0", "3.0", "4.0", "5.0", "5.1", "6.0", "7.0")]
    t["PSRemotingProtocolVersion"] = Version("2.3")
    t["SerializationVersion"] = Version("1.1.0.1")
    t["WSManStackVersion"] = Version("3.0")
    t["SpshellVersion"] = Version(__version__)
    return t


def _os_text():
    # os.uname() is what platform.system()/release() report on POSIX, without importing
    # platform (about a millisecond of every start-up); platform renames a few odd systems
    import os
    uname = getattr(os, "uname", None)
    if uname is not None:
        u = uname()
        if u.sysname and u.release and u.sysname not in ("Microsoft", "OpenVMS") \
                and "unknown" not in (u.sysname, u.release):
            return f"{u.sysname} {u.release}"
    import platform
    return f"{platform.system()} {platform.release()}"
