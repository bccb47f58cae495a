"""PowerShell operators as pure functions (no engine context), for the compiler.

Each operator family follows PowerShell's binder (Binders.cs, NumericOps.cs, parserutils.cs):
the left operand's type decides (string + x concatenates, array + x appends, numbers widen by
.NET type code with Int32/Int64 overflow going to Double), comparisons convert the right operand
to the left operand's type and filter when the left operand is a collection.

``BINARY_OPERATORS`` / ``UNARY_OPERATORS`` map operator tokens ('-eq', '-ceq', '+', ...) to
two-/one-argument callables so the compiler can look each operator up once.
Script blocks (for -replace and -split) arrive as plain Python callables.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import enum
import re

from spshell.runtime import numbers as _n
from spshell.runtime.conversion import (
    as_type, cast_error, convert_to, element_to_string, enumerate_object, to_bool, to_string)
from spshell.runtime.dotnet_regex import (expand_replacement, invalid_pattern_message,
                                          net_group_numbers, parse_replacement,
                                          public_group_name, regex_flags, translate_regex)
from spshell.runtime.errors import (ArgumentException, DivideByZeroException, DotNetException,
                                    ErrorRecord, FormatException, OverflowException, ParseException,
                                    PSInvalidCastException, RuntimeException,
                                    WildcardPatternException)
from spshell.runtime.objects import (AutomationNull, Hashtable, OrderedDictionary,
                                     PSCustomObject)

Decimal = decimal.Decimal
_Char = _n.Char
_INT_MIN, _INT_MAX = -2147483648, 2147483647
_DCTX = _n.DECIMAL_CONTEXT


_ERROR_CATEGORIES = {"NotADefinedOperationForType": "InvalidOperation",
                     "MethodNotFound": "InvalidOperation",
                     "AddHashTableToNonHashTable": "InvalidOperation",
                     "OperatorRequiresNumber": "InvalidOperation",
                     "InvalidRegularExpression": "InvalidOperation",
                     "BadReplaceArgument": "InvalidOperation",
                     "BadOperatorArgument": "InvalidOperation",
                     "TypeNotFound": "InvalidOperation",
                     "IsOperatorRequiresType": "InvalidOperation",
                     "AsOperatorRequiresType": "InvalidOperation",
                     "FormatError": "InvalidOperation"}


def _runtime_error(message, inner=None, error_id=None):
    """A RuntimeException with PowerShell's error id (and the inner .NET exception)."""
    exc = RuntimeException(message, inner)
    if error_id:
        exc.error_id = error_id
        ErrorRecord(exc, error_id, _ERROR_CATEGORIES.get(error_id, "NotSpecified"))
    return exc


def _divide_by_zero():
    inner = DivideByZeroException()
    return _runtime_error(inner.Message, inner)


def _type_name(value):
    if value is None:
        return "$null"
    try:
        from spshell.runtime import types
        return types.type_name_of(value)
    except Exception:  # types not importable yet: our own mapping
        from spshell.runtime.conversion import _builtin_type_name
        return _builtin_type_name(value)


def _no_operator(left, right, op_method, op_text):
    lt, rt = type(left), type(right)
    left_prim = left is None or _n.type_code(left) is not None or lt is str
    right_prim = right is None or _n.type_code(right) is not None or rt is str
    if left_prim and right_prim:
        return _runtime_error(f"The operation '[{_type_name(left)}] {op_text} "
                              f"[{_type_name(right)}]' is not defined.",
                              error_id="NotADefinedOperationForType")
    target = right if left_prim else left
    return _runtime_error(f"Method invocation failed because [{_type_name(target)}] does not "
                          f"contain a method named '{op_method}'.", error_id="MethodNotFound")


# ---------------------------------------------------------------------------------------------
# numeric core

def _code(v):
    """Type code of a value usable in numeric operations, or None."""
    t = type(v)
    if t is int:
        return 9
    if t is float:
        return 14
    if t is bool:
        return 3
    return _n.type_code(v)


def _as_int(v):
    if isinstance(v, _Char):
        return ord(v)
    return int(v)


def _int_result(value, code):
    """Wrap an exact integer result of a width-``code`` operation; overflow -> Double."""
    lo, hi = _n.INT_RANGES[code]
    if lo <= value <= hi:
        if code == 9:
            return int(value)
        return int.__new__(_n.INT_CLASSES[code], value)
    return float(value)


def _op_code(lc, rc, left, right):
    """The .NET operation type for two primitive operands (BinaryNumericOp)."""
    code = lc if lc >= rc else rc
    if code <= 9:
        return 9
    if code == 10:  # UInt32 with a negative signed operand needs Int64
        other, oc = (left, lc) if lc != 10 else (right, rc)
        if oc in (5, 7, 9) and _as_int(other) < 0:
            return 11
        return 10
    if code == 12:
        other = left if lc != 12 else right
        oc = rc if lc == 12 else lc
        if oc in (5, 7, 9, 11) and _as_int(other) < 0:
            return 14
        return 12
    return code


def _to_float(v):
    if isinstance(v, _Char):
        return float(ord(v))
    return float(v)


def _to_dec(v):
    if isinstance(v, Decimal):
        return v
    if isinstance(v, float):
        return _n.decimal_from_float(v)
    return Decimal(_as_int(v))


def _numeric(op, left, right, lc, rc):
    """Arithmetic on two primitive numbers (bools/chars allowed) with PowerShell's result type."""
    code = _op_code(lc, rc, left, right)
    if code == 14 or code == 13:
        a, b = _to_float(left), _to_float(right)
        if op == "add":
            r = a + b
        elif op == "sub":
            r = a - b
        elif op == "mul":
            r = a * b
        elif op == "div":
            if b == 0.0:
                r = (float("nan") if a == 0.0 or a != a else
                     (float("inf") if (a > 0) == (str(b)[0] != "-") else float("-inf")))
            else:
                r = a / b
        else:
            if b == 0.0:
                r = float("nan")
            else:
                import math
                r = math.fmod(a, b)
        return r  # Single operands are computed (and returned) as Double, as in .NET's binder
    if code == 15:
        try:
            a, b = _to_dec(left), _to_dec(right)
        except OverflowException as e:
            raise _runtime_error(e.Message, e) from None
        if op == "add":
            r = _DCTX.add(a, b)
        elif op == "sub":
            r = _DCTX.subtract(a, b)
        elif op == "mul":
            r = _DCTX.multiply(a, b)
        elif op == "div":
            if b == 0:
                raise _divide_by_zero()
            r = _DCTX.divide(a, b)
        else:
            if b == 0:
                raise _divide_by_zero()
            r = _DCTX.remainder(a, b)
        try:
            return _n.fit_decimal(r)
        except OverflowException as e:
            raise _runtime_error(e.Message, e) from None
    if code == _n.TC_BIGINT:
        if isinstance(left, (float, Decimal)) or isinstance(right, (float, Decimal)):
            return _numeric(op, float(left), float(right), 14, 14)
        a, b = _as_int(left), _as_int(right)
        if op in ("div", "mod") and b == 0:
            raise _divide_by_zero()
        r = {"add": a + b, "sub": a - b, "mul": a * b}.get(op)
        if r is None:
            q = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)
            r = q if op == "div" else a - q * b
        return _n.BigInteger(r)
    a, b = _as_int(left), _as_int(right)
    if op == "add":
        return _int_result(a + b, code)
    if op == "sub":
        return _int_result(a - b, code)
    if op == "mul":
        return _int_result(a * b, code)
    if b == 0:
        raise _divide_by_zero()
    if op == "div":
        if a % b == 0:
            q = abs(a) // abs(b)
            return _int_result(q if (a >= 0) == (b >= 0) else -q, code)
        return a / b
    # .NET remainder truncates toward zero: the sign follows the dividend
    r = abs(a) % abs(b)
    return _int_result(-r if a < 0 else r, code)


