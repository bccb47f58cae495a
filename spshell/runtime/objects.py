"""The value model shared by the engine, the formatter and every module.

Values are plain Python objects. PowerShell-visible members of a Python class follow one rule:
**public attributes, properties and methods whose names start with an upper-case letter** are the
members scripts see (``$obj.Name``, ``$obj.UpdateMailSettings(...)``); lookup is case-insensitive
(``spshell.runtime.types`` implements it). A class names its .NET type with ``__ps_type__`` (full
name) and may list base type names in ``__ps_type_names__`` (most derived first, for ``-is`` and
``catch``); ``__ps_default_display__`` lists the default display property set the formatter uses.
Domain code therefore needs no registration to be scriptable.

Built-in value mapping: ``None`` = $null; ``bool``; ``int`` = Int32 (``numbers.Int64`` and
friends for other widths); ``float`` = Double; ``decimal.Decimal`` = Decimal; ``str`` = String;
``list`` = Object[]; ``Hashtable``/``OrderedDictionary`` below; ``datetime``, ``timedelta``,
``uuid.UUID`` for DateTime, TimeSpan, Guid.
"""
from __future__ import annotations

from collections.abc import MutableMapping


class _AutomationNull:
    """"No output": unlike $null it vanishes from pipelines and @()."""

    __slots__ = ()
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "AutomationNull"

    def __bool__(self):
        return False


AutomationNull = _AutomationNull()


class PSNoteProperty:
    __ps_type__ = "System.Management.Automation.PSNoteProperty"

    def __init__(self, name, value):
        self.Name = name
        self.Value = value


class PSCustomObject:
    """[pscustomobject]: an ordered, case-insensitive property bag."""

    __ps_type__ = "System.Management.Automation.PSCustomObject"
    __ps_type_names__ = ("System.Management.Automation.PSCustomObject", "System.Object")
    __slots__ = ("_props", "_keys", "type_names")

    def __init__(self, props=None, type_names=None):
        self._props = {}  # lower name -> value
        self._keys = {}  # lower name -> display name, insertion ordered
        self.type_names = list(type_names) if type_names else None
        if props:
            for k, v in props.items():
                self.add(str(k), v)

    def add(self, name, value):
        low = name.lower()
        if low not in self._keys:
            self._keys[low] = name
        self._props[low] = value

    def has(self, name):
        return name.lower() in self._props

    def get(self, name, default=None):
        return self._props.get(name.lower(), default)

    def set(self, name, value):
        low = name.lower()
        if low not in self._keys:
            self._keys[low] = name
        self._props[low] = value

    def remove(self, name):
        low = name.lower()
        self._props.pop(low, None)
        self._keys.pop(low, None)

    def names(self):
        return list(self._keys.values())

    def items(self):
        return [(self._keys[k], self._props[k]) for k in self._keys]

    def __repr__(self):
        return "@{" + "; ".join(f"{k}={v!r}" for k, v in self.items()) + "}"


class Hashtable(MutableMapping):
    """[hashtable]: case-insensitive string keys, any other keys by equality; keeps insertion order
    (PowerShell's order is a hash order nobody may rely on, so a stable one is allowed)."""

    __ps_type__ = "System.Collections.Hashtable"
    __ps_type_names__ = ("System.Collections.Hashtable", "System.Object")
    __slots__ = ("_data",)

    def __init__(self, items=None):
        self._data = {}  # normalized key -> (original key, value)
        if items:
            for k, v in (items.items() if hasattr(items, "items") else items):
                self[k] = v

    @staticmethod
    def _norm(key):
        if isinstance(key, str):
            return ("s", key.lower())
        if isinstance(key, bool):
            return ("b", key)
        if isinstance(key, (list, dict)):
            return ("id", id(key))
        return key

    def __getitem__(self, key):
        return self._data[self._norm(key)][1]

    def __setitem__(self, key, value):
        n = self._norm(key)
        old = self._data.get(n)
        self._data[n] = (old[0] if old else key, value)

    def __delitem__(self, key):
        del self._data[self._norm(key)]

    def __contains__(self, key):
        try:
            return self._norm(key) in self._data
        except TypeError:
            return False

    def __iter__(self):
        return (k for k, _ in self._data.values())

    def __len__(self):
        return len(self._data)

    def get(self, key, default=None):
        try:
            return self._data[self._norm(key)][1]
        except (KeyError, TypeError):
            return default

    def set_existing(self, key, value):
        """`h[key] = value` for a string key already present (a hot path: the binder updates
        $PSBoundParameters once per pipeline object)."""
        n = ("s", key.lower())
        self._data[n] = (self._data[n][0], value)

    def add_unique(self, key, value):
        """Hashtable.Add / literal semantics: a duplicate key is an error (caller reports it)."""
        n = self._norm(key)
        if n in self._data:
            raise KeyError(key)
        self._data[n] = (key, value)

    def copy(self):
        new = type(self)()
        new._data = dict(self._data)
        return new

    def __repr__(self):
        return "@{" + "; ".join(f"{k}={v!r}" for k, v in self.items()) + "}"


