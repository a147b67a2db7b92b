"""Settings from a small TOML file: theme, keys, review rhythm, cursor blink and mouse.

Read at start-up before Textual is imported (so it stays cheap), and a mistake in the file never
stops the app: each problem becomes a plain message and that setting keeps its default.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from recovery_tui.paths import APP_NAME

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_ENV = "RECOVERY_TUI_CONFIG"
DEFAULT_THEME = "textual-dark"
# Textual 8's built-in themes (textual.theme.BUILTIN_THEMES), copied so that reading the
# settings does not import Textual; a test checks each name against the installed Textual.
THEMES: frozenset[str] = frozenset(
    {
        "ansi-dark",
        "ansi-light",
        "atom-one-dark",
        "atom-one-light",
        "catppuccin-frappe",
        "catppuccin-latte",
        "catppuccin-macchiato",
        "catppuccin-mocha",
        "dracula",
        "flexoki",
        "gruvbox",
        "monokai",
        "nord",
        "rose-pine",
        "rose-pine-dawn",
        "rose-pine-moon",
        "solarized-dark",
        "solarized-light",
        "textual-dark",
        "textual-light",
        "tokyo-night",
    }
)
SETTINGS = ("theme", "keys", "review_every_days", "cursor_blink", "mouse")
# The settings save_setting() can write: one line each at the top of the file.
SAVABLE = ("theme", "review_every_days", "cursor_blink", "mouse")
BINDING_ID = re.compile(r"^[a-z_]+\.[a-z_]+$")
REVIEW_DAYS_RANGE = range(1, 367)

Value = str | int | bool


def _no_keys() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Config:
    """The user's settings; every field has a default, so a missing file is a valid config."""

    theme: str = DEFAULT_THEME
    # binding id -> comma-separated keys, ready for App.set_keymap (unknown ids: the app warns)
    keys: Mapping[str, str] = field(default_factory=_no_keys)
    review_every_days: int | None = None  # None: the plan's own review rhythm
    cursor_blink: bool | None = None  # None: blink, except over SSH
    mouse: bool = True

    def blink(self, environ: Mapping[str, str] | None = None) -> bool:
        """Whether the cursor blinks: the setting, else on unless over SSH (an idle blinking
        cursor keeps sending data down the connection)."""
        if self.cursor_blink is not None:
            return self.cursor_blink
        return "SSH_CONNECTION" not in (os.environ if environ is None else environ)


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$RECOVERY_TUI_CONFIG``, else ``config.toml`` in the platform's user config folder."""
    from_env = (os.environ if environ is None else environ).get(CONFIG_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


# ---------------------------------------------------------------------------------- reading


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings in ``path`` (default: ``config_path()``) and plain-language problems.

    Never raises for a bad file: a file that can't be read gives the defaults and one message;
    a bad value gives that setting's default and a message naming it and its line."""
    file = config_path() if path is None else path
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return Config(), []
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return Config(), [
            f"Your settings file {file} could not be opened ({reason}), "
            "so the default settings are in use for now."
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Config(), [
            f"Your settings file {file} is not plain text (UTF-8) on line {line}, "
            "so the default settings are in use for now."
        ]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Config(), [_syntax_message(file, text, error)]
    return _config_from(data, _Lines(text))


_AT = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$")


def _plain(reason: str) -> str:
    """tomllib's reason, with plain words for the mistakes people make most."""
    if reason.startswith("Invalid value"):
        return reason + '; words need quotes, like theme = "nord"'
    if reason.startswith("Cannot overwrite a value"):
        return reason + "; a setting is written twice"
    if reason.startswith("Cannot declare"):  # "Cannot declare ('keys',) twice"
        return "a table is written twice"
    return reason


def _syntax_message(file: Path, text: str, error: tomllib.TOMLDecodeError) -> str:
    """Name the file and the line; tomllib puts "(at line N, column M)" in its message."""
    reason = str(error).splitlines()[0] if str(error) else "not valid TOML"
    found = _AT.search(reason)
    line = getattr(error, "lineno", None)  # Python 3.14 and tomli 2.1+ give it directly
    if found:
        reason = reason[: found.start()]
        if line is None:
            line = int(found.group(1)) if found.group(1) else max(1, len(text.splitlines()))
    where = f" on line {line}" if line else ""
    return (
        f"Your settings file {file} has a mistake{where} ({_plain(reason)}), "
        "so the default settings are in use for now; everything else works as usual."
    )


_KEY = r'(?:[A-Za-z0-9_-]+|"[^"\n]*"|\'[^\'\n]*\')'
_KEY_LINE = re.compile(rf"^\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")
TABLE_HEADER = re.compile(rf"^\s*\[\[?\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]\]?\s*(?:#.*)?$")


def _key_path(dotted: str) -> tuple[str, ...]:
    """``keys."app.crisis"`` -> ("keys", "app.crisis")."""
    parts = re.findall(_KEY, dotted)
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in parts)


class _Lines:
    """Finds the line a setting was written on, for messages (a best effort, not a parser)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.first: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(self.lines, start=1):
            header = TABLE_HEADER.match(line)
            if header:
                table = _key_path(header.group(1))
                self.first.setdefault(table, number)
                continue
            key = _KEY_LINE.match(line)
            if key:
                self.first.setdefault(table + _key_path(key.group(1)), number)

    def of(self, *path: str) -> int | None:
        """The line of ``path`` (e.g. "keys", "app.crisis"), also inside an inline table."""
        if path in self.first:
            return self.first[path]
        inside = [line for key, line in self.first.items() if key[: len(path)] == path]
        if inside:  # only dotted keys below it, as in keys."app.crisis" = "f9"
            return min(inside)
        start = self.first.get(path[:-1], 1) if len(path) > 1 else 1
        name = re.escape(path[-1])
        inline = re.compile(rf"(?:^|[{{,.\s])(?:{name}|\"{name}\"|'{name}')\s*=")
        for number in range(start, len(self.lines) + 1):
            if inline.search(self.lines[number - 1]):
                return number
        return None


def _at(line: int | None) -> str:
    return f" (line {line})" if line else ""


def _show(value: object) -> str:
    """A value as it would look in the file, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _unknown(name: str, line: int | None) -> str:
    close = difflib.get_close_matches(name, SETTINGS, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "it was left out."
    return f"unknown setting '{name}'{_at(line)}; {hint}"


def _config_from(data: Mapping[str, object], lines: _Lines) -> tuple[Config, list[str]]:
    """Check each setting on its own, so one mistake costs only that setting."""
    problems: list[str] = []
    good: dict[str, object] = {}
    keys: Mapping[str, str] = _no_keys()
    for name, value in data.items():
        line = lines.of(name)
        if name not in SETTINGS:
            problems.append(_unknown(name, line))
        elif name == "keys":
            keys = _read_keys(value, lines, problems)
        else:
            problem = CHECKS[name](value)
            if problem:
                problems.append(f"{name}{_at(line)}{problem}")
            else:
                good[name] = value
    theme, days = good.get("theme", DEFAULT_THEME), good.get("review_every_days")
    blink, mouse = good.get("cursor_blink"), good.get("mouse", True)
    config = Config(
        theme=theme if isinstance(theme, str) else DEFAULT_THEME,
        keys=keys,
        review_every_days=days if isinstance(days, int) else None,
        cursor_blink=blink if isinstance(blink, bool) else None,
        mouse=mouse if isinstance(mouse, bool) else True,
    )
    return config, problems


def _check_theme(value: object) -> str | None:
    """None if ``value`` is a theme name, else what is wrong (it follows "theme (line N)")."""
    default = f"the default theme ({DEFAULT_THEME}) is used for now."
    if not isinstance(value, str):
        return (
            f' should be a theme name in quotes, like theme = "nord", not {_show(value)}; {default}'
        )
    if value in THEMES:
        return None
    close = difflib.get_close_matches(value.lower(), THEMES, n=1)
    hint = (
        f"did you mean '{close[0]}'?" if close else f"the themes are {', '.join(sorted(THEMES))}."
    )
    return f": there is no theme called {_show(value)}; {hint} T{default[1:]}"


def _check_review_days(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value in REVIEW_DAYS_RANGE:
        return None
    return (
        " should be a whole number of days from 1 to 366, like review_every_days = 7, "
        f"not {_show(value)}; your plan's own review rhythm is used for now."
    )


def _check_cursor_blink(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    return (
        f" should be true or false (no quotes), not {_show(value)}; "
        "the cursor blinks as usual for now (except over SSH)."
    )


def _check_mouse(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    return f" should be true or false (no quotes), not {_show(value)}; the mouse stays on for now."


CHECKS: dict[str, Callable[[object], str | None]] = {
    "theme": _check_theme,
    "review_every_days": _check_review_days,
    "cursor_blink": _check_cursor_blink,
    "mouse": _check_mouse,
}


def _key_list(value: object) -> str | None:
    """``"f9"``, ``"f2, ctrl+g"`` or ``["f2", "ctrl+g"]`` -> "f2,ctrl+g"; None if not keys."""
    items = value if isinstance(value, list) else [value]
    keys: list[str] = []
    for item in items:
        if not isinstance(item, str):
            return None
        for key in item.split(","):
            key = key.strip()
            if not key or any(char.isspace() for char in key):
                return None
            keys.append(key)
    return ",".join(keys) if keys else None


def _read_keys(value: object, lines: _Lines, problems: list[str]) -> Mapping[str, str]:
    """The usable part of the [keys] table; each bad line is skipped with a message."""
    if not isinstance(value, dict):
        problems.append(
            f"keys{_at(lines.of('keys'))} should be a table of actions and keys, like "
            '[keys] with "app.crisis" = "f9" on the next line; no keys were changed.'
        )
        return _no_keys()
    keymap: dict[str, str] = {}
    for binding_id, keys in value.items():
        at = _at(lines.of("keys", binding_id))
        if not BINDING_ID.match(binding_id):
            lower = binding_id.lower()
            hint = f"did you mean '{lower}'?" if BINDING_ID.match(lower) else "it was left out."
            if isinstance(keys, dict) and keys:  # goals.add = "a" nests "add" under "goals"
                hint = f'put the id in quotes, like "{binding_id}.{next(iter(keys))}" = ...'
            problems.append(
                f"keys: '{binding_id}'{at} is not an action's id (they look like "
                f'"app.crisis"); {hint}'
            )
            continue
        joined = _key_list(keys)
        if joined is None:
            problems.append(
                f"keys: '{binding_id}'{at} should be one or more key names in quotes, like "
                f'"f9" or "f9,ctrl+g", not {_show(keys)}; that action keeps its usual keys.'
            )
            continue
        keymap[binding_id] = joined
    return MappingProxyType(keymap)


EXAMPLE_CONFIG = """\
# Settings for recovery-tui (a TOML file). A line starting with # is a note or a setting that
# is switched off: remove the # in front of a setting to use it. A mistake in this file never
# stops the app; it starts with the usual setting and tells you which line it skipped.
# Where the app looks: $RECOVERY_TUI_CONFIG if set, else config.toml in your config folder
# (on Linux ~/.config/recovery-tui/config.toml).

# Colours. Any built-in theme: textual-dark, textual-light, nord, gruvbox, dracula, monokai,
# tokyo-night, flexoki, solarized-dark, solarized-light, catppuccin-mocha, catppuccin-latte,
# catppuccin-frappe, catppuccin-macchiato, rose-pine, rose-pine-moon, rose-pine-dawn,
# atom-one-dark, atom-one-light, or ansi-dark / ansi-light (your terminal's own colours).
# Choosing a theme in the command palette (ctrl+p, "Theme") remembers it here.
# theme = "textual-dark"

# How many days between plan reviews (1 to 366). Leave it out to use the rhythm in your plan.
# review_every_days = 7

# A blinking text cursor. Leave it out to blink, except over SSH (where an idle blinking
# cursor keeps sending data down the connection).
# cursor_blink = true

# Clicking and scrolling with the mouse. Everything also works by keyboard; false avoids
# stray characters in the terminal if an SSH connection drops.
# mouse = true

# Different keys for an action: its id, then one key or several separated by commas.
# Key names are as Textual writes them: "f9", "ctrl+g", "question_mark", "a", "A".
# [keys]
# "app.crisis_anywhere" = "f2,ctrl+g"   # the crisis screen, from anywhere
# "app.help" = "question_mark,f1"        # every key, explained
# "app.quit_anywhere" = "ctrl+q"         # quit, also while typing
# "tab.next" = "ctrl+pagedown"           # the next tab
# "tab.previous" = "ctrl+pageup"         # the previous tab
# "goals.add" = "a"                      # add a goal (on the Goals tab)
"""
