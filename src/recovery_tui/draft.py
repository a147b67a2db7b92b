"""Words typed but not saved yet: what quitting asks about and what a dropped connection keeps.

Pure values (no Textual): the app collects them from its open forms, the store layer writes
them as a private draft beside the plan, and the next start offers them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DraftKind = Literal["checkin", "form", "text"]
DraftValue = str | int | bool | list[str] | None


@dataclass(frozen=True)
class Draft:
    """The unsaved words of one place: today's check-in, an open form, or a long text.

    ``values`` maps each field's name to what it held (JSON-able); ``labels`` names the
    fields in the person's words, so the words can be shown back where they belong.
    ``where`` says where they were typed ("Today's check-in", "Edit goal: Sleep").
    ``key`` tells the app how to put them back (the check-in, an assessment field, a form).
    """

    kind: DraftKind
    where: str
    day: date
    values: dict[str, DraftValue] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    key: str = ""

    def words(self) -> list[str]:
        """The typed texts (not the one-key answers), in field order, each on one line."""
        return [v for v in self.values.values() if isinstance(v, str) and v.strip()]

    def preview(self, width: int = 60) -> str:
        """The first words typed, on one line, for a question like "You were writing ..."."""
        text = " / ".join(" ".join(w.split()) for w in self.words())
        return text if len(text) <= width else text[: width - 1].rstrip() + "…"
