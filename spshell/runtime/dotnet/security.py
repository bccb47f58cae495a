"""Constructors of the credential types whose classes live in objects.py."""
from __future__ import annotations

from spshell.runtime.dotnet.base import sig
from spshell.runtime.objects import NetworkCredential, PSCredential, SecureString


class PSCredentialStatics:
    @sig("static pscredential new(string userName, securestring password)",
         "static pscredential new(psobject pso)")
    def new(user, password=None):
        return PSCredential(user, password if password is not None else SecureString())


class NetworkCredentialStatics:
    @sig("static System.Net.NetworkCredential new()",
         "static System.Net.NetworkCredential new(string userName, string password)",
         "static System.Net.NetworkCredential new(string userName, securestring password)",
         "static System.Net.NetworkCredential new(string userName, string password, "
         "string domain)",
         "static System.Net.NetworkCredential new(string userName, securestring password, "
         "string domain)")
    def new(user="", password=None, domain=""):
        return NetworkCredential(user or "", password, domain or "")


class SecureStringStatics:
    @sig("static securestring new()")
    def new():
        return SecureString()
