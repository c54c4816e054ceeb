"""Entry of the built windowed program ``dpo-desk`` (no console window on Windows)."""

import multiprocessing

from dpo_desk.cli import gui_main

if __name__ == "__main__":
    # Printing a whole school lays out half the forms in a second process
    # (dpo_desk.reports.parallel); a frozen app starts it through this entry.
    multiprocessing.freeze_support()
    raise SystemExit(gui_main())
