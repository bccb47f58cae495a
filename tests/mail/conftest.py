"""Fixtures for the mail tests: a real lab server process per module, scripted fake servers."""
from __future__ import annotations

import pytest

from mailtesthelp import PASSWORD, LabHandle, ScriptedServer


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """Both profiles, free ports, user LAB\\alice, answering for mail.contoso.com and
    smtp.office365.com."""
    from cmdlets.mail.labserver import manage
    home = tmp_path_factory.mktemp("labhome")
    state = manage.start(home, ports=[0], credentials=[("LAB\\alice", PASSWORD)],
                         host_names=["mail.contoso.com", "smtp.office365.com"])
    yield LabHandle(home, state)
    manage.stop(home)


@pytest.fixture(scope="module")
def lab_extra(tmp_path_factory):
    """Exchange profile with CRAM-MD5 and PLAIN added, so every mechanism has a listener."""
    from cmdlets.mail.labserver import manage
    home = tmp_path_factory.mktemp("labextra")
    state = manage.start(home, profiles=["Exchange"], ports=[0],
                         credentials=[("alice", PASSWORD)],
                         extra_mechanisms=["CRAM-MD5", "PLAIN", "XOAUTH2"])
    yield LabHandle(home, state)
    manage.stop(home)


@pytest.fixture
def scripted():
    servers = []

    def make(behaviour):
        s = ScriptedServer(behaviour)
        servers.append(s)
        return s
    yield make
    for s in servers:
        s.close()
