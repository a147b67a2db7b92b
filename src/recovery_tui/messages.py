"""Messages that travel up from tabs to the app (attributes down, messages up)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from recovery_tui.model import Plan


@dataclass
class PlanChangeRequested(Message):
    """A tab made a new version of the plan; the app saves it and passes it down.

    ``done`` is the short confirmation to show once it is saved ("Goal saved.").
    """

    plan: Plan
    done: str
