"""Arrays and collections: Object[] / T[] (Python lists), ArrayList, List[T], Dictionary[K,V],
HashSet[T], Queue[T], Stack[T], Hashtable members, StringDictionary, DictionaryEntry."""
from __future__ import annotations

import functools
from collections.abc import MutableMapping

from spshell.runtime import errors as E
from spshell.runtime.dotnet.arrays import TypedArray  # noqa: F401 (its home before arrays.py)
from spshell.runtime.dotnet.base import sig, prop
from spshell.runtime.dotnet.common import ObjectAdapter, dotnet_equals, to_string


def _convert(v, t):
    if t is None:
        return v
    from spshell.runtime.conversion import convert_to
    return convert_to(v, t)


def _types():
    from spshell.runtime import types
    return types


def _index_error(param="index"):
    return E.ArgumentOutOfRangeException(
        f"Index was out of range. Must be non-negative and less than the size of the collection."
        f" (Parameter '{param}')")


def _fixed_size():
    return E.NotSupportedException("Collection was of a fixed size.")


def default_compare(a, b):
    """Comparer.Default: numbers numerically, strings culture-like, else IComparable."""
    from spshell.runtime.dotnet.strings import culture_compare
    if a is None or b is None:
        return 0 if a is b else (-1 if a is None else 1)
    if isinstance(a, str) and isinstance(b, str):
        return culture_compare(a, b)
    try:
        return (a > b) - (a < b)
    except TypeError:
        raise E.InvalidOperationException("Failed to compare two elements in the array.")


def _sort_key():
    return functools.cmp_to_key(default_compare)


def _index_of(seq, value, start=0, count=None):
    end = len(seq) if count is None else start + count
    for i in range(start, end):
        if dotnet_equals(seq[i], value) or (seq[i] is None and value is None):
            return i
    return -1


def _run(block, *args):
    """Call a script block used as a .NET delegate (Predicate, Comparison, Action)."""
    return _types()._run_script(block, None, list(args))


def _truthy(v):
    from spshell.runtime.conversion import to_bool
    return to_bool(v)


class Enumerator:
    """IEnumerator over a snapshot: MoveNext / Current / Reset."""

    __ps_type__ = "System.Collections.IEnumerator"
    __ps_enumerable__ = True

    def __init__(self, items):
        self._items = list(items)
        self._i = -1

    def MoveNext(self):
        self._i += 1
        return self._i < len(self._items)

    @property
    def Current(self):
        if 0 <= self._i < len(self._items):
            return self._items[self._i]
        return None

    def Reset(self):
        self._i = -1

    def __iter__(self):
        return iter(self._items[self._i + 1:])


# ---- arrays ----------------------------------------------------------------------------------


def default_value(t):
    """The default of a .NET type: null for reference types, zero/False/'\\0' for values."""
    if t is None or not t.value_type:
        return None
    cls = t.cls
    name = t.full_name
    if name == "System.Boolean":
        return False
    if name == "System.Char":
        return cls("\0")
    if name in ("System.DateTime",):
        import datetime
        return datetime.datetime(1, 1, 1)
    if name == "System.TimeSpan":
        import datetime
        return datetime.timedelta(0)
    if name == "System.Guid":
        import uuid
        return uuid.UUID(int=0)
    if cls is not None:
        try:
            return cls(0)
        except Exception:  # noqa: BLE001 - a value type without a zero constructor
            return None
    return None


