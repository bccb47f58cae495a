"""Select-Object, Sort-Object, Group-Object, Measure-Object, Compare-Object."""
from __future__ import annotations

import functools
import math

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (PSArgumentException, PSInvalidOperationException,
                                    StopUpstream, ps_error)
from spshell.runtime.objects import Hashtable, PSCustomObject, SwitchParameter

from ._util import (PropertySpec, as_list, cmdlet_specs, compare_values, convert,
                    enumerate_value, expand_spec_names, get_prop, has_prop, new_custom_object,
                    prop_names, to_str, type_names, values_equal)


# ---------------------------------------------------------------------------------- Select
class SelectObject(Cmdlet):
    name = "Select-Object"
    implementing_type = "Microsoft.PowerShell.Commands.SelectObjectCommand"
    default_parameter_set = "DefaultParameter"
    help = Help(
        synopsis="Selects properties of objects, or a subset of the objects.",
        description="With -Property, builds new objects that carry only the named properties "
                    "(wildcards allowed; a hashtable @{Name='X'; Expression={...}} adds a "
                    "calculated property). -ExpandProperty returns the values of one property "
                    "instead. -First, -Last, -Skip, -SkipLast, -Index and -Unique choose which "
                    "objects are passed on; -First stops the commands before it once enough "
                    "objects have arrived.",
        examples=[Example("Get-ChildItem | Select-Object Name, Length",
                          "New objects with Name and Length only."),
                  Example("1..10 | Select-Object -First 3", "Returns 1, 2, 3."),
                  Example("$users | Select-Object -ExpandProperty Name",
                          "The names, as strings."),
                  Example("Get-Process | Select-Object Name, @{N='MB'; E={$_.WS / 1MB}}",
                          "A calculated property.")])
    InputObject = Parameter(object, pipeline=True, allow_null=True, help="The input objects.")
    Property = Parameter("object[]", position=0,
                         sets={"DefaultParameter": {}, "SkipLastParameter": {}},
                         help="Properties to select.")
    ExcludeProperty = Parameter("string[]", sets={"DefaultParameter": {},
                                                  "SkipLastParameter": {}},
                                help="Properties to leave out.")
    ExpandProperty = Parameter(str, sets={"DefaultParameter": {}, "SkipLastParameter": {}},
                               help="A property whose value(s) are returned.")
    Unique = Parameter(SwitchParameter, help="Returns only distinct objects.")
    CaseInsensitive = Parameter(SwitchParameter, help="-Unique ignores case.")
    Last = Parameter(int, sets={"DefaultParameter": {}}, validate_range=(0, 2147483647),
                     help="Number of objects from the end.")
    First = Parameter(int, sets={"DefaultParameter": {}}, validate_range=(0, 2147483647),
                      help="Number of objects from the start.")
    Skip = Parameter(int, sets={"DefaultParameter": {}}, validate_range=(0, 2147483647),
                     help="Number of objects to skip at the start.")
    SkipLast = Parameter(int, sets={"SkipLastParameter": {}}, validate_range=(0, 2147483647),
                         help="Number of objects to skip at the end.")
    Wait = Parameter(SwitchParameter, sets={"DefaultParameter": {}, "IndexParameter": {}},
                     help="Turns off the early stop of -First.")
    Index = Parameter("int[]", sets={"IndexParameter": {}}, help="Indexes of objects to keep.")
    SkipIndex = Parameter("int[]", sets={"IndexParameter": {}},
                          help="Indexes of objects to skip.")

    def begin(self):
        b = self.bound
        self._specs = cmdlet_specs(self, self.Property)
        self._exclude = [to_str(x) for x in as_list(self.ExcludeProperty)]
        self._first = self.First if "First" in b else None
        self._last = self.Last if "Last" in b else None
        self._skip = self.Skip or 0
        self._skip_last = self.SkipLast or 0
        self._index = set(as_list(self.Index)) if self.Index is not None else None
        self._skip_index = set(as_list(self.SkipIndex)) if self.SkipIndex is not None else None
        self._max_index = max(self._index) if self._index else None
        self._count = 0  # input objects seen
        self._emitted = 0
        self._buffer = []  # for -Last / -SkipLast / -Unique
        self._unique_seen = []
        self._buffered = self._last is not None or self._skip_last or self.Unique

    def process(self):
        obj = self.InputObject
        n = self._count
        self._count += 1
        if self._index is not None or self._skip_index is not None:
            if self._index is not None and n not in self._index:
                if self._max_index is not None and n > self._max_index and not self.Wait:
                    raise StopUpstream()
                return
            if self._skip_index is not None and n in self._skip_index:
                return
            self._produce(obj)
            return
        if self._last is not None or self._skip_last:
            self._buffer.append(obj)
            return
        if n < self._skip:
            return
        if self._first is not None and self._emitted >= self._first:
            if not self.Wait and not self.Unique:
                raise StopUpstream()
            return
        self._produce(obj)
        if self._first is not None and self._emitted >= self._first and not self.Wait \
                and not self.Unique:
            self._flush_unique()
            raise StopUpstream()

    def end(self):
        if self._last is not None or self._skip_last:
            items = self._buffer
            if self._skip_last:
                items = items[:len(items) - self._skip_last] if self._skip_last < len(items) \
                    else []
            else:
                if self._first is None and self._skip:
                    # with -Last, -Skip counts from the end
                    items = items[:max(len(items) - self._skip, 0)]
                elif self._skip:
                    items = items[self._skip:]
                if self._first is not None:
                    # -First and -Last together: both ends, without repeating an object
                    start_last = max(len(items) - self._last, self._first) if self._last else \
                        len(items)
                    items = items[:self._first] + items[start_last:]
                else:
                    items = items[len(items) - self._last:] if self._last else []
            for obj in items:
                self._produce(obj)
        self._flush_unique()

    # ---- producing one selected object
    def _produce(self, obj):
        results = self._select(obj)
        for r in results:
            if self.Unique:
                if not any(self._same(r, u) for u in self._unique_seen):
                    self._unique_seen.append(r)
                    self._emitted += 1
                continue
            self._emitted += 1
            self.write_object(r)

    def _flush_unique(self):
        if self.Unique and self._unique_seen:
            for u in self._unique_seen:
                self.write_object(u)
            self._unique_seen = []

    def _same(self, a, b):
        cs = not self.CaseInsensitive
        if isinstance(a, PSCustomObject) and isinstance(b, PSCustomObject):
            ia, ib = a.items(), b.items()
            if len(ia) != len(ib):
                return False
            return all(x[0].lower() == y[0].lower() and values_equal(x[1], y[1], cs)
                       for x, y in zip(ia, ib))
        if isinstance(a, str) and isinstance(b, str):
            return a == b if cs else a.casefold() == b.casefold()
        return values_equal(a, b, cs)

    def _select(self, obj):
        if not self._specs and not self.ExpandProperty:
            if self._exclude and obj is not None:
                return [self._project(obj, [PropertySpec("*", "*", wildcard=True)])]
            return [obj]
        projected = None
        if self._specs:
            projected = self._project(obj, self._specs)
        if self.ExpandProperty:
            return self._expand(obj, projected)
        return [projected]

    def _project(self, obj, specs):
        tn = type_names(obj)[0] if obj is not None else "System.Object"
        out = PSCustomObject(type_names=[f"Selected.{tn}",
                                         "System.Management.Automation.PSCustomObject",
                                         "System.Object"])
        for spec in specs:
            if spec.is_script or (spec.expression is not None and spec.name != spec.expression):
                name = spec.name if spec.name is not None else str(spec.expression)
                if self._excluded(name):
                    continue
                out.add(name, spec.evaluate(self.context, obj))
                continue
            for name in expand_spec_names(spec, obj):
                if self._excluded(name):
                    continue
                # the display name is the object's own spelling when it has the property
                real = next((n for n in prop_names(obj) if n.lower() == name.lower()), name) \
                    if obj is not None and not spec.wildcard else name
                if out.has(real):
                    continue
                out.add(real, get_prop(obj, real))
        return out

    def _excluded(self, name):
        from ._util import like
        return any(like(name, p) for p in self._exclude)

    def _expand(self, obj, projected):
        name = self.ExpandProperty
        if obj is None or not has_prop(obj, name):
            self.write_error(ps_error(PSArgumentException,
                                      f'Property "{name}" cannot be found.',
                                      "ExpandPropertyNotFound", "InvalidArgument", obj))
            return []
        value = get_prop(obj, name)
        items = enumerate_value(value)
        if items is None:
            items = [] if value is None else [value]
        results = []
        for item in items:
            if projected is not None and isinstance(item, PSCustomObject):
                for k, v in projected.items():
                    if item.has(k):
                        self.write_error(ps_error(
                            PSInvalidOperationException,
                            f'The property cannot be processed because the property "{k}" '
                            f'already exists.', "AlreadyExistingUserSpecifiedPropertyExpand",
                            "InvalidOperation", item))
                        continue
                    item.add(k, v)
            results.append(item)
        return results