def _numeric_string(op, left, right, lc):
    """A number op a string: the string is scanned as a numeric literal (BinaryNumericStringOp)."""
    rv = _n.parse_number(right)
    if rv is None:
        target = _n.TYPE_NAMES.get(lc if lc >= 9 else 9, "System.Int32")
        if lc in (13, 14, 15):
            target = _n.TYPE_NAMES[lc]
        raise cast_error(right, target, "Input string was not in a correct format.")
    return _numeric(op, left, rv, lc, _code(rv))


def _string_as_number(s):
    v = _n.parse_number(s)
    if v is None:
        raise cast_error(s, "System.Int32", "Input string was not in a correct format.")
    return v


# ---------------------------------------------------------------------------------------------
# + - * / %

def add(left, right):
    tl = type(left)
    tr = type(right)
    if tl is int and tr is int:
        r = left + right
        if _INT_MIN <= r <= _INT_MAX:
            return r
        return float(r)
    if tl is float and (tr is float or tr is int):
        return left + right
    if tl is str:
        if tr is str:
            return left + right
        return left + to_string(right)
    if tl is list:
        it = enumerate_object(right) if tr is not str else None
        if it is None:
            return left + [right]
        return left + list(it)
    return _add_slow(left, right)


def _add_slow(left, right):
    if left is None or left is AutomationNull:
        return right
    if isinstance(left, _Char):
        return str.__str__(left) + to_string(right)
    if isinstance(left, str):
        return str.__str__(left) + to_string(right)
    lc = _code(left)
    if lc is not None and not isinstance(left, _Char):
        rr = _primitive_arg(right)
        if rr is not None:
            return _numeric("add", left, rr[0], lc, rr[1])
        if isinstance(right, str):
            return _numeric_string("add", left, right, lc)
        raise _no_operator(left, right, "op_Addition", "+")
    if isinstance(left, (Hashtable, dict)):
        return _hashtable_add(left, right)
    it = enumerate_object(left)
    if it is not None:
        result = list(it)
        rit = enumerate_object(right)
        if rit is None:
            result.append(right)
        else:
            result.extend(rit)
        return result
    if isinstance(left, _dt.datetime) and isinstance(right, _dt.timedelta):
        return left + right
    if isinstance(left, _dt.timedelta) and isinstance(right, _dt.timedelta):
        return left + right
    if isinstance(left, _dt.timedelta) and isinstance(right, _dt.datetime):
        return right + left
    return _custom_op(left, right, "op_Addition", "+")


def _naive(d):
    return d.replace(tzinfo=None) if d.tzinfo is not None else d


def _custom_op(left, right, method, op_text):
    m = getattr(type(left), method, None)
    if m is not None:
        return m(left, right)
    m = getattr(type(right), method, None)
    if m is not None:
        return m(left, right)
    raise _no_operator(left, right, method, op_text)


def _primitive_arg(right):
    """(value, code) when the right operand converts implicitly to a number, else None."""
    if right is None or right is AutomationNull:
        return 0, 9
    c = _code(right)
    if c is not None:
        return right, c
    if isinstance(right, enum.Enum) and isinstance(right.value, int):
        return int(right.value), 9 if _INT_MIN <= right.value <= _INT_MAX else 11
    return None


def _hashtable_add(left, right):
    if not isinstance(right, (Hashtable, dict)):
        raise _runtime_error("A hash table can only be added to another hash table.",
                             error_id="AddHashTableToNonHashTable")
    result = OrderedDictionary() if isinstance(left, OrderedDictionary) else Hashtable()
    for k, v in left.items():
        result[k] = v
    for k, v in right.items():
        if k in result:
            existing = next((x for x in result if Hashtable._norm(x) == Hashtable._norm(k)), k)
            raise ArgumentException(f"Item has already been added. Key in dictionary: "
                                    f"'{element_to_string(existing)}'  Key being added: "
                                    f"'{element_to_string(k)}'")
        result[k] = v
    return result


def _sub_div_mod(op, left, right, method, op_text):
    if left is None or left is AutomationNull:
        left = 0
    if isinstance(left, str) and not isinstance(left, _Char):
        left = _string_as_number(left)
    lc = _code(left)
    if lc is not None:
        if isinstance(left, _Char):
            left, lc = ord(left), 9
        rr = _primitive_arg(right)
        if rr is not None:
            rv, rc = rr
            if isinstance(rv, _Char):
                rv, rc = ord(rv), 9
            return _numeric(op, left, rv, lc, rc)
        if isinstance(right, str):
            return _numeric_string(op, left, right, lc)
        if isinstance(left, enum.Enum):
            left = left.value
        raise _no_operator(left, right, method, op_text)
    if op == "sub":
        if isinstance(left, _dt.datetime):
            if isinstance(right, _dt.datetime):
                # .NET subtracts ticks and ignores DateTimeKind
                return _naive(left) - _naive(right)
            if isinstance(right, _dt.timedelta):
                return left - right
        if isinstance(left, _dt.timedelta) and isinstance(right, _dt.timedelta):
            return left - right
    if op == "div" and isinstance(left, _dt.timedelta):
        if isinstance(right, _dt.timedelta):
            if not right:
                raise _divide_by_zero()
            return left / right
        if isinstance(right, (int, float)) and not isinstance(right, bool):
            if not right:
                raise _runtime_error("Value was either too large or too small for a TimeSpan.",
                                     OverflowException())
            return left / right
    return _custom_op(left, right, method, op_text)


def sub(left, right):
    if type(left) is int and type(right) is int:
        r = left - right
        if _INT_MIN <= r <= _INT_MAX:
            return r
        return float(r)
    if type(left) is float and type(right) in (float, int):
        return left - right
    return _sub_div_mod("sub", left, right, "op_Subtraction", "-")