class ArrayAdapter(ObjectAdapter):
    """Members of System.Array (Object[] and T[]); lists and tuples."""

    __ps_collection__ = True

    @prop("int")
    def Count(a):
        return len(a)

    @prop("int")
    def Length(a):
        return len(a)

    @prop("long")
    def LongLength(a):
        return len(a)

    @prop("int")
    def Rank(a):
        return 1

    @prop("bool")
    def IsFixedSize(a):
        return True

    @prop("bool")
    def IsReadOnly(a):
        return False

    @prop("bool")
    def IsSynchronized(a):
        return False

    @prop("System.Object")
    def SyncRoot(a):
        return a

    @sig("int Add(System.Object value)")
    def Add(a, value):
        raise _fixed_size()

    @sig("void Insert(int index, System.Object value)")
    def Insert(a, index, value):
        raise _fixed_size()

    @sig("void Remove(System.Object value)")
    def Remove(a, value):
        raise _fixed_size()

    @sig("void RemoveAt(int index)")
    def RemoveAt(a, index):
        raise _fixed_size()

    @sig("void Clear()")
    def Clear(a):
        d = default_value(getattr(a, "element_type", None))
        for i in range(len(a)):
            a[i] = d

    @sig("bool Contains(System.Object value)")
    def Contains(a, value):
        return _index_of(a, value) >= 0

    @sig("int IndexOf(System.Object value)")
    def IndexOf(a, value):
        return _index_of(a, value)

    @sig("System.Object Clone()")
    def Clone(a):
        return type(a)(a) if not isinstance(a, tuple) else list(a)

    @sig("void CopyTo(array array, int index)")
    def CopyTo(a, dest, index):
        if index < 0 or index + len(a) > len(dest):
            raise E.ArgumentException("Destination array was not long enough. Check the "
                                      "destination index, length, and the array's lower bounds."
                                      " (Parameter 'destinationArray')")
        for i, v in enumerate(a):
            dest[index + i] = v

    @sig("System.Object GetValue(int index)")
    def GetValue(a, index):
        if not 0 <= index < len(a):
            raise E.IndexOutOfRangeException()
        return a[index]

    @sig("void SetValue(System.Object value, int index)")
    def SetValue(a, value, index):
        if not 0 <= index < len(a):
            raise E.IndexOutOfRangeException()
        et = getattr(a, "element_type", None)
        a[index] = _convert(value, et) if et is not None else value

    @sig("int GetLength(int dimension)")
    def GetLength(a, dim):
        if dim != 0:
            raise E.IndexOutOfRangeException()
        return len(a)

    @sig("int GetUpperBound(int dimension)")
    def GetUpperBound(a, dim):
        return len(a) - 1

    @sig("int GetLowerBound(int dimension)")
    def GetLowerBound(a, dim):
        return 0

    @sig("System.Collections.IEnumerator GetEnumerator()")
    def GetEnumerator(a):
        return Enumerator(a)


class ArrayStatics:
    """[array]::... static methods."""

    @sig("static void Reverse(array array)", "static void Reverse(array array, int index, "
                                             "int length)")
    def Reverse(a, index=0, length=None):
        end = len(a) if length is None else index + length
        a[index:end] = a[index:end][::-1]

    @sig("static void Sort(array array)")
    def Sort(a):
        a.sort(key=_sort_key())

    @sig("static int IndexOf(array array, System.Object value)",
         "static int IndexOf(array array, System.Object value, int startIndex)")
    def IndexOf(a, value, start=0):
        return _index_of(a, value, start)

    @sig("static int LastIndexOf(array array, System.Object value)")
    def LastIndexOf(a, value):
        for i in range(len(a) - 1, -1, -1):
            if dotnet_equals(a[i], value):
                return i
        return -1

    @sig("static void Clear(array array)", "static void Clear(array array, int index, "
                                           "int length)")
    def Clear(a, index=0, length=None):
        d = default_value(getattr(a, "element_type", None))
        end = len(a) if length is None else index + length
        for i in range(index, end):
            a[i] = d

    @sig("static void Copy(array sourceArray, array destinationArray, int length)")
    def Copy(src, dst, length):
        for i in range(length):
            dst[i] = src[i]

    @sig("static array CreateInstance(type elementType, int length)")
    def CreateInstance(t, length):
        types = _types()
        t = types.resolve_type(t) if isinstance(t, str) else t
        at = types.array_type(t)
        return at.cls([default_value(t)] * length)

    @sig("static void Resize(ref array array, int newSize)")
    def Resize(ref, size):
        old = ref.Value or []
        et = getattr(old, "element_type", None)
        new = list(old[:size]) + [default_value(et)] * max(0, size - len(old))
        ref.Value = type(old)(new) if isinstance(old, list) else new

    @sig("static bool Exists(array array, System.Predicate match)")
    def Exists(a, pred):
        return any(_truthy(_run(pred, x)) for x in a)

    @sig("static System.Object Find(array array, System.Predicate match)")
    def Find(a, pred):
        for x in a:
            if _truthy(_run(pred, x)):
                return x
        return None

    @sig("static array FindAll(array array, System.Predicate match)")
    def FindAll(a, pred):
        return [x for x in a if _truthy(_run(pred, x))]

    @sig("static array Empty()")
    def Empty():
        return []


