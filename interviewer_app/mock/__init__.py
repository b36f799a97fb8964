"""The mock interview, without Qt: its plan (plan, folder), the interview as it happens
(interview, clock, follow_ups) and its report. What is stored as it goes is services/mock_session.py;
going over time per phase across interviews is part of the habits (analysis/habits/mock_phases.py). The
desktop app (ui/mock_*) and the terminal `mock` (cli/mock_*) drive it."""
