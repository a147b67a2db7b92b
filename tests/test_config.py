"""The settings file: defaults, each setting, every kind of mistake, saving one setting."""

from __future__ import annotations

import json
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_tui.config import (
    CONFIG_ENV,
    DEFAULT_THEME,
    EXAMPLE_CONFIG,
    THEMES,
    Config,
    config_path,
    load_config,
)
from recovery_tui.config_write import save_setting

SRC = Path(__file__).resolve().parents[1] / "src" / "recovery_tui"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(path: Path) -> tuple[Config, str]:
    config, problems = load_config(path)
    assert len(problems) == 1, problems
    return config, problems[0]


# ------------------------------------------------------------------------- where and defaults


def test_a_missing_file_gives_the_defaults_and_no_problems(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "nowhere" / "config.toml")
    assert config == Config()
    assert problems == []
    assert (config.theme, dict(config.keys), config.mouse) == (DEFAULT_THEME, {}, True)
    assert config.review_every_days is None
    assert config.cursor_blink is None


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "")) == (Config(), [])


def test_the_default_place_is_config_toml_in_the_user_config_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    path = config_path()
    assert path.name == "config.toml"
    assert path.parent.name == "recovery-tui"
    if sys.platform.startswith("linux"):
        assert path == tmp_path / "xdg" / "recovery-tui" / "config.toml"


def test_the_environment_variable_chooses_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write(tmp_path, 'theme = "nord"\n')
    monkeypatch.setenv(CONFIG_ENV, str(path))
    assert config_path() == path
    assert load_config() == (Config(theme="nord"), [])
    save_setting("mouse", False)
    assert load_config(path)[0] == Config(theme="nord", mouse=False)


def test_an_empty_environment_variable_is_ignored() -> None:
    assert config_path({CONFIG_ENV: ""}).name == "config.toml"
    assert config_path({CONFIG_ENV: "~/x.toml"}) == Path.home() / "x.toml"


def test_reading_settings_does_not_import_textual() -> None:
    probe = "import recovery_tui.config, sys, json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = {name.split(".")[0] for name in json.loads(result.stdout)}
    assert "textual" not in loaded
    assert "tinydb" not in loaded


# ------------------------------------------------------------------------------- each setting


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "theme = 'ansi-dark'\n"
        "review_every_days = 14\n"
        "cursor_blink = false\n"
        "mouse = false\n"
        "\n"
        "[keys]\n"
        '"app.crisis" = "f9"\n'
        "'goals.add' = 'plus'\n",
    )
    config, problems = load_config(path)
    assert problems == []
    assert config == Config(
        theme="ansi-dark",
        keys={"app.crisis": "f9", "goals.add": "plus"},
        review_every_days=14,
        cursor_blink=False,
        mouse=False,
    )


@pytest.mark.parametrize("days", [1, 7, 366])
def test_review_days_at_the_edges_are_accepted(tmp_path: Path, days: int) -> None:
    path = write(tmp_path, f"review_every_days = {days}\n")
    assert load_config(path) == (Config(review_every_days=days), [])


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_known_theme_is_accepted(tmp_path: Path, theme: str) -> None:
    assert load_config(write(tmp_path, f'theme = "{theme}"\n')) == (Config(theme=theme), [])


def test_the_theme_names_are_textuals_own() -> None:
    from textual.theme import BUILTIN_THEMES

    assert set(BUILTIN_THEMES) >= THEMES
    assert {"ansi-dark", "ansi-light", DEFAULT_THEME} <= THEMES


@pytest.mark.parametrize(
    ("written", "keymap"),
    [
        ('"f2,ctrl+g"', "f2,ctrl+g"),
        ('" f2 , ctrl+g "', "f2,ctrl+g"),
        ('["f2", "ctrl+g"]', "f2,ctrl+g"),
        ('"A"', "A"),
        ('"question_mark"', "question_mark"),
    ],
)
def test_keys_become_a_keymap_for_textual(tmp_path: Path, written: str, keymap: str) -> None:
    path = write(tmp_path, f'[keys]\n"app.help" = {written}\n')
    assert load_config(path) == (Config(keys={"app.help": keymap}), [])


def test_keys_may_be_an_inline_table_or_dotted(tmp_path: Path) -> None:
    path = write(tmp_path, 'keys = { "app.crisis" = "f9" }\n')
    assert load_config(path)[0].keys == {"app.crisis": "f9"}
    path = write(tmp_path, 'keys."app.crisis" = "f9"\n')
    assert load_config(path)[0].keys == {"app.crisis": "f9"}