# ---- ArrayList and List[T] -----------------------------------------------------------------


class ArrayListAdapter(ObjectAdapter):
    """ArrayList and List[T] are lists in Python but have none of System.Array's members
    (no Length: `$list.Length` enumerates the elements' Length)."""

    __ps_exclusive__ = True


class ArrayList(list):
    """System.Collections.ArrayList: Add returns the new index (scripts [void] it)."""

    __ps_type__ = "System.Collections.ArrayList"
    _T = None  # element PSType for List[T]

    def __init__(self, items=()):
        if isinstance(items, int) and not isinstance(items, bool):
            items = ()  # new(capacity)
        if self._T is not None:
            items = [_convert(x, self._T) for x in items]
        list.__init__(self, items)

    @classmethod
    @sig("System.Collections.ArrayList new()", "System.Collections.ArrayList new(int capacity)",
         "System.Collections.ArrayList new(System.Collections.ICollection c)")
    def __ps_new__(cls, arg=None):
        if arg is None or (isinstance(arg, int) and not isinstance(arg, bool)):
            if isinstance(arg, int) and arg < 0:
                raise E.ArgumentOutOfRangeException(
                    "Non-negative number required. (Parameter 'capacity')")
            return cls()
        from spshell.runtime.conversion import enumerate_object
        it = enumerate_object(arg)
        return cls(list(it) if it is not None else [arg])

    def _c(self, v):
        return _convert(v, self._T) if self._T is not None else v

    def __setitem__(self, i, v):
        if self._T is not None and not isinstance(i, slice):
            v = self._c(v)
        list.__setitem__(self, i, v)

    @property
    def Count(self):
        return len(self)

    @property
    def Capacity(self):
        return max(4, len(self))

    @property
    def IsFixedSize(self):
        return False

    @property
    def IsReadOnly(self):
        return False

    @sig("int Add(System.Object value)")
    def Add(self, value):
        self.append(value)
        return len(self) - 1

    @sig("void AddRange(System.Collections.ICollection c)")
    def AddRange(self, items):
        if items is None:
            raise E.ArgumentNullException("Value cannot be null. (Parameter 'collection')")
        from spshell.runtime.conversion import enumerate_object
        it = enumerate_object(items)
        self.extend(self._c(x) for x in (it if it is not None else [items]))

    @sig("void Insert(int index, System.Object value)")
    def Insert(self, index, value):
        if not 0 <= index <= len(self):
            raise E.ArgumentOutOfRangeException(
                "Insertion index was out of range. Must be non-negative and less than or equal "
                "to size. (Parameter 'index')")
        self.insert(index, self._c(value))

    @sig("void InsertRange(int index, System.Collections.ICollection c)")
    def InsertRange(self, index, items):
        if not 0 <= index <= len(self):
            raise _index_error()
        self[index:index] = [self._c(x) for x in items]

    @sig("void Remove(System.Object obj)")
    def Remove(self, value):
        i = _index_of(self, value)
        if i >= 0:
            del self[i]
            return True
        return False

    @sig("void RemoveAt(int index)")
    def RemoveAt(self, index):
        if not 0 <= index < len(self):
            raise _index_error()
        del self[index]

    @sig("void RemoveRange(int index, int count)")
    def RemoveRange(self, index, count):
        if index < 0 or count < 0:
            raise E.ArgumentOutOfRangeException(
                "Non-negative number required. (Parameter 'index')")
        if index + count > len(self):
            raise E.ArgumentException("Offset and length were out of bounds for the array or "
                                      "count is greater than the number of elements from index "
                                      "to the end of the source collection.")
        del self[index:index + count]

    @sig("void Clear()")
    def Clear(self):
        del self[:]

    @sig("bool Contains(System.Object item)")
    def Contains(self, value):
        return _index_of(self, value) >= 0

    @sig("int IndexOf(System.Object value)", "int IndexOf(System.Object value, int startIndex)",
         "int IndexOf(System.Object value, int startIndex, int count)")
    def IndexOf(self, value, start=0, count=None):
        return _index_of(self, value, start, count)

    @sig("int LastIndexOf(System.Object value)")
    def LastIndexOf(self, value):
        for i in range(len(self) - 1, -1, -1):
            if dotnet_equals(self[i], value):
                return i
        return -1

    @sig("void Sort()", "void Sort(System.Collections.IComparer comparer)")
    def Sort(self, comparer=None):
        if comparer is not None and hasattr(comparer, "ast"):
            self.sort(key=functools.cmp_to_key(
                lambda a, b: int(_run(comparer, a, b) or 0)))
        else:
            self.sort(key=_sort_key())

    @sig("void Reverse()", "void Reverse(int index, int count)")
    def Reverse(self, index=0, count=None):
        end = len(self) if count is None else index + count
        self[index:end] = self[index:end][::-1]

    @sig("System.Object[] ToArray()")
    def ToArray(self):
        if self._T is not None:
            return _types().array_type(self._T).cls(self)
        return list(self)

    @sig("System.Collections.ArrayList GetRange(int index, int count)")
    def GetRange(self, index, count):
        if index < 0 or count < 0 or index + count > len(self):
            raise E.ArgumentException("Offset and length were out of bounds for the array or "
                                      "count is greater than the number of elements from index "
                                      "to the end of the source collection.")
        return type(self)(self[index:index + count])

    @sig("System.Object Clone()")
    def Clone(self):
        return type(self)(self)

    @sig("System.Collections.IEnumerator GetEnumerator()")
    def GetEnumerator(self):
        return Enumerator(self)

    def __repr__(self):
        return f"{type(self).__name__}({list.__repr__(self)})"


