"""Packaging files: the Linux desktop entry and AppStream metadata, the macOS plists, the icon set,
the PyInstaller entry point and the desktop-entry installer. The validators run when installed
(desktop-file-utils, appstream); the structural checks always run."""

from __future__ import annotations

import ast
import configparser
import os
import plistlib
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT

APP_ID = "io.github.interviewer.Interviewer"
LINUX = ROOT / "packaging" / "linux"
MACOS = ROOT / "packaging" / "macos"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "assets" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VERSION = PYPROJECT["project"]["version"]
COMMAND = next(iter(PYPROJECT["project"]["scripts"]))


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_desktop_entry_has_the_required_keys():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Interviewer" and entry["Comment"]
    assert entry["Exec"] == COMMAND == "interviewer-app"  # the command pip/pipx installs
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    categories = entry["Categories"].split(";")
    assert "Education" in categories and entry["Categories"].endswith(";")
    keywords = [k for k in entry["Keywords"].split(";") if k]
    assert "interview" in keywords and len(keywords) >= 5 and entry["Keywords"].endswith(";")


def test_metainfo_describes_the_app_and_matches_the_package():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == "Interviewer" and root.findtext("summary")
    assert root.find("description/p") is not None and "stays on your computer" in ET.tostring(root.find("description"), encoding="unicode")
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]["text"]
    assert root.find("launchable[@type='desktop-id']").text == DESKTOP.name
    assert root.findtext("provides/binary") == COMMAND
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert root.find("url[@type='homepage']").text.startswith("https://")
    assert root.find("releases/release").get("version") == VERSION  # newest release first
    assert "Education" in [c.text for c in root.findall("categories/category")]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream is not installed")
def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_macos_info_plist_keys_and_version():
    with open(MACOS / "Info.plist", "rb") as f:
        info = plistlib.load(f)
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleShortVersionString"] == VERSION == info["CFBundleVersion"]
    assert info["NSHighResolutionCapable"] is True
    assert tuple(int(x) for x in info["LSMinimumSystemVersion"].split(".")) >= (14, 0)  # PySide6 6.12 wheels
    usage = info["NSMicrophoneUsageDescription"]
    assert "microphone" in usage and "stays on this computer" in usage
    assert info["CFBundleName"] == "Interviewer" and info["CFBundlePackageType"] == "APPL"


def test_macos_entitlements_for_the_hardened_runtime():
    with open(MACOS / "entitlements.plist", "rb") as f:
        ent = plistlib.load(f)
    assert ent == {
        "com.apple.security.device.audio-input": True,
        "com.apple.security.cs.allow-unsigned-executable-memory": True,
        "com.apple.security.cs.disable-library-validation": True,
    }


def _png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_icon_set_is_complete_and_square():
    assert ET.parse(ICONS / "interviewer.svg").getroot().tag.endswith("svg")
    for size in ICON_SIZES:
        assert _png_size(ICONS / f"interviewer-{size}.png") == (size, size)


def test_icon_pngs_are_rendered_from_the_svg():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "render_icons.py"), "--check"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr


def test_package_data_ships_prompts_icons_and_the_step_model():
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["interviewer_app"]
    package = ROOT / "interviewer_app"
    shipped = {p.relative_to(package).as_posix() for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    assert {"resources/prompts/prompts.toml", "resources/prompts/budgets.toml",
            "resources/assets/icons/interviewer.svg", "analysis/structure/step_model.json.gz"} <= shipped
    assert {f"resources/assets/icons/interviewer-{s}.png" for s in ICON_SIZES} <= shipped


def test_pyinstaller_spec_is_python_and_bundles_what_the_app_needs():
    text = (ROOT / "packaging" / "interviewer.spec").read_text()
    ast.parse(text)
    for needed in ("get_model_path()", '"faster_whisper"', "step_model.json.gz", "Info.plist",
                   "entitlements.plist", "entry.py", "PySide6.QtCharts", "PySide6.QtMultimedia",
                   "PySide6.QtTextToSpeech"):
        assert needed in text, needed


def test_frozen_entry_point_dispatches_like_the_command():
    entry = str(ROOT / "packaging" / "entry.py")
    out = subprocess.run([sys.executable, entry, "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == f"interviewer-app {VERSION}"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    gui = subprocess.run([sys.executable, entry], capture_output=True, text=True, env=env, timeout=60)
    assert gui.returncode == 1 and "no display to open the window on" in gui.stderr  # the desktop-app path


@pytest.mark.parametrize("script", ["packaging/build.sh", "packaging/smoke_test.sh",
                                    "packaging/linux/install-desktop-entry.sh"])
def test_shell_scripts_parse(script):
    result = subprocess.run(["bash", "-n", str(ROOT / script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert os.access(ROOT / script, os.X_OK)


def test_desktop_entry_installs_and_uninstalls_for_the_user(tmp_path):
    data = tmp_path / "share"
    command = tmp_path / "bin dir" / "interviewer-app"  # a space: Exec must quote it
    command.parent.mkdir()
    command.write_text("#!/bin/sh\nexit 0\n")
    command.chmod(0o755)
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    script = str(LINUX / "install-desktop-entry.sh")
    subprocess.run(["bash", script, "--exec", str(command)], check=True, capture_output=True, env=env)
    installed = data / "applications" / DESKTOP.name
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(installed.read_text())
    assert parser["Desktop Entry"]["Exec"] == f'"{command}"'
    assert parser["Desktop Entry"]["Icon"] == APP_ID
    for size in ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data / "metainfo" / METAINFO.name).is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout

    subprocess.run(["bash", script, "--uninstall"], check=True, capture_output=True, env=env)
    left = [p for p in data.rglob("*") if p.is_file() and APP_ID in p.name]
    assert left == []
