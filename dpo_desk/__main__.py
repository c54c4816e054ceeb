import multiprocessing

from dpo_desk.cli import main

if __name__ == "__main__":
    # A frozen app (PyInstaller) starts its printing worker processes through this entry.
    multiprocessing.freeze_support()
    raise SystemExit(main())