class OrderedDictionary(Hashtable):
    """[ordered]@{}: the same, with order being part of the contract."""

    __ps_type__ = "System.Collections.Specialized.OrderedDictionary"
    __ps_type_names__ = ("System.Collections.Specialized.OrderedDictionary", "System.Object")
    __slots__ = ()


class SecureString:
    """System.Security.SecureString. The plain text is reachable only through ``reveal()``, which
    the few places allowed to see it call (credential encryption, SMTP AUTH,
    ConvertFrom-SecureString -AsPlainText); it never appears in str() or repr()."""

    __ps_type__ = "System.Security.SecureString"
    __slots__ = ("_chars", "_read_only")

    def __init__(self, text=""):
        self._chars = list(text)
        self._read_only = False

    def reveal(self) -> str:
        return "".join(self._chars)

    @property
    def Length(self):
        return len(self._chars)

    def AppendChar(self, c):
        if self._read_only:
            raise ValueError("Instance is read-only.")
        self._chars.append(str(c))

    def Clear(self):
        self._chars = []

    def MakeReadOnly(self):
        self._read_only = True

    def IsReadOnly(self):
        return self._read_only

    def Copy(self):
        return SecureString(self.reveal())

    def Dispose(self):
        self._chars = []

    def __str__(self):
        return "System.Security.SecureString"

    def __repr__(self):
        return "System.Security.SecureString"

    def __reduce__(self):  # never pickle a secret by accident
        raise TypeError("SecureString cannot be serialized")


class NetworkCredential:
    __ps_type__ = "System.Net.NetworkCredential"

    def __init__(self, user_name="", password=None, domain=""):
        if isinstance(password, str):
            password = SecureString(password)
        self.UserName = user_name
        self.SecurePassword = password or SecureString()
        self.Domain = domain

    @property
    def Password(self):
        # .NET exposes the plain text here; scripts (SP2013TestEmailFunctionality and friends) use it
        return self.SecurePassword.reveal()

    def __repr__(self):
        return f"NetworkCredential(UserName={self.UserName!r})"


class PSCredential:
    """System.Management.Automation.PSCredential."""

    __ps_type__ = "System.Management.Automation.PSCredential"
    __ps_default_display__ = ("UserName", "Password")
    __slots__ = ("UserName", "Password")

    def __init__(self, user_name, password):
        if isinstance(password, str):
            raise TypeError("PSCredential needs a SecureString password")
        self.UserName = user_name
        self.Password = password if password is not None else SecureString()

    def GetNetworkCredential(self):
        user, domain = self.UserName or "", ""
        if "\\" in user:
            domain, user = user.split("\\", 1)
        return NetworkCredential(user, self.Password.Copy(), domain)

    def __repr__(self):
        return f"PSCredential(UserName={self.UserName!r})"

    def __str__(self):
        return "System.Management.Automation.PSCredential"


class PSReference:
    """[ref]: a box whose Value reads/writes the referenced variable or value."""

    __ps_type__ = "System.Management.Automation.PSReference"

    def __init__(self, getter, setter):
        self._get, self._set = getter, setter

    @property
    def Value(self):
        return self._get()

    @Value.setter
    def Value(self, v):
        self._set(v)


class SwitchParameter:
    """[switch]: behaves as a bool; IsPresent for scripts that ask."""

    __ps_type__ = "System.Management.Automation.SwitchParameter"
    __slots__ = ("IsPresent",)

    def __init__(self, present=False):
        self.IsPresent = bool(present)

    def __bool__(self):
        return self.IsPresent

    def __eq__(self, other):
        return bool(self) == bool(other)

    def __hash__(self):
        return hash(self.IsPresent)

    def ToBool(self):
        return self.IsPresent

    def __str__(self):
        return "True" if self.IsPresent else "False"

    def __repr__(self):
        return f"SwitchParameter({self.IsPresent})"
