"""Exports of attempts and history: Markdown, HTML, JSON and CSV (no Qt; PDF lives in ui/)."""
