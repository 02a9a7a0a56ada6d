"""The pipeline's dataclasses as plain JSON values and back, exactly, for caches (never for reports: those have their contracts).

Decoding is driven by the dataclasses' own type hints, so a field added to a model travels without a change here;
a value of the wrong shape raises `CodecError` (a cache entry of another version), never builds a half-valid object.
"""

from __future__ import annotations

import dataclasses
import types
import typing
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
    return typing.cast(T, _decode(kind, value))


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _decode(kind: Any, value: object) -> object:
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _decode(option, value)
            except CodecError as error:
                errors.append(str(error))
        raise CodecError("; ".join(errors) or "no type fits")
    if origin is tuple:
        if not isinstance(value, list):
            raise CodecError(f"expected a list for {kind}")
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in value)
        if len(args) != len(value):
            raise CodecError(f"expected {len(args)} items for {kind}")
        return tuple(_decode(arg, item) for arg, item in zip(args, value))
    if origin is dict:
        key_type, item_type = typing.get_args(kind)
        if not isinstance(value, dict):
            raise CodecError(f"expected an object for {kind}")
        return {_decode(key_type, key): _decode(item_type, item) for key, item in value.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise CodecError(f"expected an object for {kind.__name__}")
        hints = _hints(kind)
        names = {f.name for f in dataclasses.fields(kind) if f.init}
        if set(value) - names:
            raise CodecError(f"unknown fields for {kind.__name__}: {sorted(set(value) - names)}")
        try:
            return kind(**{name: _decode(hints[name], item) for name, item in value.items()})
        except TypeError as error:  # a required field missing
            raise CodecError(f"{kind.__name__}: {error}") from None
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(value)
        except ValueError:
            raise CodecError(f"not a {kind.__name__}: {value!r}") from None
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if kind in (str, int, bool) and type(value) is kind:
        return value
    if kind is type(None) and value is None:
        return None
    raise CodecError(f"expected {getattr(kind, '__name__', kind)}, got {type(value).__name__}")
