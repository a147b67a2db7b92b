"""Measure recovery-tui against its speed targets, side by side with a Textual hello world.

One command, one batch per plan size: a generated plan is imported into a temp data file,
then ttfi.py (``/work/shared/tools/ttfi.py``) runs the app and ``benchmarks/hello.py`` in
a real terminal (tmux, 80x24) and times the first frame, key steps and peak RSS; whole
commands (export, crisis) are timed against ``python -c pass``. Each figure is a median of
several runs and, where it has one, a ratio to the baseline measured in the same batch, so
a slow or busy machine moves both sides. The user's own plan is never touched.

    python benchmarks/run.py --runs 5 --years 1 10 --json /tmp/bench.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from generate import dumps, generate

HERE = Path(__file__).resolve().parent
DEFAULT_TTFI = HERE.parent.parent / "shared" / "tools" / "ttfi.py"  # ../shared beside the repo
DATA_ENV = "RECOVERY_TUI_DATA"
WIDTH, HEIGHT = 80, 24
TAB_SWITCH_REPEAT = 3  # cycles of keys 5 2 3 4 1: the first cycle holds the first visits

# Targets (issue 8).
FIRST_FRAME_RATIO = 1.5
REVIEW_RATIO = 1.3
TAB_SWITCH_MS = 16.0
FIRST_VISIT_REVIEW_MS = 200.0
FIRST_VISIT_PLAN_MS = 300.0
SAVE_MS = 10.0
PEAK_RSS_MIB = 48.0
PROCESS_FACTOR, PROCESS_EXTRA_MS = 2.0, 100.0


@dataclass
class Config:
    runs: int
    warmup: int
    ttfi: Path
    poll_ms: float
    timeout: float
    plan_timeout: float
    tmp: Path
    env: dict[str, str]


@dataclass
class Batch:
    """One ttfi invocation: its JSON summary plus the per-run values from its log."""

    label: str
    summary: dict[str, Any]
    firsts: list[float]
    steps: list[list[float]]
    errors: int
    log: str = ""

    def first_median(self) -> float | None:
        return median(self.firsts)

    def step_median(self, positions: Sequence[int] | None = None) -> float | None:
        """Median over the runs of the steps at ``positions`` (all steps when None)."""
        values = [
            v
            for run in self.steps
            for i, v in enumerate(run)
            if positions is None or i in positions
        ]
        return median(values)

    def rss_mib(self) -> float | None:
        rss = self.summary.get("rss_peak_mib") or {}
        value = rss.get("median")
        return float(value) if value is not None else None


@dataclass
class Row:
    """One line of the table."""

    figure: str
    value: float | None
    unit: str
    baseline: float | None = None
    target: str = "—"
    passed: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline


@dataclass
class SizeResult:
    years: int
    plan_bytes: int
    rows: list[Row] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- running ttfi -----------------------------------------------------------------------

_RUN_LINE = re.compile(r"^\[run \d+\] first=([\d.]+)ms(?: milestones=\S*)?(?: steps=([\d,]*))?")


def ttfi(
    cfg: Config,
    label: str,
    command: str,
    expect: str,
    *,
    steps: Sequence[tuple[str, str]] = (),
    repeat: int = 1,
    rss: bool = False,
    timeout: float | None = None,
) -> Batch:
    """Run ttfi.py once (``cfg.runs`` measured runs); ``expect`` and steps are regexes."""
    out = cfg.tmp / f"ttfi-{re.sub(r'[^a-z0-9]+', '-', label.lower())}.jsonl"
    out.unlink(missing_ok=True)
    argv = [
        sys.executable, str(cfg.ttfi), "--regex", "--expect", expect,
        "-n", str(cfg.runs), "--warmup", str(cfg.warmup),
        "--width", str(WIDTH), "--height", str(HEIGHT), "--poll-ms", str(cfg.poll_ms),
        "--timeout", str(timeout or cfg.timeout), "--settle-ms", "1000",
        "--step-gap-ms", "500", "--label", label, "--json", str(out),
        "--env", DATA_ENV, cfg.env[DATA_ENV],
    ]  # fmt: skip
    for keys, step_expect in steps:
        argv += ["--step", keys, step_expect]
    if steps:
        argv += ["--step-repeat", str(repeat)]
    if rss:
        argv.append("--rss")
    argv += ["--", command]
    log(f"  ttfi: {label}")
    proc = subprocess.run(argv, capture_output=True, text=True, env=cfg.env, check=False)
    summary: dict[str, Any] = {}
    if out.exists():
        lines = out.read_text().splitlines()
        summary = json.loads(lines[-1]) if lines else {}
    firsts: list[float] = []
    step_runs: list[list[float]] = []
    for line in proc.stderr.splitlines():
        match = _RUN_LINE.match(line)
        if match:
            firsts.append(float(match.group(1)))
            raw = match.group(2)
            step_runs.append([float(v) for v in raw.split(",") if v] if raw else [])
    errors = int(summary.get("errors", 0)) if summary else cfg.runs + cfg.warmup
    if errors:
        first_error = next((ln for ln in proc.stderr.splitlines() if "ERROR" in ln), "")
        log(f"    {errors} run(s) failed: {first_error.strip()}")
    return Batch(label, summary, firsts, step_runs, errors, proc.stderr[-4000:])


def time_processes(cfg: Config, commands: dict[str, list[str]]) -> dict[str, list[float]]:
    """Wall time of whole commands, interleaved run by run so load hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(cfg.warmup + cfg.runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            proc = subprocess.run(
                argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=cfg.env, check=False
            )
            elapsed = (time.perf_counter() - start) * 1000
            if proc.returncode != 0:
                raise RuntimeError(f"{shlex.join(argv)} failed: {proc.stderr.decode()[-500:]}")
            if i >= cfg.warmup:
                times[name].append(elapsed)
    return times


def time_storage_save(cfg: Config, data: Path, runs: int) -> list[float]:
    """In-process PlanStore.save of the plan plus today's check-in (fresh copy each time),
    to separate the storage cost from the UI's in the key-to-"Saved" figure."""
    from recovery_tui.model import CheckIn
    from recovery_tui.progress import record_checkin
    from recovery_tui.storage import PlanStore

    times: list[float] = []
    for i in range(cfg.warmup + runs):
        folder = cfg.tmp / f"storage-save-{i}"
        folder.mkdir()
        path = folder / "plan.json"
        shutil.copyfile(data, path)
        store = PlanStore(path)
        try:
            plan = store.open()
            checkin = CheckIn(date=date.today(), mood=4, craving=2, note="Benchmark check-in")
            new = record_checkin(plan, checkin)
            start = time.perf_counter()
            store.save(new)
            elapsed = (time.perf_counter() - start) * 1000
        finally:
            store.close()
        shutil.rmtree(folder)
        if i >= cfg.warmup:
            times.append(elapsed)
    return times


# --- one plan size ----------------------------------------------------------------------


def app_command() -> list[str]:
    """recovery-tui as a person starts it, with this Python."""
    script = Path(sys.executable).parent / "recovery-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "recovery_tui"]


def screen_facts(plan_text: str, today: date) -> tuple[str, str]:
    """What the first screen must show: the header's day count and the latest assessment."""
    from recovery_tui.exchange import loads_plan
    from recovery_tui.progress import recovery

    plan = loads_plan(plan_text)
    area = plan.focus_areas[0]
    header = f"{area.name}: day {recovery(plan, area, today).current}"
    latest = plan.latest_assessment()
    assert latest is not None
    return header, latest.date.isoformat()


def measure_size(cfg: Config, years: int, hello: str) -> SizeResult:
    """Every figure for a plan of ``years`` years, hello world measured in the same batch."""
    today = date.today()
    folder = cfg.tmp / f"{years}y"
    folder.mkdir()
    text = dumps(generate(years, today=today))
    source = folder / "generated.json"
    source.write_text(text, encoding="utf-8")
    data = folder / "data" / "plan.json"
    app = app_command()
    start = time.perf_counter()
    imported = subprocess.run(
        [*app, "--data", str(data), "import", str(source)],
        capture_output=True, text=True, env=cfg.env, check=False,
    )  # fmt: skip
    import_ms = (time.perf_counter() - start) * 1000
    if imported.returncode != 0:
        raise RuntimeError(f"import of the {years}-year plan failed:\n{imported.stderr}")
    result = SizeResult(years, len(text.encode()))
    log(f"[{years} y] plan {result.plan_bytes / 1e6:.2f} MB, imported in {import_ms:.0f} ms")

    header, assessed = screen_facts(text, today)
    day = re.escape(today.isoformat())
    q = shlex.quote
    run_app = shlex.join([*app, "--data", str(data)])
    first_frame = f"{re.escape(header)}\\b[\\s\\S]*Review Log[\\s\\S]*Assessment of {assessed}"
    tabs = {
        "1": f"(?m)^ ?Assessment of {assessed}",
        "2": r"Goal\s+Status\s+Due",
        "3": "What raises cravings",
        "4": "The people and places that help you",
        "5": f"Check-in for {day}",
        "6": "My recovery plan",
    }

    hello_batch = ttfi(
        cfg, f"hello {years}y", shlex.join([sys.executable, hello]), "Hello, world!",
        steps=[("2", "Key 2"), ("1", "Key 1")], repeat=3, rss=True,
    )  # fmt: skip
    tabs_batch = ttfi(
        cfg, f"app tabs {years}y", run_app, first_frame,
        steps=[(k, tabs[k]) for k in "52341"], repeat=TAB_SWITCH_REPEAT, rss=True,
    )  # fmt: skip
    plan_batch = ttfi(
        cfg, f"app plan tab {years}y", run_app, first_frame,
        steps=[("6", tabs["6"]), ("1", tabs["1"]), ("6", tabs["6"])], rss=True,
        timeout=cfg.plan_timeout,
    )  # fmt: skip
    # A fresh copy of the plan per run: each run saves today's check-in into it.
    fresh = (
        f'd=$(mktemp -d -p {q(str(folder))}) && cp {q(str(data))} "$d/plan.json" && '
        f'exec {shlex.join(app)} --data "$d/plan.json"'
    )
    saved = r"(?s)(?=.*Saved · )(?=.*checked in today)"
    save_batch = ttfi(
        cfg, f"app save check-in {years}y", fresh, first_frame,
        steps=[("5", tabs["5"]), ("Enter", "Save check-in"), ("4", r"4 · good"),
               ("2", "2 of 10"), ("n", r"Used today\?\s+no"), ("C-s", saved)],
    )  # fmt: skip
    review_batch = ttfi(
        cfg, f"review {years}y", f"{run_app} review", f"Check-in for {day}\\s*\\n\\s*Mood"
    )
    log("  whole commands: python -c pass, export --format md, crisis")
    procs = time_processes(cfg, {
        "pass": [sys.executable, "-c", "pass"],
        "export": [*app, "--data", str(data), "export", "--format", "md"],
        "crisis": [*app, "--data", str(data), "crisis"],
    })  # fmt: skip
    log("  in-process PlanStore.save")
    storage = time_storage_save(cfg, data, max(cfg.runs, 10))

    hello_first = hello_batch.first_median()
    hello_key = hello_batch.step_median()
    hello_rss = hello_batch.rss_mib()
    n_tabs = 5
    switch_positions = range(4, n_tabs * TAB_SWITCH_REPEAT)  # after the first visits
    switches = [
        v for run in tabs_batch.steps for i, v in enumerate(run) if i in switch_positions
    ] + [v for run in plan_batch.steps for v in run[1:]]
    switch = median(switches)
    review_visit = tabs_batch.step_median([0])
    plan_visit = plan_batch.step_median([0])
    save_key = save_batch.step_median([5])
    storage_save = median(storage)
    rss_tabs, rss_plan = tabs_batch.rss_mib(), plan_batch.rss_mib()
    pass_ms = median(procs["pass"])
    limit = PROCESS_FACTOR * pass_ms + PROCESS_EXTRA_MS if pass_ms is not None else None

    def at_most(value: float | None, bound: float | None) -> bool | None:
        return None if value is None or bound is None else value <= bound

    def ratio_at_most(value: float | None, base: float | None, bound: float) -> bool | None:
        return None if value is None or not base else value / base <= bound

    app_first = tabs_batch.first_median()
    review_first = review_batch.first_median()
    result.rows = [
        Row("Launch to first frame", app_first, "ms", hello_first,
            f"≤ {FIRST_FRAME_RATIO}x hello",
            ratio_at_most(app_first, hello_first, FIRST_FRAME_RATIO)),
        Row("`review` to first question", review_first, "ms", hello_first,
            f"≤ {REVIEW_RATIO}x hello", ratio_at_most(review_first, hello_first, REVIEW_RATIO)),
        Row(f"Tab switch, median of {len(switches)}", switch, "ms", hello_key,
            f"≤ {TAB_SWITCH_MS:g} ms", at_most(switch, TAB_SWITCH_MS)),
        Row("First visit Review Log (5)", review_visit, "ms", hello_key,
            f"≤ {FIRST_VISIT_REVIEW_MS:g} ms", at_most(review_visit, FIRST_VISIT_REVIEW_MS)),
        Row("First visit Plan (6)", plan_visit, "ms", hello_key,
            f"≤ {FIRST_VISIT_PLAN_MS:g} ms", at_most(plan_visit, FIRST_VISIT_PLAN_MS)),
        *(Row(f"First visit {name} ({key})", tabs_batch.step_median([pos]), "ms", hello_key)
          for pos, (key, name) in enumerate(
              [("2", "Goals"), ("3", "Triggers"), ("4", "Support")], start=1)),
        Row("Save check-in: Ctrl+S to “Saved”", save_key, "ms", hello_key,
            f"≤ {SAVE_MS:g} ms", at_most(save_key, SAVE_MS)),
        Row("Save, storage only (PlanStore.save)", storage_save, "ms", None,
            f"≤ {SAVE_MS:g} ms", at_most(storage_save, SAVE_MS), "in-process"),
        Row("Peak RSS: start + tabs 1-5", rss_tabs, "MiB", hello_rss,
            f"≤ {PEAK_RSS_MIB:g} MiB", at_most(rss_tabs, PEAK_RSS_MIB)),
        Row("Peak RSS: start + Plan tab", rss_plan, "MiB", hello_rss,
            f"≤ {PEAK_RSS_MIB:g} MiB", at_most(rss_plan, PEAK_RSS_MIB)),
        Row("`export --format md`", median(procs["export"]), "ms", pass_ms,
            f"≤ 2x pass + 100 = {limit:.0f} ms" if limit else "—",
            at_most(median(procs["export"]), limit)),
        Row("`crisis`", median(procs["crisis"]), "ms", pass_ms,
            f"≤ 2x pass + 100 = {limit:.0f} ms" if limit else "—",
            at_most(median(procs["crisis"]), limit)),
        Row("`import` (one run, info)", import_ms, "ms", pass_ms),
    ]  # fmt: skip
    result.raw = {
        "baselines": {"hello_first_ms": hello_first, "hello_key_ms": hello_key,
                      "hello_rss_mib": hello_rss, "python_c_pass_ms": pass_ms},
        "expect_first_frame": first_frame,
        "tab_switches_ms": switches,
        "processes_ms": procs,
        "storage_save_ms": storage,
        "ttfi": {b.label: {"summary": b.summary, "firsts": b.firsts, "steps": b.steps,
                           "errors": b.errors}
                 for b in (hello_batch, tabs_batch, plan_batch, save_batch, review_batch)},
    }  # fmt: skip
    failed = [b for b in (hello_batch, tabs_batch, plan_batch, save_batch, review_batch)
              if b.errors]  # fmt: skip
    for batch in failed:
        result.raw["ttfi"][batch.label]["log_tail"] = batch.log
    return result


# --- output -----------------------------------------------------------------------------


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1f} {unit}" if value < 100 or unit == "MiB" else f"{value:.0f} {unit}"


