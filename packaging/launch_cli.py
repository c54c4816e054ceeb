"""Entry of the built console program ``dpo-desk-cli``: the command line of ``dpo-desk``."""

import multiprocessing

from dpo_desk.cli import main

if __name__ == "__main__":
    # Printing a whole school lays out half the forms in a second process
    # (dpo_desk.reports.parallel); a frozen app starts it through this entry.
    multiprocessing.freeze_support()
    raise SystemExit(main())
