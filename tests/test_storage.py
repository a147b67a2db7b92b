"""The plan store on real files: round trip, atomic saves, backups, lock, bad files,
migration and failed saves. Process-level tests (a second process, SIGKILL) are in
test_storage_processes.py."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import pytest

from recovery_tui.exchange import strict_json_loads
from recovery_tui.model import (
    CheckIn,
    Contact,
    FocusArea,
    Goal,
    Milestone,
    Plan,
    Profile,
    ProgressEntry,
)
from recovery_tui.storage import (
    BACKUPS_KEPT,
    SCHEMA_VERSION,
    PlanFileError,
    PlanStore,
    ReadOnlyError,
    SaveError,
    StoreError,
    backups_dir,
    list_backups,
    schema_version,
)

FIXTURES = Path(__file__).parent / "fixtures"
TEMP_GLOB = ".plan.json.*.tmp"
META = {"1": {"schema_version": SCHEMA_VERSION}}


# --- helpers -----------------------------------------------------------------------------


def variant(base: Plan, i: int) -> Plan:
    """A plan that differs from ``base`` (and from every other variant) in two tables."""
    with_goal = base.with_goal(Goal(id=f"extra{i}", title=f"Extra goal {i}"))
    return dataclasses.replace(with_goal, profile=Profile(name=f"Sam {i}", review_every_days=i + 1))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name -> hash of its bytes)."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(TEMP_GLOB))


def tables_on_disk(path: Path) -> dict[str, Any]:
    data = strict_json_loads(path.read_bytes())
    assert isinstance(data, dict)
    return data


@contextmanager
def opened(path: Path) -> Iterator[tuple[PlanStore, Plan]]:
    """Open a store on ``path`` and always close it (even when open() raises)."""
    store = PlanStore(path)
    try:
        yield store, store.open()
    finally:
        store.close()


def load_fresh(path: Path) -> Plan:
    """The plan in ``path`` as a new store with write access sees it."""
    with opened(path) as (store, plan):
        assert not store.read_only
        return plan


def load_copy(source: Path, folder: Path) -> Plan:
    """Load a copy of ``source`` (e.g. a backup) as a plan file of its own."""
    folder.mkdir(parents=True)
    shutil.copyfile(source, folder / "plan.json")
    return load_fresh(folder / "plan.json")


def save_all(path: Path, *plans: Plan) -> None:
    with opened(path) as (store, _):
        for plan in plans:
            store.save(plan)


# --- 1. round trip -------------------------------------------------------------------------


def test_open_missing_file_gives_empty_plan_and_creates_only_folder_and_lock(
    plan_path: Path,
) -> None:
    folder = plan_path.parent
    assert not folder.exists()
    store = PlanStore(plan_path)
    assert not folder.exists(), "making a store must not touch the disk"

    plan = store.open()

    assert plan == Plan()
    assert plan.is_empty()
    assert not store.read_only
    assert sorted(os.listdir(folder)) == ["plan.json.lock"]
    assert mode(folder) == 0o700
    assert mode(folder / "plan.json.lock") == 0o600
    store.close()
    assert sorted(os.listdir(folder)) == ["plan.json.lock"], "close() wrote a file"


def test_example_plan_fixture_fills_every_list(rich_plan: Plan) -> None:
    for f in dataclasses.fields(Plan):
        assert getattr(rich_plan, f.name) != f.default, f"the fixture leaves {f.name} empty"


def test_save_then_fresh_store_loads_an_equal_plan(plan_path: Path, rich_plan: Plan) -> None:
    store = PlanStore(plan_path)
    store.open()
    store.save(rich_plan)
    store.close()

    assert load_fresh(plan_path) == rich_plan
    assert mode(plan_path) == 0o600
    assert mode(plan_path.parent) == 0o700


def test_round_trip_keeps_any_unicode_text_exactly(plan_path: Path) -> None:
    title = 'Call [sponsor] #1 | <b>*now*</b> 🙂 "quoted" \\ back'
    specific = "שלום עולם — مرحبا\nline two\twith a tab\n[@click=app.quit]"
    plan = Plan(
        profile=Profile(name="Zoë 🌱"),
        goals=(Goal(id="g1", title=title, specific=specific),),
    )
    save_all(plan_path, plan)

    loaded = load_fresh(plan_path)
    assert loaded == plan
    assert loaded.goals[0].specific == specific
    assert "🙂" in plan_path.read_text(encoding="utf-8"), "text should be stored as UTF-8"


def test_round_trip_twice_is_stable(plan_path: Path, rich_plan: Plan) -> None:
    """Saving what was loaded, from a new store, gives the same plan again."""
    save_all(plan_path, rich_plan)
    with opened(plan_path) as (store, loaded):
        store.save(dataclasses.replace(loaded, goals=tuple(loaded.goals)))
        store.save(variant(loaded, 1))
        store.save(loaded)
    assert load_fresh(plan_path) == rich_plan


# --- 2. one atomic write per save --------------------------------------------------------


def test_each_save_is_one_atomic_replace(plan_path: Path, rich_plan: Plan) -> None:
    with opened(plan_path) as (store, _):
        for i in range(5):
            old_inode = plan_path.stat().st_ino if plan_path.exists() else None
            plan = variant(rich_plan, i)

            store.save(plan)  # changes the profile and the goals tables

            assert temp_files(plan_path) == []
            tables = tables_on_disk(plan_path)
            assert tables["meta"] == META
            assert tables["profile"] == {"1": {"name": f"Sam {i}", "review_every_days": i + 1}}
            assert [doc["id"] for doc in tables["goals"].values()] == [g.id for g in plan.goals]
            assert mode(plan_path) == 0o600
            # replaced, not rewritten in place; the old file is now the newest backup
            backups = list_backups(plan_path)
            assert len(backups) == i, "one save must make exactly one new file"
            if old_inode is not None:
                assert plan_path.stat().st_ino != old_inode
                assert backups[-1].stat().st_ino == old_inode
    assert temp_files(plan_path) == []


def test_saving_an_unchanged_plan_writes_nothing(plan_path: Path, rich_plan: Plan) -> None:
    save_all(plan_path, rich_plan)
    inode, before = plan_path.stat().st_ino, folder_state(plan_path.parent)

    with opened(plan_path) as (store, loaded):
        store.save(loaded)

    assert plan_path.stat().st_ino == inode
    assert folder_state(plan_path.parent) == before
    assert list_backups(plan_path) == []


# --- 3. backups ----------------------------------------------------------------------------


def test_backups_keep_the_last_ten_saves_oldest_first(
    plan_path: Path, rich_plan: Plan, tmp_path: Path
) -> None:
    plans = [variant(rich_plan, i) for i in range(15)]
    save_all(plan_path, *plans)

    folder = backups_dir(plan_path)
    backups = list_backups(plan_path)
    assert folder == plan_path.parent / "backups"
    assert len(backups) == BACKUPS_KEPT == 10
    assert sorted(folder.iterdir()) == backups, "list_backups must list every backup"
    assert backups == sorted(backups, key=lambda p: p.stat().st_mtime_ns)
    assert mode(folder) == 0o700
    assert all(mode(b) == 0o600 for b in backups)
    assert load_fresh(plan_path) == plans[-1]
    # oldest first: backup k holds the plan saved before save 6+k; the newest holds plans[-2]
    assert load_copy(backups[-1], tmp_path / "newest") == plans[-2]
    for k, backup in enumerate(backups):
        assert load_copy(backup, tmp_path / f"restore{k}") == plans[15 - BACKUPS_KEPT - 1 + k]


# --- 4. the lock (in one process; see test_storage_processes.py for two) -----------------


def test_second_store_is_read_only_while_the_first_holds_the_lock(
    plan_path: Path, rich_plan: Plan
) -> None:
    first = PlanStore(plan_path)
    first.open()
    first.save(rich_plan)
    before = digest(plan_path)

    second = PlanStore(plan_path)
    assert second.open() == rich_plan
    assert second.read_only
    assert not first.read_only
    with pytest.raises(ReadOnlyError) as caught:
        second.save(variant(rich_plan, 1))
    assert str(plan_path) in str(caught.value)
    second.close()  # closing the read-only one must neither write nor release the lock
    assert digest(plan_path) == before
    with opened(plan_path) as (third, _):
        assert third.read_only

    first.close()
    with opened(plan_path) as (fourth, loaded):
        assert not fourth.read_only
        assert loaded == rich_plan
        fourth.save(variant(rich_plan, 2))
    assert load_fresh(plan_path) == variant(rich_plan, 2)


# --- 5. unreadable files -------------------------------------------------------------------

_DOC = {"id": "g1", "title": "Meetings"}


def _table(**tables: Any) -> bytes:
    return json.dumps(tables).encode()


UNREADABLE = [
    pytest.param(b"", id="empty"),
    pytest.param(b" \n\t\n", id="only-whitespace"),
    pytest.param(b"null", id="null"),
    pytest.param(b"[]", id="list"),
    pytest.param(b'"a plan"', id="string"),
    pytest.param(b'{"goals": {"1": {"id": "g1", "title": "Meet\xff\xfeings"}}}', id="bad-utf8"),
    pytest.param(b'{"goals": {"1": {"id": "g1", "title": "Meet', id="truncated-json"),
    pytest.param(b"{goals: {}}", id="invalid-json"),
    pytest.param(
        b'{"checkins": {"1": {"date": "2026-01-21", "mood": NaN, "craving": 3}}}', id="nan"
    ),
    pytest.param(b'{"profile": {"1": {"review_every_days": Infinity}}}', id="infinity"),
    pytest.param(b'{"goals": {}, "goals": {"1": {"id": "g1", "title": "x"}}}', id="dup-key"),
    pytest.param(b'{"goals": {"1": {"id": "g1", "id": "g2", "title": "x"}}}', id="dup-key-deep"),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deep-nesting"),
    pytest.param(b'{"foo": 1}', id="not-a-plan"),
    pytest.param(_table(goals={"1": {"id": "g1"}}), id="goal-without-title"),
    pytest.param(_table(widgets={"1": {"x": 1}}), id="unknown-table"),
    pytest.param(_table(goals=[_DOC]), id="table-is-a-list"),
    pytest.param(_table(goals={"1": "Meetings"}), id="document-not-an-object"),
    pytest.param(_table(goals={"1": {**_DOC, "colour": "red"}}), id="unknown-field"),
    pytest.param(_table(goals={"1": {**_DOC, "due": "2026-13-01"}}), id="bad-date"),
    pytest.param(_table(goals={"1": {**_DOC, "status": "done"}}), id="bad-choice"),
    pytest.param(_table(profile={"1": {"review_every_days": 0}}), id="out-of-range"),
    pytest.param(_table(goals={"1": _DOC, "2": _DOC}), id="duplicate-ids"),
    pytest.param(_table(meta={"1": {"schema_version": 99}}), id="newer-schema"),
    pytest.param(_table(meta={"1": {"schema_version": "1"}}), id="schema-version-text"),
    pytest.param(_table(meta={"1": {"schema_version": 1.0}}), id="schema-version-float"),
    pytest.param(
        _table(meta={"1": "version 1"}),
        id="meta-document-not-an-object",
    ),
    pytest.param(
        _table(meta={"1": {"schema_version": -1}}),
        id="negative-schema",
    ),
]


def _assert_refused(path: Path, backup: Path | None) -> PlanFileError:
    """open() raises PlanFileError (nothing else), naming the file and newest backup,
    and leaves every file in the folder byte for byte as it was."""
    before = folder_state(path.parent)
    with pytest.raises(PlanFileError) as caught, opened(path):
        pass
    error = caught.value
    after = folder_state(path.parent)
    after.pop("plan.json.lock", None)
    before.pop("plan.json.lock", None)
    assert after == before, "the store changed files while refusing the plan"
    assert error.path == path
    assert error.backup == backup
    assert str(path) in str(error)
    assert error.problem and error.problem in str(error)
    if backup is None:
        assert "no backup" in str(error)
    else:
        assert str(backup) in str(error)
    return error


@pytest.mark.parametrize("content", UNREADABLE)
def test_unreadable_file_is_refused_and_left_alone(plan_path: Path, content: bytes) -> None:
    plan_path.parent.mkdir(mode=0o700)
    plan_path.write_bytes(content)
    _assert_refused(plan_path, backup=None)
    assert plan_path.read_bytes() == content


@pytest.mark.parametrize("content", UNREADABLE)
def test_unreadable_file_message_names_the_newest_backup(
    plan_path: Path, rich_plan: Plan, content: bytes
) -> None:
    save_all(plan_path, rich_plan, variant(rich_plan, 1))
    [backup] = list_backups(plan_path)
    plan_path.write_bytes(content)

    _assert_refused(plan_path, backup=backup)

    assert plan_path.read_bytes() == content
    # the message's advice works: copy the backup over the plan file, and it opens (writable)
    shutil.copyfile(backup, plan_path)
    assert load_fresh(plan_path) == rich_plan


def test_plan_file_that_is_a_folder_is_refused(plan_path: Path) -> None:
    """Refused in one line before anything is read or made (store_guard.RefusedFile)."""
    plan_path.mkdir(parents=True)
    with pytest.raises(StoreError) as caught, opened(plan_path):
        pass
    assert str(caught.value) == (
        f"Your plan file ({plan_path}) is a folder, not a plan file. Nothing was changed."
    )
    assert plan_path.is_dir() and sorted(os.listdir(plan_path.parent)) == ["plan.json"]


# --- 6. migration --------------------------------------------------------------------------

SCHEMA0 = FIXTURES / "plan-schema0.json"
SCHEMA0_PLAN = Plan(
    profile=Profile(name="Sam", review_every_days=14),
    focus_areas=(FocusArea(id="f1", name="Alcohol", since=date(2025, 3, 1)),),
    goals=(
        Goal(
            id="g1",
            title="Meetings",
            specific="Attend support-group meetings",
            measure="3 meetings a week",
            achievable="Two are near work",
            relevant="Be there for my kids",
            due=date(2025, 4, 30),
            status="active",
            progress=(ProgressEntry(date=date(2025, 3, 20), note="2 this week"),),
        ),
        Goal(
            id="g2",
            title="Call Alex weekly",
            due=date(2025, 6, 30),
            milestones=(Milestone(text="First call", done=date(2025, 3, 8)),),
        ),
        Goal(id="g10", title="Sleep by 11", status="paused"),
    ),
    contacts=(Contact(id="p1", name="Alex", role="sponsor", phone="555-0100", crisis=True),),
    checkins=(CheckIn(date=date(2025, 3, 21), mood=4, craving=3, halt=("tired",), note="ok"),),
)


@pytest.fixture
def schema0_path(plan_path: Path) -> Path:
    plan_path.parent.mkdir(mode=0o700)
    shutil.copyfile(SCHEMA0, plan_path)
    return plan_path


def test_schema0_fixture_has_no_meta_table() -> None:
    tables = strict_json_loads(SCHEMA0.read_bytes())
    assert "meta" not in tables
    assert schema_version(tables) == 0


def test_schema0_file_loads_in_id_order_without_writing(schema0_path: Path) -> None:
    before = folder_state(schema0_path.parent)
    assert load_fresh(schema0_path) == SCHEMA0_PLAN
    after = folder_state(schema0_path.parent)
    after.pop("plan.json.lock")
    assert after == before, "opening an old file must not rewrite it"


def test_schema0_file_gets_meta_on_next_save_and_keeps_all_data(schema0_path: Path) -> None:
    with opened(schema0_path) as (store, plan):
        assert plan == SCHEMA0_PLAN
        changed = plan.with_goal(Goal(id="g11", title="Walk daily"))
        store.save(changed)  # only the goals table changes; the others come from the file

    tables = tables_on_disk(schema0_path)
    assert tables["meta"] == META
    assert schema_version(tables) == SCHEMA_VERSION == 1
    for name in ("profile", "focus_areas", "contacts", "checkins"):
        assert len(tables[name]) == 1, f"{name} lost in the migration"
    assert load_fresh(schema0_path) == changed
    [backup] = list_backups(schema0_path)
    assert backup.read_bytes() == SCHEMA0.read_bytes(), "the old file should be the backup"


@pytest.mark.parametrize(
    ("tables", "version"),
    [
        ({}, 0),
        ({"goals": {}}, 0),
        ({"meta": {}}, 0),
        ({"meta": {"1": {}}}, 0),
        ({"meta": {"1": {"schema_version": 1}}}, 1),
        ({"meta": {"1": {"schema_version": 7}}}, 7),
    ],
)
def test_schema_version(tables: dict[str, dict[str, Any]], version: int) -> None:
    assert schema_version(tables) == version


@pytest.mark.parametrize("bad", ["1", 1.0, True, None, [1]])
def test_schema_version_must_be_a_whole_number(bad: object) -> None:
    with pytest.raises(ValueError, match="whole number"):
        schema_version({"meta": {"1": {"schema_version": bad}}})


def test_schema_version_of_a_meta_document_that_is_not_an_object() -> None:
    with pytest.raises(ValueError):
        schema_version({"meta": {"1": 1}})


# --- 7. failed saves -----------------------------------------------------------------------


def _no_space(*args: object, **kwargs: object) -> NoReturn:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_save_fails_in_a_read_only_folder(plan_path: Path, rich_plan: Plan) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions (the os.replace test covers this)")
    new = variant(rich_plan, 1)
    with opened(plan_path) as (store, _):
        store.save(rich_plan)
        before = digest(plan_path)
        plan_path.parent.chmod(0o500)
        try:
            with pytest.raises(SaveError, match="could not be saved"):
                store.save(new)
        finally:
            plan_path.parent.chmod(0o700)
        assert digest(plan_path) == before
        assert temp_files(plan_path) == []

        store.save(new)
    assert load_fresh(plan_path) == new


def test_save_fails_when_the_disk_is_full(
    plan_path: Path, rich_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = variant(rich_plan, 1)
    with opened(plan_path) as (store, _):
        store.save(rich_plan)
        before = digest(plan_path)
        monkeypatch.setattr("recovery_tui.storage.os.replace", _no_space)

        with pytest.raises(SaveError, match="No space left on device") as caught:
            store.save(new)

        monkeypatch.undo()
        assert isinstance(caught.value.__cause__, OSError)
        assert digest(plan_path) == before, "a failed save changed the file"
        assert temp_files(plan_path) == [], "a failed save left its temp file"
        with opened(plan_path) as (reader, on_disk):
            assert reader.read_only
            assert on_disk == rich_plan

        store.save(new)  # the same plan again, now that there is room
        assert tables_on_disk(plan_path)["meta"] == META
    assert load_fresh(plan_path) == new


def test_a_failed_save_leaves_nothing_behind_for_the_next_save(
    plan_path: Path, rich_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next save after a failure rebuilds from the file, not from the lost change."""
    with opened(plan_path) as (store, _):
        store.save(rich_plan)
        failed = variant(rich_plan, 1)  # new profile and goals
        monkeypatch.setattr("recovery_tui.storage.os.replace", _no_space)
        with pytest.raises(SaveError):
            store.save(failed)
        monkeypatch.undo()

        other = dataclasses.replace(rich_plan, meetings=())  # same profile and goals tuples
        store.save(other)
    assert load_fresh(plan_path) == other


def test_failed_saves_do_not_rotate_out_backups(
    plan_path: Path, rich_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    with opened(plan_path) as (store, _):
        store.save(rich_plan)
        store.save(variant(rich_plan, 1))
        backups_before = folder_state(backups_dir(plan_path))
        monkeypatch.setattr("recovery_tui.storage.os.replace", _no_space)
        for i in range(3):
            with pytest.raises(SaveError):
                store.save(variant(rich_plan, 10 + i))
        monkeypatch.undo()
        assert folder_state(backups_dir(plan_path)) == backups_before


def test_backups_are_private_copies_where_hard_links_fail(
    plan_path: Path, rich_plan: Plan, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a file system without hard links (os.link fails) backups are full copies."""

    def no_links(*args: object, **kwargs: object) -> NoReturn:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("recovery_tui.storage.os.link", no_links)
    save_all(plan_path, rich_plan, variant(rich_plan, 1), variant(rich_plan, 2))

    backups = list_backups(plan_path)
    assert len(backups) == 2
    assert all(mode(b) == 0o600 and b.stat().st_nlink == 1 for b in backups)
    assert load_copy(backups[0], tmp_path / "b0") == rich_plan
    assert load_copy(backups[1], tmp_path / "b1") == variant(rich_plan, 1)
