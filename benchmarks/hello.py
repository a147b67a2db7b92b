"""The baseline: the smallest Textual app, run with the same Python and Textual as the app.

Every terminal figure of ``run.py`` is a ratio to this app measured in the same batch, so
the machine's speed, its load and the harness's own cost cancel out. Keys 1-6 change the
text, to give a key-to-screen baseline as well.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class HelloApp(App[None]):
    """Shows "Hello, world!"; a digit key shows which key was pressed."""

    BINDINGS = [
        *(Binding(str(n), f"key_pressed({n})", show=False) for n in range(1, 7)),
        Binding("q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Hello, world!", id="hello")

    def action_key_pressed(self, number: int) -> None:
        self.query_one("#hello", Static).update(f"Hello, world! Key {number}")


if __name__ == "__main__":
    HelloApp().run()
