"""Attempts kept in SQLite (sqlite-utils) with a versioned schema. No Qt."""