# ---------------------------------------------------------------------------------- Sort
def _sort_keys(cmdlet, specs, obj):
    if not specs:
        return [obj]
    keys = []
    for spec in specs:
        if spec.wildcard:
            names = expand_spec_names(spec, obj)
            keys.append(get_prop(obj, names[0]) if names else None)
        else:
            keys.append(spec.evaluate(cmdlet.context, obj))
    return keys




def sort_objects(cmdlet, objects, specs, descending=False, case_sensitive=False):
    """Returns objects sorted by the specs (stable), honouring per-spec Ascending/Descending."""
    keyed = [(_sort_keys(cmdlet, specs, o), i, o) for i, o in enumerate(objects)]
    directions = []
    n = max((len(k) for k, _, _ in keyed), default=0)
    for idx in range(n):
        spec = specs[idx] if idx < len(specs) else None
        d = descending
        if spec is not None and spec.descending is not None:
            d = spec.descending
        elif spec is not None and spec.ascending is not None:
            d = not spec.ascending
        directions.append(d)

    def cmp(x, y):
        for idx, (a, b) in enumerate(zip(x[0], y[0])):
            c = compare_values(a, b, case_sensitive)
            if c:
                return -c if directions[idx] else c
        return x[1] - y[1]  # stability: input order decides ties

    keyed.sort(key=functools.cmp_to_key(cmp))
    return keyed


