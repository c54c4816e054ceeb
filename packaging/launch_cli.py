"""Entry of the built console program ``dpo-desk-cli``: the command line of ``dpo-desk``."""

from dpo_desk.cli import main

raise SystemExit(main())
