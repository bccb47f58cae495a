"""Get-Member, New-Object, Add-Member, and the instance-member objects Add-Member creates."""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (ErrorRecord, DotNetException, MethodInvocationException,
                                    PSArgumentException, PSInvalidOperationException,
                                    SystemException, define_exception, ps_error)
from spshell.runtime.objects import PSCustomObject, SwitchParameter

from ._util import as_list, like, to_str, type_names

COMException = define_exception("System.Runtime.InteropServices.COMException",
                                define_exception("System.Runtime.InteropServices."
                                                 "ExternalException", SystemException))


# ---------------------------------------------------------------------------- Get-Member
def MemberDefinition(*args):
    from spshell.runtime.types import MemberDefinition as _MD
    return _MD(*args)


_MEMBER_TYPES = ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty",
                 "Properties", "PropertySet", "Method", "CodeMethod", "ScriptMethod", "Methods",
                 "ParameterizedProperty", "MemberSet", "Event", "Dynamic", "All")


def _member_type_matches(member_type, wanted):
    if not wanted:
        return True
    mt = str(member_type)
    for w in wanted:
        w = str(w)
        if w.lower() == "all":
            return True
        if w.lower() == "properties" and mt.endswith("Property"):
            return True
        if w.lower() == "methods" and mt.endswith("Method"):
            return True
        if w.lower() == mt.lower():
            return True
    return False


class GetMember(Cmdlet):
    name = "Get-Member"
    implementing_type = "Microsoft.PowerShell.Commands.GetMemberCommand"
    help = Help(
        synopsis="Gets the properties and methods of objects.",
        description="Lists the members of each distinct type among the input objects: their "
                    "name, member type and definition, under a 'TypeName:' heading. -Name and "
                    "-MemberType filter the list; -Static lists static members of the type.",
        examples=[Example("'text' | Get-Member", "The members of System.String."),
                  Example("Get-ChildItem | Get-Member -MemberType Property",
                          "The properties of files and directories."),
                  Example("[datetime] | Get-Member -Static", "Static members of DateTime.")])
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The object whose members are listed.")
    Name = Parameter("string[]", position=0, wildcards=True, help="Member names to list.")
    MemberType = Parameter("string[]", aliases=("Type",), validate_set=_MEMBER_TYPES,
                           help="Kinds of members to list.")
    View = Parameter("string[]", validate_set=("Extended", "Adapted", "Base", "All"),
                     help="Which member view to list.")
    Static = Parameter(SwitchParameter, help="Lists static members.")
    Force = Parameter(SwitchParameter, help="Includes hidden and intrinsic members.")

    def begin(self):
        self._seen = set()
        self._any = False

    def process(self):
        from spshell.runtime import types
        obj = self.InputObject
        if obj is None and "InputObject" not in self.bound:
            return
        if obj is None:
            return
        self._any = True
        tn = type_names(obj)[0]
        if isinstance(obj, PSCustomObject) and obj.type_names:
            tn = obj.type_names[0]
        key = (tn, bool(self.Static))
        if key in self._seen and not isinstance(obj, PSCustomObject):
            return
        if isinstance(obj, PSCustomObject):
            key = (tn, tuple(n.lower() for n in obj.names()))
            if key in self._seen:
                return
        self._seen.add(key)
        if self.Static:
            target = obj if isinstance(obj, types.PSType) else types.type_of(obj)
            members = types.get_members(target, static=True)
        else:
            members = types.get_members(obj)
        names = as_list(self.Name)
        wanted = as_list(self.MemberType)
        defs = []
        for m in members:
            name = getattr(m, "Name", None) or ""
            mtype = str(getattr(m, "MemberType", ""))
            if names and not any(like(name, n) for n in names):
                continue
            if not _member_type_matches(mtype, wanted):
                continue
            if not self.Force and (name.startswith("get_") or name.startswith("set_")
                                   or name.lower() in ("psbase", "psobject", "psadapted",
                                                       "psextended", "pstypenames")):
                continue
            definition = getattr(m, "Definition", None)
            if definition is None:
                definition = str(m)
            defs.append(MemberDefinition(tn, name, mtype, to_str(definition)))
        if not self.Static and not (names or wanted) or _member_type_matches("Method", wanted):
            have = {d.Name.lower() for d in defs}
            # every object has System.Object's four methods
            for mname, mdef in (("Equals", "bool Equals(System.Object obj)"),
                                ("GetHashCode", "int GetHashCode()"),
                                ("GetType", "type GetType()"),
                                ("ToString", "string ToString()")):
                if self.Static or mname.lower() in have:
                    continue
                if names and not any(like(mname, n) for n in names):
                    continue
                defs.append(MemberDefinition(tn, mname, "Method", mdef))
        defs.sort(key=lambda d: (d.MemberType.lower(), d.Name.lower()))
        for d in defs:
            self.write_object(d)

    def end(self):
        if not self._any:
            self.throw_terminating_error(ps_error(
                PSInvalidOperationException, "You must specify an object for the Get-Member "
                "cmdlet.", "NoObjectInGetMember", "CloseError"))


