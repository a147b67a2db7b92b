"""The person's settings (``config.toml``) applied to the running app.

Reading the file is :mod:`recovery_tui.config`'s job and never fails; here its values
reach Textual: the theme (and the one chosen later in the palette, remembered), key
overrides by binding id, and the review rhythm.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import App
from textual.theme import Theme

from recovery_tui.config import THEMES, Config
from recovery_tui.config_write import save_setting
from recovery_tui.messages import PlanSaver
from recovery_tui.model import Plan


def apply_settings(app: App[None], config: Config) -> None:
    """Theme and key overrides, before the first frame."""
    app.theme = config.theme
    if config.keys:
        app.set_keymap(dict(config.keys))


def remember_theme_changes(app: App[None], config: Config) -> None:
    """Keep the theme chosen in the command palette for next time (in the settings file)."""

    def remember(theme: Theme) -> None:
        if theme.name != config.theme and theme.name in THEMES:
            try:
                save_setting("theme", theme.name)
            except (OSError, ValueError) as error:
                app.notify(f"The theme could not be remembered: {error}", markup=False)

    app.theme_changed_signal.subscribe(app, remember)


def apply_review_rhythm(app: PlanSaver, plan: Plan, config: Config) -> None:
    """``review_every_days`` in the settings sets the plan's own review rhythm."""
    every = config.review_every_days
    if every is not None and every != plan.profile.review_every_days:
        app.save_plan(replace(plan, profile=replace(plan.profile, review_every_days=every)))


def settings_message(problems: list[str], path: str) -> str:
    """One notification for everything wrong in the settings file."""
    if len(problems) == 1 and problems[0].startswith("Your settings file"):
        return problems[0]
    return f"In your settings file {path}:\n" + "\n".join(f"- {p}" for p in problems)