class GenericList(ArrayList):
    """System.Collections.Generic.List[T]; each constructed type is a subclass knowing T."""

    __ps_type__ = "System.Collections.Generic.List`1"
    __ps_interfaces__ = ("System.Collections.Generic.IList`1", "System.Collections.IList",
                         "System.Collections.ICollection", "System.Collections.IEnumerable")
    _cache: dict = {}

    @classmethod
    def construct(cls, args):
        (t,) = args
        key = t.full_name
        sub = GenericList._cache.get(key)
        if sub is None:
            sub = type(f"List[{t.Name}]", (GenericList,), {"_T": t if t.full_name not in (
                "System.Object", "System.Management.Automation.PSObject") else None,
                "_targ": t})
            GenericList._cache[key] = sub
        return sub

    @classmethod
    def __ps_convert__(cls, value):
        from spshell.runtime.conversion import enumerate_object
        if value is None:
            return None
        if isinstance(value, cls):
            return value
        it = enumerate_object(value)
        return cls(list(it) if it is not None else [value])

    @classmethod
    @sig("List new()", "List new(int capacity)", "List new(System.Collections.IEnumerable "
                                                   "collection)")
    def __ps_new__(cls, arg=None):
        return ArrayList.__ps_new__.__func__(cls, arg)

    @sig("void Add(T item)")
    def Add(self, value):
        self.append(self._c(value))

    @sig("bool Remove(T item)")
    def Remove(self, value):
        return ArrayList.Remove(self, self._c(value) if value is not None else None)

    @sig("bool Contains(T item)")
    def Contains(self, value):
        try:
            value = self._c(value)
        except E.DotNetException:
            return False
        return _index_of(self, value) >= 0

    @sig("int IndexOf(T item)", "int IndexOf(T item, int index)")
    def IndexOf(self, value, start=0):
        try:
            value = self._c(value)
        except E.DotNetException:
            return -1
        return _index_of(self, value, start)

    @sig("int RemoveAll(System.Predicate[T] match)")
    def RemoveAll(self, pred):
        keep = [x for x in self if not _truthy(_run(pred, x))]
        n = len(self) - len(keep)
        self[:] = keep
        return n

    @sig("T Find(System.Predicate[T] match)")
    def Find(self, pred):
        for x in self:
            if _truthy(_run(pred, x)):
                return x
        return None

    @sig("List[T] FindAll(System.Predicate[T] match)")
    def FindAll(self, pred):
        return type(self)([x for x in self if _truthy(_run(pred, x))])

    @sig("int FindIndex(System.Predicate[T] match)")
    def FindIndex(self, pred):
        for i, x in enumerate(self):
            if _truthy(_run(pred, x)):
                return i
        return -1

    @sig("bool Exists(System.Predicate[T] match)")
    def Exists(self, pred):
        return any(_truthy(_run(pred, x)) for x in self)

    @sig("bool TrueForAll(System.Predicate[T] match)")
    def TrueForAll(self, pred):
        return all(_truthy(_run(pred, x)) for x in self)


