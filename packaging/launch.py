"""Entry point of the built app (PyInstaller): the same as the ``dpo-desk`` command."""

from dpo_desk.cli import main

raise SystemExit(main())
