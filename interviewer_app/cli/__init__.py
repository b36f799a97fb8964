"""`interviewer-app`: the command line. With no command it opens the desktop app."""

from __future__ import annotations

import argparse
import os
import sys

from interviewer_app import __version__
from interviewer_app.core.errors import InterviewerError
from interviewer_app.core.offline import disable_telemetry


def build_parser() -> argparse.ArgumentParser:
    from interviewer_app.cli import analyze_cmd, history_cmd, listing, mock_cmd, practice_cmd

    parser = argparse.ArgumentParser(
        prog="interviewer-app",
        description="Rehearse PM execution interview answers out loud: local transcription, "
                    "pacing against time budgets and 8-step structure feedback. Offline.")
    parser.add_argument("--version", action="version", version=f"interviewer-app {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    analyze_cmd.add_parser(sub)
    listing.add_parsers(sub)
    practice_cmd.add_parsers(sub)
    history_cmd.add_parsers(sub)
    mock_cmd.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    disable_telemetry()  # before anything loads onnxruntime (see core/offline.py)
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _open_desktop_app(parser)
    try:
        return args.run(args)
    except InterviewerError as exc:
        print(f"interviewer-app: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interviewer-app: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line unless asked for details
        if args.debug or os.environ.get("INTERVIEWER_DEBUG"):
            raise
        print(f"interviewer-app: unexpected error ({type(exc).__name__}: {exc}); run again with "
              "--debug for details and please report it", file=sys.stderr)
        return 1


def _open_desktop_app(parser: argparse.ArgumentParser) -> int:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        print("interviewer-app: error: no display to open the window on; run it in a desktop "
              "session, or use the command line (interviewer-app --help)", file=sys.stderr)
        return 1
    try:
        from interviewer_app.ui.app import run_app
    except ImportError as exc:
        print(f"interviewer-app: error: the desktop app cannot start ({exc}); reinstall with "
              "`pip install PySide6-Essentials PySide6-Addons`, or use the command line "
              "(interviewer-app --help)", file=sys.stderr)
        return 1
    return run_app()
