"""`interviewer-app`: the command line. With no command it opens the desktop app."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from interviewer_app import __version__
from interviewer_app.core.errors import InterviewerError
from interviewer_app.core.offline import disable_telemetry

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    from interviewer_app.cli import analyze_cmd, history_cmd, listing, mock_cmd, models_cmd, next_cmd, practice_cmd

    parser = _Parser(
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
    next_cmd.add_parsers(sub)
    models_cmd.add_parsers(sub)
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse echoes what was typed (a file name, a bad value): without terminal escapes."""

    def _print_message(self, message, file=None):
        from interviewer_app.core.safe_text import printable

        super()._print_message(printable(message) if message else message, file)


class _OutputError(InterviewerError):
    """Standard output cannot be written (a full disk or device behind `>`)."""


class _Stdout:
    """Standard output for one command: a failed write (e.g. `> /dev/full`) becomes one clear
    line instead of an "unexpected error" or a traceback at exit."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        return self._guard(self._stream.write, text)

    def flush(self):
        return self._guard(self._stream.flush)

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def _guard(self, call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            _silence_stdout(self._stream)
            raise _OutputError(f"cannot write to standard output ({exc.strerror or exc}); free some "
                               "space or send the output somewhere else") from None


def _silence_stdout(stream) -> None:
    """Point stdout at the null device, so Python's flush at exit does not fail a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # not a real file (tests capturing output)
        pass


def main(argv: list[str] | None = None) -> int:
    disable_telemetry()  # before anything loads onnxruntime (see core/offline.py)
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--playback-worker"]:  # the app's own playback child (hidden; see audio/playback_worker.py)
        from interviewer_app.audio import playback_worker

        return playback_worker.main()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _open_desktop_app(parser)
    log_path = _start_logging(args)
    stdout, sys.stdout = sys.stdout, _Stdout(sys.stdout)
    try:
        code = args.run(args)
        sys.stdout.flush()
        return code
    except InterviewerError as exc:
        log.info("%s stopped with exit code %s (%s)", args.command, exc.exit_code, type(exc).__name__)
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        print("interviewer-app: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout(stdout)
        return 0
    except Exception as exc:  # a bug: one line unless asked for details; the traceback is in the log
        log.exception("unexpected error in %s", args.command)
        if args.debug or os.environ.get("INTERVIEWER_DEBUG"):
            raise
        details = (f"details are in {log_path}; please report it with that file" if log_path else
                   "run again with --debug for details and please report it")
        _error(f"unexpected error ({type(exc).__name__}: {exc}); {details}", prefix="")
        return 1
    finally:
        sys.stdout = stdout


def _start_logging(args: argparse.Namespace):
    """The log file for this command (None when it cannot be written); logs the command's name
    only, never what it was given (file names, answers)."""
    from interviewer_app.core.logs import setup_logging
    from interviewer_app.core.paths import app_paths

    path = setup_logging(app_paths(), debug=args.debug)
    log.info("interviewer-app %s: %s", __version__, args.command)
    return path


def _error(message: str, prefix: str = "error: ") -> None:
    """The one line a failed command leaves on stderr (file names in it cannot drive the terminal)."""
    from interviewer_app.core.safe_text import printable

    print(f"interviewer-app: {prefix}{printable(message)}", file=sys.stderr)


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