def div(left, right):
    if type(left) is int and type(right) is int and right:
        if left % right == 0 and not (left == _INT_MIN and right == -1):
            q = abs(left) // abs(right)
            return q if (left >= 0) == (right > 0) else -q
        return left / right
    return _sub_div_mod("div", left, right, "op_Division", "/")


def mod(left, right):
    if type(left) is int and type(right) is int and right:
        r = abs(left) % abs(right)  # .NET: the sign follows the dividend
        return -r if left < 0 else r
    return _sub_div_mod("mod", left, right, "op_Modulus", "%")


def mul(left, right):
    tl = type(left)
    if tl is int and type(right) is int:
        r = left * right
        if _INT_MIN <= r <= _INT_MAX:
            return r
        return float(r)
    if tl is float and type(right) in (float, int):
        return left * right
    if left is None or left is AutomationNull:
        return None
    if isinstance(left, str) and not isinstance(left, _Char):
        n = _repeat_count(right)
        return str.__str__(left) * n
    lc = _code(left)
    if lc is not None and lc != _n.TC_BOOLEAN and not isinstance(left, _Char):
        rr = _primitive_arg(right)
        if rr is not None:
            rv, rc = rr
            if isinstance(rv, _Char):
                rv, rc = ord(rv), 9
            return _numeric("mul", left, rv, lc, rc)
        if isinstance(right, str):
            return _numeric_string("mul", left, right, lc)
        raise _no_operator(left, right, "op_Multiply", "*")
    it = enumerate_object(left) if not isinstance(left, (Hashtable, dict)) else None
    if it is not None:
        items = list(it)
        return items * _repeat_count(right)
    if isinstance(left, _dt.timedelta) and isinstance(right, (int, float)) \
            and not isinstance(right, bool):
        return left * right
    return _custom_op(left, right, "op_Multiply", "*")


def _repeat_count(right):
    if isinstance(right, str) and not isinstance(right, _Char):
        n = convert_to(right, int)
    else:
        n = convert_to(right, int)
    if n < 0:
        raise ArgumentException("Specified argument was out of the range of valid values. "
                                "(Parameter 'count')")
    return n


def negate(value):
    """Unary minus: strings are scanned as numbers ('-"5"' is -5)."""
    t = type(value)
    if t is int:
        if value == _INT_MIN:
            return float(-value)
        return -value
    if t is float:
        return -value
    return sub(0, _unary_number(value, "-"))


def unary_plus(value):
    t = type(value)
    if t is int or t is float:
        return value
    return add(0, _unary_number(value, "+"))


def _unary_number(value, op_text):
    if value is None or value is AutomationNull:
        return 0
    if isinstance(value, str) and not isinstance(value, _Char):
        return _string_as_number(value)
    if isinstance(value, _dt.timedelta) and op_text == "-":
        return value
    c = _code(value)
    if c is None:
        if isinstance(value, (list, tuple)):
            raise _no_operator(0, value, "op_Subtraction" if op_text == "-" else "op_Addition",
                               op_text)
        raise _runtime_error(f"The '{op_text}' operator works only on numbers. The operand is "
                             f"a '{_type_name(value)}'.", error_id="OperatorRequiresNumber")
    return value


# ---------------------------------------------------------------------------------------------
# comparison

_WORDS = {"eq", "ne", "gt", "ge", "lt", "le"}


def _str_compare(a, b, ignore_case):
    """Culture-style string order: case-insensitive first; with case, lower before upper."""
    la, lb = a.lower(), b.lower()
    if la != lb:
        return -1 if la < lb else 1
    if ignore_case or a == b:
        return 0
    for ca, cb in zip(a, b):
        if ca != cb:
            # invariant culture sorts a lowercase letter before its uppercase form
            if ca.islower() and not cb.islower():
                return -1
            if cb.islower() and not ca.islower():
                return 1
            return -1 if ca < cb else 1
    return (len(a) > len(b)) - (len(a) < len(b))


def _sign_vs_null(value, null_on_right):
    i = 1 if null_on_right else -1
    try:
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and value < 0:
            return -i
    except TypeError:
        pass
    return i


def values_equal(a, b, ignore_case=True):
    """LanguagePrimitives.Equals: b is converted to a's type."""
    if a is None or a is AutomationNull:
        return b is None or b is AutomationNull
    if b is None or b is AutomationNull:
        return False
    ta = type(a)
    if ta is str:
        sb = b if type(b) is str else to_string(b)
        if ignore_case:
            return a == sb or a.lower() == sb.lower()
        return a == sb
    if ta is int or ta is float:
        tb = type(b)
        if tb is int or tb is float:
            return a == b
    if isinstance(a, _Char):
        if isinstance(b, str):
            if len(b) != 1:
                return False
            return a.upper() == b.upper() if ignore_case else str(a) == str(b)
        try:
            return str.__eq__(a, convert_to(b, _Char))
        except DotNetException:
            return False
    if isinstance(a, str):
        return values_equal(str.__str__(a), b, ignore_case)
    ca = _code(a)
    cb = _code(b)
    if ca is not None and cb is not None and ca != _n.TC_BOOLEAN and cb != _n.TC_BOOLEAN \
            and not isinstance(b, _Char):
        return a == b
    if ta is bool:
        return a == to_bool(b)
    if isinstance(a, (Hashtable, PSCustomObject, list)):
        return a is b
    if ta is _dt.datetime:
        try:
            other = b if isinstance(b, _dt.datetime) else convert_to(b, _dt.datetime)
        except (DotNetException, ValueError, TypeError):
            return False
        return _naive(a) == _naive(other)
    try:
        if a == b:
            return True
    except Exception:  # a broken __eq__ in domain code means "not equal"
        return False
    if ca is not None:
        try:
            return a == convert_to(b, type(a))
        except (DotNetException, ValueError, TypeError):
            return False
    if isinstance(a, (_dt.datetime, _dt.timedelta, enum.Enum)) or hasattr(type(a),
                                                                             "__ps_convert__"):
        try:
            return a == convert_to(b, type(a))
        except (DotNetException, ValueError, TypeError):
            return False
    return False