class SortObject(Cmdlet):
    name = "Sort-Object"
    implementing_type = "Microsoft.PowerShell.Commands.SortObjectCommand"
    default_parameter_set = "Default"
    help = Help(
        synopsis="Sorts objects by property values.",
        description="Collects all input and writes it back sorted: by the objects themselves, "
                    "or by one or more properties, script blocks, or hashtables "
                    "@{Expression=...; Descending=$true}. Strings compare case-insensitively "
                    "unless -CaseSensitive; numbers compare numerically. The sort is stable. "
                    "-Unique drops duplicates; -Top and -Bottom keep the first or last N.",
        examples=[Example("3,1,2 | Sort-Object", "Returns 1, 2, 3."),
                  Example("Get-ChildItem | Sort-Object Length -Descending",
                          "Largest files first."),
                  Example("$p | Sort-Object @{E='Dept'}, @{E='Salary'; Descending=$true}",
                          "By department, then by salary descending.")])
    Stable = Parameter(SwitchParameter, sets={"Default": {}},
                       help="Keeps the input order of equal objects.")
    Descending = Parameter(SwitchParameter, help="Sorts in descending order.")
    Unique = Parameter(SwitchParameter, help="Drops duplicates.")
    Top = Parameter(int, sets={"Top": {"mandatory": True}}, validate_range=(1, 2147483647),
                    help="Number of objects to get from the start of the sorted list.")
    Bottom = Parameter(int, sets={"Bottom": {"mandatory": True}},
                       validate_range=(1, 2147483647),
                       help="Number of objects to get from the end of the sorted list.")
    InputObject = Parameter(object, pipeline=True, allow_null=True, help="The objects to sort.")
    Property = Parameter("object[]", position=0, help="The sort keys.")
    Culture = Parameter(str, help="The culture for string comparison.")
    CaseSensitive = Parameter(SwitchParameter, help="Compares strings case-sensitively.")

    def begin(self):
        self._items = []

    def process(self):
        if "InputObject" in self.bound or self.InputObject is not None:
            self._items.append(self.InputObject)

    def end(self):
        specs = cmdlet_specs(self, self.Property, ("Expression", "Ascending", "Descending"),
                             "Sort-Object")
        cs = bool(self.CaseSensitive)
        keyed = sort_objects(self, self._items, specs, bool(self.Descending), cs)
        if self.Unique:
            unique = []
            for entry in keyed:
                if unique and all(values_equal(a, b, cs) if not isinstance(a, PSCustomObject)
                                  else compare_values(a, b, cs) == 0
                                  for a, b in zip(entry[0], unique[-1][0])):
                    continue
                unique.append(entry)
            keyed = unique
        result = [o for _, _, o in keyed]
        if self.parameter_set_name == "Top":
            result = result[:self.Top]
        elif self.parameter_set_name == "Bottom":
            result = result[-self.Bottom:] if self.Bottom else []
        for o in result:
            self.write_object(o)