# ---- dictionaries --------------------------------------------------------------------------


class DictionaryEntry:
    """System.Collections.DictionaryEntry (what a hashtable enumerates to)."""

    __ps_type__ = "System.Collections.DictionaryEntry"
    __ps_default_display__ = ("Name", "Value")
    __slots__ = ("Key", "Value")

    def __init__(self, key=None, value=None):
        self.Key = key
        self.Value = value

    @property
    def Name(self):  # PowerShell's alias property for Key
        return self.Key

    def ToString(self):
        return "System.Collections.DictionaryEntry"

    def __repr__(self):
        return f"DictionaryEntry({self.Key!r}, {self.Value!r})"


class KeyValuePair:
    """System.Collections.Generic.KeyValuePair[K,V]."""

    __ps_type__ = "System.Collections.Generic.KeyValuePair`2"
    __ps_default_display__ = ("Key", "Value")
    __slots__ = ("Key", "Value")

    def __init__(self, key, value):
        self.Key = key
        self.Value = value

    def ToString(self):
        return f"[{to_string(self.Key)}, {to_string(self.Value)}]"

    def __repr__(self):
        return f"KeyValuePair({self.Key!r}, {self.Value!r})"


def _dup_hashtable(existing, key):
    return E.ArgumentException(f"Item has already been added. Key in dictionary: "
                               f"'{to_string(existing)}'  Key being added: '{to_string(key)}'")


def _null_key():
    return E.ArgumentNullException("Value cannot be null. (Parameter 'key')")


class HashtableAdapter(ObjectAdapter):
    """System.Collections.Hashtable / OrderedDictionary members over objects.Hashtable."""

    __ps_dictionary__ = True

    @prop("System.Collections.ICollection")
    def Keys(h):
        return list(h.keys())

    @prop("System.Collections.ICollection")
    def Values(h):
        return list(h.values())

    @prop("int")
    def Count(h):
        return len(h)

    @prop("bool")
    def IsReadOnly(h):
        return False

    @prop("bool")
    def IsFixedSize(h):
        return False

    @prop("bool")
    def IsSynchronized(h):
        return False

    @prop("System.Object")
    def SyncRoot(h):
        return h

    @sig("void Add(System.Object key, System.Object value)")
    def Add(h, key, value):
        if key is None:
            raise _null_key()
        if key in h:
            existing = next(k for k in h.keys() if _same_key(h, k, key))
            raise _dup_hashtable(existing, key)
        h[key] = value

    @sig("void Remove(System.Object key)")
    def Remove(h, key):
        if key is None:
            raise _null_key()
        if key in h:
            del h[key]

    @sig("void Clear()")
    def Clear(h):
        h.clear()

    @sig("bool ContainsKey(System.Object key)")
    def ContainsKey(h, key):
        if key is None:
            raise _null_key()
        return key in h

    @sig("bool Contains(System.Object key)")
    def Contains(h, key):
        if key is None:
            raise _null_key()
        return key in h

    @sig("bool ContainsValue(System.Object value)")
    def ContainsValue(h, value):
        return any(dotnet_equals(v, value) or (v is None and value is None)
                   for v in h.values())

    @sig("System.Object Clone()")
    def Clone(h):
        return h.copy()

    @sig("System.Collections.IDictionaryEnumerator GetEnumerator()")
    def GetEnumerator(h):
        return Enumerator([DictionaryEntry(k, v) for k, v in h.items()])

    @sig("System.Object Item(System.Object key)")
    def Item(h, key):
        return h.get(key)

    @sig("void CopyTo(array array, int arrayIndex)")
    def CopyTo(h, dest, index):
        for i, (k, v) in enumerate(h.items()):
            dest[index + i] = DictionaryEntry(k, v)


def _same_key(h, a, b):
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return a == b


class OrderedDictionaryAdapter(HashtableAdapter):
    @sig("void Insert(int index, System.Object key, System.Object value)")
    def Insert(h, index, key, value):
        if key in h:
            raise E.ArgumentException("An item with the same key has already been added.")
        items = list(h.items())
        if not 0 <= index <= len(items):
            raise _index_error()
        items.insert(index, (key, value))
        h.clear()
        for k, v in items:
            h[k] = v

    @sig("void RemoveAt(int index)")
    def RemoveAt(h, index):
        keys = list(h.keys())
        if not 0 <= index < len(keys):
            raise _index_error()
        del h[keys[index]]

    @sig("System.Collections.Specialized.OrderedDictionary AsReadOnly()")
    def AsReadOnly(h):
        return h.copy()