def compare_values(a, b, ignore_case=True):
    """LanguagePrimitives.Compare: negative, zero or positive. Used by -lt/-gt and sorting."""
    if a is None or a is AutomationNull:
        if b is None or b is AutomationNull:
            return 0
        return _sign_vs_null(b, False)
    if b is None or b is AutomationNull:
        return _sign_vs_null(a, True)
    ta = type(a)
    if ta is str or (isinstance(a, str) and not isinstance(a, _Char)):
        if isinstance(b, str):
            sb = str.__str__(b)
        else:
            sb = to_string(b)
        return _str_compare(str.__str__(a), sb, ignore_case)
    ca = _code(a)
    cb = _code(b)
    if ca is not None and cb is not None and ca not in (3, 4) and cb not in (3, 4):
        return (a > b) - (a < b)
    try:
        if ca is not None and ca != 3:
            if isinstance(a, _Char):
                bc = convert_to(b, _Char)
                return (str(a) > str(bc)) - (str(a) < str(bc))
            bv = convert_to(b, type(a))
        elif ta is bool:
            bv = to_bool(b)
        else:
            bv = convert_to(b, type(a)) if not isinstance(b, type(a)) else b
    except PSInvalidCastException as e:
        raise ArgumentException(f'Could not compare "{element_to_string(a)}" to '
                                f'"{element_to_string(b)}". Error: "{e.Message}"') from None
    except DotNetException as e:
        raise ArgumentException(f'Could not compare "{element_to_string(a)}" to '
                                f'"{element_to_string(b)}". Error: "{e.Message}"') from None
    if isinstance(a, _dt.datetime) and isinstance(bv, _dt.datetime):
        a, bv = _naive(a), _naive(bv)
    try:
        return (a > bv) - (a < bv)
    except TypeError:
        if a == bv:
            return 0
        raise ArgumentException(f'Cannot compare "{element_to_string(a)}" because it is not '
                                f'IComparable.') from None


def _cmp_fn(word):
    if word == "eq":
        return lambda a, b, ic: values_equal(a, b, ic)
    if word == "ne":
        return lambda a, b, ic: not values_equal(a, b, ic)
    if word == "gt":
        return lambda a, b, ic: compare_values(a, b, ic) > 0
    if word == "ge":
        return lambda a, b, ic: compare_values(a, b, ic) >= 0
    if word == "lt":
        return lambda a, b, ic: compare_values(a, b, ic) < 0
    return lambda a, b, ic: compare_values(a, b, ic) <= 0


_CMP = {w: _cmp_fn(w) for w in _WORDS}


def _parse_op(op):
    """'-ceq' -> ('eq', case_sensitive=True)."""
    o = op.lower().lstrip("-")
    cs = False
    if o[:1] in ("c", "i") and o[1:] in _OPS_WITH_VARIANTS:
        cs = o[0] == "c"
        o = o[1:]
    return o, cs


_OPS_WITH_VARIANTS = {"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match",
                      "notmatch", "replace", "split", "contains", "notcontains", "in", "notin"}


def _filter_or_scalar(left, pred):
    t = type(left)
    if t is list or t is tuple:
        return [x for x in left if pred(x)]
    it = enumerate_object(left)
    if it is None:
        return pred(left)
    return [x for x in it if pred(x)]


def compare(op, left, right, case_sensitive=None):
    """-eq -ne -gt -ge -lt -le (and -c/-i forms); a collection on the left filters."""
    word, cs = _parse_op(op)
    if case_sensitive is not None:
        cs = case_sensitive
    fn = _CMP[word]
    ic = not cs
    return _filter_or_scalar(left, lambda x: fn(x, right, ic))


_FAST_NUM = (int, float)


def eq(left, right, case_sensitive=False):
    tl = type(left)
    if tl in _FAST_NUM and type(right) in _FAST_NUM:
        return left == right
    if tl is str and type(right) is str and not case_sensitive:
        return left == right or left.lower() == right.lower()
    return compare("eq", left, right, case_sensitive)


def ne(left, right, case_sensitive=False):
    tl = type(left)
    if tl is int and type(right) is int:
        return left != right
    return compare("ne", left, right, case_sensitive)


def lt(left, right, case_sensitive=False):
    if type(left) in _FAST_NUM and type(right) in _FAST_NUM:
        return left < right
    return compare("lt", left, right, case_sensitive)


def le(left, right, case_sensitive=False):
    if type(left) in _FAST_NUM and type(right) in _FAST_NUM:
        return left <= right
    return compare("le", left, right, case_sensitive)


def gt(left, right, case_sensitive=False):
    if type(left) in _FAST_NUM and type(right) in _FAST_NUM:
        return left > right
    return compare("gt", left, right, case_sensitive)


def ge(left, right, case_sensitive=False):
    if type(left) in _FAST_NUM and type(right) in _FAST_NUM:
        return left >= right
    return compare("ge", left, right, case_sensitive)


# ---------------------------------------------------------------------------------------------
# -contains -in

def contains(collection, item, case_sensitive=False):
    ic = not case_sensitive
    it = enumerate_object(collection)
    if it is None:
        return values_equal(collection, item, ic)
    for x in it:
        if values_equal(x, item, ic):
            return True
    return False


def not_contains(collection, item, case_sensitive=False):
    return not contains(collection, item, case_sensitive)


def in_(item, collection, case_sensitive=False):
    return contains(collection, item, case_sensitive)


def not_in(item, collection, case_sensitive=False):
    return not contains(collection, item, case_sensitive)


# ---------------------------------------------------------------------------------------------
# wildcards (WildcardPattern)

_WILDCARD_CACHE: dict = {}


def wildcard_to_regex(pattern):
    """Regex text for a PowerShell wildcard: * ? [a-z] [abc], backtick escapes."""
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "`" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = i + 1
            chars = []
            while j < n and pattern[j] != "]":
                if pattern[j] == "`" and j + 1 < n:
                    chars.append("\\" + pattern[j + 1])
                    j += 2
                    continue
                ch = pattern[j]
                if ch in "\\^[":
                    chars.append("\\" + ch)
                else:
                    chars.append(ch)
                j += 1
            if j >= n or not chars:
                raise WildcardPatternException(
                    f"The specified wildcard character pattern is not valid: {pattern}")
            out.append("[" + "".join(chars) + "]")
            i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def compile_wildcard(pattern, case_sensitive=False):
    key = (pattern, case_sensitive)
    r = _WILDCARD_CACHE.get(key)
    if r is None:
        if len(_WILDCARD_CACHE) > 2000:
            _WILDCARD_CACHE.clear()
        flags = re.DOTALL | (0 if case_sensitive else re.IGNORECASE)
        r = re.compile(wildcard_to_regex(pattern), flags).fullmatch
        _WILDCARD_CACHE[key] = r
    return r


