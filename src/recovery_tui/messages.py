"""Messages that travel up from tabs to the app (attributes down, messages up)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from textual.message import Message

from recovery_tui.model import Plan


@dataclass
class PlanChangeRequested(Message):
    """A tab made a new version of the plan; the app saves it and passes it down.

    ``done`` is the short confirmation to show once it is saved ("Goal saved.").
    """

    plan: Plan
    done: str


class PlanSaver(Protocol):
    """The app, as a form sees it: a save that either succeeds or raises StoreError, so a
    form can stay open, with what was typed, when the disk is full or the file locked."""

    def save_plan(self, plan: Plan, done: str = "") -> None: ...