# ---------------------------------------------------------------------------- New-Object
_PSOBJECT_NAMES = {"psobject", "system.management.automation.psobject", "pscustomobject",
                   "system.management.automation.pscustomobject"}


class NewObject(Cmdlet):
    name = "New-Object"
    implementing_type = "Microsoft.PowerShell.Commands.NewObjectCommand"
    default_parameter_set = "Net"
    help = Help(
        synopsis="Creates an instance of a .NET type.",
        description="Creates an object of the named type, passing -ArgumentList to its "
                    "constructor, then sets the properties given in -Property. "
                    "'New-Object PSObject -Property @{...}' creates a custom object. COM "
                    "objects (-ComObject) are not available on this platform.",
        examples=[Example("New-Object System.Collections.ArrayList", "An empty ArrayList."),
                  Example("New-Object PSObject -Property @{Name='a'; Size=1}",
                          "A custom object with two properties."),
                  Example("New-Object System.Net.Mail.MailAddress 'a@contoso.com'",
                          "A MailAddress built from a string.")])
    TypeName = Parameter(str, sets={"Net": {"mandatory": True, "position": 0}},
                         help="The full name of the type.")
    ArgumentList = Parameter("object[]", sets={"Net": {"position": 1}}, aliases=("Args",),
                             help="Constructor arguments.")
    ComObject = Parameter(str, sets={"Com": {"mandatory": True, "position": 0}},
                          help="The ProgID of a COM object.")
    Strict = Parameter(SwitchParameter, sets={"Com": {}},
                       help="Errors when the COM object uses an interop assembly.")
    Property = Parameter("System.Collections.IDictionary", help="Properties to set.")

    def end(self):
        if self.parameter_set_name == "Com":
            self.throw_terminating_error(ps_error(
                COMException,
                "Retrieving the COM class factory for component with CLSID "
                "{00000000-0000-0000-0000-000000000000} failed due to the following error: "
                "80040154 Class not registered (Exception from HRESULT: 0x80040154 "
                "(REGDB_E_CLASSNOTREG)).", "NoCOMClassIdentified", "ResourceUnavailable",
                self.ComObject))
            return
        from spshell.runtime import types
        name = (self.TypeName or "").strip()
        if name.startswith("[") and name.endswith("]"):
            name = name[1:-1]
        args = as_list(self.ArgumentList) if self.ArgumentList is not None else []
        if name.lower() in _PSOBJECT_NAMES and not args:
            obj = PSCustomObject()
            self._set_properties(obj)
            self.write_object(obj)
            return
        try:
            t = types.resolve_type(name)
        except Exception:
            t = None
        if t is None:
            self.throw_terminating_error(ps_error(
                PSArgumentException, f"Cannot find type [{name}]: verify that the assembly "
                "containing this type is loaded.", "TypeNotFound", "InvalidType"))
            return
        try:
            obj = types.new_object(t, args, method_name=t.Name)
        except DotNetException as exc:
            inner = exc
            if type(exc).__name__ == "MethodInvocationException" and exc.InnerException:
                inner = exc.InnerException
            message = exc.Message if type(exc).__name__ == "MethodInvocationException" else (
                f'Exception calling ".ctor" with "{len(args)}" argument(s): "{inner.Message}"')
            err = MethodInvocationException(message, inner)
            self.throw_terminating_error(ErrorRecord(err, "ConstructorInvokedThrowException",
                                                     "InvalidOperation"))
            return
        self._set_properties(obj)
        self.write_object(obj)

    def _set_properties(self, obj):
        if not self.Property:
            return
        from spshell.runtime import types
        for key in self.Property:
            value = self.Property[key]
            k = to_str(key)
            if isinstance(obj, PSCustomObject):
                obj.set(k, value)
                continue
            try:
                types.set_property(obj, k, value)
            except DotNetException as e:
                self.write_error(ps_error(
                    PSInvalidOperationException,
                    f'The member "{k}" was not found for the specified .NET object.'
                    if "not found" in str(e).lower() or "cannot be found" in str(e).lower()
                    else str(e), "InvalidOperationException", "InvalidOperation", obj))


# ---------------------------------------------------------------------------- Add-Member
_ADD_MEMBER_TYPES = ("AliasProperty", "CodeProperty", "NoteProperty", "ScriptProperty",
                     "CodeMethod", "ScriptMethod", "PropertySet", "MemberSet")


