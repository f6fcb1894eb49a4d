from simulasi.cli import main

raise SystemExit(main())
