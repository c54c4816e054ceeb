from dpo_desk.cli import main

raise SystemExit(main())
