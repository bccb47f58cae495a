"""System.Version, used by $PSVersionTable and $Host before the type library loads."""
from __future__ import annotations


class Version:
    __ps_type__ = "System.Version"
    __ps_default_display__ = ("Major", "Minor", "Build", "Revision")

    def __init__(self, major=0, minor=0, build=-1, revision=-1):
        self.Major, self.Minor, self.Build, self.Revision = major, minor, build, revision

    def _tuple(self):
        return (self.Major, self.Minor, self.Build, self.Revision)

    def __eq__(self, other):
        return isinstance(other, Version) and self._tuple() == other._tuple()

    def __lt__(self, other):
        return self._tuple() < other._tuple()

    def __hash__(self):
        return hash(self._tuple())

    def CompareTo(self, other):
        return (self._tuple() > other._tuple()) - (self._tuple() < other._tuple())

    def ToString(self):
        parts = [self.Major, self.Minor]
        if self.Build >= 0:
            parts.append(self.Build)
            if self.Revision >= 0:
                parts.append(self.Revision)
        return ".".join(str(p) for p in parts)

    __str__ = ToString

    @classmethod
    def __ps_convert__(cls, value):
        return parse_version(str(value))


def parse_version(text):
    parts = [int(p) for p in str(text).split(".")]
    while len(parts) < 2:
        parts.append(0)
    return Version(*parts[:4])