def test_a_dotted_id_without_quotes_is_a_nested_table_and_is_reported(tmp_path: Path) -> None:
    # keys.app.help = "f1" means keys -> app -> help in TOML: "app" gets a table, not keys.
    path = write(tmp_path, 'keys."app.crisis" = "f9"\nkeys.app.help = "f1"\n')
    config, problem = only_problem(path)
    assert config.keys == {"app.crisis": "f9"}
    assert problem == (
        "keys: 'app' (line 2) is not an action's id (they look like \"app.crisis\"); "
        'put the id in quotes, like "app.help" = ...'
    )


def test_cursor_blink_follows_ssh_unless_set() -> None:
    over_ssh = {"SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22"}
    assert Config().blink({}) is True
    assert Config().blink(over_ssh) is False
    assert Config(cursor_blink=True).blink(over_ssh) is True
    assert Config(cursor_blink=False).blink({}) is False


# -------------------------------------------------------------------------------- bad values


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "theme = 5",
            'theme (line 3) should be a theme name in quotes, like theme = "nord", not 5; '
            "the default theme (textual-dark) is used for now.",
        ),
        (
            'theme = "nrod"',
            "theme (line 3): there is no theme called \"nrod\"; did you mean 'nord'? "
            "The default theme (textual-dark) is used for now.",
        ),
        (
            'theme = "Solarized-Light"',
            'theme (line 3): there is no theme called "Solarized-Light"; '
            "did you mean 'solarized-light'? The default theme (textual-dark) is used for now.",
        ),
        (
            "review_every_days = 0",
            "review_every_days (line 3) should be a whole number of days from 1 to 366, "
            "like review_every_days = 7, not 0; your plan's own review rhythm is used for now.",
        ),
        (
            "review_every_days = 367",
            "review_every_days (line 3) should be a whole number of days from 1 to 366, "
            "like review_every_days = 7, not 367; your plan's own review rhythm is used for now.",
        ),
        (
            'review_every_days = "7"',
            "review_every_days (line 3) should be a whole number of days from 1 to 366, "
            'like review_every_days = 7, not "7"; your plan\'s own review rhythm is used for now.',
        ),
        (
            "review_every_days = 7.5",
            "review_every_days (line 3) should be a whole number of days from 1 to 366, "
            "like review_every_days = 7, not 7.5; your plan's own review rhythm is used for now.",
        ),
        (
            "review_every_days = true",
            "review_every_days (line 3) should be a whole number of days from 1 to 366, "
            "like review_every_days = 7, not true; your plan's own review rhythm is used for now.",
        ),
        (
            'cursor_blink = "no"',
            'cursor_blink (line 3) should be true or false (no quotes), not "no"; '
            "the cursor blinks as usual for now (except over SSH).",
        ),
        (
            "mouse = 1",
            "mouse (line 3) should be true or false (no quotes), not 1; "
            "the mouse stays on for now.",
        ),
        (
            'keys = "f9"',
            'keys (line 3) should be a table of actions and keys, like [keys] with "app.crisis" '
            '= "f9" on the next line; no keys were changed.',
        ),
    ],
)
def test_a_bad_value_is_named_with_its_line_and_its_default_used(
    tmp_path: Path, line: str, message: str
) -> None:
    path = write(tmp_path, f"# my settings\n\n{line}\n")
    config, problem = only_problem(path)
    assert problem == message
    assert config == Config()


def test_an_unknown_theme_with_nothing_close_lists_the_themes(tmp_path: Path) -> None:
    _, problem = only_problem(write(tmp_path, 'theme = "pink"\n'))
    assert problem.startswith('theme (line 1): there is no theme called "pink"; the themes are ')
    assert all(name in problem for name in THEMES)


