"""`python -m interviewer_app` runs the same entry point as `interviewer-app`."""

from interviewer_app.cli import main

raise SystemExit(main())
