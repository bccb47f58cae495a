"""[xml]: System.Xml.XmlDocument / XmlElement over ElementTree, with PowerShell's XML adapter:
attributes and child elements are properties (``$x.Configuration.Farm.Name``); an element with
only text reads as that string; repeated child elements read as an array."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from spshell.runtime import errors as E

XmlException = E.define_exception("System.Xml.XmlException", E.SystemException)


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _is_simple(el):
    return not el.attrib and len(el) == 0


def _value_of(elements, doc):
    vals = [(el.text or "") if _is_simple(el) else XmlElement(el, doc) for el in elements]
    return vals[0] if len(vals) == 1 else vals


class XmlNode:
    __ps_type__ = "System.Xml.XmlNode"

    def __init__(self, el, doc):
        self._el = el
        self._doc = doc

    # --- PowerShell's adapter: attributes and children first
    def __ps_get_member__(self, name):
        el = self._el
        if el is None:
            return False, None
        low = name.lower()
        for k, v in el.attrib.items():
            if _local(k).lower() == low:
                return True, v
        kids = [c for c in el if _local(c.tag).lower() == low]
        if kids:
            return True, _value_of(kids, self._doc)
        if low == "#text" and el.text and el.text.strip():
            return True, el.text
        return False, None

    def __ps_set_member__(self, name, value):
        el = self._el
        if el is None:
            return False
        from spshell.runtime.conversion import to_string
        low = name.lower()
        for k in el.attrib:
            if _local(k).lower() == low:
                el.attrib[k] = to_string(value)
                return True
        kids = [c for c in el if _local(c.tag).lower() == low]
        if len(kids) == 1 and _is_simple(kids[0]):
            kids[0].text = to_string(value)
            return True
        return False

    def __ps_property_names__(self):
        el = self._el
        names = [_local(k) for k in el.attrib]
        for c in el:
            n = _local(c.tag)
            if n and n not in names:
                names.append(n)
        if el.text and el.text.strip():
            names.append("#text")
        return names

    @property
    def Name(self):
        return _local(self._el.tag)

    @property
    def LocalName(self):
        return _local(self._el.tag)

    @property
    def NamespaceURI(self):
        t = self._el.tag
        return t[1:t.index("}")] if t.startswith("{") else ""

    @property
    def InnerText(self):
        return "".join(self._el.itertext())

    @InnerText.setter
    def InnerText(self, value):
        for c in list(self._el):
            self._el.remove(c)
        self._el.text = value

    @property
    def InnerXml(self):
        inner = self._el.text or ""
        for c in self._el:
            inner += ET.tostring(c, encoding="unicode")
        return inner

    @property
    def OuterXml(self):
        return ET.tostring(self._el, encoding="unicode").strip()

    @property
    def ChildNodes(self):
        return [XmlElement(c, self._doc) for c in self._el]

    @property
    def HasChildNodes(self):
        return len(self._el) > 0 or bool(self._el.text)

    @property
    def FirstChild(self):
        return XmlElement(self._el[0], self._doc) if len(self._el) else None

    @property
    def OwnerDocument(self):
        return self._doc

    def GetAttribute(self, name):
        return self._el.attrib.get(name, "")

    def SetAttribute(self, name, value):
        from spshell.runtime.conversion import to_string
        self._el.attrib[name] = to_string(value)

    def HasAttribute(self, name):
        return name in self._el.attrib

    def RemoveAttribute(self, name):
        self._el.attrib.pop(name, None)

    def SelectNodes(self, xpath):
        return [XmlElement(e, self._doc) for e in _select(self._el, xpath, self._doc)]

    def SelectSingleNode(self, xpath):
        found = _select(self._el, xpath, self._doc)
        return XmlElement(found[0], self._doc) if found else None

    def AppendChild(self, node):
        self._el.append(node._el)
        return node

    def RemoveChild(self, node):
        self._el.remove(node._el)
        return node

    def ToString(self):
        return self.Name

    def __str__(self):
        return self.Name


def _select(el, xpath, doc):
    path = xpath.strip()
    root = doc._el if doc is not None else el
    if path.startswith("//"):
        return list(root.iter()) if path == "//*" else \
            [e for e in root.iter() if _local(e.tag) == path[2:].split("/")[0]] \
            if "/" not in path[2:] and "[" not in path else root.findall("." + path)
    if path.startswith("/"):
        parts = path[1:].split("/", 1)
        if _local(root.tag) != parts[0]:
            return []
        return [root] if len(parts) == 1 else root.findall(parts[1])
    try:
        return el.findall(path)
    except SyntaxError:
        raise XmlException(f"'{xpath}' has an invalid token.")


class XmlElement(XmlNode):
    __ps_type__ = "System.Xml.XmlElement"


class XmlDocument(XmlNode):
    """System.Xml.XmlDocument; ``[xml]'<a/>'`` parses the text."""

    __ps_type__ = "System.Xml.XmlDocument"

    def __init__(self, text=None):
        super().__init__(None, self)
        self._decl = None
        if text is not None:
            self.LoadXml(text)

    @classmethod
    def __ps_convert__(cls, value):
        from spshell.runtime.conversion import to_string, enumerate_object
        if value is None:
            return None
        it = enumerate_object(value)
        text = "\n".join(to_string(x) for x in it) if it is not None else to_string(value)
        return cls(text)

    def __ps_get_member__(self, name):
        el = self._el
        if el is not None and _local(el.tag).lower() == name.lower():
            return True, (el.text or "") if _is_simple(el) else XmlElement(el, self)
        if name.lower() == "xml" and self._decl is not None:
            return True, self._decl
        return False, None

    def __ps_set_member__(self, name, value):
        return False

    def __ps_property_names__(self):
        names = []
        if self._decl is not None:
            names.append("xml")
        if self._el is not None:
            names.append(_local(self._el.tag))
        return names

    def LoadXml(self, text):
        if text is None:
            raise E.ArgumentNullException("Value cannot be null.")
        t = text.lstrip("\ufeff")
        try:
            self._el = ET.fromstring(t)
        except ET.ParseError as exc:
            line, col = exc.position
            msg = "Root element is missing." if not t.strip() else \
                "Data at the root level is invalid."
            raise XmlException(f"{msg} Line {line}, position {col + 1}.")
        s = t.lstrip()
        if s.startswith("<?xml"):
            end = s.find("?>")
            self._decl = s[5:end].strip() if end > 0 else None

    def Load(self, path):
        from spshell.runtime.dotnet.io import FileStatics
        self.LoadXml(FileStatics.ReadAllText(path))

    def Save(self, path):
        from spshell.runtime.dotnet.io import FileStatics
        decl = f'<?xml {self._decl}?>\n' if self._decl else ""
        FileStatics.WriteAllText(path, decl + self.OuterXml)

    def CreateElement(self, name):
        return XmlElement(ET.Element(name), self)

    @property
    def DocumentElement(self):
        return XmlElement(self._el, self) if self._el is not None else None

    @property
    def Name(self):
        return "#document"

    @property
    def LocalName(self):
        return "#document"

    @property
    def OuterXml(self):
        decl = f"<?xml {self._decl}?>" if self._decl else ""
        return decl + (ET.tostring(self._el, encoding="unicode") if self._el is not None
                       else "")

    @property
    def InnerXml(self):
        return self.OuterXml

    @property
    def InnerText(self):
        return "".join(self._el.itertext()) if self._el is not None else ""

    @property
    def ChildNodes(self):
        return [XmlElement(self._el, self)] if self._el is not None else []

    def ToString(self):
        return "#document"

    def __str__(self):
        return "#document"
