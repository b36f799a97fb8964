"""`interviewer-app models`: the speech models you can use, and `models download NAME` to fetch
one (faster-whisper's own downloader; the desktop app runs this same command in its own process,
so a download can be stopped). Nothing is downloaded without this command or a click in the app."""

from __future__ import annotations

import threading
from pathlib import Path

from interviewer_app.cli.terminal import safe


def add_parsers(sub) -> None:
    m = sub.add_parser("models", help="the speech models you can use; `models download NAME` fetches one")
    m.add_argument("--json", action="store_true", help="print JSON")
    m.add_argument("--into", metavar="FOLDER", type=Path, help="the models folder (default: the app's)")
    m.set_defaults(run=run_list)
    msub = m.add_subparsers(dest="models_command", metavar="ACTION")
    d = msub.add_parser("download", help="download a speech model (needs the internet, once)")
    d.add_argument("name", help="a model name from `interviewer-app models`, e.g. base.en")
    d.add_argument("--into", metavar="FOLDER", type=Path, help="the models folder (default: the app's)")
    d.set_defaults(run=run_download)


def _models_dir(args) -> Path:
    if getattr(args, "into", None):
        return args.into
    from interviewer_app.core.paths import app_paths

    return app_paths().models_dir


def run_list(args) -> int:
    from interviewer_app.transcribe.catalog import CHOICES, is_downloaded

    folder = _models_dir(args)
    rows = [{"name": c.name, "size_mb": c.size_mb, "relative_cost": c.cost, "note": c.note,
             "bundled": c.bundled, "on_this_computer": is_downloaded(c.name, folder)} for c in CHOICES]
    if args.json:
        from interviewer_app.cli.report import print_json

        print_json({"models_dir": str(folder), "models": rows})
        return 0
    for r in rows:
        state = "bundled" if r["bundled"] else "downloaded" if r["on_this_computer"] else "not downloaded"
        print(safe(f"{r['name']:<17} {r['size_mb']:>5} MB  about {r['relative_cost']:g}× tiny.en's time  "
                   f"{state:<15} {r['note']}"))
    print(safe(f"\nDownloaded models live in {folder}. Use one with --model NAME, or in the app: "
               "Settings › Speech model."))
    return 0


def run_download(args) -> int:
    from interviewer_app.cli.terminal import say
    from interviewer_app.core.errors import ModelError
    from interviewer_app.transcribe.catalog import download_progress
    from interviewer_app.transcribe.models import DEFAULT_MODEL, download, resolve_model

    folder = _models_dir(args)
    if args.name == DEFAULT_MODEL:
        say(f"{DEFAULT_MODEL} comes with the app: nothing to download")
        return 0
    source = resolve_model(args.name, folder)  # an unknown name is a usage error, said in one line
    if source.path is not None:
        print(safe(str(source.path)))
        return 0
    done = threading.Event()

    def report_progress() -> None:  # a line every 2 s: how much is on disk
        while not done.wait(2.0):
            got, total = download_progress(args.name, folder)
            share = f" ({got / total:.0%})" if total else ""
            say(f"{args.name}: {got / 1e6:.0f} of {total / 1e6 if total else 0:.0f} MB{share}")

    watcher = threading.Thread(target=report_progress, daemon=True)
    watcher.start()
    try:
        path = download(source, folder, say)
    except ModelError:
        raise
    finally:
        done.set()
    print(safe(str(path)))
    return 0