class DictAdapter(HashtableAdapter):
    """A plain Python dict seen by scripts behaves like a (case-sensitive) hashtable."""


class GenericDictionary(MutableMapping):
    """System.Collections.Generic.Dictionary[K,V]: keys compared as .NET's default comparer
    does (ordinal, case-sensitive for strings); keys and values converted to K and V."""

    __ps_type__ = "System.Collections.Generic.Dictionary`2"
    __ps_dictionary__ = True
    __ps_interfaces__ = ("System.Collections.Generic.IDictionary`2",
                         "System.Collections.IDictionary", "System.Collections.ICollection",
                         "System.Collections.IEnumerable")
    _K = None
    _V = None
    _cache: dict = {}

    @classmethod
    def construct(cls, args):
        k, v = args
        key = (k.full_name, v.full_name)
        sub = GenericDictionary._cache.get(key)
        if sub is None:
            obj = ("System.Object", "System.Management.Automation.PSObject")
            sub = type(f"Dictionary[{k.Name},{v.Name}]", (GenericDictionary,),
                       {"_K": k if k.full_name not in obj else None,
                        "_V": v if v.full_name not in obj else None})
            GenericDictionary._cache[key] = sub
        return sub

    def __init__(self, items=None):
        self._d = {}
        if items:
            for k, v in (items.items() if hasattr(items, "items") else items):
                self[k] = v

    @classmethod
    @sig("Dictionary new()", "Dictionary new(int capacity)",
         "Dictionary new(System.Collections.IDictionary dictionary)",
         "Dictionary new(System.Collections.IEqualityComparer comparer)")
    def __ps_new__(cls, arg=None):
        d = cls()
        if arg is None or isinstance(arg, int):
            return d
        if hasattr(arg, "items"):
            for k, v in arg.items():
                d[k] = v
            return d
        if isinstance(arg, str) and "ignorecase" in arg.lower() or \
                "ignorecase" in str(getattr(arg, "Name", "")).lower():
            d._ci = True
        return d

    _ci = False

    def _key(self, k):
        if k is None:
            raise _null_key()
        if self._K is not None:
            k = _convert(k, self._K)
        return k.lower() if self._ci and isinstance(k, str) else k

    def __getitem__(self, k):
        return self._d[self._key(k)][1]

    def __setitem__(self, k, v):
        kk = self._key(k)
        if self._V is not None:
            v = _convert(v, self._V)
        old = self._d.get(kk)
        self._d[kk] = (old[0] if old else (_convert(k, self._K) if self._K else k), v)

    def __delitem__(self, k):
        del self._d[self._key(k)]

    def __contains__(self, k):
        try:
            return self._key(k) in self._d
        except (E.DotNetException, TypeError):
            return False

    def __iter__(self):
        return (k for k, _ in self._d.values())

    def __len__(self):
        return len(self._d)

    def get(self, k, default=None):
        try:
            return self._d[self._key(k)][1]
        except (KeyError, TypeError, E.DotNetException):
            return default

    @property
    def Count(self):
        return len(self._d)

    @property
    def Keys(self):
        return [k for k, _ in self._d.values()]

    @property
    def Values(self):
        return [v for _, v in self._d.values()]

    @sig("void Add(TKey key, TValue value)")
    def Add(self, key, value):
        if key in self:
            raise E.ArgumentException(f"An item with the same key has already been added. Key: "
                                      f"{to_string(key)}")
        self[key] = value

    @sig("bool Remove(TKey key)")
    def Remove(self, key):
        kk = self._key(key)
        return self._d.pop(kk, None) is not None

    @sig("bool ContainsKey(TKey key)")
    def ContainsKey(self, key):
        return self._key(key) in self._d

    @sig("bool ContainsValue(TValue value)")
    def ContainsValue(self, value):
        return any(dotnet_equals(v, value) or (v is None and value is None)
                   for _, v in self._d.values())

    @sig("bool TryGetValue(TKey key, ref TValue value)")
    def TryGetValue(self, key, ref):
        kk = self._key(key)
        if kk in self._d:
            ref.Value = self._d[kk][1]
            return True
        ref.Value = default_value(self._V)
        return False

    @sig("bool TryAdd(TKey key, TValue value)")
    def TryAdd(self, key, value):
        if key in self:
            return False
        self[key] = value
        return True

    @sig("void Clear()")
    def Clear(self):
        self._d.clear()

    @sig("System.Collections.Generic.Dictionary+Enumerator GetEnumerator()")
    def GetEnumerator(self):
        return Enumerator([KeyValuePair(k, v) for k, v in self._d.values()])

    def ToString(self):
        from spshell.runtime.types import type_name_of
        return type_name_of(self)

    def __repr__(self):
        return "Dictionary(" + ", ".join(f"{k!r}: {v!r}" for k, v in self._d.values()) + ")"