class AddMember(Cmdlet):
    name = "Add-Member"
    implementing_type = "Microsoft.PowerShell.Commands.AddMemberCommand"
    default_parameter_set = "TypeNameSet"
    help = Help(
        synopsis="Adds custom properties and methods to an object.",
        description="Adds a NoteProperty (a value), ScriptProperty (a getter script and "
                    "optional setter), AliasProperty (another name for a property) or "
                    "ScriptMethod to the input object. -NotePropertyName/-NotePropertyValue and "
                    "-NotePropertyMembers are short forms for notes. An existing member is only "
                    "replaced with -Force. -PassThru returns the object.",
        examples=[Example("$o | Add-Member -MemberType NoteProperty -Name Status -Value 'ok'",
                          "Adds a Status note."),
                  Example("$o | Add-Member -NotePropertyMembers @{A=1; B=2} -PassThru",
                          "Adds two notes and returns the object."),
                  Example("$o | Add-Member ScriptMethod Double { $this.Value * 2 }",
                          "Adds a method.")])
    InputObject = Parameter(object, mandatory=True, pipeline=True,
                            help="The object to add members to.")
    MemberType = Parameter(str, sets={"MemberSet": {"mandatory": True, "position": 0}},
                           aliases=("Type",), validate_set=_ADD_MEMBER_TYPES,
                           help="The kind of member.")
    Name = Parameter(str, sets={"MemberSet": {"mandatory": True, "position": 1}},
                     help="The member name.")
    Value = Parameter(object, sets={"MemberSet": {"position": 2}}, allow_null=True,
                      help="The note value, getter script, aliased name, or method script.")
    SecondValue = Parameter(object, sets={"MemberSet": {"position": 3}},
                            help="The setter script, or the conversion type of an alias.")
    NotePropertyName = Parameter(str, sets={"NotePropertySingleMemberSet":
                                            {"mandatory": True, "position": 0}},
                                 help="The name of a note property.")
    NotePropertyValue = Parameter(object, sets={"NotePropertySingleMemberSet":
                                                {"mandatory": True, "position": 1}},
                                  allow_null=True, help="The value of the note property.")
    NotePropertyMembers = Parameter("System.Collections.IDictionary",
                                    sets={"NotePropertyMultiMemberSet":
                                          {"mandatory": True, "position": 0}},
                                    help="Names and values of several note properties.")
    TypeName = Parameter(str, help="A type name to add to the object's type names.")
    Force = Parameter(SwitchParameter, help="Replaces a member of the same name.")
    PassThru = Parameter(SwitchParameter, help="Returns the object.")

    def process(self):
        obj = self.InputObject
        psn = self.parameter_set_name
        ok = True
        if psn == "MemberSet":
            mt = _canonical_member_type(self.MemberType)
            value, second = self.Value, self.SecondValue
            if mt == "AliasProperty":
                value = to_str(value)
            elif mt in ("PropertySet", "MemberSet", "CodeMethod", "CodeProperty"):
                self.throw_terminating_error(ps_error(
                    PSInvalidOperationException,
                    f'Cannot add a member of type "{mt}" to this object: script code can add '
                    'NoteProperty, ScriptProperty, AliasProperty and ScriptMethod members.',
                    "CannotAddMemberType", "InvalidOperation", obj))
                return
            ok = self._add(obj, mt, self.Name, value, second)
        elif psn == "NotePropertySingleMemberSet":
            ok = self._add(obj, "NoteProperty", to_str(self.NotePropertyName),
                           self.NotePropertyValue)
        elif psn == "NotePropertyMultiMemberSet":
            for key in self.NotePropertyMembers:
                if not self._add(obj, "NoteProperty", to_str(key),
                                 self.NotePropertyMembers[key]):
                    ok = False
        if self.TypeName:
            from spshell.runtime import types
            names = list(type_names(obj))
            if self.TypeName not in names:
                types.set_type_names(obj, [self.TypeName] + names)
        if self.PassThru and ok:
            self.write_object(obj)

    def _add(self, obj, member_type, name, value, second=None):
        from spshell.runtime import types
        try:
            types.add_member(obj, member_type, name, value, second, force=bool(self.Force))
            return True
        except DotNetException as e:
            rec = e.error_record or ErrorRecord(e, "MemberAlreadyExists", "InvalidOperation", obj)
            if "," in rec.error_id:
                rec.error_id = rec.error_id.split(",", 1)[0]
            self.write_error(rec)
            return False


def _canonical_member_type(mt):
    for t in _ADD_MEMBER_TYPES:
        if t.lower() == str(mt).lower():
            return t
    return str(mt)

