"""The plan exchange format, version 1 (``plan-format.md``): plan <-> JSON values.

One generic converter walks the model's dataclasses and their type hints, so every list of
the plan is read and written the same way and a new field needs no new code. Reading is
strict: wrong types, unknown keys, bad dates and out-of-range numbers raise
:class:`~recovery_tui.model.PlanError` naming the field path. Text is cleaned of control
characters on the way in (see :mod:`recovery_tui.text`).
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import orjson

from recovery_tui.model import Plan, PlanError, check_plan
from recovery_tui.text import clean

FORMAT_NAME = "recovery-tui-plan"
FORMAT_VERSION = 1
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
T = TypeVar("T")


def to_data(value: Any) -> Any:
    """Return the JSON value for a model object, date, tuple or plain value (a field added
    after version 1 is left out while it holds its default: see ``model.added_later``)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        later = _added_later(type(value))
        return {
            f.name: to_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in later or getattr(value, f.name) != later[f.name]
        }
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [to_data(item) for item in value]
    return value


@cache
def _added_later(cls: type) -> dict[str, Any]:
    """The fields of ``cls`` added after version 1, with their defaults."""
    return {f.name: f.default for f in dataclasses.fields(cls) if f.metadata.get("added_later")}


def from_data(cls: type[T], data: Any, path: str = "") -> T:
    """Build a model object of ``cls`` from JSON ``data``; errors name the field path."""
    return typing.cast(T, _read_checked(cls, data, path))


def plan_list_from_data(name: str, docs: list[Any]) -> tuple[Any, ...]:
    """Read the plan list ``name`` (``"goals"``...) from its documents."""
    return typing.cast(tuple[Any, ...], _read_checked(_hints(Plan)[name], docs, name))


def _read_checked(tp: Any, value: Any, path: str) -> Any:
    """The fast reader for good data; the careful one, which names the problem, if not."""
    try:
        return _reader(tp)(value)
    except _Invalid:
        return _read(tp, value, path)


class _Invalid(Exception):
    """A value the fast reader does not take; :func:`_read` then says why."""