# ---------------------------------------------------------------------------------- Group
class GroupInfo:
    __ps_type__ = "Microsoft.PowerShell.Commands.GroupInfo"
    __ps_default_display__ = ("Count", "Name", "Group")
    __ps_view__ = "table"
    __ps_table_columns__ = [("Count", "Count", 5, "right"), ("Name", "Name", 25, "left"),
                            ("Group", "Group", None, "left")]

    def __init__(self, name, values, group):
        self.Name = name
        self.Values = values
        self.Group = group

    @property
    def Count(self):
        return len(self.Group)

    def __repr__(self):
        return f"GroupInfo(Name={self.Name!r}, Count={self.Count})"


class GroupInfoNoElement(GroupInfo):
    __ps_type__ = "Microsoft.PowerShell.Commands.GroupInfoNoElement"
    __ps_type_names__ = ("Microsoft.PowerShell.Commands.GroupInfoNoElement",
                         "Microsoft.PowerShell.Commands.GroupInfo", "System.Object")
    __ps_default_display__ = ("Count", "Name")
    __ps_table_columns__ = [("Count", "Count", 5, "right"), ("Name", "Name", 25, "left")]

    def __init__(self, name, values, count):
        super().__init__(name, values, [])
        self._count = count

    @property
    def Count(self):
        return self._count


