"""The three screens of a practice round: choose, answer, review."""
