"""Keys that arrive in one burst (a paste, a slow SSH link) land where the person meant.

Textual hands every key of a burst to the widget focused when the burst arrived, before any
of them is handled; bindings are then looked up after the key has travelled up to the app.
So ``Alpha<Enter>Bravo`` typed fast into a form gave ``AlphaBravo``: the Enter moved focus
only after ``Bravo`` had been typed into the first field. Two rules keep the order:

- a widget that moves focus on a key (a field's Enter, a check-in answer) does it at once,
  while it handles that key, not later through a message;
- a widget that gets a key after focus has left it passes the key on to the widget focused
  now, so the rest of the burst follows the focus, in order.
"""

from __future__ import annotations

from typing import cast

from textual import events
from textual.widget import Widget


def pass_on_if_moved(widget: Widget, event: events.Key) -> bool:
    """Send ``event`` on to the focused widget if focus left ``widget`` meanwhile."""
    try:
        focused = widget.app.focused
    except Exception:  # no app or screen any more (closing): let the key go
        return False
    if focused is None or focused is widget or not widget.is_attached:
        return False
    if widget in focused.ancestors:  # a key on its way up from the widget's own part (a
        return False  # choice's open list): not a stray one
    event.stop()
    event.prevent_default()
    focused.post_message(events.Key(event.key, event.character))
    return True


def handle_in_order(widget: Widget, event: events.Key) -> bool:
    """Pass a key on if focus has left ``widget``; move on at once on Tab / Shift+Tab. True
    when the key was dealt with here (a field calls this first in its key handler)."""
    if pass_on_if_moved(widget, event):
        return True
    if event.key in ("tab", "shift+tab"):
        event.stop()
        event.prevent_default()
        screen = widget.screen
        (screen.focus_next if event.key == "tab" else screen.focus_previous)()
        return True
    return False


class KeepsKeyOrder:
    """Mixed into a form control (a choice, a box), before the widget class: keeps a
    burst's keys in order, as PlanInput does. A plain mixin, so the widget's own class
    attributes (its component classes, its CSS) stay as they are."""

    async def _on_key(self, event: events.Key) -> None:
        if not handle_in_order(cast(Widget, self), event):
            await super()._on_key(event)  # type: ignore[misc]


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run ``widget``'s own binding for the key now (not after it reached the app), so a
    focus move it makes is done before the next key of a burst is handled."""
    bindings = widget._bindings.key_to_bindings.get(event.key)
    if not bindings:
        return False
    event.stop()
    event.prevent_default()
    await widget.run_action(bindings[0].action)
    return True