class GroupObject(Cmdlet):
    name = "Group-Object"
    implementing_type = "Microsoft.PowerShell.Commands.GroupObjectCommand"
    default_parameter_set = "Default"
    help = Help(
        synopsis="Groups objects that have the same value for the given properties.",
        description="Writes one GroupInfo per distinct value (Count, Name, Group, Values), in "
                    "ascending order of the group keys. -NoElement leaves out the members, "
                    "-AsHashTable returns a hashtable keyed by the value (-AsString makes the "
                    "keys strings). String values group case-insensitively unless "
                    "-CaseSensitive.",
        examples=[Example("Get-ChildItem | Group-Object Extension",
                          "Files grouped by extension."),
                  Example("1..10 | Group-Object { $_ % 2 } -NoElement",
                          "Counts of even and odd numbers."),
                  Example("$h = $items | Group-Object Type -AsHashTable -AsString",
                          "A hashtable of type name to items.")])
    NoElement = Parameter(SwitchParameter, help="Omits the members of each group.")
    AsHashTable = Parameter(SwitchParameter, sets={"HashTable": {"mandatory": True}},
                            aliases=("AHT",), help="Returns a hashtable.")
    AsString = Parameter(SwitchParameter, sets={"HashTable": {}},
                         help="Uses strings as the hashtable keys.")
    InputObject = Parameter(object, pipeline=True, allow_null=True, help="The objects to group.")
    Property = Parameter("object[]", position=0, help="The properties to group by.")
    Culture = Parameter(str, help="The culture for string comparison.")
    CaseSensitive = Parameter(SwitchParameter, help="Groups strings case-sensitively.")

    def begin(self):
        self._specs = cmdlet_specs(self, self.Property, ("Expression",), "Group-Object")
        self._groups = []  # [keys, name, members]

    def process(self):
        if "InputObject" not in self.bound and self.InputObject is None:
            return
        obj = self.InputObject
        cs = bool(self.CaseSensitive)
        if self._specs:
            keys = []
            for spec in self._specs:
                if spec.wildcard:
                    names = expand_spec_names(spec, obj)
                    keys.append(get_prop(obj, names[0]) if names else None)
                else:
                    keys.append(spec.evaluate(self.context, obj))
        else:
            keys = [obj]
        for g in self._groups:
            if len(g[0]) == len(keys) and all(self._key_equal(a, b, cs)
                                              for a, b in zip(g[0], keys)):
                g[2].append(obj)
                return
        self._groups.append([keys, ", ".join(_key_text(k) for k in keys), [obj]])

    @staticmethod
    def _key_equal(a, b, cs):
        if isinstance(a, str) or isinstance(b, str):
            sa, sb = _key_text(a), _key_text(b)
            return sa == sb if cs else sa.casefold() == sb.casefold()
        return values_equal(a, b, cs)

    def end(self):
        cs = bool(self.CaseSensitive)
        groups = self._groups

        def cmp(x, y):
            for a, b in zip(x[0], y[0]):
                c = compare_values(a, b, cs)
                if c:
                    return c
            return 0
        groups = sorted(groups, key=functools.cmp_to_key(cmp))
        if self.AsHashTable:
            table = Hashtable()
            for keys, name, members in groups:
                if self.AsString:
                    key = name
                elif len(keys) == 1:
                    key = keys[0]
                else:
                    key = PSCustomObjectKey(keys, name)
                if key is None:
                    key = ""  # hashtables cannot hold a $null key; PowerShell uses ''
                table[key] = members if len(members) != 1 or True else members[0]
            self.write_object(table)
            return
        for keys, name, members in groups:
            if self.NoElement:
                self.write_object(GroupInfoNoElement(name, list(keys), len(members)))
            else:
                self.write_object(GroupInfo(name, list(keys), list(members)))


class PSCustomObjectKey(tuple):
    """The key Group-Object -AsHashTable uses for several properties (an array of values)."""

    def __new__(cls, keys, name):
        t = super().__new__(cls, keys)
        t._name = name
        return t

    def __str__(self):
        return " ".join(_key_text(k) for k in self)


def _key_text(v):
    if v is None:
        return ""
    items = enumerate_value(v) if not isinstance(v, str) else None
    if items is not None:
        return ", ".join(_key_text(i) for i in items)
    return to_str(v)


# ---------------------------------------------------------------------------------- Measure
class GenericMeasureInfo:
    __ps_type__ = "Microsoft.PowerShell.Commands.GenericMeasureInfo"
    __ps_type_names__ = ("Microsoft.PowerShell.Commands.GenericMeasureInfo",
                         "Microsoft.PowerShell.Commands.MeasureInfo", "System.Object")
    __ps_default_display__ = ("Count", "Average", "Sum", "Maximum", "Minimum",
                              "StandardDeviation", "Property")

    def __init__(self):
        self.Count = 0
        self.Average = None
        self.Sum = None
        self.Maximum = None
        self.Minimum = None
        self.StandardDeviation = None
        self.Property = None


class TextMeasureInfo:
    __ps_type__ = "Microsoft.PowerShell.Commands.TextMeasureInfo"
    __ps_type_names__ = ("Microsoft.PowerShell.Commands.TextMeasureInfo",
                         "Microsoft.PowerShell.Commands.MeasureInfo", "System.Object")
    __ps_default_display__ = ("Lines", "Words", "Characters", "Property")

    def __init__(self):
        self.Lines = None
        self.Words = None
        self.Characters = None
        self.Property = None


