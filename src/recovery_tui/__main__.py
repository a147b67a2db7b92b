"""``python -m recovery_tui``: the same as the ``recovery-tui`` command."""

from recovery_tui.cli import main

raise SystemExit(main())