def test_one_bad_value_costs_only_that_setting(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nmouse = "off"\nreview_every_days = 3\n')
    config, problem = only_problem(path)
    assert config == Config(theme="nord", review_every_days=3)
    assert problem.startswith("mouse (line 2) ")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            '"app.quit" = ""',
            "keys: 'app.quit' (line 4) should be one or more key names in quotes, like \"f9\" "
            'or "f9,ctrl+g", not ""; that action keeps its usual keys.',
        ),
        (
            '"app.quit" = "ctrl + q"',
            "keys: 'app.quit' (line 4) should be one or more key names in quotes, like \"f9\" "
            'or "f9,ctrl+g", not "ctrl + q"; that action keeps its usual keys.',
        ),
        (
            '"app.quit" = "f1,,f2"',
            "keys: 'app.quit' (line 4) should be one or more key names in quotes, like \"f9\" "
            'or "f9,ctrl+g", not "f1,,f2"; that action keeps its usual keys.',
        ),
        (
            '"app.quit" = 9',
            "keys: 'app.quit' (line 4) should be one or more key names in quotes, like \"f9\" "
            'or "f9,ctrl+g", not 9; that action keeps its usual keys.',
        ),
        (
            '"app.quit" = []',
            "keys: 'app.quit' (line 4) should be one or more key names in quotes, like \"f9\" "
            'or "f9,ctrl+g", not a list; that action keeps its usual keys.',
        ),
        (
            '"App.Quit" = "f10"',
            "keys: 'App.Quit' (line 4) is not an action's id (they look like \"app.crisis\"); "
            "did you mean 'app.quit'?",
        ),
        (
            'quit = "f10"',
            "keys: 'quit' (line 4) is not an action's id (they look like \"app.crisis\"); "
            "it was left out.",
        ),
    ],
)
def test_a_bad_key_line_is_skipped_with_its_line(tmp_path: Path, entry: str, message: str) -> None:
    path = write(tmp_path, f'mouse = true\n\n[keys]\n{entry}\n"app.help" = "f1"\n')
    config, problem = only_problem(path)
    assert problem == message
    assert config.keys == {"app.help": "f1"}


def test_unknown_ids_in_the_right_shape_are_left_for_the_app(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\n"app.no_such_action" = "f9"\n')
    assert load_config(path) == (Config(keys={"app.no_such_action": "f9"}), [])


def test_a_key_in_an_inline_table_is_found_on_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'mouse = true\nkeys = { "app.help" = "f1", "app.quit" = 3 }\n')
    _, problem = only_problem(path)
    assert problem.startswith("keys: 'app.quit' (line 2) ")


# ------------------------------------------------------------------------ unknown settings


def test_an_unknown_setting_suggests_the_closest_one(tmp_path: Path) -> None:
    path = write(tmp_path, '# settings\n\nthme = "nord"\n')
    config, problem = only_problem(path)
    assert problem == "unknown setting 'thme' (line 3); did you mean 'theme'?"
    assert config == Config()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("review_days = 7\n",
         "unknown setting 'review_days' (line 1); did you mean 'review_every_days'?"),
        ("cursorblink = true\n",
         "unknown setting 'cursorblink' (line 1); did you mean 'cursor_blink'?"),
        ("[key]\n'app.help' = 'f1'\n", "unknown setting 'key' (line 1); did you mean 'keys'?"),
        ("colour = 3\n", "unknown setting 'colour' (line 1); it was left out."),
        ("mouse = true\n\n[colours]\na = 1\n",
         "unknown setting 'colours' (line 3); it was left out."),
    ],
)  # fmt: skip
def test_unknown_settings_and_tables_are_named(tmp_path: Path, text: str, message: str) -> None:
    assert only_problem(write(tmp_path, text))[1] == message


# ------------------------------------------------------------------ files that can't be read


def test_a_syntax_error_names_the_file_and_line_and_uses_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, 'mouse = false\n# a note\ntheme = nord\n[keys]\n"app.help" = "f1"\n')
    config, problem = only_problem(path)
    assert config == Config()
    assert problem == (
        f"Your settings file {path} has a mistake on line 3 (Invalid value; words need quotes, "
        'like theme = "nord"), so the default settings are in use for now; everything else '
        "works as usual."
    )


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('theme = "nord"\ntheme = "gruvbox"\n', 2,
         "Cannot overwrite a value; a setting is written twice"),
        ("[keys]\n\n[keys]\n", 3, "a table is written twice"),
        ("mouse = true\n[keys\n", 2, "Expected ']' at the end of a table declaration"),
        ("mouse = ", 1, "Invalid value; words need quotes, like theme = \"nord\""),
        ('mouse = true\ntheme = "nord\n', 2, "Illegal character '\\n'"),
    ],
)  # fmt: skip
def test_each_syntax_error_gets_its_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = write(tmp_path, text)
    config, problem = only_problem(path)
    assert config == Config()
    assert f"{path} has a mistake on line {line} ({reason})," in problem


