"""`analyze-mock DIR` reads only regular files inside DIR (issue 18 item 9): a symlink pointing out,
an absolute or `..` path in session.toml, a FIFO or a device is refused with one line naming the
file (and the session.toml line), and nothing of the outside file reaches the database."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.unit.test_cli_basics import assert_clean_error, run
from tests.unit.test_follow_ups import WE_STORY

MARKER = "quokka-zanzibar-4412"  # only the outside file holds it
SECRET = f"{WE_STORY} The vault code is {MARKER}."


@pytest.fixture
def outside(tmp_path) -> Path:
    """A readable answer-like file next to (not inside) the answers folder."""
    path = tmp_path / "elsewhere" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "mock"
    path.mkdir()
    return path


def analyze_mock(folder: Path, *args: str):
    return run("analyze-mock", str(folder), "--company", "google", "--save", "--json", *args)


def stored_text(home: Path) -> str:
    """Everything the app keeps under its home: every row of the database and every file's bytes."""
    chunks = []
    database = home / "data" / "interviewer.sqlite3"
    if database.exists():
        with sqlite3.connect(database) as db:
            chunks.extend(db.iterdump())
    for path in home.rglob("*") if home.exists() else ():
        if path.is_file():
            chunks.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(chunks)


def assert_refused(result, home: Path, code: int, *words: str) -> None:
    assert_clean_error(result, code, *words)
    assert MARKER not in result.stdout + result.stderr
    assert MARKER not in stored_text(home)
    assert "root:x:0:0" not in stored_text(home)


def test_a_symlink_pointing_out_of_the_folder_is_refused(folder, outside, isolated_home):
    (folder / "01-story.txt").symlink_to(outside)
    result = analyze_mock(folder)
    assert_refused(result, isolated_home, 2, "01-story.txt", "outside")


def test_a_symlink_to_etc_passwd_is_refused(folder, isolated_home):
    (folder / "01-story.txt").symlink_to("/etc/passwd")
    assert_refused(analyze_mock(folder), isolated_home, 2, "01-story.txt", "outside")


def test_a_relative_symlink_climbing_out_is_refused(folder, outside, isolated_home):
    (folder / "01-story.txt").symlink_to(Path("..") / outside.parent.name / outside.name)
    assert_refused(analyze_mock(folder), isolated_home, 2, "01-story.txt", "outside")


def manifest(folder: Path, file: str) -> None:
    (folder / "session.toml").write_text(f'company = "google"\n\n[[answer]]\nphase = "story"\nfile = "{file}"\n')


@pytest.mark.parametrize("name", ["absolute", "dot-dot", "symlink"])
def test_a_manifest_naming_a_file_outside_the_folder_is_refused(folder, outside, isolated_home, name):
    if name == "symlink":
        (folder / "link.txt").symlink_to(outside)
    file = {"absolute": str(outside), "dot-dot": f"../{outside.parent.name}/{outside.name}",
            "symlink": "link.txt"}[name]
    manifest(folder, file)
    result = run("analyze-mock", str(folder), "--save", "--json")
    assert_refused(result, isolated_home, 1, f"{folder / 'session.toml'}:5", file, "outside")


def test_a_manifest_that_is_itself_a_symlink_out_is_refused(folder, outside, tmp_path, isolated_home):
    elsewhere = tmp_path / "elsewhere" / "session.toml"
    elsewhere.write_text(f'company = "google"\n\n[[answer]]\nfile = "{outside}"\n')
    (folder / "session.toml").symlink_to(elsewhere)
    assert_refused(analyze_mock(folder), isolated_home, 2, "session.toml", "outside")


@pytest.mark.parametrize("how", ["name", "manifest"])
def test_a_fifo_is_refused_without_hanging(folder, isolated_home, how):
    os.mkfifo(folder / "01-story.txt")
    if how == "manifest":
        manifest(folder, "01-story.txt")
    result = analyze_mock(folder)  # a read of the FIFO would block until the run() timeout
    assert_clean_error(result, 2 if how == "name" else 1, "01-story.txt", "not a regular file")


def test_a_device_linked_in_is_refused(folder, isolated_home):
    (folder / "01-story.txt").symlink_to("/dev/zero")
    assert_refused(analyze_mock(folder), isolated_home, 2, "01-story.txt", "outside")


def test_links_and_subfolders_inside_the_folder_still_work(folder, tmp_path, isolated_home):
    (folder / "takes").mkdir()
    (folder / "takes" / "story-take3.txt").write_text(WE_STORY)
    (folder / "01-story.txt").symlink_to(Path("takes") / "story-take3.txt")
    linked_folder = tmp_path / "linked-mock"
    linked_folder.symlink_to(folder)  # the folder itself may be a link: it is what the user chose
    out = analyze_mock(linked_folder)
    assert out.returncode == 0, out.stderr
    assert '"status": "finished"' in out.stdout

    manifest(folder, "takes/story-take3.txt")
    out = analyze_mock(folder)
    assert out.returncode == 0, out.stderr
