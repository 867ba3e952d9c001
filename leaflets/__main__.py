from leaflets.cli import main

raise SystemExit(main())