def has_wildcard(text):
    """WildcardPattern.ContainsWildcardCharacters: unescaped * ? or [."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "`":
            i += 2
            continue
        if c in "*?[":
            return True
        i += 1
    return False


def wildcard_match(pattern, text, case_sensitive=False):
    return compile_wildcard(pattern, case_sensitive)(text) is not None


def _like_impl(left, right, cs, negate_):
    m = compile_wildcard(to_string(right), cs)
    it = enumerate_object(left)
    if it is None:
        s = "" if left is None else to_string(left)
        return (m(s) is not None) != negate_
    out = []
    for x in it:
        s = "" if x is None else to_string(x)
        if (m(s) is not None) != negate_:
            out.append(s)
    return out


def like(left, right, case_sensitive=False):
    return _like_impl(left, right, case_sensitive, False)


def not_like(left, right, case_sensitive=False):
    return _like_impl(left, right, case_sensitive, True)


# ---------------------------------------------------------------------------------------------
# regular expressions (.NET syntax on Python's re)

_REGEX_CACHE: dict = {}

REGEX_OPTIONS = {"none": 0, "ignorecase": 1, "multiline": 2, "explicitcapture": 4,
                 "compiled": 8, "singleline": 16, "ignorepatternwhitespace": 32,
                 "righttoleft": 64, "ecmascript": 256, "cultureinvariant": 512,
                 "nonbacktracking": 1024}


def parse_regex_options(options):
    """RegexOptions from an int, a name, a comma list or a list of names -> int flags."""
    if options is None or options == "":
        return 0
    if isinstance(options, int) and not isinstance(options, bool):
        return int(options)
    if isinstance(options, enum.Enum):
        return int(options.value)
    if isinstance(options, (list, tuple)):
        v = 0
        for o in options:
            v |= parse_regex_options(o)
        return v
    v = 0
    for part in str(options).split(","):
        p = part.strip().lower()
        if not p:
            continue
        if p not in REGEX_OPTIONS:
            raise cast_error(options, "System.Text.RegularExpressions.RegexOptions")
        v |= REGEX_OPTIONS[p]
    return v


class CompiledRegex:
    """A compiled pattern plus .NET group numbering (unnamed groups first, then named)."""

    __slots__ = ("pattern", "regex", "net_to_py", "names", "right_to_left", "options",
                 "_match_keys")

    def __init__(self, pattern, options=0):
        self.pattern = pattern
        self.options = options
        flags = regex_flags(options)
        self.right_to_left = bool(options & 64)
        try:
            self.regex = re.compile(translate_regex(pattern, bool(options & 4)), flags)
        except (re.error, ArgumentException, OverflowError, RecursionError) as e:
            raise _runtime_error(
                f"The regular expression pattern {pattern} is not valid.",
                ArgumentException(invalid_pattern_message(pattern, e)),
                error_id="InvalidRegularExpression") from None
        self._match_keys = None
        self.net_to_py = net_group_numbers(self.regex)
        named = {v: k for k, v in self.regex.groupindex.items()}
        self.names = [(named[g], g) for g in sorted(named)]

    def group_names(self):
        """Regex.GetGroupNames order: '0', unnamed numbers, then names."""
        nums = [str(k) for k in self.net_to_py if k <= self.regex.groups - len(self.names)]
        return nums + [public_group_name(n) for n, _ in self.names]


def compile_regex(pattern, options=0, case_sensitive=None):
    """A cached CompiledRegex; ``case_sensitive=False`` adds IgnoreCase."""
    if case_sensitive is False:
        options |= 1
    key = (pattern, options)
    r = _REGEX_CACHE.get(key)
    if r is None:
        if len(_REGEX_CACHE) > 1000:
            _REGEX_CACHE.clear()
        r = CompiledRegex(pattern, options)
        _REGEX_CACHE[key] = r
    return r


def _regex_of(rval, case_sensitive):
    if isinstance(rval, CompiledRegex):
        return rval
    if getattr(type(rval), "__ps_type__", None) == "System.Text.RegularExpressions.Regex":
        # a [regex] object keeps its own options (case-sensitive unless it says IgnoreCase)
        pattern = getattr(rval, "_pattern", None)
        if pattern is not None:
            opts = getattr(rval, "_options", 0)
            return compile_regex(pattern, int(getattr(opts, "value", opts) or 0))
    return compile_regex(to_string(rval), 0, case_sensitive)


class RegexGroup:
    __ps_type__ = "System.Text.RegularExpressions.Group"

    def __init__(self, m, py_index, name):
        self._m = m
        self._i = py_index
        self.Name = name

    @property
    def Success(self):
        return self._m.group(self._i) is not None if self._m else False

    @property
    def Value(self):
        v = self._m.group(self._i) if self._m else None
        return v if v is not None else ""

    @property
    def Index(self):
        return max(self._m.start(self._i), 0) if self._m else 0

    @property
    def Length(self):
        return len(self.Value)

    @property
    def Captures(self):
        return [self] if self.Success else []

    def ToString(self):
        return self.Value

    def __str__(self):
        return self.Value


class RegexGroupCollection(list):
    """Match.Groups: indexable by .NET number or by name."""

    __ps_type__ = "System.Text.RegularExpressions.GroupCollection"

    def __init__(self, groups):
        super().__init__(groups)

    def __getitem__(self, key):
        if isinstance(key, str) and not key.lstrip("-").isdigit():
            for g in self:
                if g.Name.lower() == key.lower():
                    return g
            return RegexGroup(None, 0, key)
        return list.__getitem__(self, int(key))

    @property
    def Count(self):
        return len(self)

    @property
    def Keys(self):
        return [g.Name for g in self]


class RegexMatch:
    """System.Text.RegularExpressions.Match ($_ in a -replace script block, [regex]::Match)."""

    __ps_type__ = "System.Text.RegularExpressions.Match"

    def __init__(self, m, compiled):
        self._m = m
        self._c = compiled

    @property
    def Success(self):
        return self._m is not None

    @property
    def Value(self):
        return self._m.group(0) if self._m else ""

    @property
    def Index(self):
        return self._m.start() if self._m else 0

    @property
    def Length(self):
        return (self._m.end() - self._m.start()) if self._m else 0

    @property
    def Name(self):
        return "0"

    @property
    def Groups(self):
        groups = []
        c = self._c
        named_py = {g: public_group_name(n) for n, g in c.names}
        for net, py in sorted(c.net_to_py.items()):
            name = named_py.get(py, str(net))
            groups.append(RegexGroup(self._m, py, name))
        return RegexGroupCollection(groups)

    @property
    def Captures(self):
        return [self] if self._m else []

    def NextMatch(self):
        if not self._m:
            return self
        pos = self._m.end() if self._m.end() > self._m.start() else self._m.end() + 1
        return RegexMatch(self._c.regex.search(self._m.string, pos), self._c)

    def Result(self, replacement):
        return expand_replacement(parse_replacement(replacement), self._m, self._c.net_to_py)

    def ToString(self):
        return self.Value

    def __str__(self):
        return self.Value


def _match_keys(compiled):
    """[(hashtable key, python group index)] in Regex.GetGroupNames order, computed once."""
    keys = getattr(compiled, "_match_keys", None)
    if keys is None:
        keys = []
        for name in compiled.group_names():
            if name.isdigit():
                py = compiled.net_to_py.get(int(name))
                key = int(name)
            else:
                py = compiled.regex.groupindex.get(name if name.isidentifier() else "_g" + name)
                key = name
            if py is not None:
                keys.append((key, py))
        keys.reverse()  # PowerShell's hashtable lists the newest group first
        compiled._match_keys = keys
    return keys


def matches_table(m, compiled):
    """The $Matches hashtable for a successful match: numbered and named successful groups."""
    h = Hashtable()
    group = m.group
    for key, py in _match_keys(compiled):
        v = group(py)
        if v is not None:
            h[key] = v
    return h


def match(left, right, case_sensitive=False):
    """-match: (result, matches) where matches is the $Matches hashtable for a scalar success,
    else None; a collection on the left gives the matching elements and no $Matches."""
    c = _regex_of(right, case_sensitive)
    it = enumerate_object(left)
    if it is None:
        s = "" if left is None else to_string(left)
        m = c.regex.search(s)
        if m is None:
            return False, None
        return True, matches_table(m, c)
    search = c.regex.search
    return [x for x in it if search("" if x is None else to_string(x))], None


def not_match(left, right, case_sensitive=False):
    c = _regex_of(right, case_sensitive)
    it = enumerate_object(left)
    if it is None:
        s = "" if left is None else to_string(left)
        m = c.regex.search(s)
        if m is None:
            return True, None
        return False, matches_table(m, c)
    search = c.regex.search
    return [x for x in it if not search("" if x is None else to_string(x))], None


def replace(left, right, case_sensitive=False):
    """-replace: right is a pattern or [pattern, replacement]; the replacement is a .NET
    replacement string or a callable taking a RegexMatch (a script block)."""
    pattern, substitute = "", ""
    if isinstance(right, (list, tuple)):
        if len(right) > 2:
            raise _runtime_error(f"The -replace operator allows only two elements to follow it, "
                                 f"not {len(right)}.", error_id="BadReplaceArgument")
        if right:
            pattern = right[0]
            if len(right) > 1:
                substitute = right[1]
    else:
        pattern = right
    c = _regex_of(pattern, case_sensitive)
    if callable(substitute) and not isinstance(substitute, str):
        fn = substitute

        def repl(m, _c=c, _fn=fn):
            return to_string(_fn(RegexMatch(m, _c)))
    else:
        segs = parse_replacement(to_string(substitute))
        if all(type(s) is str for s in segs):
            literal = "".join(segs)

            def repl(m, _lit=literal):
                return _lit
        else:
            def repl(m, _segs=segs, _c=c):
                return expand_replacement(_segs, m, _c.net_to_py)
    sub_ = c.regex.sub
    it = enumerate_object(left)
    if it is None:
        return sub_(repl, "" if left is None else to_string(left))
    return [sub_(repl, to_string(x)) for x in it]


# ---------------------------------------------------------------------------------------------
# -split

SPLIT_OPTIONS = {"none": 0, "simplematch": 1, "regexmatch": 2, "cultureinvariant": 4,
                 "ignorepatternwhitespace": 8, "multiline": 16, "singleline": 32,
                 "ignorecase": 64, "explicitcapture": 128}


def _split_options(options):
    if options is None or options == "":
        return 0
    if isinstance(options, int) and not isinstance(options, bool):
        return int(options)
    if isinstance(options, (list, tuple)):
        v = 0
        for o in options:
            v |= _split_options(o)
        return v
    v = 0
    for part in to_string(options).split(","):
        p = part.strip().lower()
        if not p:
            continue
        if p not in SPLIT_OPTIONS:
            names = ", ".join(["None", "SimpleMatch", "RegexMatch", "CultureInvariant",
                               "IgnorePatternWhitespace", "Multiline", "Singleline",
                               "IgnoreCase", "ExplicitCapture"])
            raise PSInvalidCastException(
                f'Cannot convert value "{to_string(options)}" to type '
                f'"System.Management.Automation.SplitOptions". Error: "Unable to match the '
                f'identifier name {part.strip()} to a valid enumerator name. Specify one of the '
                f'following enumerator names and try again:\n{names}"')
        v |= SPLIT_OPTIONS[p]
    return v


def _split_contents(left):
    it = enumerate_object(left)
    if it is None:
        return [to_string(left)]
    return [to_string(x) for x in it]


def _regex_split(c, text, limit):
    """Regex.Split(text, count) including captured groups; negative count splits from the right."""
    regex = c.regex
    if limit == 1 or limit == -1:
        return [text]
    matches = list(regex.finditer(text))
    if limit > 1:
        matches = matches[:limit - 1]
    elif limit < -1:
        matches = matches[len(matches) - (-limit - 1):] if len(matches) > -limit - 1 else matches
    out = []
    pos = 0
    for m in matches:
        out.append(text[pos:m.start()])
        for g in range(1, regex.groups + 1):
            v = m.group(g)
            if v is not None:
                out.append(v)
        pos = m.end()
    out.append(text[pos:])
    return out


def split(left, right, case_sensitive=False):
    """-split: right is a delimiter, or [delimiter, max-substrings[, options]]; a callable
    delimiter (script block) is called as f(char) for each character ($_ is the char)."""
    args = list(right) if isinstance(right, (list, tuple)) else [right]
    if not args:
        raise _runtime_error("The argument to operator '-split' is not valid: .",
                             error_id="BadOperatorArgument")
    delim = args[0]
    limit = convert_to(args[1], int) if len(args) >= 2 else 0
    opts_given = len(args) >= 3 and args[2] is not None and args[2] != ""
    options = _split_options(args[2]) if opts_given else 0
    contents = _split_contents(left)
    if callable(delim) and not isinstance(delim, str):
        if opts_given:
            raise ParseException("Options are not allowed on the -split operator with a "
                                 "predicate.")
        return _split_predicate(contents, delim, limit)
    if not case_sensitive:
        options |= 64
    pattern = to_string(delim)
    if not options & 3:
        options |= 2
    if options & 1:
        if options & ~(1 | 64):
            raise ParseException("The combination of options with the -split operator is not "
                                 "valid.")
        pattern = re.escape(pattern).replace("\\ ", " ")
        regex_opts = 1 if options & 64 else 0
        c = _literal_regex(pattern, regex_opts)
    else:
        regex_opts = 0
        if options & 64:
            regex_opts |= 1
        if options & 16:
            regex_opts |= 2
        if options & 32:
            regex_opts |= 16
        if options & 8:
            regex_opts |= 32
        if options & 128:
            regex_opts |= 4
        c = compile_regex(pattern, regex_opts)
    out = []
    for item in contents:
        out.extend(_regex_split(c, item, limit))
    return out


def _literal_regex(escaped, options):
    key = ("\0lit", escaped, options)
    r = _REGEX_CACHE.get(key)
    if r is None:
        r = CompiledRegex.__new__(CompiledRegex)
        r.pattern = escaped
        r.options = options
        r.regex = re.compile(escaped, re.IGNORECASE if options & 1 else 0)
        r.net_to_py = {0: 0}
        r.names = []
        r.right_to_left = False
        r._match_keys = None
        _REGEX_CACHE[key] = r
    return r


def _split_predicate(contents, pred, limit):
    if limit == 1 or limit == -1:
        return list(contents)
    results = []
    for item in contents:
        pieces = []
        if limit >= 0:
            start = 0
            i = 0
            n = len(item)
            while i < n:
                if to_bool(pred(_Char(item[i]))):
                    pieces.append(item[start:i])
                    start = i + 1
                    if limit and len(pieces) + 1 == limit:
                        break
                i += 1
            pieces.append(item[start:])
        else:
            end = len(item)
            i = len(item) - 1
            while i >= 0:
                if to_bool(pred(_Char(item[i]))):
                    pieces.append(item[i + 1:end])
                    end = i
                    if -limit == len(pieces) + 1:
                        break
                i -= 1
            pieces.append(item[:end])
            pieces.reverse()
        results.extend(pieces)
    return results


def unary_split(value):
    """-split x: split on whitespace, ignoring leading and trailing whitespace."""
    out = []
    for item in _split_contents(value):
        s = item.strip()
        out.extend(re.split(r"\s+", s) if s else [""])
    return out


# ---------------------------------------------------------------------------------------------
# -join

def join(left, right=""):
    sep = to_string(right)
    it = enumerate_object(left)
    if it is None:
        return to_string(left)
    return sep.join([element_to_string(x) for x in it])


def unary_join(value):
    return join(value, "")


# ---------------------------------------------------------------------------------------------
# -is -isnot -as

_PRIMITIVE_EXACT = {int, float, str, bool, Decimal}


def _type_names(value):
    try:
        from spshell.runtime import types
        return [n.lower() for n in types.type_names_of(value)]
    except Exception:  # types module unavailable: derive from the class
        from spshell.runtime.conversion import _builtin_type_name
        names = []
        for cls in type(value).__mro__:
            t = cls.__dict__.get("__ps_type__")
            if t:
                names.append(t.lower())
        if not names:
            names.append(_builtin_type_name(value).lower())
        if isinstance(value, (list, tuple)):
            names += ["system.array"]
        names.append("system.object")
        return names


def _resolve_type_arg(t):
    if isinstance(t, str):
        from spshell.runtime import types
        r = types.resolve_type(t)
        if r is None:
            raise _runtime_error(f"Unable to find type [{t}].", error_id="TypeNotFound")
        return r
    return t


def is_type(value, type_):
    """-is: value is an instance of the type (PSType, class or type name)."""
    if type_ is None:
        raise _runtime_error("The right operand of '-is' must be a type.",
                             error_id="IsOperatorRequiresType")
    t = _resolve_type_arg(type_)
    if value is None or value is AutomationNull:
        return False
    if not isinstance(t, type):
        try:
            from spshell.runtime import types
        except ImportError:
            types = None
        if types is not None and isinstance(t, types.PSType):
            return types.is_instance(value, t)
    if isinstance(t, type):
        cls = t
        name = getattr(t, "__ps_type__", None)
        if name is None:
            from spshell.runtime.conversion import _builtin_type_name_for_class
            name = _builtin_type_name_for_class(t)
    else:
        cls = getattr(t, "cls", None)
        name = getattr(t, "FullName", None) or ""
    low = name.lower()
    if low == "system.object":
        return True
    if low == "system.management.automation.psobject":
        return isinstance(value, PSCustomObject)
    if low == "system.management.automation.pscustomobject":
        return isinstance(value, PSCustomObject)
    elem = getattr(t, "element_type", None) if not isinstance(t, type) else None
    if elem is not None or low.endswith("[]"):
        if not isinstance(value, (list, tuple)):
            return False
        if low in ("system.object[]",):
            return type(value) in (list, tuple) or low in _type_names(value)
        return low in _type_names(value)
    if low == "system.array":
        return isinstance(value, (list, tuple))
    if cls in _PRIMITIVE_EXACT:
        return type(value) is cls
    if low in _type_names(value):
        return True
    if isinstance(cls, type) and cls not in (object,) and not issubclass(cls, (int, float, str)):
        try:
            return isinstance(value, cls)
        except TypeError:
            return False
    return False


def is_not_type(value, type_):
    return not is_type(value, type_)


def as_operator(value, type_):
    if type_ is None:
        raise _runtime_error("The right operand of '-as' must be a type.",
                             error_id="AsOperatorRequiresType")
    return as_type(value, type_)


# ---------------------------------------------------------------------------------------------
# bitwise

def _bit_operand(v):
    if v is None or v is AutomationNull:
        return 0, 9
    if isinstance(v, enum.Enum):
        return int(v.value), 11
    if isinstance(v, str) and not isinstance(v, _Char):
        v = _string_as_number(v)
    c = _code(v)
    if c is None:
        raise cast_error(v, "System.Int64")
    if c == 3:
        return int(v), 9
    if c == 4:
        return ord(v), 9
    if c in (13, 14, 15):
        iv = _n.round_half_even(v) if (v == v and abs(v) != float("inf")) else None
        if iv is None or not (-2 ** 63 <= iv < 2 ** 64):
            raise cast_error(v, "System.Int64", _n.overflow_message(11))
        return iv, 9 if _INT_MIN <= iv <= _INT_MAX else (11 if iv < 2 ** 63 else 12)
    if c == _n.TC_BIGINT:
        return int(v), 11
    return int(v), c


def _bit_width(lc, rc):
    code = max(lc, rc, 9)
    if code <= 9:
        return 9
    if code == 10:
        return 10 if min(lc, rc) >= 6 or min(lc, rc) == 8 else 11
    return 11 if code == 11 else 12


def _wrap_bits(value, code):
    bits = 32 if code in (9, 10) else 64
    value &= (1 << bits) - 1
    if code in (9, 11) and value >= 1 << (bits - 1):
        value -= 1 << bits
    return value if code == 9 else int.__new__(_n.INT_CLASSES[code], value)


def _bitwise(op, left, right):
    if isinstance(left, enum.Flag) and isinstance(right, (enum.Flag, str, int)):
        other = right if isinstance(right, enum.Flag) else convert_to(right, type(left))
        return {"band": left & other, "bor": left | other, "bxor": left ^ other}[op]
    a, lc = _bit_operand(left)
    b, rc = _bit_operand(right)
    code = _bit_width(lc, rc)
    r = {"band": a & b, "bor": a | b, "bxor": a ^ b}[op]
    return _wrap_bits(r, code)


def band(left, right):
    if type(left) is int and type(right) is int:
        return left & right
    return _bitwise("band", left, right)


def bor(left, right):
    if type(left) is int and type(right) is int:
        return left | right
    return _bitwise("bor", left, right)


def bxor(left, right):
    if type(left) is int and type(right) is int:
        return left ^ right
    return _bitwise("bxor", left, right)


def bnot(value):
    if type(value) is int:
        return ~value
    a, c = _bit_operand(value)
    return _wrap_bits(~a, 9 if c <= 9 else (11 if c == 11 else c if c in (10, 12) else 11))


def shl(left, right):
    a, lc = _bit_operand(left)
    b, _ = _bit_operand(right)
    code = _bit_width(lc, 9)
    bits = 32 if code in (9, 10) else 64
    return _wrap_bits(a << (b & (bits - 1)), code)


def shr(left, right):
    a, lc = _bit_operand(left)
    b, _ = _bit_operand(right)
    code = _bit_width(lc, 9)
    bits = 32 if code in (9, 10) else 64
    return _wrap_bits(a >> (b & (bits - 1)), code)


# ---------------------------------------------------------------------------------------------
# logical

def logical_not(value):
    return not to_bool(value)


def logical_and(left, right):
    return to_bool(left) and to_bool(right)


def logical_or(left, right):
    return to_bool(left) or to_bool(right)


def logical_xor(left, right):
    return to_bool(left) != to_bool(right)


# ---------------------------------------------------------------------------------------------
# range

def _range_char(v):
    if isinstance(v, _Char):
        return v
    if isinstance(v, str) and len(v) == 1 and not v.isdigit():
        return v
    return None


def _range_bounds(start, end):
    a, b = _range_char(start), _range_char(end)
    if a is not None and b is not None:
        return ord(a), ord(b), True
    try:
        return convert_to(start, int), convert_to(end, int), False
    except PSInvalidCastException as e:
        raise _runtime_error(e.Message, e) from None


def range_iter(start, end):
    """Lazy start..end for foreach/pipelines."""
    lo, hi, chars = _range_bounds(start, end)
    step = 1 if hi >= lo else -1
    if chars:
        return (_Char(chr(i)) for i in range(lo, hi + step, step))
    return iter(range(lo, hi + step, step))


def range_op(start, end):
    """start..end as an array: ints (Int32) or, for single letters, chars; descending works."""
    lo, hi, chars = _range_bounds(start, end)
    step = 1 if hi >= lo else -1
    if chars:
        return [_Char(chr(i)) for i in range(lo, hi + step, step)]
    return list(range(lo, hi + step, step))


# ---------------------------------------------------------------------------------------------
# -f

def format_operator(fmt, args):
    """fmt -f args: .NET composite formatting; an array on the right supplies the arguments."""
    from spshell.runtime.dotnet_format import format_string
    if isinstance(args, (list, tuple)):
        arglist = list(args)
    else:
        it = enumerate_object(args) if args is not None else None
        arglist = list(it) if it is not None else [args]
    try:
        return format_string(to_string(fmt), arglist)
    except FormatException as e:
        raise _runtime_error(f"Error formatting a string: {e.Message}.", e,
                             error_id="FormatError") from None


def format_string(fmt, args):
    """.NET String.Format (composite formatting); re-exported from dotnet_format."""
    from spshell.runtime.dotnet_format import format_string as _fs
    return _fs(fmt, args)


def format_value(value, fmt):
    """value.ToString(fmt); re-exported from dotnet_format."""
    from spshell.runtime.dotnet_format import format_value as _fv
    return _fv(value, fmt)


# ---------------------------------------------------------------------------------------------
# dispatch tables for the compiler


def _with_case(fn, cs):
    return lambda a, b: fn(a, b, cs)


def _cmp_op(word, cs):
    direct = {"eq": eq, "ne": ne, "lt": lt, "le": le, "gt": gt, "ge": ge}[word]
    return lambda a, b: direct(a, b, cs)


BINARY_OPERATORS = {
    "+": add, "-": sub, "*": mul, "/": div, "%": mod,
    "-band": band, "-bor": bor, "-bxor": bxor, "-shl": shl, "-shr": shr,
    "-and": logical_and, "-or": logical_or, "-xor": logical_xor,
    "-join": join, "..": range_op, "-f": format_operator,
    "-is": is_type, "-isnot": is_not_type, "-as": as_operator,
}
for _prefix, _cs in (("", False), ("i", False), ("c", True)):
    for _w in ("eq", "ne", "gt", "ge", "lt", "le"):
        BINARY_OPERATORS[f"-{_prefix}{_w}"] = _cmp_op(_w, _cs)
    BINARY_OPERATORS[f"-{_prefix}like"] = _with_case(like, _cs)
    BINARY_OPERATORS[f"-{_prefix}notlike"] = _with_case(not_like, _cs)
    BINARY_OPERATORS[f"-{_prefix}contains"] = _with_case(contains, _cs)
    BINARY_OPERATORS[f"-{_prefix}notcontains"] = _with_case(not_contains, _cs)
    BINARY_OPERATORS[f"-{_prefix}in"] = _with_case(in_, _cs)
    BINARY_OPERATORS[f"-{_prefix}notin"] = _with_case(not_in, _cs)
    BINARY_OPERATORS[f"-{_prefix}replace"] = _with_case(replace, _cs)
    BINARY_OPERATORS[f"-{_prefix}split"] = _with_case(split, _cs)
    # -match returns (result, $Matches or None); the compiler assigns $Matches
    BINARY_OPERATORS[f"-{_prefix}match"] = _with_case(match, _cs)
    BINARY_OPERATORS[f"-{_prefix}notmatch"] = _with_case(not_match, _cs)

UNARY_OPERATORS = {
    "-": negate, "+": unary_plus, "!": logical_not, "-not": logical_not, "-bnot": bnot,
    "-split": unary_split, "-join": unary_join,
}

MATCH_OPERATORS = frozenset(k for k in BINARY_OPERATORS if k.endswith("match"))


def binary_operator(op):
    """The fn(left, right) for an operator token ('-eq', '-creplace', '+', ...)."""
    fn = BINARY_OPERATORS.get(op.lower())
    if fn is None:
        raise _runtime_error(f"Unexpected operator '{op}'.")
    return fn


def match_operator(op):
    """fn(left, right) -> (result, $Matches or None) for -match/-notmatch and their variants."""
    return binary_operator(op)


def unary_operator(op):
    fn = UNARY_OPERATORS.get(op.lower())
    if fn is None:
        raise _runtime_error(f"Internal error - unexpected unary operator {op}.")
    return fn


def binary(op, left, right):
    """Apply a binary operator by its token (slow path; compilers should cache the callable)."""
    fn = BINARY_OPERATORS.get(op.lower())
    if fn is None:
        raise _runtime_error(f"Unexpected operator '{op}'.")
    return fn(left, right)


def unary(op, value):
    fn = UNARY_OPERATORS.get(op.lower())
    if fn is None:
        raise _runtime_error(f"Internal error - unexpected unary operator {op}.")
    return fn(value)
