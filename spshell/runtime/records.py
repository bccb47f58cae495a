"""Records of the non-success streams, for when they are merged into output (`3>&1`) or
collected (-WarningVariable)."""
from __future__ import annotations


class InformationalRecord:
    __ps_type__ = "System.Management.Automation.InformationalRecord"
    prefix = ""

    def __init__(self, message):
        self.Message = str(message)

    def ToString(self):
        return self.Message

    def __str__(self):
        return self.Message


class WarningRecord(InformationalRecord):
    __ps_type__ = "System.Management.Automation.WarningRecord"
    __ps_type_names__ = ("System.Management.Automation.WarningRecord",
                         "System.Management.Automation.InformationalRecord", "System.Object")
    prefix = "WARNING: "


class VerboseRecord(InformationalRecord):
    __ps_type__ = "System.Management.Automation.VerboseRecord"
    __ps_type_names__ = ("System.Management.Automation.VerboseRecord",
                         "System.Management.Automation.InformationalRecord", "System.Object")
    prefix = "VERBOSE: "


class DebugRecord(InformationalRecord):
    __ps_type__ = "System.Management.Automation.DebugRecord"
    __ps_type_names__ = ("System.Management.Automation.DebugRecord",
                         "System.Management.Automation.InformationalRecord", "System.Object")
    prefix = "DEBUG: "


class InformationRecord:
    __ps_type__ = "System.Management.Automation.InformationRecord"

    def __init__(self, data, tags=()):
        import datetime
        import os
        self.MessageData = data
        self.Tags = list(tags)
        self.TimeGenerated = datetime.datetime.now()
        self.Source = ""
        self.ProcessId = os.getpid()

    def ToString(self):
        from spshell.runtime.conversion import to_string
        return to_string(self.MessageData)

    def __str__(self):
        return self.ToString()


def record_for(kind, message):
    return {"warning": WarningRecord, "verbose": VerboseRecord,
            "debug": DebugRecord}[kind](message)
