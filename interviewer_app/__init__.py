"""Interviewer: rehearse PM execution interview answers out loud, offline."""

__version__ = "0.1.0"