@cache
def _reader(tp: Any) -> Callable[[Any], Any]:
    """A reader for type ``tp`` made once, with no paths or messages: ten years of
    check-ins load in a tenth of the time of :func:`_read`, which they must agree with."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = next(a for a in get_args(tp) if a is not type(None))
        read_inner, empty = _reader(inner), ("",) if inner is date else ()
        return lambda v: None if v is None or v in empty else read_inner(v)
    if origin is Literal:
        choices = get_args(tp)
        return lambda v: v if type(v) is str and v in choices else _invalid()
    if origin is tuple:
        read_item = _reader(get_args(tp)[0])
        return lambda v: tuple(map(read_item, v)) if type(v) is list else _invalid()
    if tp is str:
        return lambda v: clean(v) if type(v) is str else _invalid()
    if tp in (bool, int):
        return lambda v: v if type(v) is tp else _invalid()
    if tp is date:
        return _fast_date
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _object_reader(tp)
    raise TypeError(f"no reader for {tp!r}")


def _invalid() -> Any:
    raise _Invalid


def _fast_date(value: Any) -> date:
    if type(value) is not str or not _DATE.fullmatch(value):
        raise _Invalid
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Invalid from None


def _object_reader(cls: type) -> Callable[[Any], Any]:
    hints = _hints(cls)
    specs = [
        (f.name, _reader(hints[f.name]),
         f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls)
    ]  # fmt: skip
    names = frozenset(name for name, _, _ in specs)

    def read(value: Any) -> Any:
        if type(value) is not dict or not names.issuperset(value):
            raise _Invalid
        kwargs = {}
        for name, read_field, required in specs:
            if name in value:
                kwargs[name] = read_field(value[name])
            elif required:
                raise _Invalid
        try:
            return cls(**kwargs)
        except PlanError:
            raise _Invalid from None

    return read


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _show(value: Any) -> str:
    """A short quote of a bad value for an error message."""
    try:
        shown = json.dumps(value, ensure_ascii=False)
    except RecursionError:
        return "a deeply nested value"
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _read(tp: Any, value: Any, path: str) -> Any:
    """Read ``value`` as type ``tp`` (the subset of typing the model uses)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = next(a for a in get_args(tp) if a is not type(None))
        if value is None or (value == "" and inner is date):
            return None
        return _read(inner, value, path)
    if origin is Literal:
        choices = get_args(tp)
        if value not in choices:
            options = ", ".join(choices)
            raise PlanError(path, f"{_show(value)} is not one of: {options}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise PlanError(path, f"{_show(value)} is not a list")
        item_type = get_args(tp)[0]
        return tuple(_read(item_type, item, f"{path}[{i}]") for i, item in enumerate(value))
    if tp is str:
        if not isinstance(value, str):
            raise PlanError(path, f"{_show(value)} is not text")
        return clean(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise PlanError(path, f"{_show(value)} is not true or false")
        return value
    if tp is int:
        if type(value) is not int:
            raise PlanError(path, f"{_show(value)} is not a whole number")
        return value
    if tp is date:
        return _read_date(value, path)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _read_object(tp, value, path)
    raise TypeError(f"no reader for {tp!r}")  # a model change the converter does not know


def _read_date(value: Any, path: str) -> date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PlanError(path, f"{_show(value)} is not a date (YYYY-MM-DD)")


def _read_object(cls: type, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise PlanError(path, f"{_show(value)} is not an object")
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in value:
        if key not in fields:
            raise PlanError(_join(path, str(key)), "is not a known field")
    kwargs: dict[str, Any] = {}
    for name, f in fields.items():
        if name in value:
            kwargs[name] = _read(hints[name], value[name], _join(path, name))
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise PlanError(_join(path, name), "is missing")
    try:
        return cls(**kwargs)
    except PlanError as error:
        raise error.under(path) from None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def plan_to_data(plan: Plan, exported_at: datetime) -> dict[str, Any]:
    """Return the whole plan as an exchange-format object."""
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": exported_at.replace(microsecond=0).isoformat(),
    }
    return {**header, **to_data(plan)}


def plan_from_data(data: Any) -> Plan:
    """Read an exchange-format object; raise :class:`PlanError` for the first problem."""
    if not isinstance(data, dict):
        raise PlanError("", "the file does not hold a plan (expected one JSON object)")
    if data.get("format") != FORMAT_NAME:
        raise PlanError("format", f'must be "{FORMAT_NAME}"')
    version = data.get("version")
    if type(version) is not int:
        raise PlanError("version", "must be a whole number")
    if version > FORMAT_VERSION:
        raise PlanError(
            "version",
            f"{version} is newer than this recovery-tui reads ({FORMAT_VERSION}): please update it",
        )
    if version < 1:
        raise PlanError("version", f"{version} is not a known version")
    exported_at = data.get("exported_at")
    if exported_at is not None and not _is_time(exported_at):
        raise PlanError("exported_at", f"{_show(exported_at)} is not a time (YYYY-MM-DDTHH:MM:SS)")
    body = {k: v for k, v in data.items() if k not in ("format", "version", "exported_at")}
    plan = from_data(Plan, body)
    check_plan(plan)
    return plan


def _is_time(value: Any) -> bool:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f'the key "{key}" appears twice in one object')
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def strict_json_loads(text: str | bytes) -> Any:
    """Parse JSON refusing what Python's json accepts but JSON does not (NaN, repeated keys).

    Raises ValueError with a plain-words reason (json.JSONDecodeError is a ValueError).
    The plan file as the app writes it (orjson's compact form) is parsed by orjson, ten
    times faster: if orjson's own encoding of what it read gives back the very same bytes,
    there was nothing to refuse. Anything else goes through the careful parser.
    """
    if isinstance(text, bytes):  # a file; text may hold lone surrogates bytes cannot
        try:
            data = orjson.loads(text)
            if orjson.dumps(data) == text:
                return data
        except (orjson.JSONDecodeError, orjson.JSONEncodeError):  # e.g. nested too deep
            pass
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)


def dumps(data: Any) -> str:
    """Return ``data`` as readable UTF-8 JSON text, keys in the format's order."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def loads_plan(text: str | bytes) -> Plan:
    """Parse exchange-format JSON text into a plan (PlanError for any problem)."""
    try:
        data = strict_json_loads(text)
    except RecursionError:
        raise PlanError("", "the file nests too deeply to be a plan") from None
    except ValueError as error:
        raise PlanError("", f"the file is not valid JSON ({error})") from None
    try:
        return plan_from_data(data)
    except RecursionError:
        raise PlanError("", "the file nests too deeply to be a plan") from None
