"""Writing one setting into the settings file, keeping the rest of it as the person wrote
it (used to remember the theme chosen in the command palette)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from recovery_tui.atomic import write_atomically
from recovery_tui.config import CHECKS, SAVABLE, TABLE_HEADER, Value, config_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def save_setting(name: str, value: Value | None, path: Path | None = None) -> Path:
    """Remember one top-level setting (e.g. the theme picked in the command palette), keeping
    the rest of the file's text and comments; ``None`` removes the setting (back to default).

    Returns the file written (0600, folder 0700). Raises ValueError for a setting that can't be
    saved this way or a bad value (the file is left as it was), OSError if it can't be written.
    """
    if name not in SAVABLE:
        raise ValueError(f"'{name}' can't be saved from the app; edit the settings file instead.")
    if value is not None:
        problem = CHECKS[name](value)
        if problem:
            raise ValueError(f"{name}{problem}")
    file = config_path() if path is None else path
    if file.is_symlink():  # a managed dotfile: write through the link, don't replace it
        file = file.resolve()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raw = b""
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3 if bom else 0 :].decode("utf-8", errors="surrogateescape")
    new_text = _with_setting(text, name, value)
    _check_edit(text, new_text, name, value)
    payload = new_text.encode("utf-8", errors="surrogateescape")
    write_atomically(file, (b"\xef\xbb\xbf" if bom else b"") + payload)
    return file


def _toml_value(value: Value) -> str:
    """A TOML literal: true/false, an integer, or a basic string with escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = []
    for char in value:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _trailing_comment(line: str) -> str:
    """The comment after a value, with the space before it (a '#' inside a string is not)."""
    for index, char in enumerate(line):
        if char == "#":
            try:
                tomllib.loads(line[:index])
            except tomllib.TOMLDecodeError:
                continue
            return line[len(line[:index].rstrip()) :]
    return ""


def _with_setting(text: str, name: str, value: Value | None) -> str:
    """``text`` with ``name = value`` changed in place, or added at the top level."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    top = next((i for i, line in enumerate(lines) if TABLE_HEADER.match(line)), len(lines))
    quoted = re.escape(name)
    assignment = re.compile(rf"^\s*(?:{quoted}|\"{quoted}\"|'{quoted}')\s*=")
    for index in range(top):
        found = assignment.match(lines[index])
        if found:
            if value is None:
                del lines[index]
            else:
                body = lines[index].rstrip("\r\n")
                comment = _trailing_comment(body)
                lines[index] = f"{found.group(0)} {_toml_value(value)}{comment}{newline}"
            return "".join(lines)
    if value is None:
        return text
    new_lines = [f"{name} = {_toml_value(value)}{newline}"]
    example = re.compile(rf"^\s*#\s*{quoted}\s*=")
    at = next((i + 1 for i in range(top) if example.match(lines[i])), None)
    if at is None and top < len(lines):  # before the first table and the comments above it
        at = top
        while at > 0 and lines[at - 1].lstrip().startswith("#"):
            at -= 1
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        if lines[at].strip():
            new_lines.append(newline)  # a blank line before the table that follows
    elif at is None:
        at = len(lines)
    if at > 0 and not lines[at - 1].endswith(("\n", "\r")):
        lines[at - 1] += newline
    lines[at:at] = new_lines
    return "".join(lines)


def _check_edit(old: str, new: str, name: str, value: Value | None) -> None:
    """If the file was valid TOML, the edited one must be too, with only ``name`` changed."""
    try:
        before = tomllib.loads(old)
    except tomllib.TOMLDecodeError:
        return  # already broken: the line edit changes nothing else, and load_config explains
    try:
        after = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        after = None
    expected = dict(before)
    expected.pop(name, None)
    if value is not None:
        expected[name] = value
    if after != expected:
        raise ValueError(
            f"{name} could not be changed safely in the settings file; it was left as it was."
        )
