"""Start the desktop app: QApplication, theme that follows the system, the main window."""

from __future__ import annotations

import logging
import sys

from interviewer_app import __version__
from interviewer_app.core.logs import install_excepthooks, setup_logging
from interviewer_app.core.offline import disable_telemetry
from interviewer_app.core.paths import app_paths, resource_dir
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets
from interviewer_app.services.pipeline import AppContext
from interviewer_app.ui import dialogs


def apply_theme(app: QtWidgets.QApplication, scheme: str | None = None) -> None:
    """Fusion style with a palette that follows the system's light or dark preference
    (INTERVIEWER_THEME=dark or light overrides it)."""
    import os

    app.setStyle("Fusion")
    scheme = scheme or os.environ.get("INTERVIEWER_THEME")
    dark = scheme == "dark" if scheme in ("dark", "light") else \
        app.styleHints().colorScheme() == QtCore.Qt.ColorScheme.Dark
    if dark:
        p = QtGui.QPalette()
        dark, base, text = QtGui.QColor(45, 45, 48), QtGui.QColor(30, 30, 32), QtGui.QColor(230, 230, 230)
        for role, color in ((QtGui.QPalette.ColorRole.Window, dark), (QtGui.QPalette.ColorRole.Base, base),
                            (QtGui.QPalette.ColorRole.AlternateBase, dark), (QtGui.QPalette.ColorRole.Button, dark),
                            (QtGui.QPalette.ColorRole.Text, text), (QtGui.QPalette.ColorRole.WindowText, text),
                            (QtGui.QPalette.ColorRole.ButtonText, text),
                            (QtGui.QPalette.ColorRole.Highlight, QtGui.QColor(64, 128, 200)),
                            (QtGui.QPalette.ColorRole.ToolTipBase, base), (QtGui.QPalette.ColorRole.ToolTipText, text),
                            (QtGui.QPalette.ColorRole.PlaceholderText, QtGui.QColor(150, 150, 150)),
                            (QtGui.QPalette.ColorRole.Link, QtGui.QColor(110, 170, 255))):
            p.setColor(role, color)
        muted = QtGui.QColor(130, 130, 130)
        for role in (QtGui.QPalette.ColorRole.Text, QtGui.QPalette.ColorRole.WindowText,
                     QtGui.QPalette.ColorRole.ButtonText):
            p.setColor(QtGui.QPalette.ColorGroup.Disabled, role, muted)  # disabled must look disabled
        app.setPalette(p)


DESKTOP_ID = "io.github.interviewer.Interviewer"  # packaging/linux/<id>.desktop
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QtGui.QIcon:
    """The app icon from the bundled PNGs (assets/icons, rendered by scripts/render_icons.py)."""
    icon = QtGui.QIcon()
    folder = resource_dir("assets") / "icons"
    for size in ICON_SIZES:
        path = folder / f"interviewer-{size}.png"
        if path.exists():
            icon.addFile(str(path), QtCore.QSize(size, size))
    return icon


def create_window(ctx: AppContext | None = None, **kwargs):
    from interviewer_app.speech.prompt_voice import PromptVoice
    from interviewer_app.ui.main_window import MainWindow

    ctx = ctx or AppContext()
    voice = kwargs.pop("voice", None) or PromptVoice()
    return MainWindow(ctx, voice=voice, **kwargs)


def run_app(argv: list[str] | None = None) -> int:
    disable_telemetry()  # before anything loads onnxruntime (see core/offline.py)
    paths = app_paths()
    log_file = setup_logging(paths)
    install_excepthooks(paths)  # Qt slots' exceptions too: logged with their traceback
    logging.getLogger(__name__).info("desktop app %s starting", __version__)
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(argv or sys.argv)
    app.setApplicationName("Interviewer")
    app.setOrganizationName("interviewer-app")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)  # Wayland compositors take the icon from that .desktop
    app.setWindowIcon(app_icon())
    apply_theme(app)
    dialogs.install_error_notice(log_file)  # and said on screen, once per kind of error
    window = create_window()
    window.show()
    QtCore.QTimer.singleShot(0, lambda: window.start_up(welcome=True))
    return app.exec()
