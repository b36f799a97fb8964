"""Feedback on an answer: structure (the 8 steps), pacing, fillers and the time budget. No Qt."""
