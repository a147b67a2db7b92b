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
    event.stop()
    event.prevent_default()
    focused.post_message(events.Key(event.key, event.character))
    return True


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
