"""Entry of the built windowed program ``dpo-desk`` (no console window on Windows)."""

from dpo_desk.cli import gui_main

raise SystemExit(gui_main())