def table(result: SizeResult) -> str:
    lines = [
        f"### {result.years} year{'s' if result.years != 1 else ''} "
        f"({result.plan_bytes / 1e6:.2f} MB of JSON)",
        "",
        "| Figure | Value | Baseline | Ratio | Target | Result |",
        "|---|--:|--:|--:|---|---|",
    ]
    for row in result.rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "—"
        verdict = {True: "pass", False: "**FAIL**", None: "—"}[row.passed]
        if row.passed is None and row.target != "—":
            verdict = "error"
        base = fmt(row.baseline, row.unit) if row.baseline is not None else "—"
        lines.append(
            f"| {row.figure} | {fmt(row.value, row.unit)} | {base} | {ratio} | {row.target} "
            f"| {verdict} |"
        )
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "date": date.today().isoformat(),
        "python": platform.python_version(),
        "textual": version("textual"),
        "recovery_tui": version("recovery-tui"),
        "cpus": os.cpu_count(),
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure (5)")
    parser.add_argument("--warmup", type=int, default=1, help="discarded runs first (1)")
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10], help="plan sizes")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    parser.add_argument("--ttfi", type=Path, default=Path(os.environ.get("TTFI", DEFAULT_TTFI)))
    parser.add_argument("--poll-ms", type=float, default=5.0, help="ttfi screen poll (5 ms)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per screen wait")
    parser.add_argument(
        "--plan-timeout", type=float, default=300.0, help="seconds to wait for the Plan tab"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args(argv)
    if not args.ttfi.exists():
        parser.error(f"ttfi.py not found at {args.ttfi} (use --ttfi or $TTFI)")
    if shutil.which("tmux") is None:
        parser.error("tmux is needed")

    tmp = Path(tempfile.mkdtemp(prefix="recovery-tui-bench-"))
    env = {**os.environ, DATA_ENV: str(tmp / "never-used" / "plan.json")}
    cfg = Config(args.runs, args.warmup, args.ttfi, args.poll_ms, args.timeout,
                 args.plan_timeout, tmp, env)  # fmt: skip
    before = environment()
    log(f"recovery-tui benchmarks in {tmp} (runs {args.runs}, warm-up {args.warmup})")
    results: list[SizeResult] = []
    try:
        for years in args.years:
            results.append(measure_size(cfg, years, str(HERE / "hello.py")))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    after = environment()

    print(f"## recovery-tui benchmarks, {before['date']}\n")
    print(
        f"Python {before['python']}, Textual {before['textual']}, recovery-tui "
        f"{before['recovery_tui']}, {before['cpus']} CPUs, terminal {WIDTH}x{HEIGHT} (tmux), "
        f"median of {args.runs} runs; load average {' '.join(before['loadavg'])} before, "
        f"{' '.join(after['loadavg'])} after. Baseline: hello world (first frame, key, RSS) "
        "or `python -c pass` (whole commands), measured in the same batch.\n"
    )
    for result in results:
        print(table(result) + "\n")
    if args.json:
        doc = {
            "environment": {"before": before, "after": after},
            "runs": args.runs,
            "sizes": [
                {"years": r.years, "plan_bytes": r.plan_bytes,
                 "rows": [{**asdict(row), "ratio": row.ratio} for row in r.rows],
                 "raw": r.raw}
                for r in results
            ],
        }  # fmt: skip
        args.json.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
