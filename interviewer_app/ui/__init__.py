"""The desktop app (PySide6). Views over the Qt-free core; no analysis happens here."""