class StringDictionary(MutableMapping):
    """System.Collections.Specialized.StringDictionary: keys are case-insensitive and stored
    lower-cased (Keys enumerate lower case, as .NET does); values are strings."""

    __ps_type__ = "System.Collections.Specialized.StringDictionary"
    # not an IDictionary in .NET: pipelines unroll it into DictionaryEntry objects
    __ps_enumerable__ = True

    def __init__(self):
        self._d = {}

    def __ps_iter__(self):
        return iter(list(self.GetEnumerator()))

    @staticmethod
    def _k(key):
        if key is None:
            raise _null_key()
        return (key if isinstance(key, str) else to_string(key)).lower()

    @staticmethod
    def _v(value):
        if value is None or isinstance(value, str):
            return value
        return to_string(value)

    def __getitem__(self, key):
        return self._d[self._k(key)]

    def get(self, key, default=None):
        return self._d.get(self._k(key), default)

    def __setitem__(self, key, value):
        self._d[self._k(key)] = self._v(value)

    def __delitem__(self, key):
        del self._d[self._k(key)]

    def __contains__(self, key):
        return key is not None and self._k(key) in self._d

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)

    @property
    def Count(self):
        return len(self._d)

    @property
    def Keys(self):
        return list(self._d)

    @property
    def Values(self):
        return list(self._d.values())

    @property
    def IsSynchronized(self):
        return False

    @sig("void Add(string key, string value)")
    def Add(self, key, value):
        k = self._k(key)
        if k in self._d:
            raise _dup_hashtable(k, k)
        self._d[k] = self._v(value)

    @sig("void Remove(string key)")
    def Remove(self, key):
        self._d.pop(self._k(key), None)

    @sig("bool ContainsKey(string key)")
    def ContainsKey(self, key):
        return self._k(key) in self._d

    @sig("bool ContainsValue(string value)")
    def ContainsValue(self, value):
        return value in self._d.values()

    @sig("void Clear()")
    def Clear(self):
        self._d.clear()

    @sig("string Item(string key)")
    def Item(self, key):
        return self._d.get(self._k(key))

    @sig("System.Collections.IEnumerator GetEnumerator()")
    def GetEnumerator(self):
        return Enumerator([DictionaryEntry(k, v) for k, v in self._d.items()])

    def ToString(self):
        return "System.Collections.Specialized.StringDictionary"

    def __repr__(self):
        return f"StringDictionary({self._d!r})"


# ---- HashSet / Queue / Stack ---------------------------------------------------------------


class _GenericCollection:
    __ps_collection__ = True
    _T = None
    _cache: dict = None

    @classmethod
    def construct(cls, args):
        (t,) = args
        cache = cls.__dict__.get("_cache_store")
        if cache is None:
            cache = {}
            setattr(cls, "_cache_store", cache)
        sub = cache.get(t.full_name)
        if sub is None:
            sub = type(f"{cls.__name__}[{t.Name}]", (cls,), {"_T": t if t.full_name not in (
                "System.Object", "System.Management.Automation.PSObject") else None})
            cache[t.full_name] = sub
        return sub

    def _c(self, v):
        return _convert(v, self._T) if self._T is not None else v

    @classmethod
    def __ps_convert__(cls, value):
        from spshell.runtime.conversion import enumerate_object
        if value is None:
            return None
        it = enumerate_object(value)
        obj = cls()
        for x in (it if it is not None else [value]):
            obj._add(x)
        return obj

    def __iter__(self):
        return iter(self._items())

    def __len__(self):
        return len(self._items())

    @property
    def Count(self):
        return len(self._items())

    @sig("bool Contains(T item)")
    def Contains(self, item):
        try:
            item = self._c(item)
        except E.DotNetException:
            return False
        return any(dotnet_equals(x, item) for x in self._items())

    @sig("T[] ToArray()")
    def ToArray(self):
        if self._T is not None:
            return _types().array_type(self._T).cls(self._items())
        return list(self._items())

    @sig("System.Collections.IEnumerator GetEnumerator()")
    def GetEnumerator(self):
        return Enumerator(self._items())


