"""Entry point of the frozen app (PyInstaller): the same dispatch as the `interviewer-app` command.

No arguments open the desktop app; `analyze`, `prompts`, `practice`, ... run the command line,
exactly as `interviewer-app` and `python -m interviewer_app` do.
"""

import sys

from interviewer_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