class _Stats:
    def __init__(self):
        self.count = 0
        self.numbers = []
        self.max = None
        self.min = None
        self.non_numeric = False
        self.lines = self.words = self.chars = 0


def _as_number(v):
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(convert(v, "double"))
    except Exception:
        return None


class MeasureObject(Cmdlet):
    name = "Measure-Object"
    implementing_type = "Microsoft.PowerShell.Commands.MeasureObjectCommand"
    default_parameter_set = "GenericMeasure"
    help = Help(
        synopsis="Counts objects and computes sums, averages, extremes; or counts text.",
        description="Without switches it counts the input objects. -Sum, -Average, -Maximum, "
                    "-Minimum and -StandardDeviation (or -AllStats) compute statistics of the "
                    "objects or of the given properties (one result per property). -Line, -Word "
                    "and -Character count the text of strings.",
        examples=[Example("1..10 | Measure-Object -Sum -Average",
                          "Count 10, Sum 55, Average 5.5."),
                  Example("Get-ChildItem | Measure-Object Length -Maximum",
                          "The size of the largest file."),
                  Example("Get-Content notes.txt | Measure-Object -Line -Word",
                          "Lines and words in a file.")])
    InputObject = Parameter(object, pipeline=True, allow_null=True,
                            help="The objects to measure.")
    Property = Parameter("object[]", position=0, help="The properties to measure.")
    StandardDeviation = Parameter(SwitchParameter, sets={"GenericMeasure": {}},
                                  help="Computes the standard deviation.")
    Sum = Parameter(SwitchParameter, sets={"GenericMeasure": {}}, help="Computes the sum.")
    AllStats = Parameter(SwitchParameter, sets={"GenericMeasure": {}},
                         help="Computes all statistics.")
    Average = Parameter(SwitchParameter, sets={"GenericMeasure": {}},
                        help="Computes the average.")
    Maximum = Parameter(SwitchParameter, sets={"GenericMeasure": {}},
                        help="Finds the maximum.")
    Minimum = Parameter(SwitchParameter, sets={"GenericMeasure": {}},
                        help="Finds the minimum.")
    Line = Parameter(SwitchParameter, sets={"TextMeasure": {}}, help="Counts lines.")
    Word = Parameter(SwitchParameter, sets={"TextMeasure": {}}, help="Counts words.")
    Character = Parameter(SwitchParameter, sets={"TextMeasure": {}}, help="Counts characters.")
    IgnoreWhiteSpace = Parameter(SwitchParameter, sets={"TextMeasure": {}},
                                 help="Does not count white space as characters.")

    def begin(self):
        self._specs = cmdlet_specs(self, self.Property, ("Expression", "Name", "Label"),
                                   "Measure-Object")
        self._stats = {}  # label -> _Stats
        self._order = []
        self._count = 0
        self._text = self.parameter_set_name == "TextMeasure"
        self._want_numbers = bool(self.Sum or self.Average or self.StandardDeviation
                                  or self.AllStats)
        self._want_extremes = bool(self.Maximum or self.Minimum or self.AllStats)

    def _stat(self, label):
        if label not in self._stats:
            self._stats[label] = _Stats()
            self._order.append(label)
        return self._stats[label]

    def process(self):
        obj = self.InputObject
        if obj is None and "InputObject" not in self.bound:
            return
        self._count += 1
        if not self._specs:
            if obj is None and not self._text:
                return
            self._add(self._stat(None), obj)
            return
        for spec in self._specs:
            if spec.is_script:
                self._add(self._stat(spec.label), spec.evaluate(self.context, obj))
                continue
            names = expand_spec_names(spec, obj) if spec.wildcard else [spec.name]
            for n in names:
                if obj is not None and has_prop(obj, n):
                    self._add(self._stat(n), get_prop(obj, n))
                else:
                    self._stat(n)  # remember the name for the not-found error

    def stream(self, emit):
        if self._specs:
            return None
        st = self._stat(None)
        add = self._add
        text = self._text
        numbers_only = self._want_numbers and not self._want_extremes and not text
        append = st.numbers.append

        def measure(obj):
            self._count += 1
            cls = obj.__class__
            if numbers_only and (cls is int or cls is float):
                # what _add does for a plain number when no extremes are wanted
                st.count += 1
                append(float(obj))
            elif obj is not None or text:
                add(st, obj)
        return measure

    def _add(self, st, value):
        if self._text:
            text = to_str(value)
            st.count += 1
            if self.Line:
                st.lines += len([ln for ln in text.splitlines() if ln.strip() != ""]) \
                    if self.IgnoreWhiteSpace else len(text.splitlines())
            st.words += len(text.split())
            st.chars += len("".join(text.split())) if self.IgnoreWhiteSpace else len(text)
            return
        st.count += 1
        want_numbers, want_extremes = self._want_numbers, self._want_extremes
        if not (want_numbers or want_extremes):
            return
        cls = value.__class__
        num = float(value) if cls is int or cls is float else (
            _as_number(value) if value is not None else None)
        if num is not None:
            st.numbers.append(num)
        elif want_numbers and value is not None:
            self.write_error(ps_error(
                PSInvalidOperationException,
                f'Input object "{to_str(value)}" is not numeric.', "NonNumericInputObject",
                "InvalidType", value))
            return
        if want_extremes and value is not None:
            key = num if num is not None else value
            if num is None:
                st.non_numeric = True
            if st.max is None or compare_values(key, st.max) > 0:
                st.max = key
            if st.min is None or compare_values(key, st.min) < 0:
                st.min = key

    def end(self):
        labels = self._order or ([None] if not self._specs else [])
        if not self._order and not self._specs:
            labels = [None]
        for label in labels:
            st = self._stats.get(label) or _Stats()
            if label is not None and st.count == 0 and self._specs:
                self.write_error(ps_error(
                    PSArgumentException,
                    f'The property "{label}" cannot be found in the input for any objects.',
                    "GenericMeasurePropertyNotFound", "InvalidArgument", None))
                continue
            if self._text:
                info = TextMeasureInfo()
                if self.Line:
                    info.Lines = st.lines
                if self.Word:
                    info.Words = st.words
                if self.Character:
                    info.Characters = st.chars
                info.Property = label
                self.write_object(info)
                continue
            info = GenericMeasureInfo()
            info.Count = st.count
            info.Property = label
            nums = st.numbers
            if self.Sum or self.AllStats:
                info.Sum = _clean(sum(nums))
            if self.Average or self.AllStats:
                info.Average = _clean(sum(nums) / len(nums)) if nums else None
            if self.StandardDeviation or self.AllStats:
                if len(nums) > 1:
                    mean = sum(nums) / len(nums)
                    var = sum((x - mean) ** 2 for x in nums) / (len(nums) - 1)
                    info.StandardDeviation = math.sqrt(var)
                else:
                    info.StandardDeviation = 0.0 if nums else None
            if self.Maximum or self.AllStats:
                info.Maximum = st.max
            if self.Minimum or self.AllStats:
                info.Minimum = st.min
            self.write_object(info)