def test_a_file_that_is_not_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "nord"\n\xff\xfe\n')
    config, problem = only_problem(path)
    assert config == Config()
    assert problem == (
        f"Your settings file {path} is not plain text (UTF-8) on line 2, "
        "so the default settings are in use for now."
    )


def test_a_file_that_cannot_be_opened_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()
    config, problem = only_problem(folder)
    assert config == Config()
    assert problem == (
        f"Your settings file {folder} could not be opened (Is a directory), "
        "so the default settings are in use for now."
    )


def test_a_byte_order_mark_from_a_windows_editor_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'\xef\xbb\xbftheme = "nord"\r\nmouse = false\r\n')
    assert load_config(path) == (Config(theme="nord", mouse=False), [])


# -------------------------------------------------------------------------------- saving

KEPT = """\
# My settings. Written by hand.
mouse = false  # SSH drops a lot here

review_every_days = 10

# keys I like
[keys]
"app.crisis" = "f9"  # easier to reach
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_saving_a_new_setting_keeps_comments_and_other_settings(tmp_path: Path) -> None:
    path = write(tmp_path, KEPT)
    save_setting("theme", "gruvbox", path)
    assert path.read_text(encoding="utf-8") == KEPT.replace(
        "review_every_days = 10\n", 'review_every_days = 10\ntheme = "gruvbox"\n'
    )
    assert load_config(path) == (
        Config(theme="gruvbox", keys={"app.crisis": "f9"}, review_every_days=10, mouse=False),
        [],
    )
    assert mode(path) == 0o600


def test_saving_changes_the_line_in_place_and_keeps_its_comment(tmp_path: Path) -> None:
    path = write(tmp_path, KEPT)
    save_setting("mouse", True, path)
    save_setting("review_every_days", 3, path)
    expected = KEPT.replace("mouse = false  #", "mouse = true  #").replace("= 10", "= 3")
    assert path.read_text(encoding="utf-8") == expected


def test_saving_a_theme_twice_leaves_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, KEPT)
    save_setting("theme", "gruvbox", path)
    save_setting("theme", "nord", path)
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"^theme = .*$", text, flags=re.MULTILINE) == ['theme = "nord"']


def test_a_hash_inside_a_quoted_value_is_not_taken_for_a_comment(tmp_path: Path) -> None:
    path = write(tmp_path, "\"theme\" = 'a#b'   # was odd\n")
    save_setting("theme", "nord", path)
    assert path.read_text(encoding="utf-8") == '"theme" = "nord"   # was odd\n'


def test_a_setting_goes_above_the_first_table_and_its_comment(tmp_path: Path) -> None:
    path = write(tmp_path, '# keys I like\n[keys]\n"app.help" = "f1"\n')
    save_setting("theme", "nord", path)
    assert path.read_text(encoding="utf-8") == (
        'theme = "nord"\n\n# keys I like\n[keys]\n"app.help" = "f1"\n'
    )
    assert load_config(path) == (Config(theme="nord", keys={"app.help": "f1"}), [])


def test_a_file_without_a_last_newline_gets_one_before_the_new_setting(tmp_path: Path) -> None:
    path = write(tmp_path, "mouse = false")
    save_setting("cursor_blink", False, path)
    assert path.read_text(encoding="utf-8") == "mouse = false\ncursor_blink = false\n"


def test_windows_line_endings_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbfmouse = false\r\n")
    save_setting("theme", "nord", path)
    assert path.read_bytes() == b'\xef\xbb\xbfmouse = false\r\ntheme = "nord"\r\n'


def test_saving_into_the_example_puts_the_setting_under_its_note(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE_CONFIG)
    save_setting("theme", "ansi-light", path)
    text = path.read_text(encoding="utf-8")
    assert '# theme = "textual-dark"\ntheme = "ansi-light"\n' in text
    assert text.replace('theme = "ansi-light"\n', "", 1) == EXAMPLE_CONFIG
    assert load_config(path) == (Config(theme="ansi-light"), [])


def test_saving_none_removes_the_setting(tmp_path: Path) -> None:
    path = write(tmp_path, KEPT)
    save_setting("review_every_days", None, path)
    assert path.read_text(encoding="utf-8") == KEPT.replace("review_every_days = 10\n", "")
    save_setting("theme", None, path)  # absent: nothing to remove
    assert load_config(path)[0].review_every_days is None


def test_saving_makes_a_private_file_in_a_private_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    assert save_setting("theme", "nord", path) == path
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\n'
    assert mode(path) == 0o600
    assert mode(path.parent) & 0o077 == 0


def test_saving_makes_an_existing_file_private(tmp_path: Path) -> None:
    path = write(tmp_path, "mouse = true\n")
    path.chmod(0o644)
    save_setting("mouse", False, path)
    assert mode(path) == 0o600


def test_saving_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "recovery.toml"
    real.parent.mkdir()
    real.write_text("mouse = true\n", encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    assert save_setting("theme", "nord", link) == real
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == 'mouse = true\ntheme = "nord"\n'


@pytest.mark.parametrize(
    ("name", "value"),
    [("theme", "no-such-theme"), ("theme", 3), ("review_every_days", 0), ("mouse", "yes"),
     ("keys", "f9"), ("thme", "nord")],
)  # fmt: skip
def test_saving_a_bad_setting_raises_and_leaves_the_file(
    tmp_path: Path, name: str, value: str | int
) -> None:
    path = write(tmp_path, KEPT)
    with pytest.raises(ValueError, match=name):
        save_setting(name, value, path)
    assert path.read_text(encoding="utf-8") == KEPT


def test_a_change_that_cannot_be_made_safely_leaves_the_file(tmp_path: Path) -> None:
    text = 'theme = """\nnord"""\nmouse = true\n'  # a value over two lines
    path = write(tmp_path, text)
    with pytest.raises(ValueError, match="left as it was"):
        save_setting("theme", "gruvbox", path)
    assert path.read_text(encoding="utf-8") == text


def test_a_broken_file_is_still_edited_only_on_its_line(tmp_path: Path) -> None:
    text = "mouse = \n# note\n"
    path = write(tmp_path, text)
    save_setting("theme", "nord", path)
    assert path.read_text(encoding="utf-8") == text + 'theme = "nord"\n'


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        st.tuples(st.just("theme"), st.sampled_from(sorted(THEMES))),
        st.tuples(st.just("review_every_days"), st.integers(1, 366)),
        st.tuples(st.sampled_from(["cursor_blink", "mouse"]), st.booleans()),
    ),
    st.sampled_from([KEPT, EXAMPLE_CONFIG, "", "# only a note"]),
)
def test_what_is_saved_is_what_is_read_back(
    tmp_path_factory: pytest.TempPathFactory, setting: tuple[str, str | int | bool], text: str
) -> None:
    name, value = setting
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    path.write_text(text, encoding="utf-8")
    before, _ = load_config(path)
    save_setting(name, value, path)
    after, problems = load_config(path)
    assert problems == []
    assert getattr(after, name) == value
    assert {**vars(before), name: value} == vars(after)
    kept = [line for line in text.splitlines() if not line.startswith(f"{name} =")]
    assert all(line in path.read_text(encoding="utf-8").splitlines() for line in kept)


# ------------------------------------------------------------------------- the example file


def _switched_on(example: str) -> str:
    """The example with every commented-out setting, table and key line switched on."""
    setting = re.compile(r'^# ((?:[a-z_]+|"[a-z_.]+") = .*|\[keys\])$')
    return "\n".join(line[2:] if setting.match(line) else line for line in example.splitlines())


def test_the_example_as_shipped_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, EXAMPLE_CONFIG)) == (Config(), [])


def test_the_example_switched_on_gives_its_documented_values(tmp_path: Path) -> None:
    text = _switched_on(EXAMPLE_CONFIG)
    assert "\ntheme = " in text and "\n[keys]\n" in text
    config, problems = load_config(write(tmp_path, text))
    assert problems == []
    assert config.theme == DEFAULT_THEME
    assert config.mouse is True
    assert config.review_every_days == 7
    assert config.cursor_blink is True
    assert config.keys["app.crisis_anywhere"] == "f2,ctrl+g"
    assert set(Config.__dataclass_fields__) <= {
        line.split(" = ")[0] for line in text.splitlines() if " = " in line
    } | {"keys"}


def test_every_action_in_the_example_exists_in_the_app(tmp_path: Path) -> None:
    ids = {
        match
        for source in SRC.rglob("*.py")
        for match in re.findall(r'id="([a-z_]+\.[a-z_]+)"', source.read_text("utf-8"))
    }
    config, _ = load_config(write(tmp_path, _switched_on(EXAMPLE_CONFIG)))
    assert config.keys
    assert set(config.keys) <= ids
