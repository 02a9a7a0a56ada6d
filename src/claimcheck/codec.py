"""The pipeline's dataclasses as plain JSON values and back, exactly, for caches (never for reports: those have their contracts).

Decoding is driven by the dataclasses' own type hints, so a field added to a model travels without a change here;
a value of the wrong shape raises `CodecError` (a cache entry of another version), never builds a half-valid object.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union

T = TypeVar("T")


class CodecError(ValueError):
    """A value that does not have the shape of the type asked for."""


def to_plain(value: object) -> Any:
    """A dataclass tree as JSON-ready values: dataclasses as field dicts, enums as values, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise CodecError(f"cannot encode a {type(value).__name__}")


def from_plain(kind: type[T], value: object) -> T:
    """The object of type `kind` that `to_plain` made `value` from."""
    return typing.cast(T, _decoder(typing.cast(Any, kind))(value))


Decoder = Callable[[object], object]


@cache
def _decoder(kind: Any) -> Decoder:
    """A function decoding values of `kind`, built once per type (a memo entry holds thousands of small objects)."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        options = typing.get_args(kind)
        nullable = type(None) in options
        choices = [option for option in options if option is not type(None)]

        if len(choices) == 1:  # `X | None`, the common case: no error list to build
            only = _decoder(choices[0])

            def optional(value: object) -> object:
                return None if value is None and nullable else only(value)

            return optional

        def union(value: object) -> object:
            if value is None and nullable:
                return None
            errors = []
            for option in choices:
                try:
                    return _decoder(option)(value)
                except CodecError as error:
                    errors.append(str(error))
            raise CodecError("; ".join(errors) or "no type fits")

        return union
    if origin is tuple:
        args = typing.get_args(kind)

        def sequence(value: object) -> object:
            if not isinstance(value, list):
                raise CodecError(f"expected a list for {kind}")
            if len(args) == 2 and args[1] is Ellipsis:
                exact = _EXACT.get(args[0])
                if exact is not None and all(type(v) is exact for v in value):
                    return tuple(value)  # scalars of the right type: nothing to convert
                return tuple(map(_decoder(args[0]), value))
            if len(args) != len(value):
                raise CodecError(f"expected {len(args)} items for {kind}")
            return tuple(_decoder(arg)(v) for arg, v in zip(args, value))

        return sequence
    if origin is dict:
        key_type, item_type = typing.get_args(kind)

        def mapping(value: object) -> object:
            if not isinstance(value, dict):
                raise CodecError(f"expected an object for {kind}")
            # Keys and values JSON gives back as they are (an evidence item's signals: str → float) are taken without a call.
            keys, items = _PASSED.get(key_type, ()), _PASSED.get(item_type, ())
            if all(type(k) in keys and type(v) in items for k, v in value.items()):
                return dict(value)
            key, item = _decoder(key_type), _decoder(item_type)
            return {key(k): item(v) for k, v in value.items()}

        return mapping
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        names = frozenset(f.name for f in dataclasses.fields(kind) if f.init)
        fields: dict[str, Decoder] = {}  # filled on first use: a dataclass may refer to itself
        passed: dict[str, tuple[type, ...]] = {}

        def record(value: object) -> object:
            if not isinstance(value, dict):
                raise CodecError(f"expected an object for {kind.__name__}")
            if not names.issuperset(value):
                raise CodecError(f"unknown fields for {kind.__name__}: {sorted(set(value) - names)}")
            if not fields:
                hints = {name: hint for name, hint in typing.get_type_hints(kind).items() if name in names}
                fields.update({name: _decoder(hint) for name, hint in hints.items()})
                passed.update({name: _PASSED.get(hint, ()) for name, hint in hints.items()})
            # A field holding a value that decodes to itself (a str in a str field, None or an int in an `int | None` one) is
            # taken as it is, without a call.
            try:
                return kind(**{name: item if type(item) in passed[name] else fields[name](item) for name, item in value.items()})
            except TypeError as error:  # a required field missing
                raise CodecError(f"{kind.__name__}: {error}") from None

        return record
    if isinstance(kind, type) and issubclass(kind, Enum):

        def member(value: object) -> object:
            try:
                return kind(value)
            except ValueError:
                raise CodecError(f"not a {kind.__name__}: {value!r}") from None

        return member
    return _scalar(kind)


# Types whose values JSON gives back as themselves (float is not: JSON writes 2.0 as 2).
_EXACT: dict[object, type] = {str: str, int: int, bool: bool}
# For each simple type hint, the types of JSON values its decoder gives back unchanged: a float field's float (an int there
# is converted), an `X | None` field's None and X's own.
_PASSED: dict[object, tuple[type, ...]] = {
    **{hint: (kind,) for hint, kind in _EXACT.items()},
    float: (float,),
    **{kind | None: (kind, type(None)) for kind in _EXACT.values()},
    float | None: (float, type(None)),
}


def _scalar(kind: Any) -> Decoder:
    """A decoder for float, str, int, bool or None."""

    def scalar(value: object) -> object:
        if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if kind in (str, int, bool) and type(value) is kind:
            return value
        if kind is type(None) and value is None:
            return None
        raise CodecError(f"expected {getattr(kind, '__name__', kind)}, got {type(value).__name__}")

    return scalar