def _clean(v):
    return float(v)


# ---------------------------------------------------------------------------------- Compare
class CompareObject(Cmdlet):
    name = "Compare-Object"
    implementing_type = "Microsoft.PowerShell.Commands.CompareObjectCommand"
    help = Help(
        synopsis="Compares two sets of objects.",
        description="Reports the objects that appear in only one of the sets: SideIndicator "
                    "'<=' means only in the reference set, '=>' only in the difference set. "
                    "-IncludeEqual also reports matches ('=='); -ExcludeDifferent reports only "
                    "matches. -Property compares the given properties instead of the objects; "
                    "-PassThru returns the original objects with a SideIndicator property.",
        examples=[Example("Compare-Object (1,2,3) (2,3,4)", "4 => and 1 <=."),
                  Example("Compare-Object $old $new -Property Name -IncludeEqual",
                          "Compares by name, also listing the names in both.")])
    ReferenceObject = Parameter("psobject[]", mandatory=True, position=0, allow_empty=True,
                                help="The reference set.")
    DifferenceObject = Parameter("psobject[]", mandatory=True, position=1, pipeline=True,
                                 allow_empty=True, help="The set compared with the reference.")
    SyncWindow = Parameter(int, default=2147483647, validate_range=(0, 2147483647),
                           help="How far to look for a match around each object.")
    Property = Parameter("object[]", help="The properties to compare.")
    ExcludeDifferent = Parameter(SwitchParameter, help="Only reports equal objects.")
    IncludeEqual = Parameter(SwitchParameter, help="Also reports equal objects.")
    PassThru = Parameter(SwitchParameter, help="Returns the input objects themselves.")
    Culture = Parameter(str, help="The culture for string comparison.")
    CaseSensitive = Parameter(SwitchParameter, help="Compares strings case-sensitively.")

    def begin(self):
        self._specs = cmdlet_specs(self, self.Property, ("Expression",), "Compare-Object")
        self._refs = as_list(self.ReferenceObject)
        self._ref_index = 0
        self._ref_backlog = []
        self._diff_backlog = []
        self._include_equal = bool(self.IncludeEqual) or bool(self.ExcludeDifferent)

    def _keys(self, obj):
        if not self._specs:
            return [obj]
        return [spec.evaluate(self.context, obj) if spec.is_script
                else get_prop(obj, spec.name) for spec in self._specs]

    def _equal(self, a, b):
        cs = bool(self.CaseSensitive)
        return all(compare_values(x, y, cs) == 0 for x, y in zip(a[0], b[0]))

    def _match_remove(self, entry, backlog):
        for i, other in enumerate(backlog):
            if self._equal(entry, other):
                return backlog.pop(i)
        return None

    def process(self):
        for diff in as_list(self.DifferenceObject):
            self._step((self._keys(diff), diff))

    def _step(self, diff_entry):
        ref_entry = None
        if self._ref_index < len(self._refs):
            r = self._refs[self._ref_index]
            self._ref_index += 1
            ref_entry = (self._keys(r), r)
        if ref_entry is not None and self._equal(ref_entry, diff_entry):
            self._emit(ref_entry, "==")
            return
        matched = self._match_remove(diff_entry, self._ref_backlog)
        if matched is not None:
            self._emit(matched, "==")
        else:
            self._diff_backlog.append(diff_entry)
        if ref_entry is not None:
            matched = self._match_remove(ref_entry, self._diff_backlog)
            if matched is not None:
                self._emit(ref_entry, "==")
            else:
                self._ref_backlog.append(ref_entry)
        self._trim()

    def _trim(self):
        window = self.SyncWindow
        while len(self._ref_backlog) > window:
            self._emit(self._ref_backlog.pop(0), "<=")
        while len(self._diff_backlog) > window:
            self._emit(self._diff_backlog.pop(0), "=>")

    def end(self):
        while self._ref_index < len(self._refs):
            r = self._refs[self._ref_index]
            self._ref_index += 1
            entry = (self._keys(r), r)
            matched = self._match_remove(entry, self._diff_backlog)
            if matched is not None:
                self._emit(entry, "==")
            else:
                self._ref_backlog.append(entry)
        for entry in self._diff_backlog:
            self._emit(entry, "=>")
        for entry in self._ref_backlog:
            self._emit(entry, "<=")

    def _emit(self, entry, side):
        if side == "==" and not self._include_equal:
            return
        if side != "==" and self.ExcludeDifferent:
            return
        keys, obj = entry
        if self.PassThru:
            if isinstance(obj, PSCustomObject):
                obj.set("SideIndicator", side)
            self.write_object(obj)
            return
        if self._specs:
            pairs = [(spec.label, k) for spec, k in zip(self._specs, keys)]
        else:
            pairs = [("InputObject", obj)]
        pairs.append(("SideIndicator", side))
        self.write_object(new_custom_object(pairs))