class GenericHashSet(_GenericCollection):
    """System.Collections.Generic.HashSet[T] (insertion ordered)."""

    __ps_type__ = "System.Collections.Generic.HashSet`1"

    def __init__(self, items=()):
        self._d = {}
        for x in items:
            self._add(x)

    def _items(self):
        return list(self._d.values())

    def _key(self, v):
        try:
            hash(v)
            return (type(v).__name__, v) if isinstance(v, (bool,)) else v
        except TypeError:
            return id(v)

    def _add(self, v):
        v = self._c(v)
        k = self._key(v)
        if k in self._d:
            return False
        self._d[k] = v
        return True

    @sig("bool Add(T item)")
    def Add(self, item):
        return self._add(item)

    @sig("bool Remove(T item)")
    def Remove(self, item):
        return self._d.pop(self._key(self._c(item)), _MISSING_SENTINEL) is not _MISSING_SENTINEL

    @sig("void Clear()")
    def Clear(self):
        self._d.clear()

    @sig("void UnionWith(System.Collections.Generic.IEnumerable[T] other)")
    def UnionWith(self, other):
        for x in other:
            self._add(x)

    @sig("void IntersectWith(System.Collections.Generic.IEnumerable[T] other)")
    def IntersectWith(self, other):
        keep = {self._key(self._c(x)) for x in other}
        self._d = {k: v for k, v in self._d.items() if k in keep}

    @sig("void ExceptWith(System.Collections.Generic.IEnumerable[T] other)")
    def ExceptWith(self, other):
        for x in other:
            self._d.pop(self._key(self._c(x)), None)

    @sig("bool IsSubsetOf(System.Collections.Generic.IEnumerable[T] other)")
    def IsSubsetOf(self, other):
        keys = {self._key(self._c(x)) for x in other}
        return all(k in keys for k in self._d)

    @sig("bool IsSupersetOf(System.Collections.Generic.IEnumerable[T] other)")
    def IsSupersetOf(self, other):
        return all(self._key(self._c(x)) in self._d for x in other)


_MISSING_SENTINEL = object()


class GenericQueue(_GenericCollection):
    """System.Collections.Generic.Queue[T]."""

    __ps_type__ = "System.Collections.Generic.Queue`1"

    def __init__(self, items=()):
        self._q = [self._c(x) for x in items]

    def _items(self):
        return list(self._q)

    def _add(self, v):
        self._q.append(self._c(v))

    @sig("void Enqueue(T item)")
    def Enqueue(self, item):
        self._add(item)

    @sig("T Dequeue()")
    def Dequeue(self):
        if not self._q:
            raise E.InvalidOperationException("Queue empty.")
        return self._q.pop(0)

    @sig("T Peek()")
    def Peek(self):
        if not self._q:
            raise E.InvalidOperationException("Queue empty.")
        return self._q[0]

    @sig("void Clear()")
    def Clear(self):
        self._q.clear()


class GenericStack(_GenericCollection):
    """System.Collections.Generic.Stack[T] (enumerates top first)."""

    __ps_type__ = "System.Collections.Generic.Stack`1"

    def __init__(self, items=()):
        self._s = [self._c(x) for x in items]

    def _items(self):
        return self._s[::-1]

    def _add(self, v):
        self._s.append(self._c(v))

    @sig("void Push(T item)")
    def Push(self, item):
        self._add(item)

    @sig("T Pop()")
    def Pop(self):
        if not self._s:
            raise E.InvalidOperationException("Stack empty.")
        return self._s.pop()

    @sig("T Peek()")
    def Peek(self):
        if not self._s:
            raise E.InvalidOperationException("Stack empty.")
        return self._s[-1]

    @sig("void Clear()")
    def Clear(self):
        self._s.clear()
