"""Habits over many answers: going over time, steps most often missed, pace, fillers, content
signals and self-scores (summary.py), and going over time per phase of mock interviews
(mock_phases.py)."""
